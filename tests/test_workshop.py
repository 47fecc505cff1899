"""The workshop kit's pages: links resolve, agendas add up, the call table matches the recordings."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

WORKSHOP = ROOT / "workshop"
PAGES = sorted(WORKSHOP.glob("*.md"))
LINK = re.compile(r"\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path) -> set[str]:
    return {slug(line.lstrip("#")) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")}


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_relative_links_and_anchors_resolve(page):
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://")):
            continue
        file, _, anchor = target.partition("#")
        path = (page.parent / file).resolve() if file else page
        assert path.exists(), f"{page.name}: {target} does not exist"
        if anchor:
            assert anchor in anchors(path), f"{page.name}: no heading for #{anchor} in {path.name}"


def agenda_minutes(title: str) -> list[int]:
    text = (WORKSHOP / "README.md").read_text(encoding="utf-8").split(title, 1)[1].split("\n## ", 1)[0]
    return [int(row.split("|")[3]) for row in text.splitlines() if re.match(r"\| \d:\d\d \|", row)]


@pytest.mark.parametrize("title, total", [("## Agenda A: 90 minutes", 90), ("## Agenda B: 3 hours", 180)])
def test_each_agenda_fills_its_time_and_its_clock_adds_up(title, total):
    minutes = agenda_minutes(title)
    assert sum(minutes) == total
    text = (WORKSHOP / "README.md").read_text(encoding="utf-8").split(title, 1)[1].split("\n## ", 1)[0]
    starts = [int(h) * 60 + int(m) for h, m in re.findall(r"^\| (\d):(\d\d) \|", text, re.M)]
    assert starts == [sum(minutes[:i]) for i in range(len(minutes))]


def test_the_call_table_matches_the_saved_answers():
    table = (WORKSHOP / "azure-setup.md").read_text(encoding="utf-8").split("### How many calls", 1)[1]
    rows = re.findall(r"\| (\d\d) [^|]+\| [^|]+\| (\d+|—) \|", table)
    assert len(rows) >= 20
    for number, saved in rows:
        recordings = sorted((ROOT / "notebooks" / "recordings").glob(f"{number}-*.json"))
        if saved == "—":
            assert not recordings, number
            continue
        interactions = json.loads(recordings[0].read_text(encoding="utf-8"))["interactions"]
        assert len(interactions) == int(saved), f"notebook {number}: the table says {saved} saved answers"


def _metadata_minutes() -> dict[str, int]:
    """Each numbered notebook's own time (``vision_viz.minutes``), by its two-digit number."""
    minutes = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        metadata = json.loads(path.read_text(encoding="utf-8"))["metadata"]
        minutes[path.name[:2]] = metadata["vision_viz"]["minutes"]
    return minutes


def test_the_times_table_gives_each_notebook_the_time_its_metadata_gives():
    text = (WORKSHOP / "README.md").read_text(encoding="utf-8").split("## Times:", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d\d) [^|]+\| (\d+) \|", text, re.M)
    metadata = _metadata_minutes()
    assert len(rows) >= 9
    for number, minutes in rows:
        if number == "30":  # the capstone has no metadata: its own opening states its time
            capstone = (ROOT / "notebooks" / "capstone" / "30-capstone-alt-text.ipynb").read_text(encoding="utf-8")
            assert f"**Time**: {minutes} minutes" in capstone
        else:
            assert metadata[number] == int(minutes), f"notebook {number}: the kit says {minutes} min"
    (total,) = re.findall(r"^\| all (\d+) notebooks \| (\d+) ", text, re.M)
    assert (int(total[0]), int(total[1])) == (len(metadata), sum(metadata.values()))
    core = [
        json.loads(path.read_text(encoding="utf-8"))["metadata"]["vision_viz"]
        for path in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")
    ]
    core_minutes = sum(facts["minutes"] for facts in core if facts["track"] == "core")
    assert f"the core track {core_minutes // 60} h {core_minutes % 60} min" in text


def test_every_agenda_notebook_is_in_the_times_table():
    readme = (WORKSHOP / "README.md").read_text(encoding="utf-8")
    times = readme.split("## Times:", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| (\d\d) ", times, re.M))
    for title in ("## Agenda A: 90 minutes", "## Agenda B: 3 hours"):
        agenda = readme.split(title, 1)[1].split("\n## ", 1)[0]
        core_rows = [row for row in agenda.splitlines() if re.match(r"\| \d:\d\d \|", row)]
        numbers = {n for row in core_rows for n in re.findall(r"\*\*(\d\d)\*\*", row)}
        numbers |= {"30"} if any("Capstone" in row for row in core_rows) else set()
        assert numbers <= listed, (title, sorted(numbers - listed))


@pytest.mark.parametrize(
    "target", ["../notebooks/00-start-here.md", "../notebooks/capstone/30-capstone-alt-text.ipynb",
               "../notebooks/capstone/30-capstone-alt-text-solution.ipynb"]
)
def test_the_kit_links_the_start_here_page_and_the_capstone(target):
    assert target in LINK.findall((WORKSHOP / "README.md").read_text(encoding="utf-8"))
