"""Analyze a whole folder of images (or a list of URLs) at the service's speed limit, resumably.

    python -m vision_viz.batch photos/ --features caption,tags,read --out results.jsonl --rate 20

Every image gets one line in a JSON Lines file, written and flushed as soon as its answer arrives:
``{"path": ..., "ok": true, "provenance": ..., "answer": {...}}`` or ``{"path": ..., "ok": false, "error": {...}}``.
Run the same command again after a crash, a kill or a closed laptop: images with an answer are
skipped, failed ones are tried again. Calls never go faster than ``--rate`` (per second, or per
minute with ``--per minute``), at most ``--concurrency`` at a time; a 429 from the service pauses
every worker for the ``Retry-After`` it asked for.

It uses ``VISION_KEY`` and ``VISION_ENDPOINT`` like the notebooks (environment, then ``.env``), or
``--recording FILE`` to replay (or, with ``VISION_RECORD=1``, record) saved answers. The key is never
written to the results file or printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from vision_viz._checks import ImageCheckError, check_image
from vision_viz._errors import MissingRecordingError, ServiceUnreachableError, SettingsError, VisionServiceError
from vision_viz._recording import provenance, start_session

# The file types the service accepts (Image Analysis 4.0 and 3.2), by suffix.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".ico", ".tif", ".tiff", ".mpo"})
# How often one image is tried within a run when the service says "too many requests" (429).
MAX_ATTEMPTS = 5
# The pause after a 429 that names no Retry-After, and the longest pause honoured without stopping.
DEFAULT_PAUSE = 1.0
MAX_PAUSE = 300.0
_PER_SECONDS = {"second": 1.0, "minute": 60.0}


@dataclass(frozen=True)
class Item:
    """One image to analyze: ``name`` identifies it in the results (a relative path, or the URL)."""

    name: str
    file: Path | None = None

    @property
    def url(self) -> str | None:
        return None if self.file else self.name


class RateLimiter:
    """At most ``calls`` starts per ``per`` seconds, evenly spaced, shared by every worker thread.

    ``pause(seconds)`` holds every later start back until that many seconds from now (a 429's
    Retry-After slows everyone, not only the worker that received it).

    Example:
        >>> clock = [0.0]
        >>> limiter = RateLimiter(4, 1.0, clock=lambda: clock[0], sleep=lambda s: clock.__setitem__(0, clock[0] + s))
        >>> starts = []
        >>> for _ in range(5):
        ...     limiter.wait(); starts.append(clock[0])
        >>> starts
        [0.0, 0.25, 0.5, 0.75, 1.0]
    """

    def __init__(
        self,
        calls: float,
        per: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not calls > 0 or not per > 0:
            raise ValueError(f"The rate must be above 0 calls per {per:g} s (got {calls!r}).")
        self.interval = per / calls
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._next = clock()
        self._paused_until = 0.0

    def wait(self) -> None:
        """Block until this caller may start its call."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next, self._paused_until)
            self._next = start + self.interval
        if start > now:
            self._sleep(start - now)

    def pause(self, seconds: float) -> None:
        """Start nothing new for ``seconds`` from now."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)


@dataclass
class Summary:
    """What a run did: answers written now, images already answered before, failures by error code."""

    total: int
    answered: int = 0
    already_done: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    out: str = ""

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def __str__(self) -> str:
        lines = [
            f"{self.total} images: {self.already_done} already answered in {Path(self.out).name}, "
            f"{self.answered} answered now, {self.failed} failed."
        ]
        for code, count in self.failures.most_common():
            lines.append(f"  {count} x {code}")
        if self.failed:
            lines.append("Run the same command again to retry the failed images; answered ones are skipped.")
        return "\n".join(lines)


def find_images(source: str | Path | Iterable[str]) -> list[Item]:
    """The images to analyze: files of accepted types in a folder (recursively), or URLs.

    ``source`` is a folder, a text file of URLs (one a line; ``#`` starts a comment), or an iterable
    of URLs. Folder entries are named by their path relative to the folder, with ``/``.

    Example:
        >>> [item.name for item in find_images(["https://example.com/a.jpg"])]
        ['https://example.com/a.jpg']
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
            return [Item(p.relative_to(path).as_posix(), p) for p in files]
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            source = [line.split("#", 1)[0].strip() for line in lines]
        elif str(source).startswith(("http://", "https://")):
            source = [str(source)]
        else:
            raise FileNotFoundError(f"{source}: no such folder or file of URLs. Name a folder of images.")
    urls = [url for url in source if url]
    bad = [url for url in urls if not url.startswith(("http://", "https://"))]
    if bad:
        raise ValueError(f"Not an http(s) URL: {bad[0]!r}. A URL list holds one image URL a line.")
    return [Item(url) for url in dict.fromkeys(urls)]


def read_results(out: str | Path) -> dict[str, dict[str, Any]]:
    """The last result for each image in a results file (an unfinished last line is ignored)."""
    results: dict[str, dict[str, Any]] = {}
    path = Path(out)
    if not path.exists():
        return results
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut short by a kill: that image is simply done again
            if isinstance(record, dict) and isinstance(record.get("path"), str):
                results[record["path"]] = record
    return results


def _repair(path: Path) -> None:
    """Cut an unfinished last line (left by a kill during a write), so appends start on a new line."""
    if not path.exists() or path.stat().st_size == 0:
        return
    data = path.read_bytes()
    if not data.endswith(b"\n"):
        with path.open("rb+") as file:
            file.truncate(data.rfind(b"\n") + 1)


def request_for(api: str, features: Sequence[str], language: str | None = None) -> tuple[str, dict[str, str]]:
    """The operation path and query parameters of an analyze call for ``api`` ("4.0" or "3.2").

    Example:
        >>> request_for("4.0", ["caption", "tags"])
        ('/computervision/imageanalysis:analyze', {'api-version': '2023-10-01', 'features': 'caption,tags'})
    """
    if not features:
        raise ValueError("Name at least one feature, e.g. --features caption,tags.")
    if api == "4.0":
        params = {"api-version": "2023-10-01", "features": ",".join(features)}
        if language:
            params["language"] = language
        return "/computervision/imageanalysis:analyze", params
    if api == "3.2":
        if any(f.lower() == "read" for f in features):
            raise ValueError(
                "3.2 reads text with the asynchronous Read operation, not analyze: use --api 4.0 for read."
            )
        params = {"visualFeatures": ",".join(features)}
        if language:
            params["language"] = language
        return "/vision/v3.2/analyze", params
    raise ValueError(f"api must be '4.0' or '3.2' (got {api!r}).")


def run_batch(
    source: str | Path | Iterable[str],
    *,
    features: Sequence[str],
    out: str | Path,
    session: requests.Session | None = None,
    rate: float = 20.0,
    per: str = "second",
    concurrency: int = 4,
    api: str = "4.0",
    language: str | None = None,
    limit: int | None = None,
    progress: bool = True,
) -> Summary:
    """Analyze every image of ``source`` and append one result per image to ``out`` (JSON Lines).

    Args:
        source: A folder (searched recursively), a text file of URLs, or URLs (see ``find_images``).
        features: What to compute, e.g. ``["caption", "tags", "read"]`` (3.2: visual features).
        out: The results file. Images it already answers are skipped; failed ones are retried.
        session: A session from ``start_session`` (replay, record or live) or ``make_session``;
            by default a live session from ``VISION_KEY`` and ``VISION_ENDPOINT``.
        rate: At most this many calls per ``per`` ("second" or "minute"): your tier's limit
            (F0: 20 a minute; S1: 20 a second unless raised).
        concurrency: Calls in flight at once.
        api: "4.0" or "3.2".
        language: The ``language`` parameter, if any.
        limit: Analyze at most this many images in this run (the rest wait for the next run).
        progress: Show a progress bar (tqdm) with the rate, failures and time left.

    Returns:
        A ``Summary`` of the run (print it).

    Example:
        >>> import os
        >>> run_batch([], features=["caption"], out=os.devnull, session=requests.Session(), progress=False).total
        0
    """
    if per not in _PER_SECONDS:
        raise ValueError(f"per must be 'second' or 'minute' (got {per!r}).")
    if not isinstance(concurrency, int) or concurrency < 1:
        raise ValueError(f"concurrency must be a whole number of at least 1 (got {concurrency!r}).")
    path, params = request_for(api, features, language)
    items = find_images(source)
    out = Path(out)
    if out.is_dir():
        raise IsADirectoryError(f"{out} is a folder: --out names the results file, e.g. results.jsonl.")
    done = {name for name, record in read_results(out).items() if record.get("ok")}
    todo = [item for item in items if item.name not in done]
    if limit is not None:
        todo = todo[:limit]
    summary = Summary(total=len(items), already_done=len(done & {i.name for i in items}), out=str(out))
    if not todo:
        return summary
    session = session if session is not None else _live_session()
    endpoint = getattr(session, "endpoint", "")
    limiter = RateLimiter(rate, _PER_SECONDS[per])
    lock = threading.Lock()
    bar = _progress_bar(len(todo)) if progress else None
    started = time.monotonic()
    _repair(out)
    with out.open("a", encoding="utf-8", newline="\n") as results:

        def write(record: dict[str, Any]) -> None:
            line = json.dumps(record, ensure_ascii=False) + "\n"
            with lock:
                results.write(line)
                results.flush()
                if record["ok"]:
                    summary.answered += 1
                else:
                    summary.failures[record["error"]["code"]] += 1
                if bar is not None:
                    bar.set_postfix(failed=summary.failed, refresh=False)
                    bar.update(1)

        def work(item: Item) -> None:
            try:
                record = _analyze(item, session, endpoint + path, params, api, limiter)
            except Exception as error:  # one image's surprise must not stop an overnight job
                record = _failure(item, type(error).__name__, str(error))
            write(record)

        pool = ThreadPoolExecutor(max_workers=concurrency)
        try:
            for future in [pool.submit(work, item) for item in todo]:
                future.result()
        finally:
            # On Ctrl-C (or an error), images not started yet are dropped; calls in flight finish
            # and are written, so the next run resumes after them.
            pool.shutdown(wait=True, cancel_futures=True)
            if bar is not None:
                bar.close()
    summary.seconds = time.monotonic() - started
    return summary


def _analyze(
    item: Item, session: requests.Session, url: str, params: dict[str, str], api: str, limiter: RateLimiter
) -> dict[str, Any]:
    """One image's result record: its answer, or what went wrong."""
    data = None
    if item.file is not None:
        try:
            data = item.file.read_bytes()
            check_image(data, api=api)
        except ImageCheckError as error:
            return _failure(item, error.code, str(error))
        except OSError as error:
            return _failure(item, "UnreadableFile", f"{item.file}: {error.strerror or error}")
    for attempt in range(1, MAX_ATTEMPTS + 1):
        limiter.wait()
        try:
            if data is not None:
                headers = {"Content-Type": "application/octet-stream"}
                response = session.post(url, params=params, headers=headers, data=data)
            else:
                response = session.post(url, params=params, json={"url": item.url})
            answer = response.json()
            return {"path": item.name, "ok": True, "provenance": provenance(response), "answer": answer}
        except VisionServiceError as error:
            if error.status == 429 and attempt < MAX_ATTEMPTS and (error.retry_after or 0) <= MAX_PAUSE:
                limiter.pause(error.retry_after or DEFAULT_PAUSE)
                continue
            return _failure(item, error.code or str(error.status), error.message, error.status)
        except ServiceUnreachableError as error:
            return _failure(item, "ServiceUnreachable", str(error))
        except MissingRecordingError:
            return _failure(item, "NoSavedAnswer", "replay mode has no saved answer for this image")
        except ValueError as error:  # a 200 whose body is not JSON
            return _failure(item, "InvalidResponse", f"the answer is not JSON ({error})")
    raise AssertionError("unreachable")  # pragma: no cover


def _failure(item: Item, code: str, message: str, status: int | None = None) -> dict[str, Any]:
    return {"path": item.name, "ok": False, "error": {"code": code, "status": status, "message": message}}


def _live_session() -> requests.Session:
    from vision_viz._session import make_session
    from vision_viz._settings import load_settings

    settings = load_settings()
    if not settings.key:
        raise SettingsError(
            "No VISION_KEY is set: set VISION_KEY and VISION_ENDPOINT for your Azure AI Vision resource "
            "(environment or .env), or pass --recording FILE to replay saved answers."
        )
    # No retries inside the session: the batch paces itself and retries a 429 after its Retry-After.
    return make_session(settings, retries=0)


def _progress_bar(total: int) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="image", smoothing=0.1)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m vision_viz.batch --help``."""
    parser = argparse.ArgumentParser(
        prog="python -m vision_viz.batch",
        description="Analyze every image in a folder (or every URL in a file) with Azure AI Vision "
        "Image Analysis, at most --rate calls per second or minute, writing one JSON line per image. "
        "Run it again to resume: answered images are skipped, failed ones retried.",
    )
    parser.add_argument("source", help="a folder of images (searched recursively), or a text file of image URLs")
    parser.add_argument(
        "--features", required=True, help="comma-separated, e.g. caption,tags,read (3.2: Tags,Objects,...)"
    )
    parser.add_argument("--out", required=True, help="the results file (JSON Lines), appended to")
    parser.add_argument("--rate", type=float, default=20.0, help="most calls per --per (default 20)")
    parser.add_argument("--per", choices=sorted(_PER_SECONDS), default="second", help="'second' (S1) or 'minute' (F0)")
    parser.add_argument("--concurrency", type=int, default=4, help="calls in flight at once (default 4)")
    parser.add_argument("--api", choices=["4.0", "3.2"], default="4.0", help="API version (default 4.0)")
    parser.add_argument("--language", help="the language parameter, e.g. en")
    parser.add_argument("--recording", help="replay (or with VISION_RECORD=1 record) answers in this recording file")
    parser.add_argument("--limit", type=int, help="analyze at most this many images in this run")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    features = [f.strip() for f in args.features.split(",") if f.strip()]
    try:
        session = None
        if args.recording:
            session = start_session(args.recording)
        summary = run_batch(
            args.source, features=features, out=args.out, session=session, rate=args.rate, per=args.per,
            concurrency=args.concurrency, api=args.api, language=args.language, limit=args.limit,
            progress=not args.no_progress,
        )  # fmt: skip
    except (OSError, ValueError, SettingsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(summary)
    if summary.seconds:
        done = summary.answered + summary.failed
        print(f"This run: {done} images in {summary.seconds:.1f} s ({done / summary.seconds:.1f} a second).")
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
