"""The sample snapshot reproduces the Lüliang 2024 plan's figures (annexes 1–4, §三, §四; docs/business-rules.md §11)."""

from decimal import Decimal

from anjian.documents.sheet_text import CATEGORIES, category_total


def test_key_units_are_the_103_named_units_of_annex_2_with_144_visits(luliang):
    """Seed 004 §三(二), annex 2: 41/82 coal, 16 washing, 15 non-coal, 14 hazchem, 10 metal, 7 training."""
    counts = [(s.sector, s.units, s.visits) for s in luliang.key_sections]
    assert counts == [
        ("煤矿企业", 41, 82),
        ("洗选煤企业", 16, 16),
        ("非煤矿山企业", 15, 15),
        ("危险化学品、民爆企业", 14, 14),
        ("冶金工贸", 10, 10),
        ("培训机构", 7, 7),
    ]
    assert (luliang.key_units, luliang.key_visits) == (103, 144)
    names = [r.name for s in luliang.key_sections for r in s.rows]
    assert (
        names[0] == "山西汾西矿业（集团）有限责任公司贺西煤矿" and names[-1] == "孝义市安和安全培训有限公司"
    )
    assert len(set(names)) == 103


def test_general_units_follow_section_4_counts(luliang):
    """Seed 004 §四(二): 10 + 6 + 15 + 35 + 15 + 10 + 10 = 101 units, one visit each."""
    assert [s.units for s in luliang.general_sections] == [10, 6, 15, 35, 15, 10, 10]
    assert (luliang.general_units, luliang.general_visits) == (101, 101)


def test_sheet_items_add_up_to_the_printed_category_totals(luliang):
    """Seed 004 annexes 3 and 4: 3178/4132/3991 (bureau) and 3110/2032/2402 (brigade)."""
    for team in luliang.teams:
        for category in CATEGORIES:
            items = sum((i.result for i in team.items if i.category == category), Decimal(0))
            assert items == category_total(team, category), (team.name, category)
        assert (
            team.supervision_days + team.other_enforcement_days + team.non_enforcement_days == team.need_days
        )
        assert team.need_days - team.total_days == team.overtime_days
        assert team.statutory_workdays * team.officers == team.total_days
