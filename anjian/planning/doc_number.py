"""发文字号 (document number), e.g. 夏应急发〔2025〕6号: 发文机关代字 + 〔year〕 + serial + 号 (GB/T 9704-2012 7.2.4).

The year goes in full-width hexagonal brackets 〔〕; ASCII [] or other brackets are normalised with a warning.
The year must be the plan year, the prefix the agency's 发文机关代字, the serial a positive integer without
leading zeros.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOC_NUMBER_FORMAT = "发文字号「{text}」格式不对，应为 发文机关代字〔年份〕序号号，如 夏应急发〔2025〕6号"
DOC_NUMBER_BRACKETS = "发文字号「{text}」的年份应使用六角括号〔〕，已改为「{normalised}」"
DOC_NUMBER_YEAR = "发文字号「{text}」的年份 {year} 与计划年度 {plan_year} 不一致"
DOC_NUMBER_PREFIX = "发文字号「{text}」的发文机关代字「{prefix}」与本部门的发文机关代字「{expected}」不一致"
DOC_NUMBER_SERIAL = "发文字号「{text}」的序号应为不带前导 0 的正整数"

_PATTERN = re.compile(
    r"^(?P<prefix>\S+?)\s*(?P<open>[〔\[［(（【])\s*(?P<year>\d{4})\s*[〕\]］)）】]\s*(?P<serial>\d+)\s*号$"
)


@dataclass(frozen=True)
class DocNumber:
    prefix: str
    year: int
    serial: int
    text: str  # normalised: 夏应急发〔2025〕6号


@dataclass(frozen=True)
class DocNumberCheck:
    number: DocNumber | None
    errors: tuple[tuple[str, str], ...] = ()  # (code, message)
    warnings: tuple[tuple[str, str], ...] = ()


def check_doc_number(text: str, *, year: int, prefix: str = "") -> DocNumberCheck:
    """Parse and validate `text` for a plan of `year` issued by an agency whose 发文机关代字 is `prefix`."""
    raw = text.strip()
    found = _PATTERN.match(raw)
    if not found:
        return DocNumberCheck(None, (("doc_number_format", DOC_NUMBER_FORMAT.format(text=raw)),))
    serial_text = found["serial"]
    number = DocNumber(
        found["prefix"],
        int(found["year"]),
        int(serial_text),
        f"{found['prefix']}〔{found['year']}〕{int(serial_text)}号",
    )
    errors: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    if found["open"] != "〔":
        warnings.append(("doc_number_brackets", DOC_NUMBER_BRACKETS.format(text=raw, normalised=number.text)))
    if number.serial <= 0 or serial_text.startswith("0"):
        errors.append(("doc_number_serial", DOC_NUMBER_SERIAL.format(text=raw)))
    if number.year != year:
        errors.append(("doc_number_year", DOC_NUMBER_YEAR.format(text=raw, year=number.year, plan_year=year)))
    if prefix and number.prefix != prefix:
        errors.append(
            ("doc_number_prefix", DOC_NUMBER_PREFIX.format(text=raw, prefix=number.prefix, expected=prefix))
        )
    return DocNumberCheck(number, tuple(errors), tuple(warnings))
