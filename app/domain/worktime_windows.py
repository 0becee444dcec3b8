"""What every work-time rule reads and builds: its context, findings, weekly series, windows.

Rules see instants as integer microseconds (see `app.domain.working_periods`)
and weeks as tenant week numbers; these helpers turn them back into UTC
datetimes and timedeltas when a finding is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from .working_periods import DAY_US, EmployeeRecord, TenantCalendar, from_us
from .worktime_findings import Finding, rule_info
from .worktime_policy import WorkTimeLimits, WorkTimePolicy

__all__ = ["WEEK_US", "RuleContext", "WeekSeries", "finding", "hours_text", "week_span", "window_runs"]

WEEK_US = 7 * DAY_US


@dataclass(frozen=True, slots=True)
class RuleContext:
    """One check's policy, its limits, the tenant calendar and `now` (microseconds)."""

    policy: WorkTimePolicy
    limits: WorkTimeLimits
    calendar: TenantCalendar
    now: int


def hours_text(us: int) -> str:
    return f"{us / 3_600_000_000:g} h"


def finding(
    rule: str, record: EmployeeRecord, span: tuple[int, int], value: int, limit: int, measure: str
) -> Finding:
    info = rule_info(rule)
    return Finding(
        rule=rule,
        section=info.section,
        severity=info.severity,
        employee=record.employee,
        start=from_us(span[0]),
        end=from_us(span[1]),
        value=timedelta(microseconds=value),
        limit=timedelta(microseconds=limit),
        measure=measure,
    )


def week_span(ctx: RuleContext, first: int, end: int) -> tuple[int, int]:
    return (ctx.calendar.week_start_us(first), ctx.calendar.week_start_us(end))


def window_runs(
    series: WeekSeries, size: int, measure: Callable[[int], int | None]
) -> Iterator[tuple[int, int, int]]:
    """Runs of overlapping `size`-week windows whose measure breaches (is not None).

    Yields (first week, week after the last, worst value), the span narrowed
    to the weeks in the run that hold any of `series`. Only windows holding a
    week of data are looked at; missing weeks count as zero.
    """
    weeks = series.by_week
    if not weeks:
        return
    runs: list[list[int]] = []
    for first in range(min(weeks) - size + 1, max(weeks) + 1):
        value = measure(first)
        if value is None:
            continue
        if runs and first < runs[-1][1]:
            runs[-1][1], runs[-1][2] = first + size, max(runs[-1][2], value)
        else:
            runs.append([first, first + size, value])
    for first, end, worst in runs:
        held = [week for week in range(first, end) if weeks.get(week)]
        yield (held[0], held[-1] + 1, worst)


class WeekSeries:
    """One weekly figure of an employee, with prefix sums for window totals."""

    def __init__(self, record: EmployeeRecord, name: str) -> None:
        self.by_week: dict[int, int] = {week: getattr(sums, name) for week, sums in record.weeks.items()}
        self.low = min(self.by_week, default=0)
        high = max(self.by_week, default=-1)
        self.prefix = [0]
        for week in range(self.low, high + 1):
            self.prefix.append(self.prefix[-1] + self.by_week.get(week, 0))

    def total(self, first: int, size: int) -> int:
        """The sum over weeks first .. first + size - 1 (zero outside the data)."""
        top = len(self.prefix) - 1
        lo = min(max(first - self.low, 0), top)
        hi = min(max(first + size - self.low, 0), top)
        return self.prefix[hi] - self.prefix[lo]
