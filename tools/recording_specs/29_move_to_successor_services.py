"""Notebook 29: Microsoft's real answer for its sample photo, the 'before' of the move to the successors.

The successors' answers it draws are published examples read from notebooks/successors/, not calls."""

from write_example_recordings import published_sample_answer

RECORDING = "29-move-to-successor-services.json"


def examples() -> list:
    return [published_sample_answer()]
