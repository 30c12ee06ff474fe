"""What the scheduler returns: dated visits (entries), chosen quiet windows, findings and figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from anjian.planning.findings import Finding


class Status(StrEnum):
    OPTIMAL = "optimal"  # every sub-problem solved to proven optimality, all demands placed
    FEASIBLE = (
        "feasible"  # all demands placed, some sub-problem stopped at its time limit or fell back to greedy
    )
    PARTIAL = "partial"  # some demands could not be placed; findings say which rule blocked them
    INFEASIBLE = "infeasible"  # nothing could be placed


@dataclass(frozen=True)
class Visit:
    """One entry of one agency into an enterprise on a date, serving one or more demands (进一次门，查多项事).

    `joined_fixed_id` names the already-fixed visit (another level's, or a specialist patrol) it joins.
    `dates` are the consecutive working days the team spends there (empty = `date` alone); `days` is the time
    the workday sheet costs per officer (2.5), so the visit's person-days are officers × days, unless its
    demands are costed at different days (a joint entry of two teams): then `effort` holds their sum.
    """

    agency_id: int
    enterprise_id: int
    date: dt.date
    demand_ids: tuple[str, ...]
    officer_ids: tuple[int, ...]
    office_ids: tuple[int, ...] = ()
    joined_fixed_id: str = ""
    quiet_exception: str = ""
    reason: str = ""
    dates: tuple[dt.date, ...] = ()
    days: Decimal = Decimal(1)
    effort: Decimal = Decimal(0)  # person-days as costed when its demands' teams differ (0 = officers × days)

    @property
    def span(self) -> tuple[dt.date, ...]:
        """Every working day of the visit, the first being `date`."""
        return self.dates or (self.date,)

    @property
    def person_days(self) -> Decimal:
        return self.effort or len(self.officer_ids) * self.days

    @property
    def is_joint(self) -> bool:
        return len(self.demand_ids) > 1 or bool(self.joined_fixed_id) or len(self.office_ids) > 1


@dataclass(frozen=True)
class QuietWindow:
    """The enterprise's quiet period in a month: calendar days first..last, none of them an enforcement entry."""

    enterprise_id: int
    month: int
    first: dt.date
    last: dt.date
    chosen_by: str = "solver"  # solver | bureau

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class ScheduleStats:
    demands: int = 0
    demand_visits: int = 0  # sum of demand counts
    placed_visits: int = 0  # demand visits placed
    entries: int = 0  # new entries (an entry joining an already fixed visit is not a new one)
    joined_fixed: int = 0
    entries_lower_bound: int = 0
    load_spread: float = 0.0  # largest gap between two officers of one office in share of capacity (points)
    person_days: Decimal = Decimal(0)
    solve_seconds: float = 0.0
    subproblems: int = 0
    fallbacks: int = 0  # sub-problems placed by the greedy fallback
    not_proven_optimal: int = 0


@dataclass(frozen=True)
class ScheduleResult:
    status: Status
    visits: tuple[Visit, ...]
    quiet_windows: tuple[QuietWindow, ...] = ()
    findings: tuple[Finding, ...] = ()
    stats: ScheduleStats = field(default_factory=ScheduleStats)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)


@dataclass(frozen=True)
class Progress:
    """Reported while solving: a stage, how far it is, and the best figures so far."""

    stage: str  # Chinese, e.g. 合并进门 / 月度分配 / 日期安排 / 人员安排
    scope: str  # e.g. 吕梁市应急管理局 2025年7月
    done: int
    total: int
    elapsed: float
    entries: int = 0
    entries_lower_bound: int = 0
    objective: float | None = None


ProgressCallback = Callable[[Progress], None]
