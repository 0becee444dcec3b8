"""The pure rules of Stempel: punches become shifts, shifts become timesheets.

Nothing here does I/O, imports Qt or reads the clock: the current time comes in
as a `now` parameter, so every rule is a plain function that tests can pin to
any instant. Datetimes must be timezone-aware (naive ones raise ValueError) and
are normalised to UTC, so every duration is elapsed time, correct across DST;
days and weeks are cut in a local zone, Europe/Oslo unless told otherwise.
Import from this package, not from its modules.
"""

from .punches import (
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
from .shifts import Break, Shift, pair_shifts
from .timesheet import (
    DEFAULT_ZONE,
    WeekSummary,
    day_bounds,
    format_duration,
    iso_week_days,
    parse_iso_week,
    today_worked,
    week_summary,
    worked_per_day,
)

__all__ = [
    "DEFAULT_ZONE",
    "Break",
    "ClockState",
    "Punch",
    "PunchKind",
    "Shift",
    "TransitionError",
    "WeekSummary",
    "allowed_kinds",
    "day_bounds",
    "format_duration",
    "iso_week_days",
    "next_state",
    "pair_shifts",
    "parse_iso_week",
    "replay_step",
    "sort_punches",
    "state_after",
    "today_worked",
    "week_summary",
    "worked_per_day",
]
