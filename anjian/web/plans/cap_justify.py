"""超上限说明 on the frequencies page: a bureau leader records why a unit may be visited above its cap."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from anjian.plans.cap_justifications import cap_justification_record

from ..access import business_view, require_draft, version_get

CAP_JUSTIFY_LEADERS_ONLY = "超上限说明须由本局局领导批准记录"
CAP_JUSTIFY_NOT_OVER_CAP = "该单位在当前版本中没有超过频次上限，无需说明"
CAP_JUSTIFY_SAVED = "已记录“{name}”的超上限说明，并编制第 {number} 版"


@require_POST
@business_view
def plan_cap_justify(request, scope, plan_id: int):
    """Record (or replace) the justification of an over-cap line of the current version, then recompile."""
    version = version_get(scope, plan_id)
    plan = version.plan
    require_draft(plan)
    if not scope.approves(plan.agency_id):
        raise PermissionDenied(CAP_JUSTIFY_LEADERS_ONLY)
    back = redirect("web:plan_frequencies", plan_id=plan.pk)
    entry = (
        version.entries.filter(enterprise_id=request.POST.get("enterprise") or None)
        .filter(cap__status__in=["over_cap", "justified"])
        .select_related("enterprise")
        .first()
    )
    if entry is None:
        messages.error(request, CAP_JUSTIFY_NOT_OVER_CAP)
        return back
    try:
        new = cap_justification_record(
            plan=plan, enterprise=entry.enterprise, text=request.POST.get("text", ""),
            approved_by=request.POST.get("approved_by", ""), decision_number=request.POST.get("decision_number", ""),
            by=request.user.get_username(),
        )  # fmt: skip
    except ValidationError as err:
        for message in err.messages:
            messages.error(request, message)
        return back
    messages.success(request, CAP_JUSTIFY_SAVED.format(name=entry.enterprise.name, number=new.number))
    return redirect(f"{back.url}?alerts=1")
