"""POST /t/{t}/v1/token: password, refresh and device grants, all bound to the device key."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select, update

from server import admin
from server.schema import devices, employees
from tests.unit.server.conftest import OTHER, PASSWORD, TENANT, Server


def problem(answer: object, status: int, error: str | None = None) -> dict[str, object]:
    import httpx2

    assert isinstance(answer, httpx2.Response)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = answer.json()
    if error is not None:
        assert body["error"] == error
    assert "access_token" not in answer.text
    return body


# --- password grant ---------------------------------------------------------------------


def test_a_password_login_gives_dpop_bound_tokens(staff: Server) -> None:
    device = staff.device()
    answer = device.login("1001")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "DPoP"
    assert body["expires_in"] == staff.settings.access_ttl
    assert body["employee"] == "1001"
    assert body["role"] == "employee"
    assert body["device_id"] == device.device_id
    assert body["refresh_token"]
    assert datetime.fromisoformat(body["server_time"]).tzinfo is not None
    assert answer.headers["cache-control"] == "no-store"
    session = staff.sessions.lookup_access(body["access_token"], time.time())
    assert session is not None
    assert session.jkt == device.key.thumbprint()


def test_the_role_comes_with_the_login(staff: Server) -> None:
    assert staff.device().login("1000").json()["role"] == "manager"


@pytest.mark.parametrize(("number", "password"), [("1001", "wrong"), ("9999", PASSWORD), ("1001", "")])
def test_a_wrong_number_or_password_is_invalid_grant_all_alike(
    staff: Server, number: str, password: str
) -> None:
    answer = staff.device().login(number, password)
    if password == "":
        assert answer.status_code == 422  # the schema wants a password
        return
    body = problem(answer, 400, "invalid_grant")
    assert body["detail"] == "Wrong employee number or password."


def test_an_inactive_employee_cannot_sign_in(staff: Server) -> None:
    admin.revoke_user(staff.registry, staff.sessions, TENANT, "1001")
    problem(staff.device().login("1001"), 400, "invalid_grant")


def test_a_key_that_is_not_an_enrolled_device_gets_invalid_client(staff: Server) -> None:
    answer = staff.device(enrolled=False).login("1001")
    problem(answer, 401, "invalid_client")


def test_a_device_of_another_tenant_is_not_enrolled_here(staff: Server) -> None:
    bolt_device = staff.device(tenant=OTHER)
    answer = bolt_device.login("1001", tenant=TENANT)
    problem(answer, 401, "invalid_client")


def test_a_revoked_device_cannot_sign_in(staff: Server) -> None:
    device = staff.device()
    assert device.device_id is not None
    admin.revoke_device(staff.registry, staff.sessions, TENANT, device.device_id)
    problem(device.login("1001"), 401, "invalid_client")


@pytest.mark.parametrize("proof", ["missing", "garbage", "other-url", "other-method", "replayed"])
def test_the_token_endpoint_wants_a_good_proof(staff: Server, proof: str) -> None:
    device = staff.device()
    body = {"grant_type": "password", "username": "1001", "password": PASSWORD}
    kwargs: Any = {
        "missing": {"with_proof": False},
        "garbage": {"proof": "a.b.c"},
        "other-url": {"proof": device.proof("POST", "/sync/push")},
        "other-method": {"proof": device.proof("GET", "/token")},
        "replayed": {"proof": device.proof("POST", "/token")},
    }[proof]
    if proof == "replayed":
        assert device.call("POST", "/token", json=body, token="", **kwargs).status_code == 200
    answer = device.call("POST", "/token", json=body, token="", **kwargs)
    problem(answer, 400, "invalid_dpop_proof")


def test_an_unknown_tenant_is_404(staff: Server) -> None:
    device = staff.device()
    answer = device.login("1001", tenant="nowhere")
    assert problem(answer, 404) == {"type": "about:blank", "title": "Not Found", "status": 404}


# --- rate limiting ------------------------------------------------------------------------


def test_failed_logins_for_one_employee_are_limited_with_retry_after(staff: Server) -> None:
    device = staff.device()
    for _ in range(staff.settings.login_attempts):
        problem(device.login("1001", "wrong"), 400, "invalid_grant")
    blocked = device.login("1001", PASSWORD)  # even the right password waits now
    problem(blocked, 429)
    assert 1 <= int(blocked.headers["retry-after"]) <= staff.settings.login_window
    # From another device too: the limit is per employee.
    problem(staff.device().login("1001", PASSWORD), 429)
    # Another employee on another device is not affected.
    assert staff.device().login("1002").status_code == 200


def test_failed_logins_from_one_device_are_limited_across_employees(staff: Server) -> None:
    device = staff.device()
    for number in ("7001", "7002", "7003"):
        problem(device.login(number, "guess"), 400, "invalid_grant")
    problem(device.login("1002", PASSWORD), 429)
    assert staff.device().login("1002").status_code == 200


def test_a_success_resets_the_employee_counter(staff: Server) -> None:
    device = staff.device()
    problem(device.login("1001", "wrong"), 400)
    problem(device.login("1001", "wrong"), 400)
    assert device.login("1001").status_code == 200
    other = staff.device()
    problem(other.login("1001", "wrong"), 400)
    problem(other.login("1001", "wrong"), 400)
    assert other.login("1001").status_code == 200


def test_the_block_ends_with_the_window(server_with: Callable[..., Server]) -> None:
    server = server_with(login_window=1)
    server.user("1001")
    device = server.device()
    for _ in range(3):
        device.login("1001", "wrong")
    problem(device.login("1001"), 429)
    time.sleep(1.1)
    assert server.device().login("1001").status_code == 200


# --- refresh grant ------------------------------------------------------------------------


def test_a_refresh_rotates_both_tokens(staff: Server) -> None:
    device = staff.signed_in("1001")
    first_access, first_refresh = device.access, device.refresh
    answer = device.refresh_tokens()
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["access_token"] != first_access
    assert body["refresh_token"] != first_refresh
    assert (body["employee"], body["role"], body["device_id"]) == ("1001", "employee", device.device_id)
    assert device.whoami().status_code == 200


def test_reuse_revokes_the_family_and_its_access_tokens(staff: Server) -> None:
    device = staff.signed_in("1001")
    old = device.refresh
    assert device.refresh_tokens().status_code == 200
    assert device.refresh_tokens().status_code == 200
    problem(device.refresh_with(old), 400, "invalid_grant")  # two generations old
    problem(device.refresh_with(), 400, "invalid_grant")  # the current one died with its family
    problem(device.whoami(), 401, "invalid_token")


def test_a_lost_answer_is_fetched_again_once(staff: Server) -> None:
    device = staff.signed_in("1001")
    old = device.refresh
    lost = device.refresh_with(old).json()
    again = device.refresh_with(old)
    assert again.status_code == 200
    assert (again.json()["access_token"], again.json()["refresh_token"]) == (
        lost["access_token"],
        lost["refresh_token"],
    )
    problem(device.refresh_with(old), 400, "invalid_grant")  # only once: now it is reuse
    problem(device.refresh_with(lost["refresh_token"]), 400, "invalid_grant")


def test_a_lost_answer_after_the_grace_period_is_reuse(server_with: Callable[..., Server]) -> None:
    server = server_with(refresh_grace=0)
    server.user("1001")
    device = server.signed_in("1001")
    old = device.refresh
    new = device.refresh_with(old).json()["refresh_token"]
    time.sleep(0.01)
    problem(device.refresh_with(old), 400, "invalid_grant")
    problem(device.refresh_with(new), 400, "invalid_grant")


def test_a_refresh_token_with_another_devices_key_is_refused_and_the_owner_keeps_it(staff: Server) -> None:
    device = staff.signed_in("1001")
    thief = staff.device()  # enrolled, but not the key this family is bound to
    problem(thief.refresh_with(device.refresh), 400, "invalid_grant")
    assert device.refresh_tokens().status_code == 200


def test_a_refresh_token_at_another_tenant_is_refused(staff: Server) -> None:
    device = staff.signed_in("1001")
    answer = device.refresh_with(tenant=OTHER)
    assert answer.status_code == 400
    assert device.refresh_tokens().status_code == 200


@pytest.mark.parametrize("how", ["revoke_user", "set_role", "deactivate_in_db"])
def test_an_employee_who_lost_their_rights_gets_invalid_grant_and_401(staff: Server, how: str) -> None:
    device = staff.signed_in("1001")
    if how == "revoke_user":
        admin.revoke_user(staff.registry, staff.sessions, TENANT, "1001")
    elif how == "set_role":
        admin.set_role(staff.registry, staff.sessions, TENANT, "1001", "manager")
    else:  # changed behind the server's back: the checks still hold
        with staff.registry.engine(TENANT).begin() as conn:
            conn.execute(update(employees).where(employees.c.number == "1001").values(active=False))
    problem(device.whoami(), 401, "invalid_token")
    problem(device.refresh_with(), 400, "invalid_grant")
    problem(device.refresh_with(), 400, "invalid_grant")


@pytest.mark.parametrize("how", ["revoke_device", "deactivate_in_db"])
def test_a_revoked_device_gets_invalid_grant_and_401(staff: Server, how: str) -> None:
    device = staff.signed_in("1001")
    assert device.device_id is not None
    if how == "revoke_device":
        admin.revoke_device(staff.registry, staff.sessions, TENANT, device.device_id)
    else:
        with staff.registry.engine(TENANT).begin() as conn:
            conn.execute(update(devices).where(devices.c.id == device.device_id).values(active=False))
    problem(device.whoami(), 401, "invalid_token")
    problem(device.refresh_with(), 400, "invalid_grant")


def test_a_role_change_takes_effect_at_the_next_sign_in(staff: Server) -> None:
    device = staff.signed_in("1001")
    admin.set_role(staff.registry, staff.sessions, TENANT, "1001", "manager")
    assert device.login("1001").json()["role"] == "manager"
    assert device.whoami().json()["role"] == "manager"


# --- device grant -------------------------------------------------------------------------


def test_a_kiosk_gets_an_access_token_for_itself_only(staff: Server) -> None:
    kiosk = staff.device("kiosk")
    answer = kiosk.login_device()
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["refresh_token"] is None
    assert body["employee"] is None
    assert body["device_id"] == kiosk.device_id
    me = kiosk.whoami().json()
    assert (me["kind"], me["device_kind"], me["employee"]) == ("device", "kiosk", None)


def test_the_device_grant_wants_an_enrolled_active_key(staff: Server) -> None:
    problem(staff.device("kiosk", enrolled=False).login_device(), 401, "invalid_client")
    kiosk = staff.device("kiosk")
    assert kiosk.device_id is not None
    admin.revoke_device(staff.registry, staff.sessions, TENANT, kiosk.device_id)
    # until it reports itself wiped, a farewell (tests/unit/server/test_farewell.py)
    assert kiosk.login_device().json()["device_revoked"] is True
    assert kiosk.call("POST", "/devices/wiped").status_code == 204
    problem(kiosk.login_device(), 401, "invalid_client")


@pytest.mark.parametrize(
    "body",
    [
        {"grant_type": "client_credentials"},
        {"grant_type": "password", "username": "1001"},
        {"grant_type": "refresh_token", "refresh_token": "x", "extra": 1},
        [],
    ],
)
def test_a_malformed_grant_is_422(staff: Server, body: object) -> None:
    answer = staff.device().call("POST", "/token", json=body, token="")
    assert answer.status_code == 422
    assert PASSWORD not in answer.text


# --- what stays secret ------------------------------------------------------------------


def test_the_session_file_holds_no_token_and_the_log_no_secret(
    staff: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    device = staff.signed_in("1001")
    seen += [device.access or "", device.refresh or ""]
    device.refresh_tokens()
    seen += [device.access or "", device.refresh or ""]
    kiosk = staff.device("kiosk")
    kiosk.login_device()
    seen.append(kiosk.access or "")
    device.login("1001", "wrong-password-xyz")
    on_disk = staff.session_files_bytes()
    assert on_disk  # the store did write
    for token in seen:
        assert token
        assert token.encode() not in on_disk
        assert token not in caplog.text
    for secret in (PASSWORD, "wrong-password-xyz", "Per", "Ansatt"):
        assert secret not in caplog.text


def test_every_answer_names_the_server_time(staff: Server) -> None:
    device = staff.signed_in("1001")
    assert "server_time" in device.refresh_tokens().json()


def test_a_hash_with_old_parameters_is_renewed_at_the_next_login(staff: Server) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    engine = staff.registry.engine(TENANT)
    with engine.begin() as conn:
        conn.execute(update(employees).where(employees.c.number == "1002").values(password_hash=weak))
    assert staff.device().login("1002").status_code == 200
    with engine.connect() as conn:
        renewed = conn.execute(select(employees.c.password_hash).where(employees.c.number == "1002")).scalar()
    assert str(renewed).startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert staff.device().login("1002").status_code == 200
