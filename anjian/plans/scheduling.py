"""Scheduling a compiled plan version: build the core's ScheduleProblem, solve, validate, save.

A schedule is saved as final only when the independent validator finds no hard violation; otherwise its visits
are kept as a draft with the validator's findings, so staff can see what blocks it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from anjian.planning.calendar import workdays
from anjian.planning.schedule.costing import SheetLine, line_findings, visits_per_unit
from anjian.planning.schedule.inputs import (
    WHOLE_YEAR,
    FixedVisit,
    OfficerSupply,
    ScheduleProblem,
    VisitDemand,
    quarters,
)
from anjian.planning.schedule.load import daily_load, person_days
from anjian.planning.schedule.result import Progress, ScheduleResult, Visit
from anjian.planning.schedule.ruleset import ScheduleRules
from anjian.planning.schedule.solve import schedule
from anjian.planning.schedule.validate import validate

from .bridge import Bureau, bureau_facts
from .models import Finding, Plan, PlanVersion, ScheduledVisit
from .readiness import unscheduled
from .scheduling_calendar import blocked_days
from .scheduling_sheet import Costing, sheet_lines
from .services import pack_for, plan_locked

NO_SHEET_CAPACITY = "未录入工作日测算：每次检查按规则包的最少人数、1 个工作日安排，排程人日无法与测算逐项核对（全年 {days} 个工作日）"


def build_problem(version: PlanVersion) -> tuple[ScheduleProblem, Bureau, list[str]]:
    """The version's entries as visit demands, with the bureau's certified officers and the real calendar."""
    problem, bureau, notes, _costing = build_costed_problem(version)
    return problem, bureau, notes


def build_costed_problem(version: PlanVersion) -> tuple[ScheduleProblem, Bureau, list[str], Costing]:
    """As build_problem, with the sheet costing: each office's part of a row is a demand with the team and
    days of the workday-sheet line that costs it; officers' time comes from the lines they are costed on."""
    plan = version.plan
    pack = pack_for(plan.agency)
    bureau = bureau_facts(plan.agency)
    rules = ScheduleRules.from_pack(pack)
    days = tuple(workdays(plan.year, pack))
    notes = [] if version.sheets.exists() else [NO_SHEET_CAPACITY.format(days=len(days))]
    costing = Costing(sheet_lines(version), rules.min_officers, rules.lump_days_max)
    office_by_id = {o.id: o for o in bureau.offices}
    entries = version.entries.prefetch_related("responsible_offices")
    demands, caps, planned = [], {}, set()
    for entry in entries:
        offices = tuple(sorted(o.pk for o in entry.responsible_offices.all()))
        cooperating = tuple(
            sorted(bureau.office_names[n] for n in entry.cooperating_units if n in bureau.office_names)
        )
        periods = quarters(*entry.quarters) if entry.quarters else WHOLE_YEAR
        label = f"{entry.get_category_display()}（{entry.sector}）"
        parts = costing.parts(entry.pk, entry.category, entry.sector, [office_by_id[o] for o in offices])
        for demand_id, own, line in parts:
            persons, per = costing.costed.get(demand_id, (0, Decimal(1)))
            demands.append(VisitDemand(
                id=demand_id, enterprise_id=entry.enterprise_id, agency_id=plan.agency_id,
                count=_count(entry.visits_per_year, line), periods=periods, responsible_office_ids=own or offices,
                cooperating_office_ids=tuple(c for c in cooperating if c not in offices), category=entry.category,
                persons=persons, days=per, line=line.label if line else "",
                label=label if len(parts) == 1 else label + _names(own, office_by_id),
            ))  # fmt: skip
        if entry.cap.get("cap") is not None:
            caps[(entry.enterprise_id, "enforcement")] = int(entry.cap["cap"])
        planned.add(entry.enterprise_id)
    blocked = blocked_days(bureau.agencies, days)  # leave, training, 值班, 下乡
    supplies = tuple(
        OfficerSupply(o, len(days) - len(blocked.get(o.id, ())), blocked.get(o.id, frozenset()))
        for o in bureau.officers
        if o.certified_on(days[0])
    )
    problem = ScheduleProblem(
        year=plan.year, working_days=days, agencies=tuple(bureau.agencies.values()), offices=bureau.offices,
        officers=supplies, enterprises=tuple(bureau.by_id[i] for i in sorted(planned)), demands=tuple(demands),
        rules=rules, caps=caps,
    )  # fmt: skip
    return problem, bureau, notes, costing


def _count(row_visits: int, line: SheetLine | None) -> int:
    """Visits of one office's part of a row: the row's, but no more than its line costs per unit (the
    enforcement team joining one of a mine's two visits is costed once)."""
    per_unit = visits_per_unit(line) if line else None
    return min(row_visits, per_unit) if per_unit else row_visits


def _names(ids: tuple[int, ...], offices: dict) -> str:
    return "（" + "、".join(offices[o].name for o in ids) + "）" if ids else ""


def _finding(version: PlanVersion, f, source: str = "schedule") -> Finding:  # schedule Finding
    return Finding(
        version=version, source=source, code=f.code, severity=str(f.severity.value), where=f.where[:200],
        message=f.message, basis=f.basis[:300],
    )  # fmt: skip


SCHEDULE_STALE = (
    "排程期间{plan}已编制为第 {current} 版，本次对第 {number} 版的排程没有保存；请对第 {current} 版重新排程"
)
SCHEDULE_STATUS_CHANGED = "排程期间{plan}的状态已改为“{status}”，本次排程没有保存；请重新排程"
SCHEDULE_NOT_DRAFT = (
    "{plan}{status}，第 {number} 版的检查都已排程，不能重新排程；计划内容的改动须作为计划调整办理"
)


class ScheduleRefused(PermissionDenied):
    """The schedule is not saved (the version is no longer current, or the plan was submitted). A refusal of the
    operation, so a web view that does not catch it answers 403 with the message, not 500."""


def plan_schedule(
    *, version: PlanVersion, time_limit_s: float = 60, progress: Callable[[Progress], None] | None = None
) -> tuple[ScheduleResult, list]:
    """Solve, validate independently, and save the version's scheduled visits; returns (result, violations).

    A draft plan is scheduled anew. A submitted plan is never rescheduled as a whole: after an adjustment, only
    the visits its carried-forward schedule lacks are placed, around the kept visits (fixed, their officers busy).
    The solve runs outside any transaction (other writers are not held up for minutes); the write is one short
    transaction under the plan's lock, and is refused when the plan changed status meanwhile or another compile
    made a newer version: a schedule is only ever saved to the version it was computed for, while current."""
    version.plan.refresh_from_db(fields=["status"])
    missing_only = version.plan.status != Plan.Status.DRAFT
    _refuse_unless_schedulable(version, version.plan, missing_only)
    problem, _bureau, notes, costing = build_costed_problem(version)
    if missing_only:
        problem = _missing_only(problem, version)
    result = schedule(problem, time_limit_s=time_limit_s, progress=progress)
    violations = [f for f in validate(problem, result.visits) if f.is_error]
    placed = [*stored_visits(version), *result.visits] if missing_only else list(result.visits)
    notes_found = line_findings(costing.balances(placed))
    with transaction.atomic():
        plan = plan_locked(agency=version.plan.agency, year=version.plan.year)
        _refuse_unless_schedulable(version, plan, missing_only)
        _save(version, result, violations, notes, notes_found, keep=missing_only)
        _summarize(version, problem, result, violations, placed, keep=missing_only)
    return result, violations


def _missing_only(problem: ScheduleProblem, version: PlanVersion) -> ScheduleProblem:
    """What is left to place: each demand's visits not yet on the schedule; the stored visits stay as they are,
    counted against caps and keeping their officers busy."""
    placed: Counter[str] = Counter()
    kept = []
    for v in version.visits.prefetch_related("officers"):
        placed.update(v.demands or ())
        kept.append(FixedVisit(
            id=f"v{v.pk}", enterprise_id=v.enterprise_id, date=v.date, agency_id=version.plan.agency_id,
            joinable=False, officer_ids=tuple(sorted(o.pk for o in v.officers.all())), label="已排程的检查",
        ))  # fmt: skip
    demands = tuple(
        dataclasses.replace(d, count=d.count - placed[d.id])
        for d in problem.demands
        if d.count > placed[d.id]
    )
    return dataclasses.replace(problem, demands=demands, fixed_visits=(*problem.fixed_visits, *kept))


def _refuse_unless_schedulable(version: PlanVersion, plan: Plan, missing_only: bool) -> None:
    if (plan.status != Plan.Status.DRAFT) != missing_only:  # submitted (or sent back) while the solver ran
        raise ScheduleRefused(SCHEDULE_STATUS_CHANGED.format(plan=plan, status=plan.get_status_display()))
    if missing_only and not unscheduled(version):
        raise ScheduleRefused(
            SCHEDULE_NOT_DRAFT.format(plan=plan, status=plan.get_status_display(), number=version.number)
        )
    current = plan.versions.order_by("-number").values_list("number", flat=True).first()
    if current != version.number:
        raise ScheduleRefused(SCHEDULE_STALE.format(plan=plan, current=current, number=version.number))


def _save(
    version: PlanVersion,
    result: ScheduleResult,
    violations: list,
    notes: list[str],
    lines: list,
    *,
    keep: bool,
) -> None:
    final = not violations
    if not keep:
        version.visits.all().delete()
    version.findings.filter(source__in=("schedule", "validate")).delete()
    rows = [
        ScheduledVisit(
            version=version, enterprise_id=v.enterprise_id, date=v.date, demands=list(v.demand_ids),
            is_joint=v.is_joint, is_final=final, reason=v.reason[:300],
            span=[t.isoformat() for t in v.dates], days_each=v.days, person_days=v.person_days,
        )
        for v in result.visits
    ]  # fmt: skip
    ScheduledVisit.objects.bulk_create(rows)
    offices = ScheduledVisit.offices.through
    officers = ScheduledVisit.officers.through
    offices.objects.bulk_create(
        offices(scheduledvisit_id=r.pk, office_id=o)
        for r, v in zip(rows, result.visits, strict=True)
        for o in v.office_ids
    )
    officers.objects.bulk_create(
        officers(scheduledvisit_id=r.pk, officer_id=o)
        for r, v in zip(rows, result.visits, strict=True)
        for o in v.officer_ids
    )
    Finding.objects.bulk_create(
        [_finding(version, f) for f in result.findings]
        + [_finding(version, f) for f in lines]
        + [_finding(version, f, "validate") for f in violations]
    )
    Finding.objects.bulk_create(
        Finding(
            version=version, source="schedule", code="schedule_capacity_unbounded", severity="info", message=n
        )
        for n in notes
    )


def _summarize(
    version: PlanVersion,
    problem: ScheduleProblem,
    result: ScheduleResult,
    violations: list,
    placed: list,
    *,
    keep: bool,
) -> None:
    version.summary = {**version.summary, "schedule": {
        "status": str(result.status.value), "entries": result.stats.entries,
        "entries_lower_bound": result.stats.entries_lower_bound, "visits": version.visits.count(),
        "load_spread": result.stats.load_spread, "seconds": round(result.stats.solve_seconds, 2),
        "violations": len(violations), "final": not violations and not (keep and unscheduled(version)),
        "person_days": {"scheduled": float(person_days(placed)), "sheet": _sheet_days(version)},
        "daily_load": daily_load(problem, placed),
        **({"completed_after_adjustment": result.stats.placed_visits} if keep else {}),
    }}  # fmt: skip
    version.save(update_fields=["summary"])


def stored_visits(version: PlanVersion) -> list[Visit]:
    rows = version.visits.prefetch_related("offices", "officers")
    return [
        Visit(
            agency_id=version.plan.agency_id, enterprise_id=r.enterprise_id, date=r.date,
            demand_ids=tuple(r.demands), officer_ids=tuple(sorted(o.pk for o in r.officers.all())),
            office_ids=tuple(sorted(o.pk for o in r.offices.all())), reason=r.reason,
            dates=tuple(dt.date.fromisoformat(t) for t in r.span), days=r.days_each,
            effort=r.person_days if r.person_days != len(r.officers.all()) * r.days_each else Decimal(0),
        )
        for r in rows
    ]  # fmt: skip


def plan_validate(*, version: PlanVersion) -> list:
    """Re-check every hard rule of the stored schedule with the independent validator (imports no solver)."""
    problem, _bureau, _notes = build_problem(version)
    return validate(problem, stored_visits(version))


def _sheet_days(version: PlanVersion) -> float | None:
    sheets = list(version.sheets.all())
    return float(sum(Decimal(s.supervision_days) for s in sheets)) if sheets else None


def plan_schedule_figures(*, version: PlanVersion) -> dict:
    """The stored schedule re-checked: violations, person-days against the sheet (overall and per line) and
    the daily load (overall and per office)."""
    problem, _bureau, _notes, costing = build_costed_problem(version)
    visits = stored_visits(version)
    found = [f for f in validate(problem, visits) if f.is_error]
    violations = [{"rule": f.rule, "code": f.code, "label": f.label, "message": f.message} for f in found]
    return {
        "visits": len(visits),
        "violations": violations,
        "person_days": {
            "scheduled": float(person_days(visits)),
            "sheet": _sheet_days(version),
            "lines": [
                {"line": b.line.label, "sheet": float(b.line.days_total), "scheduled": float(b.scheduled)}
                for b in costing.balances(visits)
            ],
        },
        "daily_load": daily_load(problem, visits),
    }
