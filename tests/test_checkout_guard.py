"""The guard that fails tests reading outside the checkout really catches such reads, and only those."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap

import pytest

from checkout_guard import GUARD, ROOT, outside_checkout

ALLOWED = ("/usr", "/tmp", "/venv")


@pytest.mark.parametrize("path, root, outside", [
    ("/work/shared/specs/a.json", "/work/clone", True),
    ("/work/clone-other/tests/conftest.py", "/work/clone", True),
    ("/home/me/notes.txt", "/work/clone", True),
    ("/work/clone/tests/data/specs/a.json", "/work/clone", False),
    ("/work/clone", "/work/clone", False),
    ("/usr/share/fonts/x.ttf", "/work/clone", False),
    ("/tmp/whatever/x", "/work/clone", False),
    ("/home/me/.cache/matplotlib/fontlist.json", "/work/clone", False),
    ("/tmp/shared/specs/a.json", "/tmp/clone", True),
    ("/tmp/pytest-of-me/pytest-1/test_x0/a.png", "/tmp/clone", False),
    ("/tmp/tmpab12cd/a.png", "/tmp/clone", False),
    ("/work/clonex/a", "/work/clone", True),
    ("/home/me/.pdbrc", "/home/me/clone", False),
    ("/home/me/shared/a.json", "/home/me/clone", True),
    ("/home/me/notes/.hidden", "/work/clone", True),
], ids=[
    "sibling-shared", "sibling-checkout", "home-file", "inside", "the-checkout-itself", "system",
    "temp", "user-cache", "sibling-shared-when-in-temp", "pytest-temp-when-in-temp",
    "tempfile-when-in-temp", "name-prefix-is-not-inside", "user-settings-beside-a-checkout-in-home",
    "sibling-shared-when-in-home", "hidden-file-deeper-in-home",
])
def test_outside_checkout(path, root, outside):
    assert outside_checkout(path, root, ALLOWED, "/tmp", "/home/me") is outside


def test_the_guard_records_a_read_of_the_shared_folder_beside_the_checkout():
    shared = ROOT.parent / "shared" / "specs" / "README.md"
    GUARD.take()
    try:
        with contextlib.suppress(OSError):  # a clone has no shared/ beside it: the attempt alone must be caught
            shared.read_text(encoding="utf-8")
        with contextlib.suppress(OSError):
            os.listdir(ROOT.parent / "shared")
        (ROOT / "README.md").read_text(encoding="utf-8")
        seen = GUARD.take()
    finally:
        GUARD.take()  # what this test read on purpose must not fail it
    assert seen == [str(shared), str(ROOT.parent / "shared")]


READS_SHARED = f"""
from pathlib import Path

def test_reads_the_shared_folder():
    try:
        Path({str(ROOT.parent / "shared" / "specs" / "README.md")!r}).read_bytes()
    except OSError:
        pass

def test_reads_only_the_checkout_and_temp(tmp_path):
    Path({str(ROOT / "README.md")!r}).read_bytes()
    (tmp_path / "a.txt").write_text("a")
    assert (tmp_path / "a.txt").read_text() == "a"
"""


def test_a_test_that_reads_the_shared_folder_fails_and_one_that_does_not_passes(tmp_path):
    (tmp_path / "test_example.py").write_text(textwrap.dedent(READS_SHARED))
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "tests")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "checkout_guard",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rA",
            "test_example.py",
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "1 failed, 1 passed" in result.stdout, result.stdout
    assert "FAILED test_example.py::test_reads_the_shared_folder" in result.stdout
    assert f"read outside the checkout {ROOT}" in result.stdout and "shared/specs/README.md" in result.stdout
    assert "PASSED test_example.py::test_reads_only_the_checkout_and_temp" in result.stdout


READS_SHARED_AT_IMPORT = f"""
try:
    open({str(ROOT.parent / "shared" / "specs" / "imageanalysis-2023-10-01.json")!r}).close()
except OSError:
    pass

def test_nothing():
    pass
"""


def test_collecting_a_module_that_reads_the_shared_folder_stops_the_run(tmp_path):
    (tmp_path / "test_example.py").write_text(READS_SHARED_AT_IMPORT)
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "tests")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "checkout_guard", "-p", "no:cacheprovider", "-q", "test_example.py"],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 4, result.stdout + result.stderr  # pytest's usage error
    assert "Collecting the tests read outside the checkout" in result.stderr
    assert "shared/specs/imageanalysis-2023-10-01.json" in result.stderr
