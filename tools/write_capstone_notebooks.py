#!/usr/bin/env python3
"""Write and run the capstone notebook and its solution notebook from one source, so they never drift.

    python tools/write_capstone_notebooks.py          # (re)write notebooks/capstone/*.ipynb, run in replay mode
    python tools/write_capstone_notebooks.py --check  # exit 1 if their cells are not what this writes

The solution notebook is the exercise notebook with the exercise cell replaced by
notebooks/solutions/30-capstone-alt-text.py, as ``%load`` would insert it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import generated

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks" / "capstone"
NAME = "30-capstone-alt-text"
SOLUTION = ROOT / "notebooks" / "solutions" / f"{NAME}.py"

md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell

INTRO = """# Capstone: write alt text for pictures, with a fallback when the caption is unsure

Alt text is the short description a screen reader speaks instead of a picture. In this capstone you
turn Image Analysis 4.0 answers into alt text for five pictures: use the caption when the service is
sure of it, fall back to what objects and tags found when it is not, and add any text Read found.
It combines four features in one call: `caption`, `tags`, `objects` and `read`.

**What you will learn**
- how to ask for several 4.0 features in one call and read each section safely, even when it is missing;
- how to use a confidence to choose between a caption and a fallback;
- how to turn Read's lines into a short quote;
- how to check your own function with self-checks that say what to look at.

**What you need**
- Notebooks 01 (analyze an image), 02 (captions) and 07 (read text), or the same ideas from the workshop.
- Nothing else: without a key this notebook **replays saved answers** (examples written by this project,
  labelled below) and never touches the network. With `VISION_KEY` and `VISION_ENDPOINT` set before
  starting Jupyter, the same cells call your resource (in a region with 4.0 captions).

**Time**: 35 minutes (estimated by doing the exercise; the method is in `workshop/README.md`)."""

SOLUTION_INTRO = INTRO.replace("# Capstone: write alt text", "# Capstone (solution): write alt text", 1) + """

> **This is the solution notebook.** The exercise cell is filled in with
> `solutions/30-capstone-alt-text.py`; every self-check passes. Try
> [the exercise notebook](30-capstone-alt-text.ipynb) first."""

SETUP = """import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

import checks
import vision_viz as vv

session = vv.start_session("../recordings/30-capstone-alt-text.json")
print(session)"""

ASK = """IMAGES = Path("../images")
PICTURES = ["coffee.jpg", "rocket.jpg", "multilingual-notice.png", "line-drawing-bicycle.png", "shop-receipt.png"]

url = f"{session.endpoint}/computervision/imageanalysis:analyze"
headers = {"Content-Type": "application/octet-stream"}
params = {"api-version": "2023-10-01", "features": "caption,tags,objects,read", "gender-neutral-caption": "true"}

results, sources = {}, {}
for name in PICTURES:
    image_bytes = (IMAGES / name).read_bytes()
    vv.check_image(image_bytes, api="4.0")
    response = session.post(url, params=params, headers=headers, data=image_bytes)
    results[name], sources[name] = response.json(), vv.provenance(response)
    print(f"{name}: {sources[name]}")"""

LOOK = """def lines_of(result):
    "Every line of text Read found, in reading order ([] when there is none)."
    return [line["text"] for block in result.get("readResult", {}).get("blocks", []) for line in block.get("lines", [])]


for name, result in results.items():
    caption = result.get("captionResult", {})
    objects = [obj["tags"][0]["name"] for obj in result.get("objectsResult", {}).get("values", []) if obj.get("tags")]
    tags = [f"{tag['name']} {tag['confidence']:.2f}" for tag in result.get("tagsResult", {}).get("values", [])[:5]]
    print(f"{name}\\n  caption ({caption.get('confidence', 0.0):.3f}): {caption.get('text')}")
    print(f"  objects: {objects}\\n  tags: {tags}\\n  lines of text: {len(lines_of(result))}")"""

NOTE = """def with_note(picture, note):
    "The picture with a white band below it that says where its answer came from."
    font = ImageFont.load_default(size=13)
    framed = Image.new("RGB", (picture.width, picture.height + 22), "white")
    framed.paste(picture.convert("RGB"), (0, 0))
    ImageDraw.Draw(framed).text((6, picture.height + 4), note, fill="black", font=font)
    return vv.as_drawing(framed)  # shows as one small picture in the notebook, like vv.draw's drawings


def note_for(source):
    "A short label for an answer's provenance, short enough to sit under a picture."
    if source.startswith("example"):
        return "Example answer written by the vision_viz project, not from the service"
    return source[:80]


with_note(vv.draw(IMAGES / "rocket.jpg", results["rocket.jpg"]), note_for(sources["rocket.jpg"]))"""

RULES = """## Step 3: The rules for good alt text

Write a function `alt_text(result)` that follows four rules. `THRESHOLD` is **our choice for this
exercise**, not a value Microsoft recommends: pick yours by looking at live answers for your own pictures.

1. If the caption's `confidence` is at least `THRESHOLD`, the alt text is the caption with a capital first
   letter and a full stop: `A cup of coffee on a saucer with a spoon.`
2. Otherwise leave the caption out and say what was found: `Picture possibly showing X, Y and Z.` with at
   most three names, each once: object names first (most confident object first), then tags whose
   confidence is at least `THRESHOLD`.
3. If Read found text, add ` Text in the picture: "line 1 / line 2 / line 3"`: the first three lines joined
   by ` / `, and ` / …` before the closing quote when there are more.
4. An answer with nothing usable (no caption, objects or tags) gives `Picture without a description.`;
   a missing section is an empty one, never an error."""

THRESHOLD = """THRESHOLD = 0.8
for name, result in results.items():
    print(f"{name}: caption confidence {result.get('captionResult', {}).get('confidence', 0.0):.3f}")"""

TRY = """## Try it yourself

Replace the body of `alt_text` below so that it follows the four rules, run the cell, then run the
self-checks under it. Each check says in one sentence whether your function is right and, if not, what
to look at. Stuck? Run `%load ../solutions/30-capstone-alt-text.py` in a new cell, or open
[the solution notebook](30-capstone-alt-text-solution.ipynb)."""

STUB = """def alt_text(result):
    "Alt text for one analyze answer, following the four rules above."
    caption = result.get("captionResult", {})
    return caption.get("text", "")  # a start: only rule 1, without the capital letter and full stop


for name, result in results.items():
    print(f"{name}: {alt_text(result)}")"""

CHECK_INTRO = """### Self-checks

One sentence per check. The results are also saved, so `python3 tasks.py progress` in a terminal lists
what you have passed (in the workshop, your instructor may ask you to run it)."""

CHECK = """passed = checks.run_all(alt_text, results)"""

SUMMARY = """print(checks.exercises.summary("30-capstone"))"""

SHEET_INTRO = """## Step 4: See the alt text next to each picture

A contact sheet: each picture, its alt text, and where its answer came from."""

SHEET = """def contact_sheet(results, width=300):
    "Every picture scaled to `width`, its alt text below it, and the provenance note under all of them."
    font = ImageFont.load_default(size=13)
    tiles = []
    for name, result in results.items():
        picture = Image.open(IMAGES / name).convert("RGB")
        picture = picture.resize((width, round(picture.height * width / picture.width)))
        words, lines = alt_text(result).split(), [""]
        for word in words:  # wrap the alt text to the tile's width
            if font.getlength(f"{lines[-1]} {word}") > width - 8 and lines[-1]:
                lines.append(word)
            else:
                lines[-1] = f"{lines[-1]} {word}".strip()
        tile = Image.new("RGB", (width, picture.height + 18 * len(lines) + 8), "white")
        tile.paste(picture, (0, 0))
        ImageDraw.Draw(tile).multiline_text((4, picture.height + 4), "\\n".join(lines), fill="black", font=font,
                                            spacing=5)
        tiles.append(tile)
    sheet = Image.new("RGB", (len(tiles) * (width + 10), max(t.height for t in tiles)), "white")
    for index, tile in enumerate(tiles):
        sheet.paste(tile, (index * (width + 10), 0))
    notes = sorted({note_for(source) for source in sources.values()})
    return with_note(sheet, "; ".join(notes))


contact_sheet(results)"""

FURTHER = """## Going further

- Run it live on your own pictures: set `VISION_KEY` and `VISION_ENDPOINT` (see `workshop/azure-setup.md`),
  add files to `PICTURES`, and look at the confidences you get before you choose a `THRESHOLD`.
- The W3C's [alt decision tree](https://www.w3.org/WAI/tutorials/images/decision-tree/) says when a picture
  needs alt text at all, and what it should say.
- Image Analysis 4.0 retires on 2028-09-25. Microsoft's migration guide
  ([migration options](https://learn.microsoft.com/azure/ai-services/computer-vision/how-to/migration-options))
  points captions, tags and objects to GPT models in Microsoft Foundry or Azure Content Understanding, and
  Read to Document Intelligence: the rules you wrote stay the same, the answer's shape changes.

**What you learned**: to combine several features in one call, to read each section defensively, and to use
a confidence to decide what to trust."""


def cells(solution: bool) -> list:
    exercise = f"# %load ../solutions/{NAME}.py\n" + SOLUTION.read_text(encoding="utf-8").strip() if solution else STUB
    return [
        md(SOLUTION_INTRO if solution else INTRO),
        md(
            "## Setup\n\nImports, the self-checks in `checks.py` next to this notebook, and the switch between offline "
            "replay and the live service. Without `VISION_KEY`, `start_session` replays "
            "`../recordings/30-capstone-alt-text.json`; with a key it calls your resource."
        ),
        code(SETUP),
        md(
            "## Step 1: Ask for four features at once\n\n"
            "One call per picture, with `features=caption,tags,objects,read`. "
            "Each answer says where it came from: offline, these are **examples written by this project** to "
            "the service's schema, not answers from the service."
        ),
        code(ASK),
        md(
            "## Step 2: Look at what came back\n\nEach section may be missing or empty: `.get(…, {})` treats a "
            "missing section as an empty one."
        ),
        code(LOOK),
        md(
            "The rocket's objects, drawn. The band below says where the answer came from, so a screenshot cannot "
            "pass for the service's output."
        ),
        code(NOTE),
        md(RULES),
        code(THRESHOLD),
        md(TRY),
        code(exercise),
        md(CHECK_INTRO),
        code(CHECK),
        code(SUMMARY),
        md(SHEET_INTRO),
        code(SHEET),
        md(FURTHER),
    ]


def write(solution: bool) -> Path:
    nb = nbformat.v4.new_notebook(cells=cells(solution))
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    with tempfile.TemporaryDirectory() as scratch:
        saved = {name: os.environ.pop(name, None) for name in ("VISION_KEY", "VISION_ENDPOINT", "VISION_RECORD")}
        os.environ["VISION_PROGRESS"] = str(Path(scratch) / "progress.json")
        cwd = Path.cwd()
        os.chdir(scratch)  # no .env from the developer's checkout is found from here
        try:
            NotebookClient(
                nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(FOLDER)}}
            ).execute()
        finally:
            os.chdir(cwd)
            del os.environ["VISION_PROGRESS"]
            os.environ.update({k: v for k, v in saved.items() if v is not None})
    path = path_of(solution)
    nbformat.write(nb, path)
    return path


def path_of(solution: bool) -> Path:
    return FOLDER / (f"{NAME}-solution.ipynb" if solution else f"{NAME}.ipynb")


def difference(solution: bool) -> str | None:
    """How the stored notebook's cells differ from what ``write`` makes (outputs aside: they come from running it)."""
    path = path_of(solution)
    if not path.exists():
        return "missing"
    stored = [(cell.cell_type, cell.source) for cell in nbformat.read(path, as_version=4).cells]
    made = [(cell.cell_type, cell.source) for cell in cells(solution)]
    for number, (old, new) in enumerate(zip(stored, made), start=1):
        if old != new:
            return f"cell {number} differs: on disk {old[1][:60]!r}, generated {new[1][:60]!r}"
    return None if len(stored) == len(made) else f"{len(stored)} cells on disk, {len(made)} generated"


def main(argv: list[str] | None = None) -> int:
    args = generated.parser(__doc__).parse_args(argv)
    if args.check:
        problems = {path_of(s): why for s in (False, True) if (why := difference(s))}
        for path, why in problems.items():
            print(f"out of date: {path.relative_to(ROOT)}: {why}", file=sys.stderr)
        return 1 if problems else 0
    for solution in (False, True):
        print(write(solution).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
