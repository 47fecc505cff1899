"""Offline by default: replay recorded responses, call the live service, or record it.

A recording is a readable JSON file (the cassette format vcrpy wrote, which old recordings
keep): ``{"version": 1, "interactions": [{"request": ..., "response": ...}, ...]}``. Replay
serves it through :class:`ReplayAdapter`, a requests transport mounted on the session (the
counterpart of httpx's ``MockTransport``): nothing opens a socket. Record mode sends requests
live and writes what comes back.

What is scrubbed before anything is written (and scrubbing twice changes nothing):

* the key, wherever it appears (also inside JSON text, after its escapes are decoded), and the
  key header itself; the same for Microsoft Entra ID tokens (the ``Authorization`` header is never
  stored);
* the real endpoint host, replaced by a placeholder, in URLs, headers (``Operation-Location``)
  and bodies — so a recording made on one resource replays anywhere;
* uploaded image bytes, replaced by ``sha256:<hex>`` of the bytes, so recordings identify
  an image without carrying a copy of it.

How a recording is kept safe: it is read and written as UTF-8 whatever the computer's locale;
every save writes a temporary file in the same folder, flushes it to disk and renames it over
the recording, so an interrupted save leaves the previous version; saves are serialised by a
lock file (``.<name>.lock`` beside it) and merge what is on disk, so two programs recording into
one file keep each other's answers; a recording that cannot be read stops record mode before
anything is sent, and is never replaced. Answers the session retries (429/500/503) are not
recorded, nor are 401/403/404 (a wrong key or endpoint would otherwise replace good answers)
unless ``start_session(..., record_statuses={401})`` asks for them.

Every recorded response carries an ``x-vision-viz-provenance`` header that says where it came
from; :func:`provenance` shows it to the reader.
"""

from __future__ import annotations

__all__ = ["provenance", "start_session", "stop_session"]

import base64
import binascii
import contextlib
import datetime
import hashlib
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
import urllib3
from requests.adapters import BaseAdapter
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

from vision_viz._errors import MissingRecordingError, RecordingError
from vision_viz._offline import (
    Catalogue,
    describe_picture,
    error_response,
    missing_message,
    rule_error,
    sends_json,
    unanswered,
)
from vision_viz._provenance import LIVE_PROVENANCE, PROVENANCE_HEADER
from vision_viz._public import publish
from vision_viz._session import (
    AUTH_HEADER,
    RETRY_STATUSES,
    LiveAdapter,
    VisionSession,
    bearer_token,
    make_session,
)
from vision_viz._settings import PLACEHOLDER_ENDPOINT, Settings, load_settings

# Answers that say more about the recorder's key or endpoint than about the request.
ACCESS_STATUSES = (401, 403, 404)
_HIDDEN = "<hidden>"
_PLACEHOLDER_NETLOC = urlsplit(PLACEHOLDER_ENDPOINT).netloc
_BODY_FORMS = ("json", "string", "base64")

_current: Recording | None = None  # the recording the latest start_session() replays, for make_session()
_current_session: VisionSession | None = None


def start_session(
    recording: str | Path,
    settings: Settings | None = None,
    *,
    record_statuses: Collection[int] = (),
    **session_options: Any,
) -> VisionSession:
    """Create the notebook's session: replay, live or record, chosen by the settings.

    * no ``VISION_KEY``: replay ``recording``; nothing touches the network, and a request that
      was not recorded raises :class:`MissingRecordingError` saying how to record it;
    * ``VISION_KEY`` and ``VISION_ENDPOINT``: call the live service;
    * those and ``VISION_RECORD=1``: call the live service and write each answer to
      ``recording`` as it arrives (answers to requests not made again are kept).

    Calling it again (re-running a setup cell) ends the previous session. Use the session in a
    ``with`` block, or call :func:`stop_session`, to end it explicitly.

    Args:
        recording: The notebook's recording file, e.g. ``"recordings/01-analyze-an-image.json"``.
        settings: Defaults to :func:`load_settings` (environment, then ``.env``).
        record_statuses: 401, 403 or 404 answers to record anyway (e.g. ``{401}`` in a notebook
            that shows a wrong key); by default they are not written.
        **session_options: Passed on to :func:`make_session` (timeout, retries, backoff_factor, deadline).

    Raises:
        RecordingError: The recording cannot be used: not found (replay), unreadable or corrupt,
            a folder, or in a folder that cannot be written (record).

    Example:
        >>> start_session("no/such/recording.json", Settings())  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        RecordingError: Recording file not found: no/such/recording.json (current folder: ...)
    """
    global _current, _current_session
    stop_session()
    settings = load_settings() if settings is None else settings
    path = Path(recording)
    if settings.mode == "replay":
        _current = Recording.load(path)
        session = make_session(settings, **session_options)
        session.get_adapter(session.endpoint).ends_replay = True  # type: ignore[attr-defined]
    else:
        session = make_session(settings, **session_options)
        if settings.mode == "record":
            target = Recording.open_for_recording(path, Scrubber(key=settings.key, endpoint=settings.endpoint))
            adapter = RecordingAdapter(session.retry, session.deadline, target, record_statuses)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
    session.recording = str(recording)
    _current_session = session
    return session


def stop_session() -> None:
    """End the session of the latest :func:`start_session` (its answers are already saved).

    Example:
        >>> stop_session()  # nothing to end: does nothing
    """
    global _current, _current_session
    session, _current_session, _current = _current_session, None, None
    if session is not None:
        session.close()


def current_replay(retry: Retry) -> ReplayAdapter | None:
    """A replay transport on the recording of the latest replaying :func:`start_session`, if any."""
    return ReplayAdapter(_current, retry) if _current is not None else None


def provenance(response: requests.Response) -> str:
    """Where a response came from: a recording's provenance, or the live service.

    Example:
        >>> r = requests.Response(); r.headers[PROVENANCE_HEADER] = "example written to the 2023-10-01 schema"
        >>> provenance(r)
        'example written to the 2023-10-01 schema'
    """
    return response.headers.get(PROVENANCE_HEADER, LIVE_PROVENANCE)


def image_digest(data: bytes) -> str:
    """How recordings name an uploaded image: ``sha256:`` and the hex digest of its bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


# --- matching ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestKey:
    """What identifies a request in a recording: method, path, query and body; not the host.

    ``body`` is the body as recordings store it (an image as its ``sha256:`` digest); ``json`` is
    that body parsed when it is JSON, so two JSON bodies that differ only in spacing match.
    """

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    body: bytes
    json: str | None

    @classmethod
    def of(cls, method: str, uri: str, body: bytes | None, content_type: str) -> RequestKey:
        parts = urlsplit(uri)
        parsed = None
        if body and "application/json" in content_type.lower():
            with contextlib.suppress(ValueError, RecursionError):
                parsed = json.dumps(json.loads(body), sort_keys=True)
        return cls(method.upper(), parts.path or "/", tuple(sorted(parse_qsl(parts.query))), body or b"", parsed)

    def matches(self, other: RequestKey) -> bool:
        bodies_match = (
            self.json == other.json if self.json is not None and other.json is not None else self.body == other.body
        )
        return (self.method, self.path, self.query) == (other.method, other.path, other.query) and bodies_match

    def describe(self) -> str:
        what = f"{self.method} {self.path}" + (f"?{'&'.join(f'{k}={v}' for k, v in self.query)}" if self.query else "")
        if self.body.startswith(b"sha256:"):
            return f"{what} with an image of sha256 {self.body[7:19].decode()}…"
        if self.body:
            return f"{what} with the body {self.body.decode('utf-8', 'replace')[:200]}"
        return what


# --- the recording file --------------------------------------------------------------------------


class Recording:
    """One recording file: its interactions, read and written as UTF-8 JSON.

    :meth:`find` is the one place that decides which recorded answer serves a request; serving
    parts of a saved full answer (e.g. the tags of a recorded all-features call) would go there.
    """

    def __init__(self, path: Path, interactions: list[dict[str, Any]], scrubber: Scrubber | None = None) -> None:
        self.path = path
        self.interactions = interactions
        self.scrubber = scrubber or Scrubber(key=None, endpoint=None)
        self._keys = [_key_of(interaction) for interaction in interactions]
        self._plays = [0] * len(interactions)
        self._recorded: list[dict[str, Any]] = []  # record mode: this session's interactions
        self._catalogue: Catalogue | None = None
        self._catalogue_loaded = False  # loaded on first need

    @classmethod
    def load(cls, path: Path) -> Recording:
        """Read a recording to replay; a missing or corrupt file is a :class:`RecordingError`."""
        if not path.exists():
            raise RecordingError(
                f"Recording file not found: {path} (current folder: {Path.cwd()}). Open the notebook from the "
                "notebooks/ folder, or check the file name; to make a new recording, set VISION_KEY, "
                "VISION_ENDPOINT and VISION_RECORD=1 (see README: 'Add a recording')."
            )
        return cls(path, read_recording(path))

    @classmethod
    def open_for_recording(cls, path: Path, scrubber: Scrubber) -> Recording:
        """Check, before anything is sent, that answers can be saved to ``path``."""
        if path.is_dir():
            raise RecordingError(f"The recording {path} is a folder: give the path of a .json file inside it.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=path.parent):
                pass
        except OSError as error:
            raise RecordingError(f"Cannot write the recording {path}: {error.strerror or error}. "
                                 "Choose a folder you can write to.") from None
        interactions = read_recording(path) if path.exists() else []  # unreadable: stop here, before any call
        return cls(path, interactions, scrubber)

    def find(self, request: requests.PreparedRequest) -> dict[str, Any]:
        """The recorded response for ``request``: repeated requests get their answers in recorded
        order, then the last one again (a polling loop replays as it ran; a re-run cell still works).

        Without an exact match: the service's error for a wrong request, else the sections a
        request asks for cut from a bundled picture's full saved answer (see ``_offline``), else
        :class:`MissingRecordingError` with one friendly paragraph."""
        key = self.key_of(request)
        matches = [index for index, recorded in enumerate(self._keys) if key.matches(recorded)]
        if not matches:
            return self._answer_offline(key, request)
        index = next((i for i in matches if self._plays[i] == 0), matches[-1])
        self._plays[index] += 1
        response: dict[str, Any] = self.interactions[index]["response"]
        return response

    def _answer_offline(self, key: RequestKey, request: requests.PreparedRequest) -> dict[str, Any]:
        query = dict(key.query)
        body = request.body if isinstance(request.body, bytes) else b""
        is_json, content_type = sends_json(body), request.headers.get("Content-Type", "")
        content_type = content_type.decode("latin-1") if isinstance(content_type, bytes) else content_type
        wrong = rule_error(key.method, key.path, query, b"" if is_json else body,
                           content_type=content_type if body else None, sends_json=is_json)
        if wrong is not None:
            return error_response(*wrong, key.path)
        if not self._catalogue_loaded:
            self._catalogue, self._catalogue_loaded = Catalogue.beside(self.path), True
        if self._catalogue is not None:
            answer = self._catalogue.answer(key.method, key.path, query, key.body, key.json, body)
            if answer is not None:
                return answer
        url = None
        if key.json is not None:
            with contextlib.suppress(ValueError, AttributeError):
                url = json.loads(key.json).get("url")
        picture = describe_picture(body, getattr(request, "vv_file_name", None))
        what = f"{key.method} {key.path}" + (f"?{'&'.join(f'{k}={v}' for k, v in key.query)}" if key.query else "")
        catalogue = self._catalogue
        bundled = catalogue.bundled(key.body, key.json) if catalogue is not None else None
        reason = catalogue.unanswered(key.path, query, key.body, key.json) if catalogue is not None and bundled \
            else unanswered(key.path, query)
        raise MissingRecordingError(missing_message(picture, what, self.path, url if isinstance(url, str) else None,
                                                    bundled, reason))

    def key_of(self, request: requests.PreparedRequest) -> RequestKey:
        """The request as a recording stores it (scrubbed, an image as its digest)."""
        scrubbed = self.scrubber.request(request)
        return _key_of(scrubbed)

    def add(self, interaction: dict[str, Any]) -> None:
        """Record an interaction and save the file (merged with what is on disk)."""
        self._recorded.append(interaction)
        self.save()

    def save(self) -> None:
        """Write this session's interactions, keeping every other one the file holds."""
        mine = [_key_of(interaction) for interaction in self._recorded]
        with _locked(self.path):
            on_disk = read_recording(self.path) if self.path.exists() else []
            kept = [i for i in on_disk if not any(_key_of(i).matches(key) for key in mine)]
            text = serialize({"version": 1, "interactions": kept + self._recorded})
            if any(secret in text for secret in self.scrubber.secrets()):
                raise RecordingError(f"Not saved: the recording {self.path} would contain the key or a token.")
            for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):  # left by a killed save
                with contextlib.suppress(OSError):
                    stale.unlink()
            try:
                _write_atomically(self.path, text)
            except OSError as error:
                raise RecordingError(
                    f"Could not save the answer to {self.path}: {error.strerror or error}. The recording keeps its "
                    "previous version; free some space or fix the folder's permissions, then run the cell again."
                ) from None


def _key_of(interaction_or_request: dict[str, Any]) -> RequestKey:
    request = interaction_or_request.get("request", interaction_or_request)
    body = request.get("body")
    if isinstance(body, dict):
        body = base64.b64decode(body["base64"])
    elif isinstance(body, str):
        body = body.encode("utf-8", "surrogateescape")
    return RequestKey.of(request["method"], request["uri"], body, _header(request.get("headers", {}), "Content-Type"))


def serialize(cassette: dict[str, Any]) -> str:
    """The text of a recording: indented UTF-8 JSON; ``\\u`` escapes only where text cannot be UTF-8."""
    text = json.dumps(cassette, indent=2, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud83d", half an emoji) in an answer
        text = json.dumps(cassette, indent=2, ensure_ascii=True) + "\n"
    return text


def read_recording(path: Path) -> list[dict[str, Any]]:
    """The interactions of a recording file, or a :class:`RecordingError` that names what is wrong."""
    def corrupt(what: str) -> RecordingError:
        return RecordingError(
            f"The recording {path} cannot be read: {what}. It was not changed. Restore it from git "
            f"(git checkout -- {path.name}) or from a copy, or delete it to record it anew."
        )

    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise RecordingError(f"The recording {path} is a folder: give the path of a .json file.") from None
    except OSError as error:
        raise corrupt(error.strerror or str(error)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise corrupt(f"it is not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise corrupt("the file is empty")
    if any(line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "=======" for line in text.splitlines()):
        raise RecordingError(
            f"The recording {path} holds git merge conflict markers (<<<<<<<, =======, >>>>>>>). "
            "Resolve the conflict (keep one side: git checkout --ours or --theirs), or re-record it."
        )
    try:
        cassette = json.loads(text)
    except RecursionError:
        raise corrupt("its JSON is nested too deeply") from None
    except ValueError as error:
        cut = " (it ends too early: was a save interrupted?)" if error.pos >= len(text.rstrip()) else ""  # type: ignore[attr-defined]
        raise corrupt(f"it is not valid JSON: {error}{cut}") from None
    if not isinstance(cassette, dict) or not isinstance(cassette.get("interactions"), list):
        raise corrupt('expected a JSON object with an "interactions" list')
    for index, interaction in enumerate(cassette["interactions"]):
        problem = _problem(interaction)
        if problem:
            raise corrupt(f"interaction {index} {problem}")
    interactions: list[dict[str, Any]] = cassette["interactions"]
    return interactions


def _problem(interaction: Any) -> str:
    """What is wrong with one interaction of a recording ('' when nothing)."""
    if not isinstance(interaction, dict) or not isinstance(interaction.get("request"), dict) \
            or not isinstance(interaction.get("response"), dict):
        return 'is not an object with "request" and "response"'
    request, response = interaction["request"], interaction["response"]
    for name, kind in (("method", str), ("uri", str)):
        if not isinstance(request.get(name), kind):
            return f'has no request "{name}"'
    body = request.get("body")
    if not (body is None or isinstance(body, str) or (isinstance(body, dict) and isinstance(body.get("base64"), str))):
        return "has a request body that is neither text, null nor {\"base64\": ...}"
    if not isinstance(request.get("headers", {}), dict) or not isinstance(response.get("headers"), dict):
        return "has headers that are not an object"
    status = response.get("status")
    if not isinstance(status, dict) or type(status.get("code")) is not int:
        return 'has no response "status": {"code": ...}'
    body = response.get("body")
    forms = [form for form in _BODY_FORMS if isinstance(body, dict) and form in body]
    if len(forms) != 1:
        return f"has a response body in an unknown encoding (expected one of {', '.join(_BODY_FORMS)})"
    if forms == ["base64"]:
        try:
            base64.b64decode(body["base64"], validate=True)
        except (binascii.Error, TypeError):
            return "has a response body that is not valid base64"
    if forms == ["string"] and not isinstance(body["string"], str):
        return "has a response body string that is not text"
    return ""


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``.<name>.lock`` beside ``path`` (other programs wait)."""
    lock_path = path.with_name(f".{path.name}.lock")
    with open(lock_path, "a+b") as lock:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            while True:
                try:
                    msvcrt.locking(lock.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after 10 s; keep waiting
                    continue
            try:
                yield
            finally:
                lock.seek(0)
                msvcrt.locking(lock.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` (UTF-8) so that it is the old or the new file, never a mix."""
    data = text.encode("utf-8")
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if os.name != "nt":  # make the rename itself durable
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


# --- transports ----------------------------------------------------------------------------------


class ReplayAdapter(BaseAdapter):
    """A requests transport that answers from a recording and never opens a socket.

    Recorded 429/500/503 answers go through the session's ``Retry`` as live ones would, so a
    recording can show the session retrying.
    """

    def __init__(self, recording: Recording, retry: Retry) -> None:
        super().__init__()
        self.recording = recording
        self.retry = retry
        self.ends_replay = False  # True for start_session()'s own session: closing it ends the replay

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None,
             verify: bool | str = True, cert: Any = None, proxies: Any = None) -> requests.Response:
        retries, method, url = self.retry, request.method or "GET", request.url or ""
        while True:
            raw = _to_urllib3(self.recording.find(request), retries, method, url)
            if not retries.is_retry(method, raw.status, bool(raw.headers.get("Retry-After"))):
                break
            try:
                retries = retries.increment(method, url, response=raw)
            except MaxRetryError:
                break
            retries.sleep(raw)
        return self.build_response(request, raw)

    def build_response(self, request: requests.PreparedRequest, raw: urllib3.HTTPResponse) -> requests.Response:
        response = requests.Response()
        response.status_code = raw.status
        response.headers = requests.structures.CaseInsensitiveDict(raw.headers)
        response.raw = raw
        response.reason = raw.reason or ""
        response.url = request.url or ""
        response.request = request
        response.connection = self  # type: ignore[assignment]  # requests types it as HTTPAdapter
        return response

    def close(self) -> None:
        """Closing start_session()'s session ends the replay: make_session() no longer finds it."""
        global _current, _current_session
        if self.ends_replay and _current is self.recording:
            _current = _current_session = None


class RecordingAdapter(LiveAdapter):
    """The live transport, writing each answer it gets (scrubbed) to a recording."""

    def __init__(
        self, retry: Retry, deadline: float, recording: Recording, record_statuses: Collection[int] = ()
    ) -> None:
        super().__init__(retry, deadline)
        self.recording = recording
        self.record_statuses = set(record_statuses)

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None,
             verify: bool | str = True, cert: Any = None, proxies: Any = None) -> requests.Response:
        response = super().send(request, stream=stream, timeout=timeout, verify=verify, cert=cert, proxies=proxies)
        status = response.status_code
        self.recording.scrubber.hide(bearer_token(request.headers.get(AUTH_HEADER)))
        if status not in RETRY_STATUSES and (status not in ACCESS_STATUSES or status in self.record_statuses):
            self.recording.add(self.recording.scrubber.interaction(request, response))
        return response


def response_body(recorded: dict[str, Any]) -> bytes:
    """The bytes of a recorded response body, whichever way it is stored."""
    body = recorded["body"]
    if "json" in body:
        readable = json.dumps(body["json"], ensure_ascii=False)
        try:
            return readable.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the escaped form decodes to the same JSON
            return json.dumps(body["json"]).encode("ascii")
    if "base64" in body:
        return base64.b64decode(body["base64"])
    text: str = body["string"]
    return text.encode("utf-8", "surrogateescape")


def _to_urllib3(recorded: dict[str, Any], retries: Retry, method: str, url: str) -> urllib3.HTTPResponse:
    headers = urllib3.HTTPHeaderDict()
    for name, values in recorded["headers"].items():
        if name.lower() in ("content-encoding", "content-length", "transfer-encoding"):
            continue
        for value in values if isinstance(values, list) else [values]:
            headers.add(name, str(value))
    status = recorded["status"]
    return urllib3.HTTPResponse(
        body=io.BytesIO(response_body(recorded)), headers=headers, status=status["code"], reason=status.get("message"),
        preload_content=False, decode_content=False, retries=retries, request_method=method, request_url=url,
    )


# --- scrubbing -----------------------------------------------------------------------------------


class Scrubber:
    """Removes the key and the real endpoint from requests and responses before they are saved."""

    def __init__(self, key: str | None, endpoint: str | None, today: datetime.date | None = None) -> None:
        self.key = key
        self.origin = endpoint.rstrip("/") if endpoint else None
        self.netloc = urlsplit(endpoint).netloc if endpoint else None
        self.today = today or datetime.date.today()
        self.tokens: list[str] = []  # Entra ID tokens the recording session sent

    def hide(self, token: str | None) -> None:
        """Scrub ``token`` (a bearer token this session sent) from everything saved from now on."""
        if token and token not in self.tokens:
            self.tokens.append(token)

    def secrets(self) -> list[str]:
        """The key and the tokens: none may appear in a saved recording."""
        return [secret for secret in (self.key, *self.tokens) if secret]

    def text(self, value: str) -> str:
        """Replace the key, the tokens and the real endpoint in a string."""
        for secret in self.secrets():
            value = value.replace(secret, _HIDDEN)
        if self.origin:
            value = value.replace(self.origin, PLACEHOLDER_ENDPOINT)
        if self.netloc:
            value = value.replace(self.netloc, _PLACEHOLDER_NETLOC)
        return value

    def _bytes(self, value: bytes) -> bytes:
        hidden = [(secret, _HIDDEN) for secret in self.secrets()]
        for secret, placeholder in (*hidden, (self.origin, PLACEHOLDER_ENDPOINT), (self.netloc, _PLACEHOLDER_NETLOC)):
            if secret:
                value = value.replace(secret.encode(), placeholder.encode())
        return value

    def json(self, value: Any) -> Any:
        """A copy of decoded JSON with the key and endpoint replaced in every string (keys too).

        Iterative, so a deeply nested answer cannot raise ``RecursionError``.
        """
        holder: list[Any] = [None]
        stack: list[tuple[Any, Any, Any]] = [(holder, 0, value)]  # (where to put it, slot, what)
        while stack:
            parent, slot, item = stack.pop()
            if isinstance(item, str):
                parent[slot] = self.text(item)
            elif isinstance(item, list):
                parent[slot] = copy = [None] * len(item)
                stack.extend((copy, index, child) for index, child in enumerate(item))
            elif isinstance(item, dict):
                mapping: dict[Any, Any] = {}
                parent[slot] = mapping
                for name, child in item.items():
                    name = self.text(name) if isinstance(name, str) else name
                    mapping[name] = None
                    stack.append((mapping, name, child))
            else:
                parent[slot] = item
        return holder[0]

    def request(self, request: Any) -> dict[str, Any]:
        """A request (a ``PreparedRequest`` or a stored one) as a recording stores it."""
        if isinstance(request, dict):
            method, uri, body = request["method"], request["uri"], request.get("body")
            headers = {name: (values[0] if isinstance(values, list) and values else values)
                       for name, values in request.get("headers", {}).items()}
        else:
            method, uri, body, headers = request.method, request.url, request.body, dict(request.headers)
        if isinstance(body, dict):
            body = base64.b64decode(body["base64"])
        if isinstance(body, str):
            body = body.encode("utf-8", "surrogateescape")
        content_type = _header({k: [v] for k, v in headers.items()}, "Content-Type")
        if body and not _is_json(content_type) and not (body.startswith(b"sha256:") and len(body) == 71):
            body = image_digest(body).encode()
        elif body:
            body = self._json_bytes(body)
        stored_headers = {"Content-Type": [self.text(content_type)]} if content_type else {}
        return {"method": method, "uri": self.text(uri or ""),
                "body": body.decode("utf-8", "surrogateescape") if body else None, "headers": stored_headers}

    def _json_bytes(self, body: bytes) -> bytes:
        try:
            return json.dumps(self.json(json.loads(body))).encode()
        except (ValueError, RecursionError):
            return self._bytes(body)

    def interaction(self, request: requests.PreparedRequest, response: requests.Response) -> dict[str, Any]:
        """What a recording stores of a live exchange, scrubbed, with its provenance."""
        headers: dict[str, list[str]] = {}
        for name, value in response.headers.items():
            if name.lower() not in ("content-encoding", "content-length", "transfer-encoding", "set-cookie"):
                headers[name] = [self.text(value)]
        headers[PROVENANCE_HEADER] = [f"recorded from the live service on {self.today.isoformat()}"]
        return {
            "request": self.request(request),
            "response": {
                "status": {"code": response.status_code, "message": response.reason or ""},
                "headers": headers,
                "body": self.body(response.content, response.headers.get("Content-Type", "")),
            },
        }

    def body(self, content: bytes, content_type: str) -> dict[str, Any]:
        """A response body as stored: JSON as JSON (scrubbed after its escapes are decoded), else base64."""
        if not content:
            return {"string": ""}
        if _is_json(content_type) or content[:1] in (b"{", b"["):
            try:
                return {"json": self.json(json.loads(content))}
            except (ValueError, RecursionError):
                pass
        return {"base64": base64.b64encode(self._bytes(content)).decode()}


def _is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in ("application/json", "text/json")


def _header(headers: dict[str, Any], name: str) -> str:
    for key, values in headers.items():
        if key.lower() == name.lower():
            return str(values[0]) if isinstance(values, list) and values else str(values or "")
    return ""


publish(globals())
