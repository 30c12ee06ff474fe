"""The independent validator catches each broken rule with its Chinese message (docs/architecture.md §4)."""

import ast
import datetime as dt
import subprocess
import sys
from pathlib import Path

from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.inputs import FixedVisit, VisitKind, months, quarters
from anjian.planning.schedule.result import QuietWindow
from anjian.planning.schedule.validate import validate

from .builders import HAZCHEM, RULES, TEAM, demand, enterprise, officer, problem, visit

JUL7 = dt.date(2025, 7, 7)  # a Monday


def errors(p, visits, windows=()):
    return [f for f in validate(p, visits, windows) if f.is_error]


def test_valid_schedule_has_no_findings():
    p = problem([demand("D1", 101, 2, quarters(3, 4))])
    assert validate(p, [visit(101, JUL7, ("D1",)), visit(101, dt.date(2025, 10, 13), ("D1",))]) == []


def test_sunday_visit_is_refused_naming_the_weekday():
    p = problem([demand("D1", 101, 1, quarters(3))])
    found = errors(p, [visit(101, dt.date(2025, 7, 6), ("D1",))])
    assert [f.message for f in found] == [
        msg.NOT_WORKING_DAY.format(enterprise="夏县化工有限公司", date="2025年7月6日", weekday="星期日")
    ]
    assert found[0].rule == "working_day"


def test_national_day_holiday_is_not_a_working_day():
    p = problem([demand("D1", 101, 1, quarters(4))])
    assert [f.code for f in errors(p, [visit(101, dt.date(2025, 10, 1), ("D1",))])] == ["not_working_day"]


def test_single_officer_visit_is_refused():
    p = problem([demand("D1", 101, 1, quarters(3))])
    found = errors(p, [visit(101, JUL7, ("D1",), officers=(11,))])
    assert [f.message for f in found] == [
        msg.TOO_FEW_OFFICERS.format(enterprise="夏县化工有限公司", date="2025年7月7日", count=1, min=2)
    ]


def test_cap_exceeded_counts_other_levels_and_joint_entries_once():
    fixed = (FixedVisit("F1", 101, dt.date(2025, 3, 3), agency_id=9),)
    p = problem(
        [demand("D1", 101, 2, quarters(3, 4)), demand("D2", 101, 1, quarters(3), office=TEAM)],
        fixed=fixed,
        caps={(101, "enforcement"): 2},
    )
    visits = [visit(101, JUL7, ("D1", "D2")), visit(101, dt.date(2025, 10, 13), ("D1",))]
    found = errors(p, visits)
    assert [f.message for f in found] == [
        msg.CAP_EXCEEDED.format(
            enterprise="夏县化工有限公司", counter="执法检查", count=3, own=2, other=1, cap=2
        )
    ]


def test_visit_inside_the_stated_quiet_window_is_refused():
    p = problem([demand("D1", 101, 1, quarters(3))])
    window = QuietWindow(101, 7, dt.date(2025, 7, 1), dt.date(2025, 7, 10))
    found = errors(p, [visit(101, JUL7, ("D1",))], [window])
    assert [f.message for f in found] == [
        msg.QUIET_VIOLATED.format(
            enterprise="夏县化工有限公司", date="2025年7月7日", month=7, first=1, last=10
        )
    ]


def test_bureau_fixed_quiet_window_applies_without_stored_windows():
    p = problem([demand("D1", 101, 1, quarters(3))], rules=RULES.with_changes(quiet_mode="fixed"))
    assert [f.code for f in errors(p, [visit(101, JUL7, ("D1",))])] == ["quiet_violated"]
    assert errors(p, [visit(101, dt.date(2025, 7, 14), ("D1",))]) == []


def test_month_without_ten_quiet_days_is_refused():
    p = problem([demand(f"D{i}", 101, 1, months(7)) for i in range(3)])
    days = [dt.date(2025, 7, 8), dt.date(2025, 7, 18), dt.date(2025, 7, 28)]
    found = errors(p, [visit(101, d, (f"D{i}",)) for i, d in enumerate(days)])
    assert [f.message for f in found] == [
        msg.QUIET_TOO_SHORT.format(enterprise="夏县化工有限公司", year=2025, month=7, days=10, longest=9)
    ]


def test_approved_quiet_exception_is_recorded_not_refused():
    approval = "局长批准（2025年7月1日），已抄告县司法局"
    p = problem([demand("D1", 101, 1, quarters(3), quiet_exception=approval)])
    window = QuietWindow(101, 7, dt.date(2025, 7, 1), dt.date(2025, 7, 10))
    found = validate(p, [visit(101, JUL7, ("D1",))], [window])
    assert [(f.severity, f.code) for f in found] == [("info", "quiet_exception")]
    assert approval in found[0].message


def test_supervisory_check_is_exempt_from_the_quiet_period():
    p = problem([demand("D1", 101, 1, quarters(3), kind=VisitKind.SUPERVISORY_CHECK)])
    window = QuietWindow(101, 7, dt.date(2025, 7, 1), dt.date(2025, 7, 10))
    assert errors(p, [visit(101, JUL7, ("D1",))], [window]) == []


def test_recused_unavailable_and_uncertified_officers_are_refused():
    officers = (
        officer(11, HAZCHEM, "王伟", recusals={101}),
        officer(12, HAZCHEM, "李娜", unavailable={JUL7}),
        officer(21, TEAM, "张强", cert=""),
        officer(22, TEAM, "刘洋"),
    )
    p = problem([demand("D1", 101, 1, quarters(3))], officers=officers)
    codes = sorted(f.code for f in errors(p, [visit(101, JUL7, ("D1",), officers=(11, 12, 21, 22))]))
    assert codes == ["officer_not_certified", "officer_recused", "officer_unavailable"]


def test_officer_from_an_unrelated_office_does_not_count_and_responsible_office_must_be_present():
    p = problem(
        [demand("D1", 101, 1, quarters(3), office=TEAM)],
        rules=RULES.with_changes(borrow_enforcement_team=False),
    )
    found = errors(p, [visit(101, JUL7, ("D1",), officers=(11, 12))])
    assert sorted(f.code for f in found) == [
        "office_missing",
        "officer_wrong_office",
        "officer_wrong_office",
        "too_few_officers",
    ]


def test_officer_booked_twice_a_day_and_over_quarter_capacity():
    officers = (
        officer(11, HAZCHEM, "王伟", capacity=4),
        officer(12, HAZCHEM, "李娜"),
        officer(21, TEAM, "张强"),
        officer(22, TEAM, "刘洋"),
    )
    p = problem([demand("D1", 101, 1, quarters(3)), demand("D2", 102, 1, quarters(3))], officers=officers)
    found = errors(p, [visit(101, JUL7, ("D1",), (11, 21)), visit(102, JUL7, ("D2",), (11, 22))])
    assert sorted(f.code for f in found) == ["officer_day_over", "officer_period_over"]
    assert msg.OFFICER_DAY_OVER.format(officer="王伟", date="2025年7月7日", count=2, max=1) in [
        f.message for f in found
    ]


def test_demand_outside_window_short_and_badly_spread():
    p = problem([demand("D1", 101, 2, quarters(2, 4)), demand("D2", 102, 1, quarters(1))])
    visits = [
        visit(101, dt.date(2025, 4, 7), ("D1",)),
        visit(101, dt.date(2025, 5, 12), ("D1",)),
        visit(102, JUL7, ("D2",)),
    ]
    codes = sorted(f.code for f in errors(p, visits))
    assert codes == ["outside_window", "spread_broken", "spread_broken", "spread_broken"]
    assert [f.code for f in errors(p, visits[:1])] == ["demand_short", "demand_short"]


def test_specialist_entering_a_mine_twice_in_a_week_is_refused():
    mine = enterprise(103, "夏县某煤矿", industry="coal_mine")
    officers = (
        officer(11, HAZCHEM, "王伟", is_mine_specialist=True),
        officer(12, HAZCHEM, "李娜"),
        officer(21, TEAM, "张强"),
        officer(22, TEAM, "刘洋"),
    )
    patrol = FixedVisit(
        "P1", 103, dt.date(2025, 7, 8), kind=VisitKind.SPECIALIST_PATROL, counter="none", joinable=False
    )
    p = problem([demand("D1", 103, 1, quarters(3))], enterprises=[mine], officers=officers, fixed=[patrol])
    assert [f.code for f in errors(p, [visit(103, dt.date(2025, 7, 10), ("D1",), (11, 21))])] == [
        "specialist_week_over"
    ]
    assert errors(p, [visit(103, dt.date(2025, 7, 8), ("D1",), (11, 21))]) == []
    assert errors(p, [visit(103, dt.date(2025, 7, 10), ("D1",), (12, 21))]) == []


def test_two_entries_of_one_agency_on_one_day_should_have_been_one():
    p = problem([demand("D1", 101, 1, quarters(3)), demand("D2", 101, 1, quarters(3))])
    found = errors(p, [visit(101, JUL7, ("D1",), (11, 21)), visit(101, JUL7, ("D2",), (12, 22))])
    assert [f.code for f in found] == ["same_day_twice"]


SCHEDULE = Path(__file__).resolve().parents[3] / "anjian" / "planning" / "schedule"
SOLVER_MODULES = (".solve", ".model", ".runner", ".ledger", ".entries", ".constraints", ".greedy", ".supply")


def test_validator_source_imports_no_solver_nor_scheduler_code():
    for path in SCHEDULE.glob("validate*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        modules += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
        assert not [m for m in modules if "ortools" in m or m.endswith(SOLVER_MODULES)], path.name


def test_importing_the_validator_loads_no_solver():
    code = "import sys, anjian.planning.schedule.validate; print(any(m.startswith('ortools') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
