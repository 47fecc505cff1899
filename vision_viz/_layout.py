"""Pure layout: what to paint, where, in which colour and width. No pixels and no backend here.

``plan`` turns an ``Analysis`` into a ``Plan`` of outlines, labels, text placed on words and a
caption banner, all clipped to the image. The Pillow and matplotlib renderers only paint a plan, so
they agree, and everything here is testable without drawing.
"""

from __future__ import annotations

import math
import numbers
import operator
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from PIL import ImageColor

from vision_viz._errors import warn
from vision_viz._geometry import (
    Point,
    Polygon,
    box_polygon_overlap,
    clip_box,
    clip_polygon,
    grow_polygon,
    polygon_angle,
    polygon_area,
    polygon_to_xyxy,
    scale_box,
    scale_polygon,
    short_repr,
    xyxy_to_polygon,
)
from vision_viz._kinds import COLOURED_BY_KIND, DRAWABLE, TEXT_KINDS
from vision_viz._parse import Analysis, Annotation
from vision_viz._provenance import provenance_note

RGB = tuple[int, int, int]
IntBox = tuple[int, int, int, int]

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
BANNER_COLOR: RGB = (255, 255, 255)
BANNER_BACKGROUND: RGB = (30, 30, 30)
# The provenance note under a drawing of a saved answer: dark text on pale amber.
NOTE_COLOR: RGB = (40, 30, 0)
NOTE_BACKGROUND: RGB = (255, 228, 150)
PLACED_TEXT_COLOR: RGB = (0, 0, 0)
PLACED_TEXT_BACKGROUND: RGB = (255, 255, 255)
PLACED_TEXT_OPACITY = 1.0  # opaque: the original text must not show through the text written over it
# Text written over a word fills this much of the word's height with ink (the service's polygons
# hug the letters, with a small margin).
PLACED_TEXT_FILL = 0.85
#: The smallest label font, in pixels.
MIN_FONT_SIZE = 11
#: The most lines of a banner below the image (a caption of 10,000 characters would make it 4,000 px high).
MAX_BANNER_LINES = 10
#: The widest outline ``line_width`` accepts, in pixels: wider lines cover whole images, and Pillow
#: paints a box's outline in time that grows with its width (100,000 took 6 s, uninterruptibly).
MAX_LINE_WIDTH = 1000
#: The largest font size ``font_size`` accepts, in pixels (the automatic size of a 16,000-pixel
#: image, the service's largest, is 291).
MAX_FONT_SIZE = 1000


class Metrics(Protocol):
    """Text measurement in pixels (``vision_viz._fonts.METRICS`` measures the real font)."""

    def ascent(self, size: int) -> int: ...
    def height(self, size: int) -> int: ...
    def width(self, text: str, size: int) -> float: ...


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
        line_width: Outline width in pixels; ``None`` scales it with the image.
        font_size: Label font size in pixels; ``None`` scales it with the image.
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
            raise ValueError(f"kinds must be a kind or a list of kinds ({', '.join(DRAWABLE)}), not {short_repr(kinds)}.")
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


def reference_size(declared: tuple[float, float] | None, image_size: tuple[int, int]) -> tuple[float, float]:
    """The size the body's coordinates refer to, for scaling them onto a (resized) image.

    The body's own size when it has one of the image's shape (so a half-size copy gets half-size
    geometry); otherwise the image's size, with a warning when the two disagree.

    Example:
        >>> reference_size((864, 576), (432, 288))
        (864, 576)
    """
    if declared is None:
        return image_size
    if abs(declared[0] * image_size[1] - declared[1] * image_size[0]) <= 0.02 * declared[0] * image_size[1]:
        return declared
    warn(
        f"The response describes a {declared[0]:g}x{declared[1]:g} image but the image is "
        f"{image_size[0]}x{image_size[1]}: drawing the geometry unscaled. Is it the right image?"
    )
    return image_size


class Outline(NamedTuple):
    """An outline to paint ``width`` pixels wide, with round corners.

    Either ``box``, the outer pixel edges of a rectangle whose line lies inside it (so a box at the
    image's edge keeps its whole line), or ``polygon``, a closed path whose line is centred on it.
    """

    box: IntBox | None
    polygon: Polygon | None
    width: int
    color: RGB


class TextLabel(NamedTuple):
    """Text on an opaque background rectangle ``box``; the text's top-left corner is ``origin``."""

    text: str
    box: IntBox
    origin: tuple[int, int]
    size: int
    color: RGB
    background: RGB


class PlacedText(NamedTuple):
    """Text written over a word: a background ``polygon`` and the text centred on it at ``angle``.

    The text is ``size`` pixels high and squeezed to ``stretch`` of its natural width when it is
    longer than the word, so that text of the same height is written at the same size.
    """

    text: str
    polygon: Polygon
    center: Point
    angle: float
    size: int
    color: RGB
    background: RGB
    opacity: float
    stretch: float = 1.0


class Banner(NamedTuple):
    """A strip of text added below the image (the caption, or the answer's provenance note),
    from ``top`` and ``height`` pixels high."""

    lines: tuple[str, ...]
    top: int
    height: int
    size: int
    pad: int
    color: RGB
    background: RGB


@dataclass(frozen=True)
class Plan:
    """Everything to paint on an image of ``size``, in painting order."""

    size: tuple[int, int]
    outlines: tuple[Outline, ...]
    placed: tuple[PlacedText, ...]
    labels: tuple[TextLabel, ...]
    banner: Banner | None
    note: Banner | None = None

    @property
    def strips(self) -> tuple[Banner, ...]:
        """The strips below the image, top to bottom: the caption banner, then the provenance note."""
        return tuple(strip for strip in (self.banner, self.note) if strip)

    @property
    def canvas_size(self) -> tuple[int, int]:
        """The size of the drawing: the image plus the strips below it."""
        width, height = self.size
        return (width, height + sum(strip.height for strip in self.strips))


def plan(
    analysis: Analysis,
    size: tuple[int, int],
    style: Style,
    metrics: Metrics,
    scale: tuple[float, float] = (1.0, 1.0),
) -> Plan:
    """Lay out everything ``style`` selects from ``analysis`` on an image of ``size``.

    Args:
        analysis: The parsed body.
        size: ``(width, height)`` of the image drawn on.
        style: What and how to draw.
        metrics: Text measurement.
        scale: Factors from the body's coordinates to the image's (for resized copies).

    Returns:
        The ``Plan``: every shape clipped to the image, every label inside it.
    """
    numbers = [page.number for page in analysis.pages]
    if numbers and style.page not in numbers:
        raise ValueError(f"The response has page(s) {', '.join(map(str, numbers))}: there is no page {style.page}.")
    line_width = style.line_width or auto_line_width(size)
    font_size = style.font_size or auto_font_size(size)
    chosen = [a for a in analysis.annotations if _wanted(a, style)]
    words_drawn = any(a.kind == "word" for a in chosen)
    # Labels of text follow the size of the text (unless a size is given); so do the outlines of
    # small text, so that a line never hides the letters it surrounds.
    text_size, text_line = font_size, line_width
    sized = style.font_size and style.line_width
    text_heights = [] if sized else sorted(_text_height(a, scale) for a in chosen if a.kind in ("word", "line"))
    if text_heights:
        median = text_heights[len(text_heights) // 2]
        text_size = style.font_size or min(font_size, max(MIN_FONT_SIZE, round(0.7 * median)))
        text_line = style.line_width or min(line_width, max(1, round(median / 12)))
    color_keys = [_color_key(a) for a in chosen]
    colors = {} if style.color else assign_colors(color_keys)
    no_text_labels = not style.labels or (style.ocr_text == "place")
    # 1. Outlines, and the text they surround (labels of text avoid covering other text).
    shapes: list[tuple[Annotation, Outline, IntBox, Polygon | None]] = []
    taken = Taken(4 * (metrics.height(min(font_size, text_size)) + 2 * _pad(min(font_size, text_size))))
    outside = 0  # items wholly outside the image
    for annotation, color_key in zip(chosen, color_keys):
        color = style.color or colors[color_key]
        polygon = annotation.polygon
        if polygon and scale != (1.0, 1.0):
            polygon = scale_polygon(polygon, *scale)
        width = text_line if annotation.kind in TEXT_KINDS else line_width
        if polygon:
            outline, anchor = _polygon_outline(polygon, size, width, color)
            if outline is None:
                outside += 1
                continue
        else:
            anchor = clip_box(scale_box(annotation.box, *scale), size)
            if anchor is None:
                outside += 1
                continue
            # The line lies inside the box: at half its shorter side it fills it (and Pillow would
            # paint a wider one outside the box).
            inner = max(1, (min(anchor[2] - anchor[0], anchor[3] - anchor[1]) + 1) // 2)
            outline = Outline(anchor, None, min(width, inner), color)
        shapes.append((annotation, outline, anchor, polygon))
        if annotation.kind in ("word", "line") and not no_text_labels:
            taken.add_text(anchor, outline.polygon)
    # 2. Labels, and text written over words.
    placed: list[PlacedText] = []
    labels: list[TextLabel] = []
    for annotation, outline, anchor, polygon in shapes:
        text = label_text(annotation, style.show_confidence)
        if not style.labels or not text:
            continue
        is_text = annotation.kind in ("word", "line")
        if is_text and style.ocr_text == "place":
            if annotation.kind == "word" or not words_drawn:
                shape = polygon or xyxy_to_polygon(scale_box(annotation.box, *scale))
                item = place_text(annotation.label, shape, size, metrics)
                placed += [item] if item else []
        elif is_text and not (annotation.kind == "line" and words_drawn):
            shape = polygon or xyxy_to_polygon(scale_box(annotation.box, *scale))
            label = place_text_label(text, shape, anchor, size, text_size, outline.color, metrics, taken)
            labels += [label] if label else []
        elif annotation.kind not in TEXT_KINDS:
            pad = _pad(font_size)
            label = place_label(text, anchor, size, font_size, pad, outline.color, metrics, taken)
            labels += [label] if label else []
    _warn_when_nothing_shows(analysis, style, len(chosen), outside, size)
    banner = None
    if analysis.caption and (style.kinds is None or "caption" in style.kinds):
        caption = analysis.caption
        text = caption.name
        if style.show_confidence and caption.confidence is not None:
            text += f" ({format_confidence(caption.confidence)})"
        banner = make_banner(text, size, font_size, metrics)
    note = None
    note_text = provenance_note(analysis.provenance)
    if note_text:
        top = size[1] + (banner.height if banner else 0)
        note_size = max(MIN_FONT_SIZE, round(font_size * 0.8))
        note = make_banner(note_text, size, note_size, metrics, top, NOTE_COLOR, NOTE_BACKGROUND)
    return Plan(size, tuple(s[1] for s in shapes), tuple(placed), tuple(labels), banner, note)


def _warn_when_nothing_shows(
    analysis: Analysis, style: Style, chosen: int, outside: int, size: tuple[int, int]
) -> None:
    """Warn when items lie wholly outside the image, or when a whole body has nothing ``draw`` can show.

    (The drawing helpers warn themselves when the body lacks their feature.)
    """
    if outside:
        warn(
            f"{outside} of {chosen} item(s) lie wholly outside the {size[0]}x{size[1]} image, so they are not "
            "drawn. Is this the image (and the page) the response describes?"
        )
    elif style.kinds is None and not (analysis.annotations or analysis.caption or analysis.skipped):
        if analysis.tags:
            advice = "its tags are drawn by plot_tags(body)"
        elif analysis.color:
            advice = "its colour scheme is drawn by color_swatch(body)"
        else:
            advice = "print it to see what it holds"
        warn(f"The response has nothing to draw on the image (no boxes, polygons, text or caption): {advice}.")


def _pad(font_size: int) -> int:
    """The margin around a label's text."""
    return max(1, round(font_size * 0.15))


def _color_key(annotation: Annotation) -> str:
    """What an annotation's colour depends on: its kind, or its label."""
    kind = annotation.kind
    return kind if kind in COLOURED_BY_KIND or not annotation.label else annotation.label


def _polygon_outline(
    polygon: Polygon, size: tuple[int, int], width: int, color: RGB
) -> tuple[Outline, IntBox] | tuple[None, None]:
    """The outline of a polygon clipped to the image, and the whole-pixel box around it.

    A line on the image's right or bottom edge is moved onto the last pixels (as a box's line is
    drawn inside the box), so that it shows.
    """
    x1, y1, x2, y2 = polygon_to_xyxy(polygon)
    right, bottom = size[0] - 1, size[1] - 1
    inside = 0 <= x1 and 0 <= y1 and x2 <= right and y2 <= bottom
    if not (inside and math.isfinite(x1 + y1 + x2 + y2)):  # the usual case is inside
        polygon = clip_polygon(polygon, size)
        if polygon is None:
            return None, None
        polygon = tuple((min(x, right), min(y, bottom)) for x, y in polygon)
        x1, y1, x2, y2 = polygon_to_xyxy(polygon)
    box = (math.floor(x1), math.floor(y1), math.ceil(x2), math.ceil(y2))
    return Outline(None, polygon, width, color), box


def _text_height(annotation: Annotation, scale: tuple[float, float]) -> float:
    """The height of a text item's letters: its polygon's second edge, or its box's height."""
    if annotation.polygon and len(annotation.polygon) >= 3:
        (x1, y1), (x2, y2) = annotation.polygon[1], annotation.polygon[2]
        return math.hypot((x2 - x1) * scale[0], (y2 - y1) * scale[1])
    return (annotation.box[3] - annotation.box[1]) * scale[1]


def _wanted(annotation: Annotation, style: Style) -> bool:
    if style.kinds is not None and annotation.kind not in style.kinds:
        return False
    if annotation.page is not None and annotation.page != style.page:
        return False
    if annotation.confidence is None:
        return True
    threshold = style.min_confidence
    if threshold is None:
        threshold = DEFAULT_MIN_CONFIDENCE.get(annotation.kind, 0.0)
    return annotation.confidence >= threshold


def format_confidence(confidence: float) -> str:
    """A confidence as a percentage: whole percents, or two significant digits below 1%.

    Example:
        >>> format_confidence(0.618), format_confidence(0.003), format_confidence(0.000123), format_confidence(0)
        ('62%', '0.3%', '0.012%', '0%')
    """
    percent = 100 * confidence
    if percent >= 0.995 or percent <= 0:
        return f"{percent:.0f}%"
    return f"{percent:.2g}%"


def label_text(annotation: Annotation, show_confidence: bool = False) -> str:
    """The label of an annotation, with its confidence when asked ("chair 62%", "person 0.3%").

    Example:
        >>> from vision_viz._parse import Annotation
        >>> label_text(Annotation("object", "chair", 0.618, (0, 0, 1, 1)), show_confidence=True)
        'chair 62%'
    """
    if show_confidence and annotation.confidence is not None:
        return f"{annotation.label} {format_confidence(annotation.confidence)}".strip()
    return annotation.label


def ellipsize(text: str, size: int, max_width: float, metrics: Metrics) -> str:
    """``text``, shortened with "…" to fit ``max_width`` pixels ("" when not even "…" fits).

    The longest start of ``text`` that fits with "…" is found by halving (about 14 measurements
    for a 10,000-character label, instead of one per character cut).
    """
    if metrics.width(text, size) <= max_width:
        return text
    fits, too_long = 0, len(text)  # text[:fits] + "…" fits (or fits == 0); text[:too_long] + "…" does not
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if metrics.width(text[:middle] + "…", size) <= max_width:
            fits = middle
        else:
            too_long = middle
    text = text[:fits]
    return text.rstrip() + "…" if text else ("…" if metrics.width("…", size) <= max_width else "")


_ROW = 1 << 20  # see Taken.cells


class Taken:
    """What labels should not cover: the labels placed so far, and the text of words and lines.

    Both are kept in one grid of square cells, each listing what reaches into it, so that a check
    looks only at its neighbours. Text is kept as its box, or as its polygon when it is turned (then
    its box would cover much more than the text); a label is its box.
    """

    def __init__(self, cell: int) -> None:
        self.cell = max(1, cell)
        # (x1, y1, x2, y2, polygon or None, whether it is a label) of everything in each cell; cell
        # (i, j) is key j * _ROW + i, a plain integer (faster than a tuple), unique while |i| < _ROW / 2
        self.cells: defaultdict[int, list[tuple[int, int, int, int, Polygon | None, bool]]] = defaultdict(list)

    def _put(self, box: IntBox, polygon: Polygon | None, is_label: bool) -> None:
        x1, y1, x2, y2 = box
        c = self.cell
        item = (x1, y1, x2, y2, polygon, is_label)
        columns = range(x1 // c, (x2 - 1) // c + 1)
        for j in range(y1 // c, (y2 - 1) // c + 1):
            row = j * _ROW
            for i in columns:
                self.cells[row + i].append(item)

    def hides(self, box: IntBox, labels_only: bool = False) -> bool:
        """Whether a label at ``box`` would cover any text or label (only labels: ``labels_only``)."""
        x1, y1, x2, y2 = box
        c = self.cell
        columns = range(x1 // c, (x2 - 1) // c + 1)
        for j in range(y1 // c, (y2 - 1) // c + 1):
            row = j * _ROW
            for i in columns:
                for a1, b1, a2, b2, polygon, is_label in self.cells.get(row + i, ()):
                    overlap = a1 < x2 and x1 < a2 and b1 < y2 and y1 < b2 and (is_label or not labels_only)
                    if overlap and (polygon is None or box_polygon_overlap(box, polygon) > 0):
                        return True
        return False

    def overlaps(self, box: IntBox) -> bool:
        """Whether ``box`` overlaps a label already placed."""
        return self.hides(box, labels_only=True)

    def add(self, box: IntBox) -> None:
        """Take ``box`` for a label."""
        self._put(box, None, True)

    def add_text(self, box: IntBox, polygon: Polygon | None = None) -> None:
        """Note text inside ``box`` (exactly inside ``polygon`` when it is turned)."""
        if polygon is not None and len(polygon) == 4:
            (x0, y0), (x1, y1) = polygon[0], polygon[1]
            if abs(y1 - y0) <= 0.05 * abs(x1 - x0) or abs(x1 - x0) <= 0.05 * abs(y1 - y0):
                polygon = None  # (nearly) upright or vertical: its box is exact enough, and much faster
        if polygon is not None and polygon_area(polygon) >= 0.9 * (box[2] - box[0]) * (box[3] - box[1]):
            polygon = None
        self._put(box, polygon, False)


def _fit_text(text: str, size: tuple[int, int], font_size: int, pad: int, metrics: Metrics) -> tuple[str, int, int]:
    """The label's text (shortened to fit the image's width) and the label's width and height."""
    text_w = metrics.width(text, font_size)
    if text_w > size[0] - 2 * pad:
        text = ellipsize(text, font_size, size[0] - 2 * pad, metrics)
        text_w = metrics.width(text, font_size) if text else 0
    return text, math.ceil(text_w) + 2 * pad, metrics.height(font_size) + 2 * pad


def place_label(
    text: str,
    anchor: IntBox,
    size: tuple[int, int],
    font_size: int,
    pad: int,
    color: RGB,
    metrics: Metrics,
    taken: Taken | None = None,
) -> TextLabel | None:
    """Put a label on ``anchor``, inside the image and clear of the labels already ``taken``.

    The rows tried, in order: above the top edge, just inside it, below the bottom edge, just inside
    it, then one and two label heights inside the top; in each row the left end of the box, then its
    right end. The first clear place wins (the first that fits when none is clear). Text too wide
    for the image is shortened with "…".

    Example:
        >>> class Mono:  # every character 10 px wide, lines 12 px high
        ...     def ascent(self, size): return 9
        ...     def height(self, size): return 12
        ...     def width(self, text, size): return 10 * len(text)
        >>> place_label("cat", (90, 5, 120, 40), (100, 50), 10, 2, (0, 0, 0), Mono()).box
        (66, 5, 100, 21)
    """
    width, height = size
    text, label_w, label_h = _fit_text(text, size, font_size, pad, metrics)
    if not text:
        return None
    left = min(max(anchor[0], 0), max(width - label_w, 0))
    right = min(max(anchor[2] - label_w, 0), max(width - label_w, 0))
    top, bottom = anchor[1], anchor[3]
    first = None
    for y in (top - label_h, top, bottom, bottom - label_h, top + label_h, top + 2 * label_h):
        if 0 <= y <= height - label_h:
            box = (left, y, min(left + label_w, width), y + label_h)
            if taken is None or not taken.overlaps(box):
                break
            first = first or box
            box = (right, y, min(right + label_w, width), y + label_h)
            if right != left and not taken.overlaps(box):
                break
    else:  # no clear place: the first that fits, or the top of the image if none does
        y = min(max(top, 0), max(height - label_h, 0))
        box = first or (left, y, min(left + label_w, width), min(y + label_h, height))
    if taken is not None:
        taken.add(box)
    return TextLabel(text, box, (box[0] + pad, box[1] + pad), font_size, text_color_on(color), color)


def place_text_label(
    text: str,
    polygon: Polygon,
    anchor: IntBox,
    size: tuple[int, int],
    font_size: int,
    color: RGB,
    metrics: Metrics,
    taken: Taken,
) -> TextLabel | None:
    """Put the label of a word or line next to where its text starts, hiding as little as possible.

    The label touches the text's first point (the top-left corner of the text as read, wherever
    rotation has turned it), on the side of the text's top: for upright text, above it. When that
    place hides other text or labels (dense text, such as a receipt), the other places are tried:
    for upright text after the end of the text, below it, before its start, then over it; for
    turned text the other corners at the first point. The first place that hides nothing wins;
    when every place hides something (labels larger than the gaps between words), the first one,
    so that all labels of a page stay on the same side of their words; for turned text, the first
    one that leaves its own text visible (a corner of the label can cut into text that rises or
    falls from its first point). ``anchor`` is the text's box.

    Example:
        >>> class Mono:  # every character 10 px wide, lines 12 px high
        ...     def ascent(self, size): return 9
        ...     def height(self, size): return 12
        ...     def width(self, text, size): return 10 * len(text)
        >>> taken = Taken(32)
        >>> above = ((10, 40), (60, 40), (60, 60), (10, 60))
        >>> place_text_label("hi", above, (10, 40, 60, 60), (100, 100), 10, (0, 0, 0), Mono(), taken).box
        (10, 24, 34, 40)
    """
    width, height = size
    pad = _pad(font_size)
    text, label_w, label_h = _fit_text(text, size, font_size, pad, metrics)
    if not text:
        return None
    (px, py), (qx, qy) = polygon[0], polygon[1]
    px, py = round(px), round(py)
    along = math.hypot(qx - px, qy - py) or 1.0
    dx, dy = (qx - px) / along, (qy - py) / along  # the reading direction; the text's top is (dy, -dx)
    upright = abs(dy) < 0.17 and dx > 0
    if upright:  # above, after, below, before, then over it
        x1, y1, x2, y2 = anchor
        places = [(x1, y1 - label_h), (x2, y1), (x1, y2), (x1 - label_w, y1), (x1 - label_w, y1 - label_h), (x1, y1)]
    else:  # the corners at the first point, best first: towards the text's top, then along its reading
        corners = sorted(
            ((1, -1), (-1, -1), (1, 1), (-1, 1)),
            key=lambda s: -(s[0] * dy - s[1] * dx + 0.5 * (s[0] * dx + s[1] * dy)),
        )
        places = [(px if sx > 0 else px - label_w, py if sy > 0 else py - label_h) for sx, sy in corners]
    w, h = min(label_w, width), min(label_h, height)
    x_max, y_max = width - w, height - h
    first = first_beside = None  # the first place, and the first that leaves turned text visible
    a1, b1, a2, b2 = anchor
    for x, y in places:  # each moved into the image (x_max and y_max are at least 0)
        if x < 0:
            x = 0
        elif x > x_max:
            x = x_max
        if y < 0:
            y = 0
        elif y > y_max:
            y = y_max
        box = (x, y, x + w, y + h)
        if not taken.hides(box):
            break
        first = first or box
        if first_beside is None and not upright:  # a corner of its box may cut into turned text
            on_text = a1 < box[2] and box[0] < a2 and b1 < box[3] and box[1] < b2
            if not (on_text and box_polygon_overlap(box, polygon) >= 1):  # touching it is not hiding it
                first_beside = box
    else:
        box = first_beside or first
    taken.add(box)
    return TextLabel(text, box, (box[0] + pad, box[1] + pad), font_size, text_color_on(color), color)


def place_text(text: str, polygon: Polygon, size: tuple[int, int], metrics: Metrics) -> PlacedText | None:
    """Write ``text`` over a word's polygon, along its first edge (so rotated text follows its angle).

    The text's letters fill ``PLACED_TEXT_FILL`` of the word's height (measured on the text itself
    when ``metrics`` has ``ink_height``: "Croissant" has no descenders, so its box is lower than the
    box of "Espresso" in the same font, and both are written at the same size). Text longer than
    the word is squeezed (``stretch``) rather than made smaller, down to half its width. The opaque background is the polygon grown by a tenth of the word's height, so
    that no edge of the original letters shows around it.
    """
    if len(polygon) < 3 or not text.strip():
        return None
    (x0, y0), (x1, y1), (x2, y2) = polygon[0], polygon[1], polygon[2]
    length, thickness = math.hypot(x1 - x0, y1 - y0), math.hypot(x2 - x1, y2 - y1)
    if length < 1 or thickness < 1:
        return None
    background = clip_polygon(grow_polygon(polygon, max(1.0, thickness / 10)), size)
    if background is None:
        return None
    ink_height = getattr(metrics, "ink_height", None)
    ink = ink_height(text, 100) / 100 if ink_height else 0.96  # 0.96: capitals plus descenders
    font_size = min(thickness * PLACED_TEXT_FILL / max(ink, 0.3), max(size))
    natural = metrics.width(text, 100) * font_size / 100
    stretch = min(1.0, 0.95 * length / max(natural, 1.0))
    if stretch < 0.5:  # far longer than the word: make it smaller too
        font_size *= stretch / 0.5
        stretch = 0.5
    if font_size < 3:
        return None
    center = (sum(x for x, _ in polygon) / len(polygon), sum(y for _, y in polygon) / len(polygon))
    return PlacedText(
        text, background, center, polygon_angle(polygon), round(font_size),
        PLACED_TEXT_COLOR, PLACED_TEXT_BACKGROUND, PLACED_TEXT_OPACITY, round(stretch, 3),
    )  # fmt: skip


def wrap(text: str, size: int, max_width: float, metrics: Metrics) -> list[str]:
    """Break ``text`` into lines of at most ``max_width`` pixels, between words where possible.

    Example:
        >>> class Mono:
        ...     def ascent(self, size): return 9
        ...     def height(self, size): return 12
        ...     def width(self, text, size): return 10 * len(text)
        >>> wrap("a woman wearing a mask", 10, 100, Mono())
        ['a woman', 'wearing a', 'mask']
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if metrics.width(candidate, size) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:  # a word wider than the line (or text without spaces, like Chinese)
            if line and metrics.width(line + character, size) > max_width:
                lines.append(line)
                line = ""
            line += character
    if line:
        lines.append(line)
    return lines


def make_banner(
    text: str,
    size: tuple[int, int],
    font_size: int,
    metrics: Metrics,
    top: int | None = None,
    color: RGB = BANNER_COLOR,
    background: RGB = BANNER_BACKGROUND,
) -> Banner:
    """A strip below an image of ``size`` (from its bottom edge, or ``top``), text wrapped to its width.

    At most ``MAX_BANNER_LINES`` lines: longer text ends with "…" (a caption is a sentence).
    """
    pad = max(2, round(font_size * 0.4))
    lines = wrap(text, font_size, size[0] - 2 * pad, metrics)
    if len(lines) > MAX_BANNER_LINES:  # the last line shown, with the next one's start cut off with "…"
        cut = f"{lines[MAX_BANNER_LINES - 1]} {lines[MAX_BANNER_LINES]}"
        last = ellipsize(cut, font_size, size[0] - 2 * pad, metrics)
        lines = [*lines[: MAX_BANNER_LINES - 1], last]
    lines = tuple(lines)
    height = len(lines) * metrics.height(font_size) + 2 * pad
    return Banner(lines, size[1] if top is None else top, height, font_size, pad, color, background)
