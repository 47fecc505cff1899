"""The explorer's widgets: ipywidgets controls wired to the pure functions of ``_explorer_model``.

Nothing here decides what to request, what to replay or what to draw: the model does. This
module keeps the state, the caches (the display-sized image and the parsed answer, so a slider
move only draws the overlay again) and the controls in step. ipywidgets is imported only when
an explorer is made, so ``import vision_viz`` stays light.
"""

from __future__ import annotations

__all__ = ["Explorer", "explore"]

import dataclasses
import html
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vision_viz._explorer_model import (
    API_VERSIONS,
    DETAILS_3_2,
    FEATURES,
    KEY_HINT,
    LANGUAGES,
    LAYER_NAMES,
    Catalogue,
    ExplorerState,
    bundled_images,
    code_for,
    display_image,
    feature_layers,
    layers_in,
    parse_ratios,
    prepare,
    render,
    replay_plan,
    request_for,
    request_notes,
    summarize,
    to_jpeg,
    with_api,
)
from vision_viz._extras import require
from vision_viz._parse import Analysis
from vision_viz._public import publish

#: What a notebook stores and compares as the explorer's plain-text output (never mode-dependent).
TEXT = "Image Analysis explorer (its controls show in JupyterLab 4 and Notebook 7, with ipywidgets 8)"
# Fields of the state that change the request (the rest only change the drawing).
_REQUEST_FIELDS = ("image", "api", "features", "language", "gender_neutral", "smart_crop_ratios")


@dataclass(frozen=True)
class _Answer:
    """A response body, parsed for drawing, and where it came from."""

    body: Any
    analysis: Analysis
    provenance: str
    recording: str | None = None


def explore(
    session: Any = None,
    *,
    image: str | None = None,
    images: str | Path = "images",
    recordings: str | Path = "recordings",
    settings: Any = None,
    state: ExplorerState | None = None,
) -> Explorer:
    """Open the interactive explorer: pick an image, features and options, and see the answer drawn.

    Without a key (replay mode) bundled images replay their recorded answers (the every-feature
    4.0 call of recording 01, or a recorded 3.2 analyze) and the view filters the layers; options
    that change the request, and uploaded images, need a key, and the explorer says so. With a
    key, **Analyze** calls the live service with the chosen features and options.

    Args:
        session: The notebook's session (``start_session``): live calls go through it when it
            has a key. ``None``: read the settings (``VISION_KEY``, ``VISION_ENDPOINT``).
        image: The image to open with (a name in ``images``); default ``astronaut.jpg``.
        images: The folder of bundled images (relative to the notebook).
        recordings: The folder of recordings to replay.
        settings: Used when ``session`` is ``None`` (default: ``load_settings()``).
        state: A whole starting state instead of the defaults.

    Returns:
        The ``Explorer``; display it (last expression of a cell) to show its controls.

    Example:
        >>> import tempfile, PIL.Image
        >>> from vision_viz import Settings
        >>> folder = Path(tempfile.mkdtemp()); (folder / "recordings").mkdir()
        >>> PIL.Image.new("RGB", (64, 64), "white").save(folder / "white.png")
        >>> explorer = explore(images=folder, recordings=folder / "recordings", settings=Settings())
        >>> explorer.mode, explorer.state.image, explorer.notes[0][:46]
        ('replay', 'white.png', 'No Image Analysis 4.0 analyze call was recorde')
    """
    return Explorer(session, image=image, images=images, recordings=recordings, settings=settings, state=state)


class Explorer:
    """The explorer: its state, the widgets that change it, and the last answer and drawing.

    Use ``explore()`` to make one. From code: ``explorer.set(min_confidence=0.8)`` changes the
    state as the controls would; ``explorer.state``, ``explorer.body``, ``explorer.picture`` and
    ``explorer.notes`` show what the view shows.
    """

    def __init__(
        self,
        session: Any = None,
        *,
        image: str | None = None,
        images: str | Path = "images",
        recordings: str | Path = "recordings",
        settings: Any = None,
        state: ExplorerState | None = None,
    ) -> None:
        require("ipywidgets", "explore")
        import ipywidgets as widgets

        from vision_viz._recording import image_digest

        self._w = widgets
        self._digest = image_digest
        if session is None:
            from vision_viz._session import make_session
            from vision_viz._settings import load_settings

            settings = load_settings() if settings is None else settings
            session = make_session(settings) if settings.mode != "replay" else None
        self.session = session
        self.mode = "live" if session is not None and getattr(session, "mode", "replay") != "replay" else "replay"
        self.images_folder = Path(images)
        names = bundled_images(self.images_folder)
        if not names:
            raise FileNotFoundError(
                f"No images in {str(self.images_folder)!r}: open the explorer from the notebooks/ folder, "
                "or pass images= (the folder of images)."
            )
        recordings_folder = Path(recordings)
        self.catalogue = (
            Catalogue.from_folder(recordings_folder, self.images_folder)
            if recordings_folder.is_dir()
            else Catalogue([], {})
        )
        self._bundled = names
        self._uploads: dict[str, bytes] = {}
        self._bytes: dict[str, bytes] = {}
        self._digests: dict[str, str] = {}
        self._pictures: dict[str, tuple[Any, tuple[int, int]]] = {}  # digest -> display copy, full size
        self._answers: dict[tuple[Any, ...], _Answer] = {}  # (digest, request key) -> answer
        start = state or ExplorerState(image=image or ("astronaut.jpg" if "astronaut.jpg" in names else names[0]))
        if start.image not in names:
            raise ValueError(f"{start.image!r} is not in {str(self.images_folder)!r}; choose from {', '.join(names)}.")
        self.state = start
        self.answer: _Answer | None = None
        self.picture: Any = None  # the last drawing (a Pillow image)
        self.notes: tuple[str, ...] = ()
        self.error: str | None = None
        self.pending = False  # live mode: the controls describe a request not sent yet
        self.last_render_ms = 0.0
        self._syncing = False
        self._build()
        self._sync_controls(rebuild_features=True)
        self._update_request(call=True)

    # --- what the view shows ---------------------------------------------------------------------

    @property
    def body(self) -> Any:
        """The response body shown (``None`` when there is no answer)."""
        return self.answer.body if self.answer else None

    @property
    def widget(self) -> Any:
        """The ipywidgets box holding every control."""
        return self._root

    def set(self, **changes: Any) -> None:
        """Change the state as the controls would, e.g. ``set(image="coffee.jpg", min_confidence=0.8)``.

        Changing ``api`` alone also switches to that version's default features.
        """
        switch_api = "api" in changes and "features" not in changes
        new = with_api(self.state, changes.pop("api")) if switch_api else self.state
        if "smart_crop_ratios" in changes:
            changes["smart_crop_ratios"] = parse_ratios(changes["smart_crop_ratios"])
        self._apply(dataclasses.replace(new, **changes))

    def analyze(self) -> None:
        """Send (live) or replay the request the controls describe, as the Analyze button does."""
        self._update_request(call=True)

    def upload(self, name: str, data: bytes) -> None:
        """Add an image as if uploaded with the Upload button, and show it."""
        data = bytes(data)
        key = name if name not in self._bundled else f"uploaded-{name}"
        self._uploads[key] = data
        self._digests.pop(key, None)
        self._sync_image_options()
        self._apply(dataclasses.replace(self.state, image=key))

    def __repr__(self) -> str:
        return f"<Explorer image={self.state.image!r} api={self.state.api!r} mode={self.mode!r}>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        answer = self._root._repr_mimebundle_(**kwargs)
        bundle: dict[str, Any] = answer[0] if isinstance(answer, tuple) else answer
        bundle["text/plain"] = TEXT
        return bundle

    # --- building the controls --------------------------------------------------------------------

    def _build(self) -> None:
        w = self._w
        if self.mode == "live":
            mode = (
                f"<b>Live mode</b>: <b>Analyze</b> sends the request to {html.escape(str(self.session.endpoint))} "
                "(one call each time; the image goes to your resource)."
            )
        else:
            mode = (
                "<b>Replay mode</b>: no VISION_KEY is set. Bundled images replay their recorded answers and "
                "nothing is sent over the network; requests that were not recorded need a key."
            )
        self._mode = w.HTML(f"<div class='vv-explorer-mode'>{mode}</div>")
        self._image = w.Dropdown(description="Image", layout=w.Layout(width="280px"))
        self._upload = w.FileUpload(accept="image/*", multiple=False, description="Upload an image")
        self._upload.layout.width = "280px"
        self._api = w.ToggleButtons(options=list(API_VERSIONS), description="API", style={"button_width": "60px"})
        self._features = w.VBox(layout=w.Layout(margin="0 0 0 10px"))
        self._feature_boxes: dict[str, Any] = {}
        self._language = w.Dropdown(options=list(LANGUAGES), description="Language", layout=w.Layout(width="200px"))
        self._gender = w.Checkbox(description="Gender-neutral caption", indent=False)
        self._ratios = w.Text(description="Crop ratios", placeholder="e.g. 0.9,1.33", continuous_update=False,
                              layout=w.Layout(width="200px"))  # fmt: skip
        self._analyze = w.Button(description="Analyze", button_style="primary", icon="play")
        self._analyze.add_class("vv-explorer-analyze")
        controls = w.VBox(
            [
                self._image, self._upload, self._api, w.HTML("<b>Features</b>"), self._features,
                w.HTML("<b>Options</b>"), self._language, self._gender, self._ratios, self._analyze,
            ],
            layout=w.Layout(width="300px", min_width="300px"),
        )  # fmt: skip
        self._status = w.HTML()
        self._status.add_class("vv-explorer-status")
        self._layers = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self._layers.add_class("vv-explorer-layers")
        self._layer_buttons: dict[str, Any] = {}
        self._confidence = w.FloatSlider(
            min=0.0, max=1.0, step=0.05, description="Min. confidence", readout_format=".2f",
            continuous_update=True, style={"description_width": "initial"}, layout=w.Layout(width="360px"),
        )  # fmt: skip
        self._confidence.add_class("vv-explorer-confidence")
        self._show_confidence = w.Checkbox(description="Show confidence", indent=False, layout=w.Layout(width="150px"))
        self._labels = w.Checkbox(description="Labels", indent=False, layout=w.Layout(width="90px"))
        # At its own size (not stretched by the box), shrunk to fit the column and a screen's height.
        self._picture = w.Image(
            format="jpeg", layout=w.Layout(width="auto", height="auto", max_width="100%", max_height="600px")
        )
        self._picture.add_class("vv-explorer-picture")
        self._facts = w.HTML()
        self._facts.add_class("vv-explorer-facts")
        view = w.VBox(
            [self._layers, w.HBox([self._confidence, self._show_confidence, self._labels]), self._picture, self._facts],
            layout=w.Layout(align_items="flex-start"),
        )
        self._json = w.HTML()
        self._json.add_class("vv-explorer-json")
        self._code = w.Textarea(layout=w.Layout(width="100%", height="420px"))
        self._code.add_class("vv-explorer-code")
        self._request = w.HTML()
        code = w.VBox([self._request, self._code])
        self._tabs = w.Tab(children=[view, self._json, code], titles=("Picture", "JSON", "Request code"))
        right = w.VBox([self._status, self._tabs], layout=w.Layout(flex="1 1 auto", min_width="0"))
        self._root = w.VBox([self._mode, w.HBox([controls, right])])
        self._root.add_class("vv-explorer")

        self._image.observe(self._on_image, "value")
        self._upload.observe(self._on_upload, "value")
        self._api.observe(self._on_api, "value")
        self._language.observe(lambda change: self._control(language=change["new"]), "value")
        self._gender.observe(lambda change: self._control(gender_neutral=change["new"]), "value")
        self._ratios.observe(self._on_ratios, "value")
        self._analyze.on_click(lambda button: self.analyze())
        self._confidence.observe(lambda change: self._control(min_confidence=round(change["new"], 4)), "value")
        self._show_confidence.observe(lambda change: self._control(show_confidence=change["new"]), "value")
        self._labels.observe(lambda change: self._control(labels=change["new"]), "value")
        self._sync_image_options()

    def _sync_image_options(self) -> None:
        options = [(name, name) for name in self._bundled] + [(f"{name} (uploaded)", name) for name in self._uploads]
        with self._quiet():
            self._image.options = options

    def _quiet(self) -> Any:
        explorer = self

        class Quiet:
            def __enter__(self) -> None:
                self.previous, explorer._syncing = explorer._syncing, True

            def __exit__(self, *exc: Any) -> None:
                explorer._syncing = self.previous

        return Quiet()

    def _sync_controls(self, rebuild_features: bool = False) -> None:
        """Show the state in the controls (without reacting to the changes made here)."""
        state = self.state
        with self._quiet():
            self._image.value = state.image
            self._api.value = state.api
            if rebuild_features or set(self._feature_boxes) != set(FEATURES[state.api]):
                self._feature_boxes = {}
                for name in FEATURES[state.api]:
                    label = f"{name} (details)" if name in DETAILS_3_2 else name
                    box = self._w.Checkbox(description=label, indent=False, layout=self._w.Layout(width="auto"))
                    box.observe(self._on_feature, "value")
                    box.add_class(f"vv-feature-{name}")
                    self._feature_boxes[name] = box
                self._features.children = tuple(self._feature_boxes.values())
            for name, box in self._feature_boxes.items():
                box.value = name in state.chosen_features
            self._language.value = state.language
            self._gender.value = state.gender_neutral
            self._ratios.value = ",".join(repr(r) for r in state.smart_crop_ratios)
            self._gender.disabled = self._ratios.disabled = state.api != "4.0"
            self._confidence.value = state.min_confidence
            self._show_confidence.value = state.show_confidence
            self._labels.value = state.labels

    # --- reacting to the controls -----------------------------------------------------------------

    def _control(self, **changes: Any) -> None:
        if not self._syncing:
            self._apply(dataclasses.replace(self.state, **changes))

    def _on_image(self, change: dict[str, Any]) -> None:
        if not self._syncing and change["new"] is not None:
            self._apply(dataclasses.replace(self.state, image=change["new"]))

    def _on_api(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self._apply(with_api(self.state, change["new"]))

    def _on_feature(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            chosen = [name for name, box in self._feature_boxes.items() if box.value]
            self._apply(dataclasses.replace(self.state, features=tuple(chosen)))

    def _on_ratios(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        try:
            ratios = parse_ratios(change["new"])
        except ValueError as error:
            self._show_status([str(error)], error=True)
            return
        self._apply(dataclasses.replace(self.state, smart_crop_ratios=ratios))

    def _on_upload(self, change: dict[str, Any]) -> None:
        if self._syncing or not change["new"]:
            return
        files = change["new"]
        item = files[0] if isinstance(files, (tuple, list)) else next(iter(files.values()))  # ipywidgets 8 / 7
        name, content = item["name"], bytes(item["content"])
        with self._quiet():
            self._upload.value = ()
        self.upload(name, content)

    def _on_layer(self, layer: str, visible: bool) -> None:
        if self._syncing:
            return
        hidden = set(self.state.hidden_layers)
        (hidden.discard if visible else hidden.add)(layer)
        self._apply(dataclasses.replace(self.state, hidden_layers=frozenset(hidden)))

    # --- the work -------------------------------------------------------------------------------

    def _apply(self, new: ExplorerState) -> None:
        old, self.state = self.state, new
        self._sync_controls()
        request_changed = any(getattr(old, name) != getattr(new, name) for name in _REQUEST_FIELDS)
        if request_changed:
            # A new image is analysed at once (replayed, or one live call); other changes to the
            # request are replayed at once, or wait for Analyze when live.
            self._update_request(call=self.mode == "replay" or old.image != new.image)
        else:
            self._redraw()

    def _image_bytes(self, name: str) -> bytes:
        if name in self._uploads:
            return self._uploads[name]
        if name not in self._bytes:
            self._bytes[name] = (self.images_folder / name).read_bytes()
        return self._bytes[name]

    def _image_digest(self, name: str) -> str:
        if name not in self._digests:
            self._digests[name] = self._digest(self._image_bytes(name))
        return self._digests[name]

    def _display_copy(self, digest: str, data: bytes) -> tuple[Any, tuple[int, int]]:
        key = f"{digest}@{self.state.max_side}"
        if key not in self._pictures:
            self._pictures[key] = display_image(data, self.state.max_side)
        return self._pictures[key]

    def _update_request(self, call: bool) -> None:
        """Work out the request, then replay or send it (or say what is needed), then draw."""
        state = self.state
        data = self._image_bytes(state.image)
        digest = self._image_digest(state.image)
        self.error = None
        try:
            request = request_for(state)
        except ValueError as error:
            self.answer, self.notes, self.error = None, (), str(error)
            self._show_request(None)
            self._show_status([str(error)], error=True)
            self._redraw()
            return
        self._show_request(request)
        picture, full_size = self._display_copy(digest, data)
        notes = list(request_notes(state))
        if self.mode == "replay":
            plan = replay_plan(state, digest, self.catalogue)
            notes = list(plan.notes) + notes
            if plan.call is not None:
                key = (digest, plan.call.request.key())
                if key not in self._answers:
                    analysis = prepare(plan.call.body, full_size)
                    self._answers[key] = _Answer(plan.call.body, analysis, plan.call.provenance, plan.call.recording)
                self.answer = self._answers[key]
            else:
                self.answer = None
            self._show_request(request, recording=plan.call.recording if plan.exact and plan.call else None)
        else:
            key = (digest, request.key())
            if key in self._answers:
                self.answer, self.pending = self._answers[key], False
                notes.insert(0, f"Answer of the live service to this request (sent earlier). {self.answer.provenance}.")
            elif call:
                notes = self._call_live(request, data, digest, full_size) + notes
            else:
                self.pending = True
                notes.insert(
                    0,
                    "The request changed: press Analyze to send it. Until then the picture shows the last "
                    "answer, with only the layers of the features you chose.",
                )
        self.notes = tuple(notes)
        self._show_status(notes, error=self.error is not None)
        self._show_json()
        self._redraw()

    def _call_live(self, request: Any, data: bytes, digest: str, full_size: tuple[int, int]) -> list[str]:
        from vision_viz._checks import check_image
        from vision_viz._errors import VisionError
        from vision_viz._recording import provenance

        self._show_status([f"Calling {self.session.endpoint}{request.path} …"])
        try:
            check_image(data, api=request.api)
            response = self.session.post(
                f"{self.session.endpoint}{request.path}",
                params=dict(request.params),
                headers={"Content-Type": "application/octet-stream"},
                data=data,
            )
            body = response.json()
            answer = _Answer(body, prepare(body, full_size), provenance(response))
        except (VisionError, ValueError) as error:  # service errors, image checks, unreadable bodies
            self.answer, self.pending = None, False
            self.error = f"{type(error).__name__}: {error}"
            return [self.error]
        self._answers[(digest, request.key())] = answer
        self.answer, self.pending = answer, False
        return [f"Sent {request.path} for {self.state.image}. Where this answer came from: {answer.provenance}."]

    def _redraw(self) -> None:
        """Draw the overlay again on the cached display copy (the only work a slider move costs)."""
        started = time.perf_counter()
        data = self._image_bytes(self.state.image)
        picture, _ = self._display_copy(self._image_digest(self.state.image), data)
        if self.answer is not None:
            self.picture = render(self.state, picture, self.answer.analysis)
        else:
            self.picture = picture.copy()
        self._picture.value = to_jpeg(self.picture)
        self.last_render_ms = (time.perf_counter() - started) * 1000
        self._sync_layers()
        self._show_facts()

    def _sync_layers(self) -> None:
        present = layers_in(self.answer.analysis) if self.answer else ()
        chosen = feature_layers(self.state)
        layers = tuple(layer for layer in present if layer in chosen)
        with self._quiet():
            if tuple(self._layer_buttons) != layers:
                self._layer_buttons = {}
                for layer in layers:
                    button = self._w.ToggleButton(description=LAYER_NAMES[layer], layout=self._w.Layout(width="auto"))
                    button.add_class(f"vv-layer-{layer}")
                    button.observe(lambda change, layer=layer: self._on_layer(layer, change["new"]), "value")
                    self._layer_buttons[layer] = button
                self._layers.children = tuple(self._layer_buttons.values())
            for layer, button in self._layer_buttons.items():
                button.value = layer not in self.state.hidden_layers
                button.icon = "eye" if button.value else "eye-slash"
                button.tooltip = f"{'Hide' if button.value else 'Show'} the {LAYER_NAMES[layer]}"

    # --- text panels ----------------------------------------------------------------------------

    def _show_status(self, notes: list[str], error: bool = False) -> None:
        colour = "#b00020" if error else "#333"
        items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
        self._status.value = f"<ul style='color:{colour}; margin:4px 0; padding-left:18px'>{items}</ul>"

    def _show_facts(self) -> None:
        if self.answer is None:
            self._facts.value = "<i>No answer to show.</i>"
            return
        lines = summarize(self.state, self.answer.analysis)
        timing = f"Overlay drawn in {self.last_render_ms:.0f} ms."
        self._facts.value = "<br>".join(html.escape(line) for line in [*lines, timing])

    def _show_json(self) -> None:
        if self.answer is None:
            self._json.value = f"<p>No answer. {html.escape(self.error or '')}</p>"
            return
        text = json.dumps(self.answer.body, indent=2, ensure_ascii=False)
        self._json.value = (
            f"<p>{html.escape(self.answer.provenance)}</p>"
            f"<pre style='max-height:560px; overflow:auto; font-size:12px'>{html.escape(text)}</pre>"
        )

    def _show_request(self, request: Any, recording: str | None = None) -> None:
        if request is None:
            self._request.value = "<p>No request: choose at least one feature.</p>"
            self._code.value = ""
            return
        name = self.state.image
        path = f"images/{name}" if name in self._bundled else name
        query = "&".join(f"{key}={value}" for key, value in request.params.items())
        where = (
            f"This exact request is recorded in recordings/{recording}, so the code also runs offline."
            if recording
            else f"To run this code, {KEY_HINT}."
        )
        self._request.value = (
            f"<p><code>POST {{endpoint}}{html.escape(request.path)}?{html.escape(query)}</code><br>"
            f"Copy this into a cell. {html.escape(where)}</p>"
        )
        self._code.value = code_for(self.state, path, f"recordings/{recording}" if recording else None)


publish(globals())
