"""A year of execution on the sample of the Lüliang 2024 plan: visits done, skipped, moved and unplanned, hazards
reviewed on time and late, penalties published late; the reports reconcile with the records and the ledger
follows annex 5 of the Lüliang 2024 plan (市应急局安全生产监管执法检查台账)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from anjian.execution import services
from anjian.execution.ledger_export import ledger_export
from anjian.execution.models import Hazard, Inspection
from anjian.execution.reports import report_compute, report_json
from anjian.planning.execution.deadlines import DeadlineStatus, month, quarter
from tests.execution.conftest import officers_of, record

D = dt.date


@pytest.fixture
def year(lv):
    """Twelve units with one visit each: Q1 done on time, Q2 skipped, one moved to Q3, plus unplanned ones."""
    entries = [e for e in lv.entries.select_related("enterprise").order_by("category", "sector", "pk")
               if e.visits_per_year == 1 and (e.cap.get("cap") or 0) >= 2][:12]  # fmt: skip
    agency = lv.plan.agency
    done = {}
    for i, e in enumerate(entries[:6]):  # done in Q1 (two in March)
        done[e.pk] = record(e, D(2024, 2 + i // 3, 5 + i), in_system=i % 2 == 0)
    moved = record(entries[6], D(2024, 7, 10))  # moved from its window to Q3
    record(entries[7], D(2024, 3, 20), on_site=False, origin="campaign")  # remote: never a visit
    unplanned = services.inspection_record(agency=agency, enterprise=entries[8].enterprise, date=D(2024, 3, 14),
                                           officers=officers_of(entries[8]), origin="complaint")  # fmt: skip
    # hazards: one reviewed on time, one late; a penalty published late
    first, second = done[entries[0].pk], done[entries[1].pk]
    h1 = services.hazard_record(inspection=first, description="安全出口堵塞", location="仓库")
    h2 = services.hazard_record(inspection=second, description="未按规定设置重大危险源监控", level="major")
    o1 = services.order_issue(inspection=first, number="责改〔2024〕1号", issued_on=first.date,
                              deadline=D(2024, 2, 20), hazards=[h1])  # fmt: skip
    o2 = services.order_issue(inspection=second, number="责改〔2024〕2号", issued_on=second.date,
                              deadline=D(2024, 3, 1), hazards=[h2])  # fmt: skip
    services.review_record(order=o1, reviewed_on=D(2024, 2, 28), passed=True)  # due 3-01: on time
    services.review_record(order=o2, reviewed_on=D(2024, 3, 25), passed=True)  # due 3-11: late
    services.penalty_decide(inspection=second, number="吕应急罚〔2024〕7号", decided_on=D(2024, 3, 12),
                            amount=Decimal(50000), published_on=D(2024, 3, 29), typical_case=True)  # fmt: skip
    services.report_submit(
        agency=agency, year=2024, period_kind="quarter", number=1, submitted_on=D(2024, 4, 8)
    )
    return {"entries": entries, "moved": moved, "unplanned": unplanned}


def test_quarterly_report_reconciles_exactly_with_the_records(lv, year):
    agency = lv.plan.agency
    report = report_compute(agency=agency, period=quarter(2024, 1), today=D(2024, 4, 30))
    p = report.progress
    q1 = Inspection.objects.filter(agency=agency, date__lte=D(2024, 3, 31))
    assert p.in_period.on_site == q1.filter(on_site=True).count() == 7
    assert p.in_period.planned == q1.filter(on_site=True, plan_entry__isnull=False).count() == 6
    assert (p.in_period.unplanned, p.in_period.remote) == (1, 1)
    assert p.total.in_period == 6 and p.total.done == 6
    assert p.total.planned == sum(e.visits_per_year for e in lv.entries.all())
    assert sum(x.in_period for x in p.sectors) == 6
    assert p.in_period.hazards == Hazard.objects.count() == 2 and p.in_period.major_hazards == 1
    assert p.kpis["review_on_time"].numerator == 1 and p.kpis["review_on_time"].denominator == 2
    assert p.kpis["violation_handling"].rate == Decimal("100.0")
    assert (p.kpis["system_usage"].numerator, p.kpis["system_usage"].denominator) == (
        3,
        7,
    )  # on-site visits only
    assert p.kpis["publication_on_time"].numerator == 0 and p.late_publications
    assert p.typical_cases == 1 and p.in_period.penalty_amount == Decimal(50000)
    assert p.kpis["coverage"].numerator == 7  # six planned units and the unplanned visit to a listed unit
    d = report.deadline
    assert (d.due, d.status, d.days_late) == (D(2024, 4, 5), DeadlineStatus.LATE, 3)


def test_monthly_reports_add_up_to_the_quarter_and_the_moved_visit_lands_in_july(lv, year):
    agency = lv.plan.agency
    months = [
        report_compute(agency=agency, period=month(2024, m), today=D(2024, 12, 31)).progress
        for m in (1, 2, 3)
    ]
    q1 = report_compute(agency=agency, period=quarter(2024, 1), today=D(2024, 12, 31)).progress
    for field in ("on_site", "planned", "unplanned", "remote", "hazards", "reviews", "penalties"):
        assert sum(getattr(m.in_period, field) for m in months) == getattr(q1.in_period, field)
    march = report_compute(agency=agency, period=month(2024, 3), today=D(2024, 12, 31))
    assert march.deadline.due == D(2024, 4, 8) and march.deadline.status == DeadlineStatus.OVERDUE
    july = report_compute(agency=agency, period=month(2024, 7), today=D(2024, 12, 31)).progress
    moved = year["moved"].enterprise.name
    assert [x.in_period for x in july.units if x.label == moved] == [1] and july.total.in_period == 1
    q3 = report_compute(agency=agency, period=quarter(2024, 3), today=D(2024, 12, 31)).progress
    assert q3.total.done == 7 and q3.overdue_reviews == ()
    data = report_json(report_compute(agency=agency, period=quarter(2024, 1), today=D(2024, 12, 31)))
    assert data["deadline"]["status_label"] == "逾期完成" and data["total"]["in_period"] == 6


def test_ledger_export_has_the_annex_5_header_and_one_row_per_inspection(lv, year, tmp_path):
    agency = lv.plan.agency
    out = tmp_path / "台账.xlsx"
    n = ledger_export(
        agency=agency, first=D(2024, 1, 1), last=D(2024, 3, 31), path=out, filled_on=D(2024, 4, 3)
    )
    assert n == 8
    ws = load_workbook(out).active
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert cells[0][0] == "市应急局安全生产监管执法检查台账" or cells[0][0].endswith(
        "安全生产监管执法检查台账"
    )
    assert cells[1][0].startswith("填表单位：吕梁市应急管理局") and "填表时间：2024年4月3日" in cells[1][0]
    assert cells[3] == [
        "监督检查对象简要情况",
        None,
        None,
        "行业领域",
        "采取相关执法措施情况",
        "执法人员信息",
        None,
    ]
    assert cells[4] == ["名称", "地址", "负责人及联系电话", None, None, "姓名", "执法证号"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A4:C4", "D4:D5", "E4:E5", "F4:G4"} <= merged
    second = year["entries"][1].enterprise
    row = next(r for r in cells[5:] if r[0] == second.name)
    assert row[1] == second.address and second.principal in row[2]
    assert "重大事故隐患1项" in row[4] and "责改〔2024〕2号" in row[4] and "吕应急罚〔2024〕7号" in row[4]
    assert len(row[5].split("\n")) == len(row[6].split("\n")) == 2


def test_execute_command_writes_the_ledger_and_the_report(lv, year, tmp_path, capsys):
    call_command("execute", "ledger", "--agency", "lvliang", "--year", "2024", "--to", "2024-03-31",
                 "--out", str(tmp_path / "l.xlsx"))  # fmt: skip
    assert "执法检查台账 8 条" in capsys.readouterr().out
    call_command("execute", "report", "--agency", "lvliang", "--year", "2024", "--quarter", "1",
                 "--today", "2024-04-30", "--out", str(tmp_path / "q1.docx"), "--json")  # fmt: skip
    out = capsys.readouterr().out
    assert '"in_period": 6' in out and (tmp_path / "q1.docx").stat().st_size > 0
    call_command("execute", "reviews", "--agency", "lvliang", "--year", "2024", "--today", "2024-03-05")
    assert "没有本月到期或逾期的复查" in capsys.readouterr().out  # both reviews are recorded
