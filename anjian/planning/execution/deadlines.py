"""Deadlines of the execution stage: reports, reviews, penalty publication, adjustment filings (docs/business-rules.md §1, §9).

Contract: every deadline is `days` after a start date counted in working days (the day calendar of the pack)
or in calendar days, both read from the rule pack under `execution.<key>.days` / `.day_type`; the start day
itself is not counted. `judge` compares a completion date (or today, when not done) with the due date.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from anjian.planning.calendar import add_workdays
from anjian.planning.rules import RulePack

DEADLINE_BAD_DAY_TYPE = "规则包 {pack} 中 execution.{key}.day_type = {value!r}，应为 working 或 calendar"
DEADLINE_LATE = "{label}应于{due}前完成，实际{done}完成，逾期{days}日"
DEADLINE_OVERDUE = "{label}应于{due}前完成，至{today}仍未完成，已逾期{days}日"
DEADLINE_DUE_SOON = "{label}应于{due}前完成，尚余{days}日"


class DayType(StrEnum):
    WORKING = "working"  # 工作日
    CALENDAR = "calendar"  # 自然日


class DeadlineStatus(StrEnum):
    ON_TIME = "on_time"  # 按时完成
    LATE = "late"  # 逾期完成
    OVERDUE = "overdue"  # 逾期未完成
    PENDING = "pending"  # 未到期


STATUS_LABELS = {
    DeadlineStatus.ON_TIME: "按时",
    DeadlineStatus.LATE: "逾期完成",
    DeadlineStatus.OVERDUE: "逾期未完成",
    DeadlineStatus.PENDING: "未到期",
}


@dataclass(frozen=True)
class Rule:
    days: int
    day_type: DayType
    citation: str


@dataclass(frozen=True)
class Deadline:
    """One tracked obligation: what, from when, due when, done when, and how it stands on `today`."""

    key: str
    label: str
    start: dt.date
    due: dt.date
    day_type: DayType
    done_on: dt.date | None
    status: DeadlineStatus
    days_late: int
    basis: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def message(self, today: dt.date) -> str:
        if self.status == DeadlineStatus.LATE:
            return DEADLINE_LATE.format(
                label=self.label, due=self.due, done=self.done_on, days=self.days_late
            )
        if self.status == DeadlineStatus.OVERDUE:
            return DEADLINE_OVERDUE.format(label=self.label, due=self.due, today=today, days=self.days_late)
        return DEADLINE_DUE_SOON.format(label=self.label, due=self.due, days=max((self.due - today).days, 0))


def deadline_rule(pack: RulePack, key: str) -> Rule:
    """The `execution.<key>` deadline rule of the pack; raises ValueError for an unknown day type."""
    days_rule = pack.rule(f"execution.{key}.days")
    raw = str(pack.value(f"execution.{key}.day_type"))
    if raw not in {t.value for t in DayType}:
        raise ValueError(DEADLINE_BAD_DAY_TYPE.format(pack=pack.id, key=key, value=raw))
    return Rule(int(days_rule.value), DayType(raw), days_rule.citation)


def due_date(start: dt.date, rule: Rule, pack: RulePack) -> dt.date:
    if rule.day_type == DayType.WORKING:
        return add_workdays(start, rule.days, pack)
    return start + dt.timedelta(days=rule.days)


def publication_due(decided_on: dt.date, pack: RulePack) -> dt.date:
    """The last day to publish a penalty decision decided on `decided_on` (rule `execution.penalty.publication`)."""
    return due_date(decided_on, deadline_rule(pack, "penalty.publication"), pack)


def judge(
    key: str,
    label: str,
    start: dt.date,
    due: dt.date,
    day_type: DayType,
    done_on: dt.date | None,
    today: dt.date,
    basis: str = "",
) -> Deadline:
    """On time when done on or before `due`; late (days counted in calendar days) otherwise."""
    if done_on is not None:
        late = max((done_on - due).days, 0)
        status = DeadlineStatus.LATE if late else DeadlineStatus.ON_TIME
    else:
        late = max((today - due).days, 0)
        status = DeadlineStatus.OVERDUE if late else DeadlineStatus.PENDING
    return Deadline(key, label, start, due, day_type, done_on, status, late, basis)


def track(
    pack: RulePack, key: str, label: str, start: dt.date, done_on: dt.date | None, today: dt.date
) -> Deadline:
    """The deadline `execution.<key>` counted from `start`, judged against `done_on` on `today`."""
    rule = deadline_rule(pack, key)
    return judge(key, label, start, due_date(start, rule, pack), rule.day_type, done_on, today, rule.citation)


@dataclass(frozen=True)
class Period:
    """A reporting period: a month, a quarter or the year; `first`..`last` inclusive."""

    kind: str  # month / quarter / year
    year: int
    number: int  # month 1–12, quarter 1–4, 1 for the year
    first: dt.date
    last: dt.date

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{'一二三四'[self.number - 1]}季度"
        return f"{self.year}年度"

    @property
    def report_key(self) -> str:
        return {"month": "report.monthly", "quarter": "report.quarterly", "year": "report.annual"}[self.kind]


def month(year: int, number: int) -> Period:
    return Period("month", year, number, dt.date(year, number, 1),
                  dt.date(year, number, _cal.monthrange(year, number)[1]))  # fmt: skip


def quarter(year: int, number: int) -> Period:
    first, last = month(year, 3 * number - 2), month(year, 3 * number)
    return Period("quarter", year, number, first.first, last.last)


def whole_year(year: int) -> Period:
    return Period("year", year, 1, dt.date(year, 1, 1), dt.date(year, 12, 31))


def report_deadline(pack: RulePack, period: Period, submitted_on: dt.date | None, today: dt.date) -> Deadline:
    """When the report of `period` is due (counted from the period's last day) and whether it was on time."""
    return track(pack, period.report_key, f"{period.label}执行情况报送", period.last, submitted_on, today)
