"""Who is left out of the plan and why, and what happens to a person's override: each finding in full (code,
severity, unit, citation, source), and the classification a decision leaves behind."""

import datetime as dt

from anjian.planning.classify import (
    CLASSIFY_CLOSED,
    CLASSIFY_HIGHER_LEVEL,
    CLASSIFY_OUTSIDE_REMIT,
    CLASSIFY_OVERRIDE_BAD_CODE,
    CLASSIFY_OVERRIDE_NO_REASON,
    CLASSIFY_OVERRIDE_UNKNOWN,
    CLASSIFY_UNKNOWN_AGENCY,
    Category,
    Override,
    classify,
)
from anjian.planning.facts import Agency, Enterprise, FactKind, Industry, Level, OperatingStatus, RiskFact
from anjian.planning.findings import Finding, Severity
from anjian.planning.reasons import ReasonCode
from anjian.planning.rules import load_pack

PACK = load_pack("lvliang")
PROVINCE = Agency(1, "山西省应急管理厅", Level.PROVINCE)
CITY = Agency(2, "吕梁市应急管理局", Level.CITY, 1)
COUNTY = Agency(3, "孝义市应急管理局", Level.COUNTY, 2)
OTHER_CITY = Agency(4, "太原市应急管理局", Level.CITY, 1)
AGENCIES = {a.id: a for a in (PROVINCE, CITY, COUNTY, OTHER_CITY)}


def unit(eid, agency_id=2, industry=Industry.OTHER, **kw):
    return Enterprise(eid, f"单位{eid}", agency_id, industry, **kw)


def run(*enterprises, overrides=()):
    return classify(
        enterprises, planning_agency=CITY, agencies=AGENCIES, pack=PACK, year=2024, overrides=overrides
    )


def info(code, message, eid, basis=""):
    return Finding(code, Severity.INFO, "", message, basis=basis, source="classify", enterprise_id=eid)


def test_units_left_out_are_named_with_the_reason():
    result = run(
        unit(1, operating_status=OperatingStatus.CLOSED),
        unit(2, agency_id=1),
        unit(3, agency_id=4),
        unit(4, agency_id=99),
        unit(5, agency_id=3),
        unit(6),
    )
    assert [c.enterprise_id for c in result.classifications] == [5, 6]
    assert result.findings == (
        info("classify_closed", CLASSIFY_CLOSED.format(name="单位1"), 1),
        info("classify_higher_level", CLASSIFY_HIGHER_LEVEL.format(name="单位2", agency="山西省应急管理厅", level="省级"),
             2, PACK.rule("classification.exclude_higher_level").citation),
        info("classify_outside_remit",
             CLASSIFY_OUTSIDE_REMIT.format(name="单位3", agency="太原市应急管理局", planning="吕梁市应急管理局"), 3),
        Finding("classify_unknown_agency", Severity.ERROR, "", CLASSIFY_UNKNOWN_AGENCY.format(name="单位4", agency_id=99),
                source="classify", enterprise_id=4),
    )  # fmt: skip


def test_a_lower_levels_unit_is_key_here_only_for_an_event_that_calls_for_it():
    accident = RiskFact(FactKind.FATAL_ACCIDENT, dt.date(2023, 2, 8), deaths=1)
    mine = unit(7, agency_id=3, industry=Industry.COAL_MINE, coal_class="B")
    with_accident = unit(8, agency_id=3, industry=Industry.COAL_MINE, coal_class="B", facts=(accident,))
    result = run(mine, with_accident)
    assert result.of(7).decision == Category.GENERAL
    assert [r.code for r in result.of(7).reasons] == [ReasonCode.G_LOWER_LEVEL_SAMPLE]
    assert result.of(8).decision == Category.KEY
    assert [r.code for r in result.of(8).reasons] == [ReasonCode.K_FATAL_ACCIDENT_3Y]
    own = run(unit(9, industry=Industry.COAL_MINE, coal_class="B"))
    assert own.of(9).decision == Category.KEY and own.of(9).reasons[0].code == ReasonCode.K_COAL


def test_overrides_without_a_reason_with_the_wrong_code_or_for_no_unit_are_refused():
    result = run(
        unit(1),
        unit(2),
        overrides=[
            Override(1, Category.KEY, "  ", "局长"),
            Override(2, Category.KEY, "本局确定", "局长", ReasonCode.G_OTHER),
            Override(42, Category.KEY, "本局确定", "局长"),
        ],
    )
    assert result.findings == (
        Finding("classify_override_no_reason", Severity.ERROR, "",
                CLASSIFY_OVERRIDE_NO_REASON.format(name="单位1", decision="重点检查", proposed="一般检查"),
                source="classify", enterprise_id=1),
        Finding("classify_override_bad_code", Severity.ERROR, "",
                CLASSIFY_OVERRIDE_BAD_CODE.format(name="单位2", code="G_OTHER", decision="重点检查"),
                source="classify", enterprise_id=2),
        Finding("classify_override_unknown", Severity.WARNING, "", CLASSIFY_OVERRIDE_UNKNOWN.format(enterprise_id=42),
                source="classify", enterprise_id=42),
    )  # fmt: skip
    assert [c.decision for c in result.classifications] == [Category.GENERAL, Category.GENERAL]


def test_an_accepted_override_keeps_the_proposal_and_records_the_reason():
    result = run(unit(1), overrides=[Override(1, Category.KEY, " 当地重点关注 ", "局长")])
    c = result.of(1)
    assert (c.proposed, c.decision) == (Category.GENERAL, Category.KEY)
    assert [r.code for r in c.proposed_reasons] == [ReasonCode.G_OWN_REMIT]
    assert [(r.code, r.text) for r in c.reasons] == [(ReasonCode.K_OTHER, "当地重点关注")]
    assert c.override is not None and c.override.by == "局长"
    confirmed = run(unit(1, industry=Industry.COAL_MINE, coal_class="B"),
                    overrides=[Override(1, Category.KEY, "同意", "局长")]).of(1)  # fmt: skip
    assert [r.code for r in confirmed.reasons] == [ReasonCode.K_COAL]  # the legal reason stays first
