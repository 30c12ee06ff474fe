"""Monthly, quarterly and annual reports as files: a GB/T 9704 DOCX and an XLSX whose figures are numbers.

Contract: `report_docx(report, path)` writes an A4 document set up like the plan (margins, 22 × 28 grid, 3号仿宋,
"— n —" page numbers) with the title, the period's submission deadline and one captioned table per view, dates
written 2025年4月27日; `report_xlsx(report, path)` writes one sheet per view where counts are integers, completion
rates fractions shown as 0.0%, money amounts numbers shown #,##0.00 and dates dates, never text. Where a unit
several offices share (or a joint inspection) counts for each office, the office table says so under its 合计.
Both are written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from docx.document import Document as DocxDocument
from openpyxl import Workbook

from anjian.documents import gbt9704
from anjian.documents import styles as S
from anjian.documents.atomic import write_atomic
from anjian.documents.docx_tables import CENTER, LEFT, GridTable, HeaderCell, fitted_columns
from anjian.documents.numerals import chinese_date, format_number
from anjian.documents.package import finish_package
from anjian.documents.paragraphs import add_block
from anjian.documents.plan_text import Block
from anjian.documents.xlsx_sheet import LEFT as XLSX_LEFT
from anjian.documents.xlsx_sheet import SheetWriter
from anjian.planning.execution.progress import KPI_LABELS, Ratio
from anjian.planning.xlsx_safe import save_workbook

from .reports import COUNT_LABELS, LINE_HEADERS, OFFICE_DEADLINE_HEADERS, Report

SHARED_NOTE = "注：多个股室共同负责的单位和联合检查计入每个参加股室，合计栏只计一次，故各股室之和大于合计。"
DAY_TYPE = {"working": "工作日", "calendar": "自然日"}
PERCENT, MONEY, DATE = "0.0%", "#,##0.00", 'yyyy"年"m"月"d"日"'
PORTRAIT_MM = 156


def _tables(report: Report) -> list[tuple[str, tuple[str, ...], list[list[object]], str]]:
    """(caption, headers, typed rows, note) per view; cells are int, Decimal, Ratio, date or text."""
    p = report.progress

    def rows(lines) -> list[list[object]]:
        return [[x.label, x.planned, x.due, x.done, x.in_period, x.completion] for x in [*lines, p.total]]

    shared = (
        sum(x.planned for x in p.offices) != p.total.planned or sum(x.done for x in p.offices) != p.total.done
    )
    counts = [[COUNT_LABELS[k], getattr(p.in_period, k), getattr(p.to_date, k)] for k in COUNT_LABELS]
    kpis: list[list[object]] = [[KPI_LABELS[k], r] for k, r in p.kpis.items()]
    kpis.append(["典型案例（件）", p.typical_cases])
    d = report.deadline
    late = f"，逾期{d.days_late}日" if d.days_late else ""
    due: list[list[object]] = [
        ["报送期限", d.due], ["期限计算", DAY_TYPE.get(str(d.day_type), str(d.day_type))],
        ["报送日期", d.done_on or "未报送"], ["状态", d.status_label + late],
    ]  # fmt: skip
    tables = [
        ("按股室", LINE_HEADERS, rows(p.offices), SHARED_NOTE if shared else ""),
        ("按行业", LINE_HEADERS, rows(p.sectors), ""),
        ("按单位", LINE_HEADERS, rows(p.units), ""),
        ("检查与处理", ("项目", "本期", "累计"), counts, ""),
        ("考核指标", ("指标", "完成情况"), kpis, ""),
        ("报送", ("项目", "内容"), due, ""),
    ]
    if report.office_deadlines:
        office_rows: list[list[object]] = [
            [
                x.office,
                x.deadline.due,
                x.deadline.done_on or "未报送",
                x.deadline.status_label,
                x.deadline.days_late,
            ]
            for x in report.office_deadlines
        ]
        tables.append(("各股室报送", OFFICE_DEADLINE_HEADERS, office_rows, ""))
    return tables


def _xlsx_value(value: object) -> tuple[object, str]:
    if isinstance(value, Ratio):
        return ("—", "") if value.rate is None else (value.numerator / value.denominator, PERCENT)
    if isinstance(value, Decimal):
        return (int(value), "0") if value == value.to_integral_value() else (float(value), MONEY)
    if isinstance(value, dt.date):
        return value, DATE
    return value, ""


def report_xlsx(report: Report, path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for name, headers, rows, note in _tables(report):
        w = SheetWriter(wb.create_sheet(name), report.title, len(headers))
        w.header([[HeaderCell(h) for h in headers]])
        for r in rows:
            typed = [_xlsx_value(v) for v in r]
            row = w.add([v for v, _ in typed], aligns=[XLSX_LEFT] * len(headers))
            for c, (_v, fmt) in enumerate(typed, 1):
                if fmt:
                    w.ws.cell(row, c).number_format = fmt
        if note:
            w.note(note)
        w.finish()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, save_workbook(wb))


def _docx_text(value: object) -> str:
    if isinstance(value, Ratio):
        # the rate and its fraction never part over a line: U+2060 joins "1.8%" to "（3/164）"
        return value.text().replace("%（", "%\u2060（")
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, dt.date):
        return chinese_date(value)
    return str(value)


def report_docx(report: Report, path: Path, *, today: dt.date | None = None) -> None:
    doc = gbt9704.new_document()
    finish_package(doc, author=report.agency, on=today or timezone.localdate(), title=report.title)
    add_block(doc, Block(S.TITLE, report.title))
    d = report.deadline
    add_block(
        doc,
        Block(
            S.BODY,
            f"报送期限：{chinese_date(d.due)}（{DAY_TYPE.get(str(d.day_type), '')}计）；"
            f"报送日期：{chinese_date(d.done_on) if d.done_on else '未报送'}；状态：{d.status_label}。",
        ),
    )
    for name, headers, rows, note in _tables(report):
        _table(doc, name, headers, [[_docx_text(v) for v in r] for r in rows])
        if note:
            add_block(doc, Block(S.TABLE_TEXT, note))
    out = io.BytesIO()
    doc.save(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, out.getvalue())


def _table(doc: DocxDocument, caption: str, headers: tuple[str, ...], rows: list[list[str]]) -> None:
    S.apply(doc.add_paragraph(caption), S.TABLE_CAPTION)
    aligns = [LEFT] + [CENTER] * (len(headers) - 1)
    grid = GridTable(doc, fitted_columns(headers, rows, PORTRAIT_MM, aligns))
    for values in rows:
        grid.add_row(values)
