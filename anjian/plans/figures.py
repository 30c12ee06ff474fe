"""The compiled plan's counts in the shape the workday review compares against (units, visits, windows)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from anjian.planning.workdays import PlanFigures, PlanUnits, WindowGroup


@dataclass(frozen=True)
class EntryFigure:
    category: str  # key / general
    sector: str  # industry code of the sector (coal_mine ...)
    visits: int
    quarters: tuple[int, ...]
    seq: int


def plan_figures(entries: Iterable[EntryFigure], stated: PlanFigures | None) -> PlanFigures:
    """Units and visits per (kind, sector) and the key tables' window groups; printed shares kept from `stated`."""
    entries = list(entries)
    units: Counter[tuple[str, str]] = Counter()
    visits: Counter[tuple[str, str]] = Counter()
    for e in entries:
        units[e.category, e.sector] += 1
        visits[e.category, e.sector] += e.visits
    windows = [
        WindowGroup(e.sector, str(e.seq), e.visits, e.quarters)
        for e in sorted(entries, key=lambda e: (e.sector, e.seq))
        if e.category == "key" and e.quarters
    ]
    return PlanFigures(
        units=tuple(
            PlanUnits(kind, sector, n, visits[kind, sector]) for (kind, sector), n in sorted(units.items())
        ),
        windows=tuple(windows),
        stated_key_share=stated.stated_key_share if stated else None,
        stated_general_share=stated.stated_general_share if stated else None,
        share_wording=stated.share_wording if stated else "",
        source="编制结果",
    )
