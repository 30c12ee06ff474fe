"""Quotas per stratum in full: the largest ratio and minimum of the rules that apply, the bureau's request, the
citations joined, and the warning when a stratum is smaller than asked (docs/business-rules.md §7)."""

from decimal import Decimal

from anjian.planning.findings import Finding, Severity
from anjian.planning.quotas import (
    DRAW_QUOTA_EXCEEDS_POOL,
    PoolEntry,
    QuotaRule,
    StratumQuota,
    quota_n,
    quota_rules,
    resolve_quotas,
)
from anjian.planning.rules import load_pack


def pool(**sizes):
    entries, eid = [], 0
    for stratum, n in sizes.items():
        for _ in range(n):
            eid += 1
            entries.append(PoolEntry(eid, f"企业{eid}", stratum))
    return entries


def test_every_field_of_a_quota_and_the_rules_that_made_it():
    rules = [
        QuotaRule("all", "intra", None, None, 3, "每个行业不少于3户"),
        QuotaRule("coal", "intra", "煤矿", Decimal("0.05"), 0, "煤矿抽查比例5%"),
        QuotaRule("coal2", "intra", "煤矿", Decimal("0.1"), 2, "县管煤矿不少于10%"),
    ]
    quotas, findings = resolve_quotas(pool(煤矿=41, 冶金工贸=8), rules, {"冶金工贸": 5})
    assert quotas == (
        StratumQuota("冶金工贸", 8, 5, "", 3, 5, "每个行业不少于3户"),
        StratumQuota("煤矿", 41, 5, "0.1", 3, 0, "每个行业不少于3户；煤矿抽查比例5%；县管煤矿不少于10%"),
    )
    assert findings == ()


def test_a_stratum_smaller_than_asked_is_drawn_whole_with_a_warning_naming_it():
    rules = [QuotaRule("all", "intra", None, None, 3, "不少于3户")]
    quotas, findings = resolve_quotas(pool(尾矿库=2), rules, {"培训机构": 4})
    assert quotas == (
        StratumQuota("培训机构", 0, 0, "", 3, 4, "不少于3户"),
        StratumQuota("尾矿库", 2, 2, "", 3, 0, "不少于3户"),
    )
    assert findings == (
        Finding("draw_quota_exceeds_pool", Severity.WARNING, "培训机构",
                DRAW_QUOTA_EXCEEDS_POOL.format(stratum="培训机构", size=0, n=4), source="draw"),
        Finding("draw_quota_exceeds_pool", Severity.WARNING, "尾矿库",
                DRAW_QUOTA_EXCEEDS_POOL.format(stratum="尾矿库", size=2, n=3), source="draw"),
    )  # fmt: skip


def test_a_pool_exactly_the_minimum_needs_no_warning_and_no_rules_means_the_request_alone():
    assert resolve_quotas(pool(甲=3), [QuotaRule("all", "intra", None, None, 3, "")])[1] == ()
    quotas, findings = resolve_quotas(pool(甲=9), [], {"甲": 4})
    assert quotas == (StratumQuota("甲", 9, 4, "", 0, 4, ""),) and findings == ()
    assert resolve_quotas(pool(甲=9), [])[0] == (StratumQuota("甲", 9, 0, "", 0, 0, ""),)


def test_quota_n_rounds_a_ratio_up_and_never_exceeds_the_pool():
    assert quota_n(101, "0.01", 0, 0) == 2  # 1.01 → 2
    assert quota_n(100, "0.01", 0, 0) == 1  # exactly 1
    assert quota_n(140, "0.05", 0, 0) == 7  # the Lüliang 2024 plan: 5 % of 140 coal mines
    assert quota_n(10, "", 3, 0) == 3 and quota_n(10, "", 0, 4) == 4 and quota_n(10, "", 0, 0) == 0
    assert quota_n(2, "0.5", 3, 5) == 2


def test_the_packs_rules_per_scope_with_their_citations():
    lvliang = load_pack("lvliang")
    intra = quota_rules(lvliang, "intra")
    assert [(r.key, r.scope, r.stratum, r.ratio, r.minimum) for r in intra] == [
        ("lottery.quotas.intra_departmental", "intra", None, None, 3)
    ]
    assert intra[0].basis == lvliang.rule("lottery.quotas.intra_departmental").citation
    inter = quota_rules(lvliang, "inter")
    assert [(r.ratio, r.minimum) for r in inter] == [(Decimal("0.01"), 0)]
    coal = quota_rules(lvliang, "coal")
    assert [(r.key, r.ratio, r.minimum, r.stratum) for r in coal] == [
        ("lottery.quotas.coal_random", Decimal("0.05"), 0, None)
    ]
    assert quota_rules(lvliang, "no such scope") == ()
