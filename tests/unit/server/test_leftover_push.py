"""A desktop device's own credential delivers leftover punches, and nothing more."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from server import admin, ledger, punches
from server.deps import Caller
from server.schema import sign_ins
from server.sessions import SessionStore
from server.tenants import TenantRegistry, write_transaction
from sync.protocol import PunchMutation
from tests.unit.server.conftest import Server

DESKTOP = Caller(tenant="acme", kind="device", device_id="d1", device_kind="desktop")
OTHER_DESKTOP = Caller(tenant="acme", kind="device", device_id="d2", device_kind="desktop")
KIOSK = Caller(tenant="acme", kind="device", device_id="k1", device_kind="kiosk")


@pytest.fixture
def registry(tmp_path: Path) -> TenantRegistry:
    registry = TenantRegistry(tmp_path / "tenants")
    registry.create("acme")
    for number in ("1001", "1002"):
        admin.add_user(registry, "acme", number, "employee", f"passord-{number}")
    with write_transaction(registry.engine("acme")) as conn:
        conn.execute(insert(sign_ins).values(device_id="d1", employee="1001", first_at=ledger.now_text()))
    return registry


def mutation(employee: str, at: datetime) -> PunchMutation:
    return PunchMutation.model_validate(
        {
            "id": str(uuid.uuid4()),
            "type": "punch",
            "payload": {
                "id": str(uuid.uuid4()),
                "employee": employee,
                "kind": "in",
                "at": at.isoformat(),
                "zone": "Europe/Oslo",
                "device_clock": at.isoformat(),
            },
        }
    )


def statuses(registry: TenantRegistry, caller: Caller, *batch: PunchMutation) -> list[str]:
    return [r.status for r in punches.push(registry.engine("acme"), caller, list(batch))]


def test_a_desktop_delivers_only_for_employees_who_signed_in_on_it(registry: TenantRegistry) -> None:
    now = datetime.now(UTC)
    results = punches.push(registry.engine("acme"), DESKTOP, [mutation("1001", now), mutation("1002", now)])
    assert [r.status for r in results] == ["accepted", "rejected"]
    assert results[1].reason is not None
    assert "signed in on it" in results[1].reason
    assert statuses(registry, OTHER_DESKTOP, mutation("1001", now)) == ["rejected"]


def test_a_kiosk_punches_for_anyone_active(registry: TenantRegistry) -> None:
    now = datetime.now(UTC)
    assert statuses(registry, KIOSK, mutation("1001", now), mutation("1002", now)) == ["accepted", "accepted"]


def test_punches_made_before_a_deactivation_still_land_later_ones_do_not(
    registry: TenantRegistry, tmp_path: Path
) -> None:
    before = datetime.now(UTC) - timedelta(minutes=5)
    sessions = SessionStore(tmp_path / "sessions.db")
    try:
        admin.revoke_user(registry, sessions, "acme", "1001")
    finally:
        sessions.close()
    after = datetime.now(UTC) + timedelta(minutes=5)
    assert statuses(registry, DESKTOP, mutation("1001", before), mutation("1001", after)) == [
        "accepted",
        "rejected",
    ]
    assert statuses(registry, KIOSK, mutation("1001", before)) == ["accepted"]


def test_an_unknown_employee_is_refused_even_from_a_kiosk(registry: TenantRegistry) -> None:
    assert statuses(registry, KIOSK, mutation("9999", datetime.now(UTC))) == ["rejected"]


def test_a_desktop_credential_pulls_nothing(registry: TenantRegistry) -> None:
    events, cursor, more, _ = punches.pull(registry.engine("acme"), DESKTOP, 0, 100, False)
    assert (events, cursor, more) == ([], 0, False)
    kiosk_events, _, _, _ = punches.pull(registry.engine("acme"), KIOSK, 0, 100, False)
    assert {e.employee for e in kiosk_events} == {"1001", "1002"}


def test_signing_in_lets_the_device_credential_deliver_that_employees_leftovers(staff: Server) -> None:
    device = staff.signed_in("1001")
    assert device.login_device().status_code == 200
    now = datetime.now(UTC)
    body = {"mutations": [m.model_dump(mode="json") for m in (mutation("1001", now), mutation("1002", now))]}
    answer = device.call("POST", "/sync/push", json=body)
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["accepted", "rejected"]
