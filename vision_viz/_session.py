"""The HTTP session the notebooks use: key header or Entra ID token, timeouts, bounded retries, clear errors.

The key (or, signed in with Microsoft Entra ID, the ``Authorization: Bearer`` token) goes only to
the endpoint's own origin (scheme, host and port): a request to any other URL through the session
is sent without it, and a redirect to another origin (or from https to http) is refused, so
neither the key, the token nor the image follows it.

Logging: the session logs nothing itself, but ``http.client`` debug output
(``http.client.HTTPConnection.debuglevel = 1``) prints every request header, the key included;
never turn it on in a notebook whose output you share.
"""

from __future__ import annotations

__all__ = ["describe_request", "make_session"]

import contextlib
import contextvars
import hashlib
import io
import socket
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import BaseAdapter, HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from vision_viz._errors import (
    MAX_RETRY_WAIT,
    ServiceUnreachableError,
    SettingsError,
    VisionError,
    VisionServiceError,
    retry_after_seconds,
)
from vision_viz._public import publish
from vision_viz._settings import PLACEHOLDER_ENDPOINT, TOKEN_SCOPE, Settings

KEY_HEADER = "Ocp-Apim-Subscription-Key"
AUTH_HEADER = "Authorization"
# A token is asked for again when it has less than this many seconds left (azure-core's policy uses 300 too).
TOKEN_REFRESH_MARGIN = 300.0
# Statuses worth retrying: rate limited, failed to process, busy.
RETRY_STATUSES = (429, 500, 503)
# Longest time one call may take, retries included, unless make_session(deadline=...) says otherwise.
DEFAULT_DEADLINE = 300.0


class VisionSession(requests.Session):
    """A ``requests.Session`` for the Vision service.

    It sends the key header to the endpoint only, applies a default timeout and an overall
    deadline, retries transient failures, and turns error statuses and network failures into
    :class:`VisionServiceError` and :class:`ServiceUnreachableError`. Use it in a ``with``
    block, or call :meth:`close`, to end it (and the replay or recording it runs).
    """

    def __init__(self, settings: Settings, timeout: tuple[float, float], retry: Retry, deadline: float,
                 adapter: BaseAdapter | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.timeout = timeout
        self.retry = retry
        self.deadline = deadline
        self.mode = settings.mode
        self.endpoint = settings.base_url
        self.recording: str | None = None
        self._origin = _origin(self.endpoint)
        self._tokens = TokenCache(settings.credential) if settings.credential is not None else None
        adapter = adapter or LiveAdapter(retry, deadline)
        self.mount("https://", adapter)
        self.mount("http://", adapter)
        self.hooks["response"].append(_raise_for_service_error)

    # The entry points a learner calls (request, get, post) re-raise vision_viz's own errors from their own
    # frame, so a script's traceback shows the learner's line, this one line and the message: not the frames of
    # requests, urllib3 and the replay in between (a notebook shows the message alone, see MissingRecordingError).

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        try:
            return super().request(method, url, *args, **kwargs)
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
            verb = method.decode() if isinstance(method, bytes) else method
            raise ServiceUnreachableError(_unreachable_message(verb, str(url), error, self)) from None
        except VisionError as error:
            raise error.with_traceback(None) from None  # vision_viz stopped this call: the message says why

    def get(self, url: str | bytes, params: Any = None, **kwargs: Any) -> requests.Response:
        try:
            return super().get(url, params=params, **kwargs)
        except VisionError as error:
            raise error.with_traceback(None) from None  # vision_viz stopped this call: the message says why

    def post(self, url: str | bytes, data: Any = None, json: Any = None, **kwargs: Any) -> requests.Response:
        try:
            return super().post(url, data=data, json=json, **kwargs)
        except VisionError as error:
            raise error.with_traceback(None) from None  # vision_viz stopped this call: the message says why

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        prepared = super().prepare_request(request)
        if _origin(prepared.url or "") != self._origin:
            return prepared
        if self.settings.key:
            prepared.headers[KEY_HEADER] = self.settings.key
            return prepared
        prepared.headers.pop(KEY_HEADER, None)  # e.g. an SDK client's placeholder: the session signs requests
        if self._tokens is not None:
            prepared.headers[AUTH_HEADER] = "Bearer " + self._tokens.token()
        return prepared

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if _origin(request.url or "") != self._origin:
            request.headers.pop(KEY_HEADER, None)  # whoever put it there, it goes to the endpoint only
            request.headers.pop(AUTH_HEADER, None)
        read_body(request)
        return super().send(request, **kwargs)

    def rebuild_auth(self, prepared_request: requests.PreparedRequest, response: requests.Response) -> None:
        """Refuse a redirect that leaves the endpoint's origin: the key and the image stay home."""
        old, new = response.request.url or "", prepared_request.url or ""
        if _origin(new) != _origin(old):
            target = urlsplit(new)
            raise VisionServiceError(
                response.status_code, "RedirectRefused",
                f"The service answered with a redirect to {target.scheme}://{target.netloc}, which is not "
                f"the endpoint ({_origin_text(old)}). vision_viz does not follow redirects to another host "
                "or from https to http, so your key and image were not sent there. Check VISION_ENDPOINT.",
                response.headers.get("apim-request-id"),
            )
        super().rebuild_auth(prepared_request, response)  # type: ignore[no-untyped-call]  # untyped in types-requests

    def __repr__(self) -> str:
        return f"<VisionSession mode={self.mode!r} endpoint={self.endpoint!r}>"

    def __str__(self) -> str:
        if self.mode == "replay":
            return (
                f"Replay mode: no VISION_KEY is set, so answers come from {self.recording} "
                "and nothing is sent over the network."
            )
        if self.mode == "record":
            signed = " (signed in with Microsoft Entra ID)" if self._tokens is not None else ""
            return f"Record mode: calling {self.endpoint}{signed} and saving the answers to {self.recording}."
        signed = ", signed in with Microsoft Entra ID" if self._tokens is not None else ""
        return f"Live mode: calling {self.endpoint}{signed}."


class TokenCache:
    """Microsoft Entra ID tokens from a credential, asked for again shortly before they expire.

    ``credential`` is anything with ``get_token(scope)`` returning an object with ``token`` and
    ``expires_on`` (seconds since the epoch), as every ``azure.identity`` credential does. A token is
    renewed when it has less than ``margin`` seconds left, or from its ``refresh_on`` time when the
    credential gives one (``get_token_info``, azure-core 1.31 and newer), as azure-core's own
    ``BearerTokenCredentialPolicy`` does. The token is kept in memory only and never shown.

    Example:
        >>> from collections import namedtuple
        >>> Token = namedtuple("Token", "token expires_on")
        >>> class Clock:
        ...     calls = 0
        ...     def get_token(self, *scopes):
        ...         self.calls += 1
        ...         return Token(f"t{self.calls}", time.time() + 3600)
        >>> cache = TokenCache(Clock())
        >>> cache.token(), cache.token()
        ('t1', 't1')
    """

    def __init__(self, credential: Any, scope: str = TOKEN_SCOPE, margin: float = TOKEN_REFRESH_MARGIN) -> None:
        self.credential = credential
        self.scope = scope
        self.margin = margin
        self._token: str | None = None
        self._expires_on = 0.0
        self._refresh_on: float | None = None

    def _stale(self) -> bool:
        now = time.time()
        if self._refresh_on is not None:
            return now >= min(self._refresh_on, self._expires_on)
        return self._expires_on - now < self.margin

    def token(self) -> str:
        """A token valid for at least ``margin`` more seconds (a new one if the last is near expiry)."""
        if self._token is None or self._stale():
            try:
                if callable(getattr(self.credential, "get_token_info", None)):
                    access = self.credential.get_token_info(self.scope)
                else:
                    access = self.credential.get_token(self.scope)
            except Exception as error:  # noqa: BLE001 - azure-identity raises ClientAuthenticationError, others their own
                raise SettingsError(
                    f"Could not sign in with Microsoft Entra ID ({type(error).__name__}): run 'az login' (or "
                    "'az login --tenant <tenant-id>'), check that your account has the 'Cognitive Services User' role "
                    "on the resource, or set VISION_KEY instead. See workshop/azure-setup.md, 'Sign in without a key'."
                ) from None
            token, expires_on = getattr(access, "token", None), getattr(access, "expires_on", None)
            if not isinstance(token, str) or not token or not isinstance(expires_on, (int, float)):
                raise SettingsError(
                    f"{type(self.credential).__name__}.get_token() returned no token with an expiry time "
                    "(expected an AccessToken with .token and .expires_on)."
                )
            refresh_on = getattr(access, "refresh_on", None)
            self._token, self._expires_on = token, float(expires_on)
            self._refresh_on = float(refresh_on) if isinstance(refresh_on, (int, float)) else None
        return self._token

    def __repr__(self) -> str:
        return f"<TokenCache credential={type(self.credential).__name__} scope={self.scope!r}>"


class VisionRetry(Retry):
    """urllib3's ``Retry`` that reads any ``Retry-After`` leniently and never waits longer than
    ``MAX_RETRY_WAIT``: a longer wait ends the call with the service's own error (which names it)."""

    def get_retry_after(self, response: Any) -> float | None:
        return retry_after_seconds(response.headers.get("Retry-After"))

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                  error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> VisionRetry:
        wait = self.get_retry_after(response) if response is not None else None
        if wait is not None and wait > MAX_RETRY_WAIT and self.respect_retry_after_header:
            # With raise_on_status=False, urllib3 hands this response back: the caller sees the 429.
            raise MaxRetryError(
                _pool, url or "", ResponseError(f"Retry-After {wait:g} s is longer than {MAX_RETRY_WAIT:g} s")
            )
        return super().increment(method, url, response, error, _pool, _stacktrace)


#: When the call being sent on this thread must end (time.monotonic()), for connections waiting for an answer.
_CALL_ENDS: contextvars.ContextVar[float] = contextvars.ContextVar("vision_viz_call_ends")


class _AnswerWithinDeadline:
    """A connection that stops waiting for the status line and headers when the call's deadline passes.

    Socket timeouts apply to each read, so a server that sends its headers a byte at a time would
    otherwise hold the call for ever: when the deadline passes, the socket is shut down and the read ends.
    """

    sock: socket.socket | None

    def getresponse(self) -> Any:
        end = _CALL_ENDS.get(None)
        if end is None:
            return super().getresponse()  # type: ignore[misc]
        timer = threading.Timer(max(0.0, end - time.monotonic()), self._stop_waiting)
        timer.daemon = True
        timer.start()
        try:
            return super().getresponse()  # type: ignore[misc]
        finally:
            timer.cancel()

    def _stop_waiting(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)


class _HTTPConnection(_AnswerWithinDeadline, HTTPConnection):
    pass


class _HTTPSConnection(_AnswerWithinDeadline, HTTPSConnection):
    pass


class _HTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class LiveAdapter(HTTPAdapter):
    """``HTTPAdapter`` that reads the whole answer within the call's deadline.

    Timeouts apply to each read of the socket; the deadline bounds the whole call, so headers or a
    body that trickle in a byte at a time cannot hold a notebook forever. The answer is always read
    whole before the call returns (also with ``stream=True``): Image Analysis answers are small.
    """

    def __init__(self, retry: Retry, deadline: float) -> None:
        super().__init__(max_retries=retry)
        self.deadline = deadline

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPConnectionPool, "https": _HTTPSConnectionPool}

    def proxy_manager_for(self, *args: Any, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(*args, **kwargs)
        manager.pool_classes_by_scheme = {"http": _HTTPConnectionPool, "https": _HTTPSConnectionPool}
        return manager

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None,
             verify: bool | str = True, cert: Any = None, proxies: Any = None) -> requests.Response:
        end = time.monotonic() + self.deadline
        waiting = _CALL_ENDS.set(end)
        try:
            response = super().send(request, stream=True, timeout=timeout, verify=verify, cert=cert, proxies=proxies)
        except requests.exceptions.ConnectionError:
            if time.monotonic() < end:
                raise
            raise ServiceUnreachableError(
                f"{request.method} {_strip_query(request.url or '')}: no answer arrived within the session's "
                f"deadline of {self.deadline:g} s. Try again later; make_session(deadline=...) sets a longer one."
            ) from None
        finally:
            _CALL_ENDS.reset(waiting)
        raw = response.raw
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if time.monotonic() > end:
                    raise ServiceUnreachableError(
                        f"{request.method} {_strip_query(request.url or '')}: the answer did not arrive within the "
                        f"session's deadline of {self.deadline:g} s ({size:,} bytes came). Try again later; "
                        "make_session(deadline=...) sets a longer one."
                    )
                chunk = raw.read1(64 * 1024, decode_content=False)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except (Urllib3Error, OSError) as error:
            raise ServiceUnreachableError(
                f"{request.method} {_strip_query(request.url or '')}: the answer was cut off after {size:,} bytes "
                f"({type(error).__name__}). Try again; if it keeps happening, check your network."
            ) from None
        finally:
            response.close()
        rebuilt = urllib3.HTTPResponse(
            body=io.BytesIO(b"".join(chunks)), headers=raw.headers, status=raw.status, version=raw.version,
            reason=raw.reason, preload_content=False, decode_content=True, retries=raw.retries,
            request_method=request.method, request_url=request.url,
        )
        return self.build_response(request, rebuilt)


def make_session(
    settings: Settings,
    *,
    timeout: tuple[float, float] = (10.0, 60.0),
    retries: int = 3,
    backoff_factor: float = 1.0,
    deadline: float = DEFAULT_DEADLINE,
) -> VisionSession:
    """Create a session that talks to the service described by ``settings``.

    Without a key (replay) or with the placeholder endpoint of the recordings, the session answers
    from the recording of the latest :func:`start_session`; without one it cannot call anything
    and raises :class:`SettingsError` at once.

    Args:
        settings: Endpoint and key (see :func:`load_settings`).
        timeout: (connect, read) timeout in seconds for each network operation.
        retries: How many times to retry a 429/500/503, a reset connection or a read timeout.
        backoff_factor: Exponential backoff between retries (1, 2, 4 … seconds); a
            ``Retry-After`` header from the service takes precedence, up to ``MAX_RETRY_WAIT``
            (60 s): a longer one ends the call with the service's error.
        deadline: Longest time in seconds one call may take, retries included: the wait for the
            status line and headers ends at it, and the body is checked whenever data arrives, so a
            call ends at most one read timeout after it, with :class:`ServiceUnreachableError`.

    Example:
        >>> from vision_viz import Settings
        >>> session = make_session(Settings(endpoint="https://x.cognitiveservices.azure.com", key="k"))
        >>> prepared = session.prepare_request(requests.Request("GET", session.endpoint + "/a"))
        >>> prepared.headers["Ocp-Apim-Subscription-Key"]
        'k'
        >>> session.retry.total, session.deadline
        (3, 300.0)
    """
    retry = VisionRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        backoff_factor=backoff_factor,
        backoff_max=60,
        status_forcelist=RETRY_STATUSES,
        # Image Analysis calls have no side effects, so POSTs are safe to retry.
        allowed_methods=None,
        respect_retry_after_header=True,
        # Hand the last error response back, so the caller sees the service's own message.
        raise_on_status=False,
    )
    adapter = None
    if settings.mode == "replay" or _origin(settings.base_url) == _origin(PLACEHOLDER_ENDPOINT):
        from vision_viz._recording import current_replay

        adapter = current_replay(retry)
        if adapter is None:
            raise SettingsError(
                "This session has no VISION_KEY (or only the placeholder endpoint of the recordings), so it "
                "could only replay, and no recording is open. Use vv.start_session('recordings/<notebook>.json') "
                "to replay, or set VISION_KEY and VISION_ENDPOINT to call your Azure AI Vision resource."
            )
    return VisionSession(settings, timeout, retry, deadline, adapter)


def read_body(request: requests.PreparedRequest) -> bytes | None:
    """Turn a file, ``BytesIO`` or generator body into bytes (once), so every mode sends the same thing."""
    body: Any = request.body
    data: Any
    if body is None or isinstance(body, bytes):
        return body
    if isinstance(body, str):
        data = body.encode("utf-8")
    elif hasattr(body, "read"):
        name = getattr(body, "name", None)
        if isinstance(name, str):  # replay names the picture by its file when it has no answer for it
            request.vv_file_name = name  # type: ignore[attr-defined]
        data = body.read()
        data = data.encode("utf-8") if isinstance(data, str) else data
    elif isinstance(body, Iterable):
        data = b"".join(part.encode("utf-8") if isinstance(part, str) else bytes(part) for part in body)
    else:
        raise TypeError(
            f"Cannot send a body of type {type(body).__name__}: pass bytes, a file or an iterable of bytes."
        )
    request.headers.pop("Transfer-Encoding", None)
    request.body = data
    request.prepare_content_length(data)
    result: bytes = data
    return result


def _origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port filled in; what decides where the key may go."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ("", url, None)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), port or {"https": 443, "http": 80}.get(scheme)


def _origin_text(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _raise_for_service_error(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    if response.status_code >= 400:
        headers = response.request.headers if response.request is not None else {}
        key = headers.get(KEY_HEADER) or bearer_token(headers.get(AUTH_HEADER))
        url = response.request.url if response.request is not None else None
        raise VisionServiceError.from_response(response, secret=key if isinstance(key, str) else None,
                                               request_url=url if isinstance(url, str) else None)


def bearer_token(value: Any) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header value, if that is what it is."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if isinstance(value, str) and value.lower().startswith("bearer "):
        return value[7:].strip() or None
    return None


def _unreachable_message(method: str, url: str, error: Exception, session: VisionSession) -> str:
    reason = "it did not answer in time" if _timed_out(error) else "the connection failed"
    return (
        f"{method} {_strip_query(url)}: {reason} after {session.retry.total} retries "
        f"(timeouts: connect {session.timeout[0]} s, read {session.timeout[1]} s). "
        "Check VISION_ENDPOINT and your network, then try again."
    )


def _timed_out(error: Exception) -> bool:
    """True for a timeout, also once retries are used up (requests then wraps it in MaxRetryError)."""
    from urllib3.exceptions import NewConnectionError
    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    cause = error.args[0] if error.args else None
    if isinstance(cause, MaxRetryError):
        cause = cause.reason
    if isinstance(cause, NewConnectionError):  # refused: a subclass of ConnectTimeoutError in urllib3 2
        return False
    return isinstance(error, requests.exceptions.Timeout) or isinstance(cause, Urllib3Timeout)


def _strip_query(url: str) -> str:
    return url.split("?", 1)[0]


def describe_request(request: requests.PreparedRequest) -> str:
    """A printable summary of a request that was sent, with the key hidden.

    Example:
        >>> r = requests.Request("POST", "https://x.example/analyze", params={"features": "tags"},
        ...                      headers={KEY_HEADER: "secret", "Content-Type": "application/octet-stream"},
        ...                      data=b"abc").prepare()
        >>> print(describe_request(r))
        POST https://x.example/analyze?features=tags
        Ocp-Apim-Subscription-Key: <hidden>
        Content-Type: application/octet-stream
        Body: 3 bytes (sha256 ba7816bf8f01…)
    """
    lines = [f"{request.method} {request.url}"]
    if AUTH_HEADER in request.headers:
        lines.append(f"{AUTH_HEADER}: Bearer <hidden>")
    else:
        shown = "<hidden>" if KEY_HEADER in request.headers else "<not set: no key, replay mode>"
        lines.append(f"{KEY_HEADER}: {shown}")
    content_type = request.headers.get("Content-Type", "")
    content_type = content_type.decode("latin-1") if isinstance(content_type, bytes) else content_type
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    body: Any = request.body
    if isinstance(body, str):
        body = body.encode()
    if isinstance(body, bytes) and body:
        if content_type.startswith("application/json"):
            lines.append(f"Body: {body.decode(errors='replace')}")
        else:
            lines.append(f"Body: {len(body):,} bytes (sha256 {hashlib.sha256(body).hexdigest()[:12]}…)")
    elif body is not None:
        name = getattr(body, "name", None)
        source = f"the file {name}" if isinstance(name, str) else f"a {type(body).__name__}"
        lines.append(f"Body: streamed from {source} (not read yet: the session reads it when it sends)")
    return "\n".join(lines)


publish(globals())
