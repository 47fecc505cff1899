#!/usr/bin/env python3
"""Write the example Read 3.2 body of Microsoft's MultiPageHandwrittenForm.pdf from the PDF itself.

No live Read answer for this PDF is published, so notebook 25 replays an example written to the
``ReadOperationResult`` schema of the 3.2 specification. Its geometry is measured, not guessed:

* printed words: the character boxes of the PDF's own text layer (pypdfium2), in points, turned
  into inches from the page's top-left corner;
* handwritten words (the PDF has no text for them): the ink in each right-hand table cell of the
  page rendered at 200 dpi, split into the known words at the widest gaps between ink columns.

As the specification says for PDFs, ``width``, ``height`` and every ``boundingBox`` are in inches
(``unit: "inch"``). Confidences are made up but stable. The words are what a person reads on the
form; what the live service returns may differ.

Usage::

    python tools/write_pdf_read_body.py            # (re)write the bodies
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parents[1]
PDF = REPO / "notebooks" / "images" / "MultiPageHandwrittenForm.pdf"
OUT_DIR = REPO / "tools" / "example_bodies" / "3.2" / "read"
STEM = "handwritten-form"
DPI = 200
PAD = 0.02  # inches of margin around a printed word's glyphs (words stay apart)
#: What each page's right-hand cells say, top to bottom (read by a person on the rendered page).
HANDWRITING = {1: ["John Smith", "23", "Seattle", "WA", "Engineer"], 2: ["Mary", "35", "New York", "NY", "Teacher"]}
TIMES = ("2024-05-17T10:02:11Z", "2024-05-17T10:02:12Z", "2024-05-17T10:02:14Z")


def _confidence(key: str, low: float) -> float:
    """A made-up but stable confidence in [low, 1) for ``key``."""
    unit = int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") / 2**32
    return round(low + (0.999 - low) * unit, 3)


def _quad(left: float, top: float, right: float, bottom: float) -> list[float]:
    """A rectangle in inches as Read's 8 numbers, clockwise from the top-left corner."""
    return [round(v, 4) for v in (left, top, right, top, right, bottom, left, bottom)]


def printed_lines(page: pdfium.PdfPage) -> list[list[tuple[str, list[float]]]]:
    """The text layer's words, grouped into lines, each word with its box in inches."""
    height = page.get_height()
    text = page.get_textpage()
    lines: list[list[list]] = [[]]  # each word: [text, left, top, right, bottom] in inches
    in_word = False
    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        if not char.strip():  # a space ends a word; a line break also ends the line
            in_word = False
            if char == "\n" and lines[-1]:
                lines.append([])
            continue
        left, bottom, right, top = text.get_charbox(index)
        box = [left / 72, (height - top) / 72, right / 72, (height - bottom) / 72]
        if not in_word:
            lines[-1].append([char, *box])
            in_word = True
            continue
        word = lines[-1][-1]
        word[0] += char
        word[1:] = [min(word[1], box[0]), min(word[2], box[1]), max(word[3], box[2]), max(word[4], box[3])]
    result = []
    for line in (line for line in lines if line):
        top = min(word[2] for word in line) - PAD
        bottom = max(word[4] for word in line) + PAD
        result.append([(word[0], _quad(word[1] - PAD, top, word[3] + PAD, bottom)) for word in line])
    return result


def handwritten_lines(page: pdfium.PdfPage, texts: list[str]) -> list[list[tuple[str, list[float]]]]:
    """The ink of each right-hand table cell, split into ``texts``' words, boxes in inches."""
    ink = np.asarray(page.render(scale=DPI / 72).to_pil().convert("L")) < 128
    rows = np.flatnonzero(ink[:, int(1.1 * DPI):int(7.4 * DPI)].mean(axis=1) > 0.9)  # the table's rules
    rules = [int(y) for i, y in enumerate(rows) if i == 0 or y - rows[i - 1] > 1]
    x0, x1 = int(4.25 * DPI) + 6, int(7.5 * DPI) - 6
    result = []
    for (top_rule, bottom_rule), text in zip(zip(rules, rules[1:]), texts):
        cell = ink[top_rule + 4:bottom_rule - 2, x0:x1]
        columns = np.flatnonzero(cell.any(axis=0))
        gaps = np.diff(columns)
        words = text.split()
        cuts = sorted(np.argsort(gaps)[::-1][:len(words) - 1])
        starts = [0, *(cut + 1 for cut in cuts)]
        ends = [*cuts, len(columns) - 1]
        line = []
        for word, start, end in zip(words, starts, ends):
            part = cell[:, columns[start]:columns[end] + 1]
            ys = np.flatnonzero(part.any(axis=1))
            box = [(x0 + columns[start]) / DPI, (top_rule + 4 + ys[0]) / DPI,
                   (x0 + columns[end] + 1) / DPI, (top_rule + 4 + ys[-1] + 1) / DPI]
            line.append((word, _quad(*box)))
        result.append(line)
    return result


def _line(words: list[tuple[str, list[float]]], style: str, key: str) -> dict:
    boxes = [box for _, box in words]
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[5] for b in boxes)
    text = " ".join(word for word, _ in words)
    low = 0.6 if style == "handwriting" else 0.95
    return {
        "boundingBox": _quad(left, top, right, bottom),
        "appearance": {"style": {"name": style, "confidence": _confidence(key + "style", 0.9)}},
        "text": text,
        "words": [{"boundingBox": box, "text": word, "confidence": _confidence(f"{key}{i}{word}", low)}
                  for i, (word, box) in enumerate(words)],
    }


def page_result(page: pdfium.PdfPage, number: int) -> dict:
    printed = printed_lines(page)
    handwritten = handwritten_lines(page, HANDWRITING[number])
    lines = [_line(printed[0], "other", f"{number}p0")]  # the form's title, then label, value, label, value…
    for row, (label, value) in enumerate(zip(printed[1:], handwritten)):
        lines.append(_line(label, "other", f"{number}p{row + 1}"))
        lines.append(_line(value, "handwriting", f"{number}h{row}"))
    return {"page": number, "angle": 0, "width": round(page.get_width() / 72, 4),
            "height": round(page.get_height() / 72, 4), "unit": "inch", "lines": lines}


def bodies() -> dict[str, dict]:
    """The example bodies, by name: ``running`` (a poll before the result) and ``succeeded``."""
    pdf = pdfium.PdfDocument(PDF)
    pages = [page_result(pdf[index], index + 1) for index in range(len(pdf))]
    created, running, done = TIMES
    return {
        "running": {"status": "running", "createdDateTime": created, "lastUpdatedDateTime": running},
        "succeeded": {"status": "succeeded", "createdDateTime": created, "lastUpdatedDateTime": done,
                      "analyzeResult": {"version": "3.2.0", "modelVersion": "2022-04-30", "readResults": pages}},
    }


def main() -> None:
    for name, body in bodies().items():
        path = OUT_DIR / f"{STEM}-{name}.json"
        path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print("wrote", path.relative_to(REPO))


if __name__ == "__main__":
    main()
