"""Sheet against plan: a team costing more visits than the plan has for a kind and sector, intra-departmental
random units costed but counted nowhere in the plan, the same named count differing between lines, and
quarter windows fewer than the visits they must hold (more windows than visits is harmless)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from anjian.planning.review.findings import Finding, Severity, Where, at_item
from anjian.planning.rules import RulePack
from anjian.planning.workdays.compute import SheetResult
from anjian.planning.workdays.model import KIND_LABELS, SECTOR_LABELS, number_text

PLAN_VISITS_EXCEEDED = "{team}测算{kind}{sector} {sheet} 次，多于计划的 {units} 户 {visits} 次"
RANDOM_NOT_IN_PLAN = "部门内“双随机”检查 {units} 户计入了工作日，但计划的重点、一般检查单位数中没有这些单位"
COUNT_DISAGREES = "同一口径“{name}”的数量不一致：本项为 {value}，{other_where} 为 {other}"
COUNTS_SUM_MISMATCH = "本项列出的分项数量合计 {total}，既不等于户数 {units}，也不等于检查次数 {visits}"
WINDOWS_FEWER = (
    "{sector}重点检查安排表第 {rows} 行每户检查 {visits} 次，但检查时间只列了 {n} 个季度（{quarters}）"
)
QUARTER_NAMES = "一二三四"


def check_plan_visits(result: SheetResult, pack: RulePack) -> list[Finding]:
    plan = result.sheet.plan
    if plan is None:
        return []
    planned = {(u.kind, u.sector): u for u in plan.units if u.sector != "mixed"}
    in_plan_kinds = {u.kind for u in plan.units}
    found = []
    for t in result.teams:
        costed: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for item in t.team.items:
            visits = item.planned_visits
            if visits is not None:
                costed[(item.kind, item.sector)] += visits
            if item.kind == "random" and "random" not in in_plan_kinds and item.units is not None:
                found.append(
                    Finding(
                        "random_not_in_plan",
                        Severity.WARNING,
                        at_item(t.team, item),
                        RANDOM_NOT_IN_PLAN.format(units=number_text(item.units)),
                    )
                )
        for (kind, sector), visits in costed.items():
            u = planned.get((kind, sector))
            if u is not None and visits > u.visits:
                found.append(
                    Finding(
                        "plan_visits_exceeded",
                        Severity.WARNING,
                        Where(team=t.team.name),
                        PLAN_VISITS_EXCEEDED.format(
                            team=t.team.name,
                            kind=KIND_LABELS.get(kind, kind),
                            sector=SECTOR_LABELS.get(sector, sector),
                            sheet=number_text(visits),
                            units=u.units,
                            visits=u.visits,
                        ),
                    )
                )
    return found


def check_counts(result: SheetResult, pack: RulePack) -> list[Finding]:
    """Named counts (e.g. 市直管煤矿) must agree wherever they are stated, and an item's parts should add up
    to its units or its visits."""
    first: dict[str, tuple[Decimal, str]] = {}
    found = []
    for t in result.teams:
        for item in t.team.items:
            where = at_item(t.team, item)
            for name, value in item.counts:
                if name not in first:
                    first[name] = (value, str(where))
                elif first[name][0] != value:
                    found.append(
                        Finding(
                            "count_disagrees",
                            Severity.WARNING,
                            where,
                            COUNT_DISAGREES.format(
                                name=name,
                                value=number_text(value),
                                other_where=first[name][1],
                                other=number_text(first[name][0]),
                            ),
                        )
                    )
            total = sum((v for _, v in item.counts), Decimal(0))
            if len(item.counts) > 1 and total not in (item.units, item.planned_visits):
                found.append(
                    Finding(
                        "counts_sum_mismatch",
                        Severity.WARNING,
                        where,
                        COUNTS_SUM_MISMATCH.format(
                            total=number_text(total),
                            units=number_text(item.units or Decimal(0)),
                            visits=number_text(item.planned_visits or Decimal(0)),
                        ),
                    )
                )
    return found


def check_windows(result: SheetResult, pack: RulePack) -> list[Finding]:
    plan = result.sheet.plan
    found = []
    for w in plan.windows if plan else ():
        if len(w.quarters) < w.visits:
            quarters = "、".join(f"第{QUARTER_NAMES[q - 1]}季度" for q in w.quarters) or "无"
            found.append(
                Finding(
                    "windows_fewer_than_visits",
                    Severity.WARNING,
                    Where(
                        section=f"{SECTOR_LABELS.get(w.sector, w.sector)}重点检查安排表",
                        item=f"第 {w.rows} 行",
                    ),
                    WINDOWS_FEWER.format(
                        sector=SECTOR_LABELS.get(w.sector, w.sector),
                        rows=w.rows,
                        visits=w.visits,
                        n=len(w.quarters),
                        quarters=quarters,
                    ),
                )
            )
    return found
