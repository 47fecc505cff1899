"""Recordings under faults that need real processes: concurrent writers, kill -9, a non-UTF-8 locale."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CANARY_KEY, ROOT
from fake_service import Reply
from vision_viz._recording import read_recording

JSON = {"Content-Type": "application/json; charset=utf-8"}
MODELS = "/vision/v3.2/models"

# Records GET /vision/v3.2/models?i=<start..stop-1> into <path>, once <go> exists.
RECORD = f"""
import os, sys, time
from vision_viz import Settings, start_session
url, path, start, stop, go = sys.argv[1:]
session = start_session(path, Settings(endpoint=url, key={CANARY_KEY!r}, record=True), retries=0)
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.01)
for i in range(int(start), int(stop)):
    session.get(session.endpoint + {MODELS!r}, params={{"i": i}})
"""


def program(fake, count, padding=0):
    for i in range(count):
        body = json.dumps({"i": i, "padding": "x" * padding}).encode()
        fake.answer("GET", f"{MODELS}?i={i}", Reply(200, body, JSON), content_type="")


def recorder(fake, path, start, stop, go):
    return subprocess.Popen([sys.executable, "-c", RECORD, fake.url, str(path), str(start), str(stop), str(go)],
                            stdout=subprocess.PIPE, text=True)


def recorded_numbers(path):
    return sorted(i["response"]["body"]["json"]["i"] for i in read_recording(path))


def test_two_processes_recording_into_one_file_keep_every_answer(fake, tmp_path):
    program(fake, 30)
    path, go = tmp_path / "shared.json", tmp_path / "go"
    processes = [recorder(fake, path, 0, 15, go), recorder(fake, path, 15, 30, go)]
    for process in processes:
        assert process.stdout.readline().strip() == "ready"
    go.touch()  # both record at the same time
    assert [process.wait(timeout=60) for process in processes] == [0, 0]
    assert recorded_numbers(path) == list(range(30))
    assert CANARY_KEY not in path.read_text(encoding="utf-8")


def test_kill_9_during_saves_never_leaves_a_recording_invalid_or_shorter(fake, tmp_path):
    """A recording of growing size is saved after every answer; kill the recorder at random moments."""
    rounds, per_round = 8, 40
    program(fake, rounds * per_round, padding=50_000)
    path, go = tmp_path / "killed.json", tmp_path / "go"
    go.touch()
    chance = random.Random(12)
    count = 0
    for round_ in range(rounds):
        process = recorder(fake, path, round_ * per_round, (round_ + 1) * per_round, go)
        assert process.stdout.readline().strip() == "ready"
        time.sleep(chance.uniform(0.05, 0.6))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        if path.exists():
            numbers = recorded_numbers(path)  # valid JSON, every interaction readable
            assert len(numbers) >= count, f"round {round_}: the recording got shorter"
            assert numbers == sorted(set(numbers))
            count = len(numbers)
    assert count >= 3, "the recorder got to save between kills (else the test proves nothing)"


def test_recordings_are_read_and_written_as_utf8_whatever_the_locale(fake, tmp_path):
    """Windows (cp1252) or LC_ALL=C: the shipped recordings still read, and 'café' records and replays."""
    body = {"modelVersion": "2023-10-01", "captionResult": {"text": "un café à Tōkyō 東京 🙂", "confidence": 0.9}}
    fake.answer(
        "GET", f"{MODELS}?i=0", Reply(200, json.dumps(body, ensure_ascii=False).encode(), JSON), content_type=""
    )
    shipped = sorted((ROOT / "notebooks" / "recordings").glob("*.json"))
    path = tmp_path / "cafe.json"
    script = f"""
import json, locale, sys
from pathlib import Path
from vision_viz import Settings, start_session, stop_session
from vision_viz._recording import read_recording
encoding = locale.getpreferredencoding(False)
assert encoding.lower() in ("ansi_x3.4-1968", "ascii", "cp1252"), encoding
shipped = {{p: read_recording(Path(p)) for p in {[str(p) for p in shipped]!r}}}
session = start_session({str(path)!r}, Settings(endpoint={fake.url!r}, key={CANARY_KEY!r}, record=True))
live = session.get(session.endpoint + {MODELS!r}, params={{"i": 0}}).json()
stop_session()
session = start_session({str(path)!r}, Settings())
replayed = session.get(session.endpoint + {MODELS!r}, params={{"i": 0}}).json()
print(json.dumps({{"shipped": shipped, "live": live, "replayed": replayed}}))
"""
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0",
           "PYTHONIOENCODING": "ascii"}
    (tmp_path / "run.py").write_text(script, encoding="utf-8")
    result = subprocess.run([sys.executable, "-X", "utf8=0", "run.py"], capture_output=True, text=True, env=env,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout)
    assert out["live"] == body and out["replayed"] == body
    assert "un café à Tōkyō 東京 🙂" in path.read_text(encoding="utf-8"), "stored as readable UTF-8"
    for name, interactions in out["shipped"].items():
        assert interactions == json.loads(Path(name).read_text(encoding="utf-8"))["interactions"], name


@pytest.mark.parametrize("name", ["01-analyze-an-image.json", "04-tag-an-image.json", "07-read-text.json",
                                  "23-analyze-in-other-languages.json"])
def test_shipped_recordings_hold_text_beyond_ascii(name):
    """The locale test above means something: these recordings are not plain ASCII."""
    assert any(ord(c) > 127 for c in (ROOT / "notebooks" / "recordings" / name).read_text(encoding="utf-8"))
