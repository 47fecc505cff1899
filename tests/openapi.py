"""Validate response bodies against Microsoft's official OpenAPI (Swagger 2.0) files in tests/data/specs."""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any

import jsonschema

SPECS = Path(__file__).resolve().parent / "data" / "specs"

# (path pattern, spec file, definition of a 2xx body). The first match wins.
OPERATIONS = [
    (r"/computervision/imageanalysis:analyze$", "imageanalysis-2023-10-01.json", "ImageAnalysisResult"),
    (r"/vision/v3\.2/analyze$", "computervision-v3.2.json", "ImageAnalysis"),
    (r"/vision/v3\.2/describe$", "computervision-v3.2.json", "ImageDescription"),
    (r"/vision/v3\.2/tag$", "computervision-v3.2.json", "TagResult"),
    (r"/vision/v3\.2/detect$", "computervision-v3.2.json", "DetectResult"),
    (r"/vision/v3\.2/areaOfInterest$", "computervision-v3.2.json", "AreaOfInterestResult"),
    (r"/vision/v3\.2/models$", "computervision-v3.2.json", "ListModelsResult"),
    (r"/vision/v3\.2/models/[^/]+/analyze$", "computervision-v3.2.json", "DomainModelResults"),
    (r"/vision/v3\.2/ocr$", "computervision-v3.2.json", "OcrResult"),
    (r"/vision/v3\.2/read/analyzeResults/[^/]+$", "computervision-v3.2-read.json", "ReadOperationResult"),
    # No official spec exists for multimodal embeddings (the reference folder shared/specs/README.md, "Gaps"): a schema
    # written by this project from the reference shared/API-BRIEF.md, kept next to the example bodies it describes.
    (r"/computervision/retrieval:vectorize(Image|Text)$",
     str(Path(__file__).resolve().parents[1] / "tools" / "example_bodies" / "4.0" / "retrieval" / "schema.json"),
     "VectorizeResult"),
]
ERRORS = [
    (r"/computervision/", "imageanalysis-2023-10-01.json", "Azure.Core.Foundations.ErrorResponse"),
]


@functools.lru_cache
def _spec(name: str) -> dict[str, Any]:
    spec = json.loads((SPECS / name).read_text(encoding="utf-8"))
    return _allow_nulls(copy.deepcopy(spec["definitions"]))


def _allow_nulls(node: Any) -> Any:
    """Swagger 2.0 marks nullable properties with x-nullable; JSON Schema needs "null" in the type."""
    if isinstance(node, dict):
        if node.get("x-nullable") and isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        for value in node.values():
            _allow_nulls(value)
    elif isinstance(node, list):
        for value in node:
            _allow_nulls(value)
    return node


def definition_for(path: str, status: int) -> tuple[str, str] | None:
    """(spec file, definition) that describes a response to ``path`` with ``status``."""
    table = OPERATIONS if status < 400 else ERRORS
    for pattern, spec, definition in table:
        if re.search(pattern, path):
            return spec, definition
    return None


def validate(body: Any, spec: str, definition: str) -> None:
    """Raise jsonschema.ValidationError when ``body`` does not follow the definition."""
    schema = {"$ref": f"#/definitions/{definition}", "definitions": _spec(spec)}
    for error in jsonschema.Draft4Validator(schema).iter_errors(body):
        if not _empty_read_result(error):
            raise error


def _empty_read_result(error: jsonschema.ValidationError) -> bool:
    """The one known exception: the 4.0 spec says a Read result has exactly one block, but an
    image without text is answered with ``"readResult": {"blocks": []}`` (clients handle it)."""
    return (
        list(error.absolute_path)[-2:] == ["readResult", "blocks"]
        and error.validator == "minItems"
        and error.instance == []
    )
