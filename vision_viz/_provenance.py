"""Where an answer came from, and the short note a drawing of it carries.

Every saved answer names its origin in an ``x-vision-viz-provenance`` header: recorded from the live
service, published by Microsoft, or an example written by this project. A drawing made from a saved
answer carries a short note saying which, so that a picture of an example cannot pass for the
service's output.
"""

from __future__ import annotations

PROVENANCE_HEADER = "x-vision-viz-provenance"
LIVE_PROVENANCE = "live response from the service (not a recording)"
# An error replay makes up for a request that is wrong, not just unsaved (vision_viz._offline).
RULES_PROVENANCE = ("produced offline by vision_viz from the service's documented rules (no saved answer "
                    "matched this request, and the service answers such a request with this error); "
                    "not a response from the live service")
EXAMPLE_NOTE = "Example answer written by the vision_viz authors, not a response from the service"


def provenance_note(provenance: str | None) -> str | None:
    """The note for a drawing of an answer with this provenance; ``None`` for a live answer.

    Example:
        >>> provenance_note("example written by the vision_viz authors to the 2023-10-01 schema")
        'Example answer written by the vision_viz authors, not a response from the service'
        >>> provenance_note("recorded from the live service on 2026-11-30")
        'Answer recorded from the live service on 2026-11-30'
        >>> provenance_note(LIVE_PROVENANCE) is None
        True
    """
    if not provenance or provenance == LIVE_PROVENANCE:
        return None
    if provenance.lower().startswith("example"):
        return EXAMPLE_NOTE
    first_clause = provenance.split(" (", 1)[0].split(";", 1)[0].strip()
    return (
        "Answer " + first_clause
        if first_clause.lower().startswith("recorded")
        else first_clause[:1].upper() + first_clause[1:]
    )
