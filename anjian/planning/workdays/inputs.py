"""Converting raw input values (TOML or xlsx cells) into sheet values, collecting every problem
with its place.

`InputReader` records a problem and returns a safe default instead of raising, so one pass reports
all of them; `SheetInputError` carries the list. Categories, kinds and sectors accept their codes
or their Chinese labels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from anjian.planning.workdays.model import (
    CATEGORY_LABELS,
    KIND_LABELS,
    SECTION_SEPARATOR,
    SECTOR_LABELS,
    Category,
)

SHEET_FIELD_MISSING = "{where}：缺少 {field}"
SHEET_NOT_NUMBER = "{where}：{field} = {value!r} 不是数字"
SHEET_NOT_INTEGER = "{where}：{field} = {value!r} 应为整数"
SHEET_NEGATIVE = "{where}：{field} = {value} 不能为负数"
SHEET_NOT_TEXT = "{where}：{field} 应为文字"
SHEET_NOT_TABLE = "{where}：{field} 应为表（TOML 中写作 [[...]] 或 {{ ... }}）"
SHEET_UNKNOWN_FIELD = "{where}：未知字段 {field}"
SHEET_BAD_CATEGORY = "{where}：类别 {value!r} 不可用，应为 监督检查、其他执法 或 非执法"
SHEET_BAD_KIND = "{where}：检查类型 {value!r} 不可用，应为 {allowed} 之一"
SHEET_BAD_SECTOR = "{where}：行业 {value!r} 不可用，应为 {allowed} 之一"
SHEET_NO_FACTOR = "{where}：既没有户数、次数、组数、人数、天数、月数，也没有总量（lump），无法计算"
SHEET_DUPLICATE_TEAM = "{where}：测算单位标识 {id!r} 重复"
SHEET_NO_TEAM = "{file}：没有任何测算单位（[[teams]]）"
SHEET_BAD_QUARTER = "{where}：季度 {value!r} 应为 1—4"
SHEET_INCLUDE_YEAR = "{file}：包含的 {include} 年度为 {other}，与本表 {year} 不一致"

CATEGORY_ALIASES = {
    **{c.value: c for c in Category},
    **{label: c for c, label in CATEGORY_LABELS.items()},
    "监督检查": Category.SUPERVISION,
    "执法检查": Category.SUPERVISION,
    "执法检查工作日": Category.SUPERVISION,
    "其他执法": Category.OTHER_ENFORCEMENT,
    "其它执法": Category.OTHER_ENFORCEMENT,
    "其它执法工作日": Category.OTHER_ENFORCEMENT,
    "非执法": Category.NON_ENFORCEMENT,
}
KIND_ALIASES = {
    **{k: k for k in KIND_LABELS},
    **{v: k for k, v in KIND_LABELS.items()},
    "重点": "key",
    "一般": "general",
    "双随机": "random",
    "部门内双随机": "random",
    "专员": "specialist",
}
SECTOR_ALIASES = {**{k: k for k in SECTOR_LABELS}, **{v: k for k, v in SECTOR_LABELS.items()}}


@dataclass(frozen=True)
class InputProblem:
    code: str
    where: str
    message: str


class SheetInputError(Exception):
    def __init__(self, problems: Sequence[InputProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))


class InputReader:
    """Collects problems while converting; each `_x` returns a safe default after recording a problem."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[InputProblem] = []

    def fail(self, code: str, where: str, template: str, **kw: Any) -> None:
        self.problems.append(InputProblem(code, where, template.format(where=where, **kw)))

    def fields(self, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for name in sorted(set(data) - allowed):
            self.fail("sheet_unknown_field", where, SHEET_UNKNOWN_FIELD, field=name)

    def table(self, data: Mapping[str, Any], name: str, where: str) -> dict[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, Mapping):
            self.fail("sheet_not_table", where, SHEET_NOT_TABLE, field=name)
            return {}
        return dict(value)

    def tables(self, data: Mapping[str, Any], name: str, where: str) -> list[dict[str, Any]]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            self.fail("sheet_not_table", where, SHEET_NOT_TABLE, field=name)
            return []
        return [dict(v) for v in value]

    def text(self, data: Mapping[str, Any], name: str, where: str, required: bool = False) -> str:
        value = data.get(name)
        if value is None or value == "":
            if required:
                self.fail("sheet_field_missing", where, SHEET_FIELD_MISSING, field=name)
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            self.fail("sheet_not_text", where, SHEET_NOT_TEXT, field=name)
            return ""
        return str(value).strip()

    def number(
        self, data: Mapping[str, Any], name: str, where: str, required: bool = False
    ) -> Decimal | None:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail("sheet_field_missing", where, SHEET_FIELD_MISSING, field=name)
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value).strip()) if isinstance(value, str | float) else Decimal(value)
            if not number.is_finite():
                raise InvalidOperation
        except (InvalidOperation, TypeError, ValueError):
            self.fail("sheet_not_number", where, SHEET_NOT_NUMBER, field=name, value=value)
            return None
        if number < 0:
            self.fail("sheet_negative", where, SHEET_NEGATIVE, field=name, value=value)
            return None
        return number

    def integer(self, data: Mapping[str, Any], name: str, where: str, required: bool = False) -> int | None:
        number = self.number(data, name, where, required)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.fail("sheet_not_integer", where, SHEET_NOT_INTEGER, field=name, value=data.get(name))
            return None
        return int(number)

    def alias(self, value: str, aliases: Mapping[str, str], code: str, where: str, template: str) -> str:
        if value and value not in aliases:
            allowed = "、".join(sorted({k for k in aliases if k.isascii()}))
            self.fail(code, where, template, value=value, allowed=allowed)
            return ""
        return aliases.get(value, "")


def where_of(r: InputReader, data: Mapping[str, Any], path: str, label: str = "") -> str:
    if data.get("_where"):
        return f"{r.file} {data['_where']}"
    return f"{r.file} {path}" + (f"（{label}）" if label else "")


def section_path(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(p.strip() for p in str(value or "").split(SECTION_SEPARATOR) if p.strip())


def read_category(r: InputReader, data: Mapping[str, Any], where: str) -> Category | None:
    value = r.text(data, "category", where, required=True)
    if value and value not in CATEGORY_ALIASES:
        r.fail("sheet_bad_category", where, SHEET_BAD_CATEGORY, value=value)
    return CATEGORY_ALIASES.get(value)
