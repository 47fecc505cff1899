"""Exercise checks that say in one sentence whether an answer is right, and remember the result.

A notebook's check calls :func:`check`; ``python3 tasks.py progress`` (tools/progress.py) prints
which exercises passed. Results go to a small JSON file, ``~/.vision_viz/progress.json``, or the
file named by ``VISION_PROGRESS``: nothing in the repository changes.

To add a notebook's exercises: list them in ``EXERCISES`` (id -> what it asks) and call
``check("<id>", passed, "<what to look at if not>")`` in the notebook's check cell.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from pathlib import Path

# Every exercise a learner can pass, in course order: id -> what it asks.
EXERCISES: dict[str, str] = {
    "01/receipt": "01 Analyze: analyze the shop receipt",
    "01/confident-tags": "01 Analyze: list the tags with a confidence of at least 0.8",
    "02/astronaut": "02 Caption: caption the astronaut, gender-neutral",
    "02/describe": "02 Caption: describe(body) gives a confident caption or says there is none",
    "04/rocket": "04 Tags: tag the rocket",
    "04/keywords": "04 Tags: write keywords(path, threshold)",
    "05/astronaut": "05 Objects: detect the astronaut's objects",
    "05/helmet": "05 Objects: cut out the helmet, twice as large",
    "07/unsure": "07 Read: the receipt's words below 0.97",
    "07/total": "07 Read: the item prices add up to the total",
    "07/directions": "07 Read: the reading direction of each line of the notice",
    "11/safe-analyze": "11 Errors: safe_analyze reports errors instead of raising them",
    "11/wide-image": "11 Errors: find out whether a 16,000 x 100 image is accepted",
    "20/hopper": "20 Analyze 3.2: analyze Grace Hopper with every visual feature",
    "20/review": "20 Analyze 3.2: which adult scores a 0.001 threshold sends for review",
    "30-capstone/confident-caption": "Capstone: use a confident caption as the alt text",
    "30-capstone/fallback": "Capstone: fall back to objects and tags when the caption is unsure",
    "30-capstone/text": "Capstone: add the text Read found, and nothing when there is none",
    "30-capstone/empty": "Capstone: cope with an answer that has no sections at all",
}


def progress_file() -> Path:
    return Path(os.environ.get("VISION_PROGRESS") or Path.home() / ".vision_viz" / "progress.json")


def load() -> dict[str, dict]:
    """The saved results: id -> {"passed": bool, "when": ISO time}. Empty when none or unreadable."""
    try:
        results = json.loads(progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return results if isinstance(results, dict) else {}


def check(exercise: str, passed: bool, hint: str) -> bool:
    """Print one sentence about an exercise, save the result, and return ``passed``."""
    if exercise not in EXERCISES:
        raise KeyError(f"{exercise!r} is not listed in notebooks/exercises.py EXERCISES")
    title = EXERCISES[exercise].split(": ", 1)[-1]
    print(f"Passed: {title}." if passed else f"Not yet: {title}. {hint}")
    results = load()
    earlier = results.get(exercise, {})
    if earlier.get("passed") and not passed:  # Run All on a fresh notebook must not undo a pass
        print(f"(Your pass of {str(earlier.get('when', ''))[:10]} stays in your progress.)")
        return passed
    results[exercise] = {"passed": passed, "when": datetime.datetime.now().isoformat(timespec="seconds")}
    _write(results)
    return passed


def summary(prefix: str = "") -> str:
    """One line per exercise whose id starts with ``prefix``: passed, not yet, or not tried."""
    results = load()
    lines = []
    for exercise, title in EXERCISES.items():
        if exercise.startswith(prefix):
            result = results.get(exercise)
            state = "not tried" if result is None else "passed" if result.get("passed") else "not yet"
            lines.append(f"{state:<9}  {title}")
    passed = sum(1 for e in EXERCISES if e.startswith(prefix) and results.get(e, {}).get("passed"))
    total = sum(1 for e in EXERCISES if e.startswith(prefix))
    return "\n".join([*lines, f"{passed} of {total} passed."])


def _write(results: dict) -> None:
    """Write atomically: a crash never leaves half a file behind."""
    path = progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as tmp:
        json.dump(results, tmp, indent=2)
    os.replace(tmp.name, path)
