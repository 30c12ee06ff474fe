"""The independent validator: the spec of a valid schedule. It imports no solver and shares no code with the
scheduler's rule checks; every hard family has one `check_<family>()` returning findings.

`validate(problem, visits, quiet_windows)` returns every finding; a schedule with any ERROR must not be saved
as final. Quiet windows, when given, are checked as stated; an enterprise-month without one must still have
`quiet_days` consecutive days free of entries that close the quiet period.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter as Tally
from collections.abc import Callable, Sequence

from anjian.planning.findings import Finding, Severity
from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.inputs import Counter, ScheduleProblem, VisitKind
from anjian.planning.schedule.periods import (
    date_label,
    longest_free_run,
    month_length,
    periods_label,
    week_label,
    week_start,
    weekday_label,
)
from anjian.planning.schedule.result import QuietWindow, Visit
from anjian.planning.schedule.validate_common import demand as _demand
from anjian.planning.schedule.validate_common import ent as _ent
from anjian.planning.schedule.validate_common import err as _err
from anjian.planning.schedule.validate_common import known as _known
from anjian.planning.schedule.validate_officers import (
    check_officer_availability,
    check_officer_count,
    check_officer_day_capacity,
    check_officer_period_capacity,
    check_recusal,
)
from anjian.planning.schedule.validate_span import check_office_day_capacity, check_visit_span

Check = Callable[[ScheduleProblem, Sequence[Visit], Sequence[QuietWindow]], list[Finding]]


def check_inputs(problem: ScheduleProblem) -> list[Finding]:
    """Demands pointing to unknown enterprises or offices, or with no count or window."""
    index = problem.index()
    found = []
    for d in problem.demands:
        if d.enterprise_id not in index.enterprises:
            found.append(
                _err(
                    "demand_complete",
                    "unknown_reference",
                    msg.UNKNOWN_REFERENCE.format(kind="单位", ref=d.enterprise_id),
                    d.id,
                )
            )
        for o in (*d.responsible_office_ids, *d.cooperating_office_ids):
            if o not in index.offices:
                found.append(
                    _err(
                        "demand_complete",
                        "unknown_reference",
                        msg.UNKNOWN_REFERENCE.format(kind="股室", ref=o),
                        d.id,
                    )
                )
        if d.count <= 0 or not d.periods:
            found.append(
                _err(
                    "demand_window",
                    "unknown_reference",
                    msg.UNKNOWN_REFERENCE.format(kind="检查时间或次数", ref=d.id),
                    d.id,
                )
            )
    return found


def check_references(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    index = problem.index()
    found = []
    for v in visits:
        for d in v.demand_ids:
            if d not in index.demands:
                found.append(
                    _err(
                        "demand_complete",
                        "unknown_reference",
                        msg.UNKNOWN_REFERENCE.format(kind="检查任务", ref=d),
                    )
                )
        for o in v.officer_ids:
            if o not in index.officers:
                found.append(
                    _err(
                        "officer_count",
                        "unknown_reference",
                        msg.UNKNOWN_REFERENCE.format(kind="执法人员", ref=o),
                    )
                )
    return found


def check_working_day(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    working = problem.index().working_days
    found = []
    for v in visits:
        name = _ent(problem, v.enterprise_id)
        for day in v.span:
            if day.year != problem.year:
                found.append(
                    _err(
                        "working_day",
                        "outside_year",
                        msg.OUTSIDE_YEAR.format(enterprise=name, date=date_label(day), year=problem.year),
                        name,
                        enterprise_id=v.enterprise_id,
                        date=day,
                    )
                )
            elif day not in working:
                found.append(
                    _err(
                        "working_day",
                        "not_working_day",
                        msg.NOT_WORKING_DAY.format(
                            enterprise=name, date=date_label(day), weekday=weekday_label(day)
                        ),
                        name,
                        enterprise_id=v.enterprise_id,
                        date=day,
                    )
                )
    return found


def check_demand_window(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    found = []
    for v in visits:
        for d in _known(problem, v):
            if (
                v.date.month not in d.window
                or d.enterprise_id != v.enterprise_id
                or d.agency_id != v.agency_id
            ):
                name = _ent(problem, v.enterprise_id)
                found.append(
                    _err(
                        "demand_window",
                        "outside_window",
                        msg.OUTSIDE_WINDOW.format(
                            enterprise=name,
                            demand=_demand(problem, d),
                            date=date_label(v.date),
                            window=periods_label(d.periods),
                        ),
                        name,
                        enterprise_id=v.enterprise_id,
                        date=v.date,
                    )
                )
    return found


def check_demand_complete(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    placed: Tally[str] = Tally()
    seen: set[tuple[str, dt.date]] = set()
    found = []
    for v in visits:
        for d in v.demand_ids:
            placed[d] += 1
            if (d, v.date) in seen and d in problem.index().demands:
                name = _ent(problem, v.enterprise_id)
                found.append(
                    _err(
                        "demand_complete",
                        "demand_twice_same_day",
                        msg.DEMAND_TWICE_SAME_DAY.format(enterprise=name, demand=d, date=date_label(v.date)),
                        name,
                        enterprise_id=v.enterprise_id,
                        date=v.date,
                    )
                )
            seen.add((d, v.date))
    for dem in problem.demands:
        name = _ent(problem, dem.enterprise_id)
        if placed[dem.id] < dem.count:
            found.append(
                _err(
                    "demand_complete",
                    "demand_short",
                    msg.DEMAND_SHORT.format(
                        enterprise=name, demand=_demand(problem, dem), count=dem.count, placed=placed[dem.id]
                    ),
                    name,
                    enterprise_id=dem.enterprise_id,
                )
            )
        elif placed[dem.id] > dem.count:
            found.append(
                _err(
                    "demand_complete",
                    "demand_over",
                    msg.DEMAND_OVER.format(
                        enterprise=name, demand=_demand(problem, dem), count=dem.count, placed=placed[dem.id]
                    ),
                    name,
                    enterprise_id=dem.enterprise_id,
                )
            )
    return found


def check_demand_spread(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    months: dict[str, Tally[int]] = {}
    for v in visits:
        for demand_id in v.demand_ids:
            months.setdefault(demand_id, Tally())[v.date.month] += 1
    found = []
    for dem in problem.demands:
        got = months.get(dem.id)
        if not got or not dem.periods or sum(got.values()) < dem.count:
            continue  # an incomplete demand is reported once, by check_demand_complete
        low, high = dem.count // len(dem.periods), -(-dem.count // len(dem.periods))
        for p in dem.periods:
            n = sum(got[m] for m in p)
            if not low <= n <= high:
                name = _ent(problem, dem.enterprise_id)
                found.append(
                    _err(
                        "demand_spread",
                        "spread_broken",
                        msg.SPREAD_BROKEN.format(
                            enterprise=name,
                            demand=_demand(problem, dem),
                            period=periods_label([p]),
                            placed=n,
                            low=low,
                            high=high,
                            count=dem.count,
                            periods=periods_label(dem.periods),
                        ),
                        name,
                        enterprise_id=dem.enterprise_id,
                    )
                )
    return found


def _closes_quiet(problem: ScheduleProblem, kind: str, approval: str) -> bool:
    return not (kind == VisitKind.SPECIALIST_PATROL or kind in problem.rules.quiet_exempt_kinds or approval)


def _bureau_window(problem: ScheduleProblem, ent: int, month: int) -> tuple[int, int] | None:
    rules = problem.rules
    if (ent, month) in problem.quiet_windows:
        return problem.quiet_windows[ent, month]
    if rules.quiet_mode == "fixed":
        first = rules.quiet_fixed_first_day
        return first, min(first + rules.quiet_days - 1, month_length(problem.year, month))
    return None


def check_quiet_period(
    problem: ScheduleProblem, visits: Sequence[Visit], windows: Sequence[QuietWindow]
) -> list[Finding]:
    n = problem.rules.quiet_days
    if n <= 0:
        return []
    closing: dict[tuple[int, int], list[tuple[dt.date, Visit | None]]] = {}
    excused: dict[tuple[int, int], list[Visit]] = {}
    for v in visits:
        demands = _known(problem, v)
        key = (v.enterprise_id, v.date.month)
        if demands and all(not _closes_quiet(problem, d.kind, d.quiet_exception) for d in demands):
            excused.setdefault(key, []).append(v)
        else:
            for day in v.span:
                closing.setdefault((v.enterprise_id, day.month), []).append((day, v))
    for f in problem.fixed_visits:
        if f.date.year == problem.year and _closes_quiet(problem, f.kind, f.quiet_exception):
            closing.setdefault((f.enterprise_id, f.date.month), []).append((f.date, None))
    given = {(w.enterprise_id, w.month): (w.first.day, w.last.day, w) for w in windows}
    found = []
    for key in sorted(set(closing) | set(excused) | set(given)):
        ent, month = key
        name = _ent(problem, ent)
        window = _bureau_window(problem, ent, month)
        if window is None and key in given:
            first, last, w = given[key]
            if w.days < n or w.first.month != month or w.last.month != month:
                found.append(
                    _err(
                        "quiet_period",
                        "quiet_window_short",
                        msg.QUIET_WINDOW_SHORT.format(
                            enterprise=name, year=problem.year, month=month, first=first, last=last, days=n
                        ),
                        name,
                        enterprise_id=ent,
                    )
                )
            window = (first, last)
        if window is None:
            busy = {d.day for d, _ in closing.get(key, [])}
            longest = longest_free_run(problem.year, month, busy)[0]
            if longest < n:
                found.append(
                    _err(
                        "quiet_period",
                        "quiet_too_short",
                        msg.QUIET_TOO_SHORT.format(
                            enterprise=name, year=problem.year, month=month, days=n, longest=longest
                        ),
                        name,
                        enterprise_id=ent,
                    )
                )
            continue
        for day, ours in closing.get(key, []):
            if window[0] <= day.day <= window[1]:
                text = msg.QUIET_VIOLATED.format(
                    enterprise=name, date=date_label(day), month=month, first=window[0], last=window[1]
                )
                severity = Severity.ERROR if ours is not None else Severity.WARNING
                found.append(
                    Finding(
                        "quiet_violated",
                        severity,
                        name,
                        text,
                        rule="quiet_period",
                        enterprise_id=ent,
                        date=day,
                    )
                )
        for v in excused.get(key, []):
            if window[0] <= v.date.day <= window[1]:
                approval = "；".join(d.quiet_exception or d.kind for d in _known(problem, v))
                found.append(
                    Finding(
                        "quiet_exception",
                        Severity.INFO,
                        name,
                        msg.QUIET_EXCEPTION.format(
                            enterprise=name, date=date_label(v.date), approval=approval
                        ),
                        rule="quiet_period",
                        enterprise_id=ent,
                        date=v.date,
                    )
                )
    return found


def check_frequency_cap(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    ours: dict[tuple[int, str], set[dt.date]] = {}
    fixed: dict[tuple[int, str], set[dt.date]] = {}
    for v in visits:
        for c in {str(d.counter) for d in _known(problem, v)} - {Counter.NONE}:
            ours.setdefault((v.enterprise_id, c), set()).add(v.date)
    for f in problem.fixed_visits:
        if f.counter != Counter.NONE and f.date.year == problem.year:
            fixed.setdefault((f.enterprise_id, f.counter), set()).add(f.date)
    found = []
    for key in sorted(set(ours) | set(fixed)):
        cap = problem.caps.get(key)
        days = ours.get(key, set()) | fixed.get(key, set())
        if cap is None or len(days) <= cap:
            continue
        ent, counter = key
        name = _ent(problem, ent)
        found.append(
            _err(
                "frequency_cap",
                "cap_exceeded",
                msg.CAP_EXCEEDED.format(
                    enterprise=name,
                    counter=msg.COUNTER_NAMES.get(counter, counter),
                    count=len(days),
                    own=len(ours.get(key, set()) - fixed.get(key, set())),
                    other=len(fixed.get(key, set())),
                    cap=cap,
                ),
                name,
                enterprise_id=ent,
            )
        )
    return found


def check_specialist_weekly(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    index = problem.index()
    mines = {e.id for e in problem.enterprises if index.is_mine(e.id)}
    first = problem.rules.week_first_day
    days: dict[tuple[int, dt.date], set[dt.date]] = {}
    ours: set[tuple[int, dt.date]] = set()
    for f in problem.fixed_visits:
        if f.is_specialist_patrol and f.enterprise_id in mines:
            days.setdefault((f.enterprise_id, week_start(f.date, first)), set()).add(f.date)
    for v in visits:
        if v.enterprise_id in mines and any(
            o in index.officers and index.officers[o].officer.is_mine_specialist for o in v.officer_ids
        ):
            key = (v.enterprise_id, week_start(v.date, first))  # a multi-day visit enters once
            days.setdefault(key, set()).add(v.date)
            ours.add(key)
    limit = problem.rules.specialist_entries_per_week
    return [
        Finding(
            "specialist_week_over",
            Severity.ERROR if key in ours else Severity.WARNING,
            _ent(problem, key[0]),
            msg.SPECIALIST_WEEK_OVER.format(
                enterprise=_ent(problem, key[0]), week=week_label(key[1]), count=len(d), max=limit
            ),
            rule="specialist_weekly",
            enterprise_id=key[0],
            period=week_label(key[1]),
        )
        for key, d in sorted(days.items())
        if len(d) > limit
    ]


def check_one_entry_per_day(
    problem: ScheduleProblem, visits: Sequence[Visit], _w: Sequence[QuietWindow]
) -> list[Finding]:
    count = Tally((v.agency_id, v.enterprise_id, day) for v in visits for day in v.span)
    return [
        _err(
            "one_entry_per_day",
            "same_day_twice",
            msg.SAME_DAY_TWICE.format(enterprise=_ent(problem, ent), date=date_label(day), count=n),
            _ent(problem, ent),
            enterprise_id=ent,
            date=day,
        )
        for (_, ent, day), n in sorted(count.items(), key=lambda kv: (kv[0][2], kv[0][1]))
        if n > 1
    ]


CHECKS: tuple[Check, ...] = (
    check_references,
    check_working_day,
    check_visit_span,
    check_demand_window,
    check_demand_complete,
    check_demand_spread,
    check_officer_count,
    check_recusal,
    check_officer_availability,
    check_officer_day_capacity,
    check_office_day_capacity,
    check_officer_period_capacity,
    check_quiet_period,
    check_frequency_cap,
    check_specialist_weekly,
    check_one_entry_per_day,
)


def validate(
    problem: ScheduleProblem, visits: Sequence[Visit], quiet_windows: Sequence[QuietWindow] = ()
) -> list[Finding]:
    """Every finding of the schedule; any ERROR means it must not be saved as final."""
    return [f for check in CHECKS for f in check(problem, visits, quiet_windows)]
