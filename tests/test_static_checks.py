"""Ruff and mypy (configured in pyproject.toml) pass: the same checks as ``python3 tasks.py check``."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
tasks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tasks)


@pytest.mark.parametrize("name", tasks.CHECKS)
def test_static_check_passes(name):
    result = subprocess.run([sys.executable, "-m", *tasks.CHECKS[name]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"{name} found problems:\n{result.stdout}{result.stderr}"
    if name == "mypy":  # it checked the whole package, not a part of it
        checked = int(re.search(r"no issues found in (\d+) source files", result.stdout).group(1))
        assert checked == len(list((ROOT / "vision_viz").glob("*.py")))
