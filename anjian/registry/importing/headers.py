"""Tolerant header matching: find the header row and map each known column to its position.

A column is matched by any of its synonyms, ignoring blanks, '*' marks, full/half-width brackets and, as a
second try, any bracketed remark such as '（必填）' or '（全称）'. The header row is the row among the first
`SCAN_ROWS` that names the most known columns, so a title row above the table is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SCAN_ROWS = 10
SILENT_TITLES = frozenset(
    {"序号", "编号", "no", "no.", "行号"}
)  # row numbering: not data, not worth a warning

_NOISE = re.compile(r"[\s\u3000\u00a0*＊:：]+")
_REMARK = re.compile(r"（[^（）]*）")


def header_key(text: str) -> str:
    return (
        _NOISE.sub("", text)
        .replace("(", "（")
        .replace(")", "）")
        .replace("[", "（")
        .replace("]", "）")
        .lower()
    )


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # the canonical header, shown when the column is missing
    synonyms: tuple[str, ...] = ()
    required: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


@dataclass
class HeaderMatch:
    row: int
    positions: dict[str, int] = field(default_factory=dict)  # field → 0-based cell index
    titles: dict[str, str] = field(default_factory=dict)  # field → the header text as written in the file
    ignored: list[tuple[int, str]] = field(default_factory=list)  # (index, header text) not understood
    duplicates: list[tuple[Column, str, str]] = field(
        default_factory=list
    )  # (column, kept title, other title)
    missing: list[Column] = field(default_factory=list)  # required columns not found

    def has(self, field_name: str) -> bool:
        return field_name in self.positions

    def title(self, column: Column) -> str:
        return self.titles.get(column.field, column.label)


class ColumnSet:
    """The columns one kind of sheet may have, with a lookup from normalised header text to column."""

    def __init__(self, columns: Sequence[Column]):
        self.columns = tuple(columns)
        self.by_field = {c.field: c for c in self.columns}
        self._by_key: dict[str, Column] = {}
        for column in self.columns:
            for name in column.names:
                self._by_key.setdefault(header_key(name), column)

    def column_for(self, header: object) -> Column | None:
        if header is None:
            return None
        key = header_key(str(header))
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        bare = _REMARK.sub("", key)
        return self._by_key.get(bare) if bare else None

    def score(self, cells: Iterable[object]) -> int:
        return len({c.field for c in (self.column_for(v) for v in cells) if c is not None})

    def match(self, row_number: int, cells: Sequence[object]) -> HeaderMatch:
        result = HeaderMatch(row=row_number)
        for index, cell in enumerate(cells):
            title = "" if cell is None else str(cell).strip()
            if not title:
                continue
            column = self.column_for(title)
            if column is None:
                if header_key(title) not in SILENT_TITLES:
                    result.ignored.append((index, title))
            elif column.field in result.positions:
                result.duplicates.append((column, result.titles[column.field], title))
            else:
                result.positions[column.field] = index
                result.titles[column.field] = title
        result.missing = [c for c in self.columns if c.required and c.field not in result.positions]
        return result


def find_header(rows: Sequence[tuple[int, Sequence[object]]], columns: ColumnSet) -> HeaderMatch | None:
    """The best header among a sheet's first `rows`; None when no row names ≥2 known columns."""
    best: tuple[int, int, Sequence[object]] | None = None
    for number, cells in rows:
        score = columns.score(cells)
        if score >= 2 and (best is None or score > best[0]):
            best = (score, number, cells)
    return None if best is None else columns.match(best[1], best[2])
