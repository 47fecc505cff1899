"""Self-checks for the capstone's alt_text exercise: one friendly sentence each, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # notebooks/, where exercises.py lives

import exercises  # noqa: E402

THRESHOLD = 0.8


def _attempt(alt_text: Callable[[dict], str], result: dict) -> tuple[str | None, str]:
    """The learner's alt text, or None and a one-sentence reason when the function fails."""
    try:
        text = alt_text(result)
    except Exception as error:  # a learner's bug is reported in one sentence, not a traceback
        return None, f"alt_text raised {type(error).__name__}: {error}"
    if not isinstance(text, str):
        return None, f"alt_text returned {type(text).__name__}, not a string"
    return text, ""


def _confidence(result: dict) -> float:
    return result.get("captionResult", {}).get("confidence", 0.0)


def run_all(alt_text: Callable[[dict], str], results: dict[str, dict]) -> int:
    """Run every check against the answers in ``results`` (picture name -> answer); return how many passed."""
    sure = {n: r for n, r in results.items() if _confidence(r) >= THRESHOLD}
    unsure = {n: r for n, r in results.items() if "captionResult" in r and _confidence(r) < THRESHOLD}
    with_text = {n: r for n, r in results.items() if r.get("readResult", {}).get("blocks")}
    without_text = {n: r for n, r in results.items() if n not in with_text}
    passed = 0

    problem = ""
    for name, result in sure.items():
        text, problem = _attempt(alt_text, result)
        caption = result["captionResult"]["text"]
        if problem or not text.startswith(caption[:1].upper() + caption[1:]):
            problem = problem or f"For {name} (confidence {_confidence(result):.3f}) start with the caption " \
                                 f"'{caption}', first letter in capitals; yours was '{text}'."
            break
    passed += exercises.check("30-capstone/confident-caption", bool(sure) and not problem, problem)

    problem = ""
    for name, result in unsure.items():
        text, problem = _attempt(alt_text, result)
        caption = result["captionResult"]["text"]
        names = [t["name"] for o in result.get("objectsResult", {}).get("values", []) for t in o.get("tags", [])]
        names += [t["name"] for t in result.get("tagsResult", {}).get("values", []) if t["confidence"] >= THRESHOLD]
        names = list(dict.fromkeys(names))
        if problem or caption in text or not any(n in text for n in names[:3]):
            problem = problem or f"For {name} (confidence {_confidence(result):.3f}, below {THRESHOLD}) leave the " \
                                 f"caption out and name what objects and tags found, e.g. {names[:3]}; yours was '{text}'."
            break
    passed += exercises.check("30-capstone/fallback", bool(unsure) and not problem, problem)

    problem = ""
    for name, result in [*with_text.items(), *without_text.items()]:
        text, problem = _attempt(alt_text, result)
        lines = [line["text"] for b in result.get("readResult", {}).get("blocks", []) for line in b["lines"]]
        wanted = bool(lines)
        if problem or ("Text in the picture:" in text) != wanted or (wanted and lines[0] not in text):
            problem = problem or (f"For {name} add 'Text in the picture: \"{lines[0]} / …\"'; yours was '{text}'."
                                  if wanted else f"{name} has no text, so add no 'Text in the picture'; yours was '{text}'.")
            break
    passed += exercises.check("30-capstone/text", bool(with_text) and bool(without_text) and not problem, problem)

    text, problem = _attempt(alt_text, {})
    if not problem and not text.strip():
        problem = "alt_text({}) returned an empty string; a screen reader needs some words."
    passed += exercises.check("30-capstone/empty", not problem,
                              problem + " Use .get(…, {}) so a missing section is an empty one.")
    return passed
