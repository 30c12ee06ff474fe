"""Stage O: officers for the dated entries of one agency and week (teams, day and quarter capacity, recusal,
specialist weeks; balanced load, own office first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from ortools.sat.python import cp_model

from anjian.planning.schedule import constraints as hard
from anjian.planning.schedule import objectives as soft
from anjian.planning.schedule.entries import Entry
from anjian.planning.schedule.ledger import Ledger
from anjian.planning.schedule.model import StaffVars
from anjian.planning.schedule.periods import quarter_of
from anjian.planning.schedule.runner import Solved, run


def reserve_for(
    later: Sequence[Entry], months: Mapping[str, tuple[Entry, int]], ledger: Ledger
) -> dict[tuple[int, int], int]:
    """Officer-days each office must keep, per quarter, for entries still to come that need one of its
    officers (their only responsible office): an office's scarce time is not spent on ordinary team places."""
    keep: dict[tuple[int, int], int] = {}
    for e in later:
        q = quarter_of(months[e.id][1])
        for rep in e.reps:
            if len(rep) == 1:
                (office,) = rep
                keep[office, q] = keep.get((office, q), 0) + 1
    return keep


def build(
    entries: Sequence[Entry],
    dates: Mapping[str, dt.date],
    ledger: Ledger,
    reserve: Mapping[tuple[int, int], int] | None = None,
) -> Callable[[bool], StaffVars]:
    supply, rules, index = ledger.supply, ledger.rules, ledger.index
    used = dict(ledger.officer_quarter)
    prior = dict(ledger.officer_total)
    specialist_days = {k: frozenset(v) for k, v in ledger.specialist_days.items()}
    candidates = {}
    turn: dict[dt.date, int] = {}
    for e in sorted(entries, key=lambda e: (dates[e.id], e.id)):
        day = dates[e.id]
        q = quarter_of(day.month)
        able = [
            o
            for o in hard.candidate_officers(e, day, supply, index)
            if used.get((o, q), 0) + e.duration <= supply.quarter_cap[o, q]
        ]
        candidates[e.id] = _shortlist(e, able, ledger, turn.get(day, 0))
        turn[day] = turn.get(day, 0) + e.need

    def make(relaxed: bool) -> StaffVars:
        v = StaffVars(cp_model.CpModel(), {e.id: e for e in entries}, relaxed)
        for e in entries:
            v.dates[e.id] = dates[e.id]
            v.spans[e.id] = ledger.span(e, dates[e.id]) or (dates[e.id],)
            v.candidates[e.id] = candidates[e.id]
            for o in candidates[e.id]:
                v.x[e.id, o] = v.model.new_bool_var(f"team[{e.id},{index.officers[o].officer.name}]")
        hard.add_officer_count(v, index)
        hard.add_officer_day_capacity(v, supply)
        hard.add_office_day_capacity(v, supply, index)
        hard.add_officer_period_capacity(v, supply, used)
        hard.add_specialist_weekly(
            v, index, rules.specialist_entries_per_week, rules.week_first_day, specialist_days
        )
        soft.add_office_reserve(v, rules, index, supply, reserve or {})
        soft.add_unplaced(v, rules)
        soft.add_load_balance_officers(v, rules, index, prior)
        soft.add_borrowed_officer(v, rules, index)
        soft.set_objective(v)
        for (entry_id, officer_id), var in v.x.items():
            v.model.add_hint(var, officer_id in hint.get(entry_id, ()))
        return v

    hint = _greedy_teams(entries, dates, candidates, ledger)
    return make


def _shortlist(entry: Entry, able: list[int], ledger: Ledger, offset: int) -> list[int]:
    """Everyone from the responsible offices, plus a few of the others, the least used first: the k-th entry
    of a day starts further down the list, so the entries of one day are offered different people. Enough
    choice for a balanced team, and a model small enough to solve week after week."""
    index = ledger.index
    own = set().union(*entry.reps)
    mine = [o for o in able if index.officers[o].officer.office_id in own]
    others = sorted(
        (o for o in able if index.officers[o].officer.office_id not in own),
        key=lambda o: (ledger.officer_total[o] / max(index.officers[o].capacity_days, 1), o),
    )
    width = 2 * entry.need + 2
    if len(others) <= width:
        return mine + others
    start = offset % len(others)
    return mine + (others + others)[start : start + width]


def _greedy_teams(
    entries: Sequence[Entry],
    dates: Mapping[str, dt.date],
    candidates: Mapping[str, list[int]],
    ledger: Ledger,
) -> dict[str, set[int]]:
    """A quick team per entry (responsible offices first, then the least used officers): the search's start."""
    index, supply = ledger.index, ledger.supply
    day_use: dict[tuple[int, dt.date], int] = {}
    quarter_use: dict[tuple[int, int], int] = {}
    total = dict(ledger.officer_total)
    teams: dict[str, set[int]] = {}
    for e in sorted(entries, key=lambda e: dates[e.id]):
        day, q = dates[e.id], quarter_of(dates[e.id].month)
        span = ledger.span(e, day) or (day,)
        free = [
            o
            for o in candidates[e.id]
            if all(supply.free(o, t) - day_use.get((o, t), 0) > 0 for t in span)
            and ledger.officer_quarter[o, q] + quarter_use.get((o, q), 0) + len(span)
            <= supply.quarter_cap[o, q]
            and not index.officers[o].officer.is_mine_specialist
        ]
        free.sort(key=lambda o: (total.get(o, 0) / max(index.officers[o].capacity_days, 1), o))
        office = {o: index.officers[o].officer.office_id for o in free}
        team: list[int] = []
        for rep in e.reps:
            if not any(office[o] in rep for o in team):
                pick = next((o for o in free if office[o] in rep and o not in team), None)
                if pick is not None:
                    team.append(pick)
        team += [o for o in free if o not in team][: max(e.need - len(team), 0)]
        if len(team) < e.need:
            continue
        teams[e.id] = set(team)
        for o in team:
            for t in span:
                day_use[o, t] = day_use.get((o, t), 0) + 1
            quarter_use[o, q] = quarter_use.get((o, q), 0) + len(span)
            total[o] = total.get(o, 0) + len(span)
    return teams


def solve(
    entries: Sequence[Entry],
    dates: Mapping[str, dt.date],
    ledger: Ledger,
    limit: float,
    workers: int,
    on_solution: Callable[[float], None] | None = None,
    seed: int = 0,
    reserve: Mapping[tuple[int, int], int] | None = None,
) -> tuple[dict[str, list[int]], Solved | None]:
    """Team per entry; entries missing from the answer could not be staffed on their date."""
    if not entries:
        return {}, None
    solved = run(
        build(entries, dates, ledger, reserve),
        limit,
        workers,
        on_solution,
        seed,
        gap=0.05,
        stall=0.5,
        presolve=False,
    )
    if solved is None:
        return {}, None
    v = solved.vars
    teams: dict[str, list[int]] = {}
    for (entry_id, officer_id), var in v.x.items():  # type: ignore[attr-defined]
        if solved.value(var):
            teams.setdefault(entry_id, []).append(officer_id)
    if solved.relaxed:
        teams = {e: t for e, t in teams.items() if solved.value(v.placed[e])}
    return teams, solved
