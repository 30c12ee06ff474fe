"""Soft goals, one `add_<goal>` each, in the objective's order; weights come from the rule pack.

1. all demands placed (relaxed models only: a penalty per unplaced entry);
2. fewest entries: decided exactly when demands are merged (entries.py), so not repeated here;
3. balanced officer load (per office set and month in stage M, per office and officer in stage O);
4. even load: per office and for the whole agency, the peak of officers out per working day and of
   person-days per week stays low (stage D), and days after a long break are avoided unless needed;
5. visits of one day grouped by district (stage D);
6. preferred months honoured (stage M);
and, where they can, enforcement visits to a mine on a specialist patrol day (stage D).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ortools.sat.python import cp_model

from anjian.planning.schedule.entries import Entry
from anjian.planning.schedule.inputs import ProblemIndex
from anjian.planning.schedule.model import DayVars, MonthVars, StaffVars, StageVars
from anjian.planning.schedule.periods import quarter_of, week_start
from anjian.planning.schedule.ruleset import ScheduleRules
from anjian.planning.schedule.supply import Supply


def add_unplaced(v: StageVars, rules: ScheduleRules) -> None:
    """Relaxed models: each entry left unplaced costs the top weight, times the visits it carries."""
    for key, placed in v.placed.items():
        v.penalize(rules.weight("unplaced") * len(v.entries[key].demand_ids), v.sizes.get(key, 1) - placed)


def add_load_balance_months(
    v: MonthVars,
    rules: ScheduleRules,
    supply: Supply,
    loads: Mapping[tuple[frozenset[int], int], cp_model.LinearExprT],
    totals: Mapping[frozenset[int], int],
) -> None:
    """Each office set's load per month stays near its fair share (its total in proportion to the month's
    supply); every officer-day above that share costs."""
    months_of: dict[frozenset[int], list[int]] = {}
    for offices, month in loads:
        months_of.setdefault(offices, []).append(month)
    for offices, months in months_of.items():
        supplies = {m: supply.set_month_supply(offices, m) for m in months}
        whole = sum(supplies.values())
        if whole <= 0:
            continue
        for m in months:
            fair = -(-totals[offices] * supplies[m] // whole)
            over = v.model.new_int_var(0, max(totals[offices], 0), f"over_fair_share[{sorted(offices)},{m}]")
            v.model.add(loads[offices, m] - fair <= over)
            v.penalize(rules.weight("load_balance"), over)


def add_preferred_month(v: MonthVars, rules: ScheduleRules) -> None:
    """An entry with preferred months costs a little when placed outside them."""
    for (entry_id, month), var in v.y.items():
        preferred = v.entries[entry_id].preferred_months
        if preferred and month not in preferred:
            v.penalize(rules.weight("preferred_month"), var)


def add_even_load(v: DayVars, rules: ScheduleRules, prior: Mapping[dt.date, int], first_weekday: int) -> None:
    """Officers out per working day (a multi-day entry on every day of its span), for the agency and for each
    set of responsible offices: the day's peak costs `daily_load` per officer, the week's peak in person-days
    `weekly_load` per person-day. `prior` = officers already out on those days (entries placed earlier)."""
    daily, weekly = rules.weight("daily_load"), rules.weight("weekly_load")
    if not (daily or weekly) or not v.y:
        return
    groups: dict[frozenset[int] | None, dict[dt.date, list[tuple[int, cp_model.IntVar]]]] = {}
    members: dict[frozenset[int] | None, dict[str, Entry]] = {}
    for (entry_id, day), var in v.y.items():
        entry = v.entries[entry_id]
        lead = frozenset().union(*entry.reps)
        for g in (None, lead):
            members.setdefault(g, {})[entry_id] = entry
        for t in v.spans.get((entry_id, day), (day,)):
            for g in (None, lead):
                groups.setdefault(g, {}).setdefault(t, []).append((entry.need, var))
    for g, by_day in groups.items():
        name = "agency" if g is None else ",".join(str(o) for o in sorted(g))
        base = {t: prior.get(t, 0) if g is None else 0 for t in by_day}
        top = max(base[t] + sum(n for n, _ in items) for t, items in by_day.items())
        loads = {
            t: base[t] + cp_model.LinearExpr.weighted_sum([x for _, x in items], [n for n, _ in items])
            for t, items in by_day.items()
        }
        if daily:
            peak = v.model.new_int_var(0, top, f"daily_peak[{name}]")
            total = sum(base.values()) + sum(e.need * e.duration for e in members[g].values())
            fair = -(-total // max(len(loads), 1))
            for t, load in loads.items():
                v.model.add(load <= peak)
                over = v.model.new_int_var(0, top, f"above_mean[{name},{t}]")
                v.model.add(load - fair <= over)
                v.penalize(daily, over)  # every officer out above the month's mean costs, not only the peak
            v.penalize(daily, peak)
        if weekly:
            weeks: dict[dt.date, list[dt.date]] = {}
            for t in loads:
                weeks.setdefault(week_start(t, first_weekday), []).append(t)
            peak_w = v.model.new_int_var(0, top * 7, f"weekly_peak[{name}]")
            for days in weeks.values():
                v.model.add(sum(loads[t] for t in days) <= peak_w)
            v.penalize(weekly, peak_w)


def add_avoided_days(v: DayVars, rules: ScheduleRules, avoided: frozenset[dt.date]) -> None:
    """An entry out on an avoided day (the first working day after a long break, or a day the bureau
    listed) costs `avoid_day`: such days are used only when no other day can take the entry."""
    weight = rules.weight("avoid_day")
    for (entry_id, day), var in v.y.items():
        if any(t in avoided for t in v.spans.get((entry_id, day), (day,))):
            v.penalize(weight, var)


def add_district_grouping(v: DayVars, rules: ScheduleRules) -> None:
    """A day whose entries lie in k districts costs k - 1: each day's visits cluster in one district (it does
    not reward crowding many entries onto few days)."""
    groups: dict[tuple[dt.date, str], list[cp_model.IntVar]] = {}
    for (entry_id, day), var in v.y.items():
        district = v.entries[entry_id].district
        if district:
            groups.setdefault((day, district), []).append(var)
    by_day: dict[dt.date, list[cp_model.IntVar]] = {}
    for (day, district), vars_ in groups.items():
        used = v.model.new_bool_var(f"district_day[{district},{day}]")
        for x in vars_:
            v.model.add_implication(x, used)
        by_day.setdefault(day, []).append(used)
    for day, districts in by_day.items():
        if len(districts) < 2:
            continue
        active = v.model.new_bool_var(f"day_active[{day}]")
        v.model.add(active <= sum(districts))
        v.penalize(rules.weight("district_grouping"), sum(districts) - active)


def add_specialist_alignment(
    v: DayVars, rules: ScheduleRules, patrol_days: Mapping[int, frozenset[dt.date]]
) -> None:
    """A mine's enforcement entry placed on one of its specialist patrol days earns a bonus (lower cost)."""
    for (entry_id, day), var in v.y.items():
        entry = v.entries[entry_id]
        if (
            entry.is_mine
            and day not in patrol_days.get(entry.enterprise_id, frozenset())
            and patrol_days.get(entry.enterprise_id)
        ):
            v.penalize(rules.weight("specialist_alignment"), var)


def add_load_balance_officers(
    v: StaffVars, rules: ScheduleRules, index: ProblemIndex, prior: Mapping[int, int]
) -> None:
    """Per office, the highest share of annual capacity used by any officer (in %) stays low; among the rest
    the officer with the smaller share used goes first."""
    by_officer: dict[int, list[cp_model.IntVar]] = {}
    for (_, officer_id), var in v.x.items():
        by_officer.setdefault(officer_id, []).append(var)
    by_office: dict[int, list[int]] = {}
    for officer_id in by_officer:
        by_office.setdefault(index.officers[officer_id].officer.office_id, []).append(officer_id)
    for office_id, officers in by_office.items():
        cap_of = {o: max(index.officers[o].capacity_days, 1) for o in officers}
        top = max(-(-100 * (prior.get(o, 0) + len(by_officer[o])) // cap_of[o]) for o in officers)
        peak = v.model.new_int_var(0, top, f"peak_share[office {office_id}]")
        for o in officers:
            v.model.add(100 * (prior.get(o, 0) + sum(by_officer[o])) <= peak * cap_of[o])
        v.penalize(rules.weight("load_balance"), peak)
    for (_, officer_id), var in v.x.items():
        capacity = max(index.officers[officer_id].capacity_days, 1)
        v.penalize(1 + 100 * prior.get(officer_id, 0) // capacity, var)


def add_office_reserve(
    v: StaffVars,
    rules: ScheduleRules,
    index: ProblemIndex,
    supply: Supply,
    reserve: Mapping[tuple[int, int], int],
) -> None:
    """An office's officers used beyond what its remaining quarter time can spare, after keeping `reserve`
    for later entries that only it can lead, cost nearly as much as an unplaced entry."""
    used: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    for (entry_id, officer_id), var in v.x.items():
        office = index.officers[officer_id].officer.office_id
        used.setdefault((office, quarter_of(v.dates[entry_id].month)), []).append(var)
    for (office, q), vars_ in used.items():
        keep = reserve.get((office, q), 0)
        if not keep:
            continue
        left = sum(
            max(supply.quarter_cap[o, q] - supply.quarter_used[o, q], 0) for o in supply.officer_ids([office])
        )
        spare = max(left - keep, 0)
        if len(vars_) <= spare:
            continue
        over = v.model.new_int_var(0, len(vars_), f"reserve_breach[{office},{q}]")
        v.model.add(sum(vars_) - spare <= over)
        v.penalize(rules.weight("unplaced") // 10, over)


def add_borrowed_officer(v: StaffVars, rules: ScheduleRules, index: ProblemIndex) -> None:
    """Officers from outside the responsible offices (co-operating units, the enforcement team) cost a little."""
    for (entry_id, officer_id), var in v.x.items():
        office = index.officers[officer_id].officer.office_id
        if not any(office in rep for rep in v.entries[entry_id].reps):
            v.penalize(rules.weight("borrowed_officer"), var)


def set_objective(v: StageVars) -> None:
    if v.penalties:
        v.model.minimize(sum(w * e for w, e in v.penalties))
