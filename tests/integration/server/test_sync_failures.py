"""Sync meeting trouble on the real server: a revoked user or device, a restart, a server that never answers.

Each ends the same way: nothing in the outbox is lost, nothing reaches the
server twice, and the user is told in one plain sentence. Each test has a
device (profile) of its own in a tenant its module shares, so it reads the
ledger by device.
"""

from __future__ import annotations

import itertools
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import pytest

from app.domain import PunchKind
from app.store import Store
from app.syncing import open_engine
from sync import config
from sync.auth import AuthSession, SettingsVault
from sync.engine import Progress, SyncEngine, SyncReport, status_of_error, status_of_report
from sync.errors import DeviceWiped, ServerUnavailable
from sync.transport import Transport
from tests.integration.server.clients import (
    PASSWORD,
    device_of,
    enrolled_profile,
    server_punch_ids,
    staffed_tenant,
)
from tests.integration.server.conftest import start_server
from tests.integration.server.harness import ROOT, ServerProcess, server_cli
from tests.secret_service import SecretService

DAY = [PunchKind.IN, PunchKind.BREAK_START, PunchKind.BREAK_END, PunchKind.OUT]
SIGNED_OUT = "The sign-in on this device has ended; sign in again"
WAIT = 60.0  # seconds: only ever reached when a test is already failing
_numbers = itertools.count(2001)  # employees of their own, to revoke


@pytest.fixture(scope="module")
def tenant(tenant_server: ServerProcess) -> str:
    return staffed_tenant(tenant_server, "tf")


def punch_days(profile: Path, days: int, number: str = "1001") -> list[str]:
    with Store.open(profile, create=False) as store:
        return [store.punch(number, kind).id for _ in range(days) for kind in DAY]


@contextmanager
def engine_for(
    profile: Path,
    *,
    batch_size: int,
    progress: Callable[[Progress], None] | None = None,
    transport: Callable[[config.Enrollment], Transport] | None = None,
) -> Iterator[SyncEngine]:
    """What app.syncing.open_engine builds, with a batch size (and a transport) of the test's choosing."""
    with Store.open(profile, create=False) as store:
        enrollment = config.Enrollment.load(store.setting)
        assert enrollment is not None
        vault = SettingsVault(store.setting, store.set_setting, store.profile.locked)
        with (transport or config.Enrollment.transport)(enrollment) as connection:
            session = AuthSession(connection, enrollment.tenant, enrollment.key(), vault)
            yield SyncEngine(store, session, batch_size=batch_size, progress=progress)


def stempel(profile: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "--profile", str(profile), *args],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )


# -- revoked on the server ---------------------------------------------------------------


@pytest.mark.parametrize("window", ["open", "closed"], ids=["window open", "stempel sync later"])
def test_a_revoked_user_is_signed_out_and_the_punches_made_before_still_arrive(
    real_keyring: SecretService,
    tenant_server: ServerProcess,
    tenant: str,
    tmp_path: Path,
    window: str,
) -> None:
    number = str(next(_numbers))  # someone of their own, to revoke
    tenant_server.user(tenant, number, PASSWORD)
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", number)
    with open_engine(profile) as engine:
        if window == "open":  # the engine holds a live access token when the revocation comes
            assert engine.sync_once().signed_in is True
        before = punch_days(profile, 2, number)
        revoked = server_cli(tenant_server.data, "user", "revoke", "--tenant", tenant, "--number", number)
        assert revoked.returncode == 0, revoked.stderr
        with Store.open(profile, create=False) as store:
            after = store.punch(number, PunchKind.IN).id  # the device lets them punch; the server will not
        report = engine.sync_once()

    assert report.signed_in is False
    assert report.notice == SIGNED_OUT
    assert status_of_report(report).state == "sign-in-needed"
    assert (report.pushed, report.rejected, report.pending, report.pulled) == (len(before), 1, 0, 0)
    assert server_punch_ids(tenant_server, tenant, device_of(profile)) == before  # under its own credential
    with Store.open(profile, create=False) as store:
        assert store.setting(config.REFRESH_TOKEN) == ""
        (refused,) = store.outbox(state="rejected")
    assert refused.payload["id"] == after
    assert refused.reason == "unknown or inactive employee"
    assert report.refused == ((refused.id, "unknown or inactive employee"),)


def test_a_revoked_device_delivers_its_outbox_and_stops_with_a_clear_status(
    real_keyring: SecretService, tenant_server: ServerProcess, tenant: str, tmp_path: Path
) -> None:
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", "1001")
    made = punch_days(profile, 1)
    device = device_of(profile)
    revoked = server_cli(tenant_server.data, "device", "revoke", "--tenant", tenant, "--device", device)
    assert revoked.returncode == 0, revoked.stderr

    with pytest.raises(DeviceWiped) as caught, open_engine(profile) as engine:
        engine.sync_once()
    assert str(caught.value) == (
        "This device was removed by your administrator; its data has been deleted from this computer. "
        "Set it up again to use it."
    )
    status = status_of_error(caught.value, 0, 0, datetime.now(UTC))
    assert status.state == "device-wiped"
    assert server_punch_ids(tenant_server, tenant, device) == made  # delivered before the wipe
    assert not (profile / "stempel.db").exists()  # tests/integration/server/test_device_removal.py

    done = stempel(profile, real_keyring.env, "sync")
    assert done.returncode == 1
    assert "Set it up again" in done.stderr


# -- the server goes away in the middle of a push -------------------------------------------


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server of its own, for the tests that take it down."""
    server = start_server(tmp_path_factory.mktemp("restarted"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def own_tenant(own_server: ServerProcess) -> str:
    return staffed_tenant(own_server, "tf")


def crash(server: ServerProcess) -> None:
    """SIGKILL, as a power cut or the OOM killer would end it: nothing graceful."""
    assert server.proc is not None
    server.proc.kill()
    server.proc.wait(WAIT)
    server.proc = None


def test_a_server_gone_between_two_batches_has_every_punch_once_after_its_restart(
    real_keyring: SecretService, own_server: ServerProcess, own_tenant: str, tmp_path: Path
) -> None:
    profile = enrolled_profile(own_server, own_tenant, tmp_path / "pc", "1001")
    device = device_of(profile)
    made = punch_days(profile, 6)

    stopped: list[Progress] = []

    def stop_after_first_batch(progress: Progress) -> None:
        if progress.phase == "push" and progress.done == 5 and not stopped:
            stopped.append(progress)
            crash(own_server)

    with engine_for(profile, batch_size=5, progress=stop_after_first_batch) as engine:
        with pytest.raises(ServerUnavailable):
            engine.sync_once()
        assert server_punch_ids(own_server, own_tenant, device) == made[:5]
        assert engine.store.pending_count() == len(made) - 5
        own_server.start()
        report = engine.sync_once()
    assert (report.pushed, report.duplicates, report.pending) == (len(made) - 5, 0, 0)
    assert server_punch_ids(own_server, own_tenant, device) == made


def test_a_server_killed_while_a_sync_thread_pushes_has_every_punch_once_after_its_restart(
    real_keyring: SecretService, own_server: ServerProcess, own_tenant: str, tmp_path: Path
) -> None:
    profile = enrolled_profile(own_server, own_tenant, tmp_path / "pc", "1001")
    device = device_of(profile)
    made = punch_days(profile, 15)
    pushing = threading.Event()

    def note(progress: Progress) -> None:
        if progress.phase == "push" and progress.done >= 2:
            pushing.set()

    outcome: list[SyncReport | ServerUnavailable] = []
    with engine_for(profile, batch_size=1, progress=note) as engine:

        def sync() -> None:
            try:
                outcome.append(engine.sync_once())
            except ServerUnavailable as exc:
                outcome.append(exc)

        worker = threading.Thread(target=sync)
        worker.start()
        assert pushing.wait(WAIT)
        crash(own_server)  # wherever the push is: maybe a batch applied whose answer is lost
        worker.join(WAIT)
        assert len(outcome) == 1
        assert isinstance(outcome[0], ServerUnavailable)  # the kill came in the middle of the push
        delivered = len(server_punch_ids(own_server, own_tenant, device))
        waiting = engine.store.pending_count()
        assert 2 <= delivered < len(made)
        assert waiting - (len(made) - delivered) in (0, 1)  # one batch may be in, its answer lost

        own_server.start()
        report = engine.sync_once()
    assert (report.pushed, report.pending) == (len(made) - delivered, 0)
    assert report.duplicates == waiting - report.pushed
    assert server_punch_ids(own_server, own_tenant, device) == made


# -- a server that takes the connection and never answers -------------------------------------


class BlackHole:
    """Takes TCP connections on 127.0.0.1 and never answers; with a certificate, after a TLS
    handshake as the tenant server and reading the request."""

    def __init__(self, cert: tuple[Path, Path] | None) -> None:
        self._context: ssl.SSLContext | None = None
        if cert is not None:
            self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._context.load_cert_chain(*cert)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._held: list[socket.socket] = []
        self._closing = threading.Event()
        self.requests: list[bytes] = []
        self._thread = threading.Thread(target=self._take, daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self._listener.getsockname()[1]}"

    def _take(self) -> None:
        while not self._closing.is_set():
            try:
                raw, _ = self._listener.accept()
            except TimeoutError:
                continue
            self._held.append(raw)
            if self._context is None:
                continue
            raw.settimeout(WAIT)
            try:
                sock = self._context.wrap_socket(raw, server_side=True)
                self._held.append(sock)
                self.requests.append(sock.recv(65536))
            except OSError:  # the client gave up during the handshake
                continue

    def __enter__(self) -> BlackHole:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._closing.set()
        self._thread.join(WAIT)
        for sock in self._held:
            sock.close()
        self._listener.close()


@pytest.mark.parametrize("where", ["after the request", "before the TLS handshake"])
def test_a_server_that_never_answers_is_unavailable_within_the_timeout(
    tenant_server: ServerProcess, where: str
) -> None:
    tls = tenant_server.data / "tls"
    certificate = (tls / "server.crt", tls / "server.key") if where == "after the request" else None
    with (
        BlackHole(certificate) as hole,
        Transport(hole.url, ca_file=tenant_server.ca, timeout=0.5) as transport,
    ):
        started = time.monotonic()
        with pytest.raises(ServerUnavailable, match="did not answer in time"):
            transport.request("GET", "/t/acme/v1/sync/pull")
        waited = time.monotonic() - started
    assert 0.4 <= waited < 3.0
    if certificate is not None:
        assert len(hole.requests) == 1
        assert hole.requests[0].startswith(b"GET /t/acme/v1/sync/pull ")


def test_a_sync_against_a_server_that_never_answers_fails_in_time_and_loses_nothing(
    real_keyring: SecretService, tenant_server: ServerProcess, tenant: str, tmp_path: Path
) -> None:
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", "1001")
    made = punch_days(profile, 1)
    with Store.open(profile, create=False) as store:
        signed_in_with = store.setting(config.REFRESH_TOKEN)
    tls = tenant_server.data / "tls"

    with BlackHole((tls / "server.crt", tls / "server.key")) as hole:

        def to_the_hole(enrollment: config.Enrollment) -> Transport:
            assert enrollment.ca_pem is not None
            return Transport(hole.url, ca_pem=enrollment.ca_pem.encode("ascii"), timeout=0.5)

        with engine_for(profile, batch_size=500, transport=to_the_hole) as engine:
            started = time.monotonic()
            with pytest.raises(ServerUnavailable, match="did not answer in time"):
                engine.sync_once()
            assert time.monotonic() - started < 3.0
        assert len(hole.requests) == 1  # the renewal of the sign-in, which never came back
        assert hole.requests[0].startswith(f"POST /t/{tenant}/v1/token ".encode())

    with Store.open(profile, create=False) as store:
        assert store.setting(config.REFRESH_TOKEN) == signed_in_with  # a timeout signs nobody out
        assert store.pending_count() == len(made)
    with open_engine(profile) as engine:
        report = engine.sync_once()
    assert (report.pushed, report.signed_in) == (len(made), True)
    assert server_punch_ids(tenant_server, tenant, device_of(profile)) == made
