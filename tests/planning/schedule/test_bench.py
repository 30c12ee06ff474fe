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
    for ours in (figures, figures["greedy"]):  # the same figures beside the greedy baseline's
        assert set(ours["person_days"]) == {"scheduled", "sheet"}
        assert set(ours["daily_load"]) == {"peak", "mean", "peak_to_mean"}
        assert 0 < ours["person_days"]["scheduled"] <= ours["person_days"]["sheet"]
    assert figures["person_days"]["sheet"] > 2 * figures["visits"]  # key visits last several days


def test_synthetic_key_visits_last_the_days_their_sheet_would_cost():
    from decimal import Decimal

    from anjian.planning.facts import Industry
    from anjian.planning.schedule.synthetic import synthetic_bureau

    p = synthetic_bureau("county", 1)
    industry = {e.id: e.industry for e in p.enterprises}
    coal = [d for d in p.demands if d.category == "key" and industry[d.enterprise_id] == Industry.COAL_MINE]
    assert Decimal(2) in {d.days for d in coal}  # the mine office's own key visits; joint team parts 1 day


def test_unknown_size_is_refused_in_chinese():
    with pytest.raises(ValueError, match="未知的规模"):
        run_benchmark("galaxy")
