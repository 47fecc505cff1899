"""Where each published name says it lives, so reprs, tracebacks and ``help()`` show ``vision_viz.X``.

The rule of the public surface: a name a private module lists in its ``__all__`` is public. The
explorer's building blocks (``_explorer*``) are published in ``vision_viz.explorer``, everything else
in ``vision_viz`` (which also offers ``explore``, the usual way into the explorer).
"""

from __future__ import annotations

from typing import Any


def home_of(module_name: str) -> str:
    """The public module that publishes the ``__all__`` of a private module.

    Example:
        >>> home_of("vision_viz._draw"), home_of("vision_viz._explorer_model")
        ('vision_viz', 'vision_viz.explorer')
    """
    return "vision_viz.explorer" if module_name.startswith("vision_viz._explorer") else "vision_viz"


def publish(namespace: dict[str, Any]) -> None:
    """Set ``__module__`` of every name in a private module's ``__all__`` to the module users import it from."""
    home = home_of(namespace["__name__"])
    for name in namespace["__all__"]:
        namespace[name].__module__ = home
