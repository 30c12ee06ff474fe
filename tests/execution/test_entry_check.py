"""The checks before an inspection is recorded, each finding in full (code, severity, place, message, citation,
source, enterprise), with the boundaries of the quiet period, the upper-level window and certificates."""

import dataclasses
import datetime as dt

import pytest

from anjian.planning.execution.entry_check import (
    ENTRY_CERTIFICATE_INVALID,
    ENTRY_OFFICERS_SHORT,
    ENTRY_OVER_CAP,
    ENTRY_QUIET_PERIOD,
    ENTRY_UPPER_LEVEL_RECENT,
    OfficerOnDuty,
    ProposedVisit,
    UpperEntry,
    check_entry,
)
from anjian.planning.facts import Enterprise, Industry, Level, StdGrade
from anjian.planning.findings import Finding, Severity
from anjian.planning.ledger import VisitKind, VisitTally
from anjian.planning.rules import load_pack

D = dt.date
PACK = load_pack("lvliang")
FIRM = Enterprise(id=1, name="某化工公司", agency_id=1, industry=Industry.HAZCHEM, std_grade=StdGrade.FIRST)
TWO = (OfficerOnDuty("张三", "HC1", D(2030, 1, 1)), OfficerOnDuty("李四", "HC2", None))
QUIET = PACK.rule("schedule.quiet_period.days_per_month")
APPROVAL = PACK.value("schedule.quiet_period.exception_approval")


def found(code, severity, where, message, rule):
    return Finding(code, severity, where, message, PACK.rule(rule).citation, "execution", enterprise_id=1)


def check(visit=None, **kw):
    kw.setdefault("officers", TWO)
    return check_entry(visit or ProposedVisit(1, D(2024, 5, 6), Level.CITY), FIRM, pack=PACK, **kw)


def test_over_the_cap_the_finding_states_every_levels_count_and_the_caps_row():
    tallies = [VisitTally(1, Level.CITY, actual=1), VisitTally(1, Level.PROVINCE, actual=1)]
    result = check(tallies=tallies)
    msg = ENTRY_OVER_CAP.format(
        name="某化工公司", total=3, used="省级1次、市级2次、县级0次", cap=2, label="高危行业·标准化一级"
    )
    assert result.findings == (
        Finding("entry_over_cap", Severity.WARNING, "2024-05-06", msg, PACK.rule("caps.high_risk_by_grade").citation,
                "execution", enterprise_id=1),
    )  # fmt: skip
    assert result.needs_approval and not result.blocked
    at_cap = check(tallies=tallies[:1])
    assert at_cap.findings == () and not at_cap.needs_approval


def test_a_visit_that_leaves_no_quiet_run_names_the_longest_left():
    result = check(ProposedVisit(1, D(2024, 5, 13), Level.CITY), month_entry_days=[8, 18, 27])
    detail = "加上本次后最长连续无检查仅8日"  # free: 1–7, 9–12, 14–17, 19–26, 28–31
    msg = ENTRY_QUIET_PERIOD.format(
        name="某化工公司", date=D(2024, 5, 13), days=10, detail=detail, approval=APPROVAL
    )
    assert result.findings == (found("entry_quiet_period", Severity.WARNING, "2024-05-13", msg,
                                     "schedule.quiet_period.days_per_month"),)  # fmt: skip
    # exactly ten free days left is enough
    assert check(ProposedVisit(1, D(2024, 5, 11), Level.CITY), month_entry_days=[22]).findings == ()


def test_a_visit_on_every_other_day_leaves_no_free_run_at_all():
    busy = list(range(1, 32))
    result = check(ProposedVisit(1, D(2024, 5, 13), Level.CITY), month_entry_days=busy)
    assert "加上本次后已无连续无检查日" in result.findings[0].message


def test_with_a_fixed_window_only_a_visit_inside_it_needs_approval():
    rules = {**PACK.rules}
    rules["schedule.quiet_period.mode"] = dataclasses.replace(
        PACK.rule("schedule.quiet_period.mode"), value="fixed"
    )
    rules["schedule.quiet_period.fixed_first_day"] = dataclasses.replace(
        PACK.rule("schedule.quiet_period.fixed_first_day"), value=21)  # fmt: skip
    fixed = dataclasses.replace(PACK, rules=rules)

    def at(day):
        return check_entry(ProposedVisit(1, day, Level.CITY), FIRM, pack=fixed, officers=TWO).codes()

    assert at(D(2024, 2, 20)) == [] and at(D(2024, 2, 21)) == ["entry_quiet_period"]
    assert at(D(2024, 2, 29)) == ["entry_quiet_period"]  # February ends the window early
    inside = check_entry(ProposedVisit(1, D(2024, 2, 25), Level.CITY), FIRM, pack=fixed, officers=TWO)
    assert "安静期为2月21日至29日" in inside.findings[0].message


@pytest.mark.parametrize("visit", [
    ProposedVisit(1, D(2024, 5, 13), Level.CITY, on_site=False),
    ProposedVisit(1, D(2024, 5, 13), Level.CITY, kind="verification"),
    ProposedVisit(1, D(2024, 5, 13), Level.CITY, kind=VisitKind.SPECIALIST_ENTRY),
])  # fmt: skip
def test_remote_exempt_and_specialist_entries_never_close_the_quiet_period(visit):
    assert "entry_quiet_period" not in check(visit, month_entry_days=[8, 18, 27]).codes()


def test_an_upper_levels_entry_within_the_window_warns_naming_the_latest():
    upper = [UpperEntry(D(2024, 4, 20), Level.PROVINCE, "山西省应急管理厅"),
             UpperEntry(D(2024, 5, 1), Level.CITY, "吕梁市应急管理局")]  # fmt: skip
    result = check(ProposedVisit(1, D(2024, 5, 20), Level.COUNTY), upper_entries=upper)
    msg = ENTRY_UPPER_LEVEL_RECENT.format(
        name="某化工公司", agency="吕梁市应急管理局", level="市级", date=D(2024, 5, 1), days=30
    )
    assert result.findings == (found("entry_upper_level_recent", Severity.WARNING, "2024-05-20", msg,
                                     "execution.entry.upper_level_recent_days"),)  # fmt: skip


def test_the_upper_level_window_its_edges_and_what_does_not_count():
    def codes(day, entry):
        return check(ProposedVisit(1, day, Level.CITY), upper_entries=[entry]).codes()

    province = UpperEntry(D(2024, 5, 1), Level.PROVINCE, "山西省应急管理厅")
    assert codes(D(2024, 5, 31), province) == ["entry_upper_level_recent"]  # day 30
    assert codes(D(2024, 6, 1), province) == []  # day 31
    assert codes(D(2024, 5, 1), province) == ["entry_upper_level_recent"]  # the same day
    assert codes(D(2024, 4, 30), province) == []  # an entry after the visit
    assert codes(D(2024, 5, 20), dataclasses.replace(province, kind=VisitKind.REMOTE)) == []
    assert codes(D(2024, 5, 20), UpperEntry(D(2024, 5, 1), Level.CITY, "本级")) == []  # same level
    assert codes(D(2024, 5, 20), UpperEntry(D(2024, 5, 1), Level.COUNTY, "县局")) == []  # lower level
    remote = check(ProposedVisit(1, D(2024, 5, 20), Level.CITY, on_site=False), upper_entries=[province])
    assert remote.codes() == []


def test_invalid_certificates_are_named_and_too_few_valid_officers_block():
    officers = (OfficerOnDuty("张三", "HC1", D(2024, 5, 5)), OfficerOnDuty("王五", " ", None),
                OfficerOnDuty("李四", "HC2", D(2024, 5, 6)))  # fmt: skip
    result = check(officers=officers)
    rule = "schedule.officers.min_per_visit"
    assert result.findings == (
        found("entry_certificate_invalid", Severity.WARNING, "张三",
              ENTRY_CERTIFICATE_INVALID.format(name="张三", problem="已于2024-05-05过期"), rule),
        found("entry_certificate_invalid", Severity.WARNING, "王五",
              ENTRY_CERTIFICATE_INVALID.format(name="王五", problem="证号为空"), rule),
        found("entry_officers_short", Severity.ERROR, "2024-05-06",
              ENTRY_OFFICERS_SHORT.format(date=D(2024, 5, 6), valid=1, names="李四", min=2), rule),
    )  # fmt: skip
    assert result.blocked and not result.needs_approval
    nobody = check(officers=())
    assert nobody.findings[-1].message == ENTRY_OFFICERS_SHORT.format(
        date=D(2024, 5, 6), valid=0, names="无", min=2
    )


def with_rules(**values):
    rules = dict(PACK.rules)
    for key, value in values.items():
        key = key.replace("__", ".")
        if value is None:
            rules.pop(key)
        else:
            rules[key] = dataclasses.replace(PACK.rule(key), value=value)
    return dataclasses.replace(PACK, rules=rules)


def test_a_fixed_window_in_a_long_month_ends_on_its_last_quiet_day():
    fixed = with_rules(**{"schedule.quiet_period.mode": "fixed", "schedule.quiet_period.fixed_first_day": 1})

    def at(day):
        return check_entry(ProposedVisit(1, day, Level.CITY), FIRM, pack=fixed, officers=TWO).codes()

    assert at(D(2024, 5, 10)) == ["entry_quiet_period"] and at(D(2024, 5, 11)) == []
    assert at(D(2024, 5, 1)) == ["entry_quiet_period"]


def test_no_free_day_at_all_is_said_so_and_the_default_approver_is_the_head():
    pack = with_rules(**{"schedule.quiet_period.exception_approval": None})
    result = check_entry(ProposedVisit(1, D(2024, 5, 13), Level.CITY), FIRM, pack=pack, officers=TWO,
                         month_entry_days=range(1, 32))  # fmt: skip
    assert result.findings[0].message == ENTRY_QUIET_PERIOD.format(
        name="某化工公司",
        date=D(2024, 5, 13),
        days=10,
        detail="加上本次后已无连续无检查日",
        approval="本单位主要负责人批准",
    )


def test_a_one_day_quiet_rule_still_applies_and_zero_turns_it_off():
    every_day = range(1, 32)
    one = with_rules(**{"schedule.quiet_period.days_per_month": 1})
    off = with_rules(**{"schedule.quiet_period.days_per_month": 0})
    visit = ProposedVisit(1, D(2024, 5, 13), Level.CITY)
    assert check_entry(visit, FIRM, pack=one, officers=TWO, month_entry_days=every_day).codes() == [
        "entry_quiet_period"
    ]
    assert check_entry(visit, FIRM, pack=off, officers=TWO, month_entry_days=every_day).codes() == []


def test_the_cap_is_read_on_the_day_of_the_visit():
    expiring = dataclasses.replace(
        FIRM, std_grade_valid_until=D(2024, 6, 30)
    )  # 一级 (2) until then, 未定级 (12) after
    tallies = [VisitTally(1, Level.CITY, actual=2)]
    before = check_entry(
        ProposedVisit(1, D(2024, 6, 30), Level.CITY), expiring, pack=PACK, tallies=tallies, officers=TWO
    )
    after = check_entry(
        ProposedVisit(1, D(2024, 7, 1), Level.CITY), expiring, pack=PACK, tallies=tallies, officers=TWO
    )
    assert before.codes() == ["entry_over_cap"] and after.codes() == []


def test_the_valid_officers_are_listed_when_a_pack_asks_for_more():
    three = with_rules(**{"schedule.officers.min_per_visit": 3})
    result = check_entry(ProposedVisit(1, D(2024, 5, 6), Level.CITY), FIRM, pack=three, officers=TWO)
    assert result.findings[-1].message == ENTRY_OFFICERS_SHORT.format(
        date=D(2024, 5, 6), valid=2, names="张三、李四", min=3
    )
