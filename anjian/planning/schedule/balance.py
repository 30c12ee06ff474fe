"""Last polish of the third goal (balanced officer load): swap officers within an office.

The week-by-week staffing balances as it goes but cannot see the rest of the year. Afterwards, for each office,
the officer with the largest share of their capacity used hands one of their entries to the colleague with the
smallest share, when that colleague is free that day, certified, not recused and within their quarter's time.
A colleague from the same office keeps every team rule (the office stays represented). Specialists are left
where they are, so the weekly mine rule cannot change. Stops when no swap narrows the gap.
"""

from __future__ import annotations

from dataclasses import replace

from anjian.planning.schedule.breakdown import usable_capacity
from anjian.planning.schedule.ledger import Ledger
from anjian.planning.schedule.periods import quarter_of


def _can_take(ledger: Ledger, officer_id: int, position: int) -> bool:
    visit = ledger.visits[position]
    supply, s = ledger.supply, ledger.index.officers[officer_id]
    q = quarter_of(visit.date.month)
    return (
        officer_id not in visit.officer_ids
        and visit.enterprise_id not in s.recusals
        and all(supply.can_join(officer_id, day, visit.enterprise_id) for day in visit.span)
        and ledger.officer_quarter[officer_id, q] + len(visit.span) <= supply.quarter_cap[officer_id, q]
    )


def _swap(ledger: Ledger, position: int, old: int, new: int) -> None:
    visit = ledger.visits[position]
    q = quarter_of(visit.date.month)
    for officer_id, step in ((old, -1), (new, 1)):
        for day in visit.span:
            if not ledger.supply.colocated(officer_id, day, visit.enterprise_id):
                ledger.officer_day[officer_id, day] += step
            ledger.officer_quarter[officer_id, q] += step
            ledger.officer_total[officer_id] += step
    officer_ids = tuple(sorted(o for o in (*visit.officer_ids, new) if o != old))
    ledger.visits[position] = replace(visit, officer_ids=officer_ids)


def rebalance(ledger: Ledger, agency_id: int, max_swaps: int = 5000) -> int:
    """Even out the shares of capacity within each office of the agency; returns the number of swaps."""
    index = ledger.index
    offices = [o.id for o in ledger.problem.offices if o.agency_id == agency_id]
    swaps = 0
    for office in offices:
        usable = {
            o: usable_capacity(ledger.problem, index.officers[o])
            for o in ledger.supply.officer_ids([office])
            if not index.officers[o].officer.is_mine_specialist
        }
        people = [o for o, n in usable.items() if n > 0]
        while len(people) > 1 and swaps < max_swaps:
            people.sort(key=lambda o: ledger.officer_total[o] / usable[o])
            moved = False
            for low in people[: max(1, len(people) // 2)]:
                high = people[-1]
                cap_low, cap_high = usable[low], usable[high]
                if (ledger.officer_total[high] - 1) / cap_high < (ledger.officer_total[low] + 1) / cap_low:
                    continue  # the swap would overshoot: no narrower gap
                position = next(
                    (
                        p
                        for p, v in enumerate(ledger.visits)
                        if high in v.officer_ids and v.agency_id == agency_id and _can_take(ledger, low, p)
                    ),
                    None,
                )
                if position is not None:
                    _swap(ledger, position, high, low)
                    swaps += 1
                    moved = True
                    break
            if not moved:
                break
    return swaps
