"""Benchmark: ``python -m vision_viz.batch`` against a call quota, killed half-way and resumed.

A loopback fake of the analyze operation (``tests/quota_service.py``) answers at most N calls a second
(a token bucket holding one second of calls) and 429 with ``Retry-After: 1`` above that. For each quota
the script writes different 64 x 64 PNGs, runs the batch command on them with ``--rate`` set to the
quota, kills it with SIGKILL once half the answers are written, and runs the same command again to
finish. It reports:

- *sustained*: the rate of answers between 10 % and 90 % of the resumed run's work;
- *overall*: every answer over every second from the first start to the end, both starts included;
- 429s, calls sent, and images lost or answered twice (counted from the results file).

Targets (benchmarks/README.md): at least 95 % of the quota sustained at 20 and 200 calls a second, and
no image lost or duplicated. The script exits 1 if one is missed.

Run: .venv/bin/python benchmarks/bench_batch.py [--images 10000] [--rates 20 200]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from quota_service import QuotaService  # noqa: E402 (a test helper, found through the line above)

KEY = "bench-key-0000000000000000000000000000"  # the fake's key: not a real one
TARGET = 0.95


def make_images(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for number in range(count):
        Image.new("RGB", (64, 64), (number % 256, number // 256 % 256, 7)).save(folder / f"img{number:05d}.png")


def start(folder: Path, out: Path, service: QuotaService, rate: int, concurrency: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "VISION_KEY": KEY, "VISION_ENDPOINT": service.endpoint}
    env.pop("VISION_RECORD", None)
    env.pop("VISION_OFFLINE", None)
    command = [sys.executable, "-m", "vision_viz.batch", str(folder), "--features", "caption", "--out", str(out),
               "--no-progress", "--rate", str(rate), "--concurrency", str(concurrency)]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def lines(out: Path) -> int:
    return out.read_text(encoding="utf-8").count("\n") if out.exists() else 0


def run(images: int, rate: int, work: Path) -> dict[str, object]:
    """One quota: the first run killed half-way, the second to the end, sampled every 50 ms."""
    folder, out = work / f"photos-{rate}", work / f"results-{rate}.jsonl"
    make_images(folder, images)
    concurrency = 4 if rate <= 50 else 8
    with QuotaService(KEY, rate=rate) as service:
        began = time.monotonic()
        first = start(folder, out, service, rate, concurrency)
        while lines(out) < images // 2 and first.poll() is None:
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        second = start(folder, out, service, rate, concurrency)
        resumed_from, samples = lines(out), []
        while second.poll() is None:
            samples.append((time.monotonic(), lines(out)))
            time.sleep(0.05)
        samples.append((time.monotonic(), lines(out)))
        ended = time.monotonic()
        if second.returncode != 0:
            raise SystemExit(f"the resumed run failed: {second.stderr.read().decode() if second.stderr else ''}")
        refused, sent = service.refused, sum(service.calls.values())
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    answered = [record["path"] for record in records if record.get("ok")]
    lost = images - len(set(answered))
    duplicated = len(answered) - len(set(answered))
    remaining = images - resumed_from
    low, high = resumed_from + remaining * 0.1, resumed_from + remaining * 0.9
    t_low = next(t for t, count in samples if count >= low)
    t_high = next(t for t, count in samples if count >= high)
    count_low = next(count for _, count in samples if count >= low)
    count_high = next(count for _, count in samples if count >= high)
    sustained = (count_high - count_low) / max(t_high - t_low, 1e-9)
    return {"quota": rate, "images": images, "sustained": sustained, "overall": images / (ended - began) / rate,
            "seconds": ended - began, "refused": refused, "sent": sent, "lost": lost, "duplicated": duplicated}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=10_000, help="pictures per quota (default 10,000)")
    parser.add_argument("--rates", type=int, nargs="+", default=[20, 200], help="quotas, calls a second")
    args = parser.parse_args(argv)
    missed = False
    print("| quota | images | sustained | overall (two starts) | 429s | calls sent | lost | duplicated |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as scratch:
        for rate in args.rates:
            r = run(args.images, rate, Path(scratch))
            share = float(r["sustained"]) / rate  # type: ignore[arg-type]
            print(f"| {rate}/s | {r['images']:,} | {r['sustained']:.1f}/s ({share:.1%}) | "
                  f"{r['overall']:.1%} in {r['seconds']:.0f} s | {r['refused']} | {r['sent']:,} | {r['lost']} | "
                  f"{r['duplicated']} |", flush=True)  # fmt: skip
            missed |= share < TARGET or bool(r["lost"]) or bool(r["duplicated"])
    print("targets missed" if missed else "targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
