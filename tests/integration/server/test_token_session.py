"""The token session against the real server over TLS: expiry mid-sync, one refresh at a time, lost answers.

What is counted: `AuthSession.renewals` on the client, and on the server the
generation of the sign-in's refresh family (it goes up by one per rotation,
committed before the answer leaves), read straight from the server's session
store. Each test has a device (profile) of its own in a tenant its module
shares, so it counts and reads by device.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.domain import PunchKind
from app.store import Store
from sync import config
from sync.auth import AuthSession, SettingsVault
from sync.engine import SyncEngine
from sync.enrollment import request_token
from sync.protocol import MAX_PUSH_BATCH, RefreshGrant
from tests.integration.server.clients import (
    device_of,
    enrolled_profile,
    server_punch_ids,
    staffed_tenant,
)
from tests.integration.server.conftest import start_server
from tests.integration.server.harness import ROOT, ServerProcess
from tests.secret_service import SecretService

ACCESS_TTL = 2.0  # seconds, for the short-lived server
DAY = [PunchKind.IN, PunchKind.BREAK_START, PunchKind.BREAK_END, PunchKind.OUT]
WAIT = 60.0  # seconds: only ever reached when a test is already failing


@pytest.fixture(scope="module")
def short_lived_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server of its own whose access tokens live two seconds."""
    server = start_server(tmp_path_factory.mktemp("short-ttl"), "--access-ttl", str(int(ACCESS_TTL)))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def short_tenant(short_lived_server: ServerProcess) -> str:
    return staffed_tenant(short_lived_server, "ts")


@pytest.fixture(scope="module")
def tenant(tenant_server: ServerProcess) -> str:
    return staffed_tenant(tenant_server, "ts")


def refresh_families(server: ServerProcess, device: str) -> list[tuple[int, int]]:
    """(generation, revoked) of each sign-in family on `device`, oldest first."""
    path = server.data / "sessions.db"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            "SELECT generation, revoked FROM refresh_families WHERE device_id = ? ORDER BY created_at",
            (device,),
        ).fetchall()
    return [(int(g), int(r)) for g, r in rows]


def wait_past(deadline: float) -> None:
    """Let the clock pass an expiry: the thing under test is time itself."""
    while time.monotonic() < deadline:
        time.sleep(0.05)


@dataclass
class Client:
    store: Store
    session: AuthSession
    engine: SyncEngine


@contextmanager
def client(
    profile: Path, *, monotonic: Callable[[], float] = time.monotonic, batch_size: int = MAX_PUSH_BATCH
) -> Iterator[Client]:
    """What app.syncing.open_engine builds, with its session in reach (and its clock chosen)."""
    with Store.open(profile, create=False) as store:
        enrollment = config.Enrollment.load(store.setting)
        assert enrollment is not None
        vault = SettingsVault(store.setting, store.set_setting, store.profile.locked)
        with enrollment.transport() as transport:
            session = AuthSession(transport, enrollment.tenant, enrollment.key(), vault, monotonic=monotonic)
            yield Client(store, session, SyncEngine(store, session, batch_size=batch_size))


def punch_day(store: Store, number: str = "1001") -> list[str]:
    return [store.punch(number, kind).id for kind in DAY]


def calls_at_once(session: AuthSession, threads: int) -> list[int]:
    """`threads` calls through `session`, released together; their statuses."""
    barrier = threading.Barrier(threads)
    statuses: list[int] = []
    failures: list[BaseException] = []

    def pull() -> None:
        try:
            barrier.wait(WAIT)
            statuses.append(session.call("GET", "/sync/pull?after=0&limit=1").status_code)
        except BaseException as exc:
            failures.append(exc)

    workers = [threading.Thread(target=pull) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(WAIT)
    assert failures == []
    return statuses


def never_moves() -> float:
    """A client clock on which no token ever nears its expiry: only the server's 401 says so."""
    return 0.0


# -- expiry in the middle of a sync ------------------------------------------------------


@pytest.mark.parametrize(
    "clock",
    [time.monotonic, never_moves],
    ids=["renewed before expiry", "renewed on the server's 401"],
)
def test_a_sync_outliving_its_access_token_completes_with_nothing_lost(
    real_keyring: SecretService,
    short_lived_server: ServerProcess,
    short_tenant: str,
    tmp_path: Path,
    clock: Callable[[], float],
) -> None:
    profile = enrolled_profile(short_lived_server, short_tenant, tmp_path / "pc", "1001")
    device = device_of(profile)
    made: list[str] = []
    with client(profile, monotonic=clock, batch_size=3) as pc:
        for _ in range(3):  # a backlog of four batches
            made += punch_day(pc.store)
        started = time.monotonic()
        while time.monotonic() - started < ACCESS_TTL + 0.5:  # round after round, longer than a token lives
            report = pc.engine.sync_once()
            assert (report.pending, report.rejected, report.signed_in) == (0, 0, True)
            made += punch_day(pc.store)
        report = pc.engine.sync_once()
        renewals = pc.session.renewals
    assert report.pending == 0
    assert renewals >= 2
    assert server_punch_ids(short_lived_server, short_tenant, device) == made  # each exactly once, in order
    assert refresh_families(short_lived_server, device) == [(renewals, 0)]


@pytest.mark.parametrize(
    "clock",
    [time.monotonic, never_moves],
    ids=["the client sees it expired", "only the server knows it expired"],
)
def test_a_hundred_calls_meeting_an_expired_token_make_one_refresh(
    real_keyring: SecretService,
    short_lived_server: ServerProcess,
    short_tenant: str,
    tmp_path: Path,
    clock: Callable[[], float],
) -> None:
    profile = enrolled_profile(short_lived_server, short_tenant, tmp_path / "pc", "1001")
    with client(profile, monotonic=clock) as pc:
        issued = time.monotonic()
        pc.session.access_token()
        wait_past(issued + ACCESS_TTL + 0.3)
        statuses = calls_at_once(pc.session, 100)
        renewals = pc.session.renewals
    assert statuses == [200] * 100
    assert renewals == 2  # the first token and one renewal
    assert refresh_families(short_lived_server, device_of(profile)) == [(2, 0)]


# -- two processes of one profile ----------------------------------------------------------


def test_the_window_and_stempel_sync_refreshing_at_once_both_stay_signed_in(
    real_keyring: SecretService, tenant_server: ServerProcess, tenant: str, tmp_path: Path
) -> None:
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", "1001")
    rounds = 12
    env = {**real_keyring.env, "PYTHONPATH": str(ROOT)}
    child = Path(__file__).with_name("refresh_child.py")
    procs = [
        subprocess.Popen(
            [sys.executable, str(child), str(profile), str(rounds)],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:  # the start signal, to both at once
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outcomes = [proc.communicate(timeout=WAIT) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(WAIT)
    results = [json.loads(out.strip().splitlines()[-1]) for out, _ in outcomes]
    assert [proc.returncode for proc in procs] == [0, 0], results
    for result in results:
        assert result == {"renewals": rounds, "statuses": [200] * rounds, "error": None}
    # Each renewal one rotation, none a reuse (which would have revoked the family).
    assert refresh_families(tenant_server, device_of(profile)) == [(2 * rounds, 0)]
    with Store.open(profile, create=False) as store:
        assert store.setting(config.REFRESH_TOKEN)

    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--profile", str(profile), "sync", "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["signed_in"] is True


# -- a lost answer --------------------------------------------------------------------------


def test_a_refresh_whose_answer_was_lost_is_retried_within_the_grace_and_the_session_goes_on(
    real_keyring: SecretService, tenant_server: ServerProcess, tenant: str, tmp_path: Path
) -> None:
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", "1001")
    with Store.open(profile, create=False) as store:
        enrollment = config.Enrollment.load(store.setting)
        stored = store.setting(config.REFRESH_TOKEN)
        punched = punch_day(store)
    assert enrollment is not None
    assert stored

    with client(profile) as pc:
        # The refresh reaches the server, which rotates; its answer never reaches the profile.
        lost = request_token(
            pc.session.transport,
            tenant,
            RefreshGrant(grant_type="refresh_token", refresh_token=stored),
            enrollment.key(),
        )
        assert pc.store.setting(config.REFRESH_TOKEN) == stored

        assert pc.session.access_token() == lost.access_token  # the same successor, handed out again
        assert pc.store.setting(config.REFRESH_TOKEN) == lost.refresh_token
        report = pc.engine.sync_once()
        assert (report.pushed, report.signed_in) == (4, True)

        pc.session.forget_access()
        pc.session.access_token()  # the family lives on: its next rotation works
        assert pc.store.setting(config.REFRESH_TOKEN) not in (stored, lost.refresh_token)
    device = device_of(profile)
    assert server_punch_ids(tenant_server, tenant, device) == punched
    assert refresh_families(tenant_server, device) == [(2, 0)]
