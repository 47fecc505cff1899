"""The explorer and its building blocks, for building an explorer of your own.

``vision_viz.explore`` opens the explorer; this module also offers its model: the state
(``ExplorerState``), the request it sends (``request_for``), the recorded answer it replays
(``Catalogue``, ``replay_plan``), and how it draws and summarises an answer (``render``,
``summarize``). These are plain functions that work without a browser or ipywidgets.

Example:
    >>> from vision_viz.explorer import ExplorerState, request_for
    >>> request_for(ExplorerState(features=["tags"])).params["features"]
    'tags'
"""

from __future__ import annotations

from vision_viz._explorer import Explorer, explore
from vision_viz._explorer_model import (
    AnalyzeRequest,
    Catalogue,
    ExplorerState,
    RecordedCall,
    ReplayPlan,
    code_for,
    display_image,
    layers_in,
    render,
    replay_plan,
    request_for,
    summarize,
    visible_layers,
)

__all__ = [
    "AnalyzeRequest",
    "Catalogue",
    "Explorer",
    "ExplorerState",
    "RecordedCall",
    "ReplayPlan",
    "code_for",
    "display_image",
    "explore",
    "layers_in",
    "render",
    "replay_plan",
    "request_for",
    "summarize",
    "visible_layers",
]
