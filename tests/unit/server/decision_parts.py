"""Builders for the approval and correction tests: a tenant with two teams, callers, mutations.

Team A: manager 1000 with 1001 and 1002. Team B: manager 2000 with 2001.
Admin 9000. The tenant's zone is Europe/Oslo; week 2026-W48 runs Monday 23
to Sunday 29 November 2026 there.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from server import admin, punches
from server.deps import Caller
from server.schema import ledger
from server.tenants import TenantRegistry
from sync.protocol import (
    NO_DIGEST,
    AnyMutation,
    ApprovalMutation,
    CorrectionMutation,
    MutationResult,
    PunchMutation,
    week_digest,
)

OSLO = ZoneInfo("Europe/Oslo")
TENANT = "acme"
WEEK, NEXT_WEEK = "2026-W48", "2026-W49"
IN_WEEK = datetime(2026, 11, 24, 8, 0, tzinfo=OSLO)  # Tuesday of 2026-W48
IN_NEXT_WEEK = datetime(2026, 12, 1, 8, 0, tzinfo=OSLO)  # Tuesday of 2026-W49
HOSTILE = [
    "'; DROP TABLE ledger;--",
    "nul\x00byte",
    "emoji 🕐👩🏽‍🔧 æøå",
    "x" * 2000,
]


def _caller(number: str, role: str) -> Caller:
    return Caller(
        tenant=TENANT,
        kind="employee",
        device_id=f"device-of-{number}",
        device_kind="desktop",
        employee=number,
        role=role,  # type: ignore[arg-type]
    )


MANAGER = _caller("1000", "manager")
EMPLOYEE = _caller("1001", "employee")
COLLEAGUE = _caller("1002", "employee")
OTHER_MANAGER = _caller("2000", "manager")
ADMIN = _caller("9000", "admin")
KIOSK = Caller(tenant=TENANT, kind="device", device_id="kiosk-1", device_kind="kiosk")
DESKTOP = Caller(tenant=TENANT, kind="device", device_id="desktop-1", device_kind="desktop")


def make_team(folder: Path) -> TenantRegistry:
    registry = TenantRegistry(folder)
    registry.create(TENANT)
    staff = [
        ("1000", "manager", None),
        ("1001", "employee", "1000"),
        ("1002", "employee", "1000"),
        ("2000", "manager", None),
        ("2001", "employee", "2000"),
        ("9000", "admin", None),
    ]
    for number, role, manager in staff:
        admin.add_user(registry, TENANT, number, role, f"passord-{number}", manager=manager)
    return registry


def punch(employee: str = "1001", at: datetime = IN_WEEK, kind: str = "in") -> PunchMutation:
    return PunchMutation.model_validate(
        {
            "id": str(uuid.uuid4()),
            "type": "punch",
            "payload": {
                "id": str(uuid.uuid4()),
                "employee": employee,
                "kind": kind,
                "at": at.isoformat(),
                "zone": "Europe/Oslo",
                "device_clock": at.isoformat(),
            },
        }
    )


def approval(
    employee: str = "1001",
    week: str = WEEK,
    decision: str = "approve",
    *,
    seen: Iterable[str] = (),
    covers: int | None = None,
    comment: str = "",
) -> ApprovalMutation:
    """A decision on the week, made over the event ids in `seen` (as a client that holds them)."""
    ids = list(seen)
    return ApprovalMutation.model_validate(
        {
            "id": str(uuid.uuid4()),
            "type": "approval",
            "payload": {
                "id": str(uuid.uuid4()),
                "employee": employee,
                "week": week,
                "decision": decision,
                "digest": NO_DIGEST if decision == "reopen" else week_digest(ids),
                "covers": len(ids) if covers is None else covers,
                "comment": comment,
                "made_at": datetime.now(UTC).isoformat(),
            },
        }
    )


def reopen(employee: str = "1001", week: str = WEEK) -> ApprovalMutation:
    return approval(employee, week, "reopen")


def correction(
    employee: str = "1001",
    action: str = "request",
    *,
    at: datetime = IN_WEEK + timedelta(minutes=5),
    target: str | None = None,
    request: str | None = None,
    kind: str | None = "in",
    reason: str = "forgot to clock in",
) -> CorrectionMutation:
    return CorrectionMutation.model_validate(
        {
            "id": str(uuid.uuid4()),
            "type": "correction",
            "payload": {
                "id": str(uuid.uuid4()),
                "employee": employee,
                "action": action,
                "request": request,
                "target": target,
                "kind": kind,
                "at": at.isoformat(),
                "reason": reason,
                "made_at": datetime.now(UTC).isoformat(),
            },
        }
    )


def decide(request: CorrectionMutation, action: str = "approve", reason: str = "") -> CorrectionMutation:
    """A manager's approve or reject of `request`, repeating its time as the protocol asks."""
    return correction(
        request.payload.employee,
        action,
        at=request.payload.at,
        request=request.payload.id,
        kind=None,
        reason=reason,
    )


def push(registry: TenantRegistry, caller: Caller, *batch: AnyMutation) -> list[MutationResult]:
    return punches.push(registry.engine(TENANT), caller, list(batch))


def push_one(registry: TenantRegistry, caller: Caller, mutation: AnyMutation) -> MutationResult:
    [result] = push(registry, caller, mutation)
    return result


def event_ids(*mutations: PunchMutation | CorrectionMutation) -> list[str]:
    return [m.payload.id for m in mutations]


def ledger_event(registry: TenantRegistry, event_id: str) -> dict[str, Any] | None:
    with registry.engine(TENANT).connect() as conn:
        row = conn.execute(select(ledger).where(ledger.c.id == event_id)).mappings().first()
    return None if row is None else {**row, "payload": json.loads(row["payload"])}


def statuses(results: Sequence[MutationResult]) -> list[str]:
    return [r.status for r in results]
