"""Quarterly, monthly and weekly plans per office and per officer, read off a schedule (分解到季、月、周).

A joint entry appears under every office that takes part (each office books its own person-days) but is one
entry for the enterprise. Weeks run from the pack's first weekday (Monday by default).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from anjian.planning.schedule.inputs import OfficerSupply, ScheduleProblem
from anjian.planning.schedule.periods import month_label, quarter_label, quarter_of, week_label, week_start
from anjian.planning.schedule.result import Visit
from anjian.planning.schedule.validate_officers import quarter_capacity

GRAINS = ("quarter", "month", "week")


@dataclass(frozen=True)
class PlanLine:
    """One office's (or officer's) share of one period: its entries, enterprises and person-days."""

    grain: str
    period: str  # sortable key: 2025-Q3, 2025-07, 2025-07-07
    period_label: str  # 2025年第三季度 / 2025年7月 / 7月7日—7月13日
    owner_id: int  # office or officer id
    owner: str
    entries: int
    enterprises: int
    person_days: int
    joint_entries: int
    visits: tuple[Visit, ...]


def period_of(day: dt.date, grain: str, first_weekday: int = 0) -> tuple[str, str]:
    if grain == "quarter":
        q = quarter_of(day.month)
        return f"{day.year}-Q{q}", quarter_label(day.year, q)
    if grain == "month":
        return f"{day.year}-{day.month:02d}", month_label(day.year, day.month)
    if grain == "week":
        start = week_start(day, first_weekday)
        return start.isoformat(), week_label(start)
    raise ValueError(f"未知的分解粒度 {grain}（应为 {'、'.join(GRAINS)}）")


def _lines(problem: ScheduleProblem, visits: Sequence[Visit], grain: str, by_officer: bool) -> list[PlanLine]:
    index = problem.index()
    groups: dict[tuple[str, int], list[tuple[Visit, int]]] = {}
    labels: dict[str, str] = {}
    for v in visits:
        key, label = period_of(v.date, grain, problem.rules.week_first_day)
        labels[key] = label
        if by_officer:
            for o in v.officer_ids:
                groups.setdefault((key, o), []).append((v, 1))
        else:
            per_office: dict[int, int] = {}
            for o in v.officer_ids:
                office = index.officers[o].officer.office_id if o in index.officers else -1
                per_office[office] = per_office.get(office, 0) + 1
            for office, people in per_office.items():
                groups.setdefault((key, office), []).append((v, people))
    lines = []
    for (key, owner), items in sorted(groups.items()):
        if by_officer:
            name = index.officers[owner].officer.name if owner in index.officers else str(owner)
        else:
            name = index.offices[owner].name if owner in index.offices else "其他"
        vs = tuple(v for v, _ in items)
        lines.append(
            PlanLine(
                grain,
                key,
                labels[key],
                owner,
                name,
                len(vs),
                len({v.enterprise_id for v in vs}),
                sum(p for _, p in items),
                sum(1 for v in vs if v.is_joint),
                vs,
            )
        )
    return lines


def office_plan(problem: ScheduleProblem, visits: Sequence[Visit], grain: str = "month") -> list[PlanLine]:
    """Per office and period: entries it takes part in, enterprises, its person-days."""
    return _lines(problem, visits, grain, by_officer=False)


def officer_plan(problem: ScheduleProblem, visits: Sequence[Visit], grain: str = "week") -> list[PlanLine]:
    """Per officer and period: their entries (each one person-day)."""
    return _lines(problem, visits, grain, by_officer=True)


def officer_load(problem: ScheduleProblem, visits: Sequence[Visit]) -> dict[int, int]:
    """Person-days per officer over the year (officers with no entry included, at 0)."""
    load = {s.id: 0 for s in problem.officers}
    for v in visits:
        for o in v.officer_ids:
            load[o] = load.get(o, 0) + 1
    return load


def usable_capacity(problem: ScheduleProblem, officer: OfficerSupply) -> int:
    """Inspection person-days the officer can really give: each quarter's share of the workday sheet's figure,
    but no more than the working days that quarter they are present and certified."""
    shares = quarter_capacity(problem, officer.id)
    present = [0, 0, 0, 0]
    for t in problem.working_days:
        if t.year == problem.year and t not in officer.unavailable and officer.officer.certified_on(t):
            present[quarter_of(t.month) - 1] += 1
    return sum(
        min(s, p * problem.rules.entries_per_officer_day) for s, p in zip(shares, present, strict=True)
    )


def load_spread(problem: ScheduleProblem, visits: Sequence[Visit]) -> float:
    """Largest gap, within one office, between two officers' shares of their usable inspection capacity
    (percentage points): officers with more leave, other duties or a lapsing certificate carry less. Mine
    specialists are left out: their weeks go to patrols."""
    load = officer_load(problem, visits)
    by_office: dict[int, list[float]] = {}
    for s in problem.officers:
        o = s.officer
        usable = usable_capacity(problem, s) if o.enforcement_eligible and o.certificate_no else 0
        if usable > 0 and not o.is_mine_specialist:
            by_office.setdefault(s.officer.office_id, []).append(100 * load[s.id] / usable)
    return round(max((max(v) - min(v) for v in by_office.values() if v), default=0.0), 1)
