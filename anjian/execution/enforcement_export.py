"""The inspection records exported from the provincial enforcement system (省执法系统导出) — parsing only.

Columns (first name canonical, then accepted synonyms; header matching is as tolerant as the registry imports):
执法文书编号 (检查编号) | 检查日期 (执法日期) | 被检查单位 (单位名称) | 统一社会信用代码 | 执法人员 (names separated by
、，,；; or blanks) | 检查方式 (现场/非现场) | 检查类型 (日常检查、专项检查、双随机检查、四不两直 …) | 检查来源
(计划内、投诉举报 …) | 执法方式 | 发现隐患数 | 重大隐患数 | 处罚决定书文号 | 罚款金额 | 处罚决定日期 | 典型案例 |
检查情况. Nothing here reads the database: `importing.py` resolves units and officers and writes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils import timezone

from anjian.planning.uscc import normalize
from anjian.registry.importing import cells
from anjian.registry.importing.errors import AT, IMPORT_REQUIRED, RowError, duplicate_error
from anjian.registry.importing.files import Parsed, parse_single_kind
from anjian.registry.importing.headers import Column, ColumnSet
from anjian.registry.importing.rows import RowReader
from anjian.registry.importing.table import Row
from anjian.registry.importing.vocab import Vocabulary

from .models import Inspection

IMPORT_BAD_AMOUNT = AT + "罚款金额应为不小于 0 的数（单位：元，可写“5万”），实际为「{value}」"
IMPORT_AMOUNT_TOO_LARGE = AT + "罚款金额「{value}」超出可记录的范围（不超过 99 亿元），请核对单位是否为元"
MAX_AMOUNT = Decimal(
    "10000000000"
)  # 10 digits before the point (PenaltyDecision.amount: 12 digits, 2 decimals)
IMPORT_MAJOR_OVER_TOTAL = AT + "重大隐患数{major}多于发现隐患数{total}"
IMPORT_AMOUNT_WITHOUT_PENALTY = AT + "填写了罚款金额，但没有处罚决定书文号"
IMPORT_PENALTY_BEFORE_INSPECTION = AT + "处罚决定日期{decided}早于检查日期{date}"

EXPORT_COLUMNS = ColumnSet(
    [
        Column(
            "external_no",
            "执法文书编号",
            ("检查编号", "文书编号", "执法编号", "检查记录编号", "执法检查编号", "案件编号", "检查单编号"),
            required=True,
        ),  # fmt: skip
        Column("date", "检查日期", ("执法日期", "检查时间", "执法时间", "实施日期"), required=True),
        Column(
            "enterprise",
            "被检查单位",
            (
                "单位名称",
                "被检查单位名称",
                "企业名称",
                "检查对象",
                "被检查对象",
                "生产经营单位名称",
                "被检查企业",
            ),
            required=True,
        ),  # fmt: skip
        Column("uscc", "统一社会信用代码", ("信用代码", "社会信用代码", "统一代码", "USCC")),
        Column(
            "officers",
            "执法人员",
            ("检查人员", "执法人员姓名", "参与执法人员", "执法检查人员"),
            required=True,
        ),
        Column("on_site", "检查方式", ("检查形式", "现场/非现场", "是否现场检查")),
        Column("kind", "检查类型", ("检查类别", "执法类型", "检查种类")),
        Column("origin", "检查来源", ("任务来源", "检查任务来源", "来源")),
        Column("method", "执法方式", ("检查手段",)),
        Column(
            "hazards", "发现隐患数", ("发现隐患（项）", "隐患数", "隐患数量", "发现隐患", "发现问题隐患数")
        ),
        Column(
            "major_hazards", "重大隐患数", ("重大事故隐患数", "重大隐患（项）", "重大事故隐患", "重大隐患")
        ),
        Column("penalty_no", "处罚决定书文号", ("处罚文号", "行政处罚决定书文号", "处罚决定书编号")),
        Column("penalty_amount", "罚款金额", ("罚款金额（元）", "罚款（元）", "罚款数额", "罚款")),
        Column("penalty_date", "处罚决定日期", ("决定日期", "处罚日期")),
        Column("typical_case", "典型案例", ("是否典型案例", "报送典型案例")),
        Column("summary", "检查情况", ("检查内容", "检查结果", "情况说明")),
    ]
)

ON_SITE = Vocabulary.build("on_site", [
    ("1", "", ["现场", "现场检查", "实地检查", "入企检查", "现场执法"]),
    ("0", "", ["非现场", "非现场检查", "远程", "远程检查", "线上检查", "视频检查", "非现场执法"]),
])  # fmt: skip
# the second value of a kind is the method it implies: 双随机 and 四不两直 are written as kinds in the export
KIND = Vocabulary.build("kind", [
    *[(v, "", [label]) for v, label in Inspection.Kind.choices],
    (Inspection.Kind.ROUTINE, "", ["日常", "日常执法检查", "一般检查", "常规检查"]),
    (Inspection.Kind.ROUTINE, Inspection.Method.RANDOM, ["双随机检查", "双随机", "双随机一公开", "双随机抽查"]),
    (Inspection.Kind.ROUTINE, Inspection.Method.UNANNOUNCED, ["四不两直", "四不两直检查"]),
    (Inspection.Kind.CASE, "", ["个案", "个案执法检查"]),
    (Inspection.Kind.SPECIAL, "", ["专项", "专项执法检查"]),
    (Inspection.Kind.REVIEW, "", ["复查", "整改复查", "复查检查"]),
    (Inspection.Kind.SUPERVISORY_CHECK, "", ["督导", "督查", "督导检查"]),
    (Inspection.Kind.VERIFICATION, "", ["核查", "调查核实", "核实"]),
    (Inspection.Kind.ROUTINE, "", []),  # the stored value itself implies no method
])  # fmt: skip
ORIGIN = Vocabulary.build("origin", [
    *[(v, "", [label]) for v, label in Inspection.Origin.choices],
    (Inspection.Origin.PLANNED, "", ["计划内", "计划检查", "年度计划", "计划"]),
    (Inspection.Origin.COMPLAINT, "", ["投诉", "举报", "群众举报", "投诉举报核查"]),
    (Inspection.Origin.ACCIDENT, "", ["事故", "事故调查处理"]),
    (Inspection.Origin.CAMPAIGN, "", ["专项", "专项整治", "专项行动检查"]),
    (Inspection.Origin.ASSIGNMENT, "", ["交办", "转办", "上级转办", "上级交办转办"]),
])  # fmt: skip
METHOD = Vocabulary.build("method", [
    *[(v, "", [label]) for v, label in Inspection.Method.choices],
    (Inspection.Method.REGULAR, "", ["常规"]),
    (Inspection.Method.UNANNOUNCED, "", ["四不两直检查"]),
    (Inspection.Method.UNDERCOVER, "", ["暗查", "暗访", "暗查暗访检查", "突查"]),
    (Inspection.Method.RANDOM, "", ["双随机检查", "双随机一公开"]),
])  # fmt: skip

_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)(万)?元?$")


def amount(raw: object) -> Decimal | None:
    """Yuan from '50000', '50,000.00', '5万', '5万元' or a number cell; blank gives None."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if raw < 0 or not math.isfinite(raw):
            raise cells.CellProblem("import_bad_amount", IMPORT_BAD_AMOUNT, value=cells.text(raw))
        return _in_range(Decimal(str(raw)), raw)
    value = cells.compact(raw).replace(",", "").replace("，", "")
    if not value:
        return None
    m = _AMOUNT.match(value)
    try:
        if m is None:
            raise InvalidOperation
        yuan = Decimal(m[1]) * (10_000 if m[2] else 1)
    except InvalidOperation:
        raise cells.CellProblem("import_bad_amount", IMPORT_BAD_AMOUNT, value=cells.text(raw)) from None
    return _in_range(yuan, raw)


def _in_range(yuan: Decimal, raw: object) -> Decimal:
    """The amount in whole fen, if the 罚款金额 column (12 digits, 2 decimals) can hold it."""
    if yuan >= MAX_AMOUNT:
        raise cells.CellProblem("import_amount_too_large", IMPORT_AMOUNT_TOO_LARGE, value=cells.text(raw))
    return yuan.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ExportRow:
    """One row of the export, clean when `valid`; `origin` is '' when the file does not say."""

    file: str
    sheet: str
    row: int
    titles: Mapping[str, str]
    external_no: str
    date: dt.date
    enterprise: str
    uscc: str
    officers: tuple[str, ...]
    on_site: bool
    kind: str
    method: str
    origin: str
    hazards: int
    major_hazards: int
    penalty_no: str
    penalty_amount: Decimal | None
    penalty_date: dt.date | None
    typical_case: bool | None  # None: the file has no 典型案例 column or leaves it blank
    summary: str
    # False when a cell failed: the row is still resolved, to list its other errors, but never written
    valid: bool = True

    def title(self, field: str) -> str:
        return self.titles.get(field) or EXPORT_COLUMNS.by_field[field].label


def officer_names(raw: object) -> tuple[str, ...]:
    """'张三、李四' / '张三,李四' / '张三 李四' → ('张三', '李四'); Chinese names hold no blanks."""
    return tuple(dict.fromkeys(n for part in cells.names(raw) for n in part.split()))


def read_row(reader: RowReader) -> ExportRow:
    """Validate the current row; its errors go to reader.errors and make it not `valid`."""
    number = reader.text("external_no", required=True, max_length=60)
    day = reader.date("date", required=True, not_after=timezone.localdate())
    name = reader.text("enterprise", required=True, max_length=200)
    on_site = reader.choice("on_site", ON_SITE, default="1")[0] == "1"
    kind, implied = reader.choice("kind", KIND, default=Inspection.Kind.ROUTINE)
    method = reader.choice("method", METHOD, default=implied or Inspection.Method.REGULAR)[0]
    hazards, major = reader.count("hazards") or 0, reader.count("major_hazards") or 0
    if major > hazards:
        reader.error("major_hazards", "import_major_over_total", IMPORT_MAJOR_OVER_TOTAL, major=major,
                     total=hazards)  # fmt: skip
    penalty_no = reader.text("penalty_no", max_length=60)
    try:
        money = amount(reader.raw("penalty_amount"))
    except cells.CellProblem as p:
        reader.error("penalty_amount", p.code, p.template, **p.values)
        money = None
    if money and not penalty_no:
        reader.error("penalty_amount", "import_amount_without_penalty", IMPORT_AMOUNT_WITHOUT_PENALTY)
    decided = reader.date("penalty_date", not_after=timezone.localdate())
    if decided and day and decided < day:
        reader.error("penalty_date", "import_penalty_before_inspection", IMPORT_PENALTY_BEFORE_INSPECTION,
                     decided=decided, date=day)  # fmt: skip
    row = ExportRow(
        reader.file, reader.sheet, reader.number, reader.header.titles, number, day or dt.date.min, name,
        normalize(reader.text("uscc")), officer_names(reader.raw("officers")), on_site, kind, method,
        reader.choice("origin", ORIGIN)[0], hazards, major, penalty_no, money, decided,
        reader.boolean("typical_case", default=None), reader.text("summary", max_length=2000),
    )  # fmt: skip
    if not row.officers:
        reader.error("officers", "import_required", IMPORT_REQUIRED)
    return replace(row, valid=False) if reader.failed else row


def parse_rows(reader: RowReader, rows: Iterator[Row], into: list[ExportRow]) -> None:
    for number, row_cells in rows:
        reader.start(number, row_cells)
        into.append(read_row(reader))


def find_repeated_numbers(rows: list[ExportRow]) -> list[RowError]:
    """Rows repeating an earlier row's 执法文书编号 (the key a re-import updates by)."""
    first: dict[str, ExportRow] = {}
    errors = []
    for row in (r for r in rows if r.external_no):
        earlier = first.setdefault(row.external_no, row)
        if earlier is not row:
            errors.append(duplicate_error(row.file, row.sheet, row.row, row.title("external_no"),
                                          row.external_no, earlier.file, earlier.row))  # fmt: skip
    return errors


def parse_export(path: Path | str) -> Parsed[ExportRow]:
    """Every sheet of `path` with a recognisable header, fully validated; no database access."""
    parsed: Parsed[ExportRow] = Parsed()
    parse_single_kind(
        path, parsed, EXPORT_COLUMNS, lambda reader, rows: parse_rows(reader, rows, parsed.items)
    )
    parsed.errors += find_repeated_numbers(parsed.items)
    return parsed
