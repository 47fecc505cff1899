"""Record against the loopback fake with a canary key, then replay with no network at all."""

import datetime
import hashlib
import json
import logging
import socket

import pytest

from conftest import CANARY_KEY
from fake_service import Fault, Reply
from vision_viz import MissingRecordingError, RecordingError, Settings, provenance, start_session
from vision_viz._recording import LIVE_PROVENANCE, Scrubber, stop_session

ANALYZE = "/computervision/imageanalysis:analyze?api-version=2023-10-01&features=caption,read"
READ = "/vision/v3.2/read/analyze"
RESULT = "/vision/v3.2/read/analyzeResults/5f2e0000-0000-0000-0000-000000000001"
IMAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
BODY = {"modelVersion": "2023-10-01", "metadata": {"width": 640, "height": 480},
        "captionResult": {"text": "a cat on a sofa", "confidence": 0.83}}
READ_BODY = {"status": "succeeded", "analyzeResult": {"version": "3.2.0", "readResults": []}}
JSON = {"Content-Type": "application/json; charset=utf-8"}
OCTETS = {"Content-Type": "application/octet-stream"}


@pytest.fixture(autouse=True)
def _end_sessions():
    yield
    stop_session()


def program(fake):
    fake.answer("POST", ANALYZE, Reply(200, json.dumps(BODY).encode(), JSON), body=IMAGE)
    url_body = json.dumps({"url": "https://example.org/cat.jpg"}).encode()
    fake.answer("POST", ANALYZE, Reply(200, json.dumps(BODY).encode(), JSON), body=url_body,
                content_type="application/json")
    fake.answer("POST", READ, Reply(202, b"", {"Operation-Location": fake.url + RESULT}), body=IMAGE)
    fake.answer("GET", RESULT, Reply(200, json.dumps(READ_BODY).encode(), JSON), content_type="")


def exercise(session):
    """What a notebook does: upload an image, send a URL, run an asynchronous Read."""
    base = session.endpoint
    uploaded = session.post(base + "/computervision/imageanalysis:analyze", data=IMAGE, headers=OCTETS,
                            params={"api-version": "2023-10-01", "features": "caption,read"})
    by_url = session.post(base + ANALYZE, json={"url": "https://example.org/cat.jpg"})
    started = session.post(base + READ, data=IMAGE, headers=OCTETS)
    result = session.get(started.headers["Operation-Location"])
    return uploaded, by_url, started, result


@pytest.fixture
def recorded(fake, tmp_path, caplog):
    """Record with the canary key; a 429 on the way is retried and not recorded."""
    caplog.set_level(logging.DEBUG)
    program(fake)
    fake.faults.append(Fault("status", Reply(429, b'{"error": {"code": "429", "message": "slow down"}}',
                                             {"Retry-After": "0", **JSON})))
    path = tmp_path / "recordings" / "demo.json"
    session = start_session(path, Settings(endpoint=fake.url + "/", key=CANARY_KEY, record=True), backoff_factor=0)
    responses = exercise(session)
    assert path.exists(), "written after each response, before the session ends"
    stop_session()
    return path, responses, caplog.text


def test_record_calls_the_service(fake, recorded):
    _, (uploaded, by_url, started, result), _ = recorded
    assert uploaded.json() == BODY and by_url.json() == BODY and result.json() == READ_BODY
    assert started.headers["Operation-Location"].startswith(fake.url), "the caller sees the real location"
    assert len(fake.received) == 5  # 4 calls and one retry after the 429
    assert provenance(uploaded) == LIVE_PROVENANCE


def test_recording_carries_no_key_no_real_host_and_no_image(fake, recorded):
    path, _, log = recorded
    text = path.read_text()
    host = fake.url.split("//")[1]
    assert CANARY_KEY not in text and CANARY_KEY not in log
    assert host not in text
    assert "Ocp-Apim-Subscription-Key" not in text
    cassette = json.loads(text)
    interactions = cassette["interactions"]
    assert len(interactions) == 4, "the 429 that was retried is not recorded"
    digest = "sha256:" + hashlib.sha256(IMAGE).hexdigest()
    assert [i["request"]["body"] for i in interactions] == [
        digest,
        '{"url": "https://example.org/cat.jpg"}',
        digest,
        None,
    ]
    assert all(
        i["request"]["uri"].startswith("https://your-resource.cognitiveservices.azure.com/") for i in interactions
    )
    location = interactions[2]["response"]["headers"]["Operation-Location"]
    assert location == ["https://your-resource.cognitiveservices.azure.com" + RESULT]
    assert interactions[0]["response"]["body"] == {"json": BODY}, "JSON bodies are stored readable"
    today = datetime.date.today().isoformat()
    for interaction in interactions:
        assert interaction["response"]["headers"]["x-vision-viz-provenance"] == [
            f"recorded from the live service on {today}"
        ]


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise AssertionError(f"replay tried to connect to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    return attempts


def test_replay_answers_from_the_recording_with_no_network(fake, recorded, no_network):
    path, _, _ = recorded
    before = len(fake.received)
    session = start_session(path, Settings())
    assert session.mode == "replay"
    uploaded, by_url, started, result = exercise(session)
    assert uploaded.json() == BODY and by_url.json() == BODY and result.json() == READ_BODY
    assert provenance(uploaded).startswith("recorded from the live service on ")
    assert no_network == [] and len(fake.received) == before


def test_replay_matches_any_host(recorded, no_network):
    path, _, _ = recorded
    session = start_session(path, Settings())
    response = session.post(
        "https://another-resource.cognitiveservices.azure.com" + ANALYZE, data=IMAGE, headers=OCTETS
    )
    assert response.json() == BODY


def test_a_request_with_no_recording_says_how_to_record_it(recorded, no_network):
    path, _, _ = recorded
    session = start_session(path, Settings())
    other_image = IMAGE + b"!"
    with pytest.raises(MissingRecordingError) as caught:
        session.post(session.endpoint + ANALYZE, data=other_image, headers=OCTETS)
    message = str(caught.value)
    assert f"POST /computervision/imageanalysis:analyze?{ANALYZE.split('?')[1]}" in message
    # Named by what it is, not by a hash a learner cannot read (issue 14).
    assert hashlib.sha256(other_image).hexdigest()[:12] not in message
    assert f"({len(other_image):,} bytes)" in message
    assert path.name in message and "VISION_RECORD=1" in message and "VISION_KEY" in message
    assert no_network == []


def test_replay_without_a_recording_file_says_file_not_found(tmp_path, no_network):
    with pytest.raises(RecordingError, match="Recording file not found: .*missing.json") as caught:
        start_session(tmp_path / "missing.json", Settings())
    assert not isinstance(caught.value, MissingRecordingError), "not 'no recording answers'"


def test_recording_again_replaces_rather_than_duplicates(fake, recorded):
    path, _, _ = recorded
    session = start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
    exercise(session)
    stop_session()
    assert len(json.loads(path.read_text())["interactions"]) == 4


def test_live_mode_writes_no_recording(fake, tmp_path):
    program(fake)
    path = tmp_path / "live.json"
    session = start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY))
    assert session.mode == "live"
    assert exercise(session)[0].json() == BODY
    stop_session()
    assert not path.exists()


@pytest.mark.parametrize("body, content_type", [
    pytest.param(IMAGE.decode("latin-1"), "application/octet-stream", id="image"),
    pytest.param('{"url": "https://example.org/a.jpg"}', "application/json", id="url"),
    pytest.param(None, None, id="no-body"),
])
def test_scrubbing_is_idempotent(body, content_type):
    scrub = Scrubber(key=CANARY_KEY, endpoint="https://real-name.cognitiveservices.azure.com/")
    headers = {"Ocp-Apim-Subscription-Key": [CANARY_KEY], **({"Content-Type": [content_type]} if content_type else {})}
    request = {"method": "POST", "uri": "https://real-name.cognitiveservices.azure.com/x?k=" + CANARY_KEY,
               "body": body, "headers": headers}
    once = scrub.request(request)
    assert scrub.request(once) == once
    assert CANARY_KEY not in json.dumps(once) and "real-name" not in json.dumps(once)

    body = {"url": "https://real-name.cognitiveservices.azure.com/r/1", CANARY_KEY: [CANARY_KEY]}
    first = scrub.body(json.dumps(body).encode(), "application/json")
    assert scrub.body(json.dumps(first["json"]).encode(), "application/json") == first
    assert CANARY_KEY not in json.dumps(first) and "real-name" not in json.dumps(first)


def test_repeated_requests_replay_in_recorded_order_then_repeat_the_last(fake, tmp_path):
    """A polling loop recorded as 'running', 'running', 'succeeded' replays the same way."""
    statuses = ["running", "running", "succeeded"]
    fake.answer("POST", READ, Reply(202, b"", {"Operation-Location": fake.url + RESULT}), body=IMAGE)
    path = tmp_path / "poll.json"
    session = start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
    for status in statuses:
        fake.answer("GET", RESULT, Reply(200, json.dumps({"status": status}).encode(), JSON), content_type="")
        session.get(session.endpoint + RESULT)
    stop_session()

    sent = len(fake.received)
    session = start_session(path, Settings())
    replayed = [session.get(session.endpoint + RESULT).json()["status"] for _ in range(5)]
    assert replayed == statuses + ["succeeded", "succeeded"]
    assert len(fake.received) == sent


def test_a_recorded_429_replays_and_the_session_retries_past_it(fake, tmp_path):
    """Example recordings may show rate limiting: loading them keeps the 429 (only new live ones are dropped)."""
    path = tmp_path / "limited.json"
    limited = {
        "status": {"code": 429, "message": "Too Many Requests"},
        "headers": {"Retry-After": ["0"], "x-vision-viz-provenance": ["example written by the vision_viz authors"]},
        "body": {"json": {"error": {"code": "429", "message": "Rate limit is exceeded."}}},
    }
    ok = {
        "status": {"code": 200, "message": "OK"},
        "headers": {
            "Content-Type": ["application/json"],
            "x-vision-viz-provenance": ["example written by the vision_viz authors"],
        },
        "body": {"json": BODY},
    }
    request = {"method": "GET", "uri": "https://your-resource.cognitiveservices.azure.com/vision/v3.2/models",
               "body": None, "headers": {}}
    path.write_text(json.dumps({"version": 1, "interactions": [{"request": request, "response": limited},
                                                               {"request": request, "response": ok}]}))
    session = start_session(path, Settings(), backoff_factor=0)
    assert session.get(session.endpoint + "/vision/v3.2/models").json() == BODY


# --- key leaks in record mode ----------------------------------------------------------------------

def test_a_key_echoed_as_json_escapes_or_in_a_header_is_never_written(fake, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    escaped = "".join(f"\\u{ord(c):04x}" for c in CANARY_KEY)
    body = ('{"modelVersion": "2023-10-01", "metadata": {"width": 1, "height": 1}, "echo": "' + escaped
            + '", "' + escaped + '": 1}').encode()
    fake.answer("POST", ANALYZE, Reply(200, body, {**JSON, "x-echo": CANARY_KEY}), body=IMAGE)
    path = tmp_path / "echo.json"
    session = start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
    assert session.post(session.endpoint + ANALYZE, data=IMAGE, headers=OCTETS).json()["echo"] == CANARY_KEY
    stop_session()
    text = path.read_text(encoding="utf-8")
    assert CANARY_KEY not in text and escaped not in text and CANARY_KEY not in caplog.text
    assert json.loads(text)["interactions"][0]["response"]["body"]["json"]["echo"] == "<hidden>"


def test_record_mode_refuses_a_redirect_to_another_host_and_records_nothing(fake, tmp_path):
    from fake_service import FakeVision

    with FakeVision("other") as elsewhere:
        fake.faults.append(Fault("status", Reply(307, b"", {"Location": elsewhere.url + "/steal"})))
        path = tmp_path / "redirect.json"
        session = start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
        with pytest.raises(Exception, match="does not follow redirects"):
            session.post(session.endpoint + READ, data=IMAGE, headers=OCTETS)
        assert elsewhere.received == []
    assert CANARY_KEY not in (path.read_text(encoding="utf-8") if path.exists() else "")


# --- data loss -------------------------------------------------------------------------------------

def interactions_in(path):
    return json.loads(path.read_text(encoding="utf-8"))["interactions"]


def test_a_lone_surrogate_in_an_answer_keeps_the_file_valid(fake, recorded):
    path, _, _ = recorded
    fake.answer("GET", "/vision/v3.2/models", Reply(200, b'{"models": [{"name": "half \\ud83d emoji"}]}', JSON),
                content_type="")
    session = start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
    session.get(session.endpoint + "/vision/v3.2/models")
    stop_session()
    assert len(interactions_in(path)) == 5, "the four earlier answers are kept"
    session = start_session(path, Settings())
    assert session.get(session.endpoint + "/vision/v3.2/models").json() == {"models": [{"name": "half \ud83d emoji"}]}


def test_an_interrupted_save_leaves_the_previous_recording(fake, recorded, monkeypatch):
    import os

    path, _, _ = recorded
    before = path.read_bytes()
    fake.answer("GET", "/vision/v3.2/models", Reply(200, b'{"models": []}', JSON), content_type="")
    session = start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(RecordingError, match="Could not save .*No space left.*keeps its previous version"):
        session.get(session.endpoint + "/vision/v3.2/models")
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == [], "no temporary file left"


def test_a_recording_path_that_is_a_folder_is_refused_before_the_call(fake, tmp_path):
    folder = tmp_path / "recording.json"
    folder.mkdir()
    with pytest.raises(RecordingError, match="is a folder"):
        start_session(folder, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
    assert fake.received == []


CORRUPT = {
    "truncated": ('{"version": 1, "interactions": [{"request": {', "ends too early"),
    "empty": ("", "the file is empty"),
    "merge-conflict": (
        '<<<<<<< HEAD\n{"version": 1, "interactions": []}\n=======\n{}\n>>>>>>> theirs\n',
        "merge conflict markers",
    ),
    "list": ("[]", 'an "interactions" list'),
    "no-response": (
        '{"interactions": [{"request": {"method": "GET", "uri": "https://x/a", "body": null, "headers": {}}}]}',
        'interaction 0 is not an object with "request" and "response"',
    ),
    "unknown-body": (
        '{"interactions": [{"request": {"method": "GET", "uri": "https://x/a", "body": null, "headers": {}},'
        ' "response": {"status": {"code": 200}, "headers": {}, "body": {"xml": "<a/>"}}}]}',
        "interaction 0 has a response body in an unknown encoding",
    ),
    "not-utf8": ("caf\xe9".encode("latin-1"), "not UTF-8"),
}


@pytest.mark.parametrize("content, words", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_corrupt_recording_names_the_file_and_what_is_wrong(tmp_path, content, words, no_network):
    path = tmp_path / "corrupt.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(RecordingError, match=words) as caught:
        start_session(path, Settings())
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("content", [v[0] for v in CORRUPT.values()], ids=CORRUPT.keys())
def test_record_mode_stops_on_an_unreadable_recording_and_never_replaces_it(fake, tmp_path, content):
    path = tmp_path / "corrupt.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = path.read_bytes()
    with pytest.raises(RecordingError, match="It was not changed|merge conflict"):
        start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
    assert fake.received == [] and path.read_bytes() == before


@pytest.mark.parametrize("status", [401, 403, 404])
def test_access_errors_do_not_replace_recorded_answers(fake, recorded, status):
    path, _, _ = recorded
    before = path.read_bytes()
    fake.faults.append(Fault("status", Reply(status, b'{"error": {"code": "x", "message": "no"}}', JSON)))
    session = start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
    with pytest.raises(Exception, match=str(status)):
        session.post(session.endpoint + ANALYZE, data=IMAGE, headers=OCTETS)
    stop_session()
    assert path.read_bytes() == before


def test_access_errors_are_recorded_when_asked(fake, tmp_path):
    path = tmp_path / "wrong-key.json"
    session = start_session(path, Settings(endpoint=fake.url, key="wrong-key", record=True), record_statuses={401})
    with pytest.raises(Exception, match="401"):
        session.get(session.endpoint + "/vision/v3.2/models")
    stop_session()
    assert [i["response"]["status"]["code"] for i in interactions_in(path)] == [401]


@pytest.mark.parametrize("kind", ["file", "bytesio", "generator"])
def test_file_and_stream_bodies_replay_and_record_like_bytes(fake, recorded, tmp_path, kind, no_network):
    import io

    path, _, _ = recorded
    image = tmp_path / "photo.png"
    image.write_bytes(IMAGE)
    body = {"file": lambda: open(image, "rb"), "bytesio": lambda: io.BytesIO(IMAGE),  # noqa: SIM115 (the body under test is an open file)
            "generator": lambda: (IMAGE[i:i + 100] for i in range(0, len(IMAGE), 100))}[kind]
    session = start_session(path, Settings())
    assert session.post(session.endpoint + ANALYZE, data=body(), headers=OCTETS).json() == BODY


def test_record_mode_takes_a_generator_body(fake, tmp_path):
    program(fake)
    path = tmp_path / "generator.json"
    session = start_session(path, Settings(endpoint=fake.url, key=CANARY_KEY, record=True))
    chunks = (IMAGE[i:i + 100] for i in range(0, len(IMAGE), 100))
    assert session.post(session.endpoint + ANALYZE, data=chunks, headers=OCTETS).json() == BODY
    assert interactions_in(path)[0]["request"]["body"] == "sha256:" + hashlib.sha256(IMAGE).hexdigest()


def test_make_session_in_replay_answers_from_the_open_recording(recorded, no_network):
    """Notebook 11 builds a second session with a wrong key: in replay it must stay offline."""
    from vision_viz import SettingsError, make_session

    path, _, _ = recorded
    with start_session(path, Settings()) as session:
        other = make_session(Settings(endpoint=session.endpoint, key="not-a-real-key"))
        assert other.post(session.endpoint + ANALYZE, data=IMAGE, headers=OCTETS).json() == BODY
        other.close()  # closing another session does not end the replay
        assert make_session(Settings()).get_adapter(session.endpoint).recording.path == path
    with pytest.raises(SettingsError, match="no recording is open"):  # leaving the with block did
        make_session(Settings())
    assert no_network == []
