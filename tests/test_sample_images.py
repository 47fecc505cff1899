"""The sample images: manifest, checksums, service limits, reproducible renders, example bodies.

Every sample is an image both API versions take, except the documents (TIFF, PDF): those are for
the 3.2 Read API, which reads every page of them.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageOps, ImageSequence, ImageStat

import vision_viz as vv
from conftest import DATA, ROOT

IMAGES = ROOT / "notebooks" / "images"
MANIFEST = IMAGES / "MANIFEST.csv"
NOT_IMAGES = {"MANIFEST.csv", "README.md", "LICENSE-microsoft-samples"}
COLUMNS = ["file", "shows", "source", "licence", "sha256", "width", "height"]
RENDER_SCRIPT = ROOT / "tools" / "render_sample_images.py"
RENDERED_SOURCE = "rendered by tools/render_sample_images.py"
LAYOUTS = ROOT / "tools" / "sample_layouts"
BODIES = ROOT / "tools" / "example_bodies" / "4.0"
READ_BODIES = ROOT / "tools" / "example_bodies" / "3.2" / "read"
DOCUMENT_SUFFIXES = {".tif", ".tiff", ".pdf"}

# Limits that hold for both Image Analysis 3.2 and 4.0.
MIN_SIDE, MAX_SIDE, MAX_BYTES = 50, 16_000, 4 * 1024 * 1024
# Read 3.2: every page of a document at most 10,000 pixels a side; 4 MB on the free tier.
READ_MAX_SIDE = 10_000


def _rows() -> list[dict[str, str]]:
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()
ROW_IDS = [row["file"] for row in ROWS]
RENDERED = [row["file"] for row in ROWS if row["source"].startswith(RENDERED_SOURCE)]
FILES = sorted(p.name for p in IMAGES.iterdir() if p.is_file() and p.name not in NOT_IMAGES)
DOCUMENT_FILES = [name for name in FILES if Path(name).suffix.lower() in DOCUMENT_SUFFIXES]
IMAGE_FILES = [name for name in FILES if name not in DOCUMENT_FILES]
IMAGE_ROWS = [row for row in ROWS if row["file"] not in DOCUMENT_FILES]


# --- the manifest and the folder agree ---------------------------------------------------------


def test_manifest_has_the_documented_columns():
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == COLUMNS


def test_manifest_lists_each_file_once():
    assert len(ROW_IDS) == len(set(ROW_IDS)), sorted(f for f in ROW_IDS if ROW_IDS.count(f) > 1)


def test_every_file_in_the_folder_is_listed():
    assert sorted(set(FILES) - set(ROW_IDS)) == []


def test_every_listed_file_exists():
    assert sorted(set(ROW_IDS) - set(FILES)) == []


# --- each image ---------------------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_checksum_matches(row):
    assert hashlib.sha256((IMAGES / row["file"]).read_bytes()).hexdigest() == row["sha256"]


def _page_sizes(path: Path) -> list[tuple[int, int]]:
    """Each page's size: pixels for images and TIFFs, points (1/72 inch) for a PDF."""
    if path.suffix.lower() == ".pdf":
        document = pypdfium2.PdfDocument(path)
        return [(round(page.get_width()), round(page.get_height())) for page in document]
    with Image.open(path) as im:
        return [frame.size for frame in ImageSequence.Iterator(im)]


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_pixel_size_matches(row):
    assert _page_sizes(IMAGES / row["file"])[0] == (int(row["width"]), int(row["height"]))


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_provenance_is_recorded(row):
    for column in ("shows", "source", "licence"):
        assert row[column].strip(), f"{row['file']}: empty {column}"


@pytest.mark.parametrize("row", IMAGE_ROWS, ids=[row["file"] for row in IMAGE_ROWS])
def test_fits_the_limits_of_both_api_versions(row):
    path = IMAGES / row["file"]
    with Image.open(path) as im:
        assert im.format in {"JPEG", "PNG"}
        width, height = im.size
    assert MIN_SIDE < width < MAX_SIDE and MIN_SIDE < height < MAX_SIDE, (width, height)
    assert path.stat().st_size < MAX_BYTES


@pytest.mark.parametrize("name", DOCUMENT_FILES, ids=DOCUMENT_FILES)
def test_document_fits_the_limits_of_read_3_2(name):
    path = IMAGES / name
    assert vv.check_image(path, api="3.2-read").format == {".pdf": "PDF"}.get(path.suffix.lower(), "TIFF")
    assert path.stat().st_size < MAX_BYTES  # the free tier's limit
    sizes = _page_sizes(path)  # a PDF's in points: at 72 dpi, far below the pixel limit
    assert len(sizes) >= 2, "a document sample should have several pages"
    for width, height in sizes:
        assert MIN_SIDE <= width <= READ_MAX_SIDE and MIN_SIDE <= height <= READ_MAX_SIDE, (width, height)


def test_two_page_letter_is_a_small_black_and_white_scan():
    path = IMAGES / "two-page-letter.tiff"
    assert path.stat().st_size < 50_000
    with Image.open(path) as im:
        assert im.n_frames == 2
        for frame in ImageSequence.Iterator(im):
            assert (frame.mode, frame.size, frame.info["compression"]) == ("1", (850, 1100), "group4")


def test_exif_sample_is_stored_rotated_with_orientation_6():
    with Image.open(IMAGES / "chelsea-exif-orientation-6.jpg") as im:
        assert im.getexif().get(0x0112) == 6
        stored = im.size
        upright = ImageOps.exif_transpose(im)
    assert upright.size == stored[::-1]
    with Image.open(IMAGES / "chelsea.png") as original:
        assert upright.size == original.size
        # the upright pixels are the original photo (up to JPEG loss), not a mirror or 180° turn
        diff = ImageChops.difference(upright.convert("L"), original.convert("L"))
        assert ImageStat.Stat(diff).mean[0] < 4


# --- the rendered images are reproducible ------------------------------------------------------


@pytest.fixture(scope="module")
def rerendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    subprocess.run(
        [sys.executable, str(RENDER_SCRIPT), "--out", str(out), "--layouts", str(out / "layouts")],
        check=True,
        capture_output=True,
    )
    return out


def test_render_script_makes_exactly_the_rendered_files(rerendered):
    made = sorted(p.name for p in rerendered.iterdir() if p.is_file())
    assert made == sorted(RENDERED)


@pytest.mark.parametrize("name", RENDERED, ids=RENDERED)
def test_rendered_image_is_reproduced_byte_for_byte(rerendered, name):
    assert (rerendered / name).read_bytes() == (IMAGES / name).read_bytes()


LAYOUT_FILES = sorted(p.name for p in LAYOUTS.glob("*.json"))


@pytest.mark.parametrize("name", LAYOUT_FILES, ids=LAYOUT_FILES)
def test_layout_is_reproduced_byte_for_byte(rerendered, name):
    assert (rerendered / "layouts" / name).read_bytes() == (LAYOUTS / name).read_bytes()


def test_every_rendered_image_with_text_has_a_layout():
    with_text = {"shop-receipt", "multilingual-notice", "rotated-sign", "two-page-letter"}
    assert {Path(n).stem for n in LAYOUT_FILES} == with_text


@pytest.mark.parametrize("name", LAYOUT_FILES, ids=LAYOUT_FILES)
def test_layout_polygons_lie_inside_their_image(name):
    layout = json.loads((LAYOUTS / name).read_text(encoding="utf-8"))
    with Image.open(IMAGES / layout["image"]) as im:
        sizes = [frame.size for frame in ImageSequence.Iterator(im)]
    assert len(sizes) == layout["pages"]
    assert set(sizes) == {(layout["width"], layout["height"])}
    assert {line["page"] for line in layout["lines"]} == set(range(1, layout["pages"] + 1))
    for line in layout["lines"]:
        assert line["text"] == ("" if _is_cjk(line["text"]) else " ").join(w["text"] for w in line["words"])
        for polygon in [line["polygon"]] + [w["polygon"] for w in line["words"]]:
            assert len(polygon) == 4
            for x, y in polygon:
                assert 0 <= x <= layout["width"] and 0 <= y <= layout["height"], (line["text"], x, y)


def _is_cjk(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


# --- the example 4.0 bodies ---------------------------------------------------------------------


def _body(image: str) -> dict:
    return json.loads((BODIES / f"{Path(image).stem}.json").read_text(encoding="utf-8"))


# Microsoft published a real every-feature answer for its sample photo (tools/published_bodies/):
# the notebooks replay that one, so it needs no example.
PUBLISHED_ANSWER_IMAGES = {"image-analysis-sample.jpg"}
EXAMPLE_IMAGES = [name for name in IMAGE_FILES if name not in PUBLISHED_ANSWER_IMAGES]


def test_every_image_has_an_example_body_and_no_body_is_orphaned():
    assert sorted(p.stem for p in BODIES.glob("*.json")) == sorted(Path(f).stem for f in EXAMPLE_IMAGES)


def test_the_images_without_an_example_have_a_published_answer():
    published = (ROOT / "tools" / "published_bodies" / "MANIFEST.md").read_text(encoding="utf-8")
    for name in PUBLISHED_ANSWER_IMAGES:
        assert name in FILES and f"notebooks/images/{name}" in published


@pytest.mark.parametrize("image", EXAMPLE_IMAGES, ids=EXAMPLE_IMAGES)
def test_body_is_shaped_like_a_real_analyze_all_features_body(image):
    body = _body(image)
    width, height = body["metadata"]["width"], body["metadata"]["height"]
    assert body["modelVersion"] == "2023-10-01"
    dense = body["denseCaptionsResult"]["values"]
    assert 1 <= len(dense) <= 10
    assert dense[0]["boundingBox"] == {"x": 0, "y": 0, "w": width, "h": height}
    tags = [t["confidence"] for t in body["tagsResult"]["values"]]
    assert tags == sorted(tags, reverse=True)
    crops = {c["aspectRatio"]: c["boundingBox"] for c in body["smartCropsResult"]["values"]}
    assert set(crops) == {0.9, 1.33}
    for ratio, box in crops.items():
        assert box["w"] / box["h"] == pytest.approx(ratio, rel=0.02)
    boxes = [
        v["boundingBox"] for v in dense + body["objectsResult"]["values"] + body["peopleResult"]["values"]
    ]
    for box in boxes + list(crops.values()):
        assert box["w"] > 0 and box["h"] > 0
        assert box["x"] + box["w"] <= width and box["y"] + box["h"] <= height, box
    for block in body["readResult"]["blocks"]:
        for line in block["lines"]:
            for polygon in [line["boundingPolygon"]] + [w["boundingPolygon"] for w in line["words"]]:
                assert all(p["x"] <= width and p["y"] <= height for p in polygon)


IMAGE_LAYOUT_STEMS = [Path(n).stem for n in LAYOUT_FILES if Path(n).stem in {Path(f).stem for f in IMAGE_FILES}]
DOCUMENT_STEMS = [Path(n).stem for n in DOCUMENT_FILES if n in RENDERED]  # Microsoft's PDF: below


@pytest.mark.parametrize("stem", IMAGE_LAYOUT_STEMS, ids=IMAGE_LAYOUT_STEMS)
def test_body_text_is_the_text_that_was_drawn(stem):
    layout = json.loads((LAYOUTS / f"{stem}.json").read_text(encoding="utf-8"))
    (block,) = _body(layout["image"])["readResult"]["blocks"]
    assert [line["text"] for line in block["lines"]] == [line["text"] for line in layout["lines"]]
    for got, drawn in zip(block["lines"], layout["lines"], strict=True):
        for word, drawn_word in zip(got["words"], drawn["words"], strict=True):
            assert word["text"] == drawn_word["text"]
            for p, (x, y) in zip(word["boundingPolygon"], drawn_word["polygon"], strict=True):
                assert abs(p["x"] - x) <= 0.5 and abs(p["y"] - y) <= 0.5


# --- the example Read 3.2 bodies of documents -------------------------------------------------------


@pytest.mark.parametrize("stem", DOCUMENT_STEMS, ids=DOCUMENT_STEMS)
def test_read_body_has_one_result_per_page_with_the_text_that_was_drawn(stem):
    layout = json.loads((LAYOUTS / f"{stem}.json").read_text(encoding="utf-8"))
    body = json.loads((READ_BODIES / f"{stem}-succeeded.json").read_text(encoding="utf-8"))
    pages = body["analyzeResult"]["readResults"]
    assert [page["page"] for page in pages] == list(range(1, layout["pages"] + 1))
    for page in pages:
        assert (page["width"], page["height"], page["unit"]) == (layout["width"], layout["height"], "pixel")
        drawn = [line for line in layout["lines"] if line["page"] == page["page"]]
        assert [line["text"] for line in page["lines"]] == [line["text"] for line in drawn]
        for got, line in zip(page["lines"], drawn, strict=True):
            pairs = [(got, line)] + list(zip(got["words"], line["words"], strict=True))
            for item, drawn_item in pairs:
                assert item["text"] == drawn_item["text"]
                corners = list(zip(item["boundingBox"][0::2], item["boundingBox"][1::2], strict=True))
                for (x, y), (dx, dy) in zip(corners, drawn_item["polygon"], strict=True):
                    assert abs(x - dx) <= 0.5 and abs(y - dy) <= 0.5, (item["text"], x, y, dx, dy)


def _pdf_body_tool():
    spec = importlib.util.spec_from_file_location("write_pdf_read_body", ROOT / "tools" / "write_pdf_read_body.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pdf_read_body_is_the_one_measured_from_the_pdf():
    tool = _pdf_body_tool()
    for name, body in tool.bodies().items():
        assert json.loads((READ_BODIES / f"handwritten-form-{name}.json").read_text(encoding="utf-8")) == body


def test_pdf_read_body_is_in_inches_and_each_word_box_holds_that_word_s_ink():
    body = json.loads((READ_BODIES / "handwritten-form-succeeded.json").read_text(encoding="utf-8"))
    document = pypdfium2.PdfDocument(IMAGES / "MultiPageHandwrittenForm.pdf")
    dpi = 100
    for page in body["analyzeResult"]["readResults"]:
        assert (page["width"], page["height"], page["unit"]) == (8.5, 11, "inch")
        ink = ImageOps.invert(document[page["page"] - 1].render(scale=dpi / 72).to_pil().convert("L"))
        handwritten = [line["text"] for line in page["lines"] if line["appearance"]["style"]["name"] == "handwriting"]
        assert handwritten == _pdf_body_tool().HANDWRITING[page["page"]]
        for line in page["lines"]:
            for word in line["words"]:
                left, top, right, _, _, _, _, bottom = (round(v * dpi) for v in word["boundingBox"])
                inside = ImageStat.Stat(ink.crop((left, top, right, bottom))).sum[0]
                around = ImageStat.Stat(ink.crop((left - 4, top - 1, right + 4, bottom + 1))).sum[0]  # not the rules
                assert inside > 0.9 * around, (word["text"], inside, around)  # the word's ink is inside its box
                ink_box = ink.crop((left, top, right, bottom)).point(lambda v: 255 * (v > 128)).getbbox()
                slack = [ink_box[0], ink_box[1], right - left - ink_box[2], bottom - top - ink_box[3]]
                assert max(slack) <= 4, (word["text"], slack)  # and the box is tight around it


def test_read_bodies_are_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "write_read_bodies.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_whiteboard_read_3_2_body_has_the_words_and_boxes_of_the_4_0_one():
    """Notebooks 07 (4.0) and 28 (3.2) show one example answer for the whiteboard, in two shapes."""
    v4 = json.loads((ROOT / "tools/example_bodies/4.0/read/handwritten_text.json").read_text(encoding="utf-8"))
    v3 = json.loads((READ_BODIES / "handwritten_text-succeeded.json").read_text(encoding="utf-8"))

    def flat(polygon: list[dict]) -> list[int]:
        return [value for point in polygon for value in (point["x"], point["y"])]

    expected = [
        (line["text"], flat(line["boundingPolygon"]), [(w["text"], flat(w["boundingPolygon"])) for w in line["words"]])
        for block in v4["readResult"]["blocks"] for line in block["lines"]
    ]
    (page,) = v3["analyzeResult"]["readResults"]
    assert (page["width"], page["height"], page["unit"]) == (v4["metadata"]["width"], v4["metadata"]["height"], "pixel")
    got = [(line["text"], line["boundingBox"], [(w["text"], w["boundingBox"]) for w in line["words"]])
           for line in page["lines"]]
    assert got == expected


def _height_at(polygon: list[dict], x: float) -> tuple[float, float]:
    """The top and bottom of a four-point polygon (top edge first, as Read gives it) at ``x``."""
    (a, b, c, d) = [(point["x"], point["y"]) for point in polygon]

    def on(p, q):
        return p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0])

    return on(a, b), on(d, c)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(ROOT / "tools/example_bodies/4.0/read/handwritten_text.json", id="whiteboard-example"),
        pytest.param(DATA / "published-responses/2024-02-01/read-handwritten-note.json", id="real-handwriting"),
        pytest.param(DATA / "published-responses/2023-10-01/analyze-all-features-sample-jpg-spec.json", id="real-card"),
    ],
)
def test_read_word_boxes_are_as_high_as_their_line(path):
    # Issue (learner review): the whiteboard example's word boxes hugged each word's ink ("see" 16 px
    # high, "change" 46), so words written over them came out at wandering sizes and baselines. The
    # real answers Microsoft published give each word the height of its line; the example now does too.
    body = json.loads(path.read_text(encoding="utf-8"))
    for line in (line for block in body["readResult"]["blocks"] for line in block["lines"]):
        for word in line["words"]:
            middle = sum(point["x"] for point in word["boundingPolygon"]) / 4
            line_top, line_bottom = _height_at(line["boundingPolygon"], middle)
            word_top, word_bottom = _height_at(word["boundingPolygon"], middle)
            assert word_bottom - word_top >= 0.8 * (line_bottom - line_top), (line["text"], word["text"])
            assert word_top >= line_top - 4 and word_bottom <= line_bottom + 4, (line["text"], word["text"])
