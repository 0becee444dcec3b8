"""The encrypted local store: the one place a punch is made durable.

A `Store` owns one SQLCipher connection. It is not thread-safe: the UI uses it
from its single store worker, the command line from its main thread.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from uuid6 import uuid7

from app.domain import ClockState, Punch, PunchKind, TransitionError, next_state, state_after_kind
from app.store import connection
from app.store.errors import DatabaseMissing, DeviceRemoved, PunchRefused
from app.store.keyvault import KeyVault
from app.store.profile import Profile, write_atomically
from app.store.review import ReviewQueries
from app.store.times import from_text, to_text, utc_now

Clock = Callable[[], datetime]
DEFAULT_SOURCE = "desktop"
# Server clock minus this device's clock, as the sync engine last measured it
# (the same name as sync.config.CLOCK_OFFSET_MS; a test keeps them equal).
CLOCK_OFFSET_MS = "clock_offset_ms"
PULL_CURSOR = "pull_cursor"
# Left in a profile folder whose device an admin removed, after its data was deleted.
REMOVED_MARKER = "DEVICE-REMOVED.txt"


# Never purged: what the outbox holds or refers to (a correction's target and request).
_PURGE_PUNCHES = """
    DELETE FROM punches WHERE at_utc < ? AND server_seq IS NOT NULL AND id NOT IN (
        SELECT ref FROM (
            SELECT json_extract(payload, '$.id') AS ref FROM outbox
            UNION ALL SELECT json_extract(payload, '$.target') FROM outbox
            UNION ALL SELECT json_extract(payload, '$.request') FROM outbox
        ) WHERE ref IS NOT NULL
    )
"""
_PURGE_EVENTS = """
    DELETE FROM server_events WHERE recorded_utc < ? AND id NOT IN (
        SELECT ref FROM (
            SELECT json_extract(payload, '$.id') AS ref FROM outbox
            UNION ALL SELECT json_extract(payload, '$.target') FROM outbox
            UNION ALL SELECT json_extract(payload, '$.request') FROM outbox
        ) WHERE ref IS NOT NULL
    )
"""


@dataclass(frozen=True, slots=True)
class Employee:
    number: str
    display_name: str


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """An employee as a kiosk knows them: enough to check a PIN or a badge offline."""

    number: str
    display_name: str  # "" for a pseudonymised tenant
    role: str
    pin_verifier: str | None = field(default=None, repr=False)
    badge_hash: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: str
    kind: str
    payload: dict[str, object]
    created: datetime
    attempts: int
    state: str
    reason: str | None


def _aware(value: object) -> datetime:
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if at.tzinfo is None:
        raise ValueError("the server sent a time without an offset")
    return at


def _pulled_punch(seq: object, payload: Mapping[str, Any], recorded: object) -> tuple[object, ...]:
    offset = payload.get("clock_offset_ms")
    return (
        str(payload["id"]),
        str(payload["employee"]),
        PunchKind(str(payload["kind"])).value,
        to_text(_aware(payload["at"])),
        str(payload.get("zone") or "Europe/Oslo"),
        to_text(_aware(payload.get("device_clock") or payload["at"])),
        None if offset is None else int(offset),
        str(payload.get("source") or ""),
        str(payload.get("note") or ""),
        seq,
        to_text(_aware(recorded)) if recorded else None,
    )


def _entry(row: Sequence[object]) -> DirectoryEntry:
    number, name, role, verifier, badge = row
    return DirectoryEntry(
        number=str(number),
        display_name=str(name),
        role=str(role),
        pin_verifier=None if verifier is None else str(verifier),
        badge_hash=None if badge is None else str(badge),
    )


class Store(ReviewQueries):
    def __init__(
        self,
        conn: connection.Connection,
        key: bytes,
        profile: Profile,
        vault: KeyVault,
        clock: Clock = utc_now,
        zone: str = "Europe/Oslo",
    ) -> None:
        self._conn = conn
        self._key = key
        self.profile = profile
        self._vault = vault
        self._clock = clock
        self.zone = zone
        self._inode = os.stat(profile.database).st_ino  # see _transaction

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        backend: KeyringBackend | None = None,
        create: bool = True,
        clock: Clock = utc_now,
        zone: str = "Europe/Oslo",
    ) -> Store:
        """Open the profile's database, creating it only where no file exists yet.

        A profile whose data `wipe` deleted raises DeviceRemoved unless `create`:
        then it starts afresh (its notice stays until a new enrollment clears it).
        """
        folder = folder.expanduser().absolute()
        if create:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        elif not (folder / "stempel.db").exists():
            if (folder / REMOVED_MARKER).exists():
                raise DeviceRemoved()
            raise FileNotFoundError(folder / "stempel.db")
        with Profile.lock(folder):
            profile = Profile.load(folder, create=create)
            vault = KeyVault(profile.id, backend)
            if profile.database.exists():
                conn, key = connection.open_existing(profile, vault)
            elif create:
                conn, key = connection.create_new(profile, vault)
            else:
                raise FileNotFoundError(profile.database)
        return cls(conn, key, profile, vault, clock, zone)

    def close(self) -> None:
        self._conn.close()

    # a device removed on the server ------------------------------------------------

    @classmethod
    def wipe(cls, folder: Path, at: datetime, *, backend: KeyringBackend | None = None) -> Path:
        """Delete the profile's data after its device was removed: returns the notice left behind.

        Every connection to the database must be closed. Under the profile's
        lock: the notice first (so even a wipe cut short says what happened), then
        the key leaves the keyring (what is left of the file is unreadable from
        here on), then the files go, and the key checks, so the folder may hold
        a fresh database after the next setup. The notice holds the time only.
        """
        folder = folder.expanduser().absolute()
        with Profile.lock(folder):
            profile = Profile.load(folder, create=False)
            marker = folder / REMOVED_MARKER
            notice = (
                "This device was removed by its administrator on the Stempel server.\n"
                f"Its local database and key were deleted from this computer at {to_text(at)}.\n"
                "Set it up again (stempel setup) to use it.\n"
            )
            write_atomically(marker, notice.encode("utf-8"))
            KeyVault(profile.id, backend).forget()
            connection.delete_database(profile)
            profile.set_key_checks([])
        return marker

    @staticmethod
    def removal_notice(folder: Path) -> str | None:
        """The notice `wipe` left in `folder`, if its device was removed and not set up since."""
        try:
            return (folder.expanduser().absolute() / REMOVED_MARKER).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def clear_removal_notice(self) -> None:
        """Drop the notice of an earlier removal: this profile was enrolled anew."""
        (self.profile.folder / REMOVED_MARKER).unlink(missing_ok=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_file(self) -> None:
        """Refuse to write when the database file was deleted or replaced under this connection
        (a wipe by the sync worker): SQLite would write on into the unlinked file, and lose it."""
        try:
            same = os.stat(self.profile.database).st_ino == self._inode
        except FileNotFoundError:
            same = False
        if not same:
            if (self.profile.folder / REMOVED_MARKER).exists():
                raise DeviceRemoved()
            raise DatabaseMissing()

    @contextmanager
    def _transaction(self) -> Iterator[connection.Cursor]:
        self._check_file()
        with connection.write_errors():
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with connection.write_errors():
            rows: list[tuple[object, ...]] = self._conn.execute(sql, params).fetchall()
        return rows

    # settings and the directory -------------------------------------------------

    def setting(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_setting(self, key: str, value: str) -> None:
        with self._transaction() as cur:
            cur.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def upsert_employee(self, number: str, display_name: str) -> None:
        with self._transaction() as cur:
            cur.execute(
                "INSERT INTO employees (number, display_name) VALUES (?, ?) "
                "ON CONFLICT (number) DO UPDATE SET display_name = excluded.display_name",
                (number, display_name),
            )

    def employees(self) -> list[Employee]:
        rows = self._read("SELECT number, display_name FROM employees ORDER BY number")
        return [Employee(str(n), str(d)) for n, d in rows]

    def employee(self, number: str) -> Employee | None:
        rows = self._read("SELECT number, display_name FROM employees WHERE number = ?", (number,))
        return Employee(str(rows[0][0]), str(rows[0][1])) if rows else None

    def directory_entry(self, number: str) -> DirectoryEntry | None:
        rows = self._read(
            "SELECT number, display_name, role, pin_verifier, badge_hash FROM employees WHERE number = ?",
            (number,),
        )
        return _entry(rows[0]) if rows else None

    def directory_by_badge(self, badge_hash: str) -> DirectoryEntry | None:
        rows = self._read(
            "SELECT number, display_name, role, pin_verifier, badge_hash FROM employees "
            "WHERE badge_hash = ? ORDER BY number LIMIT 1",
            (badge_hash,),
        )
        return _entry(rows[0]) if rows else None

    def directory_size(self) -> int:
        return int(str(self._read("SELECT count(*) FROM employees")[0][0]))

    # kiosk PIN lockout -------------------------------------------------------------

    def pin_locked_until(self, number: str, now: datetime) -> datetime | None:
        """When the lockout of `number` ends, if it is locked at `now`."""
        rows = self._read("SELECT locked_until_utc FROM pin_failures WHERE number = ?", (number,))
        if not rows or rows[0][0] is None:
            return None
        until = from_text(str(rows[0][0]))
        return until if until > now else None

    def note_pin_failure(
        self, number: str, now: datetime, limit: int, lock_for: timedelta
    ) -> datetime | None:
        """Count a wrong PIN for `number`; the `limit`-th in a row locks it until the returned time.

        Kept in the database (committed before the answer is shown), so a
        restart neither forgets the count nor lifts a lock.
        """
        with self._transaction() as cur:
            row = cur.execute(
                "SELECT failures, locked_until_utc FROM pin_failures WHERE number = ?", (number,)
            ).fetchone()
            failures = 0 if row is None else int(row[0])
            if row is not None and row[1] is not None and from_text(str(row[1])) <= now:
                failures = 0  # an expired lock starts a fresh count
            failures += 1
            until = now + lock_for if failures >= limit else None
            cur.execute(
                "INSERT INTO pin_failures (number, failures, locked_until_utc) VALUES (?, ?, ?) "
                "ON CONFLICT (number) DO UPDATE SET failures = excluded.failures, "
                "locked_until_utc = excluded.locked_until_utc",
                (number, 0 if until else failures, to_text(until) if until else None),
            )
        return until

    def clear_pin_failures(self, number: str) -> None:
        with self._transaction() as cur:
            cur.execute("DELETE FROM pin_failures WHERE number = ?", (number,))

    # punches ---------------------------------------------------------------------

    def punch(
        self,
        employee: str,
        kind: PunchKind,
        *,
        note: str = "",
        source: str = DEFAULT_SOURCE,
    ) -> Punch:
        """Record a punch and its outbox row in one transaction.

        Returns only after COMMIT, so a caller that gets a Punch back may tell
        the user it happened. Raises PunchRefused when the punch does not fit
        the employee's state, or a WriteFailed leaf when nothing could be saved.
        """
        device_now = self._clock()
        offset_ms = self.clock_offset_ms()
        at = device_now if offset_ms is None else device_now + timedelta(milliseconds=offset_ms)
        punch = Punch(id=str(uuid7()), employee=employee, kind=kind, at=at, zone=self.zone)
        payload = {
            "id": punch.id,
            "employee": employee,
            "kind": kind.value,
            "at": to_text(punch.at),
            "zone": punch.zone,
            "device_clock": to_text(device_now),
            "clock_offset_ms": offset_ms,
            "source": source,
            "note": note,
        }
        with self._transaction() as cur:
            state = self._state_in(cur, employee)
            try:
                next_state(state, kind)
            except TransitionError as exc:
                raise PunchRefused(str(exc)) from exc
            cur.execute(
                "INSERT INTO punches (id, employee, kind, at_utc, zone, device_clock_utc, "
                "clock_offset_ms, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    punch.id,
                    employee,
                    kind.value,
                    to_text(punch.at),
                    punch.zone,
                    to_text(device_now),
                    offset_ms,
                    source,
                    note,
                ),
            )
            cur.execute(
                "INSERT INTO outbox (id, kind, payload, created_utc) VALUES (?, 'punch', ?, ?)",
                (str(uuid7()), json.dumps(payload, ensure_ascii=False), to_text(device_now)),
            )
        return punch

    @staticmethod
    def _state_in(cur: connection.Cursor, employee: str) -> ClockState:
        row = cur.execute(
            # A punch made here and not yet back from the server counts in the order it
            # was made (rowid: the device clock may step backwards); the server's rows
            # count in time order, so a pull of older punches never flips the state.
            "SELECT kind FROM punches WHERE employee = ? ORDER BY (server_seq IS NULL) DESC, "
            "CASE WHEN server_seq IS NULL THEN rowid END DESC, at_utc DESC, rowid DESC LIMIT 1",
            (employee,),
        ).fetchone()
        return state_after_kind(None if row is None else PunchKind(row[0]))

    def state(self, employee: str) -> ClockState:
        with connection.write_errors():
            return self._state_in(self._conn.cursor(), employee)

    def punches(
        self,
        employee: str,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[Punch]:
        """The employee's punches with start <= at < end, oldest first."""
        lo = to_text(start) if start else ""
        hi = to_text(end) if end else "9999"
        rows = self._read(
            "SELECT id, employee, kind, at_utc, zone FROM punches "
            "WHERE employee = ? AND at_utc >= ? AND at_utc < ? ORDER BY at_utc, id",
            (employee, lo, hi),
        )
        return [
            Punch(id=str(i), employee=str(e), kind=PunchKind(str(k)), at=from_text(str(a)), zone=str(z))
            for i, e, k, a, z in rows
        ]

    def punch_records(self, employee: str) -> list[dict[str, object]]:
        """Every stored column of the employee's punches, for a personal-data export."""
        with connection.write_errors():
            cur = self._conn.execute(
                "SELECT * FROM punches WHERE employee = ? ORDER BY at_utc, id", (employee,)
            )
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    # outbox ------------------------------------------------------------------------

    def pending_count(self) -> int:
        return int(str(self._read("SELECT count(*) FROM outbox WHERE state = 'pending'")[0][0]))

    def refused(self) -> list[tuple[str, str]]:
        """(mutation id, reason) of the outbox rows the server refused."""
        rows = self._read("SELECT id, reason FROM outbox WHERE state = 'rejected' ORDER BY id")
        return [(str(i), str(r or "")) for i, r in rows]

    def rejected_count(self) -> int:
        return int(str(self._read("SELECT count(*) FROM outbox WHERE state = 'rejected'")[0][0]))

    def outbox(self, limit: int = 500, *, state: str | None = None) -> list[OutboxEntry]:
        rows = self._read(
            "SELECT id, kind, payload, created_utc, attempts, state, reason FROM outbox "
            "WHERE ? IS NULL OR state = ? ORDER BY id LIMIT ?",
            (state, state, limit),
        )
        return [
            OutboxEntry(
                str(i),
                str(k),
                json.loads(str(p)),
                from_text(str(c)),
                int(str(a)),
                str(s),
                None if r is None else str(r),
            )
            for i, k, p, c, a, s, r in rows
        ]

    # sync: what the engine reads and writes, each step one transaction ---------------

    def clock_offset_ms(self) -> int | None:
        value = self.setting(CLOCK_OFFSET_MS)
        return int(value) if value else None

    def server_now(self) -> datetime:
        """The best estimate of the time: this device's clock corrected by the measured offset."""
        offset_ms = self.clock_offset_ms()
        now = self._clock()
        return now if offset_ms is None else now + timedelta(milliseconds=offset_ms)

    def pending_mutations(self, limit: int) -> list[tuple[str, str, str]]:
        """The oldest pending outbox rows as (mutation id, type, payload as JSON text).

        The text goes on the wire as stored: parsing and re-serialising 500
        payloads per batch would cost more than the rest of the client's work.
        """
        rows = self._read(
            "SELECT id, kind, payload FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?", (limit,)
        )
        return [(str(i), str(k), str(p)) for i, k, p in rows]

    def settle(self, results: Sequence[tuple[str, str, str | None, int | None]]) -> None:
        """Apply the server's answers (mutation id, status, reason, seq) to the outbox, at once.

        `accepted` and `duplicate` leave the outbox, and a punch takes the
        sequence number the server gave it: a device that pulls no punches (a
        kiosk, a signed-out desktop) would otherwise never know them synced,
        and local retention would never let them go. `rejected` stays,
        visible, with the server's reason.
        """
        done = [mutation for mutation, status, _, _ in results if status != "rejected"]
        refused = [(reason or "", m) for m, status, reason, _ in results if status == "rejected"]
        landed = [[m, seq] for m, status, _, seq in results if status != "rejected" and seq is not None]
        with self._transaction() as cur:
            # A decision or correction the server took is kept as a server event at
            # once, so its state never falls back to "open" before the next pull.
            cur.execute(
                "INSERT OR IGNORE INTO server_events (seq, id, type, employee, payload, recorded_utc) "
                "SELECT json_extract(j.value, '$[1]'), json_extract(o.payload, '$.id'), o.kind, "
                "json_extract(o.payload, '$.employee'), o.payload, o.created_utc "
                "FROM json_each(?) AS j JOIN outbox AS o ON o.id = json_extract(j.value, '$[0]') "
                "WHERE o.kind != 'punch'",
                (json.dumps(landed),),
            )
            cur.execute(
                "UPDATE punches SET server_seq = landed.seq FROM ("
                "SELECT json_extract(o.payload, '$.id') AS punch, json_extract(j.value, '$[1]') AS seq "
                "FROM json_each(?) AS j JOIN outbox AS o ON o.id = json_extract(j.value, '$[0]') "
                "WHERE o.kind = 'punch') AS landed WHERE punches.id = landed.punch",
                (json.dumps(landed),),
            )
            # One statement for the batch: 500 single deletes cost twice as much.
            cur.execute(
                "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(done),)
            )
            cur.executemany(
                "UPDATE outbox SET state = 'rejected', reason = ?, attempts = attempts + 1 WHERE id = ?",
                refused,
            )

    def pull_cursor(self) -> int:
        return int(self.setting(PULL_CURSOR) or 0)

    def apply_pulled(self, events: Sequence[Mapping[str, Any]], next_after: int) -> None:
        """Keep a page of pulled events and the new cursor in one transaction."""
        punches: list[tuple[object, ...]] = []
        directory: list[tuple[str, str, str, object, object, object]] = []
        leavers: list[tuple[str]] = []  # deactivated: gone from the directory (their punches stay)
        others: list[tuple[object, ...]] = []
        for event in events:
            payload = event["payload"]
            if event["type"] == "punch":
                punches.append(_pulled_punch(event["seq"], payload, event.get("recorded_at")))
            elif event["type"] == "employee" and event.get("employee"):
                if payload.get("active", True) is False:
                    leavers.append((str(event["employee"]),))
                    continue
                name = " ".join(str(payload.get(k) or "") for k in ("first_name", "last_name")).strip()
                directory.append(
                    (
                        str(event["employee"]),
                        name,
                        str(payload.get("role") or "employee"),
                        payload.get("pin_verifier") or None,
                        payload.get("badge_hash") or None,
                        payload.get("manager") or None,
                    )
                )
            else:
                others.append(
                    (
                        event["seq"],
                        event["id"],
                        event["type"],
                        event.get("employee"),
                        json.dumps(payload, ensure_ascii=False),
                        to_text(_aware(event["recorded_at"])),
                    )
                )
        with self._transaction() as cur:
            cur.executemany(
                "INSERT INTO punches (id, employee, kind, at_utc, zone, device_clock_utc, clock_offset_ms, "
                "source, note, server_seq, recorded_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET server_seq = excluded.server_seq, "
                "recorded_utc = excluded.recorded_utc",
                punches,
            )
            cur.executemany(
                "INSERT INTO employees (number, display_name, role, pin_verifier, badge_hash, manager) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (number) DO UPDATE SET "
                "display_name = excluded.display_name, role = excluded.role, "
                "pin_verifier = excluded.pin_verifier, badge_hash = excluded.badge_hash, "
                "manager = excluded.manager",
                directory,
            )
            cur.executemany("DELETE FROM employees WHERE number = ?", leavers)
            cur.executemany(
                # REPLACE: the server's copy (with who decided) wins over the one settle() kept
                "INSERT OR REPLACE INTO server_events (seq, id, type, employee, payload, recorded_utc) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                others,
            )
            cur.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (PULL_CURSOR, str(next_after)),
            )

    def purge_synced(self, before: datetime) -> int:
        """Remove what the server keeps and this device no longer needs; returns how many rows went.

        Punches with a server sequence number made before `before`, and server
        events recorded before it, in one transaction. Never anything the
        outbox still holds or points at (pending or refused), nothing not yet
        synced, never the directory or settings.
        """
        cutoff = to_text(before)
        with self._transaction() as cur:
            punches = cur.execute(_PURGE_PUNCHES, (cutoff,)).rowcount
            events = cur.execute(_PURGE_EVENTS, (cutoff,)).rowcount
        return int(punches) + int(events)

    def punch_count(self) -> int:
        return int(str(self._read("SELECT count(*) FROM punches")[0][0]))

    # keys ----------------------------------------------------------------------------

    def forget_key(self) -> None:
        """Remove this profile's key from the keyring: the database becomes unreadable.

        Meant for throwaway profiles (the self-check); a user's own data is never
        disposed of this way.
        """
        self._vault.forget()

    def rekey(self) -> None:
        """Re-encrypt the database under a fresh key (see connection.rekey)."""
        with self.profile.locked():
            self._key = connection.rekey(self._conn, self.profile, self._vault, self._key)
            connection.promote_key(self.profile, self._vault, self._key)
