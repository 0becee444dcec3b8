"""Tokens over real TLS: short access, rotating refresh, reuse detection, DPoP, revocation."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from sync.dpop import DeviceKey
from tests.integration.server.conftest import start_server
from tests.integration.server.harness import Api, ServerProcess, punch_mutation, server_cli

PASSWORD = "lang-og-hemmelig-passord"


@pytest.fixture(scope="module")
def short_lived_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server whose access tokens live two seconds."""
    server = start_server(tmp_path_factory.mktemp("short"), "--access-ttl", "2")
    yield server
    server.stop()


@pytest.fixture
def staff_tenant(tenant_server: ServerProcess, new_tenant: Callable[..., str]) -> str:
    tenant = new_tenant()
    tenant_server.user(tenant, "6001", PASSWORD)
    return tenant


def wait_past(deadline: float) -> None:
    """Let the wall clock pass an expiry: the thing under test is time itself."""
    while time.monotonic() < deadline:
        time.sleep(0.1)


def test_access_token_expires_and_refresh_brings_a_new_one(
    short_lived_server: ServerProcess, open_apis: list[Api]
) -> None:
    short_lived_server.tenant("short")
    short_lived_server.user("short", "7001", PASSWORD)
    api = Api(short_lived_server, "short")
    open_apis.append(api)
    assert api.enroll(short_lived_server.device_code("short")).status_code == 200
    login = api.login("7001", PASSWORD)
    assert login.json()["expires_in"] == 2
    assert api.pull().status_code == 200
    wait_past(time.monotonic() + 2.5)
    expired = api.pull()
    assert expired.status_code == 401
    assert expired.headers["www-authenticate"].startswith("DPoP")
    assert api.refresh_tokens().status_code == 200
    assert api.pull().status_code == 200


def test_refresh_rotates_and_reuse_revokes_the_family(
    staff_tenant: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(staff_tenant, "6001", PASSWORD)
    first = api.refresh
    assert api.refresh_tokens().status_code == 200
    second = api.refresh
    assert second != first
    assert api.refresh_tokens().status_code == 200  # second is rotated now; third is current
    reused = api.refresh_tokens(first)
    assert reused.status_code == 400
    assert reused.json()["error"] == "invalid_grant"
    assert api.pull().status_code == 401  # the family's access token died with it
    assert api.refresh_tokens().json().get("error") == "invalid_grant"


def test_a_lost_refresh_answer_is_given_again_once_within_the_grace(
    staff_tenant: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(staff_tenant, "6001", PASSWORD)
    previous = api.refresh
    answer = api.refresh_tokens().json()
    again = api.refresh_tokens(previous)  # the client never saw `answer`
    assert again.status_code == 200
    assert again.json()["refresh_token"] == answer["refresh_token"]
    assert again.json()["access_token"] == answer["access_token"]
    assert api.pull().status_code == 200


def test_a_token_two_generations_old_is_reuse_even_inside_the_grace(
    staff_tenant: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(staff_tenant, "6001", PASSWORD)
    oldest = api.refresh
    api.refresh_tokens()
    api.refresh_tokens()
    assert api.refresh_tokens(oldest).json()["error"] == "invalid_grant"
    assert api.refresh_tokens().json()["error"] == "invalid_grant"


def test_proofs_signed_by_another_key_replayed_or_missing_are_refused(
    staff_tenant: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(staff_tenant, "6001", PASSWORD)
    url = api.url("/sync/pull")
    auth = {"Authorization": f"DPoP {api.access}"}
    thief = DeviceKey.generate()
    stolen = api.client.get(url, headers={**auth, "DPoP": thief.proof("GET", url, access_token=api.access)})
    assert stolen.status_code == 401
    proof = api.key.proof("GET", url, access_token=api.access)
    assert api.client.get(url, headers={**auth, "DPoP": proof}).status_code == 200
    assert api.client.get(url, headers={**auth, "DPoP": proof}).status_code == 401  # replayed jti
    assert api.client.get(url, headers=auth).status_code == 401  # no proof at all
    bearer = {"Authorization": f"Bearer {api.access}"}
    assert api.client.get(url, headers=bearer).status_code == 401


def test_revoked_user_is_out_at_the_next_refresh_and_their_rows_stay(
    tenant_server: ServerProcess, staff_tenant: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(staff_tenant, "6001", PASSWORD)
    assert api.push([punch_mutation("6001")]).json()["results"][0]["status"] == "accepted"
    done = server_cli(tenant_server.data, "user", "revoke", "--tenant", staff_tenant, "--number", "6001")
    assert done.returncode == 0, done.stderr
    assert api.refresh_tokens().json()["error"] == "invalid_grant"
    assert api.pull().status_code == 401
    assert server_cli(tenant_server.data, "verify", "--tenant", staff_tenant).returncode == 0


def test_revoked_device_is_refused(
    tenant_server: ServerProcess, staff_tenant: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(staff_tenant, "6001", PASSWORD)
    device = api.enroll_answer["device_id"]
    done = server_cli(tenant_server.data, "device", "revoke", "--tenant", staff_tenant, "--device", device)
    assert done.returncode == 0, done.stderr
    assert api.pull().status_code == 401
    assert api.refresh_tokens().status_code in (400, 401)
    assert api.login("6001", PASSWORD).status_code == 401


def test_failed_logins_are_rate_limited(staff_tenant: str, signed_in: Callable[..., Api]) -> None:
    api = signed_in(staff_tenant, "6001", PASSWORD)
    statuses = [api.login("6001", "feil passord").status_code for _ in range(8)]
    assert statuses[0] in (400, 401)
    assert 429 in statuses
    limited = api.login("6001", PASSWORD)
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) > 0


def test_a_role_change_ends_the_sessions_of_that_employee(
    tenant_server: ServerProcess, staff_tenant: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(staff_tenant, "6001", PASSWORD)
    args = ("user", "role", "--tenant", staff_tenant, "--number", "6001", "--role", "manager")
    assert server_cli(tenant_server.data, *args).returncode == 0
    assert api.refresh_tokens().json()["error"] == "invalid_grant"
    assert api.login("6001", PASSWORD).status_code == 200
    assert api.pull().status_code == 200
