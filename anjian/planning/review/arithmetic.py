"""Arithmetic checks: every printed product, subtotal, category total and headline figure against
the recomputed one, the statutory-workday formula, overtime (留有余地) and the residual method
beside the bottom-up one."""

from __future__ import annotations

from decimal import Decimal

from anjian.planning.review.findings import Finding, Severity, Where, at_category, at_item, severity_of
from anjian.planning.rules import RulePack
from anjian.planning.workdays.compute import SheetResult, TeamResult
from anjian.planning.workdays.model import CATEGORY_LABELS, Category, number_text

STATUTORY_MISMATCH = "印刷的国家法定工作日为 {stated} 天，按公式应为 {formula} 天"
FORMULA_PART_MISMATCH = "国家法定工作日公式中印刷的{part}为 {stated} 天，{year} 年实际为 {actual} 天"
ITEM_PRODUCT_MISMATCH = "各因子相乘为 {formula} 天，印刷结果为 {stated} 天"
SECTION_SUM_MISMATCH = "各项合计 {computed} 天，印刷小计为 {stated} 天"
CATEGORY_SUM_MISMATCH = "{category}各项合计 {computed} 天，印刷为 {stated} 天"
TOTAL_DAYS_MISMATCH = "总法定工作日应为 {statutory} × {officers} 人 = {computed} 天，印刷为 {stated} 天"
NEED_MISMATCH = "实际所需工作日应为 {sup} + {other} + {non} = {computed} 天，印刷为 {stated} 天"
OVERTIME_MISMATCH = "需加班工作日应为 {need} − {total} = {computed} 天，印刷为 {stated} 天"
OVERTIME = "实际所需工作日 {need} 天超过总法定工作日 {total} 天，需加班 {overtime} 天，计划没有留有余地"
RESIDUAL_DIFFERS = (
    "剩余法：总法定 {total} − 其他执法 {other} − 非执法 {non} = {residual} 天可用于监督检查，"
    "逐项测算需要 {bottom_up} 天，相差 {diff} 天"
)
FORMULA_PARTS = {"days_in_year": "全年天数", "weekend_days": "双休日", "holidays": "法定节假日"}


def n(value: Decimal | int) -> str:
    return number_text(Decimal(value))


def check_statutory_workdays(result: SheetResult, pack: RulePack) -> list[Finding]:
    found = []
    s = result.statutory
    stated = result.sheet.stated_calendar
    if stated is not None:
        actual = {"days_in_year": s.days_in_year, "weekend_days": s.weekend_days, "holidays": s.holidays}
        for part, label in FORMULA_PARTS.items():
            value = getattr(stated, part)
            if value is not None and value != actual[part]:
                found.append(
                    Finding(
                        "formula_part_mismatch",
                        Severity.ERROR,
                        Where(),
                        FORMULA_PART_MISMATCH.format(
                            part=label, stated=value, year=s.year, actual=actual[part]
                        ),
                        s.holiday_rule,
                    )
                )
        if stated.statutory_workdays is not None and stated.statutory_workdays != s.value:
            found.append(
                Finding(
                    "statutory_mismatch",
                    Severity.ERROR,
                    Where(),
                    STATUTORY_MISMATCH.format(stated=stated.statutory_workdays, formula=s.formula()),
                    s.holiday_rule,
                )
            )
    for t in result.teams:
        printed = t.team.stated.statutory_workdays
        if printed is not None and printed != s.value:
            found.append(
                Finding(
                    "statutory_mismatch",
                    Severity.ERROR,
                    Where(team=t.team.name),
                    STATUTORY_MISMATCH.format(stated=n(printed), formula=s.formula()),
                    s.holiday_rule,
                )
            )
    return found


def _printed_or(printed: Decimal | None, computed: Decimal) -> Decimal:
    return computed if printed is None else printed


def _team_sums(t: TeamResult, statutory: int) -> list[Finding]:
    found = []
    team, totals, stated = t.team, t.totals, t.team.stated
    for item in team.items:
        if item.stated is not None and item.result != item.stated:
            found.append(
                Finding(
                    "item_product_mismatch",
                    Severity.ERROR,
                    at_item(team, item),
                    ITEM_PRODUCT_MISMATCH.format(formula=item.formula(), stated=n(item.stated)),
                )
            )
    for s in t.sections:
        if s.stated is not None and s.computed != s.stated:
            found.append(
                Finding(
                    "section_sum_mismatch",
                    Severity.ERROR,
                    at_category(team, s.category, s.path),
                    SECTION_SUM_MISMATCH.format(computed=n(s.computed), stated=n(s.stated)),
                )
            )
    printed = {
        Category.SUPERVISION: stated.supervision_days,
        Category.OTHER_ENFORCEMENT: stated.other_enforcement_days,
        Category.NON_ENFORCEMENT: stated.non_enforcement_days,
    }
    for category, value in printed.items():
        computed = totals.category_days(category)
        if value is not None and value != computed:
            found.append(
                Finding(
                    "category_sum_mismatch",
                    Severity.ERROR,
                    at_category(team, category),
                    CATEGORY_SUM_MISMATCH.format(
                        category=CATEGORY_LABELS[category], computed=n(computed), stated=n(value)
                    ),
                )
            )
    where = Where(team=team.name)
    if stated.total_days is not None and stated.total_days != totals.total_days:
        found.append(
            Finding(
                "total_days_mismatch",
                Severity.ERROR,
                where,
                TOTAL_DAYS_MISMATCH.format(
                    statutory=statutory,
                    officers=team.officers,
                    computed=n(totals.total_days),
                    stated=n(stated.total_days),
                ),
            )
        )
    sup = _printed_or(stated.supervision_days, totals.supervision_days)
    other = _printed_or(stated.other_enforcement_days, totals.other_enforcement_days)
    non = _printed_or(stated.non_enforcement_days, totals.non_enforcement_days)
    if stated.need_days is not None and stated.need_days != sup + other + non:
        found.append(
            Finding(
                "need_mismatch",
                Severity.ERROR,
                where,
                NEED_MISMATCH.format(
                    sup=n(sup),
                    other=n(other),
                    non=n(non),
                    computed=n(sup + other + non),
                    stated=n(stated.need_days),
                ),
            )
        )
    need = _printed_or(stated.need_days, totals.need_days)
    total = _printed_or(stated.total_days, totals.total_days)
    if stated.overtime_days is not None and stated.overtime_days != need - total:
        found.append(
            Finding(
                "overtime_mismatch",
                Severity.ERROR,
                where,
                OVERTIME_MISMATCH.format(
                    need=n(need), total=n(total), computed=n(need - total), stated=n(stated.overtime_days)
                ),
            )
        )
    return found


def check_sums(result: SheetResult, pack: RulePack) -> list[Finding]:
    """Printed figures against recomputed ones; each printed figure is checked against its own inputs as
    printed, so one wrong subtotal is reported once, not again in every total above it."""
    found = []
    for t in result.teams:
        found += _team_sums(t, result.statutory.value)
    return found


def check_overtime(result: SheetResult, pack: RulePack) -> list[Finding]:
    rule = pack.rule("workdays.overtime.severity")
    severity = severity_of(rule.value)
    return [
        Finding(
            "overtime",
            severity,
            Where(team=t.team.name),
            OVERTIME.format(
                need=n(t.totals.need_days), total=n(t.totals.total_days), overtime=n(t.totals.overtime_days)
            ),
            rule.citation,
        )
        for t in result.teams
        if t.totals.overtime_days > 0
    ]


def check_residual(result: SheetResult, pack: RulePack) -> list[Finding]:
    found = []
    for t in result.teams:
        tt = t.totals
        if tt.residual_supervision_days != tt.supervision_days:
            found.append(
                Finding(
                    "residual_differs",
                    Severity.INFO,
                    Where(team=t.team.name),
                    RESIDUAL_DIFFERS.format(
                        total=n(tt.total_days),
                        other=n(tt.other_enforcement_days),
                        non=n(tt.non_enforcement_days),
                        residual=n(tt.residual_supervision_days),
                        bottom_up=n(tt.supervision_days),
                        diff=n(abs(tt.supervision_days - tt.residual_supervision_days)),
                    ),
                )
            )
    return found
