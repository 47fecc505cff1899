"""Draw responses on matplotlib Axes, for figures with subplots and titles.

The same plan as the Pillow renderer, painted in the image's own pixel coordinates (data
coordinates run from 0 to the image's width and height), so both backends agree on geometry. Box
outlines are filled frames in data units, exactly the pixels Pillow paints; polygon line widths are
converted to points for the Axes' size when painted, and label text takes its size in points from
the Axes' size each time it is drawn.
"""

from __future__ import annotations

__all__ = ["draw_on_axes", "plot_tags"]

import functools
import textwrap
from typing import TYPE_CHECKING, Any

from vision_viz._extras import require
from vision_viz._fonts import (
    CJK_SC_FACE,
    METRICS,
    _warn_once,
    fallback_font_paths,
    first_font_splits,
    font_path,
    visual_order,
)
from vision_viz._image import load_image
from vision_viz._layout import Plan, plan, reference_size
from vision_viz._parse import parse
from vision_viz._provenance import provenance_note
from vision_viz._public import publish
from vision_viz._style import assign_colors, make_style, text_color_on, whole_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.font_manager import FontProperties
    from PIL import Image

#: Images are shown from a copy at most this many pixels wide or high (matplotlib cannot show more).
DISPLAY_MAX_SIDE = 2048


def draw_on_axes(image: Any, body: Any, ax: Axes | None = None, **style: Any) -> Axes:
    """Show the image on ``ax`` and draw everything drawable in the body on it.

    Args:
        image: A file path, image bytes, a Pillow image or a numpy array (RGB). Never modified.
        body: The response body (dict, JSON text) or an ``Analysis``.
        ax: The Axes to draw on; a new figure sized for the image when ``None``.
        **style: The options of ``vision_viz.draw``. The image is shown from a copy at most
            ``max_side`` (default 2048) pixels wide or high; geometry stays in full-size pixels.

    Returns:
        The Axes.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from PIL import Image
        >>> body = {"objectsResult": {"values": [
        ...     {"boundingBox": {"x": 10, "y": 30, "w": 50, "h": 40}, "tags": [{"name": "cat"}]}]}}
        >>> fig, ax = plt.subplots()
        >>> ax = draw_on_axes(Image.new("RGB", (100, 80)), body, ax=ax)
        >>> [float(limit) for limit in ax.get_xlim() + ax.get_ylim()]  # the image's own pixels
        [0.0, 100.0, 80.0, 0.0]
        >>> plt.close(fig)
    """
    require("matplotlib", "draw_on_axes")
    options = make_style(**style)
    _check_axes(ax)
    picture, full_size = load_image(image, options.max_side or DISPLAY_MAX_SIDE, options.page)
    analysis = parse(body, image_size=full_size)
    reference = reference_size(analysis.page_size(options.page), full_size)
    page = analysis.page(options.page)
    # Data coordinates are the body's pixels; those of a page measured in inches (PDF), the image's.
    space = full_size if page is not None and page.unit not in (None, "pixel") else reference
    size = (max(1, round(space[0])), max(1, round(space[1])))
    layout = plan(analysis, size, options, METRICS, (size[0] / reference[0], size[1] / reference[1]))
    if ax is None:
        import matplotlib.pyplot as plt

        width, height = layout.canvas_size
        _, ax = plt.subplots(figsize=(8, 8 * height / width), layout="constrained")
    paint_axes(ax, picture, layout)
    return ax


def paint_axes(ax: Axes, picture: Image.Image, layout: Plan) -> None:
    """Paint a plan on ``ax`` over ``picture``, stretched to the plan's size in data coordinates."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, PathPatch, Polygon, Rectangle
    from matplotlib.path import Path
    from matplotlib.textpath import TextPath
    from matplotlib.transforms import Affine2D

    width, height = layout.size
    canvas_height = layout.canvas_size[1]
    ax.imshow(picture, extent=(0, width, height, 0), interpolation="antialiased", zorder=0)
    ax.set_xlim(0, width)
    ax.set_ylim(canvas_height, 0)
    ax.set_axis_off()
    ax.apply_aspect()
    box = ax.get_window_extent()
    points = min(box.width / width, box.height / canvas_height) * 72 / ax.figure.dpi  # points per pixel
    patches: list[Patch] = []
    for outline in layout.outlines:
        color = _rgb(outline.color)
        if outline.box:
            frame = _frame(outline.box, outline.width)
            patches.append(PathPatch(Path(*frame), facecolor=color, edgecolor="none", linewidth=0))
        elif outline.polygon:
            patches.append(Polygon(outline.polygon, closed=True, fill=False, edgecolor=color,
                                   linewidth=outline.width * points, joinstyle="round"))  # fmt: skip
    ax.add_collection(PatchCollection(patches, match_original=True, zorder=2))

    for placed in layout.placed:
        ax.add_patch(Polygon(placed.polygon, closed=True, facecolor=_rgb(placed.background),
                             alpha=placed.opacity, edgecolor="none", zorder=3))  # fmt: skip
        # The text as a path in pixel units: squeezed, turned and centred on the word like Pillow's.
        path = TextPath((0, 0), _as_matplotlib_draws(placed.text), size=placed.size, prop=_font_for(placed.text))
        advance = METRICS.width(placed.text, placed.size)  # y up from the baseline, which lies below the centre
        turn = (Affine2D().translate(-advance / 2, -placed.baseline).scale(placed.stretch, -1)
                .rotate_deg(placed.angle).translate(*placed.center))  # fmt: skip
        # Above every background (zorder 3), as in Pillow: neighbouring characters' boxes overlap.
        ax.add_patch(PathPatch(turn.transform_path(path), facecolor=_rgb(placed.color), edgecolor="none",
                               zorder=3.5, clip_on=True))  # fmt: skip

    backgrounds = []
    text_in_pixels = _text_in_pixels()
    for label in layout.labels:
        x1, y1, x2, y2 = label.box
        backgrounds.append(Rectangle((x1, y1), x2 - x1, y2 - y1, facecolor=_rgb(label.background), linewidth=0))
        baseline = label.origin[1] + METRICS.ascent(label.size)
        ax.add_artist(text_in_pixels(label.origin[0], baseline, _as_matplotlib_draws(label.text),
                                     label.size, va="baseline", ha="left", color=_rgb(label.color),
                                     fontproperties=_font_for(label.text), zorder=5, clip_on=True))  # fmt: skip
    for strip in layout.strips:
        backgrounds.append(Rectangle((0, strip.top), width, strip.height, facecolor=_rgb(strip.background)))
        line_height = METRICS.height(strip.size)
        for number, line in enumerate(strip.lines):
            baseline = strip.top + strip.pad + number * line_height + METRICS.ascent(strip.size)
            ax.add_artist(text_in_pixels(strip.pad, baseline, _as_matplotlib_draws(line), strip.size, va="baseline",
                                         ha="left", color=_rgb(strip.color), fontproperties=_font_for(line), zorder=5,
                                         clip_on=True))  # fmt: skip
    ax.add_collection(PatchCollection(backgrounds, match_original=True, zorder=4))


@functools.cache
def _text_in_pixels() -> type:
    """matplotlib ``Text`` whose font is a number of the image's pixels high, at any Axes size.

    A font size in points is fixed when it is set, while labels' backgrounds are in data units:
    when the figure's layout later shrinks the Axes (``layout="constrained"``, ``tight_layout``),
    the text would no longer fill its background. This text sets its size when it is drawn.
    """
    from matplotlib.text import Text

    class TextInPixels(Text):
        def __init__(self, x: float, y: float, text: str, pixels: float, **kwargs: Any) -> None:
            super().__init__(x, y, text, **kwargs)
            self.pixels = pixels

        def draw(self, renderer: Any) -> None:
            if self.axes is None:  # only ever added to an Axes; without one there is no pixel size
                return super().draw(renderer)
            (_, top), (_, bottom) = self.axes.transData.transform([(0, 0), (0, self.pixels)])
            size = max(1.0, abs(bottom - top) * 72 / self.figure.dpi)  # matplotlib's smallest size
            if abs(size - self.get_fontsize()) > 1e-6:  # unchanged: leave the figure up to date
                self.set_fontsize(size)
            super().draw(renderer)

    TextInPixels.__module__, TextInPixels.__qualname__ = __name__, "TextInPixels"  # pickled by this name
    return TextInPixels


def __getattr__(name: str) -> Any:
    """``TextInPixels``, made on first use (so that importing this module does not import matplotlib)."""
    if name == "TextInPixels":
        return _text_in_pixels()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def plot_tags(body: Any, ax: Axes | None = None, top: int = 15, min_confidence: float = 0.0) -> Axes:
    """A horizontal bar chart of tag confidences, best first, one colour per tag.

    Each bar's value is written after its end, or inside it for bars longer than 0.85. Tags without
    a confidence (those of a 3.2 ``description``) come last, in the service's order, marked
    "no confidence" instead of a bar, and the axis label says the service gave none. Given the
    ``requests`` response of a saved answer, the axis label also says where it came from, as the
    note under ``draw``'s pictures does.

    Args:
        body: A response or body with tags (4.0 ``tagsResult``, 3.2 ``tags`` or 3.2 ``description`` tags).
        ax: The Axes to draw on; a new figure when ``None``.
        top: Show at most this many tags.
        min_confidence: Leave out tags below this confidence (tags without one are kept).

    Returns:
        The Axes.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots()
        >>> body = {"tagsResult": {"values": [{"name": "cat", "confidence": 0.9}, {"name": "猫", "confidence": 0.5}]}}
        >>> [t.get_text() for t in plot_tags(body, ax=ax).get_yticklabels()]
        ['cat', '猫']
        >>> plt.close(fig)
    """
    require("matplotlib", "plot_tags")
    _check_axes(ax)
    top = whole_number("top", top, None)
    min_confidence = make_style(min_confidence=min_confidence).min_confidence or 0.0  # the drawings' check
    analysis = parse(body)
    every = analysis.tags
    rated = [(tag.confidence, tag) for tag in every if tag.confidence is not None and tag.confidence >= min_confidence]
    unrated = [tag for tag in every if tag.confidence is None]
    tags = ([tag for _, tag in sorted(rated, key=lambda rated: -rated[0])] + unrated)[:top]
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(6, 0.35 * max(len(tags), 1) + 1), layout="constrained")
    positions = list(range(len(tags)))
    bars = [(place, tag.name, tag.confidence) for place, tag in zip(positions, tags) if tag.confidence is not None]
    colors = assign_colors(name for _, name, _ in bars)
    ax.barh([p for p, _, _ in bars], [c for _, _, c in bars], color=[_rgb(colors[name]) for _, name, _ in bars])
    ax.set_yticks(positions, [_as_matplotlib_draws(tag.name) for tag in tags])
    for tick, tag in zip(ax.get_yticklabels(), tags):
        tick.set_fontproperties(_font_for(tag.name))
    ax.set_ylim(max(len(tags), 1) - 0.5, -0.5)  # best first; rows without a bar stay inside too
    ax.set_xlim(0, 1)
    if not bars and tags:
        ax.set_xticks([])
        ax.set_xlabel("the service gave no confidence for these tags")
    elif len(bars) < len(tags):
        ax.set_xlabel("confidence (the service gave none for tags marked 'no confidence')")
    else:
        ax.set_xlabel("confidence")
    note = provenance_note(analysis.provenance)
    if note:  # below the axis label, clear of the tick labels, wrapped to the width of a small figure
        ax.set_xlabel("\n".join([ax.get_xlabel(), *textwrap.wrap(note, 60)]))
    for position, tag in zip(positions, tags):
        if tag.confidence is None:
            ax.text(0, position, " no confidence", va="center", ha="left", fontsize="small", color="dimgrey",
                    style="italic", clip_on=True)  # fmt: skip
            continue
        # Long bars get their value inside their end, in a colour that reads on the bar, so that it
        # stays inside the axes (which end at 1).
        inside = tag.confidence > 0.85
        color = _rgb(text_color_on(colors[tag.name])) if inside else "black"
        ax.text(tag.confidence, position, f" {tag.confidence:.2f} ", va="center", ha="right" if inside else "left",
                fontsize="small", color=color, clip_on=True)  # fmt: skip
    if not tags:
        ax.text(0.5, 0.5, "no tags", ha="center", va="center", transform=ax.transAxes)
    return ax


def _check_axes(ax: Any) -> None:
    """Refuse an ``ax`` that is not a matplotlib Axes (a Figure, or the array ``plt.subplots(1, 2)`` returns)."""
    if ax is not None and not callable(getattr(ax, "imshow", None)):
        hint = " (pick one of them, e.g. axes[0])" if hasattr(ax, "__len__") else ""
        raise TypeError(f"ax must be a matplotlib Axes or None, not {type(ax).__name__}{hint}.")


@functools.cache
def _matplotlib_lays_out_text() -> bool:
    """Whether matplotlib orders right-to-left text and joins letters itself (3.11 and later, with libraqm)."""
    from matplotlib import ft2font

    return hasattr(ft2font, "__libraqm_version__")


def _as_matplotlib_draws(text: str) -> str:
    """``text`` as matplotlib must be given it: as it is where matplotlib lays it out, else in visual order."""
    return text if _matplotlib_lays_out_text() else visual_order(text)


def _font_for(text: str) -> FontProperties:
    """The label fonts for ``text``: Noto Sans CJK SC first, as in Pillow's labels, unless that font would
    split a letter it lacks into a base letter and an accent it does not place (``first_font_splits``):
    such text starts with Noto Sans."""
    return _font_properties(latin_first=first_font_splits(text))


@functools.cache
def _font_properties(latin_first: bool = False) -> FontProperties:
    """The label fonts, registered with matplotlib's font manager: Noto Sans CJK SC, then the same
    fallback fonts as Pillow's labels, which matplotlib uses for characters the first one lacks
    (with ``latin_first``, Noto Sans comes before Noto Sans CJK SC)."""
    from matplotlib import font_manager

    names = []
    collection = font_path()
    if collection is not None:
        font_manager.fontManager.addfont(str(collection))  # matplotlib 3.11 adds every face of a collection
        face_path = getattr(font_manager, "FontPath", None)
        if face_path is None:
            import matplotlib

            _warn_once("matplotlib:collection-faces",
                       f"matplotlib {matplotlib.__version__} reads only the first face of a font collection, so "
                       "Chinese text in figures is drawn with Noto Sans CJK JP's glyph forms (the same characters; "
                       "Pillow drawings use the Simplified Chinese ones). matplotlib 3.11 or later picks the "
                       "Simplified Chinese face: pip install -U matplotlib")
        sc_face = face_path(str(collection), CJK_SC_FACE) if face_path else str(collection)
        names.append(font_manager.FontProperties(fname=sc_face).get_name())
    for path in fallback_font_paths():
        font_manager.fontManager.addfont(path)
        names.append(font_manager.FontProperties(fname=path).get_name())
    if latin_first and len(names) > 1:
        names[0], names[1] = names[1], names[0]
    return font_manager.FontProperties(family=names) if names else font_manager.FontProperties()


def _rgb(color: tuple[int, int, int]) -> tuple[float, float, float]:
    return (color[0] / 255, color[1] / 255, color[2] / 255)


def _frame(box: tuple[int, int, int, int], line: int) -> tuple[list[tuple[float, float]], list[int]]:
    """Vertices and codes of a box outline ``line`` pixels wide, inside the box (as Pillow paints it)."""
    x1, y1, x2, y2 = box
    outer: list[tuple[float, float]] = [(x1, y1), (x2, y1), (x2, y2), (x1, y2), (x1, y1)]
    codes = [1, 2, 2, 2, 79]  # MOVETO, LINETO x 3, CLOSEPOLY
    if x2 - x1 > 2 * line and y2 - y1 > 2 * line:
        a1, b1, a2, b2 = x1 + line, y1 + line, x2 - line, y2 - line
        return outer + [(a1, b1), (a1, b2), (a2, b2), (a2, b1), (a1, b1)], codes * 2  # hole: reversed
    return outer, codes


publish(globals())
