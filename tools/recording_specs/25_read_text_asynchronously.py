"""Asynchronous Read 3.2: 202 with Operation-Location, then polls that answer notStarted, running,
succeeded (or failed), in the order the notebook's polling loop asks."""

import uuid

from vision_viz._settings import PLACEHOLDER_ENDPOINT
from write_example_recordings import Example

RECORDING = "25-read-text-asynchronously.json"
SCHEMA = "Image Analysis 3.2 Read schema"
ANALYZE = "/vision/v3.2/read/analyze"
README_URL = "https://raw.githubusercontent.com/scikit-image/scikit-image/main/README.md"


def operation(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"vision-viz-example/read/{name}"))


def submit(name: str, **request) -> Example:
    location = f"{PLACEHOLDER_ENDPOINT}/vision/v3.2/read/analyzeResults/{operation(name)}"
    return Example(ANALYZE, {"readingOrder": "natural"}, None, SCHEMA, status=202,
                   headers={"Operation-Location": location}, **request)


def poll(name: str, body: str) -> Example:
    return Example(f"/vision/v3.2/read/analyzeResults/{operation(name)}", {}, f"3.2/read/{body}", SCHEMA, method="GET")


def examples() -> list[Example]:
    return [
        submit("rotated-sign", image="rotated-sign.png"),
        poll("rotated-sign", "rotated-sign-notstarted.json"),
        poll("rotated-sign", "rotated-sign-running.json"),
        poll("rotated-sign", "rotated-sign-succeeded.json"),
        # A document of two pages: one result per page.
        submit("two-page-letter", image="two-page-letter.tiff"),
        poll("two-page-letter", "two-page-letter-running.json"),
        poll("two-page-letter", "two-page-letter-succeeded.json"),
        # Microsoft's handwritten form (PDF): page sizes and boxes in inches.
        submit("handwritten-form", image="MultiPageHandwrittenForm.pdf"),
        poll("handwritten-form", "handwritten-form-running.json"),
        poll("handwritten-form", "handwritten-form-succeeded.json"),
        submit("readme-url", json_request={"url": README_URL}),
        poll("readme-url", "readme-url-failed.json"),
        # Try it yourself: the receipt.
        submit("shop-receipt", image="shop-receipt.png"),
        poll("shop-receipt", "shop-receipt-running.json"),
        poll("shop-receipt", "shop-receipt-succeeded.json"),
    ]
