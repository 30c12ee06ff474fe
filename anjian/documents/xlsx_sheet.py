"""One worksheet laid out like the seeds' Excel/WPS tables: a merged title row, one- or two-level bordered
headers
repeated on every printed page, sector sub-header rows with counts, Chinese fonts, widths that fit the text,
and
an A4 print set-up fitted to the page width.

Contract: `SheetWriter` appends rows top to bottom; `finish()` sets widths from what was written and the print
set-up (A4, orientation as asked, fit to 1 page wide, header rows as print titles, page "第 n 页 共 m 页").
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from anjian.documents.docx_tables import HeaderCell
from anjian.documents.fonts import FANGSONG, HEITI, XIAOBIAOSONG
from anjian.documents.widths import display_width, lines_needed, shortest_table_widths
from anjian.planning.xlsx_safe import safe_text

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TITLE_FONT = Font(name=XIAOBIAOSONG, size=16)
HEAD_FONT = Font(name=HEITI, size=11)
BODY_FONT = Font(name=FANGSONG, size=11)
SECTION_FONT = Font(name=HEITI, size=11)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
LANDSCAPE_UNITS = 135  # column width units that fill an A4 landscape page between 15 mm margins
PORTRAIT_UNITS = 90
LINE_PT = 14.5  # one wrapped line of 11 pt text


class SheetWriter:
    def __init__(self, ws: Worksheet, title: str, columns: int, *, landscape: bool = True):
        self.ws = ws
        self.columns = columns
        self.landscape = landscape
        self.row = 1
        self.header_rows: tuple[int, int] | None = None
        self._heads = [""] * columns
        self._rows: list[Sequence[object]] = []
        self._row_numbers: list[int] = []
        ws.cell(1, 1, title).font = TITLE_FONT
        ws.cell(1, 1).alignment = CENTER
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
        ws.row_dimensions[1].height = 30
        self.row = 2

    def note(self, text: str) -> None:
        """An unbordered line under the title (e.g. 填表单位／填表时间)."""
        cell = self.ws.cell(self.row, 1, text)
        cell.font = BODY_FONT
        cell.alignment = Alignment(horizontal="left", vertical="center")
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.columns)
        self.row += 1

    def header(self, levels: Sequence[Sequence[HeaderCell]]) -> None:
        """One or two header levels; spans merge; these rows print on every page."""
        first = self.row
        occupied: set[tuple[int, int]] = set()
        for r, level in enumerate(levels):
            c = 0
            for spec in level:
                while (r, c) in occupied:
                    c += 1
                row, col = first + r, c + 1
                self._cell(row, col, spec.text, HEAD_FONT, CENTER)
                if spec.cols == 1:
                    self._heads[c] = spec.text
                for rr in range(r, r + spec.rows):
                    for cc in range(c, c + spec.cols):
                        occupied.add((rr, cc))
                        self.ws.cell(first + rr, cc + 1).border = BORDER
                if spec.cols > 1 or spec.rows > 1:
                    self.ws.merge_cells(
                        start_row=row,
                        start_column=col,
                        end_row=row + spec.rows - 1,
                        end_column=col + spec.cols - 1,
                    )
                c += spec.cols
        self.row = first + len(levels)
        self.header_rows = (first, self.row - 1)

    def section(self, text: str) -> None:
        """A sub-header spanning all columns, e.g. 煤矿企业重点检查安排表（生产经营单位41家）."""
        self._cell(self.row, 1, text, SECTION_FONT, CENTER)
        for c in range(1, self.columns + 1):
            self.ws.cell(self.row, c).border = BORDER
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.columns)
        self.row += 1

    def add(
        self,
        values: Sequence[object],
        *,
        aligns: Sequence[Alignment] | None = None,
        bold: bool = False,
        merge: tuple[int, int] | None = None,
    ) -> int:
        """A bordered data row; `merge` = (first, last) 1-based columns to merge (e.g. a 合计 label)."""
        font = HEAD_FONT if bold else BODY_FONT
        if not merge:
            self._rows.append(values)
            self._row_numbers.append(self.row)
        for c, value in enumerate(values, 1):
            align = aligns[c - 1] if aligns else CENTER
            self._cell(self.row, c, value, font, align)
        if merge:
            self.ws.merge_cells(
                start_row=self.row, start_column=merge[0], end_row=self.row, end_column=merge[1]
            )
        self.row += 1
        return self.row - 1

    def merge_down(self, column: int, first_row: int, last_row: int) -> None:
        if last_row > first_row:
            self.ws.merge_cells(start_row=first_row, start_column=column, end_row=last_row, end_column=column)

    def _cell(self, row: int, col: int, value: object, font: Font, align: Alignment):
        cell = self.ws.cell(row, col, safe_text(value)[0] if isinstance(value, str) else value)
        cell.font = font
        cell.alignment = align
        cell.border = BORDER
        return cell

    def finish(self, *, widths: Sequence[float] | None = None) -> None:
        ws = self.ws
        if widths is None:
            # Excel width units: about one half-width character of the default font; a CJK character at
            # 11 pt takes about two. The page holds ~135 units landscape, ~90 portrait.
            total = LANDSCAPE_UNITS if self.landscape else PORTRAIT_UNITS
            widths = shortest_table_widths(self._heads, self._rows, total, em=2.1, padding=1.5)
        for c in range(self.columns):
            ws.column_dimensions[get_column_letter(c + 1)].width = round(widths[c], 1)
        # Neither LibreOffice nor Excel grows a row for wrapped text in a file that does not say so.
        for number, values in zip(self._row_numbers, self._rows, strict=True):
            lines = max(
                lines_needed(display_width("" if v is None else str(v)), w, 2.1, 1.5)
                for v, w in zip(values, widths, strict=False)
            )
            if ws.row_dimensions[number].height is None or lines > 1:
                ws.row_dimensions[number].height = max(
                    ws.row_dimensions[number].height or 0, LINE_PT * lines + 4
                )

        ps = ws.page_setup
        ps.paperSize = ws.PAPERSIZE_A4
        ps.orientation = "landscape" if self.landscape else "portrait"
        ps.fitToWidth = 1
        ps.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.6
        ws.page_margins.top = ws.page_margins.bottom = 0.8
        if self.header_rows:
            ws.print_title_rows = f"{self.header_rows[0]}:{self.header_rows[1]}"
            ws.freeze_panes = ws.cell(self.header_rows[1] + 1, 1)
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.center.font = FANGSONG
        ws.oddFooter.center.size = 10
