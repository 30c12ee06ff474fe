"""Reports as files: a GB/T 9704 DOCX (passes the layout checker, dates in Chinese style) and an XLSX whose
counts, rates, amounts and dates are numbers with number formats; office rows explained against the total."""

import datetime as dt
import io
import zipfile

from docx import Document
from openpyxl import load_workbook

from anjian.documents.layout import check_docx
from anjian.execution.report_files import SHARED_NOTE, report_docx, report_xlsx
from anjian.execution.reports import report_compute
from anjian.planning.execution.deadlines import quarter
from tests.execution.conftest import record


def _report(lv):
    entry = lv.entries.filter(category="key").order_by("sort_order").first()
    record(entry, dt.date(2024, 2, 20))
    return report_compute(agency=lv.plan.agency, period=quarter(2024, 1), today=dt.date(2024, 4, 30))


def test_report_docx_is_a_gbt9704_document_with_chinese_dates(lv, tmp_path):
    out = tmp_path / "q1.docx"
    report_docx(_report(lv), out, today=dt.date(2024, 4, 30))
    data = out.read_bytes()
    assert check_docx(data) == []
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "报送期限：2024年4月" in text and "2024-" not in text
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert not [c for c in cells if "2024-" in c]
    assert any("%\u2060（" in c for c in cells)  # a rate and its fraction stay on one line
    assert SHARED_NOTE in text  # Lüliang's coal mines are shared by several offices
    assert doc.core_properties.author == "吕梁市应急管理局"


def test_report_xlsx_stores_figures_as_numbers_with_formats(lv, tmp_path):
    out = tmp_path / "q1.xlsx"
    report = _report(lv)
    report_xlsx(report, out)
    book = load_workbook(out)
    offices = book["按股室"]
    rows = [r for r in offices.iter_rows(min_row=3) if r[0].value]
    total = next(r for r in rows if r[0].value == "合计")
    assert isinstance(total[1].value, int) and total[1].value == report.progress.total.planned
    rate = total[5]
    assert isinstance(rate.value, float) and rate.number_format == "0.0%"
    assert abs(rate.value - report.progress.total.done / report.progress.total.planned) < 1e-9
    sent = [r for r in book["报送"].iter_rows() if r[0].value == "报送期限"][0][1]
    assert isinstance(sent.value, dt.datetime) and "年" in sent.number_format
    z = zipfile.ZipFile(out)
    assert all("<f>" not in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
