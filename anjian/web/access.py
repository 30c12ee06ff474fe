"""Every page reads through the user's scope: objects of other agencies are 404, writes need an editor role.

Every query of a workbench page starts from one of the querysets here. Execution rows belong to the agency that
inspected (`Inspection.agency`); another agency's row is simply absent from these querysets, so a detail or a POST
on it answers 404 through get_object_or_404.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from anjian.accounts.models import Role
from anjian.accounts.scope import Scope, request_scope
from anjian.execution.models import Hazard, Inspection, PenaltyDecision, PlanAdjustment, Review
from anjian.plans.models import Plan, PlanVersion, ScheduledVisit
from anjian.registry.models import Agency, Enterprise, Office

NOT_FOR_ADMINISTRATORS = "三员分立：管理员账号不处理计划和企业数据"
READ_ONLY_SCOPE = "上级部门对下级只读；只有本部门的局领导、股室负责人可修改"
NO_AGENCY = "本账号没有可办理执行记录的部门"
OFFICER_OWN_TASKS = (
    "执法人员只看本人的检查任务、检查记录和承担检查的单位；整份计划、台账和报表由股室负责人、局领导查看"
)
PLAN_NOT_DRAFT = "计划{status}，不能再直接修改；请通过“计划执行 → 计划调整”形成新版本"


def business_view(view):
    """Logged in, with a business role (or superuser); the view gets the scope as its second argument."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
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


def officer_only(scope: Scope) -> bool:
    """An 执法人员 account: least privilege, their own tasks, inspections and enterprises only."""
    return not scope.superuser and scope.role == Role.OFFICER


def require_not_officer(scope: Scope) -> None:
    if officer_only(scope):
        raise PermissionDenied(OFFICER_OWN_TASKS)


def _own_inspection_ids(scope: Scope):
    return Inspection.objects.filter(officers=scope.officer_id or 0).values("pk")


def enterprises_in(scope: Scope):
    rows = Enterprise.objects.filter(agency_id__in=scope.agency_ids)
    if officer_only(scope):
        # the enterprises the officer is scheduled to inspect or has inspected (none until linked to an officer)
        assigned = ScheduledVisit.objects.filter(officers=scope.officer_id or 0).values("enterprise_id")
        inspected = Inspection.objects.filter(officers=scope.officer_id or 0).values("enterprise_id")
        rows = rows.filter(Q(pk__in=assigned) | Q(pk__in=inspected))
    return rows


def plans_in(scope: Scope):
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


def inspections_in(scope: Scope):
    rows = Inspection.objects.filter(agency_id__in=scope.agency_ids)
    return rows.filter(pk__in=_own_inspection_ids(scope)) if officer_only(scope) else rows


def hazards_in(scope: Scope):
    rows = Hazard.objects.filter(inspection__agency_id__in=scope.agency_ids)
    return rows.filter(inspection_id__in=_own_inspection_ids(scope)) if officer_only(scope) else rows


def reviews_in(scope: Scope):
    rows = Review.objects.filter(order__inspection__agency_id__in=scope.agency_ids)
    return rows.filter(order__inspection_id__in=_own_inspection_ids(scope)) if officer_only(scope) else rows


def penalties_in(scope: Scope):
    rows = PenaltyDecision.objects.filter(inspection__agency_id__in=scope.agency_ids)
    return rows.filter(inspection_id__in=_own_inspection_ids(scope)) if officer_only(scope) else rows


def adjustments_in(scope: Scope):
    return PlanAdjustment.objects.filter(plan__agency_id__in=scope.agency_ids)


def agencies_in(scope: Scope):
    return Agency.objects.filter(pk__in=scope.agency_ids).order_by("level", "name")


def offices_in(scope: Scope):
    return (
        Office.objects.filter(agency_id__in=scope.agency_ids)
        .select_related("agency")
        .order_by("agency__level", "agency__name", "sort_order", "name")
    )


def chosen_agency(scope: Scope, value: str | None) -> Agency:
    """The agency a page works on: the one asked for when in scope, else the user's own."""
    agencies = agencies_in(scope)
    if value and str(value).isdigit():
        agency = agencies.filter(pk=int(value)).first()
        if agency is None:
            raise Http404("不在本账号的管辖范围内")
        return agency
    agency = agencies.filter(pk=scope.home_id).first() if scope.home_id else agencies.first()
    if agency is None:
        raise Http404(NO_AGENCY)
    return agency


def chosen_office(scope: Scope, agency: Agency | None, value: str | None) -> Office | None:
    if not value or not str(value).isdigit():
        return None
    offices = Office.objects.filter(agency_id__in=scope.agency_ids)
    if agency is not None:
        offices = offices.filter(agency=agency)
    office = offices.filter(pk=int(value)).first()
    if office is None:
        raise Http404("该股室不在本账号的管辖范围内")
    return office
