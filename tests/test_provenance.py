"""A drawing of a saved answer says where the answer came from, on the picture itself."""

from __future__ import annotations

import json

import numpy as np
import pytest
import requests
from PIL import Image

import vision_viz as vv
from vision_viz._fonts import METRICS
from vision_viz._layout import NOTE_BACKGROUND, plan
from vision_viz._provenance import EXAMPLE_NOTE, LIVE_PROVENANCE, PROVENANCE_HEADER, provenance_note
from vision_viz._style import make_style

BODY = {
    "metadata": {"width": 120, "height": 80},
    "captionResult": {"text": "a cat", "confidence": 0.9},
    "objectsResult": {"values": [{"boundingBox": {"x": 10, "y": 10, "w": 40, "h": 30},
                                  "tags": [{"name": "cat", "confidence": 0.9}]}]},
}  # fmt: skip
EXAMPLE = (
    "example written by the vision_viz authors to the 2023-10-01 schema (x.json); not a response from the live service"
)


def response(body=BODY, provenance: str | None = EXAMPLE, content_type="application/json") -> requests.Response:
    answer = requests.Response()
    answer.status_code = 200
    answer._content = json.dumps(body).encode() if content_type == "application/json" else body
    answer.headers["Content-Type"] = content_type
    if provenance is not None:
        answer.headers[PROVENANCE_HEADER] = provenance
    return answer


@pytest.mark.parametrize(
    ("provenance", "note"),
    [
        (EXAMPLE, EXAMPLE_NOTE),
        ("recorded from the live service on 2026-11-30", "Answer recorded from the live service on 2026-11-30"),
        ("real answer published by Microsoft (learn.microsoft.com/x); recorded by Microsoft",
         "Real answer published by Microsoft"),
        (LIVE_PROVENANCE, None),
        (None, None),
    ],
    ids=["example", "recorded", "published", "live", "none"],
)  # fmt: skip
def test_the_note_says_where_the_answer_came_from(provenance, note):
    assert provenance_note(provenance) == note


def test_parse_keeps_the_provenance_of_a_response_and_reads_its_body():
    analysis = vv.parse(response())
    assert analysis.provenance == EXAMPLE
    assert analysis.caption.name == "a cat" and len(analysis.annotations) == 1
    assert vv.parse(BODY).provenance is None


def test_an_image_response_is_refused_with_the_image_advice():
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
    with pytest.raises(vv.ResponseBodyError, match="image data"):
        vv.parse(response(png, content_type="image/png"))


def strip_rows(drawing: Image.Image, color) -> int:
    """How many full-width rows of the drawing are the given colour at their left edge."""
    pixels = np.asarray(drawing.convert("RGB"))
    return int(np.sum(np.all(pixels[:, 0] == color, axis=-1)))


def test_a_drawing_of_a_saved_answer_carries_the_note_below_the_caption():
    picture = Image.new("RGB", (120, 80), "white")
    plain = vv.draw(picture, BODY)
    noted = vv.draw(picture, response())
    assert noted.width == plain.width and noted.height > plain.height
    assert np.array_equal(np.asarray(noted)[: plain.height], np.asarray(plain)), "the note only adds a strip below"
    assert strip_rows(noted, NOTE_BACKGROUND) > 0 and strip_rows(plain, NOTE_BACKGROUND) == 0
    note_area = np.asarray(noted)[plain.height :]
    assert (note_area != NOTE_BACKGROUND).any(axis=-1).sum() > 20, "the note has text on it"


def test_a_live_answer_gets_no_note():
    picture = Image.new("RGB", (120, 80), "white")
    assert vv.draw(picture, response(provenance=LIVE_PROVENANCE)).size == vv.draw(picture, BODY).size


def test_the_note_wraps_to_a_narrow_image_and_follows_the_caption():
    layout = plan(vv.parse(response()), (120, 80), make_style(), METRICS)
    assert layout.banner is not None and layout.note is not None
    assert layout.note.top == 80 + layout.banner.height
    assert len(layout.note.lines) > 1, "a 120-pixel image needs the note on several lines"
    assert all(METRICS.width(line, layout.note.size) <= 120 for line in layout.note.lines)
    assert layout.canvas_size == (120, 80 + layout.banner.height + layout.note.height)


def test_matplotlib_shows_the_note_too():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = vv.draw_on_axes(Image.new("RGB", (120, 80), "white"), response())
    layout = plan(vv.parse(response()), (120, 80), make_style(), METRICS)
    assert ax.get_ylim() == (layout.canvas_size[1], 0)
    plt.close(ax.figure)


TAGS = {"tagsResult": {"values": [{"name": "cat", "confidence": 0.9}, {"name": "pet", "confidence": 0.6}]}}


def test_a_tag_chart_of_a_saved_answer_says_where_it_came_from_below_the_tick_labels():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = vv.plot_tags(response(TAGS))
    label = ax.xaxis.label
    assert label.get_text().splitlines()[0] == "confidence"
    assert " ".join(label.get_text().splitlines()[1:]) == EXAMPLE_NOTE
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    label_box = label.get_window_extent(renderer)
    assert label.get_fontsize() >= 8 and label_box.x0 >= 0 and label_box.x1 <= ax.figure.bbox.x1  # readable, whole
    assert all(label_box.y1 <= tick.get_window_extent(renderer).y0 for tick in ax.get_xticklabels())  # below them
    plain = vv.plot_tags(TAGS)
    assert plain.get_xlabel() == "confidence"
    plt.close("all")


def test_a_colour_swatch_of_a_saved_answer_carries_the_note_below():
    body = {"color": {"dominantColorForeground": "Black", "dominantColorBackground": "White",
                      "dominantColors": ["Black"], "accentColor": "BB6D10", "isBWImg": False}}  # fmt: skip
    plain, noted = vv.color_swatch(body), vv.color_swatch(response(body))
    assert noted.width == plain.width and noted.height > plain.height
    assert np.array_equal(np.asarray(noted)[: plain.height], np.asarray(plain)), "the note only adds a strip below"
    assert strip_rows(noted, NOTE_BACKGROUND) > 0 and strip_rows(plain, NOTE_BACKGROUND) == 0
    note_ink = np.asarray(noted.convert("L"))[plain.height :] < 100
    assert note_ink.any(), "the note's text is written on its strip"
