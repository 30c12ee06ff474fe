"""Every row of the cap tables as cap_for gives it: value, label, the rule and its citation, and the findings
in full (code, severity, enterprise, basis, source), so that the ledger and the documents can rely on each."""

import dataclasses
import datetime as dt

import pytest

from anjian.planning.caps import (
    CAP_GRADE_EXPIRED,
    CAP_MINE_CLASS_MISSING,
    CAP_NO_TABLE,
    Cap,
    cap_for,
    effective_grade,
    is_high_risk,
)
from anjian.planning.classify import Finding, Severity
from anjian.planning.facts import Enterprise, Industry, StdGrade
from anjian.planning.rules import load_pack

ON = dt.date(2025, 1, 1)
SHANXI = load_pack("shanxi")
HIGH, LOW = SHANXI.rule("caps.high_risk_by_grade"), SHANXI.rule("caps.non_high_risk_by_grade")


def firm(industry=Industry.HAZCHEM, **kw) -> Enterprise:
    return Enterprise(7, "某公司", 3, industry, **kw)


def without(pack, *prefixes):
    return dataclasses.replace(
        pack, rules={k: r for k, r in pack.rules.items() if not k.startswith(prefixes)}
    )


@pytest.mark.parametrize(
    ("grade", "label", "high_cap", "low_cap"),
    [(StdGrade.FIRST, "一级", 2, 1), (StdGrade.SECOND, "二级", 4, 2), (StdGrade.THIRD, "三级", 8, 4),
     (StdGrade.NONE, "未定级", 12, 6)],
)  # fmt: skip
def test_every_grade_row_of_both_tables(grade, label, high_cap, low_cap):
    high = cap_for(firm(std_grade=grade), SHANXI, ON)
    assert high == Cap(
        high_cap, f"高危行业·标准化{label}", HIGH.citation, "caps.high_risk_by_grade", True, ()
    )
    low = cap_for(firm(Industry.OTHER, std_grade=grade), SHANXI, ON)
    assert low == Cap(
        low_cap, f"非高危行业·标准化{label}", LOW.citation, "caps.non_high_risk_by_grade", False, ()
    )
    assert not high.blocked and not low.blocked


@pytest.mark.parametrize(("industry", "key", "sector", "attr"), [
    (Industry.COAL_MINE, "caps.coal_mine_by_class", "煤矿", "coal_class"),
    (Industry.NONCOAL_MINE, "caps.noncoal_mine_by_class", "非煤矿山", "noncoal_class"),
])  # fmt: skip
def test_mines_are_capped_by_class_whatever_its_case_or_spaces(industry, key, sector, attr):
    rule = SHANXI.rule(key)
    for written, cls in (("A", "A"), (" b ", "B"), ("c", "C"), ("D", "D")):
        cap = cap_for(firm(industry, **{attr: written}, std_grade=StdGrade.FIRST), SHANXI, ON)
        assert cap == Cap(rule.value[cls], f"{sector}{cls}类", rule.citation, key, None, ())


def test_a_mine_without_its_class_is_blocked_with_a_full_finding():
    rule = SHANXI.rule("caps.noncoal_mine_by_class")
    cap = cap_for(firm(Industry.NONCOAL_MINE, noncoal_class="E"), SHANXI, ON)
    message = CAP_MINE_CLASS_MISSING.format(
        name="某公司", sector="非煤矿山", class_name="非煤矿山安全风险等级"
    )
    assert cap == Cap(
        None, "非煤矿山未分类", rule.citation, "caps.noncoal_mine_by_class",
        findings=(Finding("cap_mine_class_missing", Severity.ERROR, "", message, basis=rule.citation, source="ledger", enterprise_id=7),),
    )  # fmt: skip
    assert cap.blocked


def test_a_pack_without_a_table_warns_and_caps_nothing():
    coal = cap_for(firm(Industry.COAL_MINE, coal_class="A"), without(SHANXI, "caps.coal_mine_by_class"), ON)
    warn = CAP_NO_TABLE.format(sector="煤矿", name="某公司")
    assert coal == Cap(
        None,
        "煤矿",
        "",
        findings=(Finding("cap_no_table", Severity.WARNING, "", warn, source="ledger", enterprise_id=7),),
    )
    assert not coal.blocked
    other = cap_for(firm(Industry.OTHER), without(SHANXI, "caps.non_high_risk_by_grade"), ON)
    warn = CAP_NO_TABLE.format(sector="非高危行业", name="某公司")
    assert other == Cap(
        None, "非高危行业", "", high_risk=False,
        findings=(Finding("cap_no_table", Severity.WARNING, "", warn, source="ledger", enterprise_id=7),),
    )  # fmt: skip


def test_a_grade_is_valid_through_its_last_day_and_then_counts_as_ungraded():
    last_day = firm(std_grade=StdGrade.FIRST, std_grade_valid_until=ON)
    assert effective_grade(last_day, ON) == StdGrade.FIRST
    assert cap_for(last_day, SHANXI, ON) == Cap(
        2, "高危行业·标准化一级", HIGH.citation, "caps.high_risk_by_grade", True
    )
    expired = firm(std_grade=StdGrade.FIRST, std_grade_valid_until=ON - dt.timedelta(days=1))
    assert effective_grade(expired, ON) == StdGrade.NONE
    note = CAP_GRADE_EXPIRED.format(name="某公司", date="2024年12月31日")
    assert cap_for(expired, SHANXI, ON).findings == (
        Finding(
            "cap_grade_expired",
            Severity.INFO,
            "",
            note,
            basis=HIGH.citation,
            source="ledger",
            enterprise_id=7,
        ),
    )
    ungraded = firm(std_grade=StdGrade.NONE, std_grade_valid_until=ON - dt.timedelta(days=1))
    assert cap_for(ungraded, SHANXI, ON).findings == ()  # nothing expired that was not already 未定级


def test_high_risk_follows_the_packs_industries_and_flags_or_the_override():
    no_scope = without(SHANXI, "caps.high_risk_scope")
    assert not is_high_risk(firm(), no_scope) and not is_high_risk(firm(flag_metal_smelting=True), no_scope)
    assert is_high_risk(firm(high_risk_override=True), no_scope)
    dust = dataclasses.replace(
        SHANXI,
        rules={**SHANXI.rules, "caps.high_risk_scope.flags": dataclasses.replace(
            SHANXI.rule("caps.high_risk_scope.flags"), value=["combustible_dust", "two_keys_one_major"])},
    )  # fmt: skip
    assert is_high_risk(firm(Industry.METALLURGY_TRADE, flag_combustible_dust=True), dust)
    assert is_high_risk(firm(Industry.PHARMA, flag_major_source=True), dust)
    assert not is_high_risk(firm(Industry.METALLURGY_TRADE, flag_metal_smelting=True), dust)
    assert not is_high_risk(firm(Industry.METALLURGY_TRADE), dust)
