"""Offline, every bundled picture answers every feature; wrong requests get the service's error;
an own photo gets one friendly paragraph (vision_viz/_offline.py)."""

import io
import itertools
import json
from pathlib import Path

import pytest
from PIL import Image

from openapi import definition_for, validate
from vision_viz import (
    MissingRecordingError,
    Settings,
    VisionServiceError,
    provenance,
    start_session,
)
from vision_viz._offline import FEATURES_4_0, rule_error
from vision_viz._recording import stop_session

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
RECORDINGS = NOTEBOOKS / "recordings"
CATALOGUE = json.loads((RECORDINGS / "catalogue" / "4.0.json").read_text(encoding="utf-8"))["pictures"]
PICTURES = [p["image"] for p in CATALOGUE]
FEATURES = ["caption", "denseCaptions", "tags", "objects", "people", "read", "smartCrops"]
ANALYZE = "/computervision/imageanalysis:analyze"
OCTETS = {"Content-Type": "application/octet-stream"}


@pytest.fixture
def session():
    with start_session(RECORDINGS / "01-analyze-an-image.json", Settings()) as replay:
        yield replay
    stop_session()


def analyze(session, image: str, **params: str):
    query = {"api-version": "2023-10-01", **params}
    return session.post(session.endpoint + ANALYZE, params=query, headers=OCTETS,
                        data=(NOTEBOOKS / "images" / image).read_bytes())


def test_every_bundled_picture_but_the_multipage_tiff_is_catalogued():
    bundled = {p.name for p in (NOTEBOOKS / "images").iterdir() if p.suffix in (".jpg", ".png")}
    assert bundled == set(PICTURES)


REQUESTS = [[f] for f in FEATURES] + [list(c) for c in itertools.combinations(FEATURES, 3)][::7] + [FEATURES]


@pytest.mark.parametrize("image", PICTURES)
def test_every_feature_of_every_picture_answers_offline_and_validates(session, image):
    for features in REQUESTS:
        response = analyze(session, image, features=",".join(features), **{"gender-neutral-caption": "true"})
        body = response.json()
        validate(body, *definition_for(ANALYZE, 200))
        expected = {"modelVersion", "metadata", *(FEATURES_4_0[f.lower()] for f in features)}
        assert set(body) == expected, features
        assert "cut from the" in provenance(response) and "answer for this picture" in provenance(response)


def test_the_same_picture_gets_the_same_caption_in_every_notebook(session):
    """Every recorded 4.0 caption of a bundled picture equals the catalogue's for the same gender-neutral-caption:
    neutral for true, gendered for false and for the default (false)."""
    neutral = {p["digest"]: p["body"]["captionResult"]["text"] for p in CATALOGUE}
    gendered = {p["digest"]: p.get("gendered", p["body"])["captionResult"]["text"] for p in CATALOGUE}
    checked = {True: 0, False: 0}
    for recording in RECORDINGS.glob("*.json"):
        for interaction in json.loads(recording.read_text(encoding="utf-8"))["interactions"]:
            request, body = interaction["request"], interaction["response"]["body"].get("json")
            if ANALYZE in request["uri"] and request["body"] in neutral and isinstance(body, dict) \
                    and "captionResult" in body:
                is_neutral = "gender-neutral-caption=true" in request["uri"]
                expected = (neutral if is_neutral else gendered)[request["body"]]
                assert body["captionResult"]["text"] == expected, (recording.name, request["uri"])
                checked[is_neutral] += 1
    assert checked[True] >= 3 and checked[False] >= 3


@pytest.mark.parametrize("image, gendered", [("astronaut.jpg", "a woman in an orange space suit"),
                                             ("camera.png", "a man taking a picture with a camera on a tripod"),
                                             ("grace-hopper.jpg", "an older woman in a military uniform and hat")])
def test_gender_neutral_caption_false_or_left_out_gives_the_gendered_example(session, image, gendered):
    """The service's default is gendered captions (how-to-call-analyze-v4.0, 'Select gender neutral captions')."""
    for options in ({"gender-neutral-caption": "false"}, {}):
        response = analyze(session, image, features="caption,denseCaptions", **options)
        body = response.json()
        assert body["captionResult"]["text"] == gendered
        assert not any("person" in v["text"] for v in body["denseCaptionsResult"]["values"])
        assert provenance(response).startswith("example written by the vision_viz authors to the Image Analysis "
                                               "2023-10-01 schema: gendered captions (gender-neutral-caption=false")
    neutral = analyze(session, image, features="caption", **{"gender-neutral-caption": "true"}).json()
    assert neutral["captionResult"]["text"] != gendered and "person" in neutral["captionResult"]["text"]


def test_every_picture_with_people_has_gendered_captions_but_microsofts_published_one():
    with_people = {p["image"] for p in CATALOGUE
                   if any(t["name"] == "person" for t in p["body"]["tagsResult"]["values"])}
    assert {p["image"] for p in CATALOGUE if "gendered" in p} == with_people - {"image-analysis-sample.jpg"}
    assert len(with_people) >= 4


def test_a_picture_without_people_says_its_caption_was_written_once(session):
    response = analyze(session, "horse.png", features="caption", **{"gender-neutral-caption": "false"})
    assert "written once, for either value of gender-neutral-caption" in provenance(response)


def test_microsofts_gender_neutral_answer_is_not_passed_off_as_the_answer_to_false(session):
    response = session.post(session.endpoint + ANALYZE, params={"api-version": "2023-10-01", "features": "caption"},
                            json={"url": "https://aka.ms/azai/vision/image-analysis-sample.jpg"})
    assert provenance(response).startswith("Microsoft's published real answer for this picture to "
                                           "gender-neutral-caption=true, served to a request for false")


@pytest.mark.parametrize("image", PICTURES)
@pytest.mark.parametrize("extra", [{}, {"features": "smartCrops,caption"}], ids=["smartCrops", "with-caption"])
def test_without_ratios_every_picture_gives_the_one_crop_the_documentation_promises(session, image, extra):
    """How-to (4.0): without smartcrops-aspect-ratios, 'one crop suggestion with an aspect ratio it sees fit',
    between 0.5 and 2.0."""
    response = analyze(session, image, **{"features": "smartCrops", **extra, "gender-neutral-caption": "true"})
    crops = response.json()["smartCropsResult"]["values"]
    assert len(crops) == 1 and 0.5 <= crops[0]["aspectRatio"] <= 2.0
    assert "the one crop the service returns when smartcrops-aspect-ratios is left out" in provenance(response)


def test_coffee_without_ratios_is_notebook_08s_saved_choice(session):
    saved = json.loads((ROOT / "tools/example_bodies/4.0/smart-crops/coffee-service-choice.json").read_text())
    response = analyze(session, "coffee.jpg", features="smartCrops,caption", **{"gender-neutral-caption": "true"})
    assert response.json()["smartCropsResult"] == saved["smartCropsResult"]


def test_notebook_08s_coffee_crops_are_the_catalogues_for_the_same_ratios(session):
    """A ratio gets the same box whatever else the request asks for."""
    recorded = json.loads((RECORDINGS / "08-crop-smartly.json").read_text(encoding="utf-8"))["interactions"]
    boxes = {}
    for interaction in recorded:
        body = interaction["response"]["body"].get("json") or {}
        if "smartcrops-aspect-ratios" in interaction["request"]["uri"] and "smartCropsResult" in body:
            boxes.update({(interaction["request"]["body"], c["aspectRatio"]): c["boundingBox"]
                          for c in body["smartCropsResult"]["values"]})
    coffee = next(p for p in CATALOGUE if p["image"] == "coffee.jpg")
    ratios = [r for (digest, r) in boxes if digest == coffee["digest"]]
    assert len(ratios) >= 3
    response = analyze(session, "coffee.jpg", features="smartCrops,caption",
                       **{"smartcrops-aspect-ratios": ",".join(f"{r:g}" for r in ratios) + ",1.2"})
    served = {c["aspectRatio"]: c["boundingBox"] for c in response.json()["smartCropsResult"]["values"]}
    for ratio in ratios:
        assert served[ratio] == boxes[(coffee["digest"], ratio)], ratio


def test_a_misspelt_parameter_stops_and_is_named(session):
    with pytest.raises(MissingRecordingError) as caught:
        analyze(session, "coffee.jpg", features="smartCrops", **{"smartcrop-aspect-ratios": "1.0"})
    assert "smartcrop-aspect-ratios (did you mean smartcrops-aspect-ratios?) is not among the parameters" \
        in str(caught.value)


def test_smart_crops_for_other_ratios_are_computed_and_labelled(session):
    response = analyze(session, "coffee.jpg", features="smartCrops", **{"smartcrops-aspect-ratios": "1.0,1.5"})
    crops = response.json()["smartCropsResult"]["values"]
    metadata = response.json()["metadata"]
    assert [c["aspectRatio"] for c in crops] == [1.0, 1.5]
    for crop in crops:
        box = crop["boundingBox"]
        assert abs(box["w"] / box["h"] - crop["aspectRatio"]) < 0.01
        assert box["x"] + box["w"] <= metadata["width"] and box["y"] + box["h"] <= metadata["height"]
    assert provenance(response).startswith("example: smart crops for these aspect ratios computed by vision_viz")


def test_the_published_sample_is_cut_from_microsofts_real_answer(session):
    response = session.post(session.endpoint + ANALYZE, params={"api-version": "2023-10-01", "features": "tags"},
                            json={"url": "https://aka.ms/azai/vision/image-analysis-sample.jpg"})
    assert set(response.json()) == {"modelVersion", "metadata", "tagsResult"}
    assert provenance(response).startswith("published by Microsoft")
    assert "cut from the published real answer for this picture" in provenance(response)


def test_exact_recordings_keep_priority(session):
    """01's recording holds the full astronaut answer; replay serves it, not a cut."""
    response = analyze(session, "astronaut.jpg", features="caption,denseCaptions,tags,objects,people,read,smartCrops",
                       **{"smartcrops-aspect-ratios": "0.9,1.33", "gender-neutral-caption": "true", "language": "en"})
    assert "cut from" not in provenance(response)


# --- wrong requests ------------------------------------------------------------------------------


@pytest.mark.parametrize("params, status, code", [
    ({"features": "captions"}, 400, "NotSupportedVisualFeature"),
    ({"features": "Description"}, 400, "NotSupportedVisualFeature"),
    ({}, 400, "BadArgument"),
    ({"features": "caption", "language": "es"}, 400, "NotSupportedLanguage"),
    ({"features": "smartCrops", "smartcrops-aspect-ratios": "3"}, 400, "BadArgument"),
    ({"features": "tags", "api-version": None}, 404, "404"),
    ({"features": "tags", "api-version": "2023-02-01-preview"}, 404, "404"),
], ids=["misspelt", "3.2-feature-to-4.0", "no-features", "caption-in-spanish", "bad-ratio", "no-api-version",
        "retired-preview"])
def test_wrong_4_0_requests_get_the_service_error_labelled_offline(session, params, status, code):
    query = {"api-version": "2023-10-01", **params}
    query = {k: v for k, v in query.items() if v is not None}
    with pytest.raises(VisionServiceError) as caught:
        session.post(session.endpoint + ANALYZE, params=query, headers=OCTETS,
                     data=(NOTEBOOKS / "images" / "coffee.jpg").read_bytes())
    assert (caught.value.status, caught.value.code) == (status, code)
    assert "Offline: this error was produced offline by vision_viz" in str(caught.value)
    assert "What to do" in str(caught.value)
    status_, body = rule_error("POST", ANALYZE, query)
    validate(body, *definition_for(ANALYZE, status_))


@pytest.mark.parametrize("params, code", [
    ({"visualFeatures": "Tags,denseCaptions"}, "NotSupportedVisualFeature"),
    ({"visualFeatures": "Tags", "details": "Celebrity"}, "InvalidDetails"),
    ({"visualFeatures": "Tags", "language": "eo"}, "NotSupportedLanguage"),  # not among the 52 codes of the spec
], ids=["4.0-feature-to-3.2", "misspelt-details", "unknown-language"])
def test_wrong_3_2_requests_get_the_service_error(session, params, code):
    with pytest.raises(VisionServiceError) as caught:
        session.post(session.endpoint + "/vision/v3.2/analyze", params=params, headers=OCTETS,
                     data=(NOTEBOOKS / "images" / "coffee.jpg").read_bytes())
    assert (caught.value.status, caught.value.code) == (400, code)


# --- an own photo --------------------------------------------------------------------------------


def own_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


def test_an_own_photo_gets_one_paragraph_naming_it_by_format_and_size(session):
    data = own_photo()
    with pytest.raises(MissingRecordingError) as caught:
        session.post(session.endpoint + ANALYZE, params={"api-version": "2023-10-01", "features": "tags"},
                     headers=OCTETS, data=data)
    message = str(caught.value)
    assert f"a JPEG picture of 320 × 200 pixels ({len(data):,} bytes)" in message
    assert "only the bundled pictures" in message and "workshop/azure-setup.md" in message
    assert "VISION_RECORD=1" in message and "sha256" not in message and "\n" not in message
    frames = [frame.filename for frame in __import__("traceback").extract_tb(caught.value.__traceback__)]
    # In a script: the caller and the session's post(); never requests' or the replay's insides.
    assert frames[0] == __file__ and [Path(f).name for f in frames[1:]] == ["_session.py"], frames


def test_an_own_photo_from_an_open_file_is_named_by_its_file(session, tmp_path):
    path = tmp_path / "my-holiday.jpg"
    path.write_bytes(own_photo())
    with open(path, "rb") as file, pytest.raises(MissingRecordingError, match="the picture my-holiday.jpg"):
        session.post(session.endpoint + ANALYZE, params={"api-version": "2023-10-01", "features": "tags"},
                     headers=OCTETS, data=file)


SCRIPT = """
import sys
from pathlib import Path
from PIL import Image
import vision_viz as vv

Image.new("RGB", (90, 70), "teal").save("my-photo.png")
session = vv.start_session(sys.argv[1])
analyze = session.endpoint + "/computervision/imageanalysis:analyze"
photo = Path("my-photo.png").read_bytes()
coffee = Path(sys.argv[2]).read_bytes()
octets = {"Content-Type": "application/octet-stream"}
if sys.argv[3] == "post":
    session.post(analyze, params={"api-version": "2023-10-01", "features": "tags"}, headers=octets, data=photo)
elif sys.argv[3] == "request":
    with open("my-photo.png", "rb") as file:
        session.request("POST", analyze, params={"api-version": "2023-10-01", "features": "tags"}, headers=octets,
                        data=file)
elif sys.argv[3] == "get":
    session.get(session.endpoint + "/vision/v3.2/read/analyzeResults/no-such-operation")
else:
    session.post(analyze, params={"api-version": "2023-10-01", "features": "captions"}, headers=octets, data=coffee)
"""


@pytest.mark.parametrize("call, entry, shown", [
    ("post", "post", "MissingRecordingError: No saved answer for a PNG picture of 90 × 70 pixels"),
    ("request", "request", "MissingRecordingError: No saved answer for the picture my-photo.png"),
    ("get", "get", "MissingRecordingError: No saved answer for a request without a picture"),
    ("misspelt", "post", "VisionServiceError: 400 NotSupportedVisualFeature"),
])
def test_a_plain_script_shows_the_stop_without_library_frames(tmp_path, call, entry, shown):
    """Outside IPython the traceback holds the learner's line and one vision_viz line, then the message."""
    import os
    import subprocess
    import sys

    script = tmp_path / "lesson.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VISION_")}
    result = subprocess.run([sys.executable, str(script), str(RECORDINGS / "01-analyze-an-image.json"),
                             str(NOTEBOOKS / "images" / "coffee.jpg"), call],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    frames = [line for line in result.stderr.splitlines() if line.startswith('  File "')]
    assert len(frames) == 2 and frames[0].startswith(f'  File "{script}"'), result.stderr
    assert "vision_viz" in frames[1] and frames[1].endswith(f"in {entry}"), result.stderr
    assert "vision_viz stopped this call: the message says why" in result.stderr
    assert any(line.startswith("vision_viz." + shown) for line in result.stderr.splitlines()), result.stderr
    if call != "misspelt":
        assert "Ways forward" in result.stderr and "workshop/azure-setup.md" in result.stderr


def test_ipython_shows_the_paragraph_alone():
    error = MissingRecordingError("No saved answer for x.")
    assert error._render_traceback_() == ["MissingRecordingError: No saved answer for x."]


def test_notebook_01_with_an_own_photo_shows_one_paragraph_and_no_library_frames(tmp_path, monkeypatch):
    """A learner sets IMAGE to their own photo in notebook 01 and runs it offline."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.chdir(tmp_path)  # no .env of the developer's checkout
    photo = tmp_path / "my-own-photo.jpg"
    photo.write_bytes(own_photo())
    nb = nbformat.read(NOTEBOOKS / "01-analyze-an-image.ipynb", as_version=4)
    step4 = next(cell for cell in nb.cells if 'IMAGE = Path("images/astronaut.jpg")' in cell.source)
    step4.source = step4.source.replace('Path("images/astronaut.jpg")', f"Path({str(photo)!r})")
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    errors = [output for output in step4.outputs if output.output_type == "error"]
    assert len(errors) == 1 and errors[0].ename == "MissingRecordingError"
    shown = "\n".join(errors[0].traceback)
    assert f"a JPEG picture of 320 × 200 pixels ({photo.stat().st_size:,} bytes)" in shown
    assert "only the bundled pictures" in shown and "workshop/azure-setup.md" in shown
    assert "site-packages" not in shown and "vision_viz" not in shown.replace("vision_viz authors", "")
    assert len(shown.splitlines()) == 1, shown


# --- 3.2 and embeddings ----------------------------------------------------------------------------

FEATURES_3_2 = ["Categories", "Tags", "Description", "Faces", "ImageType", "Color", "Adult", "Objects", "Brands"]
V3_2 = "/vision/v3.2/"


def post_3_2(session, image: str, operation: str, **params: str):
    return session.post(session.endpoint + V3_2 + operation, params=params, headers=OCTETS,
                        data=(NOTEBOOKS / "images" / image).read_bytes())


@pytest.mark.parametrize("image", PICTURES)
def test_every_3_2_feature_and_operation_of_every_picture_answers_offline_and_validates(session, image):
    for features in [[f] for f in FEATURES_3_2] + [FEATURES_3_2[::2], FEATURES_3_2]:
        response = post_3_2(session, image, "analyze", visualFeatures=",".join(features), language="en")
        body = response.json()
        validate(body, *definition_for(V3_2 + "analyze", 200))
        assert set(body) - {"requestId", "metadata", "modelVersion"} == {f[0].lower() + f[1:] for f in features}
        assert "example" in provenance(response) and "cut from the example answer" in provenance(response)
    with_details = post_3_2(session, image, "analyze", visualFeatures="Categories", details="Celebrities,Landmarks")
    validate(with_details.json(), *definition_for(V3_2 + "analyze", 200))
    for operation, params in [("describe", {"maxCandidates": "3"}), ("tag", {}), ("detect", {}), ("areaOfInterest", {}),
                              ("models/celebrities/analyze", {}), ("models/landmarks/analyze", {}),
                              ("ocr", {"language": "unk", "detectOrientation": "true"})]:
        response = post_3_2(session, image, operation, **params)
        validate(response.json(), *definition_for(V3_2 + operation, 200))


def test_the_3_2_caption_of_a_picture_is_the_same_in_analyze_and_describe(session):
    analyze = post_3_2(session, "horse.png", "analyze", visualFeatures="Description").json()
    describe = post_3_2(session, "horse.png", "describe").json()
    assert analyze["description"]["captions"] == describe["description"]["captions"]


def test_asynchronous_read_of_a_bundled_picture_submits_then_polls(session):
    submitted = post_3_2(session, "handwritten_text.jpg", "read/analyze")
    assert submitted.status_code == 202
    result = session.get(submitted.headers["Operation-Location"])
    validate(result.json(), *definition_for(V3_2 + "read/analyzeResults/x", 200))
    assert result.json()["status"] == "succeeded" and result.json()["analyzeResult"]["readResults"][0]["lines"]


@pytest.mark.parametrize("smart", ["true", "false"])
def test_a_thumbnail_of_a_bundled_picture_has_the_requested_size(session, smart):
    response = post_3_2(session, "rocket.jpg", "generateThumbnail", width="120", height="80", smartCropping=smart)
    with Image.open(io.BytesIO(response.content)) as thumbnail:
        assert thumbnail.size == (120, 80)
    assert provenance(response).startswith("example thumbnail made by vision_viz")


def test_vectors_for_bundled_pictures_and_any_sentence(session):
    params = {"api-version": "2024-02-01", "model-version": "2023-04-15"}
    saved = session.post(session.endpoint + "/computervision/retrieval:vectorizeImage", params=params, headers=OCTETS,
                         data=(NOTEBOOKS / "images" / "coffee.jpg").read_bytes())
    made = session.post(session.endpoint + "/computervision/retrieval:vectorizeImage", params=params, headers=OCTETS,
                        data=(NOTEBOOKS / "images" / "rotated-sign.png").read_bytes())
    text = session.post(session.endpoint + "/computervision/retrieval:vectorizeText", params=params,
                        json={"text": "a dog on a beach"})
    for response in (saved, made, text):
        validate(response.json(), *definition_for("/computervision/retrieval:vectorizeText", 200))
        assert len(response.json()["vector"]) == 1024
    assert "09_search_images_with_text.py" in provenance(saved)
    assert provenance(text).startswith("example vector made by vision_viz from a hash")
    again = session.post(session.endpoint + "/computervision/retrieval:vectorizeText", params=params,
                         json={"text": "a dog on a beach"})
    assert again.json() == text.json()


def test_a_retired_preview_answers_offline_as_the_service_does_today(session):
    """Background removal (2023-02-01-preview) for a picture with no recording: 404, labelled offline."""
    with pytest.raises(VisionServiceError) as caught:
        session.post(session.endpoint + "/computervision/imageanalysis:segment",
                     params={"api-version": "2023-02-01-preview", "mode": "backgroundRemoval"}, headers=OCTETS,
                     data=(NOTEBOOKS / "images" / "rocket.jpg").read_bytes())
    assert (caught.value.status, caught.value.message) == (404, "Resource not found")
    assert "produced offline by vision_viz" in str(caught.value)


def test_the_shipped_catalogue_is_what_the_tool_writes(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import write_example_recordings as writer

    for name, catalogue in (("4.0.json", writer.catalogue_4_0()), ("3.2.json", writer.catalogue_3_2())):
        assert (RECORDINGS / "catalogue" / name).read_text(encoding="utf-8") == writer.serialize(catalogue), (
            f"run tools/write_example_recordings.py: catalogue/{name} is out of date")


def test_a_derived_3_2_answer_tells_the_4_0_story():
    """horse.png has no 3.2 example: its 3.2 caption, tags and objects come from its 4.0 example."""
    catalogue_3_2 = json.loads((RECORDINGS / "catalogue" / "3.2.json").read_text(encoding="utf-8"))["pictures"]
    full_3_2 = next(p["analyze"] for p in catalogue_3_2 if p["image"] == "horse.png")
    full_4_0 = next(p["body"] for p in CATALOGUE if p["image"] == "horse.png")
    assert full_3_2["description"]["captions"][0]["text"] == full_4_0["captionResult"]["text"]
    boxes_4_0 = [o["boundingBox"] for o in full_4_0["objectsResult"]["values"]]
    assert [o["rectangle"] for o in full_3_2["objects"]] == boxes_4_0


def test_a_3_2_language_the_specification_accepts_is_not_refused_offline(session):
    # The support page lists 3.2 tags in French: offline has no French answer, but must not invent a refusal.
    assert rule_error("POST", "/vision/v3.2/analyze", {"visualFeatures": "Tags", "language": "fr"}) is None
    with pytest.raises(MissingRecordingError) as caught:
        session.post(session.endpoint + "/vision/v3.2/analyze", params={"visualFeatures": "Tags", "language": "fr"},
                     headers=OCTETS, data=(NOTEBOOKS / "images" / "coffee.jpg").read_bytes())
    assert "none into fr" in str(caught.value)


def test_a_bundled_picture_in_a_language_nothing_recorded_is_told_apart_from_an_own_photo(session):
    with pytest.raises(MissingRecordingError) as caught:
        analyze(session, "rocket.jpg", features="tags", language="fr")
    message = str(caught.value)
    assert "the bundled picture rocket.jpg has no saved answer for this request" in message
    assert "example translations into es, ja, pt and zh only, none into fr" in message
    assert "only the bundled pictures" not in message


# --- other languages -------------------------------------------------------------------------------

LANGUAGES = {"es": "Spanish", "ja": "Japanese", "pt": "Portuguese", "zh": "Simplified Chinese"}
CATALOGUE_3_2 = json.loads((RECORDINGS / "catalogue" / "3.2.json").read_text(encoding="utf-8"))["pictures"]


def english(image: str) -> tuple[dict, dict]:
    """A picture's full saved English 4.0 and 3.2 answers."""
    return (next(p["body"] for p in CATALOGUE if p["image"] == image),
            next(p["analyze"] for p in CATALOGUE_3_2 if p["image"] == image))


def assert_translated(names: list[str], english_names: list[str], language: str) -> None:
    assert len(names) == len(english_names) and len(set(names)) == len(set(english_names)), (names, english_names)
    if language in ("ja", "zh"):  # every word translated, none left in English
        assert not any(name.isascii() for name in names), names


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("image", PICTURES)
def test_every_picture_answers_tags_and_descriptions_in_every_language_offline(session, image, language):
    full_4_0, full_3_2 = english(image)
    note = f"translated into {LANGUAGES[language]} by the vision_viz authors (tools/example_translations.json)"

    tags = analyze(session, image, features="tags", language=language)
    validate(tags.json(), *definition_for(ANALYZE, 200))
    values, english_values = tags.json()["tagsResult"]["values"], full_4_0["tagsResult"]["values"]
    assert [t["confidence"] for t in values] == [t["confidence"] for t in english_values]
    assert_translated([t["name"] for t in values], [t["name"] for t in english_values], language)
    assert provenance(tags).startswith("example: tag names " + note) and "not a response from the live service" \
        in provenance(tags)

    answer = post_3_2(session, image, "analyze", visualFeatures="Description,Tags,Objects", language=language)
    body = answer.json()
    validate(body, *definition_for(V3_2 + "analyze", 200))
    assert [t["confidence"] for t in body["tags"]] == [t["confidence"] for t in full_3_2["tags"]]
    assert_translated([t["name"] for t in body["tags"]], [t["name"] for t in full_3_2["tags"]], language)
    assert_translated(body["description"]["tags"], full_3_2["description"]["tags"], language)
    captions, english_captions = body["description"]["captions"], full_3_2["description"]["captions"]
    assert [c["confidence"] for c in captions] == [c["confidence"] for c in english_captions]
    assert [c["text"] for c in captions] != [c["text"] for c in english_captions]
    named = [(o["object"], o["confidence"]) for o in body["objects"]]
    assert named == [(o["object"], o["confidence"]) for o in full_3_2["objects"]], "object names stay English"
    if image != "image-analysis-sample.jpg":  # its bundled copy gets boxes scaled to its size (tested below)
        assert body["objects"] == full_3_2["objects"], "boxes stay too"
    assert provenance(answer).startswith("example: tag names and captions (object names stay in English) " + note)

    describe = post_3_2(session, image, "describe", language=language)
    tag = post_3_2(session, image, "tag", language=language)
    detect = post_3_2(session, image, "detect", language=language)
    for operation, response in (("describe", describe), ("tag", tag), ("detect", detect)):
        validate(response.json(), *definition_for(V3_2 + operation, 200))
    assert describe.json()["description"] == body["description"] and tag.json()["tags"] == body["tags"]
    assert detect.json()["objects"] == body["objects"]


def recorded(recording: str, image: str, uri_part: str) -> dict:
    """The saved answer a notebook's recording holds for a bundled picture and a request."""
    digest = next(p["digest"] for p in CATALOGUE if p["image"] == image)
    interactions = json.loads((RECORDINGS / recording).read_text(encoding="utf-8"))["interactions"]
    return next(i["response"]["body"]["json"] for i in interactions
                if i["request"]["body"] == digest and uri_part in i["request"]["uri"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coffee_photo_reads_the_same_in_the_catalogue_as_in_notebooks_23_and_04(language):
    coffee_3_2 = next(p for p in CATALOGUE_3_2 if p["image"] == "coffee.jpg")["languages"][language]
    saved = recorded("23-analyze-in-other-languages.json", "coffee.jpg", f"language={language}")
    assert (coffee_3_2["tags"], coffee_3_2["description"]) == (saved["tags"], saved["description"])
    if language == "es":
        coffee_4_0 = next(p for p in CATALOGUE if p["image"] == "coffee.jpg")["languages"]["es"]
        assert coffee_4_0["tagsResult"] == recorded("04-tag-an-image.json", "coffee.jpg", "language=es")["tagsResult"]


def test_the_translations_stop_the_tool_when_they_disagree_with_a_notebooks_example(monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import write_example_recordings as writer

    data = json.loads(writer.TRANSLATIONS.read_text(encoding="utf-8"))
    data["terms"]["cup"] = {"es": "vaso"}  # notebook 23's and 04's Spanish say "taza"
    changed = tmp_path / "example_translations.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(writer, "TRANSLATIONS", changed)
    with pytest.raises(SystemExit, match="'cup' into es as 'vaso'.*'taza'"):
        writer.example_translations()


@pytest.mark.parametrize("notebook, image", [("04-tag-an-image", "grace-hopper.jpg"),
                                            ("23-analyze-in-other-languages", "horse.png")])
def test_the_language_lessons_run_offline_with_another_bundled_picture(tmp_path, monkeypatch, notebook, image):
    """A learner changes IMAGE in notebook 04 (tags in Spanish) or 23 (five languages) and runs it all."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.chdir(tmp_path)  # no .env of the developer's checkout
    for name in [name for name in __import__("os").environ if name.startswith("VISION_")]:
        monkeypatch.delenv(name)
    nb = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
    cell = next(cell for cell in nb.cells if 'IMAGE = Path("images/coffee.jpg")' in cell.source)
    cell.source = cell.source.replace("coffee.jpg", image)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    errors = [output for c in nb.cells for output in c.get("outputs", []) if output.output_type == "error"]
    assert not errors, "\n".join(errors[0].traceback)
    printed = "".join(output.get("text", "") for c in nb.cells for output in c.get("outputs", []))
    if notebook.startswith("04"):  # 4.0 tags in Spanish
        translated = next(p["languages"]["es"]["tagsResult"]["values"] for p in CATALOGUE if p["image"] == image)
    else:  # 3.2 tags in Japanese, among others
        translated = next(p["languages"]["ja"]["tags"] for p in CATALOGUE_3_2 if p["image"] == image)
        assert "translated into Simplified Chinese by the vision_viz authors" in printed
    english_names = [tag["name"] for tag in english(image)[0]["tagsResult"]["values"]]
    assert translated[0]["name"] in printed and translated[0]["name"] not in english_names


@pytest.mark.parametrize("path, params, expected", [
    (ANALYZE, {"api-version": "2023-10-01", "features": "tags,objects", "language": "ja"},
     "no page says whether objects in ja come back in English or are refused"),
    (ANALYZE, {"api-version": "2023-10-01", "features": "people", "language": "es"},
     "people returns boxes and confidences, no words to translate"),
    (ANALYZE, {"api-version": "2023-10-01", "features": "read", "language": "ja"},
     "read returns the text as it is written in the picture (OCR reads, it does not translate)"),
    (V3_2 + "analyze", {"visualFeatures": "Color", "language": "zh"},
     "does not say whether Adult, Brands, Color, Faces and ImageType in zh come back in English or are refused"),
    (V3_2 + "analyze", {"visualFeatures": "Categories,Tags", "language": "pt"},
     "lists Categories in pt without showing how their names read"),
    (V3_2 + "describe", {"language": "ko"}, "none into ko"),
], ids=["4.0-objects-ja", "4.0-people-es", "4.0-read-ja", "3.2-color-zh", "3.2-categories-pt", "3.2-describe-ko"])
def test_a_language_and_feature_the_documentation_leaves_open_still_stops_and_says_why(session, path, params,
                                                                                        expected):
    with pytest.raises(MissingRecordingError) as caught:
        session.post(session.endpoint + path, params=params, headers=OCTETS,
                     data=(NOTEBOOKS / "images" / "horse.png").read_bytes())
    assert expected in str(caught.value) and "the bundled picture horse.png has no saved answer" in str(caught.value)


# --- retired versions, size limits, feature names, where an error came from ---------------------------------------


@pytest.mark.parametrize("version", ["v1.0", "v2.0", "v2.1", "v3.0", "v3.1"])
def test_a_retired_version_answers_as_the_service_does_since_2026_09_13(session, version):
    """Notebook 28's Step 1 sent to a retired version: the retirement 404, labelled, never 'pick a bundled picture'."""
    with pytest.raises(VisionServiceError) as caught:
        session.post(session.endpoint + f"/vision/{version}/analyze",
                     params={"visualFeatures": "Categories,Description,Color"},
                     json={"url": "https://aka.ms/azai/vision/image-analysis-sample.jpg"})
    text = str(caught.value)
    assert (caught.value.status, caught.value.message) == (404, "Resource not found")
    assert "Offline: this error was produced offline by vision_viz from Microsoft's retirement notice" in text
    assert "the body is assumed" in text and "/vision/v3.2/" in text
    assert "VISION_RECORD" not in text and "bundled picture" not in text


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


# overview-image-analysis.md, "Input requirements": "greater than 50 x 50 pixels and less than 16,000 x 16,000 pixels";
# 4.0 keeps the service's own words, which Microsoft documents (vision_viz._offline._size_error).
SAID_3_2 = "its dimensions must be greater than 50 x 50 pixels and less than 16,000 x 16,000 pixels."
SAID_4_0 = "The image dimension is not allowed to be smaller than 50 and larger than 16000."


@pytest.mark.parametrize("path, params, size, said", [
    (V3_2 + "analyze", {"visualFeatures": "Tags"}, (20, 20), f"The image is 20 x 20 pixels; {SAID_3_2}"),
    (V3_2 + "describe", {}, (200, 50), f"The image is 200 x 50 pixels; {SAID_3_2}"),
    (V3_2 + "read/analyze", {}, (49, 60), "its dimensions must be from 50 x 50 to 10,000 x 10,000 pixels."),
    (ANALYZE, {"api-version": "2023-10-01", "features": "tags"}, (20, 20), SAID_4_0),
    (ANALYZE, {"api-version": "2023-10-01", "features": "tags"}, (16_000, 60), SAID_4_0),
], ids=["3.2-20px", "3.2-50px-high", "3.2-read-49px", "4.0-20px", "4.0-16000px-wide"])
def test_an_image_outside_the_documented_pixel_limits_gets_invalid_image_size(session, path, params, size, said):
    with pytest.raises(VisionServiceError) as caught:
        session.post(session.endpoint + path, params=params, headers=OCTETS, data=_png(*size))
    assert (caught.value.status, caught.value.code) == (400, "InvalidImageSize")
    assert caught.value.message.endswith(said)
    assert "produced offline by vision_viz" in str(caught.value)


def test_an_image_inside_the_limits_is_not_refused_for_its_size():
    assert rule_error("POST", V3_2 + "analyze", {"visualFeatures": "Tags"}, _png(51, 15_999)) is None
    assert rule_error("POST", ANALYZE, {"api-version": "2023-10-01", "features": "tags"}, _png(51, 51)) is None


def test_an_image_over_4_mb_is_too_large_for_3_2_but_not_for_4_0():
    noisy = Image.effect_noise((1400, 1400), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG")
    big = buffer.getvalue()
    assert 4 * 1024 * 1024 <= len(big) < 20 * 1024 * 1024
    status, body = rule_error("POST", V3_2 + "analyze", {"visualFeatures": "Tags"}, big)
    assert (status, body["code"], body["message"]) == (400, "InvalidImageSize", "Input image is too large.")
    assert rule_error("POST", ANALYZE, {"api-version": "2023-10-01", "features": "tags"}, big) is None


@pytest.mark.parametrize("path, params, named, valid, suggestion", [
    (ANALYZE, {"api-version": "2023-10-01", "features": "captions"}, "'captions' is not a 4.0 feature",
     "The 4.0 features are read, caption, denseCaptions", "did you mean 'caption'?"),
    (V3_2 + "analyze", {"visualFeatures": "caption,Tags"}, "'caption' is a 4.0 feature, not a 3.2 one",
     "The 3.2 features are Categories, Tags, Description", "in 3.2 use Description"),
    (V3_2 + "analyze", {"visualFeatures": "Tagz"}, "'Tagz' is not a 3.2 feature",
     "The 3.2 features are", "did you mean 'Tags'?"),
], ids=["4.0-captions", "4.0-feature-to-3.2", "3.2-misspelt"])
def test_a_misspelt_feature_is_named_with_the_valid_ones_and_the_closest(session, path, params, named, valid,
                                                                        suggestion):
    with pytest.raises(VisionServiceError) as caught:
        session.post(session.endpoint + path, params=params, headers=OCTETS,
                     data=(NOTEBOOKS / "images" / "coffee.jpg").read_bytes())
    advice = str(caught.value).split("What to do: ", 1)[1].split("\n", 1)[0]
    assert named in advice and valid in advice and suggestion in advice
    assert "region" not in advice  # offline, only the names can be wrong


def test_live_feature_advice_keeps_the_region_clause():
    from vision_viz._errors import feature_advice

    live = feature_advice("https://x.example/computervision/imageanalysis:analyze?features=captions")
    assert live is not None and "region" in live


def test_a_saved_example_error_says_where_it_came_from_and_that_its_request_id_is_no_real_one():
    """Notebook 02's Step 4: a project-written NotSupportedLanguage error with a made-up request id."""
    with start_session(RECORDINGS / "02-caption-an-image.json", Settings()) as replay, \
            pytest.raises(VisionServiceError) as caught:
        analyze(replay, "grace-hopper.jpg", features="caption", language="es")
    stop_session()
    error, text = caught.value, str(caught.value)
    assert error.code == "NotSupportedLanguage"
    assert error.request_id is None and error.saved_request_id == "3f6d1c2a-8b4e-4f0a-9c1d-5e7b2a9f4c10"
    assert "Replayed: this error is a saved answer, example written by the vision_viz authors" in text
    assert "Request id in this answer: 3f6d1c2a" in text and "Azure support cannot use it" in text
    assert error.origin is not None and error.origin.startswith("example written by the vision_viz authors")


def test_a_derived_3_2_caption_is_the_gendered_default_as_3_2_has_no_gender_neutral_option():
    catalogue_3_2 = json.loads((RECORDINGS / "catalogue" / "3.2.json").read_text(encoding="utf-8"))["pictures"]
    camera_3_2 = next(p["analyze"] for p in catalogue_3_2 if p["image"] == "camera.png")
    camera_4_0 = next(p for p in CATALOGUE if p["image"] == "camera.png")
    assert camera_3_2["description"]["captions"][0]["text"] == camera_4_0["gendered"]["captionResult"]["text"]


# --- Microsoft's sample photo at the bundled size ------------------------------------------------------------------


def _coordinates(value, found=None):
    """Every box and point of an answer: (x, y, w, h) with w, h 0 for a point."""
    found = [] if found is None else found
    if isinstance(value, list):
        for item in value:
            _coordinates(item, found)
    elif isinstance(value, dict):
        if {"x", "y"} <= set(value):
            found.append((value["x"], value["y"], value.get("w", 0), value.get("h", 0)))
        for item in value.values():
            _coordinates(item, found)
    return found


def test_the_bundled_copy_of_microsofts_sample_gets_the_answer_scaled_to_its_size(session):
    """The bundled copy is 648×432; Microsoft's published answer is for the 864×576 original at its URL."""
    features = "denseCaptions,objects,people,read,smartCrops"
    sent = analyze(session, "image-analysis-sample.jpg", features=features,
                   **{"smartcrops-aspect-ratios": "0.9,1.33", "gender-neutral-caption": "true"})
    body = sent.json()
    assert body["metadata"] == {"width": 648, "height": 432}
    found = _coordinates(body)
    assert len(found) > 40
    for x, y, w, h in found:
        assert min(x, y) >= 0 and x + w <= 648 and y + h <= 432, (x, y, w, h)
    assert max(x + w for x, y, w, h in found) > 600  # scaled, not merely clipped
    label = provenance(sent)
    assert label.startswith("published by Microsoft") and "the picture at 864×576 (its URL)" in label
    assert "scaled by vision_viz to the 648×432 copy sent" in label and "cut from the published real answer" in label
    by_url = session.post(session.endpoint + ANALYZE, params={"api-version": "2023-10-01", "features": features,
                                                             "smartcrops-aspect-ratios": "0.9,1.33",
                                                             "gender-neutral-caption": "true"},
                          json={"url": "https://aka.ms/azai/vision/image-analysis-sample.jpg"})
    published = next(p["body"] for p in CATALOGUE if p["image"] == "image-analysis-sample.jpg")
    assert by_url.json()["metadata"] == {"width": 864, "height": 576} and "scaled" not in provenance(by_url)
    assert by_url.json()["objectsResult"] == published["objectsResult"]
    first = published["objectsResult"]["values"][0]["boundingBox"]
    assert body["objectsResult"]["values"][0]["boundingBox"] == {k: round(v * 0.75) for k, v in first.items()}


# --- Content-Type ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["image/jpeg", "text/plain", None, "application/json"])
@pytest.mark.parametrize("path, params", [(ANALYZE, {"api-version": "2023-10-01", "features": "tags"}),
                                          (V3_2 + "analyze", {"visualFeatures": "Tags"})], ids=["4.0", "3.2"])
def test_image_bytes_with_a_content_type_the_service_does_not_allow_are_refused(session, path, params, content_type):
    """How-tos, "Error codes": bytes go as application/octet-stream or multipart/form-data; 3.2 answers 415,
    4.0 400 InvalidRequest "The provided image content type ... is not supported"."""
    headers = {} if content_type is None else {"Content-Type": content_type}
    with pytest.raises(VisionServiceError) as caught:
        session.post(session.endpoint + path, params=params, headers=headers,
                     data=(NOTEBOOKS / "images" / "coffee.jpg").read_bytes())
    expected = (400, "InvalidRequest") if path == ANALYZE else (415, "UnsupportedMediaType")
    assert (caught.value.status, caught.value.code) == expected
    assert "produced offline by vision_viz" in str(caught.value)
    if path == ANALYZE:
        assert caught.value.message == f"The provided image content type {content_type or '(none)'} is not supported."
        _, body = rule_error("POST", path, params, content_type=content_type or "", sends_json=False)
        validate(body, *definition_for(ANALYZE, 400))


@pytest.mark.parametrize("path, params", [(ANALYZE, {"api-version": "2023-10-01", "features": "tags"}),
                                          (V3_2 + "analyze", {"visualFeatures": "Tags"})], ids=["4.0", "3.2"])
def test_a_url_sent_as_anything_but_json_is_refused_and_allowed_types_are_served(session, path, params):
    url = {"url": "https://raw.githubusercontent.com/scikit-image/scikit-image/main/skimage/data/coffee.png"}
    with pytest.raises(VisionServiceError) as caught:
        session.post(session.endpoint + path, params=params, headers={"Content-Type": "text/plain"},
                     data=json.dumps(url).encode())
    assert caught.value.status == (400 if path == ANALYZE else 415)
    assert session.post(session.endpoint + path, params=params, json=url).status_code == 200
    for allowed in ("application/octet-stream", "multipart/form-data"):
        assert rule_error("POST", path, params, content_type=allowed, sends_json=False) is None


# --- bundled pictures named as such ------------------------------------------------------------------------------


@pytest.mark.parametrize("image", ["two-page-letter.tiff", "MultiPageHandwrittenForm.pdf"])
@pytest.mark.parametrize("path, params", [(V3_2 + "read/analyze", {"language": "de"}),
                                          (ANALYZE, {"api-version": "2023-10-01", "features": "read"})],
                         ids=["3.2-read", "4.0-read"])
def test_a_bundled_file_without_a_full_answer_is_named_as_bundled(session, image, path, params):
    with pytest.raises(MissingRecordingError) as caught:
        session.post(session.endpoint + path, params=params, headers=OCTETS,
                     data=(NOTEBOOKS / "images" / image).read_bytes())
    message = str(caught.value)
    assert f"the bundled picture {image} has no saved answer for this request" in message
    assert "only the requests a notebook recorded for it replay" in message
    assert "only the bundled pictures" not in message


def test_notebook_28s_astronaut_url_is_named_as_the_bundled_astronaut():
    url = "https://raw.githubusercontent.com/scikit-image/scikit-image/main/skimage/data/astronaut.png"
    with start_session(RECORDINGS / "28-retell-the-classic-quickstart.json", Settings()) as replay, \
            pytest.raises(MissingRecordingError) as caught:
        replay.post(replay.endpoint + V3_2 + "analyze", params={"visualFeatures": "Tags,Description"},
                    json={"url": url})
    stop_session()
    message = str(caught.value)
    assert f"No saved answer for the picture at {url}, a copy of the bundled astronaut.jpg" in message
    assert "the bundled picture astronaut.jpg has no saved answer for this request" in message
    assert 'data=Path("images/astronaut.jpg").read_bytes()' in message and "only the bundled pictures" not in message


def test_every_bundled_file_and_every_url_a_recording_sends_is_recognised():
    """The catalogue lists every file in notebooks/images/ with MANIFEST.csv's checksum, and every recorded URL
    but the two of pictures that are not bundled."""
    import csv
    import hashlib

    bundled = json.loads((RECORDINGS / "catalogue" / "4.0.json").read_text(encoding="utf-8"))["bundled"]
    with (NOTEBOOKS / "images" / "MANIFEST.csv").open(encoding="utf-8") as manifest:
        checksums = {row["file"]: "sha256:" + row["sha256"] for row in csv.DictReader(manifest)}
    assert {entry["image"]: entry["digest"] for entry in bundled} == checksums
    for entry in bundled:
        data = (NOTEBOOKS / "images" / entry["image"]).read_bytes()
        assert entry["digest"] == "sha256:" + hashlib.sha256(data).hexdigest()
    known = {url for entry in bundled for url in entry["urls"]}
    not_bundled = {"https://raw.githubusercontent.com/scikit-image/scikit-image/main/README.md",
                   "https://upload.wikimedia.org/wikipedia/commons/thumb/a/af/Atomist_quote_from_Democritus.png/"
                   "338px-Atomist_quote_from_Democritus.png"}
    for recording in RECORDINGS.glob("*.json"):
        for interaction in json.loads(recording.read_text(encoding="utf-8"))["interactions"]:
            body = interaction["request"].get("body")
            if isinstance(body, str) and body.startswith("{") and "url" in json.loads(body):
                assert json.loads(body)["url"] in known | not_bundled, recording.name


@pytest.mark.parametrize("language", ["es", "fr"])
def test_read_in_any_language_is_told_that_ocr_does_not_translate(session, language):
    """Not "example translations into es, ja, pt and zh only" for fr: that would imply translated OCR exists."""
    with pytest.raises(MissingRecordingError) as caught:
        analyze(session, "horse.png", features="read", language=language)
    message = str(caught.value)
    assert "read returns the text as it is written in the picture (OCR reads, it does not translate)" in message
    assert "example translations" not in message


def test_tags_with_read_in_an_untranslated_language_give_both_reasons(session):
    with pytest.raises(MissingRecordingError) as caught:
        analyze(session, "horse.png", features="tags,read", language="fr")
    message = str(caught.value)
    assert "OCR reads, it does not translate" in message and "for tags, its saved answers are in English" in message


@pytest.mark.parametrize("image", [p for p in PICTURES if p != "image-analysis-sample.jpg"])
def test_a_picture_whose_answer_is_for_its_own_size_is_served_unscaled(session, image):
    """chelsea-exif-orientation-6.jpg included: its stored pixels are 300×451, displayed (and answered) 451×300."""
    response = analyze(session, image, features="objects")
    full = next(p["body"] for p in CATALOGUE if p["image"] == image)
    assert response.json() == {k: full[k] for k in ("modelVersion", "metadata", "objectsResult")}
    assert "scaled" not in provenance(response)


@pytest.mark.parametrize("operation, params", [("analyze", {"visualFeatures": "Objects,Faces"}), ("detect", {}),
                                               ("areaOfInterest", {}), ("ocr", {})])
def test_the_bundled_copy_of_microsofts_sample_gets_its_3_2_answer_scaled_too(session, operation, params):
    def boxes(value):
        """Every 3.2 box as (x, y, w, h): rectangles, areas of interest, OCR boxes."""
        if isinstance(value, list):
            return [box for item in value for box in boxes(item)]
        if not isinstance(value, dict):
            return []
        found = [box for item in value.values() for box in boxes(item)]
        if {"x", "y", "w", "h"} <= set(value):
            found.append((value["x"], value["y"], value["w"], value["h"]))
        if isinstance(value.get("boundingBox"), str):
            found.append(tuple(int(n) for n in value["boundingBox"].split(",")))
        return found

    sent = post_3_2(session, "image-analysis-sample.jpg", operation, **params)
    found = boxes(sent.json())
    assert found and all(min(x, y) >= 0 and x + w <= 648 and y + h <= 432 for x, y, w, h in found), found
    assert max(x + w for x, y, w, h in found) > 432  # scaled, not merely clipped
    if "metadata" in sent.json():
        assert (sent.json()["metadata"]["width"], sent.json()["metadata"]["height"]) == (648, 432)
    assert "scaled by vision_viz to the 648×432 copy sent" in provenance(sent)
    by_url = session.post(session.endpoint + V3_2 + operation, params=params,
                          json={"url": "https://aka.ms/azai/vision/image-analysis-sample.jpg"})
    assert "scaled" not in provenance(by_url) and max(x + w for x, y, w, h in boxes(by_url.json())) > 648
