"""`anjian uscc` and `anjian import` (issue 3, items 4–5): Chinese output, exit status 1 on errors."""

import json

import pytest
from django.core.management import CommandError, call_command

from anjian.planning.uscc import USCC_CHECK
from anjian.registry.models import Enterprise

from .conftest import ENTERPRISE_HEADER, enterprise_rows, write_xlsx


def test_uscc_prints_validity_problems_and_region(capsys):
    call_command("uscc", "91350100M000100Y43", "91140828123456788X")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "91350100M000100Y43  有效  行政区划代码 350100",
        "91140828123456788X  有效  行政区划代码 140828",
    ]


def test_uscc_exits_with_status_1_and_the_chinese_reason_when_a_code_is_invalid(capsys):
    with pytest.raises(CommandError) as raised:
        call_command("uscc", "91350100M000100Y43", "91350100m000100y44", "--json")
    assert raised.value.returncode == 1
    reports = json.loads(capsys.readouterr().out)
    assert [(r["code"], r["valid"], r["region_code"]) for r in reports] == [
        ("91350100M000100Y43", True, "350100"),
        ("91350100M000100Y44", False, "350100"),
    ]
    assert reports[1]["problems"] == [
        {"code": "uscc_check", "message": USCC_CHECK.format(expected="3", actual="4"), "blocking": True}
    ]


def test_import_command_prints_counts_and_writes(county_bureau, tmp_path, capsys):
    path = write_xlsx(tmp_path / "e.xlsx", ("单位", [ENTERPRISE_HEADER, *enterprise_rows(3)]))
    call_command("import", "enterprises", str(path), "--agency", "xiaxian")
    out = capsys.readouterr().out
    assert "导入生产经营单位：e.xlsx → 夏县应急管理局" in out and "读取 3 行：新增 3，更新 0，未变 0" in out
    assert Enterprise.objects.count() == 3


def test_import_command_dry_run_json_lists_every_error_and_exits_1(county_bureau, tmp_path, capsys):
    rows = enterprise_rows(3)
    rows[0][2], rows[2][3] = "养殖", "无名科"
    path = write_xlsx(tmp_path / "e.xlsx", ("单位", [ENTERPRISE_HEADER, *rows]))
    with pytest.raises(CommandError, match="发现 2 处错误，未写入任何数据"):
        call_command("import", "enterprises", str(path), "--agency", "夏县应急管理局", "--dry-run", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["dry_run"] and not result["ok"]
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "行业领域", "import_unknown_industry"),
        (4, "责任单位", "import_unknown_office"),
    ]
    assert Enterprise.objects.count() == 0


def test_import_command_names_the_known_agencies_when_the_agency_is_wrong(county_bureau, tmp_path):
    with pytest.raises(CommandError, match="找不到应急管理部门「nowhere」.*xiaxian（夏县应急管理局）"):
        call_command("import", "offices", str(tmp_path / "x.xlsx"), "--agency", "nowhere")
