"""The pure execution core (no database): deadlines, entry checks, progress and version diffs."""

import datetime as dt
from decimal import Decimal

import pytest

from anjian.planning.execution.deadlines import DeadlineStatus, month, quarter, report_deadline, track
from anjian.planning.execution.diff import DIFF_CHANGED, Change, EntrySnapshot, diff_versions, is_major
from anjian.planning.execution.entry_check import (
    ENTRY_OVER_CAP,
    OfficerOnDuty,
    ProposedVisit,
    UpperEntry,
    check_entry,
)
from anjian.planning.execution.progress import DoneVisit, HazardRecord, PlannedUnit, due_quarters, progress
from anjian.planning.facts import Enterprise, Industry, Level, StdGrade
from anjian.planning.ledger import VisitKind, VisitTally
from anjian.planning.rules import load_pack

D = dt.date


@pytest.fixture(scope="module")
def pack():
    return load_pack("lvliang")


def plant(eid=1, grade=StdGrade.FIRST):
    return Enterprise(id=eid, name="某化工公司", agency_id=1, industry=Industry.HAZCHEM, std_grade=grade)


OFFICERS = (OfficerOnDuty("张三", "HC1", D(2030, 1, 1)), OfficerOnDuty("李四", "HC2", None))


def test_monthly_report_is_due_five_working_days_after_month_end_across_national_day(pack):
    # 2024-10-01..07 are off and Saturday 12 October is a make-up working day
    assert report_deadline(pack, month(2024, 9), None, D(2024, 10, 1)).due == D(2024, 10, 12)
    assert report_deadline(pack, month(2024, 1), None, D(2024, 2, 1)).due == D(2024, 2, 6)


def test_quarterly_report_is_due_five_calendar_days_after_quarter_end_and_late_counts_days(pack):
    late = report_deadline(pack, quarter(2024, 1), D(2024, 4, 8), D(2024, 5, 1))
    assert (late.due, late.status, late.days_late) == (D(2024, 4, 5), DeadlineStatus.LATE, 3)
    assert report_deadline(pack, quarter(2024, 2), None, D(2024, 7, 9)).status == DeadlineStatus.OVERDUE


def test_penalty_publication_is_due_seven_working_days_after_the_decision(pack):
    assert track(pack, "penalty.publication", "公示", D(2024, 9, 27), None, D(2024, 9, 27)).due == D(
        2024, 10, 12
    )


def test_visit_above_the_cap_warns_with_the_chinese_message(pack):
    e = plant()  # high-risk 一级: cap 2 over all levels
    tallies = [VisitTally(1, Level.CITY, planned=1), VisitTally(1, Level.PROVINCE, actual=1)]
    check = check_entry(ProposedVisit(1, D(2024, 5, 6), Level.CITY), e, pack=pack, tallies=tallies,
                        officers=OFFICERS)  # fmt: skip
    assert check.codes() == [] and not check.needs_approval  # the planned visit itself stays within the cap
    check = check_entry(ProposedVisit(1, D(2024, 5, 6), Level.CITY), e, pack=pack,
                        tallies=[*tallies, VisitTally(1, Level.CITY, actual=1)], officers=OFFICERS)  # fmt: skip
    assert check.codes() == ["entry_over_cap"] and check.needs_approval
    expected = ENTRY_OVER_CAP.format(name="某化工公司", total=3, used="省级1次、市级2次、县级0次", cap=2,
                                     label=check.findings[0].message.split("（")[2].split("）")[0])  # fmt: skip
    assert check.findings[0].message == expected and "须经批准" in expected


def test_remote_check_never_counts_against_the_cap(pack):
    tallies = [VisitTally(1, Level.CITY, actual=2)]
    check = check_entry(ProposedVisit(1, D(2024, 5, 6), Level.CITY, on_site=False), plant(), pack=pack,
                        tallies=tallies, officers=OFFICERS)  # fmt: skip
    assert check.codes() == []


def test_visit_that_leaves_no_ten_quiet_days_in_the_month_warns(pack):
    busy = [8, 18, 27]  # free runs: 1–7, 9–17, 19–26, 28–31 → only 9 days at most once the 18th is taken
    check = check_entry(ProposedVisit(1, D(2024, 5, 13), Level.CITY), plant(grade=StdGrade.NONE), pack=pack,
                        month_entry_days=busy, officers=OFFICERS)  # fmt: skip
    assert check.codes() == ["entry_quiet_period"]
    assert check.findings[0].message.startswith("某化工公司：2024-05-13的检查落在企业安静期")
    exempt = check_entry(ProposedVisit(1, D(2024, 5, 13), Level.CITY, kind="supervisory_check"),
                         plant(grade=StdGrade.NONE), pack=pack, month_entry_days=busy, officers=OFFICERS)  # fmt: skip
    assert "entry_quiet_period" not in exempt.codes()


def test_lower_level_entry_right_after_the_province_warns_except_reviews(pack):
    upper = [UpperEntry(D(2024, 5, 1), Level.PROVINCE, "山西省应急管理厅")]
    v = ProposedVisit(1, D(2024, 5, 20), Level.CITY)
    assert check_entry(v, plant(grade=StdGrade.NONE), pack=pack, upper_entries=upper,
                       officers=OFFICERS).codes() == ["entry_upper_level_recent"]  # fmt: skip
    review = ProposedVisit(1, D(2024, 5, 20), Level.CITY, kind=VisitKind.REVIEW)
    assert (
        check_entry(
            review, plant(grade=StdGrade.NONE), pack=pack, upper_entries=upper, officers=OFFICERS
        ).codes()
        == []
    )


def test_fewer_than_two_valid_certificates_blocks_the_record(pack):
    officers = (OfficerOnDuty("张三", "HC1", D(2024, 1, 1)), OfficerOnDuty("李四", "HC2", None))
    check = check_entry(ProposedVisit(1, D(2024, 5, 6), Level.CITY), plant(), pack=pack, officers=officers)
    assert check.blocked and check.codes() == ["entry_certificate_invalid", "entry_officers_short"]


def test_visits_fewer_than_windows_are_due_at_the_end_of_their_group_of_quarters():
    assert due_quarters(1, [1, 2, 3, 4]) == [4]
    assert due_quarters(2, [1, 2, 3, 4]) == [2, 4]
    assert due_quarters(1, [2, 3, 4]) == [4]
    assert due_quarters(4, [1, 2, 3, 4]) == [1, 2, 3, 4]
    assert due_quarters(3, [1, 2]) == [1, 1, 2]


def test_progress_counts_planned_on_site_visits_once_and_keeps_unplanned_and_remote_apart():
    units = [
        PlannedUnit(1, "甲", "煤矿", 2, (1, 2, 3, 4), (10,)),
        PlannedUnit(2, "乙", "危险化学品", 1, (1,), (11,)),
    ]
    visits = [
        DoneVisit(1, 1, D(2024, 2, 1), (10, 11)), DoneVisit(2, 1, D(2024, 3, 1), (10,)),
        DoneVisit(3, 1, D(2024, 3, 9), (10,)),  # a third visit: shown in the period, not counted above the plan
        DoneVisit(4, 2, D(2024, 3, 2), (11,), on_site=False), DoneVisit(5, 3, D(2024, 3, 3), planned=False),
    ]  # fmt: skip
    hazards = [HazardRecord(1, D(2024, 2, 1), False, True, D(2024, 3, 10), D(2024, 3, 12))]
    p = progress(quarter(2024, 1), units, visits, hazards)
    assert [(x.label, x.planned, x.due, x.done, x.in_period) for x in p.units] == [
        ("甲", 2, 0, 2, 3),
        ("乙", 1, 1, 0, 0),
    ]
    assert (p.in_period.on_site, p.in_period.planned, p.in_period.unplanned, p.in_period.remote) == (
        4,
        3,
        1,
        1,
    )
    assert p.kpis["coverage"].rate == Decimal("50.0") and p.kpis["review_on_time"].numerator == 0


def test_diff_lists_a_new_key_unit_and_a_changed_frequency_and_calls_it_major():
    old = [
        EntrySnapshot(1, "甲", "general", 1, (2,), ("煤矿科",)),
        EntrySnapshot(2, "乙", "key", 1, (1,), ("危化科",)),
    ]
    new = [
        EntrySnapshot(1, "甲", "key", 1, (2,), ("煤矿科",)),
        EntrySnapshot(2, "乙", "key", 2, (1,), ("危化科",)),
    ]
    changes = diff_versions(old, new)
    assert [(c.change, c.field) for c in changes] == [
        (Change.CHANGED, "category"),
        (Change.CHANGED, "visits"),
    ]
    assert changes[1].message == DIFF_CHANGED.format(name="乙", field="检查频次", old="1次", new="2次")
    assert is_major(changes, old, new)
    assert not is_major(changes[1:], old[1:], new[1:])
