"""Optional dependencies: a missing one is named with the pip command that brings it.

``pip install vision-viz`` draws with Pillow alone; matplotlib (``draw_on_axes``, ``plot_tags``) and
ipywidgets (``explore``) come with the ``notebooks`` extra.
"""

from __future__ import annotations

import importlib

NOTEBOOKS_EXTRA = 'pip install "vision-viz[notebooks]"'
# Keyless sign-in (Microsoft Entra ID) and the Python SDK notebook.
ENTRA_EXTRA = 'pip install "vision-viz[entra]"'


EXPORT_EXTRA = 'pip install "vision-viz[export]"'
_INSTALL = {"notebooks": NOTEBOOKS_EXTRA, "export": EXPORT_EXTRA}


def require(module: str, feature: str, extra: str = "notebooks") -> None:
    """Import ``module``, or raise ``ModuleNotFoundError`` saying that ``feature`` needs the ``extra``.

    Example:
        >>> require("json", "this example")
        >>> require("no_such_module_here", "plot_tags")
        Traceback (most recent call last):
        ...
        ModuleNotFoundError: plot_tags needs no_such_module_here, which is not installed.
        It comes with the notebooks extra: pip install "vision-viz[notebooks]"
    """
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name is not None and module != error.name and not module.startswith(error.name + "."):
            raise  # something the module itself imports is missing: its own error says what
        raise ModuleNotFoundError(
            f"{feature} needs {module}, which is not installed. It comes with the {extra} extra: "
            f"{_INSTALL[extra]}",
            name=module,
        ) from None
