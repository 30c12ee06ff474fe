"""`anjian plan validate --json`: violations, person-days against the sheet and the daily load (issue 18 item 5)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from anjian.plans.scheduling import plan_schedule


def validate_json() -> dict:
    out = StringIO()
    call_command("plan", "validate", "--agency", "xiaxian", "--year", "2025", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_validate_json_reports_person_days_and_daily_load_overall_and_per_office(xia_plan):
    result, _violations = plan_schedule(version=xia_plan, time_limit_s=30)
    figures = validate_json()
    assert figures["violations"] == [] and figures["visits"] == len(result.visits)
    # Xia has no workday sheet: every visit is the pack's two officers for one day
    assert figures["person_days"] == {"scheduled": 2.0 * len(result.visits), "sheet": None, "lines": []}
    load = figures["daily_load"]
    assert set(load) >= {"peak", "mean", "peak_to_mean", "offices"}
    assert load["peak_to_mean"] <= 2.0 and load["mean"] == round(2 * len(result.visits) / 248, 2)
    offices = load["offices"]
    assert offices and all(set(f) == {"peak", "mean", "peak_to_mean"} for f in offices.values())
    assert sum(f["mean"] for f in offices.values()) == pytest.approx(load["mean"], abs=0.05)


def test_validate_json_lists_a_violation_and_exits_1(xia_plan):
    plan_schedule(version=xia_plan, time_limit_s=30)
    visit = xia_plan.visits.order_by("date").first()
    other = xia_plan.visits.exclude(date=visit.date).first()
    visit.date = other.date  # two of one officer's visits on one day, unless they already share it
    visit.officers.set(other.officers.all())
    visit.save()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("plan", "validate", "--agency", "xiaxian", "--year", "2025", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert "officer_day_over" in {v["code"] for v in figures["violations"]}
