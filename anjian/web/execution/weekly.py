"""周调度: the weekly dispatch of one agency — figures per office and in total, the visits overdue and the reviews
due next week — with its xlsx, audited like the other execution downloads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render

from anjian.execution.weekly import LINE_FIELDS, parse_week, weekly_summary, weekly_xlsx

from ..access import agencies_in, business_view, chosen_agency
from .page import tab_context, today
from .reports import download_audited

OVERDUE_SHOWN = 200  # a year's backlog can be long; the xlsx has every row


def _day(text: str) -> dt.date:
    """The day named by the `week` parameter ('2024-W23' or a date); today when blank. ValueError when bad."""
    return parse_week(text) if text.strip() else today()


@business_view
def weekly_page(request, scope):
    agency = chosen_agency(scope, request.GET.get("agency"))
    text = request.GET.get("week", "")
    try:
        day = _day(text)
    except ValueError as error:
        messages.error(request, str(error))
        day = today()
    summary = weekly_summary(agency=agency, day=day)
    iso = f"{summary.year}-W{summary.week:02d}"
    fields = list(LINE_FIELDS.items())
    lines = [(x, [getattr(x, f) for f, _ in fields]) for x in (*summary.offices, summary.total)]
    ctx = tab_context(
        scope, "exec_weekly", agency=agency, agencies=agencies_in(scope), summary=summary, iso=iso,
        headers=[label for _, label in fields], lines=lines,
        overdue=summary.overdue[:OVERDUE_SHOWN], previous=summary.first - dt.timedelta(days=7), following=summary.first + dt.timedelta(days=7),
    )  # fmt: skip
    return render(request, "web/exec_weekly.html", ctx)


@business_view
def weekly_download(request, scope):
    agency = chosen_agency(scope, request.GET.get("agency"))
    try:
        day = _day(request.GET.get("week", ""))
    except ValueError as error:
        raise Http404(str(error)) from None
    summary = weekly_summary(agency=agency, day=day)
    return download_audited(
        Path(f"{summary.title}.xlsx"), lambda target: weekly_xlsx(summary, target), agency, agency.pk,
        {"format": "xlsx", "kind": "weekly", "week": f"{summary.year}-W{summary.week:02d}",
         "first": str(summary.first), "last": str(summary.last)},
    )  # fmt: skip
