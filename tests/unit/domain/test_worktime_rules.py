"""Each rule of arbeidsmiljøloven chapter 10: one case that breaks it, one just inside.

Times are wall-clock times in Oslo; the rules measure elapsed time, so the
nights across the DST changes are 7 and 9 hours long whatever the clock says.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import holidays
import pytest

from app.domain import (
    AveragingAgreement,
    AveragingKind,
    EmployeeTerms,
    Finding,
    PunchKind,
    Severity,
    WeekPattern,
    WorkTimeLimits,
    WorkTimePolicy,
    check_rules,
    pair_shifts,
)

from .factories import BREAK_END, BREAK_START, IN, OSLO, OUT, oslo, punches

NORWAY = holidays.country_holidays("NO")
LATER = datetime(2029, 1, 1, tzinfo=UTC)
MONDAY = date(2026, 11, 2)  # an ordinary week: no holiday, no DST change
Event = tuple[PunchKind, datetime]


def h(hours: float) -> timedelta:
    return timedelta(hours=hours)


def work(start: datetime, end: datetime, *pauses: tuple[datetime, datetime]) -> list[Event]:
    events: list[Event] = [(IN, start)]
    for pause_start, pause_end in pauses:
        events += [(BREAK_START, pause_start), (BREAK_END, pause_end)]
    return [*events, (OUT, end)]


def day_of(day: date, start: float, worked: float, pause: float = 0.0) -> list[Event]:
    """A day starting at `start` o'clock with `worked` hours and one pause in the middle."""
    begin = oslo(day, 0) + h(start)  # wall-clock arithmetic: fine away from DST nights
    if not pause:
        return work(begin, begin + h(worked))
    middle = begin + h(worked / 2)
    return work(begin, begin + h(worked + pause), (middle, middle + h(pause)))


def weeks_of(first_monday: date, weeks: int, daily: Sequence[float], pause: float = 0.5) -> list[Event]:
    """`weeks` weeks, `daily[i]` hours on weekday i (Monday first), from 07:00."""
    events: list[Event] = []
    for week in range(weeks):
        for offset, hours in enumerate(daily):
            if hours:
                events += day_of(first_monday + timedelta(weeks=week, days=offset), 7, hours, pause)
    return events


def check(
    *days: list[Event],
    rule: str,
    policy: WorkTimePolicy | None = None,
    now: datetime = LATER,
    employee: str = "1001",
) -> list[Finding]:
    events = [event for day in days for event in day]
    found = check_rules(
        punches(*events, employee=employee),
        policy or WorkTimePolicy(),
        OSLO,
        now,
        holidays=NORWAY,
        rules=[rule],
    )
    assert all(f.rule == rule for f in found)
    return found


def values(found: list[Finding]) -> list[timedelta]:
    return [f.value for f in found]


def terms(day: float, week: float) -> WorkTimePolicy:
    return WorkTimePolicy(employees={"1001": EmployeeTerms(h(day), h(week))})


# -- aml-10-4-day -------------------------------------------------------------------------


def test_nine_hours_in_a_day_is_within_the_normal_day() -> None:
    assert check(day_of(MONDAY, 7, 9, pause=0.5), rule="aml-10-4-day") == []


def test_a_minute_over_nine_hours_breaks_the_normal_day() -> None:
    [finding] = check(day_of(MONDAY, 7, 9 + 1 / 60, pause=0.5), rule="aml-10-4-day")
    assert (finding.value, finding.limit) == (h(9) + timedelta(minutes=1), h(9))
    assert (finding.start, finding.section, finding.severity) == (
        oslo(MONDAY, 7),
        "§ 10-4 (1)",
        Severity.BREACH,
    )


def test_a_night_across_midnight_is_one_working_period_not_two_halves() -> None:
    [finding] = check(work(oslo(MONDAY, 20), oslo(MONDAY + timedelta(days=1), 6)), rule="aml-10-4-day")
    assert finding.value == h(10)
    assert (finding.start, finding.end) == (oslo(MONDAY, 20), oslo(MONDAY + timedelta(days=1), 6))


def test_an_autumn_night_of_eight_wall_hours_is_nine_hours_of_work() -> None:
    night = work(oslo(date(2026, 10, 24), 22), oslo(date(2026, 10, 25), 6))
    assert check(night, rule="aml-10-4-day") == []
    longer = work(oslo(date(2026, 10, 24), 22), oslo(date(2026, 10, 25), 6, 30))
    assert values(check(longer, rule="aml-10-4-day")) == [h(9.5)]


def test_a_spring_night_of_ten_wall_hours_is_nine_hours_of_work() -> None:
    night = work(oslo(date(2026, 3, 28), 21), oslo(date(2026, 3, 29), 7))
    assert check(night, rule="aml-10-4-day") == []
    longer = work(oslo(date(2026, 3, 28), 21), oslo(date(2026, 3, 29), 8))
    assert values(check(longer, rule="aml-10-4-day")) == [h(10)]


def test_an_averaging_agreement_raises_the_day_to_ten_or_twelve_and_a_half_hours() -> None:
    agreement = AveragingAgreement(AveragingKind.INDIVIDUAL, MONDAY)
    policy = WorkTimePolicy(WorkTimeLimits().with_averaging(agreement))
    assert check(day_of(MONDAY, 7, 10, 0.5), rule="aml-10-4-day", policy=policy) == []
    assert values(check(day_of(MONDAY, 7, 10.5, 0.5), rule="aml-10-4-day", policy=policy)) == [h(10.5)]
    tariff = WorkTimePolicy(WorkTimeLimits().with_averaging(AveragingAgreement(AveragingKind.TARIFF, MONDAY)))
    assert check(day_of(MONDAY, 7, 12.5, 0.5), rule="aml-10-4-day", policy=tariff) == []


# -- aml-10-4-week ------------------------------------------------------------------------


def test_forty_hours_in_a_week_is_within_the_normal_week() -> None:
    assert check(weeks_of(MONDAY, 1, [8, 8, 8, 8, 8]), rule="aml-10-4-week") == []


def test_forty_one_hours_breaks_the_normal_week_over_the_whole_local_week() -> None:
    [finding] = check(weeks_of(MONDAY, 1, [8, 8, 8, 8, 8, 1]), rule="aml-10-4-week")
    assert (finding.value, finding.limit) == (h(41), h(40))
    assert (finding.start, finding.end) == (oslo(MONDAY, 0), oslo(MONDAY + timedelta(days=7), 0))


def test_shift_and_rota_patterns_have_a_38_hour_week() -> None:
    policy = WorkTimePolicy(WorkTimeLimits.statutory(WeekPattern.SHIFT_38))
    assert check(weeks_of(MONDAY, 1, [7.6] * 5), rule="aml-10-4-week", policy=policy) == []
    assert values(check(weeks_of(MONDAY, 1, [7.75] * 5), rule="aml-10-4-week", policy=policy)) == [h(38.75)]


def test_averaging_allows_up_to_fifty_hours_in_a_single_week() -> None:
    policy = WorkTimePolicy(
        WorkTimeLimits().with_averaging(AveragingAgreement(AveragingKind.INDIVIDUAL, MONDAY))
    )
    assert check(weeks_of(MONDAY, 1, [10] * 5), rule="aml-10-4-week", policy=policy) == []
    found = check(weeks_of(MONDAY, 1, [10, 10, 10, 10, 10, 1]), rule="aml-10-4-week", policy=policy)
    assert [(f.value, f.limit) for f in found] == [(h(51), h(50))]


def test_averaging_holds_eight_weeks_to_48_hours_on_average() -> None:
    policy = WorkTimePolicy(
        WorkTimeLimits().with_averaging(AveragingAgreement(AveragingKind.INDIVIDUAL, MONDAY))
    )
    assert check(weeks_of(MONDAY, 8, [8] * 6), rule="aml-10-4-week", policy=policy) == []
    found = check(weeks_of(MONDAY, 8, [8.25] * 6), rule="aml-10-4-week", policy=policy)
    assert [(f.value, f.measure) for f in found] == [(h(49.5), "average worked per week over 8 weeks")]


def test_a_finished_averaging_period_must_average_within_the_normal_week() -> None:
    agreement = AveragingAgreement(AveragingKind.INDIVIDUAL, MONDAY, weeks=2)
    policy = WorkTimePolicy(WorkTimeLimits().with_averaging(agreement))
    even = weeks_of(MONDAY, 1, [9] * 5) + weeks_of(MONDAY + timedelta(weeks=1), 1, [7] * 5)
    assert check(even, rule="aml-10-4-week", policy=policy) == []
    over = weeks_of(MONDAY, 2, [9] * 5)
    [finding] = check(over, rule="aml-10-4-week", policy=policy)
    assert (finding.value, finding.limit) == (h(45), h(40))
    assert (finding.start, finding.end) == (oslo(MONDAY, 0), oslo(MONDAY + timedelta(weeks=2), 0))
    assert check(over, rule="aml-10-4-week", policy=policy, now=oslo(MONDAY + timedelta(days=13), 20)) == []


def test_a_week_with_a_public_holiday_is_still_a_forty_hour_week() -> None:
    ascension_week = date(2026, 5, 11)  # Thursday 14 May is Ascension Day
    week = weeks_of(ascension_week, 1, [8, 8, 8, 8, 8])
    assert check(week, rule="aml-10-4-week") == []
    [holiday] = check(week, rule="aml-10-10-sunday")
    assert (holiday.start, holiday.end) == (oslo(date(2026, 5, 13), 18), oslo(date(2026, 5, 14), 22))
    assert (holiday.value, holiday.severity) == (h(8), Severity.INFO)


# -- aml-10-6 overtime --------------------------------------------------------------------


def test_ten_hours_overtime_in_a_week_is_within_the_limit() -> None:
    assert check(weeks_of(MONDAY, 1, [9.5] * 5), rule="aml-10-6-overtime-week", policy=terms(7.5, 37.5)) == []


def test_overtime_beyond_the_agreed_hours_over_ten_hours_breaks_the_week() -> None:
    found = check(
        weeks_of(MONDAY, 1, [9.5] * 5 + [0.5]), rule="aml-10-6-overtime-week", policy=terms(7.5, 37.5)
    )
    assert [(f.value, f.limit) for f in found] == [(h(10.5), h(10))]


def test_an_hour_is_overtime_once_whether_it_broke_the_day_or_the_week() -> None:
    # 4 x 12 h: 3 h beyond the 9-hour day each; the 36 h left are within the 40-hour week.
    [finding] = check(weeks_of(MONDAY, 1, [12] * 4), rule="aml-10-6-overtime-week")
    assert finding.value == h(12)


def test_twenty_five_hours_overtime_in_four_weeks_is_within_the_limit() -> None:
    heavy = weeks_of(MONDAY, 3, [9.4] * 5) + weeks_of(MONDAY + timedelta(weeks=3), 1, [8.8] * 5)
    assert check(heavy, rule="aml-10-6-overtime-4weeks", policy=terms(8, 40)) == []


def test_over_twenty_five_hours_overtime_in_four_consecutive_weeks_is_a_breach() -> None:
    [finding] = check(weeks_of(MONDAY, 4, [9.4] * 5), rule="aml-10-6-overtime-4weeks", policy=terms(8, 40))
    assert (finding.value, finding.limit) == (h(28), h(25))
    assert (finding.start, finding.end) == (oslo(MONDAY, 0), oslo(MONDAY + timedelta(weeks=4), 0))


def _overtime_weeks(first_monday: date, weeks: int) -> list[Event]:
    return weeks_of(first_monday, weeks, [10] * 5)  # 10 h overtime a week beyond 8 h days


def test_two_hundred_hours_overtime_in_the_year_is_within_the_limit() -> None:
    year = _overtime_weeks(date(2027, 1, 4), 20)
    assert check(year, rule="aml-10-6-overtime-year", policy=terms(8, 40)) == []


def test_over_two_hundred_hours_overtime_in_the_calendar_year_is_a_breach() -> None:
    [finding] = check(
        _overtime_weeks(date(2027, 1, 4), 21), rule="aml-10-6-overtime-year", policy=terms(8, 40)
    )
    assert (finding.value, finding.limit, finding.measure) == (h(210), h(200), "overtime in the year 2027")
    assert finding.start == oslo(date(2027, 1, 4), 0)  # ISO week 1 of 2027


def test_the_overtime_year_is_fixed_not_rolling() -> None:
    across = _overtime_weeks(date(2026, 10, 26), 21)  # 10 weeks in 2026, 11 in 2027
    assert check(across, rule="aml-10-6-overtime-year", policy=terms(8, 40)) == []


def test_a_tariff_agreement_raises_the_overtime_limits() -> None:
    limits = WorkTimeLimits().with_tariff_overtime()
    policy = WorkTimePolicy(limits, {"1001": EmployeeTerms(h(8), h(40))})
    assert check(_overtime_weeks(date(2027, 1, 4), 21), rule="aml-10-6-overtime-year", policy=policy) == []
    assert (limits.overtime_week, limits.overtime_4weeks, limits.overtime_year) == (h(20), h(50), h(300))


# -- aml-10-6 total working time ----------------------------------------------------------


def test_thirteen_hours_in_a_day_is_within_the_total() -> None:
    assert check(day_of(MONDAY, 7, 13, 0.5), rule="aml-10-6-total-day") == []


def test_over_thirteen_hours_in_a_day_breaks_the_total() -> None:
    assert values(check(day_of(MONDAY, 7, 13.5, 0.5), rule="aml-10-6-total-day")) == [h(13.5)]


def test_an_agreement_under_10_6_9_allows_sixteen_hours() -> None:
    policy = WorkTimePolicy(WorkTimeLimits().with_total_day_agreement())
    assert check(day_of(MONDAY, 6, 16, 0.5), rule="aml-10-6-total-day", policy=policy) == []
    assert values(check(day_of(MONDAY, 6, 16.5, 0.5), rule="aml-10-6-total-day", policy=policy)) == [h(16.5)]


def test_forty_eight_hours_a_week_for_eight_weeks_is_within_the_total() -> None:
    assert check(weeks_of(MONDAY, 8, [8] * 6), rule="aml-10-6-total-8weeks") == []


def test_a_single_week_over_48_hours_is_not_by_itself_a_breach() -> None:
    heavy = weeks_of(MONDAY, 1, [9, 9, 9, 9, 9, 11]) + weeks_of(MONDAY + timedelta(weeks=1), 7, [8] * 5)
    assert check(heavy, rule="aml-10-6-total-8weeks") == []


def test_over_48_hours_a_week_on_average_over_eight_weeks_is_a_breach() -> None:
    [finding] = check(weeks_of(MONDAY, 8, [8.25] * 6), rule="aml-10-6-total-8weeks")
    assert (finding.value, finding.limit) == (h(49.5), h(48))
    assert (finding.start, finding.end) == (oslo(MONDAY, 0), oslo(MONDAY + timedelta(weeks=8), 0))


# -- aml-10-8 rest ------------------------------------------------------------------------

TUESDAY = MONDAY + timedelta(days=1)
SATURDAY = MONDAY + timedelta(days=5)


def test_eleven_hours_rest_between_shifts_is_enough() -> None:
    evening = work(oslo(MONDAY, 12), oslo(MONDAY, 20))
    assert check(evening, work(oslo(TUESDAY, 7), oslo(TUESDAY, 15)), rule="aml-10-8-daily-rest") == []


def test_a_minute_short_of_eleven_hours_rest_is_a_breach() -> None:
    evening = work(oslo(MONDAY, 12), oslo(MONDAY, 20, 1))
    [finding] = check(evening, work(oslo(TUESDAY, 7), oslo(TUESDAY, 15)), rule="aml-10-8-daily-rest")
    assert (finding.value, finding.limit) == (h(11) - timedelta(minutes=1), h(11))
    assert (finding.start, finding.end) == (oslo(MONDAY, 12), oslo(TUESDAY, 15))


def test_breaks_are_not_rest() -> None:
    long_day = work(oslo(MONDAY, 6), oslo(MONDAY, 22), (oslo(MONDAY, 10), oslo(MONDAY, 19)))
    [finding] = check(long_day, rule="aml-10-8-daily-rest")
    assert finding.value == h(8)  # 22:00 to 06:00 the next day, within the 24 hours


def test_the_rest_across_the_autumn_change_is_an_hour_longer_than_the_clock_says() -> None:
    saturday, sunday = date(2026, 10, 24), date(2026, 10, 25)
    days = work(oslo(saturday, 12), oslo(saturday, 20)), work(oslo(sunday, 6), oslo(sunday, 14))
    assert check(*days, rule="aml-10-8-daily-rest") == []  # 10 wall-clock hours, 11 real ones


def test_the_rest_across_the_spring_change_is_an_hour_shorter_than_the_clock_says() -> None:
    saturday, sunday = date(2026, 3, 28), date(2026, 3, 29)
    days = work(oslo(saturday, 13), oslo(saturday, 21)), work(oslo(sunday, 8), oslo(sunday, 16))
    [finding] = check(*days, rule="aml-10-8-daily-rest")  # 11 wall-clock hours, 10 real ones
    assert finding.value == h(10)


def test_thirty_five_hours_weekly_rest_is_enough() -> None:
    days = weeks_of(MONDAY, 1, [8] * 5) + day_of(SATURDAY, 7, 12.5, 0.5)  # Saturday until 20:00
    days += weeks_of(MONDAY + timedelta(weeks=1), 1, [8] * 5)  # from Monday 07:00, 35 h later
    assert check(days, rule="aml-10-8-weekly-rest") == []


def test_a_week_without_thirty_five_hours_rest_is_a_breach() -> None:
    days = weeks_of(MONDAY, 1, [8] * 5) + day_of(SATURDAY, 7, 13.5, 0.5)  # Saturday until 21:00
    days += weeks_of(MONDAY + timedelta(weeks=1), 1, [8] * 5)
    [finding] = check(days, rule="aml-10-8-weekly-rest")
    assert (finding.value, finding.limit) == (h(34), h(35))
    assert (finding.start, finding.end) == (oslo(MONDAY, 7), oslo(MONDAY + timedelta(days=11), 15, 30))


def test_seven_days_of_work_without_a_day_off_is_a_breach() -> None:
    [finding] = check(weeks_of(MONDAY, 1, [8] * 7), rule="aml-10-8-weekly-rest")
    assert finding.value == h(15.5)  # the 7 days from Monday 07:00 end next Monday 07:00


def test_an_agreement_under_10_8_3_lowers_the_rest_to_its_floors() -> None:
    policy = WorkTimePolicy(WorkTimeLimits().with_rest_agreement())
    evening = work(oslo(MONDAY, 14), oslo(MONDAY, 23))
    assert (
        check(evening, work(oslo(TUESDAY, 7), oslo(TUESDAY, 15)), rule="aml-10-8-daily-rest", policy=policy)
        == []
    )
    late = work(oslo(MONDAY, 14), oslo(MONDAY, 23, 1))
    found = check(late, work(oslo(TUESDAY, 7), oslo(TUESDAY, 15)), rule="aml-10-8-daily-rest", policy=policy)
    assert [(f.value, f.limit) for f in found] == [(h(8) - timedelta(minutes=1), h(8))]


# -- aml-10-9-break -----------------------------------------------------------------------


def test_five_and_a_half_hours_without_a_break_is_allowed() -> None:
    assert check(work(oslo(MONDAY, 8), oslo(MONDAY, 13, 30)), rule="aml-10-9-break") == []


def test_more_than_five_and_a_half_hours_without_a_break_is_a_breach() -> None:
    [finding] = check(work(oslo(MONDAY, 8), oslo(MONDAY, 13, 31)), rule="aml-10-9-break")
    assert (finding.value, finding.limit, finding.measure) == (
        h(5.5) + timedelta(minutes=1),
        h(5.5),
        "worked without a break",
    )


def test_eight_hours_with_half_an_hour_of_breaks_is_allowed() -> None:
    assert check(day_of(MONDAY, 8, 8, 0.5), rule="aml-10-9-break") == []


def test_eight_hours_with_under_half_an_hour_of_breaks_is_a_breach() -> None:
    [finding] = check(day_of(MONDAY, 8, 8, 29 / 60), rule="aml-10-9-break")
    assert (finding.value, finding.limit) == (timedelta(minutes=29), timedelta(minutes=30))


def test_clocking_out_for_lunch_is_a_break() -> None:
    lunch = work(oslo(MONDAY, 8), oslo(MONDAY, 12)), work(oslo(MONDAY, 12, 30), oslo(MONDAY, 16, 30))
    assert check(*lunch, rule="aml-10-9-break") == []


def test_a_working_day_still_running_is_not_judged_yet() -> None:
    assert check([(IN, oslo(MONDAY, 8))], rule="aml-10-9-break", now=oslo(MONDAY, 15)) == []


# -- aml-10-10-sunday and aml-10-11-night --------------------------------------------------


def test_saturday_work_ending_at_18_is_not_sunday_work() -> None:
    assert check(work(oslo(SATURDAY, 10), oslo(SATURDAY, 18)), rule="aml-10-10-sunday") == []


def test_saturday_work_after_18_is_reported_as_sunday_work() -> None:
    [finding] = check(work(oslo(SATURDAY, 12), oslo(SATURDAY, 19)), rule="aml-10-10-sunday")
    assert (finding.value, finding.limit, finding.severity) == (h(1), h(0), Severity.INFO)
    assert (finding.start, finding.end) == (oslo(SATURDAY, 18), oslo(SATURDAY + timedelta(days=1), 22))


def test_christmas_eve_work_after_15_is_holiday_work() -> None:
    eve = date(2026, 12, 24)
    assert check(work(oslo(eve, 8), oslo(eve, 15)), rule="aml-10-10-sunday") == []
    assert values(check(work(oslo(eve, 8), oslo(eve, 16)), rule="aml-10-10-sunday")) == [h(1)]


def test_work_ending_before_21_is_not_night_work() -> None:
    assert check(work(oslo(MONDAY, 13), oslo(MONDAY, 21)), rule="aml-10-11-night") == []


def test_work_after_21_is_reported_as_night_work() -> None:
    [finding] = check(work(oslo(MONDAY, 14), oslo(MONDAY, 22)), rule="aml-10-11-night")
    assert (finding.value, finding.limit, finding.severity) == (h(1), h(0), Severity.INFO)


def test_the_autumn_night_holds_ten_hours_of_night_work() -> None:
    [finding] = check(work(oslo(date(2026, 10, 24), 21), oslo(date(2026, 10, 25), 6)), rule="aml-10-11-night")
    assert finding.value == h(10)


def _nights(weeks: int, hours: float) -> list[Event]:
    """Five nights a week from 21:00."""
    events: list[Event] = []
    for week in range(weeks):
        for offset in range(5):
            start = oslo(MONDAY + timedelta(weeks=week, days=offset), 21)
            events += work(start, start + h(hours))
    return events


def test_regular_night_work_averaging_eight_hours_a_day_is_within_the_limit() -> None:
    found = check(_nights(4, 8.5), rule="aml-10-11-night")
    assert [f.measure for f in found] == ["night work (21:00-06:00) in the week"] * 4
    assert {f.value for f in found} == {h(5 * 8.5)}


def test_regular_night_work_averaging_over_eight_hours_a_day_is_reported() -> None:
    [average] = [f for f in check(_nights(4, 9), rule="aml-10-11-night") if f.measure.startswith("average")]
    # 180 h over 28 days less 4 weekly rests of 35 h: 180 h / (532 h / 24 h)
    assert average.value == timedelta(microseconds=180 * 3_600_000_000 * 24 // 532)
    assert average.limit == h(8)


# -- § 10-12, inputs and order ------------------------------------------------------------


def test_leading_positions_are_exempt_from_every_rule() -> None:
    policy = WorkTimePolicy(employees={"1001": EmployeeTerms(exempt=True)})
    events = weeks_of(MONDAY, 1, [14] * 7)
    assert check_rules(punches(*events), policy, OSLO, LATER, holidays=NORWAY) == []
    assert check_rules(punches(*events, employee="1002"), policy, OSLO, LATER, holidays=NORWAY) != []


def test_shifts_and_punches_give_the_same_findings() -> None:
    log = punches(*weeks_of(MONDAY, 2, [11, 11, 11, 11, 11, 11, 11]))
    from_punches = check_rules(log, WorkTimePolicy(), OSLO, LATER, holidays=NORWAY)
    assert from_punches
    assert check_rules(pair_shifts(log), WorkTimePolicy(), OSLO, LATER, holidays=NORWAY) == from_punches


def test_findings_are_sorted_by_employee_then_time_whatever_the_input_order() -> None:
    log = punches(*weeks_of(MONDAY, 2, [11] * 7), employee="1002") + punches(*weeks_of(MONDAY, 1, [12] * 6))
    found = check_rules(list(reversed(log)), WorkTimePolicy(), OSLO, LATER, holidays=NORWAY)
    assert found == sorted(found, key=Finding.sort_key)
    assert found == check_rules(log, WorkTimePolicy(), OSLO, LATER, holidays=NORWAY)
    assert found[0].employee == "1001"


def test_work_after_now_is_not_judged() -> None:
    week = weeks_of(MONDAY, 1, [12] * 5)
    assert check(week, rule="aml-10-4-day", now=oslo(MONDAY, 6)) == []


def test_unknown_rules_and_mixed_inputs_are_refused() -> None:
    log = punches(*work(oslo(MONDAY, 8), oslo(MONDAY, 16)))
    with pytest.raises(ValueError, match="aml-99"):
        check_rules(log, WorkTimePolicy(), OSLO, LATER, holidays=NORWAY, rules=["aml-99"])
    mixed: list[Any] = [*log, *pair_shifts(log)]
    with pytest.raises(TypeError, match="not a mix"):
        check_rules(mixed, WorkTimePolicy(), OSLO, LATER, holidays=NORWAY)
