"""Stage M: each entry of one agency gets a month (spread, office-set capacity, balance, preferred months).

Entries that carry only single-visit demands and share window, offices, team and preferred months are
interchangeable here, so they form one group with an integer count per month: the model stays small even for
thousands of general units. Entries of a demand with several visits stay individual (their spread couples them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ortools.sat.python import cp_model

from anjian.planning.schedule import constraints as hard
from anjian.planning.schedule import objectives as soft
from anjian.planning.schedule.entries import Entry
from anjian.planning.schedule.ledger import Ledger, fixed_quiet_window
from anjian.planning.schedule.model import MonthVars
from anjian.planning.schedule.runner import Solved, run
from anjian.planning.schedule.supply import office_sets


def month_options(entry: Entry, ledger: Ledger) -> list[int]:
    """Months of the entry's window that still have a usable working day for it."""
    options = []
    for m in entry.months:
        window = None if entry.quiet_exempt else fixed_quiet_window(ledger.problem, entry.enterprise_id, m)
        closed = {m: frozenset(range(window[0], window[1] + 1))} if window else {}
        if hard.candidate_days(entry, m, ledger.supply, closed):
            options.append(m)
    return options


def group_entries(
    entries: Sequence[Entry], options: Mapping[str, list[int]], counts: Mapping[str, int]
) -> dict[str, list[Entry]]:
    """Interchangeable entries grouped under the id of their first member."""
    groups: dict[str, list[Entry]] = {}
    keys: dict[tuple[object, ...], str] = {}
    for e in entries:
        if e.fixed_date is not None or any(counts[d] > 1 for d in e.demand_ids):
            groups[e.id] = [e]
            continue
        key = (tuple(options[e.id]), e.pool, e.reps, e.need, e.preferred_months)
        gid = keys.setdefault(key, e.id)
        groups.setdefault(gid, []).append(e)
    return groups


def build(
    groups: Mapping[str, list[Entry]], options: Mapping[str, list[int]], ledger: Ledger
) -> Callable[[bool], MonthVars]:
    supply, rules = ledger.supply, ledger.rules
    demands = ledger.index.demands
    pinned = {(d, m): n for d, months in ledger.demand_months.items() for m, n in months.items()}
    used = dict(ledger.officer_quarter)
    sets = office_sets([members[0] for members in groups.values()])

    def make(relaxed: bool) -> MonthVars:
        v = MonthVars(cp_model.CpModel(), {g: m[0] for g, m in groups.items()}, relaxed)
        for gid, members in groups.items():
            v.groups[gid] = list(members)
            v.sizes[gid] = len(members)
            for m in options[gid]:
                if len(members) == 1:
                    v.y[gid, m] = v.model.new_bool_var(f"month[{gid},{m}]")
                else:
                    v.y[gid, m] = v.model.new_int_var(
                        0, len(members), f"month_count[{gid}×{len(members)},{m}]"
                    )
        hard.add_demand_complete(v, {g: [v.y[g, m] for m in options[g]] for g in groups})
        hard.add_demand_spread(v, demands, pinned)
        loads, totals = hard.add_officer_period_capacity_by_sets(v, supply, sets, used)
        soft.add_unplaced(v, rules)
        soft.add_load_balance_months(v, rules, supply, loads, totals)
        soft.add_preferred_month(v, rules)
        soft.set_objective(v)
        return v

    return make


def solve(
    entries: Sequence[Entry],
    ledger: Ledger,
    limit: float,
    workers: int,
    on_solution: Callable[[float], None] | None = None,
    seed: int = 0,
) -> tuple[dict[str, int], Solved | None, list[Entry]]:
    """Month per entry; also the entries with no usable month at all (they go straight to the findings)."""
    options = {e.id: month_options(e, ledger) for e in entries}
    stuck = [e for e in entries if not options[e.id]]
    live = [e for e in entries if options[e.id]]
    if not live:
        return {}, None, stuck
    counts = {d: ledger.index.demands[d].count for e in live for d in e.demand_ids}
    groups = group_entries(live, options, counts)
    solved = run(build(groups, options, ledger), limit, workers, on_solution, seed, gap=0.005, stall=2.0)
    if solved is None:
        return {}, None, stuck
    chosen: dict[str, int] = {}
    for gid, members in groups.items():
        # members sorted by district, so one district's units tend to share a month (fewer trips in stage D)
        queue = sorted(members, key=lambda e: (e.district, e.enterprise_id))
        for m in options[gid]:
            for _ in range(solved.value(solved.vars.y[gid, m])):  # type: ignore[attr-defined]
                chosen[queue.pop(0).id] = m
    return chosen, solved, stuck
