"""Frequency cap of one enterprise per year, summed over province, city and county (docs/business-rules.md §6).

Contract of `cap_for(e, pack, on)`:
- Mines (coal; non-coal, tailings ponds included) are capped by class A–D when the pack has that table. A mine
  without a valid class gets no cap and a blocking Finding: planning must not go on without it.
- Every other enterprise is capped by its standardisation grade on `on` (missing or expired = 未定级) in the
  high-risk or the non-high-risk table. High-risk is the pack's scope (`caps.high_risk_scope.industries` and
  `.flags`) unless `Enterprise.high_risk_override` is set.
- A sector the pack has no table for gets no cap and a warning; every number comes with its citation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from anjian.planning.facts import Enterprise, Industry, StdGrade
from anjian.planning.findings import Finding, Severity
from anjian.planning.reasons import cn_date
from anjian.planning.rules import RulePack

CAP_MINE_CLASS_MISSING = (
    "{name}为{sector}，未录入{class_name}（A、B、C、D类），无法确定频次上限，不能编制计划"
)
CAP_NO_TABLE = "规则包未规定{sector}的频次上限，{name}的检查次数不作上限校验"
CAP_GRADE_EXPIRED = "{name}的安全生产标准化等级证书已于{date}到期，按未定级确定频次上限"

GRADE_LABELS = {
    StdGrade.FIRST: "一级",
    StdGrade.SECOND: "二级",
    StdGrade.THIRD: "三级",
    StdGrade.NONE: "未定级",
}
MINE_TABLES = {
    Industry.COAL_MINE: ("caps.coal_mine_by_class", "煤矿", "煤矿分类", "coal_class"),
    Industry.NONCOAL_MINE: (
        "caps.noncoal_mine_by_class",
        "非煤矿山",
        "非煤矿山安全风险等级",
        "noncoal_class",
    ),
}
FLAG_ATTRS = {
    "metal_smelting": "flag_metal_smelting",
    "combustible_dust": "flag_combustible_dust",
    "key_chem": "flag_key_chem",
    "key_process": "flag_key_process",
    "major_source": "flag_major_source",
    "two_keys_one_major": "two_keys_one_major",
}


@dataclass(frozen=True)
class Cap:
    """The most visits all levels together may make in a year; None when there is no cap to apply."""

    value: int | None
    label: str  # the table row, e.g. 高危行业·标准化一级 / 非煤矿山D类
    basis: str
    rule_key: str = ""
    high_risk: bool | None = None  # None for mines
    findings: tuple[Finding, ...] = ()

    @property
    def blocked(self) -> bool:
        return any(f.severity == Severity.ERROR for f in self.findings)


def _finding(code: str, severity: Severity, e: Enterprise, message: str, basis: str = "") -> Finding:
    return Finding(code, severity, "", message, basis, "ledger", enterprise_id=e.id)


def is_high_risk(e: Enterprise, pack: RulePack) -> bool:
    """The enterprise's own override, else the pack's scope by industry or flag."""
    if e.high_risk_override is not None:
        return e.high_risk_override
    if e.industry.value in pack.get("caps.high_risk_scope.industries", []):
        return True
    return any(bool(getattr(e, FLAG_ATTRS[flag])) for flag in pack.get("caps.high_risk_scope.flags", []))


def effective_grade(e: Enterprise, on: dt.date) -> StdGrade:
    """The standardisation grade valid on `on`: an expired certificate counts as 未定级."""
    if e.std_grade_valid_until is not None and e.std_grade_valid_until < on:
        return StdGrade.NONE
    return e.std_grade


def _mine_cap(e: Enterprise, pack: RulePack) -> Cap:
    key, sector, class_name, attr = MINE_TABLES[e.industry]
    if key not in pack.rules:
        msg = CAP_NO_TABLE.format(sector=sector, name=e.name)
        return Cap(
            None,
            sector,
            "",
            findings=(_finding("cap_no_table", Severity.WARNING, e, msg),),
        )
    rule = pack.rule(key)
    mine_class = str(getattr(e, attr)).strip().upper()
    if mine_class not in rule.value:
        msg = CAP_MINE_CLASS_MISSING.format(name=e.name, sector=sector, class_name=class_name)
        missing = _finding("cap_mine_class_missing", Severity.ERROR, e, msg, rule.citation)
        return Cap(None, f"{sector}未分类", rule.citation, key, findings=(missing,))
    return Cap(int(rule.value[mine_class]), f"{sector}{mine_class}类", rule.citation, key)


def cap_for(e: Enterprise, pack: RulePack, on: dt.date) -> Cap:
    """The cap of `e` for the year containing `on` (see the module contract)."""
    if e.industry in MINE_TABLES:
        return _mine_cap(e, pack)
    high = is_high_risk(e, pack)
    key = "caps.high_risk_by_grade" if high else "caps.non_high_risk_by_grade"
    sector = "高危行业" if high else "非高危行业"
    if key not in pack.rules:
        msg = CAP_NO_TABLE.format(sector=sector, name=e.name)
        warn = _finding("cap_no_table", Severity.WARNING, e, msg)
        return Cap(None, sector, "", high_risk=high, findings=(warn,))
    rule = pack.rule(key)
    grade = effective_grade(e, on)
    notes: tuple[Finding, ...] = ()
    if grade != e.std_grade and e.std_grade_valid_until is not None:
        msg = CAP_GRADE_EXPIRED.format(name=e.name, date=cn_date(e.std_grade_valid_until))
        notes = (_finding("cap_grade_expired", Severity.INFO, e, msg, rule.citation),)
    label = f"{sector}·标准化{GRADE_LABELS[grade]}"
    return Cap(int(rule.value[grade.value]), label, rule.citation, key, high, notes)
