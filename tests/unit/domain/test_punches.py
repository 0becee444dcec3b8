"""The punch record and the clock state machine."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import (
    ClockState,
    Punch,
    PunchKind,
    TransitionError,
    allowed_kinds,
    next_state,
    replay_step,
    sort_punches,
    state_after,
)

from .factories import BREAK_END, BREAK_START, FAST, IN, OSLO, OUT, oslo, punch_logs, punches

DAY = date(2026, 11, 23)

# Every (state, kind) pair: the state a live punch leads to, or None if refused.
MACHINE: dict[tuple[ClockState, PunchKind], ClockState | None] = {
    (ClockState.OUT, IN): ClockState.IN,
    (ClockState.OUT, OUT): None,
    (ClockState.OUT, BREAK_START): None,
    (ClockState.OUT, BREAK_END): None,
    (ClockState.IN, IN): None,
    (ClockState.IN, OUT): ClockState.OUT,
    (ClockState.IN, BREAK_START): ClockState.ON_BREAK,
    (ClockState.IN, BREAK_END): None,
    (ClockState.ON_BREAK, IN): None,
    (ClockState.ON_BREAK, OUT): None,
    (ClockState.ON_BREAK, BREAK_START): None,
    (ClockState.ON_BREAK, BREAK_END): ClockState.IN,
}

REFUSALS: dict[tuple[ClockState, PunchKind], str] = {
    (ClockState.OUT, OUT): "Cannot clock out: you are not clocked in.",
    (ClockState.OUT, BREAK_START): "Cannot start a break: you are not clocked in.",
    (ClockState.OUT, BREAK_END): "Cannot end a break: you are not on a break.",
    (ClockState.IN, IN): "Cannot clock in: you are already clocked in.",
    (ClockState.IN, BREAK_END): "Cannot end a break: you are not on a break.",
    (ClockState.ON_BREAK, IN): "Cannot clock in: you are already clocked in and on a break.",
    (ClockState.ON_BREAK, OUT): "Cannot clock out: you are on a break; end the break first.",
    (ClockState.ON_BREAK, BREAK_START): "Cannot start a break: you are already on a break.",
}


def test_machine_table_covers_every_state_and_kind() -> None:
    assert set(MACHINE) == {(state, kind) for state in ClockState for kind in PunchKind}


@pytest.mark.parametrize(("state", "kind"), list(MACHINE))
def test_next_state_follows_the_table(state: ClockState, kind: PunchKind) -> None:
    expected = MACHINE[(state, kind)]
    if expected is None:
        with pytest.raises(TransitionError) as refused:
            next_state(state, kind)
        assert (refused.value.state, refused.value.kind) == (state, kind)
    else:
        assert next_state(state, kind) is expected


@pytest.mark.parametrize("state", list(ClockState))
def test_allowed_kinds_are_exactly_those_next_state_accepts(state: ClockState) -> None:
    accepted = {kind for kind in PunchKind if MACHINE[(state, kind)] is not None}
    assert allowed_kinds(state) == accepted


def test_clocked_out_may_only_clock_in() -> None:
    assert allowed_kinds(ClockState.OUT) == {IN}


def test_clocked_in_may_clock_out_or_start_a_break() -> None:
    assert allowed_kinds(ClockState.IN) == {OUT, BREAK_START}


def test_on_break_may_only_end_the_break() -> None:
    assert allowed_kinds(ClockState.ON_BREAK) == {BREAK_END}


def test_clock_out_when_not_in_is_refused() -> None:
    with pytest.raises(TransitionError, match=r"^Cannot clock out: you are not clocked in\.$"):
        next_state(ClockState.OUT, OUT)


def test_clock_out_while_on_break_is_refused_until_the_break_ends() -> None:
    with pytest.raises(TransitionError, match="end the break first"):
        next_state(ClockState.ON_BREAK, OUT)
    assert next_state(next_state(ClockState.ON_BREAK, BREAK_END), OUT) is ClockState.OUT


@pytest.mark.parametrize(("state", "kind"), list(REFUSALS))
def test_every_refusal_reads_as_an_english_sentence(state: ClockState, kind: PunchKind) -> None:
    assert str(TransitionError(state, kind)) == REFUSALS[(state, kind)]


def test_refusals_table_matches_the_machine() -> None:
    assert set(REFUSALS) == {pair for pair, after in MACHINE.items() if after is None}


def test_transition_error_is_a_value_error() -> None:
    assert issubclass(TransitionError, ValueError)


def test_transition_error_survives_pickling() -> None:
    error = TransitionError(ClockState.IN, IN)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (copy.state, copy.kind, str(copy)) == (error.state, error.kind, str(error))


@pytest.mark.parametrize(("state", "kind"), list(MACHINE))
def test_replay_agrees_with_the_live_machine_except_out_on_break(
    state: ClockState, kind: PunchKind
) -> None:
    if (state, kind) == (ClockState.ON_BREAK, OUT):
        assert replay_step(state, kind) is ClockState.OUT
    else:
        assert replay_step(state, kind) is MACHINE[(state, kind)]


def test_punch_time_is_normalised_to_utc() -> None:
    punch = Punch(id="p1", employee="1001", kind=IN, at=oslo(DAY, 8))
    assert punch.at == datetime(2026, 11, 23, 7, tzinfo=UTC)
    assert punch.at.tzinfo is UTC


def test_punch_keeps_the_device_zone_defaulting_to_oslo() -> None:
    assert Punch(id="p1", employee="1001", kind=IN, at=oslo(DAY, 8)).zone == "Europe/Oslo"
    punch = Punch(id="p1", employee="1001", kind=IN, at=oslo(DAY, 8), zone="Europe/London")
    assert punch.zone == "Europe/London"


def test_punch_with_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Punch(id="p1", employee="1001", kind=IN, at=oslo(DAY, 8).replace(tzinfo=None))


def test_punch_kind_given_as_text_becomes_a_punch_kind() -> None:
    punch = Punch(id="p1", employee="1001", kind="break-start", at=oslo(DAY, 8))  # type: ignore[arg-type]
    assert punch.kind is BREAK_START


def test_punch_with_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="lunch"):
        Punch(id="p1", employee="1001", kind="lunch", at=oslo(DAY, 8))  # type: ignore[arg-type]


def test_punch_is_immutable() -> None:
    punch = Punch(id="p1", employee="1001", kind=IN, at=oslo(DAY, 8))
    with pytest.raises(dataclasses.FrozenInstanceError):
        punch.kind = OUT  # type: ignore[misc]


def test_punch_kinds_are_spelled_as_on_the_command_line() -> None:
    assert [kind.value for kind in PunchKind] == ["in", "out", "break-start", "break-end"]


def test_punches_sort_by_time_then_id() -> None:
    at = oslo(DAY, 8)
    later = Punch(id="p0", employee="1001", kind=OUT, at=at + timedelta(minutes=1))
    second = Punch(id="p2", employee="1001", kind=BREAK_START, at=at)
    first = Punch(id="p1", employee="1001", kind=IN, at=at)
    assert sort_punches([later, second, first]) == [first, second, later]


def test_punches_from_different_zones_sort_by_instant() -> None:
    new_york = timezone(timedelta(hours=-5))
    oslo_eight = Punch(id="p1", employee="1001", kind=IN, at=oslo(DAY, 8))  # 07:00 UTC
    new_york_three = datetime(2026, 11, 23, 3, tzinfo=new_york)  # 08:00 UTC
    later = Punch(id="p0", employee="1001", kind=OUT, at=new_york_three)
    assert sort_punches([later, oslo_eight]) == [oslo_eight, later]


def test_nobody_is_clocked_in_before_their_first_punch() -> None:
    assert state_after([]) is ClockState.OUT


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ([IN], ClockState.IN),
        ([IN, BREAK_START], ClockState.ON_BREAK),
        ([IN, BREAK_START, BREAK_END], ClockState.IN),
        ([IN, BREAK_START, BREAK_END, OUT], ClockState.OUT),
        ([IN, OUT, IN], ClockState.IN),
    ],
)
def test_state_after_replays_a_clean_day(kinds: list[PunchKind], expected: ClockState) -> None:
    day = punches(*((kind, oslo(DAY, 8 + hour)) for hour, kind in enumerate(kinds)))
    assert state_after(day) is expected


def test_state_after_skips_punches_the_machine_refuses() -> None:
    day = punches(
        (OUT, oslo(DAY, 7)),  # stray: not in yet
        (IN, oslo(DAY, 8)),
        (IN, oslo(DAY, 9)),  # stray: already in
        (BREAK_END, oslo(DAY, 10)),  # stray: not on break
        (BREAK_START, oslo(DAY, 11)),
        (BREAK_START, oslo(DAY, 12)),  # stray: already on break
    )
    assert state_after(day) is ClockState.ON_BREAK


def test_clock_out_on_break_in_history_ends_the_shift() -> None:
    day = punches((IN, oslo(DAY, 8)), (BREAK_START, oslo(DAY, 11)), (OUT, oslo(DAY, 12)))
    assert state_after(day) is ClockState.OUT


def test_state_after_replays_in_time_order_not_input_order() -> None:
    day = punches((IN, oslo(DAY, 8)), (OUT, oslo(DAY, 16)))
    assert state_after(reversed(day)) is ClockState.OUT


def test_state_after_refuses_punches_of_two_employees() -> None:
    mixed = punches((IN, oslo(DAY, 8))) + punches((IN, oslo(DAY, 8)), employee="1002")
    with pytest.raises(ValueError, match="1001, 1002"):
        state_after(mixed)


@FAST
@given(punch_logs(employees=["1001"]))
def test_state_after_never_raises_on_any_history(history: list[Punch]) -> None:
    assert state_after(history) in set(ClockState)


@FAST
@given(st.data())
def test_shuffling_punches_changes_neither_order_nor_state(data: st.DataObject) -> None:
    history = data.draw(punch_logs(employees=["1001"]))
    shuffled = data.draw(st.permutations(history))
    assert sort_punches(shuffled) == sort_punches(history)
    assert state_after(shuffled) is state_after(history)


@FAST
@given(st.datetimes())
def test_naive_punch_time_is_always_refused(naive: datetime) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Punch(id="p1", employee="1001", kind=IN, at=naive)


@FAST
@given(
    st.datetimes(
        timezones=st.sampled_from([UTC, OSLO, timezone(timedelta(hours=14))]),
        allow_imaginary=False,
    )
)
def test_punch_time_keeps_its_instant(aware: datetime) -> None:
    punch = Punch(id="p1", employee="1001", kind=IN, at=aware)
    assert punch.at.utcoffset() == timedelta(0)
    # Compare wall clock and offset: Python never calls a repeated (fall-back)
    # hour equal to the same instant in another zone, so == would lie here.
    back = punch.at.astimezone(aware.tzinfo)
    assert back.replace(tzinfo=None) == aware.replace(tzinfo=None)
    assert back.utcoffset() == aware.utcoffset()
