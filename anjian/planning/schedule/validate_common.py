"""Helpers shared by the validator's checks: the one finding shape and readable names. No solver here."""

from __future__ import annotations

from typing import Any

from anjian.planning.findings import Finding, Severity
from anjian.planning.schedule.inputs import ScheduleProblem, VisitDemand
from anjian.planning.schedule.result import Visit


def err(rule: str, code: str, message: str, where: str = "", **place: Any) -> Finding:
    return Finding(code, Severity.ERROR, where, message, rule=rule, **place)


def ent(problem: ScheduleProblem, enterprise_id: int) -> str:
    e = problem.index().enterprises.get(enterprise_id)
    return e.name if e else f"单位{enterprise_id}"


def officer(problem: ScheduleProblem, officer_id: int) -> str:
    s = problem.index().officers.get(officer_id)
    return s.officer.name if s else f"人员{officer_id}"


def demand(problem: ScheduleProblem, d: VisitDemand) -> str:
    if d.label:
        return d.label
    offices = problem.index().offices
    return "、".join(offices[o].name for o in d.responsible_office_ids if o in offices) + "检查任务"


def known(problem: ScheduleProblem, v: Visit) -> list[VisitDemand]:
    demands = problem.index().demands
    return [demands[d] for d in v.demand_ids if d in demands]
