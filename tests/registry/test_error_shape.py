"""One error shape for every import problem (docs/architecture.md §4): code, file, row, column, Chinese message."""

from anjian.registry.importing import errors
from anjian.registry.importing.errors import RowError
from anjian.registry.services import enterprises_import, officers_import, offices_import, risk_facts_import

from .conftest import write_csv, write_xlsx


def test_every_message_template_starts_with_the_file():
    templates = {k: v for k, v in vars(errors).items() if k.startswith("IMPORT_")}
    assert len(templates) > 30
    assert all(t.startswith("{file}") for t in templates.values())


def test_every_import_kind_reports_problems_in_the_same_shape(county_bureau, tmp_path):
    bad_enterprises = write_xlsx(
        tmp_path / "e.xlsx", ("单位", [["企业名称", "信用代码", "行业"], ["甲", "123", "养殖"]])
    )
    bad_officers = write_csv(tmp_path / "p.csv", [["姓名", "股室"], ["乙", "无此科"]])
    bad_offices = write_csv(tmp_path / "o.csv", [["名称", "类别"], ["", "股室"]])
    bad_facts = write_csv(
        tmp_path / "f.csv", [["统一社会信用代码", "事实类别", "日期"], ["91", "地震", "昨天"]]
    )
    not_a_table = tmp_path / "n.docx"
    not_a_table.write_text("x")
    broken_zip = tmp_path / "z.xlsx"
    broken_zip.write_text("不是压缩包")
    results = [
        enterprises_import(agency=county_bureau, path=bad_enterprises),
        officers_import(agency=county_bureau, path=bad_officers),
        offices_import(agency=county_bureau, path=bad_offices),
        risk_facts_import(agency=county_bureau, path=bad_facts),
        enterprises_import(agency=county_bureau, path=not_a_table),
        offices_import(agency=county_bureau, path=broken_zip),
        officers_import(agency=county_bureau, path=tmp_path / "missing.csv"),
    ]
    problems = [e for r in results for e in r.errors]
    assert all(not r.ok for r in results)
    assert {type(p) for p in problems} == {RowError}
    for p in problems:
        assert p.code.startswith("import_") and isinstance(p.row, int) and isinstance(p.column, str)
        assert p.message.startswith(p.file) and set(p.as_dict()) == {
            "code",
            "file",
            "row",
            "column",
            "message",
            "sheet",
        }
