"""The 双随机 draw: its commitment and result inside the plan, and a public page that re-verifies it by replay."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render

from anjian.audit.chain import record
from anjian.audit.models import AuditEvent
from anjian.planning.draw_record import DrawRecordError, draw_record_from_json, verify_draw
from anjian.plans.models import Draw

from .access import business_view
from .plans import _context


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
def plan_draw(request, scope, plan_id: int):  # noqa: ANN001
    ctx = _context(request, scope, plan_id, "draw")
    ctx["draws"] = [{"draw": d, **_checked(d)} for d in ctx["version"].draws.order_by("pk")]
    return render(request, "web/plan_draw.html", ctx)


def draw_public(request, commitment: str):  # noqa: ANN001
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


def draw_public_json(request, commitment: str):  # noqa: ANN001
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
