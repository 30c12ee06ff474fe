"""The greedy baselines: how a bureau schedules by hand, one plan row at a time.

Agencies go upper level first. Within an agency, demands go tightest window first; each visit goes to its
period in turn (round robin, so the spread holds) and onto the least busy working day with a free certified
team, every hard rule checked by the ledger.

- `join=False` is the practice before 进一次门，查多项事: each office's rows are dispatched on their own, so
  every visit is its own entry;
- `join=True` adds a coordinator who, before opening a new entry, puts the visit onto an existing entry of the
  same agency at the enterprise, or onto a day another level already enters it, whenever every rule still holds.
Neither looks ahead; the CP-SAT scheduler merges on purpose (entries.py).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter as Tally
from dataclasses import replace
from decimal import Decimal

from anjian.planning.schedule import explain
from anjian.planning.schedule.breakdown import load_spread
from anjian.planning.schedule.entries import Composer, Entry
from anjian.planning.schedule.inputs import Counter, FixedVisit, ScheduleProblem, VisitDemand
from anjian.planning.schedule.ledger import Ledger
from anjian.planning.schedule.quiet import choose_windows
from anjian.planning.schedule.result import ScheduleResult, ScheduleStats, Status
from anjian.planning.schedule.solve import LEVEL_ORDER
from anjian.planning.schedule.supply import Supply
from anjian.planning.schedule.validate import check_inputs, validate


def greedy_schedule(problem: ScheduleProblem, join: bool = True) -> ScheduleResult:
    """A feasible (possibly partial) schedule without an optimiser; findings name what it could not place."""
    start = time.monotonic()
    index = problem.index()
    supply = Supply(problem, problem.officers)
    ledger = Ledger(problem, supply)
    composer = Composer(index, problem.rules, {m: len(d) for m, d in supply.days_by_month.items()})
    findings = list(check_inputs(problem))
    day_load: Tally[tuple[int, dt.date]] = Tally()
    unplaced = 0
    for agency in sorted(problem.agencies, key=lambda a: (LEVEL_ORDER.get(a.level, 9), a.id)):
        demands = [
            d
            for d in problem.demands
            if d.agency_id == agency.id and d.enterprise_id in index.enterprises and d.count > 0 and d.periods
        ]
        demands.sort(key=lambda d: (len(d.window), -d.count, d.enterprise_id, d.id))
        for d in demands:
            for k in range(d.count):
                entry = composer._entry(f"g{d.id}.{k}", d.agency_id, d.enterprise_id, [d], None)
                period = d.periods[k % len(d.periods)] if d.count >= len(d.periods) else None
                months = sorted(period) if period else sorted(d.window)
                if join and _join(ledger, composer, entry, d, months):
                    continue
                if _place(ledger, composer, supply, entry, d, months, day_load, join):
                    continue
                unplaced += 1
                findings.extend(
                    explain.unplaced_findings(
                        problem, entry, "时间窗口内找不到同时满足人员、日期和各项规则的安排"
                    )
                )
    windows, visits = choose_windows(problem, ledger.visits)
    errors = validate(problem, visits, windows)
    placed = sum(len(v.demand_ids) for v in visits)
    total = sum(d.count for d in problem.demands)
    status = (
        Status.FEASIBLE
        if placed == total and not any(f.is_error for f in errors)
        else (Status.PARTIAL if visits else Status.INFEASIBLE)
    )
    stats = ScheduleStats(
        demands=len(problem.demands),
        demand_visits=total,
        placed_visits=placed,
        entries=sum(1 for v in visits if not v.joined_fixed_id),
        joined_fixed=sum(1 for v in visits if v.joined_fixed_id),
        load_spread=load_spread(problem, visits),
        person_days=sum((v.person_days for v in visits), Decimal(0)),
        solve_seconds=round(time.monotonic() - start, 3),
    )
    return ScheduleResult(
        status,
        tuple(sorted(visits, key=lambda v: (v.date, v.agency_id, v.enterprise_id))),
        windows,
        tuple(findings + [f for f in errors if f.code != "demand_short"]),
        stats,
    )


def _join(ledger: Ledger, composer: Composer, entry: Entry, d: VisitDemand, months: list[int]) -> bool:
    """Add the visit to an existing entry of the same agency at the enterprise, when every rule still holds."""
    for position in ledger.visits_at.get((d.agency_id, d.enterprise_id), []):
        visit = ledger.visits[position]
        if visit.date.month not in months or d.id in visit.demand_ids:
            continue
        members = [ledger.index.demands[x] for x in visit.demand_ids] + [d]
        merged = composer._entry(f"{entry.id}+", d.agency_id, d.enterprise_id, members, None)
        if merged.duration != len(visit.span):
            continue  # a visit of another length cannot carry this demand
        probe = replace(entry, months=(visit.date.month,), fixed_date=None)
        days = ledger.agency_days[d.agency_id, d.enterprise_id]
        days.difference_update(visit.span)  # the days are already ours: sharing them is the point
        allowed = ledger.day_allowed(probe, visit.date)
        days.update(visit.span)
        if not allowed:
            continue
        extra = _extra_officers(ledger, merged, visit.officer_ids, visit.date)
        if extra is None:
            continue
        ledger.extend(position, merged, entry, extra)
        return True
    return False


def _extra_officers(
    ledger: Ledger, merged: Entry, present: tuple[int, ...], day: dt.date
) -> list[int] | None:
    """Officers to add so the merged entry has someone from each responsible office and enough people."""
    office = {o: ledger.index.officers[o].officer.office_id for o in present}
    free = [o for o in ledger.free_officers(merged, day) if o not in present]
    chosen: list[int] = []
    for rep in merged.reps:
        if any(office.get(o) in rep for o in present) or any(
            ledger.index.officers[o].officer.office_id in rep for o in chosen
        ):
            continue
        pick = next(
            (o for o in free if ledger.index.officers[o].officer.office_id in rep and o not in chosen), None
        )
        if pick is None:
            return None
        chosen.append(pick)
    for o in free:
        if len(present) + len(chosen) >= merged.need:
            break
        if o not in chosen:
            chosen.append(o)
    return chosen if len(present) + len(chosen) >= merged.need else None


def _place(
    ledger: Ledger,
    composer: Composer,
    supply: Supply,
    entry: Entry,
    d: VisitDemand,
    months: list[int],
    day_load: Tally[tuple[int, dt.date]],
    join: bool,
) -> bool:
    """A new entry: first (when joining) on a day another level already enters the enterprise, else the least
    busy day."""
    for f in _joinable(ledger, d) if join else []:
        if f.date.month in months:
            joined = composer._entry(entry.id, d.agency_id, d.enterprise_id, [d], f)
            visit = ledger.try_place(joined, [f.date], "与已定检查同日联合进行")
            if visit is not None:
                for t in visit.span:
                    day_load[d.agency_id, t] += len(visit.officer_ids)
                return True
    days = [t for m in months for t in supply.days_by_month.get(m, [])]
    avoided = ledger.rules.avoided(ledger.problem.working_days)
    days.sort(key=lambda t: (t in avoided, day_load[d.agency_id, t], t))
    visit = ledger.try_place(entry, days)
    if visit is None:
        return False
    for t in visit.span:
        day_load[d.agency_id, t] += len(visit.officer_ids)
    return True


def _joinable(ledger: Ledger, d: VisitDemand) -> list[FixedVisit]:
    if d.counter != Counter.ENFORCEMENT:
        return []
    found = [
        f
        for f in ledger.index.fixed_by_enterprise.get(d.enterprise_id, ())
        if f.joinable
        and f.counter == Counter.ENFORCEMENT
        and not f.is_specialist_patrol
        and f.agency_id != d.agency_id
    ]
    for (agency, ent), positions in ledger.visits_at.items():
        if ent == d.enterprise_id and agency != d.agency_id:
            found += [
                FixedVisit(f"{agency}:{ent}:{ledger.visits[p].date}", ent, ledger.visits[p].date, agency)
                for p in positions
            ]
    return found
