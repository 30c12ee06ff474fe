"""The validator's findings in full: code, severity, where (the unit's name), message, rule family, enterprise and
date, so that the workbench can point at the day and the unit a finding concerns."""

import datetime as dt

from anjian.planning.facts import Industry
from anjian.planning.findings import Finding, Severity
from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.inputs import FixedVisit, VisitKind, quarters
from anjian.planning.schedule.result import Visit
from anjian.planning.schedule.validate import validate

from .builders import HAZCHEM, RULES, TEAM, demand, enterprise, officer, problem, visit

CHEM = "夏县化工有限公司"
JUL7, OCT13 = dt.date(2025, 7, 7), dt.date(2025, 10, 13)


def error(code, rule, message, enterprise_id=101, date=None, where=CHEM):
    return Finding(code, Severity.ERROR, where, message, rule=rule, enterprise_id=enterprise_id, date=date)


def found(p, visits, windows=()):
    return validate(p, visits, windows)


def test_a_saturday_visit_names_the_unit_the_day_and_the_rule():
    p = problem([demand("D1", 101, 1, quarters(3))])
    sat = dt.date(2025, 7, 5)
    text = msg.NOT_WORKING_DAY.format(enterprise=CHEM, date="2025年7月5日", weekday="星期六")
    assert found(p, [visit(101, sat, ("D1",))]) == [error("not_working_day", "working_day", text, date=sat)]


def test_a_visit_in_another_year_is_outside_the_plan_year():
    p = problem([demand("D1", 101, 1, quarters(1))])
    day = dt.date(2026, 1, 5)
    text = msg.OUTSIDE_YEAR.format(enterprise=CHEM, date="2026年1月5日", year=2025)
    assert error("outside_year", "working_day", text, date=day) in found(p, [visit(101, day, ("D1",))])


def test_a_visit_outside_its_window_or_for_another_units_demand_is_outside_window():
    p = problem(
        [
            demand("D1", 101, 1, quarters(3), label="危化检查"),
            demand("D2", 102, 1, quarters(3), label="加油站检查"),
        ]
    )
    apr = dt.date(2025, 4, 7)
    early = [
        f
        for f in found(p, [visit(101, apr, ("D1",)), visit(102, JUL7, ("D2",))])
        if f.code == "outside_window"
    ]
    assert early == [
        error("outside_window", "demand_window",
              msg.OUTSIDE_WINDOW.format(enterprise=CHEM, demand="危化检查", date="2025年4月7日", window="第三季度"),
              date=apr)
    ]  # fmt: skip
    wrong_unit = [f for f in found(p, [visit(101, JUL7, ("D1", "D2"))]) if f.code == "outside_window"]
    assert wrong_unit == [
        error("outside_window", "demand_window",
              msg.OUTSIDE_WINDOW.format(enterprise=CHEM, demand="加油站检查", date="2025年7月7日", window="第三季度"),
              date=JUL7)
    ]  # fmt: skip


def test_a_visit_of_another_agency_does_not_serve_the_bureaus_demand():
    p = problem([demand("D1", 101, 1, quarters(3), label="危化检查")])
    other = Visit(9, 101, JUL7, ("D1",), (11, 21))
    assert "outside_window" in [f.code for f in found(p, [other])]


def test_a_demand_placed_too_few_times_is_short_with_its_counts():
    p = problem([demand("D1", 101, 2, quarters(3, 4), label="危化检查")])
    text = msg.DEMAND_SHORT.format(enterprise=CHEM, demand="危化检查", count=2, placed=1)
    assert error("demand_short", "demand_complete", text) in found(p, [visit(101, JUL7, ("D1",))])
    text = msg.DEMAND_SHORT.format(enterprise=CHEM, demand="危化检查", count=2, placed=0)
    assert found(p, []) == [error("demand_short", "demand_complete", text)]


def test_two_visits_in_one_of_two_quarters_break_the_spread_in_both():
    p = problem([demand("D1", 101, 2, quarters(3, 4), label="危化检查")])
    both_q3 = [visit(101, JUL7, ("D1",)), visit(101, dt.date(2025, 8, 12), ("D1",))]
    spread = [f for f in found(p, both_q3) if f.code == "spread_broken"]

    def broken(period, placed):
        return error("spread_broken", "demand_spread", msg.SPREAD_BROKEN.format(
            enterprise=CHEM, demand="危化检查", period=period, placed=placed, low=1, high=1, count=2,
            periods="第三、四季度"))  # fmt: skip

    assert spread == [broken("第三季度", 2), broken("第四季度", 0)]
    assert [f for f in found(p, [visit(101, JUL7, ("D1",)), visit(101, OCT13, ("D1",))]) if f.is_error] == []


def test_one_visit_over_three_quarters_may_fall_in_any_of_them():
    p = problem([demand("D1", 101, 1, quarters(1, 2, 3))])
    for day in (dt.date(2025, 2, 10), dt.date(2025, 5, 12), JUL7):
        assert [f for f in found(p, [visit(101, day, ("D1",))]) if f.is_error] == []


def test_quiet_window_breaches_are_errors_for_ours_and_warnings_for_another_levels_visit():
    rules = RULES.with_changes(quiet_mode="fixed", quiet_fixed_first_day=1)
    fixed = (FixedVisit("F1", 101, dt.date(2025, 7, 3), agency_id=9),)
    p = problem([demand("D1", 101, 1, quarters(3))], fixed=fixed, rules=rules)
    last = rules.quiet_days
    quiet = sorted(
        (f for f in found(p, [visit(101, JUL7, ("D1",))]) if f.rule == "quiet_period"), key=lambda f: f.date
    )
    assert quiet == [
        Finding("quiet_violated", Severity.WARNING, CHEM, msg.QUIET_VIOLATED.format(
            enterprise=CHEM, date="2025年7月3日", month=7, first=1, last=last), rule="quiet_period",
            enterprise_id=101, date=dt.date(2025, 7, 3)),
        Finding("quiet_violated", Severity.ERROR, CHEM, msg.QUIET_VIOLATED.format(
            enterprise=CHEM, date="2025年7月7日", month=7, first=1, last=last), rule="quiet_period",
            enterprise_id=101, date=JUL7),
    ]  # fmt: skip


def test_an_approved_exception_inside_the_quiet_window_is_recorded_not_refused():
    rules = RULES.with_changes(quiet_mode="fixed", quiet_fixed_first_day=1)
    p = problem([demand("D1", 101, 1, quarters(3), quiet_exception="局长批准（2025年7月1日）")], rules=rules)
    quiet = [f for f in found(p, [visit(101, JUL7, ("D1",))]) if f.rule == "quiet_period"]
    assert quiet == [
        Finding("quiet_exception", Severity.INFO, CHEM, msg.QUIET_EXCEPTION.format(
            enterprise=CHEM, date="2025年7月7日", approval="局长批准（2025年7月1日）"), rule="quiet_period",
            enterprise_id=101, date=JUL7),
    ]  # fmt: skip


def test_visits_every_week_of_a_month_leave_no_quiet_period():
    p = problem([demand("D1", 101, 4, quarters(3))])
    days = [dt.date(2025, 7, d) for d in (1, 9, 17, 25)]  # longest free run: 7 days
    quiet = [f for f in found(p, [visit(101, d, ("D1",)) for d in days]) if f.code == "quiet_too_short"]
    text = msg.QUIET_TOO_SHORT.format(enterprise=CHEM, year=2025, month=7, days=p.rules.quiet_days, longest=7)
    assert quiet == [error("quiet_too_short", "quiet_period", text)]


def test_two_entries_on_one_day_should_have_been_one():
    p = problem([demand("D1", 101, 1, quarters(3)), demand("D2", 101, 1, quarters(3))])
    twice = [f for f in found(p, [visit(101, JUL7, ("D1",)), visit(101, JUL7, ("D2",), (12, 22))])
             if f.code == "same_day_twice"]  # fmt: skip
    text = msg.SAME_DAY_TWICE.format(enterprise=CHEM, date="2025年7月7日", count=2)
    assert twice == [error("same_day_twice", "one_entry_per_day", text, date=JUL7)]


MINE = "夏县某铁矿"


def mine_problem(demands, fixed=(), rules=RULES):
    staff = (officer(11, HAZCHEM, "王伟", is_mine_specialist=True), officer(12, HAZCHEM, "李娜"),
             officer(21, TEAM, "张强"), officer(22, TEAM, "刘洋", is_mine_specialist=True))  # fmt: skip
    return problem(demands, enterprises=(enterprise(201, MINE, Industry.NONCOAL_MINE),), officers=staff,
                   fixed=fixed, rules=rules)  # fmt: skip


def test_a_mine_specialist_entering_twice_in_one_week_is_refused_naming_the_week():
    p = mine_problem([demand("D1", 201, 2, quarters(3))])
    twice = [visit(201, JUL7, ("D1",), (11, 21)), visit(201, dt.date(2025, 7, 10), ("D1",), (11, 21))]
    weekly = [f for f in found(p, twice) if f.rule == "specialist_weekly"]
    text = msg.SPECIALIST_WEEK_OVER.format(enterprise=MINE, week="7月7日—7月13日", count=2, max=1)
    assert weekly == [Finding("specialist_week_over", Severity.ERROR, MINE, text, rule="specialist_weekly",
                              enterprise_id=201, period="7月7日—7月13日")]  # fmt: skip
    # the next Monday starts a new week; visits without a specialist do not count
    apart = [
        visit(201, dt.date(2025, 7, 11), ("D1",), (11, 21)),
        visit(201, dt.date(2025, 7, 14), ("D1",), (11, 21)),
    ]
    assert [f for f in found(p, apart) if f.rule == "specialist_weekly"] == []
    plain = [visit(201, JUL7, ("D1",), (12, 21)), visit(201, dt.date(2025, 7, 10), ("D1",), (12, 21))]
    assert [f for f in found(p, plain) if f.rule == "specialist_weekly"] == []


def test_a_patrol_already_fixed_counts_and_alone_it_is_only_a_warning():
    patrol = FixedVisit("P1", 201, dt.date(2025, 7, 8), kind=VisitKind.SPECIALIST_PATROL, officer_ids=(22,))
    p = mine_problem([demand("D1", 201, 1, quarters(3))], fixed=(patrol,))
    ours = [f for f in found(p, [visit(201, JUL7, ("D1",), (11, 21))]) if f.rule == "specialist_weekly"]
    assert [(f.code, f.severity) for f in ours] == [("specialist_week_over", Severity.ERROR)]
    second = FixedVisit("P2", 201, dt.date(2025, 7, 9), kind=VisitKind.SPECIALIST_PATROL, officer_ids=(22,))
    p = mine_problem([demand("D1", 201, 1, quarters(4))], fixed=(patrol, second))
    theirs = [f for f in found(p, [visit(201, OCT13, ("D1",), (12, 21))]) if f.rule == "specialist_weekly"]
    assert [(f.code, f.severity, f.period) for f in theirs] == [
        ("specialist_week_over", Severity.WARNING, "7月7日—7月13日")
    ]
