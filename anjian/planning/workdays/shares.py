"""Shares (占比) as percentages with the pack's rounding: ROUND_HALF_UP to 1 decimal by default,
or truncation; optionally a pair forced to add up to exactly 100 (largest remainder)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from anjian.planning.rules import RulePack

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "truncate": ROUND_DOWN}
SHARE_BASES = ("visits", "units", "workdays")
BASE_LABELS = {"visits": "检查次数", "units": "单位数", "workdays": "工作日"}
SHARE_BAD_RULE = "规则包 {pack} 中 {key} = {value!r} 不可用，应为 {allowed} 之一"
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ShareRule:
    base: str = "visits"
    rounding: str = "half_up"
    decimals: int = 1
    force_pair_to_100: bool = False

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimals)


def share_rule(pack: RulePack) -> ShareRule:
    """The pack's share settings (workdays.shares.*), validated."""
    base, rounding = pack.value("workdays.shares.base"), pack.value("workdays.shares.rounding")
    if base not in SHARE_BASES:
        allowed = "、".join(SHARE_BASES)
        raise ValueError(
            SHARE_BAD_RULE.format(pack=pack.id, key="workdays.shares.base", value=base, allowed=allowed)
        )
    if rounding not in ROUNDING_MODES:
        allowed = "、".join(ROUNDING_MODES)
        raise ValueError(
            SHARE_BAD_RULE.format(
                pack=pack.id, key="workdays.shares.rounding", value=rounding, allowed=allowed
            )
        )
    return ShareRule(
        base=str(base),
        rounding=str(rounding),
        decimals=int(pack.value("workdays.shares.decimals")),
        force_pair_to_100=bool(pack.value("workdays.shares.force_pair_to_100")),
    )


def exact_percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    if not whole:
        raise ZeroDivisionError("share of an empty whole")
    return Decimal(part) * HUNDRED / Decimal(whole)


def round_percent(value: Decimal, rule: ShareRule) -> Decimal:
    return value.quantize(rule.quantum, rounding=ROUNDING_MODES[rule.rounding])


def percent(part: Decimal | int, whole: Decimal | int, rule: ShareRule = ShareRule()) -> Decimal:
    """part / whole as a percentage rounded per `rule` (45 / 88 → 51.1)."""
    return round_percent(exact_percent(part, whole), rule)


def share_pair(
    first: Decimal | int, second: Decimal | int, rule: ShareRule = ShareRule()
) -> tuple[Decimal, Decimal]:
    """Shares of first and second in their sum. With force_pair_to_100 the result adds up to
    exactly 100: both are truncated and the remaining quantum goes to the larger remainder."""
    whole = Decimal(first) + Decimal(second)
    raw = (exact_percent(first, whole), exact_percent(second, whole))
    rounded = (round_percent(raw[0], rule), round_percent(raw[1], rule))
    if not rule.force_pair_to_100 or sum(rounded) == HUNDRED:
        return rounded
    floors = [r.quantize(rule.quantum, rounding=ROUND_DOWN) for r in raw]
    while sum(floors) < HUNDRED:
        gaps = [raw[i] - floors[i] for i in range(2)]
        i = 0 if gaps[0] >= gaps[1] else 1
        floors[i] += rule.quantum
    return floors[0], floors[1]
