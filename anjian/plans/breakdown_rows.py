"""The plan's quarterly, monthly and weekly breakdown (任务分解表) from its stored schedule, for the DOCX annex
and the XLSX sheets.

Each scheduled entry into an enterprise is counted once, under its lead office (the first of its offices: the
one that carries out a joint inspection), so every table's total equals the schedule's entries. Before a
schedule exists there is no breakdown (an entry's 检查时间 is a window of quarters, not a date).
"""

from __future__ import annotations

from collections import Counter

from anjian.documents.snapshot import BreakdownRow
from anjian.planning.schedule.breakdown import period_of
from anjian.planning.schedule.ruleset import WEEKDAYS

from .models import PlanVersion, ScheduledVisit
from .services import pack_for

GRAINS = ("quarter", "month", "week")


def breakdown_rows(version: PlanVersion, office_label) -> tuple[BreakdownRow, ...]:
    """Rows (office, grain, period label, entries), in period order; `office_label(office)` names an office."""
    first_day = str(pack_for(version.plan.agency).get("schedule.week.first_day", "monday"))
    first_weekday = WEEKDAYS.index(first_day) if first_day in WEEKDAYS else 0
    visits = ScheduledVisit.objects.filter(version=version).prefetch_related("offices").order_by("date", "pk")
    counts: Counter[tuple[str, str, str, str]] = Counter()  # (grain, sort key, label, office)
    for visit in visits:
        offices = sorted(visit.offices.all(), key=lambda o: (o.sort_order, o.pk))
        if not offices:
            continue
        lead = office_label(offices[0])
        for grain in GRAINS:
            key, label = period_of(visit.date, grain, first_weekday)
            counts[(grain, key, label, lead)] += 1
    return tuple(
        BreakdownRow(office, grain, label, n)
        for (grain, _key, label, office), n in sorted(
            counts.items(), key=lambda kv: (GRAINS.index(kv[0][0]), kv[0][1])
        )
    )
