"""The validator's findings in full: code, severity, where (the unit's name), message, rule family, enterprise and
date, so that the workbench can point at the day and the unit a finding concerns."""

import dataclasses
import datetime as dt

from anjian.planning.facts import Industry
from anjian.planning.findings import Finding, Severity
from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.inputs import Counter, FixedVisit, VisitKind, quarters
from anjian.planning.schedule.result import QuietWindow, Visit
from anjian.planning.schedule.validate import check_inputs, validate

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


def test_demand_over_and_twice_on_one_day_in_full():
    p = problem([demand("D1", 101, 1, quarters(3), label="危化检查")])
    over = [
        f
        for f in found(p, [visit(101, JUL7, ("D1",)), visit(101, OCT13, ("D1",))])
        if f.code == "demand_over"
    ]
    text = msg.DEMAND_OVER.format(enterprise=CHEM, demand="危化检查", count=1, placed=2)
    assert over == [error("demand_over", "demand_complete", text)]
    p = problem([demand("D1", 101, 2, quarters(3), label="危化检查")])
    twice = [f for f in found(p, [visit(101, JUL7, ("D1",)), visit(101, JUL7, ("D1",), (12, 22))])
             if f.code == "demand_twice_same_day"]  # fmt: skip
    text = msg.DEMAND_TWICE_SAME_DAY.format(enterprise=CHEM, demand="D1", date="2025年7月7日")
    assert twice == [error("demand_twice_same_day", "demand_complete", text, date=JUL7)]


def test_the_cap_counts_this_years_fixed_visits_of_its_counter_and_allows_exactly_the_cap():
    other_year = FixedVisit("F0", 101, dt.date(2024, 12, 30), agency_id=9)
    uncounted = FixedVisit("F1", 101, dt.date(2025, 3, 3), agency_id=9, counter=Counter.NONE)
    counted = FixedVisit("F2", 101, dt.date(2025, 3, 4), agency_id=9)
    p = problem(
        [demand("D1", 101, 1, quarters(3))],
        fixed=(other_year, uncounted, counted),
        caps={(101, "enforcement"): 2},
    )
    assert [f for f in found(p, [visit(101, JUL7, ("D1",))]) if f.code == "cap_exceeded"] == []  # 2 = the cap
    p = dataclasses.replace(p, caps={(101, "enforcement"): 1})
    text = msg.CAP_EXCEEDED.format(enterprise=CHEM, counter="执法检查", count=2, own=1, other=1, cap=1)
    assert [f for f in found(p, [visit(101, JUL7, ("D1",))]) if f.code == "cap_exceeded"] == [
        error("cap_exceeded", "frequency_cap", text)
    ]


def test_fixed_visits_alone_over_the_cap_are_reported_too():
    fixed = tuple(FixedVisit(f"F{i}", 101, dt.date(2025, 3, 3 + i), agency_id=9) for i in range(3))
    p = problem([], fixed=fixed, caps={(101, "enforcement"): 2})
    text = msg.CAP_EXCEEDED.format(enterprise=CHEM, counter="执法检查", count=3, own=0, other=3, cap=2)
    assert [f for f in found(p, []) if f.code == "cap_exceeded"] == [
        error("cap_exceeded", "frequency_cap", text)
    ]


def test_input_and_reference_findings_name_their_demand():
    p = problem([demand("D2", 999, 1, quarters(3)), demand("D3", 101, 0, quarters(3))])
    assert check_inputs(p) == [
        Finding("unknown_reference", Severity.ERROR, "D2", msg.UNKNOWN_REFERENCE.format(kind="单位", ref=999),
                rule="demand_complete"),
        Finding("unknown_reference", Severity.ERROR, "D3", msg.UNKNOWN_REFERENCE.format(kind="检查时间或次数", ref="D3"),
                rule="demand_window"),
    ]  # fmt: skip
    p = problem([demand("D1", 101, 1, quarters(3), office=77)])
    assert check_inputs(p) == [
        Finding("unknown_reference", Severity.ERROR, "D1", msg.UNKNOWN_REFERENCE.format(kind="股室", ref=77),
                rule="demand_complete"),
    ]  # fmt: skip
    p = problem([demand("D1", 101, 1, quarters(3))])
    refs = [
        f for f in found(p, [visit(101, JUL7, ("D1", "D9"), (11, 21, 99))]) if f.code == "unknown_reference"
    ]
    assert refs == [
        Finding("unknown_reference", Severity.ERROR, "", msg.UNKNOWN_REFERENCE.format(kind="检查任务", ref="D9"),
                rule="demand_complete"),
        Finding("unknown_reference", Severity.ERROR, "", msg.UNKNOWN_REFERENCE.format(kind="执法人员", ref=99),
                rule="officer_count"),
    ]  # fmt: skip


FIXED_QUIET = RULES.with_changes(quiet_mode="fixed", quiet_fixed_first_day=1)


def quiet_codes(p, visits, windows=()):
    return [(f.code, f.date) for f in found(p, visits, windows) if f.rule == "quiet_period"]


def test_the_quiet_windows_first_and_last_days_are_inside_it():
    p = problem([demand("D1", 101, 1, quarters(3))], rules=FIXED_QUIET)
    last = dt.date(2025, 7, FIXED_QUIET.quiet_days)
    assert quiet_codes(p, [visit(101, dt.date(2025, 7, 1), ("D1",))]) == [
        ("quiet_violated", dt.date(2025, 7, 1))
    ]
    assert quiet_codes(p, [visit(101, last, ("D1",))]) == [("quiet_violated", last)]
    assert quiet_codes(p, [visit(101, last + dt.timedelta(days=1), ("D1",))]) == []
    approved = problem([demand("D1", 101, 1, quarters(3), quiet_exception="局长批准")], rules=FIXED_QUIET)
    assert quiet_codes(approved, [visit(101, dt.date(2025, 7, 1), ("D1",))]) == [
        ("quiet_exception", dt.date(2025, 7, 1))
    ]
    assert quiet_codes(approved, [visit(101, last, ("D1",))]) == [("quiet_exception", last)]


def test_a_bureau_window_set_for_one_enterprise_applies_to_it_alone():
    p = problem([demand("D1", 101, 1, quarters(3)), demand("D2", 102, 1, quarters(3))],
                quiet_windows={(101, 7): (5, 14)})  # fmt: skip
    visits = [visit(101, JUL7, ("D1",)), visit(102, JUL7, ("D2",), (12, 22))]
    assert quiet_codes(p, visits) == [("quiet_violated", JUL7)]
    assert [f.enterprise_id for f in found(p, visits) if f.code == "quiet_violated"] == [101]


def test_exactly_the_required_free_run_is_enough():
    n = RULES.quiet_days
    # 7月: entries on day 1 and on day n + 2 leave days 2 … n + 1 free (n days), and more after
    days = [dt.date(2025, 7, 1), dt.date(2025, 7, n + 2), dt.date(2025, 7, 2 * n + 3)]
    p = problem([demand("D1", 101, 3, quarters(3))])
    assert [
        c for c in quiet_codes(p, [visit(101, d, ("D1",)) for d in days]) if c[0] == "quiet_too_short"
    ] == []
    crowded = [dt.date(2025, 7, d) for d in range(1, 32, n)]  # a free run of n − 1 days at most
    p = problem([demand("D1", 101, len(crowded), quarters(3))])
    assert ("quiet_too_short", None) in quiet_codes(p, [visit(101, d, ("D1",)) for d in crowded])


def test_another_years_or_an_exempt_fixed_visit_does_not_close_the_quiet_period():
    patrol = FixedVisit("P", 101, dt.date(2025, 7, 2), kind=VisitKind.SPECIALIST_PATROL)
    approved = FixedVisit("A", 101, dt.date(2025, 7, 3), agency_id=9, quiet_exception="省厅批准")
    old = FixedVisit("O", 101, dt.date(2024, 7, 2), agency_id=9)
    p = problem([demand("D1", 101, 1, quarters(3))], fixed=(patrol, approved, old), rules=FIXED_QUIET)
    assert quiet_codes(p, [visit(101, dt.date(2025, 7, 21), ("D1",))]) == []


def test_a_joint_entry_records_every_approval_of_its_demands():
    p = problem([demand("D1", 101, 1, quarters(3), quiet_exception="局长批准"),
                 demand("D2", 101, 1, quarters(3), quiet_exception="已抄告司法局")], rules=FIXED_QUIET)  # fmt: skip
    (exception,) = [
        f for f in found(p, [visit(101, dt.date(2025, 7, 2), ("D1", "D2"))]) if f.code == "quiet_exception"
    ]
    assert exception.message == msg.QUIET_EXCEPTION.format(
        enterprise=CHEM, date="2025年7月2日", approval="局长批准；已抄告司法局"
    )


def test_without_a_quiet_rule_nothing_is_checked_and_one_day_still_counts():
    off = problem([demand("D1", 101, 1, quarters(3))], rules=RULES.with_changes(quiet_days=0))
    every_day = [visit(101, dt.date(2025, 7, d), ("D1",)) for d in range(1, 32)]
    assert quiet_codes(off, every_day) == []
    one = problem([demand("D1", 101, 1, quarters(3))], rules=RULES.with_changes(quiet_days=1))
    assert ("quiet_too_short", None) in quiet_codes(one, every_day)


def test_a_stated_window_too_short_is_reported_in_full():
    p = problem([demand("D1", 101, 1, quarters(3))])
    short = QuietWindow(101, 7, dt.date(2025, 7, 20), dt.date(2025, 7, 21))
    text = msg.QUIET_WINDOW_SHORT.format(
        enterprise=CHEM, year=2025, month=7, first=20, last=21, days=RULES.quiet_days
    )
    assert [f for f in found(p, [visit(101, JUL7, ("D1",))], [short]) if f.code == "quiet_window_short"] == [
        error("quiet_window_short", "quiet_period", text)
    ]


def test_two_visits_in_one_month_count_twice_for_the_spread():
    p = problem([demand("D1", 101, 2, quarters(3, 4))])
    same_month = [visit(101, JUL7, ("D1",)), visit(101, dt.date(2025, 7, 21), ("D1",))]
    assert [f.code for f in found(p, same_month) if f.rule == "demand_spread"] == [
        "spread_broken",
        "spread_broken",
    ]
    short = problem([demand("D1", 101, 3, quarters(3, 4)), demand("D2", 101, 2, quarters(3, 4))])
    spread = [f for f in found(short, [visit(101, JUL7, ("D1", "D2")), visit(101, dt.date(2025, 8, 12), ("D2",))])
              if f.rule == "demand_spread"]  # fmt: skip
    assert [f.code for f in spread] == ["spread_broken", "spread_broken"]  # D1 is short, D2 is checked
