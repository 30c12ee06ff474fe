"""`anjian agency add|list` and `createadmin` with no arguments: onboarding a bureau of any province."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from anjian.registry.models import Agency


def add(*args):
    out = io.StringIO()
    call_command("agency", "add", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def liaoning(db):
    add("--code", "liaoning", "--name", "辽宁省应急管理厅", "--level", "province", "--province", "辽宁省")
    add("--code", "shenyang", "--name", "沈阳市应急管理局", "--level", "city", "--parent", "liaoning")
    return Agency.objects.get(code="shenyang")


def test_a_district_bureau_inherits_province_and_default_pack_from_its_parent(liaoning):
    out = add(
        "--code", "heping", "--name", "沈阳市和平区应急管理局", "--level", "district",
        "--parent", "shenyang", "--doc-prefix", "沈和应急发",
    )  # fmt: skip
    heping = Agency.objects.get(code="heping")
    assert (heping.province, heping.level, heping.district, heping.parent, heping.doc_number_prefix) == (
        "辽宁省",
        "county",
        True,
        liaoning,
        "沈和应急发",
    )
    assert heping.ruleset == "liaoning" and "区级" in out
    listed = io.StringIO()
    call_command("agency", "list", "--json", stdout=listed)
    rows = {r["code"]: r for r in json.loads(listed.getvalue())}
    assert rows["heping"]["level"] == "district" and rows["heping"]["parent"] == "shenyang"


def test_a_bureau_gets_its_provinces_pack_by_default_else_the_national_one(db):
    add("--code", "sx", "--name", "山西省应急管理厅", "--level", "province", "--province", "山西省")
    add("--code", "hn", "--name", "河南省应急管理厅", "--level", "province", "--province", "河南省")
    add(
        "--code",
        "js",
        "--name",
        "南京市应急管理局",
        "--level",
        "city",
        "--province",
        "江苏省",
        "--pack",
        "national",
    )
    assert Agency.objects.get(code="sx").ruleset == "shanxi"
    assert Agency.objects.get(code="hn").ruleset == "national"
    assert Agency.objects.get(code="js").ruleset == "national"


def test_a_pack_of_another_province_is_refused_at_once_with_the_usable_packs(liaoning):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "agency", "add", "--code", "dd", "--name", "大东区应急管理局", "--level", "district",
            "--parent", "shenyang", "--pack", "lvliang", stdout=io.StringIO(), stderr=err,
        )  # fmt: skip
    assert "属于山西省" in err.getvalue() and "national（国家规则）" in err.getvalue()
    assert not Agency.objects.filter(code="dd").exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--code", "x", "--name", "某县应急管理局", "--level", "county"], "--province"),
        (["--code", "x", "--name", "某县", "--level", "county", "--parent", "nosuch"], "找不到上级部门"),
        (
            ["--code", "x", "--name", "某局", "--level", "city", "--province", "辽宁省", "--pack", "zz"],
            "没有规则包 zz",
        ),
    ],
)
def test_bad_agency_input_is_refused_in_chinese(liaoning, args, needle):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("agency", "add", *args, stdout=io.StringIO(), stderr=err)
    assert needle in err.getvalue()


def test_usage_errors_are_chinese(db):
    with pytest.raises(CommandError, match="参数 --level 的取值 town 无效"):
        call_command("agency", "add", "--level", "town")


def test_a_district_cannot_sit_above_a_county(liaoning):
    add("--code", "hp", "--name", "和平区应急管理局", "--level", "district", "--parent", "shenyang")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "agency", "add", "--code", "c", "--name", "某县", "--level", "county", "--parent", "hp",
            stdout=io.StringIO(), stderr=err,
        )  # fmt: skip
    assert "不能管辖" in err.getvalue()


def test_createadmin_without_arguments_asks_for_user_and_agency_in_chinese(liaoning, monkeypatch):
    answers = iter(["admin", "shenyang"])
    prompts = []
    monkeypatch.setattr("builtins.input", lambda prompt="": prompts.append(prompt) or next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Guanli-Yuan-1")
    call_command("createadmin", stdout=io.StringIO())
    assert prompts[0] == "用户名：" and "shenyang 沈阳市应急管理局" in prompts[1]
    assert get_user_model().objects.get(username="admin").membership.agency == liaoning


def test_createadmin_before_any_agency_says_to_add_one(db):
    with pytest.raises(CommandError, match="anjian agency add"):
        call_command("createadmin", stdout=io.StringIO())
