import json

import pytest
import requests

from conftest import DATA
from vision_viz import VisionServiceError


def response(status, body, headers=None):
    r = requests.Response()
    r.status_code = status
    r._content = body if isinstance(body, bytes) else json.dumps(body).encode()
    r.headers.update(headers or {})
    return r


def test_4_0_error_body_gives_the_inner_code():
    body = json.loads((DATA / "published-responses/errors/4.0-NotSupportedVisualFeature.json").read_text())
    error = VisionServiceError.from_response(response(400, body, {"apim-request-id": "abc-123"}))
    assert (error.status, error.code, error.request_id) == (400, "NotSupportedVisualFeature", "abc-123")
    assert "Specified feature type is not valid" in error.message
    assert "feature name is not valid" in str(error)


def test_3_2_error_body():
    body = {"code": "InvalidImageUrl", "requestId": "r-42", "message": "Image URL is badly formatted."}
    error = VisionServiceError.from_response(response(400, body))
    assert (error.code, error.message, error.request_id) == ("InvalidImageUrl", "Image URL is badly formatted.", "r-42")
    assert "public http(s) URL" in str(error)


def test_gateway_401_has_a_string_code_and_tells_what_to_check():
    body = {"error": {"code": "401", "message": "Access denied due to invalid subscription key or wrong API endpoint."}}
    error = VisionServiceError.from_response(response(401, body))
    assert (error.status, error.code) == (401, "401")
    assert "Check VISION_KEY and VISION_ENDPOINT" in str(error)
    assert "region" in str(error)


def test_old_gateway_401_body_gives_its_status_message_and_what_to_check():
    body = {"statusCode": 401, "message": "Access denied due to invalid subscription key or wrong API endpoint."}
    error = VisionServiceError.from_response(response(401, body))
    assert (error.status, error.code, error.message) == (401, "401", body["message"])
    assert "Check VISION_KEY and VISION_ENDPOINT" in str(error)
    quota = {"statusCode": 403, "message": "Out of call volume quota."}
    error = VisionServiceError.from_response(response(403, quota, {"x-ms-error-code": "QuotaExceeded"}))
    assert (error.code, error.message) == ("QuotaExceeded", quota["message"])  # the header's code is more precise


def test_429_says_wait_and_how_long():
    body = {"error": {"code": "429", "message": "Rate limit is exceeded."}}
    error = VisionServiceError.from_response(response(429, body, {"Retry-After": "7"}))
    assert error.retry_after == 7.0
    assert "rate limited" in str(error) and "asked to wait 7 s" in str(error)
    assert VisionServiceError.from_response(response(429, body)).retry_after is None


@pytest.mark.parametrize("body", [b"", b"<html>Bad gateway</html>", b"[1, 2]"], ids=["empty", "html", "not-an-object"])
def test_a_body_that_is_not_a_service_error_still_gives_a_clear_error(body):
    r = response(502, body)
    r.reason = "Bad Gateway"
    error = VisionServiceError.from_response(r)
    assert (error.status, error.code, error.message) == (502, "502", "Bad Gateway")


@pytest.mark.parametrize("value, seconds", [
    ("7", 7.0), (" 7 ", 7.0), ("0.5", 0.5), ("-5", 0.0), ("abc", None), ("", None), ("nan", None), ("inf", None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date in the past: no wait
])
def test_retry_after_is_read_leniently(value, seconds):
    from vision_viz._errors import retry_after_seconds

    assert retry_after_seconds(value) == seconds


@pytest.mark.parametrize("value, wait", [("0.5", 0.5), ("-5", 0.0), ("abc", None)])
def test_a_malformed_retry_after_keeps_the_services_error(value, wait):
    body = {"error": {"code": "429", "message": "Rate limit is exceeded."}}
    error = VisionServiceError.from_response(response(429, body, {"Retry-After": value}))
    assert (error.code, error.message, error.retry_after) == ("429", "Rate limit is exceeded.", wait)
    assert "wait -" not in str(error)


def test_deeply_nested_json_is_not_a_recursion_error():
    deep = b"[" * 100_000 + b"]" * 100_000
    error = VisionServiceError.from_response(response(500, deep))
    assert (error.code, error.message) == ("500", "no message")
    nested = {"error": {"code": "Bad", "message": [[[[["not text"]]]]]}}
    assert VisionServiceError.from_response(response(400, nested)).message == "no message"


def test_a_wait_longer_than_the_session_honours_says_so():
    body = {"error": {"code": "429", "message": "Rate limit is exceeded."}}
    error = VisionServiceError.from_response(response(429, body, {"Retry-After": "86400"}))
    assert error.retry_after == 86400
    assert "asked to wait 86400 s" in str(error) and "longer than the session waits (60 s)" in str(error)


def test_every_error_shares_one_base_class():
    import vision_viz as vv

    for name in ("SettingsError", "VisionServiceError", "ServiceUnreachableError", "MissingRecordingError",
                 "RecordingError", "ImageCheckError", "ResponseBodyError", "ImageLoadError"):
        assert issubclass(getattr(vv, name), vv.VisionError), name


def test_parse_does_not_import_requests():
    """vv.parse draws bodies from files; the HTTP stack is only for calling the service."""
    import subprocess
    import sys

    code = ("import sys, vision_viz as vv; vv.parse({'tagsResult': {'values': []}}); "
            "print('requests' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("origin, kept", [("recorded from the live service on 2026-11-30", True),
                                          ("example written by the vision_viz authors to the 3.2 schema", False),
                                          ("published by Microsoft: a real answer of the live service", False)])
def test_a_replayed_error_says_where_it_came_from_and_keeps_only_a_recorded_request_id(origin, kept):
    body = {"code": "InvalidImageUrl", "requestId": "r-42", "message": "Image URL is badly formatted."}
    error = VisionServiceError.from_response(response(400, body, {"x-vision-viz-provenance": origin}))
    assert error.origin == origin and f"Replayed: this error is a saved answer, {origin}." in str(error)
    assert error.request_id == ("r-42" if kept else None)
    assert ("Azure support cannot use it" in str(error)) is not kept


def test_a_live_error_has_no_origin_and_echoes_no_key_in_the_feature_advice():
    body = {"error": {"code": "InvalidRequest", "message": "Bad.", "innererror": {"code": "NotSupportedVisualFeature",
                                                                                   "message": "Not valid."}}}
    error = VisionServiceError.from_response(
        response(400, body), secret="SECRETKEY",
        request_url="https://x.example/computervision/imageanalysis:analyze?features=SECRETKEY")
    assert error.origin is None and "Replayed" not in str(error)
    assert "SECRETKEY" not in str(error) and "'<hidden>' is not a 4.0 feature" in str(error)
