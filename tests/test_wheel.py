"""The package as a pip user gets it: build the sdist and wheel, install the wheel in a clean venv.

No extras are installed, so this is ``pip install vision-viz`` in someone's own project: it must
draw Chinese/Japanese (and every other script the service reads) from its own dependencies, and name
the extra for what needs one. Needs PyPI for the dependencies (pip's cache makes reruns fast),
as every install of this project does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

# Runs inside the clean venv: draws captions and reports what it found, as JSON.
CHECK = r"""
import importlib.util, json, pathlib, warnings
warnings.simplefilter("error")  # a font warning ("empty boxes") fails the check
import numpy as np
from PIL import Image
import vision_viz as vv

def caption(text):
    drawn = vv.draw_caption(Image.new("RGB", (400, 60), "white"), {"captionResult": {"text": text, "confidence": 0.9}})
    return np.asarray(drawn.convert("L"))[60:]  # the banner below the picture

tofu = caption("\ue000")  # no font has a private-use character: the "missing glyph" box
report = {"file": vv.__file__, "typed": (pathlib.Path(vv.__file__).parent / "py.typed").is_file()}
report["extras_installed"] = [m for m in ("matplotlib", "ipywidgets") if importlib.util.find_spec(m)]
for script, (first, second) in {"japanese": ("点", "検"), "arabic": ("م", "ب"), "devanagari": ("न", "म")}.items():
    a, b = caption(first), caption(second)
    report[script] = bool(not np.array_equal(a, tofu) and not np.array_equal(b, tofu) and not np.array_equal(a, b))
report["sentence"] = bool((caption("点検中です。こんにちは") < 128).sum() > 200)
try:
    vv.draw_on_axes(Image.new("RGB", (10, 10)), {})
except ModuleNotFoundError as error:
    report["draw_on_axes"] = str(error)
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def test_the_sdist_holds_the_package_its_licence_and_type_marker(dist):
    (sdist,) = dist.glob("vision_viz-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "pyproject.toml", "README.md", "vision_viz/__init__.py", "vision_viz/py.typed"} <= names
    assert {f"vision_viz/{path.name}" for path in (ROOT / "vision_viz").glob("*.py")} <= names


def test_the_wheel_holds_the_package_its_licence_and_type_marker(dist):
    (wheel,) = dist.glob("vision_viz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"vision_viz/{path.name}" for path in (ROOT / "vision_viz").glob("*.py")} <= names
    assert "vision_viz/py.typed" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)


def test_the_wheel_in_a_clean_venv_draws_every_script_without_extras(dist, tmp_path):
    (wheel,) = dist.glob("vision_viz-*.whl")
    venv.EnvBuilder(with_pip=True, clear=True).create(tmp_path / "venv")
    python = tmp_path / "venv" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", str(wheel),
         "-c", str(ROOT / "requirements.txt")],  # the pinned versions (and pip's cached downloads)
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    result = subprocess.run([str(python), "-c", CHECK], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert Path(report["file"]).is_relative_to(tmp_path / "venv"), "imported the checkout, not the wheel"
    assert report["extras_installed"] == [] and report["typed"]
    assert report["japanese"] and report["arabic"] and report["devanagari"] and report["sentence"]
    assert report["draw_on_axes"].endswith('pip install "vision-viz[notebooks]"')
