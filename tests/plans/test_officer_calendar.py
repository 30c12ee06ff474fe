"""Officers' calendars imported (all or nothing, Chinese row errors) and honoured by the schedule (issue 18)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from anjian.plans.models import OfficerAbsence
from anjian.plans.scheduling import plan_schedule, plan_validate
from anjian.registry.models import Officer


def certified(plan):
    return [o for o in Officer.objects.filter(office__agency=plan.plan.agency) if o.certificate_no][:3]


def write(tmp_path, lines):
    path = tmp_path / "日程.csv"
    path.write_text("\n".join(["执法人员,类别,开始日期,结束日期,备注", *lines]) + "\n", encoding="utf-8")
    return path


def test_a_calendar_is_imported_and_no_visit_falls_on_an_officers_leave(xia_plan, tmp_path):
    a, b, c = certified(xia_plan)
    path = write(
        tmp_path,
        [
            f"{a.name},年休假,2025-03-01,2025-06-30,",
            f"{b.name},下乡,2025-07-01,2025-09-30,驻村",
            f"{c.name},值班,2025-10-08,,",
        ],
    )
    out = StringIO()
    call_command("import", "calendar", str(path), "--agency", "xiaxian", stdout=out)
    assert "新增 3" in out.getvalue()
    kinds = dict(OfficerAbsence.objects.values_list("officer__name", "kind"))
    assert kinds == {a.name: "leave", b.name: "rural", c.name: "duty"}
    result, violations = plan_schedule(version=xia_plan, time_limit_s=30)
    assert violations == []
    for v in result.visits:
        if a.pk in v.officer_ids:
            assert not any(dt.date(2025, 3, 1) <= t <= dt.date(2025, 6, 30) for t in v.span)
        if b.pk in v.officer_ids:
            assert not any(t.month in (7, 8, 9) for t in v.span)
    # a stored visit moved onto the leave is caught by the validator, which reads the same calendar
    visit = xia_plan.visits.filter(date__month=7).first()
    visit.officers.add(b)
    assert "officer_unavailable" in {f.code for f in plan_validate(version=xia_plan) if f.is_error}


def test_a_calendar_with_a_bad_row_writes_nothing_and_names_file_row_and_column(xia_plan, tmp_path):
    a, _b, _c = certified(xia_plan)
    path = write(
        tmp_path,
        [
            f"{a.name},年休假,2025-03-01,2025-03-05,",
            "查无此人,培训,2025-04-01,2025-04-02,",
            f"{a.name},出差,2025-05-01,,",
            f"{a.name},请假,2025-06-10,2025-06-01,",
        ],
    )
    out = StringIO()
    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("import", "calendar", str(path), "--agency", "xiaxian", stdout=out)
    text = out.getvalue()
    assert "日程.csv 第 3 行「执法人员」：本局没有执法人员「查无此人」" in text
    assert "日程.csv 第 4 行「类别」：无法识别的值「出差」" in text
    assert "日程.csv 第 5 行「结束日期」：结束日期 2025-06-01 早于开始日期 2025-06-10" in text
    assert not OfficerAbsence.objects.exists()


def test_replacing_a_calendar_counts_what_was_added_deleted_and_kept(xia_plan, tmp_path):
    a, b, c = certified(xia_plan)
    first = [f"{o.name},年休假,2025-01-01,2025-12-31," for o in (a, b, c)] + [f"{a.name},培训,2025-05-06,,"]
    call_command("import", "calendar", str(write(tmp_path, first)), "--agency", "xiaxian", stdout=StringIO())
    assert OfficerAbsence.objects.count() == 4
    out = StringIO()
    second = write(tmp_path, [f"{a.name},年休假,2025-01-01,2025-12-31,", f"{b.name},值班,2025-10-08,,"])
    call_command("import", "calendar", str(second), "--agency", "xiaxian", stdout=out)
    assert "新增 1，删除 3，未变 1" in out.getvalue()
    assert "更新" not in out.getvalue()
    assert OfficerAbsence.objects.count() == 2
