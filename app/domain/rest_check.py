"""The check an employee sees before clocking in: has the daily rest been long enough?

Arbeidsmiljøloven § 10-8 (1): at least 11 hours of continuous rest within 24
hours. Before a clock-in the time clock knows the rest so far (since the last
shift ended); if it is shorter than the minimum, the employee is warned. The
punch is still allowed (a call-out happens) and the finding is kept with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from ._instants import utc_instant
from .shifts import Shift

DAILY_REST = timedelta(hours=11)
RULE = "aml-10-8-daily-rest"


def short_rest(shifts: Iterable[Shift], now: datetime, minimum: timedelta = DAILY_REST) -> timedelta | None:
    """The rest since the last shift ended, if clocking in at `now` leaves less than `minimum`; else None.

    None too when no shift has ended yet (nothing to measure) or one is open.
    """
    now = utc_instant(now, "now")
    shifts = list(shifts)
    if any(s.end is None for s in shifts):
        return None
    ended = [s.end for s in shifts if s.end is not None and s.end <= now]
    if not ended:
        return None
    rest = now - max(ended)
    return rest if rest < minimum else None


def rest_note(rest: timedelta, minimum: timedelta = DAILY_REST) -> str:
    """What a punch made after too short a rest carries in its note (the finding, kept with it)."""
    minutes = int(rest.total_seconds() // 60)
    least = int(minimum.total_seconds() // 3600)
    return f"{RULE}: clocked in after {minutes // 60} h {minutes % 60} min of rest (minimum {least} h)"
