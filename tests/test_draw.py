"""Pillow drawing (vision_viz._draw) checked on the pixels of tiny synthetic images."""

from __future__ import annotations

import gc
import io
import warnings

import numpy as np
import pytest
from PIL import Image, ImageDraw

import vision_viz
from bodies import objects, read_4, read_line, read_pages
from vision_viz import (
    ResponseBodyError,
    color_swatch,
    compare_crops,
    draw,
    draw_boxes,
    draw_caption,
    draw_dense_captions,
    draw_faces,
    draw_ocr,
    draw_people,
    draw_polygons,
    draw_smart_crops,
)
from vision_viz._fonts import METRICS, paste_text, pil_font
from vision_viz._style import color_for

BLACK, RED, WHITE = (0, 0, 0), (255, 0, 0), (255, 255, 255)


def blank(width: int = 40, height: int = 30, color=BLACK) -> Image.Image:
    return Image.new("RGB", (width, height), color)


def painted(image: Image.Image, color=BLACK) -> np.ndarray:
    """Boolean mask of the pixels that are not ``color``."""
    return np.any(np.asarray(image.convert("RGB")) != np.array(color, np.uint8), axis=-1)


def test_a_box_is_drawn_exactly_on_its_edges():
    drawn = draw_boxes(blank(), [(5, 6, 15, 20)], color="red", line_width=1)
    expected = np.zeros((30, 40), bool)
    expected[6, 5:15] = expected[19, 5:15] = True  # top and bottom rows: y 6 and 19
    expected[6:20, 5] = expected[6:20, 14] = True  # left and right columns: x 5 and 14
    assert np.array_equal(painted(drawn), expected)
    assert drawn.getpixel((5, 6)) == RED


def test_a_wide_line_grows_inwards_so_boxes_at_the_edge_keep_it():
    drawn = draw_boxes(blank(), [(0, 0, 40, 30)], color="red", line_width=3)
    mask = painted(drawn)
    assert mask[:3, :].all() and mask[:, :3].all() and mask[-3:, :].all() and mask[:, -3:].all()
    assert not mask[3:-3, 3:-3].any()


def test_geometry_outside_the_image_is_clipped():
    drawn = draw_boxes(blank(), [(30, 20, 90, 90), (100, 100, 120, 120)], color="red", line_width=1)
    mask = painted(drawn)
    assert mask[20, 30:].all() and mask[20:, 30].all()  # the visible part of the first box
    assert mask[29, 30:].all() and mask[20:, 39].all()  # cut at the image's edges
    assert mask.sum() == 10 + 10 + 9 + 9 - 2


def test_the_input_is_never_modified_and_a_new_image_is_returned():
    original = blank()
    array = np.zeros((30, 40, 3), np.uint8)
    for image in (original, array):
        drawn = draw(image, objects(("cat", (5, 5, 10, 10), 0.9)))
        assert isinstance(drawn, Image.Image) and drawn is not image and painted(drawn).any()
    assert not painted(original).any() and array.max() == 0


def test_labels_sit_on_their_box_on_an_opaque_background_in_the_label_colour():
    body = objects(("cat", (10, 40, 30, 20), 0.9))
    drawn = draw(blank(100, 100), body, font_size=12, line_width=1)
    colour = color_for("cat")
    label_height = METRICS.height(12) + 2 * 2
    above = np.asarray(drawn)[40 - label_height : 40, 10:20]
    assert (above == colour).all(axis=-1).mean() > 0.5  # background in the label's colour ...
    assert (above != colour).any(axis=-1).any()  # ... with text on it
    assert drawn.getpixel((10, 45)) == colour  # the box's outline in the same colour


def test_labels_stay_inside_the_image_at_its_edges():
    body = objects(("a long label", (95, 0, 5, 5), 0.9), ("x", (0, 95, 5, 5), 0.9))
    drawn = draw(blank(100, 100), body, font_size=12)
    mask = painted(drawn)
    rows, columns = np.nonzero(mask)
    assert rows.min() == 0 and columns.max() == 99  # pushed inside, not cut off or lost
    label = np.asarray(drawn)[0:5, 30:99]
    assert (label == color_for("a long label")).all(axis=-1).any()


def test_one_stable_colour_per_label():
    body = objects(("cup", (2, 2, 10, 10), 0.9), ("cup", (20, 2, 10, 10), 0.8), ("fork", (2, 20, 10, 10), 0.9))
    drawn = draw(blank(40, 40), body, labels=False, line_width=1)
    assert drawn.getpixel((2, 5)) == drawn.getpixel((20, 5)) == color_for("cup")
    assert drawn.getpixel((2, 25)) == color_for("fork") != color_for("cup")


def test_confidence_is_shown_on_request():
    body = objects(("cat", (10, 40, 30, 20), 0.9))
    plain = painted(draw(blank(100, 100), body, font_size=12), BLACK).sum()
    with_confidence = painted(draw(blank(100, 100), body, font_size=12, show_confidence=True), BLACK).sum()
    assert with_confidence > plain


def test_large_images_are_drawn_on_a_display_sized_copy_with_scaled_geometry(tmp_path):
    path = tmp_path / "large.jpg"
    Image.new("RGB", (4000, 2000), WHITE).save(path, quality=95)
    body = {"metadata": {"width": 4000, "height": 2000}, **objects(("tree", (1000, 400, 2000, 1000), 0.9))}
    drawn = draw(path, body, max_side=400, labels=False, line_width=1)
    assert drawn.size == (400, 200)
    assert drawn.getpixel((100, 100)) == color_for("tree") and drawn.getpixel((299, 139)) == color_for("tree")
    assert drawn.getpixel((150, 100)) != color_for("tree")


def test_a_smaller_copy_of_the_image_gets_scaled_geometry():
    body = {"metadata": {"width": 80, "height": 60}, **objects(("tree", (20, 20, 40, 20), 0.9))}
    drawn = draw(blank(40, 30), body, labels=False, line_width=1)
    assert drawn.getpixel((10, 15)) == color_for("tree") and drawn.getpixel((29, 19)) == color_for("tree")


def test_exif_orientation_is_applied_so_boxes_land_on_the_upright_photo():
    stored = Image.new("RGB", (20, 10), BLACK)
    stored.paste(RED, (0, 0, 5, 5))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "PNG", exif=exif)
    drawn = draw_boxes(buffer.getvalue(), [(4, 0, 10, 6)], color="lime", line_width=1)
    assert drawn.size == (10, 20)
    assert drawn.getpixel((7, 2)) == RED  # the red corner turned to the top right, inside the box
    assert drawn.getpixel((4, 3)) == (0, 255, 0)


def test_ocr_text_is_written_over_the_word_following_its_angle():
    def word(points):
        return {"readResult": {"blocks": [{"lines": [{"text": "HELLO", "boundingPolygon": points, "words": [
            {"text": "HELLO", "confidence": 0.9, "boundingPolygon": points}]}]}]}}  # fmt: skip

    upright = [{"x": 10, "y": 40}, {"x": 110, "y": 40}, {"x": 110, "y": 70}, {"x": 10, "y": 70}]
    downwards = [{"x": 75, "y": 10}, {"x": 75, "y": 110}, {"x": 45, "y": 110}, {"x": 45, "y": 10}]
    for points, wide in ((upright, True), (downwards, False)):
        drawn = draw_ocr(blank(120, 120, WHITE), word(points), text="place", line_width=1)
        rows, columns = np.nonzero(np.asarray(drawn.convert("L")) < 60)  # the black text only
        ink_height, ink_width = np.ptp(rows), np.ptp(columns)
        assert (ink_width > 2 * ink_height) if wide else (ink_height > 2 * ink_width)


def test_chinese_and_japanese_render_as_glyphs_not_empty_boxes():
    assert pil_font(40).getname()[0] == "Noto Sans CJK SC"

    def ink(text: str) -> np.ndarray:
        image = Image.new("L", (200, 60), 0)
        ImageDraw.Draw(image).text((0, 0), text, font=pil_font(40), fill=255)
        return np.asarray(image) > 0

    tofu = ink("\ue000")  # a private-use character: no font has it, so it shows the "missing" box
    for character in "电梯点検":
        glyph = ink(character)
        assert glyph.any() and not np.array_equal(glyph, tofu)
    assert not np.array_equal(ink("电"), ink("梯"))


def test_fast_label_text_matches_pillows_own_rendering():
    for text in ["Hello", "电梯维修", "café 42%"]:
        fast = Image.new("RGB", (300, 60), WHITE)
        paste_text(fast, (3, 4), text, 30, BLACK, WHITE)
        slow = Image.new("RGB", (300, 60), WHITE)
        ImageDraw.Draw(slow).text((3, 4 + METRICS.ascent(30)), text, font=pil_font(30), fill=BLACK, anchor="ls")
        fast_ink, slow_ink = painted(fast, WHITE), painted(slow, WHITE)
        overlap = (fast_ink & slow_ink).sum() / (fast_ink | slow_ink).sum()
        assert overlap > 0.75, text


def test_text_needing_shaping_is_drawn_by_pillow():
    image = Image.new("RGB", (200, 60), WHITE)
    paste_text(image, (0, 0), "مرحبا", 30, BLACK, WHITE)  # Arabic joins its letters: no cached cells
    assert painted(image, WHITE).any()


def test_caption_banner_is_added_below_the_image():
    drawn = draw_caption(blank(200, 100, WHITE), {"captionResult": {"text": "a cat on a mat", "confidence": 0.9}})
    assert drawn.width == 200 and drawn.height > 100
    assert not painted(drawn.crop((0, 0, 200, 100)), WHITE).any()
    banner = np.asarray(drawn.crop((0, 100, 200, drawn.height)))
    assert drawn.getpixel((1, 101)) == (30, 30, 30)
    assert (banner == WHITE).all(axis=-1).any()  # the caption's white text


def test_kind_helpers_draw_only_their_kind():
    body = {
        **objects(("cat", (1, 1, 8, 8), 0.9)),
        "peopleResult": {"values": [{"boundingBox": {"x": 20, "y": 1, "w": 8, "h": 8}, "confidence": 0.9},
                                    {"boundingBox": {"x": 40, "y": 1, "w": 8, "h": 8}, "confidence": 0.1}]},
        "denseCaptionsResult": {"values": [{"text": "a cat", "confidence": 0.8,
                                            "boundingBox": {"x": 1, "y": 20, "w": 8, "h": 8}}]},
        "smartCropsResult": {"values": [{"aspectRatio": 1.0, "boundingBox": {"x": 20, "y": 20, "w": 8, "h": 8}}]},
        "faces": [{"age": 3, "faceRectangle": {"left": 40, "top": 20, "width": 8, "height": 8}}],
    }  # fmt: skip
    cases = [
        (draw_people, [(20, 1)], [(1, 1), (40, 1)]),
        (draw_dense_captions, [(1, 20)], [(1, 1), (20, 20)]),
        (draw_smart_crops, [(20, 20)], [(1, 20), (40, 20)]),
        (draw_faces, [(40, 20)], [(20, 20), (1, 1)]),
    ]
    for helper, drawn_at, empty_at in cases:
        drawn = helper(blank(50, 30), body, labels=False, line_width=1)
        assert all(drawn.getpixel(p) != BLACK for p in drawn_at), helper.__name__
        assert all(drawn.getpixel(p) == BLACK for p in empty_at), helper.__name__


def test_warnings_from_inside_a_drawing_point_at_the_callers_line():
    broken = {"metadata": {"width": 40, "height": 30}, "objectsResult": {"values": [{"boundingBox": {"x": 1}}]}}
    with pytest.warns(UserWarning) as record:
        draw(blank(), broken)  # parse skips the box
        draw(blank(20, 30), objects(("cat", (1, 1, 8, 8), 0.9)) | {"metadata": {"width": 40, "height": 30}})
    assert [w.message.args[0][:30] for w in record] == [
        "vision_viz.parse skipped 1 ite",
        "The response describes a 40x30",
    ]
    assert {w.filename for w in record} == {__file__}


def test_a_helper_warns_when_its_feature_is_missing():
    with pytest.warns(UserWarning, match="no people") as record:
        draw_people(blank(), objects(("cat", (1, 1, 8, 8), 0.9)))
    assert record[0].filename == __file__  # the warning points at the caller's line


def test_polygons_are_drawn_along_their_edges():
    drawn = draw_polygons(blank(40, 40), [[(5, 5), (35, 5), (35, 35)]], color="red", line_width=1)
    assert drawn.getpixel((20, 5)) == RED and drawn.getpixel((35, 20)) == RED and drawn.getpixel((20, 20)) == RED
    assert drawn.getpixel((10, 30)) == BLACK


@pytest.mark.parametrize("width", [1, 2, 3])
def test_a_polygon_line_on_the_images_far_edges_shows(width):
    drawn = painted(
        draw_polygons(blank(40, 30), [[(10, 5), (45, 5), (45, 35), (10, 35)]], color="red", line_width=width)
    )
    assert drawn[5:30, 39].all() and drawn[29, 10:40].all()  # clipped to the right and bottom edges
    assert not drawn[10:25, 15:35].any()  # and still an outline


def distance_to_edges(polygon, width, height) -> np.ndarray:
    """Each pixel centre's distance to the nearest edge of a closed polygon (pixel x covers x to x + 1)."""
    ys, xs = np.mgrid[0:height, 0:width] + 0.5
    distances = np.full((height, width), np.inf)
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1]):
        dx, dy = x1 - x0, y1 - y0
        t = np.clip(((xs - x0) * dx + (ys - y0) * dy) / (dx * dx + dy * dy), 0, 1)
        distances = np.minimum(distances, np.hypot(xs - x0 - t * dx, ys - y0 - t * dy))
    return distances


@pytest.mark.parametrize(
    "polygon",
    [
        pytest.param([(10, 10), (50, 10), (50, 30), (10, 30)], id="upright"),
        pytest.param([(30, 5), (55, 30), (30, 55), (5, 30)], id="45-degrees"),
        pytest.param([(6, 10), (54, 18), (50, 40), (2, 32)], id="slanted"),
        pytest.param([(50, 40), (10, 35), (14, 12), (54, 17)], id="upside-down"),
        pytest.param([(10.9, 10.9), (40.9, 10.9), (40.9, 30.9), (10.9, 30.9)], id="fractional"),
        pytest.param([(5.3, 20.6), (30.8, 4.2), (55.4, 30.7), (29.9, 50.5)], id="fractional-turned"),
    ],
)
def test_a_two_pixel_polygon_line_is_two_pixels_thick_in_every_direction(polygon):
    drawn = np.asarray(draw_polygons(blank(60, 60), [polygon], color="red", line_width=2)).any(axis=-1)
    distance = distance_to_edges(polygon, 60, 60)
    assert drawn[distance <= 0.5].all()  # no gaps along the line, whatever its direction
    assert not drawn[distance > 1.75].any()  # centred on the edge: never more than a pixel off it


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        pytest.param(
            lambda: draw(b"not an image", {"tags": []}), vision_viz.ImageLoadError, "not an image", id="bad-image"
        ),
        pytest.param(
            lambda: draw(blank(), {"error": {"code": "X", "message": "m"}}),
            ResponseBodyError,
            "error response",
            id="error-body",
        ),
        pytest.param(
            lambda: draw(blank(), {"tags": []}, colour="red"), TypeError, "Unknown drawing option", id="misspelt-option"
        ),
        pytest.param(lambda: draw_boxes(blank(), [(1, 2, 3)]), ValueError, "Box 0", id="three-number-box"),
        pytest.param(lambda: draw_polygons(blank(), [[(1, "a"), (2, 3)]]), ValueError, "Polygon 0", id="bad-polygon"),
        pytest.param(lambda: draw_ocr(blank(), {"tags": []}, level="page"), ValueError, "level", id="bad-level"),
        pytest.param(lambda: color_swatch({"tags": []}), ValueError, "Color", id="no-colour"),
    ],
)
def test_bad_input_raises_a_clear_error(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_colour_swatch_shows_each_colour():
    body = {"color": {"dominantColorForeground": "Black", "dominantColorBackground": "White",
                      "dominantColors": ["Red"], "accentColor": "BB6D10", "isBWImg": False}}  # fmt: skip
    swatch = color_swatch(body, size=20)
    step = 20 + 20 // 6
    assert [swatch.getpixel((10, 10 + row * step)) for row in range(4)] == [
        BLACK,
        WHITE,
        (210, 30, 30),
        (0xBB, 0x6D, 0x10),
    ]


def test_compare_crops_puts_the_image_crops_and_thumbnails_side_by_side():
    image = blank(100, 50, WHITE)
    image.paste(RED, (0, 0, 50, 50))
    body = {"smartCropsResult": {"values": [{"aspectRatio": 1.0, "boundingBox": {"x": 0, "y": 0, "w": 50, "h": 50}}]}}
    thumbnail = io.BytesIO()
    Image.new("RGB", (30, 30), (0, 0, 255)).save(thumbnail, "PNG")
    sheet = compare_crops(image, body, thumbnails=[thumbnail.getvalue()], height=50)
    gap = max(4, 50 // 30)
    assert sheet.width == 100 + 50 + 50 + 2 * gap
    crop_panel = sheet.crop((100 + gap, sheet.height - 50, 150 + gap, sheet.height))
    assert crop_panel.getpixel((25, 25)) == RED
    assert sheet.getpixel((sheet.width - 25, sheet.height - 25)) == (0, 0, 255)


def test_draw_leaves_out_unlikely_people_unless_a_threshold_is_given():
    body = {"peopleResult": {"values": [
        {"boundingBox": {"x": 2, "y": 2, "w": 10, "h": 10}, "confidence": 0.95},
        {"boundingBox": {"x": 25, "y": 2, "w": 10, "h": 10}, "confidence": 0.004}]}}  # fmt: skip
    default = draw(blank(), body, labels=False, line_width=1)
    assert default.getpixel((2, 5)) != BLACK and default.getpixel((25, 5)) == BLACK
    everything = draw(blank(), body, labels=False, line_width=1, min_confidence=0)
    assert everything.getpixel((25, 5)) != BLACK


def test_different_labels_in_one_drawing_get_different_colours():
    assert color_for("cup") == color_for("spoon")  # the two labels that collided on coffee.jpg
    body = objects(("cup", (2, 2, 10, 10), 0.9), ("spoon", (20, 2, 10, 10), 0.8), ("cup", (2, 20, 10, 10), 0.7))
    drawn = draw(blank(40, 40), body, labels=False, line_width=1)
    assert drawn.getpixel((2, 5)) == drawn.getpixel((2, 25)) == color_for("cup")  # the first keeps its colour
    assert drawn.getpixel((20, 5)) not in (BLACK, color_for("cup"))


def contrast(a, b) -> float:
    """WCAG contrast ratio of two RGB colours."""

    def luminance(color):
        channels = [c / 255 for c in color]
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("level", ["word", "line"])
def test_ocr_outlines_contrast_with_white_paper_and_dark_signs(level):
    body = read_4([(10, 10), (60, 10), (60, 25), (10, 25)])
    for background in (WHITE, BLACK):
        drawn = draw_ocr(blank(80, 40, background), body, level=level, labels=False)
        outline = drawn.getpixel((30, 10))
        assert outline != background and contrast(outline, background) >= 3, (level, background, outline)


def test_text_placed_over_a_word_hides_the_original():
    body = read_4([(10, 20), (110, 20), (110, 50), (10, 50)])
    on_white = np.asarray(draw_ocr(blank(120, 70, WHITE), body, text="place", line_width=1))
    original = blank(120, 70, WHITE)
    ImageDraw.Draw(original).rectangle((12, 22, 107, 47), fill=(200, 0, 0))  # the original letters
    on_text = np.asarray(draw_ocr(original, body, text="place", line_width=1))
    inside = (slice(22, 48), slice(12, 108))
    assert np.array_equal(on_text[inside], on_white[inside])  # nothing of the original shows through


# The first characters of a line of the multilingual notice: Read's boxes of neighbouring
# characters overlap by 4 pixels (notebooks/recordings/07-read-text.json).
NOTICE_LINE = read_line(
    "电梯今天", [("电", (48, 230, 82, 265)), ("梯", (78, 230, 112, 265)), ("今", (108, 230, 142, 265))]
)


def ink_of(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L")) < 100


def test_placed_text_of_a_character_is_not_cut_by_the_background_of_the_next():
    alone = read_line("电梯今天", [("电", (48, 230, 82, 265))])  # the same line, one word
    first_alone = ink_of(draw_ocr(blank(200, 280, WHITE), alone, text="place"))
    in_line = ink_of(draw_ocr(blank(200, 280, WHITE), NOTICE_LINE, text="place"))
    assert first_alone[:, 74:82].any()  # the character reaches under the next one's background ...
    assert not (first_alone & ~in_line).any()  # ... and every pixel of it is still drawn


def rows_of_ink(image: Image.Image, x1: int, x2: int) -> tuple[int, int]:
    """The first and last rows with ink between columns x1 and x2."""
    rows = np.nonzero(ink_of(image)[:, x1:x2].any(axis=1))[0]
    return int(rows.min()), int(rows.max())


def test_placed_words_of_a_line_share_one_size_and_baseline_whatever_their_letters():
    # "use" has no ascender, "the" has, "you." and "。" are small: each keeps its place in the line.
    words = [("use", (10, 10, 56, 42)), ("the", (60, 10, 104, 42)), ("you.", (108, 10, 165, 42))]
    body = read_line("use the you.", words)
    drawn = draw_ocr(blank(180, 60, WHITE), body, text="place")
    (use_top, use_bottom), (the_top, the_bottom) = rows_of_ink(drawn, 10, 56), rows_of_ink(drawn, 60, 104)
    assert abs(use_bottom - the_bottom) <= 1  # one baseline
    the_height = the_bottom - the_top
    assert 0.55 * the_height < use_bottom - use_top < 0.85 * the_height  # x-height, not capitals
    you_top, you_bottom = rows_of_ink(drawn, 108, 165)
    assert abs(you_top - use_top) <= 1 and you_bottom > the_bottom + 3  # the y's descender goes below
    cjk = read_line("电。", [("电", (10, 10, 44, 45)), ("。", (40, 10, 74, 45))])
    drawn = draw_ocr(blank(90, 60, WHITE), cjk, text="place")
    (character_top, character_bottom), (stop_top, stop_bottom) = rows_of_ink(drawn, 10, 40), rows_of_ink(drawn, 48, 74)
    assert stop_bottom - stop_top < 0.35 * (character_bottom - character_top)  # a small circle, not a tall "o"
    assert stop_top > (character_top + character_bottom) / 2  # low in the em box, by the baseline


def test_legacy_ocr_boxes_are_turned_back_with_the_text_angle_when_drawn():
    body = {"language": "en", "textAngle": -30.0, "orientation": "Up", "regions": [
        {"boundingBox": "60,45,80,10", "lines": [{"boundingBox": "60,45,80,10", "words": []}]}]}  # fmt: skip
    drawn = draw(blank(200, 100), body, labels=False, line_width=1)  # draw() passes the image size
    assert drawn.getpixel((60, 47)) == BLACK  # the upright box given in the body is not drawn ...
    from vision_viz._geometry import rotate_polygon

    (x, y), _ = rotate_polygon(((100, 45), (100, 55)), 30, (100, 50))
    assert painted(drawn)[round(y) - 1 : round(y) + 2, round(x) - 1 : round(x) + 2].any()  # ... but turned 30°



def only_the_outline(drawn: Image.Image, corners: tuple[int, int, int, int]) -> bool:
    """Whether the painted pixels are exactly a 1 px outline through the corners (x1, y1) and (x2, y2)."""
    x1, y1, x2, y2 = corners
    expected = np.zeros((drawn.height, drawn.width), bool)
    expected[y1 : y2 + 1, x1 : x2 + 1] = True
    expected[y1 + 1 : y2, x1 + 1 : x2] = False
    return bool(np.array_equal(painted(drawn), expected))


PAGE_1 = (80, 110, "pixel", (5, 5, 10, 10))
SMALLER, LANDSCAPE = (40, 56, "pixel", (10, 10, 30, 40)), (110, 80, "pixel", (10, 10, 30, 40))
PDF = [(8.5, 11, "inch", (1, 1, 3, 2)), (11, 8.5, "inch", (1, 1, 3, 2))]  # a portrait page, then a landscape one


@pytest.mark.parametrize(
    ("pages", "page", "image_size", "corners"),
    [
        pytest.param([PAGE_1, SMALLER], 2, (40, 56), (10, 10, 30, 40), id="smaller-page"),
        pytest.param([PAGE_1, SMALLER], 2, (20, 28), (5, 5, 15, 20), id="its-half-size-copy"),
        pytest.param([PAGE_1, LANDSCAPE], 2, (110, 80), (10, 10, 30, 40), id="landscape-page"),
        pytest.param([PAGE_1, LANDSCAPE], 1, (80, 110), (5, 5, 10, 10), id="page-1"),
        pytest.param(PDF, 2, (110, 85), (10, 10, 30, 20), id="landscape-pdf-page-in-inches"),
        pytest.param(PDF, 1, (85, 110), (10, 10, 30, 20), id="pdf-page-1-in-inches"),
    ],
)
def test_each_page_is_scaled_by_its_own_size(pages, page, image_size, corners):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a page of another shape than page 1 is not "the wrong image"
        drawn = draw_ocr(blank(*image_size), read_pages(*pages), page=page, labels=False, line_width=1, color="red")
    assert only_the_outline(drawn, corners)


def test_a_page_half_the_size_of_page_1_is_not_drawn_at_half_scale():
    body = read_pages((850, 1100, "pixel", (10, 10, 20, 20)), (425, 550, "pixel", (100, 100, 200, 150)))
    drawn = draw_ocr(blank(425, 550), body, page=2, labels=False, line_width=1, color="red")
    assert only_the_outline(drawn, (100, 100, 200, 150))  # not (50, 50)-(100, 75), by page 1's size


def test_a_documents_page_is_drawn_on_that_pages_picture(tmp_path):
    # Both pages 80 x 110: the words of page 2 must land on page 2's picture, not on page 1's.
    path = tmp_path / "document.tiff"
    pages = [Image.new("RGB", (80, 110), color) for color in ((255, 255, 255), (0, 0, 255))]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    body = read_pages(PAGE_1, (80, 110, "pixel", (20, 20, 40, 40)))
    for image in (path, path.read_bytes()):
        drawn = draw_ocr(image, body, page=2, labels=False, line_width=1, color="red")
        assert drawn.getpixel((60, 60)) == (0, 0, 255)  # page 2's picture
        assert drawn.getpixel((20, 30)) == (255, 0, 0)  # its word's outline
    with pytest.raises(ValueError, match="page.*1, 2: there is no page 3"):  # the body has two pages
        draw_ocr(blank(80, 110), body, page=3)
    with pytest.raises(ValueError, match="has 2 page.*no page 3"):  # so has the file
        draw_ocr(path, read_pages(PAGE_1, PAGE_1, PAGE_1), page=3)
    with pytest.raises(ValueError, match="counted from 1"):
        draw_ocr(path, body, page=0)


def many_words(count: int) -> dict:
    """A 4.0 read body with ``count`` words on a 2000 x 2000 image."""
    words = [{"text": f"w{n}", "confidence": 0.9, "boundingPolygon": [
                 {"x": x, "y": y}, {"x": x + 30, "y": y}, {"x": x + 30, "y": y + 12}, {"x": x, "y": y + 12}]}
             for n in range(count) for x, y in [(n % 50 * 40, n // 50 * 20)]]  # fmt: skip
    line = {"text": "", "boundingPolygon": words[0]["boundingPolygon"], "words": words}
    return {"metadata": {"width": 2000, "height": 2000}, "readResult": {"blocks": [{"lines": [line]}]}}


def test_the_cycle_collector_is_left_as_it_was_even_when_drawing_fails():
    with pytest.raises(ResponseBodyError):
        draw(blank(), {"error": {"code": "X", "message": "m"}})
    assert gc.isenabled()
    gc.disable()
    try:
        draw_ocr(blank(2000, 2000), many_words(10))
        assert not gc.isenabled()  # a program that turned it off keeps it off
    finally:
        gc.enable()
