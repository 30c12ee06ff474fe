"""The schedule: progress, and a month or week calendar per office or per officer (执法人员 see their own)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from anjian.accounts.models import Role
from anjian.jobs.models import Job
from anjian.planning.calendar import calendar_notes
from anjian.plans.models import ScheduledVisit
from anjian.plans.services import pack_for
from anjian.registry.models import Office, Officer

from ..access import business_view, version_get
from ..jobs.views import job_start
from .pages import _context

WEEKDAYS = "一二三四五六日"
SCHEDULE_TIME_LIMIT_S = 60  # a background job: the request that starts it returns at once


def _month_grid(year: int, month: int, by_day: dict) -> list[list[dict]]:
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [{"date": d, "in_month": d.month == month, "visits": by_day.get(d, [])} for d in w] for w in weeks
    ]


@business_view
def plan_schedule(request, scope, plan_id: int):
    ctx = _context(request, scope, plan_id, "schedule")
    version = ctx["version"]
    visits = version.visits.select_related("enterprise").prefetch_related("offices", "officers")
    agency_id = version.plan.agency_id
    offices = Office.objects.filter(agency_id=agency_id).order_by("sort_order", "name")
    officers = (
        Officer.objects.filter(office__agency_id=agency_id)
        .select_related("office")
        .order_by("office__sort_order", "name")
    )
    office_id, officer_id = request.GET.get("office"), request.GET.get("officer")
    if scope.role == Role.OFFICER:
        officer_id = str(scope.officer_id or 0)  # 执法人员: own tasks only (none until linked to an officer)
    if office_id:
        visits = visits.filter(offices__id=office_id)
    if officer_id:
        visits = visits.filter(officers__id=officer_id)
    visits = visits.distinct()
    dates = [d for _, d in visits.order_by("date").values_list("pk", "date")]
    view = request.GET.get("view", "month")
    first = dates[0] if dates else dt.date(version.plan.year, 1, 1)
    try:
        anchor = dt.date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else first
    except ValueError:
        anchor = first
    if view == "week":
        start = anchor - dt.timedelta(days=anchor.weekday())
        end = start + dt.timedelta(days=6)
        prev_anchor, next_anchor = start - dt.timedelta(days=7), start + dt.timedelta(days=7)
    else:
        start = anchor.replace(day=1)
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        prev_anchor, next_anchor = (start - dt.timedelta(days=1)).replace(day=1), end + dt.timedelta(days=1)
    by_day: dict[dt.date, list[ScheduledVisit]] = defaultdict(list)
    for v in visits.filter(date__range=(start, end)).order_by("date", "enterprise__name"):
        by_day[v.date].append(v)
    today = timezone.localdate()
    sched = ctx["summary"].get("schedule") or {}
    ctx.update(
        view=view, start=start, end=end, prev_anchor=prev_anchor, next_anchor=next_anchor,
        weeks=_month_grid(start.year, start.month, by_day) if view == "month" else None,
        week=[{"date": start + dt.timedelta(days=i), "visits": by_day.get(start + dt.timedelta(days=i), [])}
              for i in range(7)] if view == "week" else None,
        weekdays=WEEKDAYS, offices=offices, officers=officers, office_id=office_id or "", officer_id=officer_id or "",
        total=len(dates), done=sum(1 for d in dates if d < today), sched=sched,
        finals=version.visits.filter(is_final=True).count(),
        schedule_findings=version.findings.filter(source="schedule").order_by("severity", "code")[:50],
        own_only=scope.role == "officer",
        calendar_notes=calendar_notes([version.plan.year], pack_for(version.plan.agency)),
    )  # fmt: skip
    ctx["percent"] = round(100 * ctx["done"] / ctx["total"]) if ctx["total"] else 0
    return render(request, "web/plan_schedule.html", ctx)


@require_POST
@business_view
def plan_schedule_run(request, scope, plan_id: int):
    """Re-schedule the current version as a background job (an editor of the plan's own agency); the page of
    the job shows its progress and links back here."""
    version = version_get(scope, plan_id)
    return job_start(
        request,
        scope,
        kind=Job.Kind.SCHEDULE,
        plan=version.plan,
        params={"time_limit": SCHEDULE_TIME_LIMIT_S},
    )
