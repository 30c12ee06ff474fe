"""The table annexes of the plan DOCX: staffing (004 annex 1), key units by sector (annex 2), general units,
the enforcement ledger template (annex 5) and the quarterly / monthly / weekly breakdowns.

Each writer takes the document (positioned at a fresh annex page) and the snapshot and returns nothing;
figures are
the snapshot's, totals are sums of the rows printed above them.
"""

from __future__ import annotations

from collections import OrderedDict

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Mm

from anjian.documents import styles as S
from anjian.documents.docx_tables import (
    CENTER,
    LEDGER_HEADER,
    LEFT,
    Column,
    GridTable,
    HeaderCell,
    fitted_columns,
)
from anjian.documents.snapshot import BreakdownRow, KeySection, PlanSnapshot

LEDGER_BLANK_ROWS = 7
LEDGER_ROW_HEIGHT_MM = 11


def key_section_heading(sec: KeySection) -> str:
    return sec.heading or f"{sec.sector}重点检查安排表（{sec.entity_word}{sec.units}{sec.unit_word}）"


def general_section_heading(sector: str, units: int, unit_word: str) -> str:
    return f"{sector}一般检查安排表（{units}{unit_word}）"


def staffing_totals(plan: PlanSnapshot) -> tuple[int, int, int, int]:
    rows = plan.staffing
    return (
        sum(r.on_roll for r in rows),
        sum(r.on_roll_enforcing for r in rows),
        sum(r.seconded for r in rows),
        sum(r.seconded_enforcing for r in rows),
    )


def write_staffing(doc: DocxDocument, plan: PlanSnapshot) -> None:
    body = [
        [r.name, r.on_roll, r.on_roll_enforcing, r.seconded, r.seconded_enforcing, r.note]
        for r in plan.staffing
    ]
    group_mm = 16
    fitted = fitted_columns(
        ["机构名称", "人数", "参加安全生产执法人员数", "人数", "参加安全生产执法人员数", "备注"],
        body,
        PORTRAIT_WIDTH_MM - group_mm,
        [LEFT, CENTER, CENTER, CENTER, CENTER, LEFT],
    )
    columns = [Column("", group_mm), *fitted]
    header = [
        [
            HeaderCell("机构名称", cols=2, rows=2),
            HeaderCell("在编人员", cols=2),
            HeaderCell("借调人员", cols=2),
            HeaderCell("备注", rows=2),
        ],
        [
            HeaderCell("人数"),
            HeaderCell("参加安全生产执法人员数"),
            HeaderCell("人数"),
            HeaderCell("参加安全生产执法人员数"),
        ],
    ]
    grid = GridTable(doc, columns, header)
    groups: OrderedDict[str, list] = OrderedDict()
    for row in plan.staffing:
        groups.setdefault(row.group, []).append(row)
    for group, rows in groups.items():
        first_cells = None
        for row in rows:
            cells = grid.add_row(
                [
                    group if row is rows[0] else "",
                    row.name,
                    row.on_roll,
                    row.on_roll_enforcing,
                    row.seconded,
                    row.seconded_enforcing,
                    row.note,
                ]
            )
            if len(rows) == 1 and row.name == group:
                merged = cells[0].merge(cells[1])
                _rewrite(merged, group)
            elif first_cells is None:
                first_cells = cells
            last_cells = cells
        if first_cells is not None and len(rows) > 1:
            _rewrite(first_cells[0].merge(last_cells[0]), group)
    on_roll, on_roll_enf, seconded, seconded_enf = staffing_totals(plan)
    cells = grid.add_row(["合计", "", on_roll, on_roll_enf, seconded, seconded_enf, ""], style=S.TABLE_HEAD)
    _rewrite(cells[0].merge(cells[1]), "合计", style=S.TABLE_HEAD)


def _rewrite(cell, text: str, style: str = S.TABLE_TEXT) -> None:
    """After a merge python-docx keeps every merged cell's paragraphs: keep one paragraph with `text`."""
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    for r in cell.paragraphs[0].runs:
        r._r.getparent().remove(r._r)
    cell.paragraphs[0].add_run(text)
    S.apply(cell.paragraphs[0], style)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


LANDSCAPE_WIDTH_MM = 225  # the type area turned
PORTRAIT_WIDTH_MM = 156


def key_rows(sec: KeySection) -> list[list[object]]:
    rows = []
    for r in sec.rows:
        values: list[object] = [r.seq, r.name, r.responsible]
        values += [r.cooperating] if sec.has_cooperating_column else []
        rows.append([*values, r.quarters_text, r.note])
    return rows


def key_headers(sec: KeySection) -> list[str]:
    coop = ["配合单位"] if sec.has_cooperating_column else []
    return ["序号", "企业名称", sec.responsible_label, *coop, "检查时间", "备注"]


def write_key_units(doc: DocxDocument, plan: PlanSnapshot) -> None:
    for sec in plan.key_sections:
        S.apply(doc.add_paragraph(key_section_heading(sec)), S.TABLE_CAPTION)
        headers, rows = key_headers(sec), key_rows(sec)
        aligns = [CENTER, LEFT, LEFT, *([LEFT] if sec.has_cooperating_column else []), CENTER, LEFT]
        grid = GridTable(doc, fitted_columns(headers, rows, LANDSCAPE_WIDTH_MM, aligns))
        for values in rows:
            grid.add_row(values)


GENERAL_HEADERS = ["序号", "企业名称", "所在县（市、区）", "责任单位", "检查时间", "检查次数"]


def general_rows(sec) -> list[list[object]]:
    return [[r.seq, r.name, r.district, r.responsible, r.quarters_text, r.visits] for r in sec.rows]


def write_general_units(doc: DocxDocument, plan: PlanSnapshot) -> None:
    for sec in plan.general_sections:
        S.apply(
            doc.add_paragraph(general_section_heading(sec.sector, sec.units, sec.unit_word)), S.TABLE_CAPTION
        )
        rows = general_rows(sec)
        grid = GridTable(
            doc,
            fitted_columns(
                GENERAL_HEADERS, rows, LANDSCAPE_WIDTH_MM, [CENTER, LEFT, CENTER, LEFT, CENTER, CENTER]
            ),
        )
        for values in rows:
            grid.add_row(values)


def write_ledger(doc: DocxDocument, plan: PlanSnapshot) -> None:
    fill = S.apply(doc.add_paragraph(), S.TABLE_CAPTION)
    fill.alignment = LEFT
    fill.add_run(
        "填表单位：" + "\u3000" * 22 + "填表时间：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
    )
    columns = [
        Column("", 38),
        Column("", 40),
        Column("", 30),
        Column("", 22),
        Column("", 55),
        Column("", 18),
        Column("", 22),
    ]
    header = [list(row) for row in LEDGER_HEADER]
    grid = GridTable(doc, columns, header)
    for _ in range(LEDGER_BLANK_ROWS):
        grid.add_row([""] * len(columns))
        grid.table.rows[-1].height = Mm(LEDGER_ROW_HEIGHT_MM)


def breakdown_matrix(rows: tuple[BreakdownRow, ...], kind: str) -> tuple[list[str], list[str], dict]:
    """(offices, periods, {(office, period): visits}) for one period kind, in first-appearance order."""
    offices: list[str] = []
    periods: list[str] = []
    cells: dict[tuple[str, str], int] = {}
    for r in rows:
        if r.period_kind != kind:
            continue
        if r.office not in offices:
            offices.append(r.office)
        if r.period not in periods:
            periods.append(r.period)
        cells[(r.office, r.period)] = cells.get((r.office, r.period), 0) + r.visits
    return offices, periods, cells


def write_breakdown(doc: DocxDocument, plan: PlanSnapshot) -> None:
    for kind, caption in (("quarter", "按季度分解（检查户次）"), ("month", "按月分解（检查户次）")):
        offices, periods, cells = breakdown_matrix(plan.breakdown, kind)
        if not offices:
            continue
        S.apply(doc.add_paragraph(caption), S.TABLE_CAPTION)
        rows = []
        for office in offices:
            values = [cells.get((office, p), 0) for p in periods]
            rows.append([office, *values, sum(values)])
        totals = [sum(cells.get((o, p), 0) for o in offices) for p in periods]
        _matrix_table(doc, ["责任单位", *periods, "合计"], rows, ["合计", *totals, sum(totals)])
    offices, periods, cells = breakdown_matrix(plan.breakdown, "week")
    if offices:
        S.apply(doc.add_paragraph("按周分解（检查户次）"), S.TABLE_CAPTION)
        rows = []
        for p in periods:
            values = [cells.get((o, p), 0) for o in offices]
            rows.append([p, *values, sum(values)])
        totals = [sum(cells.get((o, p), 0) for p in periods) for o in offices]
        _matrix_table(doc, ["周次", *offices, "合计"], rows, ["合计", *totals, sum(totals)])


def _matrix_table(
    doc: DocxDocument, headers: list[str], rows: list[list[object]], total_row: list[object]
) -> None:
    aligns = [LEFT] + [CENTER] * (len(headers) - 1)
    grid = GridTable(doc, fitted_columns(headers, rows, LANDSCAPE_WIDTH_MM, aligns))
    for values in rows:
        grid.add_row(values)
    grid.add_row(total_row, style=S.TABLE_HEAD)
