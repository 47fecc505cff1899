"""Checks for the core notebooks' "Try it yourself" exercises: one sentence each, never a traceback.

A notebook's check cell runs ``exercise_checks.run("01", globals())``: every exercise of notebook 01 is
checked against the names the exercise asks you to define, the result is printed in one sentence
(and what to look at when it is not right yet), and saved for ``python3 tasks.py progress``
(see exercises.py). The expected answers are worked out from the same saved (or live) answers your
code gets, so the checks work offline and live alike; live, a check calls the service only once
you have defined what it checks.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import exercises

IMAGES = Path(__file__).resolve().parent / "images"
OCTETS = {"Content-Type": "application/octet-stream"}
ANALYZE_4_0 = "/computervision/imageanalysis:analyze"


class NotYet(Exception):
    """The one sentence that says what to look at."""


def _need(ns: dict[str, Any], name: str, what: str) -> Any:
    if name not in ns:
        raise NotYet(f"define `{name}` ({what}) and run its cell.")
    return ns[name]


def _analyze(ns: dict[str, Any], image: str, features: str, **extra: str) -> dict[str, Any]:
    """The answer the notebook's session gives for a bundled picture: what the exercise's code gets too."""
    session = _need(ns, "session", "the setup cell's session")
    params = {"api-version": "2023-10-01", "features": features, **extra}
    return session.post(session.endpoint + ANALYZE_4_0, params=params, headers=OCTETS,  # type: ignore[no-any-return]
                        data=(IMAGES / image).read_bytes()).json()


def _body(value: Any) -> dict[str, Any]:
    """An answer body, whether the learner kept the response or its JSON."""
    body = value.json() if hasattr(value, "json") and callable(value.json) else value
    if not isinstance(body, dict):
        raise NotYet(f"expected an answer (a response or its .json()), got {type(value).__name__}.")
    return body


def _kept_answer(ns: dict[str, Any], name: str, image: str, features: str, section: str) -> None:
    """The learner kept the response for a bundled picture as ``name``: its ``section`` is the session's."""
    kept = _need(ns, name, f"the response to posting images/{image} with features={features}")
    if _body(kept).get(section) != _analyze(ns, image, features)[section]:
        raise NotYet(f"post images/{image} with features={features} and keep its response as `{name}`.")
    _is_response(kept, name)


def _is_response(kept: Any, name: str) -> None:
    """Pictures of a saved answer say where it came from only when drawn from the response itself."""
    if not hasattr(kept, "headers"):
        raise NotYet(f"keep the response itself as `{name}`, not its .json(): drawn from the response, the picture "
                     "says where the answer came from (vv.provenance).")


def _lines(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [line for block in body.get("readResult", {}).get("blocks", []) for line in block.get("lines", [])]


# --- 01 ---------------------------------------------------------------------------------------------

def _01_receipt(ns: dict[str, Any]) -> None:
    own = _body(_need(ns, "own", "Step 4's answer"))
    texts = [line["text"] for line in _lines(own)]
    if "TOTAL" not in texts:
        raise NotYet('set IMAGE = Path("images/shop-receipt.png") and re-run Step 4: its answer `own` should then '
                     'hold the receipt\'s lines, "TOTAL" among them.')


def _01_confident_tags(ns: dict[str, Any]) -> None:
    result = _body(_need(ns, "result", "Step 2's answer"))
    expected = [t["name"] for t in result.get("tagsResult", {}).get("values", []) if t["confidence"] >= 0.8]
    mine = _need(ns, "confident_tags", "the names of the tags of `result` with a confidence of at least 0.8")
    if list(mine) != expected:
        raise NotYet(f"`confident_tags` should be {expected} (names, in the answer's order, confidence >= 0.8).")


# --- 02 ---------------------------------------------------------------------------------------------

def _02_astronaut(ns: dict[str, Any]) -> None:
    kept = _need(ns, "astronaut", "the response to captioning images/astronaut.jpg gender-neutrally")
    expected = _analyze(ns, "astronaut.jpg", "caption", **{"gender-neutral-caption": "true"})["captionResult"]["text"]
    if _body(kept).get("captionResult", {}).get("text") != expected:
        raise NotYet(f"post images/astronaut.jpg with gender-neutral-caption=true: its caption is '{expected}'.")
    _is_response(kept, "astronaut")


def _02_describe(ns: dict[str, Any]) -> None:
    describe = _need(ns, "describe", "a function describe(body)")
    # Each case says what to look at when describe gets it wrong: the threshold is the likely slip.
    cases = [({"captionResult": {"text": "a cat on a sofa", "confidence": 0.9}}, "a cat on a sofa",
              "a caption with confidence 0.9 (0.5 or more) should come back as its text, 'a cat on a sofa'"),
             ({"captionResult": {"text": "a cat on a sofa", "confidence": 0.3}}, "(no confident caption)",
              "a caption with confidence 0.3 is below the 0.5 threshold: compare captionResult's confidence "
              "with 0.5 and return '(no confident caption)'"),
             ({}, "(no confident caption)",
              "an answer without captionResult has no caption: read it with body.get(\"captionResult\") and "
              "return '(no confident caption)'")]
    for body, wanted, look_at in cases:
        try:
            got = describe(body)
        except KeyError as error:
            raise NotYet(f"{look_at}; your describe raised KeyError {error}.") from None
        if got != wanted:
            raise NotYet(f"{look_at}; your describe returned {got!r}.")


# --- 04 ---------------------------------------------------------------------------------------------

def _04_rocket(ns: dict[str, Any]) -> None:
    _kept_answer(ns, "rocket", "rocket.jpg", "tags", "tagsResult")


def _04_keywords(ns: dict[str, Any]) -> None:
    keywords = _need(ns, "keywords", "a function keywords(path, threshold)")
    tags = _analyze(ns, "clip-art-house.png", "tags")["tagsResult"]["values"]
    for threshold in (0.5, 0.9):
        wanted = [t["name"] for t in tags if t["confidence"] >= threshold]
        got = keywords("images/clip-art-house.png", threshold)
        if list(got) != wanted:
            raise NotYet(f"keywords('images/clip-art-house.png', {threshold}) should be {wanted}, not {got}.")


# --- 05 ---------------------------------------------------------------------------------------------

def _05_astronaut(ns: dict[str, Any]) -> None:
    _kept_answer(ns, "astronaut", "astronaut.jpg", "objects", "objectsResult")


def _05_helmet(ns: dict[str, Any]) -> None:
    helmet_large = _need(ns, "helmet_large", "the enlarged helmet, a Pillow image")
    objects = _analyze(ns, "astronaut.jpg", "objects")["objectsResult"]["values"]
    box = next(o["boundingBox"] for o in objects if o["tags"][0]["name"] == "helmet")
    if tuple(getattr(helmet_large, "size", ())) != (2 * box["w"], 2 * box["h"]):
        raise NotYet(f"the helmet's box is {box['w']} x {box['h']}: crop it (vv.xywh_to_xyxy) and resize to twice "
                     f"that, {2 * box['w']} x {2 * box['h']}.")


# --- 07 ---------------------------------------------------------------------------------------------

def _07_unsure(ns: dict[str, Any]) -> None:
    unsure = _need(ns, "unsure", "a list of (text, confidence) of the receipt's words below 0.97")
    receipt = _analyze(ns, "shop-receipt.png", "read")
    wanted = [(w["text"], w["confidence"]) for line in _lines(receipt) for w in line["words"]
              if w.get("confidence", 0.0) < 0.97]
    if [tuple(pair) for pair in unsure] != wanted:
        raise NotYet(f"`unsure` should hold {len(wanted)} (text, confidence) pairs, in reading order, e.g. {wanted[:2]}.")


def _07_total(ns: dict[str, Any]) -> None:
    items, total = _need(ns, "items", "the item prices, as numbers"), _need(ns, "total", "the receipt's total")
    texts = [line["text"] for line in _lines(_analyze(ns, "shop-receipt.png", "read"))]
    prices = [float(t[1:]) for t in texts[:texts.index("TOTAL")] if re.fullmatch(r"\$\d+\.\d\d", t)]
    if sorted(items) != sorted(prices) or not math.isclose(sum(items), total, abs_tol=0.005):
        raise NotYet(f"`items` should be the {len(prices)} prices above TOTAL ({prices}) and `total` the price after "
                     f"it; they should add up.")


def _reading_angle(line: dict[str, Any]) -> float | None:
    words = line.get("words", [])
    if len(words) < 2:
        return None
    def centre(polygon: list[dict[str, float]]) -> tuple[float, float]:
        return sum(p["x"] for p in polygon) / len(polygon), sum(p["y"] for p in polygon) / len(polygon)
    (x0, y0), (x1, y1) = centre(words[0]["boundingPolygon"]), centre(words[-1]["boundingPolygon"])
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


def _07_directions(ns: dict[str, Any]) -> None:
    directions = _need(ns, "directions", "a list of (text, angle) for each line of the notice")
    lines = _lines(_analyze(ns, "multilingual-notice.png", "read"))
    wanted = [(line["text"], _reading_angle(line)) for line in lines]
    ok = len(directions) == len(wanted) and all(
        text == w_text and ((angle is None) == (w_angle is None)) and (angle is None or abs(angle - w_angle) < 1)
        for (text, angle), (w_text, w_angle) in zip(directions, wanted))
    if not ok:
        raise NotYet(f"`directions` should have one (text, angle) per line of the notice ({len(wanted)} lines), the "
                     "angle from the first word's centre to the last's, None for a one-word line.")


# --- 11 ---------------------------------------------------------------------------------------------

def _11_safe_analyze(ns: dict[str, Any]) -> None:
    safe_analyze = _need(ns, "safe_analyze", "a function safe_analyze(path, features)")
    with contextlib.redirect_stdout(io.StringIO()):
        wrong = safe_analyze("images/coffee.jpg", "caption,color")
        right = safe_analyze("images/coffee.jpg", "caption")
    if wrong is not None:
        raise NotYet("safe_analyze('images/coffee.jpg', 'caption,color') should print the error and return None "
                     "(color is no 4.0 feature).")
    if not isinstance(right, dict) or "captionResult" not in right:
        raise NotYet("safe_analyze('images/coffee.jpg', 'caption') should return the answer's JSON, with a captionResult.")


def _11_wide(ns: dict[str, Any]) -> None:
    accepted = _need(ns, "wide_accepted", "True or False: does vv.check_image accept a 16,000 x 100 image?")
    if accepted is not False:
        raise NotYet("the limit is less than 16,000 pixels a side, so a 16,000 x 100 image is refused: "
                     "`wide_accepted` should be False.")


# --- 20 ---------------------------------------------------------------------------------------------

def _20_hopper(ns: dict[str, Any]) -> None:
    hopper = _body(_need(ns, "hopper", "the 3.2 answer for images/grace-hopper.jpg with every visual feature"))
    if not hopper.get("faces") or not hopper.get("objects") or not hopper.get("description", {}).get("captions"):
        raise NotYet("post images/grace-hopper.jpg to analyze with the same `params` (every visual feature) and keep "
                     "the answer as `hopper`: it has faces, objects and a caption.")


def _20_review(ns: dict[str, Any]) -> None:
    mine = _need(ns, "for_review", "a dict: picture name -> the scores at or above 0.001")
    session = _need(ns, "session", "the setup cell's session")
    wanted = {}
    for name in ("astronaut.jpg", "grace-hopper.jpg"):
        adult = session.post(session.endpoint + "/vision/v3.2/analyze", params=ns.get("params", {"visualFeatures": "Adult"}),
                             headers=OCTETS, data=(IMAGES / name).read_bytes()).json().get("adult", {})
        wanted[name] = [key for key in ("adultScore", "racyScore", "goreScore") if adult.get(key, 0) >= 0.001]
    if {name: list(keys) for name, keys in dict(mine).items()} != wanted:
        raise NotYet(f"`for_review` should be {wanted}: the score names at or above 0.001 for each picture.")


CHECKS: dict[str, list[tuple[str, Callable[[dict[str, Any]], None]]]] = {
    "01": [("01/receipt", _01_receipt), ("01/confident-tags", _01_confident_tags)],
    "02": [("02/astronaut", _02_astronaut), ("02/describe", _02_describe)],
    "04": [("04/rocket", _04_rocket), ("04/keywords", _04_keywords)],
    "05": [("05/astronaut", _05_astronaut), ("05/helmet", _05_helmet)],
    "07": [("07/unsure", _07_unsure), ("07/total", _07_total), ("07/directions", _07_directions)],
    "11": [("11/safe-analyze", _11_safe_analyze), ("11/wide-image", _11_wide)],
    "20": [("20/hopper", _20_hopper), ("20/review", _20_review)],
}


def run(notebook: str, ns: dict[str, Any]) -> None:
    """Check every exercise of ``notebook`` against the names in ``ns`` (a notebook's ``globals()``).

    Prints one sentence per exercise (and returns nothing, so a notebook cell shows just those).
    """
    for exercise, checker in CHECKS[notebook]:
        try:
            checker(ns)
            hint = ""
        except NotYet as not_yet:
            hint = str(not_yet)
        except Exception as error:  # noqa: BLE001  (a learner's bug is told in one sentence, not a traceback)
            hint = f"your code raised {type(error).__name__}: {error}"
        exercises.check(exercise, not hint, hint[:1].upper() + hint[1:])
