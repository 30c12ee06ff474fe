"""Workday sheets: line items, team and consolidated totals, shares, readers, the visit-demand bridge."""

from decimal import Decimal as D

import pytest

from anjian.planning.rules import load_pack
from anjian.planning.workdays import (
    Category,
    LineItem,
    OfficeDemand,
    SheetInputError,
    Team,
    VisitEffort,
    WorkdaySheet,
    compute_sheet,
    compute_team,
    effort_table,
    parse_toml,
    read_xlsx,
    sheet_from_mapping,
    supervision_items,
    write_xlsx,
)
from anjian.planning.workdays.demands import EFFORT_MISSING
from anjian.planning.workdays.inputs import SHEET_BAD_CATEGORY, SHEET_NO_FACTOR, SHEET_NOT_NUMBER
from anjian.planning.workdays.shares import ShareRule, percent, share_pair

SUP, OTHER, NON = Category.SUPERVISION, Category.OTHER_ENFORCEMENT, Category.NON_ENFORCEMENT


def item(category=SUP, **kw):
    return LineItem(category=category, label=kw.pop("label", "项目"), **kw)


def team(*items, officers=2, staff=None):
    return Team(id="t", name="测试科", officers=officers, items=items, staff=staff)


def test_line_item_multiplies_given_factors_and_counts_missing_ones_as_one():
    line = item(units=D(41), visits=D(2), persons=D(5), groups=D(2), days=D("2.5"))
    assert line.result == D(2050)
    assert item(units=D(9), persons=D(2), days=D(2)).result == D(36)
    assert line.formula() == "41 × 2 × 2 × 5 × 2.5 = 2050"


def test_lump_sum_replaces_the_product_and_keeps_units_for_information():
    line = item(units=D(56), lump=D(1260))
    assert line.result == D(1260) and line.is_lump and line.planned_visits == D(56)


def test_line_item_without_factor_or_lump_is_refused():
    with pytest.raises(ValueError):
        item()


def test_team_totals_need_overtime_and_residual():
    t = team(item(lump=D(300)), item(OTHER, lump=D(150)), item(NON, lump=D(60)), officers=2)
    r = compute_team(t, statutory=250)
    assert r.totals.total_days == 500 and r.totals.need_days == 510
    assert r.totals.overtime_days == 10 and r.totals.slack_days == 0
    assert r.totals.residual_supervision_days == 290


def test_team_with_spare_capacity_has_slack_not_overtime():
    r = compute_team(team(item(lump=D(100)), officers=1), statutory=248)
    assert r.totals.overtime_days == 0 and r.totals.slack_days == 148


def test_consolidated_view_sums_teams_and_does_not_offset_overtime_with_slack():
    pack = load_pack("national")
    busy = Team(id="a", name="甲", officers=1, items=(item(lump=D(260)),))
    idle = Team(id="b", name="乙", officers=1, items=(item(lump=D(100)),))
    result = compute_sheet(WorkdaySheet(year=2024, teams=(busy, idle)), pack)
    c = result.consolidated
    assert (c.officers, c.total_days, c.supervision_days) == (2, 502, 360)
    assert c.overtime_days == 9 and c.slack_days == 151


def test_shares_round_half_up_by_default_and_can_truncate():
    assert percent(45, 88) == D("51.1")
    assert percent(30, 72) == D("41.7")
    assert percent(30, 72, ShareRule(rounding="truncate")) == D("41.6")


def test_share_pair_can_be_forced_to_add_up_to_100():
    assert sum(share_pair(49, 351)) == D("100.1")  # 12.25 → 12.3, 87.75 → 87.8
    forced = share_pair(49, 351, ShareRule(force_pair_to_100=True))
    assert forced == (D("12.3"), D("87.7"))


def test_key_general_share_base_is_configurable_from_line_items():
    pack = load_pack("national")
    t = team(
        item(kind="key", units=D(3), visits=D(2), persons=D(2)),
        item(kind="general", units=D(6), persons=D(1)),
    )
    sheet = WorkdaySheet(year=2024, teams=(t,))
    result = compute_sheet(sheet, pack)
    assert (result.shares.key_count, result.shares.general_count, result.shares.key) == (6, 6, D("50.0"))
    from anjian.planning.workdays.compute import compute_shares

    by_units = compute_shares(sheet, result.share_rule, base="units")
    assert by_units.key == D("33.3") and by_units.source == "items"
    by_days = compute_shares(sheet, result.share_rule, base="workdays")
    assert (by_days.key_count, by_days.general_count) == (12, 6)


TOML = """
year = 2025
pack = "national"
[[teams]]
id = "x"
name = "非煤矿山股"
officers = 4
[[teams.items]]
category = "监督检查"
label = "重点检查"
units = 2
visits = 4
persons = 2
days = 1.5
"""


def test_toml_sheet_reads_chinese_category_and_exact_decimals():
    sheet = sheet_from_mapping(parse_toml(TOML, "t.toml"), file="t.toml")
    line = sheet.teams[0].items[0]
    assert line.category == SUP and line.days == D("1.5") and line.result == 24


def test_every_input_problem_is_reported_with_its_place():
    bad = TOML.replace('category = "监督检查"', 'category = "执法"').replace("units = 2", 'units = "两"')
    bad += '[[teams.items]]\ncategory = "非执法"\nlabel = "值班"\n'
    with pytest.raises(SheetInputError) as err:
        sheet_from_mapping(parse_toml(bad, "t.toml"), file="t.toml")
    messages = [p.message for p in err.value.problems]
    where1, where2 = "t.toml teams[1].items[1]（重点检查）", "t.toml teams[1].items[2]（值班）"
    assert SHEET_BAD_CATEGORY.format(where=where1, value="执法") in messages
    assert SHEET_NOT_NUMBER.format(where=where1, field="units", value="两") in messages
    assert SHEET_NO_FACTOR.format(where=where2) in messages


def test_toml_syntax_error_is_a_sheet_input_error():
    with pytest.raises(SheetInputError, match="TOML 格式错误"):
        parse_toml("year = ", "x.toml")


def test_xlsx_template_round_trips_a_sheet():
    sheet = sheet_from_mapping(parse_toml(TOML, "t.toml"), file="t.toml")
    assert read_xlsx(write_xlsx(sheet), "t.xlsx") == sheet


def test_xlsx_errors_name_the_worksheet_and_row():
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = sheet_from_mapping(parse_toml(TOML, "t.toml"), file="t.toml")
    wb = load_workbook(BytesIO(write_xlsx(sheet)))
    wb["测算明细"]["J2"] = "四次"  # 次数
    out = BytesIO()
    wb.save(out)
    with pytest.raises(SheetInputError) as err:
        read_xlsx(out.getvalue(), "t.xlsx")
    assert err.value.problems[0].message == "t.xlsx 工作表「测算明细」第 2 行：visits = '四次' 不是数字"


def test_empty_template_is_refused_for_missing_year():
    with pytest.raises(SheetInputError, match="缺少 year"):
        read_xlsx(write_xlsx(), "blank.xlsx")


def test_supervision_items_group_plan_visits_by_office_sector_and_kind():
    demands = [
        OfficeDemand("危化股", 1, "hazchem", "key", 2),
        OfficeDemand("危化股", 2, "hazchem", "key", 2),
        OfficeDemand("危化股", 3, "hazchem", "general", 1),
        OfficeDemand("危化股", 4, "hazchem", "general", 2),
    ]
    effort = effort_table({("危化股", "", ""): VisitEffort(persons=D(2), days=D("1.5"))})
    key, general = supervision_items(demands, effort)
    assert (key.units, key.visits, key.result, key.number, key.section) == (2, 2, 12, "1", ("危化股",))
    assert (general.units, general.visits, general.result) == (None, 3, 9)  # 3 visits over 2 units


def test_supervision_items_need_an_effort_for_every_group():
    with pytest.raises(ValueError) as err:
        supervision_items([OfficeDemand("冶金股", 1, "metallurgy_trade", "key", 1)], effort_table({}))
    assert str(err.value) == EFFORT_MISSING.format(office="冶金股", sector="冶金工贸", kind="重点检查")


def test_an_xlsx_formula_saved_without_its_value_is_refused_not_read_as_blank():
    from io import BytesIO
    from pathlib import Path

    from openpyxl import load_workbook

    from anjian.planning.workdays.files import load_sheets

    samples = Path(__file__).resolve().parents[2] / "data" / "samples" / "lvliang-2024"
    sheet = load_sheets([samples / "workdays-bureau.toml"])
    wb = load_workbook(BytesIO(write_xlsx(sheet)))
    ws = wb["测算明细"]
    header = [c.value for c in ws[1]]
    units = header.index(next(h for h in header if h and "户数" in h)) + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, units).value == 41)
    ws.cell(row, units).value = "=30+11"  # openpyxl saves a formula without a computed value
    out = BytesIO()
    wb.save(out)
    with pytest.raises(SheetInputError) as err:
        read_xlsx(out.getvalue(), "workdays.xlsx")
    (problem,) = err.value.problems
    assert problem.code == "xlsx_uncached_formula"
    assert problem.message.startswith(f"workdays.xlsx 工作表「测算明细」第 {row} 行「")
    assert "=30+11" in problem.message and "没有保存计算结果" in problem.message
