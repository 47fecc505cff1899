"""The course around the notebooks: the generated index and start page, and each notebook's frame."""

import importlib.util
import json
import re
import sys

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))  # make_index imports its sibling generated.py, as a script does
spec = importlib.util.spec_from_file_location("make_index", ROOT / "tools" / "make_index.py")
make_index = importlib.util.module_from_spec(spec)
sys.modules["make_index"] = make_index  # dataclasses look their module up there
spec.loader.exec_module(make_index)

FACTS = {"track": "optional", "level": "beginner", "minutes": 10, "outcome": "Do a thing."}
WITH_FACTS = [p for p in sorted((ROOT / "notebooks").glob("*.ipynb"))
              if "vision_viz" in nbformat.read(p, as_version=4).metadata]  # fmt: skip


def write_notebook(folder, name, metadata):
    notebook = {"cells": [{"cell_type": "markdown", "source": ["# A title\n", "\n", "Text."], "metadata": {}}],
                "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
    path = folder / name
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "metadata, message",
    [({}, "no course facts"), ({"vision_viz": {**FACTS, "track": "extra"}}, "track must be one of")],
    ids=["facts-missing", "unknown-track"],
)
def test_course_facts_are_checked(tmp_path, metadata, message):
    path = write_notebook(tmp_path, "50-x.ipynb", metadata)
    with pytest.raises(SystemExit, match=message):
        make_index.entry(path)


def test_entry_reads_the_notebooks_metadata(tmp_path):
    entry = make_index.entry(write_notebook(tmp_path, "50-x.ipynb", {"vision_viz": FACTS}))
    assert (entry.title, entry.track, entry.minutes, entry.outcome) == ("A title", "optional", 10, "Do a thing.")


def test_the_learning_path_puts_the_core_track_first_in_file_order():
    path = make_index.learning_path(make_index.entries())
    tracks = [entry.track for entry in path]
    assert tracks == sorted(tracks, key=make_index.TRACKS.index)
    core = [entry.path.name[:2] for entry in path if entry.track == "core"]
    assert core == ["01", "02", "04", "05", "07", "11", "20"]


def test_totals_add_up_the_minutes():
    entries = make_index.entries()
    line = make_index.totals(entries)
    total = sum(entry.minutes for entry in entries)
    assert f"Whole course: about {make_index.hours(total)}." in line


def test_the_start_page_lists_every_notebook_in_path_order():
    page = (ROOT / "notebooks" / "00-start-here.md").read_text(encoding="utf-8")
    linked = re.findall(r"^\| \[[^]]+\]\(([^)]+\.ipynb)\)", page, re.M)
    assert linked == [entry.path.name for entry in make_index.learning_path(make_index.entries())]


def test_the_readme_lifecycle_table_is_notebook_28s():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.partition("<!-- lifecycle:start -->\n")[2].partition("\n<!-- lifecycle:end -->")[0]
    assert table == make_index.lifecycle_table()
    for fact in (
        "2028-09-25",
        "2026-09-13",
        "2025-03-31",
        "Document Intelligence",
        "Face service",
        "Content Understanding",
    ):
        assert fact in table


@pytest.mark.parametrize("path", WITH_FACTS, ids=[p.stem for p in WITH_FACTS])
def test_each_notebook_has_its_frame(path):
    """Status box, prerequisites table, and a close with what was learned and what comes next."""
    markdown = [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]
    assert re.search(
        r"^> \*\*Status \(checked \d{4}-\d\d-\d\d\):\*\* .*2028-09-25.*migration-options", markdown[0], re.M
    )
    assert "| before this notebook | what you use from it |" in markdown[0]
    assert "replays saved answers" in markdown[0] and "replays recorded responses" not in markdown[0]
    assert markdown[-1].startswith("## What you learned") and "## Next" in markdown[-1]


@pytest.mark.parametrize("path", WITH_FACTS, ids=[p.stem for p in WITH_FACTS])
def test_a_heading_is_above_the_code_of_its_step(path):
    """Text that introduces the next code cell is not followed by a heading in its cell.

    Notebook 11 had "Here is the same call" and then "## Step 4: A wrong key (401)" in one cell: the
    heading sat above the previous step's code, and the wrong key's code came one cell later.
    """
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for heading in re.finditer(r"^#+ .*", cell.source, re.M):
            before = cell.source[: heading.start()].strip()
            if before:
                last_paragraph = before.split("\n\n")[-1]
                announces = re.search(r"\bHere (is|are)\b|\bthe next cell\b", last_paragraph)
                announces_code = before.endswith(":") or announces
                assert not announces_code, f"{heading.group(0)!r} follows text that introduces code: {last_paragraph!r}"
