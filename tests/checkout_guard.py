"""A pytest plugin that fails any test which opens or lists a path outside the checkout.

A clone from GitHub has only the repository: a test that reads ``shared/`` beside the checkout (or any other
folder beside the checkout, or elsewhere on the developer's machine) passes here and fails
there. An audit hook (PEP 578) sees every ``open``, ``os.listdir`` and ``os.scandir`` in the
test process, with the path as the test passed it, before the file system answers: a read of a
missing ``shared/`` file is caught too. Allowed besides the checkout: the Python installation
and virtual environment, temporary folders, system folders, and hidden files and folders in the
home folder (the per-user settings and caches of the libraries in use). Notebooks run in kernels
(other processes), which the hook does not see; the suite run from a clone without ``shared/`` beside it
covers them.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVENTS = {"open", "os.listdir", "os.scandir"}
SYSTEM = ("/usr", "/etc", "/dev", "/proc", "/sys", "/lib", "/lib64", "/run", "/var/lib", "/var/cache", "/opt")
# What tempfile and pytest name their folders, when the checkout itself sits in the temp folder.
TEMPORARY_NAMES = ("tmp", "pytest-of-")


def allowed_places() -> tuple[str, ...]:
    places = {
        sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
        *sysconfig.get_paths().values(), *site.getsitepackages(), site.getusersitepackages(),
        *(entry for entry in sys.path if os.path.basename(entry) == "site-packages"),
        tempfile.gettempdir(), *SYSTEM,
    }
    return tuple(sorted(os.path.abspath(place) for place in places if place))


def is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def outside_checkout(path: str, root: str, allowed: tuple[str, ...], temp: str, home: str) -> bool:
    """True when ``path`` (absolute) is neither in ``root`` nor in an allowed place.

    Hidden files and folders in the home folder (``~/.cache``, ``~/.pdbrc``) are the user's settings
    and caches, read by the libraries in use. A folder beside the checkout (``shared/``) is always
    outside, even when the checkout is in the temp folder, unless tempfile or pytest made it.
    """
    if is_within(path, root):
        return False
    if is_within(path, home) and path != home and os.path.relpath(path, home).startswith("."):
        return False
    parent = os.path.dirname(root)
    if is_within(path, parent) and path != parent:
        sibling = os.path.relpath(path, parent).split(os.sep)[0]
        if not (parent == temp and sibling.startswith(TEMPORARY_NAMES)):
            return True
    return not any(is_within(path, place) for place in allowed)


class Guard:
    """Records every path outside the checkout that the process opens or lists."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = str(root)
        self.allowed = allowed_places()
        self.temp = os.path.abspath(tempfile.gettempdir())
        self.home = os.path.abspath(Path.home())
        self.seen: list[str] = []
        self.active = False

    def audit(self, event: str, args: tuple) -> None:
        if not self.active or event not in EVENTS or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        path = os.path.abspath(os.fsdecode(args[0]))
        if outside_checkout(path, self.root, self.allowed, self.temp, self.home):
            self.seen.append(path)

    def take(self) -> list[str]:
        seen, self.seen = self.seen, []
        return seen


GUARD = Guard()


def pytest_configure(config: pytest.Config) -> None:
    sys.addaudithook(GUARD.audit)  # audit hooks cannot be removed: the guard is switched on and off
    GUARD.active = True


def pytest_unconfigure(config: pytest.Config) -> None:
    GUARD.active = False


def pytest_collection_finish(session: pytest.Session) -> None:
    seen = GUARD.take()
    if seen:
        raise pytest.UsageError(f"Collecting the tests read outside the checkout {GUARD.root}: {sorted(set(seen))}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Fail any test (notebook cells included) that, with its fixtures, read outside the checkout."""
    report = yield
    if call.when in ("call", "teardown"):  # setup's reads are reported with the call
        seen = GUARD.take()
        if seen and report.passed:
            report.outcome = "failed"
            report.longrepr = (
                f"{item.nodeid} read outside the checkout {GUARD.root}: {sorted(set(seen))}. A clone has only "
                "the repository: copy what the test needs into it (tests/data/, origin in tests/data/MANIFEST.md)."
            )
    return report
