"""Open any image a user may hold (path, bytes, Pillow image, numpy array) as a new Pillow image.

EXIF orientation is applied, so boxes line up on phone photos, and huge images (the service accepts
up to 16,000 x 16,000 pixels) can be opened straight at display size without decoding every pixel.
Pillow's settings belong to the program: its decompression-bomb guard (``PIL.Image.MAX_IMAGE_PIXELS``)
stays in force, and an image larger than the service's largest is refused before it is decoded.
"""

from __future__ import annotations

__all__ = ["ImageLoadError"]

import io
import os
from typing import Any

from PIL import Image, ImageOps

from vision_viz._checks import MAX_PIXELS, MAX_SIDE, header_size, sniff_format
from vision_viz._errors import VisionError, warn
from vision_viz._public import publish

_EXIF_ORIENTATION = 0x0112
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
    if isinstance(image, Image.Image):
        name = "the Pillow image"
        shown = image.tell() + 1 if getattr(image, "n_frames", 1) > 1 else page
        if shown != page:
            warn(f"The image shows page {shown} of its file, but page {page} was asked for: call "
                 f".seek({page - 1}) on it first, or pass the file's path.")  # fmt: skip
        picture = (_drafted_anew(image, max_side) if max_side else None) or image
    elif isinstance(image, (str, os.PathLike)):
        name = f"the file {os.fspath(image)!r}"
        if not os.path.isfile(image):
            raise ImageLoadError(f"There is no image file at {os.fspath(image)!r}: check the path.")
        with open(image, "rb") as file:  # read whole: a TIFF's pages would otherwise keep it open
            picture = _open_page(io.BytesIO(file.read()), name, page)
    elif isinstance(image, (bytes, bytearray, memoryview)):
        name = "the bytes given"
        picture = _open_page(io.BytesIO(bytes(image)), name, page)
    elif type(image).__module__ == "numpy" and hasattr(image, "shape"):
        name = "the array"
        picture = _from_array(image)
    else:
        raise TypeError(
            f"Cannot draw on a {type(image).__name__}: pass a file path, the image's bytes, a Pillow "
            "image or a numpy array." + (" Pass file.read() for an open file." if hasattr(image, "read") else "")
        )
    _refuse_larger_than_the_service(picture.size, name)
    opened_size = picture.size  # before decoding: TIFFs of orientation 5 to 8 already say it upright
    try:
        if not max_side and picture.width * picture.height > LARGE_PIXELS:
            megabytes = picture.width * picture.height * 4 // 2**20
            warn(f"This image is {picture.width} x {picture.height} pixels: drawing it at full size takes about "
                 f"{megabytes:,} MB. Pass max_side=2048 to draw on a display-sized copy.")  # fmt: skip
        if max_side and max(picture.size) > max_side and picture.format in ("JPEG", "MPO") and picture is not image:
            picture.draft("RGB", (max_side, max_side))  # decode at 1/2, 1/4 or 1/8 size
        picture.load()  # Pillow turns some formats (TIFF) upright as it decodes, and drops their tag
        orientation = picture.getexif().get(_EXIF_ORIENTATION, 1)  # the turn still to make
        full_size = opened_size[::-1] if orientation in (5, 6, 7, 8) else opened_size
        if orientation != 1:
            if image is picture and image.format is None:
                warn(f"This Pillow image was made from another (copied, converted or turned), and its EXIF "
                     f"says to turn it (orientation {orientation}): vision_viz turned it, as "
                     "ImageOps.exif_transpose does. If its pixels are upright already, delete the tag "
                     "first: del image.getexif()[0x0112].")  # fmt: skip
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
    except (OSError, SyntaxError, ValueError) as exc:  # truncated or corrupt data found while decoding
        raise ImageLoadError(
            f"Cannot decode {name} ({exc}): it is cut off or corrupt. Open it in an image viewer, or "
            "copy or download it again."
        ) from exc
    return picture, full_size


def _refuse_larger_than_the_service(size: tuple[int, int], name: str) -> None:
    """Refuse, before decoding, an image of more pixels than the service's largest."""
    width, height = size
    if width * height > MAX_PIXELS:
        raise ImageLoadError(
            f"Cannot open {name}: it is {width:,} x {height:,} pixels, more than the service's largest "
            f"image ({MAX_SIDE:,} x {MAX_SIDE:,}), so vision_viz does not open it (drawing on it would take "
            f"about {width * height * 4 / 2**30:.1f} GB). Draw on the smaller copy you send to the service."
        )


def _shrunk(picture: Image.Image, max_side: int) -> Image.Image:
    """``picture`` with its longer side at most ``max_side`` pixels (itself when it already is)."""
    if max(picture.size) <= max_side:
        return picture
    ratio = max_side / max(picture.size)
    target = (max(1, round(picture.width * ratio)), max(1, round(picture.height * ratio)))
    gap = None if picture.mode.startswith("I;16") else 3.0  # Pillow cannot reduce() 16-bit images
    return picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=gap)


def _open_page(source: io.BytesIO, name: str, page: int) -> Image.Image:
    """The file's image, at ``page`` (counted from 1) when the file has several pages."""
    picture = _open(source, name)
    pages = getattr(picture, "n_frames", 1)
    if pages == 1:  # a single picture: taken to be that page (such as page 2 of a PDF, rendered)
        return picture
    if page > pages:
        raise ImageLoadError(f"{name} has {pages} pages: there is no page {page}.")
    picture.seek(page - 1)
    return picture


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


def _open(source: io.BytesIO, name: str) -> Image.Image:
    """``Image.open``, under the program's decompression-bomb guard, with errors that say what to do."""
    try:
        return Image.open(source)
    except Image.DecompressionBombError as exc:
        width, height = header_size(source.getvalue())
        _refuse_larger_than_the_service((width, height), name)
        size = f"{width:,} x {height:,} pixels" if width > 0 else "an image"
        raise ImageLoadError(
            f"Cannot open {name}: it is {size}, more than Pillow's guard against "
            f"decompression bombs lets this program open ({exc}). If you trust the image, raise the guard "
            f"in your program before drawing: PIL.Image.MAX_IMAGE_PIXELS = {MAX_PIXELS:_} (the service's "
            "largest image); or draw on a smaller copy."
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's UnidentifiedImageError is an OSError
        known = sniff_format(source.getvalue())
        if known is None:
            raise ImageLoadError(
                f"Cannot open {name}: it is not an image Pillow can read (JPEG, PNG, GIF, BMP, WEBP, TIFF...)."
            ) from exc
        if known == "PDF":  # the service reads PDFs; drawing needs the page as pixels
            raise ImageLoadError(
                f"Cannot open {name}: it is a PDF document, and vision_viz draws on images. Render the page "
                "first (for instance pypdfium2.PdfDocument(path)[number - 1].render(scale=2).to_pil()) and "
                "draw on that picture with page=number: a page measured in inches is scaled to it."
            ) from exc
        raise ImageLoadError(
            f"Cannot open {name}: it starts like a {known} file but its header is cut off or corrupt "
            f"({exc}). Is the file complete? Copy or download it again."
        ) from exc


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


publish(globals())
