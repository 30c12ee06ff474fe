"""Lüliang 2024 plan figures derived from the rule pack, not echoed from the sample's own tables.

With the key-unit table (annex 2) every listed unit is forced key, so "103 key units" would hold for a
classifier that finds nothing. Here the plan is compiled WITHOUT that table: the rule pack must find the key
units of the Lüliang 2024 plan §三 by itself, and each unit it does not find is explained by the seed's own 备注 column.
The general draw sizes are checked against the pack's quotas (the Lüliang 2024 plan §五: not fewer than 3 per sector).
"""

import math
import re
from collections import Counter
from decimal import Decimal

import pytest

from anjian.planning.quotas import quota_rules
from anjian.planning.rules import load_pack
from anjian.plans import services
from anjian.registry.samples import SAMPLES_DIR, load_sample, read_key_arrangement

SAMPLE = SAMPLES_DIR / "lvliang-2024"
ANNEX_2 = {r.enterprise_name: r for r in read_key_arrangement(SAMPLE / "key_units.xlsx")}
# the Lüliang 2024 plan annex 2 (§三): units per table — 煤矿 41, 洗选煤 16, 非煤矿山 15, 危化 14, 冶金工贸 10, 培训 7
SECTOR_OF_TABLE = {"coal_mine": "煤矿", "coal_processing": "洗选煤", "noncoal_mine": "非煤矿山",
                   "hazchem": "危险化学品", "metallurgy_trade": "冶金工贸", "training_body": "培训机构"}  # fmt: skip
# Rows that the Lüliang 2024 plan lists for a reason §三's categories (and so the rule pack) do not contain:
SOE = "驻吕梁央企、省属企业"  # non-coal table: ownership by a central or provincial state enterprise
BUILDING_MATERIALS = "建材"  # metallurgy table: cement works (建材), neither smelting nor combustible dust


@pytest.fixture
def without_annex_2(db, tmp_path):
    """The sample compiled with plan.toml minus [key] arrangement, and 煤矿 asking for 1 general unit only."""
    text = (SAMPLE / "plan.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^\[key\]\narrangement = .*\n", "", text)
    text = text.replace(
        '[general.sectors."煤矿"]\nunits = 10\noffices = [["煤矿安全综合科", 10]]',
        '[general.sectors."煤矿"]\nunits = 1\noffices = [["煤矿安全综合科", 1]]',
    )
    assert "arrangement" not in text and "units = 1\n" in text
    (tmp_path / "plan.toml").write_text(text, encoding="utf-8")
    for sheet in SAMPLE.glob("workdays-*.toml"):
        (tmp_path / sheet.name).write_text(sheet.read_text(encoding="utf-8"), encoding="utf-8")
    agency = load_sample("lvliang-2024")
    services.plan_configure(agency=agency, year=2024, path=tmp_path / "plan.toml")
    return services.plan_compile(agency=agency, year=2024, by="测试")


def test_the_rule_pack_alone_finds_85_of_the_103_key_units_and_the_18_others_are_explained(without_annex_2):
    entries = list(without_annex_2.entries.select_related("enterprise"))
    key = {e.enterprise.name: e for e in entries if e.category == "key"}
    assert len(ANNEX_2) == 103
    # nothing the rule pack makes key is missing from the Lüliang 2024 plan's table
    assert set(key) <= set(ANNEX_2)
    assert all(e.reasons and e.reasons[0]["code"].startswith("K_") for e in key.values())
    found = Counter(SECTOR_OF_TABLE[ANNEX_2[n].sector] for n in key)
    assert found == {"煤矿": 41, "洗选煤": 16, "危险化学品": 14, "冶金工贸": 7, "培训机构": 7}
    missed = {n: ANNEX_2[n] for n in set(ANNEX_2) - set(key)}
    # every unit the pack does not find is one the Lüliang 2024 plan lists for ownership or as a cement works
    assert Counter((SECTOR_OF_TABLE[r.sector], r.note) for r in missed.values()) == {
        ("非煤矿山", SOE): 15,
        ("冶金工贸", BUILDING_MATERIALS): 3,
    }
    # and the seed's table has no other row with these notes: the explanation is exact, not a catch-all
    assert sum(r.note in (SOE, BUILDING_MATERIALS) for r in ANNEX_2.values()) == 18
    # the reasons the Lüliang 2024 plan §三 gives, found by the pack: coal mines (41, six with a fatal accident in 2023 and
    # four with a major hazard found, docs/business-rules.md §11), two-keys-one-major hazchem, smelting, training bodies
    first = Counter(e.reasons[0]["code"] for e in key.values())
    assert first["K_TRAINING_BODY"] == 7 and first["K_FATAL_ACCIDENT_3Y"] == 6
    assert first["K_MAJOR_HAZARD_FOUND"] == 4 and first["K_SHUTDOWN_ORDERED"] == 1
    assert sum(first.values()) == 85
    # units the pack does not make key are never planned as key
    assert not any(e.category == "key" for e in entries if e.enterprise.name in missed)


def test_a_sector_asking_for_fewer_than_the_packs_minimum_still_draws_the_minimum(without_annex_2):
    (minimum,) = {r.minimum for r in quota_rules(load_pack("lvliang"), "intra")}
    assert minimum == 3  # the Lüliang 2024 plan §五: not fewer than 3 units per sector
    quotas = {q["stratum"]: q for q in without_annex_2.draws.get().record["quotas"]}
    assert quotas["煤矿"]["requested"] == 1 and quotas["煤矿"]["n"] == minimum
    drawn = Counter(u["stratum"] for u in without_annex_2.draws.get().record["result"])
    assert drawn["煤矿"] == minimum


def test_general_draw_sizes_follow_the_packs_quota_rule_per_sector(lvliang_plan):
    """n = min(pool, max(⌈ratio × pool⌉, minimum, requested)), recomputed here from the pack and plan.toml."""
    rules = quota_rules(load_pack("lvliang"), "intra")
    record = lvliang_plan.draws.get().record
    drawn = Counter(u["stratum"] for u in record["result"])
    pool = Counter(p["stratum"] for p in record["pool"])
    requested = dict(
        re.findall(r'\[general\.sectors\."(.+?)"\]\nunits = (\d+)', (SAMPLE / "plan.toml").read_text("utf-8"))
    )
    assert sum(int(n) for n in requested.values()) == 101  # the Lüliang 2024 plan §四: 101 general units
    for q in record["quotas"]:
        stratum = q["stratum"]
        applying = [r for r in rules if r.stratum in (None, stratum)]
        ratio = max((r.ratio for r in applying if r.ratio is not None), default=Decimal(0))
        minimum = max((r.minimum for r in applying), default=0)
        expected = min(
            pool[stratum], max(math.ceil(ratio * pool[stratum]), minimum, int(requested.get(stratum, 0)))
        )
        assert (q["pool_size"], q["n"], drawn[stratum]) == (pool[stratum], expected, expected), stratum
        assert q["n"] >= min(minimum, pool[stratum])
    assert sum(drawn.values()) == lvliang_plan.summary["general_units"] == 101
    key_ids = set(lvliang_plan.entries.filter(category="key").values_list("enterprise_id", flat=True))
    assert not key_ids & {u["enterprise_id"] for u in record["result"]}
