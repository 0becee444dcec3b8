"""Worked time per local day and per ISO week, and how durations read."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import (
    DEFAULT_ZONE,
    Punch,
    Shift,
    WeekSummary,
    day_bounds,
    format_duration,
    iso_week_days,
    pair_shifts,
    parse_iso_week,
    today_worked,
    week_summary,
    worked_per_day,
)

from .factories import (
    BREAK_END,
    BREAK_START,
    FAST,
    IN,
    OSLO,
    OUT,
    SPRING,
    oslo,
    punch_logs,
    punches,
)

SANTIAGO = ZoneInfo("America/Santiago")  # skips midnight itself when DST starts
SPRING_SAT, SPRING_SUN = date(2026, 3, 28), date(2026, 3, 29)
FALL_SAT, FALL_SUN = date(2026, 10, 24), date(2026, 10, 25)
MON = date(2026, 11, 23)  # Monday of 2026-W48
LATER = oslo(date(2027, 1, 1), 0)


def hours(value: float) -> timedelta:
    return timedelta(hours=value)


def night(first: date, employee: str = "1001") -> list[Shift]:
    """A 22:00-06:00 night shift starting on `first`, Oslo time."""
    return pair_shifts(
        punches(
            (IN, oslo(first, 22)),
            (OUT, oslo(first + timedelta(days=1), 6)),
            employee=employee,
        )
    )


def test_default_zone_is_oslo() -> None:
    assert DEFAULT_ZONE.key == "Europe/Oslo"


def test_iso_week_runs_monday_to_sunday() -> None:
    assert iso_week_days(2026, 48) == [MON + timedelta(days=offset) for offset in range(7)]
    assert [day.isoweekday() for day in iso_week_days(2026, 48)] == [1, 2, 3, 4, 5, 6, 7]


def test_iso_week_may_start_in_the_previous_year_and_end_in_the_next() -> None:
    assert iso_week_days(2026, 1)[0] == date(2025, 12, 29)
    assert iso_week_days(2026, 53)[-1] == date(2027, 1, 3)


def test_iso_week_the_year_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="2025 has no ISO week 53"):
        iso_week_days(2025, 53)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-W48", (2026, 48)),
        ("2026-W01", (2026, 1)),
        ("2026-W53", (2026, 53)),
        ("2026-w48", (2026, 48)),
    ],
)
def test_iso_week_text_is_read_as_year_and_week(text: str, expected: tuple[int, int]) -> None:
    assert parse_iso_week(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-48",
        "2026W48",
        "2026-W4",
        "26-W48",
        "2026-W048",
        " 2026-W48",
        "2026-W48\n",
        "２０２６-W48",
    ],
)
def test_malformed_iso_week_text_is_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(ValueError, match="expected YYYY-Www, for example 2026-W48"):
        parse_iso_week(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-W00", "2026 has no ISO week 0; its weeks run from 1 to 53"),
        ("2025-W53", "2025 has no ISO week 53; its weeks run from 1 to 52"),
        ("0000-W01", "Year 0 is out of range"),
    ],
)
def test_iso_week_outside_the_calendar_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_iso_week(text)


def test_ordinary_day_is_24_hours_from_local_midnight() -> None:
    start, end = day_bounds(MON, OSLO)
    assert (start, end) == (
        datetime(2026, 11, 22, 23, tzinfo=UTC),
        datetime(2026, 11, 23, 23, tzinfo=UTC),
    )


def test_spring_forward_day_is_23_hours() -> None:
    start, end = day_bounds(SPRING_SUN, OSLO)
    assert end - start == hours(23)


def test_fall_back_day_is_25_hours() -> None:
    start, end = day_bounds(FALL_SUN, OSLO)
    assert end - start == hours(25)


def test_day_whose_midnight_is_skipped_starts_at_the_jump() -> None:
    # Chile moves clocks from 00:00 to 01:00 on 2026-09-06.
    start, end = day_bounds(date(2026, 9, 6), SANTIAGO)
    local_start = start.astimezone(SANTIAGO)
    assert (local_start.date(), local_start.time()) == (date(2026, 9, 6), time(1))
    assert end - start == hours(23)


def test_day_bounds_are_utc_instants() -> None:
    start, end = day_bounds(MON, OSLO)
    assert start.tzinfo is UTC
    assert end.tzinfo is UTC


def test_night_shift_gives_2_hours_to_the_evening_and_6_to_the_morning() -> None:
    assert worked_per_day(night(MON), [MON, MON + timedelta(days=1)], OSLO, LATER) == {
        MON: hours(2),
        MON + timedelta(days=1): hours(6),
    }


def test_night_across_spring_forward_gives_the_morning_5_hours() -> None:
    assert worked_per_day(night(SPRING_SAT), [SPRING_SAT, SPRING_SUN], OSLO, LATER) == {
        SPRING_SAT: hours(2),
        SPRING_SUN: hours(5),
    }


def test_night_across_fall_back_gives_the_morning_7_hours() -> None:
    assert worked_per_day(night(FALL_SAT), [FALL_SAT, FALL_SUN], OSLO, LATER) == {
        FALL_SAT: hours(2),
        FALL_SUN: hours(7),
    }


def test_every_asked_day_is_present_in_order_even_with_nothing_worked() -> None:
    days = [MON + timedelta(days=2), MON, MON + timedelta(days=1)]
    totals = worked_per_day(night(MON), days, OSLO, LATER)
    assert list(totals) == days
    assert totals[MON + timedelta(days=2)] == timedelta(0)


def test_time_outside_the_asked_days_is_left_out() -> None:
    assert worked_per_day(night(MON), [MON], OSLO, LATER) == {MON: hours(2)}


def test_breaks_do_not_count_towards_the_day() -> None:
    shifts = pair_shifts(
        punches(
            (IN, oslo(MON, 8)),
            (BREAK_START, oslo(MON, 11, 30)),
            (BREAK_END, oslo(MON, 12)),
            (OUT, oslo(MON, 16)),
        )
    )
    assert worked_per_day(shifts, [MON], OSLO, LATER) == {MON: hours(7.5)}


def test_open_night_shift_is_split_across_midnight_up_to_now() -> None:
    shifts = pair_shifts(punches((IN, oslo(MON, 22))))
    tuesday = MON + timedelta(days=1)
    assert worked_per_day(shifts, [MON, tuesday], OSLO, oslo(tuesday, 1, 30)) == {
        MON: hours(2),
        tuesday: hours(1.5),
    }


def test_days_are_cut_in_the_zone_asked_for() -> None:
    # 08:00-16:00 in Oslo is 07:00-15:00 UTC; a UTC+14 day ends at 10:00 UTC.
    shifts = pair_shifts(punches((IN, oslo(MON, 8)), (OUT, oslo(MON, 16))))
    kiritimati = ZoneInfo("Pacific/Kiritimati")
    tuesday = MON + timedelta(days=1)
    assert worked_per_day(shifts, [MON, tuesday], kiritimati, LATER) == {
        MON: hours(3),
        tuesday: hours(5),
    }


def test_week_summary_counts_only_the_week_itself() -> None:
    sunday = MON + timedelta(days=6)
    shifts = pair_shifts(
        punches((IN, oslo(MON, 8)), (OUT, oslo(MON, 16)))
        + punches((IN, oslo(sunday, 22)), (OUT, oslo(sunday + timedelta(days=1), 6)))
    )
    summary = week_summary(shifts, 2026, 48, OSLO, LATER)
    assert summary == WeekSummary(
        year=2026,
        week=48,
        days={day: timedelta(0) for day in iso_week_days(2026, 48)}
        | {MON: hours(8), sunday: hours(2)},
        total=hours(10),
    )


def test_week_summary_of_a_week_the_year_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="no ISO week 53"):
        week_summary([], 2025, 53, OSLO, LATER)


def test_week_summary_accepts_shifts_as_a_one_shot_iterator() -> None:
    summary = week_summary(iter(night(MON)), 2026, 48, OSLO, LATER)
    assert summary.total == hours(8)


def test_today_counts_the_open_night_shift_since_midnight() -> None:
    tuesday = MON + timedelta(days=1)
    shifts = pair_shifts(punches((IN, oslo(MON, 22))))
    assert today_worked(shifts, OSLO, oslo(tuesday, 2, 15)) == timedelta(hours=2, minutes=15)


def test_today_is_the_local_day_of_now_not_the_utc_day() -> None:
    # 00:30 on Tuesday in Oslo is still Monday in UTC.
    tuesday = MON + timedelta(days=1)
    shifts = pair_shifts(punches((IN, oslo(MON, 20)), (OUT, oslo(MON, 23))))
    assert today_worked(shifts, OSLO, oslo(tuesday, 0, 30)) == timedelta(0)


def test_naive_now_is_refused_by_the_timesheet() -> None:
    naive_now = oslo(MON, 12).replace(tzinfo=None)
    with pytest.raises(ValueError, match="timezone-aware"):
        worked_per_day([], [MON], OSLO, naive_now)
    with pytest.raises(ValueError, match="timezone-aware"):
        today_worked([], OSLO, naive_now)
    with pytest.raises(ValueError, match="timezone-aware"):
        week_summary([], 2026, 48, OSLO, naive_now)


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (timedelta(0), "0 min"),
        (timedelta(seconds=59), "0 min"),
        (timedelta(minutes=59, seconds=59, microseconds=999_999), "59 min"),
        (timedelta(hours=3, minutes=12, seconds=59), "3 h 12 min"),
        (timedelta(hours=8), "8 h 0 min"),
        (timedelta(hours=41, minutes=5), "41 h 5 min"),
        (timedelta(days=2, hours=1), "49 h 0 min"),
        (timedelta(minutes=-90), "-1 h 30 min"),
        (timedelta(seconds=-30), "0 min"),
    ],
)
def test_durations_read_in_hours_and_whole_minutes(duration: timedelta, text: str) -> None:
    assert format_duration(duration) == text


# Weeks with a spring-forward Sunday, a fall-back Sunday, an ordinary week,
# and a week across New Year.
WEEKS = [(2026, 13), (2026, 43), (2026, 48), (2026, 53)]


@st.composite
def week_histories(draw: st.DrawFn) -> tuple[int, int, list[Punch], datetime]:
    """A week, punches inside it, and a `now` after them but still in the week."""
    year, week = draw(st.sampled_from(WEEKS))
    days = iso_week_days(year, week)
    start, end = day_bounds(days[0], OSLO)[0], day_bounds(days[-1], OSLO)[1]
    history = draw(punch_logs(start=start, span=end - start))
    last = max((punch.at for punch in history), default=start)
    room = (end - last) // timedelta(minutes=1)
    now = last + timedelta(minutes=draw(st.integers(min_value=0, max_value=room)))
    return year, week, history, now


@FAST
@given(week_histories())
def test_week_total_is_the_sum_of_its_days_and_of_its_shifts(
    case: tuple[int, int, list[Punch], datetime],
) -> None:
    year, week, history, now = case
    shifts = pair_shifts(history)
    summary = week_summary(shifts, year, week, OSLO, now)
    assert list(summary.days) == iso_week_days(year, week)
    assert summary.total == sum(summary.days.values(), timedelta())
    assert summary.total == sum((shift.worked(now) for shift in shifts), timedelta())


@FAST
@given(punch_logs(), st.integers(min_value=-24 * 60, max_value=5 * 24 * 60))
def test_day_totals_are_never_negative(history: list[Punch], offset: int) -> None:
    now = SPRING + timedelta(minutes=offset)
    days = [SPRING_SAT - timedelta(days=1) + timedelta(days=n) for n in range(6)]
    totals = worked_per_day(pair_shifts(history), days, OSLO, now)
    assert all(total >= timedelta(0) for total in totals.values())
    assert today_worked(pair_shifts(history), OSLO, now) >= timedelta(0)


@FAST
@given(st.data())
def test_shuffling_punches_changes_no_week(data: st.DataObject) -> None:
    year, week, history, now = data.draw(week_histories())
    shuffled = data.draw(st.permutations(history))
    assert week_summary(pair_shifts(shuffled), year, week, OSLO, now) == week_summary(
        pair_shifts(history), year, week, OSLO, now
    )


@FAST
@given(
    st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from([OSLO, SANTIAGO, ZoneInfo("Australia/Lord_Howe"), ZoneInfo("UTC")]),
)
def test_local_days_abut_and_last_23_to_25_hours(day: date, zone: ZoneInfo) -> None:
    start, end = day_bounds(day, zone)
    assert end == day_bounds(day + timedelta(days=1), zone)[0]
    assert hours(23) <= end - start <= hours(25)
    assert start.astimezone(zone).date() == day
    assert (end - timedelta(microseconds=1)).astimezone(zone).date() == day


@FAST
@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31)))
def test_oslo_days_start_at_local_midnight(day: date) -> None:
    start, _ = day_bounds(day, OSLO)
    assert start.astimezone(OSLO).time() == time(0)


@FAST
@given(st.datetimes())
def test_naive_now_is_always_refused(naive_now: datetime) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        worked_per_day([], [MON], OSLO, naive_now)
