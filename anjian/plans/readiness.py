"""Whether a plan version may go forward (报批, 批准): every planned visit must have its date on the schedule,
so a plan is never submitted or approved with visits nobody scheduled."""

from __future__ import annotations

from collections import Counter

from .models import Plan, PlanVersion

PLAN_UNSCHEDULED = "{plan}第 {number} 版有 {count} 次检查尚未排程（如{examples}），不能{action}；请先排程"
ACTIONS = {Plan.Status.SUBMITTED: "报批", Plan.Status.APPROVED: "批准"}


class PlanNotReady(ValueError):
    pass


def unscheduled(version: PlanVersion) -> list[tuple[str, int]]:
    """(unit name, visits without a date) for every entry of `version` whose visits are not all scheduled."""
    placed: Counter[str] = Counter()
    for demands in version.visits.values_list("demands", flat=True):
        placed.update(demands or ())
    missing = []
    for entry in version.entries.select_related("enterprise").order_by("pk"):
        short = entry.visits_per_year - placed[f"e{entry.pk}"]
        if short > 0:
            missing.append((entry.enterprise.name, short))
    return missing


def plan_ready_for(*, version: PlanVersion, status: str) -> None:
    """Raise PlanNotReady (Chinese) when moving `version`'s plan to `status` needs a complete schedule it lacks."""
    if status not in ACTIONS:
        return
    if missing := unscheduled(version):
        examples = "、".join(f"{name} {n} 次" for name, n in missing[:3])
        raise PlanNotReady(PLAN_UNSCHEDULED.format(
            plan=version.plan, number=version.number, count=sum(n for _, n in missing), examples=examples,
            action=ACTIONS[Plan.Status(status)],
        ))  # fmt: skip
