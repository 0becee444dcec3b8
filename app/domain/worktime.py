"""The work-time rules of arbeidsmiljøloven chapter 10, and `check_rules`.

Each rule reads one employee's working periods and weekly sums (see
`app.domain.working_periods`, built in one sweep per employee) and yields
findings. A time clock cannot tell normal time from overtime, so the § 10-4
rules measure all worked time against the normal-time limits, and overtime is
work beyond the employee's agreed hours (default: the § 10-4 limits), counted
once whether it broke the day or the week. Weekly, 4-, 8- and 52-week figures
use the tenant's weeks; rolling windows that breach and overlap are reported
as one finding spanning them, with the worst window's value.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ._instants import utc_instant
from .punches import Punch
from .shifts import Shift, pair_shifts
from .working_periods import DAY_US, EmployeeRecord, TenantCalendar, sweep, td_us, to_us
from .worktime_findings import RULE_IDS, Finding, RuleInfo, rule_info
from .worktime_policy import WorkTimePolicy
from .worktime_windows import WEEK_US, RuleContext, WeekSeries, finding, hours_text, week_span, window_runs

__all__ = ["RULES", "Rule", "check_rules"]

# -- § 10-4 and § 10-5: normal working time ---------------------------------------------------


def normal_day(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-4-day: over 9 h in the 24 hours from a working period's start (§ 10-4 (1)).

    Under a § 10-5 averaging agreement the cap is 10 h (individual, (1)) or
    12.5 h (tariff, (2)).
    """
    limit = td_us(ctx.limits.day_limit)
    for period in record.periods:
        for day in period.days:
            if day.worked > limit:
                yield finding(
                    "aml-10-4-day", record, (day.start, day.end), day.worked, limit, "worked in 24 hours"
                )


def normal_week(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-4-week: over 40 h in a week (38 h or 36 h for the patterns of § 10-4 (4) and (5)).

    Under a § 10-5 averaging agreement instead: over 50 h (54 h by tariff
    agreement) in a single week, over 48 h a week on average over 8 weeks, or an
    average over a finished averaging period above the § 10-4 weekly limit.
    """
    averaging = ctx.limits.averaging
    worked = WeekSeries(record, "worked")
    cap = td_us(ctx.limits.normal_week if averaging is None else averaging.week_cap)
    for week, sums in sorted(record.weeks.items()):
        if sums.worked > cap:
            span = week_span(ctx, week, week + 1)
            yield finding("aml-10-4-week", record, span, sums.worked, cap, "worked in the week")
    if averaging is None or not record.weeks:
        return
    average_cap = td_us(averaging.week_average_cap)

    def eight_weeks(first: int) -> int | None:
        average = worked.total(first, 8) // 8
        return average if average > average_cap else None

    for first, end, worst in window_runs(worked, 8, eight_weeks):
        span = week_span(ctx, first, end)
        yield finding(
            "aml-10-4-week", record, span, worst, average_cap, "average worked per week over 8 weeks"
        )
    normal = td_us(ctx.limits.normal_week)
    size = averaging.weeks
    start_week = (averaging.start.toordinal() - ctx.calendar.anchor) // 7
    weeks = worked.by_week
    for index in range((min(weeks) - start_week) // size, (max(weeks) - start_week) // size + 1):
        first = start_week + index * size
        span = week_span(ctx, first, first + size)
        average = worked.total(first, size) // size
        if span[1] <= ctx.now and average > normal:
            measure = f"average worked per week over the {size}-week averaging period"
            yield finding("aml-10-4-week", record, span, average, normal, measure)


# -- § 10-6: overtime and total working time --------------------------------------------------


def overtime_week(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-6-overtime-week: over 10 h overtime in a week (20 h by tariff agreement), § 10-6 (4)-(5)."""
    limit = td_us(ctx.limits.overtime_week)
    for week, sums in sorted(record.weeks.items()):
        if sums.overtime > limit:
            span = week_span(ctx, week, week + 1)
            yield finding(
                "aml-10-6-overtime-week", record, span, sums.overtime, limit, "overtime in the week"
            )


def overtime_4weeks(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-6-overtime-4weeks: over 25 h overtime in 4 consecutive weeks, § 10-6 (4).

    50 h under a tariff agreement, § 10-6 (5).
    """
    limit = td_us(ctx.limits.overtime_4weeks)
    overtime = WeekSeries(record, "overtime")

    def four_weeks(first: int) -> int | None:
        total = overtime.total(first, 4)
        return total if total > limit else None

    for first, end, worst in window_runs(overtime, 4, four_weeks):
        span = week_span(ctx, first, end)
        yield finding(
            "aml-10-6-overtime-4weeks", record, span, worst, limit, "overtime in 4 consecutive weeks"
        )


def _year_of_week(ctx: RuleContext, week: int) -> int:
    fourth = ctx.calendar.week_first_day(week) + timedelta(days=3)
    month, day = ctx.policy.year_starts
    return fourth.year if (fourth.month, fourth.day) >= (month, day) else fourth.year - 1


def _first_week_of_year(ctx: RuleContext, year: int) -> int:
    month, day = ctx.policy.year_starts
    # The first week whose fourth day falls on or after the year's first day.
    return -(-(date(year, month, day).toordinal() - ctx.calendar.anchor - 3) // 7)


def overtime_year(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-6-overtime-year: over 200 h overtime in the tenant's fixed 52-week year (300 h by tariff).

    § 10-6 (4)-(5). The year is fixed (the calendar year unless the tenant
    says otherwise), not rolling; a week counts in the year holding its fourth day.
    """
    limit = td_us(ctx.limits.overtime_year)
    totals: dict[int, int] = {}
    for week, sums in record.weeks.items():
        year = _year_of_week(ctx, week)
        totals[year] = totals.get(year, 0) + sums.overtime
    for year in sorted(totals):
        if totals[year] > limit:
            span = week_span(ctx, _first_week_of_year(ctx, year), _first_week_of_year(ctx, year + 1))
            yield finding(
                "aml-10-6-overtime-year", record, span, totals[year], limit, f"overtime in the year {year}"
            )


def total_day(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-6-total-day: over 13 h worked, overtime included, in 24 hours (§ 10-6 (8); 16 h under (9))."""
    limit = td_us(ctx.limits.total_day)
    for period in record.periods:
        for day in period.days:
            if day.worked > limit:
                span = (day.start, day.end)
                yield finding("aml-10-6-total-day", record, span, day.worked, limit, "worked in 24 hours")


def total_8weeks(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-6-total-8weeks: over 48 h a week on average over 8 weeks, overtime included (§ 10-6 (8)).

    A single week above 48 h is not by itself a breach.
    """
    limit = td_us(ctx.limits.total_week_average)
    worked = WeekSeries(record, "worked")

    def eight_weeks(first: int) -> int | None:
        average = worked.total(first, 8) // 8
        return average if average > limit else None

    for first, end, worst in window_runs(worked, 8, eight_weeks):
        span = week_span(ctx, first, end)
        yield finding(
            "aml-10-6-total-8weeks", record, span, worst, limit, "average worked per week over 8 weeks"
        )


# -- § 10-8 and § 10-9: rest and breaks -------------------------------------------------------


def daily_rest(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-8-daily-rest: under 11 h continuous rest in the 24 hours from a working period's start.

    § 10-8 (1); at least 8 h under an agreement of (3). Rest is time between
    shifts, breaks are not rest. A working period spanning more than 24 h
    minus the rest leaves too little of those 24 hours; the value is the
    longest rest they hold.
    """
    rest = td_us(ctx.limits.daily_rest)
    for period in record.periods:
        if period.end - period.start > DAY_US - rest:
            span = (period.start, period.end)
            measure = "longest rest within 24 hours"
            yield finding("aml-10-8-daily-rest", record, span, period.rest_in_first_day, rest, measure)


def weekly_rest(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-8-weekly-rest: under 35 h continuous rest in the 7 days from the end of the last one.

    § 10-8 (2); at least 28 h under an agreement of (3). Working periods are
    joined while the rest between them is shorter than the weekly rest; such a
    stretch longer than 7 days minus the rest is a breach.
    """
    rest = td_us(ctx.limits.weekly_rest)
    periods = record.periods
    first = 0
    for index in range(len(periods)):
        last = index + 1 == len(periods)
        if not last and periods[index + 1].start - periods[index].end < rest:
            continue
        start, end = periods[first].start, periods[index].end
        if end - start > WEEK_US - rest:
            window_end = start + WEEK_US
            longest = max(0, window_end - end)
            for before, after in zip(periods[first:index], periods[first + 1 : index + 1], strict=True):
                if before.end < window_end:
                    longest = max(longest, min(after.start, window_end) - before.end)
                if before.end <= window_end:
                    longest = max(longest, before.longest_gap)
            measure = "longest rest within 7 days"
            yield finding("aml-10-8-weekly-rest", record, (start, end), longest, rest, measure)
        first = index + 1


def breaks(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-9-break: a working day over 5.5 h without a break, or of 8 h or more with under 30 min.

    § 10-9 (1). A working day is a stretch of shifts whose gaps are short
    enough to be pauses (under 2 h by default); its breaks are the recorded
    breaks and those gaps. A working day still running is not judged yet.
    """
    limits = ctx.limits
    after, long_day = td_us(limits.break_after), td_us(limits.long_day)
    minimum = td_us(limits.long_day_breaks)
    for period in record.periods:
        stretches = period.stretches[:-1] if period.open else period.stretches
        for start, end, worked in stretches:
            paused = end - start - worked
            if worked >= long_day and paused < minimum:
                measure = f"breaks in a working day of {hours_text(long_day)} or more"
                yield finding("aml-10-9-break", record, (start, end), paused, minimum, measure)
            elif worked > after and paused == 0:
                yield finding("aml-10-9-break", record, (start, end), worked, after, "worked without a break")


# -- § 10-10 and § 10-11: information for the manager ----------------------------------------


def sunday_work(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-10-sunday: work in a Sunday or public-holiday period (§ 10-10 (1)), as information.

    From 18:00 the day before (15:00 on Christmas, Easter and Whitsun eves) to
    22:00 the day before the next working day; 1 and 17 May count as Sundays.
    Sunday work needs a reason under § 10-10 (2).
    """
    for index, worked in sorted(record.sunday.items()):
        if worked > 0:
            span = ctx.calendar.sundays[index]
            yield finding(
                "aml-10-10-sunday", record, span, worked, 0, "worked in the Sunday or holiday period"
            )


def night_work(ctx: RuleContext, record: EmployeeRecord) -> Iterator[Finding]:
    """aml-10-11-night: night work (21:00-06:00, § 10-11 (1)) per week, as information.

    Also, for an employee who regularly works more than 3 h at night, normal
    time over 8 h per 24 h on average over 4 weeks, the minimum weekly rest
    left out of the average (§ 10-11 (6)).
    """
    limits = ctx.limits
    for week, sums in sorted(record.weeks.items()):
        if sums.night > 0:
            span = week_span(ctx, week, week + 1)
            window = f"{limits.night_start:%H:%M}-{limits.night_end:%H:%M}"
            yield finding(
                "aml-10-11-night", record, span, sums.night, 0, f"night work ({window}) in the week"
            )
    worked, long_nights = WeekSeries(record, "worked"), WeekSeries(record, "long_nights")
    cap = td_us(limits.night_average_day)
    counted_days = 4 * WEEK_US - 4 * td_us(limits.weekly_rest)  # elapsed time, minus 4 weekly rests

    def four_weeks(first: int) -> int | None:
        if long_nights.total(first, 4) < limits.night_regular_periods:
            return None
        average = worked.total(first, 4) * DAY_US // counted_days
        return average if average > cap else None

    for first, end, worst in window_runs(worked, 4, four_weeks):
        span = week_span(ctx, first, end)
        measure = "average worked per 24 hours over 4 weeks of regular night work"
        yield finding("aml-10-11-night", record, span, worst, cap, measure)


Check = Callable[[RuleContext, EmployeeRecord], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its stable id and its check; `info` gives the section, severity and title."""

    id: str
    check: Check

    @property
    def info(self) -> RuleInfo:
        return rule_info(self.id)


RULES: tuple[Rule, ...] = (
    Rule("aml-10-4-day", normal_day),
    Rule("aml-10-4-week", normal_week),
    Rule("aml-10-6-overtime-week", overtime_week),
    Rule("aml-10-6-overtime-4weeks", overtime_4weeks),
    Rule("aml-10-6-overtime-year", overtime_year),
    Rule("aml-10-6-total-day", total_day),
    Rule("aml-10-6-total-8weeks", total_8weeks),
    Rule("aml-10-8-daily-rest", daily_rest),
    Rule("aml-10-8-weekly-rest", weekly_rest),
    Rule("aml-10-9-break", breaks),
    Rule("aml-10-10-sunday", sunday_work),
    Rule("aml-10-11-night", night_work),
)


def _as_shifts(items: Iterable[Punch] | Iterable[Shift]) -> list[Shift]:
    listed: list[Punch | Shift] = list(items)
    if all(isinstance(item, Punch) for item in listed):
        return pair_shifts(item for item in listed if isinstance(item, Punch))
    if all(isinstance(item, Shift) for item in listed):
        return [item for item in listed if isinstance(item, Shift)]
    raise TypeError("check_rules takes punches or shifts, not a mix of them or anything else")


def check_rules(
    punches_or_shifts: Iterable[Punch] | Iterable[Shift],
    policy: WorkTimePolicy,
    zone: ZoneInfo,
    now: datetime,
    *,
    holidays: Container[date],
    rules: Collection[str] | None = None,
) -> list[Finding]:
    """Every finding of the chapter 10 rules, sorted by (employee, start, end, rule).

    Punches are paired with `pair_shifts`; shifts are taken as paired. Open
    shifts count up to `now`, and work after `now` is ignored. Days, weeks,
    nights and Sunday periods are cut in `zone`; durations are elapsed time.
    `holidays` holds the public holidays (pass `holidays.country_holidays("NO")`; this
    package imports only the standard library). `rules` limits the check to
    some rule ids (all by default). Employees exempt under § 10-12 get no findings.
    """
    now = utc_instant(now, "now")
    unknown = sorted(set(rules or ()) - set(RULE_IDS))
    if unknown:
        raise ValueError(f"unknown rule ids: {', '.join(unknown)}")
    chosen = [rule for rule in RULES if rules is None or rule.id in rules]
    by_employee: dict[str, list[Shift]] = {}
    for shift in _as_shifts(punches_or_shifts):
        if not policy.terms_for(shift.employee).exempt and shift.start < now:
            by_employee.setdefault(shift.employee, []).append(shift)
    if not by_employee:
        return []
    everyone = [shift for own in by_employee.values() for shift in own]
    first = min(shift.start for shift in everyone).astimezone(zone).date() - timedelta(days=2)
    last = max(min(shift.end or now, now) for shift in everyone).astimezone(zone).date() + timedelta(days=2)
    ctx = RuleContext(policy, policy.limits, TenantCalendar(zone, first, last, policy, holidays), to_us(now))
    findings: list[Finding] = []
    for employee, own in by_employee.items():
        own.sort(key=_shift_order)
        record = sweep(employee, own, ctx.calendar, policy, now)
        for rule in chosen:
            findings.extend(rule.check(ctx, record))
    return sorted(findings, key=Finding.sort_key)


def _shift_order(shift: Shift) -> datetime:
    return shift.start
