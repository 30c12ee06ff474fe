"""Officer time per day, month and quarter, and the office sets whose supply bounds an entry's demand.

`day_slots(o, t)` = entries the officer can still take on working day t: the pack's per-day number, minus fixed
visits they are already on, and 0 on leave/下乡 days or once their certificate has lapsed. The quarter capacity
splits the workday sheet's inspection days by working days (largest remainder) unless given per quarter.

Office sets (Hall-type necessary conditions): for a set S of offices, entries whose whole pool lies inside S need
all their officers from S, and entries with a demand whose responsible offices lie inside S need at least one
officer each from S; the sum must not exceed S's supply. We check the sets that matter: every entry's pool,
every office alone, every responsible-office set.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter as Tally
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from anjian.planning.schedule.entries import Entry, officers_needed
from anjian.planning.schedule.inputs import OfficerSupply, ProblemIndex, ScheduleProblem
from anjian.planning.schedule.periods import quarter_of, split_by_weight


@dataclass
class Supply:
    """Time of the officers of one agency (or of the whole problem)."""

    problem: ScheduleProblem
    officers: tuple[OfficerSupply, ...]

    def __post_init__(self) -> None:
        self.taken: Tally[tuple[int, dt.date]] = Tally()  # entries placed so far, shared with the ledger
        self.quarter_used: Tally[tuple[int, int]] = Tally()  # person-days per (officer, quarter), shared too
        index: ProblemIndex = self.problem.index()
        rules = self.problem.rules
        self.days_by_month: dict[int, list[dt.date]] = {}
        for t in sorted(index.working_days):
            if t.year == self.problem.year:
                self.days_by_month.setdefault(t.month, []).append(t)
        per_quarter = [
            sum(len(self.days_by_month.get(m, [])) for m in range(3 * q - 2, 3 * q + 1)) for q in range(1, 5)
        ]
        self.slots: dict[int, dict[dt.date, int]] = {}
        self.month_sum: dict[tuple[int, int], int] = {}
        self.quarter_cap: dict[tuple[int, int], int] = {}
        for s in self.officers:
            days: dict[dt.date, int] = {}
            for month_days in self.days_by_month.values():
                for t in month_days:
                    if t in s.unavailable or not s.officer.certified_on(t):
                        continue
                    free = rules.entries_per_officer_day - index.busy.get((s.id, t), 0)
                    if free > 0:
                        days[t] = free
            self.slots[s.id] = days
            for t, v in days.items():
                self.month_sum[s.id, t.month] = self.month_sum.get((s.id, t.month), 0) + v
            if s.quarter_capacity is not None:
                caps = list(s.quarter_capacity)
            elif rules.capacity_split == "even":
                caps = split_by_weight(s.capacity_days, [1, 1, 1, 1])
            else:
                caps = split_by_weight(s.capacity_days, per_quarter)
            for q in range(1, 5):
                self.quarter_cap[s.id, q] = caps[q - 1]
        self.position: dict[dt.date, int] = {
            t: i for month_days in self.days_by_month.values() for i, t in enumerate(month_days)
        }
        self.by_office: dict[int, list[int]] = {}
        for s in self.officers:
            self.by_office.setdefault(s.officer.office_id, []).append(s.id)

    def span(self, day: dt.date, duration: int) -> tuple[dt.date, ...] | None:
        """The `duration` consecutive working days from `day`, all in its month; None if they do not fit."""
        i = self.position.get(day)
        month_days = self.days_by_month.get(day.month, [])
        if i is None or i + duration > len(month_days):
            return None
        return tuple(month_days[i : i + duration])

    def free(self, officer_id: int, day: dt.date) -> int:
        """Entries the officer can still take that day (none once their quarter's capacity is used up)."""
        q = quarter_of(day.month)
        if self.quarter_used[officer_id, q] >= self.quarter_cap.get((officer_id, q), 0):
            return 0
        return self.slots[officer_id].get(day, 0) - self.taken[officer_id, day]

    def colocated(self, officer_id: int, day: dt.date, enterprise_id: int) -> bool:
        """Already at this enterprise that day on a fixed visit (e.g. a specialist's patrol): joining the entry
        there takes no extra slot."""
        s = self.problem.index().officers[officer_id]
        q = quarter_of(day.month)
        return (
            enterprise_id in self.problem.index().busy_at.get((officer_id, day), ())
            and day not in s.unavailable
            and s.officer.certified_on(day)
            and self.quarter_used[officer_id, q] < self.quarter_cap.get((officer_id, q), 0)
        )

    def can_join(self, officer_id: int, day: dt.date, enterprise_id: int) -> bool:
        return self.free(officer_id, day) > 0 or self.colocated(officer_id, day, enterprise_id)

    def month_slots(self, officer_id: int, month: int) -> int:
        return self.month_sum.get((officer_id, month), 0)

    def officer_ids(self, offices: Iterable[int]) -> list[int]:
        return [o for office in offices for o in self.by_office.get(office, [])]

    def set_month_supply(self, offices: frozenset[int], month: int) -> int:
        return sum(self.month_slots(o, month) for o in self.officer_ids(offices))

    def set_quarter_supply(self, offices: frozenset[int], quarter: int) -> int:
        total = 0
        for o in self.officer_ids(offices):
            in_q = sum(self.month_slots(o, m) for m in range(3 * quarter - 2, 3 * quarter + 1))
            total += min(in_q, self.quarter_cap[o, quarter])
        return total

    def set_day_colocated(self, offices: frozenset[int], day: dt.date) -> int:
        """Officers of the set out on a fixed visit that day, who may still join an entry at that place."""
        busy_at = self.problem.index().busy_at
        return sum(1 for o in self.officer_ids(offices) if self.free(o, day) <= 0 and (o, day) in busy_at)

    def set_day_supply(self, offices: frozenset[int], day: dt.date) -> int:
        """Officers of the set free that day, less those their offices keep in (值班)."""
        reserve = sum(self.problem.office_reserve.get((o, day), 0) for o in offices)
        return max(sum(max(self.free(o, day), 0) for o in self.officer_ids(offices)) - reserve, 0)


def office_sets(entries: Sequence[Entry]) -> list[frozenset[int]]:
    """The office sets whose supply is checked: each pool, each single office, each responsible set, all."""
    sets: set[frozenset[int]] = set()
    for e in entries:
        sets.add(e.pool)
        sets.update(frozenset({o}) for o in e.pool)
        sets.update(r for r in e.reps if r)
    if entries:
        sets.add(frozenset().union(*(e.pool for e in entries)))  # everyone: pools overlap in the team
    return sorted(sets, key=lambda s: (len(s), sorted(s)))


def amount(entry: Entry, offices: frozenset[int]) -> int:
    """Officers the entry must draw from `offices` (its whole team if its pool lies inside them)."""
    if entry.pool <= offices:
        return entry.need
    inside = [r for r in entry.reps if r and r <= offices]
    return officers_needed(inside, 0) if inside else 0


def person_days_from(entry: Entry, offices: frozenset[int]) -> int:
    """Person-days the entry draws from `offices` over its whole span."""
    return amount(entry, offices) * entry.duration


def quarter_months(quarter: int) -> range:
    return range(3 * quarter - 2, 3 * quarter + 1)


def entry_quarters(entry: Entry) -> set[int]:
    return {quarter_of(m) for m in entry.months}
