"""Benchmark: draw on a 16,000 x 16,000 JPEG (the service's largest image), shown at display size.

Writes the image to a temporary folder, then draws a body on it in fresh processes: with
``max_side=2048`` (a display-sized copy; the JPEG is decoded at reduced size), at full size, and
with matplotlib, printing the time (drawing and saving) and the peak memory of each. Its 256
million pixels are above Pillow's decompression-bomb guard (``PIL.Image.MAX_IMAGE_PIXELS``, 179
million at most by default), which vision_viz leaves to the program: each process raises it to
the service's largest image first, as a program that trusts its images does; the last row shows
what happens with Pillow's default.

Run: python benchmarks/bench_large.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

SIDE = 16_000
BODY = {
    "metadata": {"width": SIDE, "height": SIDE},
    "captionResult": {"text": "a very large grey test image with black stripes", "confidence": 0.5},
    "objectsResult": {"values": [
        {"boundingBox": {"x": 1000, "y": 1000, "w": 4000, "h": 3000}, "tags": [{"name": "column", "confidence": 0.9}]},
        {"boundingBox": {"x": 9000, "y": 12000, "w": 6990, "h": 3990}, "tags": [{"name": "corner", "confidence": 0.8}]},
    ]},
}  # fmt: skip
DRAW = """
import json, resource, sys, time, vision_viz
from PIL import Image
options = json.loads(sys.argv[3])
if options.pop("trusted", True):
    Image.MAX_IMAGE_PIXELS = 16_000 * 16_000  # the program's choice: it trusts its images up to the service's largest
start = time.perf_counter()
if options.pop("refused", False):
    try:
        vision_viz.draw(sys.argv[1], json.loads(sys.argv[2]), max_side=2048)
    except vision_viz.ImageLoadError:
        size = (0, 0)
elif options.pop("matplotlib", False):
    import matplotlib
    matplotlib.use("Agg")
    ax = vision_viz.draw_on_axes(sys.argv[1], json.loads(sys.argv[2]), **options)
    ax.figure.savefig(sys.argv[4])
    size = ax.figure.canvas.get_width_height()
else:
    drawn = vision_viz.draw(sys.argv[1], json.loads(sys.argv[2]), **options)
    drawn.save(sys.argv[4])
    size = drawn.size
seconds = time.perf_counter() - start
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, size[0], size[1])
"""


MAKE = """
import sys
from PIL import Image, ImageDraw
side = int(sys.argv[2])
image = Image.new("L", (side, side), 128)
pen = ImageDraw.Draw(image)
for x in range(0, side, 1000):
    pen.line((x, 0, x, side), fill=0, width=20)
image.save(sys.argv[1], quality=80)
"""


def make_image(path: Path) -> None:
    """A grey JPEG with a black stripe every 1,000 pixels, made in another process (so that this one
    stays small: a child's peak memory counts what it shares with its parent when forked)."""
    subprocess.run([sys.executable, "-c", MAKE, str(path), str(SIDE)], check=True)


def run(image: Path, options: dict, output: Path) -> tuple[float, float, str]:
    """Seconds to draw, peak memory of the process in MB (saving the PNG included), output size."""
    command = [sys.executable, "-c", DRAW, str(image), json.dumps(BODY), json.dumps(options), str(output)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds, peak, width, height = result.stdout.split()
    return float(seconds), float(peak), f"{width}x{height}"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "huge.jpg"
        make_image(image)
        print(f"Input: {SIDE}x{SIDE} JPEG, {image.stat().st_size / 1e6:.1f} MB on disk\n")
        print("| call | time (s) | peak memory of the process (MB) | output size |\n|---|---:|---:|---|")
        calls = {
            "draw(path, body, max_side=2048), saved as PNG": {"max_side": 2048},
            "draw(path, body) at full size, saved as PNG": {},
            "draw_on_axes(path, body) (shown from a 2048 px copy), saved": {"matplotlib": True},
            "draw(path, body, max_side=2048) under Pillow's default guard: ImageLoadError": {
                "trusted": False,
                "refused": True,
            },
        }
        for call, options in calls.items():
            seconds, peak, size = run(image, options, Path(folder) / "out.png")
            print(f"| {call} | {seconds:.2f} | {peak:.0f} | {size} |")


if __name__ == "__main__":
    main()
