"""Workday-line edits on the Lüliang sample: stored with a reason, applied on every recompile, audited."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from anjian.audit.models import AuditEvent
from anjian.planning.workdays.edits import EDIT_UNKNOWN_LINE, LineEdit
from anjian.plans import services
from anjian.plans.models import WorkdayLineEdit
from anjian.plans.workday_edits import WORKDAY_EDIT_NEEDS_REASON, workday_line_edits_save, workday_preview

MINES = "supervision | 煤矿有关科室 | 1 重点检查矿井"
DUTY = "non_enforcement |  | 1 机关值班"


def bureau(version):
    return next(s for s in version.sheets.all() if s.data["team_id"] == "bureau")


def test_preview_recomputes_the_team_totals_without_saving(lvliang_plan):
    result = workday_preview(
        version=lvliang_plan, team_id="bureau", edits=[LineEdit.of("bureau", MINES, {"units": D(40)})]
    )
    assert result.totals.supervision_days == D(3128) and result.totals.overtime_days == 0
    assert bureau(lvliang_plan).supervision_days == D(3178)
    assert not WorkdayLineEdit.objects.exists() and lvliang_plan.plan.versions.count() == 1


def test_saved_edit_makes_a_new_version_and_survives_another_recompile(lvliang_plan):
    plan = lvliang_plan.plan
    version = workday_line_edits_save(
        plan=plan, edits=[LineEdit.of("bureau", DUTY, lump=D(1305))], reason="值班改为轮班制", by="张科长"
    )
    assert version.number == 2 and "值班改为轮班制" in version.reason
    sheet = bureau(version)
    assert (sheet.non_enforcement_days, sheet.need_days, sheet.overtime_days) == (D(3891), D(11201), D(0))
    duty = next(i for i in sheet.data["items"] if i["key"] == DUTY)
    assert (duty["days"], duty["edit_reason"]) == ("1305", "值班改为轮班制")
    assert bureau(lvliang_plan).non_enforcement_days == D(3991)  # version 1 untouched
    again = services.plan_compile(agency=plan.agency, year=2024, by="测试")
    assert bureau(again).non_enforcement_days == D(3891)
    event = AuditEvent.objects.filter(object_type="plans.WorkdayLineEdit").get()
    assert event.after["reason"] == "值班改为轮班制" and event.agency_id == plan.agency_id


def test_a_second_edit_of_the_same_line_replaces_the_first(lvliang_plan):
    plan = lvliang_plan.plan
    workday_line_edits_save(
        plan=plan, edits=[LineEdit.of("bureau", DUTY, lump=D(1305))], reason="一", by="甲"
    )
    version = workday_line_edits_save(
        plan=plan, edits=[LineEdit.of("bureau", DUTY, lump=D(1400))], reason="二", by="乙"
    )
    assert WorkdayLineEdit.objects.get().lump == D(1400)
    assert bureau(version).non_enforcement_days == D(3986)


def test_edit_without_a_reason_is_refused_and_nothing_is_stored(lvliang_plan):
    with pytest.raises(ValidationError) as err:
        workday_line_edits_save(
            plan=lvliang_plan.plan, edits=[LineEdit.of("bureau", MINES, {"units": D(40)})], reason=" ", by="x"
        )
    assert err.value.messages == [WORKDAY_EDIT_NEEDS_REASON]
    assert not WorkdayLineEdit.objects.exists() and lvliang_plan.plan.versions.count() == 1


def test_stored_edit_whose_line_left_the_files_becomes_an_error_finding(lvliang_plan):
    plan = lvliang_plan.plan
    WorkdayLineEdit.objects.create(
        plan=plan, team_id="bureau", line_key="supervision | 无 | 9 已删除", lump=1, reason="r"
    )
    version = services.plan_compile(agency=plan.agency, year=2024)
    finding = version.findings.get(code="edit_unknown_line")
    assert finding.severity == "error"
    assert finding.message == EDIT_UNKNOWN_LINE.format(
        team="市应急局机关", line="supervision | 无 | 9 已删除"
    )
    assert bureau(version).supervision_days == D(3178)
