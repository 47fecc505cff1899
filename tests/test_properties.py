"""Property tests: random, degenerate, out-of-image geometry and any unicode never crash, and stay clipped."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from vision_viz import ResponseBodyError, draw, draw_boxes, draw_polygons, parse
from vision_viz._fonts import METRICS
from vision_viz._geometry import clip_box, clip_polygon
from vision_viz._layout import plan
from vision_viz._parse import Analysis, Annotation, _read_geometries, _read_geometry
from vision_viz._style import make_style

coordinates = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False)
any_float = st.floats(allow_nan=True, allow_infinity=True)
sizes = st.tuples(st.integers(1, 64), st.integers(1, 64))
points = st.tuples(coordinates, coordinates)
labels = st.text(max_size=30)
fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def inside(box, size) -> bool:
    x1, y1, x2, y2 = box
    return 0 <= x1 < x2 <= size[0] and 0 <= y1 < y2 <= size[1]


@fast
@given(box=st.tuples(any_float, any_float, any_float, any_float), size=sizes)
def test_clip_box_is_inside_or_none(box, size):
    clipped = clip_box(box, size)
    assert clipped is None or (inside(clipped, size) and all(isinstance(v, int) for v in clipped))


@fast
@given(polygon=st.lists(points, max_size=8), size=sizes)
def test_clip_polygon_is_inside_or_none(polygon, size):
    clipped = clip_polygon(polygon, size)
    assert clipped is None or all(0 <= x <= size[0] and 0 <= y <= size[1] for x, y in clipped)


annotations = st.builds(
    lambda kind, label, confidence, box, polygon: Annotation(
        kind, label, confidence, box, tuple(polygon) if polygon and len(polygon) >= 3 else None
    ),
    kind=st.sampled_from(["object", "person", "word", "line", "region", "smart_crop", "face"]),
    label=labels,
    confidence=st.none() | st.floats(0, 1),
    box=st.tuples(coordinates, coordinates, coordinates, coordinates),
    polygon=st.none() | st.lists(points, min_size=1, max_size=6),
)


@fast
@given(
    items=st.lists(annotations, max_size=12),
    size=sizes,
    caption=st.none() | labels,
    ocr_text=st.sampled_from(["label", "place"]),
)
def test_plan_keeps_everything_inside_the_image(items, size, caption, ocr_text):
    from vision_viz._parse import Label

    analysis = Analysis(tuple(items), captions=(Label(caption),) if caption else ())
    layout = plan(analysis, size, make_style(ocr_text=ocr_text), METRICS)
    for outline in layout.outlines:
        if outline.box:
            assert inside(outline.box, size)
        else:
            assert all(0 <= x <= size[0] and 0 <= y <= size[1] for x, y in outline.polygon)
    for label in layout.labels:
        assert inside(label.box, size)
    for placed in layout.placed:
        assert all(0 <= x <= size[0] and 0 <= y <= size[1] for x, y in placed.polygon)
    if layout.banner:
        assert layout.banner.top == size[1] and layout.banner.height > 0


@fast
@given(
    boxes=st.lists(st.tuples(coordinates, coordinates, coordinates, coordinates), max_size=8),
    words=st.lists(labels, min_size=8, max_size=8),
    size=sizes,
)
def test_drawing_random_boxes_never_crashes_and_keeps_the_size(boxes, words, size):
    drawn = draw_boxes(Image.new("RGB", size), boxes, labels=words[: len(boxes)], show_confidence=True)
    assert drawn.size == size


@fast
@given(
    polygons=st.lists(st.lists(points, min_size=1, max_size=6), max_size=5),
    size=sizes,
    text=labels,
)
def test_drawing_random_polygons_with_unicode_labels_never_crashes(polygons, size, text):
    drawn = draw_polygons(np.zeros((size[1], size[0], 3), np.uint8), polygons, labels=[text] * len(polygons))
    assert drawn.size == size


def word(text: str, polygon: list[tuple[float, float]]) -> dict:
    return {"text": text, "confidence": 0.5, "boundingPolygon": [{"x": x, "y": y} for x, y in polygon]}


@fast
@given(
    words=st.lists(st.tuples(labels, st.lists(points, min_size=3, max_size=5)), max_size=6),
    size=sizes,
    ocr_text=st.sampled_from(["label", "place"]),
)
def test_ocr_bodies_with_any_text_and_geometry_draw(words, size, ocr_text):
    body = {"readResult": {"blocks": [{"lines": [{"text": "x", "boundingPolygon": [{"x": 0, "y": 0}] * 4,
                                                  "words": [word(t, p) for t, p in words]}]}]}}  # fmt: skip
    drawn = draw(Image.new("RGB", size), body, ocr_text=ocr_text)
    assert drawn.size == size


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["x", "y", "w", "h", "boundingBox", "boundingPolygon", "values", "text", "tags", "name",
                         "confidence", "lines", "words", "blocks", "readResult", "objectsResult", "regions",
                         "faces", "faceRectangle", "left", "top", "width", "height", "metadata", "status"]),
        children, max_size=5),
    max_leaves=25,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(body=json_values)
def test_parse_returns_an_analysis_or_a_clear_error(body):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            analysis = parse(json.loads(json.dumps(body)))
        except ResponseBodyError:
            return
    for annotation in analysis.annotations:
        assert all(math.isfinite(v) for v in annotation.box)


json_numbers = (
    st.integers(-(10**6), 10**6) | st.floats(-1e6, 1e6) | st.sampled_from([math.inf, math.nan, True, "7", 10**400])
)
json_points = st.fixed_dictionaries({"x": json_numbers, "y": json_numbers}) | st.sampled_from(
    [{"x": 1}, {"X": 1, "Y": 2}]
)
geometries = (
    st.lists(st.fixed_dictionaries({"x": st.integers(-100, 5000), "y": st.floats(-100, 5000)}), min_size=3, max_size=5)
    | st.lists(json_points, max_size=6)
    | st.sampled_from(["1,2,3,4", [1, 2, 3, 4, 5, 6], {"x": 1, "y": 2, "w": 3, "h": 4}, None, [[1, 2], [3, 4], [5, 6]],
                      [{"x": 1, "y": 2}, 5, {"X": 3, "Y": 4}]])  # fmt: skip
)


def read_one_by_one(values):
    results = []
    for value in values:
        try:
            results.append(_read_geometry(value))
        except ValueError as exc:
            results.append(str(exc))
    return results


@settings(max_examples=300, deadline=None)
@given(values=st.lists(geometries, max_size=12))
def test_geometry_read_together_equals_geometry_read_one_by_one(values):
    together = [result if isinstance(result, tuple) else str(result) for result in _read_geometries(values)]
    assert together == read_one_by_one(values)
    for result in together:
        if isinstance(result, tuple):
            box, polygon = result
            assert all(type(v) is float and math.isfinite(v) for v in box)
            assert polygon is None or all(type(v) is float for point in polygon for v in point)


# Every key the parser reads, and leaves a hostile body may hold: huge integers, NaN, lone
# surrogates, empty strings, numbers where text belongs and text where numbers belong.
BODY_KEYS = [
    "boundingBox", "boundingPolygon", "values", "text", "tags", "name", "confidence", "lines", "words", "blocks",
    "readResult", "objectsResult", "regions", "faces", "faceRectangle", "x", "y", "w", "h", "left", "top", "width",
    "height", "metadata", "captionResult", "denseCaptionsResult", "smartCropsResult", "aspectRatio",
    "peopleResult", "color", "dominantColors", "accentColor", "dominantColorForeground", "description", "captions",
    "categories", "detail", "celebrities", "pages", "pageNumber", "page", "angle", "unit", "analyzeResult",
    "readResults", "recognitionResult", "textAngle", "orientation", "areaOfInterest", "describeResult", "tagsResult",
    "brands", "rectangle", "clockwiseOrientation", "isBWImg",
]  # fmt: skip
hostile_leaves = (
    st.none() | st.booleans() | st.integers(-(10**400), 10**400) | st.floats() | st.text(max_size=6)
    | st.sampled_from(["\ud83d", "", "1,2,3,4", "Black", "Low", "1e400", 10**400, -(10**400), 2**63])
)  # fmt: skip
hostile_bodies = st.dictionaries(
    st.sampled_from(BODY_KEYS),
    st.recursive(hostile_leaves, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.sampled_from(BODY_KEYS), c,
                                                                                      max_size=5), max_leaves=30),
    min_size=1, max_size=6,
)  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=hostile_bodies, size=sizes)
def test_hostile_bodies_draw_or_raise_the_packages_own_error(body, size):
    """Any body parses, draws, makes a swatch and a tag chart, or says clearly why not (ValueError)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from vision_viz import color_swatch, plot_tags

    calls = {
        "draw": lambda: draw(Image.new("RGB", size), body),
        "place": lambda: draw(Image.new("RGB", size), body, ocr_text="place", show_confidence=True),
        "swatch": lambda: color_swatch(body),
        "tags": lambda: plot_tags(body),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, call in calls.items():
            try:
                result = call()
            except ValueError as exc:  # ResponseBodyError, or "no colour scheme"
                assert len(str(exc)) < 1000, name
                continue
            finally:
                plt.close("all")
            if name in ("draw", "place"):
                assert result.width == size[0] and result.height >= size[1]
