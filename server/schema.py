"""A tenant's database (SQLAlchemy Core, so PostgreSQL can follow SQLite)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.schema import CreateColumn

metadata = MetaData()

tenant_settings = Table(
    "tenant_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

employees = Table(
    "employees",
    metadata,
    Column("number", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("first_name", Text, nullable=False, default=""),
    Column("last_name", Text, nullable=False, default=""),
    Column("manager", String(64), nullable=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("password_hash", Text, nullable=True),
    Column("pin_hash", Text, nullable=True),
    Column("badge_hash", Text, nullable=True),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("name", Text, nullable=False, default=""),
    Column("jkt", String(64), nullable=False, unique=True),  # RFC 7638 thumbprint of its key
    Column("jwk", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("enrolled_at", String(40), nullable=False),
    # When an admin revoked it: its last punches made before then (plus clock skew) are
    # still taken, under a short "farewell" token, until it reports itself wiped.
    Column("revoked_at", String(40), nullable=True),
    Column("wiped_at", String(40), nullable=True),  # when it reported its local data deleted
)

# Columns added to a table after its first release. create_all() makes missing
# tables only; these are added to older tenant files when they are opened
# (server.tenants migrates on open through create_all, which fires this event).
ADDED_COLUMNS = (devices.c.revoked_at, devices.c.wiped_at)


def _add_missing_columns(target: MetaData, connection: Connection, **_: Any) -> None:
    present: dict[str, set[str]] = {}
    for column in ADDED_COLUMNS:
        table = column.table.name
        if table not in present:
            present[table] = {c["name"] for c in inspect(connection).get_columns(table)}
        if column.name not in present[table]:
            ddl = CreateColumn(column).compile(dialect=connection.dialect)
            connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {ddl}")


event.listen(metadata, "after_create", _add_missing_columns)

# Which employees have signed in on which device: a desktop device's own credential
# may push the leftover punches of these employees after their session ended.
sign_ins = Table(
    "sign_ins",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("employee", String(64), primary_key=True),
    Column("first_at", String(40), nullable=False),
)

enrollment_codes = Table(
    "enrollment_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),  # sha256 of a high-entropy code
    Column("kind", String(16), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("used_by", String(36), ForeignKey("devices.id"), nullable=True),
)

# Append-only: punches, corrections, approvals and directory changes. `seq` is
# the tenant-wide sequence (INTEGER PRIMARY KEY: max+1, no gaps after a
# rollback); `hash` chains each row to the one before.
ledger = Table(
    "ledger",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("id", String(36), nullable=False, unique=True),
    Column("type", String(32), nullable=False),
    Column("employee", String(64), nullable=True, index=True),
    Column("device_id", String(36), nullable=True),
    Column("payload", Text, nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The week locks of a batch's employees are read from their approval events on
# every push; a partial index keeps that one read cheap without slowing the
# punch inserts (rows of other types are not in it).
Index(
    "ix_ledger_approvals",
    ledger.c.employee,
    ledger.c.seq,
    sqlite_where=ledger.c.type == "approval",
    postgresql_where=ledger.c.type == "approval",
)

# Every mutation id ever seen, with its content digest and outcome, so a replay
# answers `duplicate` and a reused id with other content answers `rejected`.
mutations = Table(
    "mutations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("digest", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text, nullable=True),
    Column("seq", Integer, nullable=True),
    UniqueConstraint("id"),
)

# Where retention (`stempel-server retention apply`) deleted a run of ledger rows:
# seqs `first_seq`..`last_seq` are gone, `entry_hash` is the hash the first of
# them chained onto and `exit_hash` the hash of the last, so `verify` can step
# over the gap and the next row (or the next append) still chains onto it.
ledger_anchors = Table(
    "ledger_anchors",
    metadata,
    Column("first_seq", Integer, primary_key=True, autoincrement=False),
    Column("last_seq", Integer, nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Column("exit_hash", String(64), nullable=False),
    Column("deleted_at", String(40), nullable=False),
)
