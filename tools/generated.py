"""How the tools write what they generate: one ``--check`` and ``--help`` for every generator.

A generator computes its files (path -> text or bytes) and hands them to ``main``: without options
it writes the files that changed; with ``--check`` it writes nothing and exits 1, naming each file
that is missing or differs and the first line that differs, so CI says what is out of date
(tests/test_generators.py runs every generator's ``--check``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
Files = Mapping[Path, str | bytes]


def parser(doc: str | None) -> argparse.ArgumentParser:
    """An argument parser described by the first paragraph of a generator's docstring, with ``--check``."""
    out = argparse.ArgumentParser(description=(doc or "").strip().split("\n\n")[0],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    out.add_argument("--check", action="store_true",
                     help="write nothing; exit 1 and say which files differ from what would be written")  # fmt: skip
    return out


def difference(path: Path, content: str | bytes) -> str | None:
    """How the file on disk differs from ``content`` (None when it is the same)."""
    if not path.exists():
        return "missing"
    old = path.read_bytes()
    new = content.encode("utf-8") if isinstance(content, str) else content
    if old == new:
        return None
    if isinstance(content, bytes):
        return f"differs ({len(old):,} bytes on disk, {len(new):,} generated)"
    old_lines, new_lines = old.decode("utf-8", "replace").splitlines(), content.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines), start=1):
        if a != b:
            return f"differs from line {number}: on disk {a.strip()[:80]!r}, generated {b.strip()[:80]!r}"
    return f"differs in length ({len(old_lines)} lines on disk, {len(new_lines)} generated)"


def write_atomically(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, path)


def check_or_write(files: Files, check: bool, script: str) -> int:
    """Write the files that changed (printing each), or with ``check`` report them and write nothing."""
    changed = {path: why for path, content in files.items() if (why := difference(path, content))}
    for path, why in changed.items():
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if check:
            print(f"out of date: {shown}: {why}", file=sys.stderr)
        else:
            write_atomically(path, files[path])
            print(shown)
    if check and changed:
        print(f"Run python3 tasks.py run tools/{script} to write them.", file=sys.stderr)
    return 1 if check and changed else 0


def main(doc: str | None, script: str, files: Callable[[], Files], argv: list[str] | None = None) -> int:
    """The whole command line of a generator that takes no other options."""
    args = parser(doc).parse_args(argv)
    return check_or_write(files(), args.check, script)
