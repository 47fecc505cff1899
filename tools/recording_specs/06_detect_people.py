"""People: a photographer, the astronaut, Grace Hopper, and Microsoft's real answer for its sample photo."""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for, published_sample_answer

RECORDING = "06-detect-people.json"

PEOPLE = {"api-version": "2023-10-01", "features": "people"}


def examples() -> list[Example]:
    uploads = [
        Example(ANALYZE_4_0, PEOPLE, f"4.0/people/{stem}.json", SCHEMA_4_0, image=image_for(stem))
        for stem in ("camera", "astronaut", "grace-hopper")
    ]
    return uploads + [published_sample_answer()]
