"""In CI every service the suite needs is required: a skip caused by a missing one fails the run.

`.ci/run` sets ANJIAN_REQUIRE_SERVICES=1 after installing PostgreSQL, Chromium, LibreOffice/poppler and the CJK
fonts with the project's scripts. There a test that skips (a missing tool, a refused server) is reported as a
failure carrying the skip's reason; locally a skip stays a skip with its reason.
"""

from __future__ import annotations

import os

import pytest

ENV = "ANJIAN_REQUIRE_SERVICES"
REQUIRED = "{env}=1 (CI): skipping is a failure here: {reason}"


def services_required() -> bool:
    return os.environ.get(ENV, "") == "1"


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _fail_if_skipped(report: pytest.TestReport | pytest.CollectReport) -> None:
    if services_required() and report.skipped and not hasattr(report, "wasxfail"):
        report.longrepr = REQUIRED.format(env=ENV, reason=_skip_reason(report))
        report.outcome = "failed"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _fail_if_skipped(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _fail_if_skipped(outcome.get_result())
