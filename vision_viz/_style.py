"""How to draw: the options of the drawing functions, checked at the door, and the colours.

``make_style`` turns keyword arguments into a ``Style`` (or a clear error naming the option and
what it allows); ``assign_colors`` gives every label of a drawing its stable, distinct colour.
"""

from __future__ import annotations

__all__ = ["Style"]

import math
import numbers
import operator
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PIL import ImageColor

from vision_viz._geometry import short_repr
from vision_viz._kinds import DRAWABLE
from vision_viz._public import publish

RGB = tuple[int, int, int]

# Twelve vivid colours that stay visible on photos (after Sasha Trubetskoy's list of distinct colours).
PALETTE: tuple[RGB, ...] = (
    (230, 25, 75), (60, 180, 75), (255, 225, 25), (67, 99, 216), (245, 130, 49), (145, 30, 180),
    (66, 212, 244), (240, 50, 230), (191, 239, 69), (70, 153, 144), (220, 190, 255), (154, 99, 36),
)  # fmt: skip
#: Fixed colours of text outlines: dark enough for white paper, light enough for dark signs (a
#: contrast of at least 3:1 against both black and white), and never given to another label.
KIND_COLORS: dict[str, RGB] = {"word": (67, 99, 216), "line": (145, 30, 180), "region": (154, 99, 36)}
#: Default confidence thresholds per kind, used unless the caller sets ``min_confidence``: the
#: people detector returns many near-zero candidates by design.
DEFAULT_MIN_CONFIDENCE: dict[str, float] = {"person": 0.5}
#: The smallest label font, in pixels.
MIN_FONT_SIZE = 11
#: The widest outline ``line_width`` accepts, in pixels: wider lines cover whole images, and Pillow
#: paints a box's outline in time that grows with its width (100,000 took 6 s, uninterruptibly).
MAX_LINE_WIDTH = 1000
#: The largest font size ``font_size`` accepts, in pixels (the automatic size of a 16,000-pixel
#: image, the service's largest, is 291).
MAX_FONT_SIZE = 1000


@dataclass(frozen=True)
class Style:
    """How to draw. Built by ``make_style`` from the keyword arguments of the drawing functions.

    Attributes:
        kinds: Draw only these (see ``DRAWABLE``); ``None`` draws everything in the body.
        min_confidence: Skip items below this confidence (items without one are kept). ``None``
            (the default) uses ``DEFAULT_MIN_CONFIDENCE``: 0.5 for people, 0 for everything else.
        labels: Draw labels.
        show_confidence: Add the confidence to labels ("chair 62%").
        color: One colour for everything, instead of one stable colour per label.
        line_width: Outline width in pixels, 1 to ``MAX_LINE_WIDTH`` (a box's line stops at half
            the box, which it then fills); ``None`` scales it with the image.
        font_size: Label font size in pixels, 1 to ``MAX_FONT_SIZE``; ``None`` scales it with the image.
        ocr_text: "label" puts text above its box; "place" writes it over the word, at its angle.
        page: The page of a multi-page Read result to draw, counted from 1. A document (TIFF) given
            as a path or bytes is opened at that page; a Pillow image is drawn at the page it shows.
        max_side: Draw on a copy whose longer side is at most this many pixels (for huge images).
    """

    kinds: frozenset[str] | None = None
    min_confidence: float | None = None
    labels: bool = True
    show_confidence: bool = False
    color: RGB | None = None
    line_width: int | None = None
    font_size: int | None = None
    ocr_text: str = "label"
    page: int = 1
    max_side: int | None = None


def make_style(**options: Any) -> Style:
    """Check drawing options and build a ``Style``; unknown names or bad values raise clearly.

    Example:
        >>> make_style(kinds=["object"], color="red").color
        (255, 0, 0)
    """
    known = set(Style.__dataclass_fields__)
    unknown = sorted(set(options) - known)
    if unknown:
        raise TypeError(f"Unknown drawing option(s) {', '.join(unknown)}; the options are {', '.join(sorted(known))}.")
    kinds = options.get("kinds")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not isinstance(kinds, Iterable) or not all(isinstance(kind, str) for kind in kinds):
            choices = ", ".join(DRAWABLE)
            raise ValueError(f"kinds must be a kind or a list of kinds ({choices}), not {short_repr(kinds)}.")
        kinds = frozenset(kinds)
        bad = sorted(kinds - set(DRAWABLE))
        if bad:
            raise ValueError(f"Unknown kind(s) {', '.join(bad)}; choose from {', '.join(DRAWABLE)}.")
        options["kinds"] = kinds
    if options.get("color") is not None:
        options["color"] = to_rgb(options["color"])
    threshold = options.get("min_confidence")
    if threshold is not None and not (_is_real(threshold) and 0 <= threshold <= 1):
        raise ValueError(f"min_confidence must be a number from 0 to 1 or None, not {threshold!r}.")
    for name in ("labels", "show_confidence"):
        if name in options and options[name] not in (True, False):
            raise ValueError(f"{name} must be True or False, not {options[name]!r}.")
        if name in options:
            options[name] = bool(options[name])
    if options.get("ocr_text", "label") not in ("label", "place"):
        raise ValueError(f"ocr_text must be 'label' or 'place', not {options['ocr_text']!r}.")
    for name, largest in (("line_width", MAX_LINE_WIDTH), ("font_size", MAX_FONT_SIZE), ("max_side", None)):
        if options.get(name) is not None:
            options[name] = whole_number(name, options[name], largest, " of pixels", " or None")
    options["page"] = whole_number("page", options.get("page", 1), None, note=" (pages are counted from 1)")
    return Style(**options)


def _is_real(value: Any) -> bool:
    """Whether ``value`` is a finite real number (not a bool, a string or NaN)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def whole_number(name: str, value: Any, largest: int | None, unit: str = "", note: str = "") -> int:
    """``value`` as an int from 1 to ``largest``; a ValueError naming ``name`` and the range otherwise."""
    try:
        number = None if isinstance(value, bool) else operator.index(value)
    except TypeError:
        number = None
    if number is None or number < 1 or (largest is not None and number > largest):
        allowed = f"from 1 to {largest:,}" if largest is not None else "of at least 1"
        raise ValueError(f"{name} must be a whole number{unit} {allowed}{note}, not {value!r}.")
    return number


def to_rgb(color: str | Iterable[int]) -> RGB:
    """A colour name, ``#hex`` string or RGB triple as an RGB triple.

    Example:
        >>> to_rgb("#873B59"), to_rgb((1, 2, 3))
        ((135, 59, 89), (1, 2, 3))
    """
    try:
        if isinstance(color, str):
            return ImageColor.getrgb(color)[:3]
        red, green, blue = color
        channels = (red, green, blue)
        if not all(_is_real(channel) and channel == int(channel) and 0 <= channel <= 255 for channel in channels):
            raise ValueError("a channel is not a whole number from 0 to 255")
        return (int(red), int(green), int(blue))
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"{color!r} is not a colour: use a name ('red'), '#rrggbb' or (r, g, b) with whole numbers from 0 to 255."
        ) from exc


def color_for(key: str) -> RGB:
    """The stable colour of a label: the same label gets the same colour in every run and image.

    Text kinds ("word", "line", "region") have the fixed ``KIND_COLORS``. In one drawing, when two
    labels want the same colour, one of them gets the next free colour instead (``assign_colors``).

    Example:
        >>> color_for("chair") == color_for("Chair")
        True
    """
    return KIND_COLORS.get(key) or PALETTE[_palette_index(key)]


def _palette_index(key: str) -> int:
    # "surrogatepass": a lone surrogate (half an emoji, as JSON can carry) still has a colour.
    return zlib.crc32(key.casefold().encode("utf-8", "surrogatepass")) % len(PALETTE)


def assign_colors(keys: Iterable[str]) -> dict[str, RGB]:
    """One colour per distinct key of a drawing, different keys in different colours.

    Text kinds get their ``KIND_COLORS``. Every other key gets its stable colour (``color_for``)
    unless a text kind has it or another key wants it too: then the key that sorts first keeps it
    and the others, in sorted order, take the next colour of ``PALETTE`` that no key has. So a
    key's colour never depends on the order of the keys, and changes only when another key of the
    drawing wants the same colour. Once all twelve colours are used, keys get their stable colour.

    Example:
        >>> colors = assign_colors(["spoon", "cup"])  # both want crimson: "cup" sorts first
        >>> colors["cup"] == color_for("cup") != colors["spoon"]
        True
    """
    keys = list(dict.fromkeys(keys))
    used = {KIND_COLORS[key] for key in keys if key in KIND_COLORS}
    labels = sorted({key.casefold() for key in keys if key not in KIND_COLORS})  # "Chair" is "chair"
    by_label: dict[str, RGB] = {}
    for label in labels:  # 1. every label whose stable colour is still free keeps it
        color = PALETTE[_palette_index(label)]
        if color not in used:
            by_label[label] = color
            used.add(color)
    for label in labels:  # 2. the others take the next free colour
        if label not in by_label:
            start = _palette_index(label)
            turn = [PALETTE[(start + step) % len(PALETTE)] for step in range(len(PALETTE))]
            by_label[label] = next((color for color in turn if color not in used), PALETTE[start])
            used.add(by_label[label])
    return {key: KIND_COLORS.get(key) or by_label[key.casefold()] for key in keys}


def text_color_on(background: RGB) -> RGB:
    """Black or white, whichever reads better on ``background``.

    Example:
        >>> text_color_on((255, 225, 25)), text_color_on((67, 99, 216))
        ((0, 0, 0), (255, 255, 255))
    """
    red, green, blue = background
    return (0, 0, 0) if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else (255, 255, 255)


def auto_line_width(size: tuple[int, int]) -> int:
    """Outline width for an image: 1 px at 300 px, 2 at 1000 px, 11 at 6000 x 4000.

    Example:
        >>> auto_line_width((300, 200)), auto_line_width((6000, 4000))
        (1, 11)
    """
    return max(1, round(math.sqrt(size[0] * size[1]) / 450))


def auto_font_size(size: tuple[int, int]) -> int:
    """Label font size for an image: at least 11 px, about 1/55 of its mean side (89 at 6000 x 4000).

    Example:
        >>> auto_font_size((300, 200)), auto_font_size((6000, 4000))
        (11, 89)
    """
    return max(MIN_FONT_SIZE, round(math.sqrt(size[0] * size[1]) / 55))


publish(globals())
