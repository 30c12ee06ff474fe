"""The one schema of plan.toml: every key a bureau may write, its type and range, and the reader that checks the
whole file before anything is saved.

`plan_file.read_plan_file(path, context=...)` returns a PlanConfig or raises PlanConfigError listing every problem (file,
key, Chinese sentence): unknown keys (with the nearest valid key), wrong types and ranges, unknown sectors and
offices, missing or unreadable files, workday sheets of another year, an empty file. Other modules give the keys
their meaning; none reads plan.toml itself. docs/cli.md documents every key.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

TEXT, DATE, TEXT_LIST, CHOICE, INT, SEED, FILE, FILE_LIST, SECTORS, OFFICES = (
    "text", "date", "text_list", "choice", "int", "seed", "file", "file_list", "sectors", "offices",
)  # fmt: skip
YEARS = (2000, 2099)  # a plan year outside this is a typo (`--year 24`)


@dataclass(frozen=True)
class Key:
    name: str
    label: str  # what the bureau calls it
    kind: str
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int | None = None


SCHEMA: dict[str, tuple[Key, ...]] = {
    "plan": (
        Key("title", "计划标题", TEXT),
        Key("doc_number", "发文字号", TEXT),
        Key("issue_date", "成文日期", DATE),
        Key("recipients", "主送机关", TEXT),
        Key("basis", "编制依据", TEXT_LIST),
        Key("share_base", "重点/一般占比的计算基础", CHOICE, choices=("visits", "units", "workdays")),
        Key("share_decimals", "占比保留的小数位数", INT, low=0, high=3),
        Key("required_visits", "应检查户次", INT, low=0),
        Key("seed", "固定的抽取种子", SEED),
    ),
    "document": (
        Key("issuer_mark", "发文机关标志", TEXT),
        Key("signer", "发文机关署名", TEXT),
        Key("cc", "抄送机关", TEXT_LIST),
        Key("printer", "印发机关", TEXT),
        Key("print_date", "印发日期", DATE),
    ),
    "key": (Key("arrangement", "重点检查安排表", FILE),),
    "general": (
        Key("mode", "一般检查单位的确定方式", CHOICE, choices=("draw", "all")),
        Key("sectors", "各行业抽取户数和责任单位", SECTORS),
    ),
    "workdays": (Key("files", "工作日测算表", FILE_LIST),),
}
SECTOR_KEYS = (Key("units", "抽取户数", INT, low=0), Key("offices", "责任单位及户数", OFFICES))
CHOICE_WORDS = {
    "visits": "检查次数",
    "units": "户数",
    "workdays": "监督检查工作日",
    "draw": "“双随机”抽取",
    "all": "全部列入",
}

CONFIG_MISSING = "{file}：文件不存在"
CONFIG_EMPTY = "{file}：文件是空的，没有任何编制参数（至少应有 [plan] 表的 title）"
CONFIG_UNKNOWN_KEY = "{file}：未知的键「{key}」{hint}"
CONFIG_HINT_NEAR = "，是否应为「{near}」？"
CONFIG_HINT_TABLE = "，它应写在 [{table}] 表中"
CONFIG_HINT_KNOWN = "（此处可用的键：{known}）"
CONFIG_NOT_TABLE = "{file}：「{key}」应为一个表，写作 [{key}]"
CONFIG_NOT_TEXT = "{file}：「{key}」（{label}）应为文字，用英文双引号括起，实际为 {value}"
CONFIG_NOT_TEXT_LIST = '{file}：「{key}」（{label}）应为文字列表，写作 ["…", "…"]，实际为 {value}'
CONFIG_NOT_DATE = "{file}：「{key}」（{label}）应为日期，写作 2025-03-01，实际为 {value}"
CONFIG_NOT_INT = "{file}：「{key}」（{label}）应为整数（阿拉伯数字，不加引号），实际为 {value}"
CONFIG_OUT_OF_RANGE = "{file}：「{key}」（{label}）应在 {low}—{high} 之间，实际为 {value}"
CONFIG_NEGATIVE = "{file}：「{key}」（{label}）不能为负数，实际为 {value}"
CONFIG_BAD_CHOICE = "{file}：「{key}」（{label}）应为 {choices} 之一，实际为 {value}"
CONFIG_UNKNOWN_SECTOR = '{file}：[general.sectors."{sector}"] 不是可抽取的行业{hint}（可用：{known}）'
CONFIG_OFFICE_SHAPE = '{file}：「{key}」第 {n} 项应写作 ["股室/科室名称", 户数]，实际为 {value}'
CONFIG_UNKNOWN_OFFICE = (
    "{file}：「{key}」中的「{office}」不是本局的股室/科室或执法队{hint}（本局有：{known}）"
)
CONFIG_UNITS_MISSING = "{file}：缺少「{key}」（抽取户数）"
CONFIG_OFFICES_TOO_MANY = "{file}：「{key}」各责任单位共 {given} 户，多于抽取户数 {units} 户"
CONFIG_FILE_MISSING = "{file}：「{key}」（{label}）指向的文件 {target} 不存在"
CONFIG_FILE_BAD = "{file}：「{key}」（{label}）指向的 {target} 有误：{problems}"
CONFIG_SHEET_YEAR = (
    "{file}：「{key}」指向的工作日测算表 {target} 是 {sheet_year} 年度的，与计划年度 {year} 不一致"
)
PLAN_YEAR_BAD = "年度应为四位数的年份（{low}—{high}），实际为 {value}"


@dataclass(frozen=True)
class PlanContext:
    """What the file is checked against: the plan's year and the agency's office names and aliases (None: the
    check is skipped, e.g. when no agency is known yet)."""

    year: int | None = None
    offices: frozenset[str] | None = None


def plan_year_problem(value: object) -> str | None:
    """A Chinese sentence when `value` is not a plausible four-digit plan year, else None."""
    low, high = YEARS
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return None
    return PLAN_YEAR_BAD.format(low=low, high=high, value=value)


def shown(value: object) -> str:
    return (
        f"「{value}」"
        if isinstance(value, str)
        else repr(value)
        if not isinstance(value, date)
        else str(value)
    )


def hint_for(name: str, valid: list[str], elsewhere: dict[str, str] | None = None, prefix: str = "") -> str:
    """'，是否应为「plan.share_base」？' for the nearest valid key, else where the key belongs or what is valid."""
    if elsewhere and name in elsewhere:
        return CONFIG_HINT_TABLE.format(table=elsewhere[name])
    near = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    if near:
        return CONFIG_HINT_NEAR.format(near=f"{prefix}.{near[0]}" if prefix else near[0])
    return CONFIG_HINT_KNOWN.format(known="、".join(valid))
