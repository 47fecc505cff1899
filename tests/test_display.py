"""How drawings show in notebooks (vision_viz._display): one picture, bounded size, full pixels kept."""

from __future__ import annotations

import copy
import io
import pickle

import numpy as np
import pytest
from IPython.core.formatters import DisplayFormatter
from PIL import Image

import vision_viz as vv
from vision_viz._display import DISPLAY_MAX_SIDE, Drawing

BOX = {
    "objectsResult": {"values": [{"boundingBox": {"x": 100, "y": 100, "w": 900, "h": 600}, "tags": [{"name": "cat"}]}]}
}


def photo(width: int, height: int, seed: int = 0) -> Image.Image:
    """Colour gradients with sensor-like noise: as many colours as a photograph."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    smooth = np.stack([x * 255 / width, y * 255 / height, (x + y) * 127 / (width + height)], axis=-1)
    return Image.fromarray(np.clip(smooth + rng.normal(0, 8, smooth.shape), 0, 255).astype(np.uint8))


def shown(image: Image.Image) -> dict:
    """What IPython stores in the notebook for ``image``: MIME type -> data."""
    data, _ = DisplayFormatter().format(image)
    return {mime: value for mime, value in data.items() if mime.startswith("image/")}


def test_a_plain_pillow_image_is_stored_twice():  # the problem this module solves
    assert sorted(shown(photo(300, 200))) == ["image/jpeg", "image/png"]


def test_a_large_photo_drawing_shows_as_one_bounded_jpeg_and_keeps_every_pixel():
    source = photo(800, 600).resize((4000, 3000))
    drawn = vv.draw(source, BOX)
    assert isinstance(drawn, Image.Image) and isinstance(drawn, Drawing)
    assert drawn.size == (4000, 3000)
    (mime, data), = shown(drawn).items()
    assert mime == "image/jpeg"
    preview = Image.open(io.BytesIO(data))
    assert preview.size == (DISPLAY_MAX_SIDE, 1200)
    assert len(data) < 1_000_000 * 3 / 4  # under 1 MB once base64-encoded into the notebook
    saved = io.BytesIO()
    drawn.save(saved, "PNG")
    assert Image.open(saved).size == (4000, 3000)
    assert np.array_equal(np.asarray(Image.open(saved)), np.asarray(drawn))


@pytest.mark.parametrize(
    "image, mime",
    [
        (Image.new("RGB", (300, 200), "white"), "image/png"),  # flat: a document, clip art
        (photo(300, 200), "image/jpeg"),  # a photograph
        (Image.new("RGBA", (300, 200), (0, 0, 0, 0)), "image/png"),  # transparency needs PNG
        (Image.new("L", (300, 200), 128), "image/png"),
        (photo(300, 200).convert("L"), "image/jpeg"),  # few colours, but a photograph
    ],
    ids=["flat", "photo", "transparent", "grey", "grey-photo"],
)
def test_each_drawing_shows_in_exactly_one_format(image, mime):
    assert list(shown(vv.draw(image, BOX))) == [mime]


def test_small_drawings_show_at_full_size():
    (data,) = shown(vv.draw(Image.new("RGB", (640, 480), "white"), BOX)).values()
    assert Image.open(io.BytesIO(data)).size == (640, 480)


def test_every_drawing_function_returns_a_drawing():
    image = Image.new("RGB", (200, 100), "white")
    crop = {"smartCropsResult": {"values": [{"aspectRatio": 1.0, "boundingBox": {"x": 0, "y": 0, "w": 50, "h": 50}}]}}
    color = {"color": {"dominantColorForeground": "Black", "dominantColorBackground": "White", "dominantColors": []}}
    for drawn in (
        vv.draw(image, BOX),
        vv.draw_boxes(image, [(1, 1, 50, 50)]),
        vv.draw_caption(image, {"captionResult": {"text": "a cat", "confidence": 0.9}}),
        vv.compare_crops(image, crop, height=50),
        vv.color_swatch(color),
    ):
        assert type(drawn) is Drawing


def test_the_drawing_survives_pillow_numpy_copy_and_pickle():
    source = photo(120, 80)
    drawn = vv.draw(source, BOX)
    pixels = np.asarray(drawn).copy()
    assert np.array_equal(np.asarray(drawn.crop((0, 0, 120, 80))), pixels)
    assert drawn.resize((60, 40)).size == (60, 40) and drawn.convert("L").mode == "L"
    assert np.array_equal(np.asarray(drawn.copy()), pixels)
    for clone in (pickle.loads(pickle.dumps(drawn)), copy.deepcopy(drawn)):
        assert type(clone) is Drawing and np.array_equal(np.asarray(clone), pixels)
    assert repr(drawn).startswith("<vision_viz.Drawing image mode=RGB size=120x80")


def test_the_drawing_shares_no_pixels_with_the_callers_image():
    source = Image.new("RGB", (50, 40), "white")
    drawn = vv.draw(source, {"objectsResult": {"values": []}})
    drawn.putpixel((0, 0), (1, 2, 3))
    assert source.getpixel((0, 0)) == (255, 255, 255)


def test_no_ipython_setting_is_changed():
    formatter = DisplayFormatter()
    before = {mime: dict(f.type_printers) for mime, f in formatter.formatters.items()}
    formatter.format(vv.draw(photo(100, 80), BOX))
    assert {mime: dict(f.type_printers) for mime, f in formatter.formatters.items()} == before


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P", "1", "I;16", "I", "F", "CMYK", "LA", "PA"])
def test_as_drawing_keeps_mode_palette_and_pixels(mode):
    from vision_viz._display import wrap_drawing as as_drawing

    image = Image.new(mode, (60, 40), 40000) if mode.startswith(("I", "F")) else photo(60, 40).convert(mode)
    drawing = as_drawing(image.copy())
    assert (drawing.mode, drawing.size) == (mode, (60, 40))
    assert np.array_equal(np.asarray(drawing), np.asarray(image))
    assert drawing.convert("RGB").tobytes() == image.convert("RGB").tobytes()  # palette kept for "P"
    assert len(shown(drawing)) == 1


def test_as_drawing_shows_a_composed_picture_once_and_leaves_the_original_apart():
    import vision_viz as vv

    sheet = Image.new("RGB", (3200, 800), "white")
    shown = vv.as_drawing(sheet)
    sheet.putpixel((0, 0), (255, 0, 0))
    assert shown.getpixel((0, 0)) == (255, 255, 255), "a copy: later changes to the original do not show"
    bundle = shown._repr_mimebundle_()
    assert list(bundle) == ["image/png"] and Image.open(io.BytesIO(bundle["image/png"])).size == (1600, 400)
    assert vv.as_drawing(shown) is shown
