"""The session against a real HTTP server on loopback: key header, retries, errors."""

import json
import time
import traceback
from pathlib import Path

import pytest
import urllib3

from conftest import CANARY_KEY
from fake_service import Fault, Reply
from vision_viz import ServiceUnreachableError, Settings, VisionServiceError, describe_request, make_session

ANALYZE = "/computervision/imageanalysis:analyze?api-version=2023-10-01&features=tags"
BODY = {"modelVersion": "2023-10-01", "metadata": {"width": 100, "height": 80}, "tagsResult": {"values": []}}
IMAGE = b"\xff\xd8\xff fake jpeg bytes"


def busy(status, retry_after=None):
    headers = {"Content-Type": "application/json"}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    body = json.dumps({"error": {"code": str(status), "message": f"status {status} from the fake"}}).encode()
    return Fault("status", Reply(status, body, headers))


@pytest.fixture
def analyze(fake):
    fake.answer(
        "POST", ANALYZE, Reply(200, json.dumps(BODY).encode(), {"Content-Type": "application/json"}), body=IMAGE
    )
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY), timeout=(2, 0.5), backoff_factor=0.01)

    def call():
        return session.post(fake.url + ANALYZE, data=IMAGE, headers={"Content-Type": "application/octet-stream"})

    return call


@pytest.fixture
def sleeps(monkeypatch):
    """The pauses urllib3's Retry takes (the real sleep still happens)."""
    taken, real_sleep = [], time.sleep
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", lambda s: (taken.append(s), real_sleep(s)))
    return taken


def test_the_key_header_is_sent_and_the_body_comes_back(fake, analyze):
    assert analyze().json() == BODY
    assert len(fake.received) == 1


def test_a_wrong_key_gets_the_gateway_401_as_a_clear_error(fake):
    session = make_session(Settings(endpoint=fake.url, key="wrong-key"))
    with pytest.raises(VisionServiceError) as caught:
        session.post(fake.url + ANALYZE, data=IMAGE)
    assert (caught.value.status, caught.value.code) == (401, "401")
    assert "Check VISION_KEY and VISION_ENDPOINT" in str(caught.value)
    assert len(fake.received) == 1, "a 401 is not retried"
    assert frames_after_the_caller(caught.value) == ["_session.py:post"]


def frames_after_the_caller(error):
    """The frames a script's traceback shows below the learner's line: file and function."""
    return [f"{Path(frame.filename).name}:{frame.name}" for frame in traceback.extract_tb(error.__traceback__)[1:]]


def test_429_is_retried_after_the_time_retry_after_asks(fake, analyze, sleeps):
    fake.faults.extend([busy(429, retry_after=1)])
    assert analyze().json() == BODY
    assert len(fake.received) == 2
    assert sleeps == [1.0], "Retry-After: 1 decides the pause, not the backoff"


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_retried_with_backoff(fake, analyze, sleeps, status):
    fake.faults.extend([busy(status), busy(status)])
    assert analyze().json() == BODY
    assert len(fake.received) == 3
    assert len(sleeps) == 1 and 0 < sleeps[0] <= 0.02  # backoff: 0 s before the 1st retry, then 0.02 s


def test_retries_are_bounded_then_the_last_answer_is_a_clear_error(fake, analyze):
    fake.faults.extend([busy(503)] * 10)
    with pytest.raises(VisionServiceError, match="503 503: status 503 from the fake") as caught:
        analyze()
    assert len(fake.received) == 4, "one call and three retries"
    assert "busy or unavailable" in str(caught.value)


def test_a_reset_connection_is_retried(fake, analyze):
    fake.faults.extend([Fault("reset")])
    assert analyze().json() == BODY
    assert len(fake.received) == 2


def test_a_read_timeout_is_retried(fake, analyze):
    fake.faults.extend([Fault("slow", delay=1.5)])
    assert analyze().json() == BODY
    assert len(fake.received) == 2


@pytest.mark.parametrize("fault, words", [
    pytest.param(Fault("reset"), "the connection failed after 3 retries", id="reset"),
    pytest.param(Fault("slow", delay=1.0), "did not answer in time after 3 retries", id="timeout"),
])
def test_network_failures_end_in_a_clear_error(fake, analyze, fault, words):
    fake.faults.extend([fault] * 10)
    with pytest.raises(ServiceUnreachableError, match=words) as caught:
        analyze()
    assert len(fake.received) == 4
    assert "Check VISION_ENDPOINT" in str(caught.value)
    assert CANARY_KEY not in str(caught.value)


def test_nothing_listens_there(analyze):
    session = make_session(Settings(endpoint="http://127.0.0.1:9", key=CANARY_KEY), backoff_factor=0.01)
    with pytest.raises(ServiceUnreachableError, match="connection failed") as caught:
        session.post("http://127.0.0.1:9" + ANALYZE, data=IMAGE)
    assert frames_after_the_caller(caught.value) == ["_session.py:post"], "no frames of requests or urllib3"


def test_describe_request_hides_the_key(fake, analyze):
    text = describe_request(analyze().request)
    assert CANARY_KEY not in text
    assert "Ocp-Apim-Subscription-Key: <hidden>" in text
    assert text.startswith(f"POST {fake.url}/computervision/imageanalysis:analyze?api-version=2023-10-01&features=tags")


# --- key leaks -------------------------------------------------------------------------------------

@pytest.fixture
def elsewhere():
    """A second server: another origin (another port), standing for another host."""
    from fake_service import FakeVision

    with FakeVision("not-the-key") as other:
        yield other


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_the_key_and_image_never_follow_a_redirect_to_another_host(fake, elsewhere, status):
    location = elsewhere.url + "/collect"
    fake.faults.append(Fault("status", Reply(status, b"", {"Location": location})))
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY), backoff_factor=0)
    with pytest.raises(VisionServiceError, match="redirect to http://127.0.0.1") as caught:
        session.post(fake.url + ANALYZE, data=IMAGE, headers={"Content-Type": "application/octet-stream"})
    assert caught.value.code == "RedirectRefused" and CANARY_KEY not in str(caught.value)
    assert elsewhere.received == [], "nothing at all went to the other host"


def test_a_redirect_within_the_endpoint_is_followed_with_the_key(fake):
    fake.answer("GET", "/vision/v3.2/models", Reply(200, b'{"models": []}', {"Content-Type": "application/json"}))
    fake.faults.append(Fault("status", Reply(302, b"", {"Location": fake.url + "/vision/v3.2/models"})))
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY), backoff_factor=0)
    assert session.get(fake.url + "/old/models").json() == {"models": []}
    assert [h.get("Ocp-Apim-Subscription-Key") for h in fake.received_headers] == [CANARY_KEY, CANARY_KEY]


@pytest.mark.parametrize("new", ["http://x.cognitiveservices.azure.com/a", "https://evil.example/a",
                                 "https://x.cognitiveservices.azure.com:8443/a"], ids=["downgrade", "host", "port"])
def test_rebuild_auth_refuses_to_leave_the_origin(new):
    import requests

    session = make_session(Settings(endpoint="https://x.cognitiveservices.azure.com", key=CANARY_KEY))
    old = session.prepare_request(requests.Request("POST", "https://x.cognitiveservices.azure.com/a", data=IMAGE))
    response = requests.Response()
    response.status_code, response.request = 307, old
    moved = old.copy()
    moved.url = new
    with pytest.raises(VisionServiceError, match="does not follow redirects"):
        session.rebuild_auth(moved, response)


def test_the_key_is_not_sent_to_another_host_through_the_session(fake, elsewhere):
    elsewhere.answer("GET", "/photo.jpg", Reply(200, IMAGE), content_type="")
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY))
    session.headers["Ocp-Apim-Subscription-Key"] = CANARY_KEY  # even if someone puts it there
    with pytest.raises(VisionServiceError):  # the other server wants its own key: 401
        session.get(elsewhere.url + "/photo.jpg")
    assert "Ocp-Apim-Subscription-Key" not in elsewhere.received_headers[0]


def test_an_error_that_echoes_the_key_does_not_show_it(fake, analyze):
    echo = json.dumps({"error": {"code": "InvalidRequest", "message": f"Bad key {CANARY_KEY} for this resource"},
                       "requestId": CANARY_KEY}).encode()
    fake.faults.append(Fault("status", Reply(400, echo, {"Content-Type": "application/json", "x-echo": CANARY_KEY})))
    with pytest.raises(VisionServiceError) as caught:
        analyze()
    assert CANARY_KEY not in str(caught.value) and CANARY_KEY not in repr(caught.value.args)
    assert "Bad key <hidden> for this resource" in str(caught.value)


# --- hangs ---------------------------------------------------------------------------------------

def test_a_long_retry_after_ends_the_call_with_the_wait_named(fake, analyze, sleeps):
    fake.faults.append(busy(429, retry_after=86400))
    started = time.monotonic()
    with pytest.raises(VisionServiceError, match="asked to wait 86400 s") as caught:
        analyze()
    assert time.monotonic() - started < 5 and sleeps == []
    assert caught.value.status == 429 and caught.value.retry_after == 86400
    assert len(fake.received) == 1


@pytest.mark.parametrize("value", ["0.5", "-5", "abc"])
def test_a_malformed_retry_after_is_retried_with_backoff_and_keeps_the_error(fake, analyze, value):
    fake.faults.extend([busy(429, retry_after=value)] * 10)
    with pytest.raises(VisionServiceError, match="429 429: status 429 from the fake"):
        analyze()
    assert len(fake.received) == 4


@pytest.mark.parametrize("kind", ["drip", "drip-headers"])
def test_an_answer_that_drips_in_ends_at_the_deadline(fake, kind):
    # Each byte of the body, or of the status line and headers, arrives well within the read timeout:
    # only the call's deadline can end the wait (and every retry drips too).
    fake.faults.extend([Fault(kind, delay=0.05)] * 4)
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY), timeout=(2, 1), deadline=1.0)
    started = time.monotonic()
    with pytest.raises(ServiceUnreachableError, match="deadline of 1 s") as caught:
        session.get(fake.url + "/vision/v3.2/models")
    assert time.monotonic() - started < 2.5
    assert frames_after_the_caller(caught.value) == ["_session.py:get"]


def test_a_chunked_answer_is_read_whole(fake):
    fake.faults.append(Fault("chunked"))
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY), timeout=(2, 1))
    assert len(session.get(fake.url + "/vision/v3.2/models").json()["tagsResult"]["values"]) == 50


def test_a_chunked_200_that_stops_half_way_is_a_clear_error(fake):
    fake.faults.append(Fault("chunked-cut"))
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY), timeout=(2, 1))
    with pytest.raises(ServiceUnreachableError, match="the answer was cut off after"):
        session.get(fake.url + "/vision/v3.2/models")


def test_a_200_whose_body_is_cut_off_is_a_clear_error(fake):
    fake.faults.append(Fault("cut"))
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY), timeout=(2, 1))
    with pytest.raises(ServiceUnreachableError, match="the answer was cut off after 40 bytes"):
        session.get(fake.url + "/vision/v3.2/models")


# --- bodies and replay without a recording ---------------------------------------------------------

@pytest.mark.parametrize("kind", ["file", "bytesio", "generator"])
def test_file_and_stream_bodies_are_sent_and_described(fake, analyze, tmp_path, kind):
    import io

    path = tmp_path / "photo.jpg"
    path.write_bytes(IMAGE)
    body = {"file": lambda: open(path, "rb"), "bytesio": lambda: io.BytesIO(IMAGE),  # noqa: SIM115 (the body under test is an open file)
            "generator": lambda: (IMAGE[i:i + 5] for i in range(0, len(IMAGE), 5))}[kind]()
    session = make_session(Settings(endpoint=fake.url, key=CANARY_KEY))
    response = session.post(fake.url + ANALYZE, data=body, headers={"Content-Type": "application/octet-stream"})
    assert response.json() == BODY
    assert f"Body: {len(IMAGE)} bytes" in describe_request(response.request)


def test_describe_request_of_an_unsent_file_body(tmp_path):
    import requests

    path = tmp_path / "photo.jpg"
    path.write_bytes(IMAGE)
    with open(path, "rb") as file:
        text = describe_request(requests.Request("POST", "https://x.example/a", data=file).prepare())
    assert "streamed from the file" in text and "photo.jpg" in text


def test_make_session_without_a_key_and_no_recording_fails_at_once():
    from vision_viz import SettingsError, load_settings

    started = time.monotonic()
    with pytest.raises(SettingsError, match="start_session"):
        make_session(load_settings({}, dotenv=None))
    with pytest.raises(SettingsError, match="placeholder endpoint"):
        make_session(Settings(endpoint="https://your-resource.cognitiveservices.azure.com", key="k"))
    assert time.monotonic() - started < 1
