"""Why something cannot be scheduled, in Chinese: capacity shortages per office and quarter, caps, empty
windows, teams that cannot be formed, and CP-SAT cores turned into sentences. Never a bare "infeasible"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from anjian.planning.findings import Finding, Severity
from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.entries import Entry
from anjian.planning.schedule.findings import FAMILY
from anjian.planning.schedule.inputs import ScheduleProblem, VisitDemand
from anjian.planning.schedule.model import Subject
from anjian.planning.schedule.periods import month_label, periods_label, quarter_label, week_label
from anjian.planning.schedule.supply import Supply, amount, office_sets, person_days_from


def office_names(problem: ScheduleProblem, offices: Iterable[int]) -> str:
    index = problem.index()
    return "、".join(index.offices[o].name for o in sorted(offices) if o in index.offices)


def enterprise_name(problem: ScheduleProblem, enterprise_id: int) -> str:
    e = problem.index().enterprises.get(enterprise_id)
    return e.name if e else f"单位{enterprise_id}"


def demand_label(problem: ScheduleProblem, demand: VisitDemand) -> str:
    return demand.label or f"{office_names(problem, demand.responsible_office_ids)}检查任务"


def capacity_shortages(problem: ScheduleProblem, supply: Supply, entries: Sequence[Entry]) -> list[Finding]:
    """Entries confined to one quarter (or one month) need more officer time, in person-days (team × days),
    from an office set than it has then: the office set, the period, how many person-days short, and the
    rule (quarter time, or the officers' working days in the month)."""
    found = []
    for offices in office_sets(entries):
        periods: list[tuple[str, set[int], int, str]] = []
        for q in range(1, 5):
            quarter = set(range(3 * q - 2, 3 * q + 1))
            have = supply.set_quarter_supply(offices, q)
            periods.append((quarter_label(problem.year, q), quarter, have, "officer_period_capacity"))
        for m in range(1, 13):
            have = supply.set_month_supply(offices, m)
            periods.append((month_label(problem.year, m), {m}, have, "officer_day_capacity"))
        for period, months, have, rule in periods:
            need = sum(person_days_from(e, offices) for e in entries if set(e.months) <= months)
            if need > have:
                found.append(
                    Finding(
                        "capacity_short",
                        Severity.ERROR,
                        f"{period} {office_names(problem, offices)}",
                        msg.CAPACITY_SHORT.format(
                            period=period,
                            office=office_names(problem, offices),
                            short=need - have,
                            need=need,
                            have=have,
                        ),
                        rule=rule,
                        period=period,
                        office_id=min(offices),
                        basis=problem.rules.cite("officers.capacity_split"),
                    )
                )
    return found


def team_impossible(
    problem: ScheduleProblem,
    supply: Supply,
    entry: Entry,
    best_by_pool: dict[frozenset[int], int] | None = None,
) -> Finding | None:
    """No day of the year has enough certified officers in the entry's offices."""
    cache = {} if best_by_pool is None else best_by_pool
    best = cache.get(entry.pool)
    if best is None:
        best = cache[entry.pool] = max(
            (supply.set_day_supply(entry.pool, t) for days in supply.days_by_month.values() for t in days),
            default=0,
        )
    if best >= entry.need:
        return None
    demand = problem.index().demands[entry.demand_ids[0]]
    return Finding(
        "no_certified_team",
        Severity.ERROR,
        enterprise_name(problem, entry.enterprise_id),
        msg.NO_CERTIFIED_TEAM.format(
            enterprise=enterprise_name(problem, entry.enterprise_id),
            demand=demand_label(problem, demand),
            offices=office_names(problem, entry.pool),
            min=entry.need,
        ),
        rule="officer_count",
        enterprise_id=entry.enterprise_id,
        basis=problem.rules.cite("officers.min_per_visit"),
    )


def subject_text(problem: ScheduleProblem, subject: Subject) -> str:
    kind, key = subject
    index = problem.index()
    k: Any = key
    if kind == "enterprise":
        return enterprise_name(problem, k)
    if kind == "enterprise_month":
        ent, month = k
        return f"{enterprise_name(problem, ent)} {month_label(problem.year, month)}"
    if kind in ("office_set_quarter", "office_set_month", "office_set_day"):
        offices, when = k
        period = (
            quarter_label(problem.year, when)
            if kind == "office_set_quarter"
            else month_label(problem.year, when)
            if kind == "office_set_month"
            else str(when)
        )
        return f"{period}{office_names(problem, offices)}"
    if kind == "officer":
        return index.officers[k].officer.name
    if kind == "officer_quarter":
        officer, q = k
        return f"{index.officers[officer].officer.name} {quarter_label(problem.year, q)}"
    if kind == "mine_week":
        mine, week = k
        return f"{enterprise_name(problem, mine)} {week_label(week)}"
    return str(k)


def core_finding(problem: ScheduleProblem, scope: str, core: Sequence[tuple[str, Subject]]) -> Finding:
    """One sentence naming the families and subjects CP-SAT found in conflict."""
    parts: dict[str, list[str]] = {}
    for family, subject in core:
        parts.setdefault(family, []).append(subject_text(problem, subject))
    rules = "；".join(
        f"{FAMILY[f].label}（{'、'.join(s[:5])}{'等' + str(len(s)) + '处' if len(s) > 5 else ''}）"
        for f, s in parts.items()
    )
    return Finding(
        "infeasible_core",
        Severity.WARNING,
        scope,
        msg.INFEASIBLE_CORE.format(scope=scope, rules=rules),
        rule=next(iter(parts), "demand_complete"),
    )


def unplaced_findings(problem: ScheduleProblem, entry: Entry, reason: str) -> list[Finding]:
    found = []
    for demand_id in entry.demand_ids:
        demand = problem.index().demands[demand_id]
        name = enterprise_name(problem, entry.enterprise_id)
        found.append(
            Finding(
                "unplaced",
                Severity.ERROR,
                f"{name}（{periods_label(demand.periods)}）",
                msg.UNPLACED.format(
                    enterprise=name, demand=demand_label(problem, demand), missing=1, reason=reason
                ),
                rule="demand_complete",
                enterprise_id=entry.enterprise_id,
                office_id=demand.responsible_office_ids[0] if demand.responsible_office_ids else None,
            )
        )
    return found


def reason_from_core(
    problem: ScheduleProblem, core: Sequence[tuple[str, Subject]], enterprise_id: int
) -> str:
    """The core's rules that touch this enterprise, then its office and capacity rules (with their subject)."""

    def mine(kind: str, key: Any) -> bool:
        return (kind == "enterprise" and key == enterprise_id) or (
            kind in ("enterprise_month", "mine_week") and key[0] == enterprise_id
        )

    own = [FAMILY[f].label for f, (kind, key) in core if mine(kind, key)]
    shared = [
        f"{FAMILY[f].label}（{subject_text(problem, s)}）"
        for f, s in core
        if s[0] not in ("enterprise", "enterprise_month", "mine_week", "entry_group")
    ]
    parts = list(dict.fromkeys(own + shared[:3]))
    return "与" + "、".join(parts) + "冲突" if parts else NO_ARRANGEMENT


NO_ARRANGEMENT = "时间窗口内找不到同时满足人员、日期和各项规则的安排"


def relaxation_shortages(
    problem: ScheduleProblem,
    supply: Supply,
    placed: Mapping[str, int],
    unplaced: Sequence[Entry],
    entries: Sequence[Entry],
) -> list[Finding]:
    """From a relaxed month plan: each unplaced entry is charged to the busiest office set and quarter it
    could have used; per set and quarter, the missing person-days become one "缺 N 人·日" finding."""
    by_id = {e.id: e for e in entries}
    sets = office_sets(entries)
    load: dict[tuple[frozenset[int], int], int] = {}
    for entry_id, month in placed.items():
        for s in sets:
            n = person_days_from(by_id[entry_id], s)
            if n:
                key = (s, (month - 1) // 3 + 1)
                load[key] = load.get(key, 0) + n
    short: dict[tuple[frozenset[int], int], int] = {}
    for e in unplaced:
        options = [(s, q) for s in sets if amount(e, s) for q in sorted({(m - 1) // 3 + 1 for m in e.months})]
        if not options:
            continue
        s, q = max(options, key=lambda k: load.get(k, 0) / max(supply.set_quarter_supply(k[0], k[1]), 1))
        short[s, q] = short.get((s, q), 0) + person_days_from(e, s)
    found = []
    for (s, q), missing in sorted(short.items(), key=lambda kv: (kv[0][1], sorted(kv[0][0]))):
        have = supply.set_quarter_supply(s, q)
        if load.get((s, q), 0) + missing <= have:
            continue  # not short of time in the quarter: the day-level reason is in the entry's finding
        period = quarter_label(problem.year, q)
        found.append(
            Finding(
                "capacity_short",
                Severity.ERROR,
                f"{period} {office_names(problem, s)}",
                msg.CAPACITY_SHORT.format(
                    period=period,
                    office=office_names(problem, s),
                    short=missing,
                    need=load.get((s, q), 0) + missing,
                    have=have,
                ),
                rule="officer_period_capacity",
                period=period,
                office_id=min(s),
            )
        )
    return found
