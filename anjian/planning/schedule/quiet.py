"""Quiet windows of a finished schedule, and the exception notes of the entries that fall inside them.

For every enterprise-month with at least one entry, the window is the bureau's when fixed; otherwise the first
`quiet_days` days of the longest run of days with no entry at all (or, failing that, with no entry that closes
the quiet period). Entries allowed in the quiet period (exempt kinds, approved exceptions) that fall inside the
window carry the exception text; every other entry's note is cleared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from anjian.planning.schedule.inputs import ScheduleProblem
from anjian.planning.schedule.ledger import fixed_quiet_window, quiet_relevant
from anjian.planning.schedule.periods import longest_free_run
from anjian.planning.schedule.result import QuietWindow, Visit

EXEMPT_NOTE = "依规可在安静期入企的情形（{kinds}）"
KIND_NAMES = {
    "supervisory_check": "督导检查",
    "verification": "调查核实、考核巡查",
    "review": "复查",
    "inspection": "执法检查",
    "specialist_patrol": "专员入矿巡查",
}


def visit_is_exempt(problem: ScheduleProblem, visit: Visit) -> tuple[bool, str]:
    """Whether every demand of the visit may enter in the quiet period, and the note to record."""
    index = problem.index()
    demands = [index.demands[d] for d in visit.demand_ids if d in index.demands]
    exempt = [
        not quiet_relevant(d.kind, d.quiet_exception, problem.rules.quiet_exempt_kinds) for d in demands
    ]
    if not demands or not all(exempt):
        return False, ""
    approvals = [d.quiet_exception for d in demands if d.quiet_exception]
    kinds = sorted({KIND_NAMES.get(d.kind, d.kind) for d in demands if not d.quiet_exception})
    notes = approvals + ([EXEMPT_NOTE.format(kinds="、".join(kinds))] if kinds else [])
    return True, "；".join(notes)


def choose_windows(
    problem: ScheduleProblem, visits: Sequence[Visit]
) -> tuple[tuple[QuietWindow, ...], tuple[Visit, ...]]:
    rules = problem.rules
    if rules.quiet_days <= 0:
        return (), tuple(replace(v, quiet_exception="") for v in visits)
    all_days: dict[tuple[int, int], set[int]] = {}
    closing: dict[tuple[int, int], set[int]] = {}
    exempt: dict[int, tuple[bool, str]] = {}
    for i, v in enumerate(visits):
        exempt[i] = visit_is_exempt(problem, v)
        for day in v.span:
            key = (v.enterprise_id, day.month)
            all_days.setdefault(key, set()).add(day.day)
            if not exempt[i][0]:
                closing.setdefault(key, set()).add(day.day)
    for f in problem.fixed_visits:
        if f.date.year != problem.year:
            continue
        key = (f.enterprise_id, f.date.month)
        all_days.setdefault(key, set()).add(f.date.day)
        if quiet_relevant(f.kind, f.quiet_exception, rules.quiet_exempt_kinds):
            closing.setdefault(key, set()).add(f.date.day)
    windows: dict[tuple[int, int], QuietWindow] = {}
    for (ent, month), days in sorted(all_days.items()):
        fixed = fixed_quiet_window(problem, ent, month)
        if fixed is not None:
            first, last, by = fixed[0], fixed[1], "bureau"
        else:
            length, start, _ = longest_free_run(problem.year, month, days)
            if length < rules.quiet_days:
                length, start, _ = longest_free_run(problem.year, month, closing.get((ent, month), set()))
            if length < rules.quiet_days:
                continue  # no window: the validator reports it
            first, last, by = start, start + rules.quiet_days - 1, "solver"
        windows[ent, month] = QuietWindow(
            ent, month, dt.date(problem.year, month, first), dt.date(problem.year, month, last), by
        )
    marked = []
    for i, v in enumerate(visits):
        w = windows.get((v.enterprise_id, v.date.month))
        inside = w is not None and any(w.first <= day <= w.last for day in v.span)
        marked.append(replace(v, quiet_exception=exempt[i][1] if inside and exempt[i][0] else ""))
    return tuple(windows.values()), tuple(marked)
