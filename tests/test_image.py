"""Opening images of every kind a user may hold (vision_viz._image), with EXIF and huge images."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest
from PIL import Image

from vision_viz import ImageLoadError
from vision_viz._image import REUSED_IMAGE_BLOCKS, SERVICE_MAX_PIXELS, load_image

RED = (255, 0, 0)


def png_bytes(image: Image.Image, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


def phone_photo() -> bytes:
    """20 x 10 stored pixels, red in the stored top-left corner, EXIF orientation 6 (turn 90° clockwise)."""
    stored = Image.new("RGB", (20, 10), (0, 0, 0))
    stored.paste(RED, (0, 0, 5, 5))
    exif = Image.Exif()
    exif[0x0112] = 6
    return png_bytes(stored, exif=exif)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda tmp: Image.new("RGB", (8, 6), RED), id="pillow"),
        pytest.param(lambda tmp: png_bytes(Image.new("RGB", (8, 6), RED)), id="bytes"),
        pytest.param(lambda tmp: bytearray(png_bytes(Image.new("RGB", (8, 6), RED))), id="bytearray"),
        pytest.param(lambda tmp: np.full((6, 8, 3), (255, 0, 0), np.uint8), id="numpy-uint8"),
        pytest.param(lambda tmp: np.tile(np.array([1.0, 0.0, 0.0]), (6, 8, 1)), id="numpy-float"),
        pytest.param(lambda tmp: np.tile(np.array([65535, 0, 0], np.uint16), (6, 8, 1)), id="numpy-uint16"),
    ],
)
def test_every_kind_of_image_opens_as_rgb(make, tmp_path):
    picture, size = load_image(make(tmp_path))
    assert (picture.mode, picture.size, size, picture.getpixel((3, 3))) == ("RGB", (8, 6), (8, 6), RED)


def test_paths_open_and_greyscale_and_alpha_are_kept_usable(tmp_path):
    path = tmp_path / "grey.png"
    Image.new("L", (5, 4), 200).save(path)
    picture, _ = load_image(path)
    assert picture.mode == "RGB" and picture.getpixel((0, 0)) == (200, 200, 200)
    picture, _ = load_image(str(path))
    assert picture.size == (5, 4)
    picture, _ = load_image(np.zeros((4, 5, 4), np.uint8))
    assert picture.mode == "RGBA"
    picture, _ = load_image(np.ones((4, 5), bool))
    assert picture.getpixel((0, 0)) == (255, 255, 255)


def test_the_callers_image_is_never_returned_or_changed():
    original = Image.new("RGB", (8, 6), RED)
    picture, _ = load_image(original)
    picture.putpixel((0, 0), (0, 0, 0))
    assert picture is not original and original.getpixel((0, 0)) == RED
    array = np.zeros((6, 8, 3), np.uint8)
    picture, _ = load_image(array)
    picture.putpixel((0, 0), (9, 9, 9))
    assert array.max() == 0


def test_max_side_never_shrinks_the_callers_image(tmp_path):
    path = tmp_path / "big.jpg"
    Image.new("RGB", (4000, 2000), RED).save(path, quality=90)
    opened = Image.open(path)  # only the header is read: draft() would shrink this object
    picture, size = load_image(opened, max_side=500)
    assert picture.size == (500, 250) and size == (4000, 2000)
    assert opened.size == (4000, 2000) and opened.tile  # not shrunk, not even decoded
    opened.draft("RGB", (1000, 500))  # the caller's own choice is kept
    picture, size = load_image(opened, max_side=500)
    assert picture.size == (500, 250) and size == opened.size == (1000, 500)
    opened = Image.open(path)
    opened.load()
    picture, _ = load_image(opened, max_side=500)
    assert picture.size == (500, 250) and opened.size == (4000, 2000)
    in_memory = Image.open(io.BytesIO(path.read_bytes()))  # as from a download: no file name
    position = in_memory.fp.tell()
    picture, _ = load_image(in_memory, max_side=500)
    assert picture.size == (500, 250) and in_memory.size == (4000, 2000) and in_memory.tile
    assert in_memory.fp.tell() == position  # the caller's stream is where it was, and still decodes
    assert in_memory.convert("RGB").getpixel((0, 0))[0] > 250


def test_exif_orientation_is_applied():
    picture, size = load_image(phone_photo())
    assert picture.size == size == (10, 20)
    assert picture.getpixel((9, 0)) == RED and picture.getpixel((0, 0)) == (0, 0, 0)


def test_max_side_shrinks_and_reports_the_full_size(tmp_path):
    path = tmp_path / "big.jpg"
    Image.new("RGB", (4000, 2000), RED).save(path, quality=90)
    picture, size = load_image(path, max_side=500)
    assert picture.size == (500, 250) and size == (4000, 2000)
    picture, size = load_image(phone_photo(), max_side=10)
    assert picture.size == (5, 10) and size == (10, 20)


def test_images_up_to_the_service_maximum_are_allowed(monkeypatch):
    # Pillow refuses images above twice its MAX_IMAGE_PIXELS; the service accepts 16,000 x 16,000.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10)
    picture, _ = load_image(png_bytes(Image.new("RGB", (8, 6))))
    assert picture.size == (8, 6)
    assert Image.MAX_IMAGE_PIXELS == 10  # restored
    assert SERVICE_MAX_PIXELS == 256_000_000


@pytest.mark.parametrize(
    ("image", "error", "match"),
    [
        pytest.param("no/such/file.jpg", ImageLoadError, "no image file", id="missing-file"),
        pytest.param(b"definitely not an image", ImageLoadError, "not an image", id="garbage-bytes"),
        pytest.param(
            png_bytes(Image.new("RGB", (50, 50)))[:60], ImageLoadError, "could not be decoded", id="truncated"
        ),
        pytest.param(np.zeros((4, 5, 2), np.uint8), ImageLoadError, "H x W x 3", id="two-channels"),
        pytest.param(np.zeros((0, 5, 3), np.uint8), ImageLoadError, "H x W", id="empty-array"),
        pytest.param(np.array([["a"]]), ImageLoadError, "numbers", id="strings-array"),
        pytest.param(12, TypeError, "Cannot draw on a int", id="number"),
        pytest.param(None, TypeError, "Cannot draw on a NoneType", id="none"),
    ],
)
def test_unreadable_images_raise_clearly(image, error, match):
    with pytest.raises(error, match=match):
        load_image(image)


def _pillow_memory_after_two_draws(environment: dict[str, str], before: str = "") -> dict:
    """In a fresh interpreter: Pillow's block cache setting after import, and its stats after two draws."""
    code = f"""if True:
        import json
        from PIL import Image
        {before}
        import vision_viz
        after_import = Image.core.get_blocks_max()
        photo = Image.new("RGB", (2000, 1500))
        body = {{"objectsResult": {{"values": [{{"boundingBox": {{"x": 10, "y": 10, "w": 500, "h": 400}}, "tags": []}}]}}}}
        vision_viz.draw(photo, body)  # freed at once: its blocks may be kept
        Image.core.reset_stats()
        vision_viz.draw(photo, body)
        stats = Image.core.get_stats()
        print(json.dumps({{"after_import": after_import, "after_draw": Image.core.get_blocks_max(),
                          "reused_blocks": stats["reused_blocks"]}}))
    """
    clean = {key: value for key, value in os.environ.items() if not key.startswith("PILLOW_")}
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean | environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_drawing_lets_pillow_reuse_freed_image_memory():
    # A new 12 MP image in new memory costs ~40 ms of page faults, reused memory ~5 ms (benchmarks/).
    memory = _pillow_memory_after_two_draws({})
    assert memory["after_import"] == 0  # importing changes nothing
    assert memory["after_draw"] == REUSED_IMAGE_BLOCKS
    assert memory["reused_blocks"] > 0


@pytest.mark.parametrize(
    ("environment", "before", "kept"),
    [
        pytest.param({"PILLOW_BLOCKS_MAX": "0"}, "", 0, id="environment-0"),
        pytest.param({"PILLOW_BLOCKS_MAX": "1"}, "", 1, id="environment-1"),
        pytest.param({}, "Image.core.set_blocks_max(5)", 5, id="set-by-the-program"),
    ],
)
def test_a_block_cache_setting_the_program_chose_is_kept(environment, before, kept):
    memory = _pillow_memory_after_two_draws(environment, before)
    assert memory["after_import"] == memory["after_draw"] == kept
    if kept == 0:
        assert memory["reused_blocks"] == 0


def test_sixteen_bit_and_float_images_are_scaled_not_clipped():
    ramp = np.repeat(np.array([[0, 16448, 32896, 65535]], np.uint16), 2, axis=0)  # 0, 1/4, 1/2, 1 of 16 bits
    expected = [0, 64, 128, 255]
    sixteen_bit = Image.fromarray(ramp)
    assert sixteen_bit.mode == "I;16"
    for image in (sixteen_bit, png_bytes(sixteen_bit), ramp):
        picture, _ = load_image(image)
        assert [picture.getpixel((x, 0))[0] for x in range(4)] == expected
    floats = {"0 to 1": (0.5, 128), "0 to 255": (128.0, 128), "0 to 1, overshot by filtering": (1.02, 255)}
    for value, grey in floats.values():
        picture, _ = load_image(Image.new("F", (3, 2), value))
        assert picture.getpixel((0, 0)) == (grey,) * 3
        picture, _ = load_image(np.full((2, 3), value))
        assert picture.getpixel((0, 0)) == (grey,) * 3
    picture, _ = load_image(np.array([[0.5, np.inf], [np.nan, 0.2]]))  # inf does not turn 0-1 into 0-255
    assert [picture.getpixel(xy)[0] for xy in ((0, 0), (1, 0), (0, 1), (1, 1))] == [128, 255, 0, 51]
    stray = np.full((20, 20), 0.5)
    stray[0, 0] = 3.0  # one stray pixel does not turn 0-1 into 0-255
    assert load_image(stray)[0].getpixel((5, 5)) == (128,) * 3
    eight_bit_in_32 = Image.fromarray(np.array([[0, 128, 255]], np.int32))  # mode I, 8-bit values
    assert eight_bit_in_32.mode == "I"
    assert [load_image(eight_bit_in_32)[0].getpixel((x, 0))[0] for x in range(3)] == [0, 128, 255]
    big = Image.fromarray(np.full((300, 400), 32896, np.uint16))  # half of 16 bits, shrunk first
    picture, size = load_image(big, max_side=40)
    assert (picture.size, size, picture.getpixel((20, 15))) == ((40, 30), (400, 300), (128, 128, 128))


def two_page_tiff(path) -> None:
    """Page 1 red, page 2 blue, both 8 x 6."""
    Image.new("RGB", (8, 6), RED).save(path, save_all=True, append_images=[Image.new("RGB", (8, 6), (0, 0, 255))])


def test_a_page_of_a_document_opens_that_page(tmp_path, recwarn):
    path = tmp_path / "letter.tiff"
    two_page_tiff(path)
    assert load_image(path)[0].getpixel((0, 0)) == RED
    assert load_image(path, page=2)[0].getpixel((0, 0)) == (0, 0, 255)
    assert load_image(path.read_bytes(), page=2)[0].getpixel((0, 0)) == (0, 0, 255)
    with pytest.raises(ImageLoadError, match="has 2 pages: there is no page 3"):
        load_image(path, page=3)
    single = tmp_path / "page-2.png"  # one page of a document, saved as a picture of its own
    Image.new("RGB", (8, 6), (0, 0, 255)).save(single)
    assert load_image(single, page=2)[0].getpixel((0, 0)) == (0, 0, 255)
    assert load_image(single.read_bytes(), page=2)[0].getpixel((0, 0)) == (0, 0, 255)
    assert not [w for w in recwarn if issubclass(w.category, ResourceWarning)]  # the file was closed


def test_a_pillow_document_at_another_page_than_asked_warns_and_is_not_moved(tmp_path):
    path = tmp_path / "letter.tiff"
    two_page_tiff(path)
    with Image.open(path) as document:
        with pytest.warns(UserWarning, match=r"shows page 1 .* page 2 was asked for: call \.seek\(1\)") as caught:
            picture, _ = load_image(document, page=2)
        assert caught[0].filename == __file__  # points at the caller's line
        assert document.tell() == 0 and picture.getpixel((0, 0)) == RED
        document.seek(1)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # none: the page shown is the page asked for
            assert load_image(document, page=2)[0].getpixel((0, 0)) == (0, 0, 255)


def test_a_huge_image_without_max_side_warns_how_to_draw_it_small(monkeypatch):
    from vision_viz import _image

    monkeypatch.setattr(_image, "LARGE_PIXELS", 199)  # as if 200 pixels were huge
    with pytest.warns(UserWarning, match=r"20 x 10 pixels: .* Pass max_side=2048") as caught:
        load_image(Image.new("RGB", (20, 10)))
    assert caught[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_image(Image.new("RGB", (20, 10)), max_side=5)[0].size == (5, 2)
        load_image(Image.new("RGB", (19, 10)))
