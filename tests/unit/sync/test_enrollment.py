"""enroll() and sign_in(): signed requests, and every refusal mapped to one plain error without secrets."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import pytest

from server.dpop import verify_proof
from sync.dpop import DeviceKey, b64url_decode
from sync.enrollment import enroll, request_token, sign_in
from sync.errors import (
    DeviceRevoked,
    EnrollmentRefused,
    RateLimited,
    ServerUnavailable,
    SessionRevoked,
    SignInRefused,
    SyncError,
    UnexpectedAnswer,
)
from sync.protocol import RefreshGrant
from sync.transport import Transport
from tests.unit.sync.conftest import Pki
from tests.unit.sync.tls_server import TlsServer, http_response, talk

PASSWORD = "hemmelig-passord-123"
CODE = "one-time-code-xyz"


def problem(status: int, error: str | None = None, headers: dict[str, str] | None = None) -> bytes:
    body: dict[str, Any] = {"type": "about:blank", "title": "x", "status": status}
    if error:
        body["error"] = error
    return http_response(
        status,
        json.dumps(body).encode(),
        {"Content-Type": "application/problem+json", **(headers or {})},
    )


def ok(body: dict[str, Any]) -> bytes:
    return http_response(200, json.dumps(body).encode(), {"Content-Type": "application/json"})


NOW = datetime.now(UTC).isoformat()
ENROLLED = {"device_id": "d-1", "kind": "desktop", "tenant": "acme", "server_time": NOW}
TOKENS = {
    "access_token": "access-abc",
    "token_type": "DPoP",
    "expires_in": 300,
    "refresh_token": "refresh-def",
    "employee": "1001",
    "role": "employee",
    "device_id": "d-1",
    "server_time": NOW,
}


Serve = Callable[..., Any]


@pytest.fixture
def serve(tls_a: Pki) -> Callable[..., Any]:
    def run(*responses: bytes) -> AbstractContextManager[tuple[TlsServer, Transport]]:
        return talk([(tls_a.cert, tls_a.key)], responses=list(responses), ca_file=tls_a.ca, timeout=2)

    return run


def request_parts(raw: bytes) -> tuple[str, str, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    method, target, _ = lines[0].split(" ")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return method, target, headers, body


def jws_part(proof: str, index: int) -> dict[str, Any]:
    part: dict[str, Any] = json.loads(b64url_decode(proof.split(".")[index]))
    return part


def test_enroll_sends_the_code_with_a_proof_of_the_new_key(serve: Serve) -> None:
    key = DeviceKey.generate()
    with serve(ok(ENROLLED)) as (server, transport):
        answer = enroll(transport, "acme", CODE, key, "front desk")
        url = transport.url("/t/acme/v1/devices/enroll")
    assert answer.device_id == "d-1"
    method, target, headers, body = request_parts(server.connections[0].received)
    assert (method, target) == ("POST", "/t/acme/v1/devices/enroll")
    assert json.loads(body) == {"code": CODE, "name": "front desk"}
    jkt = verify_proof(
        headers["dpop"],
        method="POST",
        url=url,
        now=time.time(),
        window=60,
        access_token=None,
        seen_jti=lambda *_: False,
    )
    assert jkt == key.thumbprint()


def test_enroll_with_a_used_code_is_refused_plainly(serve: Serve) -> None:
    with (
        serve(problem(400, "invalid_grant")) as (_, transport),
        pytest.raises(EnrollmentRefused, match="unknown, expired or already used") as caught,
    ):
        enroll(transport, "acme", CODE, DeviceKey.generate())
    assert CODE not in str(caught.value)


def test_enroll_to_an_unknown_tenant_says_so(serve: Serve) -> None:
    with (
        serve(problem(404)) as (_, transport),
        pytest.raises(EnrollmentRefused, match="no tenant named acme"),
    ):
        enroll(transport, "acme", CODE, DeviceKey.generate())


def test_enroll_retries_a_lost_answer_with_the_same_key(serve: Serve) -> None:
    key = DeviceKey.generate()
    with serve(http_response(503), ok(ENROLLED)) as (server, transport):
        assert enroll(transport, "acme", CODE, key).device_id == "d-1"
    assert len(server.connections) == 2
    keys = [jws_part(request_parts(c.received)[2]["dpop"], 0)["jwk"] for c in server.connections]
    assert keys[0] == keys[1] == key.public_jwk()


def test_enroll_gives_up_after_its_attempts(serve: Serve) -> None:
    with serve(http_response(503)) as (server, transport), pytest.raises(ServerUnavailable):
        enroll(transport, "acme", CODE, DeviceKey.generate(), attempts=2)
    assert len(server.connections) == 2


def test_enroll_answer_for_another_tenant_is_not_taken(serve: Serve) -> None:
    with serve(ok({**ENROLLED, "tenant": "other"})) as (_, transport), pytest.raises(UnexpectedAnswer):
        enroll(transport, "acme", CODE, DeviceKey.generate())


def test_a_bad_tenant_name_never_reaches_the_url(serve: Serve) -> None:
    with serve(ok(ENROLLED)) as (server, transport), pytest.raises(ValueError, match="tenant name"):
        enroll(transport, "../admin", CODE, DeviceKey.generate())
    assert server.connections == []


def test_sign_in_returns_the_tokens(serve: Serve) -> None:
    with serve(ok(TOKENS)) as (server, transport):
        tokens = sign_in(transport, "acme", "1001", PASSWORD, DeviceKey.generate())
    assert (tokens.refresh_token, tokens.employee) == ("refresh-def", "1001")
    _, target, headers, body = request_parts(server.connections[0].received)
    assert target == "/t/acme/v1/token"
    assert "authorization" not in headers
    assert json.loads(body) == {"grant_type": "password", "username": "1001", "password": PASSWORD}


@pytest.mark.parametrize(
    ("answer", "error", "text"),
    [
        (problem(400, "invalid_grant"), SignInRefused, "Wrong employee number or password"),
        (problem(401, "invalid_client"), DeviceRevoked, "enroll it again"),
        (problem(400, "invalid_dpop_proof"), UnexpectedAnswer, "date and time"),
        (problem(429, "slow_down", {"Retry-After": "12"}), RateLimited, "12 seconds"),
        (problem(404), UnexpectedAnswer, "tenant"),
        (problem(422), UnexpectedAnswer, "HTTP 422"),
        (http_response(200, b'{"access_token": "leaky-token"}'), UnexpectedAnswer, "could not be read"),
    ],
)
def test_sign_in_refusals_are_plain_and_hold_no_secret(
    serve: Serve, answer: bytes, error: type[SyncError], text: str
) -> None:
    with serve(answer) as (_, transport), pytest.raises(error, match=text) as caught:
        sign_in(transport, "acme", "1001", PASSWORD, DeviceKey.generate())
    rendered = f"{caught.value} {caught.value!r} {caught.value.__cause__!r}"
    assert PASSWORD not in rendered
    assert "leaky-token" not in rendered


def test_sign_in_without_a_refresh_token_is_unexpected(serve: Serve) -> None:
    with serve(ok({**TOKENS, "refresh_token": None})) as (_, transport), pytest.raises(UnexpectedAnswer):
        sign_in(transport, "acme", "1001", PASSWORD, DeviceKey.generate())


def test_an_invalid_password_argument_does_not_echo_it(serve: Serve) -> None:
    with serve(ok(TOKENS)) as (server, transport), pytest.raises(ValueError, match="password") as caught:
        sign_in(transport, "acme", "1001", "x" * 2000, DeviceKey.generate())
    assert "xxxx" not in str(caught.value)
    assert caught.value.__cause__ is None
    assert server.connections == []


def test_a_refused_refresh_token_is_a_revoked_session(serve: Serve) -> None:
    grant = RefreshGrant(grant_type="refresh_token", refresh_token="old-refresh")
    with serve(problem(400, "invalid_grant")) as (_, transport), pytest.raises(SessionRevoked) as caught:
        request_token(transport, "acme", grant, DeviceKey.generate())
    assert "old-refresh" not in str(caught.value)


def test_a_dpop_nonce_challenge_is_answered_once(serve: Serve) -> None:
    challenge = problem(400, "use_dpop_nonce", {"DPoP-Nonce": "n-42"})
    with serve(challenge, ok(TOKENS)) as (server, transport):
        sign_in(transport, "acme", "1001", PASSWORD, DeviceKey.generate())
    proofs = [request_parts(c.received)[2]["dpop"] for c in server.connections]
    claims = [jws_part(p, 1) for p in proofs]
    assert "nonce" not in claims[0]
    assert claims[1]["nonce"] == "n-42"


def test_enrolling_with_no_attempts_is_refused_before_any_call() -> None:
    from sync.dpop import DeviceKey
    from sync.enrollment import enroll
    from sync.transport import Transport

    with Transport("https://127.0.0.1:9") as transport, pytest.raises(ValueError, match="at least one"):
        enroll(transport, "acme", "CODE", DeviceKey.generate(), attempts=0)
