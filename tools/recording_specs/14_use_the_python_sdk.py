"""The Python SDK notebook: the quickstart's requests, sent by azure-ai-vision-imageanalysis.

The SDK builds the same URL, query and body as notebook 01 for the same options, so it replays the
same saved answers: Microsoft's real answer for its sample photo, then every 4.0 feature for each
bundled image (examples, so learners can switch images offline).
"""

from write_example_recordings import (
    ALL_FEATURES_4_0,
    BODIES,
    Example,
    image_for,
    published_sample_answer,
)

RECORDING = "14-use-the-python-sdk.json"


def examples() -> list[Example]:
    return [published_sample_answer()] + [
        Example("/computervision/imageanalysis:analyze", ALL_FEATURES_4_0, f"4.0/{body.name}",
                "Image Analysis 2023-10-01 schema", image=image_for(body.stem))
        for body in sorted((BODIES / "4.0").glob("*.json"))
    ]
