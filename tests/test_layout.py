"""The pure layout of vision_viz._layout: sizes, colours, label places and clipping, without pixels."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from vision_viz._labels import Taken, ellipsize, make_banner, place_label, wrap
from vision_viz._layout import label_text, plan, reference_size
from vision_viz._parse import Analysis, Annotation, Label, parse
from vision_viz._style import (
    KIND_COLORS,
    PALETTE,
    assign_colors,
    auto_font_size,
    auto_line_width,
    color_for,
    make_style,
    text_color_on,
)


class Mono:
    """Every character as wide as 0.6 of the font size; lines 1.2 font sizes high."""

    def ascent(self, size: int) -> int:
        return size

    def height(self, size: int) -> int:
        return round(size * 1.2)

    def width(self, text: str, size: int) -> float:
        return 0.6 * size * len(text)


MONO = Mono()


def analysis_of(*annotations: Annotation, caption: str | None = None) -> Analysis:
    return Analysis(annotations=annotations, captions=(Label(caption, 0.5),) if caption else ())


def box(label: str = "cat", xyxy=(10, 40, 60, 80), kind: str = "object", confidence=None, **kw) -> Annotation:
    return Annotation(kind, label, confidence, tuple(map(float, xyxy)), **kw)


@pytest.mark.parametrize(
    ("size", "line", "font"),
    [
        pytest.param((300, 200), 1, 11, id="300px"),
        pytest.param((864, 576), 2, 13, id="864px"),
        pytest.param((4000, 3000), 8, 63, id="12MP"),
        pytest.param((6000, 4000), 11, 89, id="6000px"),
        pytest.param((16000, 16000), 36, 291, id="16000px"),
        pytest.param((16000, 50), 2, 16, id="panorama"),
    ],
)
def test_line_width_and_font_scale_with_the_image(size, line, font):
    assert (auto_line_width(size), auto_font_size(size)) == (line, font)


def test_colours_are_stable_per_label_and_readable():
    assert color_for("chair") == color_for("chair") == color_for("CHAIR")
    assert color_for("chair") in PALETTE
    assert len({color_for(name) for name in ["cat", "dog", "chair", "person", "table", "cup", "car"]}) >= 4
    assert text_color_on((255, 255, 255)) == (0, 0, 0)
    assert text_color_on((0, 0, 0)) == (255, 255, 255)


def test_label_goes_above_the_box_when_there_is_room():
    label = place_label("cat", (10, 40, 60, 80), (100, 100), 10, 2, (0, 0, 0), MONO)
    # 3 characters of 6 px + 2 x 2 px padding wide; a 12 px line + 2 x 2 px padding high.
    assert label.box == (10, 24, 32, 40)
    assert label.origin == (12, 26) and label.text == "cat"
    assert label.background == (0, 0, 0) and label.color == (255, 255, 255)


def test_label_goes_inside_the_top_of_a_box_at_the_image_top():
    assert place_label("cat", (10, 0, 60, 80), (100, 100), 10, 2, (0, 0, 0), MONO).box == (10, 0, 32, 16)


def test_label_is_moved_left_to_stay_in_the_image():
    assert place_label("cat", (95, 40, 100, 80), (100, 100), 10, 2, (0, 0, 0), MONO).box == (78, 24, 100, 40)


def test_label_too_wide_for_the_image_is_shortened():
    label = place_label("a very long caption indeed", (0, 50, 40, 60), (50, 100), 10, 2, (0, 0, 0), MONO)
    assert label.text.endswith("…") and label.box[2] <= 50
    assert MONO.width(label.text, 10) <= 50 - 4


def test_label_avoids_labels_already_placed():
    taken = Taken(32)
    first = place_label("cat", (10, 40, 60, 80), (100, 100), 10, 2, (0, 0, 0), MONO, taken)
    second = place_label("dog", (10, 40, 60, 80), (100, 100), 10, 2, (0, 0, 0), MONO, taken)
    assert first.box == (10, 24, 32, 40)
    assert second.box == (38, 24, 60, 40)  # the same row, at the box's right end
    third = place_label("eel", (10, 40, 60, 80), (100, 100), 10, 2, (0, 0, 0), MONO, taken)
    assert third.box == (10, 40, 32, 56)  # just inside the top
    assert not Taken(8).overlaps((0, 0, 5, 5))


def test_ellipsize_and_wrap():
    assert ellipsize("abcdef", 10, 36, MONO) == "abcdef"
    assert ellipsize("abcdef", 10, 30, MONO) == "abcd…"
    assert ellipsize("abcdef", 10, 3, MONO) == ""
    assert wrap("one two three", 10, 42, MONO) == ["one two", "three"]
    assert wrap("one two three", 10, 40, MONO) == ["one", "two", "three"]
    assert wrap("电梯今天维修暂停使用", 10, 24, MONO) == ["电梯今天", "维修暂停", "使用"]


def test_plan_clips_everything_to_the_image():
    outside = box("far", (500, 500, 600, 600))
    partly = box("part", (-20, 90, 30, 130))
    polygon = Annotation("word", "tilted", 0.9, (80, 10, 140, 30), ((80, 10), (140, 10), (140, 30), (80, 30)))
    layout = plan(analysis_of(outside, partly, polygon), (100, 100), make_style(), MONO)
    assert [o.box for o in layout.outlines if o.box] == [(0, 90, 30, 100)]
    clipped = [o.polygon for o in layout.outlines if o.polygon][0]
    assert all(0 <= x <= 100 and 0 <= y <= 100 for x, y in clipped)
    for label in layout.labels:
        x1, y1, x2, y2 = label.box
        assert 0 <= x1 < x2 <= 100 and 0 <= y1 < y2 <= 100


@pytest.mark.parametrize(
    ("options", "labels"),
    [
        pytest.param({}, ["cat", "dog", "person"], id="everything"),
        pytest.param({"kinds": ["object"]}, ["cat", "dog"], id="kinds"),
        pytest.param({"kinds": "person"}, ["person"], id="one-kind-as-string"),
        pytest.param({"min_confidence": 0.5}, ["cat", "person"], id="min-confidence-keeps-unknown"),
        pytest.param({"show_confidence": True}, ["cat 90%", "dog 20%", "person"], id="show-confidence"),
        pytest.param({"labels": False}, [], id="no-labels"),
    ],
)
def test_plan_selects_and_labels(options, labels):
    items = (box("cat", confidence=0.9), box("dog", (10, 10, 90, 90), confidence=0.2),
             box("person", (50, 50, 99, 99), kind="person"))  # fmt: skip
    layout = plan(analysis_of(*items), (100, 100), make_style(**options), MONO)
    assert [label.text for label in layout.labels] == labels


def test_plan_labels_words_not_their_lines_and_sizes_text_labels_by_the_text():
    line = Annotation("line", "hello world", None, (0, 40, 90, 60), ((0, 40), (90, 40), (90, 60), (0, 60)))
    word = Annotation("word", "hello", 0.9, (0, 40, 40, 60), ((0, 40), (40, 40), (40, 60), (0, 60)))
    layout = plan(analysis_of(line, word), (2000, 2000), make_style(), MONO)
    assert len(layout.outlines) == 2 and [label.text for label in layout.labels] == ["hello"]
    assert layout.labels[0].size == 14  # 0.7 x the 20 px text, not the image's 36 px
    assert {o.width for o in layout.outlines} == {2}  # 20 px text / 12, not the image's 4 px
    only_lines = plan(analysis_of(line, word), (2000, 2000), make_style(kinds=["line"]), MONO)
    assert [label.text for label in only_lines.labels] == ["hello world"]


def test_plan_places_text_on_words_at_their_angle():
    upside_down = Annotation("word", "hi", None, (10, 10, 50, 30), ((50, 30), (10, 30), (10, 10), (50, 10)))
    layout = plan(analysis_of(upside_down), (100, 100), make_style(ocr_text="place"), MONO)
    assert layout.labels == () and len(layout.placed) == 1
    placed = layout.placed[0]
    assert placed.angle == pytest.approx(180) and placed.center == (30, 20)
    # Without ink metrics, the font's line (12 px at size 10) fills 85% of the height; the text fits the length.
    assert 1.2 * placed.size == pytest.approx(0.85 * 20, abs=0.6)
    assert MONO.width("hi", placed.size) * placed.stretch <= 40


def test_placed_text_size_follows_each_lines_height_whatever_its_letters():
    from vision_viz._fonts import METRICS

    def items(text, top, height, width):
        points = ((10.0, top), (10.0 + width, top), (10.0 + width, top + height), (10.0, top + height))
        box = (10, top, 10 + width, top + height)
        return Annotation("line", text, None, box, points), Annotation("word", text, None, box, points)

    # On the receipt, "Croissant" (no descenders) has a 16 px box and "Espresso" a 20 px one, in one font.
    lines = (*items("Croissant", 10, 16, 100), *items("Espresso", 40, 20, 90))
    layout = plan(analysis_of(*lines), (200, 100), make_style(ocr_text="place"), METRICS)
    sizes = [placed.size for placed in layout.placed]
    assert max(sizes) - min(sizes) <= 1, sizes
    squeezed = plan(analysis_of(*items("Espresso", 10, 20, 50)), (200, 100), make_style(ocr_text="place"), METRICS)
    assert squeezed.placed[0].size == layout.placed[1].size and squeezed.placed[0].stretch < 1


def test_placed_words_of_a_line_get_its_size_and_baseline_not_their_own_ink():
    from vision_viz._fonts import METRICS

    def word(text, x1, x2):
        return Annotation("word", text, None, (x1, 10, x2, 42), ((x1, 10), (x2, 10), (x2, 42), (x1, 42)))

    corners = ((0, 10), (300, 10), (300, 42), (0, 42))
    line = Annotation("line", "Please use the stairs. 谢谢。", None, (0, 10, 300, 42), corners)
    words = (word("Please", 0, 80), word("use", 84, 130), word("stairs.", 180, 250), word("。", 270, 300))
    layout = plan(analysis_of(line, *words), (300, 60), make_style(ocr_text="place"), METRICS)
    assert len(layout.placed) == 4
    assert {placed.size for placed in layout.placed} == {layout.placed[0].size}
    assert {placed.center[1] + placed.baseline for placed in layout.placed} == {26 + layout.placed[0].baseline}
    # Without its line, a word is sized by the font's ascent and descent, not by its own ink.
    alone = plan(analysis_of(*words), (300, 60), make_style(ocr_text="place"), METRICS)
    assert {placed.size for placed in alone.placed} == {round(32 * 0.85 / (METRICS.height(100) / 100))}


def test_plan_scales_geometry_and_filters_pages():
    page_two = box("two", (0, 0, 10, 10), kind="word", page=2)
    layout = plan(analysis_of(box("cat", (10, 20, 30, 40)), page_two), (100, 100), make_style(), MONO, scale=(0.5, 2))
    assert [o.box for o in layout.outlines] == [(5, 40, 15, 80)]
    layout = plan(analysis_of(page_two), (100, 100), make_style(page=2), MONO)
    assert len(layout.outlines) == 1


def test_plan_adds_a_wrapped_caption_banner_below_the_image():
    layout = plan(analysis_of(caption="a woman wearing a mask"), (100, 80), make_style(), MONO)
    banner = layout.banner
    assert banner.top == 80 and banner.lines == ("a woman", "wearing a", "mask")
    assert layout.canvas_size == (100, 80 + banner.height)
    assert plan(analysis_of(caption="x"), (100, 80), make_style(kinds=["object"]), MONO).banner is None
    assert make_banner("x", (100, 80), 10, MONO).height == 12 + 2 * 4


def test_reference_size_scales_matching_shapes_and_warns_on_others():
    assert reference_size((864, 576), (432, 288)) == (864, 576)
    assert reference_size(None, (432, 288)) == (432, 288)
    with pytest.warns(UserWarning, match="describes a 600x400 image"):
        assert reference_size((600, 400), (3000, 1500)) == (3000, 1500)


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        pytest.param({"colour": "red"}, TypeError, "Unknown drawing option", id="misspelt-option"),
        pytest.param({"kinds": ["objects"]}, ValueError, "Unknown kind", id="unknown-kind"),
        pytest.param({"color": "not a colour"}, ValueError, "is not a colour", id="bad-colour"),
        pytest.param({"ocr_text": "above"}, ValueError, "ocr_text", id="bad-ocr-mode"),
        pytest.param({"line_width": 0}, ValueError, "line_width", id="zero-width"),
        pytest.param({"max_side": 2.5}, ValueError, "max_side", id="fractional-side"),
    ],
)
def test_make_style_rejects_bad_options(options, error, match):
    with pytest.raises(error, match=match):
        make_style(**options)


def test_small_confidences_keep_two_significant_digits():
    person = box("person", kind="person", confidence=0.0034)
    assert label_text(person, show_confidence=True) == "person 0.34%"
    assert label_text(box(confidence=0.618), show_confidence=True) == "cat 62%"
    assert label_text(box(confidence=0.0), show_confidence=True) == "cat 0%"


def test_people_below_one_half_are_left_out_by_default_only():
    people = (box("person", kind="person", confidence=0.9),
              box("person", (60, 0, 90, 30), kind="person", confidence=0.01),
              box("cat", (0, 50, 30, 90), confidence=0.01))  # fmt: skip
    assert len(plan(analysis_of(*people), (100, 100), make_style(), MONO).outlines) == 2  # the person and the cat
    assert len(plan(analysis_of(*people), (100, 100), make_style(min_confidence=0), MONO).outlines) == 3


def test_distinct_labels_get_distinct_colours_and_the_same_label_the_same():
    names = ["cup", "spoon", "Cup", "fork", "plate", "cup"]
    colors = assign_colors(names)
    assert colors["cup"] == colors["Cup"] == color_for("cup")
    assert len({colors[name] for name in ("cup", "spoon", "fork", "plate")}) == 4
    assert assign_colors(names) == colors  # deterministic
    assert assign_colors(["word", "line"]) == {"word": KIND_COLORS["word"], "line": KIND_COLORS["line"]}


@pytest.mark.parametrize(
    "others",
    [
        pytest.param([], id="alone"),
        pytest.param(["cat", "plate"], id="with-labels-of-other-colours"),
        pytest.param(["cup", "spoon"], id="after-two-labels-that-collide-next-to-it"),
        pytest.param(["word", "line"], id="with-text"),
    ],
)
def test_a_label_keeps_its_colour_whatever_else_is_drawn(others):
    # "cup" and "spoon" both want slot 0 and "dog" wants slot 1: the loser of slot 0 must not take dog's.
    assert [PALETTE.index(color_for(name)) for name in ("cup", "spoon", "dog")] == [0, 0, 1]
    assert assign_colors([*others, "dog"])["dog"] == color_for("dog")
    assert assign_colors(["dog", *others])["dog"] == color_for("dog")


def test_of_two_labels_that_want_one_colour_the_first_in_sorted_order_keeps_it_in_any_order():
    for keys in (["cup", "spoon"], ["spoon", "cup"], ["spoon", "dog", "cup"]):
        colors = assign_colors(keys)
        assert colors["cup"] == color_for("cup") == color_for("spoon") != colors["spoon"], keys


@given(st.lists(st.text("abcAB", min_size=1, max_size=5), max_size=30), st.randoms())  # no text kinds
def test_colours_depend_on_the_set_of_labels_only_and_differ_up_to_the_palette_size(keys, random):
    colors = assign_colors(keys)
    shuffled = list(keys)
    random.shuffle(shuffled)
    assert assign_colors(shuffled) == colors  # the order of the labels does not matter
    labels = {key.casefold() for key in keys}
    assert len(set(colors.values())) == min(len(labels), len(PALETTE))
    for key in keys:
        rivals = {label for label in labels if color_for(label) == color_for(key)}
        if rivals == {key.casefold()}:  # no other label wants its colour
            assert colors[key] == color_for(key)


def line(text: str, top: int, height: int = 20, left: int = 10, width: int = 60) -> Annotation:
    points = ((left, top), (left + width, top), (left + width, top + height), (left, top + height))
    return Annotation(
        "line", text, None, (left, top, left + width, top + height), tuple((float(x), float(y)) for x, y in points)
    )


def test_labels_of_dense_text_hide_no_other_text_when_there_is_room_beside_it():
    # Lines 20 px high, 6 px apart: a 12 px label (plus padding) above a line would cover the one above.
    lines = [line(f"l{n}", 30 + 26 * n) for n in range(4)]
    layout = plan(analysis_of(*lines), (200, 150), make_style(font_size=10), MONO)
    assert len(layout.labels) == 4
    for label in layout.labels:
        for other in lines:
            x1, y1, x2, y2 = label.box
            a1, b1, a2, b2 = other.box
            assert not (a1 < x2 and x1 < a2 and b1 < y2 and y1 < b2), (label.text, other.label)
    assert layout.labels[0].box[3] == 30  # the first line has room above it: its label stays there


@pytest.mark.parametrize(
    ("points"),
    [
        pytest.param(((235, 234), (496, 112), (511, 143), (250, 265)), id="turned-25-degrees"),
        pytest.param(((58, 390), (58, 110), (82, 110), (82, 390)), id="reading-upwards"),
        pytest.param(((300, 300), (100, 300), (100, 280), (300, 280)), id="upside-down"),
        pytest.param(((100, 100), (300, 100), (300, 120), (100, 120)), id="upright"),
    ],
)
def test_the_label_of_turned_text_touches_its_first_point_and_leaves_the_text_visible(points):
    from vision_viz._geometry import box_polygon_overlap

    xs, ys = [x for x, _ in points], [y for _, y in points]
    text = Annotation(
        "line", "NO PARKING", None, (min(xs), min(ys), max(xs), max(ys)), tuple((float(x), float(y)) for x, y in points)
    )
    (label,) = plan(analysis_of(text), (640, 480), make_style(font_size=11), MONO).labels
    x1, y1, x2, y2 = label.box
    px, py = points[0]  # the text's start is on the label's edge (at a corner unless the image's edge is near)
    assert x1 <= px <= x2 and y1 <= py <= y2 and (px in (x1, x2) or py in (y1, y2))
    assert box_polygon_overlap(label.box, points) == 0
    if points[0] == (100, 100):
        assert label.box == (100, 100 - MONO.height(11) - 4, 100 + label.box[2] - label.box[0], 100)  # above


def test_a_label_that_must_hide_some_text_leaves_its_own_word_visible():
    # The turned sign's words are closer than a label is high: every place of some labels hides
    # other text, and the first place of "LOADING" and "ZONE" (towards the text's top) their own word.
    from vision_viz._fonts import METRICS
    from vision_viz._geometry import box_polygon_overlap

    body = json.loads((ROOT / "tools" / "example_bodies" / "3.2" / "ocr" / "rotated-sign.json").read_text())
    analysis = parse(body, image_size=(640, 480))
    words = {a.label: a.polygon for a in analysis.of_kind("word")}
    layout = plan(analysis, (640, 480), make_style(kinds=["word"]), METRICS)
    assert {label.text for label in layout.labels} == set(words)
    for label in layout.labels:
        assert box_polygon_overlap(label.box, words[label.text]) < 1, label.text


def test_placed_words_find_their_line_whether_they_follow_it_or_come_after_every_line():
    from vision_viz._fonts import METRICS

    def item(kind, text, top):
        corners = ((10, top), (90, top), (90, top + 30), (10, top + 30))
        return Annotation(kind, text, None, (10, top, 90, top + 30), corners)

    tall, short = item("line", "Ag", 0), item("line", "ace", 50)  # inks of different heights
    words = item("word", "A", 0), item("word", "a", 50)
    style = make_style(ocr_text="place")
    interleaved = plan(analysis_of(tall, words[0], short, words[1]), (100, 100), style, METRICS).placed
    lines_first = plan(analysis_of(tall, short, *words), (100, 100), style, METRICS).placed
    assert interleaved == lines_first
    assert interleaved[0].size < interleaved[1].size  # each sized by its own line's ink
