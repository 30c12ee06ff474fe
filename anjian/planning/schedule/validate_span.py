"""The validator's checks on multi-day visits and on offices' daily capacity (imports no solver).

A visit's days must be what the workday sheet costs: `rules.duration(days)` consecutive working days (no
working day skipped between them), the same team on each, and the days per officer the demand gives. Each
office can send out on a day at most the officers it has available that day (not on leave, training, duty
or 下乡, and certified).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from anjian.planning.findings import Finding
from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.inputs import ScheduleProblem
from anjian.planning.schedule.periods import date_label
from anjian.planning.schedule.result import QuietWindow, Visit
from anjian.planning.schedule.validate_common import ent as _ent
from anjian.planning.schedule.validate_common import err as _err
from anjian.planning.schedule.validate_common import known as _known


def _days_text(days: Decimal) -> str:
    return f"{days.normalize():f}"


def check_visit_span(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    """Each visit lasts the days its demands are costed at, on consecutive working days."""
    ordered = sorted(t for t in problem.working_days if t.year == problem.year)
    position = {t: i for i, t in enumerate(ordered)}
    found = []
    for v in visits:
        demands = _known(problem, v)
        if not demands or v.joined_fixed_id:
            continue
        name, first = _ent(problem, v.enterprise_id), date_label(v.date)
        days = max(Decimal(d.days) for d in demands)
        expected = problem.rules.duration(days)
        span = v.span
        if span[0] != v.date or len(span) != expected or v.days != days:
            found.append(
                _err(
                    "visit_span",
                    "visit_duration",
                    msg.VISIT_DURATION.format(
                        enterprise=name,
                        date=first,
                        count=len(span),
                        days=_days_text(v.days),
                        need_days=_days_text(days),
                        need=expected,
                    ),
                    name,
                    enterprise_id=v.enterprise_id,
                    date=v.date,
                )
            )
            continue
        if any(t not in position for t in span):
            continue  # a day off is the working-day check's finding
        places = [position[t] for t in span]
        if any(b != a + 1 for a, b in zip(places, places[1:], strict=False)):
            found.append(
                _err(
                    "visit_span",
                    "visit_not_consecutive",
                    msg.VISIT_NOT_CONSECUTIVE.format(
                        enterprise=name, dates="、".join(date_label(t) for t in span)
                    ),
                    name,
                    enterprise_id=v.enterprise_id,
                    date=v.date,
                )
            )
    return found


def check_office_day_capacity(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    """Officers of an office out on visits on a day never exceed the office's officers available that day less
    those it must keep in (`problem.office_reserve`, e.g. 值班). An officer who is individually unavailable
    is the availability check's finding and is not counted twice here."""
    index = problem.index()
    out: dict[tuple[int, dt.date], set[int]] = {}
    for v in visits:
        for o in v.officer_ids:
            s = index.officers.get(o)
            if s is None:
                continue
            for day in v.span:
                if day not in s.unavailable and s.officer.certified_on(day):
                    out.setdefault((s.officer.office_id, day), set()).add(o)
    found = []
    for (office_id, day), officers in sorted(out.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        available = sum(
            1
            for s in index.officers_by_office.get(office_id, ())
            if day not in s.unavailable and s.officer.certified_on(day)
        ) - problem.office_reserve.get((office_id, day), 0)
        if len(officers) > available:
            office = index.offices.get(office_id)
            label = office.name if office else str(office_id)
            found.append(
                _err(
                    "office_day_capacity",
                    "office_day_over",
                    msg.OFFICE_DAY_OVER.format(
                        office=label, date=date_label(day), count=len(officers), available=available
                    ),
                    label,
                    office_id=office_id,
                    date=day,
                )
            )
    return found
