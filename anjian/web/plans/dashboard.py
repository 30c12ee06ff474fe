"""The dashboard: each visible plan's current version — planned against scheduled, cap headroom, overdue visits."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.shortcuts import redirect, render
from django.utils import timezone

from anjian.accounts.scope import request_scope
from anjian.plans.models import PlanEntry, ScheduledVisit

from ..access import business_view, plans_in
from .actuals import done_by_month, overdue_visits

CAP_ALERTS = ("at_cap", "over_cap", "blocked", "justified")


def plan_card(plan, today: dt.date) -> dict | None:
    version = plan.current_version()
    if version is None:
        return None
    s = version.summary
    entries = version.entries.all()
    planned_by_quarter = Counter()
    for e in entries.only("visits_per_year", "quarters"):
        quarters = e.quarters or [1, 2, 3, 4]
        for i, q in enumerate(quarters):
            # Visits spread over the listed quarters, the remainder going to the earliest ones.
            planned_by_quarter[q] += e.visits_per_year // len(quarters) + (
                i < e.visits_per_year % len(quarters)
            )
    visits = ScheduledVisit.objects.filter(version=version)
    by_month = dict(visits.annotate(m=ExtractMonth("date")).values_list("m").annotate(n=Count("id")))
    scheduled_by_quarter = Counter()
    for m, n in by_month.items():
        scheduled_by_quarter[(m - 1) // 3 + 1] += n
    cap_alerts = [e for e in entries.select_related("enterprise") if e.cap.get("status") in CAP_ALERTS]
    return {
        "plan": plan, "version": version, "summary": s, "schedule": s.get("schedule") or {},
        "months": [by_month.get(m, 0) for m in range(1, 13)],
        "quarters": [[planned_by_quarter[q], scheduled_by_quarter[q]] for q in range(1, 5)],
        "overdue": overdue_visits(version, today).count(), "visits": visits.count(),
        "done_months": (done := done_by_month(version)),
        "done_quarters": None if done is None else [sum(done[q * 3 : q * 3 + 3]) for q in range(4)],
        "cap_alerts": cap_alerts[:8], "cap_alert_count": len(cap_alerts),
        "findings": s.get("findings", {}),
    }  # fmt: skip


def _series(card: dict, group: int) -> list[dict]:
    name = card["plan"].agency.short_name or card["plan"].agency.name
    series = [{"label": f"{name} 排程入企", "data": card["months"], "type": "bar", "group": group}]
    if card["done_months"] is not None:
        series.append(
            {"label": f"{name} 已检查", "data": card["done_months"], "type": "line", "group": group}
        )
    return series


@login_required
def dashboard(request):
    """The landing page after login: the 三员 go to their own page (they handle no plans)."""
    scope = request_scope(request)
    if not scope.handles_business:
        if scope.reads_audit:
            return redirect("web:audit_log")
        if scope.manages_accounts:
            return redirect("web:account_list")
    return _business_dashboard(request)


@business_view
def _business_dashboard(request, scope):
    today = timezone.localdate()
    latest: dict[int, object] = {}
    for plan in plans_in(scope).order_by("agency__level", "agency__name", "-year"):
        latest.setdefault(plan.agency_id, plan)
    cards = [c for c in (plan_card(p, today) for p in latest.values()) if c]
    key_total = sum(c["summary"].get("key_units", 0) for c in cards)
    context = {
        "cards": cards, "today": today, "key_total": key_total, "visit_total": sum(c["visits"] for c in cards),
        "enterprise_total": PlanEntry.objects.filter(version__in=[c["version"] for c in cards]).count(),
        "chart_data": {
            "labels": [f"{m}月" for m in range(1, 13)],
            "series": [serie for i, c in enumerate(cards) for serie in _series(c, i)],
        },
    }  # fmt: skip
    return render(request, "web/dashboard.html", context)
