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

import base64
import hashlib
import io
import json
import math
import random
import uuid
from pathlib import Path
from typing import Any

from vision_viz._checks import LIMITS, MIN_SIDE, header_size
from vision_viz._provenance import PROVENANCE_HEADER, RULES_PROVENANCE
from vision_viz._settings import PLACEHOLDER_ENDPOINT

ANALYZE_4_0 = "/computervision/imageanalysis:analyze"
RETRIEVAL = "/computervision/retrieval:"
VECTORIZE_IMAGE, VECTORIZE_TEXT = RETRIEVAL + "vectorizeImage", RETRIEVAL + "vectorizeText"
V3_2 = "/vision/v3.2/"
READ_RESULTS = "/vision/v3.2/read/analyzeResults/"
# api-versions the service still serves for analyze (../shared/API-BRIEF.md; previews retired 2025-03-31).
ANALYZE_VERSIONS = ("2023-10-01", "2024-02-01")
FEATURES_4_0 = {"caption": "captionResult", "densecaptions": "denseCaptionsResult", "tags": "tagsResult",
                "objects": "objectsResult", "people": "peopleResult", "read": "readResult",
                "smartcrops": "smartCropsResult"}
FEATURES_3_2 = ("categories", "tags", "description", "faces", "imagetype", "color", "adult", "objects", "brands")
ENGLISH_ONLY_4_0 = ("caption", "densecaptions")
# Languages with example translations in the catalogue: those Microsoft's how-to pages list for `language`
# (how-to-call-analyze-v4.0.md and -v3.2.md, "Specify languages"). Microsoft's language support page
# (learn.microsoft.com/azure/ai-services/computer-vision/language-support#image-analysis; MicrosoftDocs/azure-ai-docs
# articles/ai-services/computer-vision/language-support.md, 2025-09-26) marks Tags, Description, Categories and
# Celebrities/Landmarks for them; Adult, Brands, Color, Faces, ImageType and Objects, and 4.0 captions, not, and it says
# that unmarked features "return results in English regardless of what language is specified, and others throw an
# exception", without saying which do which. So replay translates 4.0 tags and 3.2 tags and descriptions; 3.2 object
# names stay English (the how-to: "The Objects argument is only available in English"; notebook 23's examples);
# every other feature in another language has no saved answer.
TRANSLATED = ("es", "ja", "pt", "zh")
# The 52 codes the 3.2 specification (ComputerVision.json, parameter ServiceLanguage) accepts for `language`
# on analyze, describe and tag. Outside them the service refuses with NotSupportedLanguage; inside them, which
# features answer in which language is for the language support page (above), so offline only TRANSLATED answer.
LANGUAGES_3_2 = ("ar", "az", "bg", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu", "fi",
                 "fr", "ga", "gl", "he", "hi", "hr", "hu", "id", "it", "ja", "kk", "ko", "lt", "lv", "mk",
                 "ms", "nb", "nl", "pl", "prs", "pt", "pt-br", "pt-pt", "ro", "ru", "sk", "sl", "sr-cyrl",
                 "sr-latn", "sv", "th", "tr", "uk", "vi", "zh", "zh-hans", "zh-hant")
TRANSLATED_3_2 = ("tags", "description", "objects")
SETUP_GUIDE = "workshop/azure-setup.md"
_CUT = "; cut from the {kind} answer for this picture to the features this request asks for"

# The documented error bodies (4.0: MicrosoftDocs/azure-docs#120545 and #120920, the 4.0 error
# example in tools/example_bodies/4.0/errors; 3.2: "Error codes" in how-to-call-analyze-v3.2.md).
_NOT_FOUND = (404, {"error": {"code": "404", "message": "Resource not found"}})


def _error_4_0(inner: str, message: str) -> tuple[int, dict[str, Any]]:
    return 400, {"error": {"code": "InvalidRequest", "message": "Analyze query is invalid.",
                           "innererror": {"code": inner, "message": message}}}


def _error_3_2(code: str, message: str, status: int = 400) -> tuple[int, dict[str, Any]]:
    return status, {"code": code, "message": message, "requestId": "00000000-0000-0000-0000-000000000000"}


def _allowed_media(content_type: str, sends_json: bool) -> bool:
    """Whether a Content-Type is one the service accepts for the body sent. Both how-tos ("Error codes"; 4.0's in
    MicrosoftDocs/azure-ai-docs articles/ai-services/computer-vision/includes/image-analysis-error-codes-40.md):
    "For an image URL, Content-Type should be application/json"; "For a binary image data, Content-Type should be
    application/octet-stream or multipart/form-data". 3.2 answers 415, 4.0 400 InvalidRequest "The provided image
    content type ... is not supported"."""
    media = content_type.split(";")[0].strip().lower()
    return media == "application/json" if sends_json else media in ("application/octet-stream", "multipart/form-data")


def sends_json(body: bytes) -> bool:
    """Whether a request body is a JSON object (``{"url": ...}``) rather than image bytes."""
    if not body.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(body), dict)
    except (ValueError, RecursionError):
        return False


# Computer Vision v1.0, v2.0, v2.1, v3.0 and v3.1 stopped on 2026-09-13: Azure update "Computer Vision v1.0, v2.0,
# v2.1, v3.0, and v3.1 APIs will be retired on 13 September 2026" (azure.microsoft.com/updates/
# computer-vision-api-retirements-13-9-2026, published 2023-09-29): "After 13 September 2026, you will not be able
# to make any API calls" to them. No page shows the body the service sends since; replay assumes the 404 that
# retired 4.0 previews get, and says so.
RETIRED_VERSIONS = ("/vision/v1.0/", "/vision/v2.0/", "/vision/v2.1/", "/vision/v3.0/", "/vision/v3.1/")
RETIRED_PROVENANCE = (
    "produced offline by vision_viz from Microsoft's retirement notice (Azure update 'Computer Vision v1.0, v2.0, "
    "v2.1, v3.0, and v3.1 APIs will be retired on 13 September 2026': after that date 'you will not be able to make "
    "any API calls' to them); the body is assumed, as no Microsoft page shows it: the 404 the service gives retired "
    "4.0 previews. Use the same operation under /vision/v3.2/ (or Image Analysis 4.0); not a response from the "
    "live service")


def rule_error(method: str, path: str, query: dict[str, str], image: bytes = b"", *,
               content_type: str | None = None, sends_json: bool = False) -> tuple[int, dict[str, Any]] | None:
    """The (status, body) the service answers a request that is wrong, not just unrecorded; else None.

    ``image`` is the request body when it is an image: one outside the documented size limits is refused.
    ``content_type`` is the request's Content-Type ("" when it sends none; None: not checked), ``sends_json``
    whether its body is JSON (a URL) rather than image bytes: a Content-Type not allowed for it is refused."""
    if path.startswith(RETIRED_VERSIONS):
        return _NOT_FOUND
    if path.startswith("/computervision/"):
        version = query.get("api-version")
        if version is None or (path == ANALYZE_4_0 and version not in ANALYZE_VERSIONS) \
                or version.endswith("-preview"):
            return _NOT_FOUND  # the service serves no such api-version: a missing or retired one included
        if path == ANALYZE_4_0 and method == "POST":
            if content_type is not None and not _allowed_media(content_type, sends_json):
                message = f"The provided image content type {content_type or '(none)'} is not supported."
                return 400, {"error": {"code": "InvalidRequest", "message": message}}
            features = [f.strip().lower() for f in query.get("features", "").split(",") if f.strip()]
            if not features and "model-name" not in query:
                return _error_4_0("BadArgument",
                                  "Either 'features' or 'model-name' needs to be specified in the query parameter.")
            if any(feature not in FEATURES_4_0 for feature in features):
                return _error_4_0("NotSupportedVisualFeature", "Specified feature type is not valid")
            language = query.get("language", "en").lower()
            if language != "en" and any(feature in ENGLISH_ONLY_4_0 for feature in features):
                # The message of the 4.0 error list (MicrosoftDocs includes/image-analysis-error-codes-40.md).
                message = "The input language is not supported"
                return _error_4_0("NotSupportedLanguage", message)
            if "smartcrops" in features and "smartcrops-aspect-ratios" in query:
                try:
                    ratios = [float(r) for r in query["smartcrops-aspect-ratios"].split(",")]
                except ValueError:
                    ratios = []
                if not ratios or any(not 0.75 <= r <= 1.8 for r in ratios):
                    return _error_4_0("BadArgument", "smartcrops-aspect-ratios must be numbers between 0.75 and 1.8.")
            return _size_error(image, "4.0")
    elif path.startswith(V3_2) and method == "POST" and content_type is not None \
            and not _allowed_media(content_type, sends_json):
        return _error_3_2("UnsupportedMediaType", "Unsupported media type error. The Content-Type isn't in the allowed "
                          "types: for an image URL, application/json; for binary image data, application/octet-stream "
                          "or multipart/form-data.", status=415)
    elif path == "/vision/v3.2/analyze" and method == "POST":
        features = [f.strip().lower() for f in query.get("visualFeatures", "").split(",") if f.strip()]
        if any(feature not in FEATURES_3_2 for feature in features):
            return _error_3_2("NotSupportedVisualFeature", "Specified feature type is not valid")
        details = [d.strip().lower() for d in query.get("details", "").split(",") if d.strip()]
        if any(detail not in ("celebrities", "landmarks") for detail in details):
            return _error_3_2("InvalidDetails", "Unsupported detail parameter value")
        if query.get("language", "en").lower() not in LANGUAGES_3_2:
            message = "The requested operation isn't supported in the language specified"
            return _error_3_2("NotSupportedLanguage", message)
    if path.startswith(V3_2) and method == "POST":
        return _size_error(image, "3.2-read" if path == V3_2 + "read/analyze" else "3.2")
    return None


def _size_error(image: bytes, api: str) -> tuple[int, dict[str, Any]] | None:
    """The service's refusal of an image outside the documented limits (overview-image-analysis.md, "Input
    requirements": 4.0 under 20 MB, 3.2 under 4 MB, both more than 50 × 50 and less than 16,000 × 16,000 pixels;
    3.2 Read: vision_viz._checks.LIMITS), for an image whose header gives its size; else None.

    4.0's bodies are those Microsoft Q&A shows the service sending (learn.microsoft.com/answers/questions/1688452,
    2024-05-28), verbatim service messages Microsoft documents: the 4.0 error list ("The image size is not allowed to
    be zero or larger than 20971520 bytes") and the background-removal how-to's (MicrosoftDocs/azure-docs, 2023-03-03:
    "The image dimension is not allowed to be smaller than {min number of pixels} and larger than {max number of
    pixels}"), kept as the service words them although 50 itself is refused ("greater than 50 x 50"). 3.2's code is
    the how-to's ``InvalidImageSize`` ("Input image is too large"); for its pixel limits no service message is
    documented, so its message says what the documentation says."""
    width, height = header_size(image) if image else (-1, -1)
    if width <= 0 or height <= 0:
        return None  # not an image Pillow's header reader can size (a URL body, a PDF…): nothing to say
    limits = LIMITS[api]
    too_big = len(image) >= limits.max_bytes
    bad_sides = not (limits.min_side <= width <= limits.max_side and limits.min_side <= height <= limits.max_side)
    dimension = (f"The image dimension is not allowed to be smaller than {limits.min_side - 1} and larger than "
                 f"{limits.max_side + 1}.")
    if api == "4.0":
        if too_big:
            return 400, {"error": {"code": "InvalidRequest", "message": "The image size is not allowed to be zero or "
                                   f"larger than {limits.max_bytes} bytes."}}
        if bad_sides:
            return 400, {"error": {"code": "InvalidRequest", "message": dimension,
                                   "innererror": {"code": "InvalidImageSize", "message": dimension}}}
        return None
    if too_big:
        return _error_3_2("InvalidImageSize", "Input image is too large.")
    low, high = limits.min_side, limits.max_side
    bounds = (f"greater than {low - 1} x {low - 1} pixels and less than {high + 1:,} x {high + 1:,} pixels"
              if low == MIN_SIDE + 1 else f"from {low} x {low} to {high:,} x {high:,} pixels")
    message = f"The image is {width} x {height} pixels; its dimensions must be {bounds}."
    return _error_3_2("InvalidImageSize", message) if bad_sides else None


def error_response(status: int, body: dict[str, Any], path: str = "") -> dict[str, Any]:
    """A recorded-response dict for an error produced by :func:`rule_error` for a request to ``path``."""
    origin = RETIRED_PROVENANCE if path.startswith(RETIRED_VERSIONS) else RULES_PROVENANCE
    reason = {400: "Bad Request", 404: "Not Found", 415: "Unsupported Media Type"}[status]
    return {"status": {"code": status, "message": reason},
            "headers": {"Content-Type": ["application/json; charset=utf-8"], PROVENANCE_HEADER: [origin]},
            "body": {"json": body}}


# --- the catalogue ---------------------------------------------------------------------------------


class Catalogue:
    """One full saved answer per bundled picture and API version (``recordings/catalogue/*.json``)."""

    def __init__(self, pictures_4_0: list[dict[str, Any]], pictures_3_2: list[dict[str, Any]],
                 files: list[dict[str, Any]] | None = None) -> None:
        self._4_0 = _by_source(pictures_4_0)
        self._3_2 = _by_source(pictures_3_2)
        self._files = _by_source(files or [])  # every bundled file, with or without a full saved answer
        self._reads = {read_operation(picture["digest"]): picture for picture in pictures_3_2}

    @classmethod
    def beside(cls, recording: Path) -> Catalogue | None:
        """The catalogue in the recording's folder, if it has one."""
        folder = recording.parent / "catalogue"
        if not (folder / "4.0.json").is_file():
            return None
        def read(name: str) -> dict[str, Any]:
            path = folder / name
            return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        full_4_0, full_3_2 = read("4.0.json"), read("3.2.json")
        return cls(full_4_0["pictures"], full_3_2.get("pictures", []), full_4_0.get("bundled", []))

    def answer(self, method: str, path: str, query: dict[str, str], body: bytes,
               json_text: str | None, image: bytes = b"") -> dict[str, Any] | None:
        """The answer a bundled picture's saved full answer gives this request; None when it gives none.

        ``body`` is the request body as recordings store it (an image as its digest); ``image`` the bytes sent.
        """
        if method == "GET" and path.startswith(READ_RESULTS):
            picture = self._reads.get(path[len(READ_RESULTS):])
            return _json(picture["read"], picture["provenance"], "example") if picture else None
        if method != "POST":
            return None
        if path == ANALYZE_4_0 or path.startswith(RETRIEVAL):
            picture = _picture(self._4_0, body, json_text)
            if path == ANALYZE_4_0:
                if picture is None:
                    return None
                answer = _analyze_4_0(picture, query)
                return _for_size_sent(answer, picture["body"]["metadata"], image if json_text is None else b"")
            return _vectorize(path, query, picture, json_text)
        if path.startswith(V3_2):
            picture = _picture(self._3_2, body, json_text)
            if picture is None:
                return None
            answer = _operation_3_2(path[len(V3_2):], query, picture, image)
            return _for_size_sent(answer, picture["analyze"]["metadata"], image if json_text is None else b"")
        return None


    def bundled(self, body: bytes, json_text: str | None) -> str | None:
        """The file name of the bundled picture a request sends (its bytes, or a URL of a copy), if it sends one."""
        picture = _picture(self._files, body, json_text) or _picture(self._4_0, body, json_text)
        return picture["image"] if picture else None

    def unanswered(self, path: str, query: dict[str, str], body: bytes, json_text: str | None) -> str:
        """Why a bundled picture has no saved answer for this request (a clause for the stop)."""
        full = self._3_2 if path.startswith(V3_2) else self._4_0
        if _picture(full, body, json_text) is not None:
            return unanswered(path, query)
        name = self.bundled(body, json_text)
        if json_text is not None and any(picture["image"] == name for picture in full.values()):
            return (f"a full saved answer, to cut any request's sections from, exists for the bytes of images/{name}, "
                    "not for this URL, whose only saved answers are the requests a notebook recorded: send the file "
                    f"instead, data=Path(\"images/{name}\").read_bytes() with Content-Type application/octet-stream")
        return ("no full answer was saved for it to cut this request's sections from; only the requests a notebook "
                "recorded for it replay, and this one differs from them")


def unanswered(path: str, query: dict[str, str]) -> str:
    """Why a bundled picture's saved answers give no answer to this request (a clause for the stop)."""
    language = query.get("language", "en").lower()
    operation = path[len(V3_2):] if path.startswith(V3_2) else None
    unknown = _unknown_parameters(query) if path == ANALYZE_4_0 else []
    if unknown:
        import difflib

        hints = [f"{name} (did you mean {close[0]}?)" if close else name
                 for name in unknown for close in [difflib.get_close_matches(name, PARAMETERS_4_0, n=1)]]
        return (f"the request's {'parameter' if len(unknown) == 1 else 'parameters'} {', '.join(hints)} "
                f"{'is' if len(unknown) == 1 else 'are'} not among the parameters the 4.0 API defines "
                f"({', '.join(PARAMETERS_4_0)}), and Microsoft's pages do not say whether the service ignores an "
                "unknown parameter or refuses the request, so no answer was saved: correct the name, or drop it")
    if (path == ANALYZE_4_0 or operation in ("analyze", "describe", "tag", "detect")) and language != "en":
        translations = (f"its saved answers are in English, with example translations into es, ja, pt and zh only, "
                        f"none into {language}")
        features = [f.strip() for f in query.get("features", "").split(",") if f.strip()]
        others = [f for f in features if f.lower() != "tags"]
        if path == ANALYZE_4_0 and others:  # what the pages say of these features comes before the languages
            reasons = "; ".join(_why_not_in(f, language) for f in others)
            if language in TRANSLATED:
                return (f"Microsoft's language support page lists 4.0 tags in {language}; for the rest it leaves "
                        f"open whether the service answers or refuses: {reasons}. So none was saved: ask for "
                        f"features=tags alone in {language}, or drop language")
            tags = f"; and for tags, {translations}" if len(others) < len(features) else ""
            return f"{reasons}{tags}. So none was saved: drop language"
        if language not in TRANSLATED:
            return translations
        if operation == "analyze":
            return (f"in {language} it has example translations of Tags and Description (Objects stay in English); "
                    f"Microsoft's language support page lists Categories in {language} without showing how their "
                    f"names read, and does not say whether Adult, Brands, Color, Faces and ImageType in {language} "
                    "come back in English or are refused, so none was saved for them: ask for "
                    f"visualFeatures=Description,Tags,Objects in {language}, or drop language")
    return ("its saved answers cover every feature in English with the default model, and tags and descriptions in "
            "es, ja, pt and zh, but not another model version or option")


def _why_not_in(feature: str, language: str) -> str:
    """What Microsoft's pages say, and leave open, about a 4.0 feature (other than tags) with ``language``."""
    name = feature.lower()
    if name == "read":
        return (f"read returns the text as it is written in the picture (OCR reads, it does not translate), and no "
                f"page says whether read accepts language={language}; without language its text is the same")
    if name in ("people", "smartcrops"):
        return (f"{feature} returns boxes and confidences, no words to translate, and no page says whether it "
                f"accepts language={language}; without language its answer is the same")
    if name == "objects":
        return (f"object names are English only (how-to: 'The Objects argument is only available in English'), and "
                f"no page says whether objects in {language} come back in English or are refused")
    return f"no page says whether {feature} in {language} comes back in English or is refused"


def _by_source(pictures: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {source: picture for picture in pictures for source in [picture["digest"], *picture.get("urls", [])]}


def _picture(pictures: dict[str, dict[str, Any]], body: bytes, json_text: str | None) -> dict[str, Any] | None:
    """The catalogued picture a request body sends (an image digest, or ``{"url": ...}``)."""
    if json_text is not None:
        try:
            url = json.loads(json_text).get("url")
        except (ValueError, AttributeError):
            return None
        return pictures.get(url) if isinstance(url, str) else None
    return pictures.get(body.decode("ascii", "replace")) if body.startswith(b"sha256:") else None


def _json(body: Any, provenance: str, kind: str, status: int = 200) -> dict[str, Any]:
    return {"status": {"code": status, "message": "OK"},
            "headers": {"Content-Type": ["application/json; charset=utf-8"],
                        PROVENANCE_HEADER: [provenance + _CUT.format(kind=kind)]},
            "body": {"json": body}}


def _analyze_4_0(picture: dict[str, Any], query: dict[str, str]) -> dict[str, Any] | None:
    """The sections of a picture's full 4.0 answer that an analyze request asks for."""
    language = query.get("language", "en").lower()
    if query.get("api-version") not in ANALYZE_VERSIONS or query.get("model-version", "latest") not in ("latest",
                                                                                                     "2023-10-01"):
        return None  # other models have no saved full answer: strict matching
    if _unknown_parameters(query):
        return None  # unanswered() says which, and why nothing is served
    features = [f.strip().lower() for f in query.get("features", "").split(",") if f.strip()]
    full = picture["body"]
    kept = {"modelVersion", "metadata", *(FEATURES_4_0[f] for f in features)}
    answer = {name: value for name, value in full.items() if name in kept}
    provenance = picture["provenance"]
    if language != "en":
        translated = picture["languages"].get(language)
        if translated is None or set(features) != {"tags"}:
            return None  # see TRANSLATED: unanswered() says why
        answer["tagsResult"], provenance = translated["tagsResult"], translated["provenance"]
    if {"captionResult", "denseCaptionsResult"} & set(answer):
        provenance = _gender(picture, query, answer, provenance)
    if "smartCropsResult" in answer:
        provenance = _crops(picture, query, answer, provenance, others=len(features) > 1)
    return _json(answer, provenance, picture["kind"])


def _displayed_size(image: bytes) -> tuple[int, int] | None:
    """Width and height of a picture as displayed (EXIF orientation applied), as the service measures it."""
    if not image:
        return None
    from PIL import Image

    try:
        with Image.open(io.BytesIO(image)) as opened:
            turned = opened.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            return (opened.height, opened.width) if turned else (opened.width, opened.height)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _for_size_sent(answer: dict[str, Any] | None, metadata: dict[str, Any], image: bytes) -> dict[str, Any] | None:
    """An answer for the size of the copy sent (``image``; empty for a URL), when it is not the saved answer's."""
    sent, saved = _displayed_size(image), (metadata["width"], metadata["height"])
    if answer is None or sent is None or sent == saved or "json" not in answer["body"]:
        return answer
    body = _scaled(answer["body"]["json"], sent[0] / saved[0], sent[1] / saved[1], sent)
    note = (f"; that answer is for the picture at {saved[0]}×{saved[1]} (its URL), with metadata and coordinates "
            f"scaled by vision_viz to the {sent[0]}×{sent[1]} copy sent")
    headers = {**answer["headers"], PROVENANCE_HEADER: [answer["headers"][PROVENANCE_HEADER][0] + note]}
    return {**answer, "headers": headers, "body": {"json": body}}


def _scaled(value: Any, sx: float, sy: float, size: tuple[int, int]) -> Any:
    """A copy of an answer (or part of it) with every box, point and the metadata scaled, kept inside ``size``:
    4.0's boxes and points, 3.2's rectangles, face rectangles and OCR boxes ("x,y,w,h")."""
    width, height = size
    if isinstance(value, list):
        return [_scaled(item, sx, sy, size) for item in value]
    if not isinstance(value, dict):
        return value
    if {"width", "height"} <= set(value) and not {"left", "top"} & set(value):  # the metadata
        return {**value, "width": width, "height": height}
    copy = {key: _scaled(item, sx, sy, size) for key, item in value.items()}
    if isinstance(value.get("boundingBox"), str):  # 3.2 OCR
        box = dict(zip("xywh", (int(n) for n in value["boundingBox"].split(","))))
        copy["boundingBox"] = ",".join(str(n) for n in _scaled(box, sx, sy, size).values())
    if {"left", "top", "width", "height"} <= set(value):  # a 3.2 face rectangle
        box = _scaled({"x": value["left"], "y": value["top"], "w": value["width"], "h": value["height"]}, sx, sy, size)
        copy.update(left=box["x"], top=box["y"], width=box["w"], height=box["h"])
    elif {"x", "y", "w", "h"} <= set(value):
        x, y = min(round(value["x"] * sx), width - 1), min(round(value["y"] * sy), height - 1)
        copy.update(x=x, y=y, w=max(1, min(round(value["w"] * sx), width - x)),
                    h=max(1, min(round(value["h"] * sy), height - y)))
    elif {"x", "y"} <= set(value):
        copy.update(x=min(round(value["x"] * sx), width), y=min(round(value["y"] * sy), height))
    return copy


# The query parameters of 4.0 analyze (the 2023-10-01 specification; model-name: how-to-call-analyze-v4.0).
PARAMETERS_4_0 = ("api-version", "features", "language", "gender-neutral-caption", "smartcrops-aspect-ratios",
                  "model-version", "model-name")


def _unknown_parameters(query: dict[str, str]) -> list[str]:
    return [name for name in query if name not in PARAMETERS_4_0]


def _gender(picture: dict[str, Any], query: dict[str, str], answer: dict[str, Any], provenance: str) -> str:
    """Captions for the request's gender-neutral-caption (default false): the picture's gendered examples, or a
    label that says what the saved captions were written for."""
    sent = query.get("gender-neutral-caption")
    neutral = (sent or "false").lower() == "true"
    if neutral:
        return provenance
    gendered = picture.get("gendered")
    if gendered:
        for section in ("captionResult", "denseCaptionsResult"):
            if section in answer:
                answer[section] = gendered[section]
        return str(gendered["provenance"])
    if picture["kind"] != "example":  # Microsoft published its answer to gender-neutral-caption=true only
        return ("Microsoft's published real answer for this picture to gender-neutral-caption=true, served to a "
                "request for false (the default), which Microsoft published no answer for: the live service's "
                f"gendered captions may read differently [{provenance}]")
    if sent is not None:
        return (f"{provenance}; its captions were written once, for either value of gender-neutral-caption "
                "(the picture shows no person)")
    return provenance


def _crops(picture: dict[str, Any], query: dict[str, str], answer: dict[str, Any], provenance: str,
           others: bool) -> str:
    """The smart crops a request asks for: the saved ones for its ratios (computed where none is saved), or,
    without ratios, the picture's one crop "the service sees fit" (documented: one crop, ratio 0.5 to 2.0)."""
    def with_rest(note: str) -> str:
        return f"{note}; other sections from the saved answer [{provenance}]" if others else note
    if "smartcrops-aspect-ratios" not in query:
        choice = picture["serviceChoice"]
        answer["smartCropsResult"] = {"values": [choice["crop"]]}
        return with_rest(choice["provenance"])
    ratios = [float(r) for r in query["smartcrops-aspect-ratios"].split(",")]
    saved = {round(v["aspectRatio"], 2): v for v in picture["body"]["smartCropsResult"]["values"]}
    extra = {round(v["aspectRatio"], 2): v for v in picture.get("crops", [])}
    values, computed, sources = [], [], []
    for ratio in ratios:
        crop = saved.get(round(ratio, 2)) or extra.get(round(ratio, 2))
        if crop is None:
            crop = centred_crop(picture["body"]["metadata"], ratio)
            computed.append(f"{ratio:g}")
        elif "source" in crop:
            sources.append(crop["source"])
            crop = {key: value for key, value in crop.items() if key != "source"}
        values.append(crop)
    answer["smartCropsResult"] = {"values": values}
    if computed:
        return ("example: smart crops for these aspect ratios computed by vision_viz (largest centred crop) "
                f"for {', '.join(computed)}, where no saved answer has one; other crops and sections from the "
                f"saved answer [{provenance}]")
    if sources:
        return f"{provenance}; smart crops also from {', '.join(sorted(set(sources)))} (notebook 08's saved answer)"
    return provenance


def _vectorize(path: str, query: dict[str, str], picture: dict[str, Any] | None,
               json_text: str | None) -> dict[str, Any] | None:
    """A vector for a bundled picture (its saved example) or for any sentence (a labelled hash vector)."""
    model = query.get("model-version", "")
    if query.get("api-version") != "2024-02-01" or model != "2023-04-15":
        return None
    if path == VECTORIZE_IMAGE and picture is not None:
        saved = picture.get("vector")
        if saved:
            return _json({"modelVersion": model, "vector": saved}, picture["vector_provenance"], "example")
        seed = picture["digest"]
    elif path == VECTORIZE_TEXT and json_text is not None:
        try:
            text = json.loads(json_text).get("text")
        except (ValueError, AttributeError):
            return None
        if not isinstance(text, str):
            return None
        seed = "text:" + text
    else:
        return None
    vector = hash_vector(seed)
    provenance = ("example vector made by vision_viz from a hash of the request (no saved answer has one): "
                  "it carries no meaning, so similarities to it say nothing about the service; not a response "
                  "from the live service")
    return {"status": {"code": 200, "message": "OK"},
            "headers": {"Content-Type": ["application/json; charset=utf-8"], PROVENANCE_HEADER: [provenance]},
            "body": {"json": {"modelVersion": model, "vector": vector}}}


def hash_vector(seed: str, size: int = 1024) -> list[float]:
    """A unit vector of ``size`` numbers drawn from a generator seeded by ``seed`` (the same every time)."""
    generator = random.Random(hashlib.sha256(seed.encode("utf-8", "surrogateescape")).digest())
    values = [generator.gauss(0.0, 1.0) for _ in range(size)]
    norm = math.sqrt(sum(v * v for v in values))
    return [round(v / norm, 4) for v in values]


def _operation_3_2(
    operation: str, query: dict[str, str], picture: dict[str, Any], image: bytes
) -> dict[str, Any] | None:
    """A 3.2 operation's answer for a bundled picture, from its full saved 3.2 answer."""
    language = query.get("language", "en").lower()
    full = picture["analyze"]
    head = {"requestId": full["requestId"], "metadata": full["metadata"], "modelVersion": full["modelVersion"]}
    provenance = picture["provenance"]
    names = [f.strip().lower() for f in query.get("visualFeatures", "Categories").split(",") if f.strip()]
    details = {d.strip().lower() for d in query.get("details", "").split(",") if d.strip()}
    if language not in ("en", "unk"):
        translated = picture["languages"].get(language)
        if translated is None or operation not in ("analyze", "describe", "tag", "detect") \
                or (operation == "analyze" and (details or not set(names) <= set(TRANSLATED_3_2))):
            return None  # see TRANSLATED: unanswered() says why
        full = {**full, "tags": translated["tags"], "description": translated["description"]}
        # detect takes no language (3.2 specification), and analyze's objects stay English: their answer is English
        if operation in ("describe", "tag") or (operation == "analyze" and {"tags", "description"} & set(names)):
            provenance = translated["provenance"]
    if operation == "analyze":
        answer = {name: full[name] for name in full if name.lower() in names}
        if "categories" in answer or details:
            answer["categories"] = [_with_details(category, details) for category in full["categories"]]
        return _json({**answer, **head}, provenance, "example")
    if operation == "describe":
        count = int(query.get("maxCandidates", "1")) if query.get("maxCandidates", "1").isdigit() else 1
        description = {"tags": full["description"]["tags"], "captions": full["description"]["captions"][:max(count, 1)]}
        return _json({"description": description, **head}, provenance, "example")
    if operation in ("tag", "detect"):
        section = "tags" if operation == "tag" else "objects"
        return _json({section: full[section], **head}, provenance, "example")
    if operation == "areaOfInterest":
        return _json({"areaOfInterest": picture["areaOfInterest"], **head}, provenance, "example")
    if operation in ("models/celebrities/analyze", "models/landmarks/analyze"):
        kind = operation.split("/")[1]
        return _json({"result": {kind: []}, **head}, provenance, "example")
    if operation == "ocr":
        return _json(picture["ocr"], provenance, "example")
    if operation == "read/analyze":
        location = f"{PLACEHOLDER_ENDPOINT}{READ_RESULTS}{read_operation(picture['digest'])}"
        return {"status": {"code": 202, "message": "Accepted"},
                "headers": {"Operation-Location": [location],
                            PROVENANCE_HEADER: [provenance + _CUT.format(kind="example")]},
                "body": {"string": ""}}
    if operation == "generateThumbnail":
        return _thumbnail(image, query, picture)
    return None


def _with_details(category: dict[str, Any], details: set[str]) -> dict[str, Any]:
    """A category with the domain-model results a request's ``details`` asks for (empty lists: none found)."""
    saved = category.get("detail", {})
    name = category["name"]
    wanted = {kind: saved.get(kind, []) for kind in ("celebrities", "landmarks") if kind in details
              and (kind in saved or (kind == "celebrities" and name.startswith("people"))
                   or (kind == "landmarks" and name.startswith(("building", "outdoor"))))}
    plain = {key: value for key, value in category.items() if key != "detail"}
    return {**plain, "detail": wanted} if wanted else plain


def read_operation(digest: str) -> str:
    """The operation id replay gives a bundled picture's asynchronous Read."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"vision-viz-catalogue/read/{digest}"))


def _thumbnail(image: bytes, query: dict[str, str], picture: dict[str, Any]) -> dict[str, Any] | None:
    """A thumbnail made by vision_viz from the picture: centred on its area of interest (smartCropping) or on
    its centre, at the requested size."""
    from PIL import Image

    try:
        width, height = int(query["width"]), int(query["height"])
    except (KeyError, ValueError):
        return None
    if not (1 <= width <= 1024 and 1 <= height <= 1024) or not image or image.startswith(b"sha256:"):
        return None
    with Image.open(io.BytesIO(image)) as opened:
        rgb = opened.convert("RGB")
    box = picture["areaOfInterest"] if query.get("smartCropping", "false").lower() == "true" \
        else {"x": 0, "y": 0, "w": rgb.width, "h": rgb.height}
    centre_x, centre_y = box["x"] + box["w"] / 2, box["y"] + box["h"] / 2
    crop = centred_crop({"width": rgb.width, "height": rgb.height}, width / height)["boundingBox"]
    left = min(max(0, round(centre_x - crop["w"] / 2)), rgb.width - crop["w"])
    top = min(max(0, round(centre_y - crop["h"] / 2)), rgb.height - crop["h"])
    thumbnail = rgb.crop((left, top, left + crop["w"], top + crop["h"])).resize((width, height))
    buffer = io.BytesIO()
    thumbnail.save(buffer, "JPEG", quality=85)
    provenance = ("example thumbnail made by vision_viz from the picture (centred on the area of interest of its "
                  "saved example answer when smartCropping=true); not a response from the live service")
    return {"status": {"code": 200, "message": "OK"},
            "headers": {"Content-Type": ["image/jpeg"], PROVENANCE_HEADER: [provenance]},
            "body": {"base64": base64.b64encode(buffer.getvalue()).decode()}}


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


def missing_message(picture: str, request: str, recording: Path, url_sent: str | None = None,
                    bundled: str | None = None, reason: str | None = None) -> str:
    """The one paragraph a learner sees when replay has no answer for a request.

    ``reason`` (from :func:`unanswered`) says why a bundled picture's saved answers give none."""
    sent = f"the picture at {url_sent}" if url_sent else picture
    if bundled:
        why = (f"You are offline (no VISION_KEY is set), and the bundled picture {bundled} has no saved answer for "
               f"this request: {reason or 'nothing was saved for it'}. Ways forward: change the request, or ask "
               "for what a notebook recorded; or set VISION_KEY and ")
        sent = f"{sent}, a copy of the bundled {bundled}" if url_sent else f"the picture {bundled}"
    else:
        why = ("You are offline (no VISION_KEY is set), and offline only the bundled pictures in notebooks/images/ "
               "have saved answers. Ways forward: pick a bundled picture, e.g. IMAGE = Path(\"images/coffee.jpg\"); "
               "or set VISION_KEY and ")
    return (
        f"No saved answer for {sent} ({request}). {why}"
        f"VISION_ENDPOINT for your own Azure AI Vision resource (see {SETUP_GUIDE}) and run the cell again to ask "
        f"the live service; with VISION_RECORD=1 as well, the live answer is also saved into {recording.name}, "
        "so it replays offline afterwards."
    )
