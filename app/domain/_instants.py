"""The one gate every datetime passes on its way into the domain."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_instant(value: datetime, name: str) -> datetime:
    """Return `value` as a UTC instant; refuse a naive datetime with ValueError.

    A naive datetime names no instant, so a duration computed from it could be
    off by the UTC offset, or by an hour at a DST change. Converting to UTC also
    makes subtraction elapsed time: two datetimes sharing one ZoneInfo subtract
    as wall-clock time in Python, which is wrong across DST.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")
    return value.astimezone(UTC)
