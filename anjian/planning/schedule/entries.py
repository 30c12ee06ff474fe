"""Stage 1: merge one agency's demands per enterprise into the fewest entries (进一次门，查多项事).

For each enterprise the demands' visits are points in time; an entry can serve each demand once. The fewest
entries covering every demand within its windows and spread bounds is a tiny integer programme over months:
n[m] new entries in month m, a[d,m] visits of demand d in month m with a[d,m] <= n[m] (+ joinable fixed visits
for enforcement demands). Its optimum without the cap is the enterprise's **entries lower bound**; with the cap
(the headroom left by other levels) it decides the entries. Entries are then read off the month solution and
their window widened to the intersection of their demands' windows, so later stages may still move them.
Identical enterprise shapes share one solve (a cache keyed by the canonical shape).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ortools.sat.python import cp_model

from anjian.planning.schedule.inputs import Counter, FixedVisit, ProblemIndex, VisitDemand
from anjian.planning.schedule.ruleset import ScheduleRules


@dataclass(frozen=True)
class Entry:
    """A planned entry before it has a date: which demands it serves and where it may go."""

    id: str
    agency_id: int
    enterprise_id: int
    demand_ids: tuple[str, ...]
    months: tuple[int, ...]
    pool: frozenset[int]  # offices whose officers may staff it
    reps: tuple[frozenset[int], ...]  # per demand: at least one officer from one of these offices
    need: int  # officers needed at least
    counters: frozenset[str]
    quiet_exempt: bool
    quiet_exception: str
    preferred_months: frozenset[int]
    district: str
    is_mine: bool
    fixed_date: dt.date | None = None
    joined_fixed_id: str = ""
    duration: int = 1  # consecutive working days the team spends there
    days: Decimal = Decimal(1)  # days per officer the workday sheet costs (2.5)
    costed: Decimal = Decimal(0)  # person-days its demands' teams are costed at (0 = not costed)
    costed_persons: int = 0


@dataclass(frozen=True)
class Shape:
    """The canonical solve of one enterprise: entries as (month, demand positions, fixed slot or -1)."""

    lower_bound: int
    entries: tuple[tuple[int, tuple[int, ...], int], ...]
    placed: tuple[int, ...]  # visits placed per demand position
    cap_conflict: bool


def officers_needed(reps: Iterable[frozenset[int]], minimum: int) -> int:
    """Smallest team: at least `minimum`, and enough to have one officer from each rep set (hitting set)."""
    return _hitting(frozenset(r for r in reps if r), minimum)


@functools.lru_cache(maxsize=4096)
def _hitting(distinct: frozenset[frozenset[int]], minimum: int) -> int:
    sets = list(distinct)
    offices = sorted(set().union(*sets)) if sets else []
    for size in range(0, len(sets) + 1):
        if any(all(set(c) & s for s in sets) for c in itertools.combinations(offices, size)):
            return max(minimum, size)
    return max(minimum, len(sets))


def solve_shape(
    demands: Sequence[tuple[int, tuple[tuple[int, ...], ...], str]],
    free: Mapping[int, int],
    headroom: Mapping[str, int],
    month_days: Mapping[int, int],
) -> Shape:
    """Fewest entries for demands given as (count, periods, counter); `free` joinable fixed visits per month."""
    window = [frozenset(m for p in periods for m in p) for _, periods, _ in demands]
    months = sorted(set().union(*window))
    simple = not any(free.get(m) for m in months) and len({(c, p) for c, p, _ in demands}) == 1
    if simple:
        count = demands[0][0]
        allowed = min([count] + [headroom[k] for k in {k for _, _, k in demands} if k in headroom])
        first = min(months)
        entries = tuple((first, tuple(range(len(demands))), -1) for _ in range(max(allowed, 0)))
        return Shape(count, entries, tuple(len(entries) for _ in demands), allowed < count)
    bound = _model(demands, window, months, free, {}, month_days, relaxed=False)
    if bound is None:  # cannot happen without a cap; guard anyway
        return Shape(0, (), tuple(0 for _ in demands), True)
    lower_bound = bound[0]
    capped = _model(demands, window, months, free, headroom, month_days, relaxed=False) if headroom else bound
    conflict = capped is None
    if capped is None:
        capped = _model(demands, window, months, free, headroom, month_days, relaxed=True)
    assert capped is not None
    return Shape(lower_bound, capped[1], capped[2], conflict)


ShapeEntries = tuple[tuple[int, tuple[int, ...], int], ...]


def _model(
    demands: Sequence[tuple[int, tuple[tuple[int, ...], ...], str]],
    window: list[frozenset[int]],
    months: list[int],
    free: Mapping[int, int],
    headroom: Mapping[str, int],
    month_days: Mapping[int, int],
    relaxed: bool,
) -> tuple[int, ShapeEntries, tuple[int, ...]] | None:
    """Solve the month programme; None when infeasible. Returns (new entries, entries, placed)."""
    model = cp_model.CpModel()
    top = max(c for c, _, _ in demands)
    n: dict[int, cp_model.IntVar] = {
        m: model.new_int_var(0, min(top, month_days.get(m, 0)), f"new_entries_m{m}") for m in months
    }
    a: dict[tuple[int, int], cp_model.IntVar] = {}
    placed: list[cp_model.LinearExprT] = []
    for i, (count, periods, counter) in enumerate(demands):
        slots = {m: free.get(m, 0) if counter == Counter.ENFORCEMENT else 0 for m in window[i]}
        for m in window[i]:
            a[i, m] = model.new_int_var(0, count, f"visits_d{i}_m{m}")
            model.add(a[i, m] <= n[m] + slots[m])
        total = sum(a[i, m] for m in window[i])
        low, high = count // len(periods), -(-count // len(periods))
        for p in periods:
            in_p = sum(a[i, m] for m in p)
            model.add(in_p <= high)
            if not relaxed:
                model.add(in_p >= low)
        if relaxed:
            model.add(total <= count)
        else:
            model.add(total == count)
        placed.append(total)
    for counter, room in headroom.items():
        users = [i for i, d in enumerate(demands) if d[2] == counter]
        if not users:
            continue
        k: dict[int, cp_model.IntVar] = {}
        for m in months:
            k[m] = model.new_int_var(0, top, f"counting_{counter}_m{m}")
            model.add(k[m] <= n[m])
            for i in users:
                if m in window[i]:
                    model.add(k[m] >= a[i, m] - (free.get(m, 0) if counter == Counter.ENFORCEMENT else 0))
        model.add(sum(k.values()) <= max(room, 0))
    new_entries = cp_model.LinearExpr.sum(list(n.values()))
    if relaxed:  # every placed visit outweighs any number of entries
        model.minimize(new_entries - (len(months) * top + 1) * cp_model.LinearExpr.sum(placed))
    else:
        model.minimize(new_entries)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5.0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    entries: list[tuple[int, tuple[int, ...], int]] = []
    for m in months:
        f = free.get(m, 0)
        use = {i: solver.value(a[i, m]) for i in range(len(demands)) if (i, m) in a}
        for j in range(1, f + 1):
            served = tuple(i for i, u in use.items() if demands[i][2] == Counter.ENFORCEMENT and u >= j)
            if served:
                entries.append((m, served, j - 1))
        for j in range(1, solver.value(n[m]) + 1):
            served = tuple(
                i for i, u in use.items() if (u - f if demands[i][2] == Counter.ENFORCEMENT else u) >= j
            )
            if served:
                entries.append((m, served, -1))
    total_new = sum(1 for e in entries if e[2] < 0)
    return total_new, tuple(entries), tuple(int(solver.value(p)) for p in placed)


class Composer:
    """Builds the entries of one agency, enterprise by enterprise, caching identical shapes."""

    def __init__(self, index: ProblemIndex, rules: ScheduleRules, month_days: Mapping[int, int]):
        self.index = index
        self.rules = rules
        self.month_days = month_days
        self.cache: dict[tuple[object, ...], Shape] = {}

    def compose(
        self,
        agency_id: int,
        enterprise_id: int,
        demands: Sequence[VisitDemand],
        joinable: Sequence[FixedVisit],
        headroom: Mapping[str, int],
    ) -> tuple[list[Entry], Shape, list[VisitDemand]]:
        """Entries for one enterprise's demands of one agency; also the shape and the demands in shape order."""
        ordered = sorted(demands, key=lambda d: (d.periods, d.count, d.counter, d.id))
        sig = tuple((d.count, d.periods, str(d.counter)) for d in ordered)
        window = frozenset().union(*(d.window for d in ordered))
        by_month: dict[int, list[FixedVisit]] = {}
        for f in joinable:
            if f.date.month in window:
                by_month.setdefault(f.date.month, []).append(f)
        free = {m: len(v) for m, v in sorted(by_month.items())}
        room = {k: v for k, v in headroom.items() if any(d.counter == k for d in ordered)}
        key = (sig, tuple(sorted(free.items())), tuple(sorted(room.items())))
        shape = self.cache.get(key)
        if shape is None:
            shape = solve_shape(sig, free, room, self.month_days)
            self.cache[key] = shape
        entries = []
        for n, (month, positions, slot) in enumerate(shape.entries):
            members = [ordered[p] for p in positions]
            fixed = by_month[month][slot] if slot >= 0 else None
            entries.append(
                self._entry(f"{agency_id}-{enterprise_id}-{n + 1}", agency_id, enterprise_id, members, fixed)
            )
        return entries, shape, ordered

    def _entry(
        self,
        entry_id: str,
        agency_id: int,
        enterprise_id: int,
        members: list[VisitDemand],
        fixed: FixedVisit | None,
    ) -> Entry:
        rules = self.rules
        months = frozenset(range(1, 13)).intersection(*(d.window for d in members))
        reps = tuple(frozenset(d.responsible_office_ids) for d in members)
        exempt = all(d.kind in rules.quiet_exempt_kinds or d.quiet_exception for d in members)
        approvals = [d.quiet_exception for d in members if d.quiet_exception]
        preferred = frozenset().union(*(frozenset(d.preferred_months) for d in members))
        enterprise = self.index.enterprises[enterprise_id]
        days = max(Decimal(d.days) for d in members)
        # offices costed on different lines each bring their own team (a joint entry adds them up)
        by_rep: dict[tuple[int, ...], int] = {}
        for d in members:
            rep = tuple(sorted(d.responsible_office_ids))
            by_rep[rep] = max(by_rep.get(rep, 0), d.persons)
        team = sum(by_rep.values())
        costed = sum((d.persons * Decimal(d.days) for d in members if d.persons), Decimal(0))
        return Entry(
            id=entry_id,
            agency_id=agency_id,
            enterprise_id=enterprise_id,
            demand_ids=tuple(d.id for d in members),
            months=(fixed.date.month,) if fixed else tuple(sorted(months)),
            pool=self.index.eligible_offices(members, rules.borrow_enforcement_team),
            reps=reps,
            need=officers_needed(reps, max(rules.min_officers, team)),
            counters=frozenset(str(d.counter) for d in members if d.counter != Counter.NONE),
            quiet_exempt=exempt,
            quiet_exception="；".join(approvals) if exempt else "",
            preferred_months=preferred & months,
            district=enterprise.district_code,
            is_mine=self.index.is_mine(enterprise_id),
            fixed_date=fixed.date if fixed else None,
            joined_fixed_id=fixed.id if fixed else "",
            duration=1 if fixed else rules.duration(days),
            days=days,
            costed=costed,
            costed_persons=sum(d.persons for d in members),
        )
