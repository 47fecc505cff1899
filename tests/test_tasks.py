"""tasks.py: two dependency sets (learners, tests), lab as root, naming notebooks, usage.

Re-running notebooks and every README command are run for real in tests/test_readme.py.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

TEST_TOOLS = ("pytest", "nbval", "jsonschema", "hypothesis", "playwright")


def load_tasks():
    spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pinned(name: str) -> set[str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return {line.split("==")[0].lower() for line in lines if "==" in line and not line.startswith("#")}


def test_learners_get_no_test_tools_and_the_test_command_gets_them_on_top():
    assert not pinned("requirements.txt") & set(TEST_TOOLS)
    assert set(TEST_TOOLS) <= pinned("requirements-test.txt")
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines()
    assert (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()[
        -1
    ] == "-r ../requirements.txt"


@pytest.fixture
def tasks(tmp_path, monkeypatch):
    """tasks.py working on a copy of its requirement files, recording pip calls instead of running them."""
    module = load_tasks()
    for name in ("requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").touch()
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "VENV", tmp_path / ".venv")
    monkeypatch.setattr(module, "STAMP", tmp_path / ".venv" / ".installed-from")
    module.installs = []
    monkeypatch.setattr(
        module.subprocess, "run", lambda command, check: module.installs.append(command[command.index("-r") + 1])
    )
    return module


def test_each_command_installs_its_set_once_and_again_only_when_it_changed(tasks, tmp_path):
    tasks.setup(with_tests=False)
    tasks.setup(with_tests=False)
    assert [name.rsplit("/", 1)[-1] for name in tasks.installs] == ["requirements.txt"]
    tasks.setup(with_tests=True)
    tasks.setup(with_tests=True)
    tasks.setup(with_tests=False)  # the test set includes the learners' set
    assert [name.rsplit("/", 1)[-1] for name in tasks.installs] == ["requirements.txt", "requirements-test.txt"]
    (tmp_path / "requirements-test.txt").write_text("-r requirements.txt\npytest==9.2.0\n")
    tasks.setup(with_tests=False)
    tasks.setup(with_tests=True)
    assert [name.rsplit("/", 1)[-1] for name in tasks.installs][2:] == ["requirements-test.txt"]
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'changed'\n")
    tasks.setup(with_tests=False)
    assert [name.rsplit("/", 1)[-1] for name in tasks.installs][3:] == ["requirements.txt"]


@pytest.mark.parametrize("euid, rest, expected", [
    (0, [], ["--allow-root"]),
    (0, ["--port", "9999"], ["--port", "9999", "--allow-root"]),
    (0, ["--allow-root"], ["--allow-root"]),
    (1000, [], []),
    (-1, ["--no-browser"], ["--no-browser"]),  # Windows: no user ids
], ids=["root", "root-with-arguments", "root-already-allowed", "normal-user", "no-user-ids"])
def test_lab_adds_allow_root_only_for_root(euid, rest, expected):
    assert load_tasks().lab_arguments(rest, euid) == expected


def test_notebooks_are_named_with_or_without_suffix_and_folder():
    tasks = load_tasks()
    expected = [ROOT / "notebooks" / "02-caption-an-image.ipynb"] * 3
    assert (
        tasks.notebook_paths(
            ["02-caption-an-image", "02-caption-an-image.ipynb", "notebooks/02-caption-an-image.ipynb"]
        )
        == expected
    )
    assert tasks.notebook_paths([]) == sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_an_unknown_notebook_name_says_which_names_exist():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tasks.py"), "notebooks", "02-caption"], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "No such notebook: 02-caption.ipynb" in result.stderr and "02-caption-an-image" in result.stderr


@pytest.mark.parametrize("argv", [[], ["unknown"], ["run"]], ids=["nothing", "unknown-command", "run-without-a-script"])
def test_tasks_prints_its_usage_for_a_missing_or_unknown_command(argv):
    result = subprocess.run([sys.executable, str(ROOT / "tasks.py"), *argv], capture_output=True, text=True)
    assert result.returncode == 2
    for command in ("lab", "test", "notebooks", "run"):
        assert f"python3 tasks.py {command}" in result.stdout


def test_rerun_notebooks_drop_saved_widget_state_and_keep_the_rest(tmp_path):
    import json

    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title é")])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": "y" * 1000}}}
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    tasks = load_tasks()
    assert tasks.drop_widget_state(path) is True
    kept = nbformat.read(path, as_version=4)
    assert "widgets" not in kept.metadata and kept.cells[0].source == "# Title é"
    assert path.read_text(encoding="utf-8") == nbformat.writes(kept) + "\n", "written as nbformat writes"
    assert tasks.drop_widget_state(path) is False and json.loads(path.read_text(encoding="utf-8"))


def test_rerun_notebooks_keep_the_learners_progress_out_of_saved_outputs(tmp_path, monkeypatch):
    import nbformat

    path = tmp_path / "n.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), path)
    seen = tmp_path / "seen.txt"
    fake_python = tmp_path / "python"  # stands in for the interpreter: records the progress file it is given
    fake_python.write_text(f'#!/bin/sh\nprintf %s "$VISION_PROGRESS" > "{seen}"\n')
    fake_python.chmod(0o755)
    monkeypatch.setenv("VISION_PROGRESS", str(tmp_path / "mine.json"))
    assert load_tasks().rerun_notebooks(str(fake_python), [path]) == 0
    used = seen.read_text()
    assert used and used != str(tmp_path / "mine.json") and not (tmp_path / "mine.json").exists()
