"""Call Azure AI Vision Image Analysis from notebooks, and draw what it returns.

Importing this package is cheap: it imports neither matplotlib nor ipywidgets. Each
public name is loaded from its private module the first time it is used.

It changes no setting of the program's: Pillow's block cache, its decompression-bomb guard
(``PIL.Image.MAX_IMAGE_PIXELS``) and Python's cycle collector stay as the program set them. A program
that draws many large photos may let Pillow reuse freed image memory itself, with
``PILLOW_BLOCKS_MAX=3`` in the environment (a new 12 MP image then costs ~5 ms instead of ~40 ms).
"""

from __future__ import annotations

import importlib
from typing import Any

# Public name -> private module that defines it (each private module lists its public names in its
# own ``__all__``; tests/test_package.py checks that this table is exactly their union). The explorer's
# building blocks are in ``vision_viz.explorer``; only ``explore`` is here too.
_EXPORTS: dict[str, str] = {
    # Settings, HTTP session, errors, checks, record/replay.
    "Settings": "_settings",
    "load_settings": "_settings",
    "make_session": "_session",
    "describe_request": "_session",
    "VisionError": "_errors",
    "SettingsError": "_errors",
    "VisionServiceError": "_errors",
    "ServiceUnreachableError": "_errors",
    "RecordingError": "_errors",
    "MissingRecordingError": "_errors",
    "ImageCheckError": "_checks",
    "check_image": "_checks",
    "start_session": "_recording",
    "stop_session": "_recording",
    "provenance": "_recording",
    # Parsing.
    "parse": "_parse",
    "Analysis": "_parse",
    "Annotation": "_parse",
    "Page": "_parse",
    "Label": "_parse",
    "ColorScheme": "_parse",
    "ResponseBodyError": "_parse",
    "ImageLoadError": "_image",
    # Geometry converters.
    "xywh_to_xyxy": "_geometry",
    "ltwh_to_xyxy": "_geometry",
    "xywh_string_to_xyxy": "_geometry",
    "quad_to_polygon": "_geometry",
    "points_to_polygon": "_geometry",
    "polygon_to_xyxy": "_geometry",
    # Drawing.
    "Style": "_style",
    "draw": "_draw",
    "draw_boxes": "_draw",
    "draw_polygons": "_draw",
    "draw_ocr": "_draw",
    "draw_caption": "_draw",
    "draw_dense_captions": "_draw",
    "draw_smart_crops": "_draw",
    "draw_people": "_draw",
    "draw_faces": "_draw",
    "color_swatch": "_draw",
    "compare_crops": "_draw",
    "Drawing": "_display",
    "as_drawing": "_display",
    "draw_on_axes": "_mpl",
    "plot_tags": "_mpl",
    # Exports to other tools (issue 17).
    "to_records": "_export",
    "to_dataframe": "_export",
    "to_coco": "_export",
    "to_supervision": "_export",
    "source_to_polygons": "_successors",
    # The explorer (its building blocks: vision_viz.explorer).
    "explore": "_explorer",
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'vision_viz' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"vision_viz.{module_name}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
