"""检查记录: the scoped list with filters, the detail, and the new-inspection form checked by the core first."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from anjian.audit.chain import record
from anjian.audit.models import AuditEvent
from anjian.execution import services
from anjian.execution.errors import ExecutionError
from anjian.execution.models import Inspection
from anjian.plans.models import Plan, PlanEntry, PlanVersion, ScheduledVisit

from ..access import (
    agencies_in,
    business_view,
    chosen_agency,
    enterprises_in,
    inspections_in,
    offices_in,
    require_edit,
)
from .forms import APPROVAL_NOTE_MISSING, InspectionForm, refuse
from .page import tab_context, today
from .record_forms import inspection_forms

PAGE_SIZE = 50
NOT_IN_PLAN = "{name}不在{agency}{year}年度计划中；计划外检查请选择投诉举报、事故调查、专项行动或上级交办"
NEEDS_LEADER = "本次检查须经局领导批准方可录入：请由本部门局领导登录后录入，或调整检查日期"
INSPECTION_SAVED = "已录入检查记录：{name}（{date}）"


def filtered(scope, params):
    rows = inspections_in(scope)
    if (month := params.get("month", "")) and len(month) == 7 and month[:4].isdigit() and month[5:].isdigit():
        rows = rows.filter(date__year=int(month[:4]), date__month=int(month[5:]))
    if (office := params.get("office", "")).isdigit():
        rows = rows.filter(offices=int(office))
    if (agency := params.get("agency", "")).isdigit():
        rows = rows.filter(agency_id=int(agency))
    if params.get("origin") == "planned":
        rows = rows.filter(plan_entry__isnull=False)
    elif params.get("origin") == "unplanned":
        rows = rows.filter(plan_entry__isnull=True)
    if params.get("method") in ("on_site", "remote"):
        rows = rows.filter(on_site=params["method"] == "on_site")
    if q := params.get("q", "").strip():
        rows = rows.filter(Q(enterprise__name__contains=q) | Q(enterprise__uscc=q.upper()))
    return rows.distinct()


@business_view
def inspection_list(request, scope):
    rows = (
        filtered(scope, request.GET).select_related("enterprise", "agency")
        .prefetch_related("officers", "offices").order_by("-date", "-pk")
    )  # fmt: skip
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = tab_context(
        scope, "exec_inspections", page=page, query=query.urlencode(), params=request.GET,
        offices=offices_in(scope), agencies=agencies_in(scope), can_add=scope.superuser or scope.edits(scope.home_id),
    )  # fmt: skip
    return render(request, "web/exec_inspection_list.html", ctx)


@business_view
def inspection_detail(request, scope, pk: int):
    rows = inspections_in(scope).select_related("agency", "enterprise", "plan_entry", "scheduled_visit")
    row = get_object_or_404(rows, pk=pk)
    return render(request, "web/exec_inspection_detail.html", detail_context(scope, row))


def detail_context(scope, row: Inspection, **bound) -> dict:
    """The detail page's context; editors also get the recording forms (`bound` ones re-shown with errors)."""
    orders = row.orders.prefetch_related("reviews", "hazards").order_by("issued_on", "pk")
    can_record = scope.edits(row.agency_id)
    return tab_context(
        scope, "exec_inspections", row=row, officers=row.officers.select_related("office").order_by("name"),
        items=row.items.all(), hazards=row.hazards.select_related("order").order_by("found_on", "pk"),
        orders=orders, penalties=row.penalties.order_by("decided_on", "pk"),
        approval_findings=[w for w in row.warnings if w.get("severity") == "warning"],
        can_record=can_record, **(inspection_forms(row, **bound) if can_record else {}),
    )  # fmt: skip


def plan_entry_for(agency, enterprise, day: dt.date) -> PlanEntry | None:
    """The enterprise's entry in the newest version of the agency's annual plan of that year, if any."""
    version = (
        PlanVersion.objects.filter(plan__agency=agency, plan__year=day.year, plan__kind=Plan.Kind.ANNUAL)
        .order_by("-number").first()
    )  # fmt: skip
    return version.entries.filter(enterprise=enterprise).first() if version else None


def _save(request, scope, agency, form: InspectionForm):
    """Check with the core, demand a leader's approval on warnings, then record. Returns (row, check)."""
    d = form.cleaned_data
    enterprise, officers = d["enterprise"], list(d["officers"])
    entry = None
    if d["origin"] == Inspection.Origin.PLANNED:
        entry = plan_entry_for(agency, enterprise, d["date"])
        if entry is None:
            form.add_error(
                "origin", NOT_IN_PLAN.format(name=enterprise.name, agency=agency.name, year=d["date"].year)
            )
            return None, None
    check = services.check_inspection(agency=agency, enterprise=enterprise, date=d["date"], officers=officers,
                                      kind=d["kind"], on_site=d["on_site"])  # fmt: skip
    if check.blocked:
        for f in check.findings:
            if f.severity == "error":
                form.add_error("officers", f.message)
        return None, check
    approved_by = note = ""
    if check.needs_approval:
        if not scope.approves(agency.pk):
            form.add_error(None, NEEDS_LEADER)
            return None, check
        if not (d["approve"] and d["approval_note"].strip()):
            form.add_error("approval_note", APPROVAL_NOTE_MISSING)
            return None, check
        approved_by = request.user.get_full_name() or request.user.get_username()
        note = d["approval_note"].strip()
    try:
        row = services.inspection_record(
            agency=agency, enterprise=enterprise, date=d["date"], officers=officers, plan_entry=entry,
            origin=d["origin"], kind=d["kind"], on_site=d["on_site"], method=d["method"], items=list(d["items"]),
            approved_by=approved_by, approval_note=note, scheduled_visit=d["scheduled_visit"],
            entry_reported=d["entry_reported"], notice_disclosed=d["notice_disclosed"],
            external_no=d["external_no"].strip(), summary=d["summary"],
        )  # fmt: skip
    except (ExecutionError, ValidationError) as error:
        refuse(form, error)
        return None, check
    # The row itself is audited by anjian.audit.hooks; a leader's approval of a warned visit is an event of its own.
    if approved_by:
        record(AuditEvent.Action.APPROVE, obj=row, agency_id=agency.pk,
               after={"enterprise": enterprise.name, "date": str(row.date), "officers": [o.name for o in officers],
                      "warnings": [w["code"] for w in row.warnings], "approved_by": approved_by,
                      "approval_note": note})  # fmt: skip
    return row, check


def _initial(request, agency) -> dict:
    """Prefill from a scheduled visit (`?visit=`) of the agency's plan: its unit, date and officers."""
    visit_id = request.GET.get("visit", "")
    if not visit_id.isdigit():
        return {"date": today()}
    visit = get_object_or_404(ScheduledVisit.objects.filter(version__plan__agency=agency), pk=int(visit_id))
    return {"enterprise": visit.enterprise.uscc, "date": visit.date, "scheduled_visit": visit.pk,
            "officers": list(visit.officers.values_list("pk", flat=True))}  # fmt: skip


@business_view
def inspection_new(request, scope):
    agency = chosen_agency(scope, request.GET.get("agency"))
    require_edit(scope, agency.pk)
    form = InspectionForm(request.POST or None, agency=agency, enterprises=enterprises_in(scope),
                          initial=_initial(request, agency))  # fmt: skip
    check = None
    if request.method == "POST" and form.is_valid():
        row, check = _save(request, scope, agency, form)
        if row is not None:
            messages.success(request, INSPECTION_SAVED.format(name=row.enterprise.name, date=row.date))
            return redirect("web:exec_inspection", pk=row.pk)
    year = form.cleaned_data["date"].year if form.is_bound and form.cleaned_data.get("date") else today().year
    names = PlanEntry.objects.filter(version__plan__agency=agency, version__plan__year=year).values_list(
        "enterprise__name", flat=True
    )
    ctx = tab_context(
        scope, "exec_inspections", form=form, agency=agency, check=check, can_approve=scope.approves(agency.pk),
        names=sorted(set(names))[:3000],
    )  # fmt: skip
    return render(request, "web/exec_inspection_form.html", ctx)
