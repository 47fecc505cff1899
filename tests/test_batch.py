"""The batch runner: paced, resumable, one result per image, and never the key in what it writes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from conftest import CANARY_KEY
from quota_service import QuotaService
from vision_viz import Settings, make_session
from vision_viz.batch import RateLimiter, find_images, main, read_results, run_batch


def make_images(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` different 64 x 64 PNGs (the service takes 50 x 50 and more)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = folder / f"img{number:05d}.png"
        Image.new("RGB", (64, 64), (number % 256, number // 256 % 256, 7)).save(path)
        paths.append(path)
    return paths


def session_for(service: QuotaService, key: str = CANARY_KEY):
    return make_session(Settings(endpoint=service.endpoint, key=key), retries=0)


def lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_the_limiter_spaces_calls_evenly_and_a_pause_holds_everyone():
    clock = [0.0]

    def sleep(seconds: float) -> None:
        clock[0] += seconds

    limiter = RateLimiter(20, 60.0, clock=lambda: clock[0], sleep=sleep)  # F0: 20 a minute
    starts = []
    for _ in range(3):
        limiter.wait()
        starts.append(clock[0])
    assert starts == [0.0, 3.0, 6.0]
    limiter.pause(30.0)
    limiter.wait()
    assert clock[0] == pytest.approx(36.0), "the pause starts from now and holds back the next call"


@pytest.mark.parametrize("calls", [0, -1, float("nan")])
def test_a_rate_that_is_not_positive_is_refused(calls):
    with pytest.raises(ValueError, match="rate must be above 0"):
        RateLimiter(calls)


def test_folders_are_searched_recursively_for_accepted_types_only(tmp_path):
    make_images(tmp_path / "a", 1)
    make_images(tmp_path / "a" / "deeper", 1, start=1)
    (tmp_path / "notes.txt").write_text("not an image")
    (tmp_path / "scan.PDF").write_bytes(b"%PDF-1.4")  # analyze takes no PDF
    assert [item.name for item in find_images(tmp_path)] == ["a/deeper/img00001.png", "a/img00000.png"]


def test_a_url_list_file_is_read_with_comments_and_duplicates_dropped(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("https://x.example/a.jpg  # first\n\nhttps://x.example/b.jpg\nhttps://x.example/a.jpg\n")
    assert [item.url for item in find_images(urls)] == ["https://x.example/a.jpg", "https://x.example/b.jpg"]
    urls.write_text("photos/a.jpg\n")
    with pytest.raises(ValueError, match="Not an http"):
        find_images(urls)


def test_every_image_gets_one_answer_line_and_a_rerun_skips_them(tmp_path):
    make_images(tmp_path / "photos", 12)
    out = tmp_path / "results.jsonl"
    with QuotaService(CANARY_KEY, rate=1000) as service:
        summary = run_batch(tmp_path / "photos", features=["caption"], out=out, session=session_for(service),
                            rate=500, concurrency=4, progress=False)  # fmt: skip
        again = run_batch(tmp_path / "photos", features=["caption"], out=out, session=session_for(service),
                          rate=500, progress=False)  # fmt: skip
    records = lines(out)
    assert summary.answered == 12 and summary.failed == 0
    assert sorted(r["path"] for r in records) == [f"img{n:05d}.png" for n in range(12)]
    assert all(r["ok"] and r["answer"]["captionResult"]["text"] == "a test picture" for r in records)
    assert again.already_done == 12 and again.answered == 0
    assert sum(service.calls.values()) == 12, "the second run sent nothing"


def test_bad_files_are_reported_without_being_sent(tmp_path):
    folder = tmp_path / "photos"
    make_images(folder, 1)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    Image.new("RGB", (20, 20)).save(folder / "tiny.png")
    out = tmp_path / "results.jsonl"
    with QuotaService(CANARY_KEY, rate=1000) as service:
        summary = run_batch(folder, features=["caption"], out=out, session=session_for(service), progress=False)
    by_path = {r["path"]: r for r in lines(out)}
    assert by_path["broken.jpg"]["error"]["code"] == "InvalidImageFormat"
    assert by_path["tiny.png"]["error"]["code"] == "InvalidImageSize"
    assert by_path["img00000.png"]["ok"]
    assert sum(service.calls.values()) == 1 and summary.failures == {"InvalidImageFormat": 1, "InvalidImageSize": 1}
    assert "2 failed" in str(summary) and "Run the same command again" in str(summary)


def test_a_429_slows_everyone_down_and_every_image_still_gets_its_answer(tmp_path):
    make_images(tmp_path / "photos", 30)
    out = tmp_path / "results.jsonl"
    # The client is told 100 a second; the quota is 10 a second with a 1-second burst.
    with QuotaService(CANARY_KEY, rate=10) as service:
        started = time.monotonic()
        summary = run_batch(tmp_path / "photos", features=["caption"], out=out, session=session_for(service),
                            rate=100, concurrency=4, progress=False)  # fmt: skip
        elapsed = time.monotonic() - started
    assert summary.answered == 30 and summary.failed == 0
    assert service.refused > 0, "the quota did refuse calls"
    assert all(count == 1 for count in service.calls.values()) and len(service.calls) == 30
    assert elapsed >= 1.5, "20 calls above the burst at 10 a second take about 2 s"


def test_failures_are_summed_by_code_and_retried_by_the_next_run(tmp_path):
    make_images(tmp_path / "photos", 3)
    out = tmp_path / "results.jsonl"
    with QuotaService(CANARY_KEY, rate=1000) as service:
        wrong_session = session_for(service, key="wrong-key-wrong-key-wrong-key-00")
        wrong = run_batch(tmp_path / "photos", features=["caption"], out=out, session=wrong_session, progress=False)
        right = run_batch(tmp_path / "photos", features=["caption"], out=out, session=session_for(service),
                          progress=False)  # fmt: skip
    assert wrong.failures == {"401": 3}
    assert right.answered == 3 and right.already_done == 0
    assert all(record["ok"] for record in read_results(out).values())


def test_a_line_cut_by_a_kill_is_repaired_and_that_image_done_again(tmp_path):
    make_images(tmp_path / "photos", 2)
    out = tmp_path / "results.jsonl"
    out.write_text('{"path": "img00000.png", "ok": true, "answer": {}}\n{"path": "img00001.png", "ok": tr')
    with QuotaService(CANARY_KEY, rate=1000) as service:
        summary = run_batch(tmp_path / "photos", features=["caption"], out=out, session=session_for(service),
                            progress=False)  # fmt: skip
    assert summary.already_done == 1 and summary.answered == 1
    assert [r["path"] for r in lines(out)] == ["img00000.png", "img00001.png"], "every line is valid JSON again"


def test_limit_stops_halfway_and_the_next_run_finishes(tmp_path):
    make_images(tmp_path / "photos", 6)
    out = tmp_path / "results.jsonl"
    with QuotaService(CANARY_KEY, rate=1000) as service:
        first = run_batch(tmp_path / "photos", features=["caption"], out=out, session=session_for(service),
                          limit=4, progress=False)  # fmt: skip
        second = run_batch(tmp_path / "photos", features=["caption"], out=out, session=session_for(service),
                           progress=False)  # fmt: skip
    assert (first.answered, second.already_done, second.answered) == (4, 4, 2)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"api": "3.2", "features": ["read"]}, "asynchronous Read"),
        ({"api": "5.0"}, "api must be"),
        ({"features": []}, "at least one feature"),
        ({"concurrency": 0}, "concurrency must be"),
        ({"per": "hour"}, "per must be"),
    ],
    ids=["3.2-read", "api", "no-features", "concurrency", "per"],
)
def test_wrong_options_are_refused_before_any_call(tmp_path, options, message):
    make_images(tmp_path / "photos", 1)
    arguments = {"features": ["caption"], "out": tmp_path / "r.jsonl", "progress": False, **options}
    with pytest.raises(ValueError, match=message):
        run_batch(tmp_path / "photos", **arguments)


def test_the_command_line_has_help_and_says_what_is_wrong(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0 and "--rate" in capsys.readouterr().out
    assert main([str(tmp_path / "missing"), "--features", "caption", "--out", str(tmp_path / "r.jsonl")]) == 2
    assert "no such folder" in capsys.readouterr().err


def run_command(folder: Path, out: Path, service: QuotaService, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "VISION_KEY": CANARY_KEY, "VISION_ENDPOINT": service.endpoint}
    env.pop("VISION_RECORD", None)
    command = [sys.executable, "-m", "vision_viz.batch", str(folder), "--features", "caption,tags",
               "--out", str(out), "--no-progress", *extra]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=out.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_kill_9_then_resume_loses_and_repeats_nothing_and_never_writes_the_key(tmp_path):
    folder = tmp_path / "photos"
    make_images(folder, 400)
    out = tmp_path / "results.jsonl"
    with QuotaService(CANARY_KEY, rate=1000) as service:
        # 40 a second: the whole folder would take 10 s, so the kill after 40 answers lands mid-way
        # even on a busy machine.
        first = run_command(folder, out, service, "--rate", "40", "--concurrency", "4")
        deadline = time.monotonic() + 60
        while (not out.exists() or out.read_text().count("\n") < 40) and time.monotonic() < deadline:
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = out.read_text().count("\n")
        second = run_command(folder, out, service, "--rate", "1000", "--concurrency", "4")
        stdout, stderr = second.communicate(timeout=60)
    assert 40 <= killed_at < 400, "the kill came part-way through"
    assert second.returncode == 0, stderr.decode()
    records = lines(out)
    answered = [r["path"] for r in records if r["ok"]]
    assert len(answered) == len(set(answered)) == 400, "every image answered exactly once in the file"
    assert sum(service.calls.values()) <= 400 + 4, "at most the calls in flight at the kill were sent twice"
    written = out.read_text() + stdout.decode() + stderr.decode()
    assert CANARY_KEY not in written
    assert "400 images" in stdout.decode()


def test_a_batch_records_and_then_replays_offline_like_a_notebook(tmp_path):
    from vision_viz._recording import start_session, stop_session

    make_images(tmp_path / "photos", 3)
    recording = tmp_path / "batch.json"
    with QuotaService(CANARY_KEY, rate=1000) as service:
        session = start_session(recording, Settings(endpoint=service.endpoint, key=CANARY_KEY, record=True))
        recorded = run_batch(tmp_path / "photos", features=["caption"], out=tmp_path / "live.jsonl",
                             session=session, progress=False)  # fmt: skip
        stop_session()
    assert CANARY_KEY not in recording.read_text(encoding="utf-8")
    make_images(tmp_path / "photos", 1, start=3)  # a picture nobody recorded
    session = start_session(recording, Settings())
    try:
        replayed = run_batch(tmp_path / "photos", features=["caption"], out=tmp_path / "replay.jsonl",
                             session=session, progress=False)  # fmt: skip
    finally:
        stop_session()
    assert recorded.answered == 3 and replayed.answered == 3
    assert replayed.failures == {"NoSavedAnswer": 1}
    assert read_results(tmp_path / "replay.jsonl")["img00003.png"]["error"]["code"] == "NoSavedAnswer"


def test_an_unexpected_error_on_one_image_is_a_failure_line_not_the_end_of_the_job(tmp_path, monkeypatch):
    import vision_viz.batch as batch

    make_images(tmp_path / "photos", 3)
    real_check = batch.check_image

    def check(data, api):
        if data == (tmp_path / "photos" / "img00001.png").read_bytes():
            raise RuntimeError("surprise")
        return real_check(data, api=api)

    monkeypatch.setattr(batch, "check_image", check)
    out = tmp_path / "results.jsonl"
    with QuotaService(CANARY_KEY, rate=1000) as service:
        summary = run_batch(tmp_path / "photos", features=["caption"], out=out, session=session_for(service),
                            progress=False)  # fmt: skip
    assert summary.answered == 2 and summary.failures == {"RuntimeError": 1}
    assert read_results(out)["img00001.png"]["error"]["message"] == "surprise"
