"""Read (OCR): Microsoft's real answer for its sample photo, then examples: a receipt, a rotated sign,
a Chinese/Japanese notice, a photo without text, and Microsoft's whiteboard handwriting."""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for, published_sample_answer

RECORDING = "07-read-text.json"

READ = {"api-version": "2023-10-01", "features": "read"}


def examples() -> list[Example]:
    uploads = [
        # handwritten_text: word boxes measured on Microsoft's whiteboard picture (no real answer is published for it).
        Example(ANALYZE_4_0, READ, f"4.0/read/{stem}.json", SCHEMA_4_0, image=image_for(stem))
        for stem in ("shop-receipt", "rotated-sign", "multilingual-notice", "coffee", "handwritten_text")
    ]
    return [published_sample_answer()] + uploads
