"""双随机 quotas (docs/business-rules.md §7): how many units to draw from each stratum (sector) of a pool.

n = min(pool size, max(⌈ratio × size⌉, minimum, requested)) per stratum: the pack's `lottery.quotas.*` give
the ratios ("not less than" rounds up) and minimums for a draw scope, and a bureau may ask for more than the
quota (the Lüliang 2024 plan draws 35 hazchem general units). A stratum smaller than its minimum is drawn whole, with a
warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any

from anjian.planning.findings import Finding, Severity
from anjian.planning.rules import RulePack

DRAW_QUOTA_EXCEEDS_POOL = "{stratum}名录库仅{size}户，少于应抽取的{n}户，已全部抽取"


@dataclass(frozen=True)
class PoolEntry:
    enterprise_id: int
    name: str
    stratum: str  # the sector the quota applies to, e.g. 危险化学品
    uscc: str = ""
    district_code: str = ""


@dataclass(frozen=True)
class QuotaRule:
    key: str
    scope: str
    stratum: str | None  # None: every stratum
    ratio: Decimal | None
    minimum: int
    basis: str


@dataclass(frozen=True)
class StratumQuota:
    stratum: str
    pool_size: int
    n: int
    ratio: str = ""  # the largest ratio applied, as a decimal string ('' for none)
    minimum: int = 0
    requested: int = 0
    basis: str = ""


def quota_rules(pack: RulePack, scope: str) -> tuple[QuotaRule, ...]:
    """The pack's `lottery.quotas.*` rules for `scope`."""
    rules = []
    for rule in pack.section("lottery.quotas").values():
        spec: Mapping[str, Any] = rule.value
        if spec.get("scope") == scope:
            ratio = Decimal(str(spec["ratio"])) if "ratio" in spec else None
            stratum = str(spec["stratum"]) if "stratum" in spec else None
            rules.append(
                QuotaRule(rule.key, scope, stratum, ratio, int(spec.get("minimum", 0)), rule.citation)
            )
    return tuple(rules)


def quota_n(size: int, ratio: str, minimum: int, requested: int) -> int:
    by_ratio = int((Decimal(ratio) * size).to_integral_value(ROUND_CEILING)) if ratio else 0
    return min(size, max(by_ratio, minimum, requested))


def resolve_quotas(
    pool: Iterable[PoolEntry], rules: Iterable[QuotaRule], requested: Mapping[str, int] | None = None
) -> tuple[tuple[StratumQuota, ...], tuple[Finding, ...]]:
    """One StratumQuota per stratum of the pool (name order) and a warning where the pool is too small."""
    sizes: dict[str, int] = {}
    for p in pool:
        sizes[p.stratum] = sizes.get(p.stratum, 0) + 1
    rules, asked = tuple(rules), dict(requested or {})
    quotas, findings = [], []
    for stratum in sorted(sizes.keys() | asked.keys()):
        size, applying = sizes.get(stratum, 0), [r for r in rules if r.stratum in (None, stratum)]
        ratio = max((r.ratio for r in applying if r.ratio is not None), default=None)
        minimum = max((r.minimum for r in applying), default=0)
        wanted = asked.get(stratum, 0)
        ratio_text = "" if ratio is None else str(ratio)
        n = quota_n(size, ratio_text, minimum, wanted)
        if size < max(minimum, wanted):  # a ratio never asks for more than the pool
            msg = DRAW_QUOTA_EXCEEDS_POOL.format(stratum=stratum, size=size, n=max(minimum, wanted))
            findings.append(Finding("draw_quota_exceeds_pool", Severity.WARNING, stratum, msg, source="draw"))
        basis = "；".join(r.basis for r in applying)
        quotas.append(StratumQuota(stratum, size, n, ratio_text, minimum, wanted, basis))
    return tuple(quotas), tuple(findings)
