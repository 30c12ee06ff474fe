"""Office sheets (股室/科室/执法队): name, kind, aliases, sort order, staffing note. Identified by name."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .errors import IMPORT_ALIAS_IS_OTHER_NAME, IMPORT_TOO_LONG, RowError, duplicate_error, row_error
from .headers import Column, ColumnSet
from .rows import RowReader
from .table import Row
from .vocab import OFFICE_KIND

OFFICE_COLUMNS = ColumnSet(
    [
        Column(
            "name",
            "名称",
            ("机构名称", "股室名称", "科室名称", "股室", "科室", "股室（科室）", "单位名称"),
            required=True,
        ),
        Column("kind", "类别", ("类型", "机构类别", "性质", "机构类型")),
        Column("aliases", "别名", ("简称", "又称", "其他名称")),
        Column("sort_order", "排序", ("序号", "顺序")),
        Column("staffing_note", "人员配置备注", ("备注",)),
    ]
)


@dataclass(frozen=True)
class OfficeRow:
    file: str
    sheet: str
    row: int
    values: Mapping[str, object]
    present: frozenset[str]
    titles: Mapping[str, str]

    @property
    def name(self) -> str:
        return str(self.values["name"])

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(a for a in str(self.values["aliases"]).split("、") if a)


def read_office(reader: RowReader, ordinal: int, present: frozenset[str]) -> OfficeRow | None:
    values: dict[str, object] = {
        "name": reader.text("name", required=True, max_length=60),
        "kind": reader.choice("kind", OFFICE_KIND, default="office")[0],
        "aliases": "、".join(reader.names("aliases")),
        "staffing_note": reader.text("staffing_note", max_length=100),
    }
    if len(str(values["aliases"])) > 200:
        reader.error("aliases", "import_too_long", IMPORT_TOO_LONG, max_length=200)
    order = reader.count("sort_order")
    values["sort_order"] = ordinal if order is None else order
    if reader.failed:
        return None
    return OfficeRow(reader.file, reader.sheet, reader.number, values, present, reader.header.titles)


def parse_office_rows(reader: RowReader, rows: Iterator[Row], into: list[OfficeRow]) -> None:
    present = frozenset(f for f in reader.header.positions if f in {c.field for c in OFFICE_COLUMNS.columns})
    for number, cells in rows:
        reader.start(number, cells)
        office = read_office(reader, len(into) + 1, present | {"name"})
        if office is not None:
            into.append(office)


def find_office_conflicts(rows: list[OfficeRow], other_names: Mapping[str, str]) -> list[RowError]:
    """Repeated names, and aliases that are another office's name (in the file or, via `other_names`
    (name → name), already in the registry)."""
    first: dict[str, OfficeRow] = {}
    errors = []
    for row in rows:
        earlier = first.setdefault(row.name, row)
        if earlier is not row:
            errors.append(
                duplicate_error(
                    row.file,
                    row.sheet,
                    row.row,
                    row.titles.get("name", "名称"),
                    row.name,
                    earlier.file,
                    earlier.row,
                )
            )
    names = set(first) | set(other_names)
    for row in rows:
        for alias in row.aliases:
            if alias in names and alias != row.name:
                errors.append(
                    row_error(
                        "import_alias_is_other_name",
                        IMPORT_ALIAS_IS_OTHER_NAME,
                        file=row.file,
                        row=row.row,
                        column=row.titles.get("aliases", "别名"),
                        sheet=row.sheet,
                        value=alias,
                    )
                )
    return errors
