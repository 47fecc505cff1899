"""Caption: gendered and gender-neutral captions, a language the caption does not offer, and Microsoft's real answer."""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for, published_sample_answer

RECORDING = "02-caption-an-image.json"



def caption(**options: str) -> dict[str, str]:
    return {"api-version": "2023-10-01", "features": "caption", **options}


def examples() -> list[Example]:
    hopper = image_for("grace-hopper")
    return [
        Example(ANALYZE_4_0, caption(**{"gender-neutral-caption": "false"}), "4.0/caption/grace-hopper-gendered.json",
                SCHEMA_4_0, image=hopper),
        Example(ANALYZE_4_0, caption(**{"gender-neutral-caption": "true"}), "4.0/caption/grace-hopper-neutral.json",
                SCHEMA_4_0, image=hopper),
        Example(ANALYZE_4_0, caption(**{"gender-neutral-caption": "true"}), "4.0/caption/astronaut-neutral.json",
                SCHEMA_4_0, image=image_for("astronaut")),
        # Captions are English only (Microsoft's "Image captions (version 4.0)" page); the shape of
        # this refusal follows the published NotSupportedVisualFeature error, its message is ours.
        Example(ANALYZE_4_0, caption(language="es"), "4.0/caption/error-NotSupportedLanguage.json",
                "Image Analysis 2023-10-01 error schema", image=hopper, status=400,
                headers={"x-ms-error-code": "NotSupportedLanguage",
                         "apim-request-id": "3f6d1c2a-8b4e-4f0a-9c1d-5e7b2a9f4c10"}),
        published_sample_answer(),
    ]
