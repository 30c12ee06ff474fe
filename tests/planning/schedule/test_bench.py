"""The benchmark's JSON contract (the figures themselves are measured in benchmarks/, not here)."""

import pytest

from anjian.planning.schedule.bench import run_benchmark

KEYS = {
    "size",
    "enterprises",
    "officers",
    "visits",
    "solve_seconds",
    "status",
    "entries",
    "entries_lower_bound",
    "load_spread",
    "violations",
}


@pytest.mark.slow
def test_benchmark_reports_both_schedulers_with_the_contract_keys():
    figures = run_benchmark("county", seed=1, time_limit_s=3)
    assert set(figures) >= KEYS
    assert set(figures["greedy"]) >= {"solve_seconds", "entries", "load_spread", "violations"}
    assert (figures["enterprises"], figures["officers"]) == (400, 25)
    assert figures["violations"] == 0 and figures["greedy"]["violations"] == 0
    assert figures["entries"] >= figures["entries_lower_bound"] - figures["unplaced_visits"]


def test_unknown_size_is_refused_in_chinese():
    with pytest.raises(ValueError, match="未知的规模"):
        run_benchmark("galaxy")
