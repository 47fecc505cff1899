"""The pre-flight check (tools/doctor.py): offline checks, .env problems, and live checks against the fake."""

from __future__ import annotations

import collections
import importlib.metadata
import importlib.util
import json
import socket
import subprocess
import sys
import time

import pytest

from conftest import CANARY_KEY, ROOT
from fake_service import Reply

spec = importlib.util.spec_from_file_location("doctor", ROOT / "tools" / "doctor.py")
doctor = importlib.util.module_from_spec(spec)
sys.modules["doctor"] = doctor  # dataclasses look their module up there
spec.loader.exec_module(doctor)

PROBE = doctor.PROBE_IMAGE.read_bytes()
CAPTIONS = "/computervision/imageanalysis:analyze?api-version=2023-10-01&features=caption%2CdenseCaptions"
TAGS = "/computervision/imageanalysis:analyze?api-version=2023-10-01&features=tags"
VECTORIZE = "/computervision/retrieval:vectorizeText?api-version=2024-02-01&model-version=2023-04-15"
JSON = {"Content-Type": "application/json"}
# How the service refuses a feature: Microsoft's published NotSupportedVisualFeature error, as
# tools/example_bodies/4.0/errors/ copies it. What the service says for captions outside their
# regions is not documented beyond a 400; the doctor goes by the inner code.
REGION_REFUSAL = json.loads((ROOT / "tools/example_bodies/4.0/errors/400-NotSupportedVisualFeature.json").read_text())


def statuses(checks):
    return {check.name: check.status for check in checks}


def report(capsys, fake_url, env_file, **extra):
    environ = {"VISION_KEY": CANARY_KEY, "VISION_ENDPOINT": fake_url, **extra}
    code = doctor.main(["--env-file", str(env_file)], environ=environ)
    return code, capsys.readouterr().out


def serve_probe(fake, captions: Reply, tags: Reply | None = None, vectorize: Reply | None = None):
    fake.answer("POST", CAPTIONS, captions, body=PROBE)
    fake.answer("POST", TAGS, tags or Reply(200, b'{"tagsResult": {"values": []}}', JSON), body=PROBE)
    fake.answer("POST", VECTORIZE, vectorize or Reply(200, b'{"vector": [0.1]}', JSON),
                body=json.dumps({"text": "a bicycle"}).encode(), content_type="application/json")


def test_offline_report_is_ready_and_exits_zero(tmp_path, capsys):
    code = doctor.main(["--env-file", str(tmp_path / ".env")], environ={})
    out = capsys.readouterr().out
    assert code == 0 and "Ready for class." in out
    for name in ("python", "packages", "CJK font", "widgets", "saved answers", "mode"):
        assert f"  {name}: " in out
    assert "FAIL" not in out


def test_good_key_reports_every_feature_with_at_most_two_calls(fake, tmp_path, capsys):
    serve_probe(fake, Reply(200, b'{"captionResult": {"text": "a bicycle", "confidence": 0.5}}', JSON))
    code, out = report(capsys, fake.url, tmp_path / ".env")
    assert code == 0, out
    assert "ok    key: accepted" in out and "ok    4.0 captions" in out and "ok    embeddings" in out
    assert len(fake.received) == 2, "one analyze call and one vectorizeText call"
    assert CANARY_KEY not in out


def test_bad_key_fails_with_a_fix_and_never_shows_the_key(fake, tmp_path, capsys):
    code, out = report(capsys, fake.url, tmp_path / ".env", VISION_KEY="wrong" + CANARY_KEY[5:])
    assert code == 1
    assert "FAIL  key: 401 Access denied" in out and "fix: use a key of the resource" in out
    assert "wrong" + CANARY_KEY[5:] not in out
    assert len(fake.received) == 1, "stops after the key is refused"


def test_region_without_captions_fails_captions_but_accepts_the_key(fake, tmp_path, capsys):
    serve_probe(fake, Reply(400, json.dumps(REGION_REFUSAL).encode(), JSON),
                vectorize=Reply(404, b'{"error": {"code": "404", "message": "Resource not found"}}', JSON))
    code, out = report(capsys, fake.url, tmp_path / ".env")
    assert code == 1
    checks = {line.split(":")[0].split(maxsplit=1)[1]: line for line in out.splitlines() if ":" in line}
    assert checks["key"].startswith("ok"), "the tags call proved the key"
    assert checks["4.0 captions"].startswith("FAIL") and "East Asia" in checks["4.0 captions"]
    assert checks["embeddings"].startswith("warn")
    assert CANARY_KEY not in out


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_host_fails_with_a_network_fix(tmp_path, capsys):
    code, out = report(capsys, f"http://127.0.0.1:{closed_port()}", tmp_path / ".env")
    assert code == 1
    assert "FAIL  service: no answer from http://127.0.0.1:" in out and "check VISION_ENDPOINT" in out
    assert CANARY_KEY not in out


@pytest.mark.parametrize("endpoint, status", [
    ("https://my-vision.cognitiveservices.azure.com/", "ok"),
    ("https://my-vision.cognitiveservices.azure.com/vision/v3.2/", "FAIL"),
    ("http://my-vision.cognitiveservices.azure.com", "FAIL"),
    ("https://westeurope.api.cognitive.microsoft.com/", "warn"),
    ("https://my-vision.openai.azure.com/", "warn"),
], ids=["resource-name", "with-path", "plain-http", "regional", "other-host"])
def test_endpoint_form(endpoint, status):
    assert doctor.check_endpoint_form(endpoint).status == status


ENDPOINT = "VISION_ENDPOINT=https://my-vision.cognitiveservices.azure.com/\n"


@pytest.mark.parametrize("content, status, words", [
    ((ENDPOINT + f"VISION_KEY={CANARY_KEY}\n").encode(), "ok", "readable, VISION_ENDPOINT, VISION_KEY"),
    (b"\xef\xbb\xbf" + (ENDPOINT + f"VISION_KEY={CANARY_KEY}\n").encode(), "warn", "byte-order mark"),
    ((ENDPOINT + f"VISION_KEY={CANARY_KEY}\n").encode("utf-16"), "FAIL", "UTF-16"),
    ((ENDPOINT + f'VISION_KEY="{CANARY_KEY}\n').encode(), "FAIL", "line 2: VISION_KEY has an unclosed quote"),
    ((ENDPOINT + "VISION_KEY=<one of the resource's two keys>\n").encode(), "FAIL", "still holds a placeholder"),
    (b"VISION_ENDPOINT=https://<your-resource>.cognitiveservices.azure.com/\n", "FAIL",
     "line 1: VISION_ENDPOINT still holds a placeholder ('https://<your-resource>"),
    ((ENDPOINT + "VISION_KEY=\n").encode(), "FAIL", "VISION_KEY is empty"),
    ((ENDPOINT + "VISION_KEY\n").encode(), "FAIL", "line 2 has no '='"),
], ids=["good", "bom", "utf-16", "unclosed-quote", "key-placeholder", "endpoint-placeholder", "empty", "no-equals"])
def test_env_file_problems_are_named_with_a_fix(tmp_path, content, status, words):
    path = tmp_path / ".env"
    path.write_bytes(content)
    checks = doctor.check_env_file(path)
    worst = next((c for c in checks if c.status == status), None)
    assert worst is not None, [c.line() for c in checks]
    assert words in worst.detail
    assert status == "ok" or worst.fix
    assert CANARY_KEY not in "\n".join(c.line() for c in checks)


def test_a_broken_env_file_makes_the_whole_report_fail(tmp_path, capsys):
    path = tmp_path / ".env"
    path.write_text(ENDPOINT + f'VISION_KEY="{CANARY_KEY}\n', encoding="utf-8")
    code = doctor.main(["--env-file", str(path)], environ={})
    out = capsys.readouterr().out
    assert code == 1 and "problem(s) to fix" in out and CANARY_KEY not in out


def test_packages_missing_fail_and_other_versions_warn():
    def installed(name):
        if name == "pillow":
            raise importlib.metadata.PackageNotFoundError(name)
        return "0.0" if name == "numpy" else "1.0"

    assert doctor.check_packages({"pillow": "12.3.0"}, installed).status == "FAIL"
    other = doctor.check_packages({"numpy": "2.2.6"}, installed)
    assert other.status == "warn" and "numpy 0.0 (pinned 2.2.6)" in other.detail
    assert doctor.check_packages({"requests": "1.0"}, installed).status == "ok"
    def without_pytest(name):
        if name == "pytest":
            raise importlib.metadata.PackageNotFoundError(name)
        return "1.0"

    tests_only = doctor.check_packages({"pytest": "1.0", "requests": "1.0"}, without_pytest)
    assert tests_only.status == "warn" and "pytest missing (needed only to run the tests)" in tests_only.detail


def test_every_pinned_requirement_is_read():
    pins = doctor.pinned_requirements(ROOT / "requirements.txt")
    listed = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line]
    assert len(pins) == len(listed) and pins["pillow"]
    assert pins["matplotlib"] == importlib.metadata.version("matplotlib")


def test_mismatched_widget_versions_fail():
    versions = {"ipywidgets": "8.1.9", "jupyterlab_widgets": "1.1.0"}
    assert doctor.check_widgets(versions.__getitem__).status == "FAIL"
    versions["jupyterlab_widgets"] = "3.0.17"
    assert doctor.check_widgets(versions.__getitem__).status == "ok"


def test_a_broken_recording_fails(tmp_path):
    (tmp_path / "notebooks" / "recordings").mkdir(parents=True)
    cell = {"cell_type": "code", "source": ['session = vv.start_session("recordings/x.json")\n']}
    (tmp_path / "notebooks" / "x.ipynb").write_text(json.dumps({"cells": [cell]}))
    (tmp_path / "notebooks" / "recordings" / "x.json").write_text("{not json")
    check = doctor.check_recordings(tmp_path)
    assert check.status == "FAIL" and "x.ipynb" in check.detail and "git checkout" in check.fix


def test_old_python_and_root_are_reported():
    assert doctor.check_python((3, 10)).status == "FAIL"
    assert doctor.check_not_root(0).status == "warn" and doctor.check_not_root(1000).status == "ok"


def test_tasks_doctor_runs_the_check_with_the_venv(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "tasks.py"), "doctor", "--env-file", str(tmp_path / ".env")],
                            capture_output=True, text=True, timeout=300, cwd=ROOT,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok    saved answers" in result.stdout


def test_another_400_is_not_taken_for_a_region_without_captions(fake, tmp_path, capsys):
    other = {"error": {"code": "InvalidRequest", "message": "Image format is not valid.",
                       "innererror": {"code": "InvalidImageFormat", "message": "Input data is not a valid image."}}}
    serve_probe(fake, Reply(400, json.dumps(other).encode(), JSON))
    code, out = report(capsys, fake.url, tmp_path / ".env")
    assert code == 1 and "FAIL  service: 400 InvalidImageFormat" in out and "4.0 captions" not in out


def test_a_env_file_below_the_root_is_pointed_out(tmp_path):
    (tmp_path / "notebooks" / "capstone").mkdir(parents=True)
    (tmp_path / "notebooks" / "capstone" / ".env").write_text("VISION_KEY=<your key>\n", encoding="utf-8")
    checks = doctor.check_stray_env_files(tmp_path)
    assert [c.status for c in checks] == ["warn", "FAIL"]
    assert "notebooks/capstone/" in checks[0].detail and "placeholder" in checks[1].detail
    assert doctor.check_stray_env_files(tmp_path / "elsewhere") == []


class RefusedCredential:
    """Signs in, but with a token the service does not accept (no role on the resource)."""

    def get_token(self, *scopes, **kwargs):
        return collections.namedtuple("AccessToken", "token expires_on")("not-a-granted-token", time.time() + 3600)


def test_refused_keyless_sign_in_names_the_role_to_assign_not_a_key(fake):
    from vision_viz import Settings

    checks = doctor.live_checks(Settings(endpoint=fake.url, credential=RefusedCredential()))
    (check,) = checks
    assert (check.name, check.status) == ("sign-in", "FAIL") and check.detail.startswith("401")
    assert "Cognitive Services User" in check.fix and "key" not in check.fix.lower()
    assert "not-a-granted-token" not in check.line()
