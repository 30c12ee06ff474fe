"""Monthly, quarterly and annual execution reports computed from the records, with their deadline.

`report_compute` gathers the records (selectors), lets the core compute the progress and the deadline, and
returns both; `report_json` and report_files' `report_xlsx` and `report_docx` present the same figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from anjian.planning.execution.deadlines import Deadline, Period, report_deadline
from anjian.planning.execution.progress import KPI_LABELS, Counts, Line, PlannedUnit, Progress, progress
from anjian.plans.services import pack_for
from anjian.registry.models import Agency, Office

from .models import ReportSubmission
from .selectors import done_visits, hazard_records, penalty_records, planned_units

REPORT_TITLE = "{agency}{period}安全生产监督检查计划执行情况"
LINE_HEADERS = (
    "项目",
    "全年计划（次）",
    "截至期末应完成（次）",
    "累计完成（次）",
    "本期完成（次）",
    "完成率",
)
OFFICE_DEADLINE_HEADERS = ("股室/科室", "报送期限", "报送日期", "状态", "逾期天数")
COUNT_LABELS = {
    "on_site": "现场检查（次）", "planned": "其中计划内（次）", "unplanned": "其中计划外（次）",
    "remote": "非现场检查（次，不计入入企次数）", "hazards": "发现隐患（项）", "major_hazards": "其中重大事故隐患（项）",
    "reviews": "复查（次）", "penalties": "行政处罚（件）", "penalty_amount": "罚款金额（元）",
}  # fmt: skip


@dataclass(frozen=True)
class OfficeDeadline:
    """One office's own submission of the period's report (to the brigade or the bureau) and its lateness."""

    office: str
    deadline: Deadline


@dataclass(frozen=True)
class Report:
    agency: str
    office: str
    progress: Progress
    deadline: Deadline
    office_deadlines: tuple[OfficeDeadline, ...] = ()

    @property
    def title(self) -> str:
        return REPORT_TITLE.format(agency=self.agency + self.office, period=self.progress.period.label)


def report_compute(
    *, agency: Agency, period: Period, office: Office | None = None, today: dt.date | None = None
) -> Report:
    today = today or timezone.localdate()
    pack = pack_for(agency)
    year = period.year
    names = dict(Office.objects.filter(agency=agency).values_list("pk", "name"))
    units = planned_units(agency=agency, year=year, office=office)
    result = progress(
        period, units,
        done_visits(agency=agency, year=year, office=office), hazard_records(agency=agency, year=year, office=office),
        penalty_records(agency=agency, year=year, pack=pack, office=office), names,
    )  # fmt: skip
    sent = (
        ReportSubmission.objects.filter(agency=agency, office=office, year=year, period_kind=period.kind,
                                        number=period.number).order_by("submitted_on").first()
    )  # fmt: skip
    deadline = report_deadline(pack, period, sent.submitted_on if sent else None, today)
    offices = () if office else office_deadlines(agency=agency, period=period, units=units, today=today)
    return Report(agency.name, office.name if office else "", result, deadline, offices)


def office_deadlines(
    *, agency: Agency, period: Period, units: list[PlannedUnit], today: dt.date
) -> tuple[OfficeDeadline, ...]:
    """Every office responsible for planned units, or that submitted anyway, with its first submission."""
    pack = pack_for(agency)
    sent: dict[int, dt.date] = {}
    for office_id, day in (
        ReportSubmission.objects.filter(agency=agency, office__isnull=False, year=period.year,
                                        period_kind=period.kind, number=period.number)
        .order_by("submitted_on").values_list("office_id", "submitted_on")
    ):  # fmt: skip
        sent.setdefault(office_id, day)
    ids = {o for u in units for o in u.office_ids} | set(sent)
    return tuple(
        OfficeDeadline(o.name, report_deadline(pack, period, sent.get(o.pk), today))
        for o in Office.objects.filter(agency=agency, pk__in=ids).order_by("sort_order", "name")
    )


def _deadline(d: Deadline) -> dict:
    return {"due": str(d.due), "day_type": str(d.day_type), "submitted_on": str(d.done_on or ""),
            "status": str(d.status), "status_label": d.status_label, "days_late": d.days_late, "basis": d.basis}  # fmt: skip


def _line(line: Line) -> dict:
    return {"key": line.key, "label": line.label, "planned": line.planned, "due": line.due, "done": line.done,
            "in_period": line.in_period, "completion": line.completion.text()}  # fmt: skip


def _counts(c: Counts) -> dict:
    return {k: (str(getattr(c, k)) if k == "penalty_amount" else getattr(c, k)) for k in COUNT_LABELS}


def report_json(report: Report) -> dict:
    p, d = report.progress, report.deadline
    return {
        "title": report.title, "period": {"kind": p.period.kind, "year": p.period.year, "number": p.period.number,
                                          "first": str(p.period.first), "last": str(p.period.last)},
        "deadline": _deadline(d),
        "office_deadlines": [{"office": x.office, **_deadline(x.deadline)} for x in report.office_deadlines],
        "total": _line(p.total), "offices": [_line(x) for x in p.offices], "sectors": [_line(x) for x in p.sectors],
        "units": [_line(x) for x in p.units], "in_period": _counts(p.in_period), "to_date": _counts(p.to_date),
        "kpis": {k: {"label": KPI_LABELS[k], "numerator": r.numerator, "denominator": r.denominator,
                     "rate": None if r.rate is None else str(r.rate)} for k, r in p.kpis.items()},
        "typical_cases": p.typical_cases, "overdue_reviews": list(p.overdue_reviews),
        "late_publications": list(p.late_publications),
    }  # fmt: skip
