"""How a drawing shows in a notebook: one picture, of a bounded size, in one format.

A plain Pillow image is stored in a notebook twice (IPython asks it for a PNG and a JPEG) and at
full size: a drawing of a 12-megapixel photo added 22 MB and took over a second to encode.
``Drawing`` is a ``PIL.Image.Image`` with the same pixels that gives IPython one picture instead:

- at most ``DISPLAY_MAX_SIDE`` pixels on its longest side (a smaller copy, for display only);
- as a JPEG of quality ``JPEG_QUALITY`` when it has more than ``FLAT_COLORS`` colours (a
  photograph: ten times smaller than a PNG of it); as a PNG when it has transparency; otherwise
  as a PNG (sharp text and lines: documents, clip art) unless a JPEG is less than half its size
  (a black-and-white photograph).

The object itself keeps every pixel: ``.save()``, ``.crop()``, numpy and matplotlib see the full
image. Pillow operations return plain Pillow images, as they do for any image. No IPython setting
is changed: the picture comes from the object's own ``_repr_mimebundle_``.
"""

from __future__ import annotations

__all__ = ["Drawing", "as_drawing"]

import io
from typing import Any

from PIL import Image

from vision_viz._public import publish

DISPLAY_MAX_SIDE = 1600
FLAT_COLORS = 8192
JPEG_QUALITY = 70


class Drawing(Image.Image):
    """A drawn image: a full-size ``PIL.Image.Image`` shown in notebooks as one picture of bounded size.

    Example:
        >>> from PIL import Image
        >>> drawing = wrap_drawing(Image.new("RGB", (4000, 3000), "white"))
        >>> isinstance(drawing, Image.Image), drawing.size
        (True, (4000, 3000))
        >>> bundle = drawing._repr_mimebundle_()
        >>> list(bundle), Image.open(io.BytesIO(bundle["image/png"])).size
        (['image/png'], (1600, 1200))
    """

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, bytes]:
        mime, data = display_data(self)
        return {mime: data}

    def _repr_png_(self) -> None:
        """Nothing: the one picture comes from ``_repr_mimebundle_``."""
        return None

    def _repr_jpeg_(self) -> None:
        """Nothing: the one picture comes from ``_repr_mimebundle_``."""
        return None


Drawing.__module__ = "vision_viz"  # its public name: vision_viz.Drawing (also what pickle stores)


def as_drawing(image: Image.Image) -> Drawing:
    """A copy of any Pillow image that shows in a notebook as drawings do: one picture, of bounded size.

    Use it for pictures you compose yourself (a contact sheet, a framed drawing), so that a notebook
    stores one small picture instead of a full-size PNG and a JPEG.

    Example:
        >>> from PIL import Image
        >>> sheet = Image.new("RGB", (3000, 1000), "white")
        >>> shown = as_drawing(sheet)
        >>> type(shown).__name__, shown.size, shown is not sheet
        ('Drawing', (3000, 1000), True)
    """
    return image if isinstance(image, Drawing) else wrap_drawing(image.copy())


def wrap_drawing(image: Image.Image) -> Drawing:
    """``image`` as a ``Drawing``, sharing its pixels (no copy): for images nobody else holds."""
    if isinstance(image, Drawing):
        return image
    image.load()
    drawing = Drawing()
    # Pillow's own way to put a new image around existing pixels (mode, size, palette, info), for
    # whatever attributes this Pillow version keeps; its __dict__ then becomes the Drawing's.
    drawing.__dict__.update(image._new(image.im).__dict__)
    return drawing


def display_data(image: Image.Image) -> tuple[str, bytes]:
    """The MIME type and bytes of the one picture a notebook shows for ``image``.

    Example:
        >>> from PIL import Image
        >>> display_data(Image.new("RGB", (20, 10), "red"))[0]
        'image/png'
    """
    preview = image
    if max(image.size) > DISPLAY_MAX_SIDE:
        scale = DISPLAY_MAX_SIDE / max(image.size)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        preview = image.resize(size, Image.Resampling.BOX)  # averages each area: fast and smooth
    if preview.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in preview.info:
        return "image/png", _encode(preview, "PNG")
    try:
        colors = preview.getcolors(FLAT_COLORS)
    except ValueError:  # a mode getcolors does not take (16-bit, 32-bit): PNG, as Pillow shows it
        return "image/png", _encode(preview, "PNG")
    if colors is None:  # a photograph: JPEG, without trying PNG (slow, large)
        return "image/jpeg", _encode(preview, "JPEG")
    png, jpeg = _encode(preview, "PNG"), _encode(preview, "JPEG")
    return ("image/jpeg", jpeg) if len(jpeg) < len(png) / 2 else ("image/png", png)


def _encode(image: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    if image_format == "PNG":
        if image.mode not in ("1", "L", "LA", "I;16", "P", "RGB", "RGBA"):  # what PNG holds (I: deprecated)
            image = image.convert("RGBA" if "A" in image.mode else "RGB")
        # zlib's default level: a drawing is at most DISPLAY_MAX_SIDE wide, so this costs milliseconds,
        # and flat pictures (documents, text) come out about a third smaller than at level 1.
        image.save(buffer, "PNG", compress_level=6)
    else:
        (image if image.mode in ("RGB", "L") else image.convert("RGB")).save(
            buffer, "JPEG", quality=JPEG_QUALITY, optimize=True
        )
    return buffer.getvalue()


publish(globals())
