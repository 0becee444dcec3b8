"""Wall-clock times in a zone, turned into instants without guessing.

A local time names no instant on its own at a DST change: 02:30 on the
spring-forward night never happens in Oslo, and 02:30 on the autumn night
happens twice. `resolve_local_time` refuses to guess and says why, so a
correction typed by a person is never silently moved by an hour. The rules use
`wall_instant`, which resolves boundaries (midnight, 21:00, 18:00) the way
`day_bounds` does, because a boundary must always exist.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

__all__ = [
    "AmbiguousLocalTime",
    "NonexistentLocalTime",
    "resolve_local_time",
    "wall_instant",
]


def _zone_name(zone: ZoneInfo) -> str:
    return zone.key or str(zone)


def _stamp(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


class NonexistentLocalTime(ValueError):
    """A wall-clock time the zone skips (the spring-forward gap)."""

    def __init__(self, day: date, hh: int, mm: int, zone: ZoneInfo) -> None:
        self.day, self.hh, self.mm, self.zone = day, hh, mm, zone
        super().__init__(
            f"{hh:02d}:{mm:02d} on {day.isoformat()} does not exist in {_zone_name(zone)}: "
            "the clocks skip it at the change to summer time"
        )

    def __reduce__(self) -> tuple[type[NonexistentLocalTime], tuple[date, int, int, ZoneInfo]]:
        return (type(self), (self.day, self.hh, self.mm, self.zone))


class AmbiguousLocalTime(ValueError):
    """A wall-clock time that happens twice (the autumn fall-back hour).

    `instants` holds both, earlier first, as UTC datetimes; pass `fold=0` for
    the first or `fold=1` for the second to `resolve_local_time`.
    """

    def __init__(
        self, day: date, hh: int, mm: int, zone: ZoneInfo, instants: tuple[datetime, datetime]
    ) -> None:
        self.day, self.hh, self.mm, self.zone = day, hh, mm, zone
        self.instants = instants
        first, second = instants
        super().__init__(
            f"{hh:02d}:{mm:02d} on {day.isoformat()} happens twice in {_zone_name(zone)}: "
            f"{_stamp(first)} and {_stamp(second)}; say which (fold=0 for the first, fold=1 for the second)"
        )

    def __reduce__(
        self,
    ) -> tuple[type[AmbiguousLocalTime], tuple[date, int, int, ZoneInfo, tuple[datetime, datetime]]]:
        return (type(self), (self.day, self.hh, self.mm, self.zone, self.instants))


def resolve_local_time(day: date, hh: int, mm: int, zone: ZoneInfo, fold: int | None = None) -> datetime:
    """The UTC instant at which a wall clock in `zone` shows hh:mm on `day`.

    Raises NonexistentLocalTime for a time the zone skips, whatever `fold`
    says, and AmbiguousLocalTime (listing both instants) for a time that
    happens twice, unless `fold` is 0 (the first) or 1 (the second). Out-of-range
    hours or minutes raise ValueError as `datetime` does.
    """
    if fold not in (None, 0, 1):
        raise ValueError(f"fold must be None, 0 or 1, got {fold!r}")
    wall = datetime(day.year, day.month, day.day, hh, mm, tzinfo=zone)
    first = wall.replace(fold=0).astimezone(UTC)
    second = wall.replace(fold=1).astimezone(UTC)
    # A skipped time does not survive the round trip: 02:30 comes back as 03:30 or 01:30.
    for instant in (first, second):
        if instant.astimezone(zone).timetuple()[:5] != wall.timetuple()[:5]:
            raise NonexistentLocalTime(day, hh, mm, zone)
    if first == second:
        return first
    if fold is None:
        raise AmbiguousLocalTime(day, hh, mm, zone, (first, second))
    return first if fold == 0 else second


def wall_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a boundary at wall time `at` on `day`; never raises.

    For a boundary the rules need to exist: a repeated time is taken at its
    first occurrence; a skipped one is read with the offset in force before the
    jump, which for a skipped midnight is the instant of the jump itself (as in
    `day_bounds`).
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
