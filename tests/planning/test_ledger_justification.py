"""An over-cap justification excuses its own enterprise only; no ledger total passes a cap unexcused."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from anjian.planning.classify import Severity
from anjian.planning.facts import Enterprise, Industry, Level, StdGrade
from anjian.planning.ledger import (
    LEDGER_OVER_CAP,
    Justification,
    LineStatus,
    VisitKind,
    VisitTally,
    build_ledger,
)
from anjian.planning.rules import load_pack

ON = dt.date(2025, 1, 1)
SHANXI = load_pack("shanxi")


def firm(eid: int, name: str, **kw) -> Enterprise:
    return Enterprise(eid, name, 3, kw.pop("industry", Industry.HAZCHEM), std_grade=StdGrade.FIRST, **kw)


def test_one_enterprises_justification_does_not_excuse_another_over_the_cap():
    chem, steel = firm(1, "夏县化工有限公司"), firm(2, "夏县钢铁有限公司")
    why = Justification(1, "发生较大事故后依法开展事故调查检查", "局长")
    book = build_ledger(
        [chem, steel],
        [VisitTally(1, Level.COUNTY, planned=3), VisitTally(2, Level.COUNTY, planned=3)],
        pack=SHANXI,
        on=ON,
        justifications=[why],
    )
    assert book.line(1).status == LineStatus.JUSTIFIED and book.line(1).justification == why
    assert book.line(2).status == LineStatus.OVER_CAP and book.line(2).justification is None
    assert book.blocked
    (error,) = [f for f in book.findings if f.severity == Severity.ERROR]
    assert error.enterprise_id == 2
    assert error.message == LEDGER_OVER_CAP.format(
        name="夏县钢铁有限公司", total=3, used="省级0次、市级0次、县级3次", cap=2, label="高危行业·标准化一级"
    )


def test_a_justification_for_an_enterprise_under_its_cap_changes_nothing_elsewhere():
    book = build_ledger(
        [firm(1, "甲"), firm(2, "乙")],
        [VisitTally(2, Level.CITY, planned=1), VisitTally(2, Level.COUNTY, planned=2)],
        pack=SHANXI,
        on=ON,
        justifications=[Justification(1, "依法开展事故调查", "局长")],
    )
    assert book.line(1).status == LineStatus.OK
    assert book.line(2).status == LineStatus.OVER_CAP and book.blocked


GRADES = st.sampled_from(list(StdGrade))
INDUSTRIES = st.sampled_from([Industry.HAZCHEM, Industry.METALLURGY_TRADE, Industry.PHARMA, Industry.OTHER])
COUNTED = st.sampled_from([VisitKind.ROUTINE, VisitKind.CASE, VisitKind.SPECIAL])


@settings(max_examples=150, deadline=None)
@given(
    firms=st.lists(st.tuples(INDUSTRIES, GRADES), min_size=1, max_size=6),
    visits=st.lists(
        st.tuples(
            st.integers(0, 5), st.sampled_from(list(Level)), COUNTED, st.integers(0, 4), st.integers(0, 4)
        ),
        max_size=25,
    ),
    excused=st.sets(st.integers(0, 5), max_size=3),
)
def test_no_ledger_total_exceeds_its_cap_without_a_justification_for_that_enterprise(firms, visits, excused):
    enterprises = [
        Enterprise(i, f"单位{i}", 3, industry, std_grade=grade) for i, (industry, grade) in enumerate(firms)
    ]
    tallies = [VisitTally(e, lv, planned, actual, kind) for e, lv, kind, planned, actual in visits]
    justifications = [Justification(i, "依法开展事故调查", "局长") for i in excused]
    book = build_ledger(enterprises, tallies, pack=SHANXI, on=ON, justifications=justifications)
    for line in book.lines:
        eid = line.enterprise_id
        # an independent total: per level and kind the larger of planned and actual, summed
        per_cell: dict[tuple[Level, VisitKind], list[int]] = {}
        for e, lv, kind, planned, actual in visits:
            if e == eid:
                cell = per_cell.setdefault((lv, kind), [0, 0])
                cell[0] += planned
                cell[1] += actual
        assert line.total == sum(max(c) for c in per_cell.values())
        assert line.headroom == line.cap.value - line.total
        over = line.total > line.cap.value
        errors = [f for f in book.findings if f.enterprise_id == eid and f.severity == Severity.ERROR]
        if over and eid in excused:
            assert line.status == LineStatus.JUSTIFIED and errors == []
        elif over:
            assert line.status == LineStatus.OVER_CAP and len(errors) == 1
        else:
            assert line.status in (LineStatus.OK, LineStatus.AT_CAP) and errors == []
    assert book.blocked == any(
        line.total > line.cap.value and line.enterprise_id not in excused for line in book.lines
    )
