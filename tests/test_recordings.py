"""Every recording the notebooks replay: schema-valid, labelled, scrubbed, and about real images."""

import hashlib
import json
from urllib.parse import parse_qsl, urlsplit

import jsonschema
import pytest

from conftest import DATA, ROOT
from openapi import definition_for, validate
from vision_viz._recording import PROVENANCE_HEADER
from vision_viz._settings import PLACEHOLDER_ENDPOINT

RECORDINGS = sorted((ROOT / "notebooks" / "recordings").glob("*.json"))
IMAGES = ROOT / "notebooks" / "images"
IMAGE_DIGESTS = {"sha256:" + hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in IMAGES.iterdir()}


def interactions(keep=lambda interaction: True):
    return [
        pytest.param(interaction, id=f"{path.stem}-{index}")
        for path in RECORDINGS
        for index, interaction in enumerate(json.loads(path.read_text(encoding="utf-8"))["interactions"])
        if keep(interaction)
    ]


def has_json_body(interaction):
    return "json" in interaction["response"]["body"]


def describes_a_bundled_image(interaction):
    body = interaction["response"]["body"].get("json")
    return isinstance(body, dict) and "metadata" in body and interaction["request"]["body"] in IMAGE_DIGESTS


def test_there_are_recordings():
    assert RECORDINGS, "notebooks/recordings/ is empty: run tools/write_example_recordings.py"


# Binary bodies (thumbnails, PNG cut-outs) have no schema.
@pytest.mark.parametrize("interaction", interactions(has_json_body))
def test_json_bodies_follow_the_official_schema(interaction):
    response = interaction["response"]
    path = urlsplit(interaction["request"]["uri"]).path
    found = definition_for(path, response["status"]["code"])
    assert found, f"no schema known for {path}: add it to tests/openapi.py"
    validate(response["body"]["json"], *found)


@pytest.mark.parametrize("interaction", interactions())
def test_every_response_says_where_it_came_from(interaction):
    provenance = interaction["response"]["headers"][PROVENANCE_HEADER][0]
    assert provenance.startswith(("example written by the vision_viz authors", "recorded from the live service on ",
                                  "published by Microsoft: a real answer of the live service for this picture ("))


def published(interaction):
    return interaction["response"]["headers"][PROVENANCE_HEADER][0].startswith("published by Microsoft")


@pytest.mark.parametrize("interaction", interactions(published))
def test_a_published_answer_is_replayed_for_exactly_its_published_request(interaction):
    """Microsoft's answer for its sample photo, unchanged, for the request of AnalyzeFromUrl_MaximumSet.json."""
    body = json.loads((ROOT / "tools/published_bodies/2023-10-01/analyze-all-features-sample-jpg.json").read_text())
    assert interaction["response"]["body"]["json"] == body
    request = interaction["request"]
    assert json.loads(request["body"]) == {"url": "https://aka.ms/azai/vision/image-analysis-sample.jpg"}
    query = dict(parse_qsl(urlsplit(request["uri"]).query))
    assert query == {
        "api-version": "2023-10-01",
        "features": "read,tags,objects,people,caption,denseCaptions,smartCrops",
        "language": "en",
        "gender-neutral-caption": "true",
        "smartcrops-aspect-ratios": "0.9,1.33",
        "model-version": "latest",
    }


@pytest.mark.parametrize("interaction", interactions())
def test_requests_are_scrubbed_and_name_bundled_images(interaction):
    request = interaction["request"]
    assert request["uri"].startswith(PLACEHOLDER_ENDPOINT + "/")
    assert not any(name.lower() == "ocp-apim-subscription-key" for name in request["headers"])
    body = request["body"]
    if isinstance(body, str) and body.startswith("sha256:"):
        assert body in IMAGE_DIGESTS, "the uploaded image is not one of notebooks/images (or it changed)"


@pytest.mark.parametrize("interaction", interactions(describes_a_bundled_image))
def test_metadata_matches_the_uploaded_image(interaction):
    request, body = interaction["request"], interaction["response"]["body"]["json"]
    from PIL import Image, ImageOps

    with Image.open(IMAGES / IMAGE_DIGESTS[request["body"]]) as image:
        width, height = ImageOps.exif_transpose(image).size
    assert (body["metadata"]["width"], body["metadata"]["height"]) == (width, height)


def test_the_validator_rejects_a_body_that_breaks_the_schema():
    body = json.loads((DATA / "published-responses/2023-10-01/analyze-all-features-sample-jpg-spec.json").read_text())
    validate(body, "imageanalysis-2023-10-01.json", "ImageAnalysisResult")
    del body["objectsResult"]["values"][0]["boundingBox"]["w"]
    with pytest.raises(jsonschema.ValidationError, match="'w' is a required property"):
        validate(body, "imageanalysis-2023-10-01.json", "ImageAnalysisResult")


@pytest.mark.parametrize("name, definition", [
    ("v3.2/analyze-all-features-url.json", "ImageAnalysis"),
    ("v3.2/area-of-interest.json", "AreaOfInterestResult"),
    ("v3.2/ocr-goal-without-plan.json", "OcrResult"),
    ("v3.2/models-list.json", "ListModelsResult"),
])
def test_the_validator_accepts_published_3_2_bodies(name, definition):
    body = json.loads((DATA / "published-responses" / name).read_text())
    validate(body, "computervision-v3.2.json", definition)


def test_the_only_exception_to_the_schema_is_an_empty_read_result():
    body = {"modelVersion": "2023-10-01", "metadata": {"width": 100, "height": 100}, "readResult": {"blocks": []}}
    validate(body, "imageanalysis-2023-10-01.json", "ImageAnalysisResult")
    body["readResult"]["blocks"] = [{"lines": []}]
    with pytest.raises(jsonschema.ValidationError, match="should be non-empty"):
        validate(body, "imageanalysis-2023-10-01.json", "ImageAnalysisResult")


@pytest.fixture
def writer(monkeypatch, tmp_path):
    """tools/write_example_recordings.py, writing into a temporary recordings folder."""
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import write_example_recordings

    monkeypatch.setattr(write_example_recordings, "RECORDINGS", tmp_path)
    return write_example_recordings


def test_rewriting_a_recording_keeps_live_answers_and_replaces_every_saved_one(writer, tmp_path):
    example = writer.Example(writer.ANALYZE_4_0, {"api-version": "2023-10-01", "features": "tags"},
                             "4.0/tags/coffee.json", writer.SCHEMA_4_0, image="coffee.jpg")
    published = writer.published_sample_answer()
    writer.write("test.json", [example, published])
    cassette = json.loads((tmp_path / "test.json").read_text(encoding="utf-8"))
    live = dict(cassette["interactions"][0], response=dict(cassette["interactions"][0]["response"]))
    live["request"] = dict(live["request"], uri=live["request"]["uri"] + "&language=es")
    live["response"]["headers"] = {PROVENANCE_HEADER: ["recorded from the live service on 2026-12-01"]}
    stale = json.loads(json.dumps(cassette["interactions"][1]))
    stale["request"]["uri"] += "&stale=1"  # a published answer the specs no longer ask for
    cassette["interactions"] += [live, stale]
    (tmp_path / "test.json").write_text(json.dumps(cassette), encoding="utf-8")

    writer.write("test.json", [example, published])
    provenances = [i["response"]["headers"][PROVENANCE_HEADER][0]
                   for i in json.loads((tmp_path / "test.json").read_text(encoding="utf-8"))["interactions"]]
    assert len(provenances) == 3
    assert provenances[0].startswith("example written by the vision_viz authors")
    assert provenances[1].startswith("published by Microsoft: a real answer of the live service for this picture (")
    assert provenances[2] == "recorded from the live service on 2026-12-01"


def test_a_drawing_of_the_published_answer_says_microsoft_published_it(writer):
    from vision_viz._provenance import provenance_note

    headers = writer.published_sample_answer().interaction()["response"]["headers"]
    assert provenance_note(headers[PROVENANCE_HEADER][0]) == (
        "Published by Microsoft: a real answer of the live service for this picture")
