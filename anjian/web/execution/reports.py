"""台账与报表 and 计划调整: the annex-5 ledger and the period reports, generated on request and audited like plan
exports, each report with its deadline; plan adjustments with their diff and filing deadlines."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections import Counter
from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from anjian.audit.chain import record
from anjian.audit.models import AuditEvent
from anjian.execution.adjustments import adjustment_deadlines
from anjian.execution.ledger_export import ledger_export
from anjian.execution.models import ReportSubmission
from anjian.execution.report_files import report_docx, report_xlsx
from anjian.execution.reports import report_compute
from anjian.planning.calendar import CalendarError, calendar_notes
from anjian.planning.execution.deadlines import Period, month, quarter, report_deadline, whole_year
from anjian.plans.selectors import PlanNotFound

from ..access import (
    adjustments_in,
    agencies_in,
    business_view,
    chosen_agency,
    chosen_office,
    require_not_officer,
)
from .page import Packs, tab_context, today
from .record_forms import AdjustmentFileForm, AdjustmentForm, ReportSubmissionForm, adjustable_plans

PERIODS = {"month": (month, 12), "quarter": (quarter, 4), "year": (lambda y, _n: whole_year(y), 1)}
WRITERS = {"xlsx": report_xlsx, "docx": report_docx}
REPORT_NO_PLAN = "{agency}尚无 {year} 年度计划，{period}报表无从对照计划完成情况：请先编制并下达该年度计划"
LEDGER_BAD_RANGE = "台账统计期间有误：起始日期{first}晚于截止日期{last}"
CHANGE_LABELS = {"added": "新增", "removed": "删除", "changed": "变更"}


def _date(value: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _year(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 2000 <= int(value) <= 2100 else today().year


def _periods(year: int) -> list[Period]:
    return (
        [month(year, m) for m in range(1, 13)] + [quarter(year, q) for q in range(1, 5)] + [whole_year(year)]
    )


@business_view
def report_page(request, scope):
    require_not_officer(scope)
    agency = chosen_agency(scope, request.GET.get("agency"))
    office = chosen_office(scope, agency, request.GET.get("office"))
    ctx = report_context(scope, agency, office, _year(request.GET.get("year")))
    return render(request, "web/exec_reports.html", ctx)


def report_context(scope, agency, office, year: int, form=None) -> dict:
    """The page's context; editors get the submission form (a bound `form` is re-shown with its errors)."""
    day, pack = today(), Packs()(agency)
    sent = {
        (s.period_kind, s.number): s.submitted_on
        for s in ReportSubmission.objects.filter(agency=agency, office=office, year=year).order_by("-submitted_on")
    }  # fmt: skip
    notes = calendar_notes((year, year + 1), pack)  # December's reports fall due in January
    rows = [(p, _deadline_or_none(pack, p, sent.get((p.kind, p.number)), day)) for p in _periods(year)]
    return tab_context(
        scope, "exec_reports", agency=agency, office=office, year=year, rows=rows, today=day, calendar_notes=notes,
        agencies=agencies_in(scope), offices=agency.offices.order_by("sort_order", "name"),
        first=dt.date(year, 1, 1), last=min(dt.date(year, 12, 31), max(day, dt.date(year, 1, 1))),
        can_edit=scope.edits(agency.pk), submission_form=form or ReportSubmissionForm(
            agency=agency, initial={"year": year, "office": office, "submitted_on": day}),
    )  # fmt: skip


def _deadline_or_none(pack, period: Period, sent: dt.date | None, day: dt.date):
    """None when the deadline falls in a year whose calendar is unknown (the page says which notice is missing)."""
    try:
        return report_deadline(pack, period, sent, day)
    except CalendarError:
        return None


def download_audited(path: Path, writer, obj, agency_id: int, after: dict) -> FileResponse:
    """Write into a scratch folder, audit the export like plan documents, and stream the bytes back."""
    with tempfile.TemporaryDirectory(prefix="anjian-export-") as out:
        target = Path(out) / path
        writer(target)
        content = target.read_bytes()
    record(AuditEvent.Action.EXPORT, obj=obj, agency_id=agency_id, after={**after, "file": path.name})
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=path.name)


@business_view
def ledger_download(request, scope):
    require_not_officer(scope)
    agency = chosen_agency(scope, request.GET.get("agency"))
    office = chosen_office(scope, agency, request.GET.get("office"))
    year = today().year
    first = _date(request.GET.get("first", ""), dt.date(year, 1, 1))
    last = _date(request.GET.get("last", ""), today())
    if first > last:
        raise Http404(LEDGER_BAD_RANGE.format(first=first, last=last))
    name = f"{agency.short_name or agency.name}{office.name if office else ''}执法检查台账{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
    return download_audited(
        Path(name), lambda target: ledger_export(agency=agency, first=first, last=last, path=target, office=office),
        agency, agency.pk,
        {"format": "xlsx", "kind": "ledger", "first": str(first), "last": str(last), "office": office and office.name},
    )  # fmt: skip


@business_view
def report_download(request, scope, kind: str, year: int, number: int, fmt: str):
    require_not_officer(scope)
    if kind not in PERIODS or fmt not in WRITERS or not 1 <= number <= PERIODS[kind][1]:
        raise Http404
    agency = chosen_agency(scope, request.GET.get("agency"))
    office = chosen_office(scope, agency, request.GET.get("office"))
    period = PERIODS[kind][0](year, number)
    try:
        report = report_compute(agency=agency, period=period, office=office, today=today())
    except PlanNotFound:
        messages.error(request, REPORT_NO_PLAN.format(agency=agency.name, year=year, period=period.label))
        return redirect(f"{reverse('web:exec_reports')}?{urlencode({'year': year, 'agency': agency.pk})}")
    return download_audited(
        Path(f"{report.title}.{fmt}"), lambda target: WRITERS[fmt](report, target), agency, agency.pk,
        {"format": fmt, "kind": f"report.{kind}", "period": period.label, "office": office and office.name,
         "deadline": str(report.deadline.due), "status": str(report.deadline.status)},
    )  # fmt: skip


def _summary(diff: list[dict]) -> str:
    counts = Counter(c.get("change") for c in diff)
    parts = [f"{label}{counts[key]}项" for key, label in CHANGE_LABELS.items() if counts[key]]
    return "、".join(parts) or "无单位变化"


@business_view
def adjustment_list(request, scope):
    return render(request, "web/exec_adjustments.html", adjustment_list_context(scope))


def adjustment_list_context(scope, form=None) -> dict:
    """The list; a 局领导 also gets the adjustment form for their agency's plans (a bound one with errors)."""
    day = today()
    rows = (
        adjustments_in(scope)
        .select_related("plan__agency", "old_version", "new_version")
        .order_by("-decision_date", "-pk")
    )
    lines = [(a, _summary(a.diff), adjustment_deadlines(a, today=day)) for a in rows[:200]]
    plans = adjustable_plans(scope)
    form = form or AdjustmentForm(plans=plans, initial={"decision_date": day, "plan": plans.first()})
    return tab_context(
        scope, "exec_adjustments", lines=lines, today=day, adjust_form=form, can_adjust=plans.exists()
    )


@business_view
def adjustment_detail(request, scope, pk: int):
    row = get_object_or_404(
        adjustments_in(scope).select_related("plan__agency", "old_version", "new_version"), pk=pk
    )
    return render(request, "web/exec_adjustment_detail.html", adjustment_detail_context(scope, row))


def adjustment_detail_context(scope, row, form=None) -> dict:
    """The detail; a 局领导 of the plan's agency also gets the filing form (a bound one with errors)."""
    day = today()
    return tab_context(
        scope, "exec_adjustments", row=row, summary=_summary(row.diff), deadlines=adjustment_deadlines(row, today=day),
        today=day, change_labels=CHANGE_LABELS, can_file=scope.approves(row.plan.agency_id),
        file_form=form or AdjustmentFileForm(adjustment=row, initial={"done_on": day}),
    )  # fmt: skip
