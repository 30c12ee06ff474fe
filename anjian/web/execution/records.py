"""Recording from the 计划执行 pages: an inspection's hazards, rectification orders and penalty decisions, a
report submission, and a 局领导's plan adjustment with its filing dates.

Each view is a POST that calls one service. Another agency's object answers 404, a user who may not write there
403; a refused form is shown again on its page with the typed values and the reason in Chinese."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from anjian.execution import services
from anjian.execution.adjustments import adjustment_file, plan_adjust
from anjian.execution.errors import ExecutionError

from ..access import adjustments_in, business_view, chosen_agency, inspections_in, plan_get, require_edit
from .forms import refuse
from .inspections import detail_context
from .page import today
from .record_forms import (
    FILING_STEPS,
    MAJOR_VALUES,
    AdjustmentFileForm,
    AdjustmentForm,
    HazardForm,
    OrderForm,
    PenaltyForm,
    ReportSubmissionForm,
    adjustable_plans,
)
from .reports import adjustment_detail_context, adjustment_list_context, report_context

HAZARD_SAVED = "已登记隐患：{description}"
ORDER_SAVED = "已下达整改指令{number}，涉及隐患{count}项，应于{due}前复查"
PENALTY_SAVED = "已登记行政处罚决定{number}"
REPORT_SAVED = "已登记{year}年{kind}第{number}期的报送（{date}）"
ADJUSTMENT_SAVED = "已调整{plan}：第{old}版 → 第{new}版（{kind}）"
FILING_SAVED = "已登记{step}：{date}"
LEADER_ONLY = "计划调整及其备案、报批须由本部门局领导办理"


def require_approve(scope, agency_id: int) -> None:
    if not scope.approves(agency_id):
        raise PermissionDenied(LEADER_ONLY)


def _inspection(scope, pk: int):
    row = get_object_or_404(inspections_in(scope).select_related("agency", "enterprise"), pk=pk)
    require_edit(scope, row.agency_id)
    return row


def _detail_again(request, scope, row, **bound):
    return render(request, "web/exec_inspection_detail.html", detail_context(scope, row, **bound))


def _inspection_post(request, scope, pk: int, make_form, key: str, save):
    """One form of the inspection page: accepted → back to the page with `save`'s message; refused → the page
    again with the form, its typed values and the reason on its field."""
    row = _inspection(scope, pk)
    form = make_form(row)
    if form.is_valid():
        try:
            message = save(row, form.cleaned_data)
        except (ExecutionError, ValidationError) as error:
            refuse(form, error)
        else:
            messages.success(request, message)
            return redirect("web:exec_inspection", pk=row.pk)
    return _detail_again(request, scope, row, **{key: form})


@require_POST
@business_view
def hazard_record(request, scope, pk: int):
    def save(row, d: dict) -> str:
        return HAZARD_SAVED.format(description=services.hazard_record(inspection=row, **d).description)

    return _inspection_post(request, scope, pk, lambda row: HazardForm(request.POST), "hazard_form", save)


@require_POST
@business_view
def order_issue(request, scope, pk: int):
    def save(row, d: dict) -> str:
        order = services.order_issue(inspection=row, number=d["number"], issued_on=d["issued_on"],
                                     deadline=d["deadline"], hazards=list(d["hazards"]))  # fmt: skip
        return ORDER_SAVED.format(
            number=order.number, count=len(d["hazards"]), due=order.reviews.get().due_on
        )

    make = lambda row: OrderForm(request.POST, inspection=row)  # noqa: E731
    return _inspection_post(request, scope, pk, make, "order_form", save)


@require_POST
@business_view
def penalty_decide(request, scope, pk: int):
    def save(row, d: dict) -> str:
        return PENALTY_SAVED.format(number=services.penalty_decide(inspection=row, **d).number)

    return _inspection_post(request, scope, pk, lambda row: PenaltyForm(request.POST), "penalty_form", save)


@require_POST
@business_view
def report_submit(request, scope):
    agency = chosen_agency(scope, request.POST.get("agency"))
    require_edit(scope, agency.pk)
    form = ReportSubmissionForm(request.POST, agency=agency)
    if form.is_valid():
        d = form.cleaned_data
        try:
            row = services.report_submit(agency=agency, **d)
        except (ExecutionError, ValidationError) as error:
            refuse(form, error)
        else:
            messages.success(request, REPORT_SAVED.format(year=row.year, kind=row.get_period_kind_display(),
                                                          number=row.number, date=row.submitted_on))  # fmt: skip
            query = f"?agency={agency.pk}&year={row.year}" + (
                f"&office={row.office_id}" if row.office_id else ""
            )
            return redirect(reverse("web:exec_reports") + query)
    d = form.cleaned_data
    ctx = report_context(scope, agency, d.get("office"), d.get("year") or today().year, form=form)
    return render(request, "web/exec_reports.html", ctx)


@require_POST
@business_view
def adjustment_new(request, scope):
    plan_id = request.POST.get("plan", "")
    if plan_id.isdigit():
        require_approve(scope, plan_get(scope, int(plan_id)).agency_id)
    elif not any(scope.approves(a) for a in scope.agency_ids):
        raise PermissionDenied(LEADER_ONLY)
    form = AdjustmentForm(request.POST, plans=adjustable_plans(scope))
    if form.is_valid():
        d, by = form.cleaned_data, request.user.get_full_name() or request.user.get_username()
        try:
            row = plan_adjust(plan=d["plan"], reason=d["reason"], decision_date=d["decision_date"], by=by,
                              major=MAJOR_VALUES[d["major"]], documents=[d["document"]] if d["document"] else [],
                              )  # fmt: skip
        except (ExecutionError, ValidationError) as error:
            refuse(form, error)
        else:
            messages.success(request, ADJUSTMENT_SAVED.format(
                plan=d["plan"], old=row.old_version.number, new=row.new_version.number,
                kind="重大调整" if row.is_major else "一般调整"))  # fmt: skip
            return redirect("web:exec_adjustment", pk=row.pk)
    return render(request, "web/exec_adjustments.html", adjustment_list_context(scope, form=form))


@require_POST
@business_view
def adjustment_filing(request, scope, pk: int):
    row = get_object_or_404(adjustments_in(scope).select_related("plan__agency", "old_version", "new_version"),
                            pk=pk)  # fmt: skip
    require_approve(scope, row.plan.agency_id)
    form = AdjustmentFileForm(request.POST, adjustment=row)
    if form.is_valid():
        d = form.cleaned_data
        step = FILING_STEPS[d["step"]]
        document = f"{step}：{d['document']}" if d["document"] else ""
        try:
            adjustment_file(adjustment=row, document=document, **{d["step"]: d["done_on"]})
        except (ExecutionError, ValidationError) as error:
            row.refresh_from_db()  # full_clean() refused the values set on it; show what is stored
            refuse(form, error)
        else:
            messages.success(request, FILING_SAVED.format(step=step, date=d["done_on"]))
            return redirect("web:exec_adjustment", pk=row.pk)
    return render(
        request, "web/exec_adjustment_detail.html", adjustment_detail_context(scope, row, form=form)
    )
