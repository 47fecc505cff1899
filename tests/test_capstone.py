"""The capstone (notebooks/capstone/): clean sources, a live run like the offline one, checks and progress.

nbval runs both capstone notebooks offline and compares their outputs (they live under
``notebooks/``, pytest's testpath). They sit in a folder of their own, so the course-wide
notebook tests in test_notebooks.py, which look at ``notebooks/*.ipynb``, are repeated here.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import nbformat
import pytest
import test_notebooks as course

from conftest import CANARY_KEY, ROOT

FOLDER = ROOT / "notebooks" / "capstone"
CAPSTONE = sorted(FOLDER.glob("*.ipynb"))


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def progress_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv("VISION_PROGRESS", str(path))
    return path


@pytest.fixture
def checks(progress_file):
    return load("checks", FOLDER / "checks.py")


def test_there_is_an_exercise_and_a_solution_notebook():
    assert [p.name for p in CAPSTONE] == ["30-capstone-alt-text-solution.ipynb", "30-capstone-alt-text.ipynb"]


@pytest.mark.parametrize("path", CAPSTONE, ids=course.ids(CAPSTONE))
def test_capstone_sources_are_clean(path):
    course.test_notebook_sources_are_clean(path)


@pytest.mark.parametrize("path", CAPSTONE, ids=course.ids(CAPSTONE))
def test_capstone_runs_unchanged_against_the_live_service(path, tmp_path, monkeypatch, serving_recordings,
                                                          progress_file):
    fake = serving_recordings
    name = f"capstone/{path.name}"
    nb, _ = course.run_copy(tmp_path, monkeypatch, name, VISION_KEY=CANARY_KEY, VISION_ENDPOINT=fake.url)
    printed = "\n".join(course.text_outputs(nb))
    assert f"Live mode: calling {fake.url}." in printed and "live response from the service" in printed
    assert len(fake.received) == 5, "one call per picture"
    assert CANARY_KEY not in json.dumps(nb)
    course.same_as_replay(nb, name, fake.url)


@pytest.fixture
def serving_recordings(fake):
    fake.serve_recording(ROOT / "notebooks" / "recordings" / "30-capstone-alt-text.json")
    return fake


def stored_outputs(path):
    return "\n".join(course.text_outputs(nbformat.read(path, as_version=4)))


def test_the_stub_fails_every_check_and_the_solution_passes_them_all():
    assert "0 of 4 passed." in stored_outputs(FOLDER / "30-capstone-alt-text.ipynb")
    assert "4 of 4 passed." in stored_outputs(FOLDER / "30-capstone-alt-text-solution.ipynb")


def test_the_solution_notebook_is_the_exercise_with_the_solution_loaded():
    exercise = nbformat.read(FOLDER / "30-capstone-alt-text.ipynb", as_version=4)
    solution = nbformat.read(FOLDER / "30-capstone-alt-text-solution.ipynb", as_version=4)
    different = [i for i, (a, b) in enumerate(zip(exercise.cells, solution.cells)) if a.source != b.source]
    assert len(exercise.cells) == len(solution.cells) and len(different) == 2, "the title and the exercise cell"
    loaded = (ROOT / "notebooks" / "solutions" / "30-capstone-alt-text.py").read_text().strip()
    assert solution.cells[different[1]].source.endswith(loaded)


def answers():
    cassette = json.loads((ROOT / "notebooks" / "recordings" / "30-capstone-alt-text.json").read_text())
    names = ["coffee.jpg", "rocket.jpg", "multilingual-notice.png", "line-drawing-bicycle.png", "shop-receipt.png"]
    return dict(zip(names, (i["response"]["body"]["json"] for i in cassette["interactions"])))


def test_a_crashing_answer_gets_one_sentence_not_a_traceback(checks, capsys, progress_file):
    def alt_text(result):
        return result["captionResult"]["text"].upper()

    assert checks.run_all(alt_text, answers()) == 0
    out = capsys.readouterr().out
    assert "Traceback" not in out and len(out.strip().splitlines()) == 4
    assert "Not yet: cope with an answer that has no sections at all. alt_text raised KeyError" in out
    saved = json.loads(progress_file.read_text())
    assert saved["30-capstone/empty"]["passed"] is False


def test_the_solution_passes_every_check_and_progress_says_so(checks, capsys, progress_file):
    namespace = {"THRESHOLD": 0.8, "results": answers()}
    exec((ROOT / "notebooks" / "solutions" / "30-capstone-alt-text.py").read_text(), namespace)
    assert checks.run_all(namespace["alt_text"], answers()) == 4
    capsys.readouterr()
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "progress.py")], capture_output=True, text=True,
                            env={"VISION_PROGRESS": str(progress_file)}, timeout=60)
    assert result.returncode == 0
    assert result.stdout.count("passed     Capstone") == 4 and "4 of " in result.stdout  # core exercises listed too


def test_progress_lists_exercises_not_tried_and_survives_a_damaged_file(progress_file):
    exercises = load("exercises", ROOT / "notebooks" / "exercises.py")
    progress_file.write_text("{half a file")
    assert exercises.summary("30-capstone").count("not tried") == 4
    exercises.check("30-capstone/empty", True, "")
    assert "passed     Capstone: cope" in exercises.summary() and json.loads(progress_file.read_text())
    with pytest.raises(KeyError, match="not listed"):
        exercises.check("no-such-exercise", True, "")
