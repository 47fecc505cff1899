"""Small response bodies for tests: one factory per shape, shared by the test files.

Coordinates are given as the tests think of them (boxes as ``x, y, w, h`` or ``x1, y1, x2, y2``,
as each factory says) and written in the shape the service uses.
"""

from __future__ import annotations

from collections.abc import Sequence

Box = tuple[float, float, float, float]


def objects(*items: tuple[str, Box, float]) -> dict:
    """A 4.0 body of detected objects, each ``(name, (x, y, w, h), confidence)``."""
    return {"objectsResult": {"values": [
        {"boundingBox": {"x": x, "y": y, "w": w, "h": h}, "tags": [{"name": name, "confidence": confidence}]}
        for name, (x, y, w, h), confidence in items]}}  # fmt: skip


def read_4(points: Sequence[tuple[float, float]], text: str = "HELLO") -> dict:
    """A 4.0 read body of one line holding one word, both on the polygon ``points``."""
    polygon = [{"x": x, "y": y} for x, y in points]
    return {"readResult": {"blocks": [{"lines": [{"text": text, "boundingPolygon": polygon, "words": [
        {"text": text, "confidence": 0.9, "boundingPolygon": polygon}]}]}]}}  # fmt: skip


def read_pages(*pages: tuple) -> dict:
    """A 3.x Read result with one line and one word per page.

    Each page is ``(width, height, unit, (x1, y1, x2, y2) of its word[, angle])``, in the page's unit;
    the pages are numbered from 1 and their text is "p1", "p2", ...
    """

    def page(number: int, width: float, height: float, unit: str, box: Box, angle: float = 0) -> dict:
        x1, y1, x2, y2 = box
        quad = [x1, y1, x2, y1, x2, y2, x1, y2]
        words = [{"boundingBox": quad, "text": f"p{number}", "confidence": 0.9}]
        lines = [{"boundingBox": quad, "text": f"p{number}", "words": words}]
        return {"page": number, "width": width, "height": height, "unit": unit, "angle": angle, "lines": lines}

    return {"status": "succeeded", "analyzeResult": {"version": "3.2", "readResults": [
        page(number, *spec) for number, spec in enumerate(pages, start=1)]}}  # fmt: skip


def read_line(text: str, words: list[tuple[str, tuple[float, float, float, float]]]) -> dict:
    """A 4.0 Read body of one line, its box around the words' ``(x1, y1, x2, y2)`` boxes."""

    def polygon(x1: float, y1: float, x2: float, y2: float) -> list[dict]:
        return [{"x": x1, "y": y1}, {"x": x2, "y": y1}, {"x": x2, "y": y2}, {"x": x1, "y": y2}]

    boxes = [box for _, box in words]
    around = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return {"readResult": {"blocks": [{"lines": [{"text": text, "boundingPolygon": polygon(*around), "words": [
        {"text": word, "confidence": 0.9, "boundingPolygon": polygon(*box)} for word, box in words]}]}]}}  # fmt: skip
