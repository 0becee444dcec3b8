"""Corrections over real TLS: an employee asks, their manager approves, the original punch stays."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from tests.integration.server.harness import Api, ServerProcess, punch_mutation
from tests.integration.server.test_approvals_over_tls import (
    IN_WEEK,
    PASSWORD,
    approval_mutation,
    correction_mutation,
    pulled_events,
    pushed,
    verify_passes,
    week_ids,
)
from tests.integration.server.test_approvals_over_tls import teams as teams  # the fixture


def ledger_row(server: ServerProcess, tenant: str, event_id: str) -> tuple[Any, ...] | None:
    with sqlite3.connect(server.data / "tenants" / f"{tenant}.sqlite") as db:
        row: tuple[Any, ...] | None = db.execute("SELECT * FROM ledger WHERE id = ?", (event_id,)).fetchone()
        return row


def test_a_correction_asked_and_approved_leaves_the_original_punch_untouched(
    tenant_server: ServerProcess, teams: str, signed_in: Callable[..., Api]
) -> None:
    employee = signed_in(teams, "3001", PASSWORD)
    manager = signed_in(teams, "3000", PASSWORD)
    late = punch_mutation("3001", "in", at=IN_WEEK + timedelta(minutes=40))
    pushed(employee, late)
    original = ledger_row(tenant_server, teams, late["payload"]["id"])

    asked = correction_mutation(
        "3001", at=IN_WEEK, target=late["payload"]["id"], reason="Bussen var sein; '; DROP TABLE ledger;-- 🚌"
    )
    [request] = pushed(employee, asked)
    assert request["status"] == "accepted", request
    [alone] = pushed(
        employee, correction_mutation("3001", "approve", at=IN_WEEK, request=asked["payload"]["id"])
    )
    assert (alone["status"], alone["reason"]) == ("rejected", "not allowed: you do not manage this employee")

    decision = correction_mutation("3001", "approve", at=IN_WEEK, request=asked["payload"]["id"], reason="ok")
    [approved] = pushed(manager, decision)
    assert approved["status"] == "accepted", approved
    [twice] = pushed(
        manager, correction_mutation("3001", "reject", at=IN_WEEK, request=asked["payload"]["id"])
    )
    assert (twice["status"], twice["reason"]) == ("rejected", "this correction request is already decided")

    assert ledger_row(tenant_server, teams, late["payload"]["id"]) == original
    corrections = {e["id"]: e for e in pulled_events(employee) if e["type"] == "correction"}
    assert set(corrections) == {asked["payload"]["id"], decision["payload"]["id"]}
    assert corrections[asked["payload"]["id"]]["payload"]["reason"] == asked["payload"]["reason"]
    assert corrections[asked["payload"]["id"]]["payload"]["by"] == "3001"
    assert corrections[decision["payload"]["id"]]["payload"]["by"] == "3000"

    # The week's digest covers the punch and both correction events; once approved, it is locked.
    seen = week_ids(manager, "3001")
    assert len(seen) == 3
    assert pushed(manager, approval_mutation("3001", seen=seen))[0]["status"] == "accepted"
    [locked] = pushed(employee, correction_mutation("3001", at=IN_WEEK, reason="one more"))
    assert locked["reason"] == "locked: week 2026-W48 is approved; ask your manager to reopen it"
    verify_passes(tenant_server, teams)
