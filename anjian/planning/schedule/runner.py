"""Running one CP-SAT sub-problem: time limit, workers, progress, and the infeasibility core.

`run(build, ...)` builds the strict model (every family hard) and solves it. If it is proved infeasible, the
enforcement literals are released and assumed in a second, objective-free, single-worker solve (CP-SAT only
reports cores that way), which names the conflicting families and subjects. Then the relaxed model (entries may
stay unplaced at a large cost) is solved for the best partial answer. None means no solution within the limit:
the caller falls back to the greedy placement.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from anjian.planning.schedule.model import StageVars, Subject


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports each better solution and remembers when it came (to stop a stalled search)."""

    def __init__(self, on_solution: Callable[[float], None] | None):
        super().__init__()
        self.on_solution = on_solution
        self.last = 0.0
        self.found = False

    def on_solution_callback(self) -> None:
        self.last = time.monotonic()
        self.found = True
        if self.on_solution is not None:
            self.on_solution(self.objective_value)


def _stop_when_stalled(
    solver: cp_model.CpSolver, watcher: _Watcher, start: float, done: threading.Event, stall: float
) -> None:
    """Secondary goals rarely get a tight bound; once a solution has not improved for `stall` seconds (or a
    third of the time spent so far, if longer), the search stops with it."""
    while not done.wait(0.05):
        now = time.monotonic()
        if watcher.found and now - watcher.last > max(stall, (now - start) / 3):
            solver.stop_search()
            return


@dataclass
class Solved:
    vars: StageVars
    solver: cp_model.CpSolver
    optimal: bool
    relaxed: bool
    core: list[tuple[str, Subject]] = field(default_factory=list)
    seconds: float = 0.0

    def value(self, var: cp_model.IntVar) -> int:
        return int(self.solver.value(var))


def _solve(
    v: StageVars,
    limit: float,
    workers: int,
    on_solution: Callable[[float], None] | None,
    seed: int,
    gap: float,
    stall: float,
    presolve: bool = True,
) -> tuple[cp_model.CpSolver, Any]:
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.cp_model_presolve = presolve
    p.max_time_in_seconds = max(limit, 0.05)
    p.num_workers = workers
    p.random_seed = seed
    p.relative_gap_limit = gap
    watcher = _Watcher(on_solution)
    done = threading.Event()
    monitor = threading.Thread(
        target=_stop_when_stalled, args=(solver, watcher, time.monotonic(), done, stall), daemon=True
    )
    monitor.start()
    try:
        status = solver.solve(v.model, watcher)
    finally:
        done.set()
        monitor.join()
    return solver, status


def core_of(v: StageVars, limit: float) -> list[tuple[str, Subject]]:
    """The families and subjects of a sufficient set of enforcement literals for infeasibility."""
    assumptions = v.enforce.release()
    v.model.clear_objective()  # type: ignore[no-untyped-call]
    v.model.add_assumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(limit, 0.1)
    if solver.solve(v.model) != cp_model.INFEASIBLE:
        return []
    return v.enforce.describe(list(solver.sufficient_assumptions_for_infeasibility()))


def run(
    build: Callable[[bool], StageVars],
    limit: float,
    workers: int = 1,
    on_solution: Callable[[float], None] | None = None,
    seed: int = 0,
    gap: float = 0.005,
    stall: float = 1.0,
    presolve: bool = True,
) -> Solved | None:
    """Solve strictly; on infeasibility explain and solve relaxed. Stops at `limit` seconds, at a relative
    `gap` to the bound, or after `stall` seconds without improvement."""
    start = time.monotonic()
    strict = build(False)
    strict.enforce.fix()
    solver, status = _solve(strict, limit, workers, on_solution, seed, gap, stall, presolve)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solved(strict, solver, status == cp_model.OPTIMAL, False, seconds=time.monotonic() - start)
    if status != cp_model.INFEASIBLE:
        return None  # no solution in time: the caller's greedy fallback is the better use of the time left
    core = core_of(strict, min(10.0, limit))
    remaining = limit - (time.monotonic() - start)
    relaxed = build(True)
    relaxed.enforce.fix()
    solver, status = _solve(
        relaxed, max(remaining, limit / 2), workers, on_solution, seed, gap, stall, presolve
    )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return Solved(relaxed, solver, status == cp_model.OPTIMAL, True, core, time.monotonic() - start)
