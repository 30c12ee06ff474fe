"""The pack's calendar entries: a year's holiday notice (`calendar.notices.<year>`) and the provisional
calendar before it is published (`calendar.provisional.<year>`), read and checked into named days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from anjian.planning.rules import RulePack

CALENDAR_BAD_NOTICE = "规则包 {pack} 中 calendar.notices.{year}.{field} 第 {index} 条有误：{detail}"
CALENDAR_NOTICE_INCOMPLETE = (
    "规则包 {pack} 中 calendar.notices.{year} 缺少 {field}（没有调休也请写 value = []）"
)


class CalendarError(Exception):
    """A calendar that cannot be built; `code` is stable, the message is Chinese and says what to enter."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class NamedDay:
    """A date with the festival it belongs to."""

    day: dt.date
    name: str


DayOff = NamedDay  # a day off inside a holiday period: statutory, swapped, or a weekend inside it
MakeupWorkday = NamedDay  # a Saturday or Sunday worked because of a holiday swap (调休上班)


def _bad(pack: RulePack, year: int, what: str, index: int, detail: str) -> CalendarError:
    message = CALENDAR_BAD_NOTICE.format(pack=pack.id, year=year, field=what, index=index, detail=detail)
    return CalendarError("calendar_bad_notice", message)


def _notice_entries(pack: RulePack, year: int, what: str, section: str = "notices") -> list[dict[str, Any]]:
    key = f"calendar.{section}.{year}.{what}"
    if key not in pack.rules:
        message = CALENDAR_NOTICE_INCOMPLETE.format(pack=pack.id, year=year, field=what)
        raise CalendarError("calendar_notice_incomplete", message)
    entries = pack.value(key)
    if not isinstance(entries, list):
        raise _bad(pack, year, what, 0, "value 应为列表")
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
            raise _bad(pack, year, what, i, "每条须有 name（节日名称）")
    return entries


def _date_in_year(pack: RulePack, year: int, what: str, index: int, value: Any) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise _bad(pack, year, what, index, f"{value!r} 不是日期（TOML 写法：2027-01-01，不加引号）")
    if value.year != year:
        raise _bad(pack, year, what, index, f"{value.isoformat()} 不在 {year} 年")
    return value


def holiday_periods(pack: RulePack, year: int, section: str) -> list[DayOff]:
    """The days off of `calendar.<section>.<year>.holidays` (section: notices or provisional)."""
    off: list[DayOff] = []
    try:
        for i, entry in enumerate(_notice_entries(pack, year, "holidays", section), 1):
            start = _date_in_year(pack, year, "holidays", i, entry.get("start"))
            end = _date_in_year(pack, year, "holidays", i, entry.get("end", start))
            if end < start:
                raise _bad(pack, year, "holidays", i, "结束日期早于开始日期")
            off += [
                DayOff(start + dt.timedelta(days=n), str(entry["name"]))
                for n in range((end - start).days + 1)
            ]
    except CalendarError as error:
        # the messages name the notice's key; a provisional entry is found under its own
        raise CalendarError(
            error.code, error.message.replace("calendar.notices.", f"calendar.{section}.")
        ) from None
    return off


def from_notice(
    pack: RulePack, year: int, weekend: frozenset[int]
) -> tuple[list[DayOff], list[MakeupWorkday], str]:
    off = holiday_periods(pack, year, "notices")
    makeup: list[MakeupWorkday] = []
    for i, entry in enumerate(_notice_entries(pack, year, "makeup_workdays"), 1):
        day = _date_in_year(pack, year, "makeup_workdays", i, entry.get("date"))
        if day.weekday() not in weekend:
            raise _bad(pack, year, "makeup_workdays", i, f"{day.isoformat()} 不是周末，无需调休上班")
        makeup.append(MakeupWorkday(day, str(entry["name"])))
    return off, makeup, pack.rule(f"calendar.notices.{year}.holidays").citation


def has_notice(year: int, pack: RulePack) -> bool:
    prefix = f"calendar.notices.{year}."
    return any(key.startswith(prefix) for key in pack.rules)


def has_provisional(year: int, pack: RulePack) -> bool:
    return f"calendar.provisional.{year}.holidays" in pack.rules
