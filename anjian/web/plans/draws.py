"""The 双随机 draw: its commitment and result inside the plan, and a public page that re-verifies it by replay."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from anjian.audit.chain import record
from anjian.audit.models import AuditEvent
from anjian.planning.draw_record import DrawRecordError, draw_record_from_json, verify_draw
from anjian.plans import services
from anjian.plans.models import Draw, Plan

from ..access import business_view, version_get
from .pages import _context

REDRAW_ONLY_LEADER = "重新抽取须由本局局领导办理，且只能在计划报批之前"
REDRAW_NEEDS_REASON = "重新抽取必须写明理由（如名录库有误已更正）"
REDRAWN = "已重新抽取并编制第 {number} 版；新的承诺值须重新公布"


def _checked(draw: Draw) -> dict:
    try:
        rec = draw_record_from_json(json.dumps(draw.record, ensure_ascii=False))
    except DrawRecordError as error:
        return {"record": None, "findings": [], "error": str(error)}
    findings = verify_draw(
        rec, published_commitment=draw.commitment, published_pool_digest=draw.pool_digest or None
    )
    names = {p.enterprise_id: p.name for p in rec.pool}
    officers = {o.officer_id: o.name for o in rec.officers}
    result = [
        {"unit": u, "name": names.get(u.enterprise_id, u.enterprise_id),
         "officers": "、".join(officers.get(i, str(i)) for i in u.officer_ids)}
        for u in rec.result
    ]  # fmt: skip
    return {"record": rec, "findings": findings, "error": "", "result": result}


@business_view
def plan_draw(request, scope, plan_id: int):
    ctx = _context(request, scope, plan_id, "draw")
    ctx["draws"] = [{"draw": d, **_checked(d)} for d in ctx["version"].draws.order_by("pk")]
    return render(request, "web/plan_draw.html", ctx)


@require_POST
@business_view
def plan_redraw(request, scope, plan_id: int):
    """A fresh draw (a recompile replays the last seed): the leader's decision, with its reason, before submission."""
    plan = version_get(scope, plan_id).plan
    if not scope.approves(plan.agency_id) or plan.status != Plan.Status.DRAFT:
        raise PermissionDenied(REDRAW_ONLY_LEADER)
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, REDRAW_NEEDS_REASON)
        return redirect("web:plan_draw", plan_id=plan.pk)
    new = services.plan_compile(
        agency=plan.agency, year=plan.year, by=request.user.get_username(), reason=f"重新抽取：{reason}"[:300],
        redraw=True,
    )  # fmt: skip
    messages.success(request, REDRAWN.format(number=new.number))
    return redirect("web:plan_draw", plan_id=plan.pk)


def draw_public(request, commitment: str):
    """Public: anyone holding the published commitment may replay the draw (no login; nothing else is shown)."""
    if len(commitment) != 64:
        raise Http404
    draw = (
        Draw.objects.filter(commitment=commitment)
        .select_related("version__plan__agency")
        .order_by("-pk")
        .first()
    )
    if draw is None:
        raise Http404("未找到该承诺值对应的抽取记录")
    return render(request, "web/draw_public.html", {"draw": draw, **_checked(draw)})


def draw_public_json(request, commitment: str):
    draw = Draw.objects.filter(commitment=commitment).select_related("version__plan").order_by("-pk").first()
    if draw is None:
        raise Http404
    record(
        AuditEvent.Action.EXPORT, obj=draw, agency_id=draw.version.plan.agency_id, after={"format": "json"}
    )
    response = HttpResponse(
        json.dumps(draw.record, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="draw-{commitment[:12]}.json"'
    return response
