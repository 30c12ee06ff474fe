"""Enterprise import (issue 3, item 5): all-or-nothing, one Chinese error per bad cell, updates by USCC."""

import datetime as dt

import pytest

from anjian.planning.uscc import USCC_CHECK, USCC_LENGTH, USCC_ORG_CHECK, check_character
from anjian.registry.importing.errors import (
    IMPORT_BAD_BOOL,
    IMPORT_BAD_CHOICE,
    IMPORT_BAD_CLASS,
    IMPORT_BAD_DATE,
    IMPORT_BAD_NUMBER,
    IMPORT_BAD_REGION,
    IMPORT_DUPLICATE,
    IMPORT_MISSING_COLUMN,
    IMPORT_REQUIRED,
    IMPORT_UNKNOWN_AGENCY,
    IMPORT_UNKNOWN_ENTERPRISE,
    IMPORT_UNKNOWN_INDUSTRY,
    IMPORT_UNKNOWN_OFFICE,
    IMPORT_USCC_CHECK_FAILED,
    IMPORT_USCC_INVALID,
    IMPORT_USCC_OTHER_AGENCY,
    IMPORT_USCC_OVERRIDDEN,
    IMPORT_USCC_WARNING,
    RowError,
)
from anjian.registry.models import Agency, Enterprise, RiskFact
from anjian.registry.services import enterprises_import

from .conftest import ENTERPRISE_HEADER, code, enterprise_rows, write_csv, write_xlsx


def test_happy_path_creates_every_row_with_its_office_industry_and_grade(county_bureau, enterprises_xlsx):
    path = enterprises_xlsx(enterprise_rows(30))
    result = enterprises_import(agency=county_bureau, path=path)
    assert result.ok and (result.rows, result.created, result.updated) == (30, 30, 0)
    first = Enterprise.objects.get(uscc=code(1))
    assert (first.industry, first.owning_office.name, first.std_grade) == (
        "noncoal_mine",
        "非煤矿山安全监管股",
        "2",
    )
    station = Enterprise.objects.get(uscc=code(2))
    assert (station.industry, station.sub_sector) == ("hazchem", "加油站")
    assert Enterprise.objects.get(uscc=code(3)).sub_sector == "冶金"


def test_three_bad_rows_among_many_write_nothing_and_report_exactly_those_three(
    county_bureau, enterprises_xlsx
):
    rows = enterprise_rows(300)
    bad_check = rows[19][1][:-1] + ("0" if rows[19][1][-1] != "0" else "1")
    rows[19][1] = bad_check
    rows[89][2] = "养殖业"
    rows[149][1] = rows[4][1]
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx(rows))
    title = "统一社会信用代码"
    expected_check = USCC_CHECK.format(expected=check_character(bad_check[:17]), actual=bad_check[17])
    assert result.errors == [
        RowError(
            "import_uscc_check_failed",
            "enterprises.xlsx",
            21,
            title,
            IMPORT_USCC_CHECK_FAILED.format(
                file="enterprises.xlsx", row=21, column=title, value=bad_check, problem=expected_check
            ),
            "生产经营单位",
        ),
        RowError(
            "import_unknown_industry",
            "enterprises.xlsx",
            91,
            "行业领域",
            result.errors[1].message,
            "生产经营单位",
        ),
        RowError(
            "import_duplicate_in_file",
            "enterprises.xlsx",
            151,
            title,
            IMPORT_DUPLICATE.format(
                file="enterprises.xlsx", row=151, column=title, value=rows[4][1], first_row=6
            ),
            "生产经营单位",
        ),
    ]
    assert result.errors[1].message.startswith(
        "enterprises.xlsx 第 91 行「行业领域」：无法识别的行业领域「养殖业」"
    )
    assert (result.created, Enterprise.objects.count()) == (0, 0)


def test_reimport_updates_by_uscc_instead_of_duplicating(county_bureau, enterprises_xlsx):
    enterprises_import(agency=county_bureau, path=enterprises_xlsx(enterprise_rows(5)))
    rows = enterprise_rows(6)
    rows[0][0] = "夏县测试1号有限公司（更名）"
    rows[1][4] = "三级"
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx(rows, name="again.xlsx"))
    assert (result.created, result.updated, result.unchanged) == (1, 2, 3)
    assert Enterprise.objects.count() == 6
    assert Enterprise.objects.get(uscc=code(1)).name == "夏县测试1号有限公司（更名）"
    assert Enterprise.objects.get(uscc=code(2)).std_grade == "3"


def test_reimport_leaves_columns_the_file_does_not_have(county_bureau, enterprises_xlsx):
    header = [*ENTERPRISE_HEADER, "构成重大危险源", "地址"]
    enterprises_import(
        agency=county_bureau,
        path=enterprises_xlsx([[*enterprise_rows(1)[0], "是", "夏县一路1号"]], header=header),
    )
    enterprises_import(agency=county_bureau, path=enterprises_xlsx(enterprise_rows(1), name="short.xlsx"))
    unit = Enterprise.objects.get()
    assert unit.flag_major_source and unit.address == "夏县一路1号"


def test_loading_the_same_file_twice_changes_nothing(county_bureau, enterprises_xlsx):
    path = enterprises_xlsx(enterprise_rows(10))
    enterprises_import(agency=county_bureau, path=path)
    stamps = dict(Enterprise.objects.values_list("uscc", "updated_at"))
    again = enterprises_import(agency=county_bureau, path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)
    assert dict(Enterprise.objects.values_list("uscc", "updated_at")) == stamps


def test_dry_run_counts_but_writes_nothing(county_bureau, enterprises_xlsx):
    result = enterprises_import(
        agency=county_bureau, path=enterprises_xlsx(enterprise_rows(12)), dry_run=True
    )
    assert result.ok and result.dry_run and result.created == 12
    assert Enterprise.objects.count() == 0


@pytest.mark.parametrize(
    "header",
    [
        ["企业名称", "统一社会信用代码", "行业", "责任单位"],
        ["生产经营单位名称", "信用代码", "行业领域", "实施单位"],
        ["单位名称*", "统一社会信用代码（必填）", " 行 业 ", "主管股室"],
    ],
)
def test_header_synonyms_are_understood(county_bureau, enterprises_xlsx, header):
    rows = [r[:4] for r in enterprise_rows(3)]
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx(rows, header=header))
    assert result.ok and result.created == 3


def test_title_rows_above_the_header_are_skipped(county_bureau, tmp_path):
    path = write_xlsx(
        tmp_path / "t.xlsx", ("表", [["夏县生产经营单位名录"], [], ENTERPRISE_HEADER, *enterprise_rows(2)])
    )
    result = enterprises_import(agency=county_bureau, path=path)
    assert result.created == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_utf8_or_gb18030_imports_like_xlsx(county_bureau, tmp_path, encoding):
    path = write_csv(tmp_path / "list.csv", [ENTERPRISE_HEADER, *enterprise_rows(4)], encoding=encoding)
    result = enterprises_import(agency=county_bureau, path=path)
    assert result.ok and result.created == 4
    assert Enterprise.objects.get(uscc=code(4)).owning_office.name == "非煤矿山安全监管股"


def test_industry_synonyms_map_to_the_registry_values(county_bureau, enterprises_xlsx):
    words = [
        "煤矿",
        "洗煤厂",
        "洗选煤",
        "非煤矿山",
        "危险化学品",
        "危化",
        "民爆",
        "医药",
        "冶金工贸",
        "工贸",
        "培训机构",
        "评价机构",
        "尾矿库",
    ]
    rows = [[f"单位{i}", code(i), word, "", ""] for i, word in enumerate(words, start=1)]
    enterprises_import(agency=county_bureau, path=enterprises_xlsx(rows))
    got = [Enterprise.objects.get(uscc=code(i)).industry for i in range(1, len(words) + 1)]
    assert got == [
        "coal_mine",
        "coal_processing",
        "coal_processing",
        "noncoal_mine",
        "hazchem",
        "hazchem",
        "civil_explosives",
        "pharma",
        "metallurgy_trade",
        "metallurgy_trade",
        "training_body",
        "assessment_body",
        "noncoal_mine",
    ]


FULL_HEADER = [
    *ENTERPRISE_HEADER,
    "煤矿分类",
    "标准化证书有效期至",
    "构成重大危险源",
    "露天矿边坡高度（米）",
    "所在区划代码",
]
GOOD = ["A", "2026-06-30", "是", "120", "140828"]


@pytest.mark.parametrize(
    ("column", "value", "code_", "template", "extra"),
    [
        (0, "", "import_required", IMPORT_REQUIRED, {}),
        (
            1,
            "9114082812345",
            "import_uscc_invalid",
            IMPORT_USCC_INVALID,
            {"value": "9114082812345", "problem": USCC_LENGTH.format(length=13)},
        ),
        (2, "养殖", "import_unknown_industry", IMPORT_UNKNOWN_INDUSTRY, {"value": "养殖", "choices": None}),
        (3, "应急科", "import_unknown_office", IMPORT_UNKNOWN_OFFICE, {"value": "应急科"}),
        (
            4,
            "五级",
            "import_bad_choice",
            IMPORT_BAD_CHOICE,
            {"value": "五级", "choices": "一级、二级、三级、未定级"},
        ),
        (5, "E", "import_bad_class", IMPORT_BAD_CLASS, {"value": "E"}),
        (6, "2026-02-30", "import_bad_date", IMPORT_BAD_DATE, {"value": "2026-02-30"}),
        (7, "也许", "import_bad_bool", IMPORT_BAD_BOOL, {"value": "也许"}),
        (8, "很高", "import_bad_number", IMPORT_BAD_NUMBER, {"value": "很高"}),
        (9, "1408", "import_bad_region", IMPORT_BAD_REGION, {"value": "1408"}),
    ],
)
def test_each_bad_cell_is_reported_with_file_row_column_and_reason(
    county_bureau, enterprises_xlsx, column, value, code_, template, extra
):
    good = [*enterprise_rows(1)[0], *GOOD]
    bad = [*enterprise_rows(1, first_serial=2)[0], *GOOD]
    bad[column] = value
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx([good, bad], header=FULL_HEADER))
    assert [(e.code, e.row, e.column) for e in result.errors] == [(code_, 3, FULL_HEADER[column])]
    if extra.get("choices") is None and "choices" in extra:
        extra["choices"] = result.errors[0].message.split("可填：")[1]
    assert result.errors[0].message == template.format(
        file="enterprises.xlsx", row=3, column=FULL_HEADER[column], **extra
    )
    assert Enterprise.objects.count() == 0


def test_a_row_reports_all_its_bad_cells_not_only_the_first(county_bureau, enterprises_xlsx):
    row = [*enterprise_rows(1)[0], *GOOD]
    row[2], row[5], row[6] = "养殖", "Z", "明年"
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx([row], header=FULL_HEADER))
    assert [e.column for e in result.errors] == ["行业领域", "煤矿分类", "标准化证书有效期至"]


def test_uscc_failing_only_the_check_is_accepted_with_an_override_reason(county_bureau, enterprises_xlsx):
    good = code(7)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    header = [*ENTERPRISE_HEADER, "校验未通过说明"]
    rows = [["早期赋码单位", bad, "冶金", "", "", "2016 年赋码，营业执照原件如此"]]
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx(rows, header=header))
    assert result.ok and result.created == 1
    problem = USCC_CHECK.format(expected=good[-1], actual=bad[-1])
    assert [w.message for w in result.warnings] == [
        IMPORT_USCC_OVERRIDDEN.format(
            file="enterprises.xlsx",
            row=2,
            column="统一社会信用代码",
            value=bad,
            problem=problem,
            reason="2016 年赋码，营业执照原件如此",
        )
    ]
    assert Enterprise.objects.get().uscc_override_reason == "2016 年赋码，营业执照原件如此"


def test_org_code_warning_is_printed_but_does_not_block(county_bureau, enterprises_xlsx):
    body = "91140828123456781"  # organisation-code check character should be 8
    value = body + check_character(body)
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx([["甲", value, "冶金", "", ""]]))
    assert result.ok and result.created == 1
    assert [w.message for w in result.warnings] == [
        IMPORT_USCC_WARNING.format(
            file="enterprises.xlsx",
            row=2,
            column="统一社会信用代码",
            value=value,
            problem=USCC_ORG_CHECK.format(expected="8", actual="1"),
        )
    ]


def test_uscc_registered_under_another_agency_is_refused(county_bureau, enterprises_xlsx):
    other = Agency.objects.create(
        name="绛县应急管理局", code="jiangxian", level="county", region_code="140826"
    )
    Enterprise.objects.create(agency=other, uscc=code(1), name="绛县单位", industry="hazchem")
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx(enterprise_rows(2)))
    assert [e.message for e in result.errors] == [
        IMPORT_USCC_OTHER_AGENCY.format(
            file="enterprises.xlsx", row=2, column="统一社会信用代码", value=code(1)
        )
    ]
    assert "绛县" not in result.errors[0].message  # which bureau supervises it is not the importer's to know
    assert Enterprise.objects.filter(agency=county_bureau).count() == 0


def test_missing_required_column_is_one_error_on_the_header_row(county_bureau, enterprises_xlsx):
    result = enterprises_import(
        agency=county_bureau, path=enterprises_xlsx([["甲", "冶金"]], header=["企业名称", "行业"])
    )
    assert [(e.code, e.row, e.column) for e in result.errors] == [
        ("import_missing_column", 1, "统一社会信用代码")
    ]
    assert result.errors[0].message == IMPORT_MISSING_COLUMN.format(
        file="enterprises.xlsx",
        row=1,
        column="统一社会信用代码",
        synonyms="统一社会信用代码、信用代码、社会信用代码、统一代码、USCC",
    )


def test_washing_plant_links_to_its_mine_by_uscc_or_by_name(county_bureau, enterprises_xlsx):
    header = [*ENTERPRISE_HEADER, "所属煤矿"]
    rows = [
        ["甲煤矿", code(1), "煤矿", "", "", ""],
        ["甲煤矿选煤厂", code(2), "洗煤厂", "", "", code(1)],
        ["甲煤矿洗煤二厂", code(3), "洗煤厂", "", "", "甲煤矿"],
    ]
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx(rows, header=header))
    assert result.ok
    mine = Enterprise.objects.get(uscc=code(1))
    assert set(mine.subsidiaries.values_list("uscc", flat=True)) == {code(2), code(3)}


def test_unknown_parent_mine_is_an_error(county_bureau, enterprises_xlsx):
    rows = [["乙选煤厂", code(2), "洗煤厂", "", "", "不存在煤矿"]]
    result = enterprises_import(
        agency=county_bureau, path=enterprises_xlsx(rows, header=[*ENTERPRISE_HEADER, "所属煤矿"])
    )
    assert [e.message for e in result.errors] == [
        IMPORT_UNKNOWN_ENTERPRISE.format(
            file="enterprises.xlsx", row=2, column="所属煤矿", value="不存在煤矿"
        )
    ]


FACTS = ["统一社会信用代码", "企业名称", "事实类别", "日期", "死亡人数", "说明"]


def test_risk_fact_sheet_adds_dated_facts_and_reimport_does_not_duplicate_them(
    county_bureau, enterprises_xlsx
):
    facts = (
        "风险事实",
        [
            FACTS,
            [code(1), "", "死亡事故", "2023-02-08", 1, "顶板事故"],
            ["", "夏县测试2号有限公司", "重大事故隐患", "2023年4月4日", "", "县应急局检查发现"],
        ],
    )
    path = enterprises_xlsx(enterprise_rows(2), extra_sheets=[facts])
    first = enterprises_import(agency=county_bureau, path=path)
    assert first.ok and (first.facts_created, first.facts_updated) == (2, 0)
    accident = RiskFact.objects.get(kind="fatal_accident")
    assert (accident.enterprise.uscc, accident.valid_from, accident.deaths, accident.detail) == (
        code(1),
        dt.date(2023, 2, 8),
        1,
        "顶板事故",
    )
    assert RiskFact.objects.get(kind="major_hazard_found").enterprise.uscc == code(2)
    again = enterprises_import(agency=county_bureau, path=path)
    assert (again.facts_created, again.facts_updated, RiskFact.objects.count()) == (0, 0, 2)


def test_inline_fact_columns_on_the_enterprise_sheet(county_bureau, enterprises_xlsx):
    header = [*ENTERPRISE_HEADER, "事实类别", "日期", "死亡人数", "情况说明"]
    rows = [
        [*enterprise_rows(1)[0], "直管", "2024-01-01", "", "市直管煤矿"],
        [*enterprise_rows(1, 2)[0], "", "", "", ""],
    ]
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx(rows, header=header))
    assert result.ok and result.facts_created == 1
    assert RiskFact.objects.get().kind == "directly_managed"


def test_fact_for_an_unknown_enterprise_blocks_the_whole_file(county_bureau, enterprises_xlsx):
    facts = ("风险事实", [FACTS, [code(99), "", "死亡事故", "2023-02-08", 1, ""]])
    result = enterprises_import(
        agency=county_bureau, path=enterprises_xlsx(enterprise_rows(2), extra_sheets=[facts])
    )
    assert [(e.code, e.file, e.row) for e in result.errors] == [
        ("import_unknown_enterprise", "enterprises.xlsx［风险事实］", 2)
    ]
    assert Enterprise.objects.count() == 0 and RiskFact.objects.count() == 0


def test_facts_csv_imports_for_enterprises_already_registered(county_bureau, enterprises_xlsx, tmp_path):
    enterprises_import(agency=county_bureau, path=enterprises_xlsx(enterprise_rows(2)))
    from anjian.registry.services import risk_facts_import

    path = write_csv(
        tmp_path / "facts.csv",
        [
            FACTS,
            ["", "夏县测试1号有限公司", "试生产", "2024-03-01", "", ""],
            [code(2), "", "列入失信联合惩戒对象", "2023-05-06", "", "信用中国"],
        ],
    )
    result = risk_facts_import(agency=county_bureau, path=path)
    assert result.ok and result.facts_created == 2
    assert set(RiskFact.objects.values_list("kind", flat=True)) == {"trial_production", "joint_punishment"}


def test_a_city_imports_its_counties_units_with_the_supervising_agency_column(
    county_bureau, enterprises_xlsx
):
    city = county_bureau.parent
    header = ["企业名称", "统一社会信用代码", "行业领域", "监管部门"]
    rows = [
        ["夏县甲煤业有限公司", code(1), "煤矿", "夏县应急管理局"],
        ["运城乙化工有限公司", code(2), "危化", ""],
    ]
    result = enterprises_import(agency=city, path=enterprises_xlsx(rows, header=header))
    assert result.ok, result.errors
    assert Enterprise.objects.get(uscc=code(1)).agency == county_bureau
    assert Enterprise.objects.get(uscc=code(2)).agency == city


def test_an_agency_outside_the_importing_tree_is_refused_naming_row_and_column(
    county_bureau, enterprises_xlsx
):
    header = ["企业名称", "统一社会信用代码", "行业领域", "监管部门"]
    rows = [["夏县甲煤业有限公司", code(1), "煤矿", "运城市应急管理局"]]
    result = enterprises_import(agency=county_bureau, path=enterprises_xlsx(rows, header=header))
    assert [e.message for e in result.errors] == [
        IMPORT_UNKNOWN_AGENCY.format(
            file="enterprises.xlsx",
            sheet="生产经营单位",
            row=2,
            column="监管部门",
            value="运城市应急管理局",
            agency="夏县应急管理局",
        )
    ]
    assert Enterprise.objects.count() == 0
