"""Shared fixtures: the loopback fake service and a canary key."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from fake_service import FakeVision

# Fails any test that reads outside the checkout (a clone has no shared/ folder beside it).
pytest_plugins = ["checkout_guard"]

ROOT = Path(__file__).resolve().parents[1]
# Reference files copied into the repository, with their origin (tests/data/MANIFEST.md).
DATA = ROOT / "tests" / "data"
# A key-shaped value that must never appear in anything the project writes or prints.
CANARY_KEY = "c4n4ryc4n4ryc4n4ryc4n4ryc4n4ry99"


def pytest_configure(config):
    """Exercise checks in notebooks run under nbval record progress in a temporary file, not the user's home."""
    os.environ.setdefault("VISION_PROGRESS", str(Path(tempfile.mkdtemp(prefix="vision-progress-")) / "progress.json"))


@pytest.fixture
def fake():
    with FakeVision(CANARY_KEY) as service:
        yield service


@pytest.fixture(autouse=True)
def _no_vision_environment(monkeypatch):
    """Tests start from replay mode, whatever the developer's shell or .env holds."""
    for name in ("VISION_KEY", "VISION_ENDPOINT", "VISION_RECORD", "VISION_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
