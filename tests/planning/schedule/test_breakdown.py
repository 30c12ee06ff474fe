"""Quarterly, monthly and weekly plans per office and per officer; weeks run Monday to Sunday."""

import datetime as dt

from anjian.planning.schedule.breakdown import load_spread, office_plan, officer_plan, period_of

from .builders import HAZCHEM, TEAM, demand, problem, visit


def schedule_of_three():
    p = problem(
        [
            demand("D1", 101, 2, ((7,), (8,))),
            demand("D2", 101, 1, ((7,),), office=TEAM),
            demand("D3", 102, 1, ((8,),)),
        ]
    )
    visits = [
        visit(101, dt.date(2025, 7, 7), ("D1", "D2"), (11, 21)),  # Monday
        visit(101, dt.date(2025, 8, 4), ("D1",), (11, 22)),
        visit(102, dt.date(2025, 8, 10 - 1), ("D3",), (12, 21)),
    ]  # 9 Aug is a Saturday: plan data only
    return p, visits


def test_office_plan_per_quarter_counts_joint_entries_under_each_office():
    p, visits = schedule_of_three()
    lines = {(line.period, line.owner): line for line in office_plan(p, visits, "quarter")}
    hazchem = lines["2025-Q3", "危险化学品安全监管股"]
    team = lines["2025-Q3", "执法大队"]
    assert (hazchem.entries, hazchem.enterprises, hazchem.person_days, hazchem.joint_entries) == (3, 2, 3, 1)
    assert (team.entries, team.person_days) == (3, 3)
    assert hazchem.period_label == "2025年第三季度" and hazchem.owner_id == HAZCHEM and team.owner_id == TEAM


def test_monthly_and_weekly_plans_per_officer():
    p, visits = schedule_of_three()
    months = {(line.period, line.owner): line.entries for line in officer_plan(p, visits, "month")}
    assert months == {
        ("2025-07", "王伟"): 1,
        ("2025-07", "张强"): 1,
        ("2025-08", "王伟"): 1,
        ("2025-08", "刘洋"): 1,
        ("2025-08", "李娜"): 1,
        ("2025-08", "张强"): 1,
    }
    weeks = {line.period_label for line in officer_plan(p, visits, "week")}
    assert weeks == {"7月7日—7月13日", "8月4日—8月10日"}


def test_week_runs_monday_to_sunday():
    assert (
        period_of(dt.date(2025, 7, 13), "week")[0] == "2025-07-07"
    )  # Sunday belongs to the week of Monday 7th
    assert period_of(dt.date(2025, 7, 14), "week")[0] == "2025-07-14"


def test_load_spread_is_the_largest_gap_within_an_office():
    p, visits = schedule_of_three()
    assert load_spread(p, visits) == 1.7  # 王伟 2, 李娜 1 of 60 days each: 3.3 % against 1.7 %
