"""Calendar: the plan formula, the day calendar with make-up days, pack notices, unknown years (§8)."""

import datetime as dt

import pytest

from anjian.planning.calendar import (
    CALENDAR_BAD_NOTICE,
    CALENDAR_NO_HOLIDAY_RULE,
    CALENDAR_NOTICE_INCOMPLETE,
    CALENDAR_YEAR_UNKNOWN,
    CalendarError,
    add_workdays,
    is_workday,
    statutory_workdays,
    weekend_days,
    workdays,
    year_calendar,
)
from anjian.planning.rules import load_pack

NOTICE_2027 = """
[calendar.notices.2027.holidays]
value = [
    { name = "元旦", start = 2027-01-01, end = 2027-01-03 },
    { name = "国庆节", start = 2027-10-01, end = 2027-10-07 },
]
source = "国务院办公厅关于2027年部分节假日安排的通知（测试用）"
mark = "U"

[calendar.notices.2027.makeup_workdays]
value = [{ date = 2027-09-26, name = "国庆节" }]
source = "国务院办公厅关于2027年部分节假日安排的通知（测试用）"
mark = "U"
"""


def user_pack(tmp_path, body, pack_id="bureau"):
    folder = tmp_path / pack_id
    folder.mkdir()
    (folder / "pack.toml").write_text(
        f'[pack]\nid = "{pack_id}"\nname = "本局"\nextends = "national"\n', "utf-8"
    )
    (folder / "calendar.toml").write_text(body, "utf-8")
    return load_pack(pack_id, [tmp_path])


@pytest.fixture(scope="module")
def national():
    return load_pack("national")


def test_formula_counts_the_real_weekend_days_not_a_constant_104(national):
    assert weekend_days(2022, national) == 105
    assert statutory_workdays(2022, national).value == 365 - 105 - 11


def test_holiday_count_is_11_before_2025_and_13_from_2025_with_its_citation(national):
    assert statutory_workdays(2024, national).holidays == 11
    s2025 = statutory_workdays(2025, national)
    assert s2025.holidays == 13
    assert "国务院令第795号" in s2025.holiday_rule and "已核对法规原文" in s2025.holiday_rule


def test_formula_works_for_a_year_without_a_notice_because_the_law_fixes_the_count(national):
    assert statutory_workdays(2027, national).formula() == "365 − 104 − 13 = 248"


def test_year_before_any_holiday_count_rule_is_refused(national):
    with pytest.raises(CalendarError) as err:
        statutory_workdays(2005, national)
    assert err.value.code == "calendar_no_holiday_rule"
    assert err.value.message == CALENDAR_NO_HOLIDAY_RULE.format(pack="national", year=2005)


def test_unknown_year_raises_a_chinese_error_asking_for_the_state_council_notice(national):
    with pytest.raises(CalendarError) as err:
        year_calendar(2032, national)  # neither a notice, nor chinese_calendar, nor a provisional calendar
    assert err.value.code == "calendar_year_unknown"
    assert "国务院办公厅关于 2032 年部分节假日安排的通知录入规则包" in err.value.message
    assert err.value.message.startswith(CALENDAR_YEAR_UNKNOWN.split("：")[0].format(year=2032))


def test_a_year_without_its_notice_gets_a_provisional_calendar_of_the_statutory_holidays(national):
    cal = year_calendar(2027, national)
    assert cal.provisional and "暂定" in cal.warning and "calendar.notices.2027" in cal.warning
    # the 13 statutory days of the law, nothing swapped: 春节 is 除夕 and 正月初一至初三
    assert len(cal.days_off) == national_holiday_days(national, 2027) == 13
    assert [d.day for d in cal.days_off if d.name == "春节"] == [dt.date(2027, 2, n) for n in (5, 6, 7, 8)]
    assert cal.makeup_workdays == ()
    assert not cal.is_workday(dt.date(2027, 10, 1)) and cal.is_workday(dt.date(2027, 10, 4))
    assert cal.source.startswith("暂定：《全国年节及纪念日放假办法》")
    assert not year_calendar(2026, national).provisional and year_calendar(2026, national).warning is None


def national_holiday_days(pack, year: int) -> int:
    return statutory_workdays(year, pack).holidays


def test_a_notice_entered_in_the_pack_replaces_the_provisional_calendar(tmp_path):
    cal = year_calendar(2027, user_pack(tmp_path, NOTICE_2027))
    assert not cal.provisional and cal.is_workday(dt.date(2027, 9, 26))


def test_notice_entered_in_a_user_pack_makes_the_year_usable(tmp_path):
    pack = user_pack(tmp_path, NOTICE_2027)
    cal = year_calendar(2027, pack)
    assert not cal.is_workday(dt.date(2027, 10, 4))  # a Monday inside National Day
    assert cal.is_workday(dt.date(2027, 9, 26))  # a Sunday worked in exchange
    assert cal.holiday_name(dt.date(2027, 1, 2)) == "元旦"
    weekdays_off = sum(d.day.weekday() < 5 for d in cal.days_off)
    assert cal.calendar_workdays == 365 - 104 - weekdays_off + 1
    assert "测试用" in cal.source


def test_makeup_workday_on_a_weekday_is_refused_with_its_place(tmp_path):
    pack = user_pack(tmp_path, NOTICE_2027.replace("2027-09-26", "2027-09-27"))
    with pytest.raises(CalendarError) as err:
        year_calendar(2027, pack)
    assert err.value.message == CALENDAR_BAD_NOTICE.format(
        pack="bureau", year=2027, field="makeup_workdays", index=1, detail="2027-09-27 不是周末，无需调休上班"
    )


def test_notice_without_its_makeup_list_is_incomplete(tmp_path):
    body = NOTICE_2027.split("[calendar.notices.2027.makeup_workdays]")[0]
    with pytest.raises(CalendarError) as err:
        year_calendar(2027, user_pack(tmp_path, body))
    assert err.value.message == CALENDAR_NOTICE_INCOMPLETE.format(
        pack="bureau", year=2027, field="makeup_workdays"
    )


def test_day_calendar_knows_2024_holidays_and_makeup_saturdays(national):
    assert not is_workday(dt.date(2024, 10, 1), national)
    assert is_workday(dt.date(2024, 10, 12), national)  # Saturday worked for National Day
    assert not is_workday(dt.date(2024, 10, 13), national)
    assert workdays(2024, national)[0] == dt.date(2024, 1, 2)


def test_calendar_refuses_a_day_of_another_year(national):
    with pytest.raises(ValueError, match="不在 2024 年"):
        year_calendar(2024, national).is_workday(dt.date(2025, 1, 2))


def test_counting_working_days_skips_the_national_day_week(national):
    assert add_workdays(dt.date(2024, 9, 30), 5, national) == dt.date(2024, 10, 12)
    assert add_workdays(dt.date(2024, 12, 31), 1, national) == dt.date(2025, 1, 2)


def test_2026_pack_notice_agrees_with_chinese_calendar(national):
    """The 2026 notice (docs/business-rules.md §8) is entered in the national pack; it must match the library."""
    import chinese_calendar

    cal = year_calendar(2026, national)
    assert "2026年部分节假日安排" in cal.source
    for day in (dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(365)):
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
