"""Hostile input to parsing and drawing (issue 12): clear errors, bounded costs, no silent empty drawings.

Each example here failed before its fix: a raw traceback from deep inside json, zlib or Pillow, a
drawing that took seconds, or a drawing that showed nothing without a word.
"""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from bodies import objects, read_pages  # noqa: E402
from vision_viz import (  # noqa: E402
    ResponseBodyError,
    color_swatch,
    compare_crops,
    draw,
    draw_boxes,
    draw_caption,
    draw_ocr,
    draw_on_axes,
    draw_polygons,
    parse,
    plot_tags,
)
from vision_viz._labels import MAX_BANNER_LINES, ellipsize  # noqa: E402
from vision_viz._style import color_for, make_style  # noqa: E402

WHITE = (255, 255, 255)


def blank(width: int = 300, height: int = 200) -> Image.Image:
    return Image.new("RGB", (width, height), WHITE)


def one_object(label: str = "cat", box: tuple[int, int, int, int] = (10, 30, 50, 40)) -> dict:
    return objects((label, box, 0.9))


def read_page(number: object) -> dict:
    """A Read result of one page (a word at (10, 10)-(60, 30)) whose page number is ``number``."""
    body = read_pages((300, 200, "pixel", (10, 10, 60, 30)))
    body["analyzeResult"]["readResults"][0]["page"] = number
    return body


COLOUR = {"dominantColorForeground": "Black", "dominantColorBackground": "White", "dominantColors": ["Black"],
          "accentColor": "BB6D10", "isBWImg": False}  # fmt: skip
NESTED = '{"objectsResult": ' + "[" * 100_000 + "]" * 100_000 + "}"


class CountingMetrics:
    """Every character 7 px wide; counts how often text is measured."""

    def __init__(self) -> None:
        self.calls = 0

    def ascent(self, size: int) -> int:
        return 9

    def height(self, size: int) -> int:
        return 12

    def width(self, text: str, size: int) -> float:
        self.calls += 1
        return 7.0 * len(text)


# --- unbounded costs -----------------------------------------------------------------------------


def test_shortening_a_long_label_measures_it_a_logarithmic_number_of_times():
    metrics = CountingMetrics()
    short = ellipsize("x" * 10_000, 11, 70, metrics)
    assert short == "x" * 9 + "…"  # 9 x 7 + 7 = 70 px
    assert metrics.calls <= 20  # one measurement per character cut before: 9,991


def test_shortening_gives_the_longest_start_that_fits():
    for width in range(0, 120, 3):
        metrics = CountingMetrics()
        short = ellipsize("abc def ghi jkl", 11, width, metrics)
        assert metrics.width(short, 11) <= width
        if short not in ("", "abc def ghi jkl"):  # one more character would not fit
            longer = "abc def ghi jkl"[: len(short.rstrip("…")) + 1]
            assert metrics.width(longer + "…", 11) > width or longer.endswith(" ")


def test_a_ten_thousand_character_label_is_drawn_shortened_to_the_image():
    drawn = draw(blank(), one_object("x" * 10_000))
    assert drawn.size == (300, 200)


@pytest.mark.parametrize("option", ["line_width", "font_size"])
@pytest.mark.parametrize("value", [1001, 10**5, 10**6])
def test_absurd_sizes_are_refused_before_reaching_pillow(option, value):
    # line_width=100000 ran 5.9 s inside Pillow; font_size=10**6 raised FreeType's OSError.
    with pytest.raises(ValueError, match=rf"{option} must be a whole number of pixels from 1 to 1,000"):
        draw(blank(), one_object(), **{option: value})


def test_the_widest_line_allowed_fills_a_small_box_and_no_more():
    drawn = draw(blank(), one_object(box=(10, 30, 50, 40)), line_width=1000, labels=False, color="red")
    assert drawn.getpixel((30, 50)) == (255, 0, 0)  # the line lies inside the box: it fills it
    assert _red_box(drawn) == (10, 30, 60, 70)  # and never spills out of it


def _red_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The bounding box of the pure red pixels."""
    pixels = np.asarray(image.convert("RGB"))
    ys, xs = np.nonzero(np.all(pixels == (255, 0, 0), axis=2))
    return (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1) if len(xs) else None


@pytest.mark.parametrize("width", [19, 20, 21, 25, 40, 1000])
def test_a_box_line_wider_than_half_the_box_fills_the_box_and_no_more(width):
    drawn = draw_boxes(blank(), [(10, 30, 60, 70)], color="red", line_width=width)
    assert _red_box(drawn) == (10, 30, 60, 70)
    assert drawn.getpixel((35, 50)) == ((255, 0, 0) if width >= 20 else WHITE)


def test_a_caption_of_any_length_makes_a_banner_of_at_most_ten_lines():
    drawn = draw_caption(blank(), {"captionResult": {"text": "a cat on a mat " * 1000, "confidence": 0.9}})
    one_line = draw_caption(blank(), {"captionResult": {"text": "a cat", "confidence": 0.9}})
    banner_line = one_line.height - 200
    assert 200 < drawn.height <= 200 + MAX_BANNER_LINES * banner_line


# --- raw tracebacks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call", [parse, lambda body: draw(blank(), body), plot_tags], ids=["parse", "draw", "plot_tags"]
)
def test_deeply_nested_json_is_refused_clearly(call):
    with pytest.raises(ResponseBodyError, match="nested too deeply"):
        call(NESTED)


def test_deeply_nested_python_values_give_short_messages():
    nested: list = []
    for _ in range(100_000):
        nested = [nested]
    with pytest.raises(ResponseBodyError, match=r"got list: \[\[\[\[\.\.\.\]\]\]\]\.$"):
        parse(nested)
    deep: dict = {}
    for _ in range(100_000):
        deep = {"a": deep}
    with pytest.warns(UserWarning, match="could not be read") as record:
        analysis = parse({"objectsResult": {"values": [{"boundingBox": deep}]}, "captionResult": {"text": nested}})
    assert len(str(record[0].message)) < 400
    assert analysis.skipped == 1 and len(analysis.caption.name) < 100


def test_a_lone_surrogate_in_a_label_is_drawn_as_a_replacement_character():
    body = one_object("\ud83d")  # half an emoji, as JSON's "\ud83d" gives
    assert parse(body).annotations[0].label == "\ufffd"
    assert color_for("\ud83d") in {color_for(label) for label in ("\ud83d",)}  # hashing no longer raises
    drawn = draw(blank(), body, color="red")
    assert drawn.getpixel((10, 50)) == (255, 0, 0)


def test_a_numeric_accent_colour_is_drawn():
    swatch = color_swatch({"color": COLOUR | {"accentColor": 123456}})
    assert swatch.getpixel((10, 3 * 56 + 10)) == (0x12, 0x34, 0x56)  # the fourth row: the accent


def test_a_single_dominant_colour_given_as_a_string_is_one_swatch():
    as_string = color_swatch({"color": COLOUR | {"dominantColors": "Black"}})
    as_list = color_swatch({"color": COLOUR})
    assert as_string.size == as_list.size and as_string.tobytes() == as_list.tobytes()


def test_a_swatch_shows_at_most_twelve_dominant_colours_and_says_how_many_more():
    many = color_swatch({"color": COLOUR | {"dominantColors": ["Red"] * 100_000}})
    twelve = color_swatch({"color": COLOUR | {"dominantColors": ["Red"] * 12}})
    assert many.height == twelve.height  # 100,000 rows of 56 px made a 5.6-million-pixel-high picture
    assert many.width > twelve.width  # the footer says how many more


@pytest.mark.parametrize(
    ("call", "match"),
    [
        pytest.param(lambda: color_swatch({"color": COLOUR}, size=0), "size must be a whole", id="swatch-size-0"),
        pytest.param(lambda: color_swatch({"color": COLOUR}, size="48"), "size must be", id="swatch-size-str"),
        pytest.param(lambda: compare_crops(blank(), one_object(), height=0), "height must be", id="crops-height-0"),
        pytest.param(lambda: compare_crops(blank(), one_object(), height=30000), "from 1 to 2,048", id="crops-30000"),
        pytest.param(lambda: draw(blank(), one_object(), kinds=5), "kinds must be", id="kinds-int"),
        pytest.param(lambda: draw(blank(), one_object(), labels="no"), "labels must be True or False", id="labels"),
        pytest.param(lambda: draw(blank(), one_object(), min_confidence=5), "from 0 to 1", id="confidence-5"),
        pytest.param(lambda: draw(blank(), one_object(), min_confidence=float("nan")), "from 0 to 1", id="nan"),
        pytest.param(lambda: draw(blank(), one_object(), color=(999, 0, 0)), "from 0 to 255", id="colour-999"),
        pytest.param(lambda: draw(blank(), one_object(), page=True), "page must be", id="page-bool"),
        pytest.param(lambda: draw_boxes(blank(), 5), "boxes must be a list", id="boxes-int"),
        pytest.param(lambda: draw_boxes(blank(), [(1, 2, 3, 4)], labels=5), "labels must be a list", id="labels-int"),
        pytest.param(lambda: draw_polygons(blank(), "abc"), "polygons must be a list", id="polygons-str"),
        pytest.param(lambda: plot_tags({"tags": []}, top="3"), "top must be a whole number", id="top-str"),
        pytest.param(lambda: draw_ocr(blank(), {"tags": []}, text="above"), "^text must be", id="ocr-text-value"),
        pytest.param(lambda: compare_crops(blank(), one_object(), thumbnails=5), "thumbnails must", id="thumbs-int"),
        pytest.param(lambda: plot_tags({"tags": []}, min_confidence="x"), "min_confidence", id="tags-threshold"),
    ],
)
def test_wrong_sizes_and_types_name_the_argument_and_what_is_allowed(call, match):
    with pytest.raises(ValueError, match=match):
        call()
    plt.close("all")


def test_numpy_numbers_and_flags_are_accepted():
    style = make_style(page=np.int64(1), labels=np.bool_(False), color=np.array([1, 2, 3], dtype=np.uint8))
    assert (style.page, style.labels, style.color) == (1, False, (1, 2, 3))


@pytest.mark.parametrize("where", ["captionResult.confidence", "metadata.width", "readResults.page"])
def test_an_integer_too_large_for_a_float_is_no_number(where):
    huge = "1" + "0" * 400  # valid JSON; float() of it raised OverflowError
    bodies = {
        "captionResult.confidence": '{"captionResult": {"text": "a", "confidence": %s}}',
        "metadata.width": '{"metadata": {"width": %s, "height": 5}, "tags": []}',
        "readResults.page": '{"analyzeResult": {"readResults": [{"page": %s, "lines": []}]}}',
    }
    analysis = parse(bodies[where] % huge)
    assert analysis.caption is None or analysis.caption.confidence is None
    assert analysis.size is None and all(page.number == 1 for page in analysis.pages)


def test_an_integer_too_long_to_write_out_is_described_not_raised():
    body = {"objectsResult": {"values": [{"boundingBox": {"x": 1, "y": 1, "w": 5, "h": 5},
                                          "tags": [{"name": 10**5000, "confidence": 10**5000}]}]}}  # fmt: skip
    (annotation,) = parse(body).annotations  # str(10**5000) raises ValueError past 4,300 digits
    assert annotation.label == "<a 16610-bit integer>" and annotation.confidence is None


@pytest.mark.parametrize("number", [-5, 0, 1e308, 2.5, "x"])
def test_a_read_page_without_a_usable_number_is_counted_by_its_position(number):
    analysis = parse(read_page(number))
    assert [page.number for page in analysis.pages] == [1]
    assert {a.page for a in analysis.annotations} == {1}
    assert draw(blank(), read_page(number), color="red", labels=False).getpixel((10, 20)) == (255, 0, 0)


def test_asking_for_a_missing_page_of_a_long_document_lists_a_few_pages_only():
    pages = [{"page": number, "width": 300, "height": 200, "unit": "pixel", "lines": []} for number in range(1, 2001)]
    listed = r"page\(s\) 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … \(2000 pages\): there is no page 2001"
    with pytest.raises(ValueError, match=listed):
        draw(blank(), {"analyzeResult": {"readResults": pages}}, page=2001)


# --- silent empty drawings -----------------------------------------------------------------------


def test_items_wholly_outside_the_image_are_reported_once():
    body = {"metadata": {"width": 300, "height": 200}, "objectsResult": {"values": [
        {"boundingBox": {"x": 1000, "y": 2000, "w": 50, "h": 40}, "tags": [{"name": "a"}]},
        {"boundingBox": {"x": 2000, "y": 3000, "w": 50, "h": 40}, "tags": [{"name": "b"}]}]}}  # fmt: skip
    with pytest.warns(UserWarning) as record:
        drawn = draw(blank(), body)
    assert [str(w.message)[:58] for w in record] == ["2 of 2 item(s) lie wholly outside the 300x200 image, so th"]
    assert "right image" in str(record[0].message) or "the image (and the page)" in str(record[0].message)
    assert drawn.tobytes() == blank().tobytes()
    fig, ax = plt.subplots()
    with pytest.warns(UserWarning, match="wholly outside"):
        draw_on_axes(blank(), body, ax=ax)  # the matplotlib drawing says so too
    plt.close(fig)


def test_items_partly_inside_the_image_are_clipped_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw(blank(), one_object(box=(250, 150, 500, 500)))


@pytest.mark.parametrize(
    ("body", "advice"),
    [
        pytest.param({"modelVersion": "2023-04-15", "vector": [0.1, 0.2]}, "print it", id="embedding"),
        pytest.param({"tagsResult": {"values": [{"name": "cat", "confidence": 0.9}]}}, "plot_tags", id="tags-only"),
        pytest.param({"color": COLOUR}, "color_swatch", id="colour-only"),
    ],
)
def test_a_body_with_nothing_to_draw_says_so_and_what_to_do(body, advice):
    with pytest.warns(UserWarning) as record:
        draw(blank(), body)
    assert len(record) == 1 and "nothing to draw" in str(record[0].message) and advice in str(record[0].message)
    assert record[0].filename == __file__


def test_an_unreadable_item_is_reported_once_not_twice():
    with pytest.warns(UserWarning) as record:
        draw(blank(), {"objectsResult": {"values": [{"boundingBox": {"x": 1}}]}})
    assert len(record) == 1 and "could not be read" in str(record[0].message)


# A 2022 preview body: a 3.2-style description under "describeResult" and a Read page at the top level.
PREVIEW_2022 = {
    "modelVersion": "2022-04-30",
    "describeResult": {"description": {"tags": ["text", "sign"],
                                       "captions": [{"text": "a sign on a wall", "confidence": 0.52}]}},
    "page": 1, "angle": 0.5, "width": 300, "height": 200, "unit": "pixel",
    "lines": [{"boundingBox": [10, 10, 200, 10, 200, 40, 10, 40], "text": "Our tour",
               "words": [{"boundingBox": [10, 10, 90, 10, 90, 40, 10, 40], "text": "Our", "confidence": 0.9}]}],
}  # fmt: skip


def test_a_2022_preview_body_with_a_description_and_a_top_level_read_page_is_read():
    analysis = parse(PREVIEW_2022)
    assert analysis.caption.name == "a sign on a wall" and [t.name for t in analysis.tags] == ["text", "sign"]
    assert [(a.kind, a.label) for a in analysis.annotations] == [("line", "Our tour"), ("word", "Our")]
    assert analysis.size == (300, 200) and analysis.text_angle == 0.5
    drawn = draw(blank(), PREVIEW_2022, labels=False, color="red")
    assert drawn.height > 200 and drawn.getpixel((50, 10)) == (255, 0, 0)  # caption banner, word outline


def test_a_description_directly_under_describe_result_is_read_too():
    body = {"describeResult": {"tags": ["cat"], "captions": [{"text": "a cat", "confidence": 0.8}]}}
    assert parse(body).caption.name == "a cat"


# --- found by the adversarial pass ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        pytest.param(lambda: draw_ocr(blank(), {"tags": []}, ocr_text="place"), "text='place'", id="ocr-text"),
        pytest.param(lambda: draw_caption(blank(), {"tags": []}, kinds=["object"]), "kinds=", id="helper-kinds"),
    ],
)
def test_a_helper_given_the_option_it_sets_itself_says_which_argument_to_use(call, match):
    with pytest.raises(TypeError, match=match):  # was "got multiple values for keyword argument"
        call()


def test_plot_tags_takes_no_threshold_as_none():
    fig, ax = plt.subplots()
    body = {"tagsResult": {"values": [{"name": "cat", "confidence": 0.9}]}}
    assert [t.get_text() for t in plot_tags(body, ax=ax, min_confidence=None).get_yticklabels()] == ["cat"]
    plt.close(fig)


def test_a_crop_far_wider_than_high_makes_a_panel_at_most_four_heights_wide():
    # A 3,000 x 1 area of interest at height 2,048 made a 6-million-pixel-wide sheet (killed for memory).
    body = {"areaOfInterest": {"x": 0, "y": 0, "w": 3000, "h": 1}}
    sheet = compare_crops(blank(3000, 2000), body, height=100)
    image_panel = round(3000 * 100 / 2000)
    assert sheet.width <= image_panel + 4 * 100 + 2 * 4 and sheet.height <= 100 + 40


def test_axes_of_the_wrong_kind_are_refused_naming_the_argument():
    fig, axes = plt.subplots(1, 2)
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes or None, not ndarray \(pick one"):
        draw_on_axes(blank(), one_object(), ax=axes)
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None, not Figure"):
        plot_tags({"tags": []}, ax=fig)
    plt.close(fig)
