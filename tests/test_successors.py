"""The successor services' answers (Document Intelligence, Content Understanding) parse and draw."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

import vision_viz as vv
from tests.conftest import DATA
from vision_viz._successors import source_to_polygons

PUBLISHED = DATA / "published-responses"
WHITE = (255, 255, 255)


def load(name: str) -> dict:
    return json.loads((PUBLISHED / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("D(1,5,1,7,1,7,1.5,5,1.5)", [(1, [(5, 1), (7, 1), (7, 1.5), (5, 1.5)])]),
        ("D(3,10,20,30,40)", [(3, [(10, 20), (40, 20), (40, 60), (10, 60)])]),
        ("D(1,0,0,1,1); D(2,1,2,3,4,5,6,7,8)", [(1, [(0, 0), (1, 0), (1, 1), (0, 1)]),
                                               (2, [(1, 2), (3, 4), (5, 6), (7, 8)])]),
    ],
    ids=["quad", "left-top-width-height", "two-pages-joined"],
)  # fmt: skip
def test_source_strings_become_page_polygons(source, expected):
    assert source_to_polygons(source) == [(page, tuple(tuple(map(float, p)) for p in poly)) for page, poly in expected]


@pytest.mark.parametrize("source", ["", "D(1,2,3)", "X(1,2,3,4,5)", "D(1,a,b,c,d)"])
def test_unreadable_source_strings_say_what_was_expected(source):
    with pytest.raises(ValueError, match="source"):
        source_to_polygons(source)


def test_a_bad_source_is_skipped_with_a_warning_not_a_crash():
    body = {"result": {"contents": [{"fields": {"A": {"valueString": "a", "source": "D(1,2)"}}}]}}
    with pytest.warns(UserWarning, match="skipped 1"):
        assert vv.parse(body).annotations == ()


def test_published_document_intelligence_excerpt_keeps_every_region_and_the_inch_pages():
    analysis = vv.parse(load("document-intelligence/2024-11-30-invoice-excerpt.json"))
    assert analysis.pages == (vv.Page(1, (8.5, 11.0), "inch", 0.0),)
    assert [a.label for a in analysis.of_kind("word")][:3] == ["CONTOSO", "LTD.", "INVOICE"]
    assert len(analysis.of_kind("word")) == 10 and len(analysis.of_kind("table")) == 1
    assert [a.label for a in analysis.of_kind("line")][1:3] == ["REMIT TO:", "Contoso Billing"]
    cells = analysis.of_kind("table_cell")
    assert len(cells) == 12 and cells[0].label == "SALESPERSON" and cells[7].label == "PO-3333"
    assert analysis.of_kind("word")[0].box == pytest.approx((0.5911, 0.6857, 1.7451, 0.8664))


def test_inch_geometry_is_drawn_onto_the_rendered_page_by_its_size():
    body = load("document-intelligence/2024-11-30-invoice-excerpt.json")
    page = Image.new("RGB", (850, 1100), WHITE)  # the page rendered at 100 dpi
    drawn = np.asarray(vv.draw(page, body, kinds=["word"], labels=False))
    # CONTOSO spans 0.5911..1.7451 inch across, 0.6857..0.8664 down: its outline is at x = 59..175.
    assert tuple(drawn[78, 59]) != WHITE and tuple(drawn[78, 175]) != WHITE
    assert tuple(drawn[78, 120]) == WHITE and tuple(drawn[78, 40]) == WHITE
    half = np.asarray(vv.draw(Image.new("RGB", (425, 550), WHITE), body, kinds=["word"], labels=False))
    assert tuple(half[39, 30]) != WHITE and tuple(half[39, 60]) == WHITE


def test_document_intelligence_pixel_pages_and_lines_paragraphs_fields():
    body = {"status": "succeeded", "analyzeResult": {"modelId": "prebuilt-layout", "pages": [
        {"pageNumber": 1, "width": 100, "height": 50, "unit": "pixel",
         "lines": [{"content": "Hello world", "polygon": [10, 10, 60, 10, 60, 20, 10, 20]}],
         "words": [{"content": "Hello", "polygon": [10, 10, 30, 10, 30, 20, 10, 20], "confidence": 0.99}]}],
        "paragraphs": [{"content": "Hello world",
                        "boundingRegions": [{"pageNumber": 1, "polygon": [9, 9, 61, 9, 61, 21, 9, 21]}]}],
        "documents": [{"fields": {"Greeting": {"type": "string", "content": "Hello", "confidence": 0.8,
                       "boundingRegions": [
                           {"pageNumber": 1, "polygon": [10, 10, 30, 10, 30, 20, 10, 20]}]}}}]}}  # fmt: skip
    analysis = vv.parse(body)
    assert analysis.size == (100, 50)
    assert [(a.kind, a.label, a.box) for a in analysis.annotations] == [
        ("line", "Hello world", (10, 10, 60, 20)), ("word", "Hello", (10, 10, 30, 20)),
        ("paragraph", "Hello world", (9, 9, 61, 21)), ("field", "Greeting: Hello", (10, 10, 30, 20)),
    ]  # fmt: skip
    # The SDK's AnalyzeResult (the analyzeResult object itself) reads the same.
    assert vv.parse(body["analyzeResult"]).annotations == analysis.annotations
    drawn = np.asarray(vv.draw(Image.new("RGB", (100, 50), WHITE), body, kinds=["paragraph"], labels=False))
    assert tuple(drawn[15, 9]) != WHITE and tuple(drawn[15, 30]) == WHITE


def test_content_understanding_published_field_and_signature_in_inches():
    field = vv.parse(load("content-understanding/2025-11-01-get-result.json"))
    assert [p.number for p in field.pages] == [1, 2] and field.pages[0].unit == "inch"
    (company,) = field.annotations
    assert (company.kind, company.label, company.confidence, company.box, company.page) == (
        "field", "Company: CONTOSO", 0.95, (5.0, 1.0, 7.0, 1.5), 1)  # fmt: skip
    signature = vv.parse(load("content-understanding/2026-06-01-preview-signature-detection.json"))
    assert [(a.kind, a.box) for a in signature.annotations] == [("signature", (2.5, 8.0, 5.5, 9.0))]
    drawn = np.asarray(vv.draw(Image.new("RGB", (850, 1100), WHITE), signature, labels=False))
    assert tuple(drawn[850, 250]) != WHITE and tuple(drawn[850, 400]) == WHITE


def test_content_understanding_regions_on_several_pages_are_drawn_on_each():
    body = {"result": {"contents": [{"unit": "pixel", "pages": [
        {"pageNumber": 1, "width": 100, "height": 100, "words": [{"content": "a", "source": "D(1,10,10,20,20)"}]},
        {"pageNumber": 2, "width": 200, "height": 100}],
        "fields": {"Total": {"valueNumber": 12, "source": "D(1,50,50,10,10);D(2,100,20,50,30)"}}}]}}  # fmt: skip
    analysis = vv.parse(body)
    assert [(a.kind, a.label, a.page, a.box) for a in analysis.annotations] == [
        ("word", "a", 1, (10, 10, 30, 30)), ("field", "Total: 12", 1, (50, 50, 60, 60)),
        ("field", "Total: 12", 2, (100, 20, 150, 50)),
    ]  # fmt: skip
    assert analysis.page_size(2) == (200, 100)
    page2 = np.asarray(vv.draw(Image.new("RGB", (400, 200), WHITE), body, page=2, labels=False))
    assert tuple(page2[70, 200]) != WHITE and tuple(page2[20, 20]) == WHITE  # page 2 scaled 2x, page 1's word absent


def test_hostile_successor_bodies_parse_without_crashing():
    nested: dict = {"content": "x", "boundingRegions": [{"pageNumber": 1, "polygon": [0, 0, 1, 0, 1, 1, 0, 1]}]}
    for _ in range(200):  # fields inside fields, far deeper than any document
        nested = {"content": "x", "valueObject": {"inner": nested}}
    body = {"analyzeResult": {"modelId": "m",
                              "pages": [{"pageNumber": "one", "words": [{"content": 5, "polygon": "oops"}]}],
                              "tables": [{"rowCount": "many", "cells": "none"}],
                              "documents": [{"fields": {"A": nested, "B": {"valueArray": 7}, "C": "text"}}]},
            "result": {"contents": [None, {"pages": [
                {"pageNumber": 1, "lines": [{"source": "D(" + "1," * 10_000 + "1)"}]}]}]}}  # fmt: skip
    with pytest.warns(UserWarning, match="skipped 2"):  # the word's polygon, the line's source
        analysis = vv.parse(body)
    assert [page.number for page in analysis.pages] == [1, 1]
    assert all(a.kind == "field" for a in analysis.annotations) and len(analysis.annotations) <= 10


def test_a_table_is_labelled_with_its_size():
    region = [{"pageNumber": 1, "polygon": [0, 0, 4, 0, 4, 2, 0, 2]}]
    body = {"analyzeResult": {"pages": [], "tables": [{"rowCount": 2, "columnCount": 6, "boundingRegions": region}]}}
    assert vv.parse(body).annotations[0].label == "table 2x6"

NUMBERS = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(st.text(max_size=80))
def test_any_text_is_read_as_regions_or_refused_with_a_value_error(text):
    try:
        regions = source_to_polygons(text)
    except ValueError:
        return
    assert regions and all(len(polygon) == 4 for _, polygon in regions)


@given(st.lists(st.tuples(st.integers(1, 2000), st.lists(NUMBERS, min_size=8, max_size=8)), min_size=1, max_size=5))
def test_written_quads_are_read_back(regions):
    source = ";".join(f"D({page},{','.join(repr(n) for n in numbers)})" for page, numbers in regions)
    read = source_to_polygons(source)
    assert [page for page, _ in read] == [page for page, _ in regions]
    for (_, polygon), (_, numbers) in zip(read, regions):
        assert [c for point in polygon for c in point] == numbers
