"""Scheduling compiled sample plans (issue 5): 0 validator violations, final only when valid, tampering caught."""

import datetime as dt

from anjian.planning.calendar import workdays
from anjian.planning.rules import load_pack
from anjian.plans.scheduling import plan_schedule, plan_validate


def test_xia_plan_schedules_every_visit_with_no_violation_and_is_final(xia_plan):
    result, violations = plan_schedule(version=xia_plan, time_limit_s=30)
    assert violations == []
    assert xia_plan.visits.count() == result.stats.entries and result.stats.placed_visits == 143
    assert all(v.is_final for v in xia_plan.visits.all())
    assert all(v.officers.count() >= 2 for v in xia_plan.visits.all())
    assert plan_validate(version=xia_plan) == []
    # conflicts of sub-problems that a later stage resolved are notes, not warnings about the final schedule
    assert not xia_plan.findings.filter(code="infeasible_core").exclude(severity="info").exists()


def test_lvliang_plan_schedules_its_245_visits_on_working_days(lvliang_plan):
    result, violations = plan_schedule(version=lvliang_plan, time_limit_s=30)
    assert violations == [] and result.stats.placed_visits == 245
    working = set(workdays(2024, load_pack("lvliang")))
    assert {v.date for v in lvliang_plan.visits.all()} <= working
    assert lvliang_plan.summary["schedule"]["final"] is True


def test_a_stored_visit_moved_to_a_sunday_is_caught_by_the_validator(xia_plan):
    plan_schedule(version=xia_plan, time_limit_s=30)
    visit = xia_plan.visits.order_by("date").first()
    visit.date = dt.date(2025, 3, 2)  # a Sunday, no make-up working day
    visit.save()
    rules = {f.rule for f in plan_validate(version=xia_plan) if f.is_error}
    assert "working_day" in rules
