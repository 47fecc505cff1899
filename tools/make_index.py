#!/usr/bin/env python3
"""Regenerate the course tables from the notebooks themselves (idempotent).

    python tools/make_index.py           # rewrite the generated tables
    python tools/make_index.py --check   # exit 1 if one of them is out of date

It writes three tables, each between its markers:
- README.md, ``notebooks``: every notebook with its track, level, time and outcome;
- notebooks/00-start-here.md, ``path``: the same, in learning-path order, with the track totals;
- README.md, ``lifecycle``: the lifecycle table, copied from notebook 28 (its Step 9).

Each notebook's course facts (``track``, ``level``, ``minutes``, ``outcome``) live in ONE place: the
notebook's metadata, under ``vision_viz``; a notebook without them is an error.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import generated

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
START_PAGE = NOTEBOOKS / "00-start-here.md"
LIFECYCLE_SOURCE = NOTEBOOKS / "28-retell-the-classic-quickstart.ipynb"
TRACKS = ("core", "optional")
LEVELS = ("beginner", "intermediate", "advanced")


@dataclass(frozen=True)
class Entry:
    """One notebook of the course."""

    path: Path
    title: str
    track: str
    level: str
    minutes: int
    outcome: str


def title_of(cells: list[dict]) -> str:
    """The notebook's title: its first line, without the leading '# '."""
    return "".join(cells[0]["source"]).partition("\n")[0].lstrip("# ").strip()


def entry(path: Path) -> Entry:
    """A notebook's course facts, from its metadata."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    facts = notebook.get("metadata", {}).get("vision_viz")
    if not facts:
        raise SystemExit(f"{path.name}: no course facts: add metadata 'vision_viz' (track, level, minutes, outcome).")
    if facts["track"] not in TRACKS or facts["level"] not in LEVELS:
        raise SystemExit(f"{path.name}: track must be one of {TRACKS} and level one of {LEVELS}, not {facts}.")
    return Entry(path, title_of(notebook["cells"]), str(facts["track"]), str(facts["level"]), int(facts["minutes"]),
                 str(facts["outcome"]))  # fmt: skip


def entries() -> list[Entry]:
    """Every notebook, in file order."""
    return [entry(path) for path in sorted(NOTEBOOKS.glob("*.ipynb"))]


def learning_path(all_entries: list[Entry]) -> list[Entry]:
    """The core track first, then the optional notebooks, each in file order."""
    return sorted(all_entries, key=lambda e: (TRACKS.index(e.track), e.path.name))


def hours(minutes: int) -> str:
    """'2 h 50 min' for 170."""
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def rows(listed: list[Entry], link_prefix: str) -> list[str]:
    head = ["| notebook | track | level | time | you will be able to |", "|---|---|---|---|---|"]
    return head + [
        f"| [{e.path.stem}]({link_prefix}{e.path.name}): {e.title} "
        f"| {e.track} | {e.level} | {e.minutes} min | {e.outcome} |"
        for e in listed
    ]


def totals(all_entries: list[Entry]) -> str:
    by_track = {track: sum(e.minutes for e in all_entries if e.track == track) for track in TRACKS}
    count = {track: sum(1 for e in all_entries if e.track == track) for track in TRACKS}
    return (f"Core track: {count['core']} notebooks, about {hours(by_track['core'])}. "
            f"Optional: {count['optional']} notebooks, about {hours(by_track['optional'])}. "
            f"Whole course: about {hours(sum(by_track.values()))}.")  # fmt: skip


def readme_table(all_entries: list[Entry]) -> str:
    return "\n".join([*rows(all_entries, "notebooks/"), "", totals(all_entries)])


def path_table(all_entries: list[Entry]) -> str:
    return "\n".join([*rows(learning_path(all_entries), ""), "", totals(all_entries)])


def lifecycle_table() -> str:
    """The lifecycle table of notebook 28, between its markers."""
    cells = json.loads(LIFECYCLE_SOURCE.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        text = "".join(cell["source"])
        if "<!-- lifecycle:start -->" in text:
            return text.partition("<!-- lifecycle:start -->\n")[2].partition("\n<!-- lifecycle:end -->")[0]
    raise SystemExit(f"{LIFECYCLE_SOURCE.name} has no <!-- lifecycle:start --> marker.")


def replace_between(text: str, name: str, table: str, where: Path) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    before, found, rest = text.partition(start)
    if not found or end not in rest:
        raise SystemExit(f"{where.name} has no {start} ... {end} markers.")
    return f"{before}{start}\n{table}\n{end}{rest.partition(end)[2]}"


def updated_files() -> dict[Path, str]:
    """What README.md and the start page should contain."""
    all_entries = entries()
    readme = README.read_text(encoding="utf-8")
    readme = replace_between(readme, "notebooks", readme_table(all_entries), README)
    readme = replace_between(readme, "lifecycle", lifecycle_table(), README)
    start = replace_between(START_PAGE.read_text(encoding="utf-8"), "path", path_table(all_entries), START_PAGE)
    return {README: readme, START_PAGE: start}


def main(argv: list[str]) -> int:
    return generated.main(__doc__, "make_index.py", updated_files, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
