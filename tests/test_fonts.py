"""The label fonts (vision_viz._fonts): every script the service reads, from the package's own dependencies.

Glyphs are checked by pixels: a character no font has is drawn as the "missing glyph" box, and every
such box looks the same, so two different letters of a script that draw identically are tofu.
"""

from __future__ import annotations

import importlib.util
import warnings

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from vision_viz import _fonts
from vision_viz._fonts import METRICS, draw_text, font_path, ink_box, paste_text, pil_font

WHITE, BLACK = (255, 255, 255), (0, 0, 0)

# Script -> (a label of that script, two different letters of it).
SCRIPTS = {
    "japanese": ("点検中です", "点", "検"),
    "chinese": ("电梯今天维修", "电", "梯"),
    "korean": ("안녕하세요", "안", "녕"),
    "arabic": ("مرحبا بالعالم", "م", "ب"),
    "hebrew": ("שלום עולם", "ש", "ל"),
    "devanagari": ("नमस्ते दुनिया", "न", "म"),
    "emoji": ("🐱🚗😀", "🐱", "🚗"),
}


def label(text: str, size: int = 40, width: int = 400) -> np.ndarray:
    """``text`` drawn as a label, black on white: True where there is ink."""
    image = Image.new("RGB", (width, METRICS.height(size) + 4), WHITE)
    paste_text(image, (2, 2), text, size, BLACK, WHITE)
    return np.asarray(image.convert("L")) < 128


def columns_with_ink(ink: np.ndarray) -> np.ndarray:
    return np.nonzero(ink.any(axis=0))[0]


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_draws_glyphs_not_empty_boxes(script, recwarn):
    text, first, second = SCRIPTS[script]
    tofu = label("\ue000")  # a private-use character: no font has it, so it shows the "missing" box
    assert label(text).any()
    for character in (first, second):
        assert label(character).any() and not np.array_equal(label(character), tofu), character
    assert not np.array_equal(label(first), label(second))
    assert not [w for w in recwarn if "empty box" in str(w.message)]


def test_arabic_reads_right_to_left_with_joined_letters():
    # "ما" is mim then alef. Drawn right to left and joined, it is, from left to right: alef in its
    # final form (U+FE8E), then mim in its initial form (U+FEE3), each a different glyph from the
    # letter on its own.
    arabic_font = _fonts._face_font(_fonts._face_of("م"), 40)
    expected = Image.new("RGB", (400, METRICS.height(40) + 4), WHITE)
    ImageDraw.Draw(expected).text(
        (2, 2 + METRICS.ascent(40)), "\ufe8e\ufee3", font=arabic_font, fill=BLACK, anchor="ls"
    )
    assert np.array_equal(label("ما"), np.asarray(expected.convert("L")) < 128)
    assert not np.array_equal(label("ما"), label("ام"))
    columns = columns_with_ink(label("ما"))
    assert np.all(np.diff(columns) == 1), "the letters are joined: no gap in the ink"


def test_a_mixed_line_keeps_each_direction():
    # An English word, then a Hebrew one: the English stays on the left, the Hebrew follows it.
    mixed, english = label("Exit יציאה"), label("Exit")
    english_columns = columns_with_ink(english)
    assert np.array_equal(mixed[:, : english_columns[-1] + 1], english[:, : english_columns[-1] + 1])
    assert columns_with_ink(mixed)[-1] > english_columns[-1] + 20


def test_numbers_after_hebrew_go_to_its_left():
    # The Unicode bidirectional rules: "שלום 42" reads right to left, so the number is drawn left of the word.
    drawn, number = label("שלום 42"), label("42")
    number_end = columns_with_ink(number)[-1] + 1
    assert np.array_equal(drawn[:, :number_end], number[:, :number_end])


def test_devanagari_vowel_sign_i_is_drawn_before_its_consonant(monkeypatch):
    if not _fonts.raqm_available():
        pytest.skip("needs libraqm: without it Devanagari is drawn unshaped, with a warning (tested below)")
    # "नि" is na + vowel sign i (U+093F), which is written BEFORE (left of) the consonant: shaped,
    # the label no longer starts with na's own pixels, as it does when drawn unshaped.
    na = label("न")
    na_end = columns_with_ink(na)[-1] + 1
    assert not np.array_equal(label("नि")[:, :na_end], na[:, :na_end])
    monkeypatch.setattr(_fonts, "raqm_available", lambda: False)
    _fonts._pieces.cache_clear()
    try:
        with pytest.warns(UserWarning, match="Devanagari"):
            assert np.array_equal(label("नि")[:, :na_end], na[:, :na_end])
    finally:
        _fonts._pieces.cache_clear()


def test_emoji_sequences_draw_as_one_picture():
    if not _fonts.raqm_available():
        pytest.skip("needs libraqm: without it a sequence is drawn as its parts")
    # A flag is two regional-indicator letters, a skin tone a modifier after the emoji: with
    # shaping each pair becomes one glyph, narrower than its parts side by side.
    for sequence, parts in (("🇯🇵", ("🇯", "🇵")), ("👍🏽", ("👍", "🏽"))):
        assert METRICS.width(sequence, 40) < sum(METRICS.width(part, 40) for part in parts) * 0.75, sequence


def test_without_libraqm_unshaped_scripts_are_named_in_a_warning(monkeypatch):
    monkeypatch.setattr(_fonts, "raqm_available", lambda: False)
    monkeypatch.setattr(_fonts, "_warned", set())
    _fonts._pieces.cache_clear()
    try:
        with pytest.warns(UserWarning, match="Devanagari text is drawn without shaping"):
            assert label("नमस्ते").any()
        with pytest.warns(UserWarning, match="Emoji text is drawn without shaping"):
            assert label("🇯🇵").any()
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # Arabic and Hebrew need no libraqm, plain text no shaping
            assert label("مرحبا").any() and label("שלום").any() and label("a^b `c` 电梯").any()
    finally:
        _fonts._pieces.cache_clear()


def test_a_character_no_font_has_is_named_in_a_warning_once(monkeypatch):
    monkeypatch.setattr(_fonts, "_warned", set())
    _fonts._face_of.cache_clear()
    try:
        with pytest.warns(UserWarning, match=r"U\+0F40.*Tibetan.*empty boxes") as caught:
            label("ཀ")  # Tibetan: no font of the package has it
            label("ཁ")
        assert len([w for w in caught if "empty boxes" in str(w.message)]) == 1
    finally:
        _fonts._face_of.cache_clear()


@pytest.mark.parametrize("package", ["manimgx_fonts", "noto_cjk_sans_otc"])
def test_missing_font_packages_are_named_with_a_pip_command(monkeypatch, package):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == package else real_find_spec(name))
    _fonts._faces.cache_clear()
    try:
        with pytest.warns(UserWarning, match=r"noto-cjk-sans-otc and manimgx-fonts.*pip install noto-cjk-sans-otc"):
            assert _fonts._faces() == ()
        assert font_path() is None
        _fonts._face_of.cache_clear()
        _fonts._pieces.cache_clear()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the drawing still runs, in Pillow's default font
            image = Image.new("RGB", (300, 40), WHITE)
            draw_text(ImageDraw.Draw(image), (2, 30), "नमस्ते 🐱 cat", 20, BLACK)
        assert np.asarray(image.convert("L")).min() < 128
    finally:
        monkeypatch.undo()
        _fonts._faces.cache_clear()
        _fonts._face_font.cache_clear()
        _fonts._face_of.cache_clear()
        _fonts._pieces.cache_clear()
    assert _fonts._faces()


def test_draw_text_and_paste_text_agree_and_ink_box_holds_the_ink():
    for text in ["Hello 电梯", "مرحبا 123", "नमस्ते", "🐱 cat"]:
        pasted = label(text)
        image = Image.new("RGB", pasted.shape[::-1], WHITE)
        draw_text(ImageDraw.Draw(image), (2, 2 + METRICS.ascent(40)), text, 40, BLACK)
        assert np.array_equal(np.asarray(image.convert("L")) < 128, pasted) or _fonts._is_simple(text), text
        left, top, right, bottom = ink_box(text, 40)
        rows, columns = np.nonzero(pasted)
        assert columns.min() >= 2 + left - 1 and columns.max() <= 2 + right
        assert rows.min() >= 2 + METRICS.ascent(40) + top - 1 and rows.max() <= 2 + METRICS.ascent(40) + bottom


def test_the_label_font_is_the_simplified_chinese_face_of_a_static_noto_collection():
    from fontTools.ttLib import TTFont

    assert font_path().name == "NotoSansCJK-Regular.ttc"
    with TTFont(str(font_path()), fontNumber=_fonts.CJK_SC_FACE, lazy=True) as face:
        assert face["name"].getDebugName(1) == _fonts.CJK_FAMILY
        assert face["OS/2"].usWeightClass == 400 and "fvar" not in face  # static, Regular
    font = pil_font(30)
    assert font.getname() == (_fonts.CJK_FAMILY, "Regular") and font.index == _fonts.CJK_SC_FACE
    # Simplified Chinese glyph forms, not the first face's Japanese ones: 骨 differs between them.
    japanese = ImageFont.truetype(font.path, 30, index=0)
    assert japanese.getname()[0] == "Noto Sans CJK JP"
    assert np.asarray(font.getmask("骨")).tobytes() != np.asarray(japanese.getmask("骨")).tobytes()
    assert np.array_equal(np.asarray(font.getmask("a")), np.asarray(japanese.getmask("a")))


@pytest.mark.parametrize("text", ["Hello", "Straße 42%", "电梯今天维修", "こんにちは", "مرحبا", "नमस्ते", "a🐱b"])
def test_widths_match_what_is_drawn(text):
    # Labels are laid out with these widths; the ink must end within the width.
    width = METRICS.width(text, 30)
    _, _, right, _ = ink_box(text, 30)
    assert 0 < right <= width + 3


def test_line_height_holds_accents_and_descenders():
    left, top, right, bottom = pil_font(40).getbbox("ÉgÅy国", anchor="ls")
    assert METRICS.ascent(40) >= -top and METRICS.height(40) >= bottom - top
    assert METRICS.height(40) < 2 * 40


def test_simple_text_is_recognized():
    assert _fonts._is_simple("Hello, 世界! café")
    assert not _fonts._is_simple("مرحبا")  # Arabic letters join and run right to left
    assert not _fonts._is_simple("e\u0301")  # a combining accent
    assert not _fonts._is_simple("🐱")  # another font


@pytest.mark.parametrize("script", ["arabic", "hebrew", "emoji"])
def test_matplotlib_labels_use_the_same_fallback_fonts(script):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from vision_viz import draw_on_axes

    def drawn(text: str) -> np.ndarray:
        body = {
            "objectsResult": {
                "values": [{"boundingBox": {"x": 5, "y": 40, "w": 150, "h": 50}, "tags": [{"name": text}]}]
            }
        }
        fig = plt.figure(figsize=(2, 1), dpi=100)
        ax = fig.add_axes((0, 0, 1, 1))
        draw_on_axes(Image.new("RGB", (200, 100), "white"), body, ax=ax, font_size=30)
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].copy()
        plt.close(fig)
        return pixels

    _, first, second = SCRIPTS[script]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" for tofu
        first_drawn, second_drawn = drawn(first), drawn(second)
    assert not np.array_equal(first_drawn, second_drawn)
    with pytest.warns(UserWarning, match="missing from font"):
        drawn("\ue000")
