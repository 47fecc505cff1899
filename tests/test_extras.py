"""A missing optional extra is named with its pip command (vision_viz._extras)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

# Each call needs a package of the notebooks extra; the child process runs it with that package blocked.
CALLS = {
    "draw_on_axes": ("matplotlib", "vv.draw_on_axes(Image.new('RGB', (60, 40)), {})"),
    "plot_tags": ("matplotlib", "vv.plot_tags({'tagsResult': {'values': []}})"),
    "explore": ("ipywidgets", "vv.explore(images='.', recordings='.')"),
}


@pytest.mark.parametrize("feature", CALLS)
def test_a_missing_extra_names_the_pip_command(feature, tmp_path):
    module, call = CALLS[feature]
    script = (
        "import sys\n"
        f"sys.modules[{module!r}] = None  # as if not installed: importing it raises ModuleNotFoundError\n"
        "from PIL import Image\n"
        "import vision_viz as vv\n"
        "try:\n"
        f"    {call}\n"
        "except ModuleNotFoundError as error:\n"
        "    print(type(error).__name__, error.name, '|', error)\n"
        "    print('chained:', error.__cause__, error.__suppress_context__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()[:2]
    assert first.startswith(f"ModuleNotFoundError {module} | {feature} needs {module}")
    assert first.endswith('pip install "vision-viz[notebooks]"')
    assert second == "chained: None True"  # no raw traceback of the import machinery under it


def test_an_error_inside_an_installed_extra_is_not_hidden(tmp_path, monkeypatch):
    from vision_viz._extras import require

    # An installed package that fails to import something of its own keeps its own error.
    (tmp_path / "installed_but_broken.py").write_text("import no_such_dependency_of_it\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError) as caught:
        require("installed_but_broken", "a feature")
    assert caught.value.name == "no_such_dependency_of_it" and "notebooks extra" not in str(caught.value)
