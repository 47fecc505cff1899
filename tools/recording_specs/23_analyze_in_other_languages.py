"""3.2 analyze with language=en, es, ja, pt and zh (captions and tags translated; object names stay English)."""

from write_example_recordings import COFFEE_URL, SCHEMA_3_2, Example

RECORDING = "23-analyze-in-other-languages.json"
ANALYZE = "/vision/v3.2/analyze"


def params(language: str) -> dict[str, str]:
    return {"visualFeatures": "Description,Tags,Objects", "language": language}


def examples() -> list[Example]:
    return [
        Example(
            ANALYZE, params(language), f"3.2/analyze-languages/coffee-{language}.json", SCHEMA_3_2, image="coffee.jpg"
        )
        for language in ("en", "es", "ja", "pt", "zh")
    ] + [
        Example(
            ANALYZE,
            params("pt"),
            "3.2/analyze-languages/coffee-url-pt.json",
            SCHEMA_3_2,
            json_request={"url": COFFEE_URL},
        ),
    ]
