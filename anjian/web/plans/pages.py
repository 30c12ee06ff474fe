"""The plan wizard: rule pack → classification → frequencies → draw → workdays → schedule → documents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from anjian.audit.chain import record
from anjian.audit.models import AuditEvent
from anjian.jobs.models import Job
from anjian.planning.rules import load_pack
from anjian.plans.models import EntryOverride, Plan, PlanEntry
from anjian.plans.readiness import PlanNotReady, plan_ready_for

from ..access import (
    READ_ONLY_SCOPE,
    business_view,
    plans_in,
    require_draft,
    require_edit,
    require_not_officer,
    version_get,
)
from ..jobs.views import job_start
from .workday_edit import sheet_panels

STEPS = (
    ("rules", "规则包"), ("classification", "重点/一般认定"), ("frequencies", "频次与上限"), ("draw", "双随机抽取"),
    ("workdays", "工作日测算"), ("schedule", "排程"), ("documents", "文书"), ("records", "审批与备案"),
)  # fmt: skip
OVERRIDE_NEEDS_REASON = "人工调整必须填写理由"
STATUS_FLOW = {  # status → (next status, who may move it there)
    Plan.Status.DRAFT: (Plan.Status.SUBMITTED, "edit"), Plan.Status.SUBMITTED: (Plan.Status.APPROVED, "approve"),
    Plan.Status.APPROVED: (Plan.Status.FILED, "approve"), Plan.Status.FILED: (Plan.Status.ISSUED, "approve"),
}  # fmt: skip


@business_view
def plan_list(request, scope):
    plans = plans_in(scope).prefetch_related("versions").order_by("-year", "agency__level", "agency__name")
    can_create = bool(scope.home_id) and scope.edits(scope.home_id)
    return render(request, "web/plan_list.html", {"plans": plans, "can_create": can_create})


def _context(request, scope, plan_id: int, step: str, number: int | None = None) -> dict:
    if step != "schedule":
        require_not_officer(scope)  # an officer's part of a plan is their own schedule
    version = version_get(scope, plan_id, number)
    plan = version.plan
    return {
        "plan": plan, "version": version, "steps": STEPS, "step": step, "summary": version.summary,
        "can_edit": scope.edits(plan.agency_id), "can_approve": scope.approves(plan.agency_id),
        # changes to the plan's content: only while it is a draft (afterwards through an adjustment)
        "can_change": scope.edits(plan.agency_id) and plan.status == Plan.Status.DRAFT,
        "versions": plan.versions.order_by("-number"),
    }  # fmt: skip


@business_view
def plan_rules(request, scope, plan_id: int):
    ctx = _context(request, scope, plan_id, "rules")
    pack = load_pack(ctx["version"].ruleset)
    ctx["pack"] = pack
    ctx["pack_chain"] = " → ".join(load_pack(pack_id).name for pack_id in pack.chain)
    ctx["settings_items"] = (
        sorted(ctx["plan"].settings.items()) if isinstance(ctx["plan"].settings, dict) else []
    )
    return render(request, "web/plan_rules.html", ctx)


@business_view
def plan_classification(request, scope, plan_id: int):
    ctx = _context(request, scope, plan_id, "classification")
    category = request.GET.get("category", "key")
    entries = (
        ctx["version"]
        .entries.filter(category=category)
        .select_related("enterprise")
        .prefetch_related("responsible_offices")
        .order_by("sector", "sort_order")
    )
    ctx.update(
        category=category,
        categories=PlanEntry.Category.choices,
        page=Paginator(entries, 100).get_page(request.GET.get("page")),
        overrides={o.enterprise_id: o for o in ctx["plan"].overrides.all()},
    )
    return render(request, "web/plan_classification.html", ctx)


@business_view
def plan_frequencies(request, scope, plan_id: int):
    ctx = _context(request, scope, plan_id, "frequencies")
    entries = ctx["version"].entries.select_related("enterprise").order_by("category", "sector", "sort_order")
    if request.GET.get("alerts"):
        entries = entries.exclude(cap__status__in=["ok", "no_cap"])
    ctx.update(
        page=Paginator(entries, 100).get_page(request.GET.get("page")), alerts=request.GET.get("alerts")
    )
    return render(request, "web/plan_frequencies.html", ctx)


@business_view
def plan_workdays(request, scope, plan_id: int):
    ctx = _context(request, scope, plan_id, "workdays")
    ctx.update(
        sheets=ctx["version"].sheets.order_by("pk"),
        panels=sheet_panels(ctx["version"]),
        findings=ctx["version"].findings.order_by("severity", "code"),
    )
    return render(request, "web/plan_workdays.html", ctx)


@business_view
def plan_records(request, scope, plan_id: int):
    ctx = _context(request, scope, plan_id, "records")
    plan = ctx["plan"]
    version_ids = [str(v.pk) for v in ctx["versions"]]
    ctx["events"] = AuditEvent.objects.filter(
        Q(object_type="plans.Plan", object_id=str(plan.pk))
        | Q(object_type="plans.PlanVersion", object_id__in=version_ids, action__in=["create", "export"])
    ).order_by("-id")[:200]
    # A status change is shown by its 审批 event; the plain update the same save wrote would repeat it.
    ctx["events"] = [
        e
        for e in ctx["events"]
        if not (e.action == "update" and set(e.after or {}) <= {"status", "doc_number"})
    ]
    nxt = STATUS_FLOW.get(plan.status)
    ctx["next_status"] = nxt and (Plan.Status(nxt[0]), nxt[1])
    return render(request, "web/plan_records.html", ctx)


@require_POST
@business_view
def plan_advance(request, scope, plan_id: int):
    """Move the plan one step: 报批 (an editor), then 批准 / 备案 / 印发 (局领导)."""
    version = version_get(scope, plan_id)
    plan = version.plan
    nxt = STATUS_FLOW.get(plan.status)
    if nxt is None:
        return redirect("web:plan_records", plan_id=plan.pk)
    status, who = nxt
    if not (scope.approves(plan.agency_id) if who == "approve" else scope.edits(plan.agency_id)):
        raise PermissionDenied(READ_ONLY_SCOPE)
    try:
        plan_ready_for(version=version, status=status)
    except PlanNotReady as e:
        messages.error(request, str(e))
        return redirect("web:plan_records", plan_id=plan.pk)
    before = plan.status
    plan.status = status
    if status == Plan.Status.ISSUED and (doc_number := request.POST.get("doc_number", "").strip()):
        plan.doc_number = doc_number
    plan.save()
    record(
        AuditEvent.Action.APPROVE, obj=plan, agency_id=plan.agency_id, before={"status": before},
        after={"status": status, "version": version.number, "note": request.POST.get("note", "")[:200]},
    )  # fmt: skip
    messages.success(request, f"计划状态已改为“{Plan.Status(status).label}”")
    return redirect("web:plan_records", plan_id=plan.pk)


@require_POST
@business_view
def plan_override(request, scope, plan_id: int):
    version = version_get(scope, plan_id)
    require_edit(scope, version.plan.agency_id)
    require_draft(version.plan)
    entry = version.entries.filter(enterprise_id=request.POST.get("enterprise")).first()
    reason = request.POST.get("reason", "").strip()
    if entry is None or not reason:
        messages.error(request, OVERRIDE_NEEDS_REASON)
        return redirect("web:plan_classification", plan_id=plan_id)
    category = request.POST.get("category") or ""
    visits = request.POST.get("visits_per_year") or None
    EntryOverride.objects.update_or_create(
        plan=version.plan, enterprise_id=entry.enterprise_id,
        defaults={"category": category if category in PlanEntry.Category.values else "",
                  "visits_per_year": int(visits) if visits and visits.isdigit() else None,
                  "reason": reason[:300], "created_by": request.user.get_username()},
    )  # fmt: skip
    messages.success(request, f"已记录对“{entry.enterprise.name}”的人工调整；重新编制后生效")
    return redirect("web:plan_classification", plan_id=plan_id)


@require_POST
@business_view
def plan_recompile(request, scope, plan_id: int):
    version = version_get(scope, plan_id)
    plan = version.plan
    require_edit(scope, plan.agency_id)
    require_draft(plan)
    reason = request.POST.get("reason", "").strip() or "按人工调整重新编制"
    return job_start(request, scope, kind=Job.Kind.COMPILE, plan=plan, params={"reason": reason})
