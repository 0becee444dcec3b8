"""One sweep over an employee's shifts: working periods, 24-hour days, weekly sums.

A working period is the work between two daily rests: shifts joined while the
gap between them is shorter than the daily rest (11 h by default), so a night
shift across midnight, or a split shift, is one period, never two halves. The
24-hour limits apply to a period's first 24 hours of elapsed time (a period
longer than that, itself a rest breach, is cut into further 24-hour days). Each
day belongs to the tenant week holding the local date it starts on.

Instants are integer microseconds since the Unix epoch (UTC) inside this
module: exact, cheap to compare, and elapsed time by construction. Local days,
nights and Sunday periods are computed once per check as sorted arrays of such
instants, so each worked interval costs a few binary searches.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from .local_time import wall_instant
from .shifts import Shift
from .sunday_periods import sunday_periods
from .worktime_policy import WorkTimePolicy

__all__ = [
    "DAY_US",
    "HOUR_US",
    "DayUnit",
    "EmployeeRecord",
    "TenantCalendar",
    "WeekSums",
    "WorkingPeriod",
    "from_us",
    "sweep",
    "td_us",
    "to_us",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
HOUR_US = 3_600_000_000
DAY_US = 24 * HOUR_US
_MONDAY = date(2000, 1, 3).toordinal()


def to_us(instant: datetime) -> int:
    """Microseconds since the epoch of a UTC datetime, exactly."""
    delta = instant - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_us(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


def td_us(value: timedelta) -> int:
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


def _overlap(starts: Sequence[int], ends: Sequence[int], s: int, e: int) -> int:
    """Total overlap of [s, e) with sorted disjoint intervals [starts[i], ends[i])."""
    total = 0
    i = bisect_right(ends, s)
    while i < len(starts) and starts[i] < e:
        total += min(e, ends[i]) - max(s, starts[i])
        i += 1
    return total


class TenantCalendar:
    """Local days, weeks, night windows and Sunday periods over a date range."""

    def __init__(
        self, zone: ZoneInfo, first: date, last: date, policy: WorkTimePolicy, holidays: Container[date]
    ) -> None:
        self.zone = zone
        self.first = first
        self.anchor = _MONDAY + policy.week_starts_on
        days = [first + timedelta(days=k) for k in range((last - first).days + 2)]
        self.midnights = [to_us(wall_instant(day, time(0), zone)) for day in days]
        limits = policy.limits
        crosses = limits.night_end <= limits.night_start  # 21:00-06:00 ends the next day
        self.night_starts: list[int] = []
        self.night_ends: list[int] = []
        for day in [first - timedelta(days=1), *days]:
            self.night_starts.append(to_us(wall_instant(day, limits.night_start, zone)))
            end_day = day + timedelta(days=1) if crosses else day
            self.night_ends.append(to_us(wall_instant(end_day, limits.night_end, zone)))
        self.sundays = [(to_us(s), to_us(e)) for s, e in sunday_periods(first, last, holidays, zone)]
        self.sunday_starts = [s for s, _ in self.sundays]
        self.sunday_ends = [e for _, e in self.sundays]

    def ordinal_of(self, us: int) -> int:
        """The proleptic ordinal of the local date holding instant `us`."""
        return self.first.toordinal() + bisect_right(self.midnights, us) - 1

    def week_of(self, us: int) -> int:
        return (self.ordinal_of(us) - self.anchor) // 7

    def week_first_day(self, week: int) -> date:
        return date.fromordinal(self.anchor + 7 * week)

    def week_start_us(self, week: int) -> int:
        """Local midnight starting the week, as microseconds (works outside the range too)."""
        return to_us(wall_instant(self.week_first_day(week), time(0), self.zone))

    def night_overlap(self, s: int, e: int) -> int:
        return _overlap(self.night_starts, self.night_ends, s, e)

    def sunday_overlaps(self, s: int, e: int) -> list[tuple[int, int]]:
        """(index into `sundays`, overlap) for each Sunday period [s, e) touches."""
        found: list[tuple[int, int]] = []
        i = bisect_right(self.sunday_ends, s)
        while i < len(self.sunday_starts) and self.sunday_starts[i] < e:
            found.append((i, min(e, self.sunday_ends[i]) - max(s, self.sunday_starts[i])))
            i += 1
        return found


@dataclass(slots=True)
class DayUnit:
    """The work of one working period inside one 24-hour window from its start."""

    start: int
    end: int
    worked: int
    week: int


@dataclass(slots=True)
class WorkingPeriod:
    """Shifts between two daily rests. `open` when its last shift is still running."""

    start: int
    end: int
    worked: int
    night: int
    open: bool
    days: list[DayUnit]
    longest_gap: int  # the longest gap between its shifts (each shorter than the daily rest)
    stretches: list[
        tuple[int, int, int]
    ]  # (start, end, worked) of shifts joined by gaps short enough to be pauses
    rest_in_first_day: int  # the longest rest inside [start, start + 24 h), the tail included


@dataclass(slots=True)
class WeekSums:
    """One employee's tenant week, in microseconds."""

    worked: int = 0
    day_overtime: int = 0  # beyond the agreed hours of each working day
    normal: int = 0  # the rest: within the agreed hours of each day
    night: int = 0
    long_nights: int = 0  # working periods with more than the "regular" night hours
    overtime: int = 0  # day_overtime plus what `normal` has beyond the agreed week


@dataclass(slots=True)
class EmployeeRecord:
    employee: str
    periods: list[WorkingPeriod] = field(default_factory=list)
    weeks: dict[int, WeekSums] = field(default_factory=dict)
    sunday: dict[int, int] = field(default_factory=dict)  # Sunday period index -> worked


def _days(intervals: list[tuple[int, int]], start: int, end: int, calendar: TenantCalendar) -> list[DayUnit]:
    if end - start <= DAY_US:
        worked = sum(e - s for s, e in intervals)
        return [DayUnit(start, end, worked, calendar.week_of(start))]
    units: list[DayUnit] = []
    window = start
    while window < end:
        limit = window + DAY_US
        worked = sum(min(e, limit) - max(s, window) for s, e in intervals if s < limit and e > window)
        if worked:
            first = max(window, min(s for s, e in intervals if e > window))
            units.append(DayUnit(first, min(end, limit), worked, calendar.week_of(first)))
        window = limit
    return units


def _rest_in_first_day(bounds: list[tuple[int, int, int]], start: int, end: int) -> int:
    window_end = start + DAY_US
    longest = max(0, window_end - end)
    for (_, gap_start, _), (gap_end, _, _) in pairwise(bounds):
        if gap_start < window_end:
            longest = max(longest, min(gap_end, window_end) - gap_start)
    return longest


def _stretches(bounds: list[tuple[int, int, int]], longest_pause: int) -> list[tuple[int, int, int]]:
    """Shifts joined while the gap between them is short enough to be a pause, not free time."""
    stretches = [bounds[0]]
    for start, end, worked in bounds[1:]:
        first, last, total = stretches[-1]
        if start - last < longest_pause:
            stretches[-1] = (first, end, total + worked)
        else:
            stretches.append((start, end, worked))
    return stretches


class _PeriodBuilder:
    def __init__(self, record: EmployeeRecord, calendar: TenantCalendar) -> None:
        self.record = record
        self.calendar = calendar
        self.intervals: list[tuple[int, int]] = []
        self.bounds: list[tuple[int, int, int]] = []  # (start, end, worked) of each shift
        self.open = False

    def add(self, pairs: list[tuple[int, int]], open_shift: bool) -> None:
        self.intervals.extend(pairs)
        self.bounds.append((pairs[0][0], pairs[-1][1], sum(e - s for s, e in pairs)))
        self.open = self.open or open_shift

    def close(self, daily_rest: int, longest_pause: int) -> None:
        if not self.intervals:
            return
        calendar, record = self.calendar, self.record
        start, end = self.intervals[0][0], max(e for _, e in self.intervals)  # max: shifts given may overlap
        worked = night = 0
        for s, e in self.intervals:
            worked += e - s
            night += calendar.night_overlap(s, e)
            for index, overlap in calendar.sunday_overlaps(s, e):
                record.sunday[index] = record.sunday.get(index, 0) + overlap
        gaps = [b[0] - a[1] for a, b in pairwise(self.bounds)]
        breached = end - start > DAY_US - daily_rest
        record.periods.append(
            WorkingPeriod(
                start=start,
                end=end,
                worked=worked,
                night=night,
                open=self.open,
                days=_days(self.intervals, start, end, calendar),
                longest_gap=max(gaps, default=0),
                stretches=_stretches(self.bounds, longest_pause),
                rest_in_first_day=_rest_in_first_day(self.bounds, start, end) if breached else DAY_US,
            )
        )
        self.intervals, self.bounds, self.open = [], [], False


def sweep(
    employee: str,
    shifts: Sequence[Shift],
    calendar: TenantCalendar,
    policy: WorkTimePolicy,
    now: datetime,
) -> EmployeeRecord:
    """Working periods and weekly sums of one employee's shifts (in start order)."""
    limits = policy.limits
    daily_rest, longest_pause = td_us(limits.daily_rest), td_us(limits.longest_pause)
    record = EmployeeRecord(employee)
    builder = _PeriodBuilder(record, calendar)
    last_end: int | None = None
    for shift in shifts:
        pairs = [(to_us(s), to_us(e)) for s, e in shift.intervals(now)]
        if not pairs:
            continue
        if last_end is not None and pairs[0][0] - last_end >= daily_rest:
            builder.close(daily_rest, longest_pause)
        builder.add(pairs, shift.end is None)
        last_end = pairs[-1][1] if last_end is None else max(last_end, pairs[-1][1])
    builder.close(daily_rest, longest_pause)
    _sum_weeks(record, policy, calendar, td_us(limits.night_hours_regular))
    return record


def _sum_weeks(
    record: EmployeeRecord, policy: WorkTimePolicy, calendar: TenantCalendar, regular: int
) -> None:
    agreed_day, agreed_week = (td_us(hours) for hours in policy.agreed_hours(record.employee))
    weeks = record.weeks
    for period in record.periods:
        for unit in period.days:
            sums = weeks.get(unit.week)
            if sums is None:
                sums = weeks[unit.week] = WeekSums()
            sums.worked += unit.worked
            beyond = max(0, unit.worked - agreed_day)
            sums.day_overtime += beyond
            sums.normal += unit.worked - beyond
        if period.night:
            sums = weeks[calendar.week_of(period.start)]
            sums.night += period.night
            sums.long_nights += period.night > regular
    for sums in weeks.values():
        # An hour counts as overtime once: what broke the day limit is not counted again for the week.
        sums.overtime = sums.day_overtime + max(0, sums.normal - agreed_week)
