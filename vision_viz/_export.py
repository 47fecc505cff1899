"""Export what a response found to the tools people already use: supervision, COCO, pandas.

Every converter takes a response body (or an ``Analysis``) and exports every annotation it holds,
of every kind (objects, people, faces, brands, dense captions, crops, lines and words, and the
successors' paragraphs, cells and fields), each with its ``kind``; polygons and confidences where
the item has them. Boxes are pixels: a page in inches (a PDF read by Document Intelligence) needs
``image_size``, the pixel size of the rendered page, and is scaled by its own size, as ``draw`` does.

Class names: objects, brands and celebrities are classed by what they are ("dog", "Contoso");
every other item by its kind ("person", "word", "dense_caption"), with its own text kept as ``label``.
"""

from __future__ import annotations

__all__ = ["to_coco", "to_dataframe", "to_records", "to_supervision"]

from collections.abc import Sequence
from typing import Any

from vision_viz._extras import require
from vision_viz._parse import Analysis, Annotation, parse
from vision_viz._public import publish

#: Kinds whose label is a class (what the thing is), not a text of its own.
LABEL_IS_CLASS = frozenset({"object", "brand", "celebrity"})


def class_name(annotation: Annotation) -> str:
    """The class an annotation exports under: its label for objects, brands and celebrities, else its kind.

    Example:
        >>> dog, word = Annotation("object", "dog", 0.9, (0, 0, 1, 1)), Annotation("word", "Hi", 1.0, (0, 0, 1, 1))
        >>> class_name(dog), class_name(word)
        ('dog', 'word')
    """
    return annotation.label if annotation.kind in LABEL_IS_CLASS and annotation.label else annotation.kind


def to_records(
    analysis: Any, image_size: tuple[int, int] | None = None, kinds: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """One dict per annotation, for a table (``pandas.DataFrame(records)``), CSV or JSON lines.

    Keys: ``kind``, ``class_name``, ``label``, ``confidence`` (``None`` where the body gives none),
    ``x1``, ``y1``, ``x2``, ``y2`` (pixels), ``polygon`` (``[[x, y], ...]`` or ``None``), ``page``.
    All pages are listed; with ``image_size``, each page is scaled from its own size onto it.

    Example:
        >>> body = {"objectsResult": {"values": [{"boundingBox": {"x": 10, "y": 20, "w": 30, "h": 40},
        ...     "tags": [{"name": "dog", "confidence": 0.9}]}]}}
        >>> to_records(body)
        [{'kind': 'object', 'class_name': 'dog', 'label': 'dog', 'confidence': 0.9,
          'x1': 10.0, 'y1': 20.0, 'x2': 40.0, 'y2': 60.0, 'polygon': None, 'page': None}]
    """
    return [_record(a) for a in _pixel_annotations(analysis, image_size, kinds, page=None)]


def _record(a: Annotation) -> dict[str, Any]:
    polygon = None if a.polygon is None else [[x, y] for x, y in a.polygon]
    x1, y1, x2, y2 = a.box
    return {
        "kind": a.kind, "class_name": class_name(a), "label": a.label, "confidence": a.confidence,
        "x1": x1, "y1": y1, "x2": x2, "y2": y2, "polygon": polygon, "page": a.page,
    }  # fmt: skip


def to_dataframe(
    analysis: Any, image_size: tuple[int, int] | None = None, kinds: Sequence[str] | None = None
) -> Any:
    """``to_records`` as a ``pandas.DataFrame`` (pandas comes with the ``export`` extra).

    Example:
        >>> body = {"peopleResult": {"values": [{"boundingBox": {"x": 1, "y": 2, "w": 3, "h": 4}, "confidence": 0.8}]}}
        >>> to_dataframe(body)[["kind", "confidence", "x2", "y2"]].to_dict("records")
        [{'kind': 'person', 'confidence': 0.8, 'x2': 4.0, 'y2': 6.0}]
    """
    require("pandas", "to_dataframe", extra="export")
    import pandas as pd  # type: ignore[import-untyped]  # no stubs installed; optional

    columns = ["kind", "class_name", "label", "confidence", "x1", "y1", "x2", "y2", "polygon", "page"]
    return pd.DataFrame(to_records(analysis, image_size, kinds), columns=columns)


def to_coco(
    analysis: Any,
    image_id: int = 1,
    *,
    file_name: str | None = None,
    image_size: tuple[int, int] | None = None,
    page: int = 1,
    kinds: Sequence[str] | None = None,
) -> dict[str, Any]:
    """A COCO detection dataset of one image: ``images``, ``annotations`` and ``categories``.

    Boxes are COCO's pixel ``[x, y, width, height]``; ``segmentation`` is ``[[x1, y1, x2, y2, ...]]``
    where the item has a polygon; ``score`` where it has a confidence; ``attributes`` keep its
    ``kind``, ``label`` and ``page``. Categories are the class names (``supercategory``: the kind).
    A multi-page answer exports one ``page`` (the first by default), as ``draw`` draws one.

    Example:
        >>> body = {"metadata": {"width": 100, "height": 80}, "objectsResult": {"values": [
        ...     {"boundingBox": {"x": 10, "y": 20, "w": 30, "h": 40}, "tags": [{"name": "dog", "confidence": 0.9}]}]}}
        >>> coco = to_coco(body, image_id=7, file_name="dog.jpg")
        >>> coco["images"], coco["annotations"][0]["bbox"], coco["categories"]
        ([{'id': 7, 'file_name': 'dog.jpg', 'width': 100, 'height': 80}], [10.0, 20.0, 30.0, 40.0],
         [{'id': 1, 'name': 'dog', 'supercategory': 'object'}])
    """
    analysis = parse(analysis)
    annotations = _pixel_annotations(analysis, image_size, kinds, page)
    categories: dict[tuple[str, str], int] = {}
    for a in annotations:
        categories.setdefault((class_name(a), a.kind), len(categories) + 1)
    size = image_size or analysis.page_size(page)
    image: dict[str, Any] = {"id": image_id, "file_name": file_name or f"{image_id}.jpg"}
    if size is not None:
        image.update(width=round(size[0]), height=round(size[1]))
    items = []
    for number, a in enumerate(annotations, start=1):
        x1, y1, x2, y2 = a.box
        item: dict[str, Any] = {
            "id": number, "image_id": image_id, "category_id": categories[(class_name(a), a.kind)],
            "bbox": [x1, y1, x2 - x1, y2 - y1], "area": (x2 - x1) * (y2 - y1), "iscrowd": 0,
            "attributes": {"kind": a.kind, "label": a.label, "page": a.page},
        }  # fmt: skip
        if a.polygon is not None:
            item["segmentation"] = [[coordinate for point in a.polygon for coordinate in point]]
        if a.confidence is not None:
            item["score"] = a.confidence
        items.append(item)
    return {
        "images": [image],
        "annotations": items,
        "categories": [
            {"id": number, "name": name, "supercategory": kind} for (name, kind), number in categories.items()
        ],
    }


def to_supervision(
    analysis: Any, *, image_size: tuple[int, int] | None = None, page: int = 1, kinds: Sequence[str] | None = None
) -> Any:
    """A ``supervision.Detections`` of every annotation (supervision comes with the ``export`` extra).

    ``xyxy`` in pixels; ``confidence`` (NaN where the body gives none); ``class_id`` indexing
    ``data["class_name"]``'s names in order of first appearance; ``data["kind"]``, ``data["label"]``
    (the item's own text) and ``data["polygon"]`` (an ``(n, 2)`` array, or ``None``) per detection.
    Unlike supervision's ``Detections.from_azure_analyze_image`` (4.0 objects only, class names
    only with a ``class_map``), it reads every kind of every API version, and a body without
    objects gives what it has, or an empty ``Detections``.

    Example:
        >>> body = {"objectsResult": {"values": [{"boundingBox": {"x": 10, "y": 20, "w": 30, "h": 40},
        ...     "tags": [{"name": "dog", "confidence": 0.9}]}]}}
        >>> detections = to_supervision(body)
        >>> detections.xyxy.tolist(), detections.data["class_name"].tolist(), detections.data["kind"].tolist()
        ([[10.0, 20.0, 40.0, 60.0]], ['dog'], ['object'])
    """
    require("supervision", "to_supervision", extra="export")
    import numpy as np
    import supervision as sv

    annotations = _pixel_annotations(analysis, image_size, kinds, page)
    names = [class_name(a) for a in annotations]
    ids = {name: number for number, name in enumerate(dict.fromkeys(names))}
    polygons = np.empty(len(annotations), dtype=object)
    for index, a in enumerate(annotations):
        polygons[index] = None if a.polygon is None else np.array(a.polygon, dtype=float)
    return sv.Detections(
        xyxy=np.array([a.box for a in annotations], dtype=float).reshape(-1, 4),
        confidence=np.array([np.nan if a.confidence is None else a.confidence for a in annotations], dtype=float),
        class_id=np.array([ids[name] for name in names], dtype=int),
        data={
            "class_name": np.array(names, dtype=object),
            "kind": np.array([a.kind for a in annotations], dtype=object),
            "label": np.array([a.label for a in annotations], dtype=object),
            "polygon": polygons,
        },
    )


def _pixel_annotations(
    analysis: Any, image_size: tuple[int, int] | None, kinds: Sequence[str] | None, page: int | None
) -> list[Annotation]:
    """The annotations (of ``kinds``, on ``page`` unless ``None``), in pixels of ``image_size``."""
    analysis = parse(analysis)
    if isinstance(kinds, str):
        kinds = [kinds]
    chosen = [
        a for a in analysis.annotations
        if (kinds is None or a.kind in kinds) and (page is None or a.page is None or a.page == page)
    ]  # fmt: skip
    return [_to_pixels(a, analysis, image_size) for a in chosen]


def _to_pixels(annotation: Annotation, analysis: Analysis, image_size: tuple[int, int] | None) -> Annotation:
    number = annotation.page or 1
    page = analysis.page(number)
    declared = analysis.page_size(number)
    if image_size is None:
        if page is not None and page.unit not in (None, "pixel"):
            raise ValueError(
                f"Page {number} is measured in {page.unit}es, not pixels: pass image_size=(width, height), the "
                "pixel size of the page as you rendered it, to export pixel boxes."
            )
        return annotation
    if declared is None:
        return annotation
    sx, sy = image_size[0] / declared[0], image_size[1] / declared[1]
    x1, y1, x2, y2 = annotation.box
    polygon = None if annotation.polygon is None else tuple((x * sx, y * sy) for x, y in annotation.polygon)
    return annotation._replace(box=(x1 * sx, y1 * sy, x2 * sx, y2 * sy), polygon=polygon)


publish(globals())
