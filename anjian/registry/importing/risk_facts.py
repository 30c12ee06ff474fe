"""Dated risk facts (风险事实): fatal accidents, major hazards found, direct management, SOE…

They come either from a sheet of their own (any sheet with a 事实类别 column, or a csv imported with
`anjian import facts`), one fact per row naming its enterprise by 统一社会信用代码 (or, failing that, by its
exact 企业名称), or inline on an enterprise sheet (one fact per enterprise row). A fact is identified by
(enterprise, kind, start date): importing it again updates its end date, deaths and description.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone

from anjian.planning.uscc import normalize
from anjian.registry.models import RiskFact

from .errors import IMPORT_DATE_ORDER, IMPORT_REQUIRED, RowError, duplicate_error
from .headers import Column, ColumnSet
from .rows import RowReader
from .table import Row
from .vocab import FACT_KIND

FACT_COLUMNS = ColumnSet(
    [
        Column("uscc", "统一社会信用代码", ("信用代码", "社会信用代码", "USCC")),
        Column("name", "企业名称", ("生产经营单位名称", "单位名称", "名称")),
        Column("kind", "事实类别", ("风险事实", "事实类型", "风险事实类别"), required=True),
        Column("valid_from", "日期", ("发生日期", "起始日期", "事实日期", "发现日期"), required=True),
        Column("valid_to", "终止日期", ("截止日期", "结束日期")),
        Column("deaths", "死亡人数", ("死亡",)),
        Column("detail", "说明", ("情况说明", "事实说明", "备注")),
        Column("source_doc", "依据文件", ("数据来源", "来源")),
    ]
)


@dataclass(frozen=True)
class FactRow:
    file: str
    sheet: str
    row: int
    ref: str  # the enterprise's USCC, or its name when `by_name`
    ref_column: str
    by_name: bool
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None
    deaths: int
    detail: str
    source_doc: str

    def identity(self) -> tuple[str, str, dt.date]:
        return (self.ref, self.kind, self.valid_from)


def read_fact(reader: RowReader, *, prefix: str = "", ref: str = "", ref_column: str = "") -> FactRow | None:
    """The fact on the current row; `prefix` 'fact_' reads the inline columns of an enterprise sheet."""
    failed_before = reader.failed
    reader.failed = False
    by_name = False
    if not ref:
        if reader.has("uscc") and reader.text("uscc"):
            ref, ref_column = normalize(reader.text("uscc")), reader.title("uscc")
        elif reader.has("name") and reader.text("name"):
            ref, ref_column, by_name = reader.text("name"), reader.title("name"), True
        elif not prefix:
            field = "uscc" if reader.has("uscc") else "name"
            if reader.has(field):
                reader.error(field, "import_required", IMPORT_REQUIRED)
    if not reader.has(prefix + "kind"):  # fact columns (日期, 死亡人数…) but no 事实类别 column at all
        reader.error(prefix + "kind", "import_required", IMPORT_REQUIRED)
        return None
    kind = reader.choice(prefix + "kind", FACT_KIND, required=True)[0]
    valid_from = reader.date(prefix + "valid_from", required=True, not_after=_within_a_year())
    valid_to = reader.date(prefix + "valid_to") if reader.has(prefix + "valid_to") else None
    deaths = reader.count(prefix + "deaths") if reader.has(prefix + "deaths") else None
    detail = reader.text(prefix + "detail", max_length=300) if reader.has(prefix + "detail") else ""
    source = reader.text(prefix + "source_doc", max_length=200) if reader.has(prefix + "source_doc") else ""
    if valid_from and valid_to and valid_to < valid_from:
        reader.error(
            prefix + "valid_to",
            "import_date_order",
            IMPORT_DATE_ORDER,
            valid_to=valid_to,
            valid_from=valid_from,
        )
    failed = reader.failed
    reader.failed = failed or failed_before
    if failed or not ref or valid_from is None:
        return None
    return FactRow(
        reader.file,
        reader.sheet,
        reader.number,
        ref,
        ref_column,
        by_name,
        kind,
        valid_from,
        valid_to,
        deaths or 0,
        detail,
        source,
    )


def _within_a_year() -> dt.date:
    """The latest start date a fact may have: facts are what happened or is decided, not a distant future."""
    today = timezone.localdate()
    return (
        today.replace(year=today.year + 1)
        if (today.month, today.day) != (2, 29)
        else today + dt.timedelta(365)
    )


def parse_fact_rows(reader: RowReader, rows: Iterator[Row], into: list[FactRow]) -> None:
    for number, cells in rows:
        reader.start(number, cells)
        fact = read_fact(reader)
        if fact is not None:
            into.append(fact)


def find_duplicate_facts(facts: list[FactRow]) -> list[RowError]:
    first: dict[tuple[str, str, dt.date], FactRow] = {}
    errors = []
    for fact in facts:
        earlier = first.setdefault(fact.identity(), fact)
        if earlier is not fact:
            value = f"{fact.ref} {RiskFact.Kind(fact.kind).label} {fact.valid_from:%Y-%m-%d}"
            errors.append(
                duplicate_error(
                    fact.file, fact.sheet, fact.row, fact.ref_column, value, earlier.file, earlier.row
                )
            )
    return errors
