"""Why an enterprise is a key unit (docs/business-rules.md §5): reason codes, their 备注 text and basis, all from the pack.

`proposed_reasons` is a pure function of (enterprise, pack, plan year, reference date). It returns every key
reason that applies, ordered by the pack's `classification.reason_order` (same code: most recent fact first);
codes missing from that list never apply. Texts come from the pack's templates, so a bureau can reword them.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from anjian.planning.facts import Enterprise, FactKind, Industry, OperatingStatus
from anjian.planning.rules import RulePack, RulePackError

RULE_UNKNOWN_CRITERION = "规则 {key} 含未知条件 {field}"

TWO_KEYS_ITEMS = ("重点监管危化品", "重点监管的危险化工工艺", "重大危险源")
STATUS_LABELS = {FactKind.TRIAL_PRODUCTION: "试生产", FactKind.RESUMPTION: "复工复产"}
COUNT_WORDS = "零一两三四五六七八九十"
CRITERIA = {"industry", "sub_sector", "noncoal_class", "coal_class", "std_grade", "managing_level", "fact"}


class Category(StrEnum):
    KEY = "key"
    GENERAL = "general"


CATEGORY_LABELS = {Category.KEY: "重点检查", Category.GENERAL: "一般检查"}


class ReasonCode(StrEnum):
    K_COAL = "K_COAL"
    K_UNDERGROUND_MINE = "K_UNDERGROUND_MINE"
    K_OPENPIT_200M = "K_OPENPIT_200M"
    K_TAILINGS_UPSTREAM = "K_TAILINGS_UPSTREAM"
    K_TWO_KEYS_ONE_MAJOR = "K_TWO_KEYS_ONE_MAJOR"
    K_CIVIL_EXPLOSIVES = "K_CIVIL_EXPLOSIVES"
    K_METAL_SMELTING = "K_METAL_SMELTING"
    K_COMBUSTIBLE_DUST = "K_COMBUSTIBLE_DUST"
    K_STD_OR_RISK_FAIL = "K_STD_OR_RISK_FAIL"
    K_FATAL_ACCIDENT_3Y = "K_FATAL_ACCIDENT_3Y"
    K_JOINT_PUNISHMENT = "K_JOINT_PUNISHMENT"
    K_MAJOR_HAZARD_FOUND = "K_MAJOR_HAZARD_FOUND"
    K_TRIAL_RESUMPTION = "K_TRIAL_RESUMPTION"
    K_TRAINING_BODY = "K_TRAINING_BODY"
    K_LOCAL_RULE = "K_LOCAL_RULE"
    K_SHUTDOWN_ORDERED = "K_SHUTDOWN_ORDERED"
    K_OTHER = "K_OTHER"
    G_OWN_REMIT = "G_OWN_REMIT"
    G_LOWER_LEVEL_SAMPLE = "G_LOWER_LEVEL_SAMPLE"
    G_OTHER = "G_OTHER"

    @property
    def category(self) -> Category:
        return Category.KEY if self.value.startswith("K_") else Category.GENERAL


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    label: str  # the category name, e.g. 近三年死亡事故
    text: str  # what prints in 备注, e.g. 2023年2月8日发生一起顶板事故，造成一人死亡
    basis: str  # the pack rule's citation
    rule_key: str = ""
    on: dt.date | None = None  # date of the fact behind the reason


def cn_date(day: dt.date) -> str:
    """Unpadded Chinese date as printed in plans: 2023年2月8日."""
    return f"{day.year}年{day.month}月{day.day}日"


def reference_date(pack: RulePack, year: int) -> dt.date:
    """The day flags are read on: `classification.reference_date` (MM-DD) of the plan year."""
    month, day = (int(x) for x in str(pack.get("classification.reference_date", "01-01")).split("-"))
    return dt.date(year, month, day)


def fact_window(pack: RulePack, kind: FactKind, year: int, ref: dt.date) -> tuple[dt.date, dt.date] | None:
    """Inclusive window in which an event fact of `kind` counts; None: a state, held on `ref`."""
    years = pack.get(f"classification.window.{kind.value}")
    if years is None:
        return None
    n = int(years)
    if pack.get("classification.window.mode", "calendar_years_before") == "rolling":
        leap_day = (ref.month, ref.day) == (2, 29)
        start = ref.replace(year=ref.year - n, day=28) if leap_day else ref.replace(year=ref.year - n)
        return start, ref - dt.timedelta(days=1)
    return dt.date(year - n, 1, 1), dt.date(year - 1, 12, 31)


def _as_set(value: Any) -> set[str]:
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def enterprise_matches(e: Enterprise, criteria: Mapping[str, Any], on: dt.date, rule_key: str) -> bool:
    """True when `e` meets every criterion (one value or a list) on `on`; an unknown criterion raises."""
    for name, wanted in criteria.items():
        if name not in CRITERIA:
            problem = RULE_UNKNOWN_CRITERION.format(key=rule_key, field=name)
            raise RulePackError([("rule_unknown_criterion", problem)])
        if name == "fact":
            if not any(f.holds_on(on) for f in e.facts if f.kind.value in _as_set(wanted)):
                return False
        elif str(getattr(e, name)) not in _as_set(wanted):
            return False
    return True


def _render(template: str, fields: Mapping[str, str]) -> str | None:
    names = [n for _, n, _, _ in string.Formatter().parse(template) if n]
    if any(not fields.get(n) for n in names):
        return None
    return template.format_map(fields)


def make_reason(
    pack: RulePack,
    e: Enterprise,
    code: ReasonCode,
    *,
    on: dt.date | None = None,
    note: str = "",
    basis: str = "",
    rule_key: str = "",
    **fields: str,
) -> Reason:
    """A Reason from the pack's `classification.reasons.<code>`: the note template, else its fallback, else
    the label (a template is skipped when one of its fields is empty). `note` replaces the template."""
    rule = pack.rule(f"classification.reasons.{code.value}")
    spec: Mapping[str, str] = rule.value
    values = {"name": e.name, "sub_sector": e.sub_sector, "date": cn_date(on) if on else "", **fields}
    text = note or _render(spec.get("note", ""), values) or _render(spec.get("fallback", ""), values)
    return Reason(
        code, spec["label"], text or spec["label"], basis or rule.citation, rule_key or rule.key, on
    )


def _count_word(n: int) -> str:
    return COUNT_WORDS[n] if 0 < n <= 10 else (str(n) if n else "")


def _and_join(items: list[str]) -> str:
    return "、".join(items[:-1]) + "和" + items[-1] if len(items) > 1 else items[0]


def proposed_reasons(e: Enterprise, pack: RulePack, year: int, ref: dt.date) -> list[Reason]:
    """Every key reason that applies to `e` on `ref`, in the pack's order; empty when `e` is not key."""
    k = ReasonCode
    found: list[Reason] = []

    def add(code: ReasonCode, **kw: Any) -> None:
        found.append(make_reason(pack, e, code, **kw))

    if e.industry in (Industry.COAL_MINE, Industry.COAL_PROCESSING):
        add(k.K_COAL)
    if e.industry == Industry.NONCOAL_MINE and e.underground:
        add(k.K_UNDERGROUND_MINE)
    slope_min = int(pack.value("classification.openpit_slope_min_m"))
    if e.open_pit_slope_m is not None and e.open_pit_slope_m >= slope_min:
        add(k.K_OPENPIT_200M, slope=str(e.open_pit_slope_m))
    if e.tailings_upstream_important:
        add(k.K_TAILINGS_UPSTREAM)
    if e.two_keys_one_major:
        flags = (e.flag_key_chem, e.flag_key_process, e.flag_major_source)
        add(
            k.K_TWO_KEYS_ONE_MAJOR,
            items=_and_join([i for i, on in zip(TWO_KEYS_ITEMS, flags, strict=True) if on]),
        )
    if e.industry == Industry.CIVIL_EXPLOSIVES:
        add(k.K_CIVIL_EXPLOSIVES)
    if e.flag_metal_smelting:
        add(k.K_METAL_SMELTING)
    if e.flag_combustible_dust:
        add(k.K_COMBUSTIBLE_DUST)
    if e.industry == Industry.TRAINING_BODY and pack.get("classification.training_bodies_key", False):
        add(k.K_TRAINING_BODY)
    by_fact = (
        (k.K_STD_OR_RISK_FAIL, FactKind.STD_OR_RISK_FAIL),
        (k.K_FATAL_ACCIDENT_3Y, FactKind.FATAL_ACCIDENT),
        (k.K_JOINT_PUNISHMENT, FactKind.JOINT_PUNISHMENT),
        (k.K_MAJOR_HAZARD_FOUND, FactKind.MAJOR_HAZARD_FOUND),
        (k.K_SHUTDOWN_ORDERED, FactKind.SHUTDOWN_ORDERED),
        (k.K_TRIAL_RESUMPTION, FactKind.TRIAL_PRODUCTION),
        (k.K_TRIAL_RESUMPTION, FactKind.RESUMPTION),
    )
    for code, kind in by_fact:
        window = fact_window(pack, kind, year, ref)
        for f in e.facts_of(kind):
            counts = window[0] <= f.valid_from <= window[1] if window else f.holds_on(ref)
            if counts:
                add(
                    code,
                    on=f.valid_from,
                    detail=f.detail,
                    deaths=_count_word(f.deaths),
                    status=STATUS_LABELS.get(kind, ""),
                )
    status_kind = {
        OperatingStatus.TRIAL: FactKind.TRIAL_PRODUCTION,
        OperatingStatus.RESUMPTION: FactKind.RESUMPTION,
    }
    if e.operating_status in status_kind and all(x.code != k.K_TRIAL_RESUMPTION for x in found):
        add(k.K_TRIAL_RESUMPTION, status=STATUS_LABELS[status_kind[e.operating_status]])
    for rule in pack.section("classification.local_rules").values():
        criteria = dict(rule.value)
        note = str(criteria.pop("note", ""))
        if enterprise_matches(e, criteria, ref, rule.key):
            add(k.K_LOCAL_RULE, note=note, basis=rule.citation, rule_key=rule.key)
    rank = {ReasonCode(c): i for i, c in enumerate(pack.value("classification.reason_order"))}
    kept = [x for x in found if x.code in rank]
    kept.sort(key=lambda x: (rank[x.code], -(x.on or dt.date.min).toordinal()))
    return kept
