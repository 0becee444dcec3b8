"""`CurrentCaller`: a DPoP-bound token of this tenant, a fresh proof by its key, active device and person."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from server import admin
from server.app import create_app
from server.auth import CHALLENGE
from server.settings import Settings
from sync.dpop import DeviceKey
from sync.protocol import API_PREFIX
from tests.unit.server.conftest import OTHER, TENANT, Device, Server, whoami_router


def unauthorized(answer: object) -> None:
    import httpx2

    assert isinstance(answer, httpx2.Response)
    assert answer.status_code == 401, answer.text
    assert answer.headers["www-authenticate"] == CHALLENGE == 'DPoP error="invalid_token"'
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["error"] == "invalid_token"


def test_a_signed_in_employee_is_the_caller(staff: Server) -> None:
    device = staff.signed_in("1000")
    answer = device.whoami()
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "tenant": TENANT,
        "kind": "employee",
        "device_id": device.device_id,
        "device_kind": "desktop",
        "employee": "1000",
        "role": "manager",
    }


def test_a_bearer_token_is_refused(staff: Server) -> None:
    device = staff.signed_in("1001")
    unauthorized(device.whoami(scheme="Bearer"))
    unauthorized(device.whoami(scheme="Bearer", with_proof=False))


@pytest.mark.parametrize(
    "header",
    [
        None,
        b"",
        b"DPoP",
        b"DPoP ",
        b"Basic dXNlcjpwdw==",
        b"DPoP a b",
        "DPoP æøå".encode(),
        "DPoP æøå".encode("latin-1"),
    ],
)
def test_no_or_a_broken_authorization_header_is_refused(staff: Server, header: bytes | None) -> None:
    device = staff.signed_in("1001")
    headers = {b"DPoP": device.proof("GET", "/whoami", token=device.access).encode()}
    if header is not None:
        headers[b"Authorization"] = header
    unauthorized(device.client.get(device.url("/whoami"), headers=headers))


def test_the_scheme_name_is_case_insensitive(staff: Server) -> None:
    device = staff.signed_in("1001")
    assert device.whoami(scheme="dpop").status_code == 200


@pytest.mark.parametrize(
    "proof",
    [
        "missing",
        "no-ath",
        "ath-of-another-token",
        "other-key",
        "other-url",
        "other-method",
        "stale",
        "future",
        "two-headers",
    ],
)
def test_a_missing_or_bad_proof_is_refused(staff: Server, proof: str) -> None:
    device = staff.signed_in("1001")
    access = device.access
    assert access is not None
    if proof == "two-headers":
        good = device.proof("GET", "/whoami", token=access)
        headers = [("Authorization", f"DPoP {access}"), ("DPoP", good), ("DPoP", good)]
        unauthorized(device.client.get(device.url("/whoami"), headers=headers))
        return
    now = int(time.time())
    made = {
        "missing": None,
        "no-ath": device.key.proof("GET", device.url("/whoami")),
        "ath-of-another-token": device.key.proof("GET", device.url("/whoami"), access_token="other"),
        "other-key": DeviceKey.generate().proof("GET", device.url("/whoami"), access_token=access),
        "other-url": device.key.proof("GET", device.url("/sync/pull"), access_token=access),
        "other-method": device.key.proof("POST", device.url("/whoami"), access_token=access),
        "stale": device.key.proof("GET", device.url("/whoami"), access_token=access, iat=now - 99),
        "future": device.key.proof("GET", device.url("/whoami"), access_token=access, iat=now + 99),
    }[proof]
    answer = device.whoami(proof=made, with_proof=made is not None)
    unauthorized(answer)


def test_a_replayed_proof_is_refused(staff: Server) -> None:
    device = staff.signed_in("1001")
    proof = device.proof("GET", "/whoami", token=device.access)
    assert device.whoami(proof=proof).status_code == 200
    unauthorized(device.whoami(proof=proof))


def test_a_token_copied_to_another_enrolled_device_is_useless(staff: Server) -> None:
    owner = staff.signed_in("1001")
    thief = staff.device()
    thief.access = owner.access
    unauthorized(thief.whoami())


def test_a_made_up_or_refresh_token_is_refused(staff: Server) -> None:
    device = staff.signed_in("1001")
    unauthorized(device.whoami(token="x" * 43))
    unauthorized(device.whoami(token=device.refresh))


def test_a_token_of_another_tenant_gets_the_404_of_an_unknown_tenant(staff: Server) -> None:
    device = staff.signed_in("1001")
    foreign = device.whoami(tenant=OTHER)
    unknown = device.whoami(tenant="no-such-tenant")
    assert foreign.status_code == unknown.status_code == 404
    assert foreign.json() == unknown.json() == {"type": "about:blank", "title": "Not Found", "status": 404}
    assert "www-authenticate" not in foreign.headers


def test_a_token_of_another_tenant_gets_404_even_for_a_namesake(staff: Server) -> None:
    """bolt has its own employee 1001: acme's token for 1001 still gets nothing there."""
    bolt = staff.signed_in("1001", tenant=OTHER)
    acme = staff.signed_in("1001")
    assert bolt.whoami().status_code == 200
    assert acme.whoami(tenant=OTHER).status_code == 404


def test_an_expired_access_token_is_refused(server_with: Callable[..., Server]) -> None:
    server = server_with(access_ttl=1)
    server.user("1001")
    device = server.signed_in("1001")
    assert device.whoami().status_code == 200
    time.sleep(1.1)
    unauthorized(device.whoami())
    assert device.refresh_tokens().status_code == 200
    assert device.whoami().status_code == 200


def test_the_htu_is_the_url_the_server_was_reached_at(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A server on a port of its own: a proof must name that port; a plain-http URL is never right."""
    settings = Settings(data=tmp_path_factory.mktemp("port"))
    app: FastAPI = create_app(settings)
    app.include_router(whoami_router, prefix=API_PREFIX)
    app.state.registry.create(TENANT)
    admin.add_user(app.state.registry, TENANT, "1001", "employee", "pw-pw-pw-pw")
    with TestClient(app, base_url="https://stempel.example.no:8443") as client:
        device = Device(client, TENANT)
        code = admin.device_code(app.state.registry, TENANT, "desktop", datetime.now(UTC))
        url = f"https://stempel.example.no:8443/t/{TENANT}/v1/devices/enroll"
        answer = client.post(url, json={"code": code}, headers={"DPoP": device.key.proof("POST", url)})
        assert answer.status_code == 200, answer.text
        token_url = f"https://stempel.example.no:8443/t/{TENANT}/v1/token"
        body = {"grant_type": "password", "username": "1001", "password": "pw-pw-pw-pw"}
        wrong_port = token_url.replace(":8443", "")
        assert (
            client.post(
                token_url, json=body, headers={"DPoP": device.key.proof("POST", wrong_port)}
            ).status_code
            == 400
        )
        plain = token_url.replace("https:", "http:")
        assert (
            client.post(token_url, json=body, headers={"DPoP": device.key.proof("POST", plain)}).status_code
            == 400
        )
        assert (
            client.post(
                token_url, json=body, headers={"DPoP": device.key.proof("POST", token_url)}
            ).status_code
            == 200
        )
    app.state.registry.dispose()
