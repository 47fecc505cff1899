#!/usr/bin/env python3
"""Set everything up, then open the notebooks or run the tests.

    python3 tasks.py lab     # create .venv, install, open JupyterLab on notebooks/ (replays recordings)
    python3 tasks.py test    # create .venv, install, run the whole test suite (unit tests + every notebook)

Both are safe to re-run: the virtual environment is created once, and packages are installed
again only when requirements.txt or pyproject.toml changed. Extra arguments after ``test``
go to pytest (``python3 tasks.py test -k settings``), after ``lab`` to JupyterLab.
Needs only Python 3.10 or newer.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"
INPUTS = ("requirements.txt", "pyproject.toml")


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def setup() -> Path:
    """Create .venv and install the pinned requirements plus vision_viz (editable), if needed."""
    if sys.version_info < (3, 10):
        sys.exit(f"Python 3.10 or newer is needed (this is {sys.version.split()[0]}).")
    python = venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in INPUTS)).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing requirements (first run, or they changed) …", flush=True)
        pip = [str(python), "-m", "pip", "--disable-pip-version-check", "install", "--quiet"]
        subprocess.run([*pip, "-r", str(ROOT / "requirements.txt"), "-e", str(ROOT)], check=True)
        STAMP.write_text(wanted + "\n")
    return python


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    tools = {"doctor": "tools/doctor.py", "progress": "tools/progress.py",  # the workshop kit: workshop/README.md
             "slides": "tools/build_slides.py"}
    if command not in ("lab", "test", *tools):
        print(__doc__)
        return 2
    python = str(setup())
    os.chdir(ROOT)
    if command in tools:
        return subprocess.call([python, str(ROOT / tools[command]), *rest])
    if command == "lab":
        return subprocess.call([python, "-m", "jupyter", "lab", "--notebook-dir", str(ROOT / "notebooks"), *rest])
    return subprocess.call([python, "-m", "pytest", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
