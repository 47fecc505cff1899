"""Notebooks: clean sources, stored outputs nbval can compare, and the same run live and when recording.

nbval itself runs every notebook in replay mode and compares its printed outputs (see
pyproject.toml). These tests run the quickstart against the loopback fake service, as a user
with a key would, and check that nothing a notebook stores or prints carries the key.
"""

import json
import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import CANARY_KEY, ROOT
from vision_viz._recording import PROVENANCE_HEADER
from vision_viz._settings import PLACEHOLDER_ENDPOINT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FORBIDDEN = re.compile(r"^\s*[!%]\s*(pip|conda|wget|curl)\b|Ocp-Apim-Subscription-Key\s*[:=]|VISION_KEY\s*=", re.M)
# Lines that differ by design between replay and live: the mode, the endpoint, the provenance.
MODE_LINES = re.compile(
    r"^(Replay mode|Live mode|Record mode|Ocp-Apim-Subscription-Key|request id):.*$"
    r"|example written by the vision_viz authors[^\n]*|recorded from the live service on [0-9-]+"
    r"|published by Microsoft: a real answer of the live service[^\n]*|produced offline by vision_viz[^\n]*"
    r"|live response from the service \(not a recording\)",
    re.M,
)
# A drawing of a saved answer carries a note under the picture saying where the answer came from; a
# drawing of a live answer has none, so its height (and Pillow's class name) differ by design.
DRAWING_REPR = re.compile(r"<(?:PIL\.[\w.]+|vision_viz\.Drawing) image mode=\w+ size=\d+x\d+>")


def ids(paths):
    return [p.stem for p in paths]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_sources_are_clean(path):
    nb = nbformat.read(path, as_version=4)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code_cells:
        assert not FORBIDDEN.search(cell.source), f"setup or a key in a cell: {cell.source[:80]!r}"
        assert "nbval-skip" not in cell.metadata.get("tags", []), "no cell is silently skipped"
        assert not any(o.output_type == "error" for o in cell.outputs), "a stored error output"
    executed = [c.execution_count for c in code_cells]
    assert executed == list(range(1, len(code_cells) + 1)), "run top to bottom in a fresh kernel before saving"
    assert nb.cells[0].source.startswith("# "), "starts with a title"
    for heading in ("What you will learn", "What you need", "Time", "## Setup", "Try it yourself", "Going further"):
        assert any(heading in c.source for c in nb.cells if c.cell_type == "markdown"), f"missing '{heading}'"


def text_outputs(nb):
    """The printed text of every code cell, as nbval compares it."""
    result = []
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        parts = []
        for output in cell.outputs:
            if output.output_type == "stream":
                parts.append(output.text)
            elif "data" in output and "text/plain" in output.data:
                parts.append(re.sub(r" at 0x[0-9a-f]+", "", output.data["text/plain"]))
        result.append("".join(parts))
    return result


def run_copy(tmp_path, monkeypatch, name, **environ):
    """Run a notebook from a copy of notebooks/ with the given environment; return it and its folder."""
    folder = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout is found from here
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    path = folder / name  # a name may sit in a subfolder of notebooks/ (the capstone's)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb, folder


QUICKSTART = "01-analyze-an-image.ipynb"


@pytest.fixture
def serving_recordings(fake):
    for recording in (ROOT / "notebooks" / "recordings").glob("*.json"):
        fake.serve_recording(recording)
    return fake


def same_as_replay(nb, name, fake_url):
    stored = nbformat.read(ROOT / "notebooks" / name, as_version=4)

    def normalize(texts):
        return [
            DRAWING_REPR.sub("<drawing>", MODE_LINES.sub("", t)).replace(fake_url, PLACEHOLDER_ENDPOINT) for t in texts
        ]

    assert normalize(text_outputs(nb)) == normalize(text_outputs(stored))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_runs_unchanged_against_the_live_service(path, tmp_path, monkeypatch, serving_recordings):
    fake = serving_recordings
    nb, folder = run_copy(tmp_path, monkeypatch, path.name, VISION_KEY=CANARY_KEY, VISION_ENDPOINT=fake.url)
    assert fake.received, "live mode called the service"
    printed = "\n".join(text_outputs(nb))
    assert f"Live mode: calling {fake.url}." in printed
    assert "live response from the service" in printed, "the notebook shows where its answers came from"
    assert CANARY_KEY not in json.dumps(nb)
    same_as_replay(nb, path.name, fake.url)


def test_quickstart_records_then_replays_its_recording(tmp_path, monkeypatch, serving_recordings):
    fake = serving_recordings
    nb, folder = run_copy(tmp_path, monkeypatch, QUICKSTART, VISION_KEY=CANARY_KEY, VISION_ENDPOINT=fake.url,
                          VISION_RECORD="1")
    assert "Record mode: calling" in "\n".join(text_outputs(nb))
    assert CANARY_KEY not in json.dumps(nb)
    recording = (folder / "recordings" / "01-analyze-an-image.json").read_text()
    assert CANARY_KEY not in recording and fake.url.split("//")[1] not in recording
    interactions = json.loads(recording)["interactions"]
    fresh = [
        i for i in interactions if i["response"]["headers"][PROVENANCE_HEADER][0].startswith("recorded from the live")
    ]
    assert len(fresh) == 2, "the two calls the notebook made were recorded; the other saved answers stay"
    same_as_replay(nb, QUICKSTART, fake.url)

    monkeypatch.delenv("VISION_KEY")
    monkeypatch.delenv("VISION_RECORD")
    hits = len(fake.received)
    nb = nbformat.read(folder / QUICKSTART, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    printed = "\n".join(text_outputs(nb))
    assert "Replay mode" in printed and "recorded from the live service on" in printed
    assert len(fake.received) == hits, "replay sent nothing"


def test_the_quickstart_links_to_every_other_notebook():
    overview = (ROOT / "notebooks" / QUICKSTART).read_text()
    for path in NOTEBOOKS:
        if path.name != QUICKSTART:
            assert f"]({path.name})" in overview, f"01 does not link to {path.name}"


FEATURE_NOTEBOOKS_4_0 = [p for p in NOTEBOOKS if "01" <= p.name[:2] <= "08"]


@pytest.mark.parametrize("path", FEATURE_NOTEBOOKS_4_0, ids=ids(FEATURE_NOTEBOOKS_4_0))
def test_feature_notebook_draws_microsofts_real_answer_from_the_response(path):
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    printed = "\n".join(text_outputs(nb))
    assert (
        "Where this answer came from: published by Microsoft: a real answer of the live service for this picture"
        in printed
    )
    # Tags have no place in the picture: 04 charts them (vv.plot_tags) instead of drawing them.
    drawn = [c for c in cells if re.search(r"vv\.(draw\w*\(SAMPLE_IMAGE, |plot_tags\()(response|sample)\b", c.source)]
    pictures = ("image/png", "image/jpeg")
    assert drawn and all(any(set(pictures) & set(o.get("data", {})) for o in c.outputs) for c in drawn), (
        "a drawing, stored"
    )
