"""Where text goes: labels beside their shapes, text written over words, strips of text below.

Pure geometry like ``_layout``: every function returns boxes and positions, measured with a
``Metrics``, and nothing here paints.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import NamedTuple, Protocol

from vision_viz._geometry import (
    Point,
    Polygon,
    box_polygon_overlap,
    clip_polygon,
    grow_polygon,
    polygon_angle,
    polygon_area,
)
from vision_viz._style import RGB, text_color_on

IntBox = tuple[int, int, int, int]

BANNER_COLOR: RGB = (255, 255, 255)
BANNER_BACKGROUND: RGB = (30, 30, 30)
PLACED_TEXT_COLOR: RGB = (0, 0, 0)
PLACED_TEXT_BACKGROUND: RGB = (255, 255, 255)
PLACED_TEXT_OPACITY = 1.0  # opaque: the original text must not show through the text written over it
# Text written over a word: the ink of its line's text (its highest letter to its lowest) fills this
# much of the word's height (the service's polygons hug the line's letters, with a small margin).
PLACED_TEXT_FILL = 0.85
#: The most lines of a banner below the image (a caption of 10,000 characters would make it 4,000 px high).
MAX_BANNER_LINES = 10


class Metrics(Protocol):
    """Text measurement in pixels (``vision_viz._fonts.METRICS`` measures the real font)."""

    def ascent(self, size: int) -> int: ...
    def height(self, size: int) -> int: ...
    def width(self, text: str, size: int) -> float: ...


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
    longer than the word, so that text of the same height is written at the same size. Its
    advance is centred along the word and its baseline lies ``baseline`` pixels below ``center``
    (towards the bottom of the text, wherever the angle turns it).
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
    baseline: float = 0.0


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


def label_pad(font_size: int) -> int:
    """The margin around a label's text."""
    return max(1, round(font_size * 0.15))


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
    for upright text after the end of the text, below it, before its start, before and above it,
    then over it; for turned text the other corners at the first point, those towards the text's
    top first, then those along its reading direction. The first place that hides nothing wins;
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
    pad = label_pad(font_size)
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
    else:  # (first is set: every place was tried and hid something)
        box = first_beside or first or box
    taken.add(box)
    return TextLabel(text, box, (box[0] + pad, box[1] + pad), font_size, text_color_on(color), color)


def place_text(
    text: str, polygon: Polygon, size: tuple[int, int], metrics: Metrics, line: str | None = None
) -> PlacedText | None:
    """Write ``text`` over a word's polygon, along its first edge (so rotated text follows its angle).

    The size and baseline come from the text of the word's ``line`` (or the word's own text when it
    is a line): that line's ink, from its highest letter to its lowest, fills ``PLACED_TEXT_FILL``
    of the polygon's height, centred on it. So every word of a line is written at one size on one
    baseline, and punctuation and letters without ascenders keep their place in the line ("use",
    "you.", "。"), however small their own ink. Without a line (or without ink metrics) the font's
    ascent and descent stand in for the line's ink. Text longer than the word is squeezed
    (``stretch``) rather than made smaller, down to half its width. The opaque background is the
    polygon grown by a tenth of the word's height, so that no edge of the original letters shows.
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
    above, below = _line_extent(line, metrics)  # per pixel of font size, from the baseline
    font_size = min(thickness * PLACED_TEXT_FILL / max(above + below, 0.3), max(size))
    natural = metrics.width(text, 100) * font_size / 100
    stretch = min(1.0, 0.95 * length / max(natural, 1.0))
    if stretch < 0.5:  # far longer than the word: make it smaller too
        font_size *= stretch / 0.5
        stretch = 0.5
    if font_size < 3:
        return None
    center = (sum(x for x, _ in polygon) / len(polygon), sum(y for _, y in polygon) / len(polygon))
    baseline = round((above - below) / 2 * round(font_size), 1)  # the line's ink centred on the word
    return PlacedText(
        text, background, center, polygon_angle(polygon), round(font_size),
        PLACED_TEXT_COLOR, PLACED_TEXT_BACKGROUND, PLACED_TEXT_OPACITY, round(stretch, 3), baseline,
    )  # fmt: skip


def _line_extent(line: str | None, metrics: Metrics) -> tuple[float, float]:
    """How far ``line``'s ink rises above and falls below its baseline, per pixel of font size.

    The font's ascent and descent when there is no line or ``metrics`` cannot measure ink.
    """
    ink_box = getattr(metrics, "ink_box", None)
    if line and line.strip() and ink_box:
        _, top, _, bottom = ink_box(line, 100)
        if bottom > top:
            return -top / 100, bottom / 100
    ascent, height = metrics.ascent(100), metrics.height(100)
    return ascent / 100, (height - ascent) / 100


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
    height = len(lines) * metrics.height(font_size) + 2 * pad
    return Banner(tuple(lines), size[1] if top is None else top, height, font_size, pad, color, background)
