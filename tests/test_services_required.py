"""CI strictness: under ANJIAN_REQUIRE_SERVICES=1 a skip (missing tool, refused server) fails the run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SKIPPING = """
import shutil
import pytest

pytest.importorskip("{module}")

def test_needs_a_tool():
    if shutil.which("no-such-tool-anjian") is None:
        pytest.skip("no-such-tool-anjian not installed")

@pytest.mark.skipif(True, reason="fontconfig (fc-match) not installed")
def test_marked():
    pass

@pytest.mark.xfail(reason="documented gap")
def test_expected_failure():
    assert False

def test_passes():
    assert True
"""


def run_pytest(tmp_path: Path, *, module: str, required: bool) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_sample.py").write_text(SKIPPING.format(module=module))
    env = {k: v for k, v in os.environ.items() if k != "ANJIAN_REQUIRE_SERVICES"}
    if required:
        env["ANJIAN_REQUIRE_SERVICES"] = "1"
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.services_required",
            "-p",
            "no:django",
            "-p",
            "no:cacheprovider",
            "-rA",
            "-q",
            "--rootdir",
            str(tmp_path),
            "-c",
            os.devnull,
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_locally_a_skip_stays_a_skip_with_its_reason(tmp_path):
    run = run_pytest(tmp_path, module="json", required=False)
    assert run.returncode == 0, run.stdout
    assert "2 skipped" in run.stdout and "1 xfailed" in run.stdout
    assert "no-such-tool-anjian not installed" in run.stdout


def test_in_ci_a_skip_for_a_missing_tool_fails_with_its_reason(tmp_path):
    run = run_pytest(tmp_path, module="json", required=True)
    assert run.returncode == 1, run.stdout
    summary = run.stdout.strip().splitlines()[-1]
    # the skip in the test body fails the test, the skipif marker fails its setup (an error): both fail the run
    assert "1 failed" in summary and "1 error" in summary and "skipped" not in summary
    assert "1 passed" in summary and "1 xfailed" in summary  # an expected failure is not a missing service
    assert "skipping is a failure here: no-such-tool-anjian not installed" in run.stdout
    assert "fontconfig (fc-match) not installed" in run.stdout


def test_in_ci_a_module_skipped_at_collection_fails(tmp_path):
    run = run_pytest(tmp_path, module="no_such_module_anjian", required=True)
    assert run.returncode != 0, run.stdout
    assert "no_such_module_anjian" in run.stdout


@pytest.mark.parametrize("required", [False, True])
def test_make_test_postgres_fails_in_ci_when_the_server_refuses(required):
    env = {k: v for k, v in os.environ.items() if k != "ANJIAN_REQUIRE_SERVICES"}
    if required:
        env["ANJIAN_REQUIRE_SERVICES"] = "1"
    run = subprocess.run(
        ["make", "-s", "test-postgres", "PG_URL=postgres://nobody@127.0.0.1:1/anjian_refused"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if required:
        assert run.returncode != 0
        assert "FAILED PostgreSQL run" in run.stdout
    else:
        assert run.returncode == 0
        assert "SKIPPED PostgreSQL run" in run.stdout
