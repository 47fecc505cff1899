"""Dense captions: the astronaut, the espresso, the horse, and Microsoft's real answer for its sample photo."""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for, published_sample_answer

RECORDING = "03-describe-regions.json"

DENSE = {"api-version": "2023-10-01", "features": "denseCaptions", "gender-neutral-caption": "true"}


def examples() -> list[Example]:
    uploads = [
        Example(ANALYZE_4_0, DENSE, f"4.0/dense-captions/{stem}.json", SCHEMA_4_0, image=image_for(stem))
        for stem in ("astronaut", "coffee", "horse")
    ]
    return uploads + [published_sample_answer()]
