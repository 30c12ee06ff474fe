"""A 检查事项清单 to publish, read from a spreadsheet (检查事项 | 检查依据 | 检查对象) or from text lines — parsing
only. Every problem is reported at once with its row; `item_lists.item_list_publish` judges the list itself."""

from __future__ import annotations

import re
from pathlib import Path

from anjian.registry.importing.errors import RowError, row_error
from anjian.registry.importing.files import Parsed, parse_single_kind
from anjian.registry.importing.headers import Column, ColumnSet

from .item_lists import ItemSpec

ITEM_COLUMNS = ColumnSet([
    Column("name", "检查事项", ("检查事项名称", "事项名称", "检查项目"), required=True),
    Column("basis", "检查依据", ("法律依据", "检查依据（法律法规）", "设定依据", "依据"), required=True),
    Column("subject", "检查对象", ("检查对象范围", "适用对象", "对象")),
])  # fmt: skip
ITEM_LINE_FIELDS = (
    "第 {row} 行「{text}」：应写作“检查事项｜检查依据｜检查对象”（用“｜”或制表符分隔，检查对象可省略）"
)
ITEM_LINE_SOURCE = "清单文本"
_SEPARATORS = re.compile(r"\t|｜|\|")


def parse_item_file(path: Path | str) -> Parsed[ItemSpec]:
    """Every sheet of `path` with a 检查事项/检查依据 header; blank cells of the two required columns are errors."""
    parsed: Parsed[ItemSpec] = Parsed()

    def parse(reader, rows) -> None:
        for number, row_cells in rows:
            reader.start(number, row_cells)
            spec = ItemSpec(reader.text("name", required=True, max_length=200),
                            reader.text("basis", required=True, max_length=300),
                            reader.text("subject", max_length=200))  # fmt: skip
            if not reader.failed:
                parsed.items.append(spec)

    parse_single_kind(path, parsed, ITEM_COLUMNS, parse)
    return parsed


def parse_item_lines(text: str) -> tuple[list[ItemSpec], list[RowError]]:
    """One item per non-blank line, fields separated by a tab or ｜; (items, errors naming the line)."""
    items, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = [f.strip() for f in _SEPARATORS.split(line)]
        if not 2 <= len(fields) <= 3 or not (fields[0] and fields[1]):
            errors.append(row_error("item_line_fields", ITEM_LINE_FIELDS, file=ITEM_LINE_SOURCE, row=number,
                                    text=line.strip()[:60]))  # fmt: skip
            continue
        items.append(ItemSpec(*fields))
    return items, errors


def item_lines(items) -> str:  # InspectionItem rows or ItemSpecs
    """The text form `parse_item_lines` reads back, to edit a list in a text box."""
    return "\n".join("｜".join(f for f in (i.name, i.basis, i.subject) if f) for i in items)
