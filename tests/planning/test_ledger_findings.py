"""The ledger's findings in full (code, severity, enterprise, the cap's citation, source) and the line statuses,
so that the plan review, the workbench and the documents can rely on each field."""

import dataclasses
import datetime as dt

from anjian.planning.caps import cap_for
from anjian.planning.facts import Enterprise, Industry, Level, StdGrade
from anjian.planning.findings import Finding, Severity
from anjian.planning.frequency import Frequency, FrequencyResult
from anjian.planning.ledger import (
    LEDGER_AT_CAP,
    LEDGER_JUSTIFICATION_EMPTY,
    LEDGER_OVER_CAP,
    LEDGER_OVER_CAP_JUSTIFIED,
    LEDGER_SUPERVISORY_AT_CAP,
    Justification,
    LineStatus,
    VisitKind,
    VisitTally,
    build_ledger,
    planned_tallies,
)
from anjian.planning.reasons import Category
from anjian.planning.rules import load_pack

ON = dt.date(2025, 1, 1)
SHANXI = load_pack("shanxi")
CAP = SHANXI.rule("caps.high_risk_by_grade").citation
SUP = SHANXI.rule("supervisory_check.max_per_year").citation
FIRM = Enterprise(5, "某化工公司", 3, Industry.HAZCHEM, std_grade=StdGrade.FIRST)  # cap 2
USED = "省级0次、市级0次、县级{n}次"


def ledger(*tallies, e=FIRM, pack=SHANXI, justifications=(), on=ON):
    return build_ledger([e], tallies, pack=pack, on=on, justifications=justifications)


def finding(code, severity, message, basis=CAP):
    return Finding(code, severity, "", message, basis=basis, source="ledger", enterprise_id=5)


def fields(n, cap=2, label="高危行业·标准化一级"):
    return {"name": "某化工公司", "total": n, "cap": cap, "label": label, "used": USED.format(n=n)}


def test_at_over_and_justified_findings_carry_the_unit_and_the_caps_citation():
    assert ledger(VisitTally(5, Level.COUNTY, planned=2)).findings == (
        finding("ledger_at_cap", Severity.WARNING, LEDGER_AT_CAP.format(**fields(2))),
    )
    assert ledger(VisitTally(5, Level.COUNTY, planned=3)).findings == (
        finding("ledger_over_cap", Severity.ERROR, LEDGER_OVER_CAP.format(**fields(3))),
    )
    why = Justification(5, " 依法开展事故调查 ", "局长")
    justified = ledger(VisitTally(5, Level.COUNTY, planned=3), justifications=[why])
    assert justified.findings == (
        finding("ledger_over_cap_justified", Severity.WARNING,
                LEDGER_OVER_CAP_JUSTIFIED.format(**fields(3), text="依法开展事故调查", by="局长")),
    )  # fmt: skip
    assert justified.line(5).justification == why and not justified.blocked


def test_an_empty_justification_is_an_error_on_that_unit():
    book = ledger(VisitTally(5, Level.COUNTY, planned=1), justifications=[Justification(5, "  ", "王五")])
    assert book.findings == (
        Finding("ledger_justification_empty", Severity.ERROR, "", LEDGER_JUSTIFICATION_EMPTY.format(name="某化工公司"),
                source="ledger", enterprise_id=5),
    )  # fmt: skip
    assert book.line(5).status == LineStatus.OK and book.line(5).justification is None


def test_supervisory_checks_have_their_own_counter_and_findings_citing_their_own_limit():
    cap = SHANXI.value("supervisory_check.max_per_year")
    at = ledger(VisitTally(5, Level.CITY, planned=cap, kind=VisitKind.SUPERVISORY_CHECK))
    used = f"省级0次、市级{cap}次、县级0次"
    assert at.findings == (
        finding("ledger_supervisory_at_cap", Severity.WARNING,
                LEDGER_SUPERVISORY_AT_CAP.format(name="某化工公司", total=cap, used=used, cap=cap, label="督导检查"),
                SUP),
    )  # fmt: skip
    assert at.line(5).supervisory_checks == cap and at.line(5).supervisory_cap == cap
    assert at.line(5).total == 0 and at.line(5).status == LineStatus.OK  # not counted against the cap
    why = [Justification(5, "依法开展事故调查", "局长")]
    over = ledger(
        VisitTally(5, Level.CITY, planned=cap + 1, kind=VisitKind.SUPERVISORY_CHECK), justifications=why
    )
    used = f"省级0次、市级{cap + 1}次、县级0次"
    assert [f for f in over.findings if f.code.startswith("ledger_supervisory")] == [
        finding("ledger_supervisory_over_cap_justified", Severity.WARNING,
                LEDGER_OVER_CAP_JUSTIFIED.format(name="某化工公司", total=cap + 1, cap=cap, label="督导检查",
                                                 used=used, text="依法开展事故调查", by="局长"), SUP),
    ]  # fmt: skip


def test_a_pack_without_a_supervisory_limit_has_no_such_counter():
    pack = dataclasses.replace(
        SHANXI, rules={k: r for k, r in SHANXI.rules.items() if not k.startswith("supervisory_check")}
    )
    book = ledger(VisitTally(5, Level.CITY, planned=9, kind=VisitKind.SUPERVISORY_CHECK), pack=pack)
    assert (
        book.findings == () and book.line(5).supervisory_cap is None and book.line(5).supervisory_checks == 9
    )


def test_a_mine_without_a_table_has_no_cap_and_a_mine_without_a_class_is_blocked():
    national = load_pack("national")
    mine = Enterprise(5, "某煤矿", 3, Industry.COAL_MINE, coal_class="A")
    line = ledger(VisitTally(5, Level.COUNTY, planned=9), e=mine, pack=national).line(5)
    assert (line.status, line.headroom, line.total) == (LineStatus.NO_CAP, None, 9)
    unclassed = dataclasses.replace(mine, coal_class="")
    line = ledger(VisitTally(5, Level.COUNTY, planned=1), e=unclassed).line(5)
    assert (line.status, line.headroom) == (LineStatus.BLOCKED, None)


def test_the_cap_is_read_on_the_ledgers_date():
    expiring = dataclasses.replace(FIRM, std_grade_valid_until=dt.date(2025, 6, 30))
    assert ledger(e=expiring, on=dt.date(2025, 6, 30)).line(5).cap == cap_for(
        expiring, SHANXI, dt.date(2025, 6, 30)
    )
    assert ledger(e=expiring, on=dt.date(2025, 6, 30)).line(5).cap.value == 2
    assert ledger(e=expiring, on=dt.date(2025, 7, 1)).line(5).cap.value == 12


def test_reviews_count_only_when_the_pack_says_so():
    review = VisitTally(5, Level.COUNTY, planned=2, kind=VisitKind.REVIEW)
    apart = ledger(VisitTally(5, Level.COUNTY, planned=1), review).line(5)
    assert (apart.total, apart.reviews) == (1, 2)
    counting = dataclasses.replace(SHANXI, rules={**SHANXI.rules, "caps.count_reviews": dataclasses.replace(
        SHANXI.rule("caps.count_reviews"), value=True)})  # fmt: skip
    counted = ledger(VisitTally(5, Level.COUNTY, planned=1), review, pack=counting).line(5)
    assert (counted.total, counted.reviews) == (3, 0)
    unset = dataclasses.replace(
        SHANXI, rules={k: r for k, r in SHANXI.rules.items() if k != "caps.count_reviews"}
    )
    assert ledger(VisitTally(5, Level.COUNTY, planned=1), review, pack=unset).line(5).total == 1


def test_the_plans_own_visits_enter_the_ledger_at_its_level():
    plan = FrequencyResult(
        (
            Frequency(5, Category.KEY, 2, ((1, 2), (3, 4)), "规则", "frequency.key"),
            Frequency(6, Category.GENERAL, 1, ((1, 2, 3, 4),), "规则", "frequency.general"),
        ),
        (),
    )
    assert planned_tallies(plan, Level.CITY, agency_id=3) == (
        VisitTally(5, Level.CITY, planned=2, agency_id=3),
        VisitTally(6, Level.CITY, planned=1, agency_id=3),
    )
    book = ledger(*planned_tallies(plan, Level.CITY, agency_id=3))
    line = book.line(5)
    assert (line.used_by(Level.CITY), line.used_by(Level.COUNTY), line.used_by(Level.PROVINCE)) == (2, 0, 0)
    assert book.line(6) is None  # only the enterprises asked for get a line


def test_a_level_the_pack_does_not_sum_uses_nothing_of_the_cap():
    rules = {
        **SHANXI.rules,
        "caps.levels_summed": dataclasses.replace(
            SHANXI.rule("caps.levels_summed"), value=["city", "county"]
        ),
    }
    book = ledger(VisitTally(5, Level.PROVINCE, planned=3), VisitTally(5, Level.COUNTY, planned=1),
                  pack=dataclasses.replace(SHANXI, rules=rules))  # fmt: skip
    line = book.line(5)
    assert (line.used_by(Level.PROVINCE), line.used_by(Level.COUNTY), line.total) == (0, 1, 1)
