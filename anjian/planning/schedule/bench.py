"""The scheduling benchmark: a seeded synthetic bureau, solved by CP-SAT and by the greedy baseline, both
re-checked by the independent validator. Used by `anjian bench schedule` and `benchmarks/schedule.py`.

`violations` counts the validator's errors other than demands left short; those are reported apart as
`unplaced_visits`, so an incomplete schedule is visible without being mistaken for a broken rule.
`greedy` is the office-by-office baseline (no deliberate joint entries); `greedy_joining` the same with a
coordinator merging opportunistically (greedy.py). `load_spread` is in percentage points of capacity.
Key visits last several days with their teams (a mine 2–2.5 days); `person_days` compares the schedule with
what the demands cost (`sheet`), and `daily_load` gives officers out per working day: peak, mean, ratio.
"""

from __future__ import annotations

import os
import time
from decimal import Decimal
from typing import Any

from anjian.planning.schedule.greedy import greedy_schedule
from anjian.planning.schedule.inputs import ScheduleProblem
from anjian.planning.schedule.load import daily_load, person_days
from anjian.planning.schedule.result import ProgressCallback, ScheduleResult
from anjian.planning.schedule.solve import schedule
from anjian.planning.schedule.synthetic import SIZES, synthetic_bureau
from anjian.planning.schedule.validate import validate

TIME_LIMITS = {"county": 8.0, "city": 50.0, "province": 480.0}  # under the targets 10 s / 60 s / 10 min


def costed_person_days(problem: ScheduleProblem) -> Decimal:
    """What the demands cost: visits × team (at least the pack's minimum) × days, as a sheet would."""
    minimum = problem.rules.min_officers
    return sum((d.count * max(d.persons, minimum) * Decimal(d.days) for d in problem.demands), Decimal(0))


def _checked(problem: ScheduleProblem, result: ScheduleResult) -> dict[str, Any]:
    errors = [f for f in validate(problem, result.visits, result.quiet_windows) if f.is_error]
    short = [f for f in errors if f.code == "demand_short"]
    load = daily_load(problem, result.visits)
    return {
        "solve_seconds": result.stats.solve_seconds,
        "status": str(result.status),
        "entries": result.stats.entries,
        "joined_fixed": result.stats.joined_fixed,
        "placed_visits": result.stats.placed_visits,
        "unplaced_visits": result.stats.demand_visits - result.stats.placed_visits,
        "person_days": {
            "scheduled": float(person_days(result.visits)),
            "sheet": float(costed_person_days(problem)),
        },
        "daily_load": {k: load[k] for k in ("peak", "mean", "peak_to_mean")},
        "load_spread": result.stats.load_spread,
        "violations": len(errors) - len(short),
        "violation_codes": sorted({f.code for f in errors if f.code != "demand_short"}),
    }


def run_benchmark(
    size: str,
    seed: int = 1,
    time_limit_s: float | None = None,
    greedy: bool = True,
    progress: ProgressCallback | None = None,
    workers: int = 2,
) -> dict[str, Any]:
    """Figures for one size: the CP-SAT schedule and, side by side, the greedy baseline's."""
    if size not in SIZES:
        raise ValueError(f"未知的规模 {size}（应为 {'、'.join(SIZES)}）")
    started = time.monotonic()
    problem = synthetic_bureau(size, seed)
    generated = time.monotonic() - started
    limit = TIME_LIMITS[size] if time_limit_s is None else time_limit_s
    result = schedule(problem, limit, progress=progress, workers=workers, seed=seed)
    ours = _checked(problem, result)
    lower = result.stats.entries_lower_bound
    figures: dict[str, Any] = {
        "size": size,
        "seed": seed,
        "cores": os.cpu_count(),
        "workers": workers,
        "agencies": len(problem.agencies),
        "enterprises": len(problem.enterprises),
        "officers": len(problem.officers),
        "demands": len(problem.demands),
        "visits": result.stats.demand_visits,
        "fixed_visits": len(problem.fixed_visits),
        "generate_seconds": round(generated, 3),
        "time_limit_s": limit,
        **ours,
        "entries_lower_bound": lower,
        "entries_over_bound_pct": round(100 * (ours["entries"] - lower) / lower, 2) if lower else 0.0,
        "subproblems": result.stats.subproblems,
        "fallbacks": result.stats.fallbacks,
        "not_proven_optimal": result.stats.not_proven_optimal,
    }
    if greedy:
        figures["greedy"] = _checked(problem, greedy_schedule(problem, join=False))
        figures["greedy_joining"] = _checked(problem, greedy_schedule(problem, join=True))
    return figures
