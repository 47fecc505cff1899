"""3.2 generateThumbnail (with and without smart cropping) and areaOfInterest.

The thumbnail bodies are JPEGs made locally with Pillow (see tools/example_bodies/3.2/thumbnail/README.md):
the image cropped to the requested aspect ratio (around the face, or centred) and resized, as the
service does. They are examples, not service output.
"""

from write_example_recordings import HOPPER_URL, SCHEMA_3_2, V3_2, Example

RECORDING = "27-generate-thumbnails.json"
THUMBNAIL_SCHEMA = "Image Analysis 3.2 generateThumbnail contract (a JPEG made with Pillow from the real image)"


def thumbnail(width: int, height: int, smart: bool, body: str) -> Example:
    params = {"width": str(width), "height": str(height), "smartCropping": "true" if smart else "false"}
    return Example(f"{V3_2}/generateThumbnail", params, f"3.2/thumbnail/{body}", THUMBNAIL_SCHEMA,
                   image="grace-hopper.jpg", content_type="image/jpeg")


def examples() -> list[Example]:
    return [
        thumbnail(300, 150, True, "grace-hopper-300x150-smart.jpg"),
        thumbnail(300, 150, False, "grace-hopper-300x150-centre.jpg"),
        thumbnail(100, 100, True, "grace-hopper-100x100-smart.jpg"),
        Example(f"{V3_2}/areaOfInterest", {}, "3.2/area-of-interest/grace-hopper-url.json", SCHEMA_3_2,
                json_request={"url": HOPPER_URL}),
    ]
