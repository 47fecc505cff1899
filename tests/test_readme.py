"""Every shell command the README shows works as written, in a copy of the repository.

Each command is found in the README (```bash blocks, and inline commands such as
`python3 tasks.py run tools/make_index.py`) and matched to one rule below: run it and check what
it did, or say why it cannot run here. A command no rule covers fails the test, so a new README
command is never left untried by accident.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
import venv
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from conftest import CANARY_KEY, ROOT

README = ROOT / "README.md"
COMMAND_START = re.compile(r"(?:python3?|pip|bash|apt-get|apt|jupyter|cat)(?=\s)|\.venv/\w")  # not `python-bidi`
# Never copied: the environment, build output, caches, and a developer's .env with a real key.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache",
                                    ".ipynb_checkpoints", ".env", ".hypothesis", ".mypy_cache", ".ruff_cache")


def readme_commands(text: str) -> list[str]:
    """The shell commands of ```bash blocks (a here-document is one command) and inline command spans."""
    commands: list[str] = []
    for block in re.findall(r"^ *```(?:bash|sh|shell)\n(.*?)^ *```", text, re.M | re.S):
        lines = iter(line.strip() for line in block.splitlines())
        for line in lines:
            line = re.sub(r"\s+#.*$", "", line)
            if not line:
                continue
            heredoc = re.search(r"<<\s*'?(\w+)'?", line)
            if heredoc:
                body = []
                for follow in lines:
                    body.append(follow)
                    if follow == heredoc.group(1):
                        break
                line = "\n".join([line, *body])
            commands.append(line)
    prose = re.sub(r"^ *```.*?^ *```", "", text, flags=re.M | re.S)
    commands += [span for span in re.findall(r"`([^`\n]+)`", prose) if COMMAND_START.match(span)]
    return list(dict.fromkeys(commands))


def test_commands_are_found_in_blocks_inline_and_here_documents():
    text = (
        "Run `python3 tasks.py run x.py` or `vv.draw()`.\n\n```bash\na --b   # note\ncat > f <<'END'\nK=1\nEND\n```\n"
    )
    assert readme_commands(text) == ["a --b", "cat > f <<'END'\nK=1\nEND", "python3 tasks.py run x.py"]


# ---------------------------------------------------------------------------------------------
# A copy of the repository that runs commands with this checkout's installed packages.


def borrowed_venv(copy: Path) -> None:
    """A small .venv in ``copy`` that uses this checkout's installed packages but imports vision_viz
    from the folder the .venv sits in, marked as installed so tasks.py does not run pip."""
    venv.EnvBuilder(symlinks=os.name != "nt", with_pip=False).create(copy / ".venv")
    python = copy / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    beside_the_venv = os.path.relpath(copy, purelib)  # relative: the same .venv serves every copy it is linked into
    ours = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "_borrowed.pth").write_text(f"{beside_the_venv}\nimport site; site.addsitedir({ours!r})\n")
    for shared_data in ("share", "etc"):  # kernel specs, JupyterLab's assets and server settings
        if (Path(sys.prefix) / shared_data).is_dir():
            (copy / ".venv" / shared_data).symlink_to(Path(sys.prefix) / shared_data, target_is_directory=True)
    spec = importlib.util.spec_from_file_location("tasks_in_the_copy", copy / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    fingerprint = tasks.fingerprint
    stamps = [fingerprint("requirements.txt"), fingerprint("requirements.txt", "requirements-test.txt")]
    (copy / ".venv" / ".installed-from").write_text("\n".join(stamps) + "\n")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("readme") / "vision_viz"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    borrowed_venv(copy)
    return copy


@pytest.fixture
def checkout(pristine, tmp_path) -> Path:
    """A fresh copy for each command (the commands change files), sharing one small .venv."""
    copy = tmp_path / "vision_viz"
    shutil.copytree(pristine, copy, ignore=shutil.ignore_patterns(".venv"))
    (copy / ".venv").symlink_to(pristine / ".venv", target_is_directory=True)
    return copy


def user_environment() -> dict[str, str]:
    """The environment a user's shell would have: no service settings, nothing from this pytest run."""
    return {key: value for key, value in os.environ.items() if not key.startswith(("VISION_", "PYTEST_"))}


def run(command: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=user_environment(), capture_output=True, text=True, timeout=timeout
    )


def file_digests(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# ---------------------------------------------------------------------------------------------
# What each README command must do.


def prints_the_usage(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 2
    assert all(f"python3 tasks.py {name}" in result.stdout for name in ("lab", "test", "notebooks", "run"))


def passes(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"\d+ passed", result.stdout) and "failed" not in result.stdout.splitlines()[-1]


def leaves_the_readme_as_it_is(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 0, result.stderr
    assert (copy / "README.md").read_bytes() == before["README.md"], "the notebook table is out of date: commit it"


def rewrites_the_same_recordings(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 0, result.stderr
    after = file_digests(copy / "notebooks" / "recordings")
    assert after == {
        k[len("notebooks/recordings/") :]: v for k, v in before.items() if k.startswith("notebooks/recordings/")
    }


def draws_the_contact_sheet(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 0, result.stderr
    sheets = sorted((copy / "build" / "contact-sheet").glob("*.png"))
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in sheets)
    sources = {path.name.split("-")[0] for path in sheets}
    assert sources == {"recordings", "example_bodies", "published"}, "recordings, example bodies, published bodies"


def saves_the_named_notebooks_in_replay(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    for name in ("01-analyze-an-image", "12-explore-interactively"):
        nb = nbformat.read(copy / "notebooks" / f"{name}.ipynb", as_version=4)
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
        assert "Replay mode" in json.dumps(nb), name
        assert not any(output.output_type == "error" for cell in code for output in cell.outputs)


def builds_the_slides(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    html = (copy / "workshop" / "build" / "slides.html").read_text(encoding="utf-8")
    assert "<section" in html and (copy / "workshop" / "build" / "reveal.js" / "dist" / "reveal.js").is_file()


def checks_the_setup_line_by_line(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode in (0, 1), result.stderr[-2000:]  # 1: something to fix (here, no key yet)
    assert "Traceback" not in result.stdout + result.stderr
    assert "Ready for class." in result.stdout or "problem(s) to fix." in result.stdout


def reports_progress(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("Results from ")


def writes_the_env_file(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 0, result.stderr
    lines = (copy / ".env").read_text(encoding="utf-8").splitlines()
    assert [line.split("=")[0] for line in lines] == ["VISION_ENDPOINT", "VISION_KEY"]


Check = Callable[[Path, subprocess.CompletedProcess, dict], None]
# (pattern, check or reason it is not run here). The first match wins.
RULES: list[tuple[str, Check | str]] = [
    (r"python3 tasks\.py", prints_the_usage),
    (r"python3 tasks\.py lab", "starts a server: test_the_lab_command_serves_jupyterlab starts it and stops it"),
    (r"python3 tasks\.py test", "the whole suite, which this test is part of; CI runs it through .ci/run"),
    (r"python3 tasks\.py test -k \S+", passes),
    (r"python3 tasks\.py check", "ruff and mypy: tests/test_static_checks.py runs the same commands (tasks.CHECKS)"),
    (r"python3 tasks\.py notebooks", "re-runs every notebook (minutes); the named form runs the same code on two"),
    (r"python3 tasks\.py notebooks 01-analyze-an-image 12-explore-interactively", saves_the_named_notebooks_in_replay),
    (r"python3 tasks\.py notebooks 02-caption-an-image", "run as written by test_a_new_recording_ends_green"),
    (r"python3 tasks\.py run tools/make_index\.py", leaves_the_readme_as_it_is),
    (r"python3 tasks\.py run tools/write_example_recordings\.py", rewrites_the_same_recordings),
    (r"python3 tasks\.py run tools/contact_sheet\.py", draws_the_contact_sheet),
    (r"python3 tasks\.py slides", builds_the_slides),
    (r"python3 tasks\.py doctor", checks_the_setup_line_by_line),
    (r"python3 tasks\.py progress", reports_progress),
    (r"cat > \.env <<'END'\n.*", writes_the_env_file),
    (r"jupyter nbconvert --execute", "names how notebook run times were measured, not a command to type"),
    (r"pip install .*", "downloads from PyPI: needs the network"),
    (r"\.venv/bin/python -m build", "builds the wheel and sdist: tests/test_wheel.py runs it and installs the wheel"),
    (r"\.venv/bin/python -m vision_viz\.batch photos/ .*",
     "needs a key and a folder of photos: tests/test_batch.py runs this command against a loopback fake"),
    (r"apt-get install .*", "installs a system package: needs root and the network (.ci/run does it in CI)"),
]


def rule_for(command: str) -> Check | str | None:
    return next((how for pattern, how in RULES if re.fullmatch(pattern, command, re.S)), None)


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


def test_the_readme_shows_commands_and_every_one_has_a_rule():
    assert len(COMMANDS) >= 8
    bare = [command for command in COMMANDS if re.match(r"python\b", command)]
    assert not bare, f"a bare `python` lacks the packages: use `python3 tasks.py run SCRIPT` in {bare}"
    unknown = [command for command in COMMANDS if rule_for(command) is None]
    assert not unknown, f"add a rule to tests/test_readme.py for these README commands: {unknown}"


def test_the_readme_states_no_test_counts():
    assert not re.search(r"\b\d[\d,]*\s+tests\b", README.read_text(encoding="utf-8"))


RUNNABLE = [command for command in COMMANDS if callable(rule_for(command))]


# Numbered ids: an id such as "...-k-settings" would match `tasks.py test -k settings` and run itself.
@pytest.mark.parametrize("command", RUNNABLE, ids=[f"command-{COMMANDS.index(c) + 1}" for c in RUNNABLE])
def test_a_readme_command_works_as_written(command, checkout):
    before = file_digests(checkout)
    check = rule_for(command)
    assert callable(check)
    check(checkout, run(command, checkout), before)


def test_the_lab_command_serves_jupyterlab(checkout):
    """`python3 tasks.py lab` starts JupyterLab (as root too: tasks.py adds --allow-root) and it answers."""
    environment = {**user_environment(), "BROWSER": "true"}  # no browser window from a test
    process = subprocess.Popen([sys.executable, str(checkout / "tasks.py"), "lab"], cwd=checkout, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        url, output, deadline = None, [], time.monotonic() + 120
        while url is None and time.monotonic() < deadline and process.poll() is None:
            line = process.stdout.readline()
            output.append(line)
            found = re.search(r"(http://(?:127\.0\.0\.1|localhost):\d+/lab\?token=\w+)", line)
            url = found and found.group(1)
        assert url, "".join(output)
        status = url.replace("/lab?", "/api/status?")
        answer = None
        while answer is None and time.monotonic() < deadline:
            try:  # the server prints its address a moment before it accepts connections
                with urllib.request.urlopen(status, timeout=30) as response:
                    answer = response.status, json.load(response)
            except urllib.error.URLError as error:
                if not isinstance(error.reason, ConnectionRefusedError):
                    raise
                time.sleep(0.5)
        assert answer and answer[0] == 200 and "started" in answer[1], answer
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


# ---------------------------------------------------------------------------------------------
# The "Add a recording" flow, without a live service: a recording changes, then the README's steps.


def test_a_new_recording_ends_green(checkout):
    """After a recording changes, `tasks.py notebooks NAME` saves outputs that nbval then accepts,
    replaying even though .env holds a key (the recording flow leaves one there)."""
    recording = checkout / "notebooks" / "recordings" / "02-caption-an-image.json"
    text = recording.read_text(encoding="utf-8")
    first_caption = re.search(r'"text": "([^"]+)"', text)
    assert first_caption, "no caption text in the recording"
    changed = "a caption recorded live just now"
    recording.write_text(text.replace(first_caption.group(1), changed), encoding="utf-8")

    nbval = "python3 tasks.py test -p no:cacheprovider notebooks/02-caption-an-image.ipynb"
    stale = run(nbval, checkout)
    assert stale.returncode == 1 and "failed" in stale.stdout, (
        "the stored outputs should disagree with the new recording"
    )

    (checkout / ".env").write_text(f"VISION_ENDPOINT=https://example-resource.cognitiveservices.azure.com/\nVISION_KEY={CANARY_KEY}\n")
    rerun = run("python3 tasks.py notebooks 02-caption-an-image", checkout)
    assert rerun.returncode == 0, rerun.stdout[-2000:] + rerun.stderr[-2000:]
    saved = (checkout / "notebooks" / "02-caption-an-image.ipynb").read_text(encoding="utf-8")
    assert changed in saved and "Replay mode" in saved and CANARY_KEY not in saved

    green = run(nbval, checkout)
    assert green.returncode == 0, green.stdout[-3000:]


def test_every_script_the_documentation_names_exists():
    pages = [ROOT / "README.md", ROOT / "benchmarks" / "README.md", *sorted((ROOT / "workshop").glob("*.md"))]
    named = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        named |= set(re.findall(r"\b((?:benchmarks|tools)/[\w.-]+\.py)\b", text))
        if page.parent.name == "benchmarks":
            named |= {f"benchmarks/{name}" for name in re.findall(r"`(bench_\w+\.py)`", text)}
    assert named and not [name for name in sorted(named) if not (ROOT / name).is_file()]
