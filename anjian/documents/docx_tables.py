"""Bordered DOCX tables as Chinese official annexes print them: fixed column widths, one- or two-level headers
repeated on every page, 小四 text, merged cells.

Contract: `GridTable` fills a table row by row without python-docx's per-cell lookups (which are quadratic),
so a
table of a few hundred rows takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Row

from anjian.documents.ooxml import tbl_pr_child
from anjian.documents.styles import TABLE_HEAD, TABLE_TEXT, apply
from anjian.documents.widths import shortest_table_widths

CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT


@dataclass(frozen=True)
class Column:
    header: str
    width_mm: float
    align: WD_ALIGN_PARAGRAPH = CENTER


@dataclass(frozen=True)
class HeaderCell:
    """One cell of a multi-level header: spans `cols` grid columns and `rows` header rows."""

    text: str
    cols: int = 1
    rows: int = 1


# The enforcement ledger (执法检查台账) header of the Lüliang 2024 plan annex 5: one template, three writers (plan annex in DOCX and
# XLSX, and the ledger export of the execution app).
LEDGER_HEADER: tuple[tuple[HeaderCell, ...], ...] = (
    (
        HeaderCell("监督检查对象简要情况", cols=3),
        HeaderCell("行业领域", rows=2),
        HeaderCell("采取相关执法措施情况", rows=2),
        HeaderCell("执法人员信息", cols=2),
    ),
    (
        HeaderCell("名称"),
        HeaderCell("地址"),
        HeaderCell("负责人及联系电话"),
        HeaderCell("姓名"),
        HeaderCell("执法证号"),
    ),
)


def fitted_columns(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    total_mm: float,
    aligns: Sequence[WD_ALIGN_PARAGRAPH],
    font_pt: float = 12,
) -> list[Column]:
    """Columns whose widths (summing to `total_mm`) make the table shortest for these rows."""
    widths = shortest_table_widths(headers, rows, total_mm, em=font_pt * 25.4 / 72, padding=2.6)
    return [Column(h, w, a) for h, w, a in zip(headers, widths, aligns, strict=True)]


class GridTable:
    """A table whose columns are fixed; rows are appended with `add_row`."""

    def __init__(self, container, columns: Sequence[Column], header: Sequence[Sequence[HeaderCell]] = ()):
        self.columns = tuple(columns)
        header_rows = list(header) or [[HeaderCell(c.header) for c in self.columns]]
        self.table: Table = container.add_table(rows=len(header_rows), cols=len(self.columns))
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self.table.autofit = False
        _fixed_layout(self.table, self.columns)
        self._write_header(header_rows)
        self._prototypes: dict[tuple, object] = {}

    def _write_header(self, header_rows: Sequence[Sequence[HeaderCell]]) -> None:
        occupied: set[tuple[int, int]] = set()
        for r, (row, spec) in enumerate(zip(self.table.rows, header_rows, strict=True)):
            _repeat_as_header(row)
            cells = row.cells
            c = 0
            for cell_spec in spec:
                while (r, c) in occupied:
                    c += 1
                target = cells[c]
                if cell_spec.cols > 1 or cell_spec.rows > 1:
                    corner = self.table.rows[r + cell_spec.rows - 1].cells[c + cell_spec.cols - 1]
                    target = target.merge(corner)
                    for rr in range(r, r + cell_spec.rows):
                        for cc in range(c, c + cell_spec.cols):
                            occupied.add((rr, cc))
                write_cell(target, cell_spec.text, style=TABLE_HEAD, align=CENTER)
                c += cell_spec.cols

    def add_row(
        self,
        values: Sequence[object],
        *,
        aligns: Sequence[WD_ALIGN_PARAGRAPH] | None = None,
        style: str = TABLE_TEXT,
    ) -> list:
        """Append a row (copied from a prototype row, which is ~10× faster than building it cell by cell)."""
        aligns = tuple(aligns) if aligns else tuple(c.align for c in self.columns)
        key = (style, aligns)
        if key not in self._prototypes:
            self._prototypes[key] = self._make_prototype(style, aligns)
        tr = deepcopy(self._prototypes[key])
        self.table._tbl.append(tr)
        for r, value in zip(tr.iter(qn("w:r")), values, strict=True):
            r.text = "" if value is None else str(value)
        return list(_Row(tr, self.table).cells)

    def _make_prototype(self, style: str, aligns: tuple):
        row = self.table.add_row()
        _cant_split(row)
        for cell, align in zip(row.cells, aligns, strict=True):
            write_cell(cell, "", style=style, align=align)
        tr = row._tr
        tr.getparent().remove(tr)
        return tr

    def add_spanning_row(self, text: str, *, style: str = TABLE_HEAD, align=CENTER) -> None:
        """A row whose single cell spans every column (sector sub-headers, 合计 labels)."""
        row = self.table.add_row()
        _cant_split(row)
        cells = row.cells
        merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
        write_cell(merged, text, style=style, align=align)


def write_cell(cell, text: str, *, style: str, align) -> None:
    paragraph = cell.paragraphs[0]
    apply(paragraph, style)
    paragraph.alignment = align
    lines = text.split("\n")
    paragraph.add_run(lines[0])
    for extra in lines[1:]:
        p = apply(cell.add_paragraph(extra), style)
        p.alignment = align
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _fixed_layout(table: Table, columns: Sequence[Column]) -> None:
    tbl_pr = table._tbl.tblPr
    width = tbl_pr_child(tbl_pr, "w:tblW")
    width.set(qn("w:w"), str(Mm(sum(c.width_mm for c in columns)).twips))
    width.set(qn("w:type"), "dxa")
    borders = tbl_pr_child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr_child(tbl_pr, "w:tblLayout").set(qn("w:type"), "fixed")
    margins = tbl_pr_child(tbl_pr, "w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "57")  # 1 mm
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    for col, spec in zip(table.columns, columns, strict=True):
        col.width = Mm(spec.width_mm)
    for row in table.rows:
        for cell, spec in zip(row.cells, columns, strict=True):
            cell.width = Mm(spec.width_mm)


def _repeat_as_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "1")
    tr_pr.append(el)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "1")
    tr_pr.insert(0, el)
