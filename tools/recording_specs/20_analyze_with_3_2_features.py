"""Image Analysis 3.2, one visual feature at a time: analyze with every feature, describe, image type,
colour and objects (from an image URL)."""

from write_example_recordings import COFFEE_URL, SCHEMA_3_2, Example

RECORDING = "20-analyze-with-3.2-features.json"
ANALYZE = "/vision/v3.2/analyze"
ALL_FEATURES = {
    "visualFeatures": "Categories,Tags,Description,Faces,ImageType,Color,Adult,Objects,Brands",
    "language": "en",
}


def examples() -> list[Example]:
    return [
        Example(ANALYZE, ALL_FEATURES, "3.2/analyze-all/astronaut.json", SCHEMA_3_2, image="astronaut.jpg"),
        Example("/vision/v3.2/describe", {"maxCandidates": "3", "language": "en"},
                "3.2/describe/astronaut-3-captions.json", SCHEMA_3_2, image="astronaut.jpg"),
        Example(ANALYZE, {"visualFeatures": "ImageType"}, "3.2/analyze-imagetype/clip-art-house.json", SCHEMA_3_2,
                image="clip-art-house.png"),
        Example(ANALYZE, {"visualFeatures": "ImageType"}, "3.2/analyze-imagetype/line-drawing-bicycle.json", SCHEMA_3_2,
                image="line-drawing-bicycle.png"),
        Example(ANALYZE, {"visualFeatures": "Color"}, "3.2/analyze-color/camera.json", SCHEMA_3_2, image="camera.png"),
        Example(ANALYZE, {"visualFeatures": "Objects"}, "3.2/analyze-objects/coffee-url.json", SCHEMA_3_2,
                json_request={"url": COFFEE_URL}),
        # Try it yourself: the same request for another portrait.
        Example(ANALYZE, ALL_FEATURES, "3.2/analyze-all/grace-hopper.json", SCHEMA_3_2, image="grace-hopper.jpg"),
    ]
