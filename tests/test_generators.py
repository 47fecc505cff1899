"""Every generator in tools/ has --help and --check, its committed output is up to date, and
generated example bodies are told apart from hand-written ones (tools/example_bodies/MANIFEST.md)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT

TOOLS = ROOT / "tools"
# The scripts that write files the repository keeps (build_slides and contact_sheet write to build/).
GENERATORS = [
    "make_index.py",
    "render_sample_images.py",
    "write_capstone_notebooks.py",
    "write_example_bodies.py",
    "write_example_recordings.py",
    "write_read_bodies.py",
]


@pytest.fixture
def tools(monkeypatch):
    monkeypatch.syspath_prepend(str(TOOLS))
    import generated

    return generated


def run(script, *arguments):
    return subprocess.run([sys.executable, str(TOOLS / script), *arguments], capture_output=True, text=True)


@pytest.mark.parametrize("script", GENERATORS)
def test_generated_files_are_up_to_date(script):
    result = run(script, "--check")
    assert result.returncode == 0, f"{script} --check:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("script", GENERATORS)
def test_every_generator_explains_itself_and_offers_check(script):
    result = run(script, "--help")
    assert result.returncode == 0 and "--check" in result.stdout, result.stderr
    assert len(result.stdout.splitlines()) > 3, "a description under the usage line"


def test_every_script_that_writes_into_the_repository_is_listed():
    scripts = {p.name for p in TOOLS.glob("*.py") if "--check" in p.read_text(encoding="utf-8")}
    assert scripts - {"generated.py"} == set(GENERATORS)


def test_check_names_what_differs_and_writes_nothing(tools, tmp_path, capsys):
    stale, missing = tmp_path / "stale.json", tmp_path / "missing.json"
    stale.write_text('{\n  "a": 1\n}\n', encoding="utf-8")
    assert tools.check_or_write({stale: '{\n  "a": 2\n}\n', missing: "{}\n"}, True, "x.py") == 1
    report = capsys.readouterr().err
    assert "stale.json: differs from line 2" in report and "'\"a\": 1'" in report and "'\"a\": 2'" in report
    assert "missing.json: missing" in report and "tools/x.py" in report
    assert stale.read_text(encoding="utf-8") == '{\n  "a": 1\n}\n' and not missing.exists()


def test_writing_changes_only_what_differs(tools, tmp_path, capsys):
    same, other = tmp_path / "same.txt", tmp_path / "other.txt"
    same.write_text("x\n")
    other.write_text("old\n")
    assert tools.check_or_write({same: "x\n", other: "new\n"}, False, "x.py") == 0
    assert capsys.readouterr().out.split() == [str(other)] and other.read_text() == "new\n"
    assert tools.check_or_write({same: "x\n", other: "new\n"}, True, "x.py") == 0


def test_the_manifest_lists_exactly_the_generated_example_bodies(tools):
    import write_example_bodies
    import write_read_bodies

    bodies = TOOLS / "example_bodies"
    manifest = (bodies / "MANIFEST.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+)` \| `tools/(\w+\.py)` \|$", manifest, re.M))
    written = {p.relative_to(bodies).as_posix(): "write_example_bodies.py" for p in write_example_bodies.outputs()}
    written |= {p.relative_to(bodies).as_posix(): "write_read_bodies.py" for p in write_read_bodies.outputs()}
    assert listed == written
