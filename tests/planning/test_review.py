"""Plan review: each check family on a tiny sheet, asserting the exact finding (code, severity, message)."""

import pytest

from anjian.planning.review import CHECKS, Severity, review_sheet
from anjian.planning.review.arithmetic import (
    CATEGORY_SUM_MISMATCH,
    ITEM_PRODUCT_MISMATCH,
    OVERTIME,
    SECTION_SUM_MISMATCH,
    STATUTORY_MISMATCH,
    TOTAL_DAYS_MISMATCH,
)
from anjian.planning.review.categories import KEYWORD_MISFILED, KIND_MISFILED, NUMBERING_GAP
from anjian.planning.review.factors import LUMP_ABOVE_THRESHOLD, MISSING_VISITS_CONFLICT
from anjian.planning.review.plan import COUNT_DISAGREES, WINDOWS_FEWER
from anjian.planning.review.shares import SHARE_MISMATCH, SHARE_PAIR_SUM, SHARE_TRUNCATED
from anjian.planning.review.staffing import STAFFING_COLUMN_SUM
from anjian.planning.rules import load_pack
from anjian.planning.workdays import parse_toml, sheet_from_mapping

HEAD = """
year = 2025
[[teams]]
id = "t"
name = "测试股"
officers = 1
"""


def sheet(body, head=HEAD):
    return sheet_from_mapping(parse_toml(head + body, "t.toml"), file="t.toml")


def findings(body, pack="national", head=HEAD, checks=None):
    return review_sheet(sheet(body, head), load_pack(pack), checks)


def codes(found):
    return [f.code for f in found]


@pytest.fixture(scope="module")
def clean():
    """248 days for one officer, all of them planned: nothing to report but the residual note."""
    return """
[teams.stated]
total_days = 248
supervision_days = 100
need_days = 248
overtime_days = 0
[[teams.items]]
category = "supervision"
label = "重点检查"
kind = "key"
sector = "hazchem"
units = 10
persons = 2
days = 5
stated = 100
[[teams.items]]
category = "other_enforcement"
label = "核实投诉举报"
units = 37
persons = 2
days = 1
[[teams.items]]
category = "non_enforcement"
label = "机关值班"
lump = 74
"""


def test_a_sheet_that_adds_up_within_capacity_has_no_error_or_warning(clean):
    found = findings(clean)
    assert [f for f in found if f.severity != Severity.INFO and f.code != "category_not_costed"] == []


def test_every_finding_has_code_severity_place_and_chinese_message(clean):
    body = clean.replace("stated = 100", "stated = 99").replace("lump = 74", "lump = 900")
    for f in findings(body):
        assert (
            f.code
            and f.severity in Severity
            and str(f.where)
            and any("\u4e00" <= c <= "\u9fff" for c in f.message)
        )


def test_printed_item_result_that_is_not_the_product_is_an_error(clean):
    (f,) = findings(clean.replace("stated = 100", "stated = 110"), checks=["sums"])
    assert (f.code, f.severity) == ("item_product_mismatch", Severity.ERROR)
    assert f.message == ITEM_PRODUCT_MISMATCH.format(formula="10 × 2 × 5 = 100", stated="110")
    assert str(f.where) == "测试股 / 监督检查工作日 / 重点检查"


def test_subtotal_category_total_and_total_days_are_each_checked():
    body = """
[teams.stated]
total_days = 250
supervision_days = 30
[[teams.sections]]
category = "supervision"
path = "煤矿科"
stated = 25
[[teams.items]]
category = "supervision"
section = "煤矿科"
label = "检查"
units = 10
persons = 2
"""
    found = findings(body, checks=["sums"])
    assert [f.message for f in found] == [
        SECTION_SUM_MISMATCH.format(computed="20", stated="25"),
        CATEGORY_SUM_MISMATCH.format(category="监督检查工作日", computed="20", stated="30"),
        TOTAL_DAYS_MISMATCH.format(statutory=248, officers=1, computed="248", stated="250"),
    ]


def test_printed_statutory_workdays_is_checked_against_the_formula(clean):
    body = clean.replace("[teams.stated]", "[teams.stated]\nstatutory_workdays = 250")
    (f,) = findings(body, checks=["statutory_workdays"])
    assert f.message == STATUTORY_MISMATCH.format(stated="250", formula="365 − 104 − 13 = 248")


def test_overtime_is_a_warning_citing_room_to_spare(clean):
    (f,) = findings(clean.replace("lump = 74", "lump = 80"), checks=["overtime"])
    assert (f.code, f.severity) == ("overtime", Severity.WARNING)
    assert f.message == OVERTIME.format(need="254", total="248", overtime="6")
    assert "留有余地" in f.basis


def test_truncated_share_is_a_warning_and_a_wrong_share_an_error():
    head = HEAD.replace("officers = 1", "officers = 30\nstaff = 72")
    body = "[teams.stated]\nshare_of_staff = {}\n"
    body += '[[teams.items]]\ncategory = "non_enforcement"\nlabel = "值班"\nlump = 1\n'
    (trunc,) = findings(body.format("41.6"), head=head, checks=["shares"])
    assert trunc.code == "share_truncated" and trunc.severity == Severity.WARNING
    assert trunc.message == SHARE_TRUNCATED.format(
        what="执法人员占比", stated="41.6", part="30", whole="72", exact="41.667", rounded="41.7"
    )
    (wrong,) = findings(body.format("42"), head=head, checks=["shares"])
    assert wrong.message == SHARE_MISMATCH.format(
        what="执法人员占比", stated="42", part="30", whole="72", exact="41.667", rounded="41.7"
    )


def test_key_and_general_shares_that_do_not_add_up_to_100_are_flagged():
    body = """
[[teams.items]]
category = "non_enforcement"
label = "值班"
lump = 1
[plan]
stated_key_share = 58.8
stated_general_share = 41.3
units = [{ kind = "key", sector = "hazchem", units = 144, visits = 144 },
         { kind = "general", sector = "hazchem", units = 101, visits = 101 }]
"""
    found = findings(body, checks=["shares"])
    assert SHARE_PAIR_SUM.format(key="58.8", general="41.3", total="100.1") in [f.message for f in found]
    assert codes(found) == ["share_mismatch", "share_pair_sum"]


def test_staffing_column_that_does_not_add_up_is_an_error():
    body = """
[[teams.items]]
category = "non_enforcement"
label = "值班"
lump = 1
[staffing]
rows = [{ name = "甲科", on_roll = 1, on_roll_enforcing = 1, seconded = 2, seconded_enforcing = 0 }]
stated = { on_roll = 1, on_roll_enforcing = 1, seconded = 3, seconded_enforcing = 0 }
"""
    (f,) = findings(body, checks=["staffing"])
    assert f.message == STAFFING_COLUMN_SUM.format(column="借调人员", computed=2, stated=3)


SPECIALIST = """
[[teams.items]]
category = "supervision"
label = "专员入矿"
kind = "specialist"
persons = 1
visits = 4
days = 1
months = 12
"""


def test_specialist_entries_as_supervision_are_misfiled_under_shanxi_rules_only():
    (f,) = findings(SPECIALIST, pack="shanxi", checks=["kinds"])
    assert f.message == KIND_MISFILED.format(
        kind="矿山安全监管专员入矿", days="48", found="监督检查工作日", belongs="其他执法工作日"
    )
    assert "晋政办发〔2020〕109号" in f.basis
    assert findings(SPECIALIST, pack="national", checks=["kinds"]) == ()


def test_surprise_checks_booked_as_other_enforcement_belong_to_supervision():
    body = (
        '[[teams.items]]\ncategory = "other_enforcement"\nnumber = "10"\nlabel = "组织暗查暗访"\nlump = 60\n'
    )
    (f,) = findings(body, checks=["work_categories"])[:1]
    assert f.message == KEYWORD_MISFILED.format(
        label="组织暗查暗访",
        days="60",
        found="其他执法工作日",
        what="突查、暗查暗访",
        belongs_short="监督检查",
        belongs="监督检查工作日",
    )


def test_gap_in_printed_numbers_is_noted():
    body = "".join(
        f'[[teams.items]]\ncategory = "other_enforcement"\nnumber = "{n}"\nlabel = "宣传{n}"\nlump = 1\n'
        for n in (5, 6, 8)
    )
    (f,) = findings(body, checks=["numbering"])
    assert f.message == NUMBERING_GAP.format(category="其他执法工作日", before=6, after=8, missing="7")


def test_large_lump_in_supervision_is_a_warning_but_leave_is_never_flagged():
    body = (
        '[[teams.items]]\ncategory = "supervision"\nlabel = "一般检查"\nunits = 4\nlump = 200\n'
        '[[teams.items]]\ncategory = "non_enforcement"\nlabel = "年休假"\nlump = 5000\n'
    )
    (f,) = findings(body, checks=["lump_sums"])
    assert f.severity == Severity.WARNING
    assert f.message == LUMP_ABOVE_THRESHOLD.format(
        lump="200", per_unit="（4 户，折合每户 50 天）", threshold=100
    )


def test_missing_visits_factor_is_a_warning_when_the_plan_visits_each_unit_twice():
    body = """
[[teams.items]]
category = "supervision"
label = "重点检查煤矿"
kind = "key"
sector = "coal_mine"
units = 32
persons = 8
days = 5
[plan]
units = [{ kind = "key", sector = "coal_mine", units = 41, visits = 82 }]
"""
    (f,) = findings(body, checks=["missing_factors"])
    assert f.message == MISSING_VISITS_CONFLICT.format(
        source="计划", kind="重点检查", sector="煤矿", expected="2", missing="32"
    )


def test_same_named_count_differing_between_teams_is_flagged():
    head = HEAD + '[[teams.items]]\ncategory = "supervision"\nlabel = "甲"\nunits = 30\n'
    head += 'counts = { "直管煤矿" = 30 }\n'
    body = '[[teams]]\nid = "u"\nname = "支队"\nofficers = 1\n'
    body += (
        '[[teams.items]]\ncategory = "supervision"\nlabel = "乙"\nunits = 32\ncounts = { "直管煤矿" = 32 }\n'
    )
    (f,) = findings(body, head=head, checks=["counts"])
    assert f.message == COUNT_DISAGREES.format(
        name="直管煤矿", value="32", other_where="测试股 / 监督检查工作日 / 甲", other="30"
    )


def test_fewer_quarter_windows_than_visits_is_flagged_but_more_is_harmless():
    body = """
[[teams.items]]
category = "non_enforcement"
label = "值班"
lump = 1
[plan]
windows = [{ sector = "coal_mine", rows = "31—41", visits = 2, quarters = [3] },
           { sector = "hazchem", rows = "1—10", visits = 1, quarters = [1, 2, 3] }]
"""
    (f,) = findings(body, checks=["windows"])
    assert f.message == WINDOWS_FEWER.format(sector="煤矿", rows="31—41", visits=2, n=1, quarters="第三季度")


def test_every_check_family_is_listed_once():
    assert len(CHECKS) == len(set(CHECKS.values())) == 14


def test_missing_visits_factor_is_only_a_note_when_nothing_says_how_often():
    body = '[[teams.items]]\ncategory = "supervision"\nlabel = "抽查"\nkind = "random"\n'
    body += "units = 3\npersons = 3\ndays = 1\n"
    (f,) = findings(body, checks=["missing_factors"])
    assert (f.code, f.severity, f.message) == ("missing_factor", Severity.INFO, "未列次数，按 1 计算")


def test_headcount_that_only_matches_the_misprinted_total_says_so():
    head = HEAD.replace("officers = 1", 'officers = 1\nstaff = 4\nstaff_label = "在册人员"')
    body = """
[[teams.items]]
category = "non_enforcement"
label = "值班"
lump = 1
[staffing]
rows = [{ name = "甲科", on_roll = 1, on_roll_enforcing = 1, seconded = 2, seconded_enforcing = 0 }]
stated = { seconded = 3 }
"""
    found = findings(body, head=head, checks=["staffing"])
    assert [f.code for f in found] == ["staffing_column_sum", "staffing_headcount"]
    assert found[1].message.endswith("（按合计行印刷的借调 3 人计才是 4 人）")
