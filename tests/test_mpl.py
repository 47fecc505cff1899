"""The matplotlib renderer (vision_viz._mpl): figure against figure, and against the Pillow renderer."""

from __future__ import annotations

import json
import types

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import PathPatch, Polygon, Rectangle  # noqa: E402
from matplotlib.path import Path  # noqa: E402
from PIL import Image  # noqa: E402

from bodies import objects, read_line, read_pages  # noqa: E402
from conftest import DATA  # noqa: E402
from vision_viz import (  # noqa: E402
    _fonts,  # noqa: E402
    draw,
    draw_on_axes,
    plot_tags,
)
from vision_viz._fonts import CJK_SC_FACE, METRICS, font_path  # noqa: E402
from vision_viz._layout import plan  # noqa: E402
from vision_viz._parse import parse  # noqa: E402
from vision_viz._style import color_for, make_style  # noqa: E402

WIDTH, HEIGHT = 120, 80
BODY = {
    "metadata": {"width": WIDTH, "height": HEIGHT},
    **objects(("cat", (10, 30, 40, 30), 0.9)),
    "readResult": {"blocks": [{"lines": [{"text": "hi", "words": [], "boundingPolygon": [
        {"x": 70, "y": 20}, {"x": 110, "y": 25}, {"x": 105, "y": 60}, {"x": 65, "y": 55}]}]}]},
}  # fmt: skip


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def pixel_axes(width: int = WIDTH, height: int = HEIGHT):
    """An Axes filling a figure of exactly width x height pixels, so one data unit is one pixel."""
    fig = plt.figure(figsize=(width / 100, height / 100), dpi=100)
    return fig, fig.add_axes((0, 0, 1, 1))


def rendered(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[:, :, :3].copy()


def image() -> Image.Image:
    return Image.new("RGB", (WIDTH, HEIGHT), (0, 0, 0))


def test_figure_matches_one_drawn_by_hand_from_the_body():
    fig_test, ax_test = pixel_axes()
    draw_on_axes(image(), BODY, ax=ax_test, labels=False, line_width=2)

    fig_ref, ax_ref = pixel_axes()
    ax_ref.imshow(image(), extent=(0, WIDTH, HEIGHT, 0), interpolation="antialiased", zorder=0)
    ax_ref.set_xlim(0, WIDTH)
    ax_ref.set_ylim(HEIGHT, 0)
    ax_ref.set_axis_off()
    cat = [c / 255 for c in color_for("cat")]
    frame = Path([(10, 30), (50, 30), (50, 60), (10, 60), (10, 30), (12, 32), (12, 58), (48, 58), (48, 32), (12, 32)],
                 [1, 2, 2, 2, 79] * 2)  # fmt: skip
    ax_ref.add_patch(PathPatch(frame, facecolor=cat, edgecolor="none", linewidth=0, zorder=2))
    line = [c / 255 for c in color_for("line")]
    quad = [(70, 20), (110, 25), (105, 60), (65, 55)]
    ax_ref.add_patch(
        Polygon(quad, closed=True, fill=False, edgecolor=line, linewidth=2 * 72 / 100, joinstyle="round", zorder=2)
    )
    assert np.array_equal(rendered(fig_test), rendered(fig_ref))


def test_pillow_and_matplotlib_paint_the_same_pixels():
    pillow = np.asarray(draw(image(), BODY, labels=False, line_width=2))
    fig, ax = pixel_axes()
    draw_on_axes(image(), BODY, ax=ax, labels=False, line_width=2)
    mpl = rendered(fig)
    # Boxes are frames in data units: exactly the same pixels.
    box_region = (slice(25, 65), slice(5, 55))
    assert np.array_equal(pillow[box_region].any(axis=-1), mpl[box_region].max(axis=-1) > 127)
    # Polygon lines: the same place within two pixels (Pillow centres lines on pixel centres, and
    # matplotlib anti-aliases slanted lines).
    polygon_region = (slice(15, 65), slice(60, 115))
    a, b = pillow[polygon_region].any(axis=-1), mpl[polygon_region].max(axis=-1) > 127
    assert a.sum() > 100 and b.sum() > 100
    assert not (a & ~grow(grow(b))).any() and not (b & ~grow(grow(a))).any()
    assert (a & b).sum() > 0.4 * (a | b).sum()


def grow(mask: np.ndarray) -> np.ndarray:
    """The mask and every pixel next to it (8-neighbourhood)."""
    padded = np.pad(mask, 1)
    return np.logical_or.reduce([padded[1 + dy : 1 + dy + mask.shape[0], 1 + dx : 1 + dx + mask.shape[1]]
                                 for dy in (-1, 0, 1) for dx in (-1, 0, 1)])  # fmt: skip


def test_labels_are_where_the_plan_puts_them_in_both_renderers():
    layout = plan(parse(BODY), (WIDTH, HEIGHT), make_style(font_size=12), METRICS)
    (label,) = [label for label in layout.labels if label.text == "cat"]
    fig, ax = pixel_axes()
    draw_on_axes(image(), BODY, ax=ax, font_size=12)
    backgrounds = [p for collection in ax.collections for p in collection.get_paths()]
    corners = {tuple(np.round(path.vertices.min(axis=0)).astype(int)) for path in backgrounds}
    assert (label.box[0], label.box[1]) in corners
    texts = [t for t in ax.texts if t.get_text() == "cat"]
    assert len(texts) == 1 and texts[0].get_position() == (label.origin[0], label.origin[1] + METRICS.ascent(12))
    pillow = draw(image(), BODY, font_size=12)
    assert pillow.getpixel((label.box[0] + 1, label.box[1] + 1)) == color_for("cat")


def test_the_cjk_font_is_registered_and_used():
    from matplotlib import font_manager

    body = {
        "objectsResult": {"values": [{"boundingBox": {"x": 10, "y": 30, "w": 40, "h": 30}, "tags": [{"name": "电梯"}]}]}
    }
    fig, ax = pixel_axes()
    draw_on_axes(image(), body, ax=ax)
    assert str(font_path()) in {entry.fname for entry in font_manager.fontManager.ttflist}
    (text,) = [t for t in ax.texts if t.get_text() == "电梯"]
    found = font_manager.findfont(text.get_fontproperties().get_family()[0])
    assert found == str(font_path()) and found.face_index == CJK_SC_FACE  # Simplified Chinese, not face 0


def test_a_matplotlib_without_font_collections_draws_cjk_with_the_first_face(monkeypatch):
    import matplotlib
    from matplotlib import font_manager

    from vision_viz import _mpl

    # A font manager without FontPath, as in matplotlib 3.10 and older.
    older = types.SimpleNamespace(fontManager=font_manager.fontManager, FontProperties=font_manager.FontProperties)
    monkeypatch.setattr(matplotlib, "font_manager", older)
    _mpl._font_properties.cache_clear()
    try:
        with pytest.warns(UserWarning, match="JP.s glyph forms.*matplotlib 3.11 or later"):
            families = _mpl._font_properties().get_family()
    finally:
        monkeypatch.undo()
        _mpl._font_properties.cache_clear()
        _fonts._warned.discard("matplotlib:collection-faces")
    assert families[0] == "Noto Sans CJK JP" and "Noto Sans Arabic" in families
    assert _mpl._font_properties().get_family()[0] == "Noto Sans CJK SC"


def test_caption_banner_extends_the_axes_below_the_image():
    body = {"metadata": {"width": WIDTH, "height": HEIGHT}, "captionResult": {"text": "a cat", "confidence": 0.9}}
    fig, ax = pixel_axes(WIDTH, 2 * HEIGHT)
    draw_on_axes(image(), body, ax=ax)
    layout = plan(parse(body), (WIDTH, HEIGHT), make_style(), METRICS)
    assert ax.get_ylim() == (HEIGHT + layout.banner.height, 0)
    assert any(t.get_text() == "a cat" for t in ax.texts)


def test_large_images_are_shown_from_a_small_copy_in_full_size_coordinates():
    body = {
        "metadata": {"width": 6000, "height": 4000},
        "objectsResult": {
            "values": [{"boundingBox": {"x": 1000, "y": 1000, "w": 2000, "h": 1000}, "tags": [{"name": "cat"}]}]
        },
    }
    fig, ax = plt.subplots()
    draw_on_axes(Image.new("RGB", (6000, 4000)), body, ax=ax)
    (shown,) = ax.get_images()
    assert max(shown.get_array().shape[:2]) == 2048
    assert ax.get_xlim() == (0, 6000) and ax.get_ylim() == (4000, 0)


def test_a_new_figure_is_made_when_no_axes_is_given():
    ax = draw_on_axes(image(), BODY)
    assert ax.figure is not None and ax.get_xlim() == (0, WIDTH)


def test_tag_chart_sorts_bars_by_confidence():
    body = {"tagsResult": {"values": [{"name": "wall", "confidence": 0.5}, {"name": "cat", "confidence": 0.9},
                                      {"name": "rare", "confidence": 0.05}]}}  # fmt: skip
    fig, ax = plt.subplots()
    plot_tags(body, ax=ax, min_confidence=0.1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["cat", "wall"]
    assert [round(bar.get_width(), 2) for bar in ax.patches if isinstance(bar, Rectangle)] == [0.9, 0.5]
    assert ax.get_xlim() == (0, 1)


def test_tag_values_stay_inside_the_axes_even_for_confidences_near_one():
    body = {
        "tagsResult": {"values": [{"name": "human face", "confidence": 0.999}, {"name": "wall", "confidence": 0.5}]}
    }
    fig, ax = plt.subplots(figsize=(4, 2))
    plot_tags(body, ax=ax)
    fig.canvas.draw()
    frame = ax.get_window_extent()
    values = [t for t in ax.texts if t.get_text().strip() in ("1.00", "0.50")]
    assert len(values) == 2
    for text in values:
        extent = text.get_window_extent()
        assert frame.x0 <= extent.x0 and extent.x1 <= frame.x1, text.get_text()


def bar_widths(ax) -> list[float]:
    return [round(bar.get_width(), 2) for bar in ax.patches if isinstance(bar, Rectangle)]


def test_description_tags_are_listed_without_bars_and_marked_as_having_no_confidence():
    body = {"description": {"tags": ["outdoor", "dog", "grass"], "captions": [{"text": "a dog", "confidence": 0.9}]}}
    fig, ax = plt.subplots(figsize=(4, 2))
    plot_tags(body, ax=ax, min_confidence=0.5)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["outdoor", "dog", "grass"]
    assert bar_widths(ax) == []  # no confidence is made up
    marks = [t for t in ax.texts if t.get_text().strip() == "no confidence"]
    assert sorted(t.get_position()[1] for t in marks) == [0, 1, 2]
    assert [t.get_text() for t in ax.texts if t not in marks] == []  # no values and no "no tags"
    assert "no confidence" in ax.get_xlabel()
    fig.canvas.draw()
    frame = ax.get_window_extent()
    for mark in marks:  # the first and last rows are not cut off by the axes
        extent = mark.get_window_extent()
        assert frame.y0 <= extent.y0 and extent.y1 <= frame.y1


def test_tags_without_confidence_come_after_the_bars_of_a_3_2_analyze_body():
    body = json.loads((DATA / "published-responses/v3.2/analyze-all-features-url.json").read_text())
    fig, ax = plt.subplots()
    plot_tags(body, ax=ax)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == ["person", "man", "outdoor", "window", "pangolin", "glasses"]  # "glasses" is only a description tag
    assert bar_widths(ax) == [0.99, 0.94, 0.94, 0.9, 0.73]
    (mark,) = [t for t in ax.texts if t.get_text().strip() == "no confidence"]
    assert mark.get_position()[1] == names.index("glasses")
    assert "gave none" in ax.get_xlabel()


def ink_centre(ink: np.ndarray) -> np.ndarray:
    """The (row, column) centre of an image's ink, each pixel weighted by its ink."""
    rows, columns = np.indices(ink.shape)
    return np.array([(rows * ink).sum(), (columns * ink).sum()]) / ink.sum()


def test_text_written_over_words_is_drawn_by_both_renderers_in_the_same_place():
    body = {"readResult": {"blocks": [{"lines": [{"text": "HELLO", "words": [], "boundingPolygon": [
        {"x": 10, "y": 20}, {"x": 110, "y": 20}, {"x": 110, "y": 50}, {"x": 10, "y": 50}]}]}]}}  # fmt: skip
    white = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    pillow_ink = 255 - np.asarray(draw(white, body, ocr_text="place", labels=True).convert("L")).astype(float)
    fig, ax = pixel_axes()
    draw_on_axes(white, body, ax=ax, ocr_text="place")
    mpl_ink = 255 - np.asarray(Image.fromarray(rendered(fig)).convert("L")).astype(float)
    # The centres of the ink (weighted by darkness, so the two rasterisers' anti-aliasing counts alike).
    assert np.abs(ink_centre(pillow_ink) - ink_centre(mpl_ink)).max() < 1.5
    rows_p, cols_p = np.nonzero(pillow_ink > 215)
    rows_m, cols_m = np.nonzero(mpl_ink > 215)
    assert abs(np.ptp(rows_p) - np.ptp(rows_m)) <= 2 and abs(np.ptp(cols_p) - np.ptp(cols_m)) <= 3


def test_text_written_over_overlapping_characters_is_not_cut_by_the_next_background():
    # Read's boxes of neighbouring characters overlap by 4 pixels (the multilingual notice).
    line = [("电", (8, 10, 42, 45)), ("梯", (38, 10, 72, 45))]
    white = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))

    def ink(words) -> np.ndarray:
        fig, ax = pixel_axes()
        draw_on_axes(white, read_line("电梯", words), ax=ax, ocr_text="place")
        return np.asarray(Image.fromarray(rendered(fig)).convert("L")) < 100

    first_alone, in_line = ink(line[:1]), ink(line)
    assert first_alone[:, 34:42].any()  # the character reaches under the next one's background ...
    assert not (first_alone & ~in_line).any()  # ... and every pixel of it is still drawn


def test_text_written_over_words_sits_on_the_lines_baseline_in_both_renderers():
    body = read_line("use the", [("use", (10, 10, 56, 42)), ("the", (60, 10, 104, 42))])
    white = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    fig, ax = pixel_axes()
    draw_on_axes(white, body, ax=ax, ocr_text="place")
    drawings = {"matplotlib": Image.fromarray(rendered(fig)), "Pillow": draw(white, body, ocr_text="place")}
    for name, drawn in drawings.items():
        ink = np.asarray(drawn.convert("L"))[:HEIGHT] < 100
        use_rows, the_rows = np.nonzero(ink[:, 10:56].any(1))[0], np.nonzero(ink[:, 60:104].any(1))[0]
        assert abs(use_rows.max() - the_rows.max()) <= 1, name  # one baseline
        assert use_rows.min() > the_rows.min() + 4, name  # "use" stays x-height, below the h's ascender


def two_pages(page_2: tuple[float, float, str]) -> dict:
    """A 3.x Read body: page 1 is 80 x 110 pixels, page 2 as given with its word at (1, 1)-(3, 2)."""
    return read_pages((80, 110, "pixel", (10, 10, 20, 20)), (*page_2, (1, 1, 3, 2)))


@pytest.mark.parametrize(
    ("page_2", "image_size", "limits", "outline"),
    [
        pytest.param((40, 56, "pixel"), (40, 56), (56, 40), ((1, 1), (3, 1), (3, 2), (1, 2)), id="smaller-page"),
        pytest.param((110, 80, "pixel"), (110, 80), (80, 110), ((1, 1), (3, 1), (3, 2), (1, 2)), id="landscape-page"),
        pytest.param((11, 8.5, "inch"), (110, 85), (85, 110), ((10, 10), (30, 10), (30, 20), (10, 20)), id="pdf-page"),
    ],
)
def test_the_axes_of_a_page_are_that_pages_own(page_2, image_size, limits, outline):
    import warnings

    _, ax = plt.subplots()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw_on_axes(Image.new("RGB", image_size), two_pages(page_2), ax=ax, page=2, kinds=["word"], labels=False)
    assert ax.get_xlim() == (0, limits[1]) and ax.get_ylim() == (limits[0], 0)
    (path,) = ax.collections[0].get_paths()  # the word's outline, in the Axes' data coordinates
    assert [tuple(point) for point in path.vertices[:4]] == list(outline)


def _label_text_share(fig, ax, text: str, box: tuple[int, int, int, int]) -> float:
    """How much of its label's background's width (in screen pixels) the label's text spans."""
    fig.canvas.draw()
    extent = next(t for t in ax.texts if t.get_text() == text).get_window_extent(fig.canvas.get_renderer())
    (left, _), (right, _) = ax.transData.transform([box[:2], box[2:]])
    return extent.width / abs(right - left)  # (heights are whole pixels: too coarse on small Axes)


@pytest.mark.parametrize("shrink", ["constrained-layout", "tight-layout", "axes-moved"])
def test_label_text_fills_its_background_after_the_figure_layout_shrinks_the_axes(shrink):
    body = {"metadata": {"width": 600, "height": 400}, **objects(("cat", (100, 150, 300, 200), 0.9))}
    box = plan(parse(body), (600, 400), make_style(), METRICS).labels[0].box
    fig, ax = pixel_axes(600, 400)  # one data unit is one screen pixel: the text fills the label as in Pillow
    draw_on_axes(Image.new("RGB", (600, 400)), body, ax=ax)
    expected = _label_text_share(fig, ax, "cat", box)
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100, layout="constrained" if shrink == "constrained-layout" else None)
    draw_on_axes(Image.new("RGB", (600, 400)), body, ax=ax)
    ax.set_title("a title that takes room", fontsize=30)
    if shrink == "tight-layout":
        fig.tight_layout()
    elif shrink == "axes-moved":
        ax.set_position((0.3, 0.3, 0.4, 0.4))
    # matplotlib 3.11 hints glyphs to whole pixels by default (rcParams text.hinting "default"), which
    # moves the width of text a few pixels high by some percent.
    assert _label_text_share(fig, ax, "cat", box) == pytest.approx(expected, rel=0.1)


def test_a_figure_with_labels_can_be_pickled_and_drawn_again():
    import pickle

    fig, ax = pixel_axes()
    draw_on_axes(image(), BODY, ax=ax)
    before = rendered(fig)
    copy = pickle.loads(pickle.dumps(fig))
    assert np.array_equal(rendered(copy), before)
    plt.close(copy)


def _label_ink(drawing: np.ndarray, body: dict) -> np.ndarray:
    """The light (text) pixels inside the first label's background."""
    x1, y1, x2, y2 = plan(parse(body), (300, 120), make_style(font_size=28), METRICS).labels[0].box
    return drawing[y1:y2, x1:x2] > 200


def test_arabic_labels_read_the_same_in_both_renderers():
    text = "مرحبا بالعالم"
    # matplotlib 3.11 orders and joins right-to-left text itself: given visual order as well, it
    # would reverse it again (the letters then overlap Pillow's by about a sixth, not nine tenths).
    body = {"metadata": {"width": 300, "height": 120},
            **objects((text, (10, 40, 280, 70), 0.9))}  # fmt: skip
    white = Image.new("RGB", (300, 120), (255, 255, 255))
    pillow = _label_ink(np.asarray(draw(white, body, font_size=28).convert("L")), body)
    fig, ax = pixel_axes(300, 120)
    draw_on_axes(white, body, ax=ax, font_size=28)
    mpl = _label_ink(np.asarray(Image.fromarray(rendered(fig)).convert("L")), body)
    assert pillow.sum() > 100 and (pillow & mpl).sum() / (pillow | mpl).sum() > 0.8


def test_a_matplotlib_that_does_not_lay_out_text_is_given_it_in_visual_order(monkeypatch):
    from vision_viz import _mpl
    from vision_viz._fonts import visual_order

    body = {"metadata": {"width": 300, "height": 120}, **objects(("مرحبا", (10, 40, 280, 70), 0.9))}
    monkeypatch.setattr(_mpl, "_matplotlib_lays_out_text", lambda: False)  # as matplotlib 3.10 and older
    fig, ax = pixel_axes(300, 120)
    draw_on_axes(Image.new("RGB", (300, 120)), body, ax=ax)
    assert [t.get_text() for t in ax.texts] == [visual_order("مرحبا")] != ["مرحبا"]


def test_an_accented_letter_the_cjk_font_lacks_keeps_its_accent_over_it():
    from vision_viz._mpl import _font_for

    # Noto Sans CJK has S and the combining caron, not Š: shaped from those parts, the caron lands between S and x.
    fig = plt.figure(figsize=(3, 1.5), dpi=100)
    fig.text(0.1, 0.2, "Šx", fontproperties=_font_for("Šx"), fontsize=60)
    ink = rendered(fig)[:, :, 0] < 128
    rows, columns = np.nonzero(ink)
    caron = columns[rows < rows.min() + 0.15 * (rows.max() - rows.min())]
    assert (caron.mean() - columns.min()) / np.ptp(columns) < 0.33, "the caron sits over the S"
    assert _font_for("电梯 Straße").get_family()[0] == "Noto Sans CJK SC"  # as Pillow draws it
    assert _font_for("مرحبا").get_family()[0] == "Noto Sans CJK SC"
