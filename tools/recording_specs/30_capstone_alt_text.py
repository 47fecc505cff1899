"""Capstone (notebooks/capstone/): caption, tags, objects and read in one call, for five bundled pictures.

The bodies in tools/example_bodies/4.0/capstone/ are the sections of each picture's full example
answer (tools/example_bodies/4.0/<picture>.json) that this request asks for, so a picture gets the
same caption here as in every other notebook.
"""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for

RECORDING = "30-capstone-alt-text.json"
PICTURES = ("coffee", "rocket", "multilingual-notice", "line-drawing-bicycle", "shop-receipt")
PARAMS = {"api-version": "2023-10-01", "features": "caption,tags,objects,read", "gender-neutral-caption": "true"}


def examples() -> list[Example]:
    return [Example(ANALYZE_4_0, PARAMS, f"4.0/capstone/{stem}.json", SCHEMA_4_0, image=image_for(stem))
            for stem in PICTURES]
