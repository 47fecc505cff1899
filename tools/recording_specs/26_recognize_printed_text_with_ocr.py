"""The legacy synchronous OCR operation of 3.2: an upright receipt, a rotated sign, and the quickstart's
Democritus quote by URL (its words and boxes copied from the v1.0 response Microsoft published)."""

from write_example_recordings import QUOTE_URL, SCHEMA_3_2, Example

RECORDING = "26-recognize-printed-text-with-ocr.json"
OCR = "/vision/v3.2/ocr"
PARAMS = {"language": "unk", "detectOrientation": "true"}


def examples() -> list[Example]:
    return [
        Example(OCR, PARAMS, "3.2/ocr/shop-receipt.json", SCHEMA_3_2, image="shop-receipt.png"),
        Example(OCR, PARAMS, "3.2/ocr/rotated-sign.json", SCHEMA_3_2, image="rotated-sign.png"),
        Example(OCR, PARAMS, "3.2/ocr/democritus-quote-url.json",
                "Image Analysis 3.2 schema, with the words and boxes of the v1.0 response Microsoft published "
                "for this image (Computer Vision Java quickstart, 2017)", json_request={"url": QUOTE_URL}),
    ]
