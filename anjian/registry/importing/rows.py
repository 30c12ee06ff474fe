"""Per-row reading: each getter converts one cell and, on a problem, records a RowError and returns a default,
so a row reports every bad cell at once instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from . import cells
from .errors import (
    IMPORT_BAD_CHOICE,
    IMPORT_COLUMN_IGNORED,
    IMPORT_DUPLICATE_COLUMN,
    IMPORT_FUTURE_DATE,
    IMPORT_MISSING_COLUMN,
    IMPORT_REQUIRED,
    IMPORT_TOO_LONG,
    IMPORT_UNCACHED_FORMULA,
    RowError,
    row_error,
)
from .headers import ColumnSet, HeaderMatch
from .vocab import Vocabulary

T = TypeVar("T")


class RowReader:
    def __init__(
        self,
        file: str,
        sheet: str,
        header: HeaderMatch,
        columns: ColumnSet,
        errors: list[RowError],
        warnings: list[RowError],
    ):
        self.file = file
        self.sheet = sheet
        self.header = header
        self.columns = columns
        self.errors = errors
        self.warnings = warnings
        self.number = 0
        self.cells: Sequence[object] = ()
        self.failed = False
        self.uncached: set[str] = set()  # fields of this row whose cell is a formula without a value

    def start(self, number: int, row_cells: Sequence[object]) -> None:
        self.number = number
        self.cells = row_cells
        self.failed = False
        self.uncached = set()
        if any(c is cells.UNCACHED_FORMULA for c in row_cells):
            self._uncached_formulas()

    def _uncached_formulas(self) -> None:
        """Formula cells without a value are one error each (in the columns this import reads), then read as
        blank without a second, misleading error such as 必填."""
        by_index = {index: field for field, index in self.header.positions.items()}
        for index, value in enumerate(self.cells):
            if value is cells.UNCACHED_FORMULA and index in by_index:
                self.error(by_index[index], "import_uncached_formula", IMPORT_UNCACHED_FORMULA)
                self.uncached.add(by_index[index])
        self.cells = [None if c is cells.UNCACHED_FORMULA else c for c in self.cells]

    def has(self, field: str) -> bool:
        return self.header.has(field)

    def title(self, field: str) -> str:
        return self.header.title(self.columns.by_field[field])

    def raw(self, field: str) -> object:
        index = self.header.positions.get(field)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def error(self, field: str, code: str, template: str, **values: object) -> None:
        self.failed = True
        if field in self.uncached:
            return  # already reported as a formula without a value
        self.errors.append(self.make(field, code, template, **values))

    def make(self, field: str, code: str, template: str, **values: object) -> RowError:
        return row_error(
            code,
            template,
            file=self.file,
            row=self.number,
            column=self.title(field),
            sheet=self.sheet,
            **values,
        )

    def _convert(self, field: str, parse: Callable[[object], T], default: T) -> T:
        try:
            return parse(self.raw(field))
        except cells.CellProblem as p:
            self.error(field, p.code, p.template, **p.values)
            return default

    def text(self, field: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = cells.text(self.raw(field))
        if required and not value:
            self.error(field, "import_required", IMPORT_REQUIRED)
        elif max_length is not None and len(value) > max_length:
            self.error(field, "import_too_long", IMPORT_TOO_LONG, max_length=max_length)
            value = value[:max_length]
        return value

    def names(self, field: str) -> tuple[str, ...]:
        return cells.names(self.raw(field))

    def warn(self, field: str, code: str, template: str, **values: object) -> None:
        self.warnings.append(self.make(field, code, template, **values))

    def boolean(self, field: str, default: bool | None = False) -> bool | None:
        return self._convert(field, lambda raw: cells.boolean(raw, default), default)

    def date(self, field: str, *, required: bool = False, not_after: dt.date | None = None) -> dt.date | None:
        """The cell as a date; `not_after` refuses later dates (an event cannot lie in the far future)."""
        value = self._convert(field, cells.date, None)
        if value is not None and not_after is not None and value > not_after:
            self.error(field, "import_future_date", IMPORT_FUTURE_DATE, value=value, limit=not_after)
            return None
        if required and value is None and not cells.text(self.raw(field)):
            self.error(field, "import_required", IMPORT_REQUIRED)
        return value

    def count(self, field: str) -> int | None:
        return self._convert(field, cells.count, None)

    def mine_class(self, field: str) -> str:
        return self._convert(field, cells.mine_class, "")

    def quarters(self, field: str) -> tuple[int, ...]:
        return self._convert(field, cells.quarters, ())

    def region(self, field: str) -> str:
        return self._convert(field, cells.region, "")

    def choice(
        self,
        field: str,
        vocabulary: Vocabulary,
        *,
        default: str = "",
        code: str = "import_bad_choice",
        template: str = IMPORT_BAD_CHOICE,
        required: bool = False,
    ) -> tuple[str, str]:
        """(value, implied sub-sector) for a vocabulary word; the default when blank."""
        word = cells.text(self.raw(field))
        if not word:
            if required:
                self.error(field, "import_required", IMPORT_REQUIRED)
            return default, ""
        found = vocabulary.lookup(word)
        if found is None:
            self.error(field, code, template, value=word, choices=vocabulary.choices)
            return default, ""
        return found


def header_problems(
    file: str, sheet: str, header: HeaderMatch, columns: ColumnSet
) -> tuple[list[RowError], list[RowError]]:
    """(errors, warnings) of a header: missing required or doubled columns block; unknown columns warn."""
    errors = [
        row_error(
            "import_missing_column",
            IMPORT_MISSING_COLUMN,
            file=file,
            row=header.row,
            column=c.label,
            sheet=sheet,
            synonyms="、".join(c.names),
        )
        for c in header.missing
    ]
    errors += [
        row_error(
            "import_duplicate_column",
            IMPORT_DUPLICATE_COLUMN,
            file=file,
            row=header.row,
            column=other,
            sheet=sheet,
            other=kept,
            label=column.label,
        )
        for column, kept, other in header.duplicates
    ]
    warnings = [
        row_error(
            "import_column_ignored",
            IMPORT_COLUMN_IGNORED,
            file=file,
            row=header.row,
            column=title,
            sheet=sheet,
        )
        for _, title in header.ignored
    ]
    return errors, warnings
