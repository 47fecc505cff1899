"""Benchmark: what showing a drawing in a notebook costs, before and after ``vision_viz.Drawing``.

A notebook stores what IPython's display formatter returns for the last expression of a cell. This
script draws on a 12-megapixel JPEG (4000 x 3000, the synthetic photo of ``bench_draw.py``) and on a
12-megapixel flat page (black text on white, like a scanned document), then times IPython's
``DisplayFormatter.format`` on:

- the drawing as ``vision_viz`` returns it (a ``Drawing``: one picture, at most 1,600 px a side);
- the same pixels as a plain ``PIL.Image.Image`` (what ``draw`` returned before: PNG and JPEG,
  both at full size).

It prints the bytes each adds to the notebook (base64, as nbformat stores images) and the median
time of the formatter, with the ratio of the two measured in this run, and checks the targets:
a drawing of a 12 MP photo adds at most 1 MB and displays in under 0.3 s.

Run: python benchmarks/bench_display.py [--repeats 5]     (exits 1 if a target is missed)
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import tempfile
import time
from pathlib import Path

from IPython.core.formatters import DisplayFormatter
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vision_viz  # noqa: E402
from bench_draw import make_body, make_photo  # noqa: E402

MAX_BYTES, MAX_SECONDS = 1_000_000, 0.3


def plain(image: Image.Image) -> Image.Image:
    """The same pixels as a plain Pillow image (what the drawing functions returned before)."""
    return Image.frombytes(image.mode, image.size, image.tobytes())


def flat_page() -> Image.Image:
    """A 4000 x 3000 white page with lines of black bars standing for text (few colours)."""
    page = Image.new("RGB", (4000, 3000), "white")
    pen = ImageDraw.Draw(page)
    for top in range(200, 2800, 65):
        for left in range(200, 3700, 180):
            pen.rectangle((left, top, left + 150, top + 35), fill="black")
    return page


def measure(image: Image.Image, repeats: int) -> tuple[int, float, list[str]]:
    """Bytes added to the notebook (base64), median seconds, and MIME types of one display."""
    formatter = DisplayFormatter()
    times, data = [], {}
    for _ in range(repeats):
        start = time.perf_counter()
        data, _ = formatter.format(image)
        times.append(time.perf_counter() - start)
    pictures = {mime: value for mime, value in data.items() if mime.startswith("image/")}
    stored = sum(len(base64.b64encode(value)) for value in pictures.values())
    return stored, statistics.median(times), sorted(pictures)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    with tempfile.TemporaryDirectory() as folder:
        photo_path = Path(folder) / "photo.jpg"
        Image.fromarray(make_photo()).save(photo_path, quality=90)
        page_path = Path(folder) / "page.png"
        flat_page().save(page_path)
        body = make_body()
        cases = {
            "12 MP photo, 1,000 OCR words": vision_viz.draw_ocr(str(photo_path), body),
            "12 MP photo, one caption": vision_viz.draw(str(photo_path), {"captionResult": {"text": "a photo",
                                                                                          "confidence": 0.9}}),
            "12 MP flat page, 1,000 OCR words": vision_viz.draw_ocr(str(page_path), body),
        }  # fmt: skip
    failed = False
    print(
        "| drawing | shown as | adds to the notebook | display time "
        "| before: PNG + JPEG | before: time | ratio (time) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, drawing in cases.items():
        after_bytes, after_time, mimes = measure(drawing, repeats)
        before_bytes, before_time, before_mimes = measure(plain(drawing), repeats)
        print(
            f"| {name} | {', '.join(mimes)} | {after_bytes / 1e6:.2f} MB | {after_time:.3f} s "
            f"| {before_bytes / 1e6:.1f} MB ({', '.join(before_mimes)}) | {before_time:.2f} s "
            f"| {before_time / after_time:.0f}x |"
        )
        if name.startswith("12 MP photo") and (after_bytes > MAX_BYTES or after_time > MAX_SECONDS):
            failed = True
    print(
        f"targets (12 MP photo): at most {MAX_BYTES / 1e6:.0f} MB and {MAX_SECONDS} s:", "missed" if failed else "met"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
