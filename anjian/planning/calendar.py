"""Working days of a year: the plan's formula figure and the real day calendar with make-up days.

- **formula** 国家法定工作日 = days in the year - Saturdays and Sundays - statutory holidays, the
  holiday count coming from the rule pack (`calendar.holiday_count.*`: 11 up to 2024, 13 from
  2025). The figure a plan prints and multiplies by its officers (docs/business-rules.md §8).
- **day calendar** (named holidays, make-up workdays 调休上班) for scheduling and working-day
  deadlines: a notice entered in the pack (`calendar.notices.<year>`) wins, else `chinese_calendar`,
  else the pack's provisional calendar (`calendar.provisional.<year>`: the statutory holidays' dates of
  the law, no swaps; `YearCalendar.provisional` is then True and pages say 暂定); a year none of them
  knows raises `CalendarError`. Swapped days are never guessed.
Pure functions of (year, pack); `YearCalendar` is immutable: build it once per year and ask it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import chinese_calendar
from chinese_calendar import constants as cc_constants

from anjian.planning.calendar_notices import (
    CALENDAR_BAD_NOTICE,
    CALENDAR_NOTICE_INCOMPLETE,
    CalendarError,
    DayOff,
    MakeupWorkday,
    NamedDay,
    from_notice,
    has_notice,
    has_provisional,
    holiday_periods,
)
from anjian.planning.rules import RulePack

__all__ = [
    "CALENDAR_BAD_NOTICE",
    "CALENDAR_NOTICE_INCOMPLETE",
    "CalendarError",
    "DayOff",
    "MakeupWorkday",
    "NamedDay",
    "YearCalendar",
    "has_notice",
    "year_calendar",
]

CALENDAR_YEAR_UNKNOWN = (
    "{year} 年的节假日安排尚未收录：chinese_calendar {version} 只含 {first}—{last} 年，规则包 {pack} 中也没有"
    " calendar.notices.{year}，也没有暂定日历 calendar.provisional.{year}。请把国务院办公厅关于 {year} 年部分节假日安排的"
    "通知录入规则包（calendar.notices.{year}.holidays 与 calendar.notices.{year}.makeup_workdays），"
    "通知发布前可先录入当年法定节假日的日期（calendar.provisional.{year}.holidays），系统不会推测节假日。"
)
CALENDAR_NO_HOLIDAY_RULE = (
    "规则包 {pack} 中没有适用于 {year} 年的法定节假日天数规则（calendar.holiday_count.*），"
    "无法按“全年天数 − 双休日 − 法定节假日”计算国家法定工作日。"
)
CALENDAR_DAY_OUTSIDE_YEAR = "日期 {day} 不在 {year} 年的日历内"
CALENDAR_PROVISIONAL = (
    "{year} 年的日历为暂定：国务院办公厅 {year} 年节假日安排通知尚未录入，暂按法定节假日日期和双休日排定，"
    "不含调休；通知发布后录入规则包 calendar.notices.{year}，排程和期限以通知为准"
)

CHINESE_CALENDAR_SOURCE = "chinese_calendar {version}（据国务院办公厅历年部分节假日安排的通知）"
# chinese_calendar names its festivals in English; these are the names the notices use.
FESTIVAL_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@dataclass(frozen=True)
class StatutoryWorkdays:
    """The plan formula for one year; `value` is what a plan prints as 国家法定工作日."""

    year: int
    days_in_year: int
    weekend_days: int
    holidays: int
    holiday_rule: str  # citation of the holiday-count rule used

    @property
    def value(self) -> int:
        return self.days_in_year - self.weekend_days - self.holidays

    def formula(self) -> str:
        return f"{self.days_in_year} − {self.weekend_days} − {self.holidays} = {self.value}"


@dataclass(frozen=True)
class YearCalendar:
    """The real working-day calendar of one year plus its formula figure.

    Guarantees: `days_off` and `makeup_workdays` are sorted by date and lie inside `year`; a day
    is a workday iff it is a make-up workday, or it is not a weekend day and not a day off.
    """

    year: int
    days_off: tuple[DayOff, ...]
    makeup_workdays: tuple[MakeupWorkday, ...]
    weekend_weekdays: frozenset[int]
    statutory: StatutoryWorkdays
    source: str
    provisional: bool = False  # no notice yet: the law's holiday dates and weekends, no swapped days
    _off: Mapping[dt.date, str] = field(init=False, repr=False, compare=False)
    _makeup: Mapping[dt.date, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_off", {d.day: d.name for d in self.days_off})
        object.__setattr__(self, "_makeup", {d.day: d.name for d in self.makeup_workdays})

    def _check(self, day: dt.date) -> None:
        if day.year != self.year:
            raise ValueError(CALENDAR_DAY_OUTSIDE_YEAR.format(day=day.isoformat(), year=self.year))

    def is_workday(self, day: dt.date) -> bool:
        self._check(day)
        return day in self._makeup or (day.weekday() not in self.weekend_weekdays and day not in self._off)

    @property
    def warning(self) -> str | None:
        """The Chinese warning every page showing this year's calendar must show; None for a known year."""
        return CALENDAR_PROVISIONAL.format(year=self.year) if self.provisional else None

    def holiday_name(self, day: dt.date) -> str | None:
        """The festival a day off or make-up workday belongs to; None for an ordinary day."""
        self._check(day)
        return self._off.get(day) or self._makeup.get(day)

    def workdays(self) -> list[dt.date]:
        return [d for d in _dates(self.year) if self.is_workday(d)]

    @property
    def calendar_workdays(self) -> int:
        return len(self.workdays())

    @property
    def statutory_workdays(self) -> int:
        return self.statutory.value


def _days_in_year(year: int) -> int:
    return (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days


def _dates(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=i) for i in range(_days_in_year(year))]


def _weekend(pack: RulePack) -> frozenset[int]:
    return frozenset(int(d) for d in pack.value("calendar.weekend_weekdays"))


def weekend_days(year: int, pack: RulePack) -> int:
    """Real count of weekend days in `year` (2022 and 2023 have 105, not 104)."""
    weekend = _weekend(pack)
    return sum(d.weekday() in weekend for d in _dates(year))


def statutory_workdays(year: int, pack: RulePack) -> StatutoryWorkdays:
    """The formula figure: days − weekend days − the holiday count of the latest rule whose from_year ≤ year.

    Needs no holiday notice, only the law's count, so it works for any year a count rule covers.
    """
    best: tuple[int, int, str] | None = None
    for rule in pack.section("calendar.holiday_count").values():
        start, days = int(rule.value["from_year"]), int(rule.value["days"])
        if start <= year and (best is None or start > best[0]):
            best = (start, days, rule.citation)
    if best is None:
        message = CALENDAR_NO_HOLIDAY_RULE.format(pack=pack.id, year=year)
        raise CalendarError("calendar_no_holiday_rule", message)
    return StatutoryWorkdays(
        year=year,
        days_in_year=_days_in_year(year),
        weekend_days=weekend_days(year, pack),
        holidays=best[1],
        holiday_rule=best[2],
    )


def _library() -> tuple[str, int, int]:
    """chinese_calendar's version and the first and last year it knows."""
    years = [d.year for d in cc_constants.holidays]
    return str(getattr(chinese_calendar, "__version__", "")), min(years), max(years)


def _from_library(year: int) -> tuple[list[DayOff], list[MakeupWorkday], str]:
    def named(table: dict[dt.date, str]) -> list[tuple[dt.date, str]]:
        return [(day, FESTIVAL_NAMES.get(name, name)) for day, name in table.items() if day.year == year]

    off = [DayOff(*d) for d in named(cc_constants.holidays)]
    makeup = [MakeupWorkday(*d) for d in named(cc_constants.workdays)]
    return off, makeup, CHINESE_CALENDAR_SOURCE.format(version=_library()[0])


def year_calendar(year: int, pack: RulePack) -> YearCalendar:
    """The day calendar of `year`: the pack's notice if entered, else chinese_calendar, else CalendarError."""
    weekend = _weekend(pack)
    statutory = statutory_workdays(year, pack)
    provisional = False
    version, first, last = _library()
    if has_notice(year, pack):
        off, makeup, source = from_notice(pack, year, weekend)
    elif not first <= year <= last and has_provisional(year, pack):
        off, makeup = holiday_periods(pack, year, "provisional"), []
        source, provisional = "暂定：" + pack.rule(f"calendar.provisional.{year}.holidays").citation, True
    else:
        if not first <= year <= last:
            message = CALENDAR_YEAR_UNKNOWN.format(
                year=year, version=version, first=first, last=last, pack=pack.id
            )
            raise CalendarError("calendar_year_unknown", message)
        off, makeup, source = _from_library(year)
    unique_off = {d.day: d for d in off}
    return YearCalendar(
        year=year,
        days_off=tuple(sorted(unique_off.values(), key=lambda d: d.day)),
        makeup_workdays=tuple(sorted(makeup, key=lambda d: d.day)),
        weekend_weekdays=weekend,
        statutory=statutory,
        source=source,
        provisional=provisional,
    )


def is_workday(day: dt.date, pack: RulePack) -> bool:
    """Convenience for one day; in loops build `year_calendar` once instead."""
    return year_calendar(day.year, pack).is_workday(day)


def workdays(year: int, pack: RulePack) -> list[dt.date]:
    return year_calendar(year, pack).workdays()


def add_workdays(
    start: dt.date, count: int, pack: RulePack, calendars: Iterable[YearCalendar] = ()
) -> dt.date:
    """The `count`-th working day after `start` (start itself not counted), e.g. "within 5 working days".

    Crosses year ends by building the next year's calendar (so that year must be known); pass prebuilt
    `calendars` to avoid rebuilding them.
    """
    if count < 0:
        raise ValueError("count must be ≥ 0")
    cache = {c.year: c for c in calendars}
    day, left = start, count
    while left:
        day += dt.timedelta(days=1)
        if day.year not in cache:
            cache[day.year] = year_calendar(day.year, pack)
        if cache[day.year].is_workday(day):
            left -= 1
    return day


def calendar_notes(years: Iterable[int], pack: RulePack) -> list[str]:
    """The Chinese warnings a page must show for these years: provisional calendars and unknown years."""
    notes: list[str] = []
    for year in sorted(set(years)):
        try:
            warning = year_calendar(year, pack).warning
        except CalendarError as error:
            warning = error.message
        if warning:
            notes.append(warning)
    return notes
