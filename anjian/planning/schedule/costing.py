"""Which workday-sheet line costs each office's part of a plan row, and whether the schedule spends what the
sheet costs, line by line.

Each responsible office of a plan row is costed on one supervision line of its team's sheet: the line of
the row's kind (key / general) and sector, preferring a line in the office's own section (e.g. 办公室's joint
checks) and an exact sector over a mixed one. The offices costed on one line form one demand, so a joint row
(a sector office with 办公室, the bureau's offices with the enforcement team) becomes one demand per line and
the entry's team is the sum of their teams. A line gives persons × groups officers for `days` days; a lump
line (a total without factors) gives each of its units lump ÷ units person-days, by the smallest team that
needs at most the pack's `schedule.visit.lump_days_max` days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from anjian.planning.findings import Finding, Severity
from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.result import Visit

SECTOR_CODES = {  # plan-row sector (as the plan prints it) -> sheet sector code
    "煤矿": "coal_mine",
    "洗选煤": "coal_processing",
    "洗选煤及配煤型煤": "coal_processing",
    "非煤矿山": "noncoal_mine",
    "危险化学品": "hazchem",
    "民爆": "civil_explosives",
    "医药": "pharma",
    "冶金工贸": "metallurgy_trade",
    "培训机构": "training_body",
    "安全生产培训机构": "training_body",
    "安全评价机构": "assessment_body",
}
TOLERANCE = Decimal("0.01")  # a line whose schedule differs by more than 1 % is reported


@dataclass(frozen=True)
class SheetLine:
    """One supervision line of a team's sheet, with its factors as the sheet gives them."""

    key: str
    team: str  # the team's name, e.g. 市应急局机关
    enforcement_team: bool
    title: str  # e.g. 1 重点检查矿井
    section: str  # e.g. 煤矿有关科室
    kind: str  # key / general / random / specialist
    sector: str  # sheet sector code, "mixed" for several
    days_total: Decimal  # the line's supervision days
    persons: Decimal | None = None
    groups: Decimal | None = None
    days: Decimal | None = None
    units: Decimal | None = None
    visits: Decimal | None = None
    lump: bool = False

    @property
    def label(self) -> str:
        where = f" {self.section}" if self.section else ""
        return f"{self.team}{where} {self.title}"


def line_for(
    office: str, is_team: bool, category: str, sector: str, lines: Iterable[SheetLine]
) -> SheetLine | None:
    """The line costing `office`'s part of a row of `category` in `sector` (None when its sheet has none): on
    the sheet named after the office if there is one, else on the bureau's or the enforcement team's."""
    code = SECTOR_CODES.get(sector, sector)
    lines = list(lines)
    named = [line for line in lines if line.team == office]  # a sheet made for this office by name
    best: tuple[int, int, SheetLine] | None = None
    for line in named or lines:
        if (not named and line.enforcement_team != is_team) or line.kind != category:
            continue
        if line.sector not in (code, "mixed"):
            continue
        own_section = int(bool(line.section) and (office in line.section or line.section in office))
        score = (own_section, int(line.sector == code))
        if best is None or score > best[:2]:
            best = (*score, line)
    return best[2] if best else None


def team_and_days(line: SheetLine, min_officers: int, lump_days_max: int = 5) -> tuple[int, Decimal]:
    """Officers per entry and days per officer the line costs. A lump: its person-days per unit, by the
    smallest team (at least the minimum) that needs no more than `lump_days_max` days (22.5 → 5 × 4.5)."""
    if line.lump:
        per_unit = line.days_total / (line.units or Decimal(1))
        teams = (per_unit / max(lump_days_max, 1)).to_integral_value(rounding=ROUND_CEILING)
        team = max(min_officers, int(teams))
        return team, per_unit / team
    persons = (line.persons or Decimal(min_officers)) * (line.groups or Decimal(1))
    return max(int(persons), 1), line.days or Decimal(1)


def visits_per_unit(line: SheetLine) -> int | None:
    """Visits a year the line costs per unit (None when it does not say: a total of visits, or a lump)."""
    if line.lump or line.units is None:
        return None
    return int(line.visits or 1)


@dataclass(frozen=True)
class LineBalance:
    line: SheetLine
    scheduled: Decimal

    @property
    def difference(self) -> Decimal:
        return self.scheduled - self.line.days_total


def demand_person_days(visit: Visit, costed: Mapping[str, tuple[int, Decimal]]) -> dict[str, Decimal]:
    """The visit's person-days per demand: each demand's costed team × days; officers beyond the costed teams
    (the pack's minimum) count for the first demand at the visit's days."""
    parts = {d: costed[d][0] * costed[d][1] for d in visit.demand_ids if d in costed}
    extra = len(visit.officer_ids) - sum(costed[d][0] for d in visit.demand_ids if d in costed)
    if extra > 0 and visit.demand_ids:
        first = visit.demand_ids[0]
        parts[first] = parts.get(first, Decimal(0)) + extra * visit.days
    return parts


def reconcile(
    lines: Sequence[SheetLine],
    demand_line: Mapping[str, str],
    costed: Mapping[str, tuple[int, Decimal]],
    visits: Iterable[Visit],
) -> list[LineBalance]:
    """Scheduled person-days per supervision line (lines nothing was scheduled on included, at 0)."""
    spent: dict[str, Decimal] = {line.key: Decimal(0) for line in lines}
    for v in visits:
        for d, days in demand_person_days(v, costed).items():
            key = demand_line.get(d)
            if key in spent:
                spent[key] += days
    return [LineBalance(line, spent[line.key]) for line in lines]


def line_findings(balances: Iterable[LineBalance]) -> list[Finding]:
    """A warning for each line whose schedule differs from the sheet by more than the tolerance."""
    found = []
    for b in balances:
        sheet = b.line.days_total
        if abs(b.difference) <= TOLERANCE * max(sheet, Decimal(1)):
            continue
        found.append(
            Finding(
                "sheet_line_differs",
                Severity.WARNING,
                b.line.label,
                msg.SHEET_LINE_DIFFERS.format(
                    line=b.line.label,
                    sheet=_num(sheet),
                    scheduled=_num(b.scheduled),
                    difference=_num(b.difference),
                ),
                rule="visit_span",
            )
        )
    return found


def _num(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1')).normalize():f}"
