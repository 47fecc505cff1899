"""tools/contact_sheet.py renders bodies and recordings to PNGs (a smoke test; look at the pictures)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("contact_sheet", ROOT / "tools" / "contact_sheet.py")
contact_sheet = importlib.util.module_from_spec(spec)
spec.loader.exec_module(contact_sheet)


def test_bodies_and_recordings_become_pngs(tmp_path, capsys):
    body = {"metadata": {"width": 300, "height": 200}, "readResult": {"blocks": [{"lines": [
        {"text": "Hi", "words": [], "boundingPolygon": [
            {"x": 10, "y": 10}, {"x": 60, "y": 10}, {"x": 60, "y": 30}, {"x": 10, "y": 30}]}]}]}}  # fmt: skip
    (tmp_path / "sign.json").write_text(json.dumps(body))
    cassette = {"version": 1, "interactions": [
        {"request": {"method": "POST", "uri": "https://x/analyze", "body": "sha256:" + "0" * 64},
         "response": {"status": {"code": 200}, "body": {"json": body}}},
        {"request": {"method": "POST", "uri": "https://x/analyze"},
         "response": {"status": {"code": 400},
                      "body": {"json": {"error": {"code": "InvalidRequest", "message": "no"}}}}}]}  # fmt: skip
    (tmp_path / "recording.json").write_text(json.dumps(cassette))
    out = tmp_path / "out"
    assert contact_sheet.main([str(tmp_path / "sign.json"), str(tmp_path / "recording.json"), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "recording-01-text.png",
        "recording-01.png",
        "sign-text.png",
        "sign.png",
    ]
    assert Image.open(out / "sign.png").size == (300, 200)
    assert "recording-02: This is an error response" in capsys.readouterr().out


def test_every_page_of_a_document_gets_its_own_png(tmp_path):
    def page(number: int, x: int) -> dict:
        quad = [x, 10, x + 40, 10, x + 40, 30, x, 30]
        return {"page": number, "width": 200, "height": 100, "unit": "pixel", "angle": 0,
                "lines": [{"boundingBox": quad, "text": "Hi",
                           "words": [{"boundingBox": quad, "text": "Hi"}]}]}  # fmt: skip

    body = {"status": "succeeded", "analyzeResult": {"readResults": [page(1, 10), page(2, 120)]}}
    (tmp_path / "letter.json").write_text(json.dumps(body))
    out = tmp_path / "out"
    assert contact_sheet.main([str(tmp_path / "letter.json"), "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["letter-page-2-text.png", "letter-page-2.png", "letter-text.png", "letter.png"]
    first, second = (Image.open(out / name).convert("RGB") for name in ("letter.png", "letter-page-2.png"))
    blank = contact_sheet.BLANK
    assert first.getpixel((10, 20)) != blank and first.getpixel((120, 20)) == blank  # page 1's word only
    assert second.getpixel((120, 20)) != blank and second.getpixel((10, 20)) == blank  # page 2's word only


def test_a_page_the_image_file_lacks_is_noted_and_the_other_pages_drawn(tmp_path):
    quad = [10, 10, 50, 10, 50, 30, 10, 30]
    pages = [{"page": n, "width": 80, "height": 60, "unit": "pixel", "angle": 0,
              "lines": [{"boundingBox": quad, "text": "Hi", "words": [{"boundingBox": quad, "text": "Hi"}]}]}
             for n in (1, 2, 3)]  # fmt: skip
    tiff = tmp_path / "two-pages.tiff"
    Image.new("RGB", (80, 60), "white").save(tiff, save_all=True, append_images=[Image.new("RGB", (80, 60), "blue")])
    out = tmp_path / "out"
    out.mkdir()
    notes = contact_sheet.render("doc", {"status": "succeeded", "analyzeResult": {"readResults": pages}}, tiff, out)
    assert any(note.startswith("doc-page-3: not drawn:") and "no page 3" in note for note in notes)
    assert {"doc.png", "doc-page-2.png"} <= {p.name for p in out.iterdir()}
    assert Image.open(out / "doc-page-2.png").convert("RGB").getpixel((70, 50)) == (0, 0, 255)
