"""The explorer in a real browser: JupyterLab 4 and Notebook 7 run the notebook; the slider and a layer redraw it.

Starts JupyterLab (then Notebook 7) headless on 127.0.0.1 (a free port, a random token, a temporary
copy of notebooks/ as its root, no browser of its own, settings and workspaces in temporary folders),
then drives Debian's Chromium with Playwright for Python: open 12-explore-interactively.ipynb, run
all cells, wait for the explorer, drag the confidence slider and switch a layer off, and check each
time that the drawn picture changed (its bytes, as the browser holds them, and a screenshot of it).

Needs Chromium (``apt-get install chromium``; or set VV_CHROMIUM to another Chromium binary) and
``pip install playwright`` (never ``playwright install``: the browser comes from the system). Without
them the test is skipped on a developer machine and FAILS when the environment variable CI is "true".
Screenshots go to the test's temporary folder, or to VV_SCREENSHOTS when that is set.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

NOTEBOOK = "12-explore-interactively.ipynb"
CHROMIUM = os.environ.get("VV_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SERVER_START_S = 90
STEP_MS = 60_000  # the longest wait for any one thing in the page


def _missing() -> str | None:
    """What the browser test lacks, in words, or None."""
    problems = []
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        problems.append(f"Chromium is not at {CHROMIUM} (Debian: apt-get install -y chromium; or set VV_CHROMIUM)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append(
            "Playwright for Python is not installed (pip install playwright; do not run 'playwright install')"
        )
    return "; ".join(problems) or None


@pytest.fixture(scope="module")
def browser_requirements():
    missing = _missing()
    if missing:
        message = f"The real-browser test of the explorer cannot run: {missing}."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " CI must provide them.", pytrace=False)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


FRONT_ENDS = {"jupyterlab": ("lab", "/lab/tree/"), "notebook7": ("notebook", "/notebooks/")}


@pytest.fixture(params=sorted(FRONT_ENDS))
def jupyterlab(request, browser_requirements, tmp_path):
    """JupyterLab 4 or Notebook 7 serving a copy of notebooks/ (the explorer notebook without outputs).

    Yields the URL of the notebook's page, with the token.
    """
    app, page_path = FRONT_ENDS[request.param]
    root = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    nb = nbformat.read(root / NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)  # no saved widget views: everything seen is drawn by this run
    nbformat.write(nb, root / NOTEBOOK)

    port, token = _free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VISION_")}  # replay mode
    for name in (
        "JUPYTER_CONFIG_DIR",
        "JUPYTER_RUNTIME_DIR",
        "JUPYTERLAB_SETTINGS_DIR",
        "JUPYTERLAB_WORKSPACES_DIR",
        "IPYTHONDIR",
    ):
        folder = tmp_path / name.lower()
        folder.mkdir()
        env[name] = str(folder)
    # User settings: render every cell (no windowing, so the explorer is in the page wherever it is
    # scrolled) and do not ask about news.
    settings = tmp_path / "jupyterlab_settings_dir" / "@jupyterlab"
    for extension, file, values in (
        ("notebook-extension", "tracker", {"windowingMode": "none"}),
        ("apputils-extension", "notification", {"fetchNews": "false"}),
    ):
        (settings / extension).mkdir(parents=True, exist_ok=True)
        (settings / extension / f"{file}.jupyterlab-settings").write_text(json.dumps(values))
    command = [
        sys.executable, "-m", "jupyter", app, "--no-browser", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--{'LabApp' if app == 'lab' else 'JupyterNotebookApp'}.extension_manager=readonly",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI runners often run as root
    log = open(tmp_path / "jupyterlab.log", "wb")  # noqa: SIM115 (open while the server runs; closed below)
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if server.poll() is not None:
                pytest.fail(
                    f"JupyterLab stopped at start (exit {server.returncode}):\n{_tail(tmp_path / 'jupyterlab.log')}"
                )
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"JupyterLab did not answer within {SERVER_START_S} s:\n{_tail(tmp_path / 'jupyterlab.log')}"
                )
            time.sleep(0.5)
        yield f"{url}{page_path}{NOTEBOOK}?token={token}", f"{url}/api/sessions?token={token}"
    finally:
        _stop(server)
        log.close()


def _stop(server: subprocess.Popen) -> None:
    """Stop the server we started and its kernels (its own process group), politely first."""
    if server.poll() is None:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        except ProcessLookupError:
            pass


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture
def screenshots(tmp_path):
    folder = Path(os.environ.get("VV_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


PICTURE = "img.vv-explorer-picture"


def _picture_digest(page) -> str:
    """A digest of the picture's bytes as the browser holds them (ipywidgets shows them from a blob URL)."""
    data = page.evaluate(
        """async (selector) => {
            const img = document.querySelector(selector);
            const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
            let text = '';
            for (let i = 0; i < bytes.length; i += 1) text += String.fromCharCode(bytes[i]);
            return btoa(text);
        }""",
        PICTURE,
    )
    return hashlib.sha256(data.encode()).hexdigest()


def _accept_kernel_dialog(page) -> bool:
    """Start the notebook's own kernel if the front end asks which one; say whether it asked."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    if dialog.count() and dialog.first.is_visible():
        dialog.locator(".jp-Dialog-button.jp-mod-accept").first.click()
        return True
    return False


def _kernel_idle(sessions_api: str) -> bool:
    """Whether the server has a kernel for the notebook, started and idle."""
    try:
        with urllib.request.urlopen(sessions_api, timeout=5) as answer:
            sessions = json.load(answer)
    except (OSError, ValueError):
        return False
    return any(
        s.get("path", "").endswith(NOTEBOOK) and (s.get("kernel") or {}).get("execution_state") == "idle"
        for s in sessions
    )


def _run_all(page) -> None:
    page.click("li.lm-MenuBar-item:has-text('Run')")
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def _wait_for_new_picture(page, old_src: str) -> None:
    page.wait_for_function(
        """([selector, old]) => {
            const img = document.querySelector(selector);
            return img && img.src && img.src !== old && img.complete && img.naturalWidth > 0;
        }""",
        arg=[PICTURE, old_src],
        timeout=STEP_MS,
    )


def test_the_explorer_redraws_when_the_slider_moves_and_a_layer_is_switched_off(jupyterlab, screenshots, tmp_path):
    from playwright.sync_api import sync_playwright

    url, sessions_api = jupyterlab
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),  # a fresh user-data dir
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        context.set_default_timeout(STEP_MS)
        page = context.pages[0] if context.pages else context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector(".jp-Notebook .jp-Cell", state="visible")
            # The kernel must be up before "Run All": the server says the notebook's kernel is idle.
            # (If the page opened before it knew the kernels, it asks which one: take the notebook's.)
            deadline = time.monotonic() + STEP_MS / 1000
            while not _kernel_idle(sessions_api):
                assert time.monotonic() < deadline, "the notebook's kernel did not start in time"
                _accept_kernel_dialog(page)
                page.wait_for_timeout(500)
            page.wait_for_timeout(500)
            _accept_kernel_dialog(page)
            _run_all(page)

            # The last step switches the explorer to the receipt with text lines off: wait for its output.
            last_output = page.locator(".jp-OutputArea-output", has_text="shop-receipt.png ['line']")
            deadline = time.monotonic() + 2 * STEP_MS / 1000
            while not last_output.count():
                assert time.monotonic() < deadline, "the notebook did not finish running in time"
                if _accept_kernel_dialog(page):
                    _run_all(page)  # the dialog swallowed the first "Run All"
                page.wait_for_timeout(500)
            picture = page.wait_for_selector(PICTURE, state="visible")
            page.wait_for_function(
                "(s) => { const i = document.querySelector(s); return i && i.complete && i.naturalWidth > 0; }",
                arg=PICTURE,
            )
            page.locator(".vv-explorer").first.evaluate("(e) => e.scrollIntoView({block: 'start'})")
            assert page.locator("button.vv-layer-word").count() == 1, "the receipt has a 'words' layer button"
            assert "shop-receipt.png" in page.inner_text(".vv-explorer-status")
            page.screenshot(path=str(screenshots / "1-explorer-opened.png"), full_page=False)
            src, digest, pixels = picture.get_attribute("src"), _picture_digest(page), picture.screenshot()

            # Drag the confidence slider's handle most of the way to the right.
            handle = page.locator(".vv-explorer-confidence .noUi-handle")
            handle.scroll_into_view_if_needed()
            track = page.locator(".vv-explorer-confidence .noUi-target").bounding_box()
            box = handle.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.down()
            page.mouse.move(track["x"] + 0.97 * track["width"], box["y"] + box["height"] / 2, steps=8)
            page.mouse.up()
            _wait_for_new_picture(page, src)
            readout = float(page.inner_text(".vv-explorer-confidence .widget-readout"))
            assert readout > 0.8, f"the slider moved (readout {readout})"
            slid_src, slid_digest, slid_pixels = (
                picture.get_attribute("src"),
                _picture_digest(page),
                picture.screenshot(),
            )
            assert slid_digest != digest and slid_pixels != pixels, "the drawing changed with the slider"
            page.screenshot(path=str(screenshots / "2-after-slider.png"))

            # Switch the smart crops off (they have no confidence, so they are drawn at any threshold).
            layer = page.locator("button.vv-layer-smart_crop")
            layer.scroll_into_view_if_needed()
            assert "mod-active" in (layer.get_attribute("class") or ""), "layers start switched on"
            layer.click()
            _wait_for_new_picture(page, slid_src)
            page.wait_for_function(
                "() => !document.querySelector('button.vv-layer-smart_crop').classList.contains('mod-active')"
            )
            assert _picture_digest(page) != slid_digest and picture.screenshot() != slid_pixels, (
                "the layer switch redrew"
            )
            page.screenshot(path=str(screenshots / "3-after-layer-toggle.png"))
            picture.screenshot(path=str(screenshots / "4-picture.png"))

            # The other tabs hold the raw JSON and the code to copy.
            page.click(".lm-TabBar-tab:has-text('Request code')")
            code = page.locator(".vv-explorer-code textarea").first.input_value()
            assert "session.post(" in code and "imageanalysis:analyze" in code
            page.click(".lm-TabBar-tab:has-text('JSON')")
            assert '"readResult"' in page.inner_text(".vv-explorer-json")
            page.screenshot(path=str(screenshots / "5-json-tab.png"))
            assert not [e for e in errors if "widget" in e.lower()], f"widget errors in the page: {errors}"
        except Exception:
            page.screenshot(path=str(screenshots / "failure.png"))
            raise
        finally:
            context.close()
