"""What the `stempel-server` admin commands do to a tenant (no HTTP here).

Every change to an employee appends a directory event (`type="employee"`) to
the tenant ledger in the same transaction, so devices pull the directory like
any other change: a kiosk learns of a new PIN verifier or a revoked employee
at its next sync. Changes that take rights away (revoke, deactivate, role
change) also end the person's or device's sessions in the session store: the
next refresh gets `invalid_grant` and the next call 401.

The listings (`users`, `devices`) say whether a password, PIN or badge is set,
never the hash or digest itself.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from server import ledger
from server.passwords import hash_secret
from server.schema import devices, employees, enrollment_codes
from server.schema import ledger as ledger_table
from server.sessions import SessionStore
from server.tenants import TenantRegistry, write_transaction
from sync.protocol import badge_digest

ROLES = ("employee", "manager", "admin")
DEVICE_KINDS = ("desktop", "kiosk")
CODE_LIFETIME = timedelta(hours=24)
MAX_NUMBER = 64


class AdminError(Exception):
    """A refused admin command; the message is shown to the admin as is."""


def _secret_hash(text: str, what: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise AdminError(f"the {what} is not valid text") from None
    return hash_secret(text)


def _directory_event(conn: Connection, number: str) -> None:
    """Append the employee's current directory entry to the ledger (in the caller's transaction)."""
    row = conn.execute(select(employees).where(employees.c.number == number)).mappings().one()
    payload: dict[str, Any] = {
        "number": row["number"],
        "role": row["role"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "manager": row["manager"],
        "active": bool(row["active"]),
        "pin_verifier": row["pin_hash"],
        "badge_hash": row["badge_hash"],
    }
    ledger.append(
        conn,
        id=str(uuid.uuid4()),
        type="employee",
        employee=number,
        device_id=None,
        payload=payload,
        recorded_at=ledger.now_text(),
    )


def add_user(
    registry: TenantRegistry,
    tenant: str,
    number: str,
    role: str,
    password: str,
    pin: str | None = None,
    first_name: str = "",
    last_name: str = "",
    manager: str | None = None,
) -> None:
    if not number or len(number) > MAX_NUMBER:
        raise AdminError(f"an employee number is 1 to {MAX_NUMBER} characters")
    if role not in ROLES:
        raise AdminError(f"a role is one of {', '.join(ROLES)}")
    if not password:
        raise AdminError("a password is required")
    password_hash = _secret_hash(password, "password")
    pin_hash = _secret_hash(pin, "PIN") if pin else None
    engine = registry.engine(tenant)
    with registry.write_lock(tenant), write_transaction(engine) as conn:
        # Write first, so the transaction holds SQLite's write lock before it reads anything.
        try:
            conn.execute(
                insert(employees).values(
                    number=number,
                    role=role,
                    first_name=first_name,
                    last_name=last_name,
                    manager=manager,
                    active=True,
                    password_hash=password_hash,
                    pin_hash=pin_hash,
                    badge_hash=None,
                )
            )
        except IntegrityError:
            raise AdminError(f"employee {number} already exists in {tenant}") from None
        if (
            manager is not None
            and conn.execute(select(employees.c.number).where(employees.c.number == manager)).first() is None
        ):
            raise AdminError(f"no manager {manager} in {tenant}: add them first")
        _directory_event(conn, number)


def _change_employee(
    registry: TenantRegistry,
    sessions: SessionStore | None,
    tenant: str,
    number: str,
    **values: Any,
) -> None:
    engine = registry.engine(tenant)
    with registry.write_lock(tenant), write_transaction(engine) as conn:
        changed = conn.execute(update(employees).where(employees.c.number == number).values(**values))
        if changed.rowcount != 1:
            raise AdminError(f"no employee {number} in {tenant}")
        _directory_event(conn, number)
    if sessions is not None:
        sessions.revoke_employee(tenant, number)


def revoke_user(registry: TenantRegistry, sessions: SessionStore, tenant: str, number: str) -> None:
    """Deactivate an employee and end their sessions; what they already pushed stays."""
    _change_employee(registry, sessions, tenant, number, active=False)


def set_active(
    registry: TenantRegistry,
    sessions: SessionStore,
    tenant: str,
    number: str,
    active: bool,
) -> None:
    """Reactivate (sessions are not restored: they sign in again) or deactivate an employee."""
    _change_employee(registry, sessions, tenant, number, active=active)


def set_role(registry: TenantRegistry, sessions: SessionStore, tenant: str, number: str, role: str) -> None:
    """Change a role; the employee's sessions end, so no token carries the old rights."""
    if role not in ROLES:
        raise AdminError(f"a role is one of {', '.join(ROLES)}")
    _change_employee(registry, sessions, tenant, number, role=role)


def set_password(
    registry: TenantRegistry,
    sessions: SessionStore,
    tenant: str,
    number: str,
    password: str,
) -> None:
    """A new password ends the employee's sessions on every device."""
    if not password:
        raise AdminError("a password is required")
    engine = registry.engine(tenant)
    password_hash = _secret_hash(password, "password")
    with registry.write_lock(tenant), write_transaction(engine) as conn:
        changed = conn.execute(
            update(employees).where(employees.c.number == number).values(password_hash=password_hash)
        )
        if changed.rowcount != 1:
            raise AdminError(f"no employee {number} in {tenant}")
    sessions.revoke_employee(tenant, number)


def set_pin(registry: TenantRegistry, tenant: str, number: str, pin: str | None) -> None:
    """A new kiosk PIN (None removes it); kiosks get the new verifier at their next pull."""
    pin_hash = _secret_hash(pin, "PIN") if pin else None
    _change_employee(registry, None, tenant, number, pin_hash=pin_hash)


def set_badge(registry: TenantRegistry, tenant: str, number: str, badge: str | None) -> None:
    """Register a badge id (None removes it); only its digest is stored and sent to kiosks."""
    badge = badge.strip() if badge else None
    if badge is not None and ("\0" in badge or len(badge) > 128):
        raise AdminError("a badge id is at most 128 characters of text")
    digest = badge_digest(tenant, badge) if badge else None
    _change_employee(registry, None, tenant, number, badge_hash=digest)


def device_code(registry: TenantRegistry, tenant: str, kind: str, now: datetime) -> str:
    """A one-time enrollment code (140 random bits), valid 24 hours; only its sha256 is stored.

    Base32 in groups of four: an admin reads it out or types it, and it never
    starts with "-", which a command line would take for an option.
    """
    if kind not in DEVICE_KINDS:
        raise AdminError(f"a device kind is one of {', '.join(DEVICE_KINDS)}")
    if now.tzinfo is None:
        raise AdminError("the time must carry a zone")
    raw = base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")[:28]
    code = "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
    engine = registry.engine(tenant)
    with registry.write_lock(tenant), write_transaction(engine) as conn:
        conn.execute(
            insert(enrollment_codes).values(
                code_hash=hashlib.sha256(code.encode()).hexdigest(),
                kind=kind,
                expires_at=(now + CODE_LIFETIME).astimezone(UTC).isoformat(),
                used_by=None,
            )
        )
    return code


def revoke_device(
    registry: TenantRegistry, sessions: SessionStore, tenant: str, device_id: str, *, lost: bool = False
) -> None:
    """Deactivate a device and end every session on it; a revoked device must be enrolled anew.

    The time of the first revocation is kept: until the device reports itself
    wiped (for at most FAREWELL_DAYS), it may still deliver the punches made
    before then (server.routes.auth). A `lost` device (stolen, gone) gets no
    farewell: it is taken as wiped at once and delivers nothing more.
    """
    engine = registry.engine(tenant)
    revoked_at = datetime.now(UTC).isoformat()
    with registry.write_lock(tenant), write_transaction(engine) as conn:
        changed = conn.execute(update(devices).where(devices.c.id == device_id).values(active=False))
        if changed.rowcount != 1:
            raise AdminError(f"no device {device_id} in {tenant}")
        conn.execute(  # a second revocation keeps the first one's time
            update(devices)
            .where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
            .values(revoked_at=revoked_at)
        )
        if lost:
            conn.execute(
                update(devices)
                .where(devices.c.id == device_id, devices.c.wiped_at.is_(None))
                .values(wiped_at=revoked_at)
            )
    sessions.revoke_device(tenant, device_id)


def _number_order(number: str) -> tuple[int, int, str]:
    return (0, int(number), number) if number.isascii() and number.isdigit() else (1, 0, number)


def users(registry: TenantRegistry, tenant: str) -> list[dict[str, Any]]:
    """Every employee of the tenant, in number order: who they are and what is set, no secret."""
    with registry.engine(tenant).connect() as conn:
        rows = conn.execute(select(employees)).mappings().all()
    listed = [
        {
            "number": row["number"],
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            "role": row["role"],
            "manager": row["manager"],
            "active": bool(row["active"]),
            "has_password": row["password_hash"] is not None,
            "has_pin": row["pin_hash"] is not None,
            "has_badge": row["badge_hash"] is not None,
        }
        for row in rows
    ]
    return sorted(listed, key=lambda user: _number_order(user["number"]))


def device_list(registry: TenantRegistry, tenant: str) -> list[dict[str, Any]]:
    """Every device ever enrolled, oldest first, with its state and its last delivered event.

    No time of last contact is recorded; `last_event_at` is when the server
    recorded the latest ledger event the device pushed (a punch, a correction,
    a decision), None if it pushed none or retention deleted them. A `lost`
    revocation marks the device wiped at the moment of revocation.
    """
    with registry.engine(tenant).connect() as conn:
        rows = conn.execute(select(devices).order_by(devices.c.enrolled_at, devices.c.id)).mappings().all()
        query = (
            select(ledger_table.c.device_id, func.max(ledger_table.c.recorded_at))
            .where(ledger_table.c.device_id.is_not(None))
            .group_by(ledger_table.c.device_id)
        )
        last = {device_id: at for device_id, at in conn.execute(query)}
    return [
        {
            "id": row["id"],
            "kind": row["kind"],
            "name": row["name"],
            "enrolled_at": row["enrolled_at"],
            "last_event_at": last.get(row["id"]),
            "active": bool(row["active"]),
            "revoked_at": row["revoked_at"],
            "wiped_at": row["wiped_at"],
            "lost": row["revoked_at"] is not None and row["wiped_at"] == row["revoked_at"],
        }
        for row in rows
    ]
