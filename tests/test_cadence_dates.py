"""Calendar arithmetic of the cadence: anniversaries, lunar dates, holidays, working days."""

from __future__ import annotations

from datetime import date

import pytest
from lunardate import LunarDate

from dealerdesk.retention.cadence.dates import (
    WorkCalendar,
    anniversary,
    fmt_day,
    greeted_holidays,
    lunar_label,
    lunar_occurrences,
    lunar_parts,
    lunar_to_solar,
    occurrences,
    solar_occurrences,
)
from dealerdesk.retention.cadence.planner import fits
from dealerdesk.retention.cadence.rules import DEFAULT_HOLIDAY_PICKS

CN = DEFAULT_HOLIDAY_PICKS["CN"]


# -- solar anniversaries -----------------------------------------------------------------
def test_29_february_falls_on_28_february_in_common_years() -> None:
    leapling = date(1988, 2, 29)
    assert anniversary(leapling, 2027) == date(2027, 2, 28)
    assert anniversary(leapling, 2028) == date(2028, 2, 29)


@pytest.mark.parametrize("day", [date(1990, 1, 31), date(1990, 3, 31), date(1990, 12, 31)])
def test_month_end_dates_keep_their_day(day: date) -> None:
    assert anniversary(day, 2027) == day.replace(year=2027)


def test_solar_occurrences_are_within_the_window_and_after_the_date_itself() -> None:
    d = date(2026, 12, 30)
    assert solar_occurrences(d, date(2026, 12, 1), date(2027, 1, 31)) == []  # the date itself
    assert solar_occurrences(d, date(2027, 12, 1), date(2028, 1, 31)) == [
        (2027, date(2027, 12, 30))
    ]
    # a window across New Year finds the right year
    jan = date(1980, 1, 2)
    assert solar_occurrences(jan, date(2026, 12, 20), date(2027, 1, 10)) == [
        (2027, date(2027, 1, 2))
    ]


# -- lunar dates -------------------------------------------------------------------------
def test_lunar_parts_and_back_again() -> None:
    assert lunar_parts(date(1980, 5, 17)) == (1980, 4, 4, False)
    assert lunar_to_solar(2027, 4, 4) == LunarDate(2027, 4, 4).to_solar_date()
    assert lunar_label(date(1980, 5, 17)) == "lunar 4/4"


def test_lunar_day_30_becomes_day_29_in_a_short_month() -> None:
    born = date(2027, 4, 6)  # lunar 2027-02-30: the second month of 2027 has 30 days
    assert lunar_parts(born) == (2027, 2, 30, False)
    with pytest.raises(ValueError):
        LunarDate(2026, 2, 30).to_solar_date()  # ...but 2026's has only 29
    assert lunar_to_solar(2026, 2, 30) == LunarDate(2026, 2, 29).to_solar_date()


def test_leap_month_birthday_uses_the_leap_month_only_when_the_year_has_it() -> None:
    born = date(2025, 8, 1)  # lunar leap 6th month, day 8
    assert lunar_parts(born) == (2025, 6, 8, True)
    assert lunar_label(born) == "lunar leap 6/8"
    # 2026 has no leap month: the regular 6th month
    assert lunar_to_solar(2026, 6, 8, True) == LunarDate(2026, 6, 8).to_solar_date()
    # 2036 has a leap 6th month again: celebrated in it, a month after the regular one
    assert LunarDate.leap_month_for_year(2036) == 6
    leap = lunar_to_solar(2036, 6, 8, True)
    assert leap == LunarDate(2036, 6, 8, True).to_solar_date()
    assert leap is not None and leap > LunarDate(2036, 6, 8).to_solar_date()


def test_lunar_birthday_this_year_as_a_solar_date() -> None:
    born = date(1980, 5, 17)
    got = lunar_occurrences(born, date(2027, 1, 1), date(2027, 12, 31))
    assert got == [(2027, LunarDate(2027, 4, 4).to_solar_date())]
    assert got[0][1] != anniversary(born, 2027)  # not the solar birthday


def test_lunar_12th_month_birthday_falls_in_the_next_solar_year() -> None:
    born = date(1990, 1, 20)  # lunar 1989-12-24
    got = lunar_occurrences(born, date(2026, 12, 1), date(2027, 3, 1))
    assert got == [(2026, LunarDate(2026, 12, 24).to_solar_date())]
    assert got[0][1].year == 2027


def test_occurrence_keys_tell_lunar_from_solar() -> None:
    born = date(1980, 5, 17)
    window = (date(2027, 1, 1), date(2027, 12, 31))
    assert occurrences(born, False, *window) == [("2027", date(2027, 5, 17))]
    assert occurrences(born, True, *window)[0][0] == "L2027"


# -- holidays and working days ---------------------------------------------------------------
def test_greeted_chinese_holidays_first_day_only_with_local_names() -> None:
    got = greeted_holidays("CN", date(2027, 1, 1), date(2027, 12, 31), CN)
    assert [(h.day, h.code) for h in got] == [
        (date(2027, 1, 1), "newyear"),
        (date(2027, 2, 6), "spring"),  # not New Year's Eve, not the observed days
        (date(2027, 6, 9), "dragonboat"),
        (date(2027, 9, 15), "midautumn"),
        (date(2027, 10, 1), "national"),  # once, although the holiday lasts a week
    ]
    assert got[1].title == "Chinese New Year (Spring Festival) (春节)"


def test_every_holiday_once_when_no_picks_and_no_qingming_by_default() -> None:
    everything = greeted_holidays("CN", date(2027, 1, 1), date(2027, 12, 31), None)
    assert "tombsweepingday" in {h.code for h in everything}
    assert all("observed" not in h.name.lower() for h in everything)
    picked = greeted_holidays("CN", date(2027, 1, 1), date(2027, 12, 31), CN)
    assert all(h.code != "tombsweepingday" for h in picked)


def test_other_country_and_unknown_country() -> None:
    de = greeted_holidays("DE", date(2027, 10, 1), date(2027, 10, 31))
    assert [(h.day, h.name) for h in de] == [(date(2027, 10, 3), "German Unity Day")]
    with pytest.raises(ValueError, match="no holiday calendar"):
        greeted_holidays("XX", date(2027, 1, 1), date(2027, 12, 31))


def test_working_days_weekends_holidays_and_make_up_days() -> None:
    cal = WorkCalendar("CN")
    assert cal.is_working_day(date(2027, 1, 4))  # Monday
    assert not cal.is_working_day(date(2027, 1, 9))  # Saturday
    assert not cal.is_working_day(date(2027, 10, 4))  # National Day week, a Monday
    assert cal.is_working_day(date(2026, 2, 14))  # a Saturday worked in exchange (调休)


def test_a_holiday_on_a_weekend_moves_the_task_to_the_previous_working_day() -> None:
    cal = WorkCalendar("CN")
    # Spring Festival 2027 is a Saturday and its eve a holiday: the task is on Thursday.
    assert cal.previous_working_day(date(2027, 2, 5)) == date(2027, 2, 4)
    # New Year's Day 2023 was a Sunday: the day before is a Saturday, so Friday.
    assert cal.previous_working_day(date(2022, 12, 31)) == date(2022, 12, 30)
    assert cal.previous_working_day(date(2027, 3, 3)) == date(2027, 3, 3)  # a Wednesday


def test_next_and_added_working_days() -> None:
    cal = WorkCalendar("CN")
    friday = date(2027, 3, 5)
    assert cal.add_working_days(friday, 1) == date(2027, 3, 8)
    assert cal.add_working_days(friday, 0) == friday
    assert cal.next_working_day(date(2027, 3, 6)) == date(2027, 3, 8)
    # after the National Day week as the library has it for 2027 (1–5 October)
    assert cal.add_working_days(date(2027, 9, 30), 1) == date(2027, 10, 6)


# -- the fatigue window ------------------------------------------------------------------
def test_fits_counts_contacts_in_any_30_day_window() -> None:
    d = date(2027, 3, 1).toordinal()
    assert fits([], d, 2, 30)
    assert fits([d - 10], d, 2, 30)
    assert not fits([d - 10, d - 5], d, 2, 30)
    assert fits([d - 30, d - 29], d, 2, 30)  # both 30+ days before: a new window
    assert not fits([d - 20, d + 9], d, 2, 30)  # a window around it holds three
    assert fits([d - 20, d + 10], d, 2, 30)  # 30 days apart: no window holds all three
    assert not fits([d], d, 1, 30)
    assert not fits([], d, 0, 30)


def test_fmt_day_is_unambiguous() -> None:
    assert fmt_day(date(2027, 2, 6)) == "Sat 6 Feb 2027"
