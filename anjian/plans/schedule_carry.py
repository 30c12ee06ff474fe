"""Carrying a schedule from one plan version to the next (an adjustment): every visit whose tasks all belong to
entries the new version keeps unchanged is copied, so an adjustment never leaves a plan without its schedule."""

from __future__ import annotations

from .models import PlanEntry, PlanVersion, ScheduledVisit


def _key(entry: PlanEntry) -> tuple[object, ...]:
    offices = tuple(sorted(o.pk for o in entry.responsible_offices.all()))
    return (entry.enterprise_id, entry.category, entry.visits_per_year, tuple(entry.quarters or ()), offices)


def schedule_carry_forward(*, old: PlanVersion, new: PlanVersion) -> int:
    """Copy `old`'s scheduled visits of unchanged entries to `new` (demand ids renamed to the new entries);
    returns how many visits were carried. Visits of changed or removed entries are left for a new schedule."""
    new_entries = {_key(e): e.pk for e in new.entries.prefetch_related("responsible_offices")}
    renamed = {
        f"e{e.pk}": f"e{new_entries[_key(e)]}"
        for e in old.entries.prefetch_related("responsible_offices")
        if _key(e) in new_entries
    }
    carried = []
    for visit in old.visits.prefetch_related("offices", "officers"):
        if visit.demands and all(d in renamed for d in visit.demands):
            copy = ScheduledVisit(
                version=new, enterprise_id=visit.enterprise_id, date=visit.date,
                demands=[renamed[d] for d in visit.demands], is_joint=visit.is_joint, is_final=visit.is_final,
                reason=visit.reason, span=visit.span, days_each=visit.days_each, person_days=visit.person_days,
            )  # fmt: skip
            carried.append((copy, [o.pk for o in visit.offices.all()], [o.pk for o in visit.officers.all()]))
    ScheduledVisit.objects.bulk_create([c for c, _, _ in carried])
    offices, officers = ScheduledVisit.offices.through, ScheduledVisit.officers.through
    offices.objects.bulk_create(
        offices(scheduledvisit_id=c.pk, office_id=o) for c, os, _ in carried for o in os
    )
    officers.objects.bulk_create(
        officers(scheduledvisit_id=c.pk, officer_id=o) for c, _, ps in carried for o in ps
    )
    if carried and (schedule := (old.summary or {}).get("schedule")):
        complete = len(carried) == old.visits.count() and len(renamed) == new.entries.count()
        new.summary = {**new.summary, "schedule": {**schedule, "visits": len(carried), "carried_from": old.number,
                                                   "final": bool(schedule.get("final")) and complete}}  # fmt: skip
        new.save(update_fields=["summary"])
    return len(carried)
