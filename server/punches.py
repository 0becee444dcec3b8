"""Applying pushed mutations and serving pulls, for one tenant (no HTTP here).

Push: each mutation is applied at most once, in its own savepoint, so one
that fails never blocks the ones after it. Pull: only what the caller's role
may see; names never leave the server for a pseudonymised tenant.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from server import ledger
from server.deps import Caller
from server.schema import employees, mutations
from server.schema import ledger as ledger_table
from sync.protocol import Event, Mutation, MutationResult, mutation_digest

DIRECTORY_FOR_DEVICES = ("number", "first_name", "last_name", "active", "pin_verifier", "badge_hash")


def now_text() -> str:
    return datetime.now(UTC).isoformat()


def _refusal(conn: Connection, caller: Caller, mutation: Mutation) -> str | None:
    """Why this caller may not record this punch, or None if it may."""
    punch = mutation.payload
    if caller.kind == "employee" and punch.employee != caller.employee:
        return "not allowed: an employee may only punch for themselves"
    if caller.kind == "device" and caller.device_kind != "kiosk":
        return "not allowed: only a kiosk punches with its device credential"
    active = conn.execute(select(employees.c.active).where(employees.c.number == punch.employee)).scalar()
    if not active:
        return "unknown or inactive employee"
    if conn.execute(select(ledger_table.c.seq).where(ledger_table.c.id == punch.id)).first():
        return "this punch is already recorded under another mutation id"
    return None


def apply_mutation(conn: Connection, caller: Caller, mutation: Mutation) -> MutationResult:
    digest = mutation_digest(mutation)
    seen = conn.execute(select(mutations).where(mutations.c.id == mutation.id)).mappings().first()
    if seen is not None:
        if seen["digest"] != digest:
            return MutationResult(
                id=mutation.id,
                status="rejected",
                reason="this mutation id was already used for other content",
            )
        if seen["status"] == "accepted":
            return MutationResult(id=mutation.id, status="duplicate", seq=seen["seq"])
        return MutationResult(id=mutation.id, status="rejected", reason=seen["reason"])
    reason = _refusal(conn, caller, mutation)
    seq = None
    if reason is None:
        payload = {**mutation.payload.model_dump(mode="json"), "mutation": mutation.id}
        seq = ledger.append(
            conn,
            id=mutation.payload.id,
            type=mutation.type,
            employee=mutation.payload.employee,
            device_id=caller.device_id,
            payload=payload,
            recorded_at=now_text(),
        )
    conn.execute(
        insert(mutations).values(
            id=mutation.id,
            digest=digest,
            status="accepted" if seq else "rejected",
            reason=reason,
            seq=seq,
        )
    )
    if seq is None:
        return MutationResult(id=mutation.id, status="rejected", reason=reason)
    return MutationResult(id=mutation.id, status="accepted", seq=seq)


def push(engine: Engine, caller: Caller, batch: list[Mutation]) -> list[MutationResult]:
    results: list[MutationResult] = []
    with engine.begin() as conn:
        for mutation in batch:
            savepoint = conn.begin_nested()
            try:
                results.append(apply_mutation(conn, caller, mutation))
                savepoint.commit()
            except Exception:  # this mutation fails alone; the batch goes on
                savepoint.rollback()
                results.append(
                    MutationResult(id=mutation.id, status="rejected", reason="could not be applied")
                )
    return results


def _visible_employees(conn: Connection, caller: Caller) -> list[str] | None:
    """Employee numbers whose rows the caller may see; None means all of them."""
    if caller.kind == "device" or caller.role == "admin":
        return None
    assert caller.employee is not None
    if caller.role == "manager":
        team = conn.execute(
            select(employees.c.number).where(employees.c.manager == caller.employee)
        ).scalars()
        return [caller.employee, *team]
    return [caller.employee]


def _shown_payload(
    event_type: str, payload: dict[str, Any], caller: Caller, pseudonymised: bool
) -> dict[str, Any]:
    if event_type != "employee":
        return payload
    if caller.kind == "device":
        shown = {k: payload.get(k) for k in DIRECTORY_FOR_DEVICES}
    else:
        shown = {k: v for k, v in payload.items() if k not in ("pin_verifier", "badge_hash")}
    if pseudonymised:
        shown.pop("first_name", None)
        shown.pop("last_name", None)
    return shown


def pull(
    engine: Engine, caller: Caller, after: int, limit: int, pseudonymised: bool
) -> tuple[list[Event], int, bool]:
    with engine.connect() as conn:
        query = select(ledger_table).where(ledger_table.c.seq > after)
        if caller.kind == "device":
            query = query.where(ledger_table.c.type == "employee")
        visible = _visible_employees(conn, caller)
        if visible is not None:
            query = query.where(ledger_table.c.employee.in_(visible))
        rows = conn.execute(query.order_by(ledger_table.c.seq).limit(limit + 1)).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    events = [
        Event(
            seq=row["seq"],
            id=row["id"],
            type=row["type"],
            employee=row["employee"],
            payload=_shown_payload(row["type"], json.loads(row["payload"]), caller, pseudonymised),
            recorded_at=datetime.fromisoformat(row["recorded_at"]),
        )
        for row in rows
    ]
    return events, rows[-1]["seq"] if rows else after, more
