"""Shifts: punches paired into worked time.

A shift runs from an IN to the next OUT, minus its breaks. Pairing reads
recorded history, so it never raises on a bad sequence: it applies the same
replay rule as `state_after` (see `app.domain.punches.replay_step`), which
keeps the shown clock state and the counted hours in agreement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ._instants import utc_instant
from .punches import ClockState, Punch, PunchKind, replay_step, sort_punches

__all__ = ["Break", "Shift", "pair_shifts"]


@dataclass(frozen=True, slots=True)
class Break:
    """An unpaid pause inside a shift; `end` is None while still on break."""

    start: datetime
    end: datetime | None

    def __post_init__(self) -> None:
        start = utc_instant(self.start, "Break.start")
        end = None if self.end is None else utc_instant(self.end, "Break.end")
        if end is not None and end < start:
            raise ValueError(f"Break ends before it starts: {start} > {end}")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


@dataclass(frozen=True, slots=True)
class Shift:
    """One employee's stretch from clock-in to clock-out.

    `end` is None while the employee is still clocked in. All datetimes are
    normalised to UTC, so durations are elapsed time, DST included.
    """

    employee: str
    start: datetime
    end: datetime | None
    breaks: tuple[Break, ...]

    def __post_init__(self) -> None:
        start = utc_instant(self.start, "Shift.start")
        end = None if self.end is None else utc_instant(self.end, "Shift.end")
        if end is not None and end < start:
            raise ValueError(f"Shift ends before it starts: {start} > {end}")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "breaks", tuple(self.breaks))

    def intervals(self, now: datetime) -> list[tuple[datetime, datetime]]:
        """Worked intervals (the shift minus its breaks) as UTC instants.

        An open shift is taken to end at `now` (an open break with it); an
        open shift that starts after `now` has no worked time yet. Breaks are clipped to
        the shift, may overlap, and leave no empty intervals behind.
        """
        now = utc_instant(now, "now")
        shift_end = now if self.end is None else self.end
        if shift_end <= self.start:
            return []
        # An open break lasts as long as the shift does: to `now` in an open
        # shift, to the clock-out in a closed one.
        pauses = sorted(
            (
                max(pause.start, self.start),
                shift_end if pause.end is None else min(pause.end, shift_end),
            )
            for pause in self.breaks
        )
        worked: list[tuple[datetime, datetime]] = []
        cursor = self.start
        for pause_start, pause_end in pauses:
            if pause_end <= pause_start:
                continue
            if pause_start > cursor:
                worked.append((cursor, pause_start))
            cursor = max(cursor, pause_end)
        if cursor < shift_end:
            worked.append((cursor, shift_end))
        return worked

    def worked(self, now: datetime) -> timedelta:
        """Elapsed worked time, open ends counted up to `now`; never negative."""
        total = sum((end - start for start, end in self.intervals(now)), timedelta())
        return max(total, timedelta())


class _OpenShift:
    """A shift being built while one employee's punches are replayed."""

    def __init__(self, employee: str, start: datetime) -> None:
        self.employee = employee
        self.start = start
        self.breaks: list[Break] = []
        self.break_start: datetime | None = None

    def close_break(self, at: datetime) -> None:
        if self.break_start is not None:
            self.breaks.append(Break(self.break_start, at))
            self.break_start = None

    def freeze(self, end: datetime | None) -> Shift:
        breaks = list(self.breaks)
        if self.break_start is not None:
            breaks.append(Break(self.break_start, None))
        return Shift(self.employee, self.start, end, tuple(breaks))


def _pair_one(employee: str, punches: list[Punch]) -> list[Shift]:
    shifts: list[Shift] = []
    state = ClockState.OUT
    current: _OpenShift | None = None
    for punch in punches:
        after = replay_step(state, punch.kind)
        if after is None:
            continue  # an anomaly: skipped, as state_after skips it
        if punch.kind is PunchKind.IN:
            current = _OpenShift(employee, punch.at)
        elif current is not None:
            if punch.kind is PunchKind.BREAK_START:
                current.break_start = punch.at
            elif punch.kind is PunchKind.BREAK_END:
                current.close_break(punch.at)
            else:  # OUT, also while on break: the break ends when the shift does
                current.close_break(punch.at)
                shifts.append(current.freeze(punch.at))
                current = None
        state = after
    if current is not None:
        shifts.append(current.freeze(None))
    return shifts


def pair_shifts(punches: Iterable[Punch]) -> list[Shift]:
    """Pair punches into shifts, per employee, sorted by (start, employee).

    Input order never matters (punches are sorted by (at, id) first). Bad
    sequences are tolerated: a second IN while in, a BREAK_START while on
    break, and a stray OUT or BREAK_END with no open shift or break are
    ignored; an OUT while on break ends the break and the shift at the OUT.
    The last shift of an employee stays open (end None) if they are still in.
    """
    by_employee: dict[str, list[Punch]] = {}
    for punch in sort_punches(punches):
        by_employee.setdefault(punch.employee, []).append(punch)
    shifts = [shift for employee, own in by_employee.items() for shift in _pair_one(employee, own)]
    return sorted(shifts, key=lambda shift: (shift.start, shift.employee))
