"""Every page works every day of the year (issue 15 item 6): in December next year's holidays are not yet
announced, and a year may have no plan; neither turns a page into a server error."""

import datetime as dt

import pytest
from django.utils import timezone

from anjian.plans.models import Plan

DECEMBER = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def in_december(monkeypatch):
    """Today is 2026-12-03 for every module that asks django.utils.timezone (next year: 2027, no notice)."""
    monkeypatch.setattr(timezone, "now", lambda: DECEMBER)
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: DECEMBER.date())
    return DECEMBER.date()


REPORT_PAGES = [
    "/execution/reports/",
    "/execution/reports/?year=2026",
    "/execution/reports/?year=2027",
    "/execution/reports/?year=2025",
    "/execution/reports/ledger/?from=2026-01-01&to=2026-12-31",
    "/execution/reports/month/2026/11/xlsx/",
    "/execution/reports/month/2026/12/docx/",
    "/execution/reports/quarter/2026/4/xlsx/",
    "/execution/reports/year/2026/1/xlsx/",
    "/execution/reports/year/2027/1/docx/",
    "/execution/reports/quarter/2025/4/docx/",
]


@pytest.mark.parametrize("url", REPORT_PAGES)
def test_reports_and_their_downloads_answer_in_december_and_for_a_year_without_a_plan(
    people, in_december, url
):
    response = people["head"].get(url)
    assert response.status_code in (200, 302), (url, response.status_code)


def test_the_reports_page_says_next_years_calendar_is_provisional(people, in_december):
    page = people["head"].get("/execution/reports/?year=2027").content.decode()
    assert "暂定" in page


def test_rescheduling_next_years_plan_in_december_uses_the_provisional_calendar(
    people, xia_plan, in_december
):
    Plan.objects.filter(pk=xia_plan.plan_id).update(year=2027)
    url = f"/plans/{xia_plan.plan_id}/schedule/run/"
    assert people["head"].post(url).status_code == 302
    xia_plan.refresh_from_db()
    assert xia_plan.visits.exists() and {v.date.year for v in xia_plan.visits.all()} == {2027}
    page = people["head"].get(f"/plans/{xia_plan.plan_id}/schedule/").content.decode()
    assert "2027 年的日历为暂定" in page


def test_rescheduling_a_plan_of_a_year_without_any_calendar_says_what_to_enter(people, xia_plan, in_december):
    Plan.objects.filter(pk=xia_plan.plan_id).update(year=2032)
    url = f"/plans/{xia_plan.plan_id}/schedule/run/"
    response = people["head"].post(url, follow=True)
    assert response.status_code == 200
    assert "calendar.notices.2032" in response.content.decode()
