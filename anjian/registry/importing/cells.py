"""Cell values as people type them in Excel/WPS: text, 是/否, dates, classes A–D, quarters, unit lists.

Each parser takes the raw cell (str, int, float, datetime or None) and returns the clean value or raises
`CellProblem`, which names the error code and template; the caller adds the file, row and column.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import (
    IMPORT_BAD_BOOL,
    IMPORT_BAD_CLASS,
    IMPORT_BAD_DATE,
    IMPORT_BAD_NUMBER,
    IMPORT_BAD_QUARTERS,
    IMPORT_BAD_REGION,
    IMPORT_NUMBER_TOO_LARGE,
)


class _UncachedFormula:
    """A formula cell whose computed value the file does not contain (written by a program, never opened and
    saved in Excel/WPS): not blank, and not a value either."""

    def __str__(self) -> str:
        return "=?"

    def __repr__(self) -> str:
        return "UNCACHED_FORMULA"


UNCACHED_FORMULA = _UncachedFormula()


class CellProblem(Exception):
    def __init__(self, code: str, template: str, **values: object):
        self.code = code
        self.template = template
        self.values = values
        super().__init__(code)


_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹａｂｃｄ－／．",
    "0123456789ABCDEFGHJKLMNPQRTUWXYabcd-/.",
)


def text(raw: object) -> str:
    """The cell as trimmed text; whole floats lose their '.0', dates become ISO dates, inner runs of blanks
    collapse to one space."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return " ".join(raw.split())  # str.split() also splits on the ideographic and no-break spaces
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return " ".join(str(raw).split())


def compact(raw: object) -> str:
    """Text without any blank and with full-width digits/letters made half-width (codes, classes, dates)."""
    return "".join(text(raw).split()).translate(_FULLWIDTH)


TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "有", "涉及", "构成", "t"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "✗", "无", "不涉及", "不构成", "f", "/", "-", "—"}


def boolean(raw: object, default: bool | None = False) -> bool | None:
    if isinstance(raw, bool):
        return raw
    word = compact(raw).lower()
    if not word:
        return default
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellProblem("import_bad_bool", IMPORT_BAD_BOOL, value=text(raw))


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
YEARS = (1900, 2100)  # a typed date outside these years is a typo


def date(raw: object) -> dt.date | None:
    """ISO, slashes, dots, 2024年1月31日, 20240131, a real date cell, or an Excel serial day number."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 1 <= raw < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
    value = compact(raw)
    if not value:
        return None
    value = re.sub(r"[ T]?00:00(:00)?$", "", value)
    for pattern in _DATE_PATTERNS:
        if m := pattern.match(value):
            try:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
            if YEARS[0] <= day.year <= YEARS[1]:
                return day
            break
    raise CellProblem("import_bad_date", IMPORT_BAD_DATE, value=text(raw))


MAX_COUNT = 2_147_483_647  # the largest value an integer column holds on every supported database


def count(raw: object) -> int | None:
    """A non-negative whole number (死亡人数, 边坡高度, 排序); blank gives None."""
    value = compact(raw)
    if not value:
        return None
    value = re.sub(r"(人|米|m)$", "", value)
    if re.fullmatch(r"\d+(\.0+)?", value):
        number = int(value.split(".")[0])
        if number > MAX_COUNT:
            raise CellProblem(
                "import_number_too_large", IMPORT_NUMBER_TOO_LARGE, value=text(raw), limit=MAX_COUNT
            )
        return number
    raise CellProblem("import_bad_number", IMPORT_BAD_NUMBER, value=text(raw))


def mine_class(raw: object) -> str:
    """A–D from 'A', 'a', 'A类', 'A级', 'Ａ'; blank gives ''."""
    value = compact(raw).upper()
    value = re.sub(r"(类|级|类别|等级)$", "", value)
    if not value:
        return ""
    if value in {"A", "B", "C", "D"}:
        return value
    raise CellProblem("import_bad_class", IMPORT_BAD_CLASS, value=text(raw))


def region(raw: object) -> str:
    value = compact(raw)
    if not value:
        return ""
    if re.fullmatch(r"\d{6}", value):
        return value
    raise CellProblem("import_bad_region", IMPORT_BAD_REGION, value=text(raw))


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_WHOLE_YEAR = {"全年": (1, 2, 3, 4), "上半年": (1, 2), "下半年": (3, 4)}


def quarters(raw: object) -> tuple[int, ...]:
    """Quarter windows: '第二、四季度' → (2, 4); '第一、二、三季度' → (1, 2, 3); '全年' → (1, 2, 3, 4).

    Returns sorted, distinct quarter numbers; blank gives (). Raises CellProblem on anything else."""
    value = compact(raw)
    if not value:
        return ()
    if value in _WHOLE_YEAR:
        return _WHOLE_YEAR[value]
    body = re.sub(r"^第|季度?$|季$", "", value)
    parts = [p for p in re.split(r"[、，,/和及第季度]+", body) if p]
    found = []
    for part in parts:
        span = re.fullmatch(r"([一二三四1-4])[-—~至到]([一二三四1-4])", part)
        if span:
            found += range(_CN_DIGITS[span[1]], _CN_DIGITS[span[2]] + 1)
        elif all(c in _CN_DIGITS for c in part):
            found += [_CN_DIGITS[c] for c in part]
        else:
            raise CellProblem("import_bad_quarters", IMPORT_BAD_QUARTERS, value=text(raw))
    if not found:
        raise CellProblem("import_bad_quarters", IMPORT_BAD_QUARTERS, value=text(raw))
    return tuple(sorted(set(found)))


_UNIT_SPLIT = re.compile(r"[、，,；;/\n]+")


def names(raw: object) -> tuple[str, ...]:
    """A list of unit or office names split on 、，,；; — '危险化学品安全监督管理科、 办公室' → two names."""
    return tuple(n for n in (p.strip() for p in _UNIT_SPLIT.split(text(raw))) if n)
