"""Draw responses with Pillow: ``draw`` for everything, one helper per kind, and two composites.

Every function returns a new image; the image passed in is never modified. The layout (positions,
colours, widths, clipping) comes from ``_layout.plan``; this module only paints it.
"""

from __future__ import annotations

__all__ = [
    "color_swatch",
    "compare_crops",
    "draw",
    "draw_boxes",
    "draw_caption",
    "draw_dense_captions",
    "draw_faces",
    "draw_ocr",
    "draw_people",
    "draw_polygons",
    "draw_smart_crops",
]

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PIL import Image, ImageColor, ImageDraw, ImagePath

from vision_viz._display import wrap_drawing
from vision_viz._errors import warn
from vision_viz._fonts import METRICS, draw_text, ink_box, paste_text
from vision_viz._geometry import _number, polygon_to_xyxy, scale_box, short_repr
from vision_viz._image import load_image
from vision_viz._kinds import KIND_NAMES
from vision_viz._labels import Banner, PlacedText, ellipsize
from vision_viz._layout import Plan, plan, provenance_strip, reference_size
from vision_viz._parse import Analysis, Annotation, parse
from vision_viz._public import publish
from vision_viz._style import Style, auto_font_size, make_style, text_color_on, whole_number

#: The most dominant colours ``color_swatch`` shows (the service names a few; a body with thousands
#: would make a picture taller than memory allows).
MAX_DOMINANT_SWATCHES = 12
#: The largest swatch side of ``color_swatch`` and panel height of ``compare_crops``, in pixels.
MAX_PANEL_SIZE = 2048


def draw(image: Any, body: Any, **style: Any) -> Image.Image:
    """Draw everything drawable in a response body of any generation on a copy of the image.

    Args:
        image: A file path, image bytes, a Pillow image or a numpy array (RGB). Never modified.
        body: The response body (dict, JSON text) or an ``Analysis`` from ``parse``.
        **style: Drawing options (see ``Style``): ``kinds``, ``min_confidence``, ``labels``,
            ``show_confidence``, ``color``, ``line_width``, ``font_size``, ``ocr_text`` ("label" or
            "place"), ``page`` and ``max_side`` (draw on a copy at most this many pixels wide or
            high, with geometry scaled to it: use it for huge images).

            Without ``min_confidence``, people below 0.5 are left out, as in ``draw_people`` (the
            people detector returns many near-zero candidates by design) and everything else is
            drawn; ``min_confidence=0`` draws every candidate.

            On dense text (a receipt, a page) each label goes where it hides the least other text
            and labels, which is not always above its word; to compare the text with the picture,
            ``ocr_text="place"`` writes it over the words instead, or ``labels=False`` leaves the
            outlines only.

    Returns:
        A new Pillow image (a ``vision_viz.Drawing``): the picture with outlines and labels, plus a
        caption banner below it when the body has a caption. It keeps full resolution for ``.save()``;
        a notebook shows it once, at most 1,600 pixels a side, as PNG or (photographs) JPEG.

    Example:
        >>> body = {"metadata": {"width": 100, "height": 80}, "objectsResult": {"values": [
        ...     {"boundingBox": {"x": 10, "y": 30, "w": 50, "h": 40}, "tags": [{"name": "cat", "confidence": 0.9}]}]}}
        >>> drawn = draw(Image.new("RGB", (100, 80), "white"), body, show_confidence=True)
        >>> drawn.size, drawn.getpixel((10, 50)) != (255, 255, 255)
        ((100, 80), True)
    """
    return _draw(image, body, make_style(**style))


def _draw(image: Any, body: Any, options: Style, feature: str = "") -> Image.Image:
    """Open, parse, lay out and paint; warn when the body lacks the ``feature`` a helper draws."""
    picture, full_size = load_image(image, options.max_side, options.page)
    analysis = parse(body, image_size=full_size)
    kinds = options.kinds or frozenset()
    if feature and not analysis.of_kind(*kinds) and not ("caption" in kinds and analysis.caption):
        warn(f"The response has no {feature}: was that feature requested?")
    reference = reference_size(analysis.page_size(options.page), full_size)
    scale = (picture.width / reference[0], picture.height / reference[1])
    return wrap_drawing(paint(picture, plan(analysis, picture.size, options, METRICS, scale)))


# Polygon outlines 1 or 2 pixels wide are drawn as 1-pixel lines, about twice as fast as Pillow's
# wide lines (which fill each edge as a polygon). Pillow's 1-pixel lines cut coordinates down to
# whole pixels, so the path is first moved half a pixel, which rounds them instead. A 2-pixel line
# is four copies of the path in a 2 x 2 block (these are the steps from one copy to the next):
# the pixels on both sides of each point, like a line centred on it, as thick in every direction.
_THIN_LINE_STEPS = {1: ((0.5, 0.5),), 2: ((0.5, 0.5), (-1, 0), (0, -1), (1, 0))}


def paint(picture: Image.Image, layout: Plan) -> Image.Image:
    """Paint a plan on ``picture`` (which is modified: pass a copy) and return the drawing."""
    canvas = picture
    if layout.strips:
        canvas = Image.new(picture.mode, layout.canvas_size)
        canvas.paste(picture)
    pen = ImageDraw.Draw(canvas)
    for outline in layout.outlines:
        if outline.box:
            x1, y1, x2, y2 = outline.box
            pen.rectangle((x1, y1, x2 - 1, y2 - 1), outline=outline.color, width=outline.width)
        elif outline.polygon and outline.width in _THIN_LINE_STEPS:
            path, ink = ImagePath.Path([*outline.polygon, outline.polygon[0]]), pen.draw.draw_ink(outline.color)
            for dx, dy in _THIN_LINE_STEPS[outline.width]:
                path.transform((1, 0, dx, 0, 1, dy))
                pen.draw.draw_lines(path, ink, 1)
        elif outline.polygon:
            pen.line([*outline.polygon, outline.polygon[0]], fill=outline.color, width=outline.width, joint="curve")
    _paint_placed(canvas, layout.placed)
    for label in layout.labels:
        x1, y1, x2, y2 = label.box
        pen.rectangle((x1, y1, x2 - 1, y2 - 1), fill=label.background)
        paste_text(canvas, label.origin, label.text, label.size, label.color, label.background)
    for strip in layout.strips:
        _paint_strip(canvas, strip)
    return canvas


def _paint_strip(canvas: Image.Image, strip: Banner) -> None:
    """A strip below the picture (the caption banner or the provenance note), its lines on its background."""
    bottom = strip.top + strip.height - 1
    ImageDraw.Draw(canvas).rectangle((0, strip.top, canvas.width - 1, bottom), fill=strip.background)
    line_height = METRICS.height(strip.size)
    for number, line in enumerate(strip.lines):
        origin = (strip.pad, strip.top + strip.pad + number * line_height)
        paste_text(canvas, origin, line, strip.size, strip.color, strip.background)


def _paint_placed(canvas: Image.Image, placed: tuple[PlacedText, ...]) -> None:
    """A background polygon over each word, then the text centred on each at the word's angle.

    Every background goes down before any text: the service's boxes of neighbouring characters
    overlap by a few pixels, and a background painted after its neighbour's text would cut it.
    """
    for item in placed:
        x1, y1, x2, y2 = polygon_to_xyxy(item.polygon)
        left, top = math.floor(x1), math.floor(y1)
        patch = Image.new("RGBA", (math.ceil(x2) - left + 1, math.ceil(y2) - top + 1), (0, 0, 0, 0))
        shape = [(x - left, y - top) for x, y in item.polygon]
        ImageDraw.Draw(patch).polygon(shape, fill=(*item.background, round(255 * item.opacity)))
        _composite(canvas, patch, (left, top))
    for item in placed:
        text = _placed_text_image(item)
        cx, cy = item.center
        _composite(canvas, text, (round(cx - text.width / 2), round(cy - text.height / 2)))


def _placed_text_image(placed: PlacedText) -> Image.Image:
    """The text on a transparent image whose centre is the text's centre (``placed.center``), turned."""
    advance = METRICS.width(placed.text, placed.size)
    width = math.ceil(advance) + 4
    _, top, _, bottom = ink_box(placed.text, placed.size)
    # The baseline lies placed.baseline below the centre; the image reaches the ink on both sides.
    half = math.ceil(max(placed.baseline + bottom, -(placed.baseline + top), 1)) + 2
    text = Image.new("RGBA", (width, 2 * half), (0, 0, 0, 0))
    draw_text(ImageDraw.Draw(text), ((width - advance) / 2, half + placed.baseline), placed.text, placed.size,
              placed.color)  # fmt: skip
    if placed.stretch < 1:  # squeezed to the word's length
        text = text.resize((max(1, round(width * placed.stretch)), text.height), Image.Resampling.LANCZOS)
    return text.rotate(-placed.angle, expand=True, resample=Image.Resampling.BICUBIC)


def _composite(canvas: Image.Image, overlay: Image.Image, xy: tuple[int, int]) -> None:
    """Blend the RGBA ``overlay`` onto ``canvas`` with its top-left corner at ``xy``, clipped to the canvas."""
    x, y = xy
    left, top = max(x, 0), max(y, 0)
    right, bottom = min(x + overlay.width, canvas.width), min(y + overlay.height, canvas.height)
    if right <= left or bottom <= top:
        return
    region = canvas.crop((left, top, right, bottom)).convert("RGBA")
    region.alpha_composite(overlay.crop((left - x, top - y, right - x, bottom - y)))
    canvas.paste(region.convert(canvas.mode), (left, top))


# --- one helper per kind -------------------------------------------------------------------------


def _draw_kinds(image: Any, body: Any, kinds: tuple[str, ...], feature: str, /, **style: Any) -> Image.Image:
    if "kinds" in style:
        raise TypeError(f"This helper draws {feature} only: to choose the kinds, call draw(image, body, kinds=...).")
    return _draw(image, body, make_style(kinds=kinds, **style), feature)


def draw_ocr(image: Any, body: Any, level: str = "word", text: str = "label", **style: Any) -> Image.Image:
    """Draw recognized text (4.0 read, 3.x Read, RecognizeText, BatchRead or legacy OCR).

    Args:
        image: The analysed image (path, bytes, Pillow image or numpy array).
        body: The response body.
        level: "word", "line" or "region" (legacy OCR regions).
        text: "label" writes the text above each box; "place" writes it over the word, along the
            angle of rotated text, to compare with the original.
        **style: Options of ``draw``.

    Example:
        >>> body = {"readResult": {"blocks": [{"lines": [{"text": "Hi", "boundingPolygon": [
        ...     {"x": 5, "y": 20}, {"x": 60, "y": 20}, {"x": 60, "y": 40}, {"x": 5, "y": 40}], "words": []}]}]}}
        >>> draw_ocr(Image.new("RGB", (80, 60)), body, level="line", text="place").size
        (80, 60)
    """
    if level not in ("word", "line", "region"):
        raise ValueError(f"level must be 'word', 'line' or 'region', not {level!r}.")
    if "ocr_text" in style:
        raise TypeError("draw_ocr takes text='label' or text='place' (the ocr_text option of draw).")
    if text not in ("label", "place"):
        raise ValueError(f"text must be 'label' or 'place', not {short_repr(text)}.")
    return _draw_kinds(image, body, (level,), f"text {KIND_NAMES[level]}", ocr_text=text, **style)


def draw_caption(image: Any, body: Any, **style: Any) -> Image.Image:
    """Add the image caption (4.0 caption or 3.2 description) as a banner below the image.

    Example:
        >>> drawn = draw_caption(Image.new("RGB", (300, 200)), {"captionResult": {"text": "a cat", "confidence": 0.9}})
        >>> drawn.width, drawn.height > 200
        (300, True)
    """
    return _draw_kinds(image, body, ("caption",), "caption", **style)


def draw_dense_captions(image: Any, body: Any, **style: Any) -> Image.Image:
    """Draw each dense caption's region with its caption (the first one is the whole image).

    Example:
        >>> body = {"denseCaptionsResult": {"values": [
        ...     {"text": "a dog", "confidence": 0.8, "boundingBox": {"x": 0, "y": 0, "w": 50, "h": 50}}]}}
        >>> draw_dense_captions(Image.new("RGB", (50, 50)), body).getpixel((0, 49)) != (0, 0, 0)
        True
    """
    return _draw_kinds(image, body, ("dense_caption",), KIND_NAMES["dense_caption"], **style)


def draw_smart_crops(image: Any, body: Any, **style: Any) -> Image.Image:
    """Draw the smart crops (4.0) labelled with their aspect ratio, or the 3.2 area of interest.

    Example:
        >>> crop = {"aspectRatio": 1.33, "boundingBox": {"x": 0, "y": 0, "w": 40, "h": 30}}
        >>> body = {"smartCropsResult": {"values": [crop]}}
        >>> draw_smart_crops(Image.new("RGB", (60, 40)), body, labels=False).getpixel((39, 29)) != (0, 0, 0)
        True
    """
    return _draw_kinds(image, body, ("smart_crop", "area_of_interest"), KIND_NAMES["smart_crop"], **style)


def draw_people(image: Any, body: Any, min_confidence: float = 0.5, **style: Any) -> Image.Image:
    """Draw detected people at or above ``min_confidence`` (the service also returns unlikely ones).

    Example:
        >>> body = {"peopleResult": {"values": [
        ...     {"boundingBox": {"x": 0, "y": 0, "w": 10, "h": 10}, "confidence": 0.9},
        ...     {"boundingBox": {"x": 20, "y": 0, "w": 10, "h": 10}, "confidence": 0.01}]}}
        >>> drawn = draw_people(Image.new("RGB", (40, 40)), body, labels=False)
        >>> drawn.getpixel((0, 5)) != (0, 0, 0), drawn.getpixel((20, 5)) != (0, 0, 0)
        (True, False)
    """
    return _draw_kinds(image, body, ("person",), KIND_NAMES["person"], min_confidence=min_confidence, **style)


def draw_faces(image: Any, body: Any, **style: Any) -> Image.Image:
    """Draw 3.2 faces (with age and gender where given) and recognized celebrities.

    Example:
        >>> face = {"left": 5, "top": 5, "width": 20, "height": 20}
        >>> body = {"faces": [{"age": 44, "gender": "Male", "faceRectangle": face}]}
        >>> draw_faces(Image.new("RGB", (60, 60)), body, labels=False).getpixel((5, 10)) != (0, 0, 0)
        True
    """
    return _draw_kinds(image, body, ("face", "celebrity"), KIND_NAMES["face"], **style)


def draw_boxes(
    image: Any, boxes: Iterable[Sequence[float]], labels: Sequence[str] | None = None, **style: Any
) -> Image.Image:
    """Draw boxes given as pixel ``(x1, y1, x2, y2)``, with optional labels.

    Example:
        >>> drawn = draw_boxes(Image.new("RGB", (50, 50)), [(10, 10, 30, 30)], color="red", labels=None)
        >>> drawn.getpixel((10, 20)), drawn.getpixel((20, 20))
        ((255, 0, 0), (0, 0, 0))
    """
    annotations = []
    for number, (box, label) in enumerate(zip(_items("boxes", boxes), _labels(labels))):
        try:
            x1, y1, x2, y2 = (_number(value) for value in box)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"Box {number} must be four numbers (x1, y1, x2, y2), not {short_repr(box)}.") from exc
        annotations.append(Annotation("box", label, None, (x1, y1, x2, y2)))
    return draw(image, Analysis(tuple(annotations)), **style)


def draw_polygons(
    image: Any, polygons: Iterable[Sequence[Sequence[float]]], labels: Sequence[str] | None = None, **style: Any
) -> Image.Image:
    """Draw polygons given as lists of pixel ``(x, y)`` points, with optional labels.

    Example:
        >>> drawn = draw_polygons(Image.new("RGB", (50, 50)), [[(10, 10), (40, 10), (25, 40)]], color="lime")
        >>> drawn.getpixel((25, 10))
        (0, 255, 0)
    """
    annotations = []
    for number, (polygon, label) in enumerate(zip(_items("polygons", polygons), _labels(labels))):
        try:
            points = tuple((_number(x), _number(y)) for x, y in polygon)
            annotations.append(Annotation("polygon", label, None, polygon_to_xyxy(points), points))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"Polygon {number} must be a list of (x, y) points, not {short_repr(polygon)}.") from exc
    return draw(image, Analysis(tuple(annotations)), **style)


def _items(name: str, items: Any) -> Iterable[Any]:
    """``items`` if it is a list-like of shapes (or an iterator of them); a clear error otherwise."""
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        raise ValueError(f"{name} must be a list, not {short_repr(items)}.")
    return items


def _labels(labels: Sequence[str] | None) -> Iterable[str]:
    if labels is None:
        return itertools.repeat("")
    return (str(label) for label in _items("labels", labels))


# --- composites ----------------------------------------------------------------------------------


def color_swatch(body: Any, size: int = 48) -> Image.Image:
    """A picture of the 3.2 colour scheme: foreground, background, dominant and accent colours.

    Given the ``requests`` response of a saved answer, a note below says where it came from, as
    under ``draw``'s pictures.

    Args:
        body: A response (or its body) with a ``color`` section (3.2 analyze with ``Color``).
        size: The side of each swatch in pixels.

    Example:
        >>> body = {"color": {"dominantColorForeground": "Black", "dominantColorBackground": "White",
        ...         "dominantColors": ["Black"], "accentColor": "BB6D10", "isBWImg": False}}
        >>> swatch = color_swatch(body)  # one row per colour: 48 px swatches, 8 px apart
        >>> swatch.getpixel((10, 10)), swatch.getpixel((10, 70))
        ((0, 0, 0), (255, 255, 255))
    """
    size = whole_number("size", size, MAX_PANEL_SIZE, " of pixels")
    analysis = parse(body)
    scheme = analysis.color
    if scheme is None:
        raise ValueError("The response has no colour scheme: analyze the image with visualFeatures=Color.")
    rows = [("foreground", scheme.foreground), ("background", scheme.background)]
    rows += [("dominant", name) for name in scheme.dominant[:MAX_DOMINANT_SWATCHES]]
    if scheme.accent:
        rows.append(("accent", "#" + scheme.accent.lstrip("#")))
    font_size = max(11, size // 3)
    gap = size // 6
    bw = {True: "yes", False: "no", None: "unknown"}[scheme.is_black_and_white]
    footer = f"black and white: {bw}"
    if len(scheme.dominant) > MAX_DOMINANT_SWATCHES:
        footer += f" ({len(scheme.dominant) - MAX_DOMINANT_SWATCHES} more dominant colours not shown)"
    texts = [f"{role}: {name}" for role, name in rows]
    width = size + 3 * gap + max(math.ceil(METRICS.width(text, font_size)) for text in [*texts, footer])
    picture = Image.new("RGB", (width, (len(rows) + 1) * (size + gap)), (255, 255, 255))
    pen = ImageDraw.Draw(picture)
    for number, ((_, name), text) in enumerate(zip(rows, texts)):
        top = number * (size + gap)
        pen.rectangle((0, top, size - 1, top + size - 1), fill=_named_color(name), outline=(128, 128, 128))
        text_top = top + (size - METRICS.height(font_size)) // 2
        paste_text(picture, (size + gap, text_top), text, font_size, (0, 0, 0), (255, 255, 255))
    top = len(rows) * (size + gap) + (size - METRICS.height(font_size)) // 2
    paste_text(picture, (0, top), footer, font_size, (0, 0, 0), (255, 255, 255))
    note = provenance_strip(analysis, picture.size, font_size, METRICS, None)
    if note:
        noted = Image.new("RGB", (picture.width, picture.height + note.height))
        noted.paste(picture)
        _paint_strip(noted, note)
        picture = noted
    return wrap_drawing(picture)


def _fit_panel(panel: Image.Image, height: int) -> Image.Image:
    """``panel`` scaled to ``height`` pixels high, or less when it would be more than 4 heights wide.

    (A crop 3,000 x 1 pixels scaled to 2,048 high would be 6 million pixels wide.)
    """
    scale = min(height / panel.height, 4 * height / panel.width)
    return panel.resize((max(1, round(panel.width * scale)), max(1, round(panel.height * scale))))


# The twelve colour names of the 3.2 colour analysis, as typical shades (Pillow's "brown" is red).
_SERVICE_COLORS = {
    "black": (0, 0, 0), "blue": (30, 90, 200), "brown": (120, 80, 40), "gray": (128, 128, 128),
    "grey": (128, 128, 128), "green": (40, 140, 50), "orange": (245, 140, 30), "pink": (240, 130, 180),
    "purple": (120, 50, 160), "red": (210, 30, 30), "teal": (0, 128, 128), "white": (255, 255, 255),
    "yellow": (250, 215, 30),
}  # fmt: skip


def _named_color(name: str | None) -> tuple[int, int, int]:
    """The RGB of a colour the service names ("Brown", "#873B59"); grey for unknown names."""
    try:
        return _SERVICE_COLORS.get(str(name).lower()) or ImageColor.getrgb(str(name))[:3]
    except ValueError:
        return (128, 128, 128)


def compare_crops(
    image: Any, body: Any, thumbnails: Iterable[Any] = (), height: int = 240, **style: Any
) -> Image.Image:
    """Side by side: the image with its smart crops, each crop cut out, and service thumbnails.

    Args:
        image: The analysed image.
        body: A body with 4.0 smart crops or a 3.2 area of interest.
        thumbnails: Images returned by ``generateThumbnail`` (bytes, paths or images), if any.
        height: The height of every panel, in pixels.
        **style: Options of ``draw`` for the first panel.

    Example:
        >>> crop = {"aspectRatio": 1.0, "boundingBox": {"x": 0, "y": 0, "w": 50, "h": 50}}
        >>> body = {"smartCropsResult": {"values": [crop]}}
        >>> compare_crops(Image.new("RGB", (100, 50)), body, height=50).size[0] > 150
        True
    """
    height = whole_number("height", height, MAX_PANEL_SIZE, " of pixels")
    picture, full_size = load_image(image)
    analysis = parse(body, image_size=full_size)
    reference = reference_size(analysis.size, full_size)
    scale = (picture.width / reference[0], picture.height / reference[1])
    crops = analysis.of_kind("smart_crop", "area_of_interest")
    panels = [("image", draw_smart_crops(picture, analysis, **style))]
    for crop in crops:
        x1, y1, x2, y2 = (round(v) for v in scale_box(crop.box, *scale))
        box = (max(x1, 0), max(y1, 0), min(x2, picture.width), min(y2, picture.height))
        if box[2] > box[0] and box[3] > box[1]:
            title = f"crop {crop.label}" if crop.kind == "smart_crop" else crop.label
            panels.append((title, picture.crop(box)))
    for thumbnail in _items("thumbnails", thumbnails):
        thumb, size = load_image(thumbnail)
        panels.append((f"thumbnail {size[0]}x{size[1]}", thumb))
    font_size = auto_font_size((height, height))
    title_height = METRICS.height(font_size) + 8
    gap = max(4, height // 30)
    resized = [(title, _fit_panel(panel, height)) for title, panel in panels]
    width = sum(panel.width for _, panel in resized) + gap * (len(resized) - 1)
    sheet = Image.new("RGB", (width, height + title_height), (255, 255, 255))
    left = 0
    for title, panel in resized:
        sheet.paste(panel.convert("RGB"), (left, title_height))
        text = ellipsize(title, font_size, panel.width, METRICS)
        paste_text(sheet, (left, 4), text, font_size, text_color_on((255, 255, 255)), (255, 255, 255))
        left += panel.width + gap
    return wrap_drawing(sheet)


publish(globals())
