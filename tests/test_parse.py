"""vision_viz.parse: every response shape of every API generation, tolerant, with clear errors."""

from __future__ import annotations

import json

import pytest

from bodies import read_pages
from vision_viz import Analysis, Annotation, ResponseBodyError, parse

SQUARE = [{"x": 10, "y": 20}, {"x": 50, "y": 20}, {"x": 50, "y": 40}, {"x": 10, "y": 40}]


def kinds(analysis: Analysis) -> list[str]:
    return [a.kind for a in analysis.annotations]


# --- 4.0 ---------------------------------------------------------------------------------------


def test_v4_all_features():
    body = {
        "modelVersion": "2023-10-01",
        "metadata": {"width": 864, "height": 576},
        "captionResult": {"text": "a cat on a mat", "confidence": 0.85},
        "tagsResult": {"values": [{"name": "cat", "confidence": 0.99}, {"name": "indoor", "confidence": 0.7}]},
        "objectsResult": {
            "values": [
                {
                    "boundingBox": {"x": 603, "y": 225, "w": 152, "h": 224},
                    "tags": [{"name": "chair", "confidence": 0.618}],
                }
            ]
        },  # fmt: skip
        "peopleResult": {"values": [{"boundingBox": {"x": 1, "y": 2, "w": 3, "h": 4}, "confidence": 0.96}]},
        "denseCaptionsResult": {
            "values": [{"text": "a cat", "confidence": 0.8, "boundingBox": {"x": 0, "y": 0, "w": 864, "h": 576}}]
        },
        "smartCropsResult": {"values": [{"aspectRatio": 0.9, "boundingBox": {"x": 238, "y": 0, "w": 511, "h": 568}}]},
        "readResult": {
            "blocks": [
                {
                    "lines": [
                        {
                            "text": "Sample text",
                            "boundingPolygon": SQUARE,
                            "words": [{"text": "Sample", "boundingPolygon": SQUARE, "confidence": 0.993}],
                        }
                    ]
                }
            ]
        },  # fmt: skip
    }
    analysis = parse(body)
    assert analysis.size == (864, 576)
    assert analysis.model_version == "2023-10-01"
    assert analysis.caption.name == "a cat on a mat" and analysis.caption.confidence == 0.85
    assert [t.name for t in analysis.tags] == ["cat", "indoor"]
    assert kinds(analysis) == ["object", "person", "dense_caption", "smart_crop", "line", "word"]
    chair = analysis.annotations[0]
    assert (chair.label, chair.confidence, chair.box, chair.polygon) == ("chair", 0.618, (603, 225, 755, 449), None)
    assert analysis.of_kind("smart_crop")[0].label == "0.90"
    word = analysis.of_kind("word")[0]
    assert word.polygon == ((10, 20), (50, 20), (50, 40), (10, 40)) and word.box == (10, 20, 50, 40)
    assert analysis.text == "Sample text"


@pytest.mark.parametrize(
    ("section", "kind"),
    [
        pytest.param(
            {"peopleResult": {"values": [{"boundingBox": {"x": 1, "y": 1, "w": 1, "h": 1}, "confidence": 0.5}]}},
            "person",
            id="people-only",
        ),
        pytest.param(
            {"smartCropsResult": {"values": [{"aspectRatio": 1.33, "boundingBox": {"x": 0, "y": 0, "w": 4, "h": 3}}]}},
            "smart_crop",
            id="crops-only",
        ),
        pytest.param(
            {
                "denseCaptionsResult": {
                    "values": [{"text": "x", "confidence": 0.5, "boundingBox": {"x": 0, "y": 0, "w": 1, "h": 1}}]
                }
            },
            "dense_caption",
            id="dense-only",
        ),
    ],
)
def test_v4_single_feature_bodies(section, kind):
    assert kinds(parse({"modelVersion": "2023-10-01", **section})) == [kind]


def test_v4_empty_sections_and_object_without_tags():
    body = {"modelVersion": "2023-10-01", "metadata": {"width": 10, "height": 10},
            "objectsResult": {"values": [{"boundingBox": {"x": 1, "y": 1, "w": 2, "h": 2}, "tags": []}]},
            "peopleResult": {"values": []}, "readResult": {"blocks": []}, "tagsResult": {"values": []}}  # fmt: skip
    analysis = parse(body)
    assert [(a.kind, a.label, a.confidence) for a in analysis.annotations] == [("object", "object", None)]
    assert analysis.tags == () and analysis.caption is None and analysis.text == ""


def test_v4_preview_read_pages():
    body = {"modelVersion": "2023-02-01-preview", "metadata": {"width": 1000, "height": 945},
            "readResult": {"stringIndexType": "TextElements", "content": "You", "pages": [{
                "height": 945, "width": 1000, "angle": -1.0, "pageNumber": 1,
                "words": [{"content": "You", "boundingBox": [253, 268, 301, 267, 304, 318, 256, 318],
                           "confidence": 0.998}],
                "lines": [{"content": "You", "boundingBox": [253, 268, 301, 267, 304, 318, 256, 318],
                           "confidence": 0.1}]}]}}  # fmt: skip
    analysis = parse(body)
    assert kinds(analysis) == ["line", "word"]
    assert [a.confidence for a in analysis.annotations] == [None, 0.998]  # a line's score is not its words'
    assert analysis.of_kind("word")[0].polygon[0] == (253, 268) and analysis.of_kind("word")[0].page == 1
    assert analysis.text_angle == -1.0


def test_v4_custom_model_result():
    body = {
        "customModelResult": {
            "objectsResult": {
                "values": [
                    {"boundingBox": {"x": 1, "y": 2, "w": 3, "h": 4}, "tags": [{"name": "apple", "confidence": 0.9}]}
                ]
            }
        }
    }
    assert [(a.kind, a.label) for a in parse(body).annotations] == [("object", "apple")]


# --- 3.2 and the v1/v2 analyze ----------------------------------------------------------------


def test_v3_analyze_all_features():
    body = {
        "categories": [{"name": "people_", "score": 0.84, "detail": {"celebrities": [
            {"name": "Satya Nadella", "faceRectangle": {"left": 597, "top": 162, "width": 248, "height": 248},
             "confidence": 0.999}]}},
            {"name": "building_", "score": 0.98,
             "detail": {"landmarks": [{"name": "Forbidden City", "confidence": 0.98}]}}],
        "adult": {"isAdultContent": False, "isRacyContent": False, "isGoryContent": False,
                  "adultScore": 0.09, "racyScore": 0.07, "goreScore": 0.01},
        "tags": [{"name": "person", "confidence": 0.99}, {"name": "pangolin", "confidence": 0.7, "hint": "mammal"}],
        "description": {"tags": ["person", "glasses"], "captions": [{"text": "a man sitting", "confidence": 0.48}]},
        "faces": [{"age": 44, "gender": "Male",
                   "faceRectangle": {"left": 593, "top": 160, "width": 250, "height": 250}}],
        "color": {"dominantColorForeground": "Brown", "dominantColorBackground": "Black", "dominantColors": ["Brown"],
                  "accentColor": "873B59", "isBWImg": False},
        "imageType": {"clipArtType": 0, "lineDrawingType": 1},
        "objects": [{"rectangle": {"x": 0, "y": 0, "w": 50, "h": 50}, "object": "tree", "confidence": 0.9,
                     "parent": {"object": "plant", "confidence": 0.95}}],
        "brands": [{"name": "Pepsi", "confidence": 0.857, "rectangle": {"x": 489, "y": 79, "w": 161, "h": 177}}],
        "requestId": "0dbec5ad", "metadata": {"width": 1500, "height": 1000, "format": "Jpeg"},
        "modelVersion": "2021-04-01",
    }  # fmt: skip
    analysis = parse(body)
    assert kinds(analysis) == ["celebrity", "face", "object", "brand"]
    assert analysis.annotations[0].box == (597, 162, 845, 410)
    assert analysis.of_kind("face")[0].label == "Male, 44"
    assert analysis.caption.name == "a man sitting"
    assert [(t.name, t.confidence) for t in analysis.tags] == [("person", 0.99), ("pangolin", 0.7), ("glasses", None)]
    assert [c.name for c in analysis.categories] == ["people_", "building_"]
    assert [landmark.name for landmark in analysis.landmarks] == ["Forbidden City"]
    assert analysis.color.accent == "873B59" and analysis.color.is_black_and_white is False
    assert (analysis.image_type.clip_art, analysis.image_type.line_drawing) == (0, 1)
    assert analysis.adult.is_racy is False and analysis.adult.gore_score == 0.01
    assert analysis.size == (1500, 1000)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            {
                "description": {
                    "tags": ["grass"],
                    "captions": [{"text": "a dog", "confidence": 0.9}, {"text": "a puppy", "confidence": 0.5}],
                }
            },
            {"captions": ["a dog", "a puppy"], "tags": ["grass"]},
            id="describe-two-candidates",
        ),  # fmt: skip
        pytest.param(
            {"tags": [{"name": "grass", "confidence": 0.99}], "requestId": "x"}, {"tags": ["grass"]}, id="tag"
        ),
        pytest.param(
            {"objects": [{"rectangle": {"x": 1, "y": 1, "w": 1, "h": 1}, "object": "dog", "confidence": 0.8}]},
            {"kinds": ["object"]},
            id="detect",
        ),  # fmt: skip
        pytest.param(
            {"areaOfInterest": {"h": 951, "w": 950, "x": 160, "y": 0}, "metadata": {"width": 1378, "height": 951}},
            {"kinds": ["area_of_interest"]},
            id="area-of-interest",
        ),  # fmt: skip
        pytest.param(
            {
                "result": {
                    "celebrities": [
                        {
                            "faceRectangle": {"top": 123, "left": 156, "width": 187, "height": 187},
                            "name": "Bill Gates",
                            "confidence": 0.999,
                        }
                    ]
                }
            },
            {"kinds": ["celebrity"]},
            id="models-celebrities",
        ),  # fmt: skip
        pytest.param(
            {"result": {"landmarks": [{"name": "Colosseum", "confidence": 0.99}]}, "requestId": "x"},
            {"landmarks": ["Colosseum"], "kinds": []},
            id="models-landmarks",
        ),  # fmt: skip
        pytest.param({"models": [{"name": "celebrities", "categories": ["people_"]}]}, {"kinds": []}, id="models-list"),
    ],
)
def test_v3_scoped_operations(body, expected):
    analysis = parse(body)
    assert [c.name for c in analysis.captions] == expected.get("captions", [])
    assert [t.name for t in analysis.tags] == expected.get("tags", [])
    assert [landmark.name for landmark in analysis.landmarks] == expected.get("landmarks", [])
    if "kinds" in expected:
        assert kinds(analysis) == expected["kinds"]


@pytest.mark.parametrize("key", ["isBWImg", "isBwImg", "isbwimg"])
def test_colour_flag_in_any_case(key):
    body = {"color": {"dominantColors": [], key: True}}
    assert parse(body).color.is_black_and_white is True


# --- legacy OCR --------------------------------------------------------------------------------


def legacy_ocr(angle: float = 0, orientation: str = "Up") -> dict:
    return {"language": "en", "textAngle": angle, "orientation": orientation, "regions": [
        {"boundingBox": "10,20,100,30", "lines": [{"boundingBox": "10,20,100,30", "words": [
            {"boundingBox": "10,20,40,30", "text": "HELLO"},
            {"boundingBox": "60,20,50,30", "text": "WORLD"}]}]}]}  # fmt: skip


def test_legacy_ocr_upright():
    analysis = parse(legacy_ocr())
    assert kinds(analysis) == ["region", "line", "word", "word"]
    assert analysis.of_kind("line")[0].label == "HELLO WORLD"
    assert analysis.of_kind("word")[0].box == (10, 20, 50, 50) and analysis.of_kind("word")[0].polygon is None
    assert analysis.orientation == "Up" and analysis.language == "en" and analysis.text == "HELLO WORLD"


@pytest.mark.parametrize(
    ("orientation", "start", "angle"),
    [
        pytest.param("Up", None, None, id="up"),
        pytest.param("Right", (50, 20), 90, id="right"),
        pytest.param("Down", (50, 50), 180, id="down"),
        pytest.param("Left", (10, 50), -90, id="left"),
    ],
)
def test_legacy_ocr_orientation_sets_the_reading_direction(orientation, start, angle):
    from vision_viz._geometry import polygon_angle

    word = parse(legacy_ocr(orientation=orientation)).of_kind("word")[0]
    assert word.box == (10, 20, 50, 50)
    if start is None:
        assert word.polygon is None
    else:
        assert word.polygon[0] == start and polygon_angle(word.polygon) == pytest.approx(angle)


def test_legacy_ocr_text_angle_is_undone_around_the_image_centre():
    # The boxes are in the image turned clockwise by textAngle; undo it around the centre (100, 50).
    from vision_viz._geometry import polygon_angle, rotate_polygon, xyxy_to_polygon

    word = parse(legacy_ocr(angle=-10), image_size=(200, 100)).of_kind("word")[0]

    assert polygon_angle(word.polygon) == pytest.approx(10)
    expected = rotate_polygon(xyxy_to_polygon((10, 20, 50, 50)), 10, (100, 50))
    assert [c for point in word.polygon for c in point] == pytest.approx([c for point in expected for c in point])
    assert parse(legacy_ocr(angle=-10)).text_angle == 10  # the text is turned 10 degrees clockwise
    assert parse(legacy_ocr(angle=-10)).of_kind("word")[0].polygon is None  # no size: left as given


# --- Read 3.x, RecognizeText, BatchRead -----------------------------------------------------------


def test_read_v3_pages_confidence_and_words_outside_their_line():
    body = {"status": "succeeded", "analyzeResult": {"version": "3.2", "readResults": [
        {"page": 1, "angle": 49.59, "width": 600, "height": 400, "unit": "pixel", "lines": [
            {"boundingBox": [1, 1, 9, 1, 9, 5, 1, 5], "text": "Viva", "words": [
                {"boundingBox": [323, 454, 416, 449, 418, 494, 325, 501], "text": "Viva", "confidence": 0.164}]}]},
        {"page": 2, "angle": 1.3, "width": 600, "height": 400, "unit": "pixel", "lines": [
            {"boundingBox": [1, 1, 9, 1, 9, 5, 1, 5], "text": "in", "words": [
                {"boundingBox": [1, 1, 9, 1, 9, 5, 1, 5], "text": "in", "confidence": 1}]}]}]}}  # fmt: skip
    analysis = parse(body)
    assert analysis.size == (600, 400) and analysis.text_angle == pytest.approx(49.59)
    assert [(a.kind, a.page) for a in analysis.annotations] == [("line", 1), ("word", 1), ("line", 2), ("word", 2)]
    viva = analysis.annotations[1]
    assert viva.box == (323, 449, 418, 501) and viva.confidence == 0.164
    assert analysis.annotations[3].confidence == 1.0 and isinstance(analysis.annotations[3].confidence, float)


def test_batch_read_low_and_missing_confidence():
    body = {"status": "Succeeded", "recognitionResults": [{"page": 1, "clockwiseOrientation": 349.59, "width": 2661,
            "height": 1901, "unit": "pixel", "lines": [{"boundingBox": [67, 646, 2582, 713, 2580, 876, 67, 821],
            "text": "The quick", "words": [{"boundingBox": [143, 650, 435, 661, 436, 823, 144, 824], "text": "The"},
            {"boundingBox": [540, 665, 875, 676, 875, 833, 540, 823], "text": "quick",
             "confidence": "Low"}]}]}]}  # fmt: skip
    analysis = parse(body)
    assert analysis.size == (2661, 1901) and analysis.text_angle == pytest.approx(-10.41)
    assert [(a.label, a.confidence) for a in analysis.of_kind("word")] == [("The", None), ("quick", None)]


def test_recognize_text_v1():
    body = {"status": "Succeeded", "recognitionResult": {"lines": [{"boundingBox": [2, 52, 65, 46, 69, 89, 7, 95],
            "text": "dog", "words": [{"boundingBox": [0, 59, 63, 43, 77, 86, 3, 102], "text": "dog"}]}]}}  # fmt: skip
    analysis = parse(body)
    assert kinds(analysis) == ["line", "word"] and analysis.annotations[1].page is None
    assert analysis.annotations[1].box == (0, 43, 77, 102)


# --- tolerance -----------------------------------------------------------------------------------


def test_unknown_fields_are_ignored_and_text_input_is_accepted():
    body = {"objectsResult": {"values": [{"boundingBox": {"x": 1, "y": 2, "w": 3, "h": 4, "z": 9},
                                          "tags": [{"name": "cup", "confidence": 0.5}], "newField": [1]}]},
            "somethingNew": {"a": 1}}  # fmt: skip
    for given in (body, json.dumps(body), json.dumps(body).encode()):
        assert parse(given).annotations == (Annotation("object", "cup", 0.5, (1, 2, 4, 6)),)


def test_an_analysis_passes_through():
    analysis = parse({"tags": []})
    assert parse(analysis) is analysis


def test_unreadable_geometry_is_skipped_with_a_warning():
    body = {
        "objectsResult": {
            "values": [
                {"boundingBox": {"x": 1, "y": 2}, "tags": [{"name": "broken"}]},
                {"boundingBox": {"x": 1, "y": 2, "w": 3, "h": 4}, "tags": [{"name": "fine"}]},
            ]
        }
    }
    with pytest.warns(UserWarning, match="skipped 1 item"):
        analysis = parse(body)
    assert [a.label for a in analysis.annotations] == ["fine"]


def test_one_unreadable_word_is_skipped_and_the_others_keep_their_order():
    def word(text, polygon):
        return {"text": text, "confidence": 0.9, "boundingPolygon": polygon}

    broken = [{"x": 1, "y": 2}, {"x": 3}, {"x": 4, "y": 5}]
    huge = [{"x": 10**400, "y": 2}, {"x": 3, "y": 2}, {"x": 4, "y": 5}]
    line = {"text": "a b c d", "boundingPolygon": SQUARE,
            "words": [word("a", SQUARE), word("b", broken), word("c", huge), word("d", SQUARE[:3])]}  # fmt: skip
    with pytest.warns(UserWarning, match="skipped 2 item"):
        analysis = parse({"readResult": {"blocks": [{"lines": [line]}]}})
    assert [a.label for a in analysis.annotations] == ["a b c d", "a", "d"]
    assert analysis.annotations[2].polygon == ((10.0, 20.0), (50.0, 20.0), (50.0, 40.0))
    assert analysis.annotations[2].box == (10.0, 20.0, 50.0, 40.0)


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            {
                "error": {
                    "code": "InvalidRequest",
                    "message": "Analyze query is invalid.",
                    "innererror": {"code": "NotSupportedVisualFeature", "message": "bad feature"},
                }
            },
            "NotSupportedVisualFeature",
            id="v4-error",
        ),  # fmt: skip
        pytest.param(
            {"code": "InvalidImageUrl", "message": "Image URL is badly formatted.", "requestId": "1"},
            "InvalidImageUrl",
            id="v3-error",
        ),  # fmt: skip
        pytest.param(
            {"error": {"code": "401", "message": "Access denied due to invalid subscription key."}},
            "401",
            id="gateway-401",
        ),  # fmt: skip
        pytest.param(
            {"statusCode": 401, "message": "Access denied due to invalid subscription key or wrong API endpoint."},
            "401: Access denied",
            id="old-gateway-401",
        ),  # fmt: skip
        pytest.param({"status": "running"}, "poll", id="read-running"),
        pytest.param({"status": "NotStarted"}, "poll", id="batch-read-not-started"),
        pytest.param({"status": "failed"}, "failed", id="read-failed"),
        pytest.param({}, "not an Image Analysis response", id="empty-object"),
        pytest.param({"foo": 1}, "not an Image Analysis response", id="unknown-keys"),
        pytest.param({"version": 1, "interactions": []}, "recording", id="cassette"),
        pytest.param([1, 2], "JSON object", id="list"),
        pytest.param(42, "JSON object", id="number"),
        pytest.param("not json", "not valid JSON", id="bad-json-text"),
        pytest.param(b"\x89PNG\r\n\x1a\n....", "PNG image data", id="png-bytes"),
    ],
)
def test_bodies_that_cannot_be_drawn_raise_clearly(body, message):
    with pytest.raises(ResponseBodyError, match=message) as info:
        parse(body)
    assert isinstance(info.value, ValueError)


def test_error_body_keeps_the_code():
    with pytest.raises(ResponseBodyError) as info:
        parse({"error": {"code": "InvalidRequest", "message": "m", "innererror": {"code": "InvalidImageSize"}}})
    assert info.value.code == "InvalidImageSize"


def test_an_old_gateway_error_body_names_the_status_the_message_and_what_to_do():
    message = (
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key "
        "for an active subscription and use a correct regional API endpoint for your resource."
    )
    with pytest.raises(ResponseBodyError) as info:
        parse({"statusCode": 401, "message": message})
    assert info.value.code == "401"
    assert f"error response (401: {message})" in str(info.value)
    assert "What to do: Check VISION_KEY and VISION_ENDPOINT" in str(info.value)


def test_a_body_with_a_status_code_but_no_message_is_not_taken_for_an_error():
    with pytest.raises(ResponseBodyError, match="not an Image Analysis response"):
        parse({"statusCode": 200})
    caption = {"captionResult": {"text": "a cat", "confidence": 0.9}}
    for wrapped in ({"statusCode": 200, "message": "OK"}, {"statusCode": True, "message": "yes"}):
        assert parse(wrapped | caption).caption.name == "a cat"  # a success wrapped by a proxy is drawn


def test_a_response_object_is_read_through_its_json_method():
    class FakeResponse:
        def json(self) -> dict:
            return {"captionResult": {"text": "a dog", "confidence": 0.5}}

    analysis = parse(FakeResponse())
    assert analysis.caption.name == "a dog" and analysis.provenance is None


WORD = (1, 1, 2, 1.5)  # one word at the same place of each page, in the page's own coordinates


def test_every_read_page_keeps_its_own_size_unit_and_angle():
    from vision_viz._parse import Page

    analysis = parse(read_pages(
        (850, 1100, "pixel", WORD, 0.5), (425, 550, "pixel", WORD, 359.0), (8.5, 11, "inch", WORD, 0)
    ))
    assert analysis.pages == (Page(1, (850, 1100), "pixel", 0.5), Page(2, (425, 550), "pixel", -1.0),
                              Page(3, (8.5, 11), "inch", 0.0))  # fmt: skip
    assert analysis.size == (850, 1100) and analysis.text_angle == 0.5  # page 1's, as before
    assert analysis.page_size(2) == (425, 550) and analysis.page(2).angle == -1.0
    assert analysis.page_size(4) == (850, 1100) and analysis.page(4) is None  # no such page: the body's size
    assert parse({"tags": []}).pages == () and parse({"tags": []}).page_size(1) is None


def test_v4_preview_read_pages_keep_their_own_sizes():
    pages = [{"pageNumber": number, "width": width, "height": 100, "angle": 0, "words": [], "lines": []}
             for number, width in ((1, 200), (2, 50))]  # fmt: skip
    analysis = parse({"readResult": {"pages": pages}})
    assert analysis.size == (200, 100) and analysis.page_size(2) == (50, 100)


def test_the_kinds_parse_returns_are_exactly_the_kinds_in_their_one_home():
    from vision_viz._kinds import KIND_NAMES, KINDS

    box = {"x": 1, "y": 1, "w": 5, "h": 5}
    face = {"left": 1, "top": 1, "width": 5, "height": 5}
    quad = [1, 1, 6, 1, 6, 6, 1, 6]
    body = {
        "objectsResult": {"values": [{"boundingBox": box, "tags": [{"name": "cat", "confidence": 0.9}]}]},
        "peopleResult": {"values": [{"boundingBox": box, "confidence": 0.9}]},
        "denseCaptionsResult": {"values": [{"text": "a cat", "confidence": 0.9, "boundingBox": box}]},
        "smartCropsResult": {"values": [{"aspectRatio": 1.0, "boundingBox": box}]},
        "faces": [{"age": 3, "gender": "Female", "faceRectangle": face}],
        "categories": [{"name": "people_", "score": 0.9, "detail": {"celebrities": [
            {"name": "Someone", "confidence": 0.9, "faceRectangle": face}]}}],
        "brands": [{"name": "Contoso", "confidence": 0.9, "rectangle": box}],
        "areaOfInterest": box,
        "regions": [{"boundingBox": "1,1,5,5", "lines": [{"boundingBox": "1,1,5,5", "words": [
            {"boundingBox": "1,1,5,5", "text": "hi"}]}]}],
        "analyzeResult": {"pages": [{"pageNumber": 1, "selectionMarks": [{"state": "selected", "polygon": quad}]}],
                          "paragraphs": [{"content": "hi", "boundingRegions": [{"pageNumber": 1, "polygon": quad}]}],
                          "tables": [{"boundingRegions": [{"pageNumber": 1, "polygon": quad}],
                                      "cells": [{"content": "hi",
                                                 "boundingRegions": [{"pageNumber": 1, "polygon": quad}]}]}],
                          "documents": [{"fields": {"Name": {"content": "hi", "boundingRegions": [
                              {"pageNumber": 1, "polygon": quad}]}}}]},
        "result": {"contents": [{"signatures": [{"source": "D(1,1,1,5,5)"}]}]},
    }  # fmt: skip
    kinds = {annotation.kind for annotation in parse(body).annotations}
    assert kinds == set(KINDS) == set(KIND_NAMES)
