#!/usr/bin/env python3
"""Build the workshop slides into HTML that works without a network.

    python3 tasks.py slides                  # -> workshop/build/slides.html (+ workshop/build/reveal.js/)
    python tools/build_slides.py --output-dir DIR

The slides are workshop/slides.ipynb (markdown cells with slide metadata). nbconvert renders them
with workshop/slides-template/, which loads reveal.js from the folder copied next to the HTML
(workshop/vendor/, see its README) instead of a CDN. Open slides.html in a browser; press S for the
speaker view with the notes (allow the pop-up window), F for full screen. Copy the whole build folder
to present from another machine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKSHOP = ROOT / "workshop"
REVEAL = WORKSHOP / "vendor" / "reveal.js-4.0.2"


def build(output_dir: Path) -> Path:
    """Write ``slides.html`` and a ``reveal.js`` folder into ``output_dir``; return the HTML's path.

    The folder gets a ``.gitignore`` of its own, so a build in the checkout is never committed.
    """
    import nbformat
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(extra_template_basedirs=[str(WORKSHOP)], template_name="slides-template",
                              reveal_url_prefix="reveal.js", reveal_theme="simple")
    notebook = nbformat.read(WORKSHOP / "slides.ipynb", as_version=4)
    html, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": "Image Analysis workshop"}})
    output_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REVEAL, output_dir / "reveal.js", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("LICENSE"))
    shutil.copy2(REVEAL / "LICENSE", output_dir / "reveal.js" / "LICENSE")
    (output_dir / ".gitignore").write_text("# built by tools/build_slides.py\n*\n", encoding="utf-8")
    path = output_dir / "slides.html"
    path.write_text(html, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output-dir", type=Path, default=WORKSHOP / "build")
    args = parser.parse_args(argv)
    path = build(args.output_dir)
    print(f"Wrote {path} (works offline: open it in a browser; S shows the speaker notes).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
