"""Golden figures reproduced by compiling the sample registries end to end (docs/business-rules.md §11).

Lüliang: the Lüliang 2024 plan §三 and §四 (103 key units / 144 visits, 101 general units / 101 visits, shares by visits
58.8 % / 41.2 %), annexes 3 and 4 (the two workday sheets). Xia County: 夏应急发〔2025〕6号 §一 (12 / 42, 65 / 101).
"""

from decimal import Decimal

from anjian.plans.snapshot import version_snapshot


def test_lvliang_compiles_to_103_key_units_144_visits_and_101_general(lvliang_plan):
    s = lvliang_plan.summary
    assert (s["key_units"], s["key_visits"], s["general_units"], s["general_visits"]) == (103, 144, 101, 101)
    key = {sector: cell["key"] for sector, cell in s["by_sector"].items()}
    assert key == {
        "煤矿": [41, 82],
        "洗选煤": [16, 16],
        "非煤矿山": [15, 15],
        "危险化学品": [14, 14],
        "冶金工贸": [10, 10],
        "培训机构": [7, 7],
        "安全评价机构": [0, 0],
    }
    general = {sector: cell["general"][0] for sector, cell in s["by_sector"].items()}
    assert general == {
        "煤矿": 10,
        "洗选煤": 6,
        "非煤矿山": 15,
        "危险化学品": 35,
        "冶金工贸": 15,
        "培训机构": 10,
        "安全评价机构": 10,
    }


def test_lvliang_shares_by_visits_round_to_58_8_and_41_2(lvliang_plan):
    snap = version_snapshot(lvliang_plan)
    assert (snap.key_share_text, snap.general_share_text) == ("58.8%", "41.2%")
    assert (snap.key_units, snap.key_visits, snap.general_units) == (103, 144, 101)


def test_lvliang_workday_sheets_keep_the_annex_3_and_4_figures(lvliang_plan):
    sheets = {w.team: w for w in lvliang_plan.sheets.all()}
    bureau, brigade = sheets["市应急局机关"], sheets["市执法支队"]
    assert (
        bureau.officers,
        bureau.total_days,
        bureau.supervision_days,
        bureau.other_enforcement_days,
        bureau.non_enforcement_days,
        bureau.need_days,
        bureau.overtime_days,
    ) == (45, Decimal(11295), Decimal(3178), Decimal(4132), Decimal(3991), Decimal(11301), Decimal(6))
    assert (
        brigade.officers,
        brigade.total_days,
        brigade.supervision_days,
        brigade.other_enforcement_days,
        brigade.non_enforcement_days,
        brigade.need_days,
        brigade.overtime_days,
    ) == (30, Decimal(7530), Decimal(3110), Decimal(2032), Decimal(2402), Decimal(7544), Decimal(14))
    assert lvliang_plan.statutory_workdays == 251


def test_lvliang_county_mines_31_to_41_are_key_for_their_accident_or_hazard(lvliang_plan):
    entry = lvliang_plan.entries.get(enterprise__name="山西吕梁离石贾家沟煤业有限公司")
    assert (entry.category, entry.proposed_category, entry.visits_per_year, entry.quarters) == (
        "key",
        "key",
        2,
        [1],
    )
    assert entry.reasons[0]["code"] == "K_FATAL_ACCIDENT_3Y"
    assert entry.note == "2023年2月8日发生一起顶板事故，造成一人死亡"
    offices = sorted(entry.responsible_offices.values_list("name", flat=True))
    assert offices == [
        "吕梁市应急管理综合行政执法支队",
        "煤矿安全综合一科",
        "煤矿安全综合二科",
        "煤矿安全综合科",
    ]


def test_lvliang_review_finds_the_recorded_inconsistencies_of_file_004(lvliang_plan):
    codes = set(lvliang_plan.findings.values_list("code", flat=True))
    assert {
        "staffing_column_sum",
        "overtime",
        "kind_misfiled",
        "keyword_misfiled",
        "missing_visits_factor",
        "lump_sum_above_threshold",
        "windows_fewer_than_visits",
    } <= codes


def test_xia_compiles_to_12_key_units_42_visits_and_65_general_101_visits(xia_plan):
    s = xia_plan.summary
    assert (s["key_units"], s["key_visits"], s["general_units"], s["general_visits"]) == (12, 42, 65, 101)
    assert not xia_plan.findings.filter(severity="error").exists()
