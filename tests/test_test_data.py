"""The reference files the tests read are in the repository, each listed with its origin and checksum."""

from __future__ import annotations

import hashlib
import re

from conftest import DATA

MANIFEST = DATA / "MANIFEST.md"


def listed_checksums() -> dict[str, str]:
    """File path (relative to tests/data) -> sha256, from the manifest's tables."""
    rows = re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", MANIFEST.read_text(encoding="utf-8"), re.M)
    return dict(rows)


def test_every_data_file_is_listed_in_the_manifest_with_its_checksum():
    files = {path.relative_to(DATA).as_posix(): path for path in DATA.rglob("*") if path.is_file() and path != MANIFEST}
    listed = listed_checksums()
    assert sorted(files) == sorted(listed)
    for name, path in files.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == listed[name], (
            f"{name} changed: update tests/data/MANIFEST.md"
        )


def test_the_manifest_names_an_origin_and_a_licence_for_every_file():
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\| `[^`]+` \|", line):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            origin, licence = cells[1], cells[3]
            assert re.match(r"[\w-]+/[\w.-]+:\S+\.\w+ .*[0-9a-f]{40}", origin), (
                f"origin needs repo:path and commit: {line}"
            )
            assert licence in ("MIT", "CC BY 4.0"), line
