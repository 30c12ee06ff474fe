"""Stage D: the entries of one agency and month get a working day (day capacity, one entry a day, quiet
period; grouped by district, on specialist patrol days where they can)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from ortools.sat.python import cp_model

from anjian.planning.schedule import constraints as hard
from anjian.planning.schedule import objectives as soft
from anjian.planning.schedule.entries import Entry
from anjian.planning.schedule.ledger import Ledger, fixed_quiet_window
from anjian.planning.schedule.model import DayVars
from anjian.planning.schedule.periods import month_length
from anjian.planning.schedule.runner import Solved, run
from anjian.planning.schedule.supply import office_sets


def day_options(
    entry: Entry, month: int, ledger: Ledger, cache: dict[tuple[int, dt.date], int] | None = None
) -> list[dt.date]:
    """Working days of the month where the entry could go: quiet window, enterprise rules, and enough free
    officers in its offices (recusals are left to the staffing stage)."""
    cache = {} if cache is None else cache

    def free_in(office: int, t: dt.date) -> int:
        n = cache.get((office, t))
        if n is None:
            n = cache[office, t] = sum(1 for x in supply.officer_ids([office]) if supply.free(x, t) > 0)
        return n

    window = None if entry.quiet_exempt else fixed_quiet_window(ledger.problem, entry.enterprise_id, month)
    closed = {month: frozenset(range(window[0], window[1] + 1))} if window else {}
    supply = ledger.supply
    busy_officers = {o for o, _ in ledger.index.busy_at}
    on_fixed = {
        office: [x for x in supply.officer_ids([office]) if x in busy_officers] for office in entry.pool
    }
    days = []
    for t in hard.candidate_days(entry, month, supply, closed):
        if not ledger.day_allowed(entry, t):
            continue
        span = ledger.span(entry, t) or (t,)
        if len(span) > 1:
            free = {
                o: sum(1 for x in supply.officer_ids([o]) if all(supply.free(x, d) > 0 for d in span))
                for o in entry.pool
            }
        else:
            free = {
                o: free_in(o, t)
                + sum(
                    1
                    for x in on_fixed.get(o, ())
                    if supply.free(x, t) <= 0 and supply.colocated(x, t, entry.enterprise_id)
                )
                for o in entry.pool
            }
        if sum(free.values()) >= entry.need and all(any(free.get(o, 0) for o in rep) for rep in entry.reps):
            days.append(t)
    return days


def needs_quiet_window(year: int, month: int, quiet_days: int, visits: int) -> bool:
    """With `visits` entry days in the month, can they be put so no window of `quiet_days` is left?"""
    if quiet_days <= 0 or visits == 0:
        return False
    return (month_length(year, month) - visits) // (visits + 1) < quiet_days


def build(
    entries: Sequence[Entry], month: int, options: dict[str, list[dt.date]], ledger: Ledger
) -> Callable[[bool], DayVars]:
    problem, supply, rules = ledger.problem, ledger.supply, ledger.rules
    sets = office_sets(entries)
    taken = {}
    for (agency, enterprise), days in ledger.agency_days.items():
        if entries and agency == entries[0].agency_id:
            taken[enterprise] = frozenset(days)
    busy = {ent: frozenset(days) for (ent, m), days in ledger.quiet_busy.items() if m == month}
    ours: dict[int, int] = {}
    for e in entries:
        if not e.quiet_exempt:
            ours[e.enterprise_id] = ours.get(e.enterprise_id, 0) + 1
    solver_picks = rules.quiet_days > 0 and rules.quiet_mode == "solver"
    windows = [
        ent
        for ent, n in ours.items()
        if solver_picks
        and (ent, month) not in problem.quiet_windows
        and needs_quiet_window(problem.year, month, rules.quiet_days, n + len(busy.get(ent, ())))
    ]
    patrols = {}
    for e in entries:
        if e.is_mine:
            patrols[e.enterprise_id] = frozenset(
                f.date
                for f in ledger.index.fixed_by_enterprise.get(e.enterprise_id, ())
                if f.is_specialist_patrol and f.date.month == month
            )

    agency = entries[0].agency_id if entries else 0
    prior = {t: n for (a, t), n in ledger.day_load.items() if a == agency and t.month == month}
    avoided = rules.avoided(problem.working_days)

    def make(relaxed: bool) -> DayVars:
        v = DayVars(cp_model.CpModel(), {e.id: e for e in entries}, relaxed)
        for e in entries:
            v.days[e.id] = options[e.id]
            for t in options[e.id]:
                v.y[e.id, t] = v.model.new_bool_var(f"day[{e.id},{t}]")
                v.spans[e.id, t] = ledger.span(e, t) or (t,)
        hard.add_demand_complete(v, {e.id: [v.y[e.id, t] for t in options[e.id]] for e in entries})
        hard.add_officer_day_capacity_by_sets(v, supply, sets)
        hard.add_one_entry_per_day(v, taken)
        hard.add_quiet_period(v, problem.year, month, rules.quiet_days, busy, windows)
        soft.add_unplaced(v, rules)
        soft.add_even_load(v, rules, prior, rules.week_first_day)
        soft.add_avoided_days(v, rules, avoided)
        soft.add_district_grouping(v, rules)
        soft.add_specialist_alignment(v, rules, patrols)
        soft.set_objective(v)
        return v

    return make


def solve(
    entries: Sequence[Entry],
    month: int,
    ledger: Ledger,
    limit: float,
    workers: int,
    on_solution: Callable[[float], None] | None = None,
    seed: int = 0,
) -> tuple[dict[str, dt.date], Solved | None]:
    """Day per entry of the month (entries left out are for the repair step)."""
    cache: dict[tuple[int, dt.date], int] = {}
    options = {e.id: day_options(e, month, ledger, cache) for e in entries}
    live = [e for e in entries if options[e.id]]
    if not live:
        return {}, None
    solved = run(build(live, month, options, ledger), limit, workers, on_solution, seed, gap=0.05, stall=0.5)
    if solved is None:
        return {}, None
    v = solved.vars
    return {e: t for (e, t), var in v.y.items() if solved.value(var)}, solved  # type: ignore[attr-defined]
