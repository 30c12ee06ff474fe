"""Hard rule families of the CP-SAT models, one `add_<family>` each, named after the rule (findings.FAMILIES).

Families enforced by construction, because a variable exists only where the rule allows it:
- working_day, demand_window: `candidate_days` offers only working days of the entry's allowed months (and,
  for a bureau-fixed quiet window, none inside it);
- officer_availability, recusal and certification (part of officer_count): `candidate_officers` offers only
  officers of the entry's offices with slots that day, a valid certificate, and no recusal for the enterprise.
The others are constraints under an enforcement literal (model.Enforcement) so an infeasible sub-problem names
the rule and its subject. In relaxed mode an entry may stay unplaced (its `placed` literal false) instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from ortools.sat.python import cp_model

from anjian.planning.schedule.entries import Entry
from anjian.planning.schedule.inputs import ProblemIndex, VisitDemand
from anjian.planning.schedule.model import DayVars, MonthVars, StaffVars, StageVars
from anjian.planning.schedule.periods import month_length, quarter_of, week_start
from anjian.planning.schedule.supply import Supply, amount, person_days_from


def candidate_days(
    entry: Entry, month: int, supply: Supply, closed: Mapping[int, frozenset[int]]
) -> list[dt.date]:
    """Working days of `month` the entry may use; `closed[month]` = days of a bureau-fixed quiet window."""
    if entry.fixed_date is not None:
        return [entry.fixed_date] if entry.fixed_date.month == month else []
    shut = frozenset() if entry.quiet_exempt else closed.get(month, frozenset())
    return [t for t in supply.days_by_month.get(month, []) if t.day not in shut]


def candidate_officers(entry: Entry, day: dt.date, supply: Supply, index: ProblemIndex) -> list[int]:
    """Officers who may go: in the entry's offices, certified and free on every day of its span from `day`,
    not recused."""
    span = supply.span(day, entry.duration) or (day,)
    return [
        o
        for o in supply.officer_ids(sorted(entry.pool))
        if all(supply.can_join(o, t, entry.enterprise_id) for t in span)
        and entry.enterprise_id not in index.officers[o].recusals
    ]


def add_demand_complete(v: StageVars, options: Mapping[str, Sequence[cp_model.IntVar]]) -> None:
    """Every entry takes exactly one of its options (a month, a day); a group of `size` interchangeable entries
    fills `size` options. Relaxed: fewer, and `placed` says how many."""
    for key, vars_ in options.items():
        entry = v.entries[key]
        size = v.sizes.get(key, 1)
        if v.relaxed:
            placed = v.model.new_int_var(0, size, f"placed[{key}]")
            v.model.add(sum(vars_) == placed)
            v.placed[key] = placed
            continue
        subject = (
            ("enterprise", entry.enterprise_id) if size == 1 else ("entry_group", (entry.pool, entry.months))
        )
        lit = v.enforce.literal("demand_complete", subject)
        v.model.add(sum(vars_) == size).only_enforce_if(lit)


def add_demand_spread(
    v: MonthVars, demands: Mapping[str, VisitDemand], pinned: Mapping[tuple[str, int], int]
) -> None:
    """Each demand's visits per period stay within its spread bounds (count // k .. ceil(count / k)).

    `pinned[(demand, month)]` counts visits already placed outside this model.
    """
    members: dict[str, list[str]] = {}
    for e in v.entries.values():
        for d in e.demand_ids:
            members.setdefault(d, []).append(e.id)
    for demand_id, entry_ids in members.items():
        demand = demands[demand_id]
        if demand.count < 2:
            continue  # one visit anywhere in its window always keeps the spread
        low, high = demand.spread_bounds()
        lit = v.enforce.literal("demand_spread", ("enterprise", demand.enterprise_id))
        for period in demand.periods:
            placed = sum(v.y[e, m] for e in entry_ids for m in period if (e, m) in v.y)
            fixed = sum(pinned.get((demand_id, m), 0) for m in period)
            v.model.add(placed + fixed <= high).only_enforce_if(lit)
            if not v.relaxed and low > fixed:
                v.model.add(placed + fixed >= low).only_enforce_if(lit)


def add_officer_period_capacity_by_sets(
    v: MonthVars, supply: Supply, sets: Iterable[frozenset[int]], used: Mapping[tuple[int, int], int]
) -> tuple[dict[tuple[frozenset[int], int], cp_model.LinearExprT], dict[frozenset[int], int]]:
    """Office-set supply per month and per quarter bounds the officers the entries draw from it.

    `used[(officer, quarter)]` is time already taken outside this model. Returns the month loads per set
    (for the balance objective) and each set's total if every entry is placed.
    """
    loads: dict[tuple[frozenset[int], int], cp_model.LinearExprT] = {}
    totals: dict[frozenset[int], int] = {}
    by_entry: dict[str, list[tuple[int, cp_model.IntVar]]] = {}
    for (entry_id, month), var in v.y.items():
        by_entry.setdefault(entry_id, []).append((month, var))
    for offices in sets:
        terms: dict[int, list[tuple[int, cp_model.IntVar]]] = {}
        for entry_id, options in by_entry.items():
            need = person_days_from(v.entries[entry_id], offices)
            if need:
                totals[offices] = totals.get(offices, 0) + need
                for month, var in options:
                    terms.setdefault(month, []).append((need, var))
        officer_ids = supply.officer_ids(sorted(offices))
        for month, items in terms.items():
            load = cp_model.LinearExpr.weighted_sum([x for _, x in items], [n for n, _ in items])
            loads[offices, month] = load
            have = supply.set_month_supply(offices, month)
            lit = v.enforce.literal("officer_day_capacity", ("office_set_month", (offices, month)))
            v.model.add(load <= have).only_enforce_if(lit)
        for q in range(1, 5):
            items = [t for m in range(3 * q - 2, 3 * q + 1) for t in terms.get(m, [])]
            if not items:
                continue
            have = supply.set_quarter_supply(offices, q) - sum(used.get((o, q), 0) for o in officer_ids)
            lit = v.enforce.literal("officer_period_capacity", ("office_set_quarter", (offices, q)))
            expr = cp_model.LinearExpr.weighted_sum([x for _, x in items], [n for n, _ in items])
            v.model.add(expr <= max(have, 0)).only_enforce_if(lit)
    return loads, totals


def add_officer_day_capacity_by_sets(v: DayVars, supply: Supply, sets: Iterable[frozenset[int]]) -> None:
    """Per working day, the officers drawn from an office set by the entries out that day (a multi-day entry
    on every day of its span) fit that set's free officers."""
    by_entry: dict[str, list[tuple[dt.date, cp_model.IntVar]]] = {}
    for (entry_id, day), var in v.y.items():
        by_entry.setdefault(entry_id, []).append((day, var))
    for offices in sets:
        terms: dict[dt.date, list[tuple[int, cp_model.IntVar]]] = {}
        for entry_id, options in by_entry.items():
            need = amount(v.entries[entry_id], offices)
            if need:
                for day, var in options:
                    for t in v.spans.get((entry_id, day), (day,)):
                        terms.setdefault(t, []).append((need, var))
        for day, items in terms.items():
            have = supply.set_day_supply(offices, day) + supply.set_day_colocated(offices, day)
            if sum(n for n, _ in items) <= have:
                continue  # cannot bind
            lit = v.enforce.literal("officer_day_capacity", ("office_set_day", (offices, day)))
            expr = cp_model.LinearExpr.weighted_sum([x for _, x in items], [n for n, _ in items])
            v.model.add(expr <= have).only_enforce_if(lit)


def add_one_entry_per_day(v: DayVars, taken: Mapping[int, frozenset[dt.date]]) -> None:
    """An agency enters an enterprise at most once a day (two would be one joint entry); `taken` = days the
    enterprise already has an entry of this agency outside the model."""
    by_day: dict[tuple[int, dt.date], list[cp_model.IntVar]] = {}
    for (entry_id, day), var in v.y.items():
        for t in v.spans.get((entry_id, day), (day,)):
            by_day.setdefault((v.entries[entry_id].enterprise_id, t), []).append(var)
    for (enterprise_id, day), vars_ in by_day.items():
        lit = v.enforce.literal("one_entry_per_day", ("enterprise", enterprise_id))
        limit = 0 if day in taken.get(enterprise_id, frozenset()) else 1
        if len(vars_) > limit:
            v.model.add(sum(vars_) <= limit).only_enforce_if(lit)


def add_quiet_period(
    v: DayVars,
    year: int,
    month: int,
    quiet_days: int,
    busy: Mapping[int, frozenset[int]],
    needs_window: Iterable[int],
) -> None:
    """Each listed enterprise gets a window of `quiet_days` consecutive calendar days in the month with no
    enforcement entry: ours (non-exempt) or already fixed ones (`busy[enterprise]` = days of the month)."""
    length = month_length(year, month)
    ours: dict[int, dict[int, list[cp_model.IntVar]]] = {}
    for (entry_id, day), var in v.y.items():
        entry = v.entries[entry_id]
        if not entry.quiet_exempt:
            for t in v.spans.get((entry_id, day), (day,)):
                ours.setdefault(entry.enterprise_id, {}).setdefault(t.day, []).append(var)
    for enterprise_id in needs_window:
        lit = v.enforce.literal("quiet_period", ("enterprise_month", (enterprise_id, month)))
        fixed = busy.get(enterprise_id, frozenset())
        starts = []
        for s in range(1, length - quiet_days + 2):
            inside = range(s, s + quiet_days)
            if any(d in fixed for d in inside):
                continue
            q = v.model.new_bool_var(f"quiet[{enterprise_id},{month},{s}]")
            v.quiet[enterprise_id, month, s] = q
            entering = [x for d in inside for x in ours.get(enterprise_id, {}).get(d, [])]
            if entering:
                v.model.add(sum(entering) == 0).only_enforce_if(q)
            starts.append(q)
        v.model.add(sum(starts) == 1).only_enforce_if(lit)


def add_officer_count(v: StaffVars, index: ProblemIndex) -> None:
    """Each entry gets its team: `need` certified officers (at least the pack minimum), one from each demand's
    responsible offices. Candidates already exclude the uncertified, the absent and the recused."""
    for entry_id, officers in v.candidates.items():
        entry = v.entries[entry_id]
        if v.relaxed:
            staffed = v.model.new_bool_var(f"staffed[{entry_id}]")
            v.placed[entry_id] = staffed
            lit = staffed
        else:
            lit = v.enforce.literal("officer_count", ("enterprise", entry.enterprise_id))
        team = [v.x[entry_id, o] for o in officers]
        v.model.add(sum(team) == entry.need).only_enforce_if(lit)
        if v.relaxed:
            v.model.add(sum(team) == 0).only_enforce_if(~lit)
        for rep in entry.reps:
            from_rep = [v.x[entry_id, o] for o in officers if index.officers[o].officer.office_id in rep]
            v.model.add(sum(from_rep) >= 1).only_enforce_if(lit)


def add_officer_day_capacity(v: StaffVars, supply: Supply) -> None:
    """No officer takes more entries on a day than their free slots that day."""
    by_day: dict[tuple[int, dt.date], list[cp_model.IntVar]] = {}
    for (entry_id, officer_id), var in v.x.items():
        for day in v.spans.get(entry_id, (v.dates[entry_id],)):
            if supply.colocated(officer_id, day, v.entries[entry_id].enterprise_id):
                continue  # already there that day on a fixed visit
            by_day.setdefault((officer_id, day), []).append(var)
    for (officer_id, day), vars_ in by_day.items():
        limit = max(supply.free(officer_id, day), 0)
        if len(vars_) > limit:
            lit = v.enforce.literal("officer_day_capacity", ("officer", officer_id))
            v.model.add(sum(vars_) <= limit).only_enforce_if(lit)


def add_office_day_capacity(v: StaffVars, supply: Supply, index: ProblemIndex) -> None:
    """An office sends out on a day no more officers than it has free less those it keeps in (值班)."""
    reserve = supply.problem.office_reserve
    if not reserve:
        return
    by_day: dict[tuple[int, dt.date], list[cp_model.IntVar]] = {}
    for (entry_id, officer_id), var in v.x.items():
        office = index.officers[officer_id].officer.office_id
        for day in v.spans.get(entry_id, (v.dates[entry_id],)):
            by_day.setdefault((office, day), []).append(var)
    for (office, day), vars_ in by_day.items():
        keep = reserve.get((office, day), 0)
        if not keep:
            continue
        have = supply.set_day_supply(frozenset({office}), day)
        lit = v.enforce.literal("office_day_capacity", ("office_day", (office, day)))
        v.model.add(sum(vars_) <= have).only_enforce_if(lit)


def add_officer_period_capacity(v: StaffVars, supply: Supply, used: Mapping[tuple[int, int], int]) -> None:
    """No officer exceeds their quarter's inspection person-days (`used` = already taken this quarter); a
    multi-day entry takes a person-day per day of its span."""
    by_quarter: dict[tuple[int, int], list[tuple[int, cp_model.IntVar]]] = {}
    for (entry_id, officer_id), var in v.x.items():
        length = len(v.spans.get(entry_id, (v.dates[entry_id],)))
        by_quarter.setdefault((officer_id, quarter_of(v.dates[entry_id].month)), []).append((length, var))
    for (officer_id, q), items in by_quarter.items():
        room = supply.quarter_cap[officer_id, q] - used.get((officer_id, q), 0)
        if sum(n for n, _ in items) > room:
            lit = v.enforce.literal("officer_period_capacity", ("officer_quarter", (officer_id, q)))
            expr = cp_model.LinearExpr.weighted_sum([x for _, x in items], [n for n, _ in items])
            v.model.add(expr <= max(room, 0)).only_enforce_if(lit)


def add_specialist_weekly(
    v: StaffVars,
    index: ProblemIndex,
    limit: int,
    first_weekday: int,
    specialist_days: Mapping[tuple[int, dt.date], frozenset[dt.date]],
) -> None:
    """A mine sees mine-safety specialists on at most `limit` days a week. `specialist_days[(mine, week)]`
    are days already taken (patrols, earlier entries); an entry on such a day adds no new day."""
    groups: dict[tuple[int, dt.date], list[tuple[str, int, list[cp_model.IntVar]]]] = {}
    for entry_id, officers in v.candidates.items():
        entry = v.entries[entry_id]
        specialists = [v.x[entry_id, o] for o in officers if index.officers[o].officer.is_mine_specialist]
        if not (entry.is_mine and specialists):
            continue
        day = v.dates[entry_id]  # a multi-day visit is one entry into the mine, on its first day
        week = week_start(day, first_weekday)
        if day not in specialist_days.get((entry.enterprise_id, week), frozenset()):
            groups.setdefault((entry.enterprise_id, week), []).append((entry_id, 1, specialists))
    for (mine, week), items in groups.items():
        room = limit - len(specialist_days.get((mine, week), frozenset()))
        lit = v.enforce.literal("specialist_weekly", ("mine_week", (mine, week)))
        on = []
        for entry_id, new_days, specialists in items:
            s = v.model.new_bool_var(f"specialist_on[{entry_id},{week}]")
            for x in specialists:
                v.model.add_implication(x, s)
            on.append((new_days, s))
        v.model.add(sum(n * s for n, s in on) <= max(room, 0)).only_enforce_if(lit)
