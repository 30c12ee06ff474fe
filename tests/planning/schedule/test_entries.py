"""Merging demands into joint entries (进一次门，查多项事) and the entries lower bound."""

import datetime as dt

from anjian.planning.schedule.entries import officers_needed, solve_shape
from anjian.planning.schedule.inputs import WHOLE_YEAR, quarters

MONTH_DAYS = {m: 20 for m in range(1, 13)}


def shape(*demands, free=None, headroom=None):
    return solve_shape([(c, p, "enforcement") for c, p in demands], free or {}, headroom or {}, MONTH_DAYS)


def test_a_year_round_visit_joins_a_quarter_visit():
    s = shape((1, WHOLE_YEAR), (1, quarters(2)), (1, quarters(3)))
    assert s.lower_bound == 2 and len(s.entries) == 2 and not s.cap_conflict
    assert sorted(len(positions) for _, positions, _ in s.entries) == [1, 2]


def test_offices_with_the_same_windows_share_every_entry():
    s = shape((2, quarters(2, 4)), (2, quarters(2, 4)))
    assert s.lower_bound == 2 and all(len(p) == 2 for _, p, _ in s.entries)


def test_disjoint_windows_cannot_merge():
    assert shape((1, quarters(1)), (1, quarters(3))).lower_bound == 2


def test_one_visit_over_three_quarters_rides_on_a_quarterly_demand():
    s = shape((4, quarters(1, 2, 3, 4)), (1, quarters(1, 2, 3)))
    assert s.lower_bound == 4


def test_a_joinable_visit_of_another_level_is_a_free_entry():
    s = shape((1, quarters(3)), free={7: 1})
    assert s.lower_bound == 0 and s.entries == ((7, (0,), 0),)


def test_cap_below_the_lower_bound_is_a_conflict_and_places_what_fits():
    s = shape((2, quarters(2, 4)), (1, quarters(3)), headroom={"enforcement": 2})
    assert s.lower_bound == 3 and s.cap_conflict and sum(s.placed) == 2


def test_cap_forces_merging_when_windows_allow():
    s = shape((1, quarters(1, 2)), (1, quarters(2, 3)), headroom={"enforcement": 1})
    assert not s.cap_conflict and len(s.entries) == 1


def test_team_size_covers_each_responsible_office():
    a, b, c = frozenset({1}), frozenset({2}), frozenset({1, 3})
    assert officers_needed([a], 2) == 2
    assert officers_needed([a, b, c], 2) == 2  # office 1 covers a and c
    assert officers_needed([a, b, frozenset({3})], 2) == 3


def test_unused_import_guard():
    assert dt.date(2025, 1, 1).year == 2025
