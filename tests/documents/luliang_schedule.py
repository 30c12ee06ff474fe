"""Derived schedule data for the Lüliang sample: breakdowns by quarter/month/ISO week, draws and visit dates.

Deterministic: each visit goes to the first quarters of its row's window; weeks are the ISO weeks whose Monday
falls in the quarter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

from anjian.documents.snapshot import BreakdownRow, DrawSummary, GeneralSection, KeySection, VisitRow

QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
CN_DIGITS = "一二三四"


def _quarters_of(text: str) -> list[int]:
    return [i for i, d in enumerate(CN_DIGITS) if d in text.removeprefix("第").split("季度")[0]]


def breakdown(keys: tuple[KeySection, ...], generals: tuple[GeneralSection, ...]) -> tuple[BreakdownRow, ...]:
    """Entries per office by quarter, month and ISO week; a visit goes to the first quarters of its window."""
    per_quarter: Counter[tuple[str, int]] = Counter()
    entries = [(r.responsible, r.quarters_text, r.visits) for s in keys for r in s.rows]
    entries += [(r.responsible, r.quarters_text, r.visits) for s in generals for r in s.rows]
    for responsible, quarters_text, visits in entries:
        quarters = _quarters_of(quarters_text) or [0]
        for v in range(visits):
            for office in responsible.split("、"):
                per_quarter[(office, quarters[v % len(quarters)])] += 1
    offices = sorted({o for o, _q in per_quarter}, key=lambda o: (o == "办公室", o))
    rows = []
    for office in offices:
        for q in range(4):
            n = per_quarter[(office, q)]
            rows.append(BreakdownRow(office, "quarter", QUARTERS[q], n))
            for m in range(3):
                rows.append(
                    BreakdownRow(office, "month", f"{3 * q + m + 1}月", n // 3 + (1 if m < n % 3 else 0))
                )
            weeks = _quarter_weeks(2024, q)
            for i, (number, monday) in enumerate(weeks):
                share = n // len(weeks) + (1 if i < n % len(weeks) else 0)
                sunday = monday + dt.timedelta(days=6)
                label = f"第{number}周（{monday.month}月{monday.day}日—{sunday.month}月{sunday.day}日）"
                rows.append(BreakdownRow(office, "week", label, share))
    return tuple(rows)


def _quarter_weeks(year: int, q: int) -> list[tuple[int, dt.date]]:
    """ISO weeks whose Monday falls in quarter q (0-based)."""
    day = dt.date(year, 1, 1)
    day += dt.timedelta(days=(7 - day.weekday()) % 7)
    weeks = []
    while day.year == year:
        if (day.month - 1) // 3 == q:
            weeks.append((day.isocalendar()[1], day))
        day += dt.timedelta(days=7)
    return weeks


def draws() -> tuple[DrawSummary, ...]:
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    return (
        DrawSummary(
            scope="部门内",
            commitment=digest("luliang-2024-inner-seed"),
            pool_digest=digest("inner-pool"),
            pool_size=1289,
            drawn=16,
            seed="luliang-2024-inner-seed",
        ),
        DrawSummary(
            scope="部门间",
            commitment=digest("luliang-2024-joint-seed"),
            pool_digest=digest("joint-pool"),
            pool_size=2354,
            drawn=24,
            seed="",
        ),
    )


def visits(keys: tuple[KeySection, ...]) -> tuple[VisitRow, ...]:
    rows = []
    for s in keys:
        for r in s.rows[:6]:
            quarter = (_quarters_of(r.quarters_text) or [0])[0]
            day = dt.date(2024, 3 * quarter + 2, 3 + r.seq * 2)
            rows.append(
                VisitRow(
                    date=day,
                    enterprise=r.name,
                    district="",
                    offices=r.responsible,
                    officers=f"张伟（14{r.seq:06d}）、李娜（14{r.seq + 50:06d}）",
                    joint="办公室" in r.responsible,
                )
            )
    return tuple(sorted(rows, key=lambda v: v.date))
