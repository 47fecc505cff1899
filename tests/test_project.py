"""The project's entry points: the two README commands, CI, and Binder use the same setup."""

import re
import subprocess
import sys

import pytest

from conftest import ROOT


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 tasks.py test" in readme and "python3 tasks.py lab" in readme
    assert re.search(r"^exec python3 tasks\.py test$", ci, re.M)


def test_binder_installs_the_same_pins_and_the_package():
    assert (ROOT / "binder" / "requirements.txt").read_text().splitlines()[-1] == "-r ../requirements.txt"
    post_build = ROOT / "binder" / "postBuild"
    assert post_build.stat().st_mode & 0o111, "postBuild must be executable"
    assert "pip install --no-deps -e ." in post_build.read_text()
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    major, minor = map(int, re.fullmatch(r"python-(\d+)\.(\d+)", runtime).groups())
    assert 'requires-python = ">=3.11"' in (ROOT / "pyproject.toml").read_text()
    assert (major, minor) >= (3, 11)


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt"])
def test_requirements_pin_every_package(name):
    lines = [line for line in (ROOT / name).read_text().splitlines() if line and not line.startswith("#")]
    lines = [line for line in lines if line != "-r requirements.txt"]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", line) for line in lines), lines


def test_tasks_without_a_command_explains_itself():
    result = subprocess.run([sys.executable, str(ROOT / "tasks.py")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "python3 tasks.py lab" in result.stdout and "python3 tasks.py test" in result.stdout


def test_keys_and_env_files_are_never_tracked():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in ignored


def test_the_readme_lists_every_notebook():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_index.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    readme = (ROOT / "README.md").read_text()
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        assert f"(notebooks/{notebook.name})" in readme
