"""The session store: tokens, refresh families, DPoP replay cache and login counters.

Its own SQLite file (`DATA/sessions.db`), apart from tenant data, so a tenant's
backup or restore never brings old sessions back, and so it can move to Redis
at scale: every row has an expiry, and expired rows are purged opportunistically
(at most once a minute, on a write).

Tokens are opaque random strings (`secrets.token_urlsafe(32)`, 256 bits); the
store keeps only their sha256, so a copy of this file holds no usable token.
The one exception is covered below: a rotated refresh token's successor pair is
kept, for 60 seconds, encrypted under a key only the previous token can derive.

Refresh tokens rotate (RFC 9700 §4.14.2). A family is one sign-in on one device;
each refresh retires the presented token and makes the next generation:

- the current token, presented with the family's key: a new pair;
- the immediately previous token, presented again within `grace` seconds of its
  rotation by the same key (a client that lost the answer): the same successor
  pair once, decrypted from the stored copy;
- any other retired token (two generations old, a second retry, after `grace`):
  reuse; the whole family is revoked with its access tokens;
- a wrong key, an expired, unknown, revoked or other tenant's token:
  `InvalidGrant`, and nothing else changes (a token without its key is useless,
  so a stolen one cannot be used to sign its owner out either).

Concurrency: one connection per store, used by one thread at a time under a
lock (threads of this process queue without SQLite's sleeping busy handler),
and `BEGIN IMMEDIATE` for writes so other processes (the admin CLI) wait their
turn. One long-lived connection also keeps SQLite from checkpointing the WAL at
every close (measured on the 2-core box: a DPoP replay check took 1.3 ms with a
connection per call, 0.02 ms with this one; a lookup 0.006 ms; a rotation,
fsync included, 0.5 ms).

Durability: WAL; `synchronous=FULL` for tokens, so a rotation or revocation
the caller was told about survives a power cut. The DPoP replay cache and the
login counters, written on every call, commit without fsync (NORMAL): a power
cut may forget the last few, which a replay could use only within the proof's
60 s anyway.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import threading
import time
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PURGE_EVERY = 60.0  # seconds between opportunistic purges
BUSY_TIMEOUT = 10.0
_SUCCESSOR_INFO = b"stempel refresh successor v1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS access_tokens (
    hash TEXT PRIMARY KEY,          -- sha256 hex of the token
    tenant TEXT NOT NULL,
    employee TEXT,                  -- NULL: the device's own credential (kiosk)
    device_id TEXT NOT NULL,
    jkt TEXT NOT NULL,              -- RFC 7638 thumbprint of the key it is bound to
    family_id TEXT,                 -- the refresh family it came from, if any
    issued_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS access_by_family ON access_tokens (family_id);
CREATE INDEX IF NOT EXISTS access_by_employee ON access_tokens (tenant, employee);
CREATE INDEX IF NOT EXISTS access_by_device ON access_tokens (tenant, device_id);
CREATE INDEX IF NOT EXISTS access_by_expiry ON access_tokens (expires_at);

CREATE TABLE IF NOT EXISTS refresh_families (
    id TEXT PRIMARY KEY,
    tenant TEXT NOT NULL,
    employee TEXT NOT NULL,
    device_id TEXT NOT NULL,
    jkt TEXT NOT NULL,
    generation INTEGER NOT NULL,    -- of the current (not yet rotated) token
    revoked INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL        -- the current token's idle expiry
);
CREATE INDEX IF NOT EXISTS families_by_employee ON refresh_families (tenant, employee);
CREATE INDEX IF NOT EXISTS families_by_device ON refresh_families (tenant, device_id);
CREATE INDEX IF NOT EXISTS families_by_expiry ON refresh_families (expires_at);

CREATE TABLE IF NOT EXISTS refresh_tokens (
    hash TEXT PRIMARY KEY,          -- sha256 hex of the token
    family_id TEXT NOT NULL,
    generation INTEGER NOT NULL,
    issued_at REAL NOT NULL,
    expires_at REAL NOT NULL,       -- idle expiry; a rotated row lives as long as its family
    rotated_at REAL,
    successor BLOB,                 -- nonce || AES-GCM(successor pair), key from this token
    retry_until REAL,               -- successor kept until then, handed out at most once
    UNIQUE (family_id, generation)
);
CREATE INDEX IF NOT EXISTS refresh_by_retry ON refresh_tokens (retry_until);

CREATE TABLE IF NOT EXISTS dpop_jti (
    jkt TEXT NOT NULL,
    jti TEXT NOT NULL,
    expires_at REAL NOT NULL,
    PRIMARY KEY (jkt, jti)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS jti_by_expiry ON dpop_jti (expires_at);

CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    first_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
"""


class InvalidGrant(Exception):
    """A refresh token that gets nothing; `reason` is for logs and tests, never for the client."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TokenPair(NamedTuple):
    access: str
    refresh: str


@dataclass(frozen=True)
class Rotated:
    """The answer to a refresh: the pair, whose it is, and whether it was a lost-answer retry."""

    access: str
    refresh: str
    employee: str
    device_id: str
    family_id: str
    access_expires_at: float
    retry: bool = False


@dataclass(frozen=True)
class AccessSession:
    tenant: str
    employee: str | None
    device_id: str
    jkt: str
    family_id: str | None
    expires_at: float


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _successor_key(previous_refresh: str, family_id: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=family_id.encode(), info=_SUCCESSOR_INFO)
    return hkdf.derive(previous_refresh.encode("utf-8"))


def _seal(previous_refresh: str, family_id: str, body: dict[str, object]) -> bytes:
    nonce = os.urandom(12)
    aad = token_hash(previous_refresh).encode()
    cipher = AESGCM(_successor_key(previous_refresh, family_id))
    sealed = cipher.encrypt(nonce, json.dumps(body).encode(), aad)
    return nonce + sealed


def _open(previous_refresh: str, family_id: str, blob: bytes) -> dict[str, object]:
    aad = token_hash(previous_refresh).encode()
    plain = AESGCM(_successor_key(previous_refresh, family_id)).decrypt(blob[:12], blob[12:], aad)
    value = json.loads(plain)
    assert isinstance(value, dict)
    return value


class SessionStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._last_purge = 0.0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=False,
        )
        self._closer = weakref.finalize(self, self._conn.close)
        with self._lock:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._closer()

    # --- plumbing ---------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    @contextmanager
    def _write(self, now: float | None = None, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction; commits unless the block raises. Not `durable`: no fsync at commit
        (WAL, synchronous=NORMAL), for rows whose loss in a power cut does no harm."""
        with self._lock:
            conn = self._conn
            conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                self._maybe_purge(conn, time.time() if now is None else now)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _maybe_purge(self, conn: sqlite3.Connection, now: float) -> None:
        if now - self._last_purge < PURGE_EVERY:
            return
        self._last_purge = now
        self._purge(conn, now)

    @staticmethod
    def _purge(conn: sqlite3.Connection, now: float) -> None:
        conn.execute("DELETE FROM access_tokens WHERE expires_at <= ?", (now,))
        conn.execute("DELETE FROM refresh_families WHERE expires_at <= ?", (now,))
        conn.execute("DELETE FROM refresh_tokens WHERE family_id NOT IN (SELECT id FROM refresh_families)")
        conn.execute(
            "UPDATE refresh_tokens SET successor = NULL, retry_until = NULL WHERE retry_until <= ?", (now,)
        )
        conn.execute("DELETE FROM dpop_jti WHERE expires_at <= ?", (now,))
        conn.execute("DELETE FROM login_failures WHERE expires_at <= ?", (now,))

    def purge(self, now: float | None = None) -> None:
        """Delete every expired row now (the store also does this by itself, now and then)."""
        now = time.time() if now is None else now
        with self._write(now) as conn:
            self._purge(conn, now)

    @staticmethod
    def _insert_access(
        conn: sqlite3.Connection,
        token: str,
        tenant: str,
        employee: str | None,
        device_id: str,
        jkt: str,
        family_id: str | None,
        now: float,
        ttl: float,
    ) -> None:
        conn.execute(
            "INSERT INTO access_tokens (hash, tenant, employee, device_id, jkt, family_id, issued_at,"
            " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (token_hash(token), tenant, employee, device_id, jkt, family_id, now, now + ttl),
        )

    @staticmethod
    def _insert_refresh(
        conn: sqlite3.Connection,
        token: str,
        family_id: str,
        generation: int,
        now: float,
        ttl: float,
    ) -> None:
        conn.execute(
            "INSERT INTO refresh_tokens (hash, family_id, generation, issued_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (token_hash(token), family_id, generation, now, now + ttl),
        )

    # --- issuing ----------------------------------------------------------------------

    def issue(
        self,
        tenant: str,
        employee: str,
        device_id: str,
        jkt: str,
        access_ttl: float,
        refresh_ttl: float,
        *,
        now: float | None = None,
    ) -> TokenPair:
        """A new sign-in (password grant): a new refresh family and its first pair."""
        now = time.time() if now is None else now
        access, refresh, family_id = new_token(), new_token(), str(uuid.uuid4())
        with self._write(now) as conn:
            conn.execute(
                "INSERT INTO refresh_families (id, tenant, employee, device_id, jkt, generation, created_at,"
                " expires_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                (family_id, tenant, employee, device_id, jkt, now, now + refresh_ttl),
            )
            self._insert_refresh(conn, refresh, family_id, 0, now, refresh_ttl)
            self._insert_access(conn, access, tenant, employee, device_id, jkt, family_id, now, access_ttl)
        return TokenPair(access, refresh)

    def issue_device(
        self,
        tenant: str,
        device_id: str,
        jkt: str,
        access_ttl: float,
        *,
        now: float | None = None,
    ) -> str:
        """An access token for a device on its own (device grant); no refresh token: it re-proves its key."""
        now = time.time() if now is None else now
        access = new_token()
        with self._write(now) as conn:
            self._insert_access(conn, access, tenant, None, device_id, jkt, None, now, access_ttl)
        return access

    def rotate(
        self,
        tenant: str,
        refresh_token: str,
        jkt: str,
        now: float,
        access_ttl: float,
        refresh_ttl: float,
        grace: float,
    ) -> Rotated:
        """Exchange a refresh token (see the module docstring); raises InvalidGrant."""
        with self._write(now) as conn:
            outcome = self._rotate(conn, tenant, refresh_token, jkt, now, access_ttl, refresh_ttl, grace)
        if isinstance(outcome, InvalidGrant):
            raise outcome  # after COMMIT: a family revoked for reuse stays revoked
        return outcome

    def _rotate(
        self,
        conn: sqlite3.Connection,
        tenant: str,
        presented: str,
        jkt: str,
        now: float,
        access_ttl: float,
        refresh_ttl: float,
        grace: float,
    ) -> Rotated | InvalidGrant:
        row = conn.execute(
            "SELECT t.generation, t.expires_at, t.rotated_at, t.successor, t.retry_until, f.id, f.tenant,"
            " f.employee, f.device_id, f.jkt, f.generation, f.revoked"
            " FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id WHERE t.hash = ?",
            (token_hash(presented),),
        ).fetchone()
        if row is None:
            return InvalidGrant("unknown")
        (
            generation,
            expires_at,
            rotated_at,
            successor,
            retry_until,
            family_id,
            family_tenant,
            employee,
            device_id,
            family_jkt,
            current_generation,
            revoked,
        ) = row
        if family_tenant != tenant:
            return InvalidGrant("unknown")  # as if it did not exist: nothing about other tenants
        if revoked:
            return InvalidGrant("revoked")
        if not secrets.compare_digest(family_jkt, jkt):
            return InvalidGrant("wrong_key")
        if rotated_at is not None:
            is_previous = generation == current_generation - 1
            if is_previous and successor is not None and retry_until is not None and now <= retry_until:
                conn.execute(
                    "UPDATE refresh_tokens SET successor = NULL, retry_until = NULL WHERE hash = ?",
                    (token_hash(presented),),
                )
                try:
                    pair = _open(presented, family_id, successor)
                except (InvalidTag, ValueError):
                    self._revoke_families(conn, "id = ?", (family_id,))
                    return InvalidGrant("reuse")
                return Rotated(
                    str(pair["access"]),
                    str(pair["refresh"]),
                    employee,
                    device_id,
                    family_id,
                    float(str(pair["access_expires_at"])),
                    retry=True,
                )
            self._revoke_families(conn, "id = ?", (family_id,))
            return InvalidGrant("reuse")
        if now >= expires_at:
            return InvalidGrant("expired")

        access, refresh = new_token(), new_token()
        successor_blob = _seal(
            presented,
            family_id,
            {
                "access": access,
                "refresh": refresh,
                "access_expires_at": now + access_ttl,
            },
        )
        conn.execute(
            "UPDATE refresh_tokens SET rotated_at = ?, successor = ?, retry_until = ? WHERE hash = ?",
            (now, successor_blob, now + grace, token_hash(presented)),
        )
        # The one before this (if any) can no longer be "the previous token": drop its copy.
        conn.execute(
            "UPDATE refresh_tokens SET successor = NULL, retry_until = NULL"
            " WHERE family_id = ? AND generation < ?",
            (family_id, generation),
        )
        self._insert_refresh(conn, refresh, family_id, generation + 1, now, refresh_ttl)
        conn.execute(
            "UPDATE refresh_families SET generation = ?, expires_at = ? WHERE id = ?",
            (generation + 1, now + refresh_ttl, family_id),
        )
        self._insert_access(conn, access, tenant, employee, device_id, jkt, family_id, now, access_ttl)
        return Rotated(access, refresh, employee, device_id, family_id, now + access_ttl)

    # --- checking and ending sessions -------------------------------------------------

    def lookup_access(self, token: str, now: float) -> AccessSession | None:
        """The session of a live access token, or None (unknown, expired, revoked)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT tenant, employee, device_id, jkt, family_id, expires_at FROM access_tokens"
                " WHERE hash = ? AND expires_at > ?",
                (token_hash(token), now),
            ).fetchone()
        return AccessSession(*row) if row else None

    @staticmethod
    def _revoke_families(conn: sqlite3.Connection, where: str, args: tuple[str, ...]) -> int:
        """Revoke the families matching `where` (trusted SQL, bound args) and their access tokens."""
        ids = [r[0] for r in conn.execute(f"SELECT id FROM refresh_families WHERE {where}", args)]  # noqa: S608
        for family_id in ids:
            conn.execute("UPDATE refresh_families SET revoked = 1 WHERE id = ?", (family_id,))
            conn.execute(
                "UPDATE refresh_tokens SET successor = NULL, retry_until = NULL WHERE family_id = ?",
                (family_id,),
            )
            conn.execute("DELETE FROM access_tokens WHERE family_id = ?", (family_id,))
        return len(ids)

    def revoke_family(self, family_id: str) -> None:
        with self._write() as conn:
            self._revoke_families(conn, "id = ?", (family_id,))

    def revoke_employee(self, tenant: str, number: str) -> int:
        """End every session of one employee (all devices); returns how many tokens died."""
        with self._write() as conn:
            families = self._revoke_families(conn, "tenant = ? AND employee = ?", (tenant, number))
            cur = conn.execute(
                "DELETE FROM access_tokens WHERE tenant = ? AND employee = ?", (tenant, number)
            )
            return families + cur.rowcount

    def revoke_device(self, tenant: str, device_id: str) -> int:
        """End every session on one device, its own credential included; returns how many tokens died."""
        with self._write() as conn:
            families = self._revoke_families(conn, "tenant = ? AND device_id = ?", (tenant, device_id))
            cur = conn.execute(
                "DELETE FROM access_tokens WHERE tenant = ? AND device_id = ?", (tenant, device_id)
            )
            return families + cur.rowcount

    # --- DPoP replay cache ------------------------------------------------------------

    def seen_jti(self, jkt: str, jti: str, expires_at: float) -> bool:
        """Record a proof's jti until `expires_at`; True if this key already used it (a replay)."""
        now = time.time()
        with self._write(now, durable=False) as conn:
            conn.execute(
                "INSERT INTO dpop_jti (jkt, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT (jkt, jti)"
                " DO UPDATE SET expires_at = excluded.expires_at WHERE dpop_jti.expires_at <= ?",
                (jkt, jti, expires_at, now),
            )
            changed: int = conn.execute("SELECT changes()").fetchone()[0]
        return changed == 0

    # --- failed logins ----------------------------------------------------------------

    def login_failed(self, key: str, now: float, window: float) -> int:
        """Count one failure for `key` in a fixed window starting at its first failure; returns the count."""
        with self._write(now, durable=False) as conn:
            row = conn.execute("SELECT count, first_at FROM login_failures WHERE key = ?", (key,)).fetchone()
            if row is not None and row[1] + window > now:
                count = int(row[0]) + 1
                conn.execute("UPDATE login_failures SET count = ? WHERE key = ?", (count, key))
                return count
            conn.execute(
                "INSERT OR REPLACE INTO login_failures (key, count, first_at, expires_at)"
                " VALUES (?, 1, ?, ?)",
                (key, now, now + window),
            )
            return 1

    def login_blocked(self, key: str, now: float, limit: int, window: float) -> float | None:
        """Seconds to wait if `key` has `limit` failures in its current window, else None."""
        with self._read() as conn:
            row = conn.execute("SELECT count, first_at FROM login_failures WHERE key = ?", (key,)).fetchone()
        if row is None or row[0] < limit or row[1] + window <= now:
            return None
        wait: float = row[1] + window - now
        return wait

    def login_succeeded(self, key: str) -> None:
        with self._write(durable=False) as conn:
            conn.execute("DELETE FROM login_failures WHERE key = ?", (key,))
