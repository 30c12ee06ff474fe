"""隐患与复查 and 处罚公示: what is still open and what is late, judged by the deadlines core, with the editor's
actions (record a review, mark a penalty published)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from anjian.execution import services
from anjian.execution.errors import ExecutionError
from anjian.execution.selectors import reviews_open
from anjian.planning.execution.deadlines import DeadlineStatus, deadline_rule, judge, track
from anjian.registry.models import Agency

from ..access import business_view, hazards_in, penalties_in, require_edit, reviews_in
from .forms import PublishForm, ReviewForm
from .page import Packs, tab_context, today

PAGE_SIZE = 100
REVIEW_SAVED = "已记录整改指令{number}的复查（{result}）"
PUBLISH_SAVED = "已记录处罚决定{number}于{date}公示"
FORM_INVALID = "{what}未保存：{errors}"


def form_errors(form) -> str:
    return "；".join(f"{form.fields[k].label if k in form.fields else ''}{v}" for k, vs in form.errors.items()
                    for v in vs)  # fmt: skip


def open_reviews(scope, day):
    """Reviews due this month or overdue, per agency in scope, each judged against its due date on `day`."""
    agency_ids = (
        reviews_in(scope).filter(reviewed_on__isnull=True).values_list("order__inspection__agency", flat=True)
    )
    packs, out = Packs(), []
    for agency in Agency.objects.filter(pk__in=agency_ids.distinct()).order_by("level", "name"):
        rule = deadline_rule(packs(agency), "review")
        for r in reviews_open(agency=agency, today=day).select_related("order__inspection__agency"):
            d = judge("review", "复查", r.order.deadline, r.due_on, rule.day_type, None, day, rule.citation)
            out.append((r, d))
    out.sort(key=lambda x: (x[1].status != DeadlineStatus.OVERDUE, x[0].due_on))
    return out


@business_view
def hazard_page(request, scope):
    day = today()
    reviews = open_reviews(scope, day)
    hazards = (
        hazards_in(scope).filter(rectified_on__isnull=True)
        .select_related("inspection__enterprise", "inspection__agency", "order").order_by("deadline", "found_on", "pk")
    )  # fmt: skip
    page = Paginator(hazards, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = tab_context(
        scope, "exec_hazards", reviews=reviews, page=page, today=day, 
        editable={a for a in scope.agency_ids if scope.edits(a)},
        overdue_reviews=sum(1 for _, d in reviews if d.status == DeadlineStatus.OVERDUE),
        overdue_hazards=hazards.filter(deadline__lt=day).count(),
    )  # fmt: skip
    return render(request, "web/exec_hazards.html", ctx)


@require_POST
@business_view
def review_record(request, scope, pk: int):
    review = get_object_or_404(reviews_in(scope).select_related("order__inspection"), pk=pk)
    agency_id = review.order.inspection.agency_id
    require_edit(scope, agency_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, FORM_INVALID.format(what="复查", errors=form_errors(form)))
        return redirect("web:exec_hazards")
    d = form.cleaned_data
    try:
        row = services.review_record(order=review.order, reviewed_on=d["reviewed_on"], passed=d["passed"],
                                     opinion=d["opinion"], number=d["number"], applied_on=d["applied_on"])  # fmt: skip
    except ExecutionError as error:
        messages.error(request, error.message)
        return redirect("web:exec_hazards")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("web:exec_hazards")
    result = "整改合格" if row.passed else "整改不合格，已安排再次复查"
    messages.success(request, REVIEW_SAVED.format(number=review.order.number, result=result))
    return redirect("web:exec_hazards")


def _publication(penalty, packs: Packs, day):
    return track(packs(penalty.inspection.agency), "penalty.publication", "处罚决定公示", penalty.decided_on,
                 penalty.published_on, day)  # fmt: skip


@business_view
def penalty_page(request, scope):
    day, packs = today(), Packs()
    rows = penalties_in(scope).select_related("inspection__enterprise", "inspection__agency")
    if (year := request.GET.get("year", "")).isdigit():
        rows = rows.filter(decided_on__year=int(year))
    if request.GET.get("state") == "unpublished":
        rows = rows.filter(published_on__isnull=True)
    # Lateness is counted in working days by the core, so it is judged here, not in SQL; penalties are few.
    lines = [(p, _publication(p, packs, day)) for p in rows.order_by("-decided_on", "-pk")]
    if request.GET.get("state") == "late":
        lines = [(p, d) for p, d in lines if d.status in (DeadlineStatus.LATE, DeadlineStatus.OVERDUE)]
    page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = tab_context(
        scope, "exec_penalties", page=page, today=day, params=request.GET, query=query.urlencode(),
        editable={a for a in scope.agency_ids if scope.edits(a)},
    )  # fmt: skip
    return render(request, "web/exec_penalties.html", ctx)


@require_POST
@business_view
def penalty_publish(request, scope, pk: int):
    penalty = get_object_or_404(penalties_in(scope).select_related("inspection"), pk=pk)
    agency_id = penalty.inspection.agency_id
    require_edit(scope, agency_id)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, FORM_INVALID.format(what="公示日期", errors=form_errors(form)))
        return redirect("web:exec_penalties")
    try:
        services.penalty_publish(penalty=penalty, published_on=form.cleaned_data["published_on"])
    except ExecutionError as error:
        messages.error(request, error.message)
        return redirect("web:exec_penalties")
    messages.success(request, PUBLISH_SAVED.format(number=penalty.number, date=penalty.published_on))
    return redirect("web:exec_penalties")
