"""What the scheduler is given: demands, officers with their time, fixed visits, caps, calendar and rules.

Everything is a frozen dataclass built by the caller (the plans service, the synthetic generator or a test); the
scheduler never reads the database or the calendar module itself. Working days are an input (a tuple of dates),
so the real State Council calendar with its make-up days is whatever the caller computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from anjian.planning.facts import Agency, Enterprise, Industry, Office, Officer
from anjian.planning.schedule.ruleset import ScheduleRules

QUARTER_MONTHS = {1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9), 4: (10, 11, 12)}
MINE_INDUSTRIES = frozenset({Industry.COAL_MINE, Industry.NONCOAL_MINE})


class VisitKind(StrEnum):
    """What an entry does in the enterprise; the rule pack lists the kinds exempt from the quiet period."""

    INSPECTION = "inspection"  # 监督检查 / 执法检查 (routine, case, special)
    SUPERVISORY_CHECK = "supervisory_check"  # 督导检查
    VERIFICATION = "verification"  # 调查核实、考核巡查
    REVIEW = "review"  # 复查
    SPECIALIST_PATROL = "specialist_patrol"  # 矿山安全监管专员入矿巡查


class Counter(StrEnum):
    """Which cap ledger an entry counts against; an entry counts once per counter, however many demands it joins."""

    ENFORCEMENT = "enforcement"  # 执法检查频次上限（各层级合计）
    SUPERVISORY = "supervisory"  # 督导检查单独计数
    NONE = "none"  # 不计入频次（专员入矿、复查等）


def quarters(*numbers: int) -> tuple[tuple[int, ...], ...]:
    """Quarter windows as month periods: quarters(2, 4) is 第二、四季度."""
    return tuple(QUARTER_MONTHS[q] for q in numbers)


def months(*numbers: int) -> tuple[tuple[int, ...], ...]:
    """Month windows, one period per month."""
    return tuple((m,) for m in numbers)


WHOLE_YEAR: tuple[tuple[int, ...], ...] = (tuple(range(1, 13)),)


@dataclass(frozen=True)
class VisitDemand:
    """One plan row's visits to one enterprise: `count` entries spread over `periods`.

    Spread contract: with k periods, each period gets between count // k and ceil(count / k) of the visits
    (so 2 visits over 第二、四季度 means one in each; 1 visit over three quarters means any one of them).
    Several demands for the same enterprise may share one entry (进一次门，查多项事).
    Each entry takes `persons` officers for `days` consecutive working days of one month (the rule pack's
    `schedule.visit.partial_day` says how a half day is kept), with the same team on every day.
    """

    id: str
    enterprise_id: int
    agency_id: int
    count: int
    periods: tuple[tuple[int, ...], ...]
    responsible_office_ids: tuple[int, ...]
    cooperating_office_ids: tuple[int, ...] = ()
    category: str = "key"  # key | general
    kind: VisitKind = VisitKind.INSPECTION
    counter: Counter = Counter.ENFORCEMENT
    preferred_months: tuple[int, ...] = ()
    persons: int = 0  # officers per entry this demand asks for (0 = the pack's minimum)
    days: Decimal = Decimal(1)  # working days per entry, as the workday sheet costs it (2.5 = two and a half)
    line: str = (
        ""  # the workday-sheet line that costs this demand (for the reconciliation), e.g. 局机关 三（一）1
    )
    quiet_exception: str = (
        ""  # approval record (批准人、日期、抄告司法行政机关) allowing entry in the quiet period
    )
    label: str = ""

    @property
    def window(self) -> frozenset[int]:
        return frozenset(m for p in self.periods for m in p)

    def spread_bounds(self) -> tuple[int, int]:
        k = len(self.periods)
        return self.count // k, -(-self.count // k)


@dataclass(frozen=True)
class OfficerSupply:
    """An officer with the time the workday sheet gives them for inspections.

    `capacity_days` is person-days of 监督检查 in the year; `quarter_capacity`, when given, overrides the split
    by working days. `unavailable` holds leave and 下乡 days; `recusals` the enterprises they must not enter.
    """

    officer: Officer
    capacity_days: int
    unavailable: frozenset[dt.date] = frozenset()
    recusals: frozenset[int] = frozenset()
    quarter_capacity: tuple[int, int, int, int] | None = None

    @property
    def id(self) -> int:
        return self.officer.id


@dataclass(frozen=True)
class FixedVisit:
    """A visit already fixed (by an upper or lower level, or a specialist patrol): it counts and can be joined.

    `officer_ids` lists officers of this problem busy on it (e.g. our specialist's patrol).
    """

    id: str
    enterprise_id: int
    date: dt.date
    agency_id: int | None = None
    kind: VisitKind = VisitKind.INSPECTION
    counter: Counter = Counter.ENFORCEMENT
    joinable: bool = True
    officer_ids: tuple[int, ...] = ()
    quiet_exception: str = ""
    label: str = ""

    @property
    def is_specialist_patrol(self) -> bool:
        return self.kind == VisitKind.SPECIALIST_PATROL


@dataclass(frozen=True)
class ScheduleProblem:
    """A whole scheduling task: one or several agencies sharing one cap ledger.

    `caps[(enterprise_id, counter)]` is the annual cap summed over all levels (absent = no cap).
    `quiet_windows[(enterprise_id, month)] = (first_day, last_day)` are windows the bureau fixed per enterprise;
    in "fixed" mode every other enterprise uses the pack's fixed window. `office_reserve[(office_id, day)]` is
    how many of the office's officers stay in that day (值班 rota) and cannot go out.
    """

    year: int
    working_days: tuple[dt.date, ...]
    agencies: tuple[Agency, ...]
    offices: tuple[Office, ...]
    officers: tuple[OfficerSupply, ...]
    enterprises: tuple[Enterprise, ...]
    demands: tuple[VisitDemand, ...]
    rules: ScheduleRules
    fixed_visits: tuple[FixedVisit, ...] = ()
    caps: Mapping[tuple[int, str], int] = field(default_factory=dict)
    quiet_windows: Mapping[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    office_reserve: Mapping[tuple[int, dt.date], int] = field(default_factory=dict)  # officers kept in (值班)

    def enterprise(self, enterprise_id: int) -> Enterprise:
        return self.index().enterprises[enterprise_id]

    def index(self) -> ProblemIndex:
        cached = self.__dict__.get("_index")
        if cached is None:
            cached = ProblemIndex.of(self)
            object.__setattr__(self, "_index", cached)
        return cached


@dataclass(frozen=True)
class ProblemIndex:
    """Lookups derived once from a problem (by id), shared by solver, greedy and validator."""

    enterprises: Mapping[int, Enterprise]
    offices: Mapping[int, Office]
    officers: Mapping[int, OfficerSupply]
    demands: Mapping[str, VisitDemand]
    agencies: Mapping[int, Agency]
    working_days: frozenset[dt.date]
    officers_by_office: Mapping[int, tuple[OfficerSupply, ...]]
    enforcement_teams: Mapping[int, tuple[int, ...]]  # agency id -> its enforcement team office ids
    fixed_by_enterprise: Mapping[int, tuple[FixedVisit, ...]]
    busy: Mapping[tuple[int, dt.date], int]  # (officer, date) -> fixed visits they are already on
    busy_at: Mapping[tuple[int, dt.date], frozenset[int]]  # (officer, date) -> enterprises of those visits

    @staticmethod
    def of(problem: ScheduleProblem) -> ProblemIndex:
        by_office: dict[int, list[OfficerSupply]] = {}
        for s in problem.officers:
            by_office.setdefault(s.officer.office_id, []).append(s)
        teams: dict[int, list[int]] = {}
        for o in problem.offices:
            if o.is_enforcement_team:
                teams.setdefault(o.agency_id, []).append(o.id)
        fixed: dict[int, list[FixedVisit]] = {}
        busy: dict[tuple[int, dt.date], int] = {}
        busy_at: dict[tuple[int, dt.date], set[int]] = {}
        for f in problem.fixed_visits:
            fixed.setdefault(f.enterprise_id, []).append(f)
            for oid in f.officer_ids:
                busy[(oid, f.date)] = busy.get((oid, f.date), 0) + 1
                busy_at.setdefault((oid, f.date), set()).add(f.enterprise_id)
        return ProblemIndex(
            enterprises={e.id: e for e in problem.enterprises},
            offices={o.id: o for o in problem.offices},
            officers={s.id: s for s in problem.officers},
            demands={d.id: d for d in problem.demands},
            agencies={a.id: a for a in problem.agencies},
            working_days=frozenset(problem.working_days),
            officers_by_office={k: tuple(v) for k, v in by_office.items()},
            enforcement_teams={k: tuple(v) for k, v in teams.items()},
            fixed_by_enterprise={k: tuple(sorted(v, key=lambda f: f.date)) for k, v in fixed.items()},
            busy=busy,
            busy_at={k: frozenset(v) for k, v in busy_at.items()},
        )

    def eligible_offices(self, demands: Iterable[VisitDemand], borrow_team: bool) -> frozenset[int]:
        """Offices whose officers may staff an entry for these demands: responsible, co-operating, and (when
        the pack allows it) the agency's enforcement team."""
        offices: set[int] = set()
        for d in demands:
            offices.update(d.responsible_office_ids)
            offices.update(d.cooperating_office_ids)
            if borrow_team:
                offices.update(self.enforcement_teams.get(d.agency_id, ()))
        return frozenset(offices)

    def is_mine(self, enterprise_id: int) -> bool:
        return self.enterprises[enterprise_id].industry in MINE_INDUSTRIES
