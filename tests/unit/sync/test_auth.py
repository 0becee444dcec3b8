"""The token session: renewed before expiry and once on a 401, one renewal however many threads ask.

The server side is a small threaded HTTPS server on 127.0.0.1 (the unit tests'
private CA), answering from a Python function: the real `Transport`, real TLS,
real DPoP proofs; only the tenant is scripted.
"""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from sync import config
from sync.auth import AuthSession, SettingsVault
from sync.dpop import DeviceKey, access_token_hash, b64url_decode
from sync.errors import DeviceRevoked, ServerUnavailable, SessionRevoked
from sync.transport import Transport
from tests.unit.sync.conftest import Pki

TENANT = "acme"
API = f"/t/{TENANT}/v1"
WAIT = 10.0  # seconds: only ever reached when a test is already failing


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def proof(self) -> dict[str, Any]:
        """The claims of the request's DPoP proof (the signature is the server's business)."""
        claims = json.loads(b64url_decode(self.headers["dpop"].split(".")[1]))
        assert isinstance(claims, dict)
        return claims

    @property
    def bearer(self) -> str:
        return self.headers.get("authorization", "").removeprefix("DPoP ")


Answer = tuple[int, dict[str, str], dict[str, Any]]


def problem(status: int, error: str, headers: dict[str, str] | None = None) -> Answer:
    return status, headers or {}, {"title": "x", "status": status, "error": error}


class FakeTenant:
    """A threaded HTTPS server: `/token` from the `desk`, anything else from `resource`; records all."""

    def __init__(self, pki: Pki, desk: TokenDesk, resource: Callable[[Seen], Answer] | None = None) -> None:
        self.desk = desk
        self.resource = resource or (lambda seen: (200, {}, {"ok": True}))
        self.seen: list[Seen] = []
        self._seen_lock = threading.Lock()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(pki.cert, pki.key)
        tenant = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real server

            def setup(self) -> None:
                self.request.do_handshake()  # here, on the connection's own thread
                super().setup()

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                seen = Seen(
                    self.command,
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    json.loads(raw) if raw else {},
                )
                with tenant._seen_lock:
                    tenant.seen.append(seen)
                if seen.path == f"{API}/token":
                    status, headers, body = tenant.desk.answer(seen)
                else:
                    status, headers, body = tenant.resource(seen)
                content = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = _answer  # the names http.server dispatches to

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def get_request(self) -> tuple[Any, Any]:
                raw, address = super().get_request()
                return context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False), address

            def handle_error(self, request: Any, client_address: Any) -> None:
                tenant.broken_connections += 1  # a client that gave up (a timeout test): no traceback

        self.broken_connections = 0
        self._server = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self._server.server_address[1]}"

    def requests_to(self, rest: str) -> list[Seen]:
        with self._seen_lock:
            return [s for s in self.seen if s.path.split("?")[0] == API + rest]

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(WAIT)


@dataclass
class TokenDesk:
    """The token endpoint: rotates refresh tokens r0 -> r1 -> ..., access tokens a1, a2, ...

    `refusal`, when set, answers the next refresh grants instead (and is kept); `stall`, when
    set, holds a refresh until it is set and then loses the answer (the client has given up).
    """

    refresh: str = "r0"
    expires_in: int = 300
    refusal: Answer | None = None
    grants: list[tuple[str, str | None]] = field(default_factory=list)  # (grant_type, refresh token)
    while_refreshing: Callable[[], None] = lambda: None
    stall: threading.Event | None = None
    device_revoked: bool = False  # device grants answer with a farewell token
    _issued: int = 0
    _devices: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def refreshes(self) -> int:
        return sum(1 for grant, _ in self.grants if grant == "refresh_token")

    def answer(self, seen: Seen) -> Answer:
        grant = str(seen.body.get("grant_type"))
        with self._lock:
            self.grants.append((grant, seen.body.get("refresh_token")))
            stall = self.stall if grant == "refresh_token" else None
        if stall is not None:
            stall.wait(WAIT)
            return problem(503, "lost")  # to a connection the client has closed
        with self._lock:
            if grant == "device":
                self._devices += 1
                farewell = {"device_revoked": True} if self.device_revoked else {}
                return 200, {}, {**self._tokens(f"d{self._devices}", None, None), **farewell}
            self.while_refreshing()
            if self.refusal is not None:
                return self.refusal
            if seen.body.get("refresh_token") != self.refresh:
                return problem(400, "invalid_grant")
            self._issued += 1
            self.refresh = f"r{self._issued}"
            return 200, {}, self._tokens(f"a{self._issued}", self.refresh, "1001")

    def _tokens(self, access: str, refresh: str | None, employee: str | None) -> dict[str, Any]:
        return {
            "access_token": access,
            "token_type": "DPoP",
            "expires_in": self.expires_in,
            "refresh_token": refresh,
            "employee": employee,
            "role": "employee" if employee else None,
            "device_id": "d-1",
            "server_time": datetime.now(UTC).isoformat(),
        }


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Profile:
    """What AuthSession needs of a profile: settings in memory and a lock that says when it is held."""

    settings: dict[str, str] = field(default_factory=lambda: {config.REFRESH_TOKEN: "r0"})
    held: bool = False

    @contextmanager
    def lock(self) -> Iterator[None]:
        assert not self.held
        self.held = True
        try:
            yield
        finally:
            self.held = False

    def vault(self) -> SettingsVault:
        return SettingsVault(self.settings.get, self.settings.__setitem__, self.lock)


@dataclass
class Rig:
    tenant: FakeTenant
    desk: TokenDesk
    clock: FakeClock
    profile: Profile
    session: AuthSession


@pytest.fixture
def make_rig(tls_a: Pki) -> Iterator[Callable[..., Rig]]:
    made: list[tuple[FakeTenant, Transport]] = []

    def make(
        resource: Callable[[Seen], Answer] | None = None, *, expires_in: int = 300, timeout: float = WAIT
    ) -> Rig:
        desk = TokenDesk(expires_in=expires_in)
        tenant = FakeTenant(tls_a, desk, resource)
        tenant.start()
        transport = Transport(tenant.url, ca_file=tls_a.ca, timeout=timeout)
        made.append((tenant, transport))
        clock, profile = FakeClock(), Profile()
        session = AuthSession(transport, TENANT, DeviceKey.generate(), profile.vault(), monotonic=clock)
        return Rig(tenant, desk, clock, profile, session)

    yield make
    for tenant, transport in made:
        transport.close()
        tenant.close()


# -- renewal on time --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lifetime", "renews_after"),
    [(100, 80.0), (600, 570.0), (10, 8.0)],
    ids=["a fifth before expiry", "at most 30 s before expiry", "short token"],
)
def test_the_token_is_renewed_before_it_expires_on_the_monotonic_clock(
    make_rig: Callable[..., Rig], lifetime: int, renews_after: float
) -> None:
    rig = make_rig(expires_in=lifetime)
    start = rig.clock.now
    assert rig.session.access_token() == "a1"
    rig.clock.now = start + renews_after - 0.01
    assert rig.session.access_token() == "a1"
    assert rig.desk.refreshes == 1
    rig.clock.now = start + renews_after
    assert rig.session.access_token() == "a2"
    assert rig.desk.grants == [("refresh_token", "r0"), ("refresh_token", "r1")]
    assert rig.profile.settings[config.REFRESH_TOKEN] == "r2"
    assert rig.session.renewals == 2


def test_a_renewal_runs_under_the_profile_lock(make_rig: Callable[..., Rig]) -> None:
    rig = make_rig()
    held_during_refresh: list[bool] = []
    rig.desk.while_refreshing = lambda: held_during_refresh.append(rig.profile.held)
    rig.session.access_token()
    assert held_during_refresh == [True]
    assert not rig.profile.held


def test_a_renewal_uses_the_refresh_token_another_process_stored(make_rig: Callable[..., Rig]) -> None:
    rig = make_rig()
    rig.session.access_token()
    # The other process (the window, or `stempel sync`) rotated r1 to r7 a moment ago.
    rig.desk.refresh = rig.profile.settings[config.REFRESH_TOKEN] = "r7"
    rig.clock.now += 1000
    rig.session.access_token()
    assert rig.desk.grants[-1] == ("refresh_token", "r7")
    assert rig.profile.settings[config.REFRESH_TOKEN] == rig.desk.refresh


# -- one renewal at a time --------------------------------------------------------------


def test_a_hundred_threads_meeting_an_expired_token_cause_one_renewal(make_rig: Callable[..., Rig]) -> None:
    rig = make_rig()
    assert rig.session.access_token() == "a1"
    rig.clock.now += 10_000  # long expired
    threads = 100
    barrier = threading.Barrier(threads)
    tokens: list[str] = []
    failures: list[BaseException] = []

    def ask() -> None:
        try:
            barrier.wait(WAIT)
            tokens.append(rig.session.access_token())
        except BaseException as exc:
            failures.append(exc)

    workers = [threading.Thread(target=ask) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(WAIT)
    assert failures == []
    assert tokens == ["a2"] * threads
    assert rig.desk.refreshes == 2  # the first token, and one renewal
    assert rig.session.renewals == 2


def test_a_401_for_a_token_renewed_meanwhile_is_retried_without_renewing_again(
    make_rig: Callable[..., Rig],
) -> None:
    arrived, release = threading.Event(), threading.Event()

    def resource(seen: Seen) -> Answer:
        if seen.bearer == "a1":  # the call that started before the renewal
            arrived.set()
            release.wait(WAIT)
            return problem(401, "invalid_token", {"WWW-Authenticate": 'DPoP error="invalid_token"'})
        return 200, {}, {"token": seen.bearer}

    rig = make_rig(resource)
    assert rig.session.access_token() == "a1"
    answers: list[Any] = []
    slow = threading.Thread(target=lambda: answers.append(rig.session.call("GET", "/slow").json()))
    slow.start()
    assert arrived.wait(WAIT)
    rig.clock.now += 10_000
    assert rig.session.access_token() == "a2"  # another thread renewed while the call was out
    release.set()
    slow.join(WAIT)
    assert answers == [{"token": "a2"}]
    assert [s.bearer for s in rig.tenant.requests_to("/slow")] == ["a1", "a2"]
    assert rig.desk.refreshes == 2  # no renewal for the stale 401


def test_a_401_for_the_current_token_renews_once_and_a_second_401_is_returned(
    make_rig: Callable[..., Rig],
) -> None:
    expired = problem(401, "invalid_token", {"WWW-Authenticate": 'DPoP error="invalid_token"'})
    rig = make_rig(lambda seen: expired)
    response = rig.session.call("GET", "/sync/pull?after=0")
    assert response.status_code == 401
    assert [s.bearer for s in rig.tenant.requests_to("/sync/pull")] == ["a1", "a2"]
    assert rig.desk.refreshes == 2


# -- DPoP nonce ---------------------------------------------------------------------------


def nonce_challenge(nonce: str) -> Answer:
    return problem(
        401, "use_dpop_nonce", {"WWW-Authenticate": 'DPoP error="use_dpop_nonce"', "DPoP-Nonce": nonce}
    )


def test_a_nonce_challenge_is_answered_once_with_the_nonce_in_the_proof(make_rig: Callable[..., Rig]) -> None:
    def resource(seen: Seen) -> Answer:
        return (200, {}, {}) if seen.proof.get("nonce") == "n-1" else nonce_challenge("n-1")

    rig = make_rig(resource)
    assert rig.session.call("POST", "/sync/push", json={"mutations": []}).status_code == 200
    first, second = rig.tenant.requests_to("/sync/push")
    assert "nonce" not in first.proof
    assert second.proof["nonce"] == "n-1"
    assert second.proof["ath"] == access_token_hash("a1")
    assert (second.proof["htm"], second.proof["htu"]) == ("POST", f"{rig.tenant.url}{API}/sync/push")
    assert first.proof["jti"] != second.proof["jti"]
    assert rig.desk.refreshes == 1  # a nonce is not a reason to renew the token

    rig.session.call("POST", "/sync/push", json={"mutations": []})
    assert rig.tenant.requests_to("/sync/push")[-1].proof["nonce"] == "n-1"  # kept for the next call
    assert len(rig.tenant.requests_to("/sync/push")) == 3


def test_a_repeated_nonce_challenge_is_not_answered_again_nor_taken_for_an_expired_token(
    make_rig: Callable[..., Rig],
) -> None:
    fresh = iter(f"n-{i}" for i in range(100))
    rig = make_rig(lambda seen: nonce_challenge(next(fresh)))
    assert rig.session.call("GET", "/sync/pull?after=0").status_code == 401
    assert len(rig.tenant.requests_to("/sync/pull")) == 2
    assert rig.desk.refreshes == 1  # the token was never the problem: its refresh token is not rotated


# -- failures -----------------------------------------------------------------------------


def test_a_refused_refresh_ends_the_session_and_the_next_call_uses_the_device_grant(
    make_rig: Callable[..., Rig],
) -> None:
    rig = make_rig()
    rig.desk.refusal = problem(400, "invalid_grant")
    with pytest.raises(SessionRevoked, match="sign in again"):
        rig.session.access_token()
    assert rig.profile.settings[config.REFRESH_TOKEN] == ""
    assert rig.session.signed_in is False

    assert rig.session.access_token() == "d1"
    assert rig.session.employee is None
    assert [grant for grant, _ in rig.desk.grants] == ["refresh_token", "device"]
    response = rig.session.call("GET", "/sync/pull?after=0")
    assert response.status_code == 200
    assert rig.tenant.requests_to("/sync/pull")[0].bearer == "d1"
    assert [grant for grant, _ in rig.desk.grants] == ["refresh_token", "device"]


@pytest.mark.parametrize("failure", ["server error", "timeout"])
def test_a_transient_failure_keeps_the_session_and_its_stored_refresh_token(
    make_rig: Callable[..., Rig], failure: str
) -> None:
    rig = make_rig(timeout=0.3)
    stall = threading.Event()
    if failure == "timeout":
        rig.desk.stall = stall
    else:
        rig.desk.refusal = problem(503, "temporarily_unavailable")
    with pytest.raises(ServerUnavailable):
        rig.session.access_token()
    rig.desk.stall = rig.desk.refusal = None
    stall.set()
    assert rig.profile.settings[config.REFRESH_TOKEN] == "r0"
    assert rig.session.signed_in is True

    assert rig.session.access_token() == "a1"
    assert [token for _, token in rig.desk.grants] == ["r0", "r0"]
    assert rig.profile.settings[config.REFRESH_TOKEN] == "r1"


# -- a revoked device ------------------------------------------------------------------------


def test_a_refresh_refused_for_a_revoked_device_ends_the_sign_in_and_takes_the_farewell_token(
    make_rig: Callable[..., Rig],
) -> None:
    rig = make_rig()
    rig.desk.refusal = problem(401, "invalid_client")
    rig.desk.device_revoked = True
    before = rig.session.farewell
    assert rig.session.call("GET", "/sync/pull").status_code == 200
    assert rig.desk.grants == [("refresh_token", "r0"), ("device", None)]
    assert (before, rig.session.farewell) == (False, True)
    assert rig.session.signed_in is False
    assert rig.profile.settings[config.REFRESH_TOKEN] == ""
    assert rig.tenant.requests_to("/sync/pull")[0].bearer == "d1"


def test_a_device_grant_without_device_revoked_is_no_farewell(make_rig: Callable[..., Rig]) -> None:
    rig = make_rig()
    rig.profile.settings[config.REFRESH_TOKEN] = ""
    rig.session.call("GET", "/sync/pull")
    assert rig.desk.grants == [("device", None)]
    assert rig.session.farewell is False


def test_a_device_unknown_to_the_server_stays_device_revoked(make_rig: Callable[..., Rig]) -> None:
    rig = make_rig()
    rig.desk.refusal = problem(401, "invalid_client")

    def unknown(seen: Seen) -> Answer:
        return problem(401, "invalid_client")

    rig.desk.answer = unknown  # type: ignore[method-assign]
    with pytest.raises(DeviceRevoked):
        rig.session.call("GET", "/sync/pull")
    assert rig.session.farewell is False
