"""Computing a workday sheet: per team and consolidated, bottom-up and residual, need vs capacity, shares.

- 总法定工作日 = 国家法定工作日 (formula, `calendar.statutory_workdays`) × enforcing officers.
- bottom-up: each category is the sum of its line items; 实际所需 = 监督检查 + 其他执法 + 非执法.
- residual: 总法定 − 其他执法 − 非执法, the supervision days left over; shown beside the bottom-up figure.
- overtime = need − capacity when positive (slack otherwise). The consolidated view adds the teams' figures;
  its overtime is the sum of the teams' overtime (one team's slack does not do another team's work).
Only computed values here; comparing them with the printed ("stated") ones is the review's job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from anjian.planning.calendar import StatutoryWorkdays, statutory_workdays
from anjian.planning.rules import RulePack
from anjian.planning.workdays.model import Category, LineItem, Team, WorkdaySheet
from anjian.planning.workdays.shares import ShareRule, percent, share_pair, share_rule

ZERO = Decimal(0)


@dataclass(frozen=True)
class Totals:
    officers: int
    total_days: Decimal
    supervision_days: Decimal
    other_enforcement_days: Decimal
    non_enforcement_days: Decimal
    overtime_days: Decimal
    slack_days: Decimal

    @property
    def need_days(self) -> Decimal:
        return self.supervision_days + self.other_enforcement_days + self.non_enforcement_days

    @property
    def residual_supervision_days(self) -> Decimal:
        """Residual method: what capacity leaves for supervision after other and non-enforcement work."""
        return self.total_days - self.other_enforcement_days - self.non_enforcement_days

    def category_days(self, category: Category) -> Decimal:
        return {
            Category.SUPERVISION: self.supervision_days,
            Category.OTHER_ENFORCEMENT: self.other_enforcement_days,
            Category.NON_ENFORCEMENT: self.non_enforcement_days,
        }[category]


@dataclass(frozen=True)
class SectionResult:
    category: Category
    path: tuple[str, ...]
    number: str
    computed: Decimal
    stated: Decimal | None


@dataclass(frozen=True)
class TeamResult:
    team: Team
    totals: Totals
    sections: tuple[SectionResult, ...]
    staff_share: Decimal | None  # officers / staff, rounded per the pack


@dataclass(frozen=True)
class Shares:
    """Key/general shares on `base`; `source` is "plan" (the plan's unit table) or "items"."""

    base: str
    source: str
    key_count: Decimal
    general_count: Decimal
    key: Decimal
    general: Decimal


@dataclass(frozen=True)
class SheetResult:
    sheet: WorkdaySheet
    statutory: StatutoryWorkdays
    teams: tuple[TeamResult, ...]
    consolidated: Totals
    shares: Shares | None
    share_rule: ShareRule

    def team(self, team_id: str) -> TeamResult:
        return next(t for t in self.teams if t.team.id == team_id)


def category_days(items: Iterable[LineItem], category: Category) -> Decimal:
    return sum((i.result for i in items if i.category == category), ZERO)


def section_total(items: Iterable[LineItem], category: Category, path: tuple[str, ...]) -> Decimal:
    """Sum of the items of `category` filed under `path` or any heading below it."""
    n = len(path)
    return sum((i.result for i in items if i.category == category and i.section[:n] == path), ZERO)


def _totals(officers: int, total: Decimal, sup: Decimal, other: Decimal, non: Decimal) -> Totals:
    need = sup + other + non
    return Totals(
        officers=officers,
        total_days=total,
        supervision_days=sup,
        other_enforcement_days=other,
        non_enforcement_days=non,
        overtime_days=max(need - total, ZERO),
        slack_days=max(total - need, ZERO),
    )


DEFAULT_SHARE_RULE = ShareRule()


def compute_team(team: Team, statutory: int, rule: ShareRule = DEFAULT_SHARE_RULE) -> TeamResult:
    """One team's figures; total_days = statutory × officers."""
    totals = _totals(
        team.officers,
        Decimal(statutory) * team.officers,
        category_days(team.items, Category.SUPERVISION),
        category_days(team.items, Category.OTHER_ENFORCEMENT),
        category_days(team.items, Category.NON_ENFORCEMENT),
    )
    sections = tuple(
        SectionResult(s.category, s.path, s.number, section_total(team.items, s.category, s.path), s.stated)
        for s in team.sections
    )
    staff_share = percent(team.officers, team.staff, rule) if team.staff else None
    return TeamResult(team=team, totals=totals, sections=sections, staff_share=staff_share)


def consolidate(results: Iterable[TeamResult]) -> Totals:
    """All teams as one plan: sums of every figure, overtime and slack summed per team."""
    rows = [r.totals for r in results]
    return Totals(
        officers=sum(t.officers for t in rows),
        total_days=sum((t.total_days for t in rows), ZERO),
        supervision_days=sum((t.supervision_days for t in rows), ZERO),
        other_enforcement_days=sum((t.other_enforcement_days for t in rows), ZERO),
        non_enforcement_days=sum((t.non_enforcement_days for t in rows), ZERO),
        overtime_days=sum((t.overtime_days for t in rows), ZERO),
        slack_days=sum((t.slack_days for t in rows), ZERO),
    )


def _item_count(item: LineItem, base: str) -> Decimal:
    if base == "workdays":
        return item.result
    if base == "units":
        return item.units or ZERO
    return item.planned_visits or ZERO


def key_general_counts(sheet: WorkdaySheet, base: str) -> tuple[Decimal, Decimal, str] | None:
    """(key, general, source) counts on `base`: from the plan's unit table when the sheet carries
    one and the base is units or visits, else from the supervision line items of kind key and
    general; None if there are none."""
    plan = sheet.plan
    if plan and base in ("units", "visits") and any(u.kind in ("key", "general") for u in plan.units):
        key = sum((Decimal(getattr(u, base)) for u in plan.units if u.kind == "key"), ZERO)
        general = sum((Decimal(getattr(u, base)) for u in plan.units if u.kind == "general"), ZERO)
        return key, general, "plan"
    items = [i for t in sheet.teams for i in t.items if i.category == Category.SUPERVISION]
    key = sum((_item_count(i, base) for i in items if i.kind == "key"), ZERO)
    general = sum((_item_count(i, base) for i in items if i.kind == "general"), ZERO)
    if not key + general:
        return None
    return key, general, "items"


def compute_shares(sheet: WorkdaySheet, rule: ShareRule, base: str | None = None) -> Shares | None:
    base = base or rule.base
    counts = key_general_counts(sheet, base)
    if counts is None:
        return None
    key, general, source = counts
    key_share, general_share = share_pair(key, general, rule)
    return Shares(base, source, key, general, key_share, general_share)


def compute_sheet(
    sheet: WorkdaySheet, pack: RulePack, statutory: StatutoryWorkdays | None = None
) -> SheetResult:
    """The whole sheet under `pack`: statutory workdays by the formula for sheet.year, every team, the
    consolidated totals and the key/general shares on the pack's base."""
    statutory = statutory or statutory_workdays(sheet.year, pack)
    rule = share_rule(pack)
    teams = tuple(compute_team(t, statutory.value, rule) for t in sheet.teams)
    return SheetResult(
        sheet=sheet,
        statutory=statutory,
        teams=teams,
        consolidated=consolidate(teams),
        shares=compute_shares(sheet, rule),
        share_rule=rule,
    )
