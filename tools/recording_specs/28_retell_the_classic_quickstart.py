"""The 2018 Python quickstart, retold on current endpoints: 3.2 analyze (URL and upload), 4.0 analyze,
domain models, a thumbnail, legacy OCR and the asynchronous Read that replaced RecognizeText (on
Microsoft's whiteboard handwriting: the words and boxes of notebook 07's example, in the 3.2 shape).

Most bodies are shared with notebooks 01, 22, 25, 26 and 27 (same image, same request, same answer).
"""

import uuid

from vision_viz._settings import PLACEHOLDER_ENDPOINT
from write_example_recordings import ALL_FEATURES_4_0, HOPPER_URL, QUOTE_URL, SCHEMA_3_2, V3_2, Example

RECORDING = "28-retell-the-classic-quickstart.json"
CLASSIC = {"visualFeatures": "Categories,Description,Color"}
ASTRONAUT_URL = "https://raw.githubusercontent.com/scikit-image/scikit-image/main/skimage/data/astronaut.png"
READ_OPERATION = str(uuid.uuid5(uuid.NAMESPACE_URL, "vision-viz-example/read/quickstart-handwritten-text"))


def examples() -> list[Example]:
    return [
        Example(f"{V3_2}/analyze", CLASSIC, "3.2/analyze-categories-description-color/astronaut-url.json", SCHEMA_3_2,
                json_request={"url": ASTRONAUT_URL}),
        Example("/computervision/imageanalysis:analyze", ALL_FEATURES_4_0, "4.0/astronaut.json",
                "Image Analysis 2023-10-01 schema", image="astronaut.jpg"),
        Example(f"{V3_2}/models", {}, "3.2/models/list.json",
                "Image Analysis 3.2 schema, copying Microsoft's published example", method="GET"),
        Example(f"{V3_2}/models/celebrities/analyze", {"language": "en"},
                "3.2/models/celebrities-grace-hopper-url.json",
                SCHEMA_3_2, json_request={"url": HOPPER_URL}),
        Example(f"{V3_2}/generateThumbnail", {"width": "50", "height": "50", "smartCropping": "true"},
                "3.2/thumbnail/grace-hopper-50x50-smart.jpg",
                "Image Analysis 3.2 generateThumbnail contract (a JPEG made with Pillow from the real image)",
                image="grace-hopper.jpg", content_type="image/jpeg"),
        Example(f"{V3_2}/ocr", {"language": "unk", "detectOrientation": "true"}, "3.2/ocr/democritus-quote-url.json",
                "Image Analysis 3.2 schema, with the words and boxes of the v1.0 response Microsoft published "
                "for this image (Computer Vision Java quickstart, 2017)", json_request={"url": QUOTE_URL}),
        Example(f"{V3_2}/read/analyze", {}, None, "Image Analysis 3.2 Read schema", status=202,
                image="handwritten_text.jpg",
                headers={"Operation-Location": f"{PLACEHOLDER_ENDPOINT}{V3_2}/read/analyzeResults/{READ_OPERATION}"}),
        Example(f"{V3_2}/read/analyzeResults/{READ_OPERATION}", {}, "3.2/read/handwritten_text-running.json",
                "Image Analysis 3.2 Read schema", method="GET"),
        Example(f"{V3_2}/read/analyzeResults/{READ_OPERATION}", {}, "3.2/read/handwritten_text-succeeded.json",
                "Image Analysis 3.2 Read schema", method="GET"),
        Example(f"{V3_2}/analyze", CLASSIC, "3.2/analyze-categories-description-color/clip-art-house.json", SCHEMA_3_2,
                image="clip-art-house.png"),
    ]
