"""Bookkeeping retention: delete ledger events whose keeping period is over.

Bokføringsloven §13 keeps primary documentation 5 years after the end of the
financial year, and 3.5 years where the time records are secondary
documentation (tenant setting `bookkeeping_retention_years`, "5" or "3.5";
the year ends on `financial_year_end`, "MM-DD", default "12-31").

An event belongs to the financial year of its `recorded_at`, read as a date
in the tenant's zone. `apply_retention` deletes, in one write transaction
(all or nothing), every event whose financial year ended more than the
retention period before `now`, and the `mutations` rows that point at them,
but never the latest directory event of an employee who still exists, so
the directory stays complete. The hash chain stays verifiable: each run of
deleted sequence numbers leaves an anchor (`ledger_anchors`) with the hash
going into and coming out of the gap. A ledger that does not verify is not
touched: deleting its broken rows would hide the damage.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, delete, func, insert, select

from server.ledger import first_broken
from server.schema import employees, ledger, ledger_anchors, mutations
from server.tenants import TenantRegistry, write_transaction

# Retention periods a tenant may choose, in months after the end of the financial year.
RETENTION_MONTHS = {"5": 60, "3.5": 42}
_CHUNK = 500


class RetentionError(Exception):
    """A setting or a ledger that retention refuses to work with; the message says which."""


def retention_months(text: str) -> int:
    """Months of a `bookkeeping_retention_years` value ("5" or "3.5")."""
    months = RETENTION_MONTHS.get(text.strip())
    if months is None:
        raise RetentionError("the bookkeeping retention is 5 or 3.5 years (bokføringsloven §13)")
    return months


def parse_year_end(text: str) -> tuple[int, int]:
    """(month, day) of a `financial_year_end` like "12-31"; February 29 is not a year end."""
    try:
        month_text, day_text = text.strip().split("-")
        month, day = int(month_text), int(day_text)
        date(2001, month, day)  # a year without February 29
    except ValueError:
        raise RetentionError("the financial year end is a date in the form MM-DD, like 12-31") from None
    return month, day


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def year_end(year: int, month: int, day: int) -> date:
    """The financial year end in `year`; one ending on February 28 ends on the 29th in leap years."""
    if (month, day) == (2, 28):
        return _month_end(year, 2)
    return date(year, month, day)


def year_end_of(day: date, month: int, end_day: int) -> date:
    """The end of the financial year `day` falls in."""
    end = year_end(day.year, month, end_day)
    return end if day <= end else year_end(day.year + 1, month, end_day)


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; a month's last day stays the last day, other days clamp."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _month_end(year, month + 1)
    if day == _month_end(day.year, day.month):
        return last
    return last if day.day > last.day else date(year, month + 1, day.day)


def latest_expired_year_end(now: datetime, zone: ZoneInfo, month: int, day: int, months: int) -> date | None:
    """The last financial year end whose retention period ended before `now`, if any (last 100 years)."""
    today = now.astimezone(zone).date()
    for year in range(today.year, today.year - 100, -1):
        end = year_end(year, month, day)
        kept_until = add_months(end, months)
        if datetime.combine(kept_until + timedelta(days=1), time(), zone) <= now:
            return end
    return None


@dataclass(frozen=True)
class RetentionResult:
    deleted: int
    cutoff: datetime | None  # events recorded before this instant were due
    year_end: date | None  # the last financial year end whose events were due
    kept_directory: int  # due directory events kept as an employee's latest entry


def _kept_directory_seqs(conn: Connection) -> set[int]:
    """The latest directory event of each employee who still exists."""
    latest = (
        select(func.max(ledger.c.seq))
        .where(ledger.c.type == "employee", ledger.c.employee.in_(select(employees.c.number)))
        .group_by(ledger.c.employee)
    )
    return {int(seq) for seq in conn.execute(latest).scalars()}


def _merge_anchors(conn: Connection, deleted: list[tuple[int, str, str]], now: datetime) -> None:
    """Rewrite `ledger_anchors` so each maximal run of missing seqs has one anchor."""
    pieces = [
        (int(row.first_seq), int(row.last_seq), str(row.entry_hash), str(row.exit_hash), str(row.deleted_at))
        for row in conn.execute(select(ledger_anchors))
    ]
    stamp = now.astimezone(UTC).isoformat()
    pieces += [(seq, seq, prev_hash, own_hash, stamp) for seq, prev_hash, own_hash in deleted]
    pieces.sort()
    merged: list[list[object]] = []
    for first, last, entry, exit_hash, at in pieces:
        if merged and merged[-1][1] == first - 1:
            if merged[-1][3] != entry:
                raise RetentionError(f"the ledger does not chain at sequence number {first}")
            merged[-1][1], merged[-1][3], merged[-1][4] = last, exit_hash, max(str(merged[-1][4]), at)
        else:
            merged.append([first, last, entry, exit_hash, at])
    conn.execute(delete(ledger_anchors))
    if merged:
        keys = ("first_seq", "last_seq", "entry_hash", "exit_hash", "deleted_at")
        conn.execute(insert(ledger_anchors), [dict(zip(keys, piece, strict=True)) for piece in merged])


def apply_retention(registry: TenantRegistry, tenant: str, now: datetime) -> RetentionResult:
    """Delete the tenant's events past their retention period, all or nothing; see the module doc."""
    if now.tzinfo is None:
        raise RetentionError("the time must carry a zone")
    settings = registry.settings(tenant)
    months = retention_months(settings["bookkeeping_retention_years"])
    month, day = parse_year_end(settings["financial_year_end"])
    try:
        zone = ZoneInfo(settings["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise RetentionError(f"the tenant's time zone {settings['timezone']!r} is unknown") from None
    end = latest_expired_year_end(now, zone, month, day, months)
    if end is None:
        return RetentionResult(0, None, None, 0)
    cutoff = datetime.combine(end + timedelta(days=1), time(), zone)
    engine = registry.engine(tenant)
    with registry.write_lock(tenant), write_transaction(engine) as conn:
        broken = first_broken(conn)
        if broken is not None:
            raise RetentionError(
                f"the ledger of {tenant} is broken at sequence number {broken}; nothing was deleted"
            )
        keep = _kept_directory_seqs(conn)
        due: list[tuple[int, str, str]] = []
        kept = 0
        rows = conn.execute(
            select(ledger.c.seq, ledger.c.recorded_at, ledger.c.prev_hash, ledger.c.hash).order_by(
                ledger.c.seq
            )
        ).all()
        for row in rows:
            if datetime.fromisoformat(row.recorded_at) >= cutoff:
                continue
            if row.seq in keep:
                kept += 1
                continue
            due.append((int(row.seq), str(row.prev_hash), str(row.hash)))
        for start in range(0, len(due), _CHUNK):
            seqs = [seq for seq, _, _ in due[start : start + _CHUNK]]
            conn.execute(delete(mutations).where(mutations.c.seq.in_(seqs)))
            conn.execute(delete(ledger).where(ledger.c.seq.in_(seqs)))
        if due:
            _merge_anchors(conn, due, now)
            broken = first_broken(conn)
            if broken is not None:  # rolls the whole deletion back
                raise RetentionError(f"retention would break the ledger at {broken}; nothing was deleted")
    return RetentionResult(len(due), cutoff, end, kept)


def describe(result: RetentionResult, settings: dict[str, str]) -> str:
    """One line for the admin."""
    if result.cutoff is None or result.year_end is None:
        return "deleted 0 ledger events: no financial year is past its retention period yet"
    years = settings["bookkeeping_retention_years"]
    kept = f"; kept {result.kept_directory} directory events still in use" if result.kept_directory else ""
    return (
        f"deleted {result.deleted} ledger events recorded before {result.cutoff.isoformat()} "
        f"(financial years ended {result.year_end.isoformat()} or earlier, kept {years} years){kept}"
    )
