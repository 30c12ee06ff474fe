"""Execution records as the user's scope sees them: every query of the 计划执行 pages starts here.

Rows belong to the agency that inspected (`Inspection.agency`); another agency's row is simply absent from
these querysets, so a detail or a POST on it answers 404 through get_object_or_404.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone

from anjian.accounts.scope import Scope
from anjian.execution.models import Hazard, Inspection, PenaltyDecision, PlanAdjustment, Review
from anjian.planning.rules import RulePack
from anjian.plans.services import pack_for
from anjian.registry.models import Agency, Office

TABS = (
    ("exec_inspections", "检查记录"), ("exec_hazards", "隐患与复查"), ("exec_penalties", "处罚公示"),
    ("exec_reports", "台账与报表"), ("exec_adjustments", "计划调整"), ("exec_weekly", "周调度"),
    ("exec_items", "检查事项清单"), ("exec_contacts", "基层联系点"),
)  # fmt: skip
NO_AGENCY = "本账号没有可办理执行记录的部门"


def today() -> dt.date:
    return timezone.localdate()


def inspections_in(scope: Scope):  # noqa: ANN201
    return Inspection.objects.filter(agency_id__in=scope.agency_ids)


def hazards_in(scope: Scope):  # noqa: ANN201
    return Hazard.objects.filter(inspection__agency_id__in=scope.agency_ids)


def reviews_in(scope: Scope):  # noqa: ANN201
    return Review.objects.filter(order__inspection__agency_id__in=scope.agency_ids)


def penalties_in(scope: Scope):  # noqa: ANN201
    return PenaltyDecision.objects.filter(inspection__agency_id__in=scope.agency_ids)


def adjustments_in(scope: Scope):  # noqa: ANN201
    return PlanAdjustment.objects.filter(plan__agency_id__in=scope.agency_ids)


def agencies_in(scope: Scope):  # noqa: ANN201
    return Agency.objects.filter(pk__in=scope.agency_ids).order_by("level", "name")


def offices_in(scope: Scope):  # noqa: ANN201
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


class Packs:
    """Rule packs by agency, each ruleset read once per request (a page judges many rows against them)."""

    def __init__(self) -> None:
        self._by_ruleset: dict[str, RulePack] = {}

    def __call__(self, agency: Agency) -> RulePack:
        if agency.ruleset not in self._by_ruleset:
            self._by_ruleset[agency.ruleset] = pack_for(agency)
        return self._by_ruleset[agency.ruleset]


def tab_context(scope: Scope, tab: str, **extra) -> dict:  # noqa: ANN003
    return {"tabs": TABS, "tab": tab, "multi_agency": len(scope.agency_ids) > 1, **extra}
