"""In Debian's Chromium against `anjian serve` (gunicorn, no broker: jobs in a thread of the web process): an
office head starts a schedule from the schedule page, watches the job's progress bar move and opens the result."""

import re
import socket
import subprocess
import sys
import time

import pytest

from tests.web.conftest import PASSWORD, browser_page  # noqa: F401 - the Chromium fixture

from .conftest import ANJIAN, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

USER = """
import django,os;os.environ['DJANGO_SETTINGS_MODULE']='anjian.settings';django.setup()
from django.contrib.auth import get_user_model
from anjian.accounts.models import Membership
from anjian.plans.models import Plan
from anjian.registry.models import Agency
agency = Agency.objects.get(code='lvliang')
user = get_user_model().objects.create_user(username='lvliang_web', password='{password}')
Membership.objects.create(user=user, agency=agency, role='office_head')
print(Plan.objects.get(agency=agency, year=2024).pk)
"""


@pytest.fixture
def server(home):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**home.env, "ANJIAN_BROKER_URL": ""}
    made = subprocess.run([sys.executable, "-c", USER.format(password=PASSWORD)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert made.returncode == 0, made.stderr
    proc = subprocess.Popen([*ANJIAN, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    yield base, int(made.stdout)
    proc.terminate()
    proc.wait(timeout=90)


def test_a_schedule_started_in_the_browser_shows_its_progress_bar_and_then_its_result(server, browser_page):  # noqa: F811
    base, plan_id = server
    page = browser_page
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "lvliang_web")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/plans/{plan_id}/schedule/")
    page.click("button:has-text('重新排程')")
    page.wait_for_url(f"{base}/jobs/*/")
    seen, state = set(), ""
    end = time.monotonic() + 300
    while state not in {"done", "failed", "cancelled"} and time.monotonic() < end:
        panel = page.locator("#job-status")
        state = panel.get_attribute("data-state") or ""
        seen.add(int(page.locator("[role=progressbar]").get_attribute("aria-valuenow") or 0))
        time.sleep(0.3)
    assert state == "done", page.locator("#job-message").inner_text()
    assert any(0 < p < 100 for p in seen), seen  # the bar moved while the solver ran (polled every second)
    entries = re.match(r"排程(已定稿|未定稿).*?：入企 (\d+) 次", page.locator("#job-message").inner_text())
    assert entries, page.locator("#job-message").inner_text()
    page.click("#job-status a:has-text('查看结果')")
    page.wait_for_url(f"{base}/plans/{plan_id}/schedule/")
    assert f"<td>{entries.group(2)}（下界" in page.content()  # the schedule page shows the job's result
    page.goto(f"{base}/jobs/")
    assert page.locator("#jobs tbody tr").first.inner_text().count("已完成") == 1
