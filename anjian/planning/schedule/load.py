"""Figures of a schedule a bureau reads: person-days, and officers out per working day (overall and per
office), with the peak, the mean over the year's working days and their ratio."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from anjian.planning.schedule.inputs import ScheduleProblem
from anjian.planning.schedule.result import Visit


def _figures(by_day: Counter[dt.date], days: int) -> dict[str, float]:
    peak = max(by_day.values(), default=0)
    mean = sum(by_day.values()) / days if days else 0.0
    return {
        "peak": peak,
        "mean": round(mean, 2),
        "peak_to_mean": round(peak / mean, 2) if mean else 0.0,
    }


def daily_load(problem: ScheduleProblem, visits: Iterable[Visit]) -> dict[str, Any]:
    """Officers out on visits per working day (a multi-day visit on each of its days): overall and per office
    (by name), each as {peak, mean, peak_to_mean}; the mean is over all working days of the year."""
    index = problem.index()
    days = sum(1 for t in problem.working_days if t.year == problem.year)
    overall: Counter[dt.date] = Counter()
    offices: dict[str, Counter[dt.date]] = {}
    for v in visits:
        for day in v.span:
            overall[day] += len(v.officer_ids)
            for o in v.officer_ids:
                s = index.officers.get(o)
                office = index.offices.get(s.officer.office_id) if s else None
                if office is not None:
                    offices.setdefault(office.name, Counter())[day] += 1
    return {
        **_figures(overall, days),
        "offices": {name: _figures(c, days) for name, c in sorted(offices.items())},
    }


def person_days(visits: Iterable[Visit]) -> Decimal:
    return sum((v.person_days for v in visits), Decimal(0))
