"""Factor checks: a visits factor left out where the plan (or another team's line) visits each unit
more than once (a note when nothing says how often), supervision lines without persons or days,
and lump sums above the pack's threshold."""

from __future__ import annotations

from decimal import Decimal

from anjian.planning.review.findings import Finding, Severity, at_item
from anjian.planning.rules import RulePack
from anjian.planning.workdays.compute import SheetResult
from anjian.planning.workdays.model import FACTOR_LABELS, KIND_LABELS, SECTOR_LABELS, Category, number_text

MISSING_VISITS_CONFLICT = (
    "未列检查次数，按每户 1 次计算；而{source}中{kind}{sector}每户检查 {expected} 次，本项少计 {missing} 户次"
)
MISSING_FACTOR = "未列{factors}，按 1 计算"
LUMP_ABOVE_THRESHOLD = (
    "按总量估算 {lump} 天{per_unit}，超过提示阈值 {threshold} 天，请列明户数、次数、人数、天数等测算依据"
)
PER_UNIT = "（{units} 户，折合每户 {per} 天）"
PLAN_SOURCE = "计划"
TEAM_SOURCE = "{team}的测算"


def expected_visits(result: SheetResult, kind: str, sector: str) -> tuple[Decimal, str] | None:
    """Visits per unit for (kind, sector): the plan's unit table first, else another line stating it."""
    if sector in ("", "mixed") or not kind:
        return None
    plan = result.sheet.plan
    for u in plan.units if plan else ():
        if u.kind == kind and u.sector == sector and u.units:
            return Decimal(u.visits) / u.units, PLAN_SOURCE
    for t in result.teams:
        for i in t.team.items:
            if i.kind == kind and i.sector == sector and i.visits is not None and i.units is not None:
                return i.visits, TEAM_SOURCE.format(team=t.team.name)
    return None


def check_missing_factors(result: SheetResult, pack: RulePack) -> list[Finding]:
    found = []
    for t in result.teams:
        for item in t.team.items:
            if item.category != Category.SUPERVISION or item.is_lump:
                continue
            if item.units is not None and item.visits is None:
                expected = expected_visits(result, item.kind, item.sector)
                if expected and expected[0] > 1:
                    per, source = expected
                    found.append(
                        Finding(
                            "missing_visits_factor",
                            Severity.WARNING,
                            at_item(t.team, item),
                            MISSING_VISITS_CONFLICT.format(
                                source=source,
                                kind=KIND_LABELS.get(item.kind, item.kind),
                                sector=SECTOR_LABELS.get(item.sector, item.sector),
                                expected=number_text(per),
                                missing=number_text(item.units * (per - 1)),
                            ),
                        )
                    )
                elif expected is None:
                    message = MISSING_FACTOR.format(factors=FACTOR_LABELS["visits"])
                    found.append(Finding("missing_factor", Severity.INFO, at_item(t.team, item), message))
            absent = [FACTOR_LABELS[f] for f in ("persons", "days") if item.factor(f) is None]
            if absent:
                found.append(
                    Finding(
                        "missing_factor",
                        Severity.INFO,
                        at_item(t.team, item),
                        MISSING_FACTOR.format(factors="、".join(absent)),
                    )
                )
    return found


def check_lump_sums(result: SheetResult, pack: RulePack) -> list[Finding]:
    """Lump sums above `review.lump_sum_threshold.<category>` (0 = no check): a warning for supervision,
    where every line should be costed unit by unit, a note elsewhere."""
    found = []
    for t in result.teams:
        for item in t.team.items:
            if item.lump is None:
                continue
            rule = pack.rules.get(f"review.lump_sum_threshold.{item.category.value}")
            if rule is None or not rule.value or item.lump <= Decimal(rule.value):
                continue
            per_unit = (
                PER_UNIT.format(units=number_text(item.units), per=number_text(item.lump / item.units))
                if item.units
                else ""
            )
            severity = Severity.WARNING if item.category == Category.SUPERVISION else Severity.INFO
            found.append(
                Finding(
                    "lump_sum_above_threshold",
                    severity,
                    at_item(t.team, item),
                    LUMP_ABOVE_THRESHOLD.format(
                        lump=number_text(item.lump), per_unit=per_unit, threshold=rule.value
                    ),
                    rule.citation,
                )
            )
    return found
