"""One geometry inside: every shape the service returns, converted at the door.

Boxes are pixel ``(x1, y1, x2, y2)`` tuples: the left, top, right and bottom *edges*, x to the right
and y down from the image's top-left corner. A box of width 5 starting at x=10 covers pixels 10 to 14,
so it is ``(10, ..., 15, ...)``. Polygons are tuples of ``(x, y)`` points in the same coordinates, in
the service's order: for text, the first edge runs along the top of the text in reading direction,
so the direction of upside-down or vertical text is kept.

Every converter is named ``source_to_target`` and raises ``ValueError`` for input it cannot read.
"""

from __future__ import annotations

__all__ = [
    "ltwh_to_xyxy",
    "points_to_polygon",
    "polygon_to_xyxy",
    "quad_to_polygon",
    "xywh_string_to_xyxy",
    "xywh_to_xyxy",
]

import contextlib
import itertools
import math
import reprlib
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from vision_viz._public import publish

Box = tuple[float, float, float, float]
Point = tuple[float, float]
Polygon = tuple[Point, ...]


def _number(value: Any) -> float:
    """A finite float from a JSON number (or a numeric string); ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"expected a number, got {short_repr(value)}")
    try:
        number = float(value)
    except OverflowError:  # an integer beyond float's range, such as JSON's 1e400 written out
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {short_repr(value)}")
    return number


class _ShortRepr(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 300:  # beyond ~90 digits; past 4,300 digits repr() itself refuses
            return f"<a {x.bit_length()}-bit integer>"
        return super().repr_int(x, level)


_SHORT = _ShortRepr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxstring, _SHORT.maxother = 3, 8, 8, 60, 60


def short_repr(value: Any) -> str:
    """``repr(value)`` cut short, for messages: safe for huge or deeply nested JSON.

    Example:
        >>> short_repr(list(range(100)))
        '[0, 1, 2, 3, 4, 5, 6, 7, ...]'
    """
    return _SHORT.repr(value)


_PLAIN_NUMBERS = {int, float}
_get_x, _get_y = itemgetter("x"), itemgetter("y")


def _numbers(values: Sequence[Any]) -> list[float]:
    """``_number`` of each value (quickly when they are all plain ints and floats)."""
    types = set(map(type, values))
    if types <= _PLAIN_NUMBERS:
        with contextlib.suppress(OverflowError):
            numbers = list(map(float, values))
            if float not in types or all(map(math.isfinite, numbers)):  # ints are finite
                return numbers
    return [_number(value) for value in values]


def _is_list(value: Any) -> bool:
    """Whether ``value`` is a list-like sequence (not a string or a mapping)."""
    return type(value) is list or (isinstance(value, Sequence) and not isinstance(value, (str, bytes, Mapping)))


def _four(rect: Mapping[str, Any] | Sequence[Any], keys: tuple[str, str, str, str]) -> tuple[float, ...]:
    if isinstance(rect, Mapping):
        missing = [key for key in keys if key not in rect]
        if missing:
            raise ValueError(f"rectangle {short_repr(dict(rect))} lacks {', '.join(missing)}")
        return tuple(_number(rect[key]) for key in keys)
    if isinstance(rect, Sequence) and not isinstance(rect, str) and len(rect) == 4:
        return tuple(_number(value) for value in rect)
    raise ValueError(f"expected a rectangle with {', '.join(keys)}, got {short_repr(rect)}")


def xywh_to_xyxy(rect: Mapping[str, Any] | Sequence[float]) -> Box:
    """Convert a ``{x, y, w, h}`` rectangle (4.0 boxes, 3.2 objects and brands) to ``x1, y1, x2, y2``.

    Args:
        rect: A mapping with keys ``x``, ``y``, ``w``, ``h`` (any order), or a 4-sequence.

    Returns:
        The box as ``(x1, y1, x2, y2)``.

    Example:
        >>> xywh_to_xyxy({"x": 10, "y": 20, "w": 30, "h": 40})
        (10.0, 20.0, 40.0, 60.0)
    """
    x, y, w, h = _four(rect, ("x", "y", "w", "h"))
    return (x, y, x + w, y + h)


def ltwh_to_xyxy(rect: Mapping[str, Any] | Sequence[float]) -> Box:
    """Convert a ``{left, top, width, height}`` face rectangle (3.2 faces, celebrities) to a box.

    Args:
        rect: A mapping with keys ``left``, ``top``, ``width``, ``height`` (any order), or a 4-sequence.

    Returns:
        The box as ``(x1, y1, x2, y2)``.

    Example:
        >>> ltwh_to_xyxy({"top": 123, "left": 156, "width": 187, "height": 187})
        (156.0, 123.0, 343.0, 310.0)
    """
    left, top, width, height = _four(rect, ("left", "top", "width", "height"))
    return (left, top, left + width, top + height)


def xywh_string_to_xyxy(text: str) -> Box:
    """Convert a legacy OCR ``"x,y,w,h"`` string to a box.

    Args:
        text: Four comma-separated numbers: left, top, width, height.

    Returns:
        The box as ``(x1, y1, x2, y2)``.

    Example:
        >>> xywh_string_to_xyxy("462,379,41,73")
        (462.0, 379.0, 503.0, 452.0)
    """
    if not isinstance(text, str):
        raise ValueError(f"expected an 'x,y,w,h' string, got {short_repr(text)}")
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError(f"expected an 'x,y,w,h' string, got {short_repr(text)}")
    return xywh_to_xyxy([_number(part.strip()) for part in parts])


def quad_to_polygon(flat: Sequence[float]) -> Polygon:
    """Convert a flat ``[x1, y1, x2, y2, ..., xn, yn]`` list (3.x Read, RecognizeText) to a polygon.

    Args:
        flat: An even number (at least 6, usually 8) of coordinates.

    Returns:
        The polygon as a tuple of ``(x, y)`` points, in the given order.

    Example:
        >>> quad_to_polygon([2, 52, 65, 46, 69, 89, 7, 95])
        ((2.0, 52.0), (65.0, 46.0), (69.0, 89.0), (7.0, 95.0))
    """
    if not _is_list(flat) or len(flat) < 6 or len(flat) % 2:
        raise ValueError(f"expected a flat list of at least 3 x, y pairs, got {short_repr(flat)}")
    numbers = _numbers(flat)
    return tuple(zip(numbers[0::2], numbers[1::2]))


def points_to_polygon(points: Sequence[Mapping[str, Any]]) -> Polygon:
    """Convert a 4.0 ``boundingPolygon`` (a list of ``{x, y}``) to a polygon.

    Args:
        points: At least 3 mappings with keys ``x`` and ``y``.

    Returns:
        The polygon as a tuple of ``(x, y)`` points, in the given order.

    Example:
        >>> points_to_polygon([{"x": 1, "y": 2}, {"x": 5, "y": 2}, {"x": 5, "y": 4}])
        ((1.0, 2.0), (5.0, 2.0), (5.0, 4.0))
    """
    return _points_to_polygon_and_box(points)[0]


def _points_to_polygon_and_box(points: Sequence[Mapping[str, Any]]) -> tuple[Polygon, Box]:
    """``points_to_polygon`` and ``polygon_to_xyxy`` of it, reading the coordinates once."""
    if not _is_list(points) or len(points) < 3:
        raise ValueError(f"expected a list of at least 3 {{x, y}} points, got {short_repr(points)}")
    try:
        numbers = _numbers(list(map(_get_x, points)) + list(map(_get_y, points)))
    except (KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"expected a list of {{x, y}} points, got {short_repr(points)}") from exc
    xs, ys = numbers[: len(points)], numbers[len(points) :]
    return tuple(zip(xs, ys)), (min(xs), min(ys), max(xs), max(ys))


def _point_lists_to_boxes_and_polygons(point_lists: Sequence[Any]) -> list[tuple[Box, Polygon]]:
    """The box and polygon of many 4.0 point lists at once (every word of a Read result).

    Reading all coordinates in a few passes costs about a third of reading them polygon by
    polygon. Raises ``ValueError`` for anything but lists of at least 3 ``{x, y}`` points with
    finite numbers; ``_points_to_polygon_and_box`` then reads each one and says which is wrong.
    """
    lengths = list(map(len, point_lists)) if set(map(type, point_lists)) == {list} else [0]
    if min(lengths) < 3:
        raise ValueError("not a list of point lists")
    try:
        xs = [point["x"] for points in point_lists for point in points]
        ys = [point["y"] for points in point_lists for point in points]
    except (KeyError, TypeError, IndexError) as exc:
        raise ValueError("not a list of point lists") from exc
    xs, ys = _numbers(xs), _numbers(ys)
    if len(set(lengths)) == 1:  # the usual case: every polygon has 4 points
        x_groups, y_groups = list(zip(*[iter(xs)] * lengths[0])), list(zip(*[iter(ys)] * lengths[0]))
    else:
        ends = list(itertools.accumulate(lengths))
        x_groups = [tuple(xs[end - n : end]) for end, n in zip(ends, lengths)]
        y_groups = [tuple(ys[end - n : end]) for end, n in zip(ends, lengths)]
    boxes = zip(map(min, x_groups), map(min, y_groups), map(max, x_groups), map(max, y_groups))
    return list(zip(boxes, map(tuple, map(zip, x_groups, y_groups))))


def polygon_to_xyxy(polygon: Sequence[Point]) -> Box:
    """The smallest box around a polygon.

    Example:
        >>> polygon_to_xyxy(((2, 52), (65, 46), (69, 89), (7, 95)))
        (2, 46, 69, 95)
    """
    xs, ys = zip(*polygon)
    return (min(xs), min(ys), max(xs), max(ys))


def xyxy_to_polygon(box: Box) -> Polygon:
    """The four corners of a box, clockwise on screen from the top-left.

    Example:
        >>> xyxy_to_polygon((1, 2, 3, 4))
        ((1, 2), (3, 2), (3, 4), (1, 4))
    """
    x1, y1, x2, y2 = box
    return ((x1, y1), (x2, y1), (x2, y2), (x1, y2))


def rotate_polygon(polygon: Sequence[Point], degrees: float, center: Point) -> Polygon:
    """Rotate points clockwise on screen (y points down) by ``degrees`` around ``center``.

    Example:
        >>> rotate_polygon(((2, 1),), 90, (1, 1))
        ((1.0, 2.0),)
    """
    radians = math.radians(degrees)
    cos, sin = math.cos(radians), math.sin(radians)
    cx, cy = center
    return tuple(
        (round(cx + (x - cx) * cos - (y - cy) * sin, 9), round(cy + (x - cx) * sin + (y - cy) * cos, 9))
        for x, y in polygon
    )


def scale_box(box: Box, sx: float, sy: float) -> Box:
    """Scale a box's coordinates (to draw on a resized copy of the image)."""
    x1, y1, x2, y2 = box
    return (x1 * sx, y1 * sy, x2 * sx, y2 * sy)


def scale_polygon(polygon: Sequence[Point], sx: float, sy: float) -> Polygon:
    """Scale a polygon's coordinates (to draw on a resized copy of the image)."""
    return tuple((x * sx, y * sy) for x, y in polygon)


def polygon_angle(polygon: Sequence[Point]) -> float:
    """The direction of a polygon's first edge, in degrees clockwise on screen from the x axis.

    For text polygons this is the angle of the text's baseline: 0 for upright text, 180 for
    upside-down text, 90 for text that reads downwards.

    Example:
        >>> polygon_angle(((10, 10), (10, 20), (0, 20), (0, 10)))
        90.0
    """
    (x0, y0), (x1, y1) = polygon[0], polygon[1]
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


def clip_box(box: Box, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """Round a box to whole pixels and clip it to an image of ``size = (width, height)``.

    Returns ``None`` when nothing of the box is inside the image (or a coordinate is not finite);
    a degenerate box inside the image becomes at least one pixel wide and high.

    Example:
        >>> clip_box((-5.2, 10.4, 20.6, 500), (100, 50))
        (0, 10, 21, 50)
        >>> clip_box((120, 0, 130, 10), (100, 50)) is None
        True
    """
    width, height = size
    x1, y1, x2, y2 = box
    if not math.isfinite(x1 + y1 + x2 + y2):
        return None
    x1, x2 = (round(x1), round(x2)) if x1 <= x2 else (round(x2), round(x1))
    y1, y2 = (round(y1), round(y2)) if y1 <= y2 else (round(y2), round(y1))
    if x1 >= width or y1 >= height or x2 < 0 or y2 < 0:
        return None
    x1, y1 = max(x1, 0), max(y1, 0)
    x2, y2 = min(max(x2, x1 + 1), width), min(max(y2, y1 + 1), height)
    return (min(x1, x2 - 1), min(y1, y2 - 1), x2, y2)


def clip_polygon(polygon: Sequence[Point], size: tuple[int, int]) -> Polygon | None:
    """Clip a polygon to an image of ``size = (width, height)`` (Sutherland-Hodgman).

    Returns ``None`` when nothing of it is inside the image or a coordinate is not finite.

    Example:
        >>> clip_polygon(((-10, 0), (10, 0), (10, 10), (-10, 10)), (5, 5))
        ((0.0, 5.0), (0.0, 0.0), (5.0, 0.0), (5.0, 5.0))
    """
    width, height = size
    points = [(float(x), float(y)) for x, y in polygon]
    if not points or not all(math.isfinite(v) for point in points for v in point):
        return None
    if all(0 <= x <= width and 0 <= y <= height for x, y in points):
        return tuple(points) if len(points) >= 2 else None
    points = _clip_to_box(points, (0.0, 0.0, float(width), float(height)))
    if len(points) < 2:
        return None
    return tuple((min(max(x, 0.0), float(width)), min(max(y, 0.0), float(height))) for x, y in points)


def _clip_to_box(points: list[Point], box: Box) -> list[Point]:
    """The part of a polygon inside ``box`` (Sutherland-Hodgman: one edge of the box at a time)."""
    x1, y1, x2, y2 = box
    edges: tuple[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]], ...] = (
        (lambda p: p[0] >= x1, lambda p, q: _cross_x(p, q, x1)),
        (lambda p: p[0] <= x2, lambda p, q: _cross_x(p, q, x2)),
        (lambda p: p[1] >= y1, lambda p, q: _cross_y(p, q, y1)),
        (lambda p: p[1] <= y2, lambda p, q: _cross_y(p, q, y2)),
    )
    for inside, cross in edges:
        if not points:
            return []
        kept: list[Point] = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
            previous = current
        points = kept
    return points


def polygon_area(polygon: Sequence[Point]) -> float:
    """The area a polygon encloses (shoelace formula; 0 for fewer than three points).

    Example:
        >>> polygon_area(((0, 0), (4, 0), (4, 3), (0, 3)))
        12.0
    """
    if len(polygon) < 3:
        return 0.0
    total = 0.0
    x0, y0 = polygon[-1]
    for x1, y1 in polygon:
        total += x0 * y1 - x1 * y0
        x0, y0 = x1, y1
    return abs(total) / 2


def box_polygon_overlap(box: Box, polygon: Sequence[Point]) -> float:
    """The area of the part of ``polygon`` inside ``box`` (both in pixels).

    Example:
        >>> box_polygon_overlap((0, 0, 2, 2), ((1, 1), (5, 1), (5, 5), (1, 5)))
        1.0
    """
    return polygon_area(_clip_to_box([(float(x), float(y)) for x, y in polygon], box))


def grow_polygon(polygon: Sequence[Point], by: float) -> Polygon:
    """A text polygon made ``by`` pixels larger on every side, along its own edges.

    Each point moves outwards along the polygon's first edge (the text's reading direction) and
    its second edge (across the text), so rotated text grows the same way as upright text.

    Example:
        >>> grow_polygon(((10, 10), (20, 10), (20, 15), (10, 15)), 1)
        ((9.0, 9.0), (21.0, 9.0), (21.0, 16.0), (9.0, 16.0))
    """
    if len(polygon) < 3 or not by:
        return tuple((float(x), float(y)) for x, y in polygon)
    (x0, y0), (x1, y1), (x2, y2) = polygon[0], polygon[1], polygon[2]
    along, across = math.hypot(x1 - x0, y1 - y0), math.hypot(x2 - x1, y2 - y1)
    if along == 0 or across == 0:
        return tuple((float(x), float(y)) for x, y in polygon)
    dx, dy = (x1 - x0) / along, (y1 - y0) / along
    nx, ny = (x2 - x1) / across, (y2 - y1) / across
    cx = sum(x for x, _ in polygon) / len(polygon)
    cy = sum(y for _, y in polygon) / len(polygon)
    grown = []
    for x, y in polygon:
        sd = math.copysign(by, (x - cx) * dx + (y - cy) * dy)
        sn = math.copysign(by, (x - cx) * nx + (y - cy) * ny)
        grown.append((x + sd * dx + sn * nx, y + sd * dy + sn * ny))
    return tuple(grown)


def _cross_x(p: Point, q: Point, x: float) -> Point:
    t = (x - p[0]) / (q[0] - p[0])
    return (x, p[1] + t * (q[1] - p[1]))


def _cross_y(p: Point, q: Point, y: float) -> Point:
    t = (y - p[1]) / (q[1] - p[1])
    return (p[0] + t * (q[0] - p[0]), y)


publish(globals())
