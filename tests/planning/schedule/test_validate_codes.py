"""Every error code of the independent validator is raised by the broken schedule it names, with its message."""

import datetime as dt

from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.inputs import quarters
from anjian.planning.schedule.result import QuietWindow
from anjian.planning.schedule.validate import check_inputs, validate
from anjian.planning.schedule.validate_common import demand as demand_label

from .builders import demand, enterprise, problem, visit

JUL7, JUL8, OCT13 = dt.date(2025, 7, 7), dt.date(2025, 7, 8), dt.date(2025, 10, 13)
CHEM = "夏县化工有限公司"


def codes(p, visits, windows=()):
    return [f.code for f in validate(p, visits, windows) if f.is_error]


def test_a_demand_placed_more_often_than_planned_is_demand_over():
    p = problem([demand("D1", 101, 1, quarters(3, 4))])
    assert codes(p, [visit(101, JUL7, ("D1",))]) == []
    found = [f for f in validate(p, [visit(101, JUL7, ("D1",)), visit(101, OCT13, ("D1",))]) if f.is_error]
    assert [f.code for f in found] == ["demand_over"]
    assert found[0].is_error and found[0].enterprise_id == 101
    assert found[0].message == msg.DEMAND_OVER.format(
        enterprise=CHEM, demand=demand_label(p, p.demands[0]), count=1, placed=2
    )


def test_the_same_demand_twice_on_one_day_is_demand_twice_same_day():
    p = problem([demand("D1", 101, 2, quarters(3))])
    twice = [visit(101, JUL7, ("D1",)), visit(101, JUL7, ("D1",), officers=(12, 22))]
    assert "demand_twice_same_day" in codes(p, twice)
    found = next(f for f in validate(p, twice) if f.code == "demand_twice_same_day")
    assert found.message == msg.DEMAND_TWICE_SAME_DAY.format(
        enterprise=CHEM, demand="D1", date="2025年7月7日"
    )
    assert found.date == JUL7
    # on two different days of the same month the same demand is fine
    assert "demand_twice_same_day" not in codes(p, [visit(101, JUL7, ("D1",)), visit(101, JUL8, ("D1",))])


def test_a_stated_quiet_window_shorter_than_the_rule_is_quiet_window_short():
    p = problem([demand("D1", 101, 1, quarters(3))])
    days = p.rules.quiet_days
    short = QuietWindow(101, 7, dt.date(2025, 7, 20), dt.date(2025, 7, 20 + days - 2))
    found = [f for f in validate(p, [visit(101, JUL7, ("D1",))], [short]) if f.is_error]
    assert [f.code for f in found] == ["quiet_window_short"]
    assert found[0].message == msg.QUIET_WINDOW_SHORT.format(
        enterprise=CHEM, year=2025, month=7, first=20, last=20 + days - 2, days=days
    )
    enough = QuietWindow(101, 7, dt.date(2025, 7, 20), dt.date(2025, 7, 20 + days - 1))
    assert codes(p, [visit(101, JUL7, ("D1",))], [enough]) == []


def test_a_quiet_window_running_into_the_next_month_is_quiet_window_short():
    p = problem([demand("D1", 101, 1, quarters(3))])
    spill = QuietWindow(101, 7, dt.date(2025, 7, 25), dt.date(2025, 8, 10))
    assert codes(p, [visit(101, JUL7, ("D1",))], [spill]) == ["quiet_window_short"]


def test_a_visit_naming_an_unknown_demand_or_officer_is_unknown_reference():
    p = problem([demand("D1", 101, 1, quarters(3))])
    found = [f for f in validate(p, [visit(101, JUL7, ("D1", "D9"), officers=(11, 21, 99))]) if f.is_error]
    unknown = sorted(f.message for f in found if f.code == "unknown_reference")
    assert unknown == sorted(
        [
            msg.UNKNOWN_REFERENCE.format(kind="检查任务", ref="D9"),
            msg.UNKNOWN_REFERENCE.format(kind="执法人员", ref=99),
        ]
    )


def test_demands_pointing_nowhere_are_unknown_reference_before_solving():
    p = problem(
        [
            demand("D1", 101, 1, quarters(3)),
            demand("D2", 999, 1, quarters(3)),
            demand("D3", 101, 1, quarters(3), office=77),
            demand("D4", 102, 0, quarters(3)),
            demand("D5", 102, 1, ()),
        ],
        enterprises=(enterprise(101, CHEM), enterprise(102, "夏县加油站")),
    )
    found = check_inputs(p)
    assert all(f.code == "unknown_reference" and f.is_error for f in found)
    assert sorted(f.message for f in found) == sorted(
        [
            msg.UNKNOWN_REFERENCE.format(kind="单位", ref=999),
            msg.UNKNOWN_REFERENCE.format(kind="股室", ref=77),
            msg.UNKNOWN_REFERENCE.format(kind="检查时间或次数", ref="D4"),
            msg.UNKNOWN_REFERENCE.format(kind="检查时间或次数", ref="D5"),
        ]
    )
    assert check_inputs(problem([demand("D1", 101, 1, quarters(3))])) == []
