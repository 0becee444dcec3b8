"""POST /t/{t}/v1/devices/enroll: a one-time code, 24 hours, stored hashed; the new key proves itself."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from server.schema import devices, enrollment_codes
from tests.unit.server.conftest import OTHER, TENANT, Device, Server


def tenant_rows(server: Server, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(server.settings.tenants / f"{TENANT}.sqlite") as db:
        return db.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608


def test_enrollment_registers_the_key_that_signed_the_proof(server: Server) -> None:
    code = server.code("kiosk")
    device = Device(server.client, TENANT)
    answer = device.enroll(code)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["kind"] == "kiosk"
    assert body["tenant"] == TENANT
    assert "server_time" in body
    with server.registry.engine(TENANT).connect() as conn:
        row = conn.execute(select(devices).where(devices.c.id == body["device_id"])).mappings().one()
    assert row["jkt"] == device.key.thumbprint()
    assert json.loads(row["jwk"]) == device.key.public_jwk()
    assert row["kind"] == "kiosk"
    assert row["active"]
    assert row["name"] == "Test PC"


def test_the_code_is_stored_only_as_its_hash(server: Server) -> None:
    code = server.code()
    [(stored, kind, expires_at, used_by)] = tenant_rows(server, "enrollment_codes")
    assert stored == hashlib.sha256(code.encode()).hexdigest()
    assert code.encode() not in (server.settings.tenants / f"{TENANT}.sqlite").read_bytes()
    assert (kind, used_by) == ("desktop", None)
    assert datetime.fromisoformat(str(expires_at)) - datetime.now(UTC) > timedelta(hours=23, minutes=59)
    assert len(code) >= 24  # 18 random bytes


def test_a_code_works_once(server: Server) -> None:
    code = server.code()
    first = Device(server.client, TENANT)
    assert first.enroll(code).status_code == 200
    second = Device(server.client, TENANT)
    answer = second.enroll(code)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"
    assert len(tenant_rows(server, "devices")) == 1


def test_the_same_device_asking_again_gets_the_same_answer(server: Server) -> None:
    code = server.code()
    device = Device(server.client, TENANT)
    first = device.enroll(code).json()
    again = device.enroll(code)
    assert again.status_code == 200
    assert again.json()["device_id"] == first["device_id"]
    assert len(tenant_rows(server, "devices")) == 1


def test_an_expired_code_is_refused(server: Server) -> None:
    code = server.code(now=datetime.now(UTC) - timedelta(hours=24, seconds=1))
    answer = Device(server.client, TENANT).enroll(code)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"
    assert tenant_rows(server, "devices") == []


def test_a_code_just_inside_its_24_hours_works(server: Server) -> None:
    code = server.code(now=datetime.now(UTC) - timedelta(hours=23, minutes=59))
    assert Device(server.client, TENANT).enroll(code).status_code == 200


def test_a_code_of_another_tenant_is_unknown_here(server: Server) -> None:
    code = server.code(tenant=OTHER)
    assert Device(server.client, TENANT).enroll(code).status_code == 400
    assert Device(server.client, OTHER).enroll(code).status_code == 200


def test_one_key_cannot_enroll_twice(server: Server) -> None:
    device = Device(server.client, TENANT)
    assert device.enroll(server.code()).status_code == 200
    assert device.enroll(server.code()).status_code == 400


@pytest.mark.parametrize("proof", ["missing", "other-url", "garbage"])
def test_enrollment_needs_a_proof_of_the_new_key(server: Server, proof: str) -> None:
    code = server.code()
    device = Device(server.client, TENANT)
    made = {"missing": None, "other-url": device.proof("POST", "/token"), "garbage": "x.y.z"}[proof]
    answer = device.call(
        "POST", "/devices/enroll", json={"code": code}, token="", proof=made, with_proof=made is not None
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_dpop_proof"
    assert device.enroll(code).status_code == 200  # the code was not used up


def test_wrong_codes_are_rate_limited(server: Server) -> None:
    device = Device(server.client, TENANT)
    for attempt in range(server.settings.login_attempts):
        assert device.enroll(f"guess-{attempt}").status_code == 400
    blocked = device.enroll(server.code())
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) >= 1


def test_an_unknown_tenant_is_404(server: Server) -> None:
    answer = Device(server.client, "nowhere").enroll("whatever")
    assert answer.status_code == 404


def test_a_used_code_is_marked_with_its_device(server: Server) -> None:
    device = Device(server.client, TENANT)
    device.enroll(server.code())
    with server.registry.engine(TENANT).connect() as conn:
        assert conn.execute(select(enrollment_codes.c.used_by)).scalar() == device.device_id
