"""Benchmark: how soon the explorer shows a new overlay after a slider move or a layer toggle.

Input: a 12-megapixel JPEG (4000 x 3000, synthetic and deterministic) and a 4.0 body with 500
annotations (objects, people, dense captions, smart crops, text lines and words) with confidences
spread from 0 to 1, so every slider position draws a different number of them.

Timed, each as the median and the worst of many moves:
1. opening the image once: decode at display size and parse the body (what the explorer caches);
2. a slider move with the model's functions: ``render`` on the cached display copy + JPEG encoding;
3. a slider move through the explorer itself (``Explorer.set``, as the slider's callback does:
   render, encode, update the image widget, the layer buttons and the caption/tags panel), replaying
   a recording of the body from a temporary folder; no browser, so this is the kernel's share;
4. a layer toggle through the explorer;
5. for comparison, the same move without the caches: ``vision_viz.draw`` on the JPEG's bytes with
   ``max_side`` (decode, parse and draw each time).

Target: a new overlay ready in under 100 ms (item 3). Run: python benchmarks/bench_explorer.py
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

WIDTH, HEIGHT = 4000, 3000
TARGET_MS = 100.0


def make_jpeg(seed: int = 0) -> bytes:
    """A deterministic 4000 x 3000 'photo' (gradients plus noise) as a quality-90 JPEG."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    base = np.stack([128 + 90 * np.sin(x / 700), 128 + 90 * np.cos(y / 500), 128 + 60 * np.sin((x + y) / 900)], -1)
    pixels = np.clip(base + rng.normal(0, 12, base.shape), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def make_body(seed: int = 0) -> dict:
    """A 4.0 body with 500 annotations: 80 objects, 80 people, 10 dense captions, 2 smart crops, 16 lines, 312 words."""
    rng = np.random.default_rng(seed)

    def box(w_max: int = 900, h_max: int = 700) -> dict:
        w, h = int(rng.integers(60, w_max)), int(rng.integers(60, h_max))
        return {"x": int(rng.integers(0, WIDTH - w)), "y": int(rng.integers(0, HEIGHT - h)), "w": w, "h": h}

    confidence = lambda: round(float(rng.uniform(0, 1)), 3)  # noqa: E731
    names = ["person", "chair", "cup", "bicycle", "car", "dog", "plant", "laptop", "bottle", "book"]
    objects = [
        {"boundingBox": box(), "tags": [{"name": names[i % len(names)], "confidence": confidence()}]} for i in range(80)
    ]
    people = [{"boundingBox": box(500, 1200), "confidence": confidence()} for _ in range(80)]
    dense = [
        {"text": f"a region with things number {i}", "confidence": confidence(), "boundingBox": box()}
        for i in range(10)
    ]
    lines = []
    for row in range(16):
        words, top = [], 60 + row * 180
        for column in range(19 + (row < 8)):  # 8 lines of 20 words, 8 of 19: 312 words
            left = 30 + column * 200
            polygon = [(left, top), (left + 160, top + 3), (left + 160, top + 63), (left, top + 60)]
            words.append({"text": f"word{column}", "confidence": confidence(),
                          "boundingPolygon": [{"x": px, "y": py} for px, py in polygon]})  # fmt: skip
        first, last = words[0]["boundingPolygon"], words[-1]["boundingPolygon"]
        line_polygon = [first[0], last[1], last[2], first[3]]
        lines.append({"text": " ".join(w["text"] for w in words), "boundingPolygon": line_polygon, "words": words})
    return {
        "modelVersion": "2023-10-01",
        "metadata": {"width": WIDTH, "height": HEIGHT},
        "captionResult": {"text": "a synthetic photo with many things in it", "confidence": 0.8},
        "tagsResult": {"values": [{"name": n, "confidence": confidence()} for n in names]},
        "objectsResult": {"values": objects},
        "peopleResult": {"values": people},
        "denseCaptionsResult": {"values": dense},
        "smartCropsResult": {
            "values": [{"aspectRatio": 0.9, "boundingBox": box()}, {"aspectRatio": 1.33, "boundingBox": box()}]
        },
        "readResult": {"blocks": [{"lines": lines}]},
    }


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result


def stats(times: list[float]) -> str:
    return f"median {statistics.median(times):6.1f} ms, worst {max(times):6.1f} ms ({len(times)} moves)"


def write_recording(folder: Path, image: bytes, body: dict) -> None:
    """A one-interaction recording that answers the explorer's default request for the image."""
    from vision_viz._recording import PROVENANCE_HEADER, image_digest
    from vision_viz._settings import PLACEHOLDER_ENDPOINT
    from vision_viz.explorer import ExplorerState, request_for

    request = request_for(ExplorerState(image="big.jpg"))
    query = "&".join(f"{k}={v}" for k, v in request.params.items())
    interaction = {
        "request": {"method": "POST", "uri": f"{PLACEHOLDER_ENDPOINT}{request.path}?{query}",
                    "body": image_digest(image), "headers": {"Content-Type": ["application/octet-stream"]}},
        "response": {"status": {"code": 200, "message": "OK"},
                     "headers": {"Content-Type": ["application/json"], PROVENANCE_HEADER: ["synthetic benchmark body"]},
                     "body": {"json": body}},
    }  # fmt: skip
    (folder / "bench.json").write_text(json.dumps({"interactions": [interaction], "version": 1}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the slider positions")
    args = parser.parse_args()

    import dataclasses

    import vision_viz
    from vision_viz._explorer_model import ExplorerState, display_image, prepare, render, to_jpeg

    jpeg, body = make_jpeg(), make_body()
    count = sum(
        len(body[k]["values"]) for k in ("objectsResult", "peopleResult", "denseCaptionsResult", "smartCropsResult")
    )
    lines = body["readResult"]["blocks"][0]["lines"]
    count += len(lines) + sum(len(line["words"]) for line in lines)
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}, "
        f"vision_viz {vision_viz.__version__}"
    )
    print(f"Image: {WIDTH} x {HEIGHT} JPEG, {len(jpeg) / 1e6:.1f} MB; body: {count} annotations\n")

    positions = [round(0.05 * i, 2) for i in range(1, 20)]
    state = ExplorerState(image="big.jpg")

    # 1. Open once: what the explorer caches.
    opening = []
    for _ in range(3):
        ms_image, (picture, full_size) = timed(display_image, jpeg, state.max_side)
        ms_parse, analysis = timed(prepare, body, full_size)
        opening.append((ms_image, ms_parse))
    ms_image, ms_parse = (statistics.median(t) for t in zip(*opening))
    print(
        f"1. open once: decode at display size {ms_image:.0f} ms ({picture.size[0]} x {picture.size[1]}), "
        f"parse {ms_parse:.0f} ms"
    )

    # 2. Slider moves, model functions only.
    render(state, picture, analysis)  # the first call makes the glyph caches
    model = []
    for _ in range(args.rounds):
        for value in positions:
            moved = dataclasses.replace(state, min_confidence=value)
            ms, _ = timed(lambda s: to_jpeg(render(s, picture, analysis)), moved)
            model.append(ms)
    print(f"2. slider move, render + JPEG on the cached copy:     {stats(model)}")

    # 3 and 4. Through the explorer, replaying a recording of the body.
    from vision_viz._explorer import explore
    from vision_viz._settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "images").mkdir()
        (root / "recordings").mkdir()
        (root / "images" / "big.jpg").write_bytes(jpeg)
        write_recording(root / "recordings", jpeg, body)
        ms_open, explorer = timed(explore, images=root / "images", recordings=root / "recordings", settings=Settings())
        assert explorer.answer is not None, explorer.notes
        moves = []
        for _ in range(args.rounds):
            for value in positions:
                ms, _ = timed(explorer.set, min_confidence=value)
                moves.append(ms)
        toggles = []
        for _ in range(args.rounds):
            for layer in ("person", "word", "dense_caption", "object"):
                ms, _ = timed(explorer.set, hidden_layers={layer})
                toggles.append(ms)
    print(f"3. slider move through the explorer (Explorer.set):   {stats(moves)}")
    print(f"4. layer toggle through the explorer:                 {stats(toggles)}")
    print(f"   (opening the explorer on this image, from a recording: {ms_open:.0f} ms)")

    # 5. Without caches.
    uncached = []
    for value in positions[::3]:
        ms, _ = timed(vision_viz.draw, jpeg, body, min_confidence=value, max_side=state.max_side, show_confidence=True)
        uncached.append(ms)
    print(f"5. without caches (draw on the JPEG bytes each time): {stats(uncached)}")

    worst = max(statistics.median(moves), statistics.median(toggles))
    verdict = "met" if max(moves + toggles) < TARGET_MS else ("met by the median" if worst < TARGET_MS else "MISSED")
    print(f"\nTarget: a new overlay in under {TARGET_MS:.0f} ms after a slider move or toggle: {verdict}.")
    sys.exit(0 if worst < TARGET_MS else 1)


if __name__ == "__main__":
    main()
