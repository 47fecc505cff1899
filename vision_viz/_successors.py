"""Read the answers of the services that replace Image Analysis: Document Intelligence and Content Understanding.

Microsoft's migration guide sends Read/OCR to Document Intelligence and most other features to Content
Understanding (https://learn.microsoft.com/azure/ai-services/computer-vision/migration-options).

* Document Intelligence (``analyzeResult``): pages with ``unit`` ``"pixel"`` (images) or ``"inch"``
  (PDFs) and their ``width``/``height``; words and lines with a flat ``polygon`` list; paragraphs,
  tables, table cells and document fields with ``boundingRegions`` ``[{pageNumber, polygon}]``.
* Content Understanding (``result.contents``): the same elements, but positions are ``source``
  strings, ``D(page,x1,y1,...,x4,y4)`` or ``D(page,left,top,width,height)``, several joined by ``;``.

Both become the package's one geometry (pixel or page-unit boxes plus polygons, each with its page),
so ``draw`` scales every page by its own size, as it does for Read results.
"""

from __future__ import annotations

__all__ = ["source_to_polygons"]

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from vision_viz._geometry import Polygon, ltwh_to_xyxy, quad_to_polygon
from vision_viz._public import publish

if TYPE_CHECKING:
    from vision_viz._parse import _Builder

# One region of a Content Understanding ``source``: "D(" page "," numbers ")".
_REGION = re.compile(r"D\(\s*(\d+)\s*((?:,\s*[-+0-9.eE]+\s*)+)\)")
# Document fields nest (arrays of objects of fields): deeper than this is not a real answer.
_MAX_FIELD_DEPTH = 8


def source_to_polygons(source: str) -> list[tuple[int, Polygon]]:
    """The ``(page, polygon)`` regions of a Content Understanding ``source`` string.

    Example:
        >>> source_to_polygons("D(1,5,1,7,1,7,1.5,5,1.5);D(2,1,2,3,4)")
        [(1, ((5.0, 1.0), (7.0, 1.0), (7.0, 1.5), (5.0, 1.5))), (2, ((1.0, 2.0), (4.0, 2.0), (4.0, 6.0), (1.0, 6.0)))]

    Raises:
        ValueError: When a region is neither 4 nor 8 numbers after the page, or the text has none.
    """
    regions: list[tuple[int, Polygon]] = []
    for part in (part.strip() for part in source.split(";")):
        match = _REGION.fullmatch(part)
        if match is None:
            raise ValueError(f"not a Content Understanding source region: {part[:60]!r} (expected D(page,...))")
        numbers = [float(n) for n in match.group(2).strip(", ").split(",")]
        if len(numbers) == 4:  # left, top, width, height
            x1, y1, x2, y2 = ltwh_to_xyxy(dict(zip(("left", "top", "width", "height"), numbers)))
            polygon: Polygon = ((x1, y1), (x2, y1), (x2, y2), (x1, y2))
        elif len(numbers) == 8:
            polygon = quad_to_polygon(numbers)
        else:
            raise ValueError(f"a source region has 4 or 8 numbers after the page, not {len(numbers)}: {part[:60]!r}")
        regions.append((int(match.group(1)), polygon))
    if not regions:
        raise ValueError("an empty source string")
    return regions


def parse_successors(body: Mapping[str, Any], out: _Builder) -> None:
    """Add what a Document Intelligence or Content Understanding body holds to ``out``."""
    from vision_viz._parse import _get

    analyze = _get(body, "analyzeResult")
    if isinstance(analyze, Mapping) and _get(analyze, "pages") is not None:
        _parse_document_intelligence(analyze, out)
    elif _get(body, "modelId") is not None and _get(body, "pages") is not None:  # the SDK's AnalyzeResult
        _parse_document_intelligence(body, out)
    result = _get(body, "result")
    contents = _get(result, "contents") if isinstance(result, Mapping) else _get(body, "contents")
    if isinstance(contents, list):
        for content in contents:
            if isinstance(content, Mapping):
                _parse_content_understanding(content, out)


def _parse_document_intelligence(result: Mapping[str, Any], out: _Builder) -> None:
    from vision_viz._parse import _float, _get, _items, _page_number

    for position, page in enumerate(_items(result, "pages"), start=1):
        number = _page_number(_get(page, "pageNumber"), position)
        out.add_page(page, number, _float(_get(page, "angle")))
        lines = _items(page, "lines")
        out.extend([("line", _get(line, "content"), None, _get(line, "polygon"), number) for line in lines])
        out.extend([
            ("word", _get(word, "content"), _get(word, "confidence"), _get(word, "polygon"), number)
            for word in _items(page, "words")
        ])  # fmt: skip
        out.extend([
            ("selection_mark", _get(mark, "state"), _get(mark, "confidence"), _get(mark, "polygon"), number)
            for mark in _items(page, "selectionMarks")
        ])  # fmt: skip
    _add_elements(result, out, _bounding_regions)
    for document in _items(result, "documents"):
        _add_fields(_get(document, "fields"), out, _bounding_regions, depth=0)


def _parse_content_understanding(content: Mapping[str, Any], out: _Builder) -> None:
    from vision_viz._parse import _get, _items, _page_number

    unit = _get(content, "unit")
    for position, page in enumerate(_items(content, "pages"), start=1):
        number = _page_number(_get(page, "pageNumber"), position)
        out.add_page({**page, "unit": unit} if unit is not None and _get(page, "unit") is None else page, number, None)
        for kind in ("line", "word"):
            for item in _items(page, kind + "s"):
                confidence = _get(item, "confidence")
                _add_regions(out, kind, _get(item, "content"), confidence, _source_regions(item, out, kind))
    _add_elements(content, out, lambda item: _source_regions(item, out, "item"))
    _add_fields(_get(content, "fields"), out, lambda item: _source_regions(item, out, "field"), depth=0)
    for signature in _items(content, "signatures"):
        _add_regions(out, "signature", "signature", None, _source_regions(signature, out, "signature"))


Regions = list[tuple[int | None, Any]]


def _add_elements(result: Mapping[str, Any], out: _Builder, regions: Callable[[Any], Regions]) -> None:
    """Paragraphs, tables and their cells, which both services place the same way."""
    from vision_viz._parse import _float, _get, _items

    for paragraph in _items(result, "paragraphs"):
        _add_regions(out, "paragraph", _get(paragraph, "content"), None, regions(paragraph))
    for table in _items(result, "tables"):
        rows, columns = _float(_get(table, "rowCount")), _float(_get(table, "columnCount"))
        label = f"table {rows:g}x{columns:g}" if rows is not None and columns is not None else "table"
        _add_regions(out, "table", label, None, regions(table))
        for cell in _items(table, "cells"):
            _add_regions(out, "table_cell", _get(cell, "content"), None, regions(cell))


def _add_fields(fields: Any, out: _Builder, regions: Callable[[Any], Regions], depth: int) -> None:
    """Document fields with a position, labelled ``name: value``; arrays and objects of fields too."""
    from vision_viz._parse import _get, _text

    if not isinstance(fields, Mapping) or depth > _MAX_FIELD_DEPTH:
        return
    for name, field in fields.items():
        if not isinstance(field, Mapping):
            continue
        value = _get(field, "content")
        if value is None:
            values = (v for k, v in field.items() if str(k).startswith("value") and isinstance(v, (str, int, float)))
            value = next(values, "")
        _add_regions(out, "field", f"{name}: {_text(value)}", _get(field, "confidence"), regions(field))
        _add_fields(_get(field, "valueObject"), out, regions, depth + 1)
        items = _get(field, "valueArray")
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, Mapping):
                _add_fields(_get(item, "valueObject") or {f"{name}[{index}]": item}, out, regions, depth + 1)


def _bounding_regions(item: Any) -> Regions:
    """Document Intelligence ``boundingRegions``: ``(page, flat polygon)`` pairs."""
    from vision_viz._parse import _get, _items

    return [(_get(region, "pageNumber"), _get(region, "polygon")) for region in _items(item, "boundingRegions")]


def _source_regions(item: Any, out: _Builder, kind: str) -> Regions:
    """Content Understanding ``source``: ``(page, polygon)`` pairs; an unreadable one is noted as skipped."""
    from vision_viz._parse import _get

    source = _get(item, "source")
    if not isinstance(source, str):
        return []
    try:
        return [(page, [{"x": x, "y": y} for x, y in polygon]) for page, polygon in source_to_polygons(source)]
    except ValueError as exc:
        out.skipped.append(f"{kind}: {exc}")
        return []


def _add_regions(out: _Builder, kind: str, label: Any, confidence: Any, regions: Regions) -> None:
    """One annotation per region: an element that runs over two pages is drawn on each."""
    from vision_viz._parse import _page_number

    out.extend([
        (kind, label, confidence, polygon, None if page is None else _page_number(page, 1)) for page, polygon in regions
    ])  # fmt: skip


publish(globals())
