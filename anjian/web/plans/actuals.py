"""What was actually done against the plan, read from the execution app's inspection records.

The execution app is optional for the workbench: when its model or a field is missing these reads answer
None and the dashboard shows the schedule only.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import ExtractMonth

from anjian.plans.models import PlanVersion


def _inspections():
    try:
        return apps.get_model("execution", "Inspection")
    except LookupError:
        return None


def done_by_month(version: PlanVersion) -> list[int] | None:
    """On-site inspections recorded against the version's plan entries, per month of the plan year."""
    model = _inspections()
    if model is None:
        return None
    try:
        rows = (
            model.objects.filter(plan_entry__version=version, on_site=True, date__year=version.plan.year)
            .annotate(m=ExtractMonth("date")).values_list("m").annotate(n=Count("id"))
        )  # fmt: skip
        by_month = dict(rows)
    except FieldError:
        return None
    return [by_month.get(m, 0) for m in range(1, 13)]


def overdue_visits(version: PlanVersion, today: dt.date):
    """Scheduled visits whose date has passed with no inspection recorded for them."""
    visits = version.visits.filter(date__lt=today)
    model = _inspections()
    if model is None:
        return visits
    try:
        return visits.exclude(Exists(model.objects.filter(scheduled_visit=OuterRef("pk"))))
    except FieldError:
        return visits
