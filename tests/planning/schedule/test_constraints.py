"""Each constraint family alone on a tiny instance: force a variable, assert feasible or infeasible, or the
exact penalty (docs/architecture.md §5)."""

import datetime as dt

from ortools.sat.python import cp_model

from anjian.planning.schedule import constraints as hard
from anjian.planning.schedule import objectives as soft
from anjian.planning.schedule.inputs import FixedVisit, VisitKind, quarters
from anjian.planning.schedule.ledger import Ledger
from anjian.planning.schedule.model import DayVars, MonthVars, StaffVars
from anjian.planning.schedule.runner import core_of
from anjian.planning.schedule.supply import Supply, office_sets

from .builders import HAZCHEM, RULES, TEAM, demand, enterprise, entry, officer, problem


def solve(v, *forced):
    for var, value in forced:
        v.model.add(var == value)
    v.enforce.fix()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(v.model)
    return status, solver


def feasible(v, *forced):
    return solve(v, *forced)[0] in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def month_vars(entries, months_=range(1, 13)):
    v = MonthVars(cp_model.CpModel(), {e.id: e for e in entries}, relaxed=False)
    for e in entries:
        for m in months_:
            if m in e.months:
                v.y[e.id, m] = v.model.new_bool_var(f"month[{e.id},{m}]")
    hard.add_demand_complete(v, {e.id: [v.y[k] for k in v.y if k[0] == e.id] for e in entries})
    return v


def test_demand_complete_needs_an_option_for_every_entry():
    v = month_vars([entry("E1", months_=(7,))])
    assert feasible(v)
    v = month_vars([entry("E1", months_=(7,))])
    assert not feasible(v, (v.y["E1", 7], 0))


def test_demand_spread_puts_one_visit_in_each_quarter_window():
    p = problem([demand("D1", 101, 2, quarters(2, 4))])
    entries = [entry("E1", months_=(4, 5, 6, 10, 11, 12)), entry("E2", months_=(4, 5, 6, 10, 11, 12))]
    v = month_vars(entries)
    hard.add_demand_spread(v, p.index().demands, {})
    assert feasible(v, (v.y["E1", 4], 1), (v.y["E2", 11], 1))
    v = month_vars(entries)
    hard.add_demand_spread(v, p.index().demands, {})
    assert not feasible(v, (v.y["E1", 4], 1), (v.y["E2", 5], 1))


def test_office_set_capacity_per_quarter_bounds_entries_and_names_the_office_in_the_core():
    officers = (
        officer(11, HAZCHEM, "王伟", capacity=4),
        officer(12, HAZCHEM, "李娜", capacity=0),
        officer(21, TEAM, "张强", capacity=4),
        officer(22, TEAM, "刘洋", capacity=4),
    )
    p = problem([demand("D1", 101), demand("D2", 102)], officers=officers)
    supply = Supply(p, p.officers)  # 王伟 has 1 person-day a quarter; 李娜 none
    entries = [entry("E1", months_=(7,)), entry("E2", 102, ("D2",), months_=(8,))]
    v = month_vars(entries)
    hard.add_officer_period_capacity_by_sets(v, supply, office_sets(entries), {})
    assert not feasible(v)
    assert ("officer_period_capacity", ("office_set_quarter", (frozenset({HAZCHEM}), 3))) in core_of(v, 5)


def day_vars(entries, days):
    v = DayVars(cp_model.CpModel(), {e.id: e for e in entries}, relaxed=False)
    for e in entries:
        v.days[e.id] = days
        for t in days:
            v.y[e.id, t] = v.model.new_bool_var(f"day[{e.id},{t}]")
    hard.add_demand_complete(v, {e.id: [v.y[e.id, t] for t in days] for e in entries})
    return v


def test_one_entry_per_enterprise_per_day():
    day = dt.date(2025, 7, 7)
    v = day_vars([entry("E1"), entry("E2", demands=("D2",))], [day])
    hard.add_one_entry_per_day(v, {})
    assert not feasible(v)
    v = day_vars([entry("E1")], [day])
    hard.add_one_entry_per_day(v, {101: frozenset({day})})
    assert not feasible(v)


def test_day_capacity_of_an_office_set():
    p = problem([demand("D1", 101), demand("D2", 102)])
    supply = Supply(p, p.officers)
    day = dt.date(2025, 7, 7)
    entries = [entry("E1", need=3), entry("E2", 102, ("D2",), need=2)]
    v = day_vars(entries, [day])
    hard.add_officer_day_capacity_by_sets(v, supply, office_sets(entries))
    assert not feasible(v)  # 5 officers needed, 4 on duty


def test_quiet_period_leaves_ten_consecutive_days_in_the_month():
    jul = [dt.date(2025, 7, d) for d in (8, 18, 28)]
    entries = [entry(f"E{i}", demands=(f"D{i}",)) for i in range(3)]
    v = day_vars(entries, jul)
    hard.add_one_entry_per_day(v, {})
    hard.add_quiet_period(v, 2025, 7, 10, {}, [101])
    assert not feasible(v)  # gaps of 7, 9, 9 and 3 days
    v = day_vars(entries[:2], jul[:2])
    hard.add_quiet_period(v, 2025, 7, 10, {}, [101])
    assert feasible(v)  # 19–31 stays quiet
    v = day_vars(entries[:1], jul[1:2])
    hard.add_quiet_period(v, 2025, 7, 10, {101: frozenset({8, 28})}, [101])
    assert not feasible(v)  # already fixed entries on the 8th and the 28th


def staff_vars(p, entries, dates, candidates):
    v = StaffVars(cp_model.CpModel(), {e.id: e for e in entries}, relaxed=False)
    for e in entries:
        v.dates[e.id] = dates[e.id]
        v.candidates[e.id] = candidates
        for o in candidates:
            v.x[e.id, o] = v.model.new_bool_var(f"team[{e.id},{o}]")
    return v


def test_officer_count_needs_two_and_someone_from_the_responsible_office():
    p = problem([demand("D1", 101)])
    day = {"E1": dt.date(2025, 7, 7)}
    v = staff_vars(p, [entry("E1")], day, [11, 21])
    hard.add_officer_count(v, p.index())
    assert feasible(v)
    v = staff_vars(p, [entry("E1")], day, [21, 22])
    hard.add_officer_count(v, p.index())
    assert not feasible(v)  # nobody from the hazchem office
    v = staff_vars(p, [entry("E1")], day, [11])
    hard.add_officer_count(v, p.index())
    assert not feasible(v)


def test_officer_day_and_quarter_capacity():
    officers = (
        officer(11, HAZCHEM, "王伟", capacity=4),
        officer(12, HAZCHEM, "李娜"),
        officer(21, TEAM, "张强"),
        officer(22, TEAM, "刘洋"),
    )
    p = problem([demand("D1", 101), demand("D2", 102)], officers=officers)
    supply = Supply(p, p.officers)
    same_day = {"E1": dt.date(2025, 7, 7), "E2": dt.date(2025, 7, 7)}
    entries = [entry("E1"), entry("E2", 102, ("D2",))]
    v = staff_vars(p, entries, same_day, [11, 12, 21, 22])
    hard.add_officer_day_capacity(v, supply)
    assert not feasible(v, (v.x["E1", 11], 1), (v.x["E2", 11], 1))
    two_days = {"E1": dt.date(2025, 7, 7), "E2": dt.date(2025, 7, 8)}
    v = staff_vars(p, entries, two_days, [11, 12, 21, 22])
    hard.add_officer_period_capacity(v, supply, {})
    assert not feasible(v, (v.x["E1", 11], 1), (v.x["E2", 11], 1))  # 王伟: 1 person-day in Q3


def test_specialist_enters_a_mine_at_most_once_a_week():
    officers = (
        officer(11, HAZCHEM, "王伟", is_mine_specialist=True),
        officer(12, HAZCHEM, "李娜"),
        officer(21, TEAM, "张强"),
        officer(22, TEAM, "刘洋"),
    )
    p = problem(
        [demand("D1", 103)], enterprises=[enterprise(103, "夏县某煤矿", "coal_mine")], officers=officers
    )
    tuesday, thursday, monday = dt.date(2025, 7, 8), dt.date(2025, 7, 10), dt.date(2025, 7, 7)
    taken = {(103, monday): frozenset({tuesday})}
    for day, ok in ((thursday, False), (tuesday, True)):
        e = entry("E1", 103, is_mine=True)
        v = staff_vars(p, [e], {"E1": day}, [11, 21])
        hard.add_specialist_weekly(v, p.index(), 1, 0, taken)
        assert feasible(v, (v.x["E1", 11], 1)) is ok


def test_district_grouping_costs_each_extra_district_on_a_day():
    days = [dt.date(2025, 7, 7), dt.date(2025, 7, 8)]
    entries = [entry("E1"), entry("E2", 102, ("D2",)), entry("E3", 103, ("D3",), district="140828102")]
    v = day_vars(entries, days)
    soft.add_district_grouping(v, RULES)
    soft.set_objective(v)
    status, solver = solve(v, (v.y["E1", days[0]], 1), (v.y["E2", days[0]], 1), (v.y["E3", days[0]], 1))
    assert solver.objective_value == RULES.weight("district_grouping")  # two districts on one day
    v = day_vars(entries, days)
    soft.add_district_grouping(v, RULES)
    soft.set_objective(v)
    status, solver = solve(v, (v.y["E1", days[0]], 1))
    assert solver.objective_value == 0  # the other district's unit goes on the other day
    assert solver.value(v.y["E3", days[1]]) == 1


def test_specialist_alignment_prefers_the_patrol_day():
    days = [dt.date(2025, 7, 7), dt.date(2025, 7, 8)]
    v = day_vars([entry("E1", 103, is_mine=True)], days)
    soft.add_specialist_alignment(v, RULES, {103: frozenset({days[1]})})
    soft.set_objective(v)
    status, solver = solve(v)
    assert solver.value(v.y["E1", days[1]]) == 1 and solver.objective_value == 0


def test_ledger_refuses_the_same_rules_incrementally():
    patrol = FixedVisit(
        "P1",
        103,
        dt.date(2025, 7, 8),
        kind=VisitKind.SPECIALIST_PATROL,
        counter="none",
        joinable=False,
        officer_ids=(11,),
    )
    p = problem(
        [demand("D1", 101, 1, quarters(3))],
        fixed=[patrol],
        enterprises=[enterprise(101, "夏县化工有限公司"), enterprise(103, "夏县某煤矿", "coal_mine")],
    )
    ledger = Ledger(p, Supply(p, p.officers))
    e = entry("E1", months_=(7, 8, 9))
    assert not ledger.day_allowed(e, dt.date(2025, 7, 6))  # Sunday
    assert not ledger.day_allowed(e, dt.date(2025, 4, 7))  # outside the window
    assert 11 not in ledger.free_officers(e, dt.date(2025, 7, 8))  # on patrol that day
    assert ledger.try_place(e, [dt.date(2025, 7, 8)]) is not None
    assert not ledger.day_allowed(e, dt.date(2025, 8, 5))  # one visit planned, already placed
