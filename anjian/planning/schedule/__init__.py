"""The scheduler: visit demands → dated joint entries with certified teams, checked by an independent validator.

Public API (import from the modules, so the validator can be used without loading the solver):
- `solve.schedule(problem, time_limit_s, progress=cb) -> ScheduleResult` (CP-SAT, decomposed);
- `greedy.greedy_schedule(problem) -> ScheduleResult` (baseline);
- `validate.validate(problem, visits, quiet_windows) -> list[Finding]` (imports no solver);
- `breakdown.office_plan / officer_plan` (quarter, month, week plans).
"""
