"""The Python SDK (azure-ai-vision-imageanalysis) through the vision_viz session, and notebook 14's name table.

The SDK sends with azure-core's RequestsTransport, given the vision_viz session: these tests run it against
the loopback fake with a key and with a token, record it, replay it, and check that neither secret leaks.
"""

import json
import logging
import re
import typing

import nbformat
import pytest
from azure.ai.vision.imageanalysis import ImageAnalysisClient, models
from azure.ai.vision.imageanalysis._model_base import Model, _RestField
from azure.ai.vision.imageanalysis.models import VisualFeatures
from azure.core.credentials import AzureKeyCredential
from azure.core.pipeline.transport import RequestsTransport
from test_keyless import CANARY_TOKEN, FakeCredential

import vision_viz as vv
from conftest import CANARY_KEY, ROOT
from fake_service import Reply
from vision_viz._provenance import LIVE_PROVENANCE

NOTEBOOK = ROOT / "notebooks" / "14-use-the-python-sdk.ipynb"
QUERY = "api-version=2023-10-01&features=caption,tags&language=en"
BODY = {"modelVersion": "2023-10-01", "metadata": {"width": 40, "height": 30},
        "captionResult": {"text": "a red square", "confidence": 0.9},
        "tagsResult": {"values": [{"name": "red", "confidence": 0.8}]}}
IMAGE = b"\x89PNG fake image bytes"
PLACEHOLDER = "placeholder: the session signs each request"


def sdk_rows():
    """(REST path, SDK path) for every field of ImageAnalysisResult, read from the installed SDK's models."""
    def walk(cls, rest, sdk):
        hints = typing.get_type_hints(cls, localns={"_models": models})
        for attr, field in vars(cls).items():
            if not isinstance(field, _RestField):
                continue
            name = field._rest_name_input or attr
            r, s = (f"{rest}.{name}" if rest else name), (f"{sdk}.{attr}" if sdk else attr)
            kind = hints[attr]
            if typing.get_origin(kind) is typing.Union:
                kind = next(a for a in typing.get_args(kind) if a is not type(None))
            if typing.get_origin(kind) is list:
                kind, r, s = typing.get_args(kind)[0], r + "[i]", s + "[i]"
            yield r, s, kind
            if isinstance(kind, type) and issubclass(kind, Model):
                yield from walk(kind, r, s)

    return list(walk(models.ImageAnalysisResult, "", ""))


def notebook_table():
    source = "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "markdown")
    return re.findall(r"^\| [^|]+ \| `([^`]+)` \| `([^`]+)` \|$", source, re.MULTILINE)


def test_the_name_table_matches_the_installed_sdk_and_covers_every_field():
    table = notebook_table()
    rows = sdk_rows()
    assert len(table) >= 20
    pairs = {(r, s) for r, s, _ in rows}
    for rest, sdk in table:  # every row is true: the pair itself, or (every box/polygon) the tail of pairs
        nested = any(r.endswith("." + rest) and s.endswith("." + sdk) for r, s in pairs)
        assert (rest, sdk) in pairs or nested, (rest, sdk)
    for rest, sdk, kind in rows:  # every value the SDK returns is in the table
        if kind in (str, int, float):
            covered = (rest, sdk) in table or any(
                rest.endswith("." + r) and sdk.endswith("." + s) and r.startswith(("boundingBox", "boundingPolygon"))
                for r, s in table)
            assert covered, f"{rest} -> {sdk} is missing from notebook 14's table"


def client_for(session, hook=None):
    return ImageAnalysisClient(endpoint=session.endpoint, credential=AzureKeyCredential(PLACEHOLDER),
                               transport=RequestsTransport(session=session, session_owner=False),
                               raw_response_hook=hook)


def analyze(client):
    features = [VisualFeatures.CAPTION, VisualFeatures.TAGS]
    return client.analyze(image_data=IMAGE, visual_features=features, language="en")


@pytest.fixture
def service(fake):
    fake.tokens.add(CANARY_TOKEN)
    fake.answer("POST", "/computervision/imageanalysis:analyze?" + QUERY,
                Reply(200, json.dumps(BODY).encode(), {"Content-Type": "application/json"}), body=IMAGE)
    return fake


@pytest.mark.parametrize("sign_in", ["key", "token"])
def test_the_sdk_sends_through_the_session_signed_by_it(service, sign_in):
    settings = (vv.Settings(endpoint=service.url, key=CANARY_KEY) if sign_in == "key"
                else vv.Settings(endpoint=service.url, credential=FakeCredential()))
    responses = []
    with vv.make_session(settings, backoff_factor=0) as session:
        result = analyze(client_for(session, lambda pipeline: responses.append(pipeline.http_response)))
    assert result.caption.text == "a red square" and result.tags.list[0].name == "red"
    assert result.as_dict() == BODY
    headers = service.received_headers[-1]
    if sign_in == "key":
        assert headers["Ocp-Apim-Subscription-Key"] == CANARY_KEY and "Authorization" not in headers
    else:
        assert headers["Authorization"] == f"Bearer {CANARY_TOKEN}" and "Ocp-Apim-Subscription-Key" not in headers
    assert PLACEHOLDER not in json.dumps(headers), "the SDK's placeholder never reaches the service"
    assert vv.provenance(responses[-1]) == LIVE_PROVENANCE


def test_an_sdk_error_is_the_sessions_clear_error_without_the_token(service):
    with vv.make_session(vv.Settings(endpoint=service.url, credential=FakeCredential("wrong-token")),
                         backoff_factor=0) as session, pytest.raises(vv.VisionServiceError) as caught:
        analyze(client_for(session))
    assert caught.value.status == 401 and "wrong-token" not in str(caught.value)


def test_the_sdk_records_with_a_token_then_replays_offline(service, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)  # azure-core's and urllib3's logs included
    path = tmp_path / "sdk.json"
    settings = vv.Settings(endpoint=service.url, credential=FakeCredential(), record=True)
    with vv.start_session(path, settings, backoff_factor=0) as session:
        analyze(client_for(session))
    text = path.read_text(encoding="utf-8")
    assert CANARY_TOKEN not in text and PLACEHOLDER not in text and service.url.split("//")[1] not in text
    assert CANARY_TOKEN not in caplog.text and "azure.core" in " ".join(r.name for r in caplog.records)

    hits = len(service.received)
    responses = []
    with vv.start_session(path, vv.Settings()) as replay:
        result = analyze(client_for(replay, lambda pipeline: responses.append(pipeline.http_response)))
        request = responses[-1].internal_response.request
        assert "Ocp-Apim-Subscription-Key: <not set" in vv.describe_request(request)
    assert result.as_dict() == BODY and len(service.received) == hits
    assert vv.provenance(responses[-1]).startswith("recorded from the live service on ")


def test_a_drawing_of_an_sdk_result_carries_the_provenance_it_is_given():
    result = models.ImageAnalysisResult(BODY)
    from PIL import Image

    image = Image.new("RGB", (40, 30), "white")
    plain = vv.draw(image, result)
    noted = vv.draw(image, vv.parse(result, provenance="recorded from the live service on 2026-12-01"))
    assert vv.parse(result).provenance is None
    assert noted.width == plain.width and noted.height > plain.height, "a note band under the caption"
    assert vv.parse(result, provenance=LIVE_PROVENANCE).provenance == LIVE_PROVENANCE
