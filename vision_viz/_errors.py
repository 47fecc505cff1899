"""The exceptions vision_viz raises, each with a message that says what to do, and its warnings."""

from __future__ import annotations

import json
import os
import sys
import warnings
from types import FrameType
from typing import Any

import requests

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
    "NotSupportedImage": "The service cannot analyze this image (e.g. it is unsupported content).",
    "InvalidDetails": "The 'details' parameter names an unknown domain model (use Celebrities or Landmarks).",
    "NotSupportedLanguage": "The 'language' parameter is not supported for this feature (try en).",
    "BadArgument": "A query parameter or the request body is malformed.",
}


class VisionError(Exception):
    """Base class of every error vision_viz raises."""


class SettingsError(VisionError, ValueError):
    """VISION_KEY / VISION_ENDPOINT / VISION_RECORD are missing or malformed."""


class VisionServiceError(VisionError):
    """The service answered with an error status.

    Attributes:
        status: HTTP status code.
        code: The service's most specific error code (the inner code of a 4.0 error).
        message: The service's own message.
        request_id: The id to quote to Azure support, when the service sent one.
        retry_after: Seconds the service asked to wait (its ``Retry-After`` header), if any.
    """

    def __init__(
        self, status: int, code: str, message: str, request_id: str | None = None, retry_after: float | None = None
    ) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.retry_after = retry_after
        super().__init__(self._explain())

    def _explain(self) -> str:
        advice = error_advice(self.code, self.status)
        text = f"{self.status} {self.code}: {self.message}"
        if advice:
            text += f"\nWhat to do: {advice}"
        if self.retry_after is not None:
            text += f"\nThe service asked to wait {self.retry_after:g} s (Retry-After)."
        if self.request_id:
            text += f"\nRequest id: {self.request_id}"
        return text

    @classmethod
    def from_response(cls, response: requests.Response) -> VisionServiceError:
        """Build the error from a response of any API generation (3.2, 4.0 or the gateway)."""
        code, message, request_id = _parse_error_body(response.content)
        request_id = request_id or response.headers.get("apim-request-id") or response.headers.get("x-ms-request-id")
        if not code:
            code = response.headers.get("x-ms-error-code") or str(response.status_code)
        if not message:
            message = response.reason or "no message"
        return cls(response.status_code, code, message, request_id, _seconds(response.headers.get("Retry-After")))


def error_advice(code: str, status: int | None = None) -> str:
    """What to do about a service error, from its code or else its HTTP status ('' when unknown).

    Example:
        >>> error_advice("InvalidImageUrl")[:40]
        'The image URL could not be downloaded by'
    """
    return _CODE_ADVICE.get(code) or _STATUS_ADVICE.get(status or 0, "")


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:  # an HTTP date: rare here, and the session already honoured it
        return None


def _parse_error_body(content: bytes) -> tuple[str, str, str | None]:
    """Return (code, message, request id) from a 3.2, 4.0 or gateway error body ('' where absent)."""
    try:
        body: Any = json.loads(content)
    except ValueError:
        return "", "", None
    if not isinstance(body, dict):
        return "", "", None
    error = body.get("error") if isinstance(body.get("error"), dict) else body
    code = str(error.get("code") or "")  # the old gateway's {"statusCode", "message"}: the HTTP status is the code
    message = str(error.get("message") or "")
    inner = error.get("innererror") or error.get("innerError")
    if isinstance(inner, dict) and inner.get("code"):
        inner_message = str(inner.get("message") or "")
        code = str(inner["code"])
        message = f"{message} {inner_message}".strip() if inner_message not in message else message
    request_id = body.get("requestId") or error.get("requestId")
    return code, message, request_id


class ServiceUnreachableError(VisionError):
    """The request did not get an answer, even after the session's retries."""


class MissingRecordingError(VisionError):
    """Replay mode was asked for a request that no recording answers."""


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
