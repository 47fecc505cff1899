#!/usr/bin/env python3
"""Pre-flight check for a class: is this machine ready to run the notebooks, offline and live?

    python3 tasks.py doctor            # the same, with the project's .venv
    python tools/doctor.py [--env-file PATH]

Offline it checks Python, the pinned packages, the CJK font, the widgets, that every notebook's
saved answers load, and the ``.env`` file (placeholders, a UTF-8 byte-order mark, UTF-16, unclosed
quotes). With ``VISION_KEY`` (or ``VISION_AUTH=entra``) and ``VISION_ENDPOINT`` set it also checks
the endpoint's form, that the key (or the keyless sign-in) is accepted, and which Image Analysis 4.0
features the resource's region offers, with at most three of the cheapest calls (one small image with
``caption,denseCaptions``, one with ``tags`` only if captions are refused, one ``vectorizeText``).

It prints one line per check (``ok``, ``warn`` or ``FAIL``) with a fix for each problem, never the
key, and exits with 1 when a check failed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from vision_viz import Settings

ROOT = Path(__file__).resolve().parents[1]
SETUP_GUIDE = "workshop/azure-setup.md"
# The smallest bundled picture over 50x50 pixels: the probe that costs one transaction.
PROBE_IMAGE = ROOT / "notebooks" / "images" / "line-drawing-bicycle.png"
ANALYZE = "/computervision/imageanalysis:analyze"
VECTORIZE_TEXT = "/computervision/retrieval:vectorizeText"
# Regions with 4.0 captions and dense captions: Microsoft's "What is Image Analysis?" page,
# section "Region availability" (copied in workshop/azure-setup.md).
CAPTION_REGIONS = ("East US", "West US", "France Central", "North Europe", "West Europe",
                   "Southeast Asia", "East Asia", "Korea Central")
# Pinned for the test suite only: a learner can do without them.
TEST_ONLY = {"pytest", "nbval", "jsonschema", "hypothesis", "playwright"}
PLACEHOLDER = re.compile(r"<[^>]*>|your[-_ ]?(resource|key)|\.\.\.|^x+$|changeme", re.I)


@dataclass(frozen=True)
class Check:
    """One line of the report: what was checked, how it went, and what to do about it."""

    name: str
    status: str  # "ok", "warn" or "FAIL"
    detail: str
    fix: str = ""

    def line(self) -> str:
        text = f"{self.status:<4}  {self.name}: {self.detail}"
        return text + (f"  ->  fix: {self.fix}" if self.fix else "")


def ok(name: str, detail: str) -> Check:
    return Check(name, "ok", detail)


# ---------------------------------------------------------------- offline checks


def check_python(version: tuple[int, int] = sys.version_info[:2]) -> Check:
    shown = ".".join(map(str, version))
    if version < (3, 11):
        return Check("python", "FAIL", f"Python {shown} is too old",
                     "install Python 3.11 or newer, then run python3 tasks.py lab")
    return ok("python", f"Python {shown}")


def pinned_requirements(path: Path) -> dict[str, str]:
    """``name==version`` lines of a requirements file, as {name: version}."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s#;]+)", line)
        if match:
            pins[match.group(1)] = match.group(2)
    return pins


def check_packages(pins: Mapping[str, str], installed: Callable[[str], str] = importlib.metadata.version) -> Check:
    missing, different = [], []
    for name, wanted in pins.items():
        try:
            version = installed(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
            continue
        if version != wanted:
            different.append(f"{name} {version} (pinned {wanted})")
    for_class = [name for name in missing if name.lower() not in TEST_ONLY]
    if for_class:
        return Check("packages", "FAIL", f"not installed: {', '.join(for_class)}",
                     "run python3 tasks.py lab (it installs requirements.txt into .venv), and start Jupyter from it")
    if missing:
        different.extend(f"{name} missing (needed only to run the tests)" for name in missing)
    if different:
        return Check("packages", "warn", f"other versions than pinned: {', '.join(different)}",
                     "python3 tasks.py lab installs the pinned versions; other versions usually work")
    return ok("packages", f"{len(pins)} pinned packages installed at the pinned versions")


def check_vision_viz() -> Check:
    try:
        import vision_viz
    except ImportError as error:
        return Check("vision_viz", "FAIL", f"cannot be imported ({error})",
                     "run python3 tasks.py lab, which installs it into .venv (pip install -e .)")
    return ok("vision_viz", f"version {vision_viz.__version__}")


def check_cjk_font() -> Check:
    try:
        from vision_viz._fonts import CJK_FONT_FILE, font_path
    except ImportError:
        return Check("CJK font", "FAIL", "vision_viz is missing, so the font cannot be looked up",
                     "fix the vision_viz line first")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a missing font package warns; the check says it
        path = font_path()
    if path is None:
        return Check("CJK font", "FAIL", f"{CJK_FONT_FILE} not found: labels in every script but Latin draw as boxes",
                     "install the pinned noto-cjk-sans-otc package: python3 tasks.py lab")
    return ok("CJK font", CJK_FONT_FILE)


def check_widgets(installed: Callable[[str], str] = importlib.metadata.version) -> Check:
    try:
        widgets, lab_widgets = installed("ipywidgets"), installed("jupyterlab_widgets")
    except importlib.metadata.PackageNotFoundError as error:
        return Check("widgets", "FAIL", f"{error.name} is not installed, the explorer (notebook 12) shows no controls",
                     "python3 tasks.py lab installs ipywidgets and its JupyterLab extension")
    if widgets.split(".")[0] != "8" or lab_widgets.split(".")[0] != "3":
        return Check("widgets", "FAIL",
                     f"ipywidgets {widgets} with jupyterlab_widgets {lab_widgets} do not match (8.x needs 3.x)",
                     "install the pinned versions: python3 tasks.py lab")
    return ok("widgets", f"ipywidgets {widgets}, jupyterlab_widgets {lab_widgets}")


def notebook_recordings(root: Path) -> dict[Path, Path]:
    """Each notebook's recording, from the ``start_session("…")`` call in its cells."""
    found = {}
    for notebook in sorted((root / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in notebook.parts:
            continue
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            match = re.search(r"start_session\(\s*[\"']([^\"']+)[\"']", "".join(cell["source"]))
            if cell["cell_type"] == "code" and match:
                found[notebook] = notebook.parent / match.group(1)
                break
    return found


def check_recordings(root: Path) -> Check:
    from vision_viz._errors import RecordingError
    from vision_viz._recording import read_recording

    recordings = notebook_recordings(root)
    broken = []
    for notebook, recording in recordings.items():
        try:
            if not read_recording(recording):
                raise ValueError("no interactions")
        except (RecordingError, ValueError) as error:
            broken.append(f"{notebook.name} ({recording.name}: {error})")
    if broken:
        return Check("saved answers", "FAIL", "cannot load " + "; ".join(broken),
                     "restore them from git: git checkout -- notebooks/recordings/ (a recording is rewritten "
                     "only with VISION_RECORD=1)")
    return ok("saved answers", f"the recordings of {len(recordings)} notebooks load")


def check_not_root(euid: int | None = None) -> Check:
    euid = os.geteuid() if euid is None and hasattr(os, "geteuid") else euid
    if euid == 0:
        return Check("user", "warn", "running as root: Jupyter refuses to start as root without --allow-root",
                     "run as your normal user (in a container: python3 tasks.py lab --allow-root)")
    return ok("user", "not running as root")


def check_env_file(path: Path) -> list[Check]:
    """Problems in a ``.env`` file that make python-dotenv skip or misread a value. Never shows the key."""
    name = f".env ({path.name})" if path.name != ".env" else ".env"
    if not path.is_file():
        return [ok(name, "no .env file: offline (replay) mode unless VISION_KEY is set in the shell")]
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw:
        return [Check(name, "FAIL", "the file is UTF-16 (PowerShell's > and Out-File write that), so no value is read",
                      "save it as UTF-8: in PowerShell use Set-Content -Encoding utf8, in VS Code "
                      "'Save with Encoding' > UTF-8")]
    checks = []
    if raw.startswith(b"\xef\xbb\xbf"):
        checks.append(Check(name, "warn", "starts with a UTF-8 byte-order mark (BOM); python-dotenv copes, "
                            "but shells and other tools read the first name as '\\ufeffVISION_…'",
                            "save as 'UTF-8' instead of 'UTF-8 with BOM' (VS Code: click the encoding in the "
                            "status bar > Save with Encoding > UTF-8)"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return checks + [Check(name, "FAIL", "is not UTF-8 text", "save it as UTF-8")]
    seen = set()
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        variable, equals, value = stripped.removeprefix("export ").partition("=")
        variable, value = variable.strip(), value.strip()
        if not equals:
            checks.append(Check(name, "FAIL", f"line {number} has no '=' (expected NAME=value)",
                                "write each setting as VISION_ENDPOINT=https://… or VISION_KEY=…"))
            continue
        if not variable.startswith("VISION_"):
            continue
        seen.add(variable)
        shown = "the value" if variable == "VISION_KEY" else repr(value)
        if value[:1] in ("'", '"') and (len(value) < 2 or value[-1] != value[0]):
            checks.append(Check(name, "FAIL", f"line {number}: {variable} has an unclosed quote, so it is not read",
                                f"close the quote or remove it: {variable}=value"))
        elif not value.strip("'\""):
            checks.append(Check(name, "FAIL", f"line {number}: {variable} is empty",
                                f"paste {variable} from the resource's 'Keys and Endpoint' page ({SETUP_GUIDE})"))
        elif PLACEHOLDER.search(value.strip("'\"")):
            checks.append(Check(name, "FAIL", f"line {number}: {variable} still holds a placeholder ({shown})",
                                f"replace it with your resource's value from 'Keys and Endpoint' ({SETUP_GUIDE})"))
        elif variable == "VISION_KEY" and re.search(r"\s", value.strip("'\"")):
            checks.append(Check(name, "FAIL", f"line {number}: VISION_KEY contains a space",
                                "copy the key again with the portal's copy button"))
    if not [c for c in checks if c.status == "FAIL"]:
        found = ", ".join(sorted(seen)) or "no VISION_ settings"
        checks.append(ok(name, f"readable, {found}"))
    return checks


def check_stray_env_files(root: Path) -> list[Check]:
    """A ``.env`` below the repository root wins for the notebooks under it, while this check reads the root's."""
    checks = []
    for path in sorted((root / "notebooks").rglob(".env")):
        where = path.parent.relative_to(root).as_posix()
        checks.append(Check(f".env in {where}/", "warn",
                            f"the notebooks under {where}/ read this file instead of the root .env",
                            f"keep one .env at the repository root: move or delete {where}/.env"))
        checks += [c for c in check_env_file(path) if c.status == "FAIL"]
    return checks


# ---------------------------------------------------------------- checks with a key


def check_endpoint_form(endpoint: str) -> Check:
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    loopback = host in ("127.0.0.1", "localhost", "::1")
    if parts.path not in ("", "/"):
        return Check("endpoint", "FAIL", f"{endpoint} has a path ({parts.path})",
                     "use only https://<resource-name>.cognitiveservices.azure.com/ : the notebooks add the "
                     "operation path")
    if parts.scheme != "https" and not loopback:
        return Check("endpoint", "FAIL", f"{endpoint} is not https", "copy the endpoint from 'Keys and Endpoint'")
    if host.endswith(".cognitiveservices.azure.com") or loopback:
        return ok("endpoint", endpoint)
    if host.endswith(".api.cognitive.microsoft.com"):
        return Check("endpoint", "warn", f"{endpoint} is a regional endpoint; keys work, keyless sign-in "
                     "needs the resource's own name", "prefer https://<resource-name>.cognitiveservices.azure.com/")
    return Check("endpoint", "warn", f"{endpoint} is not a *.cognitiveservices.azure.com address",
                 "check it against the resource's 'Keys and Endpoint' page")


def live_checks(settings: Settings) -> list[Check]:
    """Key or keyless sign-in accepted? Captions, dense captions, embeddings offered? Three calls at most."""
    import vision_viz as vv

    session = vv.make_session(settings, timeout=(5.0, 30.0), retries=1, backoff_factor=0.5)
    analyze = f"{session.endpoint}{ANALYZE}"
    image = PROBE_IMAGE.read_bytes()
    keyless = settings.credential is not None
    # What signs in, and what to do when the service refuses it (401 or 403).
    signer, refused_fix = (
        ("sign-in", "give your account a role on the resource, such as Cognitive Services User (it can take a few "
                    f"minutes to apply), and sign in to the tenant the resource is in: see {SETUP_GUIDE}")
        if keyless else
        ("key", "use a key of the resource VISION_ENDPOINT names (Keys and Endpoint page); after changing .env "
                "restart the kernel")
    )

    def post_image(features: str) -> None:
        session.post(analyze, params={"api-version": "2023-10-01", "features": features},
                     headers={"Content-Type": "application/octet-stream"}, data=image)

    checks = []
    try:
        post_image("caption,denseCaptions")
        checks += [ok(signer, "accepted"), ok("4.0 captions", "caption and denseCaptions offered in this region")]
    except vv.ServiceUnreachableError:
        return [Check("service", "FAIL", f"no answer from {session.endpoint}",
                      "check VISION_ENDPOINT's spelling and your network (a proxy or firewall may block it)")]
    except vv.VisionServiceError as error:
        if error.status in (401, 403):
            return [Check(signer, "FAIL", f"{error.status} {error.message}".strip(), refused_fix)]
        if error.status == 429:
            return [Check(signer, "warn", "accepted, but rate limited (429) right now",
                          "wait a minute; an F0 resource allows 20 calls a minute for everyone who uses it")]
        if error.status != 400 or not (error.code.startswith("NotSupported") or "region" in error.message.lower()):
            return [Check("service", "FAIL", f"{error.status} {error.code} {error.message}".strip(),
                          "try again in a minute; see workshop/troubleshooting.md")]
        checks.append(Check("4.0 captions", "FAIL",
                            f"refused in this resource's region ({error.code}): notebooks 01-03 will fail live",
                            "create the resource in a caption region (" + ", ".join(CAPTION_REGIONS) +
                            "), or run those notebooks offline"))
        try:
            post_image("tags")
            checks.insert(0, ok(signer, "accepted"))
        except (vv.VisionServiceError, vv.ServiceUnreachableError) as tags_error:
            return [Check(signer, "FAIL", str(tags_error).splitlines()[0], "see workshop/troubleshooting.md")]
    try:
        session.post(f"{session.endpoint}{VECTORIZE_TEXT}",
                     params={"api-version": "2024-02-01", "model-version": "2023-04-15"}, json={"text": "a bicycle"})
        checks.append(ok("embeddings", "multimodal embeddings offered (notebook 09 runs live)"))
    except vv.VisionServiceError as error:
        checks.append(Check("embeddings", "warn", f"refused ({error.status} {error.code}): notebook 09 will fail live",
                            "run notebook 09 offline, or use a resource in a region with multimodal embeddings"))
    except vv.ServiceUnreachableError:
        checks.append(Check("embeddings", "FAIL", "no answer", "check your network and try again"))
    return checks


# ---------------------------------------------------------------- running it


def run(environ: Mapping[str, str], env_file: Path, root: Path = ROOT) -> list[Check]:
    checks = [check_python(), check_vision_viz(), check_packages(pinned_requirements(root / "requirements.txt")),
              check_cjk_font(), check_widgets(), check_not_root()]
    if checks[1].status == "ok":
        checks.append(check_recordings(root))
    checks += check_env_file(env_file)
    checks += check_stray_env_files(root)
    if checks[1].status != "ok":
        return checks
    import vision_viz as vv

    try:
        settings = vv.load_settings(environ, dotenv=env_file)
    except vv.SettingsError as error:
        return checks + [Check("settings", "FAIL", str(error), "fix .env or the shell variables as the message says")]
    if settings.mode == "replay":
        return checks + [ok("mode", f"offline: no VISION_KEY, so the notebooks replay saved answers "
                                    f"(to call the service, see {SETUP_GUIDE})")]
    if settings.mode == "record":
        checks.append(Check("mode", "warn", "VISION_RECORD=1 is set: running a notebook rewrites its recording",
                            "unset VISION_RECORD unless you mean to record"))
    form = check_endpoint_form(settings.endpoint)
    checks.append(form)
    return checks if form.status == "FAIL" else checks + live_checks(settings)


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--env-file", type=Path, default=ROOT / ".env", help="the .env file to check (default: ROOT/.env)"
    )
    args = parser.parse_args(argv)
    checks = run(os.environ if environ is None else environ, args.env_file)
    for check in checks:
        print(check.line(), flush=True)
    failed = [c for c in checks if c.status == "FAIL"]
    print(f"\n{len(failed)} problem(s) to fix." if failed else "\nReady for class.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
