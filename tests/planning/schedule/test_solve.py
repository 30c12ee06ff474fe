"""The scheduler end to end on tiny bureaus: every demand placed and valid, joint entries, quiet periods,
infeasibility explained in Chinese, progress reported."""

import datetime as dt

from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.greedy import greedy_schedule
from anjian.planning.schedule.inputs import FixedVisit, quarters
from anjian.planning.schedule.result import Status
from anjian.planning.schedule.solve import schedule
from anjian.planning.schedule.validate import validate

from .builders import HAZCHEM, RULES, TEAM, demand, enterprise, officer, problem


def errors(p, r):
    return [f for f in validate(p, r.visits, r.quiet_windows) if f.is_error]


def test_joint_demands_share_one_entry_and_the_schedule_is_valid():
    p = problem(
        [
            demand("D1", 101, 2, quarters(2, 4)),
            demand("D2", 101, 1, quarters(2, 3), office=TEAM),
            demand("D3", 102, 1, quarters(1)),
        ]
    )
    r = schedule(p, 10, workers=1)
    assert r.status in (Status.OPTIMAL, Status.FEASIBLE) and errors(p, r) == []
    assert r.stats.entries == r.stats.entries_lower_bound == 3
    joint = [v for v in r.visits if len(v.demand_ids) == 2]
    assert len(joint) == 1 and joint[0].date.month in (4, 5, 6)
    assert {11, 12} & set(joint[0].officer_ids) and {21, 22} & set(joint[0].officer_ids)
    assert all(v.date in p.index().working_days for v in r.visits)


def test_quiet_windows_are_reported_and_hold():
    p = problem([demand(f"D{i}", 101, 1, quarters(3)) for i in range(3)])
    r = schedule(p, 10, workers=1)
    assert errors(p, r) == []
    for w in r.quiet_windows:
        assert w.days >= RULES.quiet_days
        assert not any(w.first <= v.date <= w.last for v in r.visits if v.enterprise_id == w.enterprise_id)


def test_bureau_fixed_quiet_window_is_never_entered():
    rules = RULES.with_changes(quiet_mode="fixed", quiet_fixed_first_day=1)
    p = problem([demand("D1", 101, 4, quarters(1, 2, 3, 4))], rules=rules)
    r = schedule(p, 10, workers=1)
    assert errors(p, r) == [] and len(r.visits) == 4
    assert all(v.date.day > 10 for v in r.visits)
    assert {w.chosen_by for w in r.quiet_windows} == {"bureau"}


def test_another_levels_visit_is_joined_and_counted_once():
    fixed = (FixedVisit("F1", 101, dt.date(2025, 8, 12), agency_id=9),)
    p = problem([demand("D1", 101, 1, quarters(3))], fixed=fixed, caps={(101, "enforcement"): 1})
    r = schedule(p, 10, workers=1)
    assert errors(p, r) == []
    assert [(v.date, v.joined_fixed_id) for v in r.visits] == [(dt.date(2025, 8, 12), "F1")]
    assert r.stats.entries == 0 and r.stats.joined_fixed == 1


def test_capacity_shortage_is_explained_per_office_and_quarter():
    officers = (
        officer(11, HAZCHEM, "王伟", capacity=8),
        officer(12, HAZCHEM, "李娜", capacity=0),
        officer(21, TEAM, "张强"),
        officer(22, TEAM, "刘洋"),
    )
    firms = [enterprise(101 + i, f"夏县第{i + 1}化工厂") for i in range(4)]
    p = problem(
        [demand(f"D{i}", 101 + i, 1, quarters(3)) for i in range(4)], officers=officers, enterprises=firms
    )
    r = schedule(p, 10, workers=1)
    expected = msg.CAPACITY_SHORT.format(
        period="2025年第三季度", office="危险化学品安全监管股", short=2, need=4, have=2
    )
    assert expected in [f.message for f in r.findings]
    assert r.status == Status.PARTIAL and r.stats.placed_visits == 2
    unplaced = [f for f in r.findings if f.code == "unplaced"]
    assert len(unplaced) == 2 and all("未能排入" in f.message for f in unplaced)
    assert errors(p, r) and all(f.code == "demand_short" for f in errors(p, r))


def test_cap_conflict_is_explained_and_the_cap_holds():
    p = problem(
        [demand("D1", 101, 2, quarters(2, 4)), demand("D2", 101, 1, quarters(3), office=TEAM)],
        caps={(101, "enforcement"): 2},
    )
    r = schedule(p, 10, workers=1)
    assert msg.CAP_CONFLICT.format(enterprise="夏县化工有限公司", need=3, other=0, cap=2) in [
        f.message for f in r.findings
    ]
    assert len({v.date for v in r.visits}) <= 2
    assert not [f for f in errors(p, r) if f.code == "cap_exceeded"]


def test_progress_reaches_the_end_with_the_lower_bound():
    seen = []
    p = problem([demand("D1", 101, 2, quarters(2, 4)), demand("D2", 102, 1, quarters(1))])
    schedule(p, 10, progress=seen.append, workers=1)
    assert seen and seen[-1].done == seen[-1].total and seen[-1].entries == seen[-1].entries_lower_bound == 3


def test_greedy_baseline_is_valid_on_the_same_bureau():
    p = problem(
        [
            demand("D1", 101, 2, quarters(2, 4)),
            demand("D2", 101, 1, quarters(2, 3), office=TEAM),
            demand("D3", 102, 1, quarters(1)),
        ]
    )
    g = greedy_schedule(p)
    assert errors(p, g) == [] and g.stats.placed_visits == 4
