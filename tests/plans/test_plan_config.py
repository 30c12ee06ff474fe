"""plan configure checks the whole plan.toml against the one schema before anything is saved."""

import shutil

import pytest

from anjian.plans import services
from anjian.plans.config import PlanConfig, PlanConfigError
from anjian.plans.models import Plan
from anjian.plans.plan_schema import SCHEMA
from anjian.registry.samples import SAMPLES_DIR

GOOD = """
[plan]
title = "夏县应急管理局2025年度安全生产监督检查计划"
doc_number = "夏应急发〔2025〕6号"
issue_date = 2025-03-01
recipients = "局机关相关股室"
basis = ["《中华人民共和国安全生产法》"]
share_base = "workdays"
share_decimals = 2
required_visits = 120

[document]
issuer_mark = "夏县应急管理局文件"
signer = "夏县应急管理局"
cc = ["运城市应急管理局"]
printer = "夏县应急管理局办公室"
print_date = "2025-03-02"

[general]
mode = "draw"

[general.sectors."非煤矿山"]
units = 5
offices = [["非煤矿山安全监管股", 2], ["执法队", 3]]
"""


def configure(bureau, tmp_path, text, year=2025, encoding="utf-8"):
    path = tmp_path / "plan.toml"
    path.write_bytes(text.encode(encoding))
    return services.plan_configure(agency=bureau, year=year, path=path)


def refused(bureau, tmp_path, text, **kw) -> str:
    with pytest.raises(PlanConfigError) as e:
        configure(bureau, tmp_path, text, **kw)
    return str(e.value)


def test_every_declared_key_is_read_and_stored(county_bureau, tmp_path):
    done = configure(county_bureau, tmp_path, GOOD)
    config = PlanConfig.from_settings(Plan.objects.get(agency=county_bureau, year=2025).settings)
    assert (config.share_base, config.share_decimals, config.required_visits) == ("workdays", 2, 120)
    assert (config.issue_date, config.print_date, config.cc) == (
        "2025-03-01",
        "2025-03-02",
        ("运城市应急管理局",),
    )
    assert (config.issuer_mark, config.signer, config.printer) == (
        "夏县应急管理局文件",
        "夏县应急管理局",
        "夏县应急管理局办公室",
    )
    assert config.general[0].offices == (("非煤矿山安全监管股", 2), ("执法队", 3))  # an alias is accepted
    assert any(line.startswith("应检查户次：（未填） → 120") for line in done.changes)


@pytest.mark.parametrize(
    ("typo", "fixed", "nearest"),
    [
        ('share_base = "workdays"', 'share_bse = "workdays"', "plan.share_base"),
        ("units = 5", "unts = 5", 'general.sectors."非煤矿山".units'),
        ("[general]\n", "[genral]\n", "general"),
        ('signer = "夏县应急管理局"', 'signr = "夏县应急管理局"', "document.signer"),
    ],
)
def test_an_unknown_key_is_refused_naming_the_nearest_valid_key(
    county_bureau, tmp_path, typo, fixed, nearest
):
    message = refused(county_bureau, tmp_path, GOOD.replace(typo, fixed))
    assert "plan.toml：未知的键" in message
    assert f"是否应为「{nearest}」" in message
    assert not Plan.objects.filter(agency=county_bureau).exists()


def test_a_workdays_table_misspelt_is_refused(county_bureau, tmp_path):
    message = refused(county_bureau, tmp_path, GOOD + '\n[workday]\nfiles = ["a.toml"]\n')
    assert "未知的键「workday」，是否应为「workdays」？" in message


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("units = 5", "units = -5", "不能为负数"),
        ("units = 5", "units = 2.5", "应为整数"),
        ("units = 5", 'units = "十"', "应为整数"),
        ("share_decimals = 2", "share_decimals = 4", "应在 0—3 之间"),
        (
            'share_base = "workdays"',
            'share_base = "days"',
            "应为 visits（检查次数）、units（户数）、workdays（监督检查工作日） 之一",
        ),
        ("issue_date = 2025-03-01", 'issue_date = "2025年3月1日"', "应为日期"),
        ("issue_date = 2025-03-01", 'issue_date = "2025-02-30"', "应为日期"),
        ('doc_number = "夏应急发〔2025〕6号"', "doc_number = 6", "应为文字"),
        ("required_visits = 120", "required_visits = -1", "不能为负数"),
        ('["执法队", 3]', '["稽查科", 3]', "「稽查科」不是本局的股室/科室或执法队"),
        (
            '[general.sectors."非煤矿山"]',
            '[general.sectors."非煤矿"]',
            "不是可抽取的行业，是否应为「非煤矿山」？",
        ),
        ('["执法队", 3]', '["执法队", 4]', "各责任单位共 6 户，多于抽取户数 5 户"),
        ('["执法队", 3]', '"执法队"', "第 2 项应写作"),
    ],
)
def test_wrong_types_ranges_and_names_are_refused(county_bureau, tmp_path, before, after, expected):
    assert before in GOOD
    message = refused(county_bureau, tmp_path, GOOD.replace(before, after))
    assert expected in message
    assert message.startswith("plan.toml：")
    assert not Plan.objects.filter(agency=county_bureau).exists()


@pytest.mark.parametrize("text", ["", "# 只有注释\n", "[plan]\n[general]\n"])
def test_an_empty_file_is_refused(county_bureau, tmp_path, text):
    assert "文件是空的" in refused(county_bureau, tmp_path, text)


def test_a_plan_year_that_is_not_four_digits_is_refused(county_bureau, tmp_path):
    assert "年度应为四位数的年份" in refused(county_bureau, tmp_path, GOOD, year=24)


def test_named_files_must_exist_parse_and_be_of_the_plan_year(county_bureau, tmp_path):
    message = refused(county_bureau, tmp_path, GOOD + '\n[workdays]\nfiles = ["无此文件.toml"]\n')
    assert "「workdays.files」（工作日测算表）指向的文件 无此文件.toml 不存在" in message
    for name in ("workdays-bureau.toml", "workdays-brigade.toml"):
        shutil.copy(SAMPLES_DIR / "lvliang-2024" / name, tmp_path / name)
    message = refused(county_bureau, tmp_path, GOOD + '\n[workdays]\nfiles = ["workdays-bureau.toml"]\n')
    assert "workdays-bureau.toml 是 2024 年度的，与计划年度 2025 不一致" in message
    (tmp_path / "key.csv").write_text("企业名称,责任单位\n,执法队\n", encoding="utf-8")
    message = refused(county_bureau, tmp_path, GOOD + '\n[key]\narrangement = "key.csv"\n')
    assert "「key.arrangement」（重点检查安排表）指向的 key.csv 有误" in message


def test_toml_syntax_errors_name_line_and_column(county_bureau, tmp_path):
    message = refused(county_bureau, tmp_path, GOOD.replace("units = 5", "units 5"))
    assert message.startswith("plan.toml 第 ")
    assert "行第 " in message and "键后面应有等号" in message


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_a_file_saved_as_gbk_or_utf16_is_read(county_bureau, tmp_path, encoding):
    configure(county_bureau, tmp_path, GOOD, encoding=encoding)
    assert Plan.objects.get(agency=county_bureau).title == "夏县应急管理局2025年度安全生产监督检查计划"


def test_a_refused_file_leaves_the_stored_settings_as_they_were(county_bureau, tmp_path):
    configure(county_bureau, tmp_path, GOOD)
    stored = Plan.objects.get(agency=county_bureau).settings
    refused(county_bureau, tmp_path, GOOD.replace("[general]\n", "[genral]\n"))
    refused(county_bureau, tmp_path, "")
    assert Plan.objects.get(agency=county_bureau).settings == stored


def test_configure_reports_what_changed_against_the_stored_settings(county_bureau, tmp_path):
    configure(county_bureau, tmp_path, GOOD)
    assert configure(county_bureau, tmp_path, GOOD).changes == []
    changes = configure(county_bureau, tmp_path, GOOD.replace("units = 5", "units = 7")).changes
    assert changes == [
        "一般检查「非煤矿山」：抽取 5 户（非煤矿山安全监管股 2 户，执法队 3 户） → 抽取 7 户（非煤矿山安全监管股 2 户，执法队 3 户）"
    ]


def test_the_schema_declares_the_plan_and_document_keys():
    names = {table: {k.name for k in keys} for table, keys in SCHEMA.items()}
    assert {"title", "doc_number", "issue_date", "recipients", "basis", "share_base", "share_decimals",
            "required_visits"} <= names["plan"]  # fmt: skip
    assert names["document"] == {"issuer_mark", "signer", "cc", "printer", "print_date"}


def test_the_sample_plans_pass_the_schema(db):
    from anjian.registry.samples import load_sample

    for name, year in (("lvliang-2024", 2024), ("xia-2025", 2025)):
        agency = load_sample(name)
        done = services.plan_configure(agency=agency, year=year, path=SAMPLES_DIR / name / "plan.toml")
        assert done.changes
