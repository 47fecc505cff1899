"""The exceptions vision_viz raises, each with a message that says what to do, and its warnings."""

from __future__ import annotations

__all__ = [
    "MissingRecordingError",
    "RecordingError",
    "ServiceUnreachableError",
    "SettingsError",
    "VisionError",
    "VisionServiceError",
]

import email.utils
import json
import math
import os
import sys
import time
import warnings
from collections.abc import Mapping
from types import FrameType
from typing import Any, NamedTuple, Protocol

from vision_viz._provenance import LIVE_PROVENANCE, PROVENANCE_HEADER
from vision_viz._public import publish

# The longest Retry-After the session honours; a longer wait ends the call with the service's error.
MAX_RETRY_WAIT = 60.0

# How provenance headers begin (vision_viz._provenance, vision_viz._recording): a live recording, a made-up error.
RECORDED_LIVE = "recorded from the live service"
OFFLINE_RULES = "produced offline by vision_viz"

# What a learner should do about each HTTP status, in plain words.
_STATUS_ADVICE = {
    401: (
        "Check VISION_KEY and VISION_ENDPOINT: the key must belong to the resource the endpoint "
        "names (both are on the resource's 'Keys and Endpoint' page in the Azure portal), and "
        "the resource must be in a region that offers the feature you called."
    ),
    403: "Your key is valid but not allowed to do this: check the resource's pricing tier and region.",
    404: "The URL is wrong: check VISION_ENDPOINT and the operation path (and the api-version).",
    415: "Send the image as raw bytes with 'Content-Type: application/octet-stream', or a URL as JSON.",
    429: (
        "You are rate limited (the free tier allows 20 calls a minute). Wait the number of seconds "
        "in the Retry-After header and try again; the session already retried a few times."
    ),
    500: "The service failed to process the request. Try again later; if it persists, try another image.",
    503: "The service is busy or unavailable. Try again in a minute.",
}

# What was wrong with the input, for the service's 400 error codes.
_CODE_ADVICE = {
    "InvalidImageUrl": "The image URL could not be downloaded by the service: use a public http(s) URL.",
    "InvalidImageFormat": "The image is not in a supported format, or is corrupt.",
    "InvalidImageSize": "The image is too large or too small (file size or pixel dimensions).",
    "NotSupportedVisualFeature": "A feature name is not valid for this API version, or not offered in this region.",
    "InvalidRequest": "The request is malformed or the image breaks an input limit: read the message.",
    "NotSupportedImage": "The service cannot analyze this image (e.g. it is unsupported content).",
    "InvalidDetails": "The 'details' parameter names an unknown domain model (use Celebrities or Landmarks).",
    "NotSupportedLanguage": "The 'language' parameter is not supported for this feature (try en).",
    "BadArgument": "A query parameter or the request body is malformed.",
}


class VisionError(Exception):
    """Base class of every error vision_viz raises: ``except vv.VisionError`` catches them all."""


class SettingsError(VisionError, ValueError):
    """VISION_KEY / VISION_ENDPOINT / VISION_RECORD are missing or malformed."""


class VisionServiceError(VisionError):
    """The service answered with an error status.

    Attributes:
        status: HTTP status code.
        code: The service's most specific error code (the inner code of a 4.0 error).
        message: The service's own message.
        request_id: The id to quote to Azure support, when the service sent one (``None`` for a saved
            answer not recorded from the live service: its id names no call, and the message says so).
        retry_after: Seconds the service asked to wait (its ``Retry-After`` header), if any.
        origin: Where a replayed answer came from (its provenance); ``None`` for a live answer.
    """

    def __init__(
        self, status: int, code: str, message: str, request_id: str | None = None, retry_after: float | None = None,
        *, origin: str | None = None, advice: str | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.origin = origin
        self.saved_request_id = None
        if origin is not None and not origin.startswith(RECORDED_LIVE):
            self.saved_request_id, request_id = request_id, None  # an example's or a published one: no call of yours
        self.request_id = request_id
        self.retry_after = retry_after
        self._advice = advice
        super().__init__(self._explain())

    def _explain(self) -> str:
        advice = self._advice or error_advice(self.code, self.status)
        text = f"{self.status} {self.code}: {self.message}"
        if advice:
            text += f"\nWhat to do: {advice}"
        if self.retry_after is not None:
            text += f"\nThe service asked to wait {self.retry_after:g} s (Retry-After)."
            if self.retry_after > MAX_RETRY_WAIT:
                text += (
                    f" That is longer than the session waits ({MAX_RETRY_WAIT:g} s), so it stopped: try again later."
                )
        if self.request_id:
            text += f"\nRequest id: {self.request_id}"
        if self.saved_request_id:
            text += (f"\nRequest id in this answer: {self.saved_request_id} (an example's or a published one, not "
                     "the id of a call of yours: Azure support cannot use it)")
        if self.origin is not None:
            text += (f"\nOffline: this error was {self.origin}." if self.origin.startswith(OFFLINE_RULES)
                     else f"\nReplayed: this error is a saved answer, {self.origin}.")
        return text

    @classmethod
    def from_response(cls, response: _Response, secret: str | None = None,
                      request_url: str | None = None) -> VisionServiceError:
        """Build the error from a response of any API generation (3.2, 4.0 or the gateway).

        ``secret`` (the key) is replaced by ``<hidden>`` wherever the answer echoes it. A replayed answer's
        provenance header becomes :attr:`origin`; ``request_url`` lets the advice name what the request got wrong.
        """
        fields = error_body(_json_or_none(response.content), strict=False) or ErrorBody("", "", None, None)
        headers = response.headers
        request_id = fields.request_id or headers.get("apim-request-id") or headers.get("x-ms-request-id")
        code = fields.code or headers.get("x-ms-error-code") or str(response.status_code)
        message = fields.message or response.reason or "no message"
        if secret:
            code, message = code.replace(secret, "<hidden>"), message.replace(secret, "<hidden>")
            request_id = request_id.replace(secret, "<hidden>") if request_id else request_id
        origin = headers.get(PROVENANCE_HEADER)
        origin = None if origin in (None, LIVE_PROVENANCE) else origin
        advice = feature_advice(request_url, offline=origin is not None and not origin.startswith(RECORDED_LIVE)) \
            if code == "NotSupportedVisualFeature" and request_url else None
        if secret and advice:
            advice = advice.replace(secret, "<hidden>")
        return cls(response.status_code, code, message, request_id, retry_after_seconds(headers.get("Retry-After")),
                   origin=origin, advice=advice)


class _Response(Protocol):
    """What :meth:`VisionServiceError.from_response` reads of a ``requests.Response``."""

    @property
    def status_code(self) -> int: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def content(self) -> bytes: ...


def error_advice(code: str, status: int | None = None) -> str:
    """What to do about a service error, from its code or else its HTTP status ('' when unknown).

    Example:
        >>> error_advice("InvalidImageUrl")[:40]
        'The image URL could not be downloaded by'
    """
    return _CODE_ADVICE.get(code) or _STATUS_ADVICE.get(status or 0, "")


# 3.2 names of what a 4.0 feature does (the 3.2 how-to's table of visual features and operations).
_IN_3_2 = {"caption": "Description", "densecaptions": "Description (3.2 has no region captions)",
           "people": "Objects (3.2 finds people as objects named 'person')", "read": "the read/analyze operation",
           "smartcrops": "the areaOfInterest or generateThumbnail operation"}
_IN_4_0 = {"description": "caption", "categories": "tags (4.0 has no categories)"}


def feature_advice(request_url: str, offline: bool = False) -> str | None:
    """Advice for NotSupportedVisualFeature that names the request's invalid features and the valid ones.

    Offline the region clause is left out: only the service refuses a feature for a region.

    Example:
        >>> feature_advice("https://e/computervision/imageanalysis:analyze?features=captions", offline=True)[:61]
        "'captions' is not a 4.0 feature (did you mean 'caption'?). Th"
    """
    import difflib
    from urllib.parse import parse_qsl, urlsplit

    from vision_viz._offline import ANALYZE_4_0, FEATURES_3_2, FEATURES_4_0

    parts = urlsplit(request_url)
    query = {k.lower(): v for k, v in parse_qsl(parts.query)}
    if parts.path.endswith(ANALYZE_4_0):
        version, valid, sent, elsewhere = "4.0", list(FEATURES_4_0), query.get("features", ""), _IN_4_0
        names = ["read", "caption", "denseCaptions", "smartCrops", "objects", "tags", "people"]
    elif parts.path.endswith("/vision/v3.2/analyze"):
        version, valid, sent, elsewhere = "3.2", list(FEATURES_3_2), query.get("visualfeatures", ""), _IN_3_2
        names = ["Categories", "Tags", "Description", "Faces", "ImageType", "Color", "Adult", "Objects", "Brands"]
    else:
        return None
    wrong = [f.strip() for f in sent.split(",") if f.strip() and f.strip().lower() not in valid]
    if not wrong:
        return None
    other = "3.2" if version == "4.0" else "4.0"
    clauses = []
    for name in wrong:
        if name.lower() in elsewhere:
            clauses.append(f"'{name}' is a {other} feature, not a {version} one: in {version} use "
                           f"{elsewhere[name.lower()]}")
        else:
            close = difflib.get_close_matches(name.lower(), [n.lower() for n in names], n=1, cutoff=0.6)
            hint = f" (did you mean '{names[[n.lower() for n in names].index(close[0])]}'?)" if close else ""
            clauses.append(f"'{name}' is not a {version} feature{hint}")
    region = "" if offline else (" If the names are right, the feature may not be offered in your resource's "
                                 "region (captions and dense captions exist only in some regions).")
    return f"{'; '.join(clauses)}. The {version} features are {', '.join(names)}.{region}"


def retry_after_seconds(value: str | None) -> float | None:
    """The wait a ``Retry-After`` header asks for, in seconds; ``None`` when absent or malformed.

    Accepts whole or decimal seconds and HTTP dates; a negative wait counts as 0.

    Example:
        >>> retry_after_seconds("7"), retry_after_seconds("0.5"), retry_after_seconds("-5"), retry_after_seconds("abc")
        (7.0, 0.5, 0.0, None)
    """
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        try:
            seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return max(seconds, 0.0) if math.isfinite(seconds) else None


class ErrorBody(NamedTuple):
    """What an error body says (empty strings where it says nothing)."""

    code: str  # the most specific code: 4.0's inner code, else the error's code
    message: str
    request_id: str | None
    status: int | None  # the old gateway's {"statusCode": 401, "message": ...}


def error_body(body: Any, strict: bool = True) -> ErrorBody | None:
    """Read a 3.2, 4.0 or gateway error body; ``None`` when ``body`` is not one.

    The one place that knows the shapes of error bodies. With ``strict=False`` any JSON object is
    read (for a response whose status already says it is an error).

    Example:
        >>> error_body({"error": {"code": "InvalidRequest", "message": "Bad.",
        ...                       "innererror": {"code": "InvalidImageUrl", "message": "Bad URL."}}})
        ErrorBody(code='InvalidImageUrl', message='Bad. Bad URL.', request_id=None, status=None)
        >>> error_body({"tagsResult": {"values": []}}) is None
        True
    """
    if not isinstance(body, Mapping):
        return None
    error = _get(body, "error")
    gateway_status = _get(body, "statusCode")
    status = gateway_status if type(gateway_status) is int and gateway_status >= 400 else None
    looks_like_error = (_get(body, "code") is not None or status is not None) and _get(body, "message") is not None
    if strict and not isinstance(error, Mapping) and not looks_like_error:
        return None
    error = error if isinstance(error, Mapping) else body
    code, message = _text(_get(error, "code")), _text(_get(error, "message"))
    inner = _get(error, "innererror")
    if isinstance(inner, Mapping) and _get(inner, "code"):
        code = _text(_get(inner, "code"))
        inner_message = _text(_get(inner, "message"))
        message = f"{message} {inner_message}".strip() if inner_message not in message else message
    request_id = _text(_get(body, "requestId") or _get(error, "requestId")) or None
    return ErrorBody(code, message, request_id, status)


def _json_or_none(content: bytes | None) -> Any:
    try:
        return json.loads(content or b"null")
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to matter
        return None


def _get(mapping: Any, key: str) -> Any:
    """``mapping[key]``, ignoring case (``innerError`` / ``innererror``); ``None`` when absent."""
    if not isinstance(mapping, Mapping):
        return None
    if key in mapping:
        return mapping[key]
    lowered = key.lower()
    return next((v for k, v in mapping.items() if isinstance(k, str) and k.lower() == lowered), None)


def _text(value: Any) -> str:
    """A code or message as text; other JSON (a list, a nested object) is not a message."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


class ServiceUnreachableError(VisionError):
    """The request did not get an answer, even after the session's retries."""


class RecordingError(VisionError):
    """A recording file cannot be used: not found, not readable, corrupt, or not writable."""


class MissingRecordingError(RecordingError):
    """Replay mode was asked for a request that no recording answers."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows (the message alone): the learner's next step, not the library's frames."""
        return [f"MissingRecordingError: {self}"]


_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def warn(message: str) -> None:
    """``warnings.warn(message)``, shown at the first line outside vision_viz (the caller's code).

    A warning from deep inside a drawing then points at the notebook cell that asked for it, however
    many of the package's functions lie in between.
    """
    frame: FrameType | None = sys._getframe(1)
    level = 2
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, UserWarning, stacklevel=level)


publish(globals())
