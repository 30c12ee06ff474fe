"""`schedule(problem)`: the decomposed CP-SAT scheduler.

Agencies are solved one after another, upper levels first, sharing one ledger (caps, quiet periods, specialist
weeks): a lower level sees the upper levels' entries as fixed visits it can join. Per agency:
1. merge demands into the fewest entries per enterprise (entries.py; gives the entries lower bound);
2. stage M: a month per entry (months.py);
3. per month, stage D: a day per entry (days.py), then per week, stage O: the officers (staffing.py);
4. entries a stage could not place are repaired greedily (first in their month, then anywhere in their
   window, then split into single demands); what still fails becomes a finding saying why;
5. a last pass swaps officers within each office to even out their shares of capacity (balance.py).
A sub-problem without a solution in its time share falls back to the greedy placement. The independent
validator re-checks the result; its errors are part of the findings.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal

from anjian.planning.facts import Level
from anjian.planning.findings import Finding, Severity
from anjian.planning.schedule import days, explain, months, staffing
from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.balance import rebalance
from anjian.planning.schedule.breakdown import load_spread
from anjian.planning.schedule.entries import Composer, Entry
from anjian.planning.schedule.inputs import Counter, FixedVisit, ScheduleProblem, VisitDemand
from anjian.planning.schedule.ledger import Ledger
from anjian.planning.schedule.model import Subject
from anjian.planning.schedule.periods import month_label, periods_label, week_start
from anjian.planning.schedule.quiet import choose_windows
from anjian.planning.schedule.result import (
    Progress,
    ProgressCallback,
    ScheduleResult,
    ScheduleStats,
    Status,
    Visit,
)
from anjian.planning.schedule.runner import Solved
from anjian.planning.schedule.supply import Supply
from anjian.planning.schedule.validate import check_inputs, validate

LEVEL_ORDER = {Level.PROVINCE: 0, Level.CITY: 1, Level.COUNTY: 2}
UNITS = {"months": 3, "days": 4, "staff": 3}  # share of the time budget per entry and stage


def schedule(
    problem: ScheduleProblem,
    time_limit_s: float = 60.0,
    progress: ProgressCallback | None = None,
    workers: int = 2,
    seed: int = 0,
) -> ScheduleResult:
    """Schedule every demand of the problem; never raises on an infeasible problem (findings say why)."""
    return _Run(problem, time_limit_s, progress, workers, seed).run()


class _Run:
    def __init__(
        self,
        problem: ScheduleProblem,
        limit: float,
        progress: ProgressCallback | None,
        workers: int,
        seed: int,
    ):
        self.problem, self.progress, self.workers, self.seed = problem, progress, workers, seed
        self.start = time.monotonic()
        self.deadline = self.start + limit
        self.index = problem.index()
        self.supply = Supply(problem, problem.officers)
        self.ledger = Ledger(problem, self.supply)
        month_days = {m: len(d) for m, d in self.supply.days_by_month.items()}
        self.composer = Composer(self.index, problem.rules, month_days)
        self.findings: list[Finding] = []
        self.lower_bound = 0
        self.units_left = 10 * sum(d.count for d in problem.demands)
        self.units_total = max(self.units_left, 1)
        self.subproblems = self.fallbacks = self.not_optimal = 0
        self.unplaced = 0
        self.scope = ""
        self.stage = ""
        self.last_core: list[tuple[str, Subject]] = []
        self.pending: dict[str, tuple[Entry, int]] = {}  # entries with a month, not yet staffed
        self.others_at: dict[int, list[Visit]] = {}  # other agencies' entries per enterprise
        self.stage_seconds: dict[str, float] = {}
        self.avoided = problem.rules.avoided(problem.working_days)
        self.mark = self.start

    # -- budget and progress ---------------------------------------------------------------------------
    def limit_for(self, units: int) -> float:
        remaining = self.deadline - time.monotonic()
        share = remaining * units / max(self.units_left, units, 1)
        return max(0.2, share)

    def spend(self, units: int, solved: Solved | None) -> None:
        now = time.monotonic()
        self.stage_seconds[self.stage] = self.stage_seconds.get(self.stage, 0.0) + now - self.mark
        self.mark = now
        self.units_left = max(self.units_left - units, 0)
        self.subproblems += 1
        if solved is None:
            self.fallbacks += 1
        elif not solved.optimal:
            self.not_optimal += 1
        self.report()

    def report(self, objective: float | None = None) -> None:
        if self.progress is None:
            return
        entries = sum(1 for v in self.ledger.visits if not v.joined_fixed_id)
        self.progress(
            Progress(
                self.stage,
                self.scope,
                self.units_total - self.units_left,
                self.units_total,
                time.monotonic() - self.start,
                entries,
                self.lower_bound,
                objective,
            )
        )

    def watcher(self) -> Callable[[float], None]:
        return lambda objective: self.report(objective)

    def workers_for(self, size: int) -> int:
        return self.workers if size > 150 else 1

    # -- the run ---------------------------------------------------------------------------------------
    def run(self) -> ScheduleResult:
        self.findings.extend(check_inputs(self.problem))
        agencies = sorted(self.problem.agencies, key=lambda a: (LEVEL_ORDER.get(a.level, 9), a.id))
        for agency in agencies:
            demands = [d for d in self.problem.demands if d.agency_id == agency.id and self._known(d)]
            if demands:
                self.scope = agency.name
                self._agency(agency.id, demands)
        return self._result()

    def _known(self, d: VisitDemand) -> bool:
        return (
            d.enterprise_id in self.index.enterprises
            and d.count > 0
            and bool(d.periods)
            and all(o in self.index.offices for o in d.responsible_office_ids)
        )

    def _agency(self, agency_id: int, demands: list[VisitDemand]) -> None:
        self.stage = "合并进门"
        entries = self._compose(agency_id, demands)
        self.findings.extend(explain.capacity_shortages(self.problem, self.supply, entries))
        repair: list[Entry] = []
        live = []
        best: dict[frozenset[int], int] = {}
        for e in entries:
            impossible = explain.team_impossible(self.problem, self.supply, e, best)
            if impossible is None:
                live.append(e)
            else:
                self.findings.append(impossible)
                self._unplaced(e, impossible.message)
        self.stage = "月度分配"
        units = UNITS["months"] * len(live)
        chosen, solved, stuck = months.solve(
            live, self.ledger, self.limit_for(units), self.workers_for(len(live)), self.watcher(), self.seed
        )
        self._note(solved, f"{self.scope} 月度分配")
        self.spend(units, solved)
        for e in stuck:
            self._no_days(e)
        if solved is None and len(stuck) < len(live):
            self._fallback(e for e in live if e not in stuck)
            return
        dropped = [e for e in live if e.id not in chosen and e not in stuck]
        if dropped:
            self.findings.extend(
                explain.relaxation_shortages(self.problem, self.supply, chosen, dropped, live)
            )
        repair += dropped
        self.pending = {e.id: (e, chosen[e.id]) for e in live if e.id in chosen}
        self._repair(repair, chosen)
        for month in range(1, 13):
            batch = [e for e in live if chosen.get(e.id) == month]
            if batch:
                self._repair(self._month(month, batch), chosen)
        self.stage = "均衡"
        rebalance(self.ledger, agency_id)

    def _compose(self, agency_id: int, demands: list[VisitDemand]) -> list[Entry]:
        by_enterprise: dict[int, list[VisitDemand]] = {}
        for d in demands:
            by_enterprise.setdefault(d.enterprise_id, []).append(d)
        entries: list[Entry] = []
        self.others_at = {}
        for v in self.ledger.visits:
            if v.agency_id != agency_id:
                self.others_at.setdefault(v.enterprise_id, []).append(v)
        for ent, group in sorted(by_enterprise.items()):
            headroom = {}
            for c in {str(d.counter) for d in group} - {Counter.NONE}:
                cap = self.problem.caps.get((ent, c))
                if cap is not None:
                    headroom[c] = cap - len(self.ledger.counted.get((ent, c), ()))
            found, shape, ordered = self.composer.compose(
                agency_id, ent, group, self._joinable(agency_id, ent), headroom
            )
            entries.extend(found)
            self.lower_bound += shape.lower_bound
            if shape.cap_conflict:
                self._cap_conflict(ent, shape.lower_bound, ordered, shape.placed)
        return entries

    def _joinable(self, agency_id: int, ent: int) -> list[FixedVisit]:
        """Fixed enforcement visits and other agencies' entries at the enterprise that an entry may join."""
        joinable = [
            f
            for f in self.index.fixed_by_enterprise.get(ent, ())
            if f.joinable
            and f.counter == Counter.ENFORCEMENT
            and not f.is_specialist_patrol
            and f.date in self.index.working_days
            and f.agency_id != agency_id
        ]
        for v in self.others_at.get(ent, []):
            if any(self.index.demands[d].counter == Counter.ENFORCEMENT for d in v.demand_ids):
                joinable.append(FixedVisit(f"{v.agency_id}:{ent}:{v.date}", ent, v.date, v.agency_id))
        return sorted(joinable, key=lambda f: f.date)

    def _month(self, month: int, batch: list[Entry]) -> list[Entry]:
        """Stage D for the month, then stage O week by week; returns the entries left for repair."""
        self.stage = "日期安排"
        scope = f"{self.scope} {month_label(self.problem.year, month)}"
        units = UNITS["days"] * len(batch)
        dates, solved = days.solve(
            batch,
            month,
            self.ledger,
            self.limit_for(units),
            self.workers_for(len(batch)),
            self.watcher(),
            self.seed,
        )
        self._note(solved, scope)
        self.spend(units, solved)
        if solved is None:
            for e in batch:
                self.pending.pop(e.id, None)
            return self._fallback(batch, month)
        left = [e for e in batch if e.id not in dates]
        for e in left:
            self.pending.pop(e.id, None)
        weeks: dict[dt.date, list[Entry]] = {}
        for e in batch:
            if e.id in dates:
                weeks.setdefault(week_start(dates[e.id], self.problem.rules.week_first_day), []).append(e)
        self.stage = "人员安排"
        for _, chunk in sorted(weeks.items()):
            units = UNITS["staff"] * len(chunk)
            ids = {e.id for e in chunk}
            later = [e for e, m in self.pending.values() if e.id not in ids]
            teams, solved_o = staffing.solve(
                chunk,
                dates,
                self.ledger,
                self.limit_for(units),
                1,
                None,
                self.seed,
                staffing.reserve_for(later, self.pending, self.ledger),
            )
            self._note(solved_o, scope)
            self.spend(units, solved_o)
            for e in sorted(chunk, key=lambda e: dates[e.id]):
                team = teams.get(e.id) if solved_o is not None else self.ledger.team(e, dates[e.id])
                self.pending.pop(e.id, None)
                if team and self.ledger.day_allowed(e, dates[e.id]):
                    self.ledger.place(e, dates[e.id], team, _reason(e))
                else:
                    left.append(e)
        return left

    def _note(self, solved: Solved | None, scope: str) -> None:
        if solved is not None and solved.core:
            self.findings.append(explain.core_finding(self.problem, scope, solved.core))
            self.last_core = solved.core

    def _fallback(self, entries: Iterable[Entry], month: int | None = None) -> list[Entry]:
        """Greedy placement of a sub-problem without a solution; returns what it could not place."""
        entries = list(entries)
        scope = self.scope + (f" {month_label(self.problem.year, month)}" if month else "")
        self.findings.append(
            Finding(
                "subproblem_fallback",
                Severity.INFO,
                scope,
                msg.SUBPROBLEM_FALLBACK.format(scope=scope),
                rule="demand_complete",
            )
        )
        left = []
        for e in entries:
            months_ = [month] if month else list(e.months)
            days_ = self._days(e, months_, spread=month is None)
            if self.ledger.try_place(e, days_, _reason(e)) is None:
                left.append(e)
        if month is None:
            self._repair(left, {})
            return []
        return left

    def _repair(self, entries: list[Entry], chosen: dict[str, int]) -> None:
        self.stage = "补排"
        for e in entries:
            first = chosen.get(e.id)
            order = sorted(e.months, key=lambda m: (m != first, m))
            days_ = self._days(e, order)
            if self.ledger.try_place(e, days_, _reason(e)) is not None:
                continue
            if len(e.demand_ids) > 1:
                parts = [
                    self.composer._entry(
                        f"{e.id}.{i}", e.agency_id, e.enterprise_id, [self.index.demands[d]], None
                    )
                    for i, d in enumerate(e.demand_ids)
                ]
                failed = [
                    p
                    for p in parts
                    if self.ledger.try_place(p, self._days(p, list(p.months)), _reason(p)) is None
                ]
                for p in failed:
                    self._unplaced(p, explain.reason_from_core(self.problem, self.last_core, p.enterprise_id))
                continue
            self._unplaced(e, explain.reason_from_core(self.problem, self.last_core, e.enterprise_id))

    def _days(self, e: Entry, months_: list[int], spread: bool = False) -> list[dt.date]:
        """Candidate start days for a greedy placement: month by month in the given order (or, `spread`, the
        whole window at once), avoided days last and the least loaded days (officers already out) first."""
        load = self.ledger.day_load
        if spread:
            days = [t for m in months_ for t in self.supply.days_by_month.get(m, [])]
            return sorted(days, key=lambda t: (t in self.avoided, load[e.agency_id, t], t))
        return [
            t
            for m in months_
            for t in sorted(
                self.supply.days_by_month.get(m, []),
                key=lambda t: (t in self.avoided, load[e.agency_id, t], t),
            )
        ]

    def _unplaced(self, e: Entry, reason: str) -> None:
        self.unplaced += len(e.demand_ids)
        self.findings.extend(explain.unplaced_findings(self.problem, e, reason))

    def _no_days(self, e: Entry) -> None:
        for d in e.demand_ids:
            demand = self.index.demands[d]
            name = explain.enterprise_name(self.problem, e.enterprise_id)
            self.findings.append(
                Finding(
                    "no_days_in_window",
                    Severity.ERROR,
                    name,
                    msg.NO_DAYS_IN_WINDOW.format(
                        enterprise=name,
                        demand=explain.demand_label(self.problem, demand),
                        window=periods_label(demand.periods),
                    ),
                    rule="demand_window",
                    enterprise_id=e.enterprise_id,
                )
            )
        self.unplaced += len(e.demand_ids)

    def _cap_conflict(self, ent: int, need: int, ordered: list[VisitDemand], placed: tuple[int, ...]) -> None:
        name = explain.enterprise_name(self.problem, ent)
        cap = self.problem.caps.get((ent, Counter.ENFORCEMENT), 0)
        other = len(self.ledger.counted.get((ent, Counter.ENFORCEMENT), ()))
        self.findings.append(
            Finding(
                "cap_conflict",
                Severity.ERROR,
                name,
                msg.CAP_CONFLICT.format(enterprise=name, need=need, other=other, cap=cap),
                rule="frequency_cap",
                enterprise_id=ent,
            )
        )
        for demand, got in zip(ordered, placed, strict=True):
            if got < demand.count:
                self.unplaced += demand.count - got
                self.findings.append(
                    Finding(
                        "unplaced",
                        Severity.ERROR,
                        name,
                        msg.UNPLACED.format(
                            enterprise=name,
                            demand=explain.demand_label(self.problem, demand),
                            missing=demand.count - got,
                            reason="超过年度检查频次上限",
                        ),
                        rule="demand_complete",
                        enterprise_id=ent,
                    )
                )

    def _result(self) -> ScheduleResult:
        windows, visits = choose_windows(self.problem, self.ledger.visits)
        errors = validate(self.problem, visits, windows)
        findings = self.findings + [f for f in errors if f.code not in ("demand_short",)]
        placed = sum(len(v.demand_ids) for v in visits)
        total = sum(d.count for d in self.problem.demands)
        if not visits and total:
            status = Status.INFEASIBLE
        elif self.unplaced or placed < total or any(f.is_error for f in errors):
            status = Status.PARTIAL
        elif self.fallbacks or self.not_optimal:
            status = Status.FEASIBLE
        else:
            status = Status.OPTIMAL
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            # Every demand was placed in the end: a sub-problem's conflict was resolved by a later stage or the
            # repair, so it is a note about the search, not a problem of the schedule.
            findings = [
                replace(f, severity=Severity.INFO) if f.code in ("infeasible_core", "capacity_short") else f
                for f in findings
            ]
        stats = ScheduleStats(
            demands=len(self.problem.demands),
            demand_visits=total,
            placed_visits=placed,
            entries=sum(1 for v in visits if not v.joined_fixed_id),
            joined_fixed=sum(1 for v in visits if v.joined_fixed_id),
            entries_lower_bound=self.lower_bound,
            load_spread=load_spread(self.problem, visits),
            person_days=sum((v.person_days for v in visits), Decimal(0)),
            solve_seconds=round(time.monotonic() - self.start, 3),
            subproblems=self.subproblems,
            fallbacks=self.fallbacks,
            not_proven_optimal=self.not_optimal,
        )
        self.units_left = 0
        self.stage = "完成"
        self.report()
        return ScheduleResult(
            status,
            tuple(sorted(visits, key=lambda v: (v.date, v.agency_id, v.enterprise_id))),
            windows,
            tuple(findings),
            stats,
        )


def _reason(e: Entry) -> str:
    parts = []
    if len(e.demand_ids) > 1:
        parts.append(f"合并 {len(e.demand_ids)} 项检查任务，进一次门查多项事")
    if e.joined_fixed_id:
        parts.append("与已定检查同日联合进行")
    return "；".join(parts)
