"""Opening the SQLCipher database: key, pragmas, migrations, and telling failures apart.

Nothing here writes to an existing database file until the key has opened it
and its schema is known to be one this build understands.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3
from sqlcipher3 import dbapi2

from app.store.errors import (
    DatabaseDamaged,
    DatabaseMissing,
    DiskFull,
    KeyMissing,
    ReadOnlyStorage,
    SchemaTooNew,
    StoreError,
    WriteFailed,
    WrongKey,
)
from app.store.keyvault import KeyVault, new_key
from app.store.profile import Profile, fsync_dir
from app.store.schema import LATEST, MIGRATIONS

if TYPE_CHECKING:
    # sqlcipher3 mirrors the sqlite3 module's API but ships no type information.
    from sqlite3 import Connection as Connection
    from sqlite3 import Cursor as Cursor
else:
    Connection, Cursor = dbapi2.Connection, dbapi2.Cursor
_PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


def _key_pragma(key: bytes) -> str:
    # PRAGMA takes no bound parameters; the value is 64 hex digits we made ourselves.
    assert len(key) == 32
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _connect(path: Path, key: bytes, *, read_only: bool = False) -> Connection:
    target, uri = (path.as_uri() + "?mode=ro", True) if read_only else (str(path), False)
    conn: Connection = sqlcipher3.connect(
        target, uri=uri, isolation_level=None, check_same_thread=False, timeout=10.0
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise StoreError("The database library is not SQLCipher; refusing to store data.")
        # Off, as SQLCipher itself defaults to since 4.5: wiping every freed
        # allocation made a first pull of 100,000 rows three times as slow (17.8 s
        # vs 6.3 s, benchmarks/sync_first_pull.py), and a reader of this process's
        # memory finds the key and the open pages anyway.
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute(_key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _configure(conn: Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")


def _migrate(conn: Connection) -> None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > LATEST:
        raise SchemaTooNew(version, LATEST)
    for number in range(version + 1, LATEST + 1):
        with write_errors():
            try:
                conn.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[number - 1]}; PRAGMA user_version = {number}; COMMIT;"
                )
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise


@contextmanager
def write_errors() -> Iterator[None]:
    """Turn SQLite's write failures into the store's own, precise errors."""
    try:
        yield
    except dbapi2.Error as exc:
        raise translate(exc) from exc


def translate(exc: dbapi2.Error) -> StoreError:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL"):
        return DiskFull()
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return ReadOnlyStorage()
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return DatabaseDamaged(name)
    if name.startswith("SQLITE_IOERR"):
        return WriteFailed(f"The disk reported an error, so nothing was saved ({name}).")
    return StoreError(f"The database reported an error ({name or type(exc).__name__}).")


def _try_key(path: Path, key: bytes) -> Connection | None:
    """A read-only connection if `key` opens the file, None if it is not the right key.

    Read-only, so nothing done before every check has passed can change the
    file: closing a writable connection would checkpoint a pending WAL into it.
    """
    try:
        return _connect(path, key, read_only=True)
    except dbapi2.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
            return None
        raise translate(exc) from exc


def open_existing(profile: Profile, vault: KeyVault) -> tuple[Connection, bytes]:
    path = profile.database
    if path.stat().st_size == 0:
        # We create databases beside their final name and rename them in, so an
        # empty file here was never ours; SQLite would happily treat it as new.
        raise DatabaseDamaged("an empty file")
    current, pending = vault.current(), vault.pending()
    candidates = [k for k in (current, pending) if k is not None]
    if not candidates:
        raise KeyMissing()
    for key in candidates:
        probe = _try_key(path, key)
        if probe is None:
            continue
        try:
            version = int(probe.execute("PRAGMA user_version").fetchone()[0])
        except dbapi2.Error as exc:
            raise translate(exc) from exc
        finally:
            probe.close()
        if version > LATEST:
            raise SchemaTooNew(version, LATEST)
        if version == 0:
            raise DatabaseDamaged("no Stempel schema")
        _finish_interrupted_rekey(profile, vault, key, pending)
        return _open_for_writing(path, key), key
    with path.open("rb") as f:
        head = f.read(16)
    if head == _PLAIN_SQLITE_HEADER:
        raise DatabaseDamaged("an unencrypted SQLite file")
    if any(profile.knows_key(k) for k in candidates):
        raise DatabaseDamaged()
    raise WrongKey()


def _open_for_writing(path: Path, key: bytes) -> Connection:
    try:
        conn = _connect(path, key)
    except dbapi2.Error as exc:
        raise translate(exc) from exc
    try:
        _configure(conn)
        _migrate(conn)
    except dbapi2.Error as exc:
        conn.close()
        raise translate(exc) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _finish_interrupted_rekey(
    profile: Profile, vault: KeyVault, opened_with: bytes, pending: bytes | None
) -> None:
    """After a rekey was cut short: keep whichever key opened the file, drop the other."""
    if pending is None:
        return
    if opened_with == pending:
        vault.set_current(pending)
    vault.clear_pending()
    profile.set_key_checks([opened_with])


def creation_leftover(profile: Profile) -> Path:
    return profile.database.with_name(profile.database.name + ".creating")


def may_create(profile: Profile) -> bool:
    """Whether a fresh database may be made: never where one existed before.

    A profile that has key checks had a database, unless the creation marker
    shows that making it was cut short. A dangling link or a leftover WAL
    means a database that is elsewhere or was just moved away.
    """
    path = profile.database
    if any(os.path.lexists(p) for p in _family(path)):
        return False
    return not profile.key_checks or creation_leftover(profile).exists()


def create_new(profile: Profile, vault: KeyVault) -> tuple[Connection, bytes]:
    """Make a fresh database beside the final name, then move it into place.

    So `stempel.db` existing always means a complete database, never one a
    crash left half made. The caller holds the profile lock.
    """
    if not may_create(profile):
        raise DatabaseMissing()
    path = profile.database
    building = creation_leftover(profile)
    for leftover in _family(building):
        leftover.unlink(missing_ok=True)
    building.touch(mode=0o600)  # marks an unfinished creation before the key is replaced
    key = new_key()
    vault.set_current(key)
    profile.set_key_checks([key])
    try:
        conn = _connect(building, key)
        _configure(conn)
        _migrate(conn)
        conn.close()
    except dbapi2.Error as exc:
        raise translate(exc) from exc
    os.replace(building, path)
    fsync_dir(path.parent)
    return _open_for_writing(path, key), key


def _family(db: Path) -> list[Path]:
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


def delete_database(profile: Profile) -> None:
    """Delete the database and every file SQLite keeps beside it (the caller closed it and holds the lock).

    The file is encrypted and its key goes too; the deletion makes the data
    gone for anyone without a copy of the key as well.
    """
    path = profile.database
    building = creation_leftover(profile)
    for db in (path, building):
        for file in (*_family(db), db.with_name(db.name + "-journal")):
            file.unlink(missing_ok=True)
    fsync_dir(path.parent)


def rekey(conn: Connection, profile: Profile, vault: KeyVault, in_use: bytes) -> bytes:
    """Re-encrypt under a new key; returns it once the file is under it.

    The new key is in the keyring (as pending) before `PRAGMA rekey`, so a kill
    at any point leaves a key that opens the file. The caller records the new
    key as in use, then calls `promote_key`: a keyring failure between the two
    never leaves the store holding a stale key.
    """
    _finish_interrupted_rekey(profile, vault, in_use, vault.pending())
    new = new_key()
    vault.set_pending(new)
    profile.set_key_checks([in_use, new])
    with write_errors():
        conn.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
    return new


def promote_key(profile: Profile, vault: KeyVault, new: bytes) -> None:
    vault.set_current(new)
    vault.clear_pending()
    profile.set_key_checks([new])
