"""Multi-day visits with teams from the workday sheet, even load and avoided days (issue 18 items 1–3)."""

import datetime as dt
from collections import Counter
from decimal import Decimal

from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.greedy import greedy_schedule
from anjian.planning.schedule.inputs import months, quarters
from anjian.planning.schedule.result import Visit
from anjian.planning.schedule.solve import schedule
from anjian.planning.schedule.synthetic import working_days
from anjian.planning.schedule.validate import validate

from .builders import HAZCHEM, RULES, TEAM, demand, enterprise, officer, problem

THU = dt.date(2025, 7, 10)
FRI, MON, TUE = dt.date(2025, 7, 11), dt.date(2025, 7, 14), dt.date(2025, 7, 15)
SIX = tuple(officer(11 + i, HAZCHEM, f"股室{i}") for i in range(3)) + tuple(
    officer(21 + i, TEAM, f"大队{i}") for i in range(3)
)


def errors(p, visits):
    return [f for f in validate(p, visits) if f.is_error]


def multi(day, officers, dates, days="2.5", demands=("D1",)):
    return Visit(1, 101, day, demands, officers, dates=dates, days=Decimal(days))


def test_two_and_a_half_days_keep_the_team_three_consecutive_working_days():
    assert RULES.duration(Decimal("2.5")) == 3
    assert RULES.with_changes(partial_day="round").duration(Decimal("2.4")) == 2
    p = problem([demand("D1", 101, 1, quarters(3), persons=5, days=Decimal("2.5"))], officers=SIX)
    r = schedule(p, 10, workers=1)
    assert errors(p, r.visits) == []
    (v,) = r.visits
    assert len(v.officer_ids) == 5 and v.days == Decimal("2.5") and v.person_days == Decimal("12.5")
    assert len(v.span) == 3 and all(t in set(p.working_days) for t in v.span)
    assert r.stats.person_days == Decimal("12.5")


def test_greedy_baseline_also_keeps_the_team_for_the_whole_span():
    p = problem([demand("D1", 101, 1, quarters(3), persons=4, days=Decimal(2))], officers=SIX)
    r = greedy_schedule(p)
    (v,) = r.visits
    assert len(v.span) == 2 and len(v.officer_ids) == 4 and errors(p, r.visits) == []


def test_a_span_over_the_weekend_is_consecutive_working_days_and_a_gap_is_refused():
    p = problem([demand("D1", 101, 1, quarters(3), days=Decimal(3))])
    assert errors(p, [multi(THU, (11, 21), (THU, FRI, MON), "3")]) == []
    found = errors(p, [multi(THU, (11, 21), (THU, FRI, TUE), "3")])
    assert [f.code for f in found] == ["visit_not_consecutive"]
    assert found[0].message == msg.VISIT_NOT_CONSECUTIVE.format(
        enterprise="夏县化工有限公司", dates="2025年7月10日、2025年7月11日、2025年7月15日"
    )


def test_a_visit_shorter_than_the_sheet_costs_is_refused():
    p = problem([demand("D1", 101, 1, quarters(3), days=Decimal("2.5"))])
    found = errors(p, [multi(THU, (11, 21), (THU, FRI), "2")])
    assert [f.code for f in found] == ["visit_duration"]
    assert "应为每人 2.5 天、连续 3 个工作日" in found[0].message


def test_too_small_a_team_for_the_sheet_is_refused():
    p = problem([demand("D1", 101, 1, quarters(3), persons=5)], officers=SIX)
    found = errors(p, [Visit(1, 101, THU, ("D1",), (11, 12, 21))])
    assert [f.code for f in found] == ["too_few_officers"]


def test_an_officer_on_a_multi_day_visit_is_double_booked_on_its_second_day():
    firms = (enterprise(101, "夏县化工有限公司"), enterprise(102, "夏县加油站"))
    p = problem(
        [demand("D1", 101, 1, quarters(3), days=Decimal(2)), demand("D2", 102, 1, quarters(3))],
        enterprises=firms,
    )
    visits = [multi(THU, (11, 21), (THU, FRI), "2"), Visit(1, 102, FRI, ("D2",), (11, 22))]
    found = errors(p, visits)
    assert [(f.code, f.date) for f in found] == [("officer_day_over", FRI)]


def test_office_keeping_officers_in_cannot_send_them_out():
    p = problem([demand("D1", 101, 1, quarters(3))], office_reserve={(HAZCHEM, THU): 1})
    found = errors(p, [Visit(1, 101, THU, ("D1",), (11, 12))])
    assert [f.code for f in found] == ["office_day_over"]
    assert found[0].message == msg.OFFICE_DAY_OVER.format(
        office="危险化学品安全监管股", date="2025年7月10日", count=2, available=1
    )


def test_solver_honours_an_office_keeping_officers_in():
    officers = (officer(11, HAZCHEM, "王伟"), officer(12, HAZCHEM, "李娜"), officer(13, HAZCHEM, "赵敏"))
    days = [t for t in working_days(2025) if t.month == 7]
    reserve = {(HAZCHEM, t): 2 for t in days[:-1]}  # only the last working day of July has two free
    p = problem(
        [demand("D1", 101, 1, months(7), persons=2)],
        officers=officers,
        office_reserve=reserve,
        rules=RULES.with_changes(borrow_enforcement_team=False),
    )
    r = schedule(p, 10, workers=1)
    assert [v.date for v in r.visits] == [days[-1]] and errors(p, r.visits) == []


def test_visits_of_a_month_are_spread_over_its_days_not_bunched():
    firms = tuple(enterprise(101 + i, f"夏县第{i + 1}加油站") for i in range(10))
    officers = tuple(officer(11 + i, HAZCHEM, f"股室{i}", capacity=200) for i in range(8))
    p = problem(
        [demand(f"D{i}", 101 + i, 1, months(7)) for i in range(10)],
        enterprises=firms,
        officers=officers,
        rules=RULES.with_changes(quiet_days=0),
    )
    r = schedule(p, 10, workers=1)
    assert errors(p, r.visits) == [] and len(r.visits) == 10
    assert max(Counter(v.date for v in r.visits).values()) == 1


def test_first_working_day_after_a_long_break_is_avoided():
    assert dt.date(2024, 1, 2) in RULES.avoided(working_days(2024))  # 元旦 after the weekend
    assert dt.date(2025, 10, 9) in RULES.avoided(working_days(2025))  # after 国庆、中秋
    assert dt.date(2025, 7, 14) not in RULES.avoided(working_days(2025))  # an ordinary Monday
    listed = RULES.with_changes(avoid_days=("07-15",))
    assert dt.date(2025, 7, 15) in listed.avoided(working_days(2025))
    p = problem([demand("D1", 101, 1, months(10))], rules=RULES.with_changes(quiet_days=0))
    r = schedule(p, 10, workers=1)
    assert [v.date for v in r.visits] != [dt.date(2025, 10, 9)] and len(r.visits) == 1


def test_capacity_precheck_counts_person_days_of_multi_day_visits():
    officers = (officer(11, HAZCHEM, "王伟", capacity=8), officer(12, HAZCHEM, "李娜", capacity=8))
    p = problem(
        [demand("D1", 101, 1, quarters(3), days=Decimal(3))],
        officers=officers,
        rules=RULES.with_changes(borrow_enforcement_team=False),
    )
    r = schedule(p, 10, workers=1)
    # 2 officers × 3 days = 6 person-days; each officer has 8 × 64/248 → 2 in the third quarter
    assert msg.CAPACITY_SHORT.format(
        period="2025年第三季度", office="危险化学品安全监管股", short=2, need=6, have=4
    ) in [f.message for f in r.findings]
    assert r.visits == ()


def test_january_2026_starts_after_the_make_up_sunday_and_is_not_bunched():
    from dataclasses import replace

    firms = tuple(enterprise(101 + i, f"夏县第{i + 1}加油站") for i in range(14))
    officers = tuple(officer(11 + i, HAZCHEM, f"股室{i}", capacity=200) for i in range(8))
    p = problem(
        [demand(f"D{i}", 101 + i, 1, months(1)) for i in range(14)],
        enterprises=firms,
        officers=officers,
        rules=RULES.with_changes(quiet_days=0),
    )
    p = replace(p, year=2026, working_days=working_days(2026))
    assert p.working_days[0] == dt.date(2026, 1, 4)  # 调休: a Sunday, the first working day after 元旦
    r = schedule(p, 10, workers=1)
    assert errors(p, r.visits) == [] and len(r.visits) == 14
    assert dt.date(2026, 1, 4) not in {v.date for v in r.visits}
    assert max(Counter(v.date for v in r.visits).values()) == 1


def test_a_month_short_of_officer_days_is_explained_with_office_month_and_person_days():
    firms = tuple(enterprise(101 + i, f"夏县第{i + 1}化工厂") for i in range(12))
    officers = (officer(11, HAZCHEM, "王伟", capacity=200), officer(12, HAZCHEM, "李娜", capacity=200))
    p = problem(
        [demand(f"D{i}", 101 + i, 1, months(7), days=Decimal(2)) for i in range(12)],
        enterprises=firms,
        officers=officers,
        rules=RULES.with_changes(borrow_enforcement_team=False, quiet_days=0),
    )
    r = schedule(p, 10, workers=1)
    # 12 visits × 2 officers × 2 days = 48 person-days; July 2025 has 23 working days × 2 officers = 46
    short = [f for f in r.findings if f.code == "capacity_short"]
    assert [(f.message, f.rule) for f in short] == [
        (
            msg.CAPACITY_SHORT.format(
                period="2025年7月", office="危险化学品安全监管股", short=2, need=48, have=46
            ),
            "officer_day_capacity",
        )
    ]
    assert len(r.visits) == 11 and errors(p, r.visits) == [
        e for e in errors(p, r.visits) if e.code == "demand_short"
    ]
