"""Errors: an unknown feature (400), a wrong key (401), rate limiting (429, then 200 after a retry)."""

from write_example_recordings import ANALYZE_4_0, SCHEMA_4_0, Example, image_for

RECORDING = "11-handle-errors.json"

ERROR_SCHEMA = "Image Analysis 2023-10-01 error schema"
REQUEST_ID = {"apim-request-id": "7c2e4b1a-5d3f-4e8a-b6c9-0f1e2d3c4b5a"}


def examples() -> list[Example]:
    coffee, horse, camera = image_for("coffee"), image_for("horse"), image_for("camera")
    return [
        # 'color' is a 3.2 feature. The body is Microsoft's published example of this error.
        Example(ANALYZE_4_0, {"api-version": "2023-10-01", "features": "caption,color"},
                "4.0/errors/400-NotSupportedVisualFeature.json",
                f"{ERROR_SCHEMA}, copying Microsoft's published example of this error", image=coffee, status=400,
                headers={"x-ms-error-code": "NotSupportedVisualFeature", **REQUEST_ID}),
        # What the gateway answers a wrong key (the notebook sends this request with one).
        Example(ANALYZE_4_0, {"api-version": "2023-10-01", "features": "caption"}, "4.0/errors/401-wrong-key.json",
                ERROR_SCHEMA, image=horse, status=401, headers=REQUEST_ID),
        # Rate limited once, then answered. Live, the session retries after Retry-After and gets the 200;
        # replay answers with the 200 at once (vision_viz does not replay statuses the session retries:
        # see README, "Responses the session retried (429, 500, 503) are not recorded"). The 429 is
        # kept so the loopback fake of the tests serves it first and the retry is exercised.
        Example(ANALYZE_4_0, {"api-version": "2023-10-01", "features": "tags"}, "4.0/errors/429-rate-limit.json",
                ERROR_SCHEMA, image=camera, status=429, headers={"Retry-After": "1", **REQUEST_ID}),
        Example(ANALYZE_4_0, {"api-version": "2023-10-01", "features": "tags"}, "4.0/errors/tags-camera.json",
                SCHEMA_4_0, image=camera),
    ]
