"""Cap ledger (docs/business-rules.md §6): caps by class or grade summed over levels, what counts, headroom, refusals."""

import datetime as dt

from anjian.planning.caps import (
    CAP_GRADE_EXPIRED,
    CAP_MINE_CLASS_MISSING,
    CAP_NO_TABLE,
    cap_for,
    is_high_risk,
)
from anjian.planning.classify import Severity
from anjian.planning.facts import Enterprise, Industry, Level, StdGrade
from anjian.planning.ledger import (
    LEDGER_AT_CAP,
    LEDGER_JUSTIFICATION_EMPTY,
    LEDGER_OVER_CAP,
    LEDGER_OVER_CAP_JUSTIFIED,
    LEDGER_SUPERVISORY_OVER_CAP,
    Justification,
    LineStatus,
    VisitKind,
    VisitTally,
    build_ledger,
)
from anjian.planning.rules import load_pack

ON = dt.date(2025, 1, 1)
SHANXI = load_pack("shanxi")


def firm(**kw) -> Enterprise:
    return Enterprise(**{"id": 1, "name": "测试单位", "agency_id": 3, "industry": Industry.HAZCHEM, **kw})


def ledger(e, *tallies, pack=SHANXI, justifications=()):
    return build_ledger([e], tallies, pack=pack, on=ON, justifications=justifications)


def test_headroom_is_the_cap_minus_every_levels_use():
    book = ledger(
        firm(std_grade=StdGrade.SECOND),
        VisitTally(1, Level.PROVINCE, planned=1),
        VisitTally(1, Level.CITY, planned=1, actual=2),
        VisitTally(1, Level.COUNTY, planned=0),
    )
    line = book.line(1)
    assert (line.cap.value, line.used, line.total, line.headroom) == (
        4,
        ((Level.PROVINCE, 1), (Level.CITY, 2), (Level.COUNTY, 0)),
        3,
        1,
    )
    assert line.status == LineStatus.OK and book.findings == ()
    assert "2025年4月23日" in line.cap.basis and line.cap.label == "高危行业·标准化二级"


def test_at_the_cap_is_a_warning_and_above_it_an_error():
    at = ledger(
        firm(std_grade=StdGrade.FIRST), VisitTally(1, Level.CITY, planned=1), VisitTally(1, Level.COUNTY, 1)
    )
    over = ledger(
        firm(std_grade=StdGrade.FIRST), VisitTally(1, Level.CITY, planned=2), VisitTally(1, Level.COUNTY, 1)
    )
    assert at.findings[0].message == LEDGER_AT_CAP.format(
        name="测试单位", total=2, used="省级0次、市级1次、县级1次", cap=2, label="高危行业·标准化一级"
    )
    assert at.findings[0].severity == Severity.WARNING and not at.blocked
    assert over.findings[0].message == LEDGER_OVER_CAP.format(
        name="测试单位", total=3, used="省级0次、市级2次、县级1次", cap=2, label="高危行业·标准化一级"
    )
    assert over.blocked and over.line(1).status == LineStatus.OVER_CAP


def test_justification_turns_the_refusal_into_a_recorded_warning():
    why = Justification(1, "发生较大事故后依法开展事故调查检查", "局长")
    book = ledger(
        firm(std_grade=StdGrade.FIRST), VisitTally(1, Level.COUNTY, planned=3), justifications=[why]
    )
    assert book.line(1).status == LineStatus.JUSTIFIED and not book.blocked
    assert book.findings[0].message == LEDGER_OVER_CAP_JUSTIFIED.format(
        name="测试单位", total=3, cap=2, label="高危行业·标准化一级", text=why.text, by="局长"
    )


def test_empty_justification_is_refused():
    book = ledger(
        firm(std_grade=StdGrade.FIRST),
        VisitTally(1, Level.COUNTY, planned=3),
        justifications=[Justification(1, " ", "王五")],
    )
    assert [f.message for f in book.findings][0] == LEDGER_JUSTIFICATION_EMPTY.format(name="测试单位")
    assert book.line(1).status == LineStatus.OVER_CAP


def test_remote_checks_specialist_entries_and_specials_from_above_never_count():
    book = ledger(
        firm(std_grade=StdGrade.FIRST),
        VisitTally(1, Level.COUNTY, planned=1),
        VisitTally(1, Level.COUNTY, actual=5, kind=VisitKind.REMOTE),
        VisitTally(1, Level.PROVINCE, actual=3, kind=VisitKind.SPECIAL_FROM_ABOVE),
        VisitTally(1, Level.CITY, actual=9, kind=VisitKind.SPECIALIST_ENTRY),
        VisitTally(1, Level.CITY, planned=1, kind=VisitKind.CASE),
    )
    assert book.line(1).total == 2


def test_reviews_are_recorded_apart_unless_the_pack_counts_them(tmp_path):
    review = VisitTally(1, Level.COUNTY, actual=2, kind=VisitKind.REVIEW)
    apart = ledger(firm(), VisitTally(1, Level.COUNTY, planned=1), review).line(1)
    assert (apart.total, apart.reviews) == (1, 2)
    folder = tmp_path / "counting"
    folder.mkdir()
    (folder / "pack.toml").write_text('[pack]\nid = "counting"\nname = "c"\nextends = "shanxi"\n', "utf-8")
    (folder / "c.toml").write_text(
        '[caps.count_reviews]\nvalue = true\nsource = "本局"\nmark = "U"\n', "utf-8"
    )
    counted = ledger(
        firm(), VisitTally(1, Level.COUNTY, planned=1), review, pack=load_pack("counting", [tmp_path])
    ).line(1)
    assert (counted.total, counted.reviews) == (3, 0)


def test_supervisory_checks_have_their_own_counter_of_three():
    book = ledger(
        firm(),
        VisitTally(1, Level.PROVINCE, actual=2, kind=VisitKind.SUPERVISORY_CHECK),
        VisitTally(1, Level.CITY, planned=2, kind=VisitKind.SUPERVISORY_CHECK),
    )
    line = book.line(1)
    assert (line.total, line.supervisory_checks, line.supervisory_cap) == (0, 4, 3)
    assert book.findings[0].message == LEDGER_SUPERVISORY_OVER_CAP.format(
        name="测试单位", total=4, used="省级2次、市级2次、县级0次", cap=3, label="督导检查"
    )


def test_mine_without_class_blocks_planning_with_a_chinese_finding():
    book = ledger(firm(industry=Industry.NONCOAL_MINE), VisitTally(1, Level.COUNTY, planned=1))
    assert book.blocked and book.line(1).status == LineStatus.BLOCKED and book.line(1).headroom is None
    assert book.findings[0].message == CAP_MINE_CLASS_MISSING.format(
        name="测试单位", sector="非煤矿山", class_name="非煤矿山安全风险等级"
    )


def test_coal_class_caps_follow_the_shanxi_table():
    assert [cap_for(firm(industry=Industry.COAL_MINE, coal_class=c), SHANXI, ON).value for c in "ABCD"] == [
        2,
        4,
        6,
        4,
    ]
    assert [
        cap_for(firm(industry=Industry.NONCOAL_MINE, noncoal_class=c), SHANXI, ON).value for c in "ABCD"
    ] == [1, 1, 2, 4]


def test_national_pack_without_mine_table_warns_instead_of_capping():
    cap = cap_for(firm(industry=Industry.COAL_MINE, coal_class="A"), load_pack("national"), ON)
    assert cap.value is None and cap.findings[0].message == CAP_NO_TABLE.format(
        sector="煤矿", name="测试单位"
    )


def test_expired_standardisation_grade_counts_as_ungraded():
    cap = cap_for(firm(std_grade=StdGrade.FIRST, std_grade_valid_until=dt.date(2024, 12, 31)), SHANXI, ON)
    assert (cap.value, cap.label) == (12, "高危行业·标准化未定级")
    assert cap.findings[0].message == CAP_GRADE_EXPIRED.format(name="测试单位", date="2024年12月31日")


def test_high_risk_scope_is_hazchem_and_smelting_with_a_per_enterprise_override():
    assert is_high_risk(firm(), SHANXI)
    assert is_high_risk(firm(industry=Industry.METALLURGY_TRADE, flag_metal_smelting=True), SHANXI)
    assert not is_high_risk(firm(industry=Industry.METALLURGY_TRADE, flag_combustible_dust=True), SHANXI)
    assert not is_high_risk(firm(high_risk_override=False), SHANXI)
    assert is_high_risk(firm(industry=Industry.PHARMA, high_risk_override=True), SHANXI)
    assert cap_for(firm(industry=Industry.PHARMA, std_grade=StdGrade.FIRST), SHANXI, ON).value == 1


def test_a_levels_use_is_the_larger_of_planned_and_actual():
    book = ledger(
        firm(),
        VisitTally(1, Level.CITY, planned=2, actual=1),
        VisitTally(1, Level.COUNTY, planned=1, actual=3),
    )
    assert book.line(1).used_by(Level.CITY) == 2 and book.line(1).used_by(Level.COUNTY) == 3
