"""Tags: an espresso photo in English and Spanish, two more images for the exercises, and Microsoft's real
answer for its sample photo."""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for, published_sample_answer

RECORDING = "04-tag-an-image.json"

TAGS = {"api-version": "2023-10-01", "features": "tags"}


def examples() -> list[Example]:
    english = [
        Example(ANALYZE_4_0, TAGS, f"4.0/tags/{stem}.json", SCHEMA_4_0, image=image_for(stem))
        for stem in ("coffee", "rocket", "clip-art-house")
    ]
    # The same tags and confidences as coffee.json, with the names in Spanish.
    spanish = Example(
        ANALYZE_4_0, {**TAGS, "language": "es"}, "4.0/tags/coffee-es.json", SCHEMA_4_0, image=image_for("coffee")
    )
    return english + [spanish, published_sample_answer()]
