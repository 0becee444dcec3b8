"""`GET /t/{tenant}/v1/export?employee=N`: everything about one employee, to whom may see it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from server import admin
from sync.personal_data import PersonalDataExport
from tests.unit.server.conftest import OTHER, TENANT, Device, Server


def punch(employee: str, note: str) -> dict[str, Any]:
    at = datetime.now(UTC).isoformat()
    return {
        "id": str(uuid.uuid4()),
        "type": "punch",
        "payload": {
            "id": str(uuid.uuid4()),
            "employee": employee,
            "kind": "in",
            "at": at,
            "zone": "Europe/Oslo",
            "device_clock": at,
            "note": note,
        },
    }


def export_of(device: Device, number: str) -> Any:
    return device.call("GET", f"/export?employee={number}")


def test_an_employee_exports_themselves_without_any_secret(staff: Server) -> None:
    admin.set_badge(staff.registry, TENANT, "1001", "BADGE-0042")
    me = staff.signed_in("1001")
    assert me.call("POST", "/sync/push", json={"mutations": [punch("1001", "kom tidlig")]}).status_code == 200

    answer = export_of(me, "1001")

    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    export = PersonalDataExport.model_validate_json(answer.content)
    assert export.employee.first_name == "Per"
    assert export.employee.manager == "1000"
    assert (export.employee.password_set, export.employee.pin_set, export.employee.badge_set) == (
        True,
        True,
        True,
    )
    assert [e.type for e in export.events] == ["employee", "employee", "punch"]
    assert export.events[-1].payload["note"] == "kom tidlig"
    assert [d.device_id for d in export.devices] == [me.device_id]
    assert export.sessions.sign_ins == 1
    assert export.sessions.access_tokens >= 1
    for secret in ("pin_verifier", "badge_hash", "password_hash", "pin_hash", "$argon2", "BADGE-0042"):
        assert secret not in answer.text


def test_a_manager_exports_their_team_and_an_admin_anyone(staff: Server) -> None:
    staff.user("9000", "admin")
    manager, boss = staff.signed_in("1000"), staff.signed_in("9000")
    assert export_of(manager, "1001").status_code == 200
    assert export_of(manager, "1000").status_code == 200
    assert export_of(boss, "1002").status_code == 200
    assert export_of(boss, "1000").status_code == 200


@pytest.mark.parametrize(
    ("caller", "number"),
    [("1001", "1002"), ("1001", "1000"), ("1000", "1002"), ("1002", "1001")],
)
def test_anyone_else_gets_the_answer_of_an_unknown_employee(staff: Server, caller: str, number: str) -> None:
    device = staff.signed_in(caller)
    refused, unknown = export_of(device, number), export_of(device, "9999")
    assert refused.status_code == unknown.status_code == 404
    assert refused.json() == unknown.json()


def test_a_kiosk_credential_exports_nobody(staff: Server) -> None:
    kiosk = staff.device("kiosk")
    assert kiosk.login_device().status_code == 200
    assert export_of(kiosk, "1001").status_code == 404


def test_a_token_of_another_tenant_gets_nothing(staff: Server) -> None:
    outsider = staff.signed_in("1001", tenant=OTHER)
    answer = outsider.call("GET", "/export?employee=1001", tenant=TENANT)
    assert answer.status_code in (401, 404)
    assert "Per" not in answer.text


def test_without_a_token_there_is_no_export(staff: Server) -> None:
    device = staff.device()
    assert export_of(device, "1001").status_code == 401
