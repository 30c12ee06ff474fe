"""Share checks: each printed share against the pack's rounding (and whether it was truncated instead), the
key/general pair adding up to 100 %, and a share said to be "of enterprises" that is computed on visits."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from anjian.planning.review.findings import Finding, Severity, Where
from anjian.planning.rules import RulePack
from anjian.planning.workdays.compute import SheetResult, key_general_counts
from anjian.planning.workdays.model import number_text
from anjian.planning.workdays.shares import ShareRule, exact_percent, round_percent, share_pair

SHARE_MISMATCH = "{what}印刷为 {stated}%，按 {part}/{whole} = {exact}% 应为 {rounded}%"
SHARE_TRUNCATED = (
    "{what}印刷为 {stated}%，是 {part}/{whole} = {exact}% 截尾所得，按规则四舍五入应为 {rounded}%"
)
SHARE_PAIR_SUM = "重点检查占比 {key}% 与一般检查占比 {general}% 合计 {total}%，不等于 100%"
SHARE_BASE_WORDING = (
    "重点检查占比写作“{wording}”的 {stated}%，实际按检查次数计算（{key}/{whole} 次）；"
    "按单位数计算为 {key_units}/{units} = {unit_share}%"
)
STAFF_SHARE = "执法人员占比"
KEY_SHARE = "重点检查占比"
GENERAL_SHARE = "一般检查占比"


def _compare(
    what: str, stated: Decimal, part: Decimal, whole: Decimal, rule: ShareRule, basis: str, where: Where
) -> list[Finding]:
    exact = exact_percent(part, whole)
    rounded = round_percent(exact, rule)
    if stated == rounded:
        return []
    truncated = round_percent(exact, replace(rule, rounding="truncate"))
    fields = dict(
        what=what,
        stated=number_text(stated),
        part=number_text(part),
        whole=number_text(whole),
        exact=number_text(exact.quantize(Decimal("0.001"))),
        rounded=number_text(rounded),
    )
    if stated == truncated:
        return [Finding("share_truncated", Severity.WARNING, where, SHARE_TRUNCATED.format(**fields), basis)]
    return [Finding("share_mismatch", Severity.ERROR, where, SHARE_MISMATCH.format(**fields), basis)]


def check_shares(result: SheetResult, pack: RulePack) -> list[Finding]:
    rule = result.share_rule
    basis = pack.rule("workdays.shares.rounding").citation
    found = []
    for t in result.teams:
        team = t.team
        if team.staff and team.stated.share_of_staff is not None:
            found += _compare(
                STAFF_SHARE,
                team.stated.share_of_staff,
                Decimal(team.officers),
                Decimal(team.staff),
                rule,
                basis,
                Where(team=team.name),
            )
    plan, shares = result.sheet.plan, result.shares
    if plan is None or shares is None:
        return found
    whole = shares.key_count + shares.general_count
    for what, stated, part in (
        (KEY_SHARE, plan.stated_key_share, shares.key_count),
        (GENERAL_SHARE, plan.stated_general_share, shares.general_count),
    ):
        if stated is not None and whole:
            found += _compare(what, stated, part, whole, rule, basis, Where(section=what))
    if plan.stated_key_share is not None and plan.stated_general_share is not None:
        total = plan.stated_key_share + plan.stated_general_share
        if total != 100:
            found.append(
                Finding(
                    "share_pair_sum",
                    Severity.WARNING,
                    Where(section=KEY_SHARE),
                    SHARE_PAIR_SUM.format(
                        key=number_text(plan.stated_key_share),
                        general=number_text(plan.stated_general_share),
                        total=number_text(total),
                    ),
                    basis,
                )
            )
    words = pack.get("review.share_wording_units", [])
    units = key_general_counts(result.sheet, "units")
    if (
        shares.base == "visits"
        and plan.stated_key_share is not None
        and units
        and any(w in plan.share_wording for w in words)
    ):
        key_units, general_units, _ = units
        unit_share, _ = share_pair(key_units, general_units, rule)
        found.append(
            Finding(
                "share_base_wording",
                Severity.WARNING,
                Where(section=KEY_SHARE),
                SHARE_BASE_WORDING.format(
                    wording=plan.share_wording,
                    stated=number_text(plan.stated_key_share),
                    key=number_text(shares.key_count),
                    whole=number_text(whole),
                    key_units=number_text(key_units),
                    units=number_text(key_units + general_units),
                    unit_share=number_text(unit_share),
                ),
                pack.rule("review.share_wording_units").citation,
            )
        )
    return found
