#!/usr/bin/env python3
"""Regenerate the notebook table in README.md from the notebooks themselves (idempotent).

    python tools/make_index.py           # rewrite the table between the markers in README.md
    python tools/make_index.py --check   # exit 1 if the table is out of date

Each row takes the notebook's title (its first "# " line) and the first sentence after it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START, END = "<!-- notebooks:start -->", "<!-- notebooks:end -->"


def summary(path: Path) -> tuple[str, str]:
    """(title, first sentence) of a notebook."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "".join(cells[0]["source"])
    title, _, rest = text.partition("\n")
    # The status box under the title is the same in every notebook: the summary is the paragraph after it.
    paragraphs = [p for p in rest.strip().split("\n\n") if not p.startswith("> **Status")]
    paragraph = " ".join(line.lstrip("> ") for line in paragraphs[0].splitlines())
    paragraph = " ".join(paragraph.split())
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    return title.lstrip("# ").strip(), sentence


def table() -> str:
    rows = ["| notebook | what you do |", "|---|---|"]
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        title, sentence = summary(path)
        rows.append(f"| [`{path.stem}`](notebooks/{path.name}) | **{title}.** {sentence} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    readme = README.read_text(encoding="utf-8")
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    updated = f"{before}{START}\n{table()}\n{END}{after}"
    if "--check" in argv:
        if updated != readme:
            print("README.md's notebook table is out of date: run python tools/make_index.py")
            return 1
        return 0
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
