"""Key vs general classification (docs/business-rules.md §5): each reason code, windows, overrides, one level per firm."""

import datetime as dt

import pytest

from anjian.planning.classify import (
    CLASSIFY_CLOSED,
    CLASSIFY_HIGHER_LEVEL,
    CLASSIFY_OUTSIDE_REMIT,
    CLASSIFY_OVERRIDE_BAD_CODE,
    CLASSIFY_OVERRIDE_NO_REASON,
    Category,
    Override,
    ReasonCode,
    Severity,
    classify,
)
from anjian.planning.facts import (
    Agency,
    Enterprise,
    FactKind,
    Industry,
    Level,
    OperatingStatus,
    RiskFact,
)
from anjian.planning.reasons import RULE_UNKNOWN_CRITERION, fact_window
from anjian.planning.rules import RulePackError, load_pack

PROVINCE = Agency(1, "山西省应急管理厅", Level.PROVINCE)
CITY = Agency(2, "吕梁市应急管理局", Level.CITY, parent_id=1)
COUNTY = Agency(3, "文水县应急管理局", Level.COUNTY, parent_id=2)
OTHER_COUNTY = Agency(4, "交城县应急管理局", Level.COUNTY, parent_id=2)
AGENCIES = {a.id: a for a in (PROVINCE, CITY, COUNTY, OTHER_COUNTY)}
K = ReasonCode


def firm(**kw) -> Enterprise:
    base = dict(id=1, name="测试单位", agency_id=CITY.id, industry=Industry.OTHER)
    return Enterprise(**{**base, **kw})


def run(*enterprises, pack="national", planning=CITY, year=2024, overrides=(), extra_dirs=()):
    return classify(
        enterprises,
        planning_agency=planning,
        agencies=AGENCIES,
        pack=load_pack(pack, extra_dirs),
        year=year,
        overrides=overrides,
    )


def one(e, **kw):
    result = run(e, **kw)
    assert len(result.classifications) == 1, result.findings
    return result.classifications[0]


def accident(day, detail="顶板事故", deaths=1):
    return RiskFact(FactKind.FATAL_ACCIDENT, day, detail=detail, deaths=deaths)


@pytest.mark.parametrize(
    ("enterprise", "code", "note"),
    [
        (firm(industry=Industry.COAL_MINE), K.K_COAL, "煤矿、洗选煤及配煤型煤加工企业"),
        (firm(industry=Industry.COAL_PROCESSING), K.K_COAL, "煤矿、洗选煤及配煤型煤加工企业"),
        (firm(industry=Industry.NONCOAL_MINE, underground=True), K.K_UNDERGROUND_MINE, "金属非金属地下矿山"),
        (
            firm(industry=Industry.NONCOAL_MINE, open_pit_slope_m=200),
            K.K_OPENPIT_200M,
            "露天矿山边坡高度200米",
        ),
        (
            firm(industry=Industry.NONCOAL_MINE, tailings_upstream_important=True),
            K.K_TAILINGS_UPSTREAM,
            "建设在重要生产生活设施上游的尾矿库",
        ),
        (
            firm(
                industry=Industry.HAZCHEM, flag_key_chem=True, flag_key_process=True, flag_major_source=True
            ),
            K.K_TWO_KEYS_ONE_MAJOR,
            "涉及重点监管危化品、重点监管的危险化工工艺和重大危险源",
        ),
        (
            firm(industry=Industry.HAZCHEM, flag_key_chem=True, flag_major_source=True),
            K.K_TWO_KEYS_ONE_MAJOR,
            "涉及重点监管危化品和重大危险源",
        ),
        (firm(industry=Industry.CIVIL_EXPLOSIVES, sub_sector="生产"), K.K_CIVIL_EXPLOSIVES, "民爆生产企业"),
        (firm(industry=Industry.CIVIL_EXPLOSIVES), K.K_CIVIL_EXPLOSIVES, "民爆生产、经营企业"),
        (firm(industry=Industry.METALLURGY_TRADE, flag_metal_smelting=True), K.K_METAL_SMELTING, "金属冶炼"),
        (
            firm(industry=Industry.METALLURGY_TRADE, flag_combustible_dust=True),
            K.K_COMBUSTIBLE_DUST,
            "涉爆粉尘",
        ),
        (
            firm(
                facts=(
                    RiskFact(FactKind.STD_OR_RISK_FAIL, dt.date(2023, 6, 1), detail="安全生产标准化未达标"),
                )
            ),
            K.K_STD_OR_RISK_FAIL,
            "安全生产标准化未达标",
        ),
        (
            firm(industry=Industry.COAL_MINE, facts=(accident(dt.date(2023, 2, 8)),)),
            K.K_FATAL_ACCIDENT_3Y,
            "2023年2月8日发生一起顶板事故，造成一人死亡",
        ),
        (
            firm(facts=(RiskFact(FactKind.JOINT_PUNISHMENT, dt.date(2023, 5, 1)),)),
            K.K_JOINT_PUNISHMENT,
            "纳入安全生产失信行为联合惩戒对象",
        ),
        (
            firm(
                industry=Industry.COAL_MINE,
                facts=(
                    RiskFact(FactKind.MAJOR_HAZARD_FOUND, dt.date(2023, 4, 4), detail="市应急局检查发现"),
                ),
            ),
            K.K_MAJOR_HAZARD_FOUND,
            "2023年4月4日市应急局检查发现重大事故隐患",
        ),
        (firm(operating_status=OperatingStatus.TRIAL), K.K_TRIAL_RESUMPTION, "试生产"),
        (
            firm(facts=(RiskFact(FactKind.RESUMPTION, dt.date(2023, 10, 1)),)),
            K.K_TRIAL_RESUMPTION,
            "复工复产",
        ),
        (
            firm(
                industry=Industry.COAL_MINE,
                facts=(
                    RiskFact(
                        FactKind.SHUTDOWN_ORDERED,
                        dt.date(2023, 8, 1),
                        detail="国务院督导组第一阶段督导停产矿井",
                    ),
                ),
            ),
            K.K_SHUTDOWN_ORDERED,
            "国务院督导组第一阶段督导停产矿井",
        ),
    ],
)
def test_each_key_reason_applies_with_its_note_and_legal_basis(enterprise, code, note):
    c = one(enterprise)
    assert c.decision == c.proposed == Category.KEY
    assert c.reasons[0].code == code and c.note == note
    assert c.reasons[0].basis and "〔" in c.reasons[0].basis


def test_directly_managed_coal_mine_prints_local_rule_first_under_lvliang_pack():
    """the Lüliang 2024 plan annex 2 rows 1–30: 备注 市直管煤矿, although the mine is also K_COAL."""
    mine = firm(
        industry=Industry.COAL_MINE, facts=(RiskFact(FactKind.DIRECTLY_MANAGED, dt.date(2020, 1, 1)),)
    )
    c = one(mine, pack="lvliang")
    assert c.codes == (K.K_LOCAL_RULE, K.K_COAL) and c.note == "市直管煤矿"
    assert "晋政办发〔2020〕109号" in c.reasons[0].basis
    assert one(mine).codes == (K.K_COAL,)  # the national pack has no such local rule


def test_non_coal_class_d_is_key_only_under_the_yuncheng_rule():
    mine = firm(industry=Industry.NONCOAL_MINE, noncoal_class="D", agency_id=COUNTY.id)
    assert one(mine, pack="yuncheng", planning=COUNTY).note == "非煤矿山安全风险D级"
    assert one(mine, pack="shanxi", planning=COUNTY).decision == Category.GENERAL


def test_training_body_is_key_where_the_pack_says_so_or_by_override():
    body = firm(industry=Industry.TRAINING_BODY)
    assert one(body, pack="lvliang").note == "根据工作需要纳入重点检查的单位"
    assert one(body).decision == Category.GENERAL
    forced = Override(1, Category.KEY, "市局决定本年度重点检查", "李四", reason_code=K.K_TRAINING_BODY)
    c = one(body, overrides=[forced])
    assert c.codes == (K.K_TRAINING_BODY,) and c.note == "市局决定本年度重点检查"


def test_all_reasons_are_kept_in_pack_order_and_the_first_prints():
    """Accidents before hazards before the sector; two accidents: most recent first."""
    mine = firm(
        industry=Industry.COAL_MINE,
        facts=(
            RiskFact(FactKind.MAJOR_HAZARD_FOUND, dt.date(2023, 7, 18), detail="市应急局检查发现"),
            accident(dt.date(2022, 1, 5), "运输事故", 2),
            accident(dt.date(2023, 9, 13), "触电事故"),
        ),
    )
    c = one(mine)
    assert c.codes == (K.K_FATAL_ACCIDENT_3Y, K.K_FATAL_ACCIDENT_3Y, K.K_MAJOR_HAZARD_FOUND, K.K_COAL)
    assert c.note == "2023年9月13日发生一起触电事故，造成一人死亡"
    assert c.reasons[1].text == "2022年1月5日发生一起运输事故，造成两人死亡"


@pytest.mark.parametrize(
    ("day", "counts"),
    [
        (dt.date(2020, 12, 31), False),
        (dt.date(2021, 1, 1), True),
        (dt.date(2023, 12, 31), True),
        (dt.date(2024, 1, 1), False),
    ],
)
def test_fatal_accident_window_is_the_three_calendar_years_before_the_plan_year(day, counts):
    c = one(firm(facts=(accident(day),)), year=2024)
    assert (K.K_FATAL_ACCIDENT_3Y in c.codes) is counts


def test_rolling_window_counts_back_from_the_reference_date(tmp_path):
    folder = tmp_path / "rolling"
    folder.mkdir()
    (folder / "pack.toml").write_text('[pack]\nid = "rolling"\nname = "r"\nextends = "national"\n', "utf-8")
    (folder / "c.toml").write_text(
        '[classification.window.mode]\nvalue = "rolling"\nsource = "本局"\nmark = "U"\n'
        '[classification.reference_date]\nvalue = "03-01"\nsource = "本局"\nmark = "U"\n',
        "utf-8",
    )
    pack = load_pack("rolling", [tmp_path])
    assert fact_window(pack, FactKind.FATAL_ACCIDENT, 2024, dt.date(2024, 3, 1)) == (
        dt.date(2021, 3, 1),
        dt.date(2024, 2, 29),
    )
    inside = one(firm(facts=(accident(dt.date(2024, 2, 1)),)), pack="rolling", extra_dirs=[tmp_path])
    outside = one(firm(facts=(accident(dt.date(2021, 2, 28)),)), pack="rolling", extra_dirs=[tmp_path])
    assert K.K_FATAL_ACCIDENT_3Y in inside.codes and K.K_FATAL_ACCIDENT_3Y not in outside.codes


def test_open_pit_is_key_from_a_200_metre_slope():
    assert one(firm(industry=Industry.NONCOAL_MINE, open_pit_slope_m=199)).decision == Category.GENERAL
    assert one(firm(industry=Industry.NONCOAL_MINE, open_pit_slope_m=260)).note == "露天矿山边坡高度260米"


def test_state_facts_are_read_on_the_reference_date():
    ended = RiskFact(FactKind.JOINT_PUNISHMENT, dt.date(2022, 1, 1), valid_to=dt.date(2023, 12, 31))
    later = RiskFact(FactKind.JOINT_PUNISHMENT, dt.date(2024, 1, 2))
    assert one(firm(facts=(ended, later)), year=2024).decision == Category.GENERAL


def test_general_reason_distinguishes_own_units_from_a_lower_levels():
    own = one(firm())
    lower = one(firm(agency_id=COUNTY.id))
    assert own.codes == (K.G_OWN_REMIT,) and lower.codes == (K.G_LOWER_LEVEL_SAMPLE,)
    assert "第十三条" in own.reasons[0].basis


def test_enterprise_of_a_higher_level_is_never_planned():
    result = run(firm(agency_id=CITY.id), planning=COUNTY)
    assert result.classifications == ()
    (finding,) = result.findings
    assert finding.code == "classify_higher_level" and finding.severity == Severity.INFO
    assert finding.message == CLASSIFY_HIGHER_LEVEL.format(name="测试单位", agency=CITY.name, level="市级")
    assert "11号" in finding.basis


def test_neighbouring_county_and_closed_enterprises_are_left_out():
    result = run(
        firm(agency_id=OTHER_COUNTY.id), firm(id=2, operating_status=OperatingStatus.CLOSED), planning=COUNTY
    )
    assert result.classifications == ()
    assert [f.message for f in result.findings] == [
        CLASSIFY_OUTSIDE_REMIT.format(name="测试单位", agency=OTHER_COUNTY.name, planning=COUNTY.name),
        CLASSIFY_CLOSED.format(name="测试单位"),
    ]


def test_override_to_general_keeps_the_proposal_and_the_reason():
    mine = firm(industry=Industry.COAL_MINE)
    c = one(mine, overrides=[Override(1, Category.GENERAL, "矿井已闭坑，待注销", "王五")])
    assert (c.proposed, c.decision) == (Category.KEY, Category.GENERAL)
    assert c.proposed_reasons[0].code == K.K_COAL
    assert c.codes == (K.G_OTHER,) and c.note == "矿井已闭坑，待注销" and c.override.by == "王五"


def test_override_to_key_uses_k_other_with_the_free_text():
    c = one(firm(), overrides=[Override(1, Category.KEY, "群众多次举报", "赵六")])
    assert (c.proposed, c.decision, c.codes, c.note) == (
        Category.GENERAL,
        Category.KEY,
        (K.K_OTHER,),
        "群众多次举报",
    )


def test_confirming_override_keeps_the_legal_reasons():
    c = one(firm(industry=Industry.COAL_MINE), overrides=[Override(1, Category.KEY, "同意", "局长")])
    assert c.codes == (K.K_COAL,) and c.overridden


def test_override_without_reason_is_refused_and_the_proposal_stands():
    result = run(firm(industry=Industry.COAL_MINE), overrides=[Override(1, Category.GENERAL, "  ", "王五")])
    c = result.classifications[0]
    assert c.decision == Category.KEY and not c.overridden
    assert result.findings[0].message == CLASSIFY_OVERRIDE_NO_REASON.format(
        name="测试单位", decision="一般检查", proposed="重点检查"
    )
    assert result.findings[0].severity == Severity.ERROR


def test_override_with_a_code_of_the_other_category_is_refused():
    result = run(firm(), overrides=[Override(1, Category.KEY, "理由", "王五", reason_code=K.G_OTHER)])
    assert result.classifications[0].decision == Category.GENERAL
    assert result.findings[0].message == CLASSIFY_OVERRIDE_BAD_CODE.format(
        name="测试单位", code="G_OTHER", decision="重点检查"
    )


def test_local_rule_with_unknown_criterion_is_refused_naming_the_rule(tmp_path):
    folder = tmp_path / "typo"
    folder.mkdir()
    (folder / "pack.toml").write_text('[pack]\nid = "typo"\nname = "t"\nextends = "national"\n', "utf-8")
    (folder / "c.toml").write_text(
        '[classification.local_rules.x]\nvalue = { industy = "coal_mine", note = "x" }\n'
        'source = "本局"\nmark = "U"\n',
        "utf-8",
    )
    with pytest.raises(RulePackError) as err:
        run(firm(), pack="typo", extra_dirs=[tmp_path])
    assert err.value.problems == [
        (
            "rule_unknown_criterion",
            RULE_UNKNOWN_CRITERION.format(key="classification.local_rules.x", field="industy"),
        )
    ]


def test_lower_level_coal_mine_is_only_a_general_sample_for_the_city():
    c = one(firm(agency_id=COUNTY.id, industry=Industry.COAL_MINE))
    assert c.decision == Category.GENERAL and c.codes == (K.G_LOWER_LEVEL_SAMPLE,)


def test_lower_level_mine_with_a_recent_fatal_accident_is_the_citys_key_unit():
    accident = RiskFact(FactKind.FATAL_ACCIDENT, dt.date(2023, 2, 8), detail="顶板事故", deaths=1)
    c = one(firm(agency_id=COUNTY.id, industry=Industry.COAL_MINE, facts=(accident,)))
    assert c.decision == Category.KEY and c.codes == (K.K_FATAL_ACCIDENT_3Y,)
