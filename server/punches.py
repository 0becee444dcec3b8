"""Applying pushed mutations and serving pulls, for one tenant (no HTTP here).

Push: each mutation is applied at most once and answered on its own, so one
that is refused never blocks the ones after it. Pull: only what the caller's role
may see; names never leave the server for a pseudonymised tenant.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, insert, select

from server import ledger
from server.deps import Caller
from server.schema import employees, mutations
from server.schema import ledger as ledger_table
from server.tenants import write_transaction
from sync.protocol import Event, Mutation, MutationResult, mutation_digest

DIRECTORY_FOR_DEVICES = ("number", "first_name", "last_name", "active", "pin_verifier", "badge_hash")


def _caller_refusal(caller: Caller, mutation: Mutation) -> str | None:
    if caller.kind == "employee" and mutation.payload.employee != caller.employee:
        return "not allowed: an employee may only punch for themselves"
    if caller.kind == "device" and caller.device_kind != "kiosk":
        return "not allowed: only a kiosk punches with its device credential"
    return None


class _Batch:
    """What the database already knows about one batch, read in three queries."""

    def __init__(self, conn: Connection, batch: list[Mutation]) -> None:
        ids = [m.id for m in batch]
        numbers = {m.payload.employee for m in batch}
        punch_ids = [m.payload.id for m in batch]
        self.seen: dict[str, dict[str, Any]] = {
            row["id"]: dict(row)
            for row in conn.execute(select(mutations).where(mutations.c.id.in_(ids))).mappings()
        }
        self.active: set[str] = set(
            conn.execute(
                select(employees.c.number).where(employees.c.number.in_(numbers), employees.c.active)
            ).scalars()
        )
        self.recorded: set[str] = set(
            conn.execute(select(ledger_table.c.id).where(ledger_table.c.id.in_(punch_ids))).scalars()
        )


def _replay(seen: dict[str, Any], digest: str, mutation_id: str) -> MutationResult:
    if seen["digest"] != digest:
        return MutationResult(
            id=mutation_id, status="rejected", reason="this mutation id was already used for other content"
        )
    if seen["status"] == "accepted":
        return MutationResult(id=mutation_id, status="duplicate", seq=seen["seq"])
    return MutationResult(id=mutation_id, status="rejected", reason=seen["reason"])


def push(engine: Engine, caller: Caller, batch: list[Mutation]) -> list[MutationResult]:
    """Apply a batch in one transaction: each mutation at most once, each answered alone.

    A refused mutation is answered `rejected` and the ones after it go on. The
    whole batch is read in three queries and written in two, with one fsync:
    per-row statements cost ten times as much (benchmarks/push_throughput.py).
    """
    results: list[MutationResult] = []
    ledger_rows: list[dict[str, Any]] = []
    mutation_rows: list[dict[str, Any]] = []
    recorded_at = ledger.now_text()
    with write_transaction(engine) as conn:
        known = _Batch(conn, batch)
        link = ledger.last_link(conn)
        for mutation in batch:
            digest = mutation_digest(mutation)
            if mutation.id in known.seen:
                results.append(_replay(known.seen[mutation.id], digest, mutation.id))
                continue
            reason = _caller_refusal(caller, mutation)
            if reason is None and mutation.payload.employee not in known.active:
                reason = "unknown or inactive employee"
            if reason is None and mutation.payload.id in known.recorded:
                reason = "this punch is already recorded under another mutation id"
            seq = None
            if reason is None:
                row = ledger.chained_row(
                    link,
                    id=mutation.payload.id,
                    type=mutation.type,
                    employee=mutation.payload.employee,
                    device_id=caller.device_id,
                    payload={**mutation.payload.model_dump(mode="json"), "mutation": mutation.id},
                    recorded_at=recorded_at,
                )
                ledger_rows.append(row)
                link = (row["seq"], row["hash"])
                seq = row["seq"]
                known.recorded.add(mutation.payload.id)
            status: Literal["accepted", "rejected"] = "accepted" if seq is not None else "rejected"
            record = {"id": mutation.id, "digest": digest, "status": status, "reason": reason, "seq": seq}
            mutation_rows.append(record)
            known.seen[mutation.id] = record
            results.append(MutationResult(id=mutation.id, status=status, reason=reason, seq=seq))
        if ledger_rows:
            conn.execute(insert(ledger_table), ledger_rows)
        if mutation_rows:
            conn.execute(insert(mutations), mutation_rows)
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
