"""Read a response body of any Image Analysis generation into one normalized form.

Every section is read on its own, whatever API version produced it, so single-feature bodies, bodies
with missing or empty sections and bodies mixing generations all parse. Geometry is converted at the
door (see ``_geometry``): downstream code never asks which version a box came from.
"""

from __future__ import annotations

__all__ = ["Analysis", "Annotation", "ColorScheme", "Label", "Page", "ResponseBodyError", "parse"]

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from vision_viz._checks import sniff_format
from vision_viz._errors import VisionError, error_advice, error_body, warn
from vision_viz._geometry import (
    Box,
    Polygon,
    _is_list,
    _point_lists_to_boxes_and_polygons,
    _points_to_polygon_and_box,
    ltwh_to_xyxy,
    polygon_to_xyxy,
    quad_to_polygon,
    rotate_polygon,
    short_repr,
    xywh_string_to_xyxy,
    xywh_to_xyxy,
    xyxy_to_polygon,
)
from vision_viz._provenance import PROVENANCE_HEADER
from vision_viz._public import publish
from vision_viz._successors import parse_successors

# Top-level keys of every success body the service has returned (any generation).
_KNOWN_KEYS = {
    "modelversion", "metadata", "requestid", "captionresult", "densecaptionsresult", "tagsresult",
    "objectsresult", "peopleresult", "readresult", "smartcropsresult", "custommodelresult",
    "categories", "adult", "tags", "description", "faces", "color", "imagetype", "objects", "brands",
    "areaofinterest", "result", "regions", "textangle", "orientation", "language", "status",
    "recognitionresult", "recognitionresults", "analyzeresult", "models", "describeresult", "lines",
    "modelid", "contents",  # Document Intelligence's AnalyzeResult and Content Understanding's result
}  # fmt: skip

# More pages than any document the service reads (Read takes up to 2,000 pages).
_MAX_PAGES = 100_000


class ResponseBodyError(VisionError, ValueError):
    """The body cannot be drawn: it is an error response, an unfinished operation, or not a body.

    Attributes:
        code: The service's error code, for error bodies (else ``None``).
    """

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class Annotation(NamedTuple):
    """One geometric item of a response, in the package's single geometry (an immutable record).

    Attributes:
        kind: One of ``vision_viz._kinds.KINDS`` ("object", "person", "face", "word", ...).
        label: What it is: the object name, the word, the caption, the crop's aspect ratio.
        confidence: From 0 to 1, or ``None`` where the body gives none (or only ``"Low"``).
        box: Pixel ``(x1, y1, x2, y2)``.
        polygon: ``(x, y)`` points where the body has a polygon (text), else ``None``.
        page: The page number for multi-page Read results, else ``None``.
    """

    kind: str
    label: str
    confidence: float | None
    box: Box
    polygon: Polygon | None = None
    page: int | None = None


@dataclass(frozen=True)
class Label:
    """A whole-image fact with an optional confidence: a caption, tag, category or landmark."""

    name: str
    confidence: float | None = None


@dataclass(frozen=True)
class ColorScheme:
    """The 3.2 colour analysis. Colour names are the service's; ``accent`` is a hex string."""

    foreground: str | None
    background: str | None
    dominant: tuple[str, ...]
    accent: str | None
    is_black_and_white: bool | None


@dataclass(frozen=True)
class ImageType:
    """Clip-art level (0 to 3) and line-drawing flag (0 or 1) of the 3.2 analysis."""

    clip_art: int | None
    line_drawing: int | None


@dataclass(frozen=True)
class Adult:
    """The 3.2 content flags and their scores."""

    is_adult: bool | None
    is_racy: bool | None
    is_gory: bool | None
    adult_score: float | None
    racy_score: float | None
    gore_score: float | None


@dataclass(frozen=True)
class Page:
    """One page of a Read result: the size and turn its own coordinates refer to.

    The pages of a PDF or TIFF can differ in size and shape, so each page's geometry is scaled
    onto its image by that page's size, not the first page's.

    Attributes:
        number: The page number, from 1.
        size: ``(width, height)`` in ``unit``, when the body says; else ``None``.
        unit: ``"pixel"`` for images, ``"inch"`` for PDF pages; ``None`` when the body does not say.
        angle: How far the page's text is turned clockwise, in degrees from -180 to 180.
    """

    number: int
    size: tuple[float, float] | None = None
    unit: str | None = None
    angle: float | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything a response body says about an image.

    Attributes:
        annotations: Every geometric item, in body order.
        size: ``(width, height)`` of the coordinate space (the image, or page 1 of a Read result),
            when the body says; ``None`` otherwise. Other pages have their own (``page_size``).
        pages: The pages of a Read result, each with its own size, unit and angle.
        captions: Image captions, best first.
        tags: Image tags (tags without a confidence come from a 3.2 description).
        categories: 3.2 categories with their scores.
        landmarks: Recognized landmarks (they have no position).
        color: The 3.2 colour scheme.
        image_type: The 3.2 clip-art and line-drawing levels.
        adult: The 3.2 adult, racy and gory flags.
        language: The detected text language (OCR).
        text_angle: How far the text is turned clockwise, in degrees from -180 to 180 (from the
            legacy OCR ``textAngle``, the Read page ``angle`` or BatchRead ``clockwiseOrientation``;
            of page 1: every page's own is in ``pages``).
            For information: polygons already follow it (legacy OCR boxes are turned with it when
            the image size is known).
        orientation: The legacy OCR text orientation ("Up", "Down", "Left", "Right").
        model_version: The model that produced the body.
        provenance: Where the answer came from, when ``parse`` was given the response itself and
            it was a saved answer (its ``x-vision-viz-provenance`` header); ``None`` otherwise.
        skipped: How many items ``parse`` left out because their geometry could not be read (it
            warned about them).
    """

    annotations: tuple[Annotation, ...] = ()
    size: tuple[float, float] | None = None
    pages: tuple[Page, ...] = ()
    captions: tuple[Label, ...] = ()
    tags: tuple[Label, ...] = ()
    categories: tuple[Label, ...] = ()
    landmarks: tuple[Label, ...] = ()
    color: ColorScheme | None = None
    image_type: ImageType | None = None
    adult: Adult | None = None
    language: str | None = None
    text_angle: float | None = None
    orientation: str | None = None
    model_version: str | None = None
    provenance: str | None = None
    skipped: int = 0

    @property
    def caption(self) -> Label | None:
        """The best caption, or ``None``."""
        return self.captions[0] if self.captions else None

    @property
    def text(self) -> str:
        """All recognized text lines, one per line (empty when there is no text)."""
        return "\n".join(a.label for a in self.annotations if a.kind == "line")

    def of_kind(self, *kinds: str) -> tuple[Annotation, ...]:
        """The annotations of the given kinds, in body order."""
        return tuple(a for a in self.annotations if a.kind in kinds)

    def page(self, number: int) -> Page | None:
        """Page ``number`` of a Read result; ``None`` when the body has no such page."""
        return next((page for page in self.pages if page.number == number), None)

    def page_size(self, number: int) -> tuple[float, float] | None:
        """The size the geometry of page ``number`` refers to: the page's own size, else ``size``.

        Example:
            >>> pages = (Page(1, (850, 1100)), Page(2, (425, 550)))
            >>> analysis = Analysis(size=(850, 1100), pages=pages)
            >>> analysis.page_size(2), analysis.page_size(3)
            ((425, 550), (850, 1100))
        """
        page = self.page(number)
        return page.size if page is not None and page.size is not None else self.size


@dataclass
class _Builder:
    annotations: list[Annotation] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def add_page(self, page: Mapping[str, Any], number: int, angle: float | None) -> None:
        """Note a Read page; the first page's size and angle are also the whole body's."""
        size = _size(page)
        unit = _get(page, "unit")
        angle = None if angle is None else (angle + 180) % 360 - 180
        self.pages.append(Page(number, size, unit if isinstance(unit, str) else None, angle))
        if self.facts.get("size") is None:
            self.facts["size"] = size
        if angle is not None and "text_angle" not in self.facts:
            self.facts["text_angle"] = angle

    def add(self, kind: str, label: Any, confidence: Any, geometry: Any, page: int | None = None) -> None:
        self.extend([(kind, label, confidence, geometry, page)])

    def extend(self, items: Sequence[tuple[str, Any, Any, Any, int | None]]) -> None:
        """Add ``(kind, label, confidence, geometry, page)`` items; those without readable geometry are skipped."""
        for (kind, label, confidence, _, page), geometry in zip(items, _read_geometries([item[3] for item in items])):
            if isinstance(geometry, ValueError):
                self.skipped.append(f"{kind} {label!r}: {geometry}")
                continue
            text = _text(label)
            self.annotations.append(Annotation(kind, text, _float(confidence), *geometry, page))


def parse(body: Any, image_size: tuple[int, int] | None = None, provenance: str | None = None) -> Analysis:
    """Normalize a response body of any Image Analysis generation.

    Reads 4.0 analyze (GA and preview); 3.2 analyze, describe, tag, detect, areaOfInterest,
    models/{model}/analyze and ocr; 3.x Read results; v1/v2 RecognizeText and BatchRead results;
    and the successors' answers: Document Intelligence ``analyzeResult`` and Content Understanding
    results (see ``vision_viz._successors``).

    Args:
        body: The parsed JSON (a dict), or its text or bytes, or the ``requests`` response itself
            (then a saved answer's provenance is kept, and drawings say where it came from). An
            ``Analysis`` is returned as is.
        image_size: ``(width, height)`` of the analysed image. Only legacy OCR bodies need it: their
            boxes are in a frame rotated by ``textAngle`` around the image centre, which this undoes.
            Legacy OCR bodies do not say the image's size, so without ``image_size`` their boxes
            stay upright in that levelled frame (off the text when ``textAngle`` is not 0), and
            only ``Analysis.text_angle`` tells how far the text is turned. ``draw``,
            ``draw_ocr`` and ``draw_on_axes`` pass the image's size, so they draw the boxes on
            the text.
        provenance: Where the answer came from, for a body given without its response, such as the
            Python SDK's ``ImageAnalysisResult``: ``vv.provenance(response)`` of the HTTP response
            behind it. Drawings of the result then carry the note a drawing of the response would.

    Returns:
        The normalized ``Analysis``.

    Raises:
        ResponseBodyError: For an error body, an unfinished or failed Read operation, or something
            that is not a response body.
        TypeError: For an argument that is not JSON at all.

    Example:
        >>> body = {"objectsResult": {"values": [
        ...     {"boundingBox": {"x": 10, "y": 20, "w": 30, "h": 40},
        ...      "tags": [{"name": "chair", "confidence": 0.62}]}]}}
        >>> parse(body).annotations[0]
        Annotation(kind='object', label='chair', confidence=0.62, box=(10.0, 20.0, 40.0, 60.0), polygon=None, page=None)
    """
    if isinstance(body, Analysis):
        return body
    if callable(getattr(body, "json", None)) and not isinstance(body, Mapping):  # a requests.Response
        provenance = getattr(body, "headers", {}).get(PROVENANCE_HEADER) or provenance
        try:
            body = body.json()
        except ValueError:
            body = body.content
    body = _load(body)
    _raise_for_error(body)
    out = _Builder()
    metadata = _get(body, "metadata")
    if isinstance(metadata, Mapping):
        out.facts["size"] = _size(metadata)
    out.facts["model_version"] = _get(body, "modelVersion")
    _parse_v4(body, out)
    custom = _get(body, "customModelResult")
    if isinstance(custom, Mapping):
        _parse_v4(custom, out)
    _parse_v3(body, out)
    describe = _get(body, "describeResult")  # 2022 previews: a 3.2 description under a key of its own
    if isinstance(describe, Mapping):
        _parse_v3(describe if "description" in describe else {"description": describe}, out)
    _parse_legacy_ocr(body, out, image_size)
    _parse_read(body, out)
    parse_successors(body, out)
    if out.skipped:
        warn(
            f"vision_viz.parse skipped {len(out.skipped)} item(s) whose geometry could not be read, "
            f"e.g. {out.skipped[0]}"
        )
    return Analysis(
        annotations=tuple(out.annotations), pages=tuple(out.pages), provenance=provenance, skipped=len(out.skipped),
        **out.facts,
    )


# --- loading and validation -------------------------------------------------------------------


def _load(body: Any) -> Mapping[str, Any]:
    if isinstance(body, (bytes, bytearray, memoryview)):
        data = bytes(body)
        name = sniff_format(data)
        if name:
            raise ResponseBodyError(
                f"This is {name} image data, not a JSON response body: operations such as "
                "generateThumbnail and background removal answer with an image. Open it with "
                "PIL.Image.open(io.BytesIO(data)) instead."
            )
        body = data.decode("utf-8", errors="replace")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError as exc:
            raise ResponseBodyError(f"The body is not valid JSON ({exc}); pass response.json().") from exc
        except RecursionError:
            raise ResponseBodyError(
                "The body is JSON nested too deeply to be an Image Analysis response (the service's bodies "
                "are a few levels deep); pass the JSON the service returned, e.g. response.json()."
            ) from None
    if not isinstance(body, Mapping):
        raise ResponseBodyError(
            f"Expected a response body (a JSON object), got {type(body).__name__}: {short_repr(body)}."
        )
    return body


def _raise_for_error(body: Mapping[str, Any]) -> None:
    fields = error_body(body)
    if fields is not None:
        code, message = fields.code or str(fields.status), fields.message
        advice = error_advice(code, int(code) if code.isdecimal() else None)
        raise ResponseBodyError(
            f"This is an error response ({code}: {message}), so there is nothing to draw.\n"
            f"What to do: {advice or 'fix the request it answers (see the message).'} Then draw the new response.",
            code=code,
        )
    status = _get(body, "status")
    if isinstance(status, str) and status.lower() != "succeeded":
        if status.lower() == "failed":
            raise ResponseBodyError("The Read operation failed: there is no text to draw. Try the request again.")
        raise ResponseBodyError(
            f"The Read operation is still {status!r}: poll the Operation-Location URL again until the "
            "status is 'succeeded', then draw that body."
        )
    if "interactions" in body:
        raise ResponseBodyError("This is a recording (cassette), not a response body: pass one response's body.")
    if not any(key.lower() in _KNOWN_KEYS for key in body if isinstance(key, str)):
        keys = ", ".join(list(map(str, body))[:6]) or "none"
        raise ResponseBodyError(
            f"This is not an Image Analysis response body (its keys: {keys}). Pass the JSON the service "
            "returned, e.g. response.json()."
        )


# --- small readers ----------------------------------------------------------------------------


def _get(mapping: Any, key: str) -> Any:
    """``mapping[key]``, ignoring case (``isBWImg`` / ``isBwImg``); ``None`` when absent."""
    if type(mapping) is not dict and not isinstance(mapping, Mapping):
        return None
    if key in mapping:
        return mapping[key]
    lowered = key.lower()
    for candidate, value in mapping.items():
        if isinstance(candidate, str) and candidate.lower() == lowered:
            return value
    return None


def _items(mapping: Any, key: str) -> list[Mapping[str, Any]]:
    """The dicts in ``mapping[key]`` (or in ``mapping[key]["values"]``); [] when missing or empty."""
    value = _get(mapping, key)
    if isinstance(value, Mapping):
        value = _get(value, "values")
    if not isinstance(value, Sequence) or isinstance(value, str):
        return []
    return [item for item in value if type(item) is dict or isinstance(item, Mapping)]


def _text(value: Any) -> str:
    """A label as text: strings as they are (a lone surrogate, half an emoji, becomes "\ufffd"),
    numbers written out, ``None`` as "", anything else as its short repr."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, which no font, file or terminal can take
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if value is None:
        return ""
    return short_repr(value)  # numbers written out (huge integers described), anything else cut short


def _page_number(value: Any, position: int) -> int:
    """A page number from the body, or ``position`` when it is missing or no page number (-5, 1e308, 2.5)."""
    number = _float(value)
    if number is None or not number.is_integer() or not 1 <= number <= _MAX_PAGES:
        return position
    return int(number)


def _float(value: Any) -> float | None:
    """A finite float (a confidence, a size); ``None`` for missing or qualitative values like ``"Low"``."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an integer of 309 digits or more
        return None
    return number if math.isfinite(number) else None


def _size(mapping: Mapping[str, Any]) -> tuple[float, float] | None:
    width, height = _float(_get(mapping, "width")), _float(_get(mapping, "height"))
    if width and height and width > 0 and height > 0:
        return (width, height)
    return None


def _read_geometry(value: Any) -> tuple[Box, Polygon | None]:
    """Box and polygon from any geometry the service uses: dict, string, flat list or point list."""
    if isinstance(value, str):
        return xywh_string_to_xyxy(value), None
    if _is_list(value) and value:  # a polygon: [{x, y}, ...] or flat [x1, y1, x2, y2, ...]
        if type(value[0]) is dict or isinstance(value[0], Mapping):
            try:
                polygon, box = _points_to_polygon_and_box(value)
            except ValueError:  # keys in another case, e.g. {"X": 1, "Y": 2}
                if not all(isinstance(point, Mapping) for point in value):
                    raise
                lowered = [{str(k).lower(): v for k, v in point.items()} for point in value]
                polygon, box = _points_to_polygon_and_box(lowered)
            return box, polygon
        polygon = quad_to_polygon(value)
        return polygon_to_xyxy(polygon), polygon
    if isinstance(value, Mapping):
        rect = {str(key).lower(): number for key, number in value.items()}
        return (ltwh_to_xyxy(rect) if "left" in rect else xywh_to_xyxy(rect)), None
    raise ValueError(f"no readable geometry ({short_repr(value)})")


def _read_geometries(values: list[Any]) -> Sequence[tuple[Box, Polygon | None] | ValueError]:
    """``_read_geometry`` of each value, or the error it raised; 4.0 polygons are read all together."""
    try:
        return _point_lists_to_boxes_and_polygons(values)
    except ValueError:
        pass
    results: list[tuple[Box, Polygon | None] | ValueError] = []
    for value in values:
        try:
            results.append(_read_geometry(value))
        except ValueError as exc:
            results.append(exc)
    return results


def _text_geometry(item: Mapping[str, Any]) -> Any:
    """The polygon of a 4.0 line or word (``boundingBox`` in early previews)."""
    polygon = _get(item, "boundingPolygon")
    return _get(item, "boundingBox") if polygon is None else polygon


# --- 4.0 ---------------------------------------------------------------------------------------


def _parse_v4(body: Mapping[str, Any], out: _Builder) -> None:
    caption = _get(body, "captionResult")
    if isinstance(caption, Mapping) and _get(caption, "text"):
        out.facts["captions"] = (Label(_text(_get(caption, "text")), _float(_get(caption, "confidence"))),)
    tags = _labels(_items(body, "tagsResult"))
    if tags:
        out.facts["tags"] = tags
    for item in _items(body, "objectsResult"):
        first = next(iter(_items(item, "tags")), {})
        out.add("object", _get(first, "name") or "object", _get(first, "confidence"), _get(item, "boundingBox"))
    for item in _items(body, "peopleResult"):
        out.add("person", "person", _get(item, "confidence"), _get(item, "boundingBox"))
    for item in _items(body, "denseCaptionsResult"):
        out.add("dense_caption", _get(item, "text"), _get(item, "confidence"), _get(item, "boundingBox"))
    for item in _items(body, "smartCropsResult"):
        ratio = _float(_get(item, "aspectRatio"))
        label = f"{ratio:.2f}" if ratio is not None else "crop"
        out.add("smart_crop", label, None, _get(item, "boundingBox"))
    read = _get(body, "readResult")
    if isinstance(read, Mapping):
        items = []
        for block in _items(read, "blocks"):  # GA: blocks -> lines -> words
            for line in _items(block, "lines"):
                items.append(("line", _get(line, "text"), None, _text_geometry(line), None))
                items += [
                    ("word", _get(word, "text"), _get(word, "confidence"), _text_geometry(word), None)
                    for word in _items(line, "words")
                ]
        out.extend(items)
        for number, page in enumerate(_items(read, "pages"), start=1):  # 2023-02-01-preview: pages
            page_number = _page_number(_get(page, "pageNumber"), number)
            out.extend([
                ("line", _get(line, "content") or _get(line, "text"), None, _text_geometry(line), page_number)
                for line in _items(page, "lines")
            ])  # fmt: skip
            out.extend([
                ("word", _get(word, "content") or _get(word, "text"), _get(word, "confidence"), _text_geometry(word),
                 page_number)
                for word in _items(page, "words")
            ])  # fmt: skip
            out.add_page(page, page_number, _float(_get(page, "angle")))


def _labels(items: list[Mapping[str, Any]], score: str = "confidence") -> tuple[Label, ...]:
    return tuple(Label(_text(_get(item, "name")), _float(_get(item, score))) for item in items if _get(item, "name"))


# --- 3.2 (and v1/v2 analyze) -------------------------------------------------------------------


def _parse_v3(body: Mapping[str, Any], out: _Builder) -> None:
    tags = list(_labels(_items(body, "tags")))
    description = _get(body, "description")
    if isinstance(description, Mapping):
        captions = _items(description, "captions")
        out.facts["captions"] = tuple(
            Label(_text(_get(c, "text")), _float(_get(c, "confidence"))) for c in captions if _get(c, "text")
        )
        known = {tag.name for tag in tags}
        names = _get(description, "tags")
        if isinstance(names, Sequence) and not isinstance(names, str):
            tags += [Label(_text(name)) for name in names if isinstance(name, str) and name not in known]
    if tags:
        out.facts["tags"] = tuple(tags)
    categories = _items(body, "categories")
    if categories:
        out.facts["categories"] = _labels(categories, score="score")
    landmarks: list[Label] = []
    celebrities: list[Mapping[str, Any]] = []
    for detail in [_get(c, "detail") for c in categories] + [_get(body, "result")]:
        landmarks += _labels(_items(detail, "landmarks"))
        celebrities += _items(detail, "celebrities")
    if landmarks:
        out.facts["landmarks"] = tuple(landmarks)
    for item in celebrities:
        out.add("celebrity", _get(item, "name"), _get(item, "confidence"), _get(item, "faceRectangle"))
    for item in _items(body, "faces"):
        details = [_text(_get(item, "gender") or ""), _text(_get(item, "age") or "")]
        label = ", ".join(part for part in details if part) or "face"
        out.add("face", label, _get(item, "confidence"), _get(item, "faceRectangle"))
    for item in _items(body, "objects"):
        out.add("object", _get(item, "object") or "object", _get(item, "confidence"), _get(item, "rectangle"))
    for item in _items(body, "brands"):
        out.add("brand", _get(item, "name"), _get(item, "confidence"), _get(item, "rectangle"))
    area = _get(body, "areaOfInterest")
    if area is not None:
        out.add("area_of_interest", "area of interest", None, area)
    color = _get(body, "color")
    if isinstance(color, Mapping):
        dominant = _get(color, "dominantColors")
        dominant = [dominant] if isinstance(dominant, str) else dominant  # one name, not a list of letters
        bw = _get(color, "isBWImg")
        out.facts["color"] = ColorScheme(
            foreground=_color_name(_get(color, "dominantColorForeground")),
            background=_color_name(_get(color, "dominantColorBackground")),
            dominant=tuple(_text(c) for c in dominant if _color_name(c)) if _is_list(dominant) else (),
            accent=_color_name(_get(color, "accentColor")),
            is_black_and_white=bw if isinstance(bw, bool) else None,
        )
    image_type = _get(body, "imageType")
    if isinstance(image_type, Mapping):
        clip_art, line = _float(_get(image_type, "clipArtType")), _float(_get(image_type, "lineDrawingType"))
        out.facts["image_type"] = ImageType(
            None if clip_art is None else int(clip_art), None if line is None else int(line)
        )
    adult = _get(body, "adult")
    if isinstance(adult, Mapping):
        def flag(key: str) -> bool | None:
            return v if isinstance(v := _get(adult, key), bool) else None

        out.facts["adult"] = Adult(
            flag("isAdultContent"), flag("isRacyContent"), flag("isGoryContent"),
            _float(_get(adult, "adultScore")), _float(_get(adult, "racyScore")),
            _float(_get(adult, "goreScore")),
        )  # fmt: skip


def _color_name(value: Any) -> str | None:
    """A colour as the body names it ("Black", "BB6D10"); numbers as their text; ``None`` for anything else."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value == "":
        return None
    return _text(value)


# --- legacy OCR --------------------------------------------------------------------------------

# Where the text's own top-left corner is, for each orientation (the direction the top of the text faces).
_START_CORNER = {"up": 0, "right": 1, "down": 2, "left": 3}


def _parse_legacy_ocr(body: Mapping[str, Any], out: _Builder, image_size: tuple[int, int] | None) -> None:
    regions = _items(body, "regions")
    # Turning the image clockwise by textAngle makes the text level, so the text is turned clockwise
    # by -textAngle. (The spec says radians, but real bodies are in degrees: -2.0000000000000338.)
    text_angle = _float(_get(body, "textAngle"))
    angle = -text_angle if text_angle else 0.0
    orientation = _get(body, "orientation")
    for key, value in (("language", _get(body, "language")), ("orientation", orientation)):
        if isinstance(value, str):
            out.facts[key] = value
    if text_angle is not None:
        out.facts["text_angle"] = angle
    if not regions:
        return
    start = _START_CORNER.get(str(orientation).lower(), 0)
    size = image_size or out.facts.get("size")
    # The boxes are in the image levelled around its centre: turn them back with the text.
    centre = (size[0] / 2, size[1] / 2) if angle and size is not None else None

    def add(kind: str, item: Mapping[str, Any], label: str) -> None:
        try:
            box = xywh_string_to_xyxy(_get(item, "boundingBox"))
        except ValueError as exc:
            out.skipped.append(f"{kind} {label!r}: {exc}")
            return
        if not start and centre is None:
            out.annotations.append(Annotation(kind, label, None, box))
            return
        corners = xyxy_to_polygon(box)
        polygon = corners[start:] + corners[:start]
        if centre is not None:
            polygon = rotate_polygon(polygon, angle, centre)
        out.annotations.append(Annotation(kind, label, None, polygon_to_xyxy(polygon), polygon))

    for region in regions:
        add("region", region, "")
        for line in _items(region, "lines"):
            words = _items(line, "words")
            add("line", line, " ".join(_text(_get(w, "text") or "") for w in words))
            for word in words:
                add("word", word, _text(_get(word, "text") or ""))


# --- Read 3.x, RecognizeText and BatchRead -------------------------------------------------------


def _parse_read(body: Mapping[str, Any], out: _Builder) -> None:
    pages: list[Mapping[str, Any]] = []
    if _items(body, "lines") and not _items(body, "regions"):  # 2022 previews: a Read page at the top level
        pages.append(body)
    single = _get(body, "recognitionResult")  # v1/v2 RecognizeText: one page, no page number
    if isinstance(single, Mapping):
        pages.append(single)
    pages += _items(body, "recognitionResults")  # v2 BatchRead
    pages += _items(_get(body, "analyzeResult"), "readResults")  # v3.x Read
    for position, page in enumerate(pages, start=1):
        page_number = None if _get(page, "page") is None else _page_number(_get(page, "page"), position)
        angle = _float(_get(page, "angle"))  # 3.x; BatchRead says clockwiseOrientation (0 to 360)
        angle = _float(_get(page, "clockwiseOrientation")) if angle is None else angle
        out.add_page(page, position if page_number is None else page_number, angle)
        for line in _items(page, "lines"):
            out.add("line", _get(line, "text"), None, _get(line, "boundingBox"), page_number)
            for word in _items(line, "words"):
                out.add("word", _get(word, "text"), _get(word, "confidence"), _get(word, "boundingBox"), page_number)


publish(globals())
