"""Shares and coverage on the plan's own basis: the review, `plan show` and the documents use one computation."""

from decimal import Decimal

from anjian.planning.review import review_sheet
from anjian.planning.rules import load_pack
from anjian.planning.workdays import parse_toml, sheet_from_mapping
from anjian.plans.config import PlanConfig
from anjian.plans.coverage import coverage, plan_pack, plan_shares

# Key: 3 units × 1 visit × 4 persons × 2 days = 24 days; general: 6 units × 1 visit × 2 persons × 1 day = 12 days.
# On workdays the key share is 24/36 = 66.7 %; on visits it would be 3/9 = 33.3 %.
SHEET = """
year = 2026
[[teams]]
id = "t"
name = "科室"
officers = 2
[[teams.items]]
category = "supervision"
label = "重点检查"
kind = "key"
units = 3
visits = 1
persons = 4
days = 2
[[teams.items]]
category = "supervision"
label = "一般检查"
kind = "general"
units = 6
visits = 1
persons = 2
days = 1
[plan]
stated_key_share = {key}
stated_general_share = {general}
"""


def review(key, general, config):
    sheet = sheet_from_mapping(parse_toml(SHEET.format(key=key, general=general), "t.toml"), file="t.toml")
    return {f.code for f in review_sheet(sheet, plan_pack(load_pack("national"), config), ["shares"])}


def test_shares_printed_on_workdays_are_reviewed_on_workdays_when_the_plan_says_so():
    workdays = PlanConfig(share_base="workdays", share_decimals=1)
    assert review("66.7", "33.3", workdays) == set()
    assert review("66.6", "33.4", workdays) == {"share_truncated", "share_mismatch"}
    assert "share_mismatch" in review("66.7", "33.3", PlanConfig(share_base="visits", share_decimals=1))


def test_plan_shares_and_coverage_use_the_plans_basis_and_decimals():
    summary = {"key_units": 3, "key_visits": 3, "general_units": 6, "general_visits": 6}
    sheets = [{"items": [
        {"category": "supervision", "kind": "key", "days": "24"},
        {"category": "supervision", "kind": "general", "days": "12"},
        {"category": "supervision", "kind": "random", "days": "6"},
    ]}]  # fmt: skip
    config = PlanConfig(share_base="workdays", share_decimals=2, required_visits=12)
    shares = plan_shares(summary, sheets, config, load_pack("national"))
    assert (shares.basis, shares.key_pct, shares.general_pct) == (
        "workdays",
        Decimal("66.67"),
        Decimal("33.33"),
    )
    assert coverage(summary, config, load_pack("national")) == {
        "required_visits": 12, "planned_visits": 9, "coverage_pct": "75.00",
    }  # fmt: skip
    by_visits = plan_shares(summary, sheets, PlanConfig(share_base="visits"), load_pack("national"))
    assert (by_visits.key_pct, by_visits.general_pct) == (Decimal("33.3"), Decimal("66.7"))
