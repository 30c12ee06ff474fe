"""Every page reads through the user's scope: objects of other agencies are 404, writes need an editor role."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from anjian.accounts.scope import Scope, request_scope
from anjian.plans.models import Plan, PlanVersion
from anjian.registry.models import Enterprise

NOT_FOR_ADMINISTRATORS = "三员分立：管理员账号不处理计划和企业数据"
READ_ONLY_SCOPE = "上级部门对下级只读；只有本部门的局领导、股室负责人可修改"
PLAN_NOT_DRAFT = "计划{status}，不能再直接修改；请通过“计划执行 → 计划调整”形成新版本"


def business_view(view):  # noqa: ANN001, ANN201
    """Logged in, with a business role (or superuser); the view gets the scope as its second argument."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):  # noqa: ANN001, ANN003, ANN002
        scope = request_scope(request)
        if not scope.handles_business:
            raise PermissionDenied(NOT_FOR_ADMINISTRATORS)
        return view(request, scope, *args, **kwargs)

    return wrapper


def require_edit(scope: Scope, agency_id: int) -> None:
    if not scope.edits(agency_id):
        raise PermissionDenied(READ_ONLY_SCOPE)


def require_draft(plan: Plan) -> None:
    """Once submitted, a plan changes only through an adjustment (new version, reason, decision date, filing)."""
    if plan.status != Plan.Status.DRAFT:
        raise PermissionDenied(PLAN_NOT_DRAFT.format(status=plan.get_status_display()))


def enterprises_in(scope: Scope):  # noqa: ANN201
    return Enterprise.objects.filter(agency_id__in=scope.agency_ids)


def plans_in(scope: Scope):  # noqa: ANN201
    return Plan.objects.filter(agency_id__in=scope.agency_ids).select_related("agency")


def plan_get(scope: Scope, plan_id: int) -> Plan:
    return get_object_or_404(plans_in(scope), pk=plan_id)


def version_get(scope: Scope, plan_id: int, number: int | None = None) -> PlanVersion:
    plan = plan_get(scope, plan_id)
    versions = plan.versions.select_related("plan__agency")
    if number:
        return get_object_or_404(versions, number=number)
    version = versions.order_by("-number").first()
    if version is None:
        raise Http404("该计划尚未编制")
    return version
