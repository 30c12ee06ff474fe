"""A schedule the independent validator rejects is never saved as final, whatever the solver claims."""

import dataclasses
import datetime as dt

from anjian.plans import scheduling
from anjian.plans.scheduling import plan_schedule

SUNDAY = dt.date(2025, 3, 2)  # no make-up working day in 2025


def test_a_solver_result_with_a_violation_is_kept_as_a_draft_with_the_findings(xia_plan, monkeypatch):
    real = scheduling.schedule

    def faulty_solver(problem, **kw):
        result = real(problem, **kw)
        first, *rest = result.visits
        return dataclasses.replace(result, visits=(dataclasses.replace(first, date=SUNDAY), *rest))

    monkeypatch.setattr(scheduling, "schedule", faulty_solver)
    result, violations = plan_schedule(version=xia_plan, time_limit_s=30)
    assert ("not_working_day", SUNDAY) in [(f.code, f.date) for f in violations]
    visits = list(xia_plan.visits.all())
    assert len(visits) == len(result.visits) > 1
    assert not any(v.is_final for v in visits)
    xia_plan.refresh_from_db()
    assert xia_plan.summary["schedule"]["final"] is False
    assert xia_plan.summary["schedule"]["violations"] == len(violations)
    assert "not_working_day" in set(
        xia_plan.findings.filter(source="validate").values_list("code", flat=True)
    )
