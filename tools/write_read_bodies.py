#!/usr/bin/env python3
"""Write the example Read 3.2 bodies of multi-page documents from their layouts.

The Read 3.2 bodies of single images in ``tools/example_bodies/3.2/read`` were written by hand.
A document has too many words for that, so this script writes its bodies from the exact geometry
``tools/render_sample_images.py`` drew (``tools/sample_layouts/<stem>.json``): one ``readResults``
entry per page, lines and words with 8-number ``boundingBox`` polygons rounded to whole pixels
as the service reports them for images, and made-up but stable confidences. The bodies follow
``ReadOperationResult`` of the 3.2 specification; they are examples, not recordings.

For each document it writes ``<stem>-running.json`` (a poll before the result is ready) and
``<stem>-succeeded.json``.

Usage::

    python tools/write_read_bodies.py            # (re)write the bodies
    python tools/write_read_bodies.py --check    # exit 1 if a file on disk differs
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import generated

REPO = Path(__file__).resolve().parents[1]
LAYOUTS_DIR = REPO / "tools" / "sample_layouts"
OUT_DIR = REPO / "tools" / "example_bodies" / "3.2" / "read"

#: Documents whose Read bodies come from their layout, with the times the example operation ran.
DOCUMENTS = {
    "two-page-letter": ("2024-05-17T09:15:04Z", "2024-05-17T09:15:05Z", "2024-05-17T09:15:07Z"),
}


def _unit(key: str) -> float:
    """A stable number in [0, 1) for ``key``."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") / 2**32


def bounding_box(polygon: list[list[float]]) -> list[int]:
    """A layout polygon ``[[x, y], ...]`` as the service's flat list ``[x1, y1, ..., x4, y4]``."""
    return [round(value) for point in polygon for value in point]


def page_result(layout: dict, number: int) -> dict:
    lines = []
    for line in (line for line in layout["lines"] if line["page"] == number):
        # Rotated print reads a little less surely than straight print.
        low = 0.86 if line["angle"] else 0.94
        words = [
            {
                "boundingBox": bounding_box(word["polygon"]),
                "text": word["text"],
                "confidence": round(low + (0.999 - low) * _unit(f"{number}/{line['text']}/{index}"), 3),
            }
            for index, word in enumerate(line["words"])
        ]
        lines.append(
            {
                "boundingBox": bounding_box(line["polygon"]),
                "text": line["text"],
                "appearance": {
                    "style": {"name": "other", "confidence": round(0.85 + 0.15 * _unit(f"style/{line['text']}"), 3)}
                },
                "words": words,
            }
        )
    return {
        "page": number,
        "angle": 0,  # the general direction of the page's text: horizontal (the stamp is one line)
        "width": layout["width"],
        "height": layout["height"],
        "unit": "pixel",
        "lines": lines,
    }


def bodies(stem: str) -> dict[str, dict]:
    layout = json.loads((LAYOUTS_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    created, running, done = DOCUMENTS[stem]
    return {
        f"{stem}-running.json": {"status": "running", "createdDateTime": created, "lastUpdatedDateTime": running},
        f"{stem}-succeeded.json": {
            "status": "succeeded",
            "createdDateTime": created,
            "lastUpdatedDateTime": done,
            "analyzeResult": {
                "version": "3.2.0",
                "modelVersion": "2022-04-30",
                "readResults": [page_result(layout, n) for n in range(1, layout["pages"] + 1)],
            },
        },
    }


def dumps(body: dict) -> str:
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def outputs() -> dict[Path, str]:
    """Every body this script writes, by path."""
    return {OUT_DIR / name: dumps(body) for stem in DOCUMENTS for name, body in bodies(stem).items()}


def main(argv: list[str] | None = None) -> int:
    return generated.main(__doc__, "write_read_bodies.py", outputs, argv)


if __name__ == "__main__":
    raise SystemExit(main())
