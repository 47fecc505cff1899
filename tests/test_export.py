"""The converters to supervision, COCO and pandas keep every item, its kind, name, box, polygon and score."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

import vision_viz as vv
from tests.conftest import DATA

PUBLISHED = DATA / "published-responses"
SAMPLE = PUBLISHED / "2023-10-01" / "analyze-all-features-sample-jpg-spec.json"
V32 = PUBLISHED / "v3.2" / "analyze-all-features-url.json"
FACES = PUBLISHED / "v3.2" / "faces-family-photo-4.json"
INVOICE = PUBLISHED / "document-intelligence" / "2024-11-30-invoice-excerpt.json"


def load(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def expected_items(body: dict) -> list[tuple[str, str, tuple[float, float, float, float]]]:
    """(kind, class name, pixel x, y, w, h) read straight from a 4.0 or 3.2 body, not through parse."""
    items = []
    for item in body.get("objectsResult", {}).get("values", []):
        box = item["boundingBox"]
        items.append(("object", item["tags"][0]["name"], (box["x"], box["y"], box["w"], box["h"])))
    for key, kind in (("peopleResult", "person"), ("denseCaptionsResult", "dense_caption"),
                      ("smartCropsResult", "smart_crop")):  # fmt: skip
        for item in body.get(key, {}).get("values", []):
            box = item["boundingBox"]
            items.append((kind, kind, (box["x"], box["y"], box["w"], box["h"])))
    for category in body.get("categories", []):
        for celebrity in category.get("detail", {}).get("celebrities", []):
            r = celebrity["faceRectangle"]
            items.append(("celebrity", celebrity["name"], (r["left"], r["top"], r["width"], r["height"])))
    for face in body.get("faces", []):
        r = face["faceRectangle"]
        items.append(("face", "face", (r["left"], r["top"], r["width"], r["height"])))
    for key, kind in (("objects", "object"), ("brands", "brand")):
        for item in body.get(key, []):
            r = item["rectangle"]
            items.append((kind, item.get("object") or item.get("name"), (r["x"], r["y"], r["w"], r["h"])))
    return items


def words_and_lines(body: dict) -> list[tuple[str, str, list[float]]]:
    """(kind, text, flat polygon) of every 4.0 line and word, straight from the body."""
    out = []
    for block in body.get("readResult", {}).get("blocks", []):
        for line in block["lines"]:
            out.append(("line", line["text"], [c for p in line["boundingPolygon"] for c in (p["x"], p["y"])]))
            for word in line["words"]:
                out.append(("word", word["text"], [c for p in word["boundingPolygon"] for c in (p["x"], p["y"])]))
    return out


BODIES = [SAMPLE, V32, FACES]
IDS = ["4.0-sample", "3.2-analyze", "3.2-faces"]


@pytest.mark.parametrize("path", BODIES, ids=IDS)
def test_coco_round_trips_every_box_and_name_of_a_published_body(path):
    body = load(path)
    coco = vv.to_coco(body, image_id=3, file_name="sample.jpg")
    names = {c["id"]: c["name"] for c in coco["categories"]}
    got = [(a["attributes"]["kind"], names[a["category_id"]], tuple(a["bbox"])) for a in coco["annotations"]]
    boxes = [item for item in got if item[0] not in ("line", "word")]
    assert len(boxes) == len(expected_items(body)) > 0
    for (kind, name, box), (want_kind, want_name, want_box) in zip(
        sorted(boxes), sorted(expected_items(body))
    ):  # fmt: skip
        assert (kind, name) == (want_kind, want_name)
        assert np.allclose(box, want_box, atol=1)
    assert {a["image_id"] for a in coco["annotations"]} == {3}
    if "metadata" in body:
        size = {"width": body["metadata"]["width"], "height": body["metadata"]["height"]}
        assert coco["images"] == [{"id": 3, "file_name": "sample.jpg", **size}]


def test_coco_keeps_text_polygons_scores_and_kinds():
    body = load(SAMPLE)
    coco = vv.to_coco(body)
    text = [a for a in coco["annotations"] if a["attributes"]["kind"] in ("line", "word")]
    expected = words_and_lines(body)
    assert [(a["attributes"]["kind"], a["attributes"]["label"]) for a in text] == [(k, t) for k, t, _ in expected]
    for annotation, (_, _, polygon) in zip(text, expected):
        assert np.allclose(annotation["segmentation"][0], polygon, atol=1)
    words = [a for a in text if a["attributes"]["kind"] == "word"]
    assert all("score" in a for a in words) and not any("score" in a for a in text if a not in words)
    kinds = {c["supercategory"] for c in coco["categories"]}
    assert kinds == {"object", "person", "dense_caption", "smart_crop", "line", "word"}
    crops = [a for a in coco["annotations"] if a["attributes"]["kind"] == "smart_crop"]
    assert crops and not any("score" in a or "segmentation" in a for a in crops)


@pytest.mark.parametrize("path", BODIES, ids=IDS)
def test_supervision_round_trips_every_box_and_name_of_a_published_body(path):
    body = load(path)
    detections = vv.to_supervision(body)
    analysis = vv.parse(body)
    assert len(detections) == len(analysis.annotations)
    got = [(detections.data["kind"][i], detections.data["class_name"][i], tuple(detections.xyxy[i]))
           for i in range(len(detections)) if detections.data["kind"][i] not in ("line", "word")]  # fmt: skip
    want = [(k, n, (x, y, x + w, y + h)) for k, n, (x, y, w, h) in expected_items(body)]
    assert len(got) == len(want)
    for (kind, name, box), (want_kind, want_name, want_box) in zip(sorted(got), sorted(want)):
        assert (kind, name) == (want_kind, want_name) and np.allclose(box, want_box, atol=1)
    names = detections.data["class_name"]
    assert all(names[i] == names[j] for i in range(len(names)) for j in range(len(names))
               if detections.class_id[i] == detections.class_id[j])  # fmt: skip
    confidences = [a.confidence for a in analysis.annotations]
    assert np.array_equal(np.isnan(detections.confidence), [c is None for c in confidences])


def test_supervision_keeps_text_and_polygons_and_filters_like_draw():
    body = load(SAMPLE)
    words = vv.to_supervision(body, kinds=["word"])
    expected = [(t, p) for k, t, p in words_and_lines(body) if k == "word"]
    assert list(words.data["label"]) == [t for t, _ in expected] and set(words.data["class_name"]) == {"word"}
    assert all(np.allclose(words.data["polygon"][i].ravel(), p, atol=1) for i, (_, p) in enumerate(expected))
    assert words[[0]].data["label"][0] == expected[0][0]  # indexing keeps the per-detection data
    empty = vv.to_supervision({"captionResult": {"text": "a cat", "confidence": 0.9}})
    assert len(empty) == 0 and empty.xyxy.shape == (0, 4)


def test_records_and_dataframe_list_every_annotation_with_its_kind():
    body = load(SAMPLE)
    records = vv.to_records(body)
    analysis = vv.parse(body)
    assert len(records) == len(analysis.annotations)
    assert [(r["kind"], r["label"], (r["x1"], r["y1"], r["x2"], r["y2"])) for r in records] == [
        (a.kind, a.label, a.box) for a in analysis.annotations
    ]
    objects = [(r["class_name"], r["x1"], r["y1"], r["x2"] - r["x1"], r["y2"] - r["y1"])
               for r in records if r["kind"] == "object"]  # fmt: skip
    assert sorted(objects) == sorted((n, *b) for k, n, b in expected_items(body) if k == "object")
    frame = vv.to_dataframe(body)
    assert len(frame) == len(records) and list(frame.columns)[:3] == ["kind", "class_name", "label"]
    assert frame.groupby("kind").size().to_dict() == {
        kind: sum(r["kind"] == kind for r in records) for kind in {r["kind"] for r in records}
    }


def test_inch_pages_need_the_rendered_size_and_are_scaled_by_it():
    body = load(INVOICE)
    with pytest.raises(ValueError, match="inches.*image_size"):
        vv.to_coco(body)
    coco = vv.to_coco(body, image_size=(850, 1100))
    first = next(a for a in coco["annotations"] if a["attributes"]["kind"] == "word")
    assert first["attributes"]["label"] == "CONTOSO"
    assert np.allclose(first["bbox"], [59.11, 68.57, 115.4, 18.07], atol=0.01)
    assert coco["images"][0]["width"] == 850
    cells = [a for a in coco["annotations"] if a["attributes"]["kind"] == "table_cell"]
    assert len(cells) == 12 and all(len(a["segmentation"][0]) == 8 for a in cells)


@pytest.mark.parametrize("converter", ["to_supervision", "to_dataframe"])
def test_a_missing_optional_library_names_the_install_command(converter, monkeypatch):
    module = "supervision" if converter == "to_supervision" else "pandas"
    monkeypatch.setitem(sys.modules, module, None)  # as if it were not installed
    with pytest.raises(ModuleNotFoundError, match=r'pip install "vision-viz\[export\]"'):
        getattr(vv, converter)(load(SAMPLE))


def test_supervision_annotators_draw_the_exported_detections():
    import supervision as sv

    body = {"objectsResult": {"values": [{"boundingBox": {"x": 10, "y": 20, "w": 30, "h": 40},
                                          "tags": [{"name": "dog", "confidence": 0.9}]}]},
            "peopleResult": {"values": [
                {"boundingBox": {"x": 50, "y": 5, "w": 20, "h": 20}, "confidence": 0.7}]}}  # fmt: skip
    detections = vv.to_supervision(body)
    scene = np.full((80, 100, 3), 255, dtype=np.uint8)
    boxed = sv.BoxAnnotator(thickness=1).annotate(scene.copy(), detections)
    assert (boxed[20, 25] != 255).any() and (boxed[40, 25] == 255).all()  # the dog's top edge, not its inside
    labelled = sv.LabelAnnotator().annotate(scene.copy(), detections)  # reads data["class_name"]
    assert (labelled != 255).any()


def test_each_page_is_scaled_by_its_own_size():
    body = {"result": {"contents": [{"unit": "inch", "pages": [
        {"pageNumber": 1, "width": 8.5, "height": 11}, {"pageNumber": 2, "width": 11, "height": 8.5}],
        "fields": {"Total": {"valueNumber": 12, "source": "D(1,1,1,2,1);D(2,1,1,2,1)"}}}]}}  # fmt: skip
    records = vv.to_records(body, image_size=(850, 1100))
    assert [(r["page"], r["x1"], r["y1"], r["x2"], r["y2"]) for r in records] == [
        (1, 100, 100, 300, 200),
        (2, 1 * 850 / 11, 1 * 1100 / 8.5, 3 * 850 / 11, 2 * 1100 / 8.5),
    ]
    assert [a["attributes"]["page"] for a in vv.to_coco(body, image_size=(1100, 850), page=2)["annotations"]] == [2]
