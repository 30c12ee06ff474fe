"""Staff edits to workday-sheet lines: the named line changes, totals follow, bad edits are named in Chinese."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from anjian.planning.rules import load_pack
from anjian.planning.workdays import Category, LineItem, SheetInputError, Team, WorkdaySheet, compute_sheet
from anjian.planning.workdays.edits import (
    EDIT_FACTORS_ON_LUMP,
    EDIT_UNKNOWN_LINE,
    EDIT_UNKNOWN_TEAM,
    LineEdit,
    apply_edits,
    apply_valid_edits,
    line_key,
)
from anjian.planning.workdays.files import load_sheets

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "lvliang-2024" / "workdays-bureau.toml"
MINES = "supervision | 煤矿有关科室 | 1 重点检查矿井"


def small_sheet():
    items = (
        LineItem(Category.SUPERVISION, "重点检查", section=("危化科",), number="1", units=D(9), persons=D(2),
                 days=D(2), stated=D(36)),
        LineItem(Category.NON_ENFORCEMENT, "值班", number="1", lump=D(100)),
    )  # fmt: skip
    return WorkdaySheet(year=2024, teams=(Team(id="office", name="危化科", officers=2, items=items),))


def test_line_key_names_category_section_path_and_title():
    assert line_key(small_sheet().teams[0].items[0]) == "supervision | 危化科 | 1 重点检查"
    assert line_key(small_sheet().teams[0].items[1]) == "non_enforcement |  | 1 值班"


def test_edited_factor_changes_only_that_line_and_drops_its_printed_result():
    sheet = apply_edits(
        small_sheet(), [LineEdit.of("office", "supervision | 危化科 | 1 重点检查", {"units": D(10)})]
    )
    line, duty = sheet.teams[0].items
    assert (line.units, line.result, line.stated) == (D(10), D(40), None)
    assert duty == small_sheet().teams[0].items[1]


def test_edited_lump_sum_replaces_the_days_of_a_lump_line():
    sheet = apply_edits(small_sheet(), [LineEdit.of("office", "non_enforcement |  | 1 值班", lump=D("80.5"))])
    assert sheet.teams[0].items[1].result == D("80.5")


def test_factors_of_a_lump_line_are_refused_without_a_new_lump():
    with pytest.raises(SheetInputError) as err:
        apply_edits(small_sheet(), [LineEdit.of("office", "non_enforcement |  | 1 值班", {"days": D(3)})])
    assert err.value.problems[0].message == EDIT_FACTORS_ON_LUMP.format(where="危化科「1 值班」")


def test_unknown_team_and_unknown_line_are_named_in_chinese():
    edits = [
        LineEdit.of("brigade", MINES, {"units": D(1)}),
        LineEdit.of("office", "supervision | 危化科 | 9 无此项", {"units": D(1)}),
    ]
    with pytest.raises(SheetInputError) as err:
        apply_edits(small_sheet(), edits)
    assert [p.message for p in err.value.problems] == [
        EDIT_UNKNOWN_TEAM.format(team="brigade", line=MINES),
        EDIT_UNKNOWN_LINE.format(team="危化科", line="supervision | 危化科 | 9 无此项"),
    ]


def test_negative_and_unknown_factors_are_refused_and_valid_edits_still_apply():
    edits = [
        LineEdit.of("office", "supervision | 危化科 | 1 重点检查", {"units": D(-1), "weeks": D(2)}),
        LineEdit.of("office", "non_enforcement |  | 1 值班", lump=D(90)),
    ]
    sheet, problems = apply_valid_edits(small_sheet(), edits)
    assert [p.code for p in problems] == ["edit_negative", "edit_unknown_factor"]
    assert "户数 = -1 不能为负数" in problems[0].message
    assert sheet.teams[0].items[0].units == D(9) and sheet.teams[0].items[1].result == D(90)


def test_editing_the_luliang_mine_line_moves_the_bureau_supervision_total():
    pack = load_pack("shanxi")
    sheet = load_sheets([SAMPLE])
    before = compute_sheet(sheet, pack).team("bureau").totals
    after = compute_sheet(apply_edits(sheet, [LineEdit.of("bureau", MINES, {"units": D(40)})]), pack).team(
        "bureau"
    )
    assert before.supervision_days == D(3178)
    # one mine fewer: 2 visits × 2 groups × 5 persons × 2.5 days = 50 days
    assert after.totals.supervision_days == D(3128)
    assert after.totals.need_days == before.need_days - 50
    assert after.totals.overtime_days == max(before.overtime_days - 50, D(0))
