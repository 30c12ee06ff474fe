"""Which workday-sheet line costs an office's part of a plan row, and the line-by-line reconciliation
(issue 18 item 1). Lines as 《吕梁市应急管理局2024年度安全生产监督检查计划》附件3、附件4 print them."""

import datetime as dt
from decimal import Decimal

from anjian.planning.schedule import findings as msg
from anjian.planning.schedule.costing import (
    SheetLine,
    line_findings,
    line_for,
    reconcile,
    team_and_days,
    visits_per_unit,
)
from anjian.planning.schedule.result import Visit

D = Decimal
COAL = SheetLine("c1", "市应急局机关", False, "1 重点检查矿井", "煤矿有关科室", "key", "coal_mine", D(2050),
                 persons=D(5), groups=D(2), days=D("2.5"), units=D(41), visits=D(2))  # fmt: skip
HAZ = SheetLine("h1", "市应急局机关", False, "1 重点检查企业", "危化品安全监督管理科", "key", "hazchem", D(36),
                persons=D(2), days=D(2), units=D(9))  # fmt: skip
JOINT = SheetLine("o1", "市应急局机关", False, "1 重点检查企业（联合监督检查）", "办公室", "key", "mixed", D(48),
                  persons=D(2), days=D(2), units=D(12))  # fmt: skip
BRIGADE_COAL = SheetLine("b1", "市执法支队", True, "1 重点执法检查市直管煤矿", "煤矿安全执法分队", "key",
                         "coal_mine", D(1280), persons=D(8), days=D(5), units=D(32))  # fmt: skip
LUMP = SheetLine(
    "b5", "市执法支队", True, "5 一般执法检查", "", "general", "mixed", D(1260), units=D(56), lump=True
)
LINES = [COAL, HAZ, JOINT, BRIGADE_COAL, LUMP]


def test_each_office_is_costed_on_its_own_teams_line_of_the_rows_kind_and_sector():
    assert line_for("煤矿安全综合科", False, "key", "煤矿", LINES) == COAL
    assert line_for("市执法支队", True, "key", "煤矿", LINES) == BRIGADE_COAL
    assert line_for("危险化学品安全监管科", False, "key", "危险化学品", LINES) == HAZ
    # 办公室 co-owns a hazchem key row: its own section's joint-check line, not the hazchem office's
    assert line_for("办公室", False, "key", "危险化学品", LINES) == JOINT
    assert line_for("市执法支队", True, "general", "危险化学品", LINES) == LUMP
    assert line_for("危险化学品安全监管科", False, "general", "危险化学品", LINES) is None


def test_a_line_gives_persons_times_groups_for_its_days_and_a_lump_its_share_per_unit():
    assert team_and_days(COAL, 2) == (10, D("2.5"))
    assert team_and_days(BRIGADE_COAL, 2) == (8, D(5))
    assert team_and_days(LUMP, 2) == (5, D("4.5"))  # 1260 ÷ 56 = 22.5 person-days, at most 5 days each
    assert team_and_days(LUMP, 2, lump_days_max=12) == (2, D("11.25"))
    assert visits_per_unit(COAL) == 2 and visits_per_unit(BRIGADE_COAL) == 1 and visits_per_unit(LUMP) is None


def test_reconciliation_counts_each_demands_costed_team_and_names_a_line_that_differs():
    day = dt.date(2024, 5, 6)
    joint = Visit(1, 7, day, ("e1", "e1.1"), tuple(range(18)), days=D(5), effort=D(65))
    costed = {"e1": (10, D("2.5")), "e1.1": (8, D(5))}
    balances = reconcile([COAL, BRIGADE_COAL], {"e1": "c1", "e1.1": "b1"}, costed, [joint])
    assert [(b.line.key, b.scheduled) for b in balances] == [("c1", D(25)), ("b1", D(40))]
    found = line_findings(balances)
    assert [f.where for f in found] == [COAL.label, BRIGADE_COAL.label]
    assert found[0].message == msg.SHEET_LINE_DIFFERS.format(
        line="市应急局机关 煤矿有关科室 1 重点检查矿井", sheet="2050", scheduled="25", difference="-2025"
    )


def test_a_line_scheduled_as_costed_is_not_reported():
    visits = [Visit(1, 100 + i, dt.date(2024, 5, 6), (f"e{i}",), (1, 2), days=D(2)) for i in range(9)]
    costed = {f"e{i}": (2, D(2)) for i in range(9)}
    balances = reconcile([HAZ], {f"e{i}": "h1" for i in range(9)}, costed, visits)
    assert balances[0].scheduled == D(36) and line_findings(balances) == []
