"""Applying pushed mutations and serving pulls, for one tenant (no HTTP here).

Push: each mutation is applied at most once and answered on its own, so one
that is refused never blocks the ones after it. The rules for punches are
here; those for approvals and corrections, and the week locks they make, in
server.decisions. Pull: only what the caller's role may see; names never leave
the server for a pseudonymised tenant.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, Engine, func, insert, select

from server import ledger
from server.decisions import Decisions
from server.deps import Caller
from server.schema import devices, employees, mutations, sign_ins
from server.schema import ledger as ledger_table
from server.tenants import write_transaction
from sync.protocol import AnyMutation, Event, MutationResult, PunchMutation, mutation_digest

DIRECTORY_FOR_DEVICES = ("number", "role", "first_name", "last_name", "active", "pin_verifier", "badge_hash")
# A revoked device's last punches count if made before the revocation, give or take its clock.
REVOKED_CLOCK_SKEW = timedelta(minutes=2)


def _caller_refusal(caller: Caller, mutation: PunchMutation, signed_in_here: set[str]) -> str | None:
    """Who may push a punch for whom.

    An employee pushes their own; a kiosk, with its device credential, anyone's;
    a desktop device, with its own credential, only the punches of employees
    who signed in on it: what was left in its outbox when a session ended.
    """
    number = mutation.payload.employee
    if caller.kind == "employee" and number != caller.employee:
        return "not allowed: an employee may only punch for themselves"
    if caller.kind == "device" and caller.device_kind != "kiosk" and number not in signed_in_here:
        return "not allowed: this device may only send punches of employees who signed in on it"
    return None


def _revoked_refusal(known: _Batch, mutation: AnyMutation) -> str | None:
    """A revoked device delivers only punches, and only those made before it was revoked."""
    if known.revoked_at is None:
        return None
    if not isinstance(mutation, PunchMutation):
        return "not allowed: this device was removed by the administrator"
    if mutation.payload.at > known.revoked_at + REVOKED_CLOCK_SKEW:
        return "made after this device was removed by the administrator"
    return None


def _inactive_refusal(known: _Batch, mutation: PunchMutation) -> str | None:
    """An inactive employee's punch is kept only if made before they were deactivated."""
    number = mutation.payload.employee
    if number in known.active:
        return None
    ended = known.deactivated.get(number)
    if ended is None or mutation.payload.at > ended:
        return "unknown or inactive employee"
    return None


class _Batch:
    """What the database already knows about one batch, read in three queries."""

    def __init__(self, conn: Connection, caller: Caller, batch: Sequence[AnyMutation]) -> None:
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
        self.signed_in_here: set[str] = set()
        if caller.kind == "device" and caller.device_kind != "kiosk":
            self.signed_in_here = set(
                conn.execute(
                    select(sign_ins.c.employee).where(
                        sign_ins.c.device_id == caller.device_id, sign_ins.c.employee.in_(numbers)
                    )
                ).scalars()
            )
        self.deactivated = {n: t for n in numbers - self.active if (t := _deactivated_at(conn, n))}
        self.revoked_at: datetime | None = None  # set only for a revoked device's farewell token
        if caller.kind == "device":
            revoked = conn.execute(
                select(devices.c.revoked_at).where(
                    devices.c.id == caller.device_id, devices.c.active.is_(False)
                )
            ).scalar()
            self.revoked_at = datetime.fromisoformat(revoked) if revoked else None


def _deactivated_at(conn: Connection, number: str) -> datetime | None:
    """When the employee's latest directory event made them inactive; None if it did not."""
    row = conn.execute(
        select(ledger_table.c.payload, ledger_table.c.recorded_at)
        .where(ledger_table.c.type == "employee", ledger_table.c.employee == number)
        .order_by(ledger_table.c.seq.desc())
        .limit(1)
    ).first()
    if row is None or json.loads(row.payload).get("active", True):
        return None
    return datetime.fromisoformat(row.recorded_at)


def _recorded_refusal(known: _Batch, mutation: AnyMutation) -> str | None:
    """An event id is recorded once, whatever mutation carries it."""
    if mutation.payload.id in known.recorded:
        return f"this {mutation.type} is already recorded under another mutation id"
    return None


def _replay(seen: dict[str, Any], digest: str, mutation_id: str) -> MutationResult:
    if seen["digest"] != digest:
        return MutationResult(
            id=mutation_id, status="rejected", reason="this mutation id was already used for other content"
        )
    if seen["status"] == "accepted":
        return MutationResult(id=mutation_id, status="duplicate", seq=seen["seq"])
    return MutationResult(id=mutation_id, status="rejected", reason=seen["reason"])


def push(engine: Engine, caller: Caller, batch: Sequence[AnyMutation]) -> list[MutationResult]:
    """Apply a batch in one transaction: each mutation at most once, each answered alone.

    A refused mutation is answered `rejected` and the ones after it go on. A
    batch of punches is read in four queries (the fourth: its week locks) and
    written in two, with one fsync: per-row statements cost ten times as much
    (benchmarks/push_throughput.py). Approvals and corrections (server.decisions)
    read what they refer to one by one, after the batch's earlier rows are written.
    """
    results: list[MutationResult] = []
    ledger_rows: list[dict[str, Any]] = []
    mutation_rows: list[dict[str, Any]] = []
    recorded_at = ledger.now_text()
    with write_transaction(engine) as conn:
        known = _Batch(conn, caller, batch)
        rules = Decisions(conn, caller, {m.payload.employee for m in batch})
        link = ledger.last_link(conn)
        for mutation in batch:
            digest = mutation_digest(mutation)
            if mutation.id in known.seen:
                results.append(_replay(known.seen[mutation.id], digest, mutation.id))
                continue
            if isinstance(mutation, PunchMutation):
                reason = (
                    _caller_refusal(caller, mutation, known.signed_in_here)
                    or _revoked_refusal(known, mutation)
                    or _inactive_refusal(known, mutation)
                    or _recorded_refusal(known, mutation)
                    or rules.punch_refusal(mutation)
                )
            else:
                if ledger_rows:  # so that the decision's reads see this batch's earlier events
                    conn.execute(insert(ledger_table), ledger_rows)
                    ledger_rows.clear()
                reason = (
                    _revoked_refusal(known, mutation)
                    or rules.refusal(mutation)
                    or _recorded_refusal(known, mutation)
                )
            seq = None
            if reason is None:
                if isinstance(mutation, PunchMutation):
                    payload = {**mutation.payload.model_dump(mode="json"), "mutation": mutation.id}
                else:
                    payload = rules.ledger_payload(mutation)
                row = ledger.chained_row(
                    link,
                    id=mutation.payload.id,
                    type=mutation.type,
                    employee=mutation.payload.employee,
                    device_id=caller.device_id,
                    payload=payload,
                    recorded_at=recorded_at,
                )
                ledger_rows.append(row)
                link = (row["seq"], row["hash"])
                seq = row["seq"]
                known.recorded.add(mutation.payload.id)
                if not isinstance(mutation, PunchMutation):
                    rules.accepted(mutation)
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
    engine: Engine, caller: Caller, after: int, limit: int, pseudonymised: bool, *, count: bool = False
) -> tuple[list[Event], int, bool, int | None]:
    """(events, next cursor, more to come, how many this caller may read after `after` if `count`)."""
    if caller.kind == "device" and caller.device_kind != "kiosk":
        # a desktop's own credential only delivers leftovers; it reads nothing
        return [], after, False, 0 if count else None
    with engine.connect() as conn:
        query = select(ledger_table).where(ledger_table.c.seq > after)
        if caller.kind == "device":
            query = query.where(ledger_table.c.type == "employee")
        visible = _visible_employees(conn, caller)
        if visible is not None:
            query = query.where(ledger_table.c.employee.in_(visible))
        rows = conn.execute(query.order_by(ledger_table.c.seq).limit(limit + 1)).mappings().all()
        remaining: int | None = None
        if count:
            remaining = (
                len(rows)
                if len(rows) <= limit
                else conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            )
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
    return events, rows[-1]["seq"] if rows else after, more, remaining
