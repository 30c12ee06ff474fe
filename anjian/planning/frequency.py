"""Visits per year for each classified enterprise, with one quarter window per visit (docs/business-rules.md §6).

Contract of `plan_frequencies(classified, enterprises, *, pack, overrides=())`:
- Each Classification gets one Frequency from the most specific matching `frequency.rules.*` rule: the rule
  with the most criteria wins; on a tie the lower pack in the chain (city before province before national),
  then the rule written first. No matching rule → an error Finding and no Frequency.
- A rule's `windows` give each visit its allowed quarters (a window is not a visit count); without them the
  visits are spread evenly over the year.
- A VisitsOverride with a reason replaces the rule's visits (and windows); without a reason it is refused.
- A key unit planned below `frequency.min_visits_key` gets an error Finding.
Caps are not applied here: the ledger (ledger.py) sums every level's visits against them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from anjian.planning.caps import is_high_risk
from anjian.planning.classify import Category, Classification, ClassifyResult
from anjian.planning.facts import Enterprise
from anjian.planning.findings import Finding, Severity
from anjian.planning.reasons import CATEGORY_LABELS, enterprise_matches
from anjian.planning.rules import Rule, RulePack

FREQ_NO_RULE = "{name}（{category}）没有适用的检查频次规则，请在规则包中补充或人工确定频次"
FREQ_BELOW_KEY_MINIMUM = "{name}为重点检查单位，全年计划检查{visits}次，少于每年至少{minimum}次的要求"
FREQ_OVERRIDE_NO_REASON = "{name}的人工频次调整（{visits}次）未填写理由，未予采纳"
FREQ_BAD_WINDOWS = "{where}的季度窗口 {windows} 与检查次数 {visits} 不符：应每次一个窗口，季度取 1—4"

QUARTER_WORDS = "一二三四"
PAYLOAD = {"visits", "windows", "note"}
OWN_CRITERIA = {"category", "reason", "high_risk"}

Windows = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class VisitsOverride:
    """A bureau's own number of visits for one enterprise; `reason` must not be empty."""

    enterprise_id: int
    visits: int
    reason: str
    by: str
    windows: Windows = ()


@dataclass(frozen=True)
class Frequency:
    enterprise_id: int
    category: Category
    visits: int
    windows: Windows  # one tuple of allowed quarters (1–4) per visit
    basis: str
    rule_key: str
    override: VisitsOverride | None = None

    @property
    def quarters(self) -> tuple[int, ...]:
        return tuple(sorted({q for w in self.windows for q in w}))

    @property
    def quarters_text(self) -> str:
        return quarters_text(self.quarters)


@dataclass(frozen=True)
class PlanTotals:
    key_units: int
    key_visits: int
    general_units: int
    general_visits: int

    @property
    def total_units(self) -> int:
        return self.key_units + self.general_units

    @property
    def total_visits(self) -> int:
        return self.key_visits + self.general_visits


@dataclass(frozen=True)
class FrequencyResult:
    frequencies: tuple[Frequency, ...]
    findings: tuple[Finding, ...]

    def of(self, enterprise_id: int) -> Frequency | None:
        return next((f for f in self.frequencies if f.enterprise_id == enterprise_id), None)

    @property
    def totals(self) -> PlanTotals:
        key = [f for f in self.frequencies if f.category == Category.KEY]
        general = [f for f in self.frequencies if f.category == Category.GENERAL]
        return PlanTotals(len(key), sum(f.visits for f in key), len(general), sum(f.visits for f in general))


def quarters_text(quarters: Iterable[int]) -> str:
    """第二、四季度 — as the seeds print a 检查时间 cell; '' for no quarter."""
    qs = sorted(set(quarters))
    return "第" + "、".join(QUARTER_WORDS[q - 1] for q in qs) + "季度" if qs else ""


def spread(visits: int) -> Windows:
    """Even windows: 4 → each quarter, 2 → each half, 1 → the whole year; otherwise the whole year each."""
    if visits <= 0:
        return ()
    if 4 % visits == 0:
        size = 4 // visits
        return tuple(tuple(range(i * size + 1, (i + 1) * size + 1)) for i in range(visits))
    if visits % 4 == 0:
        return tuple((q,) for q in (1, 2, 3, 4) for _ in range(visits // 4))
    return tuple((1, 2, 3, 4) for _ in range(visits))


def _windows(raw: Any, visits: int) -> Windows | None:
    """The windows as written, or None when they do not fit the visits."""
    if not raw:
        return spread(visits)
    try:
        windows = tuple(tuple(int(q) for q in w) for w in raw)
    except (TypeError, ValueError):
        return None
    ok = len(windows) == visits and all(w and all(1 <= q <= 4 for q in w) for w in windows)
    return windows if ok else None


def _as_set(value: Any) -> set[str]:
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def _rule_matches(
    rule: Rule, e: Enterprise, c: Classification, pack: RulePack, classified: ClassifyResult
) -> bool:
    spec: Mapping[str, Any] = rule.value
    if "category" in spec and c.decision.value not in _as_set(spec["category"]):
        return False
    if "reason" in spec and not _as_set(spec["reason"]) & {r.value for r in c.codes}:
        return False
    if "high_risk" in spec and bool(spec["high_risk"]) != is_high_risk(e, pack):
        return False
    criteria = {k: v for k, v in spec.items() if k not in PAYLOAD | OWN_CRITERIA}
    return enterprise_matches(e, criteria, classified.reference_date, rule.key)


def matching_rule(
    e: Enterprise, c: Classification, pack: RulePack, classified: ClassifyResult
) -> Rule | None:
    """The most specific `frequency.rules.*` rule for `e` (see the module contract)."""
    order = {key: i for i, key in enumerate(pack.rules)}
    best: tuple[int, int, int] | None = None
    chosen: Rule | None = None
    for rule in pack.section("frequency.rules").values():
        if not _rule_matches(rule, e, c, pack, classified):
            continue
        rank = (-len(set(rule.value) - PAYLOAD), pack.chain.index(rule.pack), order[rule.key])
        if best is None or rank < best:
            best, chosen = rank, rule
    return chosen


def _finding(code: str, severity: Severity, message: str, eid: int | None, basis: str = "") -> Finding:
    return Finding(code, severity, "", message, enterprise_id=eid, basis=basis, source="frequency")


def plan_frequencies(
    classified: ClassifyResult,
    enterprises: Iterable[Enterprise],
    *,
    pack: RulePack,
    overrides: Iterable[VisitsOverride] = (),
) -> FrequencyResult:
    """One Frequency per classified enterprise (see the module contract), in classification order."""
    by_id = {e.id: e for e in enterprises}
    wanted = {o.enterprise_id: o for o in overrides}
    minimum = int(pack.value("frequency.min_visits_key"))
    frequencies: list[Frequency] = []
    findings: list[Finding] = []
    for c in classified.classifications:
        e = by_id[c.enterprise_id]
        rule = matching_rule(e, c, pack, classified)
        if rule is None:
            message = FREQ_NO_RULE.format(name=e.name, category=CATEGORY_LABELS[c.decision])
            findings.append(_finding("freq_no_rule", Severity.ERROR, message, e.id))
            continue
        visits = int(rule.value["visits"])
        windows = _windows(rule.value.get("windows"), visits)
        if windows is None:
            message = FREQ_BAD_WINDOWS.format(
                where=rule.key, windows=rule.value.get("windows"), visits=visits
            )
            findings.append(_finding("freq_bad_windows", Severity.ERROR, message, e.id, rule.citation))
            windows = spread(visits)
        f = Frequency(e.id, c.decision, visits, windows, rule.citation, rule.key)
        if (o := wanted.get(e.id)) is not None:
            f = _apply_override(e, f, o, findings)
        if f.category == Category.KEY and f.visits < minimum:
            message = FREQ_BELOW_KEY_MINIMUM.format(name=e.name, visits=f.visits, minimum=minimum)
            basis = pack.rule("frequency.min_visits_key").citation
            findings.append(_finding("freq_below_key_minimum", Severity.ERROR, message, e.id, basis))
        frequencies.append(f)
    return FrequencyResult(tuple(frequencies), tuple(findings))


def _apply_override(e: Enterprise, f: Frequency, o: VisitsOverride, findings: list[Finding]) -> Frequency:
    if not o.reason.strip():
        message = FREQ_OVERRIDE_NO_REASON.format(name=e.name, visits=o.visits)
        findings.append(_finding("freq_override_no_reason", Severity.ERROR, message, e.id))
        return f
    windows = _windows(o.windows, o.visits)
    if windows is None:
        message = FREQ_BAD_WINDOWS.format(
            where=f"{e.name}的人工频次调整", windows=list(o.windows), visits=o.visits
        )
        findings.append(_finding("freq_bad_windows", Severity.ERROR, message, e.id))
        return f
    basis = f"人工确定：{o.reason.strip()}（{o.by}）"
    return Frequency(e.id, f.category, o.visits, windows, basis, f.rule_key, o)
