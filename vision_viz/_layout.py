"""Pure layout: what to paint, where, in which colour and width. No pixels and no backend here.

``plan`` turns an ``Analysis`` into a ``Plan`` of outlines, labels, text placed on words and a
caption banner, all clipped to the image. The Pillow and matplotlib renderers only paint a plan, so
they agree, and everything here is testable without drawing. The options and colours come from
``_style``; where each label and text goes is worked out by ``_labels``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from vision_viz._errors import warn
from vision_viz._geometry import (
    Polygon,
    clip_box,
    clip_polygon,
    polygon_to_xyxy,
    scale_box,
    scale_polygon,
    xyxy_to_polygon,
)
from vision_viz._kinds import COLOURED_BY_KIND, TEXT_KINDS
from vision_viz._labels import (
    Banner,
    IntBox,
    Metrics,
    PlacedText,
    Taken,
    TextLabel,
    label_pad,
    make_banner,
    place_label,
    place_text,
    place_text_label,
)
from vision_viz._parse import Analysis, Annotation
from vision_viz._provenance import provenance_note
from vision_viz._style import (
    DEFAULT_MIN_CONFIDENCE,
    MIN_FONT_SIZE,
    RGB,
    Style,
    assign_colors,
    auto_font_size,
    auto_line_width,
)
from vision_viz._style import make_style as make_style  # where scripts and benchmarks have long found it

# The provenance note under a drawing of a saved answer: dark text on pale amber.
NOTE_COLOR: RGB = (40, 30, 0)
NOTE_BACKGROUND: RGB = (255, 228, 150)


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
    _check_page(analysis, style)
    chosen = [a for a in analysis.annotations if _wanted(a, style)]
    sizes = _sizes(chosen, size, style, scale)
    shapes, outside = _outline(chosen, size, style, sizes, scale)
    _warn_when_nothing_shows(analysis, style, len(chosen), outside, size)
    words_drawn = any(a.kind == "word" for a in chosen)
    lines = _lines_of_words(analysis.annotations) if style.ocr_text == "place" else {}
    placed, labels = _label(shapes, size, style, sizes, metrics, scale, words_drawn, lines)
    banner = _caption_banner(analysis, size, style, sizes.font, metrics)
    note = provenance_strip(analysis, size, sizes.font, metrics, banner)
    return Plan(size, tuple(shape.outline for shape in shapes), placed, labels, banner, note)


class _Sizes(NamedTuple):
    """The line widths and font sizes of one drawing: of shapes, and of text (which follow its size)."""

    line: int
    font: int
    text_line: int
    text_font: int


class _Shape(NamedTuple):
    """An annotation's outline, the whole-pixel box its label goes beside, and its (scaled) polygon."""

    annotation: Annotation
    outline: Outline
    anchor: IntBox
    polygon: Polygon | None


def _check_page(analysis: Analysis, style: Style) -> None:
    """Refuse a page the response does not have."""
    numbers = [page.number for page in analysis.pages]
    if numbers and style.page not in numbers:
        listed = ", ".join(map(str, numbers[:10])) + (f", … ({len(numbers)} pages)" if len(numbers) > 10 else "")
        raise ValueError(f"The response has page(s) {listed}: there is no page {style.page}.")


def _sizes(chosen: list[Annotation], size: tuple[int, int], style: Style, scale: tuple[float, float]) -> _Sizes:
    """Line widths and font sizes: the style's, else scaled with the image.

    Labels of text follow the size of the text (unless a size is given); so do the outlines of
    small text, so that a line never hides the letters it surrounds.
    """
    line_width = style.line_width or auto_line_width(size)
    font_size = style.font_size or auto_font_size(size)
    text_size, text_line = font_size, line_width
    sized = style.font_size and style.line_width
    text_heights = [] if sized else sorted(_text_height(a, scale) for a in chosen if a.kind in ("word", "line"))
    if text_heights:
        median = text_heights[len(text_heights) // 2]
        text_size = style.font_size or min(font_size, max(MIN_FONT_SIZE, round(0.7 * median)))
        text_line = style.line_width or min(line_width, max(1, round(median / 12)))
    return _Sizes(line_width, font_size, text_line, text_size)


def _outline(
    chosen: list[Annotation], size: tuple[int, int], style: Style, sizes: _Sizes, scale: tuple[float, float]
) -> tuple[list[_Shape], int]:
    """The outline of each annotation, clipped to the image, in its colour; and how many lie wholly outside."""
    color_keys = [_color_key(a) for a in chosen]
    colors = {} if style.color else assign_colors(color_keys)
    shapes: list[_Shape] = []
    outside = 0
    for annotation, color_key in zip(chosen, color_keys):
        color = style.color or colors[color_key]
        polygon = annotation.polygon
        if polygon and scale != (1.0, 1.0):
            polygon = scale_polygon(polygon, *scale)
        width = sizes.text_line if annotation.kind in TEXT_KINDS else sizes.line
        if polygon:
            outline, anchor = _polygon_outline(polygon, size, width, color)
            if outline is None or anchor is None:
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
        shapes.append(_Shape(annotation, outline, anchor, polygon))
    return shapes, outside


def _lines_of_words(annotations: tuple[Annotation, ...] | list[Annotation]) -> dict[Annotation, str]:
    """The text of the line each word lies in: the line whose box holds the word's centre.

    Words usually come just after their line, or after the word before them (pages that list all
    lines, then all words), so the last line seen and the last line found are tried first.
    """
    lines = [a for a in annotations if a.kind == "line" and a.label]
    found: dict[Annotation, Annotation] = {}
    last_seen: Annotation | None = None
    last_found: Annotation | None = None
    for annotation in annotations:
        if annotation.kind == "line":
            last_seen = annotation
            continue
        if annotation.kind != "word":
            continue
        x1, y1, x2, y2 = annotation.box
        cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
        likely = [line for line in (last_seen, last_found) if line is not None and line.label]
        for line in [*likely, *lines]:
            lx1, ly1, lx2, ly2 = line.box
            if line.page == annotation.page and lx1 <= cx <= lx2 and ly1 <= cy <= ly2:
                found[annotation] = last_found = line
                break
    return {word: line.label for word, line in found.items()}


def _label(
    shapes: list[_Shape],
    size: tuple[int, int],
    style: Style,
    sizes: _Sizes,
    metrics: Metrics,
    scale: tuple[float, float],
    words_drawn: bool,
    lines: dict[Annotation, str],
) -> tuple[tuple[PlacedText, ...], tuple[TextLabel, ...]]:
    """Labels beside the shapes, clear of the text of words and lines; or text written over words.

    When words are drawn, their lines get no label of their own (it would repeat the words).
    """
    placed: list[PlacedText] = []
    labels: list[TextLabel] = []
    if not style.labels:
        return (), ()
    smallest = min(sizes.font, sizes.text_font)
    taken = Taken(4 * (metrics.height(smallest) + 2 * label_pad(smallest)))
    if style.ocr_text != "place":  # labels of text avoid covering other text
        for text_shape in shapes:
            if text_shape.annotation.kind in ("word", "line"):
                taken.add_text(text_shape.anchor, text_shape.outline.polygon)
    for annotation, outline, anchor, polygon in shapes:
        text = label_text(annotation, style.show_confidence)
        if not text:
            continue
        is_text = annotation.kind in ("word", "line")
        if is_text and style.ocr_text == "place":
            if annotation.kind == "word" or not words_drawn:
                shape = polygon or xyxy_to_polygon(scale_box(annotation.box, *scale))
                line = lines.get(annotation) if annotation.kind == "word" else annotation.label
                item = place_text(annotation.label, shape, size, metrics, line)
                placed += [item] if item else []
        elif is_text and not (annotation.kind == "line" and words_drawn):
            shape = polygon or xyxy_to_polygon(scale_box(annotation.box, *scale))
            label = place_text_label(text, shape, anchor, size, sizes.text_font, outline.color, metrics, taken)
            labels += [label] if label else []
        elif annotation.kind not in TEXT_KINDS:
            pad = label_pad(sizes.font)
            label = place_label(text, anchor, size, sizes.font, pad, outline.color, metrics, taken)
            labels += [label] if label else []
    return tuple(placed), tuple(labels)


def _caption_banner(
    analysis: Analysis, size: tuple[int, int], style: Style, font_size: int, metrics: Metrics
) -> Banner | None:
    """The best caption in a strip below the image, when the body has one and it is wanted."""
    if not analysis.caption or not (style.kinds is None or "caption" in style.kinds):
        return None
    caption = analysis.caption
    text = caption.name
    if style.show_confidence and caption.confidence is not None:
        text += f" ({format_confidence(caption.confidence)})"
    return make_banner(text, size, font_size, metrics)


def provenance_strip(
    analysis: Analysis, size: tuple[int, int], font_size: int, metrics: Metrics, banner: Banner | None
) -> Banner | None:
    """The note saying where a saved answer came from, below the caption banner (none for live answers)."""
    note_text = provenance_note(analysis.provenance)
    if not note_text:
        return None
    top = size[1] + (banner.height if banner else 0)
    note_size = max(MIN_FONT_SIZE, round(font_size * 0.8))
    return make_banner(note_text, size, note_size, metrics, top, NOTE_COLOR, NOTE_BACKGROUND)


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
    inside = x1 >= 0 and y1 >= 0 and x2 <= right and y2 <= bottom
    if not (inside and math.isfinite(x1 + y1 + x2 + y2)):  # the usual case is inside
        clipped = clip_polygon(polygon, size)
        if clipped is None:
            return None, None
        polygon = tuple((min(x, right), min(y, bottom)) for x, y in clipped)
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
