"""One entry point per import kind: a file in, parsed rows plus every error and warning out (no database).

`offices` maps every name *and alias* of the agency's offices to the office id, so the parsing layer can
report unknown offices without a query per row.
"""

from __future__ import annotations

import csv
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from .enterprises import (
    ENTERPRISE_COLUMNS,
    EnterpriseRow,
    ParsedEnterprises,
    find_duplicates,
    parse_enterprise_rows,
)
from .errors import (
    IMPORT_NO_HEADER,
    IMPORT_NO_ROWS,
    IMPORT_SHEET_SKIPPED,
    IMPORT_UNREADABLE,
    ImportFileError,
    RowError,
    row_error,
)
from .headers import SCAN_ROWS, ColumnSet
from .officers import OFFICER_COLUMNS, OfficerRow, find_duplicate_officers, parse_officer_rows
from .offices import OFFICE_COLUMNS, OfficeRow, parse_office_rows
from .risk_facts import FACT_COLUMNS, FactRow, find_duplicate_facts, parse_fact_rows
from .rows import RowReader, header_problems
from .table import Sheet, open_table

T = TypeVar("T")


@dataclass
class Parsed(Generic[T]):
    items: list[T] = field(default_factory=list)
    facts: list[FactRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    rows: int = 0  # data rows read, good or bad

    @property
    def ok(self) -> bool:
        return not self.errors


def _reader(sheet: Sheet, columns: ColumnSet, parsed: Parsed[T]) -> RowReader | None:
    header = sheet.header(columns)
    if header is None:
        return None
    errors, warnings = header_problems(sheet.file, sheet.name, header, columns)
    parsed.errors += errors
    parsed.warnings += warnings
    if errors:
        return None
    return RowReader(sheet.file, sheet.name, header, columns, parsed.errors, parsed.warnings)


def _counted(reader: RowReader, sheet: Sheet, parsed: Parsed[T]):  # type: ignore[no-untyped-def]
    for row in sheet.data(reader.header):
        parsed.rows += 1
        yield row


def _no_header(sheet: Sheet, columns: ColumnSet) -> RowError:
    expected = "、".join(c.label for c in columns.columns if c.required) or columns.columns[0].label
    return row_error(
        "import_no_header",
        IMPORT_NO_HEADER,
        file=sheet.file,
        row=0,
        sheet=sheet.name,
        scan=SCAN_ROWS,
        expected=expected,
    )


def _run(path: Path | str, parsed: Parsed[T], per_sheet: Callable[[list[Sheet]], None]) -> Parsed[T]:
    try:
        with open_table(path) as sheets:
            per_sheet(sheets)
    except ImportFileError as e:
        parsed.errors += e.errors
    except (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError, csv.Error) as e:  # damaged in mid-file
        reason = f"第 {parsed.rows + 1} 个数据行附近：{e}"
        parsed.errors.append(
            row_error("import_unreadable", IMPORT_UNREADABLE, file=Path(path).name, row=0, reason=reason)
        )
    if not parsed.errors and parsed.rows == 0:
        parsed.errors.append(row_error("import_no_rows", IMPORT_NO_ROWS, file=Path(path).name, row=0))
    return parsed


def parse_enterprises(path: Path | str, offices: Mapping[str, int]) -> Parsed[EnterpriseRow]:
    """Enterprise sheets and risk-fact sheets of a workbook (or one csv), fully validated."""
    parsed: Parsed[EnterpriseRow] = Parsed()
    into = ParsedEnterprises(parsed.items, parsed.facts)

    def per_sheet(sheets: list[Sheet]) -> None:
        found = False
        for sheet in sheets:
            facts_header = sheet.header(FACT_COLUMNS)
            enterprise_header = sheet.header(ENTERPRISE_COLUMNS)
            if (
                facts_header
                and facts_header.has("kind")
                and not (enterprise_header and enterprise_header.has("industry"))
            ):
                if reader := _reader(sheet, FACT_COLUMNS, parsed):
                    parse_fact_rows(reader, _counted(reader, sheet, parsed), parsed.facts)
            elif enterprise_header:
                found = True
                if reader := _reader(sheet, ENTERPRISE_COLUMNS, parsed):
                    parse_enterprise_rows(reader, _counted(reader, sheet, parsed), offices, into)
            elif len(sheets) > 1:
                parsed.warnings.append(
                    row_error(
                        "import_sheet_skipped", IMPORT_SHEET_SKIPPED, file=sheet.file, row=0, sheet=sheet.name
                    )
                )
        if not found and not parsed.errors:
            parsed.errors.append(_no_header(sheets[0], ENTERPRISE_COLUMNS))

    _run(path, parsed, per_sheet)
    parsed.errors += find_duplicates(parsed.items) + find_duplicate_facts(parsed.facts)
    return parsed


def parse_facts(path: Path | str) -> Parsed[FactRow]:
    parsed: Parsed[FactRow] = Parsed()
    parse_single_kind(
        path, parsed, FACT_COLUMNS, lambda reader, rows: parse_fact_rows(reader, rows, parsed.items)
    )
    parsed.facts = parsed.items
    parsed.errors += find_duplicate_facts(parsed.items)
    return parsed


def parse_officers(
    path: Path | str,
    offices: Mapping[str, int],
    categories: Mapping[str, Mapping[str, object]] | None = None,
) -> Parsed[OfficerRow]:
    parsed: Parsed[OfficerRow] = Parsed()
    parse_single_kind(
        path,
        parsed,
        OFFICER_COLUMNS,
        lambda reader, rows: parse_officer_rows(reader, rows, offices, parsed.items, categories),
    )
    parsed.errors += find_duplicate_officers(parsed.items)
    return parsed


def parse_offices(path: Path | str) -> Parsed[OfficeRow]:
    parsed: Parsed[OfficeRow] = Parsed()
    parse_single_kind(
        path, parsed, OFFICE_COLUMNS, lambda reader, rows: parse_office_rows(reader, rows, parsed.items)
    )
    return parsed


def parse_single_kind(
    path: Path | str, parsed: Parsed[T], columns: ColumnSet, parse: Callable[[RowReader, object], None]
) -> None:
    """Every sheet with a recognisable header of `columns` is read; others are skipped with a warning."""

    def per_sheet(sheets: list[Sheet]) -> None:
        found = False
        for sheet in sheets:
            if sheet.header(columns) is None:
                if len(sheets) > 1:
                    parsed.warnings.append(
                        row_error(
                            "import_sheet_skipped",
                            IMPORT_SHEET_SKIPPED,
                            IMPORT_UNREADABLE,
                            file=sheet.file,
                            row=0,
                            sheet=sheet.name,
                        )
                    )
                continue
            found = True
            if reader := _reader(sheet, columns, parsed):
                parse(reader, _counted(reader, sheet, parsed))
        if not found and not parsed.errors:
            parsed.errors.append(_no_header(sheets[0], columns))

    _run(path, parsed, per_sheet)
