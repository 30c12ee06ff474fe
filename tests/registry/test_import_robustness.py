"""Every importer fed malformed files: a Chinese message naming the file, the row and the field, no traceback,
and nothing written (except the audit event that records the refused attempt). Runs on SQLite and PostgreSQL."""

import re
from io import BytesIO

import openpyxl
import pytest
from django.apps import apps

from anjian import cli_errors
from anjian.audit.models import AuditEvent
from anjian.execution.importing import inspections_import
from anjian.planning.uscc import check_character, org_check_character
from anjian.registry import services
from anjian.registry.models import Enterprise, Office

ENTERPRISE_HEADER = "企业名称,统一社会信用代码,行业领域,责任单位"


def uscc(n: int) -> str:
    org = f"{n:08d}"
    body = "91140828" + org + org_check_character(org)
    return body + check_character(body)


def xlsx(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = BytesIO()
    wb.save(out)  # openpyxl keeps formulas without a computed value
    return out.getvalue()


def data_state() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m is not AuditEvent}


IMPORTERS = {
    "offices": services.offices_import,
    "officers": services.officers_import,
    "enterprises": services.enterprises_import,
    "facts": services.risk_facts_import,
    "inspections": inspections_import,
}
BAD = [
    # (importer, file name, content, expected message fragment, row)
    ("offices", "股室.csv", "名称,类别\n".encode() + b"\x80\x80", "无法识别文件的文字编码", 0),
    ("offices", "股室.csv", bytes(range(256)) * 3, "不是文本文件", 0),
    ("offices", "股室.xlsx", b"PK\x03\x04broken", "不是有效的 xlsx 文件", 0),
    ("officers", "人员.xlsx", [["姓名", "股室（科室）", "执法证号"], ["=CONCAT(\"张\",\"三\")", "执法大队", "HC1"]],
     "公式", 2),
    ("enterprises", "名录.xlsx", [ENTERPRISE_HEADER.split(","), ["甲公司", "=A1", "冶金工贸", "执法大队"]],
     "统一社会信用代码」：单元格是公式", 2),
    ("enterprises", "名录.csv", f"{ENTERPRISE_HEADER}\n甲公司,{uscc(7)},冶金工贸,执法大队\n"
     f"乙公司,{uscc(8)},冶金工贸,执法大队\n".encode() + b"\x80\x80", "文字编码", 0),
    ("facts", "事实.csv", f"统一社会信用代码,事实类别,日期\n{uscc(7)},事故,2099-01-01\n".encode(), "晚于", 2),
    ("facts", "事实.csv", f"统一社会信用代码,事实类别,日期,死亡人数\n{uscc(7)},事故,2024-01-01,99999999999\n".encode(),
     "超出可记录的范围", 2),
    ("inspections", "导出.xlsx", [["执法文书编号", "执法日期", "被检查单位", "统一社会信用代码", "执法人员", "罚款金额（元）",
     "处罚决定书文号"], ["晋检〔2024〕1号", "2024-05-14", "甲公司", uscc(7), "张三", 5e10, "夏应急罚〔2024〕1号"]],
     "超出可记录的范围", 2),
    ("inspections", "导出.csv", f"执法文书编号,执法日期,被检查单位,统一社会信用代码,执法人员,罚款金额（元）,处罚决定书文号\n"
     f"晋检〔2024〕1号,2024-05-14,甲公司,{uscc(7)},张三,50000000000,夏应急罚〔2024〕1号\n".encode(), "超出可记录的范围", 2),
    ("inspections", "导出.csv", f"执法文书编号,执法日期,被检查单位,统一社会信用代码,执法人员\n"
     f"晋检〔2099〕1号,2099-05-14,甲公司,{uscc(7)},张三\n".encode(), "晚于", 2),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "name", "content", "expected", "row"), BAD, ids=[f"{b[0]}-{b[3]}" for b in BAD]
)
def test_a_malformed_file_is_refused_with_file_row_and_field(
    county_bureau, tmp_path, kind, name, content, expected, row
):
    Enterprise.objects.create(agency=county_bureau, name="甲公司", uscc=uscc(7), industry="metallurgy_trade")
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else xlsx(content))
    before = data_state()
    result = IMPORTERS[kind](agency=county_bureau, path=path)
    assert not result.ok
    messages = [e.message for e in result.errors]
    hit = next((e for e in result.errors if expected in e.message), None)
    assert hit is not None, messages
    assert hit.file.startswith(name) and hit.row == row
    if row:
        assert hit.column and f"第 {row} 行「{hit.column}」" in hit.message
    assert all(re.search(r"[\u4e00-\u9fff]", m) for m in messages)
    assert not any(cli_errors.CJK.sub(" ", m).count("codec") for m in messages)
    assert data_state() == before


def test_a_utf16_offices_csv_is_imported(county_bureau, tmp_path):
    path = tmp_path / "股室.csv"
    path.write_bytes("名称,类别\n安全生产综合股,股室\n".encode("utf-16"))
    result = services.offices_import(agency=county_bureau, path=path)
    assert result.ok, [e.message for e in result.errors]
    assert Office.objects.filter(agency=county_bureau, name="安全生产综合股").exists()


def test_a_full_width_credit_code_is_read_as_the_half_width_code(county_bureau, tmp_path):
    code = uscc(12)
    full = code.translate({ord(c): ord(c) + 0xFEE0 for c in code})
    path = tmp_path / "名录.csv"
    path.write_text(f"{ENTERPRISE_HEADER}\n丙公司,{full},冶金工贸,执法大队\n", encoding="utf-8")
    result = services.enterprises_import(agency=county_bureau, path=path)
    assert result.ok, [e.message for e in result.errors]
    assert Enterprise.objects.get(name="丙公司").uscc == code


@pytest.mark.parametrize(
    ("args", "kind"),
    [(["import", "offices", "{file}"], "offices"), (["execute", "import", "{file}"], "inspections"),
     (["import", "offices", "{file}", "--dry-run"], None)],
)  # fmt: skip
def test_every_import_from_the_command_line_is_audited_with_its_counts(
    county_bureau, tmp_path, monkeypatch, capsys, args, kind
):
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)  # keep the test's connection
    path = tmp_path / "股室.csv"
    path.write_text("名称,类别\n安全生产综合股,股室\n", encoding="utf-8")
    code = cli_errors.run(["anjian", *(a.format(file=path) for a in args), "--agency", "xiaxian"])
    capsys.readouterr()
    events = AuditEvent.objects.filter(action="import")
    if kind is None:  # a dry run writes nothing, so there is nothing to audit
        assert code == 0 and not events.exists()
        return
    event = events.get()
    assert (event.object_type, event.object_repr, event.agency_id) == (
        f"import.{kind}",
        "股室.csv",
        county_bureau.pk,
    )
    assert event.after["ok"] == (code == 0) and "rows" in event.after and "created" in event.after
    assert (event.after["errors"] == 0) == (code == 0)
