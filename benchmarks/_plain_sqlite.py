"""The baseline: plain stdlib sqlite3 doing what the Store does, minus the encryption.

Same schema (app.store.schema.MIGRATIONS, applied the way connection._migrate
does), the same pragmas as connection._configure, and the same SQL as
Store.punch: in one BEGIN IMMEDIATE transaction the state SELECT, the punch
INSERT and the outbox INSERT, then COMMIT. The statement texts are copied from
app/store/store.py; keep them in step when that file changes.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import sqlcipher3
from uuid6 import uuid7

from app.domain import ClockState, PunchKind, next_state
from app.store.schema import LATEST, MIGRATIONS

__all__ = ["PRAGMAS", "STATE_SQL", "PlainStore"]

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
)
STATE_SQL = "SELECT kind FROM punches WHERE employee = ? ORDER BY rowid DESC LIMIT 1"
INSERT_PUNCH = (
    "INSERT INTO punches (id, employee, kind, at_utc, zone, device_clock_utc, "
    "clock_offset_ms, source, note) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)"
)
INSERT_OUTBOX = "INSERT INTO outbox (id, kind, payload, created_utc) VALUES (?, 'punch', ?, ?)"

_STATE_AFTER_LAST = {
    PunchKind.IN: ClockState.IN,
    PunchKind.BREAK_END: ClockState.IN,
    PunchKind.BREAK_START: ClockState.ON_BREAK,
    PunchKind.OUT: ClockState.OUT,
}


def _text(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class PlainStore:
    """One plain sqlite3 connection configured like the Store's."""

    def __init__(self, conn: sqlite3.Connection, zone: str = "Europe/Oslo") -> None:
        self.conn = conn
        self.zone = zone

    @staticmethod
    def connect(path: Path, *, library: ModuleType = sqlite3, key: bytes | None = None) -> sqlite3.Connection:
        """Open and configure (the baseline of Store.open, before any query).

        `library=sqlcipher3` (diagnostics only) opens through SQLCipher with the
        Store's cipher pragmas, encrypted under `key` if one is given.
        """
        conn: sqlite3.Connection = library.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=10.0
        )
        if library is sqlcipher3:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute("PRAGMA cipher_memory_security = OFF")
            if key is not None:
                conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in PRAGMAS:
            conn.execute(pragma)
        return conn

    @staticmethod
    def connect_readonly_cipher(path: Path, key: bytes) -> sqlite3.Connection:
        """A read-only SQLCipher connection under `key`, as connection._try_key makes (diagnostics)."""
        conn: sqlite3.Connection = sqlcipher3.connect(
            path.as_uri() + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False, timeout=10.0
        )
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn

    @classmethod
    def open(cls, path: Path) -> PlainStore:
        """Open an existing database, checking its schema version as Store.open does."""
        conn = cls.connect(path)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version != LATEST:
            conn.close()
            raise RuntimeError(f"baseline database has schema {version}, expected {LATEST}")
        return cls(conn)

    @classmethod
    def create(cls, path: Path, *, library: ModuleType = sqlite3, key: bytes | None = None) -> PlainStore:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = cls.connect(path, library=library, key=key)
        for number in range(1, LATEST + 1):
            conn.executescript(
                f"BEGIN IMMEDIATE; {MIGRATIONS[number - 1]}; PRAGMA user_version = {number}; COMMIT;"
            )
        mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
        sync = int(conn.execute("PRAGMA synchronous").fetchone()[0])
        if mode != "wal" or sync != 2:
            raise RuntimeError(f"baseline is not WAL + synchronous=FULL ({mode}, {sync})")
        return cls(conn)

    def close(self) -> None:
        self.conn.close()

    def state(self, employee: str) -> ClockState:
        row = self.conn.cursor().execute(STATE_SQL, (employee,)).fetchone()
        return ClockState.OUT if row is None else _STATE_AFTER_LAST[PunchKind(row[0])]

    def punch(self, employee: str, kind: PunchKind, *, note: str = "", source: str = "desktop") -> str:
        """Store.punch without SQLCipher and without the Store's error translation."""
        device_now = datetime.now(UTC)
        punch_id = str(uuid7())
        payload = {
            "type": "punch",
            "id": punch_id,
            "employee": employee,
            "kind": kind.value,
            "at": _text(device_now),
            "zone": self.zone,
            "device_clock": _text(device_now),
            "clock_offset_ms": None,
            "source": source,
            "note": note,
        }
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            row = cur.execute(STATE_SQL, (employee,)).fetchone()
            state = ClockState.OUT if row is None else _STATE_AFTER_LAST[PunchKind(row[0])]
            next_state(state, kind)
            cur.execute(
                INSERT_PUNCH,
                (
                    punch_id,
                    employee,
                    kind.value,
                    _text(device_now),
                    self.zone,
                    _text(device_now),
                    source,
                    note,
                ),
            )
            cur.execute(
                INSERT_OUTBOX,
                (str(uuid7()), json.dumps(payload, ensure_ascii=False), _text(device_now)),
            )
            cur.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        return punch_id
