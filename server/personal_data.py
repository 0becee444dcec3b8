"""Everything a tenant holds about one employee, for an access request (GDPR art. 15).

`personal_export` reads the employee's row (secrets only as "set or not"),
the devices they signed in on, every ledger event with `employee == number`
(payloads without PIN verifier or badge digest) and how many live sessions
they have. `may_export` is the rule of the API: an employee themselves, an
admin anyone, a manager their team; nobody else learns whether the number exists.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from server.deps import Caller
from server.schema import devices, employees, ledger, sign_ins
from sync.personal_data import (
    DeviceSignIn,
    EmployeeRecord,
    LedgerRecord,
    PersonalDataExport,
    SessionCounts,
    public_payload,
)


def may_export(conn: Connection, caller: Caller, number: str) -> bool:
    """Whether `caller` may export `number`'s data; False too when there is no such employee."""
    if caller.kind != "employee" or caller.employee is None:
        return False
    row = conn.execute(select(employees.c.manager).where(employees.c.number == number)).first()
    if row is None:
        return False
    if caller.role == "admin" or caller.employee == number:
        return True
    return caller.role == "manager" and row.manager == caller.employee


def session_counts(sessions_file: Path, tenant: str, number: str, now: datetime) -> SessionCounts:
    """Live sign-ins and access tokens of the employee, read from the session store's file.

    Read-only and on its own connection, so an export never waits on or
    disturbs the store's writers; no file yet means no sessions.
    """
    if not sessions_file.exists():
        return SessionCounts(sign_ins=0, access_tokens=0)
    stamp = now.timestamp()
    uri = f"{sessions_file.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, timeout=10)) as conn:
        families = conn.execute(
            "SELECT count(*) FROM refresh_families"
            " WHERE tenant = ? AND employee = ? AND revoked = 0 AND expires_at > ?",
            (tenant, number, stamp),
        ).fetchone()[0]
        access = conn.execute(
            "SELECT count(*) FROM access_tokens WHERE tenant = ? AND employee = ? AND expires_at > ?",
            (tenant, number, stamp),
        ).fetchone()[0]
    return SessionCounts(sign_ins=int(families), access_tokens=int(access))


def personal_export(
    engine: Engine, sessions_file: Path, tenant: str, number: str, now: datetime | None = None
) -> PersonalDataExport | None:
    """The export of `number`, or None when the tenant has no such employee."""
    now = now or datetime.now(UTC)
    with engine.connect() as conn:
        person = conn.execute(select(employees).where(employees.c.number == number)).mappings().first()
        if person is None:
            return None
        signed = conn.execute(
            select(
                sign_ins.c.device_id,
                sign_ins.c.first_at,
                devices.c.kind,
                devices.c.name,
                devices.c.active,
                devices.c.enrolled_at,
            )
            .select_from(sign_ins.outerjoin(devices, devices.c.id == sign_ins.c.device_id))
            .where(sign_ins.c.employee == number)
            .order_by(sign_ins.c.first_at, sign_ins.c.device_id)
        ).all()
        events = conn.execute(
            select(ledger).where(ledger.c.employee == number).order_by(ledger.c.seq)
        ).mappings()
        records = [
            LedgerRecord(
                seq=row["seq"],
                id=row["id"],
                type=row["type"],
                recorded_at=datetime.fromisoformat(row["recorded_at"]),
                device_id=row["device_id"],
                payload=public_payload(json.loads(row["payload"])),
            )
            for row in events
        ]
    return PersonalDataExport(
        tenant=tenant,
        employee=EmployeeRecord(
            number=person["number"],
            role=person["role"],
            first_name=person["first_name"],
            last_name=person["last_name"],
            manager=person["manager"],
            active=bool(person["active"]),
            password_set=person["password_hash"] is not None,
            pin_set=person["pin_hash"] is not None,
            badge_set=person["badge_hash"] is not None,
        ),
        devices=[
            DeviceSignIn(
                device_id=row.device_id,
                kind=row.kind,
                name=row.name,
                active=None if row.active is None else bool(row.active),
                enrolled_at=row.enrolled_at,
                first_signed_in_at=row.first_at,
            )
            for row in signed
        ],
        events=records,
        sessions=session_counts(sessions_file, tenant, number, now),
        exported_at=now,
    )
