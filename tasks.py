#!/usr/bin/env python3
"""Set everything up, then open the notebooks, run the tests, or re-run notebooks.

    python3 tasks.py lab                  # set up .venv, open JupyterLab on notebooks/ (replays recordings)
    python3 tasks.py test                 # set up .venv with the test tools, run the whole test suite
    python3 tasks.py check                # only the static checks: ruff and mypy (the test suite runs them too)
    python3 tasks.py notebooks [NAME ...] # re-run notebooks (all, or the named ones) in replay mode, save them
    python3 tasks.py run SCRIPT [ARG ...] # run one of the repository's scripts with .venv's Python
    python3 tasks.py doctor               # workshop pre-flight check: Python, packages, fonts, recordings, key
    python3 tasks.py progress             # which exercises you have passed
    python3 tasks.py slides               # build the workshop slides (workshop/build/slides.html), offline

All are safe to re-run: the virtual environment is created once; `lab`, `notebooks` and `run`
install what the notebooks need (requirements.txt), `test` adds the test tools
(requirements-test.txt); packages are installed again only when those files or pyproject.toml
changed. Extra arguments after ``test`` go to pytest (``python3 tasks.py test -k settings``),
after ``lab`` to JupyterLab (as root, ``--allow-root`` is added for you).
Needs only Python 3.11 or newer.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"
NOTEBOOKS = ROOT / "notebooks"
# What each audience installs: learners (lab, Binder) and the test command, which adds the test tools.
LEARNER_REQUIREMENTS = "requirements.txt"
TEST_REQUIREMENTS = "requirements-test.txt"
# Re-run notebooks and the tests replay, whatever the shell or a .env file holds (vision_viz.load_settings).
REPLAY_ENVIRONMENT = {"VISION_OFFLINE": "1"}
# The static checks, configured in pyproject.toml: `check` runs them, and tests/test_static_checks.py.
CHECKS = {"ruff": ["ruff", "check", "."], "mypy": ["mypy"]}


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def fingerprint(*names: str) -> str:
    """Identify what installing these requirement files (and pyproject.toml) puts into .venv."""
    return hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in (*names, "pyproject.toml"))).hexdigest()


def setup(with_tests: bool = False) -> Path:
    """Create .venv and install the pinned requirements plus vision_viz (editable), if needed."""
    if sys.version_info < (3, 11):  # noqa: UP036 (tasks.py runs on any python3, before .venv exists)
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    python = venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    learner = fingerprint(LEARNER_REQUIREMENTS)
    covered = [learner, fingerprint(LEARNER_REQUIREMENTS, TEST_REQUIREMENTS)] if with_tests else [learner]
    installed = STAMP.read_text().split() if STAMP.exists() else []
    if covered[-1] not in installed:
        print("Installing requirements (first run, or they changed) …", flush=True)
        requirements = TEST_REQUIREMENTS if with_tests else LEARNER_REQUIREMENTS
        pip = [str(python), "-m", "pip", "--disable-pip-version-check", "install", "--quiet"]
        subprocess.run([*pip, "-r", str(ROOT / requirements), "-e", str(ROOT)], check=True)
        STAMP.write_text("\n".join(covered) + "\n")
    return python


def lab_arguments(rest: list[str], euid: int) -> list[str]:
    """JupyterLab refuses to run as root unless told: workshop containers often run as root."""
    return [*rest, "--allow-root"] if euid == 0 and "--allow-root" not in rest else rest


def notebook_paths(names: list[str]) -> list[Path]:
    """The notebooks named (``01-analyze-an-image``, with or without .ipynb or notebooks/), or all."""
    if not names:
        return sorted(NOTEBOOKS.glob("*.ipynb"))
    paths = [NOTEBOOKS / (Path(name).name if name.endswith(".ipynb") else Path(name).name + ".ipynb") for name in names]
    missing = [path.name for path in paths if not path.is_file()]
    if missing:
        available = " ".join(path.stem for path in sorted(NOTEBOOKS.glob("*.ipynb")))
        sys.exit(f"No such notebook: {', '.join(missing)}. Name one of: {available}")
    return paths


def drop_widget_state(path: Path) -> bool:
    """Remove saved widget state from a notebook: it stores the explorer's picture again (hundreds of
    kB), and the widgets come back when the learner runs the cell. True if there was some."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    if notebook.get("metadata", {}).pop("widgets", None) is None:
        return False
    text = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False)  # as nbformat writes
    path.write_text(text + "\n", encoding="utf-8")
    return True


def rerun_notebooks(python: str, paths: list[Path]) -> int:
    """Execute each notebook top to bottom in a fresh kernel, replaying recordings, and save it.

    The exercise checks write to a throwaway progress file: your own progress is neither shown in the
    saved outputs nor changed."""
    scratch = tempfile.mkdtemp(prefix="vision-progress-")
    environment = {**os.environ, **REPLAY_ENVIRONMENT, "VISION_PROGRESS": str(Path(scratch) / "progress.json")}
    for path in paths:
        print(f"Re-running {os.path.relpath(path, ROOT)} in replay mode …", flush=True)
        drop_widget_state(path)
        command = [python, "-m", "nbconvert", "--to", "notebook", "--execute", "--inplace",
                   "--ExecutePreprocessor.store_widget_state=False", str(path)]
        code = subprocess.call(command, env=environment)
        if code:
            return code
    return 0


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    tools = {"doctor": "tools/doctor.py", "progress": "tools/progress.py",  # the workshop kit: workshop/README.md
             "slides": "tools/build_slides.py"}
    if command not in ("lab", "test", "check", "notebooks", "run", *tools) or (command == "run" and not rest):
        print(__doc__)
        return 2
    paths = notebook_paths(rest) if command == "notebooks" else []
    python = str(setup(with_tests=command in ("test", "check")))
    os.chdir(ROOT)
    if command in tools:
        return subprocess.call([python, str(ROOT / tools[command]), *rest])
    if command == "lab":
        euid = os.geteuid() if hasattr(os, "geteuid") else -1
        return subprocess.call(
            [python, "-m", "jupyterlab", "--notebook-dir", str(NOTEBOOKS), *lab_arguments(rest, euid)]
        )
    if command == "notebooks":
        return rerun_notebooks(python, paths)
    if command == "run":
        return subprocess.call([python, *rest])
    if command == "check":
        return max(subprocess.call([python, "-m", *check]) for check in CHECKS.values())
    # Notebook kernels inherit this environment: the suite replays even when .env holds a key.
    return subprocess.call([python, "-m", "pytest", *rest], env={**os.environ, **REPLAY_ENVIRONMENT})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
