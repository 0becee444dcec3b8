"""Tenants: one SQLite database file each, opened lazily, never created by a request."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, select
from sqlalchemy.pool import QueuePool
from sqlalchemy.schema import CreateIndex

from server.schema import metadata, tenant_settings
from server.settings import create_private_file, make_private_folder
from sync.protocol import TenantFacts

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
DEFAULT_SETTINGS = {
    "timezone": "Europe/Oslo",
    "pseudonymised": "0",
    "open_shift_limit_hours": "16",
    "local_retention_days": "62",
    # bokføringsloven §13: "5" (primary documentation) or "3.5" (secondary) years after
    # the end of the financial year; see server.retention.
    "bookkeeping_retention_years": "5",
    "financial_year_end": "12-31",  # MM-DD
}


def tenant_facts(settings: dict[str, str]) -> TenantFacts:
    """The settings every device of the tenant gets with its pulls."""
    values = {**DEFAULT_SETTINGS, **settings}
    return TenantFacts(
        timezone=values["timezone"],
        pseudonymised=values["pseudonymised"] == "1",
        local_retention_days=int(values["local_retention_days"]),
        open_shift_limit_hours=int(values["open_shift_limit_hours"]),
    )


class UnknownTenant(LookupError):
    """No such tenant, or a name that could not be one; callers answer 404 either way."""


class TenantExists(FileExistsError):
    pass


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite opens transactions lazily and never for SAVEPOINT, so a nested
    # block would commit on RELEASE; we say BEGIN ourselves (see _begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 10000")
    cur.close()


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        connect_args={"check_same_thread": False},
        hide_parameters=True,  # an error's text must not carry names or notes into a log
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _begin(conn: Connection) -> None:
    """A real transaction; writers take SQLite's write lock up front so they never fail to upgrade."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("writer") else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction (BEGIN IMMEDIATE); commits on success, rolls back on error."""
    with engine.connect() as conn:
        conn.info["writer"] = True
        try:
            with conn.begin():
                yield conn
        finally:
            conn.info.pop("writer", None)


def _migrate(engine: Engine) -> None:
    """Migrate on open: new tables, and new indexes of tables that already exist."""
    metadata.create_all(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            for index in table.indexes:
                conn.execute(CreateIndex(index, if_not_exists=True))


class TenantRegistry:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._engines: dict[str, Engine] = {}
        self._write_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def write_lock(self, name: str) -> threading.Lock:
        """Serialises writers of one tenant in this process: SQLite has one writer at a time,
        and a deferred transaction that upgrades to a write can fail rather than wait."""
        with self._lock:
            return self._write_locks.setdefault(name, threading.Lock())

    def path(self, name: str) -> Path:
        if not _NAME.fullmatch(name):
            raise UnknownTenant(name)
        return self.folder / f"{name}.sqlite"

    def create(self, name: str, **settings: str) -> None:
        path = self.path(name)
        make_private_folder(self.folder)
        try:
            create_private_file(path)  # 0600, and so are the -wal and -shm SQLite makes beside it
        except FileExistsError:
            raise TenantExists(name) from None
        engine = sqlite_engine(path)
        try:
            metadata.create_all(engine)
            with write_transaction(engine) as conn:
                values = {**DEFAULT_SETTINGS, **settings}
                conn.execute(insert(tenant_settings), [{"key": k, "value": v} for k, v in values.items()])
        finally:
            engine.dispose()

    def engine(self, name: str) -> Engine:
        with self._lock:
            engine = self._engines.get(name)
            if engine is None:
                path = self.path(name)
                if not path.exists():
                    raise UnknownTenant(name)
                engine = sqlite_engine(path)
                _migrate(engine)
                self._engines[name] = engine
            return engine

    def settings(self, name: str) -> dict[str, str]:
        with self.engine(name).connect() as conn:
            rows = conn.execute(select(tenant_settings.c.key, tenant_settings.c.value)).all()
        return {**DEFAULT_SETTINGS, **{k: v for k, v in rows}}

    def set_settings(self, name: str, **values: str) -> None:
        """Store settings of a tenant (the caller checked the values), in one transaction."""
        engine = self.engine(name)
        with self.write_lock(name), write_transaction(engine) as conn:
            for key, value in values.items():
                conn.execute(delete(tenant_settings).where(tenant_settings.c.key == key))
                conn.execute(insert(tenant_settings).values(key=key, value=value))

    def dispose(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()
