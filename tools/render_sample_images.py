"""Render the sample images the project makes itself, and the exact geometry of their text.

The photographs in ``notebooks/images`` come from PyPI packages (see ``MANIFEST.csv``). The
images this script draws fill the gaps the photographs leave: a receipt with prices, a notice in
English, Chinese and Japanese, text rotated by 25 and 90 degrees, clip art, a line drawing, a
phone-style JPEG whose stored pixels are rotated and whose EXIF ``Orientation`` tag is 6, and a
two-page TIFF document (a letter and its order form) for the Read API, which reads every page.

For every image with text the script also writes ``tools/sample_layouts/<image-stem>.json``: the
lines and words it drew, each word with a 4-corner polygon in image pixel coordinates, clockwise
from the top-left corner of the word as it is read (so the polygon of rotated text is rotated too).
Polygons come from the font's metrics and from the same affine transform that places the text, so
they are exact, not measured. Every line says which ``page`` it is on (1 for a single image; the
pages of a multi-page TIFF all have the layout's ``width`` and ``height``).

Re-running the script gives byte-identical files (same Pillow and fonts, as pinned in
``requirements.txt``); ``tests/test_sample_images.py`` checks that.

Usage::

    python tools/render_sample_images.py                    # write into the repository
    python tools/render_sample_images.py --out /tmp/x --layouts /tmp/x/layouts
    python tools/render_sample_images.py --check            # exit 1 if a rendered file is out of date

Fonts: DejaVu Sans and DejaVu Serif (shipped in matplotlib's ``mpl-data``) and Noto Sans CJK SC (face 2
of the collection in the ``noto-cjk-sans-otc`` package). Both packages are located with
``importlib.util.find_spec`` without being imported.
"""

from __future__ import annotations

import importlib.util
import io
import json
import math
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

import generated

REPO = Path(__file__).resolve().parents[1]
IMAGES_DIR = REPO / "notebooks" / "images"
LAYOUTS_DIR = REPO / "tools" / "sample_layouts"

#: The photograph the EXIF-orientation sample is made from (a file in ``notebooks/images``).
EXIF_SOURCE = "chelsea.png"

Point = tuple[float, float]

#: Noto Sans CJK SC's face in the collection (JP, KR, SC, TC, HK, then the Mono faces).
NOTO_CJK_SC_FACE = 2


# --------------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------------


def _package_dir(name: str) -> Path:
    """Return the folder of an installed package without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name!r} is not installed; run: pip install -r requirements.txt")
    return Path(list(spec.submodule_search_locations)[0])


def _dejavu(style: str = "", family: str = "Sans") -> Path:
    return _package_dir("matplotlib") / "mpl-data" / "fonts" / "ttf" / f"DejaVu{family}{style}.ttf"


def _noto_cjk() -> Path:
    return _package_dir("noto_cjk_sans_otc") / "NotoSansCJK-Regular.ttc"


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # The BASIC layout engine is always available and needs no system libraries, so the
    # output does not depend on whether libraqm happens to be installed.
    index = NOTO_CJK_SC_FACE if path == _noto_cjk() else 0
    return ImageFont.truetype(str(path), size, index=index, layout_engine=ImageFont.Layout.BASIC)


def _assert_no_tofu(font: ImageFont.FreeTypeFont, text: str) -> None:
    """Fail if any character of ``text`` would be drawn as the font's 'missing glyph' box."""
    missing = font.getmask("\U0010fffd")  # a private-use code point no font maps
    missing_key = (missing.size, bytes(missing))
    for char in set(text) - {" "}:
        mask = font.getmask(char)
        if (mask.size, bytes(mask)) == missing_key:
            raise SystemExit(f"font {font.path} has no glyph for {char!r} (U+{ord(char):04X})")


# --------------------------------------------------------------------------------------------
# Text with recorded geometry
# --------------------------------------------------------------------------------------------


@dataclass
class Word:
    text: str
    polygon: list[Point]  # top-left, top-right, bottom-right, bottom-left (as read)


@dataclass
class Line:
    text: str
    polygon: list[Point]
    words: list[Word]
    font: str
    size: int
    angle: float = 0.0  # degrees, counter-clockwise as seen on screen
    page: int = 1  # 1-based page of a multi-page document


def _box(x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


@dataclass
class Panel:
    """A drawing surface that remembers where every word it writes lies, in its own pixels."""

    size: tuple[int, int]
    fill: tuple[int, ...]
    mode: str = "RGBA"
    lines: list[Line] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.image = Image.new(self.mode, self.size, self.fill)
        self.draw = ImageDraw.Draw(self.image)

    def width_of(self, words: list[str], font: ImageFont.FreeTypeFont, sep: str = " ") -> float:
        return font.getlength(sep.join(words))

    def write(
        self,
        x: float,
        baseline: float,
        words: list[str],
        font: ImageFont.FreeTypeFont,
        fill: tuple[int, ...],
        sep: str = " ",
        align: str = "left",
    ) -> Line:
        """Draw ``words`` on one baseline and record their boxes.

        ``x`` is the left edge (``align="left"``), the right edge (``"right"``) or the centre
        (``"center"``) of the line. ``sep`` is put between words: a space for English, nothing
        for Chinese and Japanese, where every character is a word of its own.
        """
        _assert_no_tofu(font, "".join(words))
        total = self.width_of(words, font, sep)
        if align == "right":
            x -= total
        elif align == "center":
            x -= total / 2
        pad = max(1.0, round(font.size * 0.06))
        boxes = [font.getbbox(w, anchor="ls") for w in words]
        top = baseline + min(b[1] for b in boxes) - pad
        bottom = baseline + max(b[3] for b in boxes) + pad
        placed: list[Word] = []
        pen = x
        step = font.getlength(sep) if sep else 0.0
        for word, bbox in zip(words, boxes, strict=True):
            self.draw.text((pen, baseline), word, font=font, fill=fill, anchor="ls")
            placed.append(Word(word, _box(pen + bbox[0] - pad, top, pen + bbox[2] + pad, bottom)))
            pen += font.getlength(word) + step
        line = Line(
            text=sep.join(words),
            polygon=_box(placed[0].polygon[0][0], top, placed[-1].polygon[1][0], bottom),
            words=placed,
            font=Path(font.path).name,
            size=int(font.size),
        )
        self.lines.append(line)
        return line


def _rotation(angle: float, centre: Point, dest: Point) -> tuple[list[float], list[float]]:
    """Forward and inverse affine maps: rotate ``angle`` degrees counter-clockwise (as seen on
    screen, y pointing down) about ``centre`` of the source and put that centre at ``dest``.

    Both are returned as ``(a, b, c, d, e, f)`` with ``x' = a*x + b*y + c``, ``y' = d*x + e*y + f``.
    The inverse is what ``Image.transform(..., Image.Transform.AFFINE, data)`` expects.
    """
    t = math.radians(angle)
    cos, sin = round(math.cos(t), 12), round(math.sin(t), 12)
    (cx, cy), (X, Y) = centre, dest
    forward = [cos, sin, X - cos * cx - sin * cy, -sin, cos, Y + sin * cx - cos * cy]
    inverse = [cos, -sin, cx - cos * X + sin * Y, sin, cos, cy - sin * X - cos * Y]
    return forward, inverse


def _apply(m: list[float], p: Point) -> Point:
    return (m[0] * p[0] + m[1] * p[1] + m[2], m[3] * p[0] + m[4] * p[1] + m[5])


def place(canvas: Image.Image, panel: Panel, angle: float, dest: Point) -> list[Line]:
    """Paint ``panel`` onto ``canvas`` (RGBA) rotated by ``angle`` with its centre at ``dest``;
    return the panel's lines with their polygons in canvas coordinates."""
    centre = (panel.size[0] / 2, panel.size[1] / 2)
    forward, inverse = _rotation(angle, centre, dest)
    # Premultiplied alpha, so the transparent outside does not bleed dark fringes into the edge.
    layer = panel.image.convert("RGBa").transform(
        canvas.size, Image.Transform.AFFINE, inverse, resample=Image.Resampling.BICUBIC
    )
    canvas.alpha_composite(layer.convert("RGBA"))
    moved = []
    for line in panel.lines:
        moved.append(
            Line(
                text=line.text,
                polygon=[_apply(forward, p) for p in line.polygon],
                words=[Word(w.text, [_apply(forward, p) for p in w.polygon]) for w in line.words],
                font=line.font,
                size=line.size,
                angle=angle,
                page=line.page,
            )
        )
    return moved


def _layout_json(image_name: str, size: tuple[int, int], lines: list[Line], note: str, pages: int = 1) -> str:
    def pts(polygon: list[Point]) -> list[list[float]]:
        return [[round(x, 2) + 0.0, round(y, 2) + 0.0] for x, y in polygon]

    doc = {
        "image": image_name,
        "width": size[0],
        "height": size[1],
        "pages": pages,
        "coordinates": "image pixels of the line's page, origin at the top-left corner of the "
        "top-left pixel, x to the right, y down; polygons are clockwise from the top-left corner "
        "of the word as it is read",
        "note": note,
        "lines": [
            {
                "text": line.text,
                "page": line.page,
                "angle": line.angle,
                "font": line.font,
                "size": line.size,
                "polygon": pts(line.polygon),
                "words": [{"text": w.text, "polygon": pts(w.polygon)} for w in line.words],
            }
            for line in lines
        ],
    }
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    # one point per "[x, y]" and one polygon per line, so the file stays readable
    text = re.sub(r"\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]", r"[\1, \2]", text)
    text = re.sub(
        r"\[\s+(\[[^\[\]]+\](?:,\s+\[[^\[\]]+\])*)\s+\]",
        lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]",
        text,
    )
    return text + "\n"


# --------------------------------------------------------------------------------------------
# The images
# --------------------------------------------------------------------------------------------


def _vertical_gradient(
    size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]
) -> Image.Image:
    w, h = size
    img = Image.new("RGBA", size)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        t = y / max(1, h - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (w - 1, y)], fill=colour + (255,))
    return img


def render_receipt() -> tuple[Image.Image, list[Line], str]:
    """A till receipt from a cafe: several lines, item names on the left, prices on the right."""
    size = (420, 640)
    canvas = Image.new("RGBA", size, (205, 205, 200, 255))
    paper = Panel((360, 610), (252, 251, 246, 255))
    d = paper.draw
    title = _font(_dejavu("-Bold"), 30)
    body = _font(_dejavu("Mono"), 19)
    bold = _font(_dejavu("Mono-Bold"), 21)
    ink = (30, 30, 34, 255)
    mid = paper.size[0] / 2
    paper.write(mid, 55, ["CORNER", "CAFE"], title, ink, align="center")
    paper.write(mid, 87, ["12", "Market", "Street"], body, ink, align="center")
    paper.write(mid, 112, ["Springfield"], body, ink, align="center")
    paper.write(mid, 137, ["Tel", "555-0142"], body, ink, align="center")
    paper.write(20, 178, ["2024-05-14", "08:42"], body, ink)
    paper.write(340, 178, ["Table", "4"], body, ink, align="right")
    for x in range(20, 340, 12):
        d.line([(x, 194), (x + 6, 194)], fill=ink, width=2)
    items = [
        (["Espresso"], "$2.50"),
        (["Cappuccino"], "$3.40"),
        (["Croissant"], "$2.80"),
        (["Orange", "juice"], "$3.90"),
        (["Blueberry", "muffin"], "$3.10"),
    ]
    baseline = 228
    for name, price in items:
        paper.write(20, baseline, name, body, ink)
        paper.write(340, baseline, [price], body, ink, align="right")
        baseline += 34
    for x in range(20, 340, 12):
        d.line([(x, baseline - 14), (x + 6, baseline - 14)], fill=ink, width=2)
    baseline += 22
    paper.write(20, baseline, ["TOTAL"], bold, ink)
    paper.write(340, baseline, ["$15.70"], bold, ink, align="right")
    baseline += 32
    paper.write(20, baseline, ["Card"], body, ink)
    paper.write(340, baseline, ["$15.70"], body, ink, align="right")
    paper.write(mid, 540, ["Thank", "you!"], title.font_variant(size=24), ink, align="center")
    paper.write(mid, 572, ["Please", "come", "again"], body, ink, align="center")
    lines = place(canvas, paper, 0.0, (size[0] / 2, size[1] / 2))
    return (
        canvas.convert("RGB"),
        lines,
        "Item names and prices are drawn far apart, so each is a line of its own.",
    )


NOTICE_TEXT = {
    "en": [
        "The lift is closed for repairs today.",
        "Please use the stairs. Thank you.",
    ],
    "zh-Hans": ["电梯今天维修，暂停使用。", "请走楼梯，谢谢。"],
    "ja": ["エレベーターは本日点検のため停止中です。", "階段をご利用ください。"],
}


def render_notice() -> tuple[Image.Image, list[Line], str]:
    """A building notice in English, simplified Chinese and Japanese."""
    size = (720, 500)
    canvas = Image.new("RGBA", size, (236, 238, 240, 255))
    sheet = Panel((680, 460), (255, 255, 255, 255))
    d = sheet.draw
    cjk = _noto_cjk()
    header = _font(cjk, 40)
    latin = _font(cjk, 26)
    han = _font(cjk, 30)
    small = _font(cjk, 20)
    blue = (22, 74, 150, 255)
    ink = (25, 25, 25, 255)
    d.rectangle([0, 0, 679, 74], fill=blue)
    sheet.write(340, 54, ["NOTICE"], header, (255, 255, 255, 255), align="center")
    sheet.write(30, 128, NOTICE_TEXT["en"][0].split(" "), latin, ink)
    sheet.write(30, 166, NOTICE_TEXT["en"][1].split(" "), latin, ink)
    d.line([(30, 192), (650, 192)], fill=(180, 180, 180, 255), width=2)
    # Chinese and Japanese have no spaces: every character is a word of its own (as the
    # service reports them).
    sheet.write(30, 238, list(NOTICE_TEXT["zh-Hans"][0]), han, ink, sep="")
    sheet.write(30, 280, list(NOTICE_TEXT["zh-Hans"][1]), han, ink, sep="")
    d.line([(30, 306), (650, 306)], fill=(180, 180, 180, 255), width=2)
    sheet.write(30, 352, list(NOTICE_TEXT["ja"][0]), han, ink, sep="")
    sheet.write(30, 394, list(NOTICE_TEXT["ja"][1]), han, ink, sep="")
    sheet.write(650, 440, ["Building", "Management"], small, (90, 90, 90, 255), align="right")
    lines = place(canvas, sheet, 0.0, (size[0] / 2, size[1] / 2))
    return (
        canvas.convert("RGB"),
        lines,
        "Chinese and Japanese lines: every character (punctuation too) is one word, and the line "
        "text has no spaces. Font: Noto Sans CJK SC for all three languages.",
    )


def render_rotated_sign() -> tuple[Image.Image, list[Line], str]:
    """A parking sign rotated 25 degrees and a door label rotated 90 degrees."""
    size = (640, 480)
    canvas = _vertical_gradient(size, (214, 205, 190), (170, 160, 146))
    d = ImageDraw.Draw(canvas)
    d.rectangle([0, 430, 639, 479], fill=(96, 92, 88, 255))  # pavement
    for x in range(0, 640, 80):  # wall panels
        d.line([(x, 0), (x, 429)], fill=(150, 140, 128, 255), width=2)

    sign = Panel((380, 190), (250, 250, 250, 255))
    red = (200, 24, 30, 255)
    sign.draw.rectangle([0, 0, 379, 189], outline=red, width=8)
    sign.write(190, 70, ["NO", "PARKING"], _font(_dejavu("-Bold"), 40), red, align="center")
    sign.write(190, 118, ["LOADING", "ZONE"], _font(_dejavu("-Bold"), 28), (20, 20, 20, 255), align="center")
    sign.write(190, 160, ["Mon-Fri", "7am-6pm"], _font(_dejavu(), 26), (20, 20, 20, 255), align="center")
    # the post behind the sign
    d.rectangle([384, 300, 396, 430], fill=(110, 110, 115, 255))
    lines = place(canvas, sign, 25.0, (390, 225))

    label = Panel((300, 56), (24, 100, 60, 255))
    label.write(
        150, 38, ["STAFF", "ENTRANCE"], _font(_dejavu("-Bold"), 28), (255, 255, 255, 255), align="center"
    )
    lines += place(canvas, label, 90.0, (70, 250))
    return (
        canvas.convert("RGB"),
        lines,
        "The sign is rotated 25 degrees counter-clockwise (text rises to the right); the green "
        "label is rotated 90 degrees counter-clockwise (read from bottom to top).",
    )


#: Size of each page of the two-page letter: US Letter (8.5 x 11 inches) scanned at 100 dpi.
LETTER_PAGE = (850, 1100)
LETTER_DPI = 100


def _letter_page_one(ink: tuple[int, ...]) -> tuple[Image.Image, list[Line]]:
    page = Panel(LETTER_PAGE, (255, 255, 255, 255))
    head = _font(_dejavu("-Bold"), 34)
    small = _font(_dejavu(), 18)
    serif = _font(_dejavu(family="Serif"), 21)
    sign = _font(_dejavu("-Italic", family="Serif"), 28)
    left, right = 90, 760
    page.write(left, 110, ["CORNER", "CAFE"], head, ink)
    page.write(left, 142, ["12", "Market", "Street,", "Springfield"], small, ink)
    page.write(left, 168, ["Tel", "555-0142"], small, ink)
    page.draw.line([(left, 190), (right, 190)], fill=ink, width=3)
    page.write(right, 250, ["14", "May", "2024"], serif, ink, align="right")
    page.write(left, 320, ["Ms", "Ana", "Rivera"], serif, ink)
    page.write(left, 350, ["Hillside", "Roasters"], serif, ink)
    page.write(left, 380, ["4", "Mill", "Lane,", "Riverton"], serif, ink)
    page.write(left, 460, ["Dear", "Ms", "Rivera,"], serif, ink)
    body = [
        "Thank you for the samples of your new espresso",
        "blend. Our customers liked the medium roast",
        "best, so we would like to order ten bags of it",
        "every month, starting in June.",
    ]
    for number, text in enumerate(body):
        page.write(left, 512 + 34 * number, text.split(), serif, ink)
    page.write(left, 680, "The order form is on the next page. Please".split(), serif, ink)
    page.write(left, 714, "send the invoice to the address above.".split(), serif, ink)
    page.write(left, 784, ["Kind", "regards,"], serif, ink)
    page.write(left, 850, ["Sam", "Okafor"], sign, ink)
    page.write(left, 884, ["Manager"], serif, ink)
    page.write(LETTER_PAGE[0] / 2, 1050, ["Page", "1", "of", "2"], small, ink, align="center")
    return page.image, page.lines


def _letter_page_two(ink: tuple[int, ...]) -> tuple[Image.Image, list[Line]]:
    page = Panel(LETTER_PAGE, (255, 255, 255, 255))
    head = _font(_dejavu("-Bold"), 30)
    small = _font(_dejavu(), 18)
    bold = _font(_dejavu("-Bold"), 20)
    sans = _font(_dejavu(), 20)
    serif = _font(_dejavu(family="Serif"), 21)
    left, right, bags = 90, 760, 560
    page.write(left, 110, ["ORDER", "FORM"], head, ink)
    page.write(left, 142, ["Corner", "Cafe,", "12", "Market", "Street,", "Springfield"], small, ink)
    page.write(left, 230, ["Item"], bold, ink)
    page.write(bags, 230, ["Bags"], bold, ink, align="right")
    page.write(right, 230, ["Price"], bold, ink, align="right")
    page.draw.line([(left, 244), (right, 244)], fill=ink, width=2)
    rows = [
        (["Espresso", "blend,", "medium", "roast,", "1", "kg"], "10", "$180.00"),
        (["Decaf", "blend,", "1", "kg"], "2", "$38.00"),
    ]
    baseline = 280
    for item, count, price in rows:
        page.write(left, baseline, item, sans, ink)
        page.write(bags, baseline, [count], sans, ink, align="right")
        page.write(right, baseline, [price], sans, ink, align="right")
        baseline += 36
    page.draw.line([(left, baseline - 18), (right, baseline - 18)], fill=ink, width=2)
    page.write(left, baseline + 16, ["TOTAL"], bold, ink)
    page.write(right, baseline + 16, ["$218.00"], bold, ink, align="right")
    page.write(left, 470, "Deliver on the first Monday of each month.".split(), serif, ink)
    page.write(left, 504, "Payment within 30 days of the invoice.".split(), serif, ink)
    page.write(left, 600, ["Signed:", "Sam", "Okafor"], serif, ink)
    page.draw.line([(left, 640), (420, 640)], fill=ink, width=2)

    # The supplier's rubber stamp, put on at a slant: the only rotated text of the document.
    stamp = Panel((310, 116), (255, 255, 255, 0))
    stamp.draw.rounded_rectangle([2, 2, 307, 113], radius=10, outline=ink, width=5)
    stamp.write(155, 56, ["RECEIVED"], _font(_dejavu("-Bold"), 40), ink, align="center")
    stamp.write(155, 94, ["17", "MAY", "2024"], _font(_dejavu("-Bold"), 24), ink, align="center")
    canvas = page.image
    lines = page.lines + place(canvas, stamp, 15.0, (590, 790))
    # The footer last, so the lines are in reading order.
    lines.append(page.write(LETTER_PAGE[0] / 2, 1050, ["Page", "2", "of", "2"], small, ink, align="center"))
    for line in lines:
        line.page = 2
    return canvas, lines


def render_two_page_letter() -> tuple[list[Image.Image], list[Line], str]:
    """A two-page business letter as a scanner saves it: 1-bit pages, one TIFF, Group 4 compressed.

    Page 1 is the letter; page 2 an order form with a table and a rubber stamp rotated 15 degrees.
    """
    ink = (0, 0, 0, 255)
    pages, lines = [], []
    for render in (_letter_page_one, _letter_page_two):
        image, page_lines = render(ink)
        # Threshold, not dither: a clean black-and-white scan.
        pages.append(image.convert("L").point(lambda v: 255 if v >= 160 else 0).convert("1"))
        lines += page_lines
    return (
        pages,
        lines,
        "Two pages of 850 x 1100 pixels (US Letter at 100 dpi); each line gives its page. On page 2 "
        "table cells far apart are lines of their own, and the RECEIVED stamp is rotated 15 degrees "
        "counter-clockwise.",
    )


def _tiff_bytes(pages: list[Image.Image]) -> bytes:
    buf = io.BytesIO()
    pages[0].save(
        buf,
        format="TIFF",
        save_all=True,
        append_images=pages[1:],
        compression="group4",
        dpi=(LETTER_DPI, LETTER_DPI),
    )
    return buf.getvalue()


def render_clip_art() -> Image.Image:
    """Flat-coloured clip art: a house, a tree and the sun, with black outlines."""
    size = (480, 360)
    img = Image.new("RGB", size, (150, 205, 245))
    d = ImageDraw.Draw(img)
    outline = (20, 20, 20)
    # sun with rays
    cx, cy, r = 400, 70, 36
    for i in range(12):
        a = math.radians(i * 30)
        d.line(
            [
                (cx + (r + 8) * math.cos(a), cy + (r + 8) * math.sin(a)),
                (cx + (r + 24) * math.cos(a), cy + (r + 24) * math.sin(a)),
            ],
            fill=(250, 200, 20),
            width=5,
        )
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 214, 40), outline=outline, width=3)
    # grass
    d.ellipse([-200, 250, 700, 560], fill=(90, 175, 70), outline=outline, width=3)
    # house
    d.rectangle([120, 170, 300, 300], fill=(225, 70, 60), outline=outline, width=3)
    d.polygon([(100, 175), (210, 85), (320, 175)], fill=(120, 70, 50), outline=outline, width=3)
    d.rectangle([190, 225, 232, 300], fill=(130, 85, 45), outline=outline, width=3)
    d.ellipse([220, 260, 228, 268], fill=outline)
    for x0 in (138, 250):
        d.rectangle([x0, 195, x0 + 36, 231], fill=(200, 235, 255), outline=outline, width=3)
        d.line([(x0 + 18, 195), (x0 + 18, 231)], fill=outline, width=2)
        d.line([(x0, 213), (x0 + 36, 213)], fill=outline, width=2)
    # tree
    d.rectangle([368, 215, 388, 300], fill=(120, 80, 40), outline=outline, width=3)
    d.ellipse([330, 140, 426, 236], fill=(40, 140, 55), outline=outline, width=3)
    # a cloud
    for box in ([40, 50, 100, 90], [70, 35, 130, 85], [100, 50, 160, 90]):
        d.ellipse(box, fill=(255, 255, 255))
    return img


def render_line_drawing() -> Image.Image:
    """A black-on-white line drawing of a bicycle (no shading, no colour)."""
    size = (480, 320)
    img = Image.new("L", size, 255)
    d = ImageDraw.Draw(img)
    black = 0
    rear, front, r = (120, 210), (360, 210), 78
    for cx, cy in (rear, front):
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=black, width=4)
        d.ellipse([cx - 6, cy - 6, cx + 6, cy + 6], outline=black, width=3)
        for i in range(12):
            a = math.radians(i * 30)
            d.line([(cx, cy), (cx + (r - 3) * math.cos(a), cy + (r - 3) * math.sin(a))], fill=black, width=1)
    crank = (225, 210)
    seat_top = (195, 105)
    head_top = (330, 100)
    head_bottom = (338, 130)  # on the fork line
    frame = [
        (rear, crank),  # chain stay
        (rear, (200, 118)),  # seat stay
        (crank, seat_top),  # seat tube
        ((200, 118), head_top),  # top tube
        (crank, head_bottom),  # down tube
        (head_top, front),  # fork
    ]
    for a, b in frame:
        d.line([a, b], fill=black, width=5)
    d.ellipse([crank[0] - 14, crank[1] - 14, crank[0] + 14, crank[1] + 14], outline=black, width=3)
    d.line([(crank[0], crank[1]), (crank[0] + 16, crank[1] + 26)], fill=black, width=4)
    d.line([(crank[0] + 8, crank[1] + 26), (crank[0] + 28, crank[1] + 26)], fill=black, width=4)
    d.line([(170, 98), (215, 98)], fill=black, width=7)  # saddle
    d.line([(195, 98), (195, 105)], fill=black, width=4)
    d.line([(330, 100), (326, 78)], fill=black, width=4)  # stem
    d.line([(306, 76), (350, 72)], fill=black, width=4)  # handlebar
    d.line([(350, 72), (362, 84)], fill=black, width=4)
    return img


def render_exif_rotated(src: Path) -> tuple[bytes, tuple[int, int]]:
    """A phone-style JPEG: stored pixels rotated 90 degrees counter-clockwise plus EXIF
    Orientation = 6 ("rotate 90 degrees clockwise to display"), so a viewer that honours the tag
    shows the photo upright, one that ignores it shows the cat lying on its side."""
    photo = Image.open(src).convert("RGB")
    stored = photo.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010E] = "Stored rotated; EXIF Orientation 6 turns it upright"  # ImageDescription
    exif[0x0131] = "vision_viz tools/render_sample_images.py"  # Software
    buf = io.BytesIO()
    stored.save(buf, format="JPEG", quality=90, exif=exif.tobytes())
    return buf.getvalue(), stored.size


# --------------------------------------------------------------------------------------------


def _png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


#: Rendered files, in the order they are written. ``tests/test_sample_images.py`` reads this.
RENDERED = (
    "shop-receipt.png",
    "multilingual-notice.png",
    "rotated-sign.png",
    "clip-art-house.png",
    "line-drawing-bicycle.png",
    "chelsea-exif-orientation-6.jpg",
    "two-page-letter.tiff",
)


def render_all(out: Path, layouts: Path, src: Path = IMAGES_DIR) -> dict[str, Path]:
    """Render every image into ``out`` and every text layout into ``layouts``; return paths."""
    out.mkdir(parents=True, exist_ok=True)
    layouts.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}

    for name, render in (
        ("shop-receipt.png", render_receipt),
        ("multilingual-notice.png", render_notice),
        ("rotated-sign.png", render_rotated_sign),
    ):
        img, lines, note = render()
        (out / name).write_bytes(_png_bytes(img))
        layout = layouts / (Path(name).stem + ".json")
        layout.write_text(_layout_json(name, img.size, lines, note), encoding="utf-8")
        written[name] = out / name
        written[layout.name] = layout

    for name, render in (
        ("clip-art-house.png", render_clip_art),
        ("line-drawing-bicycle.png", render_line_drawing),
    ):
        (out / name).write_bytes(_png_bytes(render()))
        written[name] = out / name

    data, _ = render_exif_rotated(src / EXIF_SOURCE)
    name = "chelsea-exif-orientation-6.jpg"
    (out / name).write_bytes(data)
    written[name] = out / name

    pages, lines, note = render_two_page_letter()
    name = "two-page-letter.tiff"
    (out / name).write_bytes(_tiff_bytes(pages))
    layout = layouts / (Path(name).stem + ".json")
    layout.write_text(_layout_json(name, LETTER_PAGE, lines, note, pages=len(pages)), encoding="utf-8")
    written[name] = out / name
    written[layout.name] = layout
    return written


def main(argv: list[str] | None = None) -> int:
    parser = generated.parser(__doc__)
    parser.add_argument(
        "--out", type=Path, default=IMAGES_DIR, help="folder for the images (default: notebooks/images)"
    )
    parser.add_argument(
        "--layouts",
        type=Path,
        default=None,
        help="folder for the text layouts (default: tools/sample_layouts; OUT/layouts with --out)",
    )
    parser.add_argument(
        "--src",
        type=Path,
        default=IMAGES_DIR,
        help=f"folder holding {EXIF_SOURCE} (default: notebooks/images)",
    )
    args = parser.parse_args(argv)
    layouts = args.layouts
    if layouts is None:
        layouts = LAYOUTS_DIR if args.out == IMAGES_DIR else args.out / "layouts"
    if args.check:  # render into a scratch folder, then compare
        with tempfile.TemporaryDirectory() as scratch:
            made = render_all(Path(scratch), Path(scratch) / "layouts", args.src).values()
            files = {(layouts if p.suffix == ".json" else args.out) / p.name: p.read_bytes() for p in made}
        return generated.check_or_write(files, True, "render_sample_images.py")
    for path in render_all(args.out, layouts, args.src).values():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
