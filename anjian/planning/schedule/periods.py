"""Calendar arithmetic the scheduler needs: quarters, months, weeks (first day from the pack), Chinese labels.

Working days themselves are an input; nothing here decides whether a date is a holiday.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

CN_NUMERALS = "〇一二三四五六七八九十"
CN_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def week_start(day: dt.date, first_weekday: int = 0) -> dt.date:
    """The first day of the week holding `day`; weeks run from `first_weekday` (0 = Monday) for seven days."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}年第{CN_NUMERALS[quarter]}季度"


def month_label(year: int, month: int) -> str:
    return f"{year}年{month}月"


def week_label(start: dt.date) -> str:
    end = start + dt.timedelta(days=6)
    return f"{start.month}月{start.day}日—{end.month}月{end.day}日"


def date_label(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def weekday_label(day: dt.date) -> str:
    return CN_WEEKDAYS[day.weekday()]


def periods_label(periods: Iterable[Iterable[int]]) -> str:
    """第二、四季度 for whole quarters, otherwise the months (4月、5月)."""
    groups = [tuple(sorted(p)) for p in periods]
    quarter_groups = [g for g in groups if len(g) == 3 and g[0] % 3 == 1 and g[2] == g[0] + 2]
    if len(quarter_groups) == len(groups):
        return "第" + "、".join(CN_NUMERALS[quarter_of(g[0])] for g in groups) + "季度"
    return "、".join("、".join(f"{m}月" for m in g) for g in groups)


def longest_free_run(year: int, month: int, busy_days: Iterable[int]) -> tuple[int, int, int]:
    """The longest run of consecutive calendar days of the month with none of `busy_days`.

    Returns (length, first_day, last_day); length 0 when every day is busy.
    """
    busy = set(busy_days)
    best = (0, 0, 0)
    start = None
    last = month_length(year, month)
    for d in range(1, last + 2):
        if d <= last and d not in busy:
            start = d if start is None else start
            continue
        if start is not None and d - start > best[0]:
            best = (d - start, start, d - 1)
        start = None
    return best


def split_by_weight(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights` with the largest-remainder method (the parts sum to `total`)."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: (raw[i] - parts[i], weights[i]), reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts
