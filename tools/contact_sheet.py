#!/usr/bin/env python3
"""Render every recording the project ships, and any response bodies, to PNGs for review by eye.

    python tools/contact_sheet.py                 # recordings, example bodies, published responses
    python tools/contact_sheet.py a.json dir/     # these body or recording files (and folders) only
    python tools/contact_sheet.py --out elsewhere/

Each response body becomes ``<name>.png`` (everything drawn) and, when it has text, also
``<name>-text.png`` (the text written over the words, at their angle); names start with the source
folder (``recordings-05-detect-objects-01``, ``example_bodies-4.0-coffee``). A body is drawn on its
image: for a recording, the uploaded image whose sha256 the request names (a GET, such as a Read
result, uses the image of the request before it); for a body file, the image in notebooks/images
whose name its name contains (the longest such); otherwise a blank canvas of the body's size.
Responses that are images (thumbnails, background removal) are saved as they are. Output goes to
build/contact-sheet/ (ignored by git). Look at every picture: a box off its object, a cut label or
empty boxes instead of Chinese characters are bugs.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import vision_viz  # noqa: E402

IMAGES = ROOT / "notebooks" / "images"
DEFAULT_SOURCES = [
    ROOT / "notebooks" / "recordings",
    ROOT / "tools" / "example_bodies",
    ROOT / "tests" / "data" / "published-responses",
]
BLANK = (235, 235, 235)


def images_by_digest() -> dict[str, Path]:
    """The project's sample images by the sha256 of their bytes (as recordings name them)."""
    return {hashlib.sha256(path.read_bytes()).hexdigest(): path for path in sorted(IMAGES.glob("*.*"))
            if path.suffix.lower() in {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff"}}  # fmt: skip


def image_named_in(stem: str, digests: dict[str, Path]) -> Path | None:
    """The sample image whose name the body file's name contains ("caption-coffee-es" → coffee.jpg)."""
    names = [image for image in digests.values() if image.stem in stem]
    return max(names, key=lambda image: len(image.stem), default=None)


def bodies(path: Path, digests: dict[str, Path], name: str) -> Iterator[tuple[str, Any, Path | None]]:
    """(name, body, image or None) for a body file, or for each response of a recording."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not (isinstance(data, dict) and "interactions" in data):
        yield name, data, image_named_in(path.stem, digests)
        return
    image = None
    for number, interaction in enumerate(data["interactions"], start=1):
        request, body = interaction.get("request", {}), interaction.get("response", {}).get("body", {})
        sent = request.get("body")
        if isinstance(sent, str) and sent.startswith("sha256:"):
            image = digests.get(sent.removeprefix("sha256:"))  # an uploaded sample image
        elif request.get("method") != "GET":
            image = None  # an image sent by URL, not in the repository
        # (a GET, such as an asynchronous Read result, describes the image of the request before it)
        if "json" in body:
            yield f"{name}-{number:02d}", body["json"], image
        elif "base64" in body or "string" in body:
            raw = base64.b64decode(body["base64"]) if "base64" in body else str(body["string"]).encode()
            yield f"{name}-{number:02d}", raw, image


def blank_for(analysis: vision_viz.Analysis) -> Image.Image:
    """A blank canvas of the body's size, or as large as its geometry reaches when that is larger."""
    width, height = analysis.size or (0, 0)
    right = max((a.box[2] for a in analysis.annotations), default=0)
    bottom = max((a.box[3] for a in analysis.annotations), default=0)
    if right > width or bottom > height:  # no size given, or a body whose boxes exceed it
        width, height = max(width, right + 10), max(height, bottom + 10)
    return Image.new("RGB", (max(200, round(width)), max(200, round(height))), BLANK)


def render(name: str, body: Any, image: Path | None, out: Path) -> list[str]:
    """Write the PNGs for one body; return notes for the report."""
    if isinstance(body, bytes):
        if not body:
            return [f"{name}: empty body (such as a 202 Accepted): nothing to draw"]
        try:
            Image.open(io.BytesIO(body)).save(out / f"{name}.png")
            return [f"{name}: image response saved as is"]
        except OSError:
            return [f"{name}: not JSON and not an image: skipped"]
    try:
        analysis = vision_viz.parse(body)
    except vision_viz.ResponseBodyError as error:
        return [f"{name}: {str(error).splitlines()[0]}"]
    picture = image if image is not None else blank_for(analysis)
    notes = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for page in [page.number for page in analysis.pages] or [1]:  # a document: each page
            stem = name if page == 1 else f"{name}-page-{page}"
            try:
                vision_viz.draw(picture, body, show_confidence=True, page=page).save(out / f"{stem}.png")
                if analysis.of_kind("word", "line"):
                    vision_viz.draw_ocr(picture, body, text="place", page=page).save(out / f"{stem}-text.png")
            except ValueError as error:  # such as a page the image file does not have
                notes.append(f"{stem}: not drawn: {error}")
    notes += [f"{name}: warning: {warning.message}" for warning in caught]
    where = image.name if image is not None else "blank canvas"
    notes.append(f"{name}: {len(analysis.annotations)} items on {where}")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="body or recording files, or folders of them")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "contact-sheet")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    digests = images_by_digest()
    files: list[tuple[Path, str]] = []  # each file, and a name for its PNGs unique among all sources
    for path in args.paths or [source for source in DEFAULT_SOURCES if source.exists()]:
        if path.is_dir():
            files += [(file, "-".join((path.name, *file.relative_to(path).with_suffix("").parts)))
                      for file in sorted(path.rglob("*.json"))]  # fmt: skip
        else:
            files.append((path, path.stem))
    for file, name in files:
        for png_name, body, image in bodies(file, digests, name):
            for note in render(png_name, body, image, args.out):
                print(note)
    print(f"PNGs in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
