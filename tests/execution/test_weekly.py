"""The weekly dispatch (周调度) on the Lüliang sample: scheduled visits of the week and their completion, earlier
weeks' visits not done, hazards found and closed, reviews due next week — per office and in total."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from anjian.execution import services
from anjian.execution.weekly import WEEK_BAD, parse_week, weekly_json, weekly_summary
from anjian.plans.models import ScheduledVisit
from anjian.registry.models import Office
from tests.execution.conftest import record

D = dt.date


def visit(lv, entry, day, *offices):
    row = ScheduledVisit.objects.create(version=lv, enterprise=entry.enterprise, date=day)
    row.offices.set(offices)
    return row


@pytest.fixture
def week23(lv):
    """Week 2024-W23 runs from Monday 3 June to Sunday 9 June."""
    a, b, c, d, e, f = [x for x in lv.entries.order_by("pk") if (x.cap.get("cap") or 0) >= 4][:6]
    coal = Office.objects.get(agency=lv.plan.agency, name="煤矿安全综合科")
    chem = Office.objects.get(agency=lv.plan.agency, name="危险化学品安全监管科")
    brigade = Office.objects.get(agency=lv.plan.agency, name="吕梁市应急管理综合行政执法支队")
    done = visit(lv, a, D(2024, 6, 4), coal)
    visit(lv, b, D(2024, 6, 6), coal, brigade)  # joint, not done yet
    visit(lv, c, D(2024, 5, 28), chem)  # last week, never done: overdue
    earlier = visit(lv, d, D(2024, 5, 20), chem)
    visit(lv, e, D(2024, 6, 12), coal)  # next week: not this week's business
    inspection = record(a, D(2024, 6, 4), offices=[coal], scheduled_visit=done)
    services.hazard_record(inspection=inspection, description="皮带机护栏缺失")
    services.hazard_record(inspection=inspection, description="瓦斯监测失效", level="major")
    may = record(d, D(2024, 5, 21), offices=[chem], scheduled_visit=earlier)
    closed = services.hazard_record(inspection=may, description="消防通道堵塞")
    order = services.order_issue(inspection=may, number="责改〔2024〕9号", issued_on=D(2024, 5, 21),
                                 deadline=D(2024, 6, 2), hazards=[closed])  # fmt: skip
    closed.rectified_on = D(2024, 6, 5)
    closed.save()
    remote = record(f, D(2024, 6, 7), offices=[brigade], on_site=False, origin="campaign")
    return {"coal": coal, "chem": chem, "brigade": brigade, "order": order, "remote": remote}


def test_weekly_summary_counts_per_office_and_in_total(lv, week23):
    s = weekly_summary(agency=lv.plan.agency, day=parse_week("2024-W23"))
    assert (s.first, s.last, s.week) == (D(2024, 6, 3), D(2024, 6, 9), 23)
    assert s.label == "2024年第23周（6月3日—6月9日）"
    t = s.total
    assert (t.planned, t.done, t.overdue, t.inspections, t.remote) == (2, 1, 1, 1, 1)
    assert (t.hazards_found, t.major_found, t.hazards_closed, t.reviews_next_week) == (2, 1, 1, 1)
    lines = {x.label: x for x in s.offices}
    coal, chem = lines["煤矿安全综合科"], lines["危险化学品安全监管科"]
    brigade = lines["吕梁市应急管理综合行政执法支队"]
    assert (coal.planned, coal.done, coal.inspections) == (2, 1, 1)
    assert (coal.hazards_found, coal.major_found) == (2, 1)
    assert (brigade.planned, brigade.done, brigade.remote) == (1, 0, 1)
    assert (chem.overdue, chem.hazards_closed, chem.reviews_next_week, chem.planned) == (1, 1, 1, 0)
    assert s.reviews[0]["order"] == "责改〔2024〕9号" and s.reviews[0]["due_on"] == "2024-06-12"
    assert [v["date"] for v in s.overdue] == ["2024-05-28"]


def test_any_day_of_the_week_gives_the_same_week(lv, week23):
    by_day = weekly_json(weekly_summary(agency=lv.plan.agency, day=D(2024, 6, 9)))
    by_week = weekly_json(weekly_summary(agency=lv.plan.agency, day=parse_week("2024-W23")))
    assert by_day == by_week


def test_week_start_follows_the_rule_pack(lv, monkeypatch):
    class SundayPack:
        def get(self, key, default=None):
            return "sunday" if key == "schedule.week.first_day" else default

    monkeypatch.setattr("anjian.execution.weekly.pack_for", lambda agency: SundayPack())
    s = weekly_summary(agency=lv.plan.agency, day=D(2024, 6, 5))
    assert (s.first, s.last, s.week) == (D(2024, 6, 2), D(2024, 6, 8), 23)


def test_week_text_is_an_iso_week_or_a_date():
    assert parse_week("2024-W23") == parse_week("2024w23") == D(2024, 6, 3)
    assert parse_week("2024-06-05") == D(2024, 6, 5)
    for bad in ("2024-W54", "第23周"):
        with pytest.raises(ValueError, match="应写作 2024-W23"):
            parse_week(bad)
    with pytest.raises(ValueError) as error:
        parse_week("第23周")
    assert str(error.value) == WEEK_BAD.format(text="第23周")


def test_execute_weekly_prints_json_and_writes_the_workbook(lv, week23, tmp_path, capsys):
    out = tmp_path / "周调度.xlsx"
    call_command(
        "execute", "weekly", "--agency", "lvliang", "--week", "2024-W23", "--json", "--out", str(out)
    )
    data = json.loads(capsys.readouterr().out)
    assert data["total"]["planned"] == 2 and data["week"]["first"] == "2024-06-03"
    book = load_workbook(out)
    assert book.sheetnames == ["按股室", "逾期未检", "下周到期复查"]
    cells = [[c.value for c in row] for row in book["按股室"].iter_rows()]
    assert any(r[0] == "合计" and r[1] == 2 for r in cells)
    call_command("execute", "weekly", "--agency", "lvliang", "--week", "2024-06-05")
    assert "合计：本周计划2次，已完成1次，往周逾期未检1次" in capsys.readouterr().out
    with pytest.raises(CommandError, match="应写作 2024-W23"):
        call_command("execute", "weekly", "--agency", "lvliang", "--week", "下周")
