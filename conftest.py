"""pytest hooks for the notebooks nbval runs (the tests' own fixtures are in tests/conftest.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_started: set[Path] = set()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Start each notebook's kernel with an empty exercise progress file, as a learner's first run.

    The saved outputs of a notebook show a first run; passes that another notebook of the same run
    recorded (a solution notebook runs before its exercise) would change what its checks print.
    The kernel starts with the notebook's first cell and keeps the environment it started with.
    """
    if item.path.suffix == ".ipynb" and item.path not in _started:
        _started.add(item.path)
        os.environ["VISION_PROGRESS"] = str(Path(tempfile.mkdtemp(prefix="vision-progress-")) / "progress.json")
