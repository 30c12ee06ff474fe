"""The scheduling rules, read from a rule pack's `schedule.*` section with their citations.

No legal number lives in the scheduler's code: every threshold below is read from the pack (national defaults,
overridden by a province such as Shanxi), and each finding can quote the rule's citation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from anjian.planning.rules import RulePack

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
QUIET_MODES = ("solver", "fixed")
CAPACITY_SPLITS = ("working_days", "even")
PARTIAL_DAYS = ("whole_day", "round")

RULES_BAD_VALUE = "规则包 {pack} 中排程规则 {key} 的取值 {value!r} 无效（应为 {allowed}）"


@dataclass(frozen=True)
class ScheduleRules:
    """Numbers and switches the scheduler, the greedy baseline and the validator all obey."""

    min_officers: int = 2
    entries_per_officer_day: int = 1
    borrow_enforcement_team: bool = True
    capacity_split: str = "working_days"
    quiet_days: int = 0
    quiet_mode: str = "solver"
    quiet_fixed_first_day: int = 1
    quiet_exempt_kinds: frozenset[str] = frozenset()
    quiet_exception_approval: str = ""
    specialist_entries_per_week: int = 1
    week_first_day: int = 0  # 0 = Monday
    partial_day: str = "whole_day"
    lump_days_max: int = 5  # a line costed as a lump: days per entry at most, the team grows instead
    avoid_after_break_days: int = 0  # 0 = no day is avoided after a break
    avoid_days: tuple[str, ...] = ()  # "MM-DD" (every year) or "YYYY-MM-DD"
    weights: Mapping[str, int] = field(default_factory=dict)
    citations: Mapping[str, str] = field(default_factory=dict)
    pack_id: str = ""

    @staticmethod
    def from_pack(pack: RulePack) -> ScheduleRules:
        section = pack.section("schedule")

        def value(key: str) -> Any:
            return pack.value(f"schedule.{key}")

        def choice(key: str, allowed: tuple[str, ...]) -> str:
            v = str(value(key))
            if v not in allowed:
                raise ValueError(
                    RULES_BAD_VALUE.format(pack=pack.id, key=key, value=v, allowed="、".join(allowed))
                )
            return v

        return ScheduleRules(
            min_officers=int(value("officers.min_per_visit")),
            entries_per_officer_day=int(value("officers.entries_per_day")),
            borrow_enforcement_team=bool(value("officers.borrow_enforcement_team")),
            capacity_split=choice("officers.capacity_split", CAPACITY_SPLITS),
            quiet_days=int(value("quiet_period.days_per_month")),
            quiet_mode=choice("quiet_period.mode", QUIET_MODES),
            quiet_fixed_first_day=int(value("quiet_period.fixed_first_day")),
            quiet_exempt_kinds=frozenset(str(k) for k in value("quiet_period.exempt_kinds")),
            quiet_exception_approval=str(value("quiet_period.exception_approval")),
            specialist_entries_per_week=int(value("mine_specialist.entries_per_mine_per_week")),
            week_first_day=WEEKDAYS.index(choice("week.first_day", WEEKDAYS)),
            partial_day=choice("visit.partial_day", PARTIAL_DAYS),
            lump_days_max=int(value("visit.lump_days_max")),
            avoid_after_break_days=int(value("load.avoid_after_break_days")),
            avoid_days=tuple(str(d) for d in value("load.avoid_days")),
            weights={
                k.removeprefix("objective."): int(r.value)
                for k, r in section.items()
                if k.startswith("objective.")
            },
            citations={k: r.citation for k, r in section.items()},
            pack_id=pack.id,
        )

    def duration(self, days: Decimal) -> int:
        """Consecutive working days an entry costed at `days` keeps its team (at least one)."""
        rounding = ROUND_CEILING if self.partial_day == "whole_day" else ROUND_HALF_UP
        return max(1, int(Decimal(days).to_integral_value(rounding=rounding)))

    def avoided(self, working_days: tuple[dt.date, ...] | list[dt.date]) -> frozenset[dt.date]:
        """Working days visits avoid unless needed: the first one after a break of at least
        `avoid_after_break_days` calendar days off, and the days the bureau listed."""
        found: set[dt.date] = set()
        ordered = sorted(working_days)
        if self.avoid_after_break_days > 0:
            for before, day in zip(ordered, ordered[1:], strict=False):
                if (day - before).days - 1 >= self.avoid_after_break_days:
                    found.add(day)
            if ordered and ordered[0].month == 1:
                # before the year's first working day: its days off, then last year's weekend (assumed)
                working, day, off = set(ordered), ordered[0] - dt.timedelta(days=1), 0
                while (day.year == ordered[0].year and day not in working) or (
                    day.year < ordered[0].year and day.weekday() >= 5
                ):
                    off, day = off + 1, day - dt.timedelta(days=1)
                if off >= self.avoid_after_break_days:
                    found.add(ordered[0])
        listed = set(self.avoid_days)
        found.update(t for t in ordered if t.isoformat() in listed or t.strftime("%m-%d") in listed)
        return frozenset(found)

    def weight(self, name: str) -> int:
        return int(self.weights.get(name, 0))

    def cite(self, key: str) -> str:
        return self.citations.get(key, "")

    def with_changes(self, **changes: Any) -> ScheduleRules:
        return replace(self, **changes)
