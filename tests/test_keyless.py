"""Keyless sign-in (Microsoft Entra ID): settings, the session's bearer token, recording, against the loopback fake.

A fake credential stands in for azure.identity: it hands out a canary token that must never appear in a
recording, an error, a repr or a log, nor reach a host other than the endpoint's.
"""

import json
import logging
import sys
import time
from collections import namedtuple

import pytest
import requests

from fake_service import FakeVision, Fault, Reply
from vision_viz import (
    Settings,
    SettingsError,
    VisionServiceError,
    describe_request,
    load_settings,
    make_session,
    start_session,
    stop_session,
)
from vision_viz._settings import TOKEN_SCOPE

CANARY_TOKEN = "eyJ0eXAi.c4n4ryt0k3nc4n4ryt0k3n.s1gn4tur3"
AccessToken = namedtuple("AccessToken", "token expires_on")  # the shape azure.core.credentials.AccessToken has
AccessTokenInfo = namedtuple("AccessTokenInfo", "token expires_on refresh_on")  # azure-core's, in short
ANALYZE = "/computervision/imageanalysis:analyze?api-version=2023-10-01&features=tags"
BODY = {"modelVersion": "2023-10-01", "metadata": {"width": 100, "height": 80}, "tagsResult": {"values": []}}
IMAGE = b"\xff\xd8\xff fake jpeg bytes"
OCTETS = {"Content-Type": "application/octet-stream"}


class FakeCredential:
    """Hands out ``tokens`` in turn, each valid for ``lifetime`` seconds; remembers the scopes asked for."""

    def __init__(self, *tokens, lifetime=3600.0):
        self.tokens = list(tokens or [CANARY_TOKEN])
        self.lifetime = lifetime
        self.scopes = []

    def get_token(self, *scopes, **kwargs):
        self.scopes.append(scopes)
        token = self.tokens.pop(0) if len(self.tokens) > 1 else self.tokens[0]
        return AccessToken(token, int(time.time() + self.lifetime))


@pytest.fixture
def service(fake):
    fake.tokens.add(CANARY_TOKEN)
    reply = Reply(200, json.dumps(BODY).encode(), {"Content-Type": "application/json"})
    fake.answer("POST", ANALYZE, reply, body=IMAGE)
    return fake


def analyze(session):
    return session.post(session.endpoint + ANALYZE, data=IMAGE, headers=OCTETS)


# --- settings ------------------------------------------------------------------------------------

def test_a_credential_signs_in_live_and_never_shows():
    settings = Settings(endpoint="https://my-vision.cognitiveservices.azure.com", credential=FakeCredential())
    assert settings.mode == "live" and settings.base_url == "https://my-vision.cognitiveservices.azure.com"
    assert repr(settings) == ("Settings(endpoint='https://my-vision.cognitiveservices.azure.com', key=None, "
                              "record=False, credential=<FakeCredential>)")


@pytest.mark.parametrize("arguments, words", [
    ({"endpoint": "https://westeurope.api.cognitive.microsoft.com", "credential": FakeCredential()},
     "regional endpoint, which accepts keys only"),
    ({"endpoint": "https://x.cognitiveservices.azure.com", "credential": FakeCredential(), "key": "k"}, "not both"),
    ({"credential": FakeCredential()}, "needs VISION_ENDPOINT"),
    ({"endpoint": "https://x.cognitiveservices.azure.com", "credential": CANARY_TOKEN}, "get_token"),
], ids=["regional-endpoint", "key-too", "no-endpoint", "a-token-string"])
def test_a_credential_that_cannot_sign_in_is_refused_clearly(arguments, words):
    with pytest.raises(SettingsError, match=words) as caught:
        Settings(**arguments)
    assert CANARY_TOKEN not in str(caught.value)


def test_vision_auth_entra_uses_default_azure_credential():
    from azure.identity import DefaultAzureCredential

    settings = load_settings({"VISION_AUTH": "entra", "VISION_ENDPOINT": "https://x.cognitiveservices.azure.com"},
                             dotenv=None)
    assert isinstance(settings.credential, DefaultAzureCredential) and settings.key is None
    assert settings.mode == "live"


def test_vision_auth_entra_without_azure_identity_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "azure.identity", None)  # import fails as if not installed
    with pytest.raises(SettingsError, match=r'pip install "vision-viz\[entra\]"'):
        load_settings({"VISION_AUTH": "entra", "VISION_ENDPOINT": "https://x.cognitiveservices.azure.com"}, dotenv=None)


@pytest.mark.parametrize("environ, words", [
    ({"VISION_AUTH": "token", "VISION_ENDPOINT": "https://x.cognitiveservices.azure.com"}, "'key'.*'entra'"),
    ({"VISION_AUTH": "entra", "VISION_KEY": "k", "VISION_ENDPOINT": "https://x.cognitiveservices.azure.com"},
     "VISION_KEY is set too"),
], ids=["unknown-value", "key-too"])
def test_bad_vision_auth_says_what_to_do(environ, words):
    with pytest.raises(SettingsError, match=words):
        load_settings(environ, dotenv=None)


def test_vision_offline_replays_even_with_vision_auth_entra():
    assert load_settings({"VISION_OFFLINE": "1", "VISION_AUTH": "entra"}, dotenv=None).mode == "replay"


# --- the session ---------------------------------------------------------------------------------

def test_the_session_sends_a_bearer_token_for_the_cognitive_services_scope(service):
    credential = FakeCredential()
    session = make_session(Settings(endpoint=service.url, credential=credential), backoff_factor=0)
    assert analyze(session).json() == BODY
    assert service.received_headers[0]["Authorization"] == f"Bearer {CANARY_TOKEN}"
    assert "Ocp-Apim-Subscription-Key" not in service.received_headers[0]
    assert credential.scopes == [(TOKEN_SCOPE,)] == [("https://cognitiveservices.azure.com/.default",)]


def test_a_wrong_token_gets_the_services_401(service):
    session = make_session(Settings(endpoint=service.url, credential=FakeCredential("not-a-valid-token")),
                           backoff_factor=0)
    with pytest.raises(VisionServiceError) as caught:
        analyze(session)
    assert caught.value.status == 401


@pytest.mark.parametrize("lifetime, asked", [(3600, 1), (60, 3)], ids=["valid-an-hour", "expires-within-5-minutes"])
def test_a_token_is_asked_for_again_only_when_near_expiry(service, lifetime, asked):
    credential = FakeCredential(CANARY_TOKEN, lifetime=lifetime)
    session = make_session(Settings(endpoint=service.url, credential=credential), backoff_factor=0)
    for _ in range(3):
        analyze(session)
    assert len(credential.scopes) == asked


def test_a_credential_with_refresh_on_is_asked_again_from_that_time(service):
    class Informed:
        """Like azure-identity's get_token_info: a token valid an hour that should be renewed now."""

        calls = 0

        def get_token_info(self, *scopes, **kwargs):
            self.calls += 1
            return AccessTokenInfo(CANARY_TOKEN, time.time() + 3600, time.time() - 1)

        def get_token(self, *scopes, **kwargs):
            raise AssertionError("get_token_info is preferred when the credential has it")

    credential = Informed()
    session = make_session(Settings(endpoint=service.url, credential=credential), backoff_factor=0)
    analyze(session)
    analyze(session)
    assert credential.calls == 2


@pytest.mark.parametrize("method", ["get_token", "get_token_info"])
def test_azure_cores_own_token_types_are_read(service, method):
    from azure.core.credentials import AccessToken as CoreToken
    from azure.core.credentials import AccessTokenInfo as CoreTokenInfo

    class Credential:
        def __getattr__(self, name):
            if name != method:
                raise AttributeError(name)
            made = CoreToken if method == "get_token" else CoreTokenInfo
            return lambda *scopes, **kwargs: made(CANARY_TOKEN, int(time.time()) + 3600)

    session = make_session(Settings(endpoint=service.url, credential=Credential()), backoff_factor=0)
    assert analyze(session).status_code == 200
    assert service.received_headers[-1]["Authorization"] == f"Bearer {CANARY_TOKEN}"


def test_the_session_says_it_signs_in_with_entra_id(service):
    session = make_session(Settings(endpoint=service.url, credential=FakeCredential()))
    assert str(session) == f"Live mode: calling {service.url}, signed in with Microsoft Entra ID."


def test_a_refreshed_token_is_the_one_sent(service):
    service.tokens.add("second-token")
    credential = FakeCredential(CANARY_TOKEN, "second-token", lifetime=10)
    session = make_session(Settings(endpoint=service.url, credential=credential), backoff_factor=0)
    analyze(session)
    analyze(session)
    assert [h["Authorization"] for h in service.received_headers] == [f"Bearer {CANARY_TOKEN}", "Bearer second-token"]


def test_a_credential_that_fails_says_to_sign_in_without_showing_its_text(service):
    class Failing:
        def get_token(self, *scopes, **kwargs):
            raise RuntimeError(f"cached token {CANARY_TOKEN} refused")

    session = make_session(Settings(endpoint=service.url, credential=Failing()), backoff_factor=0)
    with pytest.raises(SettingsError, match="az login") as caught:
        analyze(session)
    assert CANARY_TOKEN not in str(caught.value) and caught.value.__cause__ is None
    assert service.received == [], "nothing was sent unsigned"


@pytest.fixture
def elsewhere():
    with FakeVision("not-the-key") as other:
        yield other


def test_the_token_is_not_sent_to_another_host(service, elsewhere):
    elsewhere.answer("GET", "/photo.jpg", Reply(200, IMAGE), content_type="")
    session = make_session(Settings(endpoint=service.url, credential=FakeCredential()))
    session.headers["Authorization"] = f"Bearer {CANARY_TOKEN}"  # even if someone puts it there
    with pytest.raises(VisionServiceError):
        session.get(elsewhere.url + "/photo.jpg")
    assert "Authorization" not in elsewhere.received_headers[0]


def test_the_token_never_follows_a_redirect_to_another_host(service, elsewhere):
    service.faults.append(Fault("status", Reply(307, b"", {"Location": elsewhere.url + "/collect"})))
    session = make_session(Settings(endpoint=service.url, credential=FakeCredential()), backoff_factor=0)
    with pytest.raises(VisionServiceError, match="does not follow redirects") as caught:
        analyze(session)
    assert CANARY_TOKEN not in str(caught.value) and elsewhere.received == []


def test_an_error_that_echoes_the_token_does_not_show_it(service):
    echo = json.dumps({"error": {"code": "Unauthorized", "message": f"token {CANARY_TOKEN} has expired"}}).encode()
    service.faults.append(Fault("status", Reply(401, echo, {"Content-Type": "application/json"})))
    session = make_session(Settings(endpoint=service.url, credential=FakeCredential()), backoff_factor=0)
    with pytest.raises(VisionServiceError) as caught:
        analyze(session)
    assert "token <hidden> has expired" in str(caught.value) and CANARY_TOKEN not in repr(caught.value.args)


def test_describe_request_hides_the_token():
    session = make_session(Settings(endpoint="https://x.cognitiveservices.azure.com", credential=FakeCredential()))
    prepared = session.prepare_request(requests.Request("POST", session.endpoint + ANALYZE, data=IMAGE, headers=OCTETS))
    assert prepared.headers["Authorization"] == f"Bearer {CANARY_TOKEN}"
    text = describe_request(prepared)
    assert "Authorization: Bearer <hidden>" in text and CANARY_TOKEN not in text
    assert CANARY_TOKEN not in repr(session) + str(session) + repr(session._tokens)


# --- record and replay ---------------------------------------------------------------------------

def test_record_with_a_token_then_replay_with_nothing(service, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    echo = {**BODY, "requestedBy": f"Bearer {CANARY_TOKEN}"}  # a service that echoes the token
    service.answer("POST", ANALYZE, Reply(200, json.dumps(echo).encode(),
                                          {"Content-Type": "application/json", "x-echo": CANARY_TOKEN}), body=IMAGE)
    path = tmp_path / "keyless.json"
    settings = Settings(endpoint=service.url, credential=FakeCredential(), record=True)
    with start_session(path, settings, backoff_factor=0) as session:
        assert str(session).startswith("Record mode") and analyze(session).status_code == 200
    text = path.read_text(encoding="utf-8")
    assert CANARY_TOKEN not in text and CANARY_TOKEN not in caplog.text
    assert "Authorization" not in text and service.url.split("//")[1] not in text
    recorded = json.loads(text)["interactions"][0]["response"]
    assert recorded["body"]["json"]["requestedBy"] == "Bearer <hidden>"
    assert recorded["headers"]["x-echo"] == ["<hidden>"]

    hits = len(service.received)
    with start_session(path, Settings()) as replay:
        assert analyze(replay).json()["tagsResult"] == BODY["tagsResult"]
    assert len(service.received) == hits
    stop_session()
