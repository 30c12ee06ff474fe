"""A schedule is saved only to the current version of a draft plan, compiles of one plan queue behind its lock,
and an adjustment carries the schedule of every unchanged entry forward."""

import contextlib
import datetime as dt

import pytest

from anjian.execution.adjustments import plan_adjust
from anjian.plans import services
from anjian.plans.models import Plan, ScheduledVisit
from anjian.plans.readiness import unscheduled
from anjian.plans.scheduling import ScheduleRefused, plan_schedule
from tests.conftest import schedule_fully


def fake_schedule(version, count=5):
    """Visits for the first entries of `version`, as a solve would save them (without solving)."""
    rows = []
    for i, entry in enumerate(version.entries.order_by("pk")[:count]):
        visit = ScheduledVisit.objects.create(
            version=version, enterprise_id=entry.enterprise_id, date=dt.date(version.plan.year, 3, 3 + i),
            demands=[f"e{entry.pk}"], is_final=True, reason="测试",
        )  # fmt: skip
        visit.offices.set(entry.responsible_offices.all())
        rows.append(visit)
    version.summary = {
        **version.summary,
        "schedule": {"visits": len(rows), "final": True, "status": "optimal"},
    }
    version.save(update_fields=["summary"])
    return rows


def test_a_schedule_of_a_version_that_is_no_longer_current_is_refused(xia_plan):
    newer = services.plan_compile(agency=xia_plan.plan.agency, year=2025, by="测试")
    with pytest.raises(ScheduleRefused, match=f"已编制为第 {newer.number} 版"):
        plan_schedule(version=xia_plan, time_limit_s=1)
    assert not ScheduledVisit.objects.exists()


def test_a_submitted_plan_is_not_rescheduled(xia_plan):
    schedule_fully(xia_plan)
    Plan.objects.filter(pk=xia_plan.plan_id).update(status=Plan.Status.SUBMITTED)
    with pytest.raises(ScheduleRefused, match="已报批，第 1 版的检查都已排程，不能重新排程"):
        plan_schedule(version=xia_plan, time_limit_s=1)


def test_compiles_of_one_plan_get_consecutive_version_numbers(xia_plan):
    second = services.plan_compile(agency=xia_plan.plan.agency, year=2025, by="测试")
    assert second.number == xia_plan.number + 1
    assert second.waited_s >= 0


def test_an_adjustment_that_changes_no_unit_keeps_the_schedule(xia_plan):
    old = fake_schedule(xia_plan)
    Plan.objects.filter(pk=xia_plan.plan_id).update(status=Plan.Status.APPROVED)
    plan = Plan.objects.get(pk=xia_plan.plan_id)
    adjustment = plan_adjust(plan=plan, reason="人员调整", decision_date=dt.date(2025, 5, 6), by="测试")
    new = adjustment.new_version
    carried = list(new.visits.order_by("date"))
    assert len(carried) == len(old) == new.summary["schedule"]["visits"]
    assert [v.date for v in carried] == [v.date for v in old]
    new_entry_ids = {f"e{pk}" for pk in new.entries.values_list("pk", flat=True)}
    assert all(set(v.demands) <= new_entry_ids for v in carried)
    assert new.summary["schedule"]["carried_from"] == xia_plan.number


def test_a_plan_cannot_go_forward_with_unscheduled_visits(xia_plan):
    from anjian.plans.readiness import PlanNotReady, plan_ready_for

    with pytest.raises(PlanNotReady, match="尚未排程.*不能报批"):
        plan_ready_for(version=xia_plan, status=Plan.Status.SUBMITTED)
    fake_schedule(xia_plan, count=1)
    with pytest.raises(PlanNotReady, match="不能批准"):
        plan_ready_for(version=xia_plan, status=Plan.Status.APPROVED)
    schedule_fully(xia_plan)
    plan_ready_for(version=xia_plan, status=Plan.Status.SUBMITTED)


@pytest.mark.slow
def test_after_an_adjustment_only_the_missing_visits_are_scheduled_around_the_kept_ones(xia_plan):
    kept = fake_schedule(xia_plan, count=3)  # the rest of the plan was never scheduled
    Plan.objects.filter(pk=xia_plan.plan_id).update(status=Plan.Status.APPROVED)
    new = plan_adjust(
        plan=Plan.objects.get(pk=xia_plan.plan_id),
        reason="新增单位",
        decision_date=dt.date(2025, 5, 6),
        by="测试",
    ).new_version
    carried = {(v.enterprise_id, v.date) for v in new.visits.all()}
    assert carried == {(v.enterprise_id, v.date) for v in kept}
    plan_schedule(version=new, time_limit_s=5)
    assert {(v.enterprise_id, v.date) for v in new.visits.all()} >= carried  # kept visits did not move
    assert new.visits.count() > len(kept)
    with (
        pytest.raises(ScheduleRefused, match="都已排程") if not unscheduled(new) else contextlib.nullcontext()
    ):
        plan_schedule(version=new, time_limit_s=5)
