"""Importing the provincial enforcement system's export on the compiled Lüliang sample: linking to the plan,
idempotent re-import by 执法文书编号, every row error listed and nothing written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from anjian.execution.enforcement_export import IMPORT_MAJOR_OVER_TOTAL, amount
from anjian.execution.export_records import PLACEHOLDER_PREFIX
from anjian.execution.importing import (
    IMPORT_OFFICERS_TOO_FEW,
    IMPORT_ORIGIN_REQUIRED,
    IMPORT_UNIT_OTHER_AGENCY,
    IMPORT_UNKNOWN_OFFICER,
    IMPORT_UNKNOWN_UNIT,
    inspections_import,
)
from anjian.execution.models import Hazard, Inspection, PenaltyDecision
from anjian.plans.models import ScheduledVisit
from anjian.registry.importing.cells import CellProblem
from anjian.registry.importing.errors import IMPORT_BAD_DATE, IMPORT_DUPLICATE
from anjian.registry.models import Agency, Enterprise
from anjian.registry.samples import SAMPLES_DIR
from tests.execution.conftest import officers_of
from tests.registry.conftest import write_csv, write_xlsx

D = dt.date
SAMPLE = SAMPLES_DIR / "lvliang-2024" / "enforcement-export.xlsx"
HEADER = ["执法文书编号", "检查日期", "被检查单位", "统一社会信用代码", "执法人员", "检查方式", "检查类型",
          "检查来源", "发现隐患数", "重大隐患数", "处罚决定书文号", "罚款金额", "典型案例"]  # fmt: skip


def entries(lv, n):
    """`n` plan entries with room under their cap for one more visit, in a stable order."""
    return [e for e in lv.entries.select_related("enterprise").order_by("pk")
            if (e.cap.get("cap") or 0) >= 2][:n]  # fmt: skip


def line(number, entry, day, *, officers=None, **over):
    crew = "、".join(o.name for o in (officers or officers_of(entry)))
    values = dict(zip(HEADER, [number, day, entry.enterprise.name, entry.enterprise.uscc, crew, "现场",
                               "日常检查", "", 0, 0, "", "", ""], strict=True))  # fmt: skip
    values.update(over)
    return [values[h] for h in HEADER]


def export(tmp_path, rows, name="导出.xlsx"):
    return write_xlsx(
        tmp_path / name, ("执法检查记录", [["吕梁市执法检查记录导出（2024年）"], HEADER, *rows])
    )


def test_sample_export_links_the_plan_and_records_hazards_and_penalties(lv):
    result = inspections_import(agency=lv.plan.agency, path=SAMPLE)
    assert result.ok and (result.rows, result.created, result.planned, result.penalties) == (6, 6, 5, 2)
    rows = {i.external_no: i for i in Inspection.objects.all()}
    first = rows["晋执法检〔2024〕1401号"]
    assert first.plan_entry.enterprise == first.enterprise and first.in_system and first.officers.count() == 2
    assert [h.level for h in first.hazards.order_by("level")] == ["general", "general", "major"]
    assert all(h.description.startswith(PLACEHOLDER_PREFIX) for h in first.hazards.all())
    fine = PenaltyDecision.objects.get(number="吕应急罚〔2024〕101号")
    assert fine.inspection == first and fine.amount == Decimal(50000) and fine.typical_case
    assert rows["晋执法检〔2024〕1402号"].method == Inspection.Method.UNANNOUNCED
    assert rows["晋执法检〔2024〕1403号"].on_site is False
    complaint = rows["晋执法检〔2024〕1406号"]
    assert complaint.origin == "complaint" and complaint.plan_entry is None
    assert PenaltyDecision.objects.get(number="吕应急罚〔2024〕102号").amount == Decimal(30000)


def test_reimport_updates_by_document_number_and_never_duplicates(lv, tmp_path):
    a, b = entries(lv, 2)
    path = export(
        tmp_path, [line("检-1", a, D(2024, 5, 6), **{"发现隐患数": 2}), line("检-2", b, D(2024, 5, 7))]
    )
    assert inspections_import(agency=lv.plan.agency, path=path).created == 2
    again = inspections_import(agency=lv.plan.agency, path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = export(tmp_path, [line("检-1", a, D(2024, 5, 8), **{"发现隐患数": 3, "重大隐患数": 1}),
                                line("检-2", b, D(2024, 5, 7))], name="改.csv.xlsx")  # fmt: skip
    result = inspections_import(agency=lv.plan.agency, path=changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    one = Inspection.objects.get(external_no="检-1")
    assert Inspection.objects.count() == 2 and one.date == D(2024, 5, 8)
    assert sorted(one.hazards.values_list("level", flat=True)) == ["general", "general", "major"]


def test_csv_with_synonym_headers_resolves_units_by_name_and_splits_officer_names(lv, tmp_path):
    (e,) = entries(lv, 1)
    x, y = officers_of(e)
    path = write_csv(tmp_path / "导出.csv", [
        ["检查编号", "执法日期", "单位名称", "检查人员", "检查形式", "检查类别"],
        ["J-9", "2024年5月9日", e.enterprise.name, f"{x.name}, {y.name}", "非现场", "双随机检查"],
    ], encoding="gb18030")  # fmt: skip
    result = inspections_import(agency=lv.plan.agency, path=path)
    assert result.ok, result.errors
    row = Inspection.objects.get(external_no="J-9")
    assert row.enterprise == e.enterprise and set(row.officers.all()) == {x, y}
    assert (row.on_site, row.method, row.plan_entry) == (False, Inspection.Method.RANDOM, e)


def test_every_row_error_is_listed_with_its_place_and_nothing_is_written(lv, tmp_path):
    a, b, c = entries(lv, 3)
    elsewhere = Agency.objects.create(
        name="太原市应急管理局", code="taiyuan", level="city", region_code="140100"
    )
    foreign = Enterprise.objects.create(agency=elsewhere, name="太原某化工有限公司", uscc="91140100MA0000001X",
                                        industry="hazchem")  # fmt: skip
    lone = officers_of(a)[:1]
    rows = [
        line("E-1", a, D(2024, 5, 6)),  # good, but rolled back with the rest
        line("E-2", b, "2024-13-40"),
        line("E-3", b, D(2024, 5, 7), **{"被检查单位": "不存在的公司", "统一社会信用代码": ""}),
        line("E-4", c, D(2024, 5, 8), **{"执法人员": "查无此人、" + lone[0].name}),
        line("E-5", c, D(2024, 5, 9), officers=lone),
        line("E-6", c, D(2024, 5, 10), **{"发现隐患数": 1, "重大隐患数": 2}),
        line("E-1", c, D(2024, 5, 11)),
        line("E-7", a, D(2024, 5, 12), **{"被检查单位": foreign.name, "统一社会信用代码": foreign.uscc}),
    ]
    result = inspections_import(agency=lv.plan.agency, path=export(tmp_path, rows))
    assert not result.ok and Inspection.objects.count() == Hazard.objects.count() == 0
    by_row = {}
    for e in result.errors:
        by_row.setdefault(e.row, []).append(e)
        assert (
            e.file == "导出.xlsx"
            and e.sheet == "执法检查记录"
            and e.message.startswith(f"导出.xlsx 第 {e.row} 行")
        )
    assert sorted(by_row) == [4, 5, 6, 7, 8, 9, 10]  # title row 1, header row 2, data from row 3
    at = {"file": "导出.xlsx"}
    assert by_row[4][0].message == IMPORT_BAD_DATE.format(**at, row=4, column="检查日期", value="2024-13-40")
    assert by_row[5][0].message == IMPORT_UNKNOWN_UNIT.format(**at, row=5, column="被检查单位", value="不存在的公司",
                                                              agency="吕梁市应急管理局")  # fmt: skip
    assert by_row[6][0].message == IMPORT_UNKNOWN_OFFICER.format(**at, row=6, column="执法人员", value="查无此人",
                                                                 agency="吕梁市应急管理局")  # fmt: skip
    assert by_row[7][0].message == IMPORT_OFFICERS_TOO_FEW.format(**at, row=7, column="执法人员", count=1,
                                                                  names=lone[0].name, min=2)  # fmt: skip
    assert by_row[8][0].message == IMPORT_MAJOR_OVER_TOTAL.format(
        **at, row=8, column="重大隐患数", major=2, total=1
    )
    assert by_row[9][0].message == IMPORT_DUPLICATE.format(
        **at, row=9, column="执法文书编号", value="E-1", first_row=3
    )
    assert by_row[10][0].message == IMPORT_UNIT_OTHER_AGENCY.format(
        **at, row=10, column="统一社会信用代码", value=foreign.uscc, owner="太原市应急管理局", agency="吕梁市应急管理局")  # fmt: skip


def test_expired_certificate_is_refused_by_the_entry_check(lv, tmp_path):
    (e,) = entries(lv, 1)
    x, y = officers_of(e)
    y.certificate_valid_until = D(2024, 3, 1)
    y.save()
    rows = [line("C-1", e, D(2024, 5, 6), officers=[x, y])]
    result = inspections_import(agency=lv.plan.agency, path=export(tmp_path, rows))
    assert [x.code for x in result.errors] == ["import_entry_officers_short"]
    assert "至少须2人" in result.errors[0].message and result.errors[0].column == "执法人员"
    assert any("已于2024-03-01过期" in w.message for w in result.warnings)


def test_unit_outside_the_plan_needs_an_origin_and_gets_one_from_its_kind(lv, tmp_path):
    planned = set(lv.entries.values_list("enterprise_id", flat=True))
    (some,) = entries(lv, 1)
    other = Enterprise.objects.filter(agency=lv.plan.agency).exclude(pk__in=planned).order_by("pk").first()
    visit = line("U-1", some, D(2024, 5, 6), **{"被检查单位": other.name, "统一社会信用代码": other.uscc})
    result = inspections_import(agency=lv.plan.agency, path=export(tmp_path, [visit]))
    assert [x.message for x in result.errors] == [IMPORT_ORIGIN_REQUIRED.format(
        file="导出.xlsx", row=3, column="检查来源", name=other.name, agency="吕梁市应急管理局", year=2024)]  # fmt: skip
    special = line("U-1", some, D(2024, 5, 6), **{"被检查单位": other.name, "统一社会信用代码": other.uscc,
                                                   "检查类型": "专项检查"})  # fmt: skip
    assert inspections_import(agency=lv.plan.agency, path=export(tmp_path, [special])).ok
    assert Inspection.objects.get().origin == "campaign"


def test_scheduled_visit_of_the_same_day_is_linked_else_the_nearest_free_one_of_the_month(lv, tmp_path):
    a, b = entries(lv, 2)
    same = ScheduledVisit.objects.create(version=lv, enterprise=a.enterprise, date=D(2024, 5, 14))
    ScheduledVisit.objects.create(version=lv, enterprise=b.enterprise, date=D(2024, 5, 2))
    near = ScheduledVisit.objects.create(version=lv, enterprise=b.enterprise, date=D(2024, 5, 20))
    rows = [line("S-1", a, D(2024, 5, 14)), line("S-2", b, D(2024, 5, 17))]
    result = inspections_import(agency=lv.plan.agency, path=export(tmp_path, rows))
    assert result.scheduled == 2
    assert Inspection.objects.get(external_no="S-1").scheduled_visit == same
    assert Inspection.objects.get(external_no="S-2").scheduled_visit == near


def test_penalty_number_already_used_by_another_inspection_is_an_error(lv, tmp_path):
    a, b = entries(lv, 2)
    first = [line("P-1", a, D(2024, 5, 6), **{"处罚决定书文号": "罚-1", "罚款金额": "2万"})]
    assert inspections_import(agency=lv.plan.agency, path=export(tmp_path, first)).ok
    second = [line("P-2", b, D(2024, 5, 7), **{"处罚决定书文号": "罚-1"})]
    result = inspections_import(agency=lv.plan.agency, path=export(tmp_path, second, name="二.xlsx"))
    assert [e.code for e in result.errors] == ["import_penalty_taken"] and Inspection.objects.count() == 1


def test_dry_run_counts_what_it_would_do_and_writes_nothing(lv):
    result = inspections_import(agency=lv.plan.agency, path=SAMPLE, dry_run=True)
    assert result.ok and result.created == 6 and result.dry_run
    assert not Inspection.objects.exists() and not PenaltyDecision.objects.exists()


def test_amounts_accept_ten_thousands_and_thousands_separators():
    assert amount("5万") == amount("5万元") == amount("50,000.00") == amount(50000) == Decimal("50000.00")
    assert amount("") is None
    with pytest.raises(CellProblem):
        amount("五万")


def test_execute_import_prints_counts_or_the_row_errors(lv, tmp_path, capsys):
    call_command("execute", "import", str(SAMPLE), "--agency", "lvliang", "--dry-run")
    out = capsys.readouterr().out
    assert "试导入" in out and "新增 6" in out and not Inspection.objects.exists()
    (e,) = entries(lv, 1)
    bad = export(tmp_path, [line("X-1", e, "昨天")])
    with pytest.raises(CommandError, match="发现 1 处错误，未写入任何数据"):
        call_command("execute", "import", str(bad), "--agency", "lvliang", "--json")
    assert '"import_bad_date"' in capsys.readouterr().out


def test_a_row_with_a_bad_cell_still_reports_its_unknown_unit_and_officers(lv, tmp_path):
    (e,) = entries(lv, 1)
    bad = line(
        "B-1", e, "2024-02-30", **{"被检查单位": "不存在的公司", "统一社会信用代码": "", "执法人员": "王五"}
    )
    result = inspections_import(agency=lv.plan.agency, path=export(tmp_path, [bad]))
    assert [x.code for x in result.errors] == ["import_bad_date", "import_unknown_unit", "import_unknown_officer",
                                               "import_officers_too_few"]  # fmt: skip


def test_remote_check_does_not_fulfil_a_scheduled_visit(lv, tmp_path):
    (e,) = entries(lv, 1)
    ScheduledVisit.objects.create(version=lv, enterprise=e.enterprise, date=D(2024, 5, 14))
    result = inspections_import(agency=lv.plan.agency, path=export(tmp_path, [line("R-1", e, D(2024, 5, 14),
                                                                                   **{"检查方式": "非现场"})]))  # fmt: skip
    assert result.ok and result.scheduled == 0 and Inspection.objects.get().plan_entry == e


def test_sample_export_is_rebuilt_byte_for_byte_from_the_sample_lists(tmp_path, monkeypatch):
    import shutil
    import sys

    monkeypatch.setattr(sys, "path", [str(SAMPLES_DIR.parents[1] / "scripts"), *sys.path])
    from sample_export import EXPORT_FILE, build_enforcement_export

    for name in ("enterprises.xlsx", "officers.xlsx", "key_units.xlsx"):
        shutil.copy(SAMPLE.parent / name, tmp_path / name)
    build_enforcement_export(tmp_path)
    assert (tmp_path / EXPORT_FILE).read_bytes() == SAMPLE.read_bytes()
