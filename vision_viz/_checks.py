"""Check an image against the service's input rules before uploading it.

This module is the one home of what the service takes: the pixel limits (``MIN_SIDE``, ``MAX_SIDE``)
and the signatures that tell image formats apart (``sniff_format``), used by the rest of the package.
"""

from __future__ import annotations

__all__ = ["ImageCheckError", "check_image"]

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vision_viz._errors import VisionError
from vision_viz._public import publish

MIN_SIDE = 50  # pixels: analyze takes images larger than this in both directions
MAX_SIDE = 16_000  # pixels: and smaller than this
#: The pixels of the service's largest image; vision_viz opens no larger image to draw on.
MAX_PIXELS = MAX_SIDE * MAX_SIDE


@dataclass(frozen=True)
class ApiLimits:
    """One operation's input rules: formats, file size, and the range of each side in pixels."""

    formats: tuple[str, ...]
    max_bytes: int
    min_side: int = MIN_SIDE + 1
    max_side: int = MAX_SIDE - 1


LIMITS = {
    "4.0": ApiLimits(("JPEG", "PNG", "GIF", "BMP", "WEBP", "ICO", "TIFF", "MPO"), 20 * 1024 * 1024),
    "3.2": ApiLimits(("JPEG", "PNG", "GIF", "BMP"), 4 * 1024 * 1024),
    # The 3.2 Read operation: documents too, larger files (the free tier: 4 MB and two pages).
    "3.2-read": ApiLimits(("JPEG", "PNG", "BMP", "PDF", "TIFF"), 500 * 1024 * 1024, 50, 10_000),
}

# (magic bytes at offset 0, format). MPO files start like JPEG; Pillow tells them apart.
_MAGIC = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"%PDF", "PDF"),
)


class ImageCheckError(VisionError, ValueError):
    """The image breaks one of the service's input rules; ``code`` is the service's error code."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(f"{code}: {message}")


@dataclass(frozen=True)
class ImageInfo:
    """What :func:`check_image` found: format, pixel size (None for a PDF) and file size.

    For a Pillow image or a numpy array, which are pixels rather than a file, ``size_bytes`` is
    None, and so is ``format`` unless the Pillow image was opened from a file of that format.
    """

    format: str | None
    width: int | None
    height: int | None
    size_bytes: int | None


def sniff_format(data: bytes) -> str | None:
    """The image format named by the first bytes, or None.

    Example:
        >>> sniff_format(b"\\x89PNG\\r\\n\\x1a\\n...."), sniff_format(b"hello")
        ('PNG', None)
    """
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypheim"):
        return "HEIC"
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def check_image(image: Any, api: str = "4.0") -> ImageInfo:
    """Check an image as the service would, and fail fast with the service's own error code.

    Args:
        image: The image bytes, a path to the file, a Pillow image or a numpy array (H x W,
            H x W x 3 or H x W x 4), as ``draw`` takes. Bytes and files are checked in full:
            format, file size and pixel size, read from the header (a corrupt file is noticed
            when it can be decoded small, within Pillow's decompression-bomb guard). Pillow
            images and arrays are pixels, not yet a file: their pixel size is checked, and the
            format of a Pillow image opened from a file; check the bytes you upload for the rest.
        api: ``"4.0"``, ``"3.2"`` (analyze and the other 3.2 image operations) or ``"3.2-read"``
            (the asynchronous Read operation, which also takes PDF and TIFF documents).

    Raises:
        ImageCheckError: ``InvalidImageFormat`` (not a supported format, or corrupt) or
            ``InvalidImageSize`` (file too large, or pixels out of range).
        FileNotFoundError: There is no file at the path.
        TypeError: ``image`` is none of the accepted types.

    Example:
        >>> from PIL import Image; buffer = io.BytesIO()
        >>> Image.new("RGB", (64, 48)).save(buffer, "PNG")
        >>> check_image(buffer.getvalue())  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        vision_viz.ImageCheckError: InvalidImageSize: the image is 64 × 48 pixels; ...
        >>> check_image(Image.new("RGB", (640, 480)))
        ImageInfo(format=None, width=640, height=480, size_bytes=None)
    """
    if not isinstance(api, str) or api not in LIMITS:
        raise ValueError(f"api must be one of {', '.join(LIMITS)} (got {api!r})")
    limits = LIMITS[api]
    api_name = "Read 3.2" if api == "3.2-read" else f"Image Analysis {api}"
    pixels = _pixels(image)
    if pixels is not None:
        fmt, width, height = pixels
        _check_format(fmt, limits, api_name)
        _check_pixel_size(width, height, limits, api_name)
        return ImageInfo(fmt, width, height, None)
    data, name = _read(image)
    if not data:
        raise ImageCheckError(
            "InvalidImageFormat", f"{name or 'the image'} is empty (0 bytes). Check the file you read."
        )
    if len(data) >= limits.max_bytes:
        raise ImageCheckError(
            "InvalidImageSize",
            f"{name or 'the file'} is {len(data) / 2**20:.1f} MB; {api_name} takes less than "
            f"{limits.max_bytes // 2**20} MB. Resize or recompress it (e.g. save as JPEG).",
        )
    sniffed = sniff_format(data)
    _check_format(sniffed, limits, api_name, name)
    assert sniffed is not None  # refused above otherwise
    if sniffed == "PDF":
        return ImageInfo("PDF", None, None, len(data))  # the service reads the pages; no pixel rule
    width, height, pillow_format = _decode(data, sniffed, limits, name)
    fmt = "MPO" if pillow_format == "MPO" else sniffed
    if fmt not in limits.formats:
        raise ImageCheckError("InvalidImageFormat", f"{name or 'this'} is an {fmt} file; {api_name} does not take it.")
    _check_pixel_size(width, height, limits, api_name)
    return ImageInfo(fmt, width, height, len(data))


def _check_format(fmt: str | None, limits: ApiLimits, api_name: str, file: str | None = None) -> None:
    """Refuse a format the API does not take; a ``file``'s (its name, ``""`` for bytes) format must be known."""
    if (fmt is None and file is None) or fmt in limits.formats:
        return
    what = f"a {fmt} file" if fmt else "not an image format the service knows"
    raise ImageCheckError(
        "InvalidImageFormat",
        f"{file or 'this'} is {what}; {api_name} takes {', '.join(limits.formats)}. "
        "Convert it, e.g. with Pillow: Image.open(path).convert('RGB').save('image.jpg').",
    )


def _check_pixel_size(width: int, height: int, limits: ApiLimits, api_name: str) -> None:
    if not _fits(width, height, limits):
        raise ImageCheckError(
            "InvalidImageSize",
            f"the image is {width} × {height} pixels; {api_name} takes {limits.min_side} to "
            f"{limits.max_side:,} pixels on each side. {_resize_advice(width, height, limits)}",
        )


def _resize_advice(width: int, height: int, limits: ApiLimits) -> str:
    """What to do with an image whose pixel size is out of range: a size that fits, for this image.

    Example:
        >>> _resize_advice(40, 40, LIMITS["4.0"])
        'Enlarge it (Pillow: image = image.resize((51, 51))).'
        >>> _resize_advice(16000, 100, LIMITS["4.0"])
        'Shrink it, keeping its shape (Pillow: image = image.resize((15999, 100))).'
    """
    low, high = limits.min_side, limits.max_side
    smallest = max(low / width, low / height)  # the least scale that brings both sides up to the minimum
    largest = min(high / width, high / height)  # the greatest that brings both down to the maximum
    if smallest <= largest:
        scale = smallest if smallest > 1 else largest
        size = [min(max(round(side * scale), low), high) for side in (width, height)]
        verb = "Enlarge it" if scale > 1 else "Shrink it, keeping its shape"
        return f"{verb} (Pillow: image = image.resize(({size[0]}, {size[1]})))."
    # Too long and thin for any scale: pad the short side (shrinking the long one if need be), or cut it up.
    long_side, short_side = max(width, height), min(width, height)
    padded = (min(long_side, high), low) if width >= height else (low, min(long_side, high))
    advice = (
        f"No resize fits it: its sides are {long_side / short_side:,.0f} to 1, and at most {high / low:,.0f} to 1 "
        f"fits. Pad it (Pillow: image = ImageOps.pad(image, ({padded[0]}, {padded[1]})))"
    )
    if short_side >= low:
        advice += f", or crop it into pieces of at most {high:,} pixels"
    return advice + "."


def _fits(width: int, height: int, limits: ApiLimits) -> bool:
    return limits.min_side <= width <= limits.max_side and limits.min_side <= height <= limits.max_side


def _pixels(image: Any) -> tuple[str | None, int, int] | None:
    """A Pillow image's or a numpy array's format and size; ``None`` for anything else."""
    if isinstance(image, (bytes, bytearray, memoryview, str, os.PathLike)):
        return None
    # A Pillow image exists only once Pillow is imported; another thread may be importing it now,
    # so the module can be there without its Image class yet.
    pillow_image = getattr(sys.modules.get("PIL.Image"), "Image", None)
    if pillow_image is not None and isinstance(image, pillow_image):
        return image.format, image.width, image.height
    if type(image).__module__ == "numpy" and hasattr(image, "shape"):
        if image.ndim not in (2, 3):
            raise ImageCheckError(
                "InvalidImageFormat",
                f"an image array must be H x W, H x W x 3 (RGB) or H x W x 4 (RGBA); this one is {image.shape}.",
            )
        return None, int(image.shape[1]), int(image.shape[0])
    return None


def _read(image: Any) -> tuple[bytes, str]:
    """The image's bytes, and how messages name them: the path, or ``""`` for bytes."""
    if isinstance(image, (bytes, bytearray, memoryview)):
        return bytes(image), ""
    if not isinstance(image, (str, os.PathLike)):
        hint = " (pass file.read(), or the path)" if hasattr(image, "read") else ""
        raise TypeError(
            f"check_image takes a file path, the image's bytes, a Pillow image or a numpy array, "
            f"not a {type(image).__name__}{hint}."
        )
    path = Path(image)
    if not path.is_file():
        raise FileNotFoundError(f"no image file at {path}: check the path (relative to {Path.cwd()}).")
    return path.read_bytes(), f"the file {str(path)!r}"


def _decode(data: bytes, sniffed: str, limits: ApiLimits, name: str) -> tuple[int, int, str]:
    """Read the pixel size from the header, then decode enough to notice a corrupt file.

    Pillow's decompression-bomb guard (``PIL.Image.MAX_IMAGE_PIXELS``, the program's setting) is
    left as it is: an image it refuses to open is measured from its header alone.
    """
    from PIL import Image

    corrupt = ImageCheckError(
        "InvalidImageFormat",
        f"{name or 'the data'} starts like a {sniffed} file but cannot be decoded: it is corrupt or truncated. "
        "Open it in an image viewer, or download it again.",
    )
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            if not _fits(width, height, limits):
                return width, height, img.format or sniffed  # refused by size: no need to decode
            if sniffed == "PNG":
                img.verify()  # checks every chunk's CRC and that the file is complete
            else:
                if sniffed == "JPEG":
                    img.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # decode at 1/8 scale
                img.load()
            return width, height, img.format or sniffed
    except Image.DecompressionBombError:
        width, height = header_size(data)
        if width <= 0:
            raise corrupt from None
        return width, height, sniffed  # too large for this program to decode: the header is all
    except (OSError, SyntaxError, ValueError) as error:
        raise corrupt from error


def header_size(data: bytes) -> tuple[int, int]:
    """The stored pixel size written in an image file's header, without decoding; ``(-1, -1)`` if unreadable.

    Uses ``imagesize``, which reads only the header: unlike ``PIL.Image.open``, it cannot be
    stopped by Pillow's decompression-bomb guard, and needs no change to it.

    Example:
        >>> from PIL import Image; buffer = io.BytesIO()
        >>> Image.new("1", (300, 200)).save(buffer, "PNG")
        >>> header_size(buffer.getvalue()), header_size(b"not an image")
        ((300, 200), (-1, -1))
    """
    import imagesize  # type: ignore[import-untyped,unused-ignore]  # ships no type information

    width, height = imagesize.get(io.BytesIO(data), exif_rotation=False)
    return int(width), int(height)


publish(globals())
