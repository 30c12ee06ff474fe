"""The schedule under construction, with every hard rule checked incrementally for one more entry.

Used by the greedy baseline, by the fallback of a sub-problem that timed out, and to repair the few entries a
CP-SAT stage could not staff. One ledger holds the whole problem (all agencies), so caps, quiet periods and
specialist weeks are shared across levels. It is an independent implementation of the rules: the validator
(validate.py) re-checks whatever it produces.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter as Tally
from collections.abc import Iterable
from decimal import Decimal

from anjian.planning.schedule.entries import Entry
from anjian.planning.schedule.inputs import Counter, FixedVisit, ScheduleProblem, VisitKind
from anjian.planning.schedule.periods import longest_free_run, month_length, quarter_of, week_start
from anjian.planning.schedule.result import Visit
from anjian.planning.schedule.supply import Supply


def fixed_quiet_window(problem: ScheduleProblem, enterprise_id: int, month: int) -> tuple[int, int] | None:
    """The bureau-fixed quiet window (first, last day) of an enterprise-month, or None when the solver picks."""
    rules = problem.rules
    if rules.quiet_days <= 0:
        return None
    own = problem.quiet_windows.get((enterprise_id, month))
    if own is not None:
        return own
    if rules.quiet_mode != "fixed":
        return None
    first = rules.quiet_fixed_first_day
    return first, min(first + rules.quiet_days - 1, month_length(problem.year, month))


def quiet_relevant(kind: str, approval: str, exempt_kinds: frozenset[str]) -> bool:
    """Does an entry of this kind close the quiet period? Patrols, exempt kinds and approved exceptions don't."""
    return not (kind == VisitKind.SPECIALIST_PATROL or kind in exempt_kinds or approval)


def _effort(entry: Entry, team: int) -> Decimal:
    """Person-days of the entry with this team: its costed teams, plus any further officer at its days."""
    if not entry.costed:
        return Decimal(0)
    return entry.costed + max(team - entry.costed_persons, 0) * entry.days


class Ledger:
    def __init__(self, problem: ScheduleProblem, supply: Supply):
        self.problem = problem
        self.supply = supply
        self.index = problem.index()
        self.rules = problem.rules
        self.visits: list[Visit] = []
        self.officer_day = supply.taken
        self.officer_quarter = supply.quarter_used
        self.officer_total: Tally[int] = Tally()
        self.quiet_busy: dict[
            tuple[int, int], set[int]
        ] = {}  # (enterprise, month) -> days closing the quiet period
        self.any_entry: dict[tuple[int, int], set[int]] = {}  # (enterprise, month) -> days with any entry
        self.counted: dict[tuple[int, str], set[dt.date]] = {}
        self.agency_days: dict[tuple[int, int], set[dt.date]] = {}  # (agency, enterprise) -> our entry days
        self.demand_months: dict[str, Tally[int]] = {}
        self.specialist_days: dict[tuple[int, dt.date], set[dt.date]] = {}  # (mine, week start) -> days
        self.visits_at: dict[tuple[int, int], list[int]] = {}  # (agency, enterprise) -> indexes into visits
        self.day_load: Tally[tuple[int, dt.date]] = Tally()  # (agency, day) -> officers out on entries
        for f in problem.fixed_visits:
            self.add_fixed(f)

    # -- recording ---------------------------------------------------------------------------------
    def add_fixed(self, f: FixedVisit) -> None:
        key = (f.enterprise_id, f.date.month)
        self.any_entry.setdefault(key, set()).add(f.date.day)
        if quiet_relevant(f.kind, f.quiet_exception, self.rules.quiet_exempt_kinds):
            self.quiet_busy.setdefault(key, set()).add(f.date.day)
        if f.counter != Counter.NONE:
            self.counted.setdefault((f.enterprise_id, f.counter), set()).add(f.date)
        if f.is_specialist_patrol and self.index.is_mine(f.enterprise_id):
            self._specialist_day(f.enterprise_id, f.date)

    def _specialist_day(self, mine: int, day: dt.date) -> None:
        self.specialist_days.setdefault((mine, week_start(day, self.rules.week_first_day)), set()).add(day)

    def place(self, entry: Entry, day: dt.date, officers: Iterable[int], reason: str = "") -> Visit:
        officer_ids = tuple(sorted(officers))
        offices = tuple(sorted({self.index.officers[o].officer.office_id for o in officer_ids}))
        span = self.span(entry, day) or (day,)
        visit = Visit(
            entry.agency_id,
            entry.enterprise_id,
            day,
            entry.demand_ids,
            officer_ids,
            offices,
            entry.joined_fixed_id,
            entry.quiet_exception,
            reason,
            span if len(span) > 1 else (),
            entry.days,
            _effort(entry, len(officer_ids)),
        )
        self.visits_at.setdefault((entry.agency_id, entry.enterprise_id), []).append(len(self.visits))
        self.visits.append(visit)
        for t in span:
            key = (entry.enterprise_id, t.month)
            self.any_entry.setdefault(key, set()).add(t.day)
            if not entry.quiet_exempt:
                self.quiet_busy.setdefault(key, set()).add(t.day)
            self.agency_days.setdefault((entry.agency_id, entry.enterprise_id), set()).add(t)
            self.day_load[entry.agency_id, t] += len(officer_ids)
        for c in entry.counters:
            self.counted.setdefault((entry.enterprise_id, c), set()).add(day)
        for d in entry.demand_ids:
            self.demand_months.setdefault(d, Tally())[day.month] += 1
        for t in span:
            self._book(entry, t, officer_ids, first=t == day)
        return visit

    def span(self, entry: Entry, day: dt.date) -> tuple[dt.date, ...] | None:
        """The working days an entry starting on `day` occupies (None if they do not fit in the month)."""
        if entry.duration <= 1:
            return (day,)
        return self.supply.span(day, entry.duration)

    def _book(self, entry: Entry, day: dt.date, officer_ids: Iterable[int], first: bool = True) -> None:
        q = quarter_of(day.month)
        for o in officer_ids:
            if not self.supply.colocated(o, day, entry.enterprise_id):
                self.officer_day[o, day] += 1
            self.officer_quarter[o, q] += 1
            self.officer_total[o] += 1
            if first and entry.is_mine and self.index.officers[o].officer.is_mine_specialist:
                self._specialist_day(entry.enterprise_id, day)

    def extend(self, position: int, merged: Entry, added: Entry, extra_officers: Iterable[int]) -> Visit:
        """Add the demands of `added` to the visit at `position` (now `merged`), with extra officers."""
        old = self.visits[position]
        extra = tuple(extra_officers)
        officer_ids = tuple(sorted(old.officer_ids + extra))
        offices = tuple(sorted({self.index.officers[o].officer.office_id for o in officer_ids}))
        visit = Visit(
            old.agency_id,
            old.enterprise_id,
            old.date,
            merged.demand_ids,
            officer_ids,
            offices,
            old.joined_fixed_id,
            merged.quiet_exception,
            f"合并 {len(merged.demand_ids)} 项检查任务，进一次门查多项事",
            old.dates,
            old.days,
        )
        self.visits[position] = visit
        day = old.date
        if not merged.quiet_exempt:
            self.quiet_busy.setdefault((old.enterprise_id, day.month), set()).add(day.day)
        for c in added.counters:
            self.counted.setdefault((old.enterprise_id, c), set()).add(day)
        for d in added.demand_ids:
            self.demand_months.setdefault(d, Tally())[day.month] += 1
        for t in old.span:
            self._book(merged, t, extra, first=t == old.date)
            self.day_load[old.agency_id, t] += len(extra)
        return visit

    # -- checks --------------------------------------------------------------------------------------
    def day_allowed(self, entry: Entry, day: dt.date) -> bool:
        """Every enterprise-level rule for the entry starting on `day` (officers aside)."""
        if day not in self.index.working_days or day.year != self.problem.year:
            return False
        if day.month not in entry.months or (entry.fixed_date is not None and day != entry.fixed_date):
            return False
        span = self.span(entry, day)
        if span is None:
            return False
        ours = self.agency_days.get((entry.agency_id, entry.enterprise_id), ())
        if any(t in ours for t in span):
            return False
        for demand_id in entry.demand_ids:
            demand = self.index.demands[demand_id]
            period = next((p for p in demand.periods if day.month in p), None)
            if period is None:
                return False
            done = self.demand_months.get(demand_id, Tally())
            if sum(done[m] for m in period) + 1 > demand.spread_bounds()[1]:
                return False
            if sum(done.values()) + 1 > demand.count:
                return False
        for c in entry.counters:
            cap = self.problem.caps.get((entry.enterprise_id, c))
            days = self.counted.get((entry.enterprise_id, c), set())
            if cap is not None and day not in days and len(days) + 1 > cap:
                return False
        return entry.quiet_exempt or self.quiet_allows(entry.enterprise_id, day, span)

    def quiet_allows(self, enterprise_id: int, day: dt.date, span: tuple[dt.date, ...] = ()) -> bool:
        rules = self.rules
        if rules.quiet_days <= 0:
            return True
        days = span or (day,)
        window = fixed_quiet_window(self.problem, enterprise_id, day.month)
        if window is not None:
            return not any(window[0] <= t.day <= window[1] for t in days)
        busy = self.quiet_busy.get((enterprise_id, day.month), set()) | {t.day for t in days}
        return longest_free_run(self.problem.year, day.month, busy)[0] >= rules.quiet_days

    def free_officers(self, entry: Entry, day: dt.date) -> list[int]:
        """Officers who could join the entry that day, least used share of capacity first."""
        q = quarter_of(day.month)
        span = self.span(entry, day) or (day,)
        specialists_ok = True
        if entry.is_mine:  # a multi-day visit is one entry into the mine, on its first day
            taken = self.specialist_days.get(
                (entry.enterprise_id, week_start(day, self.rules.week_first_day)), set()
            )
            specialists_ok = day in taken or len(taken) < self.rules.specialist_entries_per_week
        found = []
        for o in self.supply.officer_ids(sorted(entry.pool)):
            supply = self.index.officers[o]
            if not all(self.supply.can_join(o, t, entry.enterprise_id) for t in span):
                continue
            if entry.enterprise_id in supply.recusals:
                continue
            if self.officer_quarter[o, q] + len(span) > self.supply.quarter_cap[o, q]:
                continue
            if supply.officer.is_mine_specialist and entry.is_mine and not specialists_ok:
                continue
            found.append(o)
        return sorted(
            found, key=lambda o: (self.officer_total[o] / max(self.index.officers[o].capacity_days, 1), o)
        )

    def team(self, entry: Entry, day: dt.date) -> list[int] | None:
        """A team for the entry that day (one per responsible-office set, then own offices first), or None."""
        free = self.free_officers(entry, day)
        office = {o: self.index.officers[o].officer.office_id for o in free}
        chosen: list[int] = []
        for rep in entry.reps:
            if any(office[o] in rep for o in chosen):
                continue
            pick = next((o for o in free if office[o] in rep and o not in chosen), None)
            if pick is None:
                return None
            chosen.append(pick)
        own = set().union(*entry.reps)
        for o in sorted(free, key=lambda o: office[o] not in own):
            if len(chosen) >= entry.need:
                break
            if o not in chosen:
                chosen.append(o)
        return chosen if len(chosen) >= entry.need else None

    def try_place(self, entry: Entry, days: Iterable[dt.date], reason: str = "") -> Visit | None:
        for day in days:
            if self.day_allowed(entry, day):
                team = self.team(entry, day)
                if team is not None:
                    return self.place(entry, day, team, reason)
        return None
