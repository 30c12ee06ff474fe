"""Plan progress from the execution records: planned vs done, coverage and the KPIs of 夏应急发〔2025〕6号 (docs/business-rules.md §9).

Contract of `progress(period, units, visits, hazards, penalties)`:
- A planned unit's visits are due by quarter: its window quarters are split into `visits` consecutive groups
  (when it has fewer visits than windows) and each visit is due at the end of its group, e.g. one visit in
  Q1–Q4 is due by the end of Q4; with at least as many visits as windows each window gets an equal share, the
  earlier windows one more. `due` = visits due by the period's last day.
- Only on-site visits of a counted kind that are linked to the plan (`planned`) count towards the plan; a
  unit is `done` up to its planned visits (extra visits are shown, never counted twice). Unplanned and remote
  visits are counted apart. A joint visit counts once for the unit and for every office that took part.
- Offices and sectors are credited with the completion of the units they are responsible for.
- KPIs run from 1 January to the period's last day: coverage (planned units with ≥1 on-site counted visit of
  any origin), reviews done by their due date among reviews due, hazards handled among hazards found,
  on-site visits entered into the enforcement system, penalties published on time among those due, and the
  number of typical cases. A rate with a zero denominator is None.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from anjian.planning.execution.deadlines import Period, quarter


@dataclass(frozen=True)
class PlannedUnit:
    enterprise_id: int
    name: str
    sector: str
    visits: int
    quarters: tuple[int, ...]
    office_ids: tuple[int, ...] = ()
    category: str = "key"


@dataclass(frozen=True)
class DoneVisit:
    inspection_id: int
    enterprise_id: int
    date: dt.date
    office_ids: tuple[int, ...] = ()
    on_site: bool = True
    counted: bool = True  # a kind the cap counts (not a review, not a special from above)
    planned: bool = True  # linked to a plan entry
    in_system: bool = False  # entered into 互联网+执法 / the coal system


@dataclass(frozen=True)
class HazardRecord:
    hazard_id: int
    found_on: dt.date
    major: bool
    handled: bool  # an order, a penalty or on-site handling is recorded
    review_due: dt.date | None = None
    reviewed_on: dt.date | None = None
    rectified_on: dt.date | None = None


@dataclass(frozen=True)
class PenaltyRecord:
    penalty_id: int
    decided_on: dt.date
    amount: Decimal
    publication_due: dt.date
    published_on: dt.date | None
    typical_case: bool = False


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def rate(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(self.numerator) * 100 / self.denominator).quantize(Decimal("0.1"))

    def text(self) -> str:
        return "—" if self.rate is None else f"{self.rate}%（{self.numerator}/{self.denominator}）"


@dataclass(frozen=True)
class Line:
    """Planned vs done for one office, sector or unit."""

    key: str
    label: str
    planned: int  # visits in the year
    due: int  # due by the period's end
    done: int  # counted towards the plan to date (≤ planned per unit)
    in_period: int  # planned visits done within the period (joint visits once)

    @property
    def completion(self) -> Ratio:
        return Ratio(self.done, self.planned)


@dataclass(frozen=True)
class Counts:
    """What happened between two dates."""

    on_site: int = 0
    planned: int = 0
    unplanned: int = 0
    remote: int = 0
    hazards: int = 0
    major_hazards: int = 0
    reviews: int = 0
    penalties: int = 0
    penalty_amount: Decimal = Decimal(0)


@dataclass(frozen=True)
class Progress:
    period: Period
    units: tuple[Line, ...]
    offices: tuple[Line, ...]
    sectors: tuple[Line, ...]
    in_period: Counts
    to_date: Counts
    kpis: dict[str, Ratio] = field(default_factory=dict)
    typical_cases: int = 0
    overdue_reviews: tuple[int, ...] = ()  # hazard ids
    late_publications: tuple[int, ...] = ()  # penalty ids

    @property
    def total(self) -> Line:
        return Line("total", "合计", *(sum(getattr(u, a) for u in self.units)
                                       for a in ("planned", "due", "done", "in_period")))  # fmt: skip


KPI_LABELS = {
    "coverage": "重点、一般检查单位覆盖率",
    "plan_completion": "计划完成率",
    "review_on_time": "隐患按时复查率",
    "violation_handling": "查实违法行为处理率",
    "system_usage": "执法系统使用率",
    "publication_on_time": "处罚决定按时公示率",
}


def due_quarters(visits: int, quarters: Sequence[int]) -> list[int]:
    """The quarter by whose end each visit is due (see the module contract)."""
    windows = sorted(set(quarters)) or [1, 2, 3, 4]
    n = len(windows)
    if visits <= 0:
        return []
    if visits < n:
        out, start = [], 0
        for i in range(visits):
            size = n // visits + (1 if i < n % visits else 0)
            start += size
            out.append(windows[start - 1])
        return out
    return [q for i, q in enumerate(windows) for _ in range(visits // n + (1 if i < visits % n else 0))]


def _due_by(unit: PlannedUnit, period: Period) -> int:
    """Visits due by the period's end: those of the quarters that have ended by then."""
    ended = sum(1 for q in range(1, 5) if quarter(period.year, q).last <= period.last)
    return sum(1 for q in due_quarters(unit.visits, unit.quarters) if q <= ended)


def _counts(visits: Iterable[DoneVisit], hazards: Iterable[HazardRecord], penalties: Iterable[PenaltyRecord],
            first: dt.date, last: dt.date) -> Counts:  # fmt: skip
    v = [x for x in visits if first <= x.date <= last]
    h = [x for x in hazards if first <= x.found_on <= last]
    p = [x for x in penalties if first <= x.decided_on <= last]
    reviews = sum(1 for x in hazards if x.reviewed_on and first <= x.reviewed_on <= last)
    return Counts(
        on_site=sum(1 for x in v if x.on_site), planned=sum(1 for x in v if x.on_site and x.planned),
        unplanned=sum(1 for x in v if x.on_site and not x.planned), remote=sum(1 for x in v if not x.on_site),
        hazards=len(h), major_hazards=sum(1 for x in h if x.major), reviews=reviews, penalties=len(p),
        penalty_amount=sum((x.amount for x in p), Decimal(0)),
    )  # fmt: skip


def _group(
    units: Sequence[PlannedUnit],
    lines: dict[int, Line],
    key_of: Callable[[PlannedUnit], Iterable[Any]],
    label_of: Callable[[Any], str],
) -> tuple[Line, ...]:
    groups: dict[object, list[Line]] = {}
    for u in units:
        for k in key_of(u):
            groups.setdefault(k, []).append(lines[u.enterprise_id])
    return tuple(
        Line(str(k), label_of(k), sum(x.planned for x in g), sum(x.due for x in g), sum(x.done for x in g),
             sum(x.in_period for x in g))
        for k, g in groups.items()
    )  # fmt: skip


def progress(
    period: Period,
    units: Sequence[PlannedUnit],
    visits: Sequence[DoneVisit],
    hazards: Sequence[HazardRecord] = (),
    penalties: Sequence[PenaltyRecord] = (),
    office_names: dict[int, str] | None = None,
) -> Progress:
    """Planned vs done for `period` and the KPIs to its end (see the module contract)."""
    start, end = dt.date(period.year, 1, 1), period.last
    to_date = [v for v in visits if start <= v.date <= end]
    counted = [v for v in to_date if v.on_site and v.counted and v.planned]
    done_to_date = Counter(v.enterprise_id for v in counted)
    done_in = Counter(v.enterprise_id for v in counted if v.date >= period.first)
    lines = {
        u.enterprise_id: Line(str(u.enterprise_id), u.name, u.visits, _due_by(u, period),
                              min(done_to_date[u.enterprise_id], u.visits), done_in[u.enterprise_id])
        for u in units
    }  # fmt: skip
    names = office_names or {}
    offices = _group(units, lines, lambda u: u.office_ids, lambda k: names.get(k, str(k)))
    sectors = _group(units, lines, lambda u: (u.sector,), str)
    listed = {u.enterprise_id for u in units}
    covered = {v.enterprise_id for v in to_date if v.on_site and v.counted} & listed
    on_site = [v for v in to_date if v.on_site]
    found = [h for h in hazards if start <= h.found_on <= end]
    reviews_due = [h for h in hazards if h.review_due and h.review_due <= end]
    on_time = [h for h in reviews_due if h.reviewed_on and h.reviewed_on <= h.review_due]  # type: ignore[operator]
    overdue = [h.hazard_id for h in reviews_due if not h.reviewed_on or h.reviewed_on > end]
    pens = [p for p in penalties if start <= p.decided_on <= end]
    pubs_due = [p for p in pens if p.publication_due <= end or p.published_on]
    pubs_ok = [p for p in pubs_due if p.published_on and p.published_on <= p.publication_due]
    late = tuple(p.penalty_id for p in pubs_due if p not in pubs_ok)
    total_planned = sum(u.visits for u in units)
    kpis = {
        "coverage": Ratio(len(covered), len(listed)),
        "plan_completion": Ratio(sum(x.done for x in lines.values()), total_planned),
        "review_on_time": Ratio(len(on_time), len(reviews_due)),
        "violation_handling": Ratio(sum(1 for h in found if h.handled), len(found)),
        "system_usage": Ratio(sum(1 for v in on_site if v.in_system), len(on_site)),
        "publication_on_time": Ratio(len(pubs_ok), len(pubs_due)),
    }
    return Progress(
        period, tuple(lines[u.enterprise_id] for u in units), offices, sectors,
        _counts(visits, hazards, penalties, period.first, end), _counts(visits, hazards, penalties, start, end),
        kpis, sum(1 for p in pens if p.typical_case), tuple(overdue), late,
    )  # fmt: skip


def weekly(visits: Sequence[DoneVisit], hazards: Sequence[HazardRecord], penalties: Sequence[PenaltyRecord],
           monday: dt.date) -> Counts:  # fmt: skip
    """The 周调度 summary of the week starting `monday`."""
    return _counts(visits, hazards, penalties, monday, monday + dt.timedelta(days=6))
