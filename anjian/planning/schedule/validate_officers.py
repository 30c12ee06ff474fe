"""The validator's checks on people: teams, certificates, recusal, leave, day and quarter capacity."""

from __future__ import annotations

import datetime as dt
from collections import Counter as Tally
from collections.abc import Iterable, Sequence

from anjian.planning.findings import Finding
from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.inputs import ScheduleProblem, VisitDemand
from anjian.planning.schedule.periods import date_label, quarter_label, quarter_of, split_by_weight
from anjian.planning.schedule.result import QuietWindow, Visit
from anjian.planning.schedule.validate_common import demand as _demand
from anjian.planning.schedule.validate_common import ent as _ent
from anjian.planning.schedule.validate_common import err as _err
from anjian.planning.schedule.validate_common import known as _known
from anjian.planning.schedule.validate_common import officer as _officer


def _eligible_offices(problem: ScheduleProblem, demands: Iterable[VisitDemand]) -> set[int]:
    teams = {o.id for o in problem.offices if o.is_enforcement_team}
    offices: set[int] = set()
    for d in demands:
        offices |= set(d.responsible_office_ids) | set(d.cooperating_office_ids)
        if problem.rules.borrow_enforcement_team:
            offices |= {o for o in teams if problem.index().offices[o].agency_id == d.agency_id}
    return offices


def check_officer_count(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    """At least the pack's minimum (or the demand's persons) certified officers, all from eligible offices,
    and someone from each demand's responsible offices."""
    index = problem.index()
    found = []
    for v in visits:
        name, day = _ent(problem, v.enterprise_id), date_label(v.date)
        demands = _known(problem, v)
        eligible = _eligible_offices(problem, demands)
        certified = []
        for o in v.officer_ids:
            s = index.officers.get(o)
            if s is None:
                continue
            if not all(s.officer.certified_on(t) for t in v.span):
                found.append(
                    _err(
                        "officer_count",
                        "officer_not_certified",
                        msg.OFFICER_NOT_CERTIFIED.format(enterprise=name, date=day, officer=s.officer.name),
                        name,
                        officer_id=o,
                        date=v.date,
                    )
                )
                continue
            if s.officer.office_id not in eligible:
                office = index.offices.get(s.officer.office_id)
                found.append(
                    _err(
                        "officer_count",
                        "officer_wrong_office",
                        msg.OFFICER_WRONG_OFFICE.format(
                            enterprise=name,
                            date=day,
                            officer=s.officer.name,
                            office=office.name if office else "?",
                        ),
                        name,
                        officer_id=o,
                        date=v.date,
                    )
                )
                continue
            certified.append(s)
        minimum = max([problem.rules.min_officers] + [d.persons for d in demands])
        if len(set(s.id for s in certified)) < minimum:
            found.append(
                _err(
                    "officer_count",
                    "too_few_officers",
                    msg.TOO_FEW_OFFICERS.format(enterprise=name, date=day, count=len(certified), min=minimum),
                    name,
                    enterprise_id=v.enterprise_id,
                    date=v.date,
                )
            )
        present = {s.officer.office_id for s in certified}
        for d in demands:
            if d.responsible_office_ids and not present & set(d.responsible_office_ids):
                offices = "、".join(
                    index.offices[o].name for o in d.responsible_office_ids if o in index.offices
                )
                found.append(
                    _err(
                        "officer_count",
                        "office_missing",
                        msg.OFFICE_MISSING.format(
                            enterprise=name, date=day, demand=_demand(problem, d), offices=offices
                        ),
                        name,
                        enterprise_id=v.enterprise_id,
                        date=v.date,
                    )
                )
    return found


def check_recusal(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    index = problem.index()
    found = []
    for v in visits:
        for o in v.officer_ids:
            s = index.officers.get(o)
            if s is not None and v.enterprise_id in s.recusals:
                name = _ent(problem, v.enterprise_id)
                found.append(
                    _err(
                        "recusal",
                        "officer_recused",
                        msg.OFFICER_RECUSED.format(
                            enterprise=name, date=date_label(v.date), officer=s.officer.name
                        ),
                        name,
                        enterprise_id=v.enterprise_id,
                        officer_id=o,
                        date=v.date,
                    )
                )
    return found


def check_officer_availability(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    index = problem.index()
    found = []
    for v in visits:
        for o in v.officer_ids:
            s = index.officers.get(o)
            for day in v.span:
                if s is not None and day in s.unavailable:
                    found.append(
                        _err(
                            "officer_availability",
                            "officer_unavailable",
                            msg.OFFICER_UNAVAILABLE.format(
                                officer=s.officer.name,
                                date=date_label(day),
                                enterprise=_ent(problem, v.enterprise_id),
                            ),
                            s.officer.name,
                            officer_id=o,
                            date=day,
                        )
                    )
    return found


def check_officer_day_capacity(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    """Places an officer enters in a day: our entries and fixed visits they are on, the same enterprise once."""
    places: dict[tuple[int, dt.date], set[int]] = {}
    for v in visits:
        for o in v.officer_ids:
            for day in v.span:
                places.setdefault((o, day), set()).add(v.enterprise_id)
    for f in problem.fixed_visits:
        for o in f.officer_ids:
            if (o, f.date) in places:
                places[o, f.date].add(f.enterprise_id)
    load = {k: len(v) for k, v in places.items()}
    limit = problem.rules.entries_per_officer_day
    return [
        _err(
            "officer_day_capacity",
            "officer_day_over",
            msg.OFFICER_DAY_OVER.format(
                officer=_officer(problem, o), date=date_label(day), count=n, max=limit
            ),
            _officer(problem, o),
            officer_id=o,
            date=day,
        )
        for (o, day), n in sorted(load.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        if n > limit
    ]


def quarter_capacity(problem: ScheduleProblem, officer_id: int) -> list[int]:
    """The officer's person-days per quarter: given, or the year's split by working days or evenly."""
    s = problem.index().officers[officer_id]
    if s.quarter_capacity is not None:
        return list(s.quarter_capacity)
    if problem.rules.capacity_split == "even":
        return split_by_weight(s.capacity_days, [1, 1, 1, 1])
    per_q = [
        sum(1 for t in problem.working_days if t.year == problem.year and quarter_of(t.month) == q)
        for q in range(1, 5)
    ]
    return split_by_weight(s.capacity_days, per_q)


def check_officer_period_capacity(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    load: Tally[tuple[int, int]] = Tally()
    for v in visits:
        for o in v.officer_ids:
            for day in v.span:
                load[o, quarter_of(day.month)] += 1
    found = []
    for (o, q), used in sorted(load.items()):
        if o not in problem.index().officers:
            continue
        cap = quarter_capacity(problem, o)[q - 1]
        if used > cap:
            period = quarter_label(problem.year, q)
            found.append(
                _err(
                    "officer_period_capacity",
                    "officer_period_over",
                    msg.OFFICER_PERIOD_OVER.format(
                        officer=_officer(problem, o), period=period, used=used, capacity=cap
                    ),
                    _officer(problem, o),
                    officer_id=o,
                    period=period,
                )
            )
    return found
