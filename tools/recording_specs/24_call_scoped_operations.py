"""Scoped 3.2 operations: describe, tag and detect for one photo, the same through analyze, and detect by URL."""

from write_example_recordings import SCHEMA_3_2, V3_2, Example

RECORDING = "24-call-scoped-operations.json"
HORSE_URL = "https://raw.githubusercontent.com/scikit-image/scikit-image/main/skimage/data/horse.png"


def examples() -> list[Example]:
    return [
        Example(f"{V3_2}/describe", {"maxCandidates": "3", "language": "en"}, "3.2/describe/chelsea-3-captions.json",
                SCHEMA_3_2, image="chelsea.png"),
        Example(f"{V3_2}/tag", {"language": "en"}, "3.2/tag/chelsea.json", SCHEMA_3_2, image="chelsea.png"),
        Example(f"{V3_2}/detect", {}, "3.2/detect/chelsea.json", SCHEMA_3_2, image="chelsea.png"),
        Example(f"{V3_2}/analyze", {"visualFeatures": "Description,Tags,Objects", "language": "en"},
                "3.2/analyze-description-tags-objects/chelsea.json", SCHEMA_3_2, image="chelsea.png"),
        Example(f"{V3_2}/detect", {}, "3.2/detect/horse-url.json", SCHEMA_3_2, json_request={"url": HORSE_URL}),
    ]
