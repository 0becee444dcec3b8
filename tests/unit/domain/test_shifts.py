"""Pairing punches into shifts, and the worked time of a shift."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import Break, ClockState, Punch, PunchKind, Shift, pair_shifts, state_after

from .factories import BREAK_END, BREAK_START, FAST, IN, OUT, SPRING, oslo, punch_logs, punches

DAY = date(2026, 11, 23)
NEXT_DAY = DAY + timedelta(days=1)
LATER = oslo(date(2027, 1, 1), 0)  # a `now` well after every example


def hours(value: float) -> timedelta:
    return timedelta(hours=value)


def test_normal_day_with_a_break_is_one_shift_without_the_break() -> None:
    day = punches(
        (IN, oslo(DAY, 8)),
        (BREAK_START, oslo(DAY, 11, 30)),
        (BREAK_END, oslo(DAY, 12)),
        (OUT, oslo(DAY, 16)),
    )
    [shift] = pair_shifts(day)
    assert shift == Shift(
        "1001", oslo(DAY, 8), oslo(DAY, 16), (Break(oslo(DAY, 11, 30), oslo(DAY, 12)),)
    )
    assert shift.intervals(LATER) == [
        (oslo(DAY, 8), oslo(DAY, 11, 30)),
        (oslo(DAY, 12), oslo(DAY, 16)),
    ]
    assert shift.worked(LATER) == hours(7.5)


def test_intervals_are_utc_instants() -> None:
    [shift] = pair_shifts(punches((IN, oslo(DAY, 8)), (OUT, oslo(DAY, 16))))
    [(start, end)] = shift.intervals(LATER)
    assert (start, end) == (
        datetime(2026, 11, 23, 7, tzinfo=UTC),
        datetime(2026, 11, 23, 15, tzinfo=UTC),
    )
    assert start.tzinfo is UTC
    assert end.tzinfo is UTC


def test_shift_across_midnight_is_one_shift() -> None:
    [shift] = pair_shifts(punches((IN, oslo(DAY, 20)), (OUT, oslo(NEXT_DAY, 4))))
    assert (shift.start, shift.end) == (oslo(DAY, 20), oslo(NEXT_DAY, 4))
    assert shift.worked(LATER) == hours(8)


def test_night_shift_across_spring_forward_is_7_hours() -> None:
    night = punches((IN, oslo(date(2026, 3, 28), 22)), (OUT, oslo(date(2026, 3, 29), 6)))
    [shift] = pair_shifts(night)
    assert shift.worked(LATER) == hours(7)


def test_night_shift_across_fall_back_is_9_hours() -> None:
    night = punches((IN, oslo(date(2026, 10, 24), 22)), (OUT, oslo(date(2026, 10, 25), 6)))
    [shift] = pair_shifts(night)
    assert shift.worked(LATER) == hours(9)


def test_open_shift_counts_up_to_now() -> None:
    [shift] = pair_shifts(punches((IN, oslo(DAY, 8))))
    assert shift.end is None
    assert shift.worked(oslo(DAY, 10, 15)) == timedelta(hours=2, minutes=15)


def test_open_shift_across_spring_forward_counts_elapsed_time() -> None:
    [shift] = pair_shifts(punches((IN, oslo(date(2026, 3, 29), 1))))
    assert shift.worked(oslo(date(2026, 3, 29), 4)) == hours(2)


def test_time_on_an_open_break_does_not_count() -> None:
    day = punches((IN, oslo(DAY, 8)), (BREAK_START, oslo(DAY, 11)))
    [shift] = pair_shifts(day)
    assert shift.breaks == (Break(oslo(DAY, 11), None),)
    assert shift.worked(oslo(DAY, 13)) == hours(3)


def test_open_shift_starting_after_now_has_no_worked_time() -> None:
    [shift] = pair_shifts(punches((IN, oslo(DAY, 8))))
    assert shift.intervals(oslo(DAY, 7)) == []
    assert shift.worked(oslo(DAY, 7)) == timedelta(0)


def test_second_clock_in_while_in_is_ignored() -> None:
    day = punches((IN, oslo(DAY, 8)), (IN, oslo(DAY, 9)), (OUT, oslo(DAY, 16)))
    assert pair_shifts(day) == [Shift("1001", oslo(DAY, 8), oslo(DAY, 16), ())]


def test_clock_out_while_on_break_ends_the_break_and_the_shift() -> None:
    day = punches((IN, oslo(DAY, 8)), (BREAK_START, oslo(DAY, 11)), (OUT, oslo(DAY, 12)))
    [shift] = pair_shifts(day)
    assert shift == Shift(
        "1001", oslo(DAY, 8), oslo(DAY, 12), (Break(oslo(DAY, 11), oslo(DAY, 12)),)
    )
    assert shift.worked(LATER) == hours(3)


def test_stray_clock_out_and_break_end_without_a_shift_are_ignored() -> None:
    day = punches(
        (OUT, oslo(DAY, 6)),
        (BREAK_END, oslo(DAY, 7)),
        (IN, oslo(DAY, 8)),
        (OUT, oslo(DAY, 16)),
        (OUT, oslo(DAY, 17)),
        (BREAK_START, oslo(DAY, 18)),
    )
    assert pair_shifts(day) == [Shift("1001", oslo(DAY, 8), oslo(DAY, 16), ())]


def test_stray_break_punches_inside_a_shift_are_ignored() -> None:
    day = punches(
        (IN, oslo(DAY, 8)),
        (BREAK_END, oslo(DAY, 9)),  # not on break
        (BREAK_START, oslo(DAY, 11)),
        (BREAK_START, oslo(DAY, 11, 10)),  # already on break
        (IN, oslo(DAY, 11, 20)),  # on break, not a new shift
        (BREAK_END, oslo(DAY, 11, 30)),
        (OUT, oslo(DAY, 16)),
    )
    assert pair_shifts(day) == [
        Shift("1001", oslo(DAY, 8), oslo(DAY, 16), (Break(oslo(DAY, 11), oslo(DAY, 11, 30)),))
    ]


def test_shifts_are_paired_per_employee_and_sorted_by_start_then_employee() -> None:
    anna = punches((IN, oslo(DAY, 8)), (OUT, oslo(DAY, 16)), employee="1002")
    ola = punches((IN, oslo(DAY, 8)), (IN, oslo(DAY, 9)), (OUT, oslo(DAY, 12)), employee="1001")
    evening = punches((IN, oslo(DAY, 18)), employee="1001")
    assert pair_shifts(evening + anna + ola) == [
        Shift("1001", oslo(DAY, 8), oslo(DAY, 12), ()),
        Shift("1002", oslo(DAY, 8), oslo(DAY, 16), ()),
        Shift("1001", oslo(DAY, 18), None, ()),
    ]


def test_punches_at_the_same_instant_pair_in_id_order() -> None:
    at = oslo(DAY, 8)
    clock_out = Punch(id="p2", employee="1001", kind=OUT, at=at)
    clock_in = Punch(id="p1", employee="1001", kind=IN, at=at)
    assert pair_shifts([clock_out, clock_in]) == [Shift("1001", at, at, ())]


def test_no_punches_make_no_shifts() -> None:
    assert pair_shifts([]) == []


def test_breaks_outside_the_shift_and_overlapping_breaks_count_once() -> None:
    shift = Shift(
        "1001",
        oslo(DAY, 8),
        oslo(DAY, 16),
        (
            Break(oslo(DAY, 7), oslo(DAY, 9)),
            Break(oslo(DAY, 12), oslo(DAY, 13)),
            Break(oslo(DAY, 12, 30), oslo(DAY, 13, 30)),
            Break(oslo(DAY, 15), None),
        ),
    )
    assert shift.intervals(LATER) == [
        (oslo(DAY, 9), oslo(DAY, 12)),
        (oslo(DAY, 13, 30), oslo(DAY, 15)),
    ]


def test_shift_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        Shift("1001", oslo(DAY, 16), oslo(DAY, 8), ())


def test_break_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        Break(oslo(DAY, 12), oslo(DAY, 11))


def test_shift_and_break_times_are_normalised_to_utc() -> None:
    shift = Shift("1001", oslo(DAY, 8), None, [Break(oslo(DAY, 9), None)])  # type: ignore[arg-type]
    assert shift.start.tzinfo is UTC
    assert shift.breaks[0].start.tzinfo is UTC
    assert isinstance(shift.breaks, tuple)


def naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


def test_naive_shift_and_break_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Shift("1001", naive(oslo(DAY, 8)), None, ())
    with pytest.raises(ValueError, match="timezone-aware"):
        Shift("1001", oslo(DAY, 8), naive(oslo(DAY, 9)), ())
    with pytest.raises(ValueError, match="timezone-aware"):
        Break(naive(oslo(DAY, 8)), None)


def test_naive_now_is_refused() -> None:
    [shift] = pair_shifts(punches((IN, oslo(DAY, 8))))
    with pytest.raises(ValueError, match="timezone-aware"):
        shift.worked(naive(oslo(DAY, 9)))


# A reference for worked time written independently of pair_shifts: walk the
# punches and add up the time each employee spends clocked in and not on break.
TOLERANT: dict[tuple[ClockState, PunchKind], ClockState] = {
    (ClockState.OUT, IN): ClockState.IN,
    (ClockState.IN, OUT): ClockState.OUT,
    (ClockState.IN, BREAK_START): ClockState.ON_BREAK,
    (ClockState.ON_BREAK, BREAK_END): ClockState.IN,
    (ClockState.ON_BREAK, OUT): ClockState.OUT,
}


def time_clocked_in(history: list[Punch], now: datetime) -> timedelta:
    state: dict[str, ClockState] = {}
    since: dict[str, datetime] = {}
    total = timedelta()
    for punch in sorted(history, key=lambda punch: (punch.at, punch.id)):
        current = state.get(punch.employee, ClockState.OUT)
        after = TOLERANT.get((current, punch.kind))
        if after is None:
            continue
        if current is ClockState.IN:
            total += punch.at - since[punch.employee]
        state[punch.employee], since[punch.employee] = after, punch.at
    for employee, current in state.items():
        if current is ClockState.IN:
            total += now - since[employee]
    return total


@FAST
@given(punch_logs(), st.integers(min_value=0, max_value=24 * 60))
def test_worked_time_is_the_time_spent_clocked_in(history: list[Punch], extra: int) -> None:
    now = max((punch.at for punch in history), default=SPRING) + timedelta(minutes=extra)
    worked = sum((shift.worked(now) for shift in pair_shifts(history)), timedelta())
    assert worked == time_clocked_in(history, now)


@FAST
@given(punch_logs(), st.integers(min_value=-24 * 60, max_value=5 * 24 * 60))
def test_worked_time_is_never_negative(history: list[Punch], offset: int) -> None:
    now = SPRING + timedelta(minutes=offset)
    for shift in pair_shifts(history):
        assert shift.worked(now) >= timedelta(0)


@FAST
@given(punch_logs(), st.integers(min_value=-24 * 60, max_value=5 * 24 * 60))
def test_intervals_are_ordered_disjoint_and_inside_the_shift(
    history: list[Punch], offset: int
) -> None:
    now = SPRING + timedelta(minutes=offset)
    for shift in pair_shifts(history):
        end = now if shift.end is None else shift.end
        intervals = shift.intervals(now)
        for start, stop in intervals:
            assert shift.start <= start < stop <= end
        for (_, stop), (start, _) in pairwise(intervals):
            assert stop < start


@FAST
@given(st.data())
def test_shuffling_punches_changes_no_shift(data: st.DataObject) -> None:
    history = data.draw(punch_logs())
    shuffled = data.draw(st.permutations(history))
    assert pair_shifts(shuffled) == pair_shifts(history)


@FAST
@given(punch_logs(employees=["1001"]))
def test_clock_state_agrees_with_the_last_shift(history: list[Punch]) -> None:
    shifts = pair_shifts(history)
    last = shifts[-1] if shifts else None
    if last is None or last.end is not None:
        expected = ClockState.OUT
    elif last.breaks and last.breaks[-1].end is None:
        expected = ClockState.ON_BREAK
    else:
        expected = ClockState.IN
    assert state_after(history) is expected


@FAST
@given(punch_logs())
def test_shifts_are_sorted_and_never_overlap_for_one_employee(history: list[Punch]) -> None:
    shifts = pair_shifts(history)
    assert shifts == sorted(shifts, key=lambda shift: (shift.start, shift.employee))
    for employee in {shift.employee for shift in shifts}:
        own = [shift for shift in shifts if shift.employee == employee]
        for earlier, later in pairwise(own):
            assert earlier.end is not None
            assert earlier.end <= later.start


@FAST
@given(st.datetimes())
def test_naive_datetimes_are_always_refused(value: datetime) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Shift("1001", value, None, ())
    with pytest.raises(ValueError, match="timezone-aware"):
        Break(value, None)
    with pytest.raises(ValueError, match="timezone-aware"):
        Shift("1001", SPRING, None, ()).worked(value)
