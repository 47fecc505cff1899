"""Smart crops: the espresso at three aspect ratios and at the service's own choice; the rocket for the exercise;
Microsoft's real answer for its sample photo."""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for, published_sample_answer

RECORDING = "08-crop-smartly.json"

CROPS = {"api-version": "2023-10-01", "features": "smartCrops"}


def examples() -> list[Example]:
    coffee, rocket = image_for("coffee"), image_for("rocket")
    return [
        Example(
            ANALYZE_4_0,
            {**CROPS, "smartcrops-aspect-ratios": "0.75,1.0,1.8"},
            "4.0/smart-crops/coffee-3-ratios.json",
            SCHEMA_4_0,
            image=coffee,
        ),
        Example(ANALYZE_4_0, CROPS, "4.0/smart-crops/coffee-service-choice.json", SCHEMA_4_0, image=coffee),
        Example(
            ANALYZE_4_0,
            {**CROPS, "smartcrops-aspect-ratios": "0.75,1.8"},
            "4.0/smart-crops/rocket-2-ratios.json",
            SCHEMA_4_0,
            image=rocket,
        ),
        published_sample_answer(),
    ]
