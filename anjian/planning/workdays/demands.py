"""Supervision line items built from a compiled plan's visit demands (the bottom-up method).

The plans service passes one `OfficeDemand` per (office, enterprise, kind) with the visits it
plans, and an `effort` function giving persons, groups and days per visit for an (office, sector,
kind). Demands are grouped by office, sector and kind; each group becomes one line item
units x visits x groups x persons x days, or visits (户次) x groups x persons x days when the
enterprises in the group get different numbers of visits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from anjian.planning.workdays.model import KIND_LABELS, SECTOR_LABELS, Category, LineItem

DEMAND_DUPLICATE = "同一股室对同一单位的同类检查出现两次：{office} / {enterprise}"
DEMAND_NOT_POSITIVE = "检查次数应为正数：{office} / {enterprise} = {visits}"
EFFORT_MISSING = "没有为 {office} 的{sector}{kind}设置每次检查的人数和天数"


@dataclass(frozen=True)
class OfficeDemand:
    """Visits one office plans at one enterprise in the year (joint visits: each office books its own)."""

    office: str
    enterprise_id: int
    sector: str
    kind: str  # key / general / random
    visits: int


@dataclass(frozen=True)
class VisitEffort:
    """Person-days per visit: persons in each group × groups × days (review time included, 含复查)."""

    persons: Decimal
    days: Decimal
    groups: Decimal = Decimal(1)


EffortLookup = Callable[[str, str, str], VisitEffort | None]


def effort_table(table: Mapping[tuple[str, str, str], VisitEffort]) -> EffortLookup:
    """An effort lookup from a table keyed (office, sector, kind); "" in a key position matches anything."""

    def lookup(office: str, sector: str, kind: str) -> VisitEffort | None:
        for key in (
            (office, sector, kind),
            (office, sector, ""),
            (office, "", kind),
            (office, "", ""),
            ("", "", ""),
        ):
            if key in table:
                return table[key]
        return None

    return lookup


def supervision_items(demands: Iterable[OfficeDemand], effort: EffortLookup) -> tuple[LineItem, ...]:
    """One line item per (office, sector, kind) in first-seen order, filed under section (office,).

    Items are numbered 1, 2, ... within each office. Raises ValueError (Chinese message) on a
    duplicate demand, a non-positive visit count or a missing effort.
    """
    groups: dict[tuple[str, str, str], dict[int, int]] = defaultdict(dict)
    for d in demands:
        if d.visits <= 0:
            raise ValueError(
                DEMAND_NOT_POSITIVE.format(office=d.office, enterprise=d.enterprise_id, visits=d.visits)
            )
        group = groups[(d.office, d.sector, d.kind)]
        if d.enterprise_id in group:
            raise ValueError(DEMAND_DUPLICATE.format(office=d.office, enterprise=d.enterprise_id))
        group[d.enterprise_id] = d.visits
    items = []
    numbers: dict[str, int] = defaultdict(int)
    for (office, sector, kind), visits in groups.items():
        numbers[office] += 1
        e = effort(office, sector, kind)
        sector_label, kind_label = SECTOR_LABELS.get(sector, sector), KIND_LABELS.get(kind, kind)
        if e is None:
            raise ValueError(EFFORT_MISSING.format(office=office, sector=sector_label, kind=kind_label))
        per_unit = set(visits.values())
        uniform = len(per_unit) == 1
        units = Decimal(len(visits)) if uniform else None
        total = Decimal(per_unit.pop()) if uniform else Decimal(sum(visits.values()))
        label = (
            f"{kind_label}{sector_label} {len(visits)} 户，每户 {total} 次"
            if uniform
            else f"{kind_label}{sector_label} {len(visits)} 户，共 {total} 户次"
        )
        items.append(
            LineItem(
                category=Category.SUPERVISION,
                label=label,
                section=(office,),
                number=str(numbers[office]),
                kind=kind,
                sector=sector,
                units=units,
                visits=total,
                groups=e.groups,
                persons=e.persons,
                days=e.days,
            )
        )
    return tuple(items)
