"""Xia County 2025 plan (夏应急发〔2025〕6号, 夏应急发〔2025〕6号 §一; docs/business-rules.md §11 "Xia County 2025", §6 caps).

The 77 enterprises are built as core facts from what 夏应急发〔2025〕6号 §一 says about them (names of the units it does
not name are synthetic); classification and frequencies run under the yuncheng pack (Shanxi + the Yuncheng
grading rules 夏应急发〔2025〕6号 cites), and the cap ledger checks every frequency against the Shanxi caps.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from anjian.planning.classify import Category, ReasonCode, Severity, classify
from anjian.planning.facts import Agency, Enterprise, Industry, Level, StdGrade
from anjian.planning.frequency import plan_frequencies
from anjian.planning.ledger import LineStatus, VisitTally, build_ledger, planned_tallies
from anjian.planning.rules import load_pack
from anjian.planning.uscc import make_uscc

PROVINCE = Agency(1, "山西省应急管理厅", Level.PROVINCE)
CITY = Agency(2, "运城市应急管理局", Level.CITY, parent_id=1, region_code="140800")
XIA = Agency(3, "夏县应急管理局", Level.COUNTY, parent_id=2, region_code="140828")
AGENCIES = {a.id: a for a in (PROVINCE, CITY, XIA)}


def xia_enterprises() -> list[Enterprise]:
    """夏应急发〔2025〕6号 §一: 2 non-coal D mines, 3 两重点一重大 chemical/pharma, 7 smelting/dust metallurgy (key);
    1 class-C tailings pond, 29 fuel stations, 35 general metallurgy (general)."""
    rows: list[dict] = []
    rows += [
        dict(name=f"夏县非煤矿山{i}", industry=Industry.NONCOAL_MINE, noncoal_class="D", open_pit_slope_m=80)
        for i in (1, 2)
    ]
    rows.append(
        dict(
            name="运力化工有限公司",
            industry=Industry.HAZCHEM,
            flag_key_chem=True,
            flag_key_process=True,
            flag_major_source=True,
            std_grade=StdGrade.SECOND,
        )
    )
    rows += [
        dict(name=n, industry=Industry.PHARMA, flag_major_source=True, high_risk_override=True)
        for n in ("晋新双鹤", "好大夫制药")
    ]
    rows += [
        dict(
            name=f"冶金工贸重点企业{i}",
            industry=Industry.METALLURGY_TRADE,
            sub_sector="冶金",
            flag_metal_smelting=i <= 4,
            flag_combustible_dust=i > 4,
            std_grade=StdGrade.SECOND if i <= 4 else StdGrade.THIRD,
        )
        for i in range(1, 8)
    ]
    rows.append(
        dict(name="夏县尾矿库", industry=Industry.NONCOAL_MINE, sub_sector="尾矿库", noncoal_class="C")
    )
    rows += [dict(name=f"加油站{i}", industry=Industry.HAZCHEM, sub_sector="加油站") for i in range(1, 30)]
    rows += [
        dict(
            name=f"冶金工贸一般企业{i}",
            industry=Industry.METALLURGY_TRADE,
            sub_sector="机械",
            std_grade=StdGrade.THIRD,
        )
        for i in range(1, 36)
    ]
    return [
        Enterprise(id=100 + i, agency_id=XIA.id, uscc=make_uscc("140828", i), **row)
        for i, row in enumerate(rows, start=1)
    ]


def share(part: int, whole: int) -> Decimal:
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def plan():
    pack = load_pack("yuncheng")
    enterprises = xia_enterprises()
    classified = classify(enterprises, planning_agency=XIA, agencies=AGENCIES, pack=pack, year=2025)
    frequencies = plan_frequencies(classified, enterprises, pack=pack)
    return pack, enterprises, classified, frequencies


def test_xia_2025_has_12_key_units_with_42_visits_and_65_general_with_101(plan):
    """夏应急发〔2025〕6号 §一（一）（二）; docs/business-rules.md §11: key 12 / 42, general 65 / 101, total 77 / 143."""
    _, enterprises, classified, frequencies = plan
    assert len(enterprises) == 77 and classified.findings == () and frequencies.findings == ()
    totals = frequencies.totals
    assert (totals.key_units, totals.key_visits) == (12, 42)
    assert (totals.general_units, totals.general_visits) == (65, 101)
    assert (totals.total_units, totals.total_visits) == (77, 143)


def test_xia_2025_key_share_is_15_58_by_units_and_29_37_by_visits(plan):
    """docs/business-rules.md §11: 12/77 = 15.58 %, 42/143 = 29.37 % (2-decimal rounding)."""
    totals = plan[3].totals
    assert share(totals.key_units, totals.total_units) == Decimal("15.58")
    assert share(totals.key_visits, totals.total_visits) == Decimal("29.37")


def test_xia_2025_key_units_carry_the_reasons_file_000_gives(plan):
    """夏应急发〔2025〕6号 §一（一）1–3: non-coal D by the Yuncheng rule, 两重点一重大, smelting or dust."""
    _, enterprises, classified, frequencies = plan
    by_name = {e.name: classified.of(e.id) for e in enterprises}
    assert by_name["夏县非煤矿山1"].codes == (ReasonCode.K_LOCAL_RULE,)
    assert by_name["夏县非煤矿山1"].note == "非煤矿山安全风险D级"
    assert "运城市非煤矿山安全风险分级监管实施办法" in by_name["夏县非煤矿山1"].reasons[0].basis
    assert by_name["运力化工有限公司"].note == "涉及重点监管危化品、重点监管的危险化工工艺和重大危险源"
    assert by_name["晋新双鹤"].note == "涉及重大危险源"
    assert by_name["冶金工贸重点企业1"].codes == (ReasonCode.K_METAL_SMELTING,)
    assert by_name["冶金工贸重点企业7"].codes == (ReasonCode.K_COMBUSTIBLE_DUST,)
    assert by_name["夏县尾矿库"].decision == Category.GENERAL
    assert by_name["加油站1"].codes == (ReasonCode.G_OWN_REMIT,)


def test_xia_2025_quarter_windows_follow_file_000(plan):
    """夏应急发〔2025〕6号 §一: 每季度 (non-coal D, key metallurgy), 每半年 (chemicals, tailings, metallurgy), 1次."""
    _, enterprises, _, frequencies = plan
    by_name = {e.name: frequencies.of(e.id) for e in enterprises}
    assert by_name["夏县非煤矿山2"].windows == ((1,), (2,), (3,), (4,))
    assert by_name["好大夫制药"].windows == ((1, 2), (3, 4))
    assert by_name["夏县尾矿库"].windows == ((1, 2), (3, 4))
    assert by_name["冶金工贸一般企业1"].visits == 2
    assert by_name["加油站29"].windows == ((1, 2, 3, 4),)
    assert by_name["冶金工贸重点企业3"].quarters_text == "第一、二、三、四季度"


def test_xia_2025_plan_passes_the_cap_ledger_with_warnings_only(plan):
    """docs/business-rules.md §6, §11 (the Xia County 2025 plan against the caps): these grades are all legal; non-coal D sits at the cap."""
    pack, enterprises, classified, frequencies = plan
    ledger = build_ledger(
        enterprises, planned_tallies(frequencies, Level.COUNTY), pack=pack, on=classified.reference_date
    )
    assert not ledger.blocked
    mine = ledger.line(enterprises[0].id)
    assert (mine.cap.value, mine.total, mine.headroom, mine.status) == (4, 4, 0, LineStatus.AT_CAP)
    assert {f.enterprise_id for f in ledger.findings if f.severity == Severity.WARNING} >= {101, 102}


CAP_CASES = [
    # (what, industry, extra facts, visits, expected status) — docs/business-rules.md §6, §11 (the Xia County 2025 plan against the caps)
    ("non-coal D quarterly", Industry.NONCOAL_MINE, dict(noncoal_class="D"), 4, LineStatus.AT_CAP),
    (
        "tailings pond class C twice",
        Industry.NONCOAL_MINE,
        dict(noncoal_class="C", sub_sector="尾矿库"),
        2,
        LineStatus.AT_CAP,
    ),
    (
        "tailings pond class D twice",
        Industry.NONCOAL_MINE,
        dict(noncoal_class="D", sub_sector="尾矿库"),
        2,
        LineStatus.OK,
    ),
    (
        "tailings pond class A twice",
        Industry.NONCOAL_MINE,
        dict(noncoal_class="A", sub_sector="尾矿库"),
        2,
        LineStatus.OVER_CAP,
    ),
    (
        "key smelting high-risk 一级",
        Industry.METALLURGY_TRADE,
        dict(flag_metal_smelting=True, std_grade=StdGrade.FIRST),
        4,
        LineStatus.OVER_CAP,
    ),
    (
        "key smelting high-risk 二级",
        Industry.METALLURGY_TRADE,
        dict(flag_metal_smelting=True, std_grade=StdGrade.SECOND),
        4,
        LineStatus.AT_CAP,
    ),
    (
        "key smelting high-risk 三级",
        Industry.METALLURGY_TRADE,
        dict(flag_metal_smelting=True, std_grade=StdGrade.THIRD),
        4,
        LineStatus.OK,
    ),
    (
        "key smelting high-risk 未定级",
        Industry.METALLURGY_TRADE,
        dict(flag_metal_smelting=True),
        4,
        LineStatus.OK,
    ),
    (
        "general metallurgy non-high-risk 一级",
        Industry.METALLURGY_TRADE,
        dict(std_grade=StdGrade.FIRST),
        2,
        LineStatus.OVER_CAP,
    ),
    (
        "general metallurgy non-high-risk 二级",
        Industry.METALLURGY_TRADE,
        dict(std_grade=StdGrade.SECOND),
        2,
        LineStatus.AT_CAP,
    ),
    (
        "general metallurgy high-risk 一级",
        Industry.METALLURGY_TRADE,
        dict(std_grade=StdGrade.FIRST, flag_metal_smelting=True),
        2,
        LineStatus.AT_CAP,
    ),
    (
        "hazchem high-risk 一级 half-yearly",
        Industry.HAZCHEM,
        dict(std_grade=StdGrade.FIRST),
        2,
        LineStatus.AT_CAP,
    ),
    (
        "pharma non-high-risk 一级 half-yearly",
        Industry.PHARMA,
        dict(std_grade=StdGrade.FIRST),
        2,
        LineStatus.OVER_CAP,
    ),
    (
        "fuel station once, non-high-risk 一级",
        Industry.HAZCHEM,
        dict(sub_sector="加油站", std_grade=StdGrade.FIRST, high_risk_override=False),
        1,
        LineStatus.AT_CAP,
    ),
    (
        "fuel station once, high-risk 一级",
        Industry.HAZCHEM,
        dict(sub_sector="加油站", std_grade=StdGrade.FIRST),
        1,
        LineStatus.OK,
    ),
]


@pytest.mark.parametrize(
    ("what", "industry", "extra", "visits", "expected"), CAP_CASES, ids=[c[0] for c in CAP_CASES]
)
def test_file_000_frequency_against_shanxi_cap(what, industry, extra, visits, expected):
    """docs/business-rules.md §6, §11 (the Xia County 2025 plan against the caps): at the cap → warning, no headroom; above → refused (error)."""
    pack = load_pack("yuncheng")
    e = Enterprise(id=1, name=what, agency_id=XIA.id, industry=industry, **extra)
    ledger = build_ledger(
        [e], [VisitTally(1, Level.COUNTY, planned=visits)], pack=pack, on=dt.date(2025, 1, 1)
    )
    line = ledger.line(1)
    assert line.status == expected
    severities = {f.severity for f in ledger.findings}
    if expected == LineStatus.OVER_CAP:
        assert severities == {Severity.ERROR} and line.headroom < 0
    elif expected == LineStatus.AT_CAP:
        assert severities == {Severity.WARNING} and line.headroom == 0
    else:
        assert severities == set() and line.headroom > 0
