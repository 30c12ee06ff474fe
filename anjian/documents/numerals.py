"""How figures and ordinals are written in Chinese official documents (GB/T 9704 §7.3.5 numbering levels)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

_DIGITS = "零一二三四五六七八九"


def format_number(value: Decimal | int) -> str:
    """A figure as the plans print it: no thousands separator, no trailing zeros ("2.5", "2050")."""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return text if text not in ("-0",) else "0"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for headings and annex counts, 1–99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"ordinal out of range: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def heading1(n: int) -> str:
    """First-level number: 一、"""
    return f"{chinese_ordinal(n)}、"


def heading2(n: int) -> str:
    """Second-level number: （一）"""
    return f"（{chinese_ordinal(n)}）"


def heading3(n: int) -> str:
    """Third-level number: 1."""
    return f"{n}."


def heading4(n: int) -> str:
    """Fourth-level number: （1）"""
    return f"（{n}）"


def chinese_date(day: dt.date) -> str:
    """Unpadded date as GB/T 9704 writes it: 2025年4月27日."""
    return f"{day.year}年{day.month}月{day.day}日"
