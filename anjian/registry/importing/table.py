"""Read the rows of an .xlsx workbook (every sheet) or a .csv file (UTF-8 with or without BOM, UTF-16, or
GB18030 as saved by Chinese Excel/WPS — see planning.textfile; comma or tab separated), streaming so that 100,000 rows stay cheap.

`open_table(path)` is a context manager giving `Sheet`s whose `rows` iterate (row number, cells) with the
spreadsheet's own 1-based row numbers; blank rows are skipped.
"""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from anjian.planning.textfile import TextFileError, decode_text

from .cells import UNCACHED_FORMULA
from .errors import IMPORT_UNREADABLE, IMPORT_UNSUPPORTED_FORMAT, ImportFileError, RowError, row_error
from .headers import SCAN_ROWS, ColumnSet, HeaderMatch, find_header
from .xlsx import XlsxBook

Row = tuple[int, Sequence[object]]
XLSX_DAMAGED = "不是有效的 xlsx 文件，或文件已损坏；请在 Excel/WPS 中打开后另存为 .xlsx"


@dataclass
class Sheet:
    file: str  # the name used in messages: 'a.xlsx', or 'a.xlsx［风险事实］' for a workbook's later sheets
    name: str  # sheet title, '' for csv
    rows: Iterator[Row]
    _head: list[Row] | None = None

    @property
    def head(self) -> list[Row]:
        """The first non-blank rows, where the header is looked for (read once)."""
        if self._head is None:
            self._head = list(itertools.islice(self.rows, SCAN_ROWS))
        return self._head

    def header(self, columns: ColumnSet) -> HeaderMatch | None:
        return find_header(self.head, columns)

    def data(self, header: HeaderMatch) -> Iterator[Row]:
        """The rows below `header` (consumes the sheet: call once)."""
        return itertools.chain([r for r in self.head if r[0] > header.row], self.rows)


def _non_blank(rows: Iterator[Row]) -> Iterator[Row]:
    for number, cells in rows:
        if any(c is not None and str(c).strip() for c in cells):
            yield number, cells


def _xlsx_sheets(path: Path, display: str) -> tuple[list[Sheet], object]:
    """The workbook's sheets, read by the fast reader, or by openpyxl when its structure is unusual."""
    try:
        fast = XlsxBook(str(path))
    except zipfile.BadZipFile as e:
        raise ImportFileError(
            [row_error("import_unreadable", IMPORT_UNREADABLE, file=display, row=0, reason=XLSX_DAMAGED)]
        ) from e
    except (KeyError, ValueError, SyntaxError, AssertionError):
        return _openpyxl_sheets(path, display)
    sheets = [
        Sheet(
            file=display if i == 0 else f"{display}［{name}］", name=name, rows=_non_blank(fast.rows(member))
        )
        for i, (name, member) in enumerate(fast.sheets)
    ]
    return sheets, fast


class _Books:
    """Closes the workbooks opened for one file together."""

    def __init__(self, *books: object):
        self.books = books

    def close(self) -> None:
        for book in self.books:
            book.close()  # type: ignore[attr-defined]


def _with_formulas(values: Iterator[tuple], texts: Iterator[tuple]) -> Iterator[tuple]:  # type: ignore[type-arg]
    """Each row's values, a formula cell without a computed value marked UNCACHED_FORMULA instead of None."""
    for row, formulas in zip(values, texts, strict=False):
        if any(isinstance(f, str) and f.startswith("=") for f in formulas):
            row = tuple(
                UNCACHED_FORMULA if v is None and isinstance(f, str) and f.startswith("=") else v
                for v, f in itertools.zip_longest(row, formulas)
            )
        yield row


def _openpyxl_sheets(path: Path, display: str) -> tuple[list[Sheet], object]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        texts = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise ImportFileError(
            [row_error("import_unreadable", IMPORT_UNREADABLE, file=display, row=0, reason=XLSX_DAMAGED)]
        ) from e
    sheets = []
    for index, (ws, wf) in enumerate(zip(book.worksheets, texts.worksheets, strict=True)):
        label = display if index == 0 else f"{display}［{ws.title}］"
        rows = _with_formulas(ws.iter_rows(values_only=True), wf.iter_rows(values_only=True))
        numbered = ((n, cells) for n, cells in enumerate(rows, start=1))
        sheets.append(Sheet(file=label, name=ws.title, rows=_non_blank(numbered)))
    return sheets, _Books(book, texts)


def _csv_sheet(path: Path, display: str) -> Sheet:
    try:
        content, _ = decode_text(path.read_bytes(), file=display)
    except TextFileError as e:
        raise ImportFileError([RowError("import_unreadable", display, 0, "", str(e))]) from e
    first_line = content.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    numbered = ((reader.line_num, tuple(cells)) for cells in reader)
    return Sheet(file=display, name="", rows=_non_blank(numbered))


@contextmanager
def open_table(path: Path | str) -> Iterator[list[Sheet]]:
    path = Path(path)
    display = path.name
    suffix = path.suffix.lower()
    if not path.exists():
        raise ImportFileError(
            [row_error("import_unreadable", IMPORT_UNREADABLE, file=display, row=0, reason="文件不存在")]
        )
    if suffix in {".xlsx", ".xlsm"}:
        sheets, book = _xlsx_sheets(path, display)
        try:
            yield sheets
        finally:
            book.close()  # type: ignore[attr-defined]
    elif suffix in {".csv", ".txt", ".tsv"}:
        yield [_csv_sheet(path, display)]
    else:
        raise ImportFileError(
            [
                row_error(
                    "import_unsupported_format",
                    IMPORT_UNSUPPORTED_FORMAT,
                    file=display,
                    row=0,
                    suffix=suffix or "（无扩展名）",
                )
            ]
        )
