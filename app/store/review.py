"""What the manager review reads from the store and queues in its outbox.

A mixin of `Store`: the queries of a team's punches, corrections and decisions,
kept apart from the punch and sync paths. Decisions and correction requests
made here wait in the outbox (pending, or rejected with the server's reason)
until the server takes them; then they are server events.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from uuid6 import uuid7

from app.domain import Punch, PunchKind
from app.domain.week_review import PunchRecord
from app.store import connection
from app.store.times import from_text, to_text


@dataclass(frozen=True, slots=True)
class QueuedOrKept:
    """An approval or correction event as this device knows it.

    `where`: "server" (taken by the server; `seq` set), "pending" (in the
    outbox), or "rejected" (refused by the server; `reason` says why).
    """

    where: str
    type: str
    employee: str
    payload: dict[str, Any]
    seq: int | None = None
    reason: str | None = None
    outbox_id: str | None = None


_RECORD_COLUMNS = "id, employee, kind, at_utc, zone, source, clock_offset_ms, server_seq, recorded_utc"


def _records(rows: Sequence[Sequence[object]]) -> list[PunchRecord]:
    return [
        PunchRecord(
            Punch(id=str(i), employee=str(e), kind=PunchKind(str(k)), at=from_text(str(a)), zone=str(z)),
            source=str(src),
            clock_offset_ms=None if off is None else int(str(off)),
            server_seq=None if seq is None else int(str(seq)),
            recorded_at=None if rec is None else from_text(str(rec)),
        )
        for i, e, k, a, z, src, off, seq, rec in rows
    ]


class ReviewQueries:
    """Store methods for the manager review; needs the Store's connection helpers."""

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[connection.Cursor]:
        raise NotImplementedError

    _clock: Callable[[], datetime]  # the Store's clock (tests pin it)

    def team_of(self, manager: str) -> list[tuple[str, str]]:
        """(number, display name) of the employees whose manager is `manager`, by number."""
        rows = self._read(
            "SELECT number, display_name FROM employees WHERE manager = ? ORDER BY number", (manager,)
        )
        return [(str(n), str(d)) for n, d in rows]

    def records_between(self, employees: Sequence[str], start: datetime, end: datetime) -> list[PunchRecord]:
        """The punches of `employees` with start <= at < end, with their delivery details, in one query."""
        rows = self._read(
            f"SELECT {_RECORD_COLUMNS} FROM punches WHERE at_utc >= ? AND at_utc < ? "  # noqa: S608 - a constant
            "AND employee IN (SELECT value FROM json_each(?)) ORDER BY at_utc, id",
            (to_text(start), to_text(end), json.dumps(list(employees))),
        )
        return _records(rows)

    def records_by_ids(self, ids: Sequence[str]) -> list[PunchRecord]:
        """Punches by id (the targets of corrections, wherever they are in time)."""
        rows = self._read(
            f"SELECT {_RECORD_COLUMNS} FROM punches "  # noqa: S608 - a constant
            "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY at_utc, id",
            (json.dumps(list(ids)),),
        )
        return _records(rows)

    def last_kinds(self, employees: Sequence[str], until: datetime) -> dict[str, PunchKind]:
        """Each employee's latest punch kind at or before `until` (one indexed lookup each)."""
        found: dict[str, PunchKind] = {}
        for number in employees:
            rows = self._read(
                "SELECT kind FROM punches WHERE employee = ? AND at_utc <= ? "
                "ORDER BY at_utc DESC, id DESC LIMIT 1",
                (number, to_text(until)),
            )
            if rows:
                found[number] = PunchKind(str(rows[0][0]))
        return found

    def review_events(self, employees: Sequence[str], types: Sequence[str]) -> list[QueuedOrKept]:
        """Approval / correction events of `employees`: the server's by seq, then the outbox's by id."""
        wanted = (json.dumps(list(employees)), json.dumps(list(types)))
        kept = self._read(
            "SELECT seq, type, employee, payload FROM server_events "
            "WHERE employee IN (SELECT value FROM json_each(?)) AND type IN (SELECT value FROM json_each(?)) "
            "ORDER BY seq",
            wanted,
        )
        queued = self._read(
            "SELECT id, kind, payload, state, reason FROM outbox "
            "WHERE json_extract(payload, '$.employee') IN (SELECT value FROM json_each(?)) "
            "AND kind IN (SELECT value FROM json_each(?)) ORDER BY id",
            wanted,
        )
        events = [
            QueuedOrKept("server", str(t), str(e), json.loads(str(p)), seq=int(str(s))) for s, t, e, p in kept
        ]
        for outbox_id, kind, payload, state, reason in queued:
            body = json.loads(str(payload))
            events.append(
                QueuedOrKept(
                    str(state),
                    str(kind),
                    str(body.get("employee")),
                    body,
                    reason=None if reason is None else str(reason),
                    outbox_id=str(outbox_id),
                )
            )
        return events

    def queue_review_event(self, kind: str, payload: dict[str, Any], *, drop: Sequence[str] = ()) -> str:
        """Put a decision or correction in the outbox (one transaction); returns its mutation id.

        `drop`: outbox ids this one supersedes (a refused decision on the same
        week, which the manager has now answered with a new one).
        """
        mutation_id = str(uuid7())
        with self._transaction() as cur:
            cur.executemany("DELETE FROM outbox WHERE id = ? AND state = 'rejected'", [(d,) for d in drop])
            cur.execute(
                "INSERT INTO outbox (id, kind, payload, created_utc) VALUES (?, ?, ?, ?)",
                (mutation_id, kind, json.dumps(payload, ensure_ascii=False), to_text(self._clock())),
            )
        return mutation_id

    def server_punch_ids(self, employee: str, start: datetime, end: datetime) -> Iterator[str]:
        """Ids of the employee's punches the server has (a server seq), start <= at < end."""
        rows = self._read(
            "SELECT id FROM punches WHERE employee = ? AND at_utc >= ? AND at_utc < ? "
            "AND server_seq IS NOT NULL",
            (employee, to_text(start), to_text(end)),
        )
        return (str(r[0]) for r in rows)
