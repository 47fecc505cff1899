"""The quickstart: Microsoft's real answer for its sample photo first, then every 4.0 feature for
each bundled image (examples, so learners can switch images offline)."""

from write_example_recordings import ALL_FEATURES_4_0, BODIES, Example, image_for, published_sample_answer

RECORDING = "01-analyze-an-image.json"



def examples() -> list[Example]:
    return [published_sample_answer()] + [
        Example("/computervision/imageanalysis:analyze", ALL_FEATURES_4_0, f"4.0/{body.name}",
                "Image Analysis 2023-10-01 schema", image=image_for(body.stem))
        for body in sorted((BODIES / "4.0").glob("*.json"))
    ]
