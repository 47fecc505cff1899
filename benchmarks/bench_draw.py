"""Benchmark: 1,000 labelled OCR word boxes on a 12-megapixel photo, several ways, in one run.

1. vision_viz.draw_ocr (Pillow), 2. supervision's ``BoxAnnotator`` + ``LabelAnnotator`` (with its
default, small labels, and with labels as large as vision_viz's), 3. the original quickstart's way
(a matplotlib ``Rectangle`` and ``text`` per word, rendered to an image), 4. vision_viz.draw_on_axes.

vision_viz and supervision are compared on the same input in two ways:

- from the response body (what a user has): vision_viz reads the body itself; supervision's time
  includes the conversion a supervision user writes (the words' polygons to an ``xyxy`` array and
  a list of labels, ``supervision_inputs``);
- from geometry converted once beforehand: vision_viz is given ``vision_viz.parse(body)``,
  supervision ready-made ``Detections``.

vision_viz draws each word's quadrilateral (a polygon), supervision the axis-aligned box around it.
Every way gets the same decoded image and returns a new image; the input is copied where a way
draws in place.

The report has three parts. 1: every way, in this process. 2: vision_viz and supervision from the
body in a plain loop, each size in a fresh process as a script runs it, given the decoded photo or
a JPEG file of it, with Pillow's defaults (vision_viz changes no Pillow setting), and once more as
a program that turns Pillow's block cache on itself (``PILLOW_BLOCKS_MAX=3``) runs it. 3: what
copying the photo into new memory costs Pillow and numpy, which is what that setting buys. Also
times ``import vision_viz`` against a bare interpreter.

Run: python benchmarks/bench_draw.py   (needs: pip install -r benchmarks/requirements.txt)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
from PIL import Image

# supervision warns when OpenCV is missing; matplotlib warns about CJK glyphs its default font lacks.
warnings.simplefilter("ignore", UserWarning)

WIDTH, HEIGHT, WORDS = 4000, 3000, 1000
#: Freed 16 MB image blocks a program may let Pillow keep for reuse (``PILLOW_BLOCKS_MAX``); Pillow keeps none.
REUSED_BLOCKS = 3


def make_photo(seed: int = 0) -> np.ndarray:
    """A deterministic 4000 x 3000 'photo': smooth colour gradients plus sensor-like noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    base = np.stack([128 + 90 * np.sin(x / 700), 128 + 90 * np.cos(y / 500), 128 + 60 * np.sin((x + y) / 900)], -1)
    return np.clip(base + rng.normal(0, 12, base.shape), 0, 255).astype(np.uint8)


def make_body(seed: int = 0) -> dict:
    """A 4.0 read body with 40 lines of 25 words (1,000 words) spread over the photo, slightly skewed."""
    rng = np.random.default_rng(seed)
    vocabulary = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "invoice", "total", "2024-02-01",
                  "Straße", "café", "número", "東京", "こんにちは", "价格", "42.00", "OK", "word"]  # fmt: skip
    lines = []
    for row in range(40):
        words, top = [], 40 + row * 73
        for column in range(25):
            left = 20 + column * 159 + int(rng.integers(0, 10))
            w, h, skew = 120 + int(rng.integers(0, 25)), 42, int(rng.integers(-3, 4))
            polygon = [(left, top + skew), (left + w, top), (left + w, top + h), (left, top + h + skew)]
            text = vocabulary[int(rng.integers(0, len(vocabulary)))]
            words.append({"text": text, "confidence": round(float(rng.uniform(0.5, 1)), 3),
                          "boundingPolygon": [{"x": px, "y": py} for px, py in polygon]})  # fmt: skip
        lines.append(
            {"text": " ".join(w["text"] for w in words), "boundingPolygon": words[0]["boundingPolygon"], "words": words}
        )
    return {
        "modelVersion": "2023-10-01",
        "metadata": {"width": WIDTH, "height": HEIGHT},
        "readResult": {"blocks": [{"lines": lines}]},
    }


def supervision_inputs(body: dict) -> tuple[np.ndarray, list[str]]:
    """What a supervision user writes to draw a 4.0 read body: each word's box and text.

    The box is the smallest axis-aligned box around the word's four points (supervision draws boxes).
    """
    words = [word for block in body["readResult"]["blocks"] for line in block["lines"] for word in line["words"]]
    points = np.array([(p["x"], p["y"]) for word in words for p in word["boundingPolygon"]], dtype=float)
    points = points.reshape(len(words), 4, 2)  # every word has four points
    return np.concatenate([points.min(axis=1), points.max(axis=1)], axis=1), [word["text"] for word in words]


def time_ways(ways: dict, repeats: int) -> dict[str, tuple[float, list[float]]]:
    """(first call, the times of ``repeats`` more calls) per way, in seconds.

    The rounds interleave the ways, so that slow moments of a shared machine hit every way alike,
    and the ratio of two ways can be taken round by round.
    """
    first, times = {}, {name: [] for name in ways}
    for name, (function, _) in ways.items():
        start = time.perf_counter()
        function()
        first[name] = time.perf_counter() - start
    for round_number in range(repeats):
        for name, (function, rounds) in ways.items():
            if round_number < rounds:
                start = time.perf_counter()
                function()
                times[name].append(time.perf_counter() - start)
    return {name: (first[name], times[name]) for name in ways}


def paired_ratio(slower: list[float], faster: list[float]) -> float:
    """The median, over rounds, of ``slower / faster``: above 1 when ``faster`` is faster."""
    return statistics.median(a / b for a, b in zip(slower, faster))


def bench_vision_viz(photo: Image.Image, body, **style) -> Image.Image:
    """``body``: the response body, or an ``Analysis`` parsed beforehand."""
    import vision_viz

    return vision_viz.draw_ocr(photo, body, **style)


def bench_matplotlib_patches(photo: np.ndarray, body: dict) -> np.ndarray:
    """The quickstart's way: imshow, then a Rectangle patch and plt.text per word, rendered to RGBA."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    boxes, labels = supervision_inputs(body)
    fig = plt.figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.imshow(photo)
    for (x1, y1, x2, y2), text in zip(boxes, labels):
        ax.add_patch(Rectangle((x1, y1), x2 - x1, y2 - y1, fill=False, linewidth=2, color="y"))
        ax.text(x1, y1, text, fontsize=20, weight="bold", va="bottom")
    ax.axis("off")
    fig.canvas.draw()
    rendered = np.asarray(fig.canvas.buffer_rgba()).copy()
    plt.close(fig)
    return rendered


def bench_vision_viz_axes(photo: Image.Image, body: dict) -> np.ndarray:
    """vision_viz's matplotlib renderer, rendered to an image of the same size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import vision_viz

    fig = plt.figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    vision_viz.draw_on_axes(photo, body, ax=ax, kinds=["word"], max_side=WIDTH)
    fig.canvas.draw()
    rendered = np.asarray(fig.canvas.buffer_rgba()).copy()
    plt.close(fig)
    return rendered


def make_supervision(body: dict, matched: bool):
    """supervision's annotators with their default style, or with vision_viz's label height and line width.

    Returns ``(from_body, from_detections)``: the first converts the body on every call (see
    ``supervision_inputs``), the second draws ``Detections`` made once here. Both draw on a copy of
    the photo (supervision draws in place), unless ``from_body`` is given ``copy=False``.
    """
    import supervision as sv

    import vision_viz
    from vision_viz._fonts import METRICS
    from vision_viz._layout import make_style, plan

    if matched:
        import cv2

        layout = plan(vision_viz.parse(body), (WIDTH, HEIGHT), make_style(kinds=["word"]), METRICS)
        label_height = layout.labels[0].box[3] - layout.labels[0].box[1]
        padding = round(layout.labels[0].size * 0.15)
        (_, text_height), _ = cv2.getTextSize("Hg", cv2.FONT_HERSHEY_SIMPLEX, 1.0, 1)
        scale = (label_height - 2 * padding) / text_height
        box = sv.BoxAnnotator(thickness=layout.outlines[0].width)
        label = sv.LabelAnnotator(text_scale=scale, text_thickness=max(1, round(scale * 1.5)), text_padding=padding)
    else:
        box, label = sv.BoxAnnotator(), sv.LabelAnnotator()

    def annotate(photo: np.ndarray, detections, labels: list[str], copy: bool = True) -> np.ndarray:
        scene = photo.copy() if copy else photo  # supervision draws in place
        scene = box.annotate(scene, detections)
        return label.annotate(scene, detections, labels=labels)

    def from_body(photo: np.ndarray, body: dict, copy: bool = True) -> np.ndarray:
        xyxy, labels = supervision_inputs(body)
        return annotate(photo, sv.Detections(xyxy=xyxy, class_id=np.zeros(len(xyxy), dtype=int)), labels, copy)

    xyxy, labels = supervision_inputs(body)
    detections = sv.Detections(xyxy=xyxy, class_id=np.zeros(len(xyxy), dtype=int))
    return from_body, lambda photo: annotate(photo, detections, labels)


def plain_loop(size: str, source: str, repeats: int) -> dict[str, float]:
    """vision_viz and supervision from the body, one after the other, ``repeats`` times, at one size.

    Run in a fresh process, as in a script that draws one photo after another (the caller decides
    whether ``PILLOW_BLOCKS_MAX`` is set). ``source`` is ``"decoded"`` (both
    get the decoded photo and copy it) or ``"file"`` (both read a JPEG of it: vision_viz is given
    the path, supervision's user reads it with ``cv2.imread`` and draws on that array in place).
    """
    array, body = make_photo(), make_body()
    photo = Image.fromarray(array)
    style = {"font_size": 13, "line_width": 2} if size == "small" else {}
    supervision_from_body, _ = make_supervision(body, matched=size != "small")
    if source == "decoded":
        ways = {
            "vision_viz": (lambda: bench_vision_viz(photo, body, **style), repeats),
            "supervision": (lambda: supervision_from_body(array, body), repeats),
        }
        return _compare(ways, repeats)
    import cv2

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "photo.jpg")
        photo.save(path, quality=90)
        ways = {
            "vision_viz": (lambda: bench_vision_viz(path, body, **style), repeats),
            "supervision": (lambda: supervision_from_body(cv2.imread(path), body, copy=False), repeats),
        }
        return _compare(ways, repeats)


def _compare(ways: dict, repeats: int) -> dict[str, float]:
    timings = time_ways(ways, repeats)
    vision_viz, supervision = timings["vision_viz"][1], timings["supervision"][1]
    return {
        "vision_viz": statistics.median(vision_viz),
        "supervision": statistics.median(supervision),
        "ratio": paired_ratio(supervision, vision_viz),
    }


def new_image_cost(repeats: int) -> dict[str, float]:
    """Median time to copy the 12 MP photo into new memory: Pillow and numpy, with and without reuse.

    Run in a fresh process with Pillow's default settings (vision_viz is not imported). numpy asks Linux
    for 2 MB pages for large arrays ("huge pages"); Pillow's memory comes in 4 KB pages, each one a page
    fault on first use, unless Pillow keeps freed blocks for reuse (``PILLOW_BLOCKS_MAX``).
    """
    array = make_photo()
    photo = Image.fromarray(array)

    def median(function) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    costs = {
        "Pillow, new memory (its default)": median(photo.copy),
        "numpy, new memory (huge pages)": median(array.copy),
    }
    Image.core.set_blocks_max(REUSED_BLOCKS)
    costs[f"Pillow, memory reused ({REUSED_BLOCKS} blocks kept, PILLOW_BLOCKS_MAX={REUSED_BLOCKS})"] = median(
        photo.copy
    )
    Image.core.set_blocks_max(0)
    set_huge_pages = getattr(getattr(np, "_core", np.core).multiarray, "_set_madvise_hugepage", None)
    if set_huge_pages is not None:  # numpy's private switch, used only to show what huge pages are worth
        set_huge_pages(False)
        costs["numpy, new memory in 4 KB pages"] = median(array.copy)
        set_huge_pages(True)
    return costs


def in_fresh_process(part: str, *arguments: str, pillow: dict[str, str] | None = None) -> dict:
    """Run one part of this benchmark in a new interpreter, with no ``PILLOW_*`` setting but ``pillow``."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PILLOW_")}
    environment |= pillow or {}
    command = [sys.executable, __file__, "--part", part, *arguments]
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=environment).stdout
    return json.loads(output.splitlines()[-1])


def import_cost(repeats: int = 15) -> tuple[float, float]:
    """Median wall time of ``python -c 'import vision_viz'`` and of ``python -c 'pass'``."""

    def run(code: str) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return run("import vision_viz"), run("pass")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--save", help="folder to save each way's output as PNG, to compare by eye")
    parser.add_argument("--part", choices=["loop", "memory"], help=argparse.SUPPRESS)  # run in a fresh process
    parser.add_argument("--size", choices=["large", "small"], help=argparse.SUPPRESS)
    parser.add_argument("--source", choices=["decoded", "file"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part == "loop":
        print(json.dumps(plain_loop(args.size, args.source, args.repeats)))
        return
    if args.part == "memory":
        print(json.dumps(new_image_cost(args.repeats)))
        return

    import matplotlib
    import PIL
    import supervision

    import vision_viz

    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    versions = f"Pillow {PIL.__version__}, matplotlib {matplotlib.__version__}, supervision {supervision.__version__}"
    print(f"Machine: {machine}, Python {platform.python_version()}, {versions}")
    print(f"Input: {WIDTH}x{HEIGHT} RGB photo, {WORDS} labelled word boxes (4.0 read body)\n")

    print("## 1. Drawing, every way in this process\n")
    array = make_photo()
    photo = Image.fromarray(array)
    body = make_body()
    analysis = vision_viz.parse(body)  # for the ways given converted geometry
    sv_small_body, sv_small = make_supervision(body, False)
    sv_large_body, sv_large = make_supervision(body, True)
    small = {"font_size": 13, "line_width": 2}  # supervision's default sizes
    n = args.repeats
    ways = {  # name: (function, how many timed rounds)
        "from the body: vision_viz.draw_ocr, vision_viz's sizes": (lambda: bench_vision_viz(photo, body), n),
        "from the body: supervision, sized like vision_viz": (lambda: sv_large_body(array, body), n),
        "from the body: vision_viz.draw_ocr, supervision's sizes": (lambda: bench_vision_viz(photo, body, **small), n),
        "from the body: supervision, default sizes": (lambda: sv_small_body(array, body), n),
        "converted: vision_viz.draw_ocr(Analysis), vision_viz's sizes": (lambda: bench_vision_viz(photo, analysis), n),
        "converted: supervision(Detections), sized like vision_viz": (lambda: sv_large(array), n),
        "converted: vision_viz.draw_ocr(Analysis), supervision's sizes": (
            lambda: bench_vision_viz(photo, analysis, **small),
            n,
        ),
        "converted: supervision(Detections), default sizes": (lambda: sv_small(array), n),
        "from the body: matplotlib Rectangle + text per word (quickstart)": (
            lambda: bench_matplotlib_patches(array, body),
            2,
        ),
        "from the body: vision_viz.draw_on_axes (matplotlib), rendered": (
            lambda: bench_vision_viz_axes(photo, body),
            2,
        ),
    }
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    timings = time_ways(ways, args.repeats)
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}\n")
    print("| way | first call (s) | median (s) |\n|---|---:|---:|")
    for name, (first, times) in timings.items():
        print(f"| {name} | {first:.3f} | {statistics.median(times):.3f} |")
    t = [times for _, times in timings.values()]
    print(f"\nvision_viz from the body is {paired_ratio(t[8], t[0]):.0f}x faster than the matplotlib-patch way.")
    print("supervision's time / vision_viz's, round by round (above 1: vision_viz is faster), at vision_viz's")
    print("and at supervision's sizes:")
    print(f"  from the body: {paired_ratio(t[1], t[0]):.2f}x and {paired_ratio(t[3], t[2]):.2f}x")
    print(f"  converted:     {paired_ratio(t[5], t[4]):.2f}x and {paired_ratio(t[7], t[6]):.2f}x")

    print("\n## 2. A plain loop, as a script runs it (each row in a fresh process)\n")
    print("| photo | Pillow's block cache | sizes | vision_viz (s) | supervision (s) | supervision's / vision_viz's |")
    print("|---|---|---|---:|---:|---:|")
    rows = [(source, cache) for cache in ("default", "program's") for source in ("decoded", "file")]
    for source, cache in rows:
        for size in ("large", "small"):
            loop = in_fresh_process(
                "loop", "--size", size, "--source", source, "--repeats", str(args.repeats),
                pillow={} if cache == "default" else {"PILLOW_BLOCKS_MAX": str(REUSED_BLOCKS)},
            )  # fmt: skip
            name = "vision_viz's" if size == "large" else "supervision's"
            photo_from = "decoded" if source == "decoded" else "a JPEG file"
            setting = (
                "Pillow's default (off)"
                if cache == "default"
                else f"set by the program (PILLOW_BLOCKS_MAX={REUSED_BLOCKS})"
            )
            print(
                f"| {photo_from} | {setting} | {name} | {loop['vision_viz']:.3f} | {loop['supervision']:.3f} "
                f"| {loop['ratio']:.2f}x |"
            )

    print("\n## 3. Copying the photo into a new image (a fresh process)\n")
    print("| copy | median (ms) |\n|---|---:|")
    for name, seconds in in_fresh_process("memory", "--repeats", str(args.repeats)).items():
        print(f"| {name} | {1000 * seconds:.1f} |")

    with_package, bare = import_cost()
    print(f"\nimport vision_viz: {1000 * (with_package - bare):.0f} ms over a bare interpreter ({1000 * bare:.0f} ms)")
    if args.save:
        os.makedirs(args.save, exist_ok=True)
        bench_vision_viz(photo, body).save(os.path.join(args.save, "vision_viz.png"))
        Image.fromarray(make_supervision(body, True)[1](array)).save(os.path.join(args.save, "supervision.png"))
        Image.fromarray(bench_matplotlib_patches(array, body)).save(os.path.join(args.save, "matplotlib.png"))


if __name__ == "__main__":
    main()
