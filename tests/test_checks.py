import io
import re
import subprocess
import sys

import pytest
from PIL import Image

from conftest import ROOT
from vision_viz import ImageCheckError, check_image
from vision_viz._checks import ImageInfo


def encode(size=(64, 64), fmt="PNG", mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "WEBP", "TIFF", "ICO"])
def test_formats_the_4_0_api_takes(fmt):
    info = check_image(encode(fmt=fmt), api="4.0")
    assert (info.format, info.width, info.height) == (fmt, 64, 64)


@pytest.mark.parametrize("fmt", ["WEBP", "TIFF", "ICO"])
def test_formats_only_4_0_takes_are_refused_by_3_2(fmt):
    with pytest.raises(ImageCheckError, match=f"InvalidImageFormat: this is a {fmt} file") as caught:
        check_image(encode(fmt=fmt), api="3.2")
    assert caught.value.code == "InvalidImageFormat"


@pytest.mark.parametrize(
    "data, words",
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"hello, world", "not an image format", id="text"),
        pytest.param(b"%PDF-1.7 ...", "a PDF file", id="pdf"),
        pytest.param(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40, "a HEIC file", id="heic"),
    ],
)
def test_unsupported_data(data, words):
    with pytest.raises(ImageCheckError, match=words) as caught:
        check_image(data)
    assert caught.value.code == "InvalidImageFormat"


@pytest.mark.parametrize("size", [(50, 100), (100, 50), (16000, 60), (60, 16000)], ids=str)
def test_pixel_dimensions_out_of_range(size):
    with pytest.raises(ImageCheckError, match=r"InvalidImageSize: the image is \d+ × \d+ pixels"):
        check_image(encode(size=size, mode="1"))


@pytest.mark.parametrize("size", [(51, 51), (15999, 51)], ids=str)
def test_pixel_dimensions_just_inside_the_range(size):
    assert check_image(encode(size=size, mode="1")).width == size[0]


def test_file_size_limits_differ_by_api():
    big = encode(fmt="BMP", size=(1200, 1200))  # about 4.1 MB
    assert 4 * 2**20 < len(big) < 20 * 2**20
    assert check_image(big, api="4.0").format == "BMP"
    with pytest.raises(
        ImageCheckError, match="InvalidImageSize: the file is 4.1 MB; Image Analysis 3.2 takes less than 4 MB"
    ):
        check_image(big, api="3.2")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF"])
def test_a_truncated_image_gets_a_clear_error(fmt):
    buffer = io.BytesIO()
    Image.effect_noise((300, 300), 60).convert("RGB").save(buffer, fmt)
    data = buffer.getvalue()
    with pytest.raises(ImageCheckError, match="corrupt or truncated"):
        check_image(data[: len(data) // 2])


def test_a_path_works_and_a_missing_file_says_which(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(encode())
    assert check_image(path).format == "PNG"
    with pytest.raises(FileNotFoundError, match="no image file at .*missing.png"):
        check_image(tmp_path / "missing.png")


def test_unknown_api_version():
    with pytest.raises(ValueError, match="api must be one of 4.0, 3.2"):
        check_image(encode(), api="5.0")


def test_the_read_operation_takes_documents_and_larger_files():
    tiff = encode(fmt="TIFF", size=(200, 100))
    assert check_image(tiff, api="3.2-read").format == "TIFF"
    assert check_image(b"%PDF-1.7 ...", api="3.2-read").width is None, "a PDF has no pixel rule"
    with pytest.raises(ImageCheckError, match="a GIF file; Read 3.2 takes JPEG, PNG, BMP, PDF, TIFF"):
        check_image(encode(fmt="GIF"), api="3.2-read")


@pytest.mark.parametrize(
    "api, size, advice",
    [
        pytest.param("4.0", (40, 40), "Enlarge it (Pillow: image = image.resize((51, 51))).", id="icon"),
        pytest.param("4.0", (50, 50), "Enlarge it (Pillow: image = image.resize((51, 51))).", id="50px"),
        pytest.param("4.0", (30, 200), "Enlarge it (Pillow: image = image.resize((51, 340))).", id="narrow"),
        pytest.param(
            "4.0", (16000, 100), "Shrink it, keeping its shape (Pillow: image = image.resize((15999, 100))).", id="wide"
        ),
        pytest.param(
            "4.0", (300, 17000), "Shrink it, keeping its shape (Pillow: image = image.resize((282, 15999))).", id="tall"
        ),
        pytest.param(
            "4.0",
            (16000, 40),
            "No resize fits it: its sides are 400 to 1, and at most 314 to 1 fits. "
            "Pad it (Pillow: image = ImageOps.pad(image, (15999, 51))).",
            id="strip",
        ),
        pytest.param(
            "4.0",
            (60, 20000),
            "No resize fits it: its sides are 333 to 1, and at most 314 to 1 fits. Pad it (Pillow: image = "
            "ImageOps.pad(image, (51, 15999))), or crop it into pieces of at most 15,999 pixels.",
            id="long-strip",
        ),
        pytest.param("3.2-read", (40, 40), "Enlarge it (Pillow: image = image.resize((50, 50))).", id="read-icon"),
    ],
)
def test_a_refused_pixel_size_gets_advice_that_makes_it_pass(api, size, advice):
    # Issue (learner review): the advice was always image.thumbnail((4000, 4000)), which only shrinks:
    # a 40 x 40 icon stayed 40 x 40, and a 16,000 x 100 strip became 4,000 x 25, refused again.
    from PIL import ImageOps

    image = Image.new("L", size, 255)
    with pytest.raises(ImageCheckError) as caught:
        check_image(image, api=api)
    message = str(caught.value)
    assert message.endswith(advice)
    code = re.search(r"Pillow: (image = .*\)\))\)", message)
    assert code is not None
    scope = {"image": image, "ImageOps": ImageOps}
    exec(code.group(1), scope)  # do what the advice says
    assert check_image(scope["image"], api=api).width == scope["image"].width


@pytest.mark.parametrize(
    "size, fits", [((50, 50), True), ((10000, 60), True), ((10001, 60), False), ((49, 60), False)], ids=str
)
def test_the_read_operation_takes_50_to_10000_pixels_a_side(size, fits):
    data = encode(size=size, mode="1")
    if fits:
        assert check_image(data, api="3.2-read").width == size[0]
    else:
        with pytest.raises(ImageCheckError, match="Read 3.2 takes 50 to 10,000 pixels on each side"):
            check_image(data, api="3.2-read")


def test_pillow_images_and_arrays_are_checked_like_draw_takes_them(tmp_path):
    # Issue 12: check_image refused them with pathlib's TypeError although draw takes them.
    import numpy as np

    assert check_image(Image.new("RGB", (640, 480))) == ImageInfo(None, 640, 480, None)
    assert check_image(np.zeros((480, 640, 3), np.uint8)) == ImageInfo(None, 640, 480, None)
    assert check_image(np.zeros((480, 640), bool)).width == 640
    path = tmp_path / "photo.webp"
    path.write_bytes(encode(size=(80, 60), fmt="WEBP"))
    with Image.open(path) as opened:  # opened from a file: its format is known, and checked
        assert check_image(opened) == ImageInfo("WEBP", 80, 60, None)
        with pytest.raises(ImageCheckError, match="this is a WEBP file; Image Analysis 3.2 takes JPEG, PNG"):
            check_image(opened, api="3.2")
    with pytest.raises(ImageCheckError, match=r"InvalidImageSize: the image is 40 × 480 pixels"):
        check_image(np.zeros((480, 40, 3), np.uint8))
    with pytest.raises(ImageCheckError, match=r"InvalidImageSize: the image is 16000 × 60 pixels"):
        check_image(Image.new("1", (16000, 60)))
    with pytest.raises(ImageCheckError, match=r"InvalidImageFormat: an image array must be H x W.*\(2, 3, 4, 5\)"):
        check_image(np.zeros((2, 3, 4, 5), np.uint8))


@pytest.mark.parametrize(
    "image, words",
    [
        pytest.param(12, "not a int", id="number"),
        pytest.param(None, "not a NoneType", id="none"),
        pytest.param(io.BytesIO(b"x"), r"not a BytesIO \(pass file.read\(\), or the path\)", id="open-file"),
        pytest.param(["photo.jpg"], "not a list", id="list"),
    ],
)
def test_wrong_argument_types_get_a_clear_error(image, words):
    takes = "check_image takes a file path, the image's bytes, a Pillow image or a numpy array"
    with pytest.raises(TypeError, match=f"{takes}, {words}"):
        check_image(image)
    with pytest.raises(ValueError, match="api must be one of 4.0, 3.2, 3.2-read"):
        check_image(encode(), api=4.0)


@pytest.mark.parametrize("cut", [3, 20, 100, -10], ids=lambda cut: f"cut-at-{cut}")
def test_a_jpeg_cut_inside_its_header_names_the_file(tmp_path, cut):
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 60).convert("RGB").save(buffer, "JPEG")
    data = buffer.getvalue()
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: cut if cut > 0 else data.index(b"\xff\xda") + cut])
    cut_off = r"InvalidImageFormat: the file '.*cut\.jpg' starts like a JPEG file .* download it again"
    with pytest.raises(ImageCheckError, match=cut_off):
        check_image(path)


def test_an_image_above_pillows_guard_is_measured_from_its_header(monkeypatch):
    # The guard (PIL.Image.MAX_IMAGE_PIXELS) is the program's: check_image neither lifts it nor
    # takes its refusal for the service's; the header tells the size without decoding.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    for fmt in ("PNG", "JPEG", "GIF", "BMP", "WEBP", "TIFF"):
        info = check_image(encode(size=(120, 90), fmt=fmt))  # 10,800 pixels: above twice the guard
        assert (info.format, info.width, info.height) == (fmt, 120, 90)
        with pytest.raises(ImageCheckError, match="InvalidImageSize: the image is 16000 × 60 pixels"):
            check_image(encode(size=(16000, 60), fmt=fmt, mode="1" if fmt != "WEBP" else "L"))
    assert Image.MAX_IMAGE_PIXELS == 1000


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "WEBP", "TIFF", "ICO"])
def test_parse_knows_image_data_by_the_same_signatures_as_check_image(fmt):
    # Issue 16: the signatures had two homes, and parse knew five of the seven image formats.
    from vision_viz import ResponseBodyError, parse
    from vision_viz._checks import sniff_format

    data = encode(fmt=fmt)
    assert sniff_format(data) == fmt
    with pytest.raises(ResponseBodyError, match=f"This is {fmt} image data, not a JSON response body"):
        parse(data)


def test_images_are_checked_from_many_threads_while_pillow_is_first_imported():
    """The batch runner checks images in worker threads; Pillow may still be importing in another one."""
    png = str(ROOT / "notebooks" / "images" / "chelsea.png")
    code = (
        "import threading, vision_viz as vv\n"
        f"png = open({png!r}, 'rb').read()\n"
        "barrier, errors = threading.Barrier(8), []\n"
        "def check():\n"
        "    barrier.wait()\n"
        "    try:\n"
        "        vv.check_image(png)\n"
        "    except Exception as error:\n"
        "        errors.append(repr(error))\n"
        "threads = [threading.Thread(target=check) for _ in range(8)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(errors)\n"
    )
    for _ in range(3):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert result.stdout.strip() == "[]", result.stdout
