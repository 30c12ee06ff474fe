"""Each office's own submission of a period report and its lateness, and the typical-case KPI in the report."""

import datetime as dt
from decimal import Decimal

from django.core.management import call_command
from openpyxl import load_workbook

from anjian.execution import services
from anjian.execution.report_files import report_xlsx
from anjian.execution.reports import OFFICE_DEADLINE_HEADERS, report_compute, report_json
from anjian.planning.execution.deadlines import DeadlineStatus, quarter
from anjian.registry.models import Office
from tests.execution.conftest import record

D = dt.date


def test_bureau_report_lists_every_responsible_office_with_its_submission_and_lateness(lv, tmp_path):
    agency = lv.plan.agency
    coal = Office.objects.get(agency=agency, name="煤矿安全综合科")
    chem = Office.objects.get(agency=agency, name="危险化学品安全监管科")
    services.report_submit(agency=agency, office=coal, year=2024, period_kind="quarter", number=1,
                           submitted_on=D(2024, 4, 3))  # fmt: skip
    services.report_submit(agency=agency, office=chem, year=2024, period_kind="quarter", number=1,
                           submitted_on=D(2024, 4, 8))  # fmt: skip
    report = report_compute(agency=agency, period=quarter(2024, 1), today=D(2024, 4, 30))
    by_office = {x.office: x.deadline for x in report.office_deadlines}
    responsible = set(Office.objects.filter(responsible_entries__version=lv).values_list("name", flat=True))
    assert set(by_office) == responsible and {"煤矿安全综合科", "危险化学品安全监管科"} <= responsible
    coal_due, chem_due = by_office["煤矿安全综合科"], by_office["危险化学品安全监管科"]
    assert (coal_due.status, coal_due.days_late) == (DeadlineStatus.ON_TIME, 0)
    assert (chem_due.status, chem_due.days_late) == (DeadlineStatus.LATE, 3)
    silent = [d for name, d in by_office.items() if name not in {"煤矿安全综合科", "危险化学品安全监管科"}]
    assert silent and all(d.status == DeadlineStatus.OVERDUE and d.done_on is None for d in silent)
    assert report.deadline.status == DeadlineStatus.OVERDUE  # the bureau's own report is still missing
    data = report_json(report)
    chem_row = next(x for x in data["office_deadlines"] if x["office"] == "危险化学品安全监管科")
    assert [chem_row[k] for k in ("submitted_on", "status_label", "days_late")] == [
        "2024-04-08",
        "逾期完成",
        3,
    ]
    out = tmp_path / "q1.xlsx"
    report_xlsx(report, out)
    sheet = [[c.value for c in row] for row in load_workbook(out)["各股室报送"].iter_rows()]
    assert tuple(sheet[1]) == OFFICE_DEADLINE_HEADERS  # under the title row
    assert any(
        r[0] == "危险化学品安全监管科" and r[2] == dt.datetime(2024, 4, 8) and r[4] == 3 for r in sheet
    )


def test_an_office_report_has_no_office_listing(lv):
    coal = Office.objects.get(agency=lv.plan.agency, name="煤矿安全综合科")
    report = report_compute(agency=lv.plan.agency, period=quarter(2024, 1), office=coal, today=D(2024, 4, 30))
    assert report.office_deadlines == ()


def test_report_command_shows_typical_cases_and_each_office_lateness(lv, capsys):
    agency = lv.plan.agency
    entry = next(e for e in lv.entries.order_by("pk") if (e.cap.get("cap") or 0) >= 2)
    visit = record(entry, D(2024, 2, 6))
    services.penalty_decide(inspection=visit, number="吕应急罚〔2024〕3号", decided_on=D(2024, 2, 20),
                            amount=Decimal(20000), typical_case=True)  # fmt: skip
    chem = Office.objects.get(agency=agency, name="危险化学品安全监管科")
    services.report_submit(agency=agency, office=chem, year=2024, period_kind="quarter", number=1,
                           submitted_on=D(2024, 4, 8))  # fmt: skip
    call_command("execute", "report", "--agency", "lvliang", "--year", "2024", "--quarter", "1",
                 "--today", "2024-04-30")  # fmt: skip
    out = capsys.readouterr().out
    assert "典型案例：1件" in out and "危险化学品安全监管科：2024-04-08，逾期完成，逾期3日" in out
    assert "煤矿安全综合科：未报送，逾期未完成" in out
