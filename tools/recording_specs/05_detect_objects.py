"""Objects: the rocket and its four towers, the astronaut, and Microsoft's real answer for its sample photo
(two chairs)."""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for, published_sample_answer

RECORDING = "05-detect-objects.json"

OBJECTS = {"api-version": "2023-10-01", "features": "objects"}


def examples() -> list[Example]:
    return [
        # The rocket of rocket.json, plus the four lightning towers, boxes measured on the image.
        Example(ANALYZE_4_0, OBJECTS, "4.0/objects/rocket.json", SCHEMA_4_0, image=image_for("rocket")),
        Example(ANALYZE_4_0, OBJECTS, "4.0/objects/astronaut.json", SCHEMA_4_0, image=image_for("astronaut")),
        published_sample_answer(),
    ]
