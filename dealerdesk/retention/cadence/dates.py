"""Calendar arithmetic for the cadence: anniversaries, lunar birthdays, holidays, working days.

Choices (each has a test in tests/test_cadence_dates.py):
- A 29 February date is kept on 28 February in common years (the last day of the same
  month, so the greeting never slips into March).
- A lunar date is kept as (month, day, leap). In a year whose month has only 29 days,
  day 30 becomes day 29 (the month's last day). Someone born in a leap month celebrates
  in that leap month when the year has the same one, otherwise in the regular month of
  that number — the common practice, since a given leap month recurs only every ~19 years.
- Holidays come from the ``holidays`` library. Only the first day of each greeted holiday
  counts, and "observed"/substitute days are never greeted.
- Working days are the library's: weekends and public holidays are off, and China's
  make-up working weekends (调休) are working days. A holiday is by definition a day off,
  so a holiday greeting task is due on the last working day before the holiday (which
  handles a holiday on a weekend too); the greeting itself is for the holiday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from lunardate import LunarDate

from dealerdesk.i18n import current_language

ONE_DAY = timedelta(days=1)


def anniversary(d: date, year: int) -> date:
    """*d*'s anniversary in *year*; 29 February falls on 28 February in common years."""
    try:
        return d.replace(year=year)
    except ValueError:
        return d.replace(year=year, day=28)


def solar_occurrences(d: date, start: date, end: date) -> list[tuple[int, date]]:
    """(year, date) of each anniversary of *d* within [start, end], after *d* itself."""
    out = []
    for year in range(max(start.year, d.year + 1), end.year + 1):
        when = anniversary(d, year)
        if start <= when <= end:
            out.append((year, when))
    return out


@lru_cache(maxsize=65536)
def lunar_parts(solar: date) -> tuple[int, int, int, bool] | None:
    """(lunar year, month, day, leap) of *solar*; None outside 1900–2099."""
    try:
        lunar = LunarDate.from_solar_date(solar.year, solar.month, solar.day)
    except ValueError:
        return None
    return lunar.year, lunar.month, lunar.day, bool(lunar.is_leap_month)


@lru_cache(maxsize=65536)
def lunar_to_solar(lunar_year: int, month: int, day: int, leap: bool = False) -> date | None:
    """The solar date of lunar (month, day[, leap]) in *lunar_year*, with the fallbacks above."""
    if leap and LunarDate.leap_month_for_year(lunar_year) != month:
        leap = False
    for d in (day, 29) if day == 30 else (day,):
        try:
            solar: date = LunarDate(lunar_year, month, d, leap).to_solar_date()
        except ValueError:
            continue
        return solar
    return None


def lunar_occurrences(birth: date, start: date, end: date) -> list[tuple[int, date]]:
    """(lunar year, solar date) of each lunar anniversary of *birth* within [start, end].

    A lunar year starts in late January or February, so a date late in the lunar year
    (the 11th and 12th months) falls in January/February of the next solar year: the
    lunar years checked run from one before *start*'s year.
    """
    parts = lunar_parts(birth)
    if parts is None:
        return []
    birth_year, month, day, leap = parts
    out = []
    for year in range(max(start.year - 1, birth_year + 1), end.year + 1):
        when = lunar_to_solar(year, month, day, leap)
        if when is not None and start <= when <= end:
            out.append((year, when))
    return out


def occurrences(d: date, lunar: bool, start: date, end: date) -> list[tuple[str, date]]:
    """Yearly occurrences of a personal date as (key part, date); lunar keys start with L."""
    if lunar:
        return [(f"L{y}", when) for y, when in lunar_occurrences(d, start, end)]
    return [(str(y), when) for y, when in solar_occurrences(d, start, end)]


def lunar_label(d: date) -> str:
    """ "lunar 3/8" (or "lunar leap 6/8") for the reason text."""
    parts = lunar_parts(d)
    if parts is None:
        return ""
    _, month, day, leap = parts
    if current_language() == "zh_CN":
        return f"农历{'闰' if leap else ''}{month}月{day}日"
    return f"lunar {'leap ' if leap else ''}{month}/{day}"


@dataclass(frozen=True, slots=True)
class HolidayGreeting:
    """A greeted holiday: its (first) day, a stable code for source keys, and its names."""

    day: date
    code: str
    name: str
    local_name: str

    @property
    def title(self) -> str:
        if self.local_name and self.local_name != self.name:
            return f"{self.name} ({self.local_name})"
        return self.name


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())[:16] or "holiday"


@dataclass(frozen=True, slots=True)
class _Holidays:
    """One country's public holidays for some years, as read from ``holidays`` once."""

    days: dict[date, str]  # read-only by convention (shared by every caller)
    weekend: frozenset[int]
    workdays: frozenset[date]  # weekend days worked instead (调休)
    default_language: str


@lru_cache(maxsize=64)
def _country(country: str, years: tuple[int, ...], language: str | None) -> _Holidays:
    """Cached: building a calendar takes milliseconds, and every desk write re-plans the
    customer's follow-ups, which asks for the same three calendars each time."""
    try:
        cal = holidays.country_holidays(country, years=list(years), language=language)
    except NotImplementedError as exc:
        raise ValueError(f"no holiday calendar for country {country!r}") from exc
    return _Holidays(dict(cal.items()), frozenset(getattr(cal, "weekend", {5, 6})),
                     frozenset(getattr(cal, "weekend_workdays", ()) or ()),
                     str(cal.default_language))  # fmt: skip


def greeted_holidays(
    country: str,
    start: date,
    end: date,
    picks: tuple[tuple[str, str], ...] | None = None,
    language: str | None = None,
) -> list[HolidayGreeting]:
    """The holidays to greet whose first day lies within [start, end], in date order.

    *picks* are (code, English name fragment) pairs matched against the English names
    (stable whatever the desk's language); None greets every holiday. The local name
    is in *language*, by default the country's own (春节 for CN), never the process locale.
    """
    years = tuple(range(start.year, end.year + 1))
    english = _country(country, years, "en_US")
    local = _country(country, years, language or english.default_language).days
    seen: set[tuple[int, str]] = set()
    out = []
    for day, name in sorted(english.days.items()):
        if "observed" in name.lower() or "eve" in name.lower().split():
            continue
        if picks is None:
            code: str | None = _slug(name)
        else:
            code = next((c for c, fragment in picks if fragment.lower() in name.lower()), None)
        if code is None or (day.year, code) in seen:
            continue
        seen.add((day.year, code))
        if start <= day <= end:
            out.append(HolidayGreeting(day, code, name, str(local.get(day, name))))
    return out


class WorkCalendar:
    """Working days of one country: weekends and public holidays off, make-up days on.

    Years are loaded from the ``holidays`` library on first use and cached.
    """

    def __init__(self, country: str = "CN") -> None:
        self.country = country
        self._years: set[int] = set()
        self._off: set[date] = set()
        self._on: set[date] = set()
        self._weekend: set[int] = {5, 6}

    def _load(self, year: int) -> None:
        if year in self._years:
            return
        cal = _country(self.country, (year - 1, year, year + 1), None)
        self._weekend = set(cal.weekend)
        self._off.update(cal.days)
        self._on.update(cal.workdays)
        self._years.update((year - 1, year, year + 1))

    def is_working_day(self, d: date) -> bool:
        self._load(d.year)
        if d in self._on:
            return True
        return d.weekday() not in self._weekend and d not in self._off

    def previous_working_day(self, d: date) -> date:
        """*d* itself if it is a working day, else the last working day before it."""
        while not self.is_working_day(d):
            d -= ONE_DAY
        return d

    def next_working_day(self, d: date) -> date:
        """*d* itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(d):
            d += ONE_DAY
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The *n*-th working day after *d* (n ≥ 1); n ≤ 0 gives the next working day."""
        if n <= 0:
            return self.next_working_day(d)
        while n > 0:
            d += ONE_DAY
            if self.is_working_day(d):
                n -= 1
        return d


def fmt_day(d: date) -> str:
    """ "Sat 6 Feb 2027" (English) or "2027年2月6日（周六）": unambiguous for the desk."""
    return _fmt_day(d, current_language())


@lru_cache(maxsize=8192)
def _fmt_day(d: date, language: str) -> str:
    if language == "zh_CN":
        return f"{d.year}年{d.month}月{d.day}日（周{'一二三四五六日'[d.weekday()]}）"
    return f"{d:%a} {d.day} {d:%b %Y}"
