"""Every response body Microsoft published (tests/data/published-responses) parses and draws.

Each body is drawn on a blank canvas of its size, page by page, and must show one outline per
geometric item in the JSON, counted here independently of the parser.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import numpy as np
import pytest
from PIL import Image

from conftest import DATA
from vision_viz import ResponseBodyError, draw, parse
from vision_viz._fonts import METRICS
from vision_viz._layout import make_style, plan, reference_size

PUBLISHED = DATA / "published-responses"
BODIES = sorted(PUBLISHED.rglob("*.json"))
BACKGROUND = (128, 128, 128)
# The successor services' answers add "polygon" and "source".
GEOMETRY_KEYS = {"boundingBox", "boundingPolygon", "rectangle", "faceRectangle", "polygon", "source"}


def count_items(value: Any, top: bool = True) -> int:
    """How many items in a JSON value carry geometry (the 3.2 areaOfInterest is one at the top)."""
    if isinstance(value, list):
        return sum(count_items(item, False) for item in value)
    if not isinstance(value, dict):
        return 0
    own = 1 if GEOMETRY_KEYS & set(value) or (top and "areaOfInterest" in value) else 0
    return own + sum(count_items(child, False) for key, child in value.items() if key not in GEOMETRY_KEYS)


def canvas_for(body: dict) -> Image.Image:
    """A blank canvas as large as the body says, or as its geometry reaches (whichever is larger)."""
    analysis = parse(body)
    dpi = 100 if any(page.unit == "inch" for page in analysis.pages) else 1  # a PDF page rendered at 100 dpi
    width, height = analysis.size or (1, 1)
    for annotation in analysis.annotations:
        width, height = max(width, annotation.box[2]), max(height, annotation.box[3])
    width, height = width * dpi, height * dpi
    return Image.new("RGB", (int(np.ceil(width)), int(np.ceil(height))), BACKGROUND)


@pytest.mark.parametrize("path", BODIES, ids=[str(p.relative_to(PUBLISHED)) for p in BODIES])
def test_published_body_parses_and_draws_every_item(path):
    body = json.loads(path.read_text(encoding="utf-8"))
    if path.parent.name == "errors":
        with pytest.raises(ResponseBodyError, match="error response"):
            parse(body)
        return
    analysis = parse(body)
    assert len(analysis.annotations) == count_items(body)
    canvas = canvas_for(body)
    analysis = parse(body, image_size=canvas.size)  # as draw() reads it: legacy OCR turned back upright
    pages = sorted({a.page for a in analysis.annotations if a.page is not None}) or [1]
    outlines = 0
    for page in pages:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a doc example whose geometry exceeds its stated page size
            drawn = np.asarray(draw(canvas, body, page=page, min_confidence=0))  # every item, even unlikely people
            reference = reference_size(analysis.size, canvas.size)
        layout = plan(analysis, canvas.size, make_style(page=page, min_confidence=0), METRICS,
                      (canvas.width / reference[0], canvas.height / reference[1]))  # fmt: skip
        outlines += len(layout.outlines)
        for outline in layout.outlines:
            x, y = (outline.box[0], (outline.box[1] + outline.box[3]) // 2) if outline.box else outline.polygon[0]
            x, y = min(round(x), canvas.width - 1), min(round(y), canvas.height - 1)  # polygons are drawn rounded
            assert tuple(drawn[y, x]) != BACKGROUND, f"nothing drawn at {x}, {y}"
    assert outlines == len(analysis.annotations)


def test_the_published_responses_are_all_here():
    names = {p.name for p in BODIES}
    assert {"analyze-all-features-sample-jpg-spec.json", "ocr-goal-without-plan.json",
            "recognize-text-handwritten-cursive.json", "read-result-2pages-mixed.json"} <= names  # fmt: skip


def test_counting_sees_every_geometry_shape():
    body = {"areaOfInterest": {"x": 1, "y": 1, "w": 1, "h": 1},
            "faces": [{"faceRectangle": {"left": 1, "top": 1, "width": 1, "height": 1}}],
            "regions": [{"boundingBox": "1,1,1,1", "lines": [{"boundingBox": "1,1,1,1", "words": []}]}]}  # fmt: skip
    assert count_items(body) == 4
