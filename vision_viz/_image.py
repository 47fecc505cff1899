"""Open any image a user may hold (path, bytes, Pillow image, numpy array) as a new Pillow image.

EXIF orientation is applied, so boxes line up on phone photos, and huge images (the service accepts
up to 16,000 x 16,000 pixels) can be opened straight at display size without decoding every pixel.
"""

from __future__ import annotations

import functools
import io
import os
import threading
import warnings
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from vision_viz._errors import VisionError, warn

#: The largest image the service accepts; Pillow's decompression-bomb limit is raised to this.
SERVICE_MAX_PIXELS = 16_000 * 16_000
_EXIF_ORIENTATION = 0x0112
#: Freed image blocks (16 MB at most each) Pillow may keep for the next image; Pillow keeps none.
REUSED_IMAGE_BLOCKS = 3
_LIMIT_LOCK = threading.Lock()
#: Above this many pixels (a 48 MP photo has 48 million), drawing without ``max_side`` warns.
LARGE_PIXELS = 64_000_000
#: Modes of more than 8 bits a channel, scaled to 8 bits as numpy arrays are (Pillow would clip).
_DEEP_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")
#: Modes Pillow shrinks well as they are (palette and 1-bit images are converted first).
_SHRINK_FIRST = ("L", "LA", "RGB", "RGBA", *_DEEP_MODES)


class ImageLoadError(VisionError, ValueError):
    """The image cannot be read: a missing file, data that is not an image, an unusable array."""


def load_image(image: Any, max_side: int | None = None, page: int = 1) -> tuple[Image.Image, tuple[int, int]]:
    """Open ``image`` as a new RGB (or RGBA) Pillow image that the caller may draw on.

    Args:
        image: A file path, the file's bytes, a Pillow image or a numpy array (H x W, H x W x 3 or
            H x W x 4; floats are taken as 0 to 1, or as 0 to 255 when over 1 % of them are above 2; 16-bit
            images are scaled to 8 bits). The caller's object is never modified.
        max_side: When given, shrink the image so its longer side is at most this many pixels
            (JPEGs are decoded at reduced size, so a 16,000 px image costs little memory).
        page: The page of a document of several pages (a TIFF's frames) to open, counted from 1.
            A Pillow image is taken at the frame it shows: a warning says when that is not ``page``.

    Returns:
        The new image, and the full-size ``(width, height)`` after EXIF orientation.

    Raises:
        ImageLoadError: The file is missing or is not an image, has no such page, or the array has
            an unusable shape.
        TypeError: ``image`` is none of the accepted types.

    Example:
        >>> picture, size = load_image(Image.new("L", (4000, 3000)), max_side=400)
        >>> picture.mode, picture.size, size
        ('RGB', (400, 300), (4000, 3000))
    """
    _reuse_freed_image_memory()
    if isinstance(image, Image.Image):
        shown = image.tell() + 1 if getattr(image, "n_frames", 1) > 1 else page
        if shown != page:
            warn(f"The image shows page {shown} of its file, but page {page} was asked for: call "
                 f".seek({page - 1}) on it first, or pass the file's path.")  # fmt: skip
        picture = (_drafted_anew(image, max_side) if max_side else None) or image
    elif isinstance(image, (str, os.PathLike)):
        if not os.path.isfile(image):
            raise ImageLoadError(f"There is no image file at {os.fspath(image)!r}: check the path.")
        with open(image, "rb") as file:  # read whole: a TIFF's pages would otherwise keep it open
            picture = _open_page(io.BytesIO(file.read()), str(image), page)
    elif isinstance(image, (bytes, bytearray, memoryview)):
        picture = _open_page(io.BytesIO(bytes(image)), "the bytes given", page)
    elif type(image).__module__ == "numpy" and hasattr(image, "shape"):
        picture = _from_array(image)
    else:
        raise TypeError(
            f"Cannot draw on a {type(image).__name__}: pass a file path, the image's bytes, a Pillow "
            "image or a numpy array."
        )
    try:
        orientation = picture.getexif().get(_EXIF_ORIENTATION, 1)
        turned = orientation in (5, 6, 7, 8)
        full_size = (picture.height, picture.width) if turned else picture.size
        if not max_side and picture.width * picture.height > LARGE_PIXELS:
            megabytes = picture.width * picture.height * 4 // 2**20
            warn(f"This image is {picture.width} x {picture.height} pixels: drawing it at full size takes about "
                 f"{megabytes:,} MB. Pass max_side=2048 to draw on a display-sized copy.")  # fmt: skip
        if max_side and max(picture.size) > max_side and picture.format in ("JPEG", "MPO") and picture is not image:
            picture.draft("RGB", (max_side, max_side))  # decode at 1/2, 1/4 or 1/8 size
        if orientation != 1:
            picture = ImageOps.exif_transpose(picture)
        if max_side and picture.mode in _SHRINK_FIRST:  # before widening to RGB: less memory
            picture = _shrunk(picture, max_side)
        if picture.mode in _DEEP_MODES:
            import numpy as np

            picture = _from_array(np.asarray(picture), deep=picture.mode.startswith("I;16"))
        if picture.mode not in ("RGB", "RGBA"):
            has_alpha = "A" in picture.getbands() or "transparency" in picture.info
            picture = picture.convert("RGBA" if has_alpha else "RGB")
        if max_side:
            picture = _shrunk(picture, max_side)
        if picture is image:
            picture = picture.copy()
        else:
            picture.load()
    except (OSError, SyntaxError, ValueError) as exc:  # truncated or corrupt data found while decoding
        raise ImageLoadError(f"The image could not be decoded ({exc}); is the file complete?") from exc
    return picture, full_size


def _shrunk(picture: Image.Image, max_side: int) -> Image.Image:
    """``picture`` with its longer side at most ``max_side`` pixels (itself when it already is)."""
    if max(picture.size) <= max_side:
        return picture
    ratio = max_side / max(picture.size)
    target = (max(1, round(picture.width * ratio)), max(1, round(picture.height * ratio)))
    gap = None if picture.mode.startswith("I;16") else 3.0  # Pillow cannot reduce() 16-bit images
    return picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=gap)


def _open_page(source: Any, name: str, page: int) -> Image.Image:
    """The file's image, at ``page`` (counted from 1) when the file has several pages."""
    picture = _open(source, name)
    pages = getattr(picture, "n_frames", 1)
    if pages == 1:  # a single picture: taken to be that page (such as page 2 of a PDF, rendered)
        return picture
    if page > pages:
        raise ImageLoadError(f"{name} has {pages} pages: there is no page {page}.")
    picture.seek(page - 1)
    return picture


@functools.cache  # once per process: a setting the program makes later is left alone
def _reuse_freed_image_memory() -> None:
    """Let Pillow keep a few freed image blocks for the next image, unless the program chose.

    A new 12 MP image in new memory costs 40 ms of page faults, in reused memory 5 ms
    (benchmarks/README.md). ``PILLOW_BLOCKS_MAX`` in the environment (``0`` keeps Pillow's
    default) or a value other than 0 set earlier with ``Image.core.set_blocks_max`` is left as it is.
    """
    if "PILLOW_BLOCKS_MAX" not in os.environ and Image.core.get_blocks_max() == 0:
        Image.core.set_blocks_max(REUSED_IMAGE_BLOCKS)


def _drafted_anew(image: Image.Image, max_side: int) -> Image.Image | None:
    """A new image of the caller's undecoded JPEG, ready to be decoded small; else ``None``.

    ``Image.open`` reads only the header, and a JPEG not decoded yet can be decoded at 1/2, 1/4 or
    1/8 of its size (``draft``): a 16,000 px photo then costs little memory. Doing that on an image
    of our own, opened on the same compressed bytes (read from the caller's open file, which is
    left where it was), leaves the caller's object as it was. Images already decoded, or whose
    frame, size or mode the caller has changed, are shrunk from their pixels instead.
    """
    source = getattr(image, "fp", None)
    if (
        image.format not in ("JPEG", "MPO")
        or max(image.size) <= max_side
        or not getattr(image, "tile", None)
        or source is None
        or image.tell() != 0
    ):
        return None
    try:
        position = source.tell()
        source.seek(0)
        data = source.read()
        source.seek(position)
        copy = _open(io.BytesIO(data), "the image")
    except (ImageLoadError, OSError, ValueError):  # not seekable, closed, or not the same image
        return None
    return copy if (copy.size, copy.mode) == (image.size, image.mode) else None


def _open(source: Any, name: str) -> Image.Image:
    with _LIMIT_LOCK, warnings.catch_warnings():
        previous = Image.MAX_IMAGE_PIXELS
        if previous is not None and previous < SERVICE_MAX_PIXELS:
            Image.MAX_IMAGE_PIXELS = SERVICE_MAX_PIXELS
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return Image.open(source)
        except UnidentifiedImageError as exc:
            raise ImageLoadError(
                f"{name} is not an image Pillow can read (JPEG, PNG, GIF, BMP, WEBP, TIFF...)."
            ) from exc
        except Image.DecompressionBombError as exc:
            raise ImageLoadError(f"{name} has more pixels than the service accepts (16,000 x 16,000).") from exc
        finally:
            Image.MAX_IMAGE_PIXELS = previous


def _from_array(array: Any, deep: bool = False) -> Image.Image:
    """An 8-bit Pillow image of an array (see ``load_image``); ``deep``: integers are 16-bit."""
    import numpy as np

    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (1, 3, 4)) or 0 in array.shape:
        raise ImageLoadError(
            f"An image array must be H x W, H x W x 3 (RGB) or H x W x 4 (RGBA); this one is {array.shape}."
        )
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.dtype == np.bool_:
        array = array.astype(np.uint8) * 255
    elif array.dtype.kind == "f":
        # 0 to 255 (OpenCV's float images) when its bright end is above 2: filtering overshoots 1 a
        # little, and a few stray pixels do not decide
        finite = array[np.isfinite(array)]
        top = 255.0 if finite.size and np.percentile(finite, 99) > 2 else 1.0
        array = np.nan_to_num(array)
        array = (np.clip(array, 0.0, top) * (255 / top) + 0.5).astype(np.uint8)
    elif array.dtype != np.uint8:
        if array.dtype.kind not in "iu":
            raise ImageLoadError(f"An image array must hold numbers; this one holds {array.dtype}.")
        top = 65535 if deep or array.max(initial=0) > 255 else 255
        array = (np.clip(array, 0, top) * (255 / top) + 0.5).astype(np.uint8)
    return Image.fromarray(np.ascontiguousarray(array))
