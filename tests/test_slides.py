"""The workshop slides (workshop/slides.ipynb) build into HTML that needs no network."""

from __future__ import annotations

import importlib.util
import re
import sys

import nbformat

from conftest import ROOT

spec = importlib.util.spec_from_file_location("build_slides", ROOT / "tools" / "build_slides.py")
build_slides = importlib.util.module_from_spec(spec)
sys.modules["build_slides"] = build_slides
spec.loader.exec_module(build_slides)

SLIDES = nbformat.read(ROOT / "workshop" / "slides.ipynb", as_version=4)
REMOTE = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def test_slides_build_and_every_slide_and_note_is_in_the_html(tmp_path):
    html = build_slides.build(tmp_path).read_text(encoding="utf-8")
    kinds = [cell.metadata["slideshow"]["slide_type"] for cell in SLIDES.cells]
    assert html.count("<section") == 2 * kinds.count("slide") >= 20, "nbconvert nests each slide in two sections"
    assert html.count('<aside class="notes">') == kinds.count("notes") > 0
    for cell in SLIDES.cells:
        title = next((line for line in cell.source.splitlines() if line.startswith("#")), None)
        if title:
            assert title.lstrip("# ").split("(")[0].strip().replace("'", "&#39;") in html, title


def test_the_built_slides_load_nothing_from_the_network(tmp_path):
    html = build_slides.build(tmp_path).read_text(encoding="utf-8")
    assert not REMOTE.search(html), REMOTE.search(html)
    for name in ("dist/reveal.js", "dist/reveal.css", "dist/theme/simple.css", "plugin/notes/notes.js", "LICENSE"):
        assert (tmp_path / "reveal.js" / name).is_file(), name
    assert (tmp_path / ".gitignore").read_text().splitlines()[-1] == "*", "a build is never committed"
    for css in (tmp_path / "reveal.js").rglob("*.css"):
        assert "@import url(http" not in css.read_text(encoding="utf-8"), css


def test_the_remote_pattern_catches_a_cdn_script():
    assert REMOTE.search('<script src="https://unpkg.com/reveal.js@4.0.2/dist/reveal.js"></script>')
    assert not REMOTE.search('<script src="reveal.js/dist/reveal.js"></script>')


def test_every_slide_about_facts_cites_a_source():
    for cell in SLIDES.cells:
        kind, text = cell.metadata["slideshow"]["slide_type"], cell.source
        if kind == "slide" and re.search(r"20\d\d-\d\d-\d\d|calls a (minute|second)|region|retired", text):
            assert "Source" in text and "https://learn.microsoft.com/" in text, text[:60]
