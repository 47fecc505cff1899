#!/usr/bin/env python3
"""Write the saved answers the notebooks replay until someone records the live service.

No machine the project is built on can reach Azure, so the recordings hold two kinds of saved
answers, each labelled in its ``x-vision-viz-provenance`` header, which the notebooks (and every
drawing of it) show:

* answers Microsoft published (tools/published_bodies/): real answers of the live service, replayed
  for exactly the request Microsoft published with them;
* examples written to the service's schema by this project (tools/example_bodies/).

A recording made with VISION_RECORD=1 replaces a saved answer by the live response and says so.

Each notebook's examples are declared in ``tools/recording_specs/<notebook>.py``: a module with
``RECORDING`` (the file name in notebooks/recordings) and ``examples()`` (a list of Example).

    python tools/write_example_recordings.py          # (re)write notebooks/recordings/*.json
    python tools/write_example_recordings.py --check  # exit 1 if one of them is out of date

It also writes ``notebooks/recordings/catalogue/4.0.json`` and ``3.2.json``: one full saved answer per
bundled picture and API version, from which replay cuts what a request asks for when no recorded
interaction matches it (vision_viz/_offline.py). The 3.2 answers reuse this project's 3.2 example
sections for a picture and derive the rest from its 4.0 example, so both APIs tell one story.

Re-running it gives the same files. It keeps interactions that were recorded live, and rewrites
every other one (examples and published answers).
"""

from __future__ import annotations

import base64
import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import generated

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vision_viz._recording import PROVENANCE_HEADER, image_digest, serialize  # noqa: E402
from vision_viz._settings import PLACEHOLDER_ENDPOINT  # noqa: E402

IMAGES = ROOT / "notebooks" / "images"
BODIES = ROOT / "tools" / "example_bodies"
PUBLISHED_BODIES = ROOT / "tools" / "published_bodies"
RECORDINGS = ROOT / "notebooks" / "recordings"
SPECS = ROOT / "tools" / "recording_specs"

EXAMPLE_PROVENANCE = "example written by the vision_viz authors"
# Keep this leading clause: a drawing of the answer shows it as its note.
PUBLISHED_PROVENANCE = "published by Microsoft: a real answer of the live service for this picture"
LIVE_RECORDING = "recorded from the live service"

# What several recordings share: operation paths, schema names, public image URLs.
ANALYZE_4_0 = "/computervision/imageanalysis:analyze"
V3_2 = "/vision/v3.2"
SCHEMA_4_0 = "Image Analysis 2023-10-01 schema"
SCHEMA_3_2 = "Image Analysis 3.2 schema"
SAMPLE_URL = "https://aka.ms/azai/vision/image-analysis-sample.jpg"  # Microsoft's sample image
COFFEE_URL = "https://raw.githubusercontent.com/scikit-image/scikit-image/main/skimage/data/coffee.png"
HOPPER_URL = "https://raw.githubusercontent.com/matplotlib/matplotlib/main/lib/matplotlib/mpl-data/sample_data/grace_hopper.jpg"
QUOTE_URL = ("https://upload.wikimedia.org/wikipedia/commons/thumb/a/af/Atomist_quote_from_Democritus.png/"
             "338px-Atomist_quote_from_Democritus.png")
# The quickstart's request: every 4.0 feature. Notebooks send exactly these parameters.
ALL_FEATURES_4_0 = {
    "api-version": "2023-10-01",
    "features": "caption,denseCaptions,tags,objects,people,read,smartCrops",
    "smartcrops-aspect-ratios": "0.9,1.33",
    "gender-neutral-caption": "true",
    "language": "en",
}
# Microsoft's published real answer for its sample photo, and exactly the request it answers
# (the example's "parameters"; notebooks send these, with json={"url": SAMPLE_URL}).
SAMPLE_ANSWER = "2023-10-01/analyze-all-features-sample-jpg.json"
SAMPLE_ANSWER_SOURCE = ("Azure/azure-rest-api-specs specification/ai/ImageAnalysis/examples/2023-10-01/"
                        "AnalyzeFromUrl_MaximumSet.json @8b5277e3f03cee268a4eaf4358c40ab1072e4f28")
SAMPLE_QUERY = {
    "api-version": "2023-10-01",
    "features": "read,tags,objects,people,caption,denseCaptions,smartCrops",
    "language": "en",
    "gender-neutral-caption": "true",
    "smartcrops-aspect-ratios": "0.9,1.33",
    "model-version": "latest",
}


@dataclass(frozen=True)
class Example:
    """One request and the example response that answers it.

    Attributes:
        path: The operation path, e.g. ``/computervision/imageanalysis:analyze``.
        params: The query parameters, exactly as the notebook sends them.
        body: Example response body: a file under tools/example_bodies (JSON, or any other
            file for binary bodies such as thumbnails), or None for an empty body.
        schema: What the body was written to, shown in its provenance.
        image: A file in notebooks/images sent as the request body (raw bytes).
        json_request: A JSON request body instead (e.g. ``{"url": "https://…"}``).
        method: The HTTP method.
        status: The response status.
        headers: Extra response headers (e.g. Operation-Location, Retry-After).
        content_type: The response content type.
        sections: Keep only these sections of a JSON body (plus ``modelVersion`` and ``metadata``):
            the answer to a request for fewer features, cut from an image's full example body.
        gendered: The request leaves gender-neutral-caption at its default (false): a picture with people gets
            its gendered captions (tools/example_gendered_captions.json) in place of the neutral ones.
        published_at: Where Microsoft published ``body`` as a real answer of the live service
            (repository, path @ commit). Then ``body`` is a file under tools/published_bodies and
            ``schema`` is not used.
    """

    path: str
    params: dict[str, str]
    body: str | None
    schema: str
    image: str | None = None
    json_request: dict | None = None
    method: str = "POST"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"
    sections: tuple[str, ...] | None = None
    published_at: str | None = None
    gendered: bool = False

    def interaction(self) -> dict:
        query = urlencode(self.params, safe=",")
        request_headers, request_body = {}, None
        if self.image:
            request_headers["Content-Type"] = ["application/octet-stream"]
            request_body = image_digest((IMAGES / self.image).read_bytes())
        elif self.json_request is not None:
            request_headers["Content-Type"] = ["application/json"]
            request_body = json.dumps(self.json_request)
        if self.published_at:
            folder = PUBLISHED_BODIES
            provenance = f"{PUBLISHED_PROVENANCE} ({self.published_at}; tools/published_bodies/{self.body})"
        else:
            folder = BODIES
            provenance = f"{EXAMPLE_PROVENANCE} to the {self.schema}"
            if self.body:
                provenance += f" (tools/example_bodies/{self.body})"
            provenance += "; not a response from the live service"
        headers = {"Content-Type": [self.content_type]} if self.body else {}
        headers.update({name: [value] for name, value in self.headers.items()})
        headers[PROVENANCE_HEADER] = [provenance]
        if self.body is None:
            body: dict = {"string": ""}
        elif self.body.endswith(".json"):
            answer = json.loads((folder / self.body).read_text(encoding="utf-8"))
            gendered = _gendered(Path(self.image).stem, answer) if self.gendered and self.image else None
            if gendered:
                answer.update({k: v for k, v in gendered.items() if k in answer and k != "provenance"})
                headers[PROVENANCE_HEADER] = [gendered["provenance"]]
            if self.sections is not None:
                kept = {"modelVersion", "metadata", *self.sections}
                answer = {name: value for name, value in answer.items() if name in kept}
            body = {"json": answer}
        else:
            body = {"base64": base64.b64encode((folder / self.body).read_bytes()).decode()}
        return {
            "request": {
                "method": self.method,
                "uri": f"{PLACEHOLDER_ENDPOINT}{self.path}" + (f"?{query}" if query else ""),
                "body": request_body,
                "headers": request_headers,
            },
            "response": {"status": {"code": self.status, "message": _REASONS.get(self.status, "")},
                         "headers": headers, "body": body},
        }


_REASONS = {200: "OK", 202: "Accepted", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
            415: "Unsupported Media Type", 429: "Too Many Requests", 500: "Internal Server Error",
            503: "Service Unavailable"}


def published_sample_answer() -> Example:
    """Microsoft's published real answer for its sample photo, to the request it was published with."""
    return Example(ANALYZE_4_0, SAMPLE_QUERY, SAMPLE_ANSWER, "", json_request={"url": SAMPLE_URL},
                   published_at=SAMPLE_ANSWER_SOURCE)


def image_for(stem: str) -> str:
    """The file name in notebooks/images whose stem is ``stem``."""
    matches = [p.name for p in IMAGES.iterdir() if p.stem == stem]
    if len(matches) != 1:
        raise SystemExit(f"no single image named {stem}.* in {IMAGES}")
    return matches[0]


def write(name: str, examples: list[Example]) -> Path:
    """Write one recording: saved answers first, then whatever was recorded live and is not replaced."""
    path = RECORDINGS / name
    generated.write_atomically(path, recording_text(path, examples))
    return path


def recording_text(path: Path, examples: list[Example]) -> str:
    """The recording at ``path`` with these examples, keeping the interactions it holds that were recorded live."""
    written = [example.interaction() for example in examples]
    kept = []
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))["interactions"]
        kept = [i for i in old if i["response"]["headers"][PROVENANCE_HEADER][0].startswith(LIVE_RECORDING)]
    live = {_key(i) for i in kept}
    cassette = {"version": 1, "interactions": [i for i in written if _key(i) not in live] + kept}
    return serialize(cassette)  # the same text a record run writes


def _key(interaction: dict) -> tuple:
    request = interaction["request"]
    return request["method"], request["uri"], json.dumps(request["body"])


def load_specs() -> list:
    modules = []
    for path in sorted(SPECS.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"recording_specs.{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


# Example translations of the bundled pictures' tag names and captions, into the languages Microsoft's how-to
# pages list for `language` ("Specify languages" in how-to-call-analyze-v4.0.md and -v3.2.md). The language
# support page (learn.microsoft.com/azure/ai-services/computer-vision/language-support#image-analysis) marks
# Tags, Description, Categories and Celebrities/Landmarks for them, and not Objects or captions of 4.0.
TRANSLATIONS = ROOT / "tools" / "example_translations.json"
LANGUAGES = {"es": "Spanish", "ja": "Japanese", "pt": "Portuguese", "zh": "Simplified Chinese"}
LANGUAGE_EXAMPLES = "3.2/analyze-languages"  # notebook 23's coffee answers: en and each language


def example_translations() -> dict[str, dict[str, dict[str, str]]]:
    """English tag name or caption -> {language: translation}, by kind ("terms", "captions").

    The data file's, plus what the coffee examples of notebooks 23 and 04 imply (the same word gets the
    same translation in every notebook: the tool stops if the file says otherwise).
    """
    table = {kind: {english: dict(translated) for english, translated in words.items()}
             for kind, words in json.loads(TRANSLATIONS.read_text(encoding="utf-8")).items() if kind != "about"}
    def body(name: str) -> dict:
        return json.loads((BODIES / name).read_text(encoding="utf-8"))
    def names(answer: dict) -> dict[str, list[str]]:  # the 3.2 or 4.0 tag names, description tags and captions
        tags = answer["tagsResult"]["values"] if "tagsResult" in answer else answer.get("tags", [])
        description = answer.get("description", {"tags": [], "captions": []})
        return {"terms": [t["name"] for t in tags] + description["tags"],
                "captions": [c["text"] for c in description["captions"]]}
    pairs = [(f"{LANGUAGE_EXAMPLES}/coffee-{language}.json", language, f"{LANGUAGE_EXAMPLES}/coffee-en.json")
             for language in LANGUAGES] + [("4.0/tags/coffee-es.json", "es", "4.0/tags/coffee.json")]
    for translated_file, language, english_file in pairs:
        english, translated = names(body(english_file)), names(body(translated_file))
        for kind in ("terms", "captions"):
            for word, translation in zip(english[kind], translated[kind], strict=True):
                known = table[kind].setdefault(word, {}).setdefault(language, translation)
                if known != translation:
                    raise SystemExit(f"{TRANSLATIONS.name} translates {word!r} into {language} as {known!r}, "
                                     f"tools/example_bodies/{translated_file} as {translation!r}: make them agree")
    return table


def _translate(text: str, language: str, table: dict[str, dict[str, str]]) -> str:
    try:
        return table[text][language]
    except KeyError:
        raise SystemExit(f"{TRANSLATIONS.name} has no {LANGUAGES[language]} for {text!r}: add it") from None


def _translation_provenance(what: str, language: str, english: str) -> str:
    return (f"example: {what} translated into {LANGUAGES[language]} by the vision_viz authors "
            f"(tools/{TRANSLATIONS.name}) from the saved English answer [{english}]; not a response from the "
            "live service")


# Public copies of bundled pictures that notebooks send by URL.
PICTURE_URLS = {"coffee": [COFFEE_URL], "grace-hopper": [HOPPER_URL], "image-analysis-sample": [SAMPLE_URL]}
# Public copies that notebooks send by URL (28's ASTRONAUT_URL, 24's HORSE_URL) with answers only for what they
# recorded: replay names the bundled picture when it has no saved answer (MANIFEST.csv gives each file's source).
SKIMAGE_DATA = "https://raw.githubusercontent.com/scikit-image/scikit-image/main/skimage/data/"
COPY_URLS = {"astronaut": [SKIMAGE_DATA + "astronaut.png"], "horse": [SKIMAGE_DATA + "horse.png"]}


def _bundled() -> list[dict]:
    """Every bundled file (pictures, the TIFF, the PDF) by digest and known URLs, so replay can name it."""
    return [{"image": path.name, "digest": image_digest(path.read_bytes()),
             "urls": PICTURE_URLS.get(path.stem, []) + COPY_URLS.get(path.stem, [])}
            for path in sorted(IMAGES.iterdir()) if path.suffix.lower() in (".jpg", ".png", ".tiff", ".pdf")]


def catalogue_4_0() -> dict:
    """One full 4.0 answer per bundled picture, from which replay cuts the sections a request asks for.

    Stored once, here, so the same picture gets the same caption in every notebook.
    """
    pictures = []
    terms = example_translations()["terms"]
    for image in sorted(IMAGES.iterdir()):
        stem = image.stem
        if (BODIES / "4.0" / f"{stem}.json").is_file():
            body_file, kind = f"4.0/{stem}.json", "example"
            provenance = (f"{EXAMPLE_PROVENANCE} to the {SCHEMA_4_0} (tools/example_bodies/{body_file}); "
                          "not a response from the live service")
            body = json.loads((BODIES / body_file).read_text(encoding="utf-8"))
        elif stem == "image-analysis-sample":
            kind = "published real"
            provenance = f"{PUBLISHED_PROVENANCE} ({SAMPLE_ANSWER_SOURCE}; tools/published_bodies/{SAMPLE_ANSWER})"
            body = json.loads((PUBLISHED_BODIES / SAMPLE_ANSWER).read_text(encoding="utf-8"))
        else:
            continue
        entry = {"image": image.name, "digest": image_digest(image.read_bytes()),
                 "urls": PICTURE_URLS.get(stem, []), "kind": kind, "provenance": provenance, "body": body}
        vector_file = f"4.0/retrieval/image-{stem}.json"
        if (BODIES / vector_file).is_file():  # the same synthetic vector notebook 09 replays
            entry["vector"] = json.loads((BODIES / vector_file).read_text(encoding="utf-8"))["vector"]
            entry["vector_provenance"] = (
                f"{EXAMPLE_PROVENANCE} to the multimodal embeddings 2024-02-01 response shape (a synthetic vector "
                f"made by tools/recording_specs/09_search_images_with_text.py; tools/example_bodies/{vector_file}); "
                "not a response from the live service")
        entry.update(_smart_crops(stem, body, kind))
        gendered = _gendered(stem, body)
        if gendered:
            entry["gendered"] = gendered
        entry["languages"] = {
            language: {"provenance": _translation_provenance("tag names", language, provenance),
                       "tagsResult": {"values": [{**tag, "name": _translate(tag["name"], language, terms)}
                                                 for tag in body["tagsResult"]["values"]]}}
            for language in LANGUAGES}
        pictures.append(entry)
    return {"version": 1, "api": "4.0", "bundled": _bundled(), "pictures": pictures}


# Gendered example captions (gender-neutral-caption=false, the default) of the pictures with people.
GENDERED = ROOT / "tools" / "example_gendered_captions.json"
GENDERED_CAPTION_EXAMPLES = {"grace-hopper": "4.0/caption/grace-hopper-gendered.json"}  # notebook 02's


def _gendered(stem: str, body: dict) -> dict | None:
    """The caption and dense captions of a picture with people for gender-neutral-caption=false: the neutral
    example's, reworded by tools/example_gendered_captions.json (and notebook 02's caption where it wrote one)."""
    if not any(tag["name"] == "person" for tag in body["tagsResult"]["values"]):
        return None
    table = json.loads(GENDERED.read_text(encoding="utf-8"))
    if stem not in table:
        if stem == "image-analysis-sample":
            return None  # Microsoft's published answer: replay says it answers gender-neutral-caption=true only
        raise SystemExit(f"{GENDERED.name} has no gendered captions for {stem}, which shows a person: add them")
    words = table[stem]
    caption = {**body["captionResult"], "text": words.get(body["captionResult"]["text"], body["captionResult"]["text"])}
    sources = [f"tools/{GENDERED.name}"]
    if stem in GENDERED_CAPTION_EXAMPLES:
        example = GENDERED_CAPTION_EXAMPLES[stem]
        saved = json.loads((BODIES / example).read_text(encoding="utf-8"))["captionResult"]
        if body["captionResult"]["text"] in words and words[body["captionResult"]["text"]] != saved["text"]:
            raise SystemExit(f"{GENDERED.name} and tools/example_bodies/{example} word {stem}'s caption differently")
        caption, sources = saved, [f"tools/example_bodies/{example}", *sources]
    dense = {"values": [{**value, "text": words.get(value["text"], value["text"])}
                        for value in body["denseCaptionsResult"]["values"]]}
    unused = set(words) - {body["captionResult"]["text"]} - {v["text"] for v in body["denseCaptionsResult"]["values"]}
    if unused:
        raise SystemExit(f"{GENDERED.name} rewords captions {stem}'s example does not have: {sorted(unused)}")
    return {"provenance": (f"{EXAMPLE_PROVENANCE} to the {SCHEMA_4_0}: gendered captions (gender-neutral-caption="
                           f"false, the default; {', '.join(sources)}) of the gender-neutral example "
                           f"(tools/example_bodies/4.0/{stem}.json), the rest as in it; not a response from the live "
                           "service"),
            "captionResult": caption, "denseCaptionsResult": dense}


SMART_CROPS = BODIES / "4.0" / "smart-crops"
SERVICE_CHOICE = "service-choice"  # the file of the crop a notebook saved for a request without ratios


def _smart_crops(stem: str, body: dict, kind: str) -> dict:
    """A picture's saved smart crops beyond its full answer's (what notebook 08 saved for other ratios, each with
    its file), and the one crop replay gives a request without ``smartcrops-aspect-ratios``.

    The same ratio must have the same box everywhere: the tool stops if two saved answers disagree."""
    from vision_viz._offline import centred_crop

    known = {round(v["aspectRatio"], 2): v for v in body["smartCropsResult"]["values"]}
    crops, choice = [], None
    for path in sorted(SMART_CROPS.glob(f"{stem}-*.json")):
        source = f"tools/example_bodies/{path.relative_to(BODIES)}"
        values = json.loads(path.read_text(encoding="utf-8"))["smartCropsResult"]["values"]
        if path.stem == f"{stem}-{SERVICE_CHOICE}":
            choice = {"crop": values[0], "provenance": (
                f"example: the one crop the service returns when smartcrops-aspect-ratios is left out, as notebook 08 "
                f"saved it ({source}), written by the vision_viz authors to the {SCHEMA_4_0}; not a response from "
                "the live service")}
            continue
        for value in values:
            ratio = round(value["aspectRatio"], 2)
            if ratio in known and known[ratio]["boundingBox"] != value["boundingBox"]:
                raise SystemExit(f"{source} crops {stem} at {ratio} unlike its other saved answer: make them agree")
            if ratio not in known:
                known[ratio] = value
                crops.append({**value, "source": source})
    if choice is None:
        metadata = body["metadata"]
        ratio = round(min(max(metadata["width"] / metadata["height"], 0.5), 2.0), 2)
        choice = {"crop": centred_crop(metadata, ratio), "provenance": (
            "example: the one crop the service returns when smartcrops-aspect-ratios is left out (how-to-call-analyze-"
            "v4.0: 'one crop suggestion with an aspect ratio it sees fit', between 0.5 and 2.0), computed by "
            "vision_viz as the largest centred crop at the picture's own aspect ratio, as no saved "
            f"{'published answer' if kind != 'example' else 'example'} for this picture has one; not a response "
            "from the live service")}
    return {"crops": crops, "serviceChoice": choice}


# The 3.2 visual features, in the order the service writes its sections.
SECTIONS_3_2 = ("categories", "adult", "tags", "description", "faces", "color", "imageType", "objects", "brands")
# The twelve colour names 3.2 uses for dominant colours, as RGB.
COLOUR_NAMES = {"Black": (0, 0, 0), "Blue": (30, 80, 200), "Brown": (120, 72, 40), "Grey": (128, 128, 128),
                "Green": (40, 140, 60), "Orange": (235, 130, 30), "Pink": (235, 150, 180), "Purple": (120, 50, 150),
                "Red": (200, 30, 30), "Teal": (0, 128, 128), "White": (245, 245, 245), "Yellow": (235, 215, 40)}
# Coarse 3.2 categories (of its 86) for the 4.0 tags of the bundled pictures; "others_" otherwise.
CATEGORY_FOR_TAG = {"person": "people_", "cat": "animal_cat", "horse": "animal_horse", "text": "text_",
                    "house": "building_", "cup": "drink_", "rocket": "trans_", "bicycle": "trans_bicycle",
                    "camera": "others_"}


def _colour_name(rgb: tuple[int, ...]) -> str:
    return min(COLOUR_NAMES, key=lambda name: sum((a - b) ** 2 for a, b in zip(rgb, COLOUR_NAMES[name])))


def _colour(image: Path) -> dict:
    """A 3.2 colour section computed from the picture's pixels (centre = foreground, border = background)."""
    from PIL import Image, ImageStat

    with Image.open(image) as opened:
        rgb = opened.convert("RGB").resize((64, 64))
    centre = rgb.crop((16, 16, 48, 48))
    palette = rgb.quantize(4).convert("RGB").getcolors(64 * 64) or []
    dominant = []
    for _, colour in sorted(palette, reverse=True):
        if _colour_name(colour) not in dominant:
            dominant.append(_colour_name(colour))
    saturations = [c for _, c in (rgb.convert("HSV").getcolors(64 * 64) or [])]
    vivid = max(saturations, key=lambda hsv: hsv[1] * hsv[2]) if saturations else (0, 0, 0)
    accent = Image.new("HSV", (1, 1), tuple(vivid)).convert("RGB").getpixel((0, 0))
    mean_saturation = ImageStat.Stat(rgb.convert("HSV")).mean[1]
    return {"dominantColorForeground": _colour_name(tuple(int(v) for v in ImageStat.Stat(centre).mean)),
            "dominantColorBackground": _colour_name(tuple(int(v) for v in ImageStat.Stat(rgb).mean)),
            "dominantColors": dominant[:3], "accentColor": "{:02X}{:02X}{:02X}".format(*accent),
            "isBWImg": mean_saturation < 20}


def _xywh(points: list[dict]) -> tuple[int, int, int, int]:
    xs, ys = [p["x"] for p in points], [p["y"] for p in points]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _flat(points: list[dict]) -> list[int]:
    return [value for p in points for value in (p["x"], p["y"])]


def _ocr_from_4_0(read: dict) -> dict:
    """The legacy OCR answer (regions -> lines -> words, "x,y,w,h" strings) of a 4.0 Read result."""
    regions = []
    for block in read.get("blocks", []):
        lines = [{"boundingBox": ",".join(map(str, _xywh(line["boundingPolygon"]))),
                  "words": [{"boundingBox": ",".join(map(str, _xywh(w["boundingPolygon"]))), "text": w["text"]}
                            for w in line["words"]]} for line in block["lines"]]
        if lines:
            corners = [p for line in block["lines"] for p in line["boundingPolygon"]]
            regions.append({"boundingBox": ",".join(map(str, _xywh(corners))), "lines": lines})
    return {"language": "en", "textAngle": 0.0, "orientation": "Up", "regions": regions}


def _read_from_4_0(read: dict, metadata: dict) -> dict:
    """The asynchronous Read 3.2 result of a 4.0 Read result (one page)."""
    lines = [{"boundingBox": _flat(line["boundingPolygon"]), "text": line["text"],
              "words": [{"boundingBox": _flat(w["boundingPolygon"]), "text": w["text"], "confidence": w["confidence"]}
                        for w in line["words"]]}
             for block in read.get("blocks", []) for line in block["lines"]]
    return {"status": "succeeded", "createdDateTime": "2024-05-14T08:42:10Z",
            "lastUpdatedDateTime": "2024-05-14T08:42:11Z",
            "analyzeResult": {"version": "3.2.0", "modelVersion": "2022-04-30",
                              "readResults": [{"page": 1, "angle": 0, "width": metadata["width"],
                                               "height": metadata["height"], "unit": "pixel", "lines": lines}]}}


def _saved_3_2(stem: str) -> tuple[dict, list[str]]:
    """Sections of this picture's 3.2 example answers (analyze-all first), and the files they came from."""
    sections: dict = {}
    used = []
    folders = sorted((BODIES / "3.2").glob("analyze-*"), key=lambda folder: folder.name != "analyze-all")
    for folder in folders:
        path = folder / f"{stem}.json" if folder.name != "analyze-languages" else folder / f"{stem}-en.json"
        if path.is_file():
            body = json.loads(path.read_text(encoding="utf-8"))
            new = {k: v for k, v in body.items() if k in SECTIONS_3_2 and k not in sections}
            if new:
                sections.update(new)
                used.append(f"tools/example_bodies/{path.relative_to(BODIES)}")
    return sections, used


def catalogue_3_2() -> dict:
    """One full 3.2 answer per bundled picture: its 3.2 example sections where this project wrote them,
    the rest derived from the picture's full 4.0 example (and its pixels for colour), so that both APIs
    tell the same story about a picture."""
    pictures = []
    for entry in catalogue_4_0()["pictures"]:
        image, full = IMAGES / entry["image"], entry["body"]
        caption = entry.get("gendered", full)["captionResult"]
        stem = image.stem
        sections, used = _saved_3_2(stem)
        derived = {
            "categories": sorted({CATEGORY_FOR_TAG.get(t["name"], "") for t in full["tagsResult"]["values"]} - {""})
            or ["others_"],
            "adult": {"isAdultContent": False, "isRacyContent": False, "isGoryContent": False,
                      "adultScore": 0.0012, "racyScore": 0.0021, "goreScore": 0.0009},
            "tags": [{"name": t["name"], "confidence": t["confidence"]} for t in full["tagsResult"]["values"]],
            # 3.2 has no gender-neutral-caption: its captions are 4.0's default, gendered ones
            "description": {"tags": [t["name"] for t in full["tagsResult"]["values"]][:10],
                            "captions": [{"text": caption["text"], "confidence": caption["confidence"]}]},
            "faces": [],
            "color": _colour(image),
            "imageType": {"clipArtType": 3 if "clip-art" in stem else 0,
                          "lineDrawingType": 1 if "line-drawing" in stem else 0},
            "objects": [{"rectangle": o["boundingBox"], "object": o["tags"][0]["name"],
                         "confidence": o["tags"][0]["confidence"]} for o in full["objectsResult"]["values"]],
            "brands": [],
        }
        derived["categories"] = [{"name": name, "score": 0.5} for name in derived["categories"]]
        analyze = {name: sections.get(name, derived[name]) for name in SECTIONS_3_2}
        analyze.update({"requestId": "00000000-0000-0000-0000-000000000000", "modelVersion": "2021-05-01",
                        "metadata": {**full["metadata"], "format": "Jpeg" if image.suffix == ".jpg" else "Png"}})
        boxes = [o["rectangle"] for o in analyze["objects"]]
        area = ({"x": min(b["x"] for b in boxes), "y": min(b["y"] for b in boxes),
                 "w": max(b["x"] + b["w"] for b in boxes) - min(b["x"] for b in boxes),
                 "h": max(b["y"] + b["h"] for b in boxes) - min(b["y"] for b in boxes)}
                if boxes else {"x": 0, "y": 0, "w": full["metadata"]["width"], "h": full["metadata"]["height"]})
        ocr_file = BODIES / "3.2" / "ocr" / f"{stem}.json"
        read_file = BODIES / "3.2" / "read" / f"{stem}-succeeded.json"
        ocr = (json.loads(ocr_file.read_text(encoding="utf-8")) if ocr_file.is_file()
               else _ocr_from_4_0(full["readResult"]))
        read = (json.loads(read_file.read_text(encoding="utf-8")) if read_file.is_file()
                else _read_from_4_0(full["readResult"], full["metadata"]))
        rest = (f"the rest derived from tools/example_bodies/4.0/{stem}.json" if entry["kind"] == "example"
                else "the rest derived from the published 4.0 answer")
        sources = ", ".join([*used, rest])
        provenance = (f"{EXAMPLE_PROVENANCE} to the {SCHEMA_3_2} ({sources}; colours computed from the picture's "
                      "pixels); not a response from the live service")
        pictures.append({"image": entry["image"], "digest": entry["digest"], "urls": entry["urls"], "kind": "example",
                         "provenance": provenance, "analyze": analyze, "areaOfInterest": area, "ocr": ocr,
                         "read": read, "languages": _languages_3_2(analyze, provenance)})
    return {"version": 1, "api": "3.2", "pictures": pictures}


def _languages_3_2(analyze: dict, provenance: str) -> dict:
    """The translated sections of a full 3.2 answer, by language: tag names, description tags and captions
    (confidences as in English). Object names stay English, as in notebook 23's examples."""
    table = example_translations()
    def words(names: list[str], language: str) -> list[str]:
        return [_translate(name, language, table["terms"]) for name in names]
    return {language: {
        "provenance": _translation_provenance("tag names and captions (object names stay in English)", language,
                                              provenance),
        "tags": [{**tag, "name": name} for tag, name in zip(analyze["tags"], words([t["name"] for t in
                                                                                      analyze["tags"]], language))],
        "description": {"tags": words(analyze["description"]["tags"], language),
                        "captions": [{**caption, "text": _translate(caption["text"], language, table["captions"])}
                                     for caption in analyze["description"]["captions"]]},
    } for language in LANGUAGES}


def outputs() -> dict[Path, str]:
    """Every file this script writes, by path: the notebooks' recordings and the two catalogues."""
    files = {RECORDINGS / m.RECORDING: recording_text(RECORDINGS / m.RECORDING, m.examples()) for m in load_specs()}
    for name, catalogue in (("4.0.json", catalogue_4_0()), ("3.2.json", catalogue_3_2())):
        files[RECORDINGS / "catalogue" / name] = serialize(catalogue)
    return files


def main(argv: list[str] | None = None) -> int:
    return generated.main(__doc__, "write_example_recordings.py", outputs, argv)


if __name__ == "__main__":
    raise SystemExit(main())
