"""The explorer without a browser: its model (state, requests, replay, layers, drawing) and its wiring.

The model's functions are pure and take tiny synthetic images and bodies. The last tests drive the
ipywidgets layer in-process (widgets work without a front end): moving the slider or toggling a
layer changes the picture, a slider move neither decodes nor parses again, and live mode calls the
loopback fake with the chosen features.
"""

from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image

from conftest import CANARY_KEY, ROOT
from vision_viz._explorer_model import (
    DEFAULT_FEATURES,
    FEATURES,
    KEY_HINT,
    LAYERS,
    Catalogue,
    ExplorerState,
    RecordedCall,
    code_for,
    count_layers,
    display_image,
    feature_layers,
    layers_in,
    parse_ratios,
    prepare,
    render,
    replay_plan,
    request_for,
    request_notes,
    summarize,
    to_jpeg,
    visible_layers,
    with_api,
)
from vision_viz._recording import image_digest
from vision_viz._settings import Settings

NOTEBOOKS = ROOT / "notebooks"
IMAGES = NOTEBOOKS / "images"
# Microsoft's sample photo is answered by Microsoft's published answer to a URL request, not by an upload.
BUNDLED = sorted(
    p.name for p in IMAGES.iterdir() if p.suffix in (".jpg", ".png") and p.name != "image-analysis-sample.jpg"
)

WHITE = (255, 255, 255)


def body_with(*, size=(200, 100), objects=(), people=(), caption=None, words=()):
    """A small 4.0 body: objects as (name, confidence, (x, y, w, h)), people as (confidence, box)."""
    body = {"modelVersion": "2023-10-01", "metadata": {"width": size[0], "height": size[1]}}
    if objects:
        body["objectsResult"] = {"values": [
            {"boundingBox": dict(zip("xywh", box)), "tags": [{"name": name, "confidence": c}]}
            for name, c, box in objects
        ]}  # fmt: skip
    if people:
        body["peopleResult"] = {
            "values": [{"boundingBox": dict(zip("xywh", box)), "confidence": c} for c, box in people]
        }
    if caption:
        body["captionResult"] = {"text": caption, "confidence": 0.9}
    if words:
        polygons = [
            [{"x": x, "y": y}, {"x": x + w, "y": y}, {"x": x + w, "y": y + h}, {"x": x, "y": y + h}]
            for _, (x, y, w, h) in words
        ]
        text = " ".join(t for t, _ in words)
        body["readResult"] = {"blocks": [{"lines": [{"text": text, "boundingPolygon": polygons[0],
                                                      "words": [{"text": t, "confidence": 0.99, "boundingPolygon": p}
                                                                for (t, _), p in zip(words, polygons)]}]}]}  # fmt: skip
    return body


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.from_folder(NOTEBOOKS / "recordings", IMAGES)


def digest_of(name):
    return image_digest((IMAGES / name).read_bytes())


# --- state ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"api": "5.0"}, "api must be one of 4.0, 3.2"),
        ({"features": ["Faces"]}, "Faces: not a feature of Image Analysis 4.0"),
        ({"api": "3.2", "features": ["people"]}, "people: not a feature of Image Analysis 3.2"),
        ({"language": "fr"}, "language must be one of"),
        ({"smart_crop_ratios": [2.5]}, "from 0.75 to 1.8"),
        ({"smart_crop_ratios": "wide"}, "numbers separated by commas"),
        ({"hidden_layers": ["clouds"]}, "Unknown layer"),
        ({"min_confidence": 1.5}, "between 0 and 1"),
        ({"max_side": 10}, "at least 64"),
    ],
    ids=[
        "api",
        "4.0-feature",
        "3.2-feature",
        "language",
        "ratio-range",
        "ratio-text",
        "layer",
        "confidence",
        "max-side",
    ],
)
def test_a_bad_choice_says_what_is_allowed(changes, message):
    with pytest.raises(ValueError, match=message):
        ExplorerState(**changes)


def test_equal_choices_make_equal_states():
    a = ExplorerState(features=["tags", "caption", "tags"], smart_crop_ratios="1.33, 0.9", hidden_layers=["word"])
    b = ExplorerState(features=("caption", "tags"), smart_crop_ratios=(1.33, 0.9), hidden_layers=frozenset({"word"}))
    assert a == b and a.features == ("caption", "tags") and a.smart_crop_ratios == (1.33, 0.9)


def test_parse_ratios_drops_duplicates_and_blanks():
    assert parse_ratios("0.9, ,0.9;1") == (0.9, 1.0)


def test_switching_api_takes_that_versions_default_features_and_keeps_the_view():
    state = ExplorerState(min_confidence=0.7, hidden_layers=["person"], language="es")
    switched = with_api(state, "3.2")
    assert switched.features == DEFAULT_FEATURES["3.2"]
    assert (switched.min_confidence, switched.hidden_layers, switched.language) == (0.7, frozenset({"person"}), "es")
    assert with_api(switched, "4.0").features == FEATURES["4.0"]


# --- requests -----------------------------------------------------------------------------------


def test_the_default_request_is_the_quickstarts_recorded_call(catalogue):
    request = request_for(ExplorerState())
    recorded = [c for c in catalogue.calls if c.recording == "01-analyze-an-image.json"]
    assert len(recorded) == len(BUNDLED)
    assert {c.request.key() for c in recorded} == {request.key()}


@pytest.mark.parametrize(
    "changes, params",
    [
        ({"features": ["tags"]}, {"api-version": "2023-10-01", "features": "tags", "language": "en"}),
        (
            {"features": ["caption"], "gender_neutral": False},
            {"api-version": "2023-10-01", "features": "caption", "language": "en"},
        ),
        (
            {"features": ["smartCrops"], "smart_crop_ratios": ()},
            {"api-version": "2023-10-01", "features": "smartCrops", "language": "en"},
        ),
        (
            {"features": ["smartCrops", "denseCaptions"], "smart_crop_ratios": [1, 1.8]},
            {
                "api-version": "2023-10-01",
                "features": "denseCaptions,smartCrops",
                "smartcrops-aspect-ratios": "1.0,1.8",
                "gender-neutral-caption": "true",
                "language": "en",
            },
        ),
        (
            {"api": "3.2", "features": ["Tags", "Objects"], "language": "ja"},
            {"visualFeatures": "Tags,Objects", "language": "ja"},
        ),
        (
            {"api": "3.2", "features": ["Landmarks", "Categories", "Celebrities"]},
            {"visualFeatures": "Categories", "details": "Celebrities,Landmarks", "language": "en"},
        ),
    ],
    ids=["tags", "caption-not-neutral", "crops-service-picks", "crops-and-dense", "3.2-language", "3.2-details"],
)
def test_request_for_sends_options_only_where_they_apply(changes, params):
    assert request_for(ExplorerState(**changes)).params == params


def test_a_request_needs_a_feature():
    with pytest.raises(ValueError, match="at least one feature"):
        request_for(ExplorerState(features=()))


def test_request_notes_warn_about_what_the_service_refuses():
    assert "NotSupportedLanguage" in request_notes(ExplorerState(language="es"))[0]
    assert request_notes(ExplorerState(language="es", features=["tags"])) == ()
    assert "picks one crop" in request_notes(ExplorerState(features=["smartCrops"], smart_crop_ratios=()))[0]


def test_the_code_to_copy_compiles_and_shows_the_request():
    state = ExplorerState(api="3.2", features=["Tags", "Celebrities"], min_confidence=0.25, labels=False)
    code = code_for(state, "images/my photo.jpg")
    compile(code, "<explorer>", "exec")
    assert '"visualFeatures": "Tags"' in code and '"details": "Celebrities"' in code
    assert "/vision/v3.2/analyze" in code and "min_confidence=0.25" in code and "labels=False" in code
    assert "needs VISION_KEY and VISION_ENDPOINT" in code


def test_the_code_for_a_recorded_request_replays_offline(monkeypatch):
    import vision_viz as vv
    from vision_viz._recording import stop_session

    monkeypatch.chdir(NOTEBOOKS)
    code = code_for(ExplorerState(image="coffee.jpg"), "images/coffee.jpg", "recordings/01-analyze-an-image.json")
    namespace = {}
    try:
        exec(compile(code.replace("vv.draw(", "drawn = vv.draw("), "<explorer>", "exec"), namespace)
    finally:
        stop_session()
    assert namespace["body"]["metadata"] == {"width": 600, "height": 400}
    assert isinstance(namespace["drawn"], Image.Image) and namespace["response"].status_code == 200
    assert vv.provenance(namespace["response"]).startswith("example written by the vision_viz authors")


# --- replay -------------------------------------------------------------------------------------


def test_the_catalogue_has_the_quickstart_call_for_every_bundled_image(catalogue):
    assert catalogue.images_with("4.0") == tuple(BUNDLED)
    assert {"astronaut.jpg", "grace-hopper.jpg", "coffee.jpg"} <= set(catalogue.images_with("3.2"))
    assert all(c.provenance for c in catalogue.calls), "every replayed answer says where it came from"


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_image_replays_its_every_feature_call_exactly(name, catalogue):
    plan = replay_plan(ExplorerState(image=name), digest_of(name), catalogue)
    assert plan.exact and plan.call.recording == "01-analyze-an-image.json"
    assert plan.notes[0] == f"Replaying {name}: this exact request was recorded (01-analyze-an-image.json)."
    assert plan.notes[-1].startswith("Where this answer came from: ")


def test_fewer_features_replay_the_closest_recorded_call(catalogue):
    plan = replay_plan(ExplorerState(image="coffee.jpg", features=["tags"]), digest_of("coffee.jpg"), catalogue)
    assert plan.exact and plan.call.recording == "04-tag-an-image.json"
    plan = replay_plan(
        ExplorerState(image="rocket.jpg", features=["tags", "objects"]), digest_of("rocket.jpg"), catalogue
    )
    # Not recorded exactly: a call that asked for more features answers (01's, or another that covers both).
    assert not plan.exact and {"tagsResult", "objectsResult"} <= set(plan.call.body)
    assert "shows only the layers of the features you chose" in plan.notes[0]


def test_an_option_that_changes_the_request_needs_a_key(catalogue):
    state = ExplorerState(image="astronaut.jpg", language="es", smart_crop_ratios=[1.0])
    plan = replay_plan(state, digest_of("astronaut.jpg"), catalogue)
    assert plan.call.recording == "01-analyze-an-image.json" and not plan.exact
    note = next(n for n in plan.notes if n.startswith("Options that change the request"))
    assert "language=es (recorded: en)" in note and "smartcrops-aspect-ratios=1.0 (recorded: 0.9,1.33)" in note
    assert KEY_HINT in note


def test_an_option_that_was_recorded_replays_that_recording(catalogue):
    state = ExplorerState(image="coffee.jpg", api="3.2", features=["Description", "Tags", "Objects"], language="ja")
    plan = replay_plan(state, digest_of("coffee.jpg"), catalogue)
    assert plan.exact and plan.call.request.params["language"] == "ja"


def test_features_missing_from_the_recording_are_named(catalogue):
    state = with_api(ExplorerState(image="coffee.jpg"), "3.2")
    plan = replay_plan(state, digest_of("coffee.jpg"), catalogue)
    assert "Not in the recording, so not shown: Categories, Faces, ImageType, Color, Adult, Brands." in plan.notes


def test_an_image_without_a_recording_for_that_version_says_what_to_do(catalogue):
    plan = replay_plan(with_api(ExplorerState(image="horse.png"), "3.2"), digest_of("horse.png"), catalogue)
    assert plan.call is None
    assert "No Image Analysis 3.2 analyze call was recorded for horse.png (recorded for: astronaut.jpg" in plan.notes[0]
    assert KEY_HINT in plan.notes[0]


def test_an_uploaded_image_needs_a_key_and_nothing_is_sent(catalogue):
    plan = replay_plan(ExplorerState(image="holiday.jpg"), "sha256:" + "0" * 64, catalogue)
    assert plan.call is None
    assert plan.notes == (
        "holiday.jpg is not one of the bundled images, and replay mode can only show answers that were "
        f"recorded. To analyze your own images, {KEY_HINT}. Nothing was sent.",
    )


def test_an_uploaded_copy_of_a_bundled_image_replays(catalogue):
    plan = replay_plan(ExplorerState(image="my-copy.jpg"), digest_of("coffee.jpg"), catalogue)
    assert plan.exact and "coffee.jpg" in plan.notes[0]


def test_ties_go_to_the_first_recording():
    request = request_for(ExplorerState(features=["tags"]))
    calls = [
        RecordedCall(request, "sha256:a", {}, "first", "a.json"),
        RecordedCall(request, "sha256:a", {}, "second", "b.json"),
    ]
    assert replay_plan(ExplorerState(features=["tags"]), "sha256:a", Catalogue(calls)).call.provenance == "first"


# --- layers, text, drawing ---------------------------------------------------------------------


def test_layers_follow_the_body_the_features_and_the_toggles():
    body = body_with(objects=[("cat", 0.9, (10, 10, 50, 50))], people=[(0.8, (100, 10, 40, 80))], caption="a cat",
                     words=[("Hi", (150, 60, 30, 20))])  # fmt: skip
    assert layers_in(body) == ("caption", "object", "person", "line", "word")
    assert visible_layers(ExplorerState(), body) == ("caption", "object", "person", "line", "word")
    assert visible_layers(ExplorerState(features=["objects", "read"], hidden_layers=["line"]), body) == (
        "object",
        "word",
    )
    assert feature_layers(with_api(ExplorerState(), "3.2")) == {"caption", "face", "object", "brand"}
    assert set(LAYERS) >= set(layers_in(body))


def test_render_draws_only_visible_layers_above_the_threshold():
    body = body_with(objects=[("cat", 0.9, (10, 10, 50, 50))], people=[(0.3, (100, 10, 40, 80))])
    picture = Image.new("RGB", (200, 100), WHITE)
    state = ExplorerState(labels=False)
    drawn = render(state, picture, body)
    assert drawn.getpixel((10, 30)) != WHITE and drawn.getpixel((100, 50)) == WHITE  # the person is below 0.5
    assert render(dataclasses.replace(state, min_confidence=0.2), picture, body).getpixel((100, 50)) != WHITE
    assert render(dataclasses.replace(state, hidden_layers=["object"]), picture, body).getpixel((10, 30)) == WHITE
    assert picture.getpixel((10, 30)) == WHITE, "the image passed in is never modified"


def test_render_on_a_display_copy_scales_the_geometry():
    full = Image.new("RGB", (2000, 1000), WHITE)
    body = body_with(size=(2000, 1000), objects=[("cat", 0.9, (400, 200, 800, 600))])
    copy, full_size = display_image(full, max_side=500)
    assert copy.size == (500, 250) and full_size == (2000, 1000)
    drawn = render(ExplorerState(labels=False, max_side=500), copy, prepare(body, full_size))
    assert drawn.size == (500, 250)
    assert drawn.getpixel((100, 100)) != WHITE and drawn.getpixel((120, 100)) == WHITE  # left edge at x = 400 / 4


def test_prepare_gives_bodies_without_a_size_the_images_size():
    body = {"objects": [{"rectangle": {"x": 100, "y": 100, "w": 100, "h": 100}, "object": "cat", "confidence": 0.9}]}
    copy, full_size = display_image(Image.new("RGB", (400, 400), WHITE), max_side=200)
    drawn = render(ExplorerState(api="3.2", labels=False), copy, prepare(body, full_size))
    assert drawn.getpixel((50, 75)) != WHITE and drawn.getpixel((100, 75)) == WHITE


def test_display_image_flattens_transparency_on_white():
    picture, _ = display_image(Image.new("RGBA", (100, 80), (0, 0, 0, 0)))
    assert picture.mode == "RGB" and picture.getpixel((5, 5)) == WHITE


def test_summarize_and_count_follow_the_threshold():
    body = body_with(people=[(0.9, (0, 0, 10, 10)), (0.2, (20, 0, 10, 10))], caption="two people")
    body["tagsResult"] = {"values": [{"name": "person", "confidence": 0.95}, {"name": "tree", "confidence": 0.4}]}
    lines = summarize(ExplorerState(), body)
    assert lines == [
        "Caption: two people (0.90)",
        "Tags (confidence >= 0.50): person 0.95",
        "  1 more below the threshold",
        "Text: 0 lines",
        "Drawn: 1 of 2 people",
    ]
    assert count_layers(ExplorerState(min_confidence=0.1), body) == {"person": (2, 2)}


def test_summarize_shows_the_3_2_facts_of_chosen_features_only():
    body = {"color": {"dominantColorForeground": "Black", "dominantColorBackground": "White",
                      "dominantColors": ["White"], "accentColor": "BB6D10", "isBwImg": True},
            "imageType": {"clipArtType": 3, "lineDrawingType": 0},
            "categories": [{"name": "outdoor_", "score": 0.5}]}  # fmt: skip
    lines = summarize(with_api(ExplorerState(), "3.2"), body)
    assert "Colour: foreground Black, background White, dominant White, accent #BB6D10, black and white: yes" in lines
    assert "Image type: clip art 3 (0-3), line drawing 0 (0-1)" in lines and "Categories: outdoor_ 0.50" in lines
    assert summarize(ExplorerState(api="3.2", features=["Tags"]), body) == []


def test_to_jpeg_encodes_rgb():
    data = to_jpeg(Image.new("RGBA", (20, 10)))
    assert Image.open(io.BytesIO(data)).size == (20, 10)


# --- the widget layer, without a browser ----------------------------------------------------------


@pytest.fixture
def explorer(monkeypatch):
    from vision_viz._explorer import explore

    monkeypatch.chdir(NOTEBOOKS)
    return explore(settings=Settings())


def test_the_explorer_opens_on_the_quickstart_answer_in_replay(explorer):
    assert explorer.mode == "replay" and explorer.state == ExplorerState()
    assert explorer.notes[0] == "Replaying astronaut.jpg: this exact request was recorded (01-analyze-an-image.json)."
    assert explorer.body["metadata"] == {"width": 512, "height": 512}
    assert explorer._picture.value[:3] == b"\xff\xd8\xff"
    assert (
        "explorer" in explorer._repr_mimebundle_()["text/plain"]
        and "replay" not in explorer._repr_mimebundle_()["text/plain"]
    )
    assert "recordings/01-analyze-an-image.json" in explorer._code.value


def test_the_slider_and_a_layer_toggle_redraw_the_picture(explorer):
    before = explorer._picture.value
    explorer._confidence.value = 0.95
    assert explorer.state.min_confidence == 0.95 and bytes(explorer._picture.value) != bytes(before)
    after_slider = explorer._picture.value
    explorer._layer_buttons["smart_crop"].value = False
    assert "smart_crop" in explorer.state.hidden_layers and bytes(explorer._picture.value) != bytes(after_slider)
    assert explorer._layer_buttons["smart_crop"].icon == "eye-slash"


def test_a_slider_move_neither_decodes_nor_parses_again(explorer, monkeypatch):
    import vision_viz._explorer as view

    def fail(*args, **kwargs):
        raise AssertionError("decoded or parsed again")

    monkeypatch.setattr(view, "display_image", fail)
    monkeypatch.setattr(view, "prepare", fail)
    for value in (0.1, 0.6, 0.9):
        explorer._confidence.value = value
    explorer.set(hidden_layers={"person"})


def test_controls_change_the_request_and_replay_at_once(explorer):
    explorer._image.value = "shop-receipt.png"
    assert "word" in explorer._layer_buttons and "shop-receipt.png" in explorer.notes[0]
    explorer._api.value = "3.2"
    assert explorer.state.features == DEFAULT_FEATURES["3.2"] and explorer.answer is None
    assert "No Image Analysis 3.2 analyze call was recorded for shop-receipt.png" in explorer.notes[0]
    explorer._image.value = "grace-hopper.jpg"
    assert explorer.answer is not None and "face" in explorer._layer_buttons
    explorer._feature_boxes["Faces"].value = False
    assert "face" not in explorer._layer_buttons and explorer.state.features == tuple(
        f for f in DEFAULT_FEATURES["3.2"] if f != "Faces")


def test_no_feature_and_bad_ratios_are_explained_not_sent(explorer):
    explorer._ratios.value = "3"
    assert "from 0.75 to 1.8" in explorer._status.value and explorer.state.smart_crop_ratios == (0.9, 1.33)
    explorer.set(features=())
    assert explorer.error and "at least one feature" in explorer._status.value and explorer.answer is None


def test_an_upload_in_replay_says_it_needs_a_key(explorer):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 30, 30)).save(buffer, "PNG")
    explorer._on_upload({"new": ({"name": "red.png", "content": memoryview(buffer.getvalue())},)})
    assert explorer.state.image == "red.png" and explorer.answer is None
    assert "VISION_KEY and VISION_ENDPOINT" in explorer.notes[0] and "Nothing was sent" in explorer.notes[0]
    assert ("red.png (uploaded)", "red.png") in explorer._image.options
    assert explorer.picture.size == (120, 90), "the uploaded image is still shown"


@pytest.fixture
def live_explorer(fake, monkeypatch):
    from vision_viz._explorer import explore
    from vision_viz._session import make_session

    for recording in (NOTEBOOKS / "recordings").glob("*.json"):
        fake.serve_recording(recording)
    monkeypatch.chdir(NOTEBOOKS)
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY), retries=0)
    return explore(session), fake


def test_live_mode_calls_the_service_when_asked(live_explorer):
    explorer, fake = live_explorer
    assert explorer.mode == "live" and len(fake.received) == 1, "opening analyses the first image"
    assert explorer.notes[0].startswith("Sent /computervision/imageanalysis:analyze for astronaut.jpg")
    explorer.set(features=("tags",))
    assert explorer.pending and len(fake.received) == 1, "a changed request waits for Analyze"
    explorer.analyze()
    assert not explorer.pending and len(fake.received) == 2 and "features=tags" in fake.received[-1][1]
    explorer.set(min_confidence=0.9)
    assert len(fake.received) == 2, "a slider move sends nothing"


def test_live_mode_shows_the_services_error(live_explorer):
    explorer, fake = live_explorer
    explorer.set(image="grace-hopper.jpg", features=("caption",), language="es", gender_neutral=False)
    assert explorer.answer is None and "NotSupportedLanguage" in explorer._status.value
