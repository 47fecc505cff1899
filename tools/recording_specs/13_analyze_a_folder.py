"""Batch: caption, tags and read for the pictures notebook 13 copies into its folder, cut from each full example."""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for

RECORDING = "13-analyze-a-folder.json"
# The pictures notebook 13 analyzes as "a folder of photos" (each has a full 4.0 example body).
PICTURES = ("astronaut", "camera", "chelsea", "coffee", "grace-hopper", "horse", "rocket", "shop-receipt")
FEATURES = ("caption", "tags", "read")
SECTIONS = ("captionResult", "tagsResult", "readResult")


def examples() -> list[Example]:
    params = {"api-version": "2023-10-01", "features": ",".join(FEATURES)}
    return [
        Example(ANALYZE_4_0, params, f"4.0/{stem}.json", SCHEMA_4_0, image=image_for(stem), sections=SECTIONS,
                gendered=True)  # no gender-neutral-caption: the default, gendered captions
        for stem in PICTURES
    ]
