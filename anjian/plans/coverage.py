"""The plan's key/general shares on its own basis and its coverage of the required unit-visits (应检查户次).

One computation for the review, `plan show`, the web pages and the documents, so all print the same figures:
the basis (visits, units or supervision workdays) and the decimals come from plan.toml (`[plan] share_base`,
`share_decimals`), the rounding mode from the rule pack (half-up by default); coverage = planned / required.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from anjian.planning.rules import RulePack
from anjian.planning.workdays.shares import BASE_LABELS, ShareRule, percent, share_pair, share_rule

from .config import PlanConfig

COVERAGE_BELOW = "计划检查 {planned} 户次，低于应检查户次 {required}，覆盖率 {pct}%（未达到 100%）"
WORKDAY_KINDS = {"key": ("key",), "general": ("general",)}  # as the review's key_general_counts
PLAN_SETTING_SOURCE = "本局编制参数：[plan] {name} = {value}（依据{rule}）"


@dataclass(frozen=True)
class PlanShares:
    basis: str  # visits | units | workdays
    key: Decimal  # the counted key visits, units or workdays
    general: Decimal
    key_pct: Decimal
    general_pct: Decimal

    @property
    def basis_label(self) -> str:
        return BASE_LABELS[self.basis]

    def as_dict(self) -> dict[str, str]:
        return {
            "basis": self.basis, "basis_label": self.basis_label, "key": str(self.key),
            "general": str(self.general), "key_pct": str(self.key_pct), "general_pct": str(self.general_pct),
        }  # fmt: skip


def plan_pack(pack: RulePack, config: PlanConfig) -> RulePack:
    """The pack with the plan's own share basis and decimals, so the review compares shares as the plan states
    them (on visits or on supervision workdays) and with the decimals it prints."""
    rules = dict(pack.rules)
    for key, name, value in (
        ("workdays.shares.base", "share_base", config.share_base),
        ("workdays.shares.decimals", "share_decimals", config.share_decimals),
    ):
        rule = rules[key]
        source = PLAN_SETTING_SOURCE.format(name=name, value=value, rule=rule.source)
        rules[key] = replace(rule, value=value, source=source, mark="S")
    return replace(pack, rules=rules)


def plan_share_rule(config: PlanConfig, pack: RulePack) -> ShareRule:
    return replace(share_rule(pack), base=config.share_base, decimals=config.share_decimals)


def supervision_workdays_by_kind(sheets: list[dict]) -> dict[str, Decimal]:
    """Key and general supervision workdays over every team's sheet items (as saved in WorkdaySheet.data)."""
    out = {"key": Decimal(0), "general": Decimal(0)}
    for data in sheets:
        for item in data.get("items", ()):
            if item.get("category") != "supervision":
                continue
            for name, kinds in WORKDAY_KINDS.items():
                if item.get("kind") in kinds:
                    out[name] += Decimal(item["days"])
    return out


def plan_shares(summary: dict, sheets: list[dict], config: PlanConfig, pack: RulePack) -> PlanShares:
    rule = plan_share_rule(config, pack)
    if rule.base == "workdays":
        days = supervision_workdays_by_kind(sheets)
        key, general = days["key"], days["general"]
    elif rule.base == "units":
        key, general = Decimal(summary["key_units"]), Decimal(summary["general_units"])
    else:
        key, general = Decimal(summary["key_visits"]), Decimal(summary["general_visits"])
    pcts = share_pair(key, general, rule) if key + general else (Decimal(0), Decimal(0))
    return PlanShares(rule.base, key, general, pcts[0], pcts[1])


def coverage(summary: dict, config: PlanConfig, pack: RulePack) -> dict[str, object]:
    """required_visits, planned_visits and coverage_pct (None when the plan states no requirement)."""
    planned = int(summary["key_visits"]) + int(summary["general_visits"])
    required = config.required_visits
    pct = percent(planned, required, plan_share_rule(config, pack)) if required else None
    return {
        "required_visits": required,
        "planned_visits": planned,
        "coverage_pct": None if pct is None else str(pct),
    }
