"""The compiled workday sheets as the scheduler uses them: the line costing each office's part of a plan row
(team size and days) and the line-by-line reconciliation of a schedule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from anjian.planning import facts
from anjian.planning.schedule.costing import (
    LineBalance,
    SheetLine,
    line_for,
    reconcile,
    team_and_days,
)
from anjian.planning.schedule.result import Visit

from .models import PlanVersion


def sheet_lines(version: PlanVersion) -> list[SheetLine]:
    """The supervision lines of the version's compiled sheets (lines compiled before kinds were kept have
    none, so they cost nothing and every visit keeps the pack's minimum team for a day)."""
    lines = []
    for sheet in version.sheets.order_by("pk"):
        team_is = bool(sheet.data.get("enforcement_team"))
        for item in sheet.data.get("items", []):
            if item.get("category") != "supervision" or not item.get("kind"):
                continue
            factors = {k: Decimal(v) for k, v in (item.get("factors") or {}).items()}
            section = item.get("section") or []
            lines.append(
                SheetLine(
                    key=f"{sheet.pk}:{item['key']}", team=sheet.team, enforcement_team=team_is,
                    title=item.get("title", ""), section=section[0] if section else "", kind=item["kind"],
                    sector=item.get("sector", ""), days_total=Decimal(item.get("days") or 0),
                    persons=factors.get("persons"), groups=factors.get("groups"), days=factors.get("days"),
                    units=factors.get("units"), visits=factors.get("visits"), lump=bool(item.get("lump")),
                )
            )  # fmt: skip
    return lines


@dataclass
class Costing:
    """What the sheets give the scheduler, and what it needs to reconcile the schedule afterwards."""

    lines: list[SheetLine]
    min_officers: int
    lump_days_max: int = 5
    demand_line: dict[str, str] = field(default_factory=dict)  # demand id -> line key
    costed: dict[str, tuple[int, Decimal]] = field(default_factory=dict)  # demand id -> (persons, days)

    def parts(
        self, entry_pk: int, category: str, sector: str, offices: Sequence[facts.Office]
    ) -> list[tuple[str, tuple[int, ...], SheetLine | None]]:
        """The row's demands: (demand id, its offices, the line costing them); one per line."""
        groups: dict[str | None, list[facts.Office]] = {}
        found: dict[str, SheetLine] = {}
        for office in offices:
            line = line_for(office.name, office.is_enforcement_team, category, sector, self.lines)
            key = line.key if line else None
            if line:
                found[line.key] = line
            groups.setdefault(key, []).append(office)
        if not groups:
            groups[None] = []
        parts = []
        for n, (key, members) in enumerate(groups.items()):
            demand_id = f"e{entry_pk}" if n == 0 else f"e{entry_pk}.{n}"
            line = found.get(key) if key else None
            if line is not None:
                self.demand_line[demand_id] = line.key
                self.costed[demand_id] = team_and_days(line, self.min_officers, self.lump_days_max)
            parts.append((demand_id, tuple(sorted(o.id for o in members)), line))
        return parts

    def balances(self, visits: Iterable[Visit]) -> list[LineBalance]:
        return reconcile(self.lines, self.demand_line, self.costed, visits)
