"""Where labels go (``vision_viz._labels``): the order in which places are tried, as documented."""

from __future__ import annotations

import pytest

from vision_viz._geometry import box_polygon_overlap
from vision_viz._labels import Taken, place_text_label


class Mono:
    """Every character 10 px wide, lines 12 px high: a label "hi" with its 2 px margin is 24 x 16."""

    def ascent(self, size: int) -> int:
        return 9

    def height(self, size: int) -> int:
        return 12

    def width(self, text: str, size: int) -> float:
        return 10 * len(text)


W, H = 24, 16  # the label's size
UPRIGHT = ((50, 50), (90, 50), (90, 70), (50, 70))  # a word read left to right, box (50, 50, 90, 70)
UPRIGHT_PLACES = [
    pytest.param((50, 50 - H, 50 + W, 50), id="1-above"),
    pytest.param((90, 50, 90 + W, 50 + H), id="2-after-its-end"),
    pytest.param((50, 70, 50 + W, 70 + H), id="3-below"),
    pytest.param((50 - W, 50, 50, 50 + H), id="4-before-its-start"),
    pytest.param((50 - W, 50 - H, 50, 50), id="5-before-and-above"),
    pytest.param((50, 50, 50 + W, 50 + H), id="6-over-it"),
]
# A word read downwards (turned 90 degrees clockwise): its first point is (100, 50) and its top faces right.
TURNED = ((100, 50), (100, 90), (80, 90), (80, 50))
TURNED_PLACES = [
    pytest.param((100, 50, 100 + W, 50 + H), id="1-towards-its-top-along-its-reading"),
    pytest.param((100, 50 - H, 100 + W, 50), id="2-towards-its-top-against-its-reading"),
    pytest.param((100 - W, 50, 100, 50 + H), id="3-away-from-its-top-along-its-reading"),
    pytest.param((100 - W, 50 - H, 100, 50), id="4-away-from-its-top-against-its-reading"),
]


def label_box(polygon, taken: Taken) -> tuple[int, int, int, int]:
    xs, ys = [x for x, _ in polygon], [y for _, y in polygon]
    anchor = (min(xs), min(ys), max(xs), max(ys))
    label = place_text_label("hi", polygon, anchor, (200, 200), 10, (0, 0, 0), Mono(), taken)
    assert label is not None
    return label.box


def taken_at(*boxes) -> Taken:
    taken = Taken(32)
    for box in boxes:
        taken.add(box)
    return taken


@pytest.mark.parametrize(
    ("polygon", "places"),
    [pytest.param(UPRIGHT, UPRIGHT_PLACES, id="upright"), pytest.param(TURNED, TURNED_PLACES, id="turned")],
)
def test_each_place_is_tried_in_the_documented_order(polygon, places):
    """With the first n places taken by other labels, the label goes to place n + 1."""
    boxes = [param.values[0] for param in places]
    for n, expected in enumerate(boxes):
        assert label_box(polygon, taken_at(*boxes[:n])) == expected, places[n].id


def test_when_every_place_hides_something_an_upright_label_takes_the_first():
    boxes = [param.values[0] for param in UPRIGHT_PLACES]
    assert label_box(UPRIGHT, taken_at(*boxes)) == boxes[0]  # above, like the other labels of the page


def test_when_every_place_hides_something_a_turned_label_takes_the_first_that_leaves_its_text_visible():
    # Text rising to the right: its first point is (50, 100), its top faces up and to the left.
    rising = ((50, 100), (90, 60), (104, 74), (64, 114))
    order: list[tuple[int, int, int, int]] = []
    for _ in range(4):  # the places in the order tried: block each one found to find the next
        order.append(label_box(rising, taken_at(*order)))
    cuts_its_text = [box_polygon_overlap(box, rising) >= 1 for box in order]
    assert any(cuts_its_text) and not all(cuts_its_text)  # the case this test is about
    blocked = Taken(32)
    blocked.add((0, 0, 200, 200))  # every place hides a label
    assert label_box(rising, blocked) == order[cuts_its_text.index(False)]
