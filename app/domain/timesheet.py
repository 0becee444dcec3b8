"""Timesheets: worked time per local day and per ISO week.

Days and weeks are local to the tenant's zone (default Europe/Oslo), but every
duration is elapsed time between UTC instants, so a night across a DST change
counts the 7 or 9 hours actually worked, and a local day may be 23 or 25 hours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ._instants import utc_instant
from .shifts import Shift

__all__ = [
    "DEFAULT_ZONE",
    "WeekSummary",
    "day_bounds",
    "format_duration",
    "iso_week_days",
    "parse_iso_week",
    "today_worked",
    "week_summary",
    "worked_per_day",
]

DEFAULT_ZONE = ZoneInfo("Europe/Oslo")

_ISO_WEEK = re.compile(r"(\d{4})-[Ww](\d{2})", re.ASCII)


def _weeks_in(year: int) -> int:
    # 28 December always falls in the last ISO week of its year.
    return date(year, 12, 28).isocalendar().week


def _check_week(year: int, week: int) -> None:
    if not 1 <= year <= 9999:
        raise ValueError(f"Year {year} is out of range; use 1 to 9999.")
    last = _weeks_in(year)
    if not 1 <= week <= last:
        raise ValueError(f"{year} has no ISO week {week}; its weeks run from 1 to {last}.")


def iso_week_days(year: int, week: int) -> list[date]:
    """The seven dates of an ISO week, Monday first; ValueError if no such week."""
    _check_week(year, week)
    monday = date.fromisocalendar(year, week, 1)
    return [monday + timedelta(days=offset) for offset in range(7)]


def parse_iso_week(text: str) -> tuple[int, int]:
    """Read "2026-W48" as (2026, 48); the CLI's --week uses this spelling.

    Raises ValueError saying what was expected, also for a week the year does
    not have (week 53 exists only in some years).
    """
    match = _ISO_WEEK.fullmatch(text)
    if match is None:
        raise ValueError(f"Not an ISO week: {text!r}; expected YYYY-Www, for example 2026-W48.")
    year, week = int(match[1]), int(match[2])
    _check_week(year, week)
    return year, week


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """A local day as [start, end) UTC instants: local midnight to the next.

    The span is 23 or 25 hours on DST change days. Where midnight itself is
    skipped by a DST jump, the day starts at the jump, its first real instant.
    """
    # fold=0 picks the first occurrence of a repeated midnight and, for a
    # skipped one, the instant of the jump: both are the day's first instant.
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def worked_per_day(
    shifts: Iterable[Shift],
    days: Sequence[date],
    zone: ZoneInfo,
    now: datetime,
) -> dict[date, timedelta]:
    """Worked time falling on each local day, in the order of `days`.

    Each worked interval is clipped to each day's bounds, so a 22:00-06:00
    night gives 2 h to the evening's day and 6 h to the next. Open shifts count
    up to `now`. Every day in `days` is a key, with zero if nothing was worked.
    The shifts are summed as given: pass one employee's to get their sheet.
    """
    now = utc_instant(now, "now")
    bounds = {day: day_bounds(day, zone) for day in days}
    totals = {day: timedelta() for day in bounds}
    for shift in shifts:
        for start, end in shift.intervals(now):
            for day, (day_start, day_end) in bounds.items():
                overlap = min(end, day_end) - max(start, day_start)
                if overlap > timedelta():
                    totals[day] += overlap
    return totals


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """One ISO week of worked time: per local day (Monday first) and in total."""

    year: int
    week: int
    days: dict[date, timedelta]
    total: timedelta


def week_summary(
    shifts: Iterable[Shift],
    year: int,
    week: int,
    zone: ZoneInfo,
    now: datetime,
) -> WeekSummary:
    """Worked time in an ISO week; `total` is exactly the sum of `days`.

    Only time inside the week counts: a Sunday night shift gives its hours
    after midnight to the next week.
    """
    days = worked_per_day(shifts, iso_week_days(year, week), zone, now)
    return WeekSummary(year, week, days, sum(days.values(), timedelta()))


def today_worked(shifts: Iterable[Shift], zone: ZoneInfo, now: datetime) -> timedelta:
    """Worked time on the local day containing `now`, an open shift up to `now`."""
    today = utc_instant(now, "now").astimezone(zone).date()
    return worked_per_day(shifts, [today], zone, now)[today]


def format_duration(d: timedelta) -> str:
    """A duration as people read it: "3 h 12 min", "8 h 0 min", "0 min".

    Whole minutes only, dropping seconds (floored, so the sheet never shows a
    minute not yet worked). Hours are not rolled into days ("41 h 5 min"). A
    negative duration, such as a flexitime deficit, gets a leading "-".
    """
    sign = "-" if d < timedelta() else ""
    minutes = abs(d) // timedelta(minutes=1)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{sign}{hours} h {minutes} min"
    if minutes:
        return f"{sign}{minutes} min"
    return "0 min"
