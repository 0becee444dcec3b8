"""Builders and strategies shared by the domain tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import settings
from hypothesis import strategies as st

from app.domain import ClockState, Punch, PunchKind

OSLO = ZoneInfo("Europe/Oslo")
# Noon UTC on Friday 2026-03-27: three days from here cover the spring-forward night.
SPRING = datetime(2026, 3, 27, 12, tzinfo=UTC)
IN, OUT = PunchKind.IN, PunchKind.OUT
BREAK_START, BREAK_END = PunchKind.BREAK_START, PunchKind.BREAK_END

# Fast enough for every run; no example database written into the repo.
FAST = settings(max_examples=150, deadline=None, database=None)


def oslo(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Oslo (aware, not yet UTC)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)


def punches(*events: tuple[PunchKind, datetime], employee: str = "1001") -> list[Punch]:
    """Punches in the order given, with ids that sort in that order."""
    return [
        Punch(id=f"p{index:06d}", employee=employee, kind=kind, at=at)
        for index, (kind, at) in enumerate(events)
    ]


# What a careful employee would punch next; the strategy strays from it now and then.
_PLAUSIBLE: dict[ClockState, list[PunchKind]] = {
    ClockState.OUT: [IN],
    ClockState.IN: [OUT, BREAK_START],
    ClockState.ON_BREAK: [BREAK_END],
}
_NEXT: dict[tuple[ClockState, PunchKind], ClockState] = {
    (ClockState.OUT, IN): ClockState.IN,
    (ClockState.IN, OUT): ClockState.OUT,
    (ClockState.IN, BREAK_START): ClockState.ON_BREAK,
    (ClockState.ON_BREAK, BREAK_END): ClockState.IN,
    (ClockState.ON_BREAK, OUT): ClockState.OUT,
}


@st.composite
def punch_logs(
    draw: st.DrawFn,
    start: datetime = SPRING,
    span: timedelta = timedelta(days=3),
    employees: Sequence[str] = ("1001", "1002"),
) -> list[Punch]:
    """A punch history: mostly plausible days, with stray punches mixed in.

    Times fall on a 15-minute grid so equal instants are common, and ids are
    shuffled against time so ties are broken both ways. The default window
    spans the 2026 spring-forward night in Oslo.
    """
    slots = span // timedelta(minutes=15)
    grid = draw(st.lists(st.integers(min_value=0, max_value=slots - 1), max_size=30))
    ids = draw(st.permutations(range(len(grid))))
    state = dict.fromkeys(employees, ClockState.OUT)
    history: list[Punch] = []
    for index, slot in enumerate(sorted(grid)):
        employee = draw(st.sampled_from(employees))
        stray = draw(st.integers(min_value=0, max_value=4)) == 0
        kinds = list(PunchKind) if stray else _PLAUSIBLE[state[employee]]
        kind = draw(st.sampled_from(kinds))
        state[employee] = _NEXT.get((state[employee], kind), state[employee])
        at = start + slot * timedelta(minutes=15)
        history.append(Punch(id=f"p{ids[index]:06d}", employee=employee, kind=kind, at=at))
    return history
