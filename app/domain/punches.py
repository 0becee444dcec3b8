"""Punches and the clock state machine they drive.

A punch is one press of a button: in, out, break start, break end. The state
machine says which press is allowed next; the UI and the CLI ask it *before*
writing a punch. History is another matter: punches made offline on two devices
can meet in the ledger in an order the machine would refuse, so replaying
history (`state_after`, and `app.domain.shifts.pair_shifts`) tolerates bad
sequences instead of raising. Both replay with the same rule (`replay_step`), so
the state the window shows and the shifts the timesheet counts never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ._instants import utc_instant

__all__ = [
    "ClockState",
    "Punch",
    "PunchKind",
    "TransitionError",
    "allowed_kinds",
    "next_state",
    "replay_step",
    "sort_punches",
    "state_after",
]


class PunchKind(StrEnum):
    """What a punch records; the values are the wire and CLI spelling."""

    IN = "in"
    OUT = "out"
    BREAK_START = "break-start"
    BREAK_END = "break-end"


class ClockState(StrEnum):
    """Where an employee stands after their punches so far."""

    OUT = "out"
    IN = "in"
    ON_BREAK = "on-break"


@dataclass(frozen=True, slots=True)
class Punch:
    """One punch, as stored and synced.

    `at` is normalised to UTC so punches from devices in different zones compare
    and subtract as instants; `zone` keeps the device's IANA zone for display.
    `id` is UUIDv7 text, which sorts by creation time and breaks ties in `at`.
    """

    id: str
    employee: str
    kind: PunchKind
    at: datetime
    zone: str = "Europe/Oslo"

    def __post_init__(self) -> None:
        # Frozen dataclass: normalise through object.__setattr__.
        object.__setattr__(self, "kind", PunchKind(self.kind))
        object.__setattr__(self, "at", utc_instant(self.at, "Punch.at"))


_VERB: dict[PunchKind, str] = {
    PunchKind.IN: "clock in",
    PunchKind.OUT: "clock out",
    PunchKind.BREAK_START: "start a break",
    PunchKind.BREAK_END: "end a break",
}

_REASON: dict[tuple[ClockState, PunchKind], str] = {
    (ClockState.OUT, PunchKind.OUT): "you are not clocked in",
    (ClockState.OUT, PunchKind.BREAK_START): "you are not clocked in",
    (ClockState.OUT, PunchKind.BREAK_END): "you are not on a break",
    (ClockState.IN, PunchKind.IN): "you are already clocked in",
    (ClockState.IN, PunchKind.BREAK_END): "you are not on a break",
    (ClockState.ON_BREAK, PunchKind.IN): "you are already clocked in and on a break",
    (ClockState.ON_BREAK, PunchKind.OUT): "you are on a break; end the break first",
    (ClockState.ON_BREAK, PunchKind.BREAK_START): "you are already on a break",
}


class TransitionError(ValueError):
    """A punch the state machine refuses in the current state.

    `state` and `kind` let the UI choose its own words; `str()` is a plain
    English sentence for the CLI and logs.
    """

    def __init__(self, state: ClockState, kind: PunchKind) -> None:
        self.state = state
        self.kind = kind
        super().__init__(f"Cannot {_VERB[kind]}: {_REASON[(state, kind)]}.")

    def __reduce__(self) -> tuple[type[TransitionError], tuple[ClockState, PunchKind]]:
        # Rebuild from (state, kind), not from the message, so it pickles.
        return (type(self), (self.state, self.kind))


# The strict machine, used before a punch is written. Clocking out while on a
# break is refused on purpose: the break must be ended first, so every break
# in the record has an end the employee chose.
_TRANSITIONS: dict[ClockState, dict[PunchKind, ClockState]] = {
    ClockState.OUT: {PunchKind.IN: ClockState.IN},
    ClockState.IN: {
        PunchKind.OUT: ClockState.OUT,
        PunchKind.BREAK_START: ClockState.ON_BREAK,
    },
    ClockState.ON_BREAK: {PunchKind.BREAK_END: ClockState.IN},
}


def allowed_kinds(state: ClockState) -> frozenset[PunchKind]:
    """The punches a user may make now (the buttons to enable).

    OUT allows IN; IN allows OUT and BREAK_START; ON_BREAK allows only
    BREAK_END: clocking out while on a break must end the break first.
    """
    return frozenset(_TRANSITIONS[state])


def next_state(state: ClockState, kind: PunchKind) -> ClockState:
    """The state after a new punch; raises TransitionError if it is refused."""
    try:
        return _TRANSITIONS[state][kind]
    except KeyError:
        raise TransitionError(state, kind) from None


def replay_step(state: ClockState, kind: PunchKind) -> ClockState | None:
    """One step of replaying recorded history; None means "skip this punch".

    Like `next_state`, except that an OUT while on break is honoured (it ends
    the break and the shift at the OUT time): the employee did leave, and
    skipping it would leave them "on break" forever, so their later punches
    would be lost from the timesheet. Every other refused punch is an anomaly,
    skipped here and reported elsewhere.
    """
    if state is ClockState.ON_BREAK and kind is PunchKind.OUT:
        return ClockState.OUT
    return _TRANSITIONS[state].get(kind)


def _sort_key(punch: Punch) -> tuple[datetime, str, str, str, str]:
    # (at, id) decides; the rest only makes duplicated ids deterministic too.
    return (punch.at, punch.id, punch.employee, punch.kind.value, punch.zone)


def sort_punches(punches: Iterable[Punch]) -> list[Punch]:
    """Punches in replay order, by (at, id), whatever order they arrived in."""
    return sorted(punches, key=_sort_key)


_STATE_AFTER_KIND = {
    PunchKind.IN: ClockState.IN,
    PunchKind.BREAK_END: ClockState.IN,
    PunchKind.BREAK_START: ClockState.ON_BREAK,
    PunchKind.OUT: ClockState.OUT,
}


def state_after_kind(kind: PunchKind | None) -> ClockState:
    """Where someone stands whose latest punch is of `kind` (None: no punch yet)."""
    return ClockState.OUT if kind is None else _STATE_AFTER_KIND[kind]


def state_after(punches: Iterable[Punch]) -> ClockState:
    """Replay one employee's punches and return where they stand.

    Never raises on a bad sequence: refused punches are skipped, and an OUT
    while on break ends the shift (see `replay_step`), exactly as
    `pair_shifts` reads the same history. Raises ValueError only when given
    punches of more than one employee, which is a caller's mistake.
    """
    ordered = sort_punches(punches)
    employees = sorted({punch.employee for punch in ordered})
    if len(employees) > 1:
        raise ValueError(f"state_after needs one employee's punches, got {', '.join(employees)}")
    state = ClockState.OUT
    for punch in ordered:
        after = replay_step(state, punch.kind)
        if after is not None:
            state = after
    return state
