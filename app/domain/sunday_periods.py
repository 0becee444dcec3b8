"""Sunday and public-holiday periods of arbeidsmiljøloven § 10-10 (1).

Work is Sunday work from 18:00 on the day before a Sunday or public holiday
(15:00 on Christmas, Easter and Whitsun eves) until 22:00 on the day before the
next working day. 1 and 17 May count as Sundays (lov om 1. og 17. mai som
høgtidsdager). A run of Sundays and holidays (Maundy Thursday and Good Friday;
Easter Sunday and Monday) is one period.

Which dates are public holidays comes from the caller, as any container of
dates: pass `holidays.country_holidays("NO")` from the maintained `holidays` package (this
package imports only the standard library). Easter is computed here only to
find Easter and Whitsun eves, whose period starts at 15:00.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .local_time import wall_instant

__all__ = [
    "EVE_START",
    "SUNDAY_END",
    "SUNDAY_START",
    "easter_sunday",
    "is_day_off",
    "is_short_eve",
    "sunday_periods",
]

SUNDAY_START = time(18)  # the day before a Sunday or holiday
EVE_START = time(15)  # Christmas, Easter and Whitsun eves
SUNDAY_END = time(22)  # the day before the next working day

_HIGH_DAYS = ((5, 1), (5, 17))  # count as Sundays by the 1947 act, whatever the calendar says
_ONE_DAY = timedelta(days=1)


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * j) // 451
    month, day = divmod(h + j - 7 * m + 114, 31)
    return date(year, month, day + 1)


def is_short_eve(day: date) -> bool:
    """Christmas, Easter or Whitsun eve: the Sunday period starts at 15:00."""
    if (day.month, day.day) == (12, 24):
        return True
    easter = easter_sunday(day.year)
    return day in (easter - _ONE_DAY, easter + timedelta(days=48))


def is_day_off(day: date, holidays: Container[date]) -> bool:
    """A Sunday, a public holiday in `holidays`, or 1 or 17 May."""
    return day.weekday() == 6 or (day.month, day.day) in _HIGH_DAYS or day in holidays


def sunday_periods(
    first: date, last: date, holidays: Container[date], zone: ZoneInfo
) -> list[tuple[datetime, datetime]]:
    """The § 10-10 periods touching the local days first..last, as UTC [start, end).

    Sorted and disjoint. Each covers one run of consecutive days off: from
    18:00 (15:00 on a short eve) on the day before the run to 22:00 on its
    last day, the day before the next working day.
    """
    periods: list[tuple[datetime, datetime]] = []
    day = first - timedelta(days=7)  # a run may start before `first`; runs are short
    end = last + timedelta(days=7)
    while day <= end:
        if not is_day_off(day, holidays):
            day += _ONE_DAY
            continue
        run_start = day
        while is_day_off(day + _ONE_DAY, holidays):
            day += _ONE_DAY
        eve = run_start - _ONE_DAY
        start = wall_instant(eve, EVE_START if is_short_eve(eve) else SUNDAY_START, zone)
        periods.append((start, wall_instant(day, SUNDAY_END, zone)))
        day += _ONE_DAY
    return periods
