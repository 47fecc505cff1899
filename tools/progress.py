#!/usr/bin/env python3
"""Which exercises have I passed?  ``python3 tasks.py progress``

Reads the results the notebooks' checks saved (see notebooks/exercises.py) and prints one line
per exercise. Exits 0 either way: it is a report, not a test.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "notebooks"))

import exercises  # noqa: E402

if __name__ == "__main__":
    print(f"Results from {exercises.progress_file()}:")
    print(exercises.summary())
