"""The explorer's model: its state and pure functions, with no widgets and no network.

``ExplorerState`` holds every choice a learner makes in the explorer (image, API version,
features, options, visible layers, confidence threshold). Pure functions turn a state into:

* the request it describes (``request_for``) and the Python code that sends it (``code_for``);
* in replay mode, the recorded request that answers it instead (``replay_plan``), with plain notes
  on what differs and what needs a key;
* the layers a response holds (``layers_in``), those to show (``visible_layers``), the caption and
  tags as text (``summarize``) and the drawing (``render``).

The ipywidgets layer (``vision_viz._explorer``) only wires controls to these functions, so
everything here is tested without a browser.
"""

from __future__ import annotations

__all__ = [
    "AnalyzeRequest",
    "Catalogue",
    "ExplorerState",
    "RecordedCall",
    "ReplayPlan",
    "code_for",
    "display_image",
    "layers_in",
    "render",
    "replay_plan",
    "request_for",
    "summarize",
    "visible_layers",
]

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from PIL import Image

from vision_viz._kinds import KIND_NAMES, KINDS
from vision_viz._parse import Analysis, parse
from vision_viz._public import publish

#: The API versions the explorer can call.
API_VERSIONS = ("4.0", "3.2")
#: The analyze operation of each API version (appended to the endpoint).
PATHS = {"4.0": "/computervision/imageanalysis:analyze", "3.2": "/vision/v3.2/analyze"}
#: The generally available 4.0 ``api-version``.
API_VERSION_4_0 = "2023-10-01"
#: What each API version can compute. 3.2 "Celebrities" and "Landmarks" are sent as ``details``.
FEATURES = {
    "4.0": ("caption", "denseCaptions", "tags", "objects", "people", "read", "smartCrops"),
    "3.2": ("Categories", "Tags", "Description", "Faces", "ImageType", "Color", "Adult", "Objects", "Brands",
            "Celebrities", "Landmarks"),
}  # fmt: skip
DETAILS_3_2 = ("Celebrities", "Landmarks")
#: The features the explorer asks for when it opens or switches API version.
DEFAULT_FEATURES = {"4.0": FEATURES["4.0"], "3.2": FEATURES["3.2"][:9]}
#: Languages of captions and tags (4.0 captions and dense captions are English only).
LANGUAGES = ("en", "es", "ja", "pt", "zh")
#: The smart-crop aspect ratios (width / height) the 4.0 service accepts.
RATIO_RANGE = (0.75, 1.8)

#: The layers a response can have, in drawing-menu order: ``caption`` (the banner) and the
#: annotation kinds of ``vision_viz.parse``.
LAYERS = ("caption", *KINDS)
#: How the explorer names each layer.
LAYER_NAMES = {"caption": "caption", **KIND_NAMES}
#: The layers each feature produces (tags, categories, colour... are text, not layers).
FEATURE_LAYERS = {
    "caption": ("caption",), "denseCaptions": ("dense_caption",), "objects": ("object",),
    "people": ("person",), "read": ("line", "word"), "smartCrops": ("smart_crop",),
    "Description": ("caption",), "Faces": ("face",), "Objects": ("object",), "Brands": ("brand",),
    "Celebrities": ("celebrity",),
}  # fmt: skip

#: What to do to analyze anything that was not recorded.
KEY_HINT = (
    "set VISION_KEY and VISION_ENDPOINT for your Azure AI Vision resource (in your shell, or in a "
    ".env file at the repository root), restart the kernel and open the explorer again"
)

# Request options, and the value the service assumes when a request leaves one out.
_OPTION_DEFAULTS = {"language": "en", "gender-neutral-caption": "false", "smartcrops-aspect-ratios": ""}
_FEATURE_PARAMS = ("features", "visualFeatures", "details")


@dataclass(frozen=True)
class ExplorerState:
    """Everything a learner chose in the explorer.

    Attributes:
        image: The image's file name: one of the bundled images, or an uploaded file's name.
        api: "4.0" or "3.2".
        features: The features to ask for (names as the API spells them, see ``FEATURES``); by
            default ``DEFAULT_FEATURES`` of the API version (every 4.0 feature; every 3.2 visual feature).
        language: The language of captions and tags ("en", "es", "ja", "pt", "zh").
        gender_neutral: 4.0 only: "a person" rather than "a man" or "a woman" in captions.
        smart_crop_ratios: 4.0 only: the aspect ratios of the smart crops (empty: the service picks).
        hidden_layers: Layers switched off in the view (see ``LAYERS``).
        min_confidence: Hide annotations and tags below this confidence.
        show_confidence: Add the confidence to labels.
        labels: Draw labels.
        max_side: Draw on a copy of the image at most this many pixels wide or high.

    Example:
        >>> state = ExplorerState(image="coffee.jpg", features=["tags", "caption"], hidden_layers=["word"])
        >>> state.features, state.hidden_layers
        (('caption', 'tags'), frozenset({'word'}))
    """

    image: str = "astronaut.jpg"
    api: str = "4.0"
    features: tuple[str, ...] | None = None
    language: str = "en"
    gender_neutral: bool = True
    smart_crop_ratios: tuple[float, ...] = (0.9, 1.33)
    hidden_layers: frozenset[str] = frozenset()
    min_confidence: float = 0.5
    show_confidence: bool = True
    labels: bool = True
    max_side: int = 1024

    @property
    def chosen_features(self) -> tuple[str, ...]:
        """``features`` as ``__post_init__`` leaves it: a tuple, the API's defaults if none were given."""
        return DEFAULT_FEATURES[self.api] if self.features is None else self.features

    def __post_init__(self) -> None:
        if self.api not in API_VERSIONS:
            raise ValueError(f"api must be one of {', '.join(API_VERSIONS)}, not {self.api!r}.")
        if self.features is None:
            features = DEFAULT_FEATURES[self.api]
        else:
            features = (self.features,) if isinstance(self.features, str) else tuple(self.features)
        unknown = [name for name in features if name not in FEATURES[self.api]]
        if unknown:
            raise ValueError(
                f"{', '.join(map(str, unknown))}: not a feature of Image Analysis {self.api}; "
                f"choose from {', '.join(FEATURES[self.api])}."
            )
        # One spelling and one order for the same choice, so equal choices give equal requests.
        object.__setattr__(self, "features", tuple(name for name in FEATURES[self.api] if name in features))
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {self.language!r}.")
        object.__setattr__(self, "smart_crop_ratios", parse_ratios(self.smart_crop_ratios))
        hidden = frozenset([self.hidden_layers] if isinstance(self.hidden_layers, str) else self.hidden_layers)
        bad = sorted(hidden - set(LAYERS))
        if bad:
            raise ValueError(f"Unknown layer(s) {', '.join(bad)}; the layers are {', '.join(LAYERS)}.")
        object.__setattr__(self, "hidden_layers", hidden)
        if not 0.0 <= float(self.min_confidence) <= 1.0:
            raise ValueError(f"min_confidence must be between 0 and 1, not {self.min_confidence!r}.")
        object.__setattr__(self, "min_confidence", float(self.min_confidence))
        if not isinstance(self.max_side, int) or self.max_side < 64:
            raise ValueError(f"max_side must be a whole number of pixels, at least 64, not {self.max_side!r}.")


def parse_ratios(value: str | Iterable[float]) -> tuple[float, ...]:
    """Read smart-crop aspect ratios ("0.9, 1.33" or numbers), checking the service's range.

    Example:
        >>> parse_ratios("0.9, 1.33"), parse_ratios([1]), parse_ratios("")
        ((0.9, 1.33), (1.0,), ())
        >>> parse_ratios("2")
        Traceback (most recent call last):
        ...
        ValueError: Each smart-crop aspect ratio must be from 0.75 to 1.8 (width / height); 2.0 is not.
    """
    parts = [p for p in value.replace(";", ",").split(",") if p.strip()] if isinstance(value, str) else list(value)
    ratios = []
    for part in parts:
        try:
            ratio = float(part)
        except (TypeError, ValueError):
            raise ValueError(
                f"Smart-crop aspect ratios are numbers separated by commas, like 0.9,1.33; {part!r} is not."
            ) from None
        if not RATIO_RANGE[0] <= ratio <= RATIO_RANGE[1]:
            raise ValueError(
                f"Each smart-crop aspect ratio must be from {RATIO_RANGE[0]} to {RATIO_RANGE[1]} (width / height); "
                f"{ratio} is not."
            )
        if ratio not in ratios:
            ratios.append(ratio)
    return tuple(ratios)


def with_api(state: ExplorerState, api: str) -> ExplorerState:
    """The state switched to another API version, with that version's default features.

    Layers, threshold and language carry over; the features are renamed where both versions have them.

    Example:
        >>> with_api(ExplorerState(), "3.2").features[:3]
        ('Categories', 'Tags', 'Description')
    """
    if api == state.api:
        return state
    return dataclasses.replace(state, api=api, features=DEFAULT_FEATURES[api])


# --- requests ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalyzeRequest:
    """An analyze request: the API version, the operation path and the query parameters.

    Attributes:
        api: "4.0" or "3.2".
        path: The operation, appended to the endpoint.
        params: The query parameters, in the order they are sent.
    """

    api: str
    path: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def features(self) -> tuple[str, ...]:
        """The features the request asks for (3.2 details included)."""
        return tuple(
            name for key in _FEATURE_PARAMS for name in self.params.get(key, "").split(",") if name
        )

    def options(self) -> dict[str, str]:
        """The options that change the answer for the features asked, with the service's defaults filled in.

        Options that cannot change the answer (gender-neutral captions without a caption feature,
        smart-crop ratios without smart crops) are left out, so requests that differ only there match.
        """
        features = set(self.features)
        options = {}
        for name, default in _OPTION_DEFAULTS.items():
            if name == "gender-neutral-caption" and not features & {"caption", "denseCaptions"}:
                continue
            if name == "smartcrops-aspect-ratios" and "smartCrops" not in features:
                continue
            if name != "language" and self.api != "4.0":
                continue
            options[name] = str(self.params.get(name, default)).lower()
        return options

    def key(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """What identifies the request (like replay: path and query, in any order)."""
        return self.path, tuple(sorted(self.params.items()))


def request_for(state: ExplorerState) -> AnalyzeRequest:
    """The analyze request a state describes.

    Options are sent only where they apply: gender-neutral captions with a caption feature,
    aspect ratios with smart crops. The result is the request of the quickstart (recording 01)
    for the default state.

    Raises:
        ValueError: When no feature is chosen.

    Example:
        >>> request = request_for(ExplorerState(features=["caption", "tags"], language="en"))
        >>> request.path, request.params
        ('/computervision/imageanalysis:analyze',
         {'api-version': '2023-10-01', 'features': 'caption,tags', 'gender-neutral-caption': 'true', 'language': 'en'})
        >>> request_for(ExplorerState(api="3.2", features=["Tags", "Celebrities"], language="es")).params
        {'visualFeatures': 'Tags', 'details': 'Celebrities', 'language': 'es'}
    """
    if not state.features:
        raise ValueError("Choose at least one feature: a request without features has nothing to compute.")
    params: dict[str, str] = {}
    if state.api == "4.0":
        params["api-version"] = API_VERSION_4_0
        params["features"] = ",".join(state.features)
        if "smartCrops" in state.features and state.smart_crop_ratios:
            params["smartcrops-aspect-ratios"] = ",".join(_number(r) for r in state.smart_crop_ratios)
        if state.gender_neutral and {"caption", "denseCaptions"} & set(state.features):
            params["gender-neutral-caption"] = "true"
    else:
        visual = [name for name in state.features if name not in DETAILS_3_2]
        details = [name for name in state.features if name in DETAILS_3_2]
        if visual:
            params["visualFeatures"] = ",".join(visual)
        if details:
            params["details"] = ",".join(details)
    params["language"] = state.language
    return AnalyzeRequest(state.api, PATHS[state.api], params)


def request_notes(state: ExplorerState) -> tuple[str, ...]:
    """What to know about a request before sending it: options the service ignores or refuses.

    Example:
        >>> request_notes(ExplorerState(language="es", features=["caption"]))[0][:60]
        'Image Analysis 4.0 writes captions and dense captions in Eng'
    """
    notes = []
    if state.api == "4.0" and state.language != "en" and {"caption", "denseCaptions"} & set(state.chosen_features):
        notes.append(
            "Image Analysis 4.0 writes captions and dense captions in English only: with "
            f"language={state.language} the service answers 400 NotSupportedLanguage. Untick them, or use 3.2."
        )
    if state.api == "4.0" and "smartCrops" in state.chosen_features and not state.smart_crop_ratios:
        notes.append("No aspect ratio given: the service picks one crop with a ratio between 0.5 and 2.0.")
    return tuple(notes)


def code_for(state: ExplorerState, image_path: str, recording: str | None = None) -> str:
    """Python code that sends the state's request and draws the answer as the explorer does.

    Args:
        state: The explorer's state.
        image_path: The image file, as the learner would open it (e.g. "images/coffee.jpg").
        recording: A recording that holds exactly this request for this image: the code then
            replays it offline (``start_session``); otherwise it needs a key (``make_session``).

    Example:
        >>> print(code_for(ExplorerState(features=["tags"]), "images/coffee.jpg").splitlines()[2])
        session = vv.make_session(vv.load_settings())  # needs VISION_KEY and VISION_ENDPOINT
    """
    request = request_for(state)
    if recording:
        session = f"session = vv.start_session({_py(recording)})  # replays offline; calls the service with a key"
    else:
        session = "session = vv.make_session(vv.load_settings())  # needs VISION_KEY and VISION_ENDPOINT"
    params = "".join(f"        {_py(name)}: {_py(value)},\n" for name, value in request.params.items())
    style = [f"kinds={_py(list(_drawn_layers(state)))}"]
    if state.min_confidence:
        style.append(f"min_confidence={state.min_confidence:g}")
    if state.show_confidence:
        style.append("show_confidence=True")
    if not state.labels:
        style.append("labels=False")
    return (
        "import vision_viz as vv\n"
        "\n"
        f"{session}\n"
        f"image_bytes = open({_py(image_path)}, \"rb\").read()\n"
        "response = session.post(\n"
        f"    f\"{{session.endpoint}}{request.path}\",\n"
        "    params={\n"
        f"{params}"
        "    },\n"
        "    headers={\"Content-Type\": \"application/octet-stream\"},\n"
        "    data=image_bytes,\n"
        ")\n"
        "body = response.json()\n"
        f"vv.draw({_py(image_path)}, body, {', '.join(style)})\n"
    )


def _py(value: Any) -> str:
    """A Python literal in double quotes (plain strings and lists of them: JSON is valid Python)."""
    return json.dumps(value, ensure_ascii=False)


def _number(value: float) -> str:
    return repr(float(value))


# --- replay -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedCall:
    """One recorded analyze call: its request, the image it sent, and the answer.

    Attributes:
        request: The recorded request.
        image: ``sha256:<hex>`` of the image bytes the request sent.
        body: The recorded response body.
        provenance: Where the answer came from (a live recording, or an example).
        recording: The recording file's name.
    """

    request: AnalyzeRequest
    image: str
    body: Mapping[str, Any]
    provenance: str
    recording: str


class Catalogue:
    """The recorded analyze calls the explorer can replay, by image and API version.

    Example:
        >>> body = {"tagsResult": {"values": []}}
        >>> call = RecordedCall(request_for(ExplorerState()), "sha256:ab", body, "example", "01.json")
        >>> catalogue = Catalogue([call], names={"sha256:ab": "astronaut.jpg"})
        >>> len(catalogue.calls_for("sha256:ab", "4.0")), catalogue.images_with("3.2")
        (1, ())
    """

    def __init__(self, calls: Iterable[RecordedCall], names: Mapping[str, str] | None = None) -> None:
        self.calls = tuple(calls)
        self.names = dict(names or {})

    @classmethod
    def from_folder(cls, recordings: str | Path, images: str | Path | None = None) -> Catalogue:
        """Read every successful 4.0 and 3.2 analyze call of an uploaded image in ``recordings/*.json``.

        Args:
            recordings: The folder of recordings (the notebooks' ``recordings/``).
            images: The folder of bundled images, to name the images recordings refer to by digest.
        """
        from vision_viz._provenance import PROVENANCE_HEADER
        from vision_viz._recording import image_digest

        folder = Path(recordings)
        if not folder.is_dir():
            raise FileNotFoundError(f"There is no folder of recordings at {str(folder)!r}: run this from notebooks/.")
        calls = []
        for path in sorted(folder.glob("*.json")):
            try:
                interactions = json.loads(path.read_text(encoding="utf-8")).get("interactions", [])
            except (OSError, ValueError, AttributeError):
                continue
            for interaction in interactions:
                call = _recorded_call(interaction, path.name, PROVENANCE_HEADER)
                if call is not None:
                    calls.append(call)
        names = {}
        if images is not None and Path(images).is_dir():
            for image in sorted(Path(images).iterdir()):
                if image.suffix.lower() in IMAGE_SUFFIXES:
                    names[image_digest(image.read_bytes())] = image.name
        return cls(calls, names)

    def calls_for(self, image: str, api: str) -> tuple[RecordedCall, ...]:
        """The recorded calls for an image (by digest) and API version, in recording order."""
        return tuple(c for c in self.calls if c.image == image and c.request.api == api)

    def images_with(self, api: str) -> tuple[str, ...]:
        """The names of the bundled images that have a recorded call of this API version."""
        digests = {c.image for c in self.calls if c.request.api == api}
        return tuple(sorted(self.names[d] for d in digests if d in self.names))


#: Image files the explorer lists as bundled images.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp")


def _recorded_call(interaction: Mapping[str, Any], recording: str, header: str) -> RecordedCall | None:
    request, response = interaction.get("request", {}), interaction.get("response", {})
    if request.get("method") != "POST" or response.get("status", {}).get("code") != 200:
        return None
    body = request.get("body")
    answer = response.get("body", {}).get("json")
    if not (isinstance(body, str) and body.startswith("sha256:") and isinstance(answer, Mapping)):
        return None
    parts = urlsplit(request.get("uri", ""))
    api = next((name for name, path in PATHS.items() if parts.path == path), None)
    if api is None:
        return None
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    provenance = next((values[0] for name, values in response.get("headers", {}).items() if name.lower() == header), "")
    return RecordedCall(AnalyzeRequest(api, parts.path, params), body, answer, provenance, recording)


@dataclass(frozen=True)
class ReplayPlan:
    """How replay mode answers a state: which recorded call, and what the learner should know.

    Attributes:
        asked: The request the controls describe.
        call: The recorded call that answers it, or ``None`` when nothing recorded can.
        exact: Whether the recorded request is the one asked (same features and options).
        notes: Plain sentences: what is replayed, what is missing, what needs a key.
    """

    asked: AnalyzeRequest
    call: RecordedCall | None
    exact: bool
    notes: tuple[str, ...]


def replay_plan(state: ExplorerState, image: str | bytes, catalogue: Catalogue) -> ReplayPlan:
    """Choose the recorded call that answers a state offline, and explain the choice.

    The recorded call for the image and API version that covers most of the chosen features wins
    (then the one whose options match most, e.g. the language). Features it holds but the state
    did not choose are hidden in the view; options that change the request (language, ratios,
    gender-neutral captions) cannot be replayed and the notes say that they need a key.

    Args:
        state: The explorer's state.
        image: The image's bytes, or ``sha256:<hex>`` of them (as recordings name images).
        catalogue: The recorded calls.

    Example:
        >>> call = RecordedCall(request_for(ExplorerState()), "sha256:ab", {}, "an example", "01.json")
        >>> catalogue = Catalogue([call], names={"sha256:ab": "astronaut.jpg"})
        >>> plan = replay_plan(ExplorerState(features=["tags"]), "sha256:ab", catalogue)
        >>> plan.exact, plan.notes[0][:58]
        (False, 'Replaying the recorded request for astronaut.jpg (01.json)')
    """
    if isinstance(image, (bytes, bytearray, memoryview)):
        from vision_viz._recording import image_digest

        image = image_digest(bytes(image))
    asked = request_for(state)
    name = catalogue.names.get(image, state.image)
    candidates = catalogue.calls_for(image, state.api)
    if not candidates:
        others = catalogue.calls_for(image, "3.2" if state.api == "4.0" else "4.0")
        if image not in catalogue.names and not others:
            note = (
                f"{name} is not one of the bundled images, and replay mode can only show answers that "
                f"were recorded. To analyze your own images, {KEY_HINT}. Nothing was sent."
            )
        else:
            recorded = ", ".join(catalogue.images_with(state.api)) or "none"
            note = (
                f"No Image Analysis {state.api} analyze call was recorded for {name} (recorded for: "
                f"{recorded}). To call the service with this request, {KEY_HINT}."
            )
        return ReplayPlan(asked, None, False, (note,))
    wanted, options = set(asked.features), asked.options()

    def score(call: RecordedCall) -> tuple[int, int, int]:
        theirs = call.request.options()
        matching = sum(1 for key, value in options.items() if theirs.get(key) == value)
        return (len(wanted & set(call.request.features)), matching, -len(call.request.features))

    call = max(candidates, key=score)  # the first of equals: recording order
    missing = [f for f in asked.features if f not in call.request.features]
    recorded_options = call.request.options()
    differing = [
        (key, value, recorded_options.get(key))
        for key, value in options.items()
        if recorded_options.get(key, value) != value
    ]
    exact = not missing and not differing and set(call.request.features) == wanted
    if exact:
        notes = [f"Replaying {name}: this exact request was recorded ({call.recording})."]
    else:
        notes = [
            f"Replaying the recorded request for {name} ({call.recording}): "
            f"features={','.join(call.request.features)}. "
            "The view shows only the layers of the features you chose."
        ]
    if missing:
        notes.append(f"Not in the recording, so not shown: {', '.join(missing)}.")
    if differing:
        changes = "; ".join(
            f"{key}={value or '(not set)'} (recorded: {theirs or '(not set)'})" for key, value, theirs in differing
        )
        notes.append(
            f"Options that change the request cannot be replayed: {changes}. The picture shows the recorded "
            f"answer. To get the answer to your request, {KEY_HINT}."
        )
    notes.append(f"Where this answer came from: {call.provenance}")
    return ReplayPlan(asked, call, exact, tuple(notes))


# --- the view's data ----------------------------------------------------------------------------


def prepare(body: Any, full_size: tuple[int, int] | None = None) -> Analysis:
    """Parse a body once for drawing on display-sized copies: the image size is filled in if missing.

    Args:
        body: A response body (or an ``Analysis``).
        full_size: ``(width, height)`` of the analysed image: geometry is in its pixels.

    Example:
        >>> prepare({"tagsResult": {"values": []}}, (640, 480)).size
        (640.0, 480.0)
    """
    analysis = parse(body, image_size=full_size)
    if analysis.size is None and full_size is not None:
        analysis = dataclasses.replace(analysis, size=(float(full_size[0]), float(full_size[1])))
    return analysis


def layers_in(body: Any) -> tuple[str, ...]:
    """The layers a response holds, in menu order (``caption`` for the banner, then annotation kinds).

    Example:
        >>> layers_in({"captionResult": {"text": "a cat", "confidence": 0.9}, "peopleResult": {"values": [
        ...     {"boundingBox": {"x": 0, "y": 0, "w": 5, "h": 5}, "confidence": 0.2}]}})
        ('caption', 'person')
    """
    analysis = parse(body)
    kinds = {a.kind for a in analysis.annotations}
    if analysis.caption:
        kinds.add("caption")
    return tuple(layer for layer in LAYERS if layer in kinds)


def feature_layers(state: ExplorerState) -> frozenset[str]:
    """The layers the state's features produce.

    Example:
        >>> sorted(feature_layers(ExplorerState(features=["read", "tags"])))
        ['line', 'word']
    """
    return frozenset(layer for name in state.chosen_features for layer in FEATURE_LAYERS.get(name, ()))


def visible_layers(state: ExplorerState, body: Any) -> tuple[str, ...]:
    """The layers to draw: in the response, produced by a chosen feature, and not switched off.

    Example:
        >>> body = {"captionResult": {"text": "a cat", "confidence": 0.9}}
        >>> visible_layers(ExplorerState(), body), visible_layers(ExplorerState(hidden_layers=["caption"]), body)
        (('caption',), ())
    """
    chosen = feature_layers(state)
    return tuple(layer for layer in layers_in(body) if layer in chosen and layer not in state.hidden_layers)


def _drawn_layers(state: ExplorerState) -> tuple[str, ...]:
    chosen = feature_layers(state)
    return tuple(layer for layer in LAYERS if layer in chosen and layer not in state.hidden_layers)


def display_image(image: Any, max_side: int = 1024) -> tuple[Image.Image, tuple[int, int]]:
    """Open an image once at display size (RGB, transparency on white) and give its full size.

    Huge JPEGs are decoded at reduced size. Draw on this copy with ``render`` as often as the
    controls change: it is cheap, because only the overlay is drawn again.

    Example:
        >>> picture, size = display_image(Image.new("RGBA", (4000, 3000)), max_side=800)
        >>> picture.mode, picture.size, size
        ('RGB', (800, 600), (4000, 3000))
    """
    from vision_viz._image import load_image

    picture, full_size = load_image(image, max_side)
    if picture.mode != "RGB":
        white = Image.new("RGB", picture.size, (255, 255, 255))
        white.paste(picture, mask=picture.getchannel("A") if picture.mode == "RGBA" else None)
        picture = white
    return picture, full_size


def render(state: ExplorerState, image: Any, body: Any) -> Image.Image:
    """Draw the visible layers of a response on a copy of the image, as the explorer shows it.

    Args:
        state: The explorer's state (layers, threshold, labels, ``max_side``).
        image: The image: a display-sized copy from ``display_image`` (fast), or any image
            ``vision_viz.draw`` takes.
        body: The response body, or the ``Analysis`` from ``prepare`` (parsed once, fast).

    Returns:
        A new image, at most ``state.max_side`` pixels wide or high (plus the caption banner).

    Example:
        >>> body = {"metadata": {"width": 200, "height": 100}, "objectsResult": {"values": [
        ...     {"boundingBox": {"x": 20, "y": 20, "w": 100, "h": 60}, "tags": [{"name": "cat", "confidence": 0.9}]}]}}
        >>> picture = Image.new("RGB", (200, 100), "white")
        >>> render(ExplorerState(), picture, body).getpixel((20, 50)) != (255, 255, 255)
        True
        >>> render(ExplorerState(min_confidence=0.95), picture, body).getpixel((20, 50))
        (255, 255, 255)
    """
    from vision_viz._draw import draw

    analysis = body if isinstance(body, Analysis) else prepare(body)
    return draw(
        image,
        analysis,
        kinds=visible_layers(state, analysis),
        min_confidence=state.min_confidence,
        show_confidence=state.show_confidence,
        labels=state.labels,
        max_side=state.max_side,
    )


def summarize(state: ExplorerState, body: Any) -> list[str]:
    """The response's whole-image facts as lines of text: caption, tags, categories, colours...

    Tags below the state's ``min_confidence`` are left out; only chosen features are shown.

    Example:
        >>> body = {"captionResult": {"text": "a cat", "confidence": 0.91},
        ...         "tagsResult": {"values": [{"name": "cat", "confidence": 0.99}, {"name": "rug", "confidence": 0.3}]}}
        >>> summarize(ExplorerState(features=["caption", "tags"]), body)
        ['Caption: a cat (0.91)', 'Tags (confidence >= 0.50): cat 0.99', '  1 more below the threshold']
    """
    analysis = body if isinstance(body, Analysis) else parse(body)
    chosen = set(state.chosen_features)
    lines = []
    if analysis.caption and chosen & {"caption", "Description"}:
        lines.append(f"Caption: {_with_confidence(analysis.caption.name, analysis.caption.confidence)}")
        lines += [f"  also: {_with_confidence(c.name, c.confidence)}" for c in analysis.captions[1:]]
    if analysis.tags and chosen & {"tags", "Tags", "Description"}:
        kept = [t for t in analysis.tags if t.confidence is None or t.confidence >= state.min_confidence]
        text = ", ".join(_with_confidence(t.name, t.confidence, brackets=False) for t in kept) or "none"
        lines.append(f"Tags (confidence >= {state.min_confidence:.2f}): {text}")
        if len(kept) < len(analysis.tags):
            lines.append(f"  {len(analysis.tags) - len(kept)} more below the threshold")
    if analysis.categories and "Categories" in chosen:
        lines.append(
            "Categories: "
            + ", ".join(_with_confidence(c.name, c.confidence, brackets=False) for c in analysis.categories)
        )
    if analysis.landmarks and "Landmarks" in chosen:
        lines.append(
            "Landmarks: "
            + ", ".join(_with_confidence(c.name, c.confidence, brackets=False) for c in analysis.landmarks)
        )
    if analysis.color and "Color" in chosen:
        color = analysis.color
        lines.append(
            f"Colour: foreground {color.foreground}, background {color.background}, dominant "
            f"{', '.join(color.dominant) or 'none'}, accent #{str(color.accent).lstrip('#')}, "
            f"black and white: {_yes_no(color.is_black_and_white)}"
        )
    if analysis.image_type and "ImageType" in chosen:
        lines.append(
            f"Image type: clip art {analysis.image_type.clip_art} (0-3), "
            f"line drawing {analysis.image_type.line_drawing} (0-1)"
        )
    if analysis.adult and "Adult" in chosen:
        adult = analysis.adult
        flags = [
            name for name, flag in (("adult", adult.is_adult), ("racy", adult.is_racy), ("gory", adult.is_gory)) if flag
        ]
        lines.append(f"Content flags: {', '.join(flags) or 'none'}")
    if "read" in chosen:
        text_lines = len(analysis.of_kind("line"))
        lines.append(
            f"Text: {text_lines} line{'s' if text_lines != 1 else ''}"
            + (f": {analysis.text.splitlines()[0]!r}…" if text_lines else "")
        )
    counts = count_layers(state, analysis)
    if counts:
        lines.append(
            "Drawn: "
            + ", ".join(f"{shown} of {total} {LAYER_NAMES[layer]}" for layer, (shown, total) in counts.items())
        )
    return lines


def count_layers(state: ExplorerState, body: Any) -> dict[str, tuple[int, int]]:
    """For each visible annotation layer: (drawn at the threshold, in the response).

    Example:
        >>> body = {"peopleResult": {"values": [{"boundingBox": {"x": 0, "y": 0, "w": 5, "h": 5}, "confidence": c}
        ...                                     for c in (0.9, 0.2)]}}
        >>> count_layers(ExplorerState(), body)
        {'person': (1, 2)}
    """
    analysis = body if isinstance(body, Analysis) else parse(body)
    counts = {}
    for layer in visible_layers(state, analysis):
        if layer == "caption":
            continue
        items = analysis.of_kind(layer)
        shown = sum(1 for a in items if a.confidence is None or a.confidence >= state.min_confidence)
        counts[layer] = (shown, len(items))
    return counts


def _yes_no(flag: bool | None) -> str:
    return "unknown" if flag is None else "yes" if flag else "no"


def _with_confidence(name: str, confidence: float | None, brackets: bool = True) -> str:
    if confidence is None:
        return name
    return f"{name} ({confidence:.2f})" if brackets else f"{name} {confidence:.2f}"


def to_jpeg(picture: Image.Image, quality: int = 88) -> bytes:
    """Encode a drawing for the browser: JPEG without chroma subsampling keeps thin coloured lines crisp.

    Example:
        >>> to_jpeg(Image.new("RGB", (8, 8)))[:3]
        b'\\xff\\xd8\\xff'
    """
    import io

    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=quality, subsampling=0)
    return buffer.getvalue()


def bundled_images(folder: str | Path) -> tuple[str, ...]:
    """The image files in a folder, by name.

    Example:
        >>> bundled_images("no-such-folder")
        ()
    """
    path = Path(folder)
    if not path.is_dir():
        return ()
    return tuple(sorted(p.name for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES))


publish(globals())
