"""What replay answers when no recorded interaction matches a request exactly.

Three answers, tried in this order by :meth:`Recording.find` after the exact match:

1. **A wrong request gets the service's error.** A misspelt feature, a 4.0 feature sent to 3.2, a
   missing or retired ``api-version``: replay answers with the error the service gives for it,
   written offline by vision_viz from the documented rules and labelled so (not a service answer).
2. **A bundled picture answers every feature.** ``recordings/catalogue/4.0.json`` holds one full
   saved answer per bundled picture (an example, or Microsoft's published real answer); a request
   for any combination of features gets exactly those sections, cut from it and labelled so.
3. **Anything else stops with one friendly paragraph** (:func:`missing_message`) that names the
   picture and the ways forward.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from vision_viz._provenance import PROVENANCE_HEADER

ANALYZE_4_0 = "/computervision/imageanalysis:analyze"
# api-versions the service still serves for analyze (../shared/API-BRIEF.md; previews retired 2025-03-31).
ANALYZE_VERSIONS = ("2023-10-01", "2024-02-01")
FEATURES_4_0 = {"caption": "captionResult", "densecaptions": "denseCaptionsResult", "tags": "tagsResult",
                "objects": "objectsResult", "people": "peopleResult", "read": "readResult",
                "smartcrops": "smartCropsResult"}
FEATURES_3_2 = ("categories", "tags", "description", "faces", "imagetype", "color", "adult", "objects", "brands")
ENGLISH_ONLY_4_0 = ("caption", "densecaptions")
SETUP_GUIDE = "workshop/azure-setup.md"
RULES_PROVENANCE = ("produced offline by vision_viz from the service's documented rules (no saved answer "
                    "matched this request, and the service answers such a request with this error); "
                    "not a response from the live service")
_CUT = "; cut from the {kind} answer for this picture to the features this request asks for"

# The documented error bodies (4.0: MicrosoftDocs/azure-docs#120545 and #120920, the 4.0 error
# example in tools/example_bodies/4.0/errors; 3.2: "Error codes" in how-to-call-analyze-v3.2.md).
_NOT_FOUND = (404, {"error": {"code": "404", "message": "Resource not found"}})


def _error_4_0(inner: str, message: str) -> tuple[int, dict[str, Any]]:
    return 400, {"error": {"code": "InvalidRequest", "message": "Analyze query is invalid.",
                           "innererror": {"code": inner, "message": message}}}


def _error_3_2(code: str, message: str) -> tuple[int, dict[str, Any]]:
    return 400, {"code": code, "message": message, "requestId": "00000000-0000-0000-0000-000000000000"}


def rule_error(method: str, path: str, query: dict[str, str]) -> tuple[int, dict[str, Any]] | None:
    """The (status, body) the service answers a request that is wrong, not just unrecorded; else None."""
    if path.startswith("/computervision/"):
        version = query.get("api-version")
        if version is None or (path == ANALYZE_4_0 and version not in ANALYZE_VERSIONS) \
                or version.endswith("-preview"):
            return _NOT_FOUND  # the service serves no such api-version: a missing or retired one included
        if path == ANALYZE_4_0 and method == "POST":
            features = [f.strip().lower() for f in query.get("features", "").split(",") if f.strip()]
            if not features and "model-name" not in query:
                return _error_4_0("BadArgument",
                                  "Either 'features' or 'model-name' needs to be specified in the query parameter.")
            if any(feature not in FEATURES_4_0 for feature in features):
                return _error_4_0("NotSupportedVisualFeature", "Specified feature type is not valid")
            language = query.get("language", "en").lower()
            if language != "en" and any(feature in ENGLISH_ONLY_4_0 for feature in features):
                return _error_4_0("NotSupportedLanguage", "The requested language is not supported for the caption feature.")
            if "smartcrops" in features and "smartcrops-aspect-ratios" in query:
                try:
                    ratios = [float(r) for r in query["smartcrops-aspect-ratios"].split(",")]
                except ValueError:
                    ratios = []
                if not ratios or any(not 0.75 <= r <= 1.8 for r in ratios):
                    return _error_4_0("BadArgument", "smartcrops-aspect-ratios must be numbers between 0.75 and 1.8.")
    elif path == "/vision/v3.2/analyze" and method == "POST":
        features = [f.strip().lower() for f in query.get("visualFeatures", "").split(",") if f.strip()]
        if any(feature not in FEATURES_3_2 for feature in features):
            return _error_3_2("NotSupportedVisualFeature", "Specified feature type is not valid")
        details = [d.strip().lower() for d in query.get("details", "").split(",") if d.strip()]
        if any(detail not in ("celebrities", "landmarks") for detail in details):
            return _error_3_2("InvalidDetails", "Unsupported detail parameter value")
        if query.get("language", "en").lower() not in ("en", "es", "ja", "pt", "zh"):
            return _error_3_2("NotSupportedLanguage", "The requested operation isn't supported in the language specified")
    return None


def error_response(status: int, body: dict[str, Any]) -> dict[str, Any]:
    """A recorded-response dict for an error produced by :func:`rule_error`."""
    return {"status": {"code": status, "message": {400: "Bad Request", 404: "Not Found"}[status]},
            "headers": {"Content-Type": ["application/json; charset=utf-8"], PROVENANCE_HEADER: [RULES_PROVENANCE]},
            "body": {"json": body}}


# --- the catalogue ---------------------------------------------------------------------------------


class Catalogue:
    """One full saved answer per bundled picture (``recordings/catalogue/4.0.json``)."""

    def __init__(self, pictures: list[dict[str, Any]]) -> None:
        self.pictures = pictures
        self._by_source = {source: picture for picture in pictures
                           for source in [picture["digest"], *picture.get("urls", [])]}

    @classmethod
    def beside(cls, recording: Path) -> Catalogue | None:
        """The catalogue in the recording's folder, if it has one."""
        path = recording.parent / "catalogue" / "4.0.json"
        if not path.is_file():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8"))["pictures"])

    def picture(self, body: bytes, json_text: str | None) -> dict[str, Any] | None:
        """The catalogued picture a request body sends (an image digest, or ``{"url": ...}``)."""
        if json_text is not None:
            try:
                url = json.loads(json_text).get("url")
            except (ValueError, AttributeError):
                return None
            return self._by_source.get(url) if isinstance(url, str) else None
        return self._by_source.get(body.decode("ascii", "replace")) if body.startswith(b"sha256:") else None

    def answer(self, method: str, path: str, query: dict[str, str], body: bytes,
               json_text: str | None) -> dict[str, Any] | None:
        """The sections of a picture's full answer that a 4.0 analyze request asks for; else None."""
        if method != "POST" or path != ANALYZE_4_0 or query.get("api-version") not in ANALYZE_VERSIONS:
            return None
        if query.get("language", "en").lower() != "en" or query.get("model-version", "latest") not in (
                "latest", "2023-10-01"):
            return None  # other languages and models have no saved full answer: strict matching
        picture = self.picture(body, json_text)
        if picture is None:
            return None
        features = [f.strip().lower() for f in query.get("features", "").split(",") if f.strip()]
        full = picture["body"]
        kept = {"modelVersion", "metadata", *(FEATURES_4_0[f] for f in features)}
        answer = {name: value for name, value in full.items() if name in kept}
        provenance, kind = picture["provenance"], picture["kind"]
        if "smartCropsResult" in answer and "smartcrops-aspect-ratios" in query:
            ratios = [float(r) for r in query["smartcrops-aspect-ratios"].split(",")]
            saved = {round(v["aspectRatio"], 2): v for v in full["smartCropsResult"]["values"]}
            if any(round(r, 2) not in saved for r in ratios):
                # Crops for ratios the saved answer lacks: centred, as large as the picture allows.
                answer["smartCropsResult"] = {"values": [saved.get(round(r, 2)) or centred_crop(full["metadata"], r)
                                                         for r in ratios]}
                provenance = ("example: smart crops for these aspect ratios computed by vision_viz (largest centred "
                              f"crop), other sections from the saved answer ({provenance})")
            else:
                answer["smartCropsResult"] = {"values": [saved[round(r, 2)] for r in ratios]}
        return {"status": {"code": 200, "message": "OK"},
                "headers": {"Content-Type": ["application/json; charset=utf-8"],
                            PROVENANCE_HEADER: [provenance + _CUT.format(kind=kind)]},
                "body": {"json": answer}}


def centred_crop(metadata: dict[str, int], ratio: float) -> dict[str, Any]:
    """The largest crop of width/height ``ratio`` centred in a picture of ``metadata``'s size."""
    width, height = metadata["width"], metadata["height"]
    w, h = (width, round(width / ratio)) if width / ratio <= height else (round(height * ratio), height)
    return {"aspectRatio": ratio, "boundingBox": {"x": (width - w) // 2, "y": (height - h) // 2, "w": w, "h": h}}


# --- the friendly stop -----------------------------------------------------------------------------


def describe_picture(body: bytes, file_name: str | None) -> str:
    """How the message names the picture a request sent: its file name, or what it is."""
    if file_name:
        return f"the picture {Path(file_name).name}"
    if not body:
        return "a request without a picture"
    try:
        from PIL import Image

        with Image.open(io.BytesIO(body)) as image:
            what = f"{image.format} picture of {image.width} × {image.height} pixels"
    except (OSError, ValueError, Image.DecompressionBombError):  # not a picture Pillow reads: say what is known
        what = "file that is not a picture Pillow can read"
    return f"a {what} ({len(body):,} bytes)"


def missing_message(picture: str, request: str, recording: Path, url_sent: str | None = None) -> str:
    """The one paragraph a learner sees when replay has no answer for a request."""
    sent = f"the picture at {url_sent}" if url_sent else picture
    return (
        f"No saved answer for {sent} ({request}). You are offline (no VISION_KEY is set), and offline only "
        f"the bundled pictures in notebooks/images/ have saved answers, in {recording.parent}. "
        "Ways forward: pick a bundled picture, e.g. IMAGE = Path(\"images/coffee.jpg\"); or set VISION_KEY and "
        f"VISION_ENDPOINT for your own Azure AI Vision resource (see {SETUP_GUIDE}) and run the cell again to ask "
        f"the live service; with VISION_RECORD=1 as well, the live answer is also saved into {recording.name}, "
        "so it replays offline afterwards."
    )
