"""The final swap pass evens out officers' shares of capacity within an office, keeping every rule."""

import datetime as dt

from anjian.planning.schedule.balance import rebalance
from anjian.planning.schedule.inputs import quarters
from anjian.planning.schedule.ledger import Ledger
from anjian.planning.schedule.supply import Supply
from anjian.planning.schedule.validate import validate

from .builders import demand, entry, problem


def test_overloaded_officer_hands_entries_to_an_idle_colleague():
    p = problem([demand(f"D{i}", 101 + i % 2, 1, quarters(3)) for i in range(4)])
    ledger = Ledger(p, Supply(p, p.officers))
    days = [dt.date(2025, 7, 7), dt.date(2025, 7, 8), dt.date(2025, 7, 9), dt.date(2025, 7, 10)]
    for i, day in enumerate(days):
        ledger.place(entry(f"E{i}", 101 + i % 2, (f"D{i}",), months_=(7, 8, 9)), day, (11, 21))
    assert rebalance(ledger, 1) == 4  # 王伟 4 → 2, 张强 4 → 2
    assert ledger.officer_total[11] == ledger.officer_total[12] == 2
    assert ledger.officer_total[21] == ledger.officer_total[22] == 2
    assert [f for f in validate(p, ledger.visits) if f.is_error] == []


def test_no_swap_onto_a_recused_or_absent_colleague():
    from .builders import HAZCHEM, TEAM, officer

    officers = (
        officer(11, HAZCHEM, "王伟"),
        officer(12, HAZCHEM, "李娜", recusals={101}),
        officer(21, TEAM, "张强"),
        officer(22, TEAM, "刘洋", unavailable={dt.date(2025, 7, 7)}),
    )
    p = problem([demand("D0", 101, 1, quarters(3))], officers=officers)
    ledger = Ledger(p, Supply(p, p.officers))
    ledger.place(entry("E0", 101, ("D0",), months_=(7, 8, 9)), dt.date(2025, 7, 7), (11, 21))
    assert rebalance(ledger, 1) == 0
