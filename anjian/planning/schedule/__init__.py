"""The scheduler: visit demands → dated joint entries with certified teams, checked by an independent validator.

Public API (import from the modules, so the validator can be used without loading the solver):
- `solve.schedule(problem, time_limit_s, progress=cb) -> ScheduleResult` (CP-SAT, decomposed);
- `greedy.greedy_schedule(problem) -> ScheduleResult` (baseline);
- `validate.validate(problem, visits, quiet_windows) -> list[Finding]` (imports no solver);
- `breakdown.office_plan / officer_plan` (quarter, month, week plans);
- `costing` (which workday-sheet line costs a demand: team and days; line-by-line reconciliation) and
  `load` (person-days, officers out per working day: peak, mean, peak-to-mean).

A visit may last several consecutive working days (`Visit.span`) with the same team on each day.
"""
