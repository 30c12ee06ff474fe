"""Golden calendar figures (docs/business-rules.md §8 and §11): 国家法定工作日 by the plan formula and the real day
calendar. The Lüliang 2024 plan annex 3 prints 366 − 104 − 11 = 251 for 2024."""

import pytest

from anjian.planning.calendar import statutory_workdays, year_calendar
from anjian.planning.rules import load_pack


@pytest.fixture(scope="module")
def pack():
    return load_pack("shanxi")


@pytest.mark.parametrize(
    ("year", "days", "weekend", "holidays", "value"),
    [
        (2021, 365, 104, 11, 250),
        (2022, 365, 105, 11, 249),
        (2023, 365, 105, 11, 249),
        (2024, 366, 104, 11, 251),
        (2025, 365, 104, 13, 248),
        (2026, 365, 104, 13, 248),
    ],
)
def test_statutory_workdays_by_the_plan_formula(pack, year, days, weekend, holidays, value):
    s = statutory_workdays(year, pack)
    assert (s.days_in_year, s.weekend_days, s.holidays, s.value) == (days, weekend, holidays, value)


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025, 2026])
def test_day_calendar_gives_the_same_total_as_the_formula_2021_to_2026(pack, year):
    cal = year_calendar(year, pack)
    assert cal.calendar_workdays == cal.statutory_workdays


@pytest.mark.parametrize(("year", "calendar", "formula"), [(2015, 249, 250), (2020, 249, 251)])
def test_one_off_holidays_make_the_two_calendars_differ(pack, year, calendar, formula):
    """2015 (70th anniversary day) and 2020 (extended Spring Festival): docs/business-rules.md §8."""
    cal = year_calendar(year, pack)
    assert (cal.calendar_workdays, cal.statutory_workdays) == (calendar, formula)


def test_2024_statutory_workdays_is_the_251_printed_in_file_004_annex_3(pack):
    assert statutory_workdays(2024, pack).formula() == "366 − 104 − 11 = 251"
