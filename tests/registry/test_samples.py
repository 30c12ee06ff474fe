"""Sample bureaus built from the seeds (issue 3, item 6).

Lüliang: the Lüliang 2024 plan annex 1 (on roll 39, enforcing 31, seconded 48 as the rows sum — the table prints 49 —,
seconded enforcing 14, so 45 enforce), §二(二) (brigade 72, 30 enforcing), annex 2 (103 key units: coal 41,
washing 16, non-coal 15, hazchem & explosives 14, metallurgy 10, training 7).
Xia: 夏应急发〔2025〕6号 §一 (12 + 65 units).
"""

import datetime as dt
from collections import Counter

import pytest
from django.db.models import Q

from anjian.registry.models import Agency, Enterprise, Office, Officer, RiskFact
from anjian.registry.samples import SAMPLES_DIR, SampleError, load_sample, read_key_arrangement

LVLIANG = SAMPLES_DIR / "lvliang-2024"


@pytest.fixture
def lvliang(db):
    return load_sample("lvliang-2024")


def in_lvliang(agency):
    """The city's own units and those of its 13 county bureaus."""
    return Q(agency=agency) | Q(agency__parent=agency)


def test_lvliang_county_units_belong_to_their_county_bureau(lvliang):
    counties = Agency.objects.filter(parent=lvliang)
    assert counties.count() == 13 and set(counties.values_list("level", flat=True)) == {"county"}
    mine = Enterprise.objects.get(name="山西吕梁离石贾家沟煤业有限公司")
    assert (mine.agency.name, mine.managing_level) == ("离石区应急管理局", "county")
    assert Enterprise.objects.filter(agency=lvliang, managing_level="county").count() == 0


def test_lvliang_agency_chain_and_identity(lvliang):
    assert (
        lvliang.name,
        lvliang.level,
        lvliang.region_code,
        lvliang.doc_number_prefix,
        lvliang.ruleset,
        lvliang.approving_government,
    ) == ("吕梁市应急管理局", "city", "141100", "吕应急发", "lvliang", "吕梁市人民政府")
    assert (lvliang.parent.name, lvliang.parent.level, lvliang.parent.region_code) == (
        "山西省应急管理厅",
        "province",
        "140000",
    )


def test_lvliang_staff_reproduces_annex_1_totals(lvliang):
    bureau = Officer.objects.filter(office__agency=lvliang).exclude(office__kind="enforcement_team")
    on_roll, seconded = bureau.filter(employment="on_roll"), bureau.filter(employment="seconded")

    def enforcing(qs):
        return sum(1 for o in qs if o.to_domain().certified_on(dt.date(2024, 1, 1)))

    assert (on_roll.count(), enforcing(on_roll), seconded.count(), enforcing(seconded)) == (39, 31, 48, 14)
    assert enforcing(bureau) == 45
    assert bureau.filter(exclusion_reason="posted_away").count() == 4  # the four 下乡 of the 备注 column
    assert bureau.filter(exclusion_reason="uncertified").count() == 2
    assert bureau.filter(is_mine_specialist=True).count() == 3
    assert all(o.synthetic for o in bureau)


def test_lvliang_brigade_has_72_people_and_30_enforcing(lvliang):
    brigade = Office.objects.get(agency=lvliang, kind="enforcement_team")
    assert brigade.name == "吕梁市应急管理综合行政执法支队" and "市执法支队" in brigade.alias_list()
    people = list(brigade.officers.all())
    assert len(people) == 72
    assert sum(o.to_domain().certified_on(dt.date(2024, 6, 1)) for o in people) == 30


def test_lvliang_registry_holds_every_key_unit_of_annex_2_by_sector(lvliang):
    rows = read_key_arrangement(LVLIANG / "key_units.xlsx")
    assert len(rows) == 103
    units = {e.name: e for e in Enterprise.objects.filter(in_lvliang(lvliang))}
    sectors = Counter(units[r.enterprise_name].industry for r in rows)
    assert sectors == {
        "coal_mine": 41,
        "coal_processing": 16,
        "noncoal_mine": 15,
        "hazchem": 12,
        "civil_explosives": 2,
        "metallurgy_trade": 10,
        "training_body": 7,
    }
    assert Counter(r.sector for r in rows) == {
        "coal_mine": 41,
        "coal_processing": 16,
        "noncoal_mine": 15,
        "hazchem": 14,
        "metallurgy_trade": 10,
        "training_body": 7,
    }
    metallurgy = Counter(units[r.enterprise_name].sub_sector for r in rows if r.sector == "metallurgy_trade")
    assert metallurgy == {"冶金": 3, "建材": 3, "有色": 2, "机械": 1, "轻工": 1}


def test_lvliang_key_facts_come_from_the_remarks_of_annex_2(lvliang):
    coal = Enterprise.objects.filter(in_lvliang(lvliang), industry="coal_mine", source_doc__contains="附件2")
    assert (
        coal.filter(managing_level="city").count() == 30
        and coal.filter(managing_level="county").count() == 11
    )
    facts = Counter(
        RiskFact.objects.filter(enterprise__in=Enterprise.objects.filter(in_lvliang(lvliang))).values_list(
            "kind", flat=True
        )
    )
    assert facts == {
        "directly_managed": 30,
        "fatal_accident": 6,
        "shutdown_ordered": 1,
        "major_hazard_found": 4,
        "soe": 15,
    }
    first = RiskFact.objects.get(enterprise__name="山西吕梁离石贾家沟煤业有限公司")
    assert (first.kind, first.valid_from, first.deaths, first.detail) == (
        "fatal_accident",
        dt.date(2023, 2, 8),
        1,
        "顶板事故",
    )
    hazard = RiskFact.objects.get(enterprise__name="临县裕民焦煤有限公司")
    assert (hazard.kind, hazard.valid_from, hazard.detail) == (
        "major_hazard_found",
        dt.date(2023, 7, 26),
        "市应急局检查发现",
    )
    twin = Enterprise.objects.get(name="孝义市晋茂化工有限公司")
    assert twin.flag_key_chem and twin.flag_key_process and twin.flag_major_source
    assert Enterprise.objects.get(name="山西焦煤化工吕梁民爆有限责任公司").industry == "civil_explosives"
    plant = Enterprise.objects.get(name="山西汾西矿业（集团）有限责任公司双柳煤矿选煤厂")
    assert plant.parent_enterprise.name == "山西汾西矿业（集团）有限责任公司双柳煤矿"


def test_lvliang_general_pools_are_larger_than_the_planned_draws_and_synthetic(lvliang):
    pool = Enterprise.objects.filter(in_lvliang(lvliang), note="一般检查抽查池")
    sizes = Counter(pool.values_list("industry", flat=True))
    assert sizes["coal_mine"] >= 100 and sizes["coal_processing"] >= 30 and sizes["noncoal_mine"] >= 45
    assert sizes["hazchem"] + sizes["civil_explosives"] >= 200 and sizes["metallurgy_trade"] >= 45
    assert sizes["assessment_body"] >= 12 and sizes["training_body"] >= 5
    assert set(pool.filter(industry="coal_mine").values_list("coal_class", flat=True)) == {"A", "B", "C", "D"}
    assert set(pool.values_list("district_code", flat=True)) <= {
        "141102",
        "141121",
        "141122",
        "141123",
        "141124",
        "141125",
        "141126",
        "141127",
        "141128",
        "141129",
        "141130",
        "141181",
        "141182",
    }
    assert all(e.synthetic and e.uscc[2:8] == e.district_code for e in pool)


def test_xia_sample_has_12_key_and_65_general_units_by_sector(db):
    xia = load_sample("xia-2025")
    assert [a.name for a in (xia, xia.parent, xia.parent.parent)] == [
        "夏县应急管理局",
        "运城市应急管理局",
        "山西省应急管理厅",
    ]
    units = Enterprise.objects.filter(agency=xia)
    key, general = units.filter(note="重点检查"), units.filter(note="一般检查")
    assert Counter(key.values_list("industry", flat=True)) == {
        "noncoal_mine": 2,
        "hazchem": 1,
        "pharma": 2,
        "metallurgy_trade": 7,
    }
    assert all(e.noncoal_class == "D" for e in key.filter(industry="noncoal_mine"))
    assert all(
        e.flag_metal_smelting or e.flag_combustible_dust for e in key.filter(industry="metallurgy_trade")
    )
    assert general.count() == 65
    assert general.get(industry="noncoal_mine").sub_sector == "尾矿库"
    assert general.get(industry="noncoal_mine").noncoal_class == "C"
    assert general.filter(industry="hazchem", sub_sector="加油站").count() == 29
    metallurgy = general.filter(industry="metallurgy_trade")
    assert metallurgy.count() == 35
    assert not metallurgy.filter(flag_metal_smelting=True).exists()
    assert not metallurgy.filter(flag_combustible_dust=True).exists()
    assert not general.filter(industry="metallurgy_trade", std_grade="1").exists()
    assert Officer.objects.filter(office__agency=xia).count() == 14
    assert Office.objects.get(agency=xia, kind="enforcement_team").alias_list()[0] == "执法队"


@pytest.mark.parametrize("name", ["xia-2025", "lvliang-2024"])
def test_loading_a_sample_twice_changes_nothing(db, name):
    def snapshot():
        return (
            list(Agency.objects.values_list("code", "name", "parent__code")),
            list(Office.objects.values_list("name", "aliases", "sort_order")),
            list(Officer.objects.values_list("name", "certificate_no", "office__name")),
            dict(Enterprise.objects.values_list("uscc", "updated_at")),
            RiskFact.objects.count(),
        )

    load_sample(name)
    before = snapshot()
    load_sample(name)
    assert snapshot() == before


def test_each_annex_1_row_is_reproduced_office_by_office(lvliang):
    for line in (LVLIANG / "source" / "annex1.tsv").read_text(encoding="utf-8").splitlines()[2:-1]:
        cells = line.split("\t")
        name, numbers = (cells[1], cells[2:6]) if cells[0] in ("局机关", "") else (cells[0], cells[1:5])
        expected = [int(n) if n.strip() else 0 for n in numbers]
        people = Officer.objects.filter(office__agency=lvliang, office__name=name)
        got = []
        for employment in ("on_roll", "seconded"):
            group = [o.to_domain() for o in people.filter(employment=employment)]
            got += [len(group), sum(o.certified_on(dt.date(2024, 1, 1)) for o in group)]
        assert got == expected, name


def test_unknown_sample_names_the_known_ones(db):
    with pytest.raises(SampleError, match="lvliang-2024、xia-2025"):
        load_sample("nowhere")


def test_key_arrangement_reads_units_cooperators_and_quarters_from_xlsx_and_csv():
    for path in (LVLIANG / "key_units.xlsx", LVLIANG / "key_units.csv"):
        rows = read_key_arrangement(path)
        first = rows[0]
        assert (first.sector, first.seq, first.enterprise_name, first.quarters, first.note) == (
            "coal_mine",
            1,
            "山西汾西矿业（集团）有限责任公司贺西煤矿",
            (2, 4),
            "市直管煤矿",
        )
        assert first.responsible_units == (
            "煤矿安全综合科",
            "煤矿安全综合一科",
            "煤矿安全综合二科",
            "市执法支队",
        )
        assert first.cooperating_units == ("灾防中心", "救援支队", "办公室")
        hazchem = [r for r in rows if r.sector == "hazchem"]
        assert hazchem[0].responsible_units == ("危险化学品安全监督管理科", "办公室")
        assert hazchem[0].quarters == (1, 2, 3)
        washing = [r for r in rows if r.sector == "coal_processing"]
        assert washing[0].cooperating_units == () and washing[0].quarters == (1, 2)
        # 办公室 joins 2 rows of each of the 6 tables: responsible in five, co-operating in the coal table
        assert sum(1 for r in rows if "办公室" in r.responsible_units) == 10
        assert sum(1 for r in rows if r.sector == "coal_mine" and "办公室" in r.cooperating_units) == 2
