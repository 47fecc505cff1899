"""The fonts labels are drawn with, their metrics, and fast label text for Pillow.

Every font comes with the package's own dependencies (SIL Open Font License 1.1), so a plain
``pip install vision-viz`` draws every script the service reads:

- Noto Sans CJK SC (face 2 of the static collection in package ``noto-cjk-sans-otc``) draws Latin,
  Greek, Cyrillic, Chinese, Japanese and Korean: almost every label, through the fast path of cached
  glyph cells (``paste_text``).
- Noto Sans, Noto Sans Arabic, Hebrew, Devanagari and 16 more scripts, Noto Sans Symbols and Noto
  Emoji (package ``manimgx-fonts``) draw the characters the first font lacks. Each character is
  drawn with the first font in that order that has it.

Right-to-left text is put in reading order by ``python-bidi`` (the Unicode bidirectional
algorithm) and Arabic letters are joined by ``arabic-reshaper``, on every machine. Pillow's libraqm,
where the installed Pillow has it (``PIL.features.check("raqm")``: Pillow's wheels enable it when the
system has FriBiDi), shapes the left-to-right runs that need it: Devanagari, Thai and other Indic
and Southeast Asian scripts, combining marks, emoji sequences. Without libraqm those are drawn
unshaped, with a warning naming the script. A character no font has is drawn as the font's empty
box with a warning naming it, never silently.

``draw_on_axes`` draws with the same fonts through matplotlib. matplotlib 3.11 and later lays out
text with its own libraqm (order, joining, shaping) and picks one face out of a font collection;
older versions get right-to-left text in visual order (``visual_order``), draw Devanagari unjoined
and read the collection's first face (Japanese glyph forms).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont, features

from vision_viz._errors import warn

RGB = tuple[int, int, int]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

#: Noto Sans CJK's static Regular collection (JP, KR, SC, TC, HK, then the Mono faces), the face
#: and family of Simplified Chinese in it, and the Regular weight of the variable fallback fonts.
CJK_PACKAGE, CJK_FONT_FILE = "noto_cjk_sans_otc", "NotoSansCJK-Regular.ttc"
CJK_SC_FACE, CJK_FAMILY = 2, "Noto Sans CJK SC"
_REGULAR = 400
#: manimgx-fonts files tried after the CJK font, in this order; every other script file comes
#: between Noto Sans and these two.
_FIRST, _LAST = "NotoSans[wght].ttf", ("NotoSansSymbols[wght].ttf", "NotoEmoji[wght].ttf")
# Characters whose tallest and deepest glyphs set the height of every label.
_METRIC_SAMPLE = "ÁÅÉHbdfghjklpqy|国語あア"


def font_path() -> Path | None:
    """The font collection whose face ``CJK_SC_FACE`` (Noto Sans CJK SC) draws labels first; None if missing.

    Example:
        >>> font_path().name, CJK_SC_FACE
        ('NotoSansCJK-Regular.ttc', 2)
    """
    return Path(_faces()[0].path) if _faces() else None


@dataclass(frozen=True)
class _Face:
    """One font file (and face in a collection) of the fallback chain, with the characters it has."""

    path: str
    index: int
    characters: frozenset[int]


def _package_folder(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) if locations else None


@functools.cache
def _faces() -> tuple[_Face, ...]:
    """The label fonts in fallback order (empty, with a warning, when their packages are missing)."""
    from fontTools.ttLib import TTCollection, TTFont

    cjk, scripts = _package_folder(CJK_PACKAGE), _package_folder("manimgx_fonts")
    if cjk is None or scripts is None or not (cjk / CJK_FONT_FILE).is_file():
        warn(
            "The label fonts (packages noto-cjk-sans-otc and manimgx-fonts, dependencies of vision-viz) are "
            "not installed, so labels are drawn in Pillow's default font and only Latin letters show; "
            "every other character shows as an empty box. Install them: pip install noto-cjk-sans-otc manimgx-fonts"
        )
        return ()
    with TTCollection(str(cjk / CJK_FONT_FILE), lazy=True) as collection:
        faces = [_Face(str(cjk / CJK_FONT_FILE), CJK_SC_FACE, _characters(collection[CJK_SC_FACE]))]
    files = sorted(path.name for path in scripts.glob("*.ttf") if "Italic" not in path.name)
    middle = [name for name in files if name != _FIRST and name not in _LAST]
    for name in (_FIRST, *middle, *_LAST):
        if (scripts / name).is_file():
            with TTFont(str(scripts / name), lazy=True) as font:
                faces.append(_Face(str(scripts / name), 0, _characters(font)))
    return tuple(faces)


def _characters(font: Any) -> frozenset[int]:
    """The code points a fontTools font has a glyph for."""
    # Only code points are needed: numbered glyph names spare fontTools working out real names
    # (a third of a second for the 65,535 glyphs of Noto Sans CJK).
    font.setGlyphOrder([f"glyph{number}" for number in range(font["maxp"].numGlyphs)])
    return frozenset(font.getBestCmap())


def first_font_splits(text: str) -> bool:
    """Whether ``text`` has a letter that the first label font (Noto Sans CJK SC) lacks but has the parts of.

    A shaping engine (matplotlib 3.11's libraqm) draws such a letter (ř, ś, Greek ό) as its base letter and
    accent from that font, which does not place the accent; Pillow's labels take the whole letter from a
    later font instead.
    """
    for character in set(unicodedata.normalize("NFC", text)):
        parts = unicodedata.normalize("NFD", character)
        if len(parts) > 1 and _face_of(character) != 0 and all(_face_of(part) == 0 for part in parts):
            return True
    return False


def fallback_font_paths() -> list[str]:
    """The files of the fonts after Noto Sans CJK, in fallback order (for matplotlib)."""
    return [face.path for face in _faces()[1:]]


def raqm_available() -> bool:
    """Whether the installed Pillow lays out text with libraqm (bidirectional order and shaping)."""
    return bool(features.check("raqm"))


@functools.lru_cache(maxsize=256)
def _face_font(face: int, size: int, raqm: bool = False) -> Font:
    """Face number ``face`` of the fallback chain at ``size`` pixels, at the Regular weight (cached)."""
    faces = _faces()
    if not faces:
        return ImageFont.load_default(size)
    engine = ImageFont.Layout.RAQM if raqm else ImageFont.Layout.BASIC
    font = ImageFont.truetype(faces[face].path, size, index=faces[face].index, layout_engine=engine)
    with contextlib.suppress(OSError):  # a static font (Noto Sans CJK): already Regular
        font.set_variation_by_axes([_REGULAR])  # manimgx's are variable fonts: weight 400, not their default
    return font


def pil_font(size: int) -> Font:
    """The first label font (Noto Sans CJK SC, Regular) at ``size`` pixels (cached)."""
    return _face_font(0, size)


_warned: set[str] = set()


def _warn_once(key: str, message: str) -> None:
    if key not in _warned:
        _warned.add(key)
        warn(message)


def _script_of(character: str) -> str:
    """The script a character belongs to, as its Unicode name starts (``'DEVANAGARI'``)."""
    return unicodedata.name(character, f"U+{ord(character):04X}").split(" ")[0].title()


@functools.lru_cache(maxsize=8192)
def _face_of(character: str) -> int:
    """The number of the first face that has ``character`` (0 with a warning when none has it)."""
    code = ord(character)
    for number, face in enumerate(_faces()):
        if code in face.characters:
            return number
    if _faces() and character.isprintable() and unicodedata.category(character) not in ("Mn", "Cf", "Zs"):
        script = _script_of(character)
        _warn_once(
            f"missing:{script}",
            f"No font of vision_viz has {character!r} (U+{code:04X}, {unicodedata.name(character, 'unnamed')}): "
            f"{script} characters like it are drawn as empty boxes.",
        )
    return 0


def _is_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(character) in ("R", "AL") for character in text)


@dataclass(frozen=True)
class _Piece:
    """A run of text in one font, ready to draw left to right (in visual order, shaped), and its width."""

    text: str
    font: Font
    width: float
    direction: str | None  # "ltr" for libraqm, which would otherwise order the run itself


def visual_order(text: str) -> str:
    """``text`` in the order it is drawn, left to right, with Arabic letters in their joined forms.

    Right-to-left text goes through ``arabic-reshaper`` (joining) and ``python-bidi`` (the Unicode
    bidirectional algorithm) on every machine, so its pixels do not depend on whether Pillow found
    libraqm; libraqm only shapes the left-to-right scripts that need it (see ``_piece``).
    """
    if not _is_right_to_left(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


def _is_joiner(character: str) -> bool:
    """Zero-width joiners, variation selectors and combining marks: they go with the character before."""
    return unicodedata.category(character) in ("Mn", "Me", "Cf")


def _font_runs(text: str) -> list[tuple[str, int]]:
    """``text`` cut into runs of one face each.

    A character goes to the first face that has it, except that combining marks and joiners stay
    with the character before them, and a character the first face lacks stays in the current run
    when its face has it (Arabic punctuation with Arabic letters).
    """
    faces = _faces()
    runs: list[tuple[str, int]] = []
    for character in text:
        face = _face_of(character)
        if runs and (_is_joiner(character) or (face != 0 and ord(character) in faces[runs[-1][1]].characters)):
            face = runs[-1][1]
        if runs and runs[-1][1] == face:
            runs[-1] = (runs[-1][0] + character, face)
        else:
            runs.append((character, face))
    return runs


def _needs_shaping(character: str) -> bool:
    """Marks, joiners, emoji modifiers and flag letters: characters drawn wrong without shaping."""
    return unicodedata.category(character) in ("Mn", "Mc", "Me", "Cf", "Sk") or 0x1F1E6 <= ord(character) <= 0x1F1FF


def _piece(text: str, face: int, size: int) -> _Piece:
    """One run, with the font (and layout engine) that draws it.

    libraqm, where Pillow has it, shapes every left-to-right run that is not plain text: Indic
    scripts, combining marks, emoji sequences (skin tones, families, flags). Right-to-left runs are
    already in visual order (``visual_order``), so they are drawn as they are.
    """
    complex_left_to_right = not _is_simple(text) and not _is_right_to_left(text)
    raqm = complex_left_to_right and raqm_available() and bool(_faces())  # Pillow's default font: no libraqm
    if complex_left_to_right and not raqm and any(_needs_shaping(character) for character in text):
        letters = [character for character in text if unicodedata.category(character).startswith("L")]
        script = _script_of(letters[0]) if letters else "Emoji"
        _warn_once(
            f"unshaped:{script}",
            f"{script} text is drawn without shaping (vowel signs, conjuncts and emoji sequences may show "
            "as their parts): this Pillow has no libraqm. Pillow's wheels load FriBiDi to enable it: "
            "install libfribidi (e.g. apt install libfribidi0).",
        )
    font = _face_font(face, size, raqm)
    direction = "ltr" if raqm else None
    return _Piece(text, font, font.getlength(text, direction=direction), direction)


@functools.lru_cache(maxsize=4096)
def _pieces(text: str, size: int) -> tuple[_Piece, ...]:
    """``text`` as runs of one font each, in visual order, shaped: what ``draw_text`` paints."""
    return tuple(_piece(run, face, size) for run, face in _font_runs(visual_order(text)))


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int, fill: Any) -> None:
    """Draw ``text`` starting at ``xy`` on its baseline (anchor ``"ls"``), in every script.

    Each run of characters is drawn with the first font that has them; right-to-left runs are put
    in reading order and shaped (see the module's docstring).
    """
    x, y = xy
    for piece in _pieces(text, size):
        draw.text((x, y), piece.text, font=piece.font, fill=fill, anchor="ls", direction=piece.direction)
        x += piece.width


@functools.lru_cache(maxsize=4096)
def ink_box(text: str, size: int) -> tuple[int, int, int, int]:
    """The ink of ``text`` drawn by ``draw_text`` at (0, 0): ``left, top, right, bottom`` pixels."""
    boxes, x = [], 0.0
    for piece in _pieces(text, size):
        left, top, right, bottom = piece.font.getbbox(piece.text, anchor="ls", direction=piece.direction)
        boxes.append((left + x, top, right + x, bottom))
        x += piece.width
    if not boxes:
        return (0, 0, 0, 0)
    return (
        math.floor(min(b[0] for b in boxes)),
        math.floor(min(b[1] for b in boxes)),
        math.ceil(max(b[2] for b in boxes)),
        math.ceil(max(b[3] for b in boxes)),
    )


@functools.lru_cache(maxsize=64)
def _ascent_descent(size: int) -> tuple[int, int]:
    _, top, _, bottom = pil_font(size).getbbox(_METRIC_SAMPLE, anchor="ls")
    return max(1, -int(top)), max(0, int(bottom))


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
        return sum(advances) if advances is not None else sum(piece.width for piece in _pieces(text, size))

    def ink_box(self, text: str, size: int) -> tuple[int, int, int, int]:
        """The ink of ``text`` drawn on the baseline at (0, 0): ``left, top, right, bottom`` pixels."""
        return ink_box(text, size)


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
    """Whether a character can be drawn on its own, in the first font: no shaping, no right-to-left."""
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
    return (
        simple_block
        and character.isprintable()
        and not unicodedata.combining(character)
        and (_face_of(character) == 0 or not _faces())
    )


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
    many times faster than rendering each label through FreeType. Text that needs another font or
    shaping (Arabic, Hebrew, Indic scripts, emoji, combining marks) is drawn by ``draw_text``.
    """
    x, y = xy
    advances = _simple_advances(text, size)
    if advances is None:
        draw_text(ImageDraw.Draw(image), (x, y + METRICS.ascent(size)), text, size, color)
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
