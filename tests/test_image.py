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
from PIL import Image, ImageOps, features

from vision_viz import ImageLoadError
from vision_viz._image import load_image

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


def test_pillows_guard_is_the_programs_and_its_refusal_says_what_to_do(monkeypatch):
    # Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; vision_viz no longer lifts it.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 30)
    with pytest.warns(Image.DecompressionBombWarning):
        picture, _ = load_image(png_bytes(Image.new("RGB", (8, 6))))  # 48 pixels: warned, drawn
    assert picture.size == (8, 6)
    too_many = r"the bytes given: it is 10 x 7 pixels, more than Pillow's guard"
    with pytest.raises(ImageLoadError, match=too_many) as caught:
        load_image(png_bytes(Image.new("RGB", (10, 7))))  # 70 pixels
    assert "PIL.Image.MAX_IMAGE_PIXELS = 256_000_000 (the service's largest image)" in str(caught.value)
    assert Image.MAX_IMAGE_PIXELS == 30


def test_an_image_larger_than_the_service_takes_is_refused_before_decoding(monkeypatch):
    from vision_viz import _image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # the program turned Pillow's guard off
    monkeypatch.setattr(_image, "MAX_PIXELS", 100)  # as if the service took 100 pixels at most
    opened = Image.open(io.BytesIO(png_bytes(Image.new("RGB", (20, 10)))))
    for image in (opened, png_bytes(Image.new("RGB", (20, 10))), np.zeros((10, 20, 3), np.uint8)):
        with pytest.raises(ImageLoadError, match=r"it is 20 x 10 pixels, more than the service's largest image"):
            load_image(image)
    assert opened.tile, "the caller's image was decoded"


# A PNG of 22,600 x 22,600 black pixels: 2.5 GB once decoded and widened to RGB, 62 KB on disk.
_HUGE_SIDE = 22_600


def _huge_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (_HUGE_SIDE + 7) // 8)  # filter byte, then 1-bit pixels
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row * 100) for _ in range(_HUGE_SIDE // 100)) + packer.flush()
    header = struct.pack(">IIBBBBB", _HUGE_SIDE, _HUGE_SIDE, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.mark.parametrize("guard", ["None", "Image.MAX_IMAGE_PIXELS"], ids=["guard-off", "guard-default"])
def test_a_22600_pixel_png_is_refused_without_decoding_it(tmp_path, guard):
    # Issue 12: 1x to 2x the service's limit used to be decoded in full (2.5 GB, above Binder's 2 GB).
    path = tmp_path / "huge.png"
    path.write_bytes(_huge_png())
    code = f"""if True:
        import json, resource, sys
        from PIL import Image
        import vision_viz as vv

        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))  # 1 GB: decoding it would fail loudly
        Image.MAX_IMAGE_PIXELS = {guard}
        errors = []
        for call in (lambda: vv.draw(sys.argv[1], {{}}), lambda: vv.draw(sys.argv[1], {{}}, max_side=1024)):
            try:
                call()
            except vv.ImageLoadError as error:
                errors.append(str(error))
        try:
            vv.check_image(sys.argv[1])
        except vv.ImageCheckError as error:
            errors.append(str(error))
        # this process's peak since it started (ru_maxrss would count the parent's memory at fork)
        status = open("/proc/self/status").read() if sys.platform == "linux" else ""
        hwm = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
        peak = int(hwm[0]) // 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps({{"errors": errors, "peak_mb": peak}}))
    """
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert len(result["errors"]) == 3, result
    for message in result["errors"][:2]:
        assert "huge.png" in message and "22,600 x 22,600 pixels" in message
    assert "more than the service's largest image" in result["errors"][0] or "MAX_IMAGE_PIXELS" in result["errors"][0]
    assert "InvalidImageSize: the image is 22600 × 22600 pixels" in result["errors"][2]
    assert result["peak_mb"] < 300  # a fresh interpreter with Pillow and numpy: about 40 MB


def _jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize("cut", [3, 10, 20, 100, 400, -10], ids=lambda cut: f"cut-at-{cut}")
def test_a_jpeg_cut_inside_its_header_says_so_and_names_the_file(tmp_path, cut):
    data = _jpeg_bytes()
    cut = cut if cut > 0 else data.index(b"\xff\xda") + cut  # -10: just before the scan starts
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[:cut])
    cut_off = (
        r"the file '.*cut\.jpg': it starts like a JPEG file but its header is cut off or corrupt .*Copy or download"
    )
    with pytest.raises(ImageLoadError, match=f"Cannot open {cut_off}"):
        load_image(path)
    with pytest.raises(ImageLoadError, match=r"the bytes given: it starts like a JPEG file"):
        load_image(data[:cut])


@pytest.mark.parametrize(
    ("image", "error", "match"),
    [
        pytest.param("no/such/file.jpg", ImageLoadError, "no image file", id="missing-file"),
        pytest.param(b"definitely not an image", ImageLoadError, "not an image", id="garbage-bytes"),
        pytest.param(
            png_bytes(Image.new("RGB", (50, 50)))[:60],
            ImageLoadError,
            "bytes given .* cut off or corrupt",
            id="truncated",
        ),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", ImageLoadError, "is a PDF document.*Render the page", id="pdf"),
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


_NO_SIDE_EFFECTS = """if True:
    import io, json, sys, warnings
    import PIL.Image as I, gc, numpy as np, vision_viz as vv

    I.MAX_IMAGE_PIXELS = 5_000  # the program's decompression-bomb guard, low so small images reach it
    gc.set_threshold(50, 7, 7)  # the program's collector settings
    settings = lambda: [I.core.get_blocks_max(), I.MAX_IMAGE_PIXELS, gc.isenabled(), list(gc.get_threshold())]
    before = settings()
    collections = []  # collector runs seen while drawing
    gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info["generation"]))

    def png(side):
        buffer = io.BytesIO()
        I.new("RGB", (side, side), "white").save(buffer, "PNG")
        return buffer.getvalue()

    path = sys.argv[1]
    open(path, "wb").write(png(60))
    box = {"boundingBox": {"x": 5, "y": 5, "w": 30, "h": 20}, "tags": [{"name": "cat", "confidence": 0.9}]}
    body = {"objectsResult": {"values": [box] * 40}}
    vv.draw(I.new("RGB", (60, 60)), body)  # imports and font caches first: they are not drawing
    result = {"collections_while_drawing": 0, "guard_warnings": 0}
    for image in (path, png(60), I.open(io.BytesIO(png(60))), np.zeros((60, 60, 3), np.uint8), png(80)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            seen = len(collections)
            vv.draw(image, body)
            result["collections_while_drawing"] += len(collections) - seen
            if not isinstance(image, np.ndarray):
                vv.check_image(image)
        result["guard_warnings"] += sum(issubclass(w.category, I.DecompressionBombWarning) for w in caught)
    try:  # 110 x 110 is above twice the guard: Pillow refuses to open it for drawing
        vv.draw(png(110), body)
    except vv.ImageLoadError as error:
        result["too_large"] = str(error)
    result["checked_from_its_header"] = vv.check_image(png(110)).width
    result["before"], result["after"] = before, settings()
    print(json.dumps(result))
"""


def test_drawing_and_checking_change_no_setting_of_the_program(tmp_path):
    # Issue 16: Pillow's block cache, its decompression-bomb guard and Python's cycle collector
    # belong to the program. A fresh interpreter sees them unchanged after drawing and checking
    # images of every kind, the guard in force during the calls, and the collector running.
    clean = {key: value for key, value in os.environ.items() if not key.startswith("PILLOW_")}
    run = subprocess.run(
        [sys.executable, "-c", _NO_SIDE_EFFECTS, str(tmp_path / "photo.png")],
        env=clean, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["after"] == result["before"] == [0, 5_000, True, [50, 7, 7]]
    assert result["collections_while_drawing"] > 0  # the collector is never paused
    assert result["guard_warnings"] == 2  # Pillow's own warning for the 80 x 80 image: drawn, then checked
    assert "MAX_IMAGE_PIXELS" in result["too_large"] and "110 x 110" in result["too_large"]
    assert result["checked_from_its_header"] == 110  # the service takes it: the guard is no answer


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


# --- EXIF orientation: every orientation of every format Pillow reads EXIF from, against Pillow ---

GREEN = (0, 255, 0)
_ORIENTED_FORMATS = [
    pytest.param("JPEG", id="JPEG"),
    pytest.param("MPO", id="MPO"),
    pytest.param("PNG", id="PNG"),
    pytest.param("TIFF", id="TIFF"),  # Pillow turns TIFFs itself, and says their size upright
    pytest.param("WEBP", id="WEBP"),
    pytest.param(
        "AVIF", id="AVIF", marks=pytest.mark.skipif(not features.check("avif"), reason="Pillow built without AVIF")
    ),
]


def stored_photo(fmt: str, orientation: int) -> bytes:
    """60 x 40 stored pixels, black with a red 15 x 10 square near the stored top-left, EXIF ``orientation``."""
    stored = Image.new("RGB", (60, 40), (0, 0, 0))
    stored.paste(RED, (5, 3, 20, 13))
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    lossless = {"JPEG": {"quality": 100, "subsampling": 0}, "MPO": {"quality": 100, "subsampling": 0},
                "WEBP": {"lossless": True}, "AVIF": {"quality": 100}}.get(fmt, {})  # fmt: skip
    stored.save(buffer, fmt, exif=exif, **lossless)
    return buffer.getvalue()


def red_square(picture: Image.Image) -> tuple[int, int, int, int]:
    """The red square's pixel box ``x1, y1, x2, y2`` in an upright picture."""
    pixels = np.asarray(picture.convert("RGB")).astype(int)
    ys, xs = np.nonzero((pixels[:, :, 0] > 150) & (pixels[:, :, 1] < 100) & (pixels[:, :, 2] < 100))
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def box_body(size: tuple[int, int], box: tuple[int, int, int, int]) -> dict:
    """A 4.0 body, for an image of ``size``, with one object at ``box`` (x1, y1, x2, y2)."""
    x1, y1, x2, y2 = box
    tags = [{"name": "square", "confidence": 0.9}]
    objects = [{"boundingBox": {"x": x1, "y": y1, "w": x2 - x1, "h": y2 - y1}, "tags": tags}]
    return {"metadata": {"width": size[0], "height": size[1]}, "objectsResult": {"values": objects}}


@pytest.mark.parametrize("orientation", range(1, 9), ids=lambda o: f"orientation-{o}")
@pytest.mark.parametrize("fmt", _ORIENTED_FORMATS)
@pytest.mark.parametrize("kind", ["bytes", "opened", "opened-and-loaded", "max-side"])
def test_a_box_lands_on_its_object_whatever_the_exif_orientation(fmt, orientation, kind):
    # Issue 12: TIFFs of orientation 5 to 8 got misplaced boxes (Pillow 12 already turns them).
    # The service's box is where the square is in Pillow's upright picture (ImageOps.exif_transpose).
    from vision_viz import draw

    data = stored_photo(fmt, orientation)
    upright = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    square = red_square(upright)
    image: object = data
    if kind.startswith("opened"):
        image = Image.open(io.BytesIO(data))
        if kind == "opened-and-loaded":
            image.load()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the package knows: nothing to warn about
        picture, size = load_image(image, max_side=30 if kind == "max-side" else None)
        drawn = draw(image, box_body(upright.size, square), color="#00ff00", line_width=1, labels=False)
    assert size == drawn.size == upright.size
    assert picture.size == (upright.size if kind != "max-side" else (upright.width // 2, upright.height // 2))
    x1, y1, x2, y2 = square
    assert [drawn.getpixel(corner) for corner in ((x1, y1), (x2 - 1, y2 - 1))] == [GREEN, GREEN]
    centre = ((x1 + x2) // 2, (y1 + y2) // 2)
    assert drawn.getpixel(centre) == upright.convert("RGB").getpixel(centre)


@pytest.mark.parametrize("orientation", range(2, 9), ids=lambda o: f"orientation-{o}")
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_derived_pillow_image_is_turned_as_pillow_would_with_a_warning(fmt, orientation):
    # A copy or conversion keeps the EXIF tag but is no longer the file as opened: vision_viz
    # cannot tell whether its pixels were turned already. It does what exif_transpose does, and says so.
    data = stored_photo(fmt, orientation)
    upright = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    converted = Image.open(io.BytesIO(data)).convert("RGB")
    said = rf"made from another .* \(orientation {orientation}\): vision_viz turned it, as ImageOps.exif_transpose does"
    with pytest.warns(UserWarning, match=said):
        picture, size = load_image(converted)
    assert size == picture.size == upright.size and red_square(picture) == red_square(upright)


@pytest.mark.parametrize("orientation", [5, 6, 7, 8], ids=lambda o: f"orientation-{o}")
def test_an_array_of_a_turned_photo_draws_with_a_warning(orientation):
    # An array has no EXIF: when the service's answer describes the photo turned, the sizes disagree.
    from vision_viz import draw

    data = stored_photo("PNG", orientation)
    upright = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    stored = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))  # as np.asarray(Image.open(path)) gives
    with pytest.warns(UserWarning, match="describes a 40x60 image but the image is 60x40"):
        draw(stored, box_body(upright.size, red_square(upright)))
