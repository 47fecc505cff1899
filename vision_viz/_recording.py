"""Offline by default: replay recorded responses, call the live service, or record it.

Recordings are vcrpy cassettes stored as readable JSON. What is scrubbed before anything is
written (and scrubbing twice changes nothing):

* the key, wherever it appears, and the key header itself;
* the real endpoint host, replaced by a placeholder, in URLs, headers (``Operation-Location``)
  and bodies — so a recording made on one resource replays anywhere;
* uploaded image bytes, replaced by ``sha256:<hex>`` of the bytes, so recordings identify
  an image without carrying a copy of it.

Every recorded response carries an ``x-vision-viz-provenance`` header that says where it came
from; :func:`provenance` shows it to the reader.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from vision_viz._provenance import LIVE_PROVENANCE, PROVENANCE_HEADER
from vision_viz._session import KEY_HEADER, RETRY_STATUSES, VisionSession, make_session
from vision_viz._settings import PLACEHOLDER_ENDPOINT, Settings, load_settings

_HIDDEN = "<hidden>"
_DIGEST = re.compile(rb"^sha256:[0-9a-f]{64}$")

_active: Any = None  # the cassette context of the latest start_session(), if any


def start_session(recording: str | Path, settings: Settings | None = None, **session_options: Any) -> VisionSession:
    """Create the notebook's session: replay, live or record, chosen by the settings.

    * no ``VISION_KEY``: replay ``recording``; nothing touches the network, and a request that
      was not recorded raises :class:`MissingRecordingError` saying how to record it;
    * ``VISION_KEY`` and ``VISION_ENDPOINT``: call the live service;
    * those and ``VISION_RECORD=1``: call the live service and (re)write ``recording``.

    Calling it again (re-running a setup cell) ends the previous session's replay or recording.

    Args:
        recording: The notebook's recording file, e.g. ``"recordings/01-analyze-everything.json"``.
        settings: Defaults to :func:`load_settings` (environment, then ``.env``).
        **session_options: Passed on to :func:`make_session` (timeout, retries, backoff_factor).

    Example:
        >>> session = start_session("recordings/none.json", Settings())
        >>> session.mode, session.endpoint
        ('replay', 'https://your-resource.cognitiveservices.azure.com')
        >>> stop_session()
    """
    global _active
    stop_session()
    settings = load_settings() if settings is None else settings
    session = make_session(settings, **session_options)
    session.recording = str(recording)
    if settings.mode == "live":
        return session
    scrubber = Scrubber(key=settings.key, endpoint=settings.endpoint)
    context = _vcr(settings.mode, scrubber).use_cassette(str(recording), allow_playback_repeats=True)
    cassette = context.__enter__()
    _active = context
    cassette.play_response = functools.partial(_play_in_order, cassette)
    if settings.mode == "record":
        Path(recording).parent.mkdir(parents=True, exist_ok=True)
        # Save after every response, so a notebook kernel that is never shut down cleanly
        # still leaves its recording on disk.
        session.hooks["response"].insert(0, lambda response, *a, **k: cassette._save())
    return session


def stop_session() -> None:
    """End replay or recording started by :func:`start_session` (writes a recording)."""
    global _active
    if _active is not None:
        context, _active = _active, None
        context.__exit__(None, None, None)


def _play_in_order(cassette: Any, request: Any) -> dict[str, Any]:
    """Answer repeated requests with their recorded answers in order, then keep giving the last.

    A polling loop (Read's "running", then "succeeded") replays as it was recorded, and a
    notebook cell that is run again still gets an answer.
    """
    matches = list(cassette._responses(request))
    unplayed = [(index, response) for index, response in matches if cassette.play_counts[index] == 0]
    index, response = (unplayed or matches)[0 if unplayed else -1]
    cassette.play_counts[index] += 1
    return response


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


class Scrubber:
    """Removes the key and the real endpoint from requests and responses before they are saved."""

    def __init__(self, key: str | None, endpoint: str | None, today: datetime.date | None = None) -> None:
        self.key = key
        self.origin = endpoint.rstrip("/") if endpoint else None
        self.netloc = urlsplit(endpoint).netloc if endpoint else None
        self.today = today or datetime.date.today()

    def text(self, value: str) -> str:
        """Replace the key and the real endpoint in a string."""
        if self.key:
            value = value.replace(self.key, _HIDDEN)
        if self.origin:
            value = value.replace(self.origin, PLACEHOLDER_ENDPOINT)
        if self.netloc:
            value = value.replace(self.netloc, urlsplit(PLACEHOLDER_ENDPOINT).netloc)
        return value

    def _bytes(self, value: bytes) -> bytes:
        for secret, placeholder in ((self.key, _HIDDEN), (self.origin, PLACEHOLDER_ENDPOINT)):
            if secret:
                value = value.replace(secret.encode(), placeholder.encode())
        if self.netloc:
            value = value.replace(self.netloc.encode(), urlsplit(PLACEHOLDER_ENDPOINT).netloc.encode())
        return value

    def request(self, request: Any) -> Any:
        """vcrpy ``before_record_request``: scrub a (copied) request."""
        request.headers.pop(KEY_HEADER, None)
        for name in list(request.headers):
            request.headers[name] = self.text(request.headers[name])
        request.uri = self.text(request.uri)
        body = request.body
        if isinstance(body, str):
            body = body.encode()
        if body and not _is_json(request.headers.get("Content-Type", "")) and not _DIGEST.match(body):
            request.body = image_digest(body).encode()
        elif body:
            request.body = self._bytes(body)
        return request

    def response(self, response: dict[str, Any]) -> dict[str, Any] | None:
        """vcrpy ``before_record_response``: scrub a live response and say where it came from.

        vcrpy also passes the responses it loads from a recording through here: those already
        carry their provenance and are kept as they are (an example 429 stays in the recording).
        """
        headers = response["headers"]
        if any(name.lower() == PROVENANCE_HEADER for name in headers):
            return response
        if response["status"]["code"] in RETRY_STATUSES:
            return None  # the session retries these; the final answer is what gets recorded
        for name, values in headers.items():
            headers[name] = [self.text(value) for value in values]
        headers[PROVENANCE_HEADER] = [f"recorded from the live service on {self.today.isoformat()}"]
        body = response["body"].get("string")
        if isinstance(body, bytes):
            response["body"]["string"] = self._bytes(body)
        elif isinstance(body, str):
            response["body"]["string"] = self.text(body)
        return response


def _is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in ("application/json", "text/json")


def _header(headers: dict[str, list[str]], name: str) -> str:
    for key, values in headers.items():
        if key.lower() == name.lower():
            return values[0] if isinstance(values, list) and values else str(values)
    return ""


class ReadableJsonSerializer:
    """vcrpy serializer: JSON bodies stored as JSON, binary bodies as base64, the rest as text."""

    @staticmethod
    def serialize(cassette: dict[str, Any]) -> str:
        for interaction in cassette["interactions"]:
            response = interaction["response"]
            body = response["body"].get("string")
            if isinstance(body, bytes):
                response["body"] = {"base64": base64.b64encode(body).decode()}
            elif isinstance(body, str) and _is_json(_header(response["headers"], "Content-Type")):
                try:
                    response["body"] = {"json": json.loads(body)}
                except ValueError:
                    pass
            request_body = interaction["request"]["body"]
            if isinstance(request_body, bytes):
                interaction["request"]["body"] = {"base64": base64.b64encode(request_body).decode()}
        return json.dumps(cassette, indent=2, ensure_ascii=False) + "\n"

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        cassette = json.loads(text)
        for interaction in cassette["interactions"]:
            body = interaction["response"]["body"]
            if "json" in body:
                interaction["response"]["body"] = {"string": json.dumps(body["json"], ensure_ascii=False)}
            elif "base64" in body:
                interaction["response"]["body"] = {"string": base64.b64decode(body["base64"])}
            request_body = interaction["request"]["body"]
            if isinstance(request_body, dict) and "base64" in request_body:
                interaction["request"]["body"] = base64.b64decode(request_body["base64"])
        return cassette


def _vcr(mode: str, scrubber: Scrubber) -> Any:
    import vcr

    config = vcr.VCR(
        record_mode="all" if mode == "record" else "none",
        # Not the host: a recording made on one resource replays with any endpoint.
        match_on=("method", "path", "query", "body"),
        before_record_request=scrubber.request,
        before_record_response=scrubber.response,
        decode_compressed_response=True,
    )
    config.register_serializer("readable-json", ReadableJsonSerializer)
    config.serializer = "readable-json"
    return config
