"""Week approvals over real TLS: a manager decides on what they pulled, the week locks, a reopen
opens it, a stale digest is a conflict in words, and the ledger's chain still holds."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sync.protocol import NO_DIGEST, event_week, week_digest
from tests.integration.server.harness import Api, ServerProcess, punch_mutation, server_cli

PASSWORD = "korrekt-hest-batteri"
OSLO = ZoneInfo("Europe/Oslo")  # the tenant's zone (the default)
WEEK = "2026-W48"
IN_WEEK = datetime(2026, 11, 24, 8, 0, tzinfo=OSLO)
LOCKED = "locked: week 2026-W48 is approved; ask your manager to reopen it"


@pytest.fixture
def teams(tenant_server: ServerProcess, new_tenant: Callable[..., str]) -> str:
    """Manager 3000 with 3001; manager 4000 with 4001."""
    tenant = new_tenant()
    for manager, member in (("3000", "3001"), ("4000", "4001")):
        tenant_server.user(tenant, manager, PASSWORD, "", "--role", "manager")
        tenant_server.user(tenant, member, PASSWORD, "", "--manager", manager)
    return tenant


def approval_mutation(
    employee: str, decision: str = "approve", *, seen: list[str] | None = None, comment: str = ""
) -> dict[str, Any]:
    ids = seen or []
    return {
        "id": str(uuid.uuid4()),
        "type": "approval",
        "payload": {
            "id": str(uuid.uuid4()),
            "employee": employee,
            "week": WEEK,
            "decision": decision,
            "digest": NO_DIGEST if decision == "reopen" else week_digest(ids),
            "covers": len(ids),
            "comment": comment,
            "made_at": datetime.now(UTC).isoformat(),
        },
    }


def correction_mutation(
    employee: str,
    action: str = "request",
    *,
    at: datetime,
    target: str | None = None,
    request: str | None = None,
    reason: str = "",
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "type": "correction",
        "payload": {
            "id": str(uuid.uuid4()),
            "employee": employee,
            "action": action,
            "request": request,
            "target": target,
            "kind": "in" if action == "request" else None,
            "at": at.isoformat(),
            "reason": reason,
            "made_at": datetime.now(UTC).isoformat(),
        },
    }


def pushed(api: Api, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
    response = api.push(list(mutations))
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def pulled_events(api: Api) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    after, more = 0, True
    while more:
        response = api.pull(after)
        assert response.status_code == 200, response.text
        body = response.json()
        events += body["events"]
        after, more = body["next_after"], body["has_more"]
    return events


def week_ids(api: Api, employee: str) -> list[str]:
    """What a manager's client holds for the employee's week: the pulled events that count in it."""
    return [
        e["id"]
        for e in pulled_events(api)
        if e["employee"] == employee and event_week(e["type"], e["payload"], OSLO) == WEEK
    ]


def verify_passes(server: ServerProcess, tenant: str) -> None:
    done = server_cli(server.data, "verify", "--tenant", tenant)
    assert done.returncode == 0, done.stderr


def ledger_types(server: ServerProcess, tenant: str) -> list[tuple[str, str, str]]:
    with sqlite3.connect(server.data / "tenants" / f"{tenant}.sqlite") as db:
        return db.execute("SELECT id, type, employee FROM ledger ORDER BY seq").fetchall()


def test_an_approved_week_locks_the_employees_punches_until_it_is_reopened(
    tenant_server: ServerProcess, teams: str, signed_in: Callable[..., Api]
) -> None:
    employee = signed_in(teams, "3001", PASSWORD)
    manager = signed_in(teams, "3000", PASSWORD)
    worked = [
        punch_mutation("3001", "in", at=IN_WEEK),
        punch_mutation("3001", "out", at=IN_WEEK + timedelta(hours=8)),
    ]
    assert [r["status"] for r in pushed(employee, *worked)] == ["accepted", "accepted"]

    decision = approval_mutation("3001", seen=week_ids(manager, "3001"), comment="fine week")
    [approved] = pushed(manager, decision)
    assert approved["status"] == "accepted", approved

    [late] = pushed(employee, punch_mutation("3001", "in", at=IN_WEEK + timedelta(days=1)))
    assert (late["status"], late["reason"]) == ("rejected", LOCKED)
    [next_week] = pushed(employee, punch_mutation("3001", "in", at=IN_WEEK + timedelta(days=7)))
    assert next_week["status"] == "accepted"
    approvals = [e for e in pulled_events(employee) if e["type"] == "approval"]
    assert [(e["id"], e["seq"], e["payload"]["by"]) for e in approvals] == [
        (decision["payload"]["id"], approved["seq"], "3000")
    ]
    assert approvals[0]["payload"]["comment"] == "fine week"

    assert pushed(manager, approval_mutation("3001", "reopen"))[0]["status"] == "accepted"
    [after_reopen] = pushed(employee, punch_mutation("3001", "in", at=IN_WEEK + timedelta(days=1)))
    assert after_reopen["status"] == "accepted"
    verify_passes(tenant_server, teams)


def test_a_manager_of_another_team_neither_approves_nor_pulls_the_employee(
    tenant_server: ServerProcess, teams: str, signed_in: Callable[..., Api]
) -> None:
    employee = signed_in(teams, "3001", PASSWORD)
    pushed(employee, punch_mutation("3001", at=IN_WEEK))
    stranger = signed_in(teams, "4000", PASSWORD)
    assert all(e["employee"] != "3001" or e["type"] == "employee" for e in pulled_events(stranger))
    for decision in ("approve", "reject", "reopen"):
        [result] = pushed(stranger, approval_mutation("3001", decision))
        assert (result["status"], result["reason"]) == (
            "rejected",
            "not allowed: you do not manage this employee",
        )
    assert [row for row in ledger_types(tenant_server, teams) if row[1] == "approval"] == []
    own_manager = signed_in(teams, "3000", PASSWORD)
    assert pushed(own_manager, approval_mutation("3001", seen=week_ids(own_manager, "3001")))[0][
        "status"
    ] == ("accepted")
    assert [e for e in pulled_events(stranger) if e["type"] == "approval"] == []
    verify_passes(tenant_server, teams)


def test_a_decision_made_before_two_more_punches_arrived_is_a_conflict_with_the_count(
    tenant_server: ServerProcess, teams: str, signed_in: Callable[..., Api]
) -> None:
    employee = signed_in(teams, "3001", PASSWORD)
    manager = signed_in(teams, "3000", PASSWORD)
    pushed(employee, punch_mutation("3001", "in", at=IN_WEEK))
    seen = week_ids(manager, "3001")  # the manager goes offline with this
    pushed(
        employee,
        punch_mutation("3001", "out", at=IN_WEEK + timedelta(hours=8)),
        punch_mutation("3001", "in", at=IN_WEEK + timedelta(days=1)),
    )
    [stale] = pushed(manager, approval_mutation("3001", seen=seen))
    assert (stale["status"], stale["reason"]) == (
        "rejected",
        "conflict: 2 entries arrived after you decided; the week is back for review",
    )
    [fresh] = pushed(manager, approval_mutation("3001", seen=week_ids(manager, "3001")))
    assert fresh["status"] == "accepted"
    verify_passes(tenant_server, teams)
