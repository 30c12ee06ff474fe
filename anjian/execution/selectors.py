"""Reads for execution: the facts the core checks an entry against, and the records a report is computed from.

This is the one bridge from execution rows to core facts (docs/architecture.md §4)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from anjian.planning.execution.deadlines import publication_due
from anjian.planning.execution.entry_check import UpperEntry
from anjian.planning.execution.progress import DoneVisit, HazardRecord, PenaltyRecord, PlannedUnit
from anjian.planning.facts import Level
from anjian.planning.ledger import VisitKind, VisitTally
from anjian.plans.models import Plan, PlanEntry, PlanVersion
from anjian.plans.selectors import version_current
from anjian.registry.models import Agency, Enterprise, Office

from .models import (
    ContactFeedback,
    Hazard,
    Inspection,
    InspectionItem,
    ItemListPublication,
    PenaltyDecision,
    Review,
)

COUNTED_KINDS = {Inspection.Kind.ROUTINE, Inspection.Kind.CASE, Inspection.Kind.SPECIAL}


def current_versions(year: int) -> QuerySet[PlanVersion]:
    """The newest version of every annual plan of `year`, all agencies."""
    # One lazy query (it becomes a subquery of whatever filters on it), not two round trips per call.
    newest = PlanVersion.objects.filter(plan=OuterRef("plan")).order_by("-number").values("number")[:1]
    return PlanVersion.objects.filter(plan__year=year, plan__kind=Plan.Kind.ANNUAL, number=Subquery(newest))


def ledger_kind(row: Inspection) -> str:
    return VisitKind.REMOTE.value if not row.on_site else row.kind


def entry_facts(
    *, enterprise: Enterprise, day: dt.date, exclude: int | None = None
) -> tuple[list[VisitTally], list[int], list[UpperEntry]]:
    """Every level's planned and actual visits of the year, the month's entry days, other agencies' entries."""
    tallies = [
        VisitTally(enterprise.pk, Level(e.version.plan.agency.level), planned=e.visits_per_year,
                   agency_id=e.version.plan.agency_id)
        for e in PlanEntry.objects.filter(version__in=current_versions(day.year), enterprise=enterprise)
        .select_related("version__plan__agency")
    ]  # fmt: skip
    rows = list(
        Inspection.objects.filter(enterprise=enterprise, date__year=day.year).exclude(pk=exclude)
        .select_related("agency")
    )  # fmt: skip
    actual = Counter((Level(r.agency.level), r.agency_id, ledger_kind(r)) for r in rows)
    known = {k.value for k in VisitKind}
    tallies += [
        VisitTally(enterprise.pk, level, actual=n, kind=VisitKind(kind), agency_id=aid)
        for (level, aid, kind), n in actual.items() if kind in known
    ]  # fmt: skip
    month_days = [r.date.day for r in rows if r.on_site and r.date.month == day.month]
    upper = [UpperEntry(r.date, Level(r.agency.level), r.agency.name, VisitKind(ledger_kind(r)))
             for r in rows if r.on_site and ledger_kind(r) in known]  # fmt: skip
    return tallies, month_days, upper


def inspections_between(
    *, agency: Agency, first: dt.date, last: dt.date, office: Office | None = None
) -> QuerySet[Inspection]:
    rows = Inspection.objects.filter(agency=agency, date__gte=first, date__lte=last)
    if office is not None:
        rows = rows.filter(offices=office)
    return (
        rows.select_related("enterprise").prefetch_related("officers", "offices", "penalties", "orders")
        .order_by("date", "pk").distinct()
    )  # fmt: skip


def planned_units(*, agency: Agency, year: int, office: Office | None = None) -> list[PlannedUnit]:
    entries = version_current(agency=agency, year=year).entries.select_related("enterprise")
    if office is not None:
        entries = entries.filter(responsible_offices=office)
    entries = entries.prefetch_related(Prefetch("responsible_offices", queryset=Office.objects.only("pk")))
    return [
        PlannedUnit(e.enterprise_id, e.enterprise.name, e.sector, e.visits_per_year, tuple(e.quarters),
                    tuple(o.pk for o in e.responsible_offices.all()), e.category)
        for e in entries.order_by("category", "sector", "sort_order")
    ]  # fmt: skip


def done_visits(*, agency: Agency, year: int, office: Office | None = None) -> list[DoneVisit]:
    rows = Inspection.objects.filter(agency=agency, date__year=year)
    if office is not None:
        rows = rows.filter(offices=office)
    return [
        DoneVisit(r.pk, r.enterprise_id, r.date, tuple(o.pk for o in r.offices.all()), r.on_site,
                  r.kind in COUNTED_KINDS, r.plan_entry_id is not None, r.in_system)
        for r in rows.prefetch_related("offices").distinct().order_by("date", "pk")
    ]  # fmt: skip


def hazard_records(*, agency: Agency, year: int, office: Office | None = None) -> list[HazardRecord]:
    rows = Hazard.objects.filter(inspection__agency=agency, found_on__year=year)
    if office is not None:
        rows = rows.filter(inspection__offices=office)
    out = []
    for h in (
        rows.select_related("order", "inspection")
        .prefetch_related("order__reviews", "inspection__penalties")
        .distinct()
    ):
        review: Review | None = (
            min(h.order.reviews.all(), key=lambda r: r.due_on, default=None) if h.order else None
        )
        handled = bool(h.order_id or h.inspection.on_site_handling or h.inspection.penalties.all())
        out.append(HazardRecord(h.pk, h.found_on, h.level == Hazard.Level.MAJOR, handled,
                                review.due_on if review else None, review.reviewed_on if review else None,
                                h.rectified_on))  # fmt: skip
    return out


def penalty_records(*, agency: Agency, year: int, pack, office: Office | None = None) -> list[PenaltyRecord]:
    rows = PenaltyDecision.objects.filter(inspection__agency=agency, decided_on__year=year)
    if office is not None:
        rows = rows.filter(inspection__offices=office)
    return [
        PenaltyRecord(p.pk, p.decided_on, Decimal(p.amount), publication_due(p.decided_on, pack), p.published_on,
                      p.typical_case)
        for p in rows.distinct()
    ]  # fmt: skip


def reviews_open(*, agency: Agency, today: dt.date) -> QuerySet[Review]:
    """Reviews not yet done, due this month or already overdue (the alert list)."""
    month_end = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return (
        Review.objects.filter(order__inspection__agency=agency, reviewed_on__isnull=True, due_on__lte=month_end)
        .select_related("order__inspection__enterprise").order_by("due_on")
    )  # fmt: skip


def publication_in_force(*, agency: Agency, day: dt.date) -> ItemListPublication | None:
    """The newest version of the agency's 检查事项清单 published on or before `day`."""
    return (
        ItemListPublication.objects.filter(agency=agency, published_on__lte=day)
        .order_by("-published_on", "-pk").first()
    )  # fmt: skip


def items_in_force(*, agency: Agency, day: dt.date) -> QuerySet[InspectionItem]:
    """The items an inspection of `day` may tick: published by then and not yet withdrawn."""
    withdrawn = Q(withdrawn_on__isnull=False) & Q(withdrawn_on__lte=day)
    return InspectionItem.objects.filter(agency=agency, published_on__lte=day).exclude(withdrawn)


def feedback_unanswered(*, agency: Agency, year: int | None = None) -> QuerySet[ContactFeedback]:
    """Contact-point feedback with no reply yet, oldest first."""
    rows = ContactFeedback.objects.filter(contact_point__agency=agency, response="")
    if year is not None:
        rows = rows.filter(contact_point__year=year)
    return rows.select_related("contact_point__enterprise", "contact_point__office").order_by("date", "pk")
