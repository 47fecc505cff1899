"""The font every label is drawn with, its metrics, and fast label text for Pillow.

The font is Noto Sans CJK SC from the ``mplfonts`` package (a pinned requirement): it covers Latin,
Chinese and Japanese, so no label shows empty boxes. It is located without importing ``mplfonts``
(which imports matplotlib). When it is missing, matplotlib's DejaVu Sans (Latin only) or Pillow's
default font is used, and a warning says so once.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import unicodedata
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from vision_viz._errors import warn

RGB = tuple[int, int, int]

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
# Characters whose tallest and deepest glyphs set the height of every label.
_METRIC_SAMPLE = "ÁÉHbdfghjklpqy|国語あア"


@functools.cache
def font_path() -> Path | None:
    """The font file labels are drawn with: Noto Sans CJK, else DejaVu Sans, else ``None``.

    Example:
        >>> font_path().name
        'NotoSansCJKsc-Regular.otf'
    """
    spec = importlib.util.find_spec("mplfonts")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "fonts" / CJK_FONT_FILE
        if candidate.is_file():
            return candidate
    fallback = None
    spec = importlib.util.find_spec("matplotlib")
    if spec and spec.origin:
        candidate = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        fallback = candidate if candidate.is_file() else None
    warn(
        f"The CJK font {CJK_FONT_FILE} (package mplfonts) is not installed, so Chinese and Japanese "
        f"text will show as empty boxes; using {fallback.name if fallback else 'Pillow default font'} "
        "instead. Install the project's requirements: pip install -r requirements.txt"
    )
    return fallback


@functools.lru_cache(maxsize=64)
def pil_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The label font at ``size`` pixels (cached)."""
    path = font_path()
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


@functools.lru_cache(maxsize=64)
def _ascent_descent(size: int) -> tuple[int, int]:
    _, top, _, bottom = pil_font(size).getbbox(_METRIC_SAMPLE, anchor="ls")
    return max(1, -top), max(0, bottom)


@functools.lru_cache(maxsize=64)
def _line_height(size: int) -> int:
    ascent, descent = _ascent_descent(size)
    return ascent + descent


class FontMetrics:
    """Text sizes in pixels, for the pure layout code: ``ascent``, ``height`` and ``width``.

    Widths are the sum of each character's advance, which is also how ``paste_text`` places them.
    """

    def ascent(self, size: int) -> int:
        """Pixels from the top of a text line to its baseline."""
        return _ascent_descent(size)[0]

    def height(self, size: int) -> int:
        """Pixels from the top to the bottom of a text line."""
        return _line_height(size)

    def width(self, text: str, size: int) -> float:
        """Pixels from the start of ``text`` to the end of its last character's advance."""
        advances = _simple_advances(text, size)
        return sum(advances) if advances is not None else pil_font(size).getlength(text)

    def ink_height(self, text: str, size: int) -> int:
        """Pixels from the top of ``text``'s highest letter to the bottom of its lowest one."""
        return _ink_height(text, size)


@functools.lru_cache(maxsize=4096)
def _ink_height(text: str, size: int) -> int:
    _, top, _, bottom = pil_font(size).getbbox(text, anchor="ls")
    return bottom - top


METRICS = FontMetrics()


@functools.lru_cache(maxsize=64)
def _advance_table(size: int) -> dict[str, float]:
    """The advance of every simple character measured so far at ``size`` (filled on demand)."""
    return {}


def _simple_advances(text: str, size: int) -> list[float] | None:
    """Each character's advance, or ``None`` when the text needs shaping (see ``_is_simple``)."""
    table = _advance_table(size)
    try:
        return [table[character] for character in text]
    except KeyError:
        if not _is_simple(text):
            return None
        font = pil_font(size)
        for character in text:
            if character not in table:
                table[character] = font.getlength(character)
        return [table[character] for character in text]


@functools.lru_cache(maxsize=4096)
def _is_simple_character(character: str) -> bool:
    """Whether a character can be drawn on its own: no shaping, no combining, no right-to-left."""
    code = ord(character)
    simple_block = (
        code < 0x0300  # Latin, Latin-1, Latin Extended, IPA
        or 0x0370 <= code < 0x0530  # Greek, Cyrillic
        or 0x1E00 <= code < 0x2070  # Latin Extended Additional, Greek Extended, punctuation
        or 0x20A0 <= code < 0x2E80  # currency, letterlike symbols, arrows, maths, CJK-adjacent symbols
        or 0x2E80 <= code < 0xA000  # CJK radicals, punctuation, kana, ideographs
        or 0xAC00 <= code < 0xD7B0  # Hangul syllables
        or 0xF900 <= code < 0xFB00  # CJK compatibility ideographs
        or 0xFF00 <= code < 0xFFF0  # full-width forms
    )
    return simple_block and character.isprintable() and not unicodedata.combining(character)


def _is_simple(text: str) -> bool:
    return all(_is_simple_character(character) for character in text)


@functools.lru_cache(maxsize=256)
def _cell_table(size: int, color: RGB, background: RGB, mode: str) -> dict[str, tuple[Any, int, int]]:
    """The glyph cells made so far for one font size and pair of colours (filled on demand)."""
    return {}


def _glyph_cell(size: int, character: str, color: RGB, background: RGB, mode: str) -> tuple[Any, int, int]:
    """One character painted on its background, as wide as its advance and as high as a line.

    Returns the cell's pixels (Pillow's internal image, ready to paste), width and height.
    """
    width = max(1, math.ceil(METRICS.width(character, size)))
    cell = Image.new("RGB", (width, METRICS.height(size)), background)
    ImageDraw.Draw(cell).text((0, METRICS.ascent(size)), character, font=pil_font(size), fill=color, anchor="ls")
    cell = cell if mode == "RGB" else cell.convert(mode)
    return cell.im, cell.width, cell.height


def paste_text(image: Image.Image, xy: tuple[int, int], text: str, size: int, color: RGB, background: RGB) -> None:
    """Paint ``text`` with its top-left corner at ``xy`` on an opaque background, in place.

    Labels sit on an opaque background, so each character is a cached picture pasted side by side:
    many times faster than rendering each label through FreeType. Text that needs shaping (Arabic,
    Indic scripts, combining marks) is drawn by Pillow instead.
    """
    x, y = xy
    advances = _simple_advances(text, size)
    if advances is None:
        draw = ImageDraw.Draw(image)
        draw.text((x, y + METRICS.ascent(size)), text, font=pil_font(size), fill=color, anchor="ls")
        return
    cells = _cell_table(size, color, background, image.mode)
    image.load()
    target = image.im  # Image.paste checks its arguments on every call: paste the cells directly
    pen = float(x)
    for character, advance in zip(text, advances):
        cell = cells.get(character)
        if cell is None:
            cell = cells[character] = _glyph_cell(size, character, color, background, image.mode)
        pixels, width, height = cell
        left = round(pen)
        target.paste(pixels, (left, y, left + width, y + height))
        pen += advance
