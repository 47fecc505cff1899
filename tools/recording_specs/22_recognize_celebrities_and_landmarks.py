"""3.2 domain models: details=Celebrities,Landmarks through analyze, GET models, models/{model}/analyze.

None of the bundled images shows a landmark, so the landmark answers are honestly empty.
"""

from write_example_recordings import HOPPER_URL, SCHEMA_3_2, V3_2, Example

RECORDING = "22-recognize-celebrities-and-landmarks.json"
DETAILS = {"visualFeatures": "Categories,Description", "details": "Celebrities,Landmarks", "language": "en"}


def examples() -> list[Example]:
    return [
        Example(
            f"{V3_2}/analyze", DETAILS, "3.2/analyze-details/grace-hopper.json", SCHEMA_3_2, image="grace-hopper.jpg"
        ),
        Example(f"{V3_2}/analyze", DETAILS, "3.2/analyze-details/rocket.json", SCHEMA_3_2, image="rocket.jpg"),
        Example(
            f"{V3_2}/models",
            {},
            "3.2/models/list.json",
            "Image Analysis 3.2 schema, copying Microsoft's published example",
            method="GET",
        ),
        Example(
            f"{V3_2}/models/celebrities/analyze",
            {"language": "en"},
            "3.2/models/celebrities-grace-hopper-url.json",
            SCHEMA_3_2,
            json_request={"url": HOPPER_URL},
        ),
        Example(
            f"{V3_2}/models/landmarks/analyze",
            {"language": "en"},
            "3.2/models/landmarks-rocket.json",
            SCHEMA_3_2,
            image="rocket.jpg",
        ),
    ]
