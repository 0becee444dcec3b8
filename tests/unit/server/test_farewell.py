"""A revoked device's farewell: a short token that may only push what the device held, then "wiped"."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
from sqlalchemy import select, update

from server import admin
from server.routes.auth import FAREWELL_TTL
from server.schema import devices
from server.tenants import TenantRegistry
from tests.unit.server.conftest import TENANT, Device, Server


def punch(employee: str, at: datetime, kind: str = "in") -> dict[str, Any]:
    return {
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


def push(device: Device, *mutations: dict[str, Any]) -> httpx2.Response:
    return device.call("POST", "/sync/push", json={"mutations": list(mutations)})


def revoke(staff: Server, device: Device) -> datetime:
    assert device.device_id is not None
    admin.revoke_device(staff.registry, staff.sessions, TENANT, device.device_id)
    with staff.registry.engine(TENANT).connect() as conn:
        revoked_at = conn.execute(
            select(devices.c.revoked_at).where(devices.c.id == device.device_id)
        ).scalar()
    return datetime.fromisoformat(str(revoked_at))


def farewell(device: Device) -> dict[str, Any]:
    answer = device.login_device()
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_a_revoked_desktop_gets_a_short_farewell_token_that_only_pushes(staff: Server) -> None:
    device = staff.signed_in("1001")
    revoked_at = revoke(staff, device)
    body = farewell(device)
    assert body["device_revoked"] is True
    assert body["expires_in"] == min(FAREWELL_TTL, staff.settings.access_ttl)
    assert (body["refresh_token"], body["employee"]) == (None, None)

    before = revoked_at - timedelta(minutes=5)
    answer = push(
        device,
        punch("1001", before),
        punch("1001", revoked_at + timedelta(minutes=1), "out"),  # within the clock's skew
        punch("1001", revoked_at + timedelta(minutes=10), "in"),
        punch("1002", before),  # never signed in on this desktop
    )
    assert answer.status_code == 200, answer.text
    results = [(r["status"], r["reason"]) for r in answer.json()["results"]]
    assert results == [
        ("accepted", None),
        ("accepted", None),
        ("rejected", "made after this device was removed by the administrator"),
        ("rejected", "not allowed: this device may only send punches of employees who signed in on it"),
    ]
    for method, path in (("GET", "/sync/pull?after=0"), ("GET", "/whoami")):
        refused = device.call(method, path)
        assert refused.status_code == 403
        assert refused.json()["error"] == "device_revoked"


def test_a_revoked_device_delivers_no_decisions(staff: Server) -> None:
    kiosk = staff.device("kiosk")
    revoke(staff, kiosk)
    farewell(kiosk)
    approval = {
        "id": str(uuid.uuid4()),
        "type": "approval",
        "payload": {
            "id": str(uuid.uuid4()),
            "employee": "1001",
            "week": "2026-W10",
            "decision": "reopen",
            "digest": "0" * 64,
            "covers": 0,
            "made_at": datetime.now(UTC).isoformat(),
        },
    }
    (result,) = push(kiosk, approval).json()["results"]
    assert (result["status"], result["reason"]) == (
        "rejected",
        "not allowed: this device was removed by the administrator",
    )


def test_a_revoked_kiosk_delivers_anyones_punches_made_before(staff: Server) -> None:
    kiosk = staff.device("kiosk")
    revoked_at = revoke(staff, kiosk)
    assert farewell(kiosk)["device_revoked"] is True
    answer = push(kiosk, punch("1002", revoked_at - timedelta(hours=1)))
    assert [r["status"] for r in answer.json()["results"]] == ["accepted"]


def test_after_reporting_itself_wiped_a_device_gets_nothing(staff: Server) -> None:
    device = staff.signed_in("1001")
    revoke(staff, device)
    farewell(device)
    assert device.call("POST", "/devices/wiped").status_code == 204
    assert push(device, punch("1001", datetime.now(UTC))).status_code == 401  # the farewell token ended
    refused = device.login_device()
    assert refused.status_code == 401
    assert refused.json()["error"] == "invalid_client"
    with staff.registry.engine(TENANT).connect() as conn:
        assert conn.execute(select(devices.c.wiped_at).where(devices.c.id == device.device_id)).scalar()


def test_an_active_device_cannot_report_itself_wiped(staff: Server) -> None:
    kiosk = staff.device("kiosk")
    kiosk.login_device()
    assert kiosk.call("POST", "/devices/wiped").status_code == 409


def test_sign_ins_on_a_revoked_device_stay_refused(staff: Server) -> None:
    device = staff.signed_in("1001")
    revoke(staff, device)
    assert device.refresh_with().json()["error"] == "invalid_grant"
    assert device.login("1001").json()["error"] == "invalid_client"


def test_a_device_deactivated_without_a_revocation_time_gets_no_farewell(staff: Server) -> None:
    kiosk = staff.device("kiosk")
    with staff.registry.engine(TENANT).begin() as conn:
        conn.execute(update(devices).where(devices.c.id == kiosk.device_id).values(active=False))
    assert kiosk.login_device().json()["error"] == "invalid_client"


def test_a_second_revocation_keeps_the_first_time(staff: Server) -> None:
    device = staff.device("kiosk")
    first = revoke(staff, device)
    assert revoke(staff, device) == first


def test_an_older_tenant_file_gets_the_new_device_columns_on_open(tmp_path: Path) -> None:
    TenantRegistry(tmp_path).create("old")
    with closing(sqlite3.connect(tmp_path / "old.sqlite")) as conn:
        conn.execute("ALTER TABLE devices DROP COLUMN revoked_at")
        conn.execute("ALTER TABLE devices DROP COLUMN wiped_at")
        conn.commit()
    registry = TenantRegistry(tmp_path)
    try:
        with registry.engine("old").connect() as conn:
            assert conn.execute(select(devices.c.revoked_at, devices.c.wiped_at)).all() == []
    finally:
        registry.dispose()


def test_a_device_revoked_as_lost_gets_no_farewell(staff: Server) -> None:
    kiosk = staff.device("kiosk")
    assert kiosk.device_id is not None
    admin.revoke_device(staff.registry, staff.sessions, TENANT, kiosk.device_id, lost=True)
    refused = kiosk.login_device()
    assert (refused.status_code, refused.json()["error"]) == (401, "invalid_client")


def test_the_farewell_ends_thirty_days_after_the_revocation(staff: Server) -> None:
    kiosk = staff.device("kiosk")
    revoke(staff, kiosk)
    assert farewell(kiosk)["device_revoked"] is True
    long_ago = (datetime.now(UTC) - timedelta(days=31)).isoformat()
    with staff.registry.engine(TENANT).begin() as conn:
        conn.execute(update(devices).where(devices.c.id == kiosk.device_id).values(revoked_at=long_ago))
    assert kiosk.login_device().json()["error"] == "invalid_client"
