import pytest

from conftest import CANARY_KEY
from vision_viz import Settings, SettingsError, load_settings

ENDPOINT = "https://my-vision.cognitiveservices.azure.com"


@pytest.mark.parametrize(
    "environ, mode",
    [
        pytest.param({}, "replay", id="nothing-set"),
        pytest.param({"VISION_ENDPOINT": ENDPOINT}, "replay", id="endpoint-only"),
        pytest.param({"VISION_KEY": "k", "VISION_ENDPOINT": ENDPOINT}, "live", id="key-and-endpoint"),
        pytest.param({"VISION_KEY": "k", "VISION_ENDPOINT": ENDPOINT, "VISION_RECORD": "1"}, "record", id="record"),
        pytest.param({"VISION_KEY": "k", "VISION_ENDPOINT": ENDPOINT, "VISION_RECORD": "0"}, "live", id="record-off"),
    ],
)
def test_mode_follows_the_environment(environ, mode):
    assert load_settings(environ, dotenv=None).mode == mode


@pytest.mark.parametrize("endpoint", [ENDPOINT, ENDPOINT + "/", f" {ENDPOINT}/ ", f'"{ENDPOINT}/"'])
def test_endpoint_with_or_without_trailing_slash(endpoint):
    settings = load_settings({"VISION_KEY": "k", "VISION_ENDPOINT": endpoint}, dotenv=None)
    assert settings.endpoint == ENDPOINT
    assert settings.base_url == ENDPOINT


def test_replay_sends_requests_to_the_placeholder_host():
    assert load_settings({"VISION_ENDPOINT": ENDPOINT}, dotenv=None).base_url.startswith("https://your-resource.")


@pytest.mark.parametrize(
    "environ, words",
    [
        pytest.param({"VISION_KEY": "k"}, "VISION_ENDPOINT is not", id="key-without-endpoint"),
        pytest.param({"VISION_RECORD": "1"}, "needs VISION_KEY", id="record-without-key"),
        pytest.param({"VISION_KEY": "k", "VISION_ENDPOINT": "my-vision.cognitiveservices.azure.com"},
                     "must be a URL like https://", id="endpoint-without-scheme"),
    ],
)
def test_bad_settings_say_what_to_do(environ, words):
    with pytest.raises(SettingsError, match=words):
        load_settings(environ, dotenv=None)


def test_dotenv_file_is_read_and_the_environment_wins(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(f"VISION_KEY={CANARY_KEY}\nVISION_ENDPOINT={ENDPOINT}/\n")
    sub = tmp_path / "notebooks"
    sub.mkdir()
    monkeypatch.chdir(sub)  # found in a parent folder, as from notebooks/
    assert load_settings({}).key == CANARY_KEY
    assert load_settings({"VISION_ENDPOINT": "https://other.example"}).endpoint == "https://other.example"


def test_the_key_never_shows_in_a_repr():
    settings = Settings(endpoint=ENDPOINT, key=CANARY_KEY)
    for text in (repr(settings), str(settings), f"{settings}", repr([settings])):
        assert CANARY_KEY not in text
        assert "<hidden>" in text


@pytest.mark.parametrize("key", [CANARY_KEY + "\n", f"  {CANARY_KEY}\r\n", f'"{CANARY_KEY}"'])
def test_a_key_read_from_a_file_is_stripped(key):
    assert Settings(endpoint=ENDPOINT, key=key).key == CANARY_KEY


@pytest.mark.parametrize(
    "key", [f"{CANARY_KEY[:10]} {CANARY_KEY[10:]}", f"{CANARY_KEY}\nsecond line", CANARY_KEY + "é"]
)
def test_a_key_that_cannot_be_a_header_is_refused_without_showing_it(key):
    with pytest.raises(SettingsError, match="VISION_KEY contains") as caught:
        Settings(endpoint=ENDPOINT, key=key)
    assert CANARY_KEY[:10] not in str(caught.value) and CANARY_KEY[10:] not in str(caught.value)
    with pytest.raises(SettingsError, match="VISION_KEY contains"):
        load_settings({"VISION_KEY": key, "VISION_ENDPOINT": ENDPOINT}, dotenv=None)


@pytest.mark.parametrize("endpoint, words", [
    pytest.param("https://user:hunter2@my-vision.cognitiveservices.azure.com", "user name or password", id="userinfo"),
    pytest.param("https://my-vision.cognitiveservices.azure.com?x=1", "query or fragment", id="query"),
    pytest.param("https://my-vision.cognitiveservices.azure.com/#frag", "query or fragment", id="fragment"),
    pytest.param("https://my-vision.cognitiveservices.azure.com/?", "query or fragment", id="empty-query"),
    pytest.param("https://x:99999", "not a valid URL", id="port-out-of-range"),
    pytest.param("https://x:0", "invalid host or port", id="port-zero"),
    pytest.param("https://x y.com", "invalid host", id="space-in-host"),
    pytest.param("https://[::1", "not a valid URL", id="unclosed-ipv6"),
    pytest.param("ftp://x.example", "must be a URL like", id="ftp"),
])
def test_malformed_endpoints_are_refused_by_settings(endpoint, words):
    with pytest.raises(SettingsError, match=words) as caught:
        Settings(endpoint=endpoint, key="k")
    assert "hunter2" not in str(caught.value)


def test_plain_http_warns_unless_the_host_is_this_computer(recwarn):
    for local in ("http://127.0.0.1:8080", "http://localhost:5000", "http://[::1]:9"):
        Settings(endpoint=local, key="k")
    assert not recwarn.list
    with pytest.warns(UserWarning, match="unencrypted"):
        Settings(endpoint="http://my-vision.cognitiveservices.azure.com", key="k")


@pytest.mark.parametrize("value, record", [("1", True), ("YES", True), ("on", True), ("0", False), ("false", False),
                                           ("No", False), ("", False)])
def test_vision_record_values(value, record):
    environ = {"VISION_KEY": "k", "VISION_ENDPOINT": ENDPOINT, "VISION_RECORD": value}
    assert load_settings(environ, dotenv=None).record is record


@pytest.mark.parametrize("value", ["2", "y", "record", "tru"])
def test_an_unknown_vision_record_value_is_an_error_not_live_mode(value):
    with pytest.raises(SettingsError, match="VISION_RECORD=.* is not understood"):
        load_settings({"VISION_KEY": "k", "VISION_ENDPOINT": ENDPOINT, "VISION_RECORD": value}, dotenv=None)


def test_an_exported_empty_value_does_not_hide_the_dotenv_file(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(f"VISION_KEY={CANARY_KEY}\nVISION_ENDPOINT={ENDPOINT}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = load_settings({"VISION_KEY": "", "VISION_ENDPOINT": "  "})
    assert (settings.key, settings.endpoint, settings.mode) == (CANARY_KEY, ENDPOINT, "live")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-8"])
def test_dotenv_written_by_powershell_or_notepad_is_read(tmp_path, monkeypatch, encoding):
    # PowerShell 5's `echo ... > .env` writes UTF-16 LE with a byte-order mark.
    text = f"VISION_KEY={CANARY_KEY}\r\nVISION_ENDPOINT={ENDPOINT}\r\n"
    (tmp_path / ".env").write_bytes(text.encode(encoding))
    monkeypatch.chdir(tmp_path)
    assert (load_settings({}).key, load_settings({}).endpoint) == (CANARY_KEY, ENDPOINT)


def test_a_dotenv_that_is_not_text_is_refused_clearly(tmp_path, monkeypatch):
    (tmp_path / ".env").write_bytes(b"VISION_KEY=\xff\xfe\xfa\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError, match=r"\.env is not UTF-8 text.*Save it as UTF-8"):
        load_settings({})


@pytest.mark.parametrize("endpoint", [CANARY_KEY, f"https://x.example/?subscription-key={CANARY_KEY}",
                                      f"https://x.example/#{CANARY_KEY}", f"https://{CANARY_KEY}@x.example",
                                      f"https://x.example:{CANARY_KEY}", f"https://[{CANARY_KEY}]"],
                         ids=["key-as-endpoint", "key-in-query", "key-in-fragment", "key-as-user", "key-as-port",
                              "key-as-ipv6"])
def test_an_endpoint_error_never_shows_a_key_pasted_into_it(endpoint):
    with pytest.raises(SettingsError) as caught:
        load_settings({"VISION_KEY": "k", "VISION_ENDPOINT": endpoint}, dotenv=None)
    assert CANARY_KEY not in str(caught.value)


def test_offline_replays_whatever_the_environment_and_dotenv_hold(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("VISION_KEY=k3yk3yk3y\nVISION_ENDPOINT=https://x.cognitiveservices.azure.com\n")
    assert load_settings().mode == "live"
    environ = {"VISION_OFFLINE": "1", "VISION_RECORD": "1", "VISION_KEY": "k", "VISION_ENDPOINT": "https://y.example"}
    assert load_settings(environ).mode == "replay"
    assert load_settings({"VISION_OFFLINE": "no"}).mode == "live", "the .env key counts again"
    with pytest.raises(SettingsError, match="VISION_OFFLINE='maybe' is not understood"):
        load_settings({"VISION_OFFLINE": "maybe"})
