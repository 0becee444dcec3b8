"""kill -9 at random moments while punching and pushing: afterwards the server holds every
punch the client made, once. "Confirmed" is what the worker printed after COMMIT."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from app.store import Store
from app.syncing import open_engine
from tests.integration.server.clients import PASSWORD, enrolled_profile, server_punch_ids
from tests.integration.server.harness import ServerProcess
from tests.secret_service import SecretService

ROOT = Path(__file__).resolve().parents[3]


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def crash_loop(
    server: ServerProcess, tenant: str, profile: Path, rounds: int
) -> tuple[set[str], Counter[str]]:
    rng = random.Random(20261129)
    zygote = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.server.sync_crash_child", str(profile), "1001"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert zygote.stdin is not None
    assert zygote.stdout is not None
    confirmed: set[str] = set()
    moments: Counter[str] = Counter()
    try:
        assert zygote.stdout.readline().strip() == "ready"
        for _ in range(rounds):
            zygote.stdin.write(f"go {rng.randrange(1 << 30)}\n")
            zygote.stdin.flush()
            pid, events, target = None, 0, rng.randint(1, 9)
            while pid is None or events < target:
                word, _, rest = zygote.stdout.readline().strip().partition(" ")
                if word == "pid":
                    pid = int(rest)
                elif word == "confirmed":
                    confirmed.add(rest)
                    events += 1
                elif word in ("push", "synced", "failed"):
                    events += 1
                else:
                    pytest.fail(f"the worker said {word!r} {rest!r}")
                last = word
            if rng.random() < 0.5:  # land inside the step that follows, not only at its edge
                time.sleep(rng.uniform(0, 0.03))
            os.kill(pid, signal.SIGKILL)
            moments[last] += 1
            deadline = time.monotonic() + 10
            while not _gone(pid):
                assert time.monotonic() < deadline, "a killed worker did not go away"
                time.sleep(0.001)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
        zygote.stdout.close()
    return confirmed, moments


def check_nothing_lost_or_doubled(
    server: ServerProcess, tenant: str, profile: Path, confirmed: set[str]
) -> None:
    with open_engine(profile) as engine:
        report = engine.sync_once()
    assert report.pending == 0
    assert report.rejected_total == 0, report.refused
    with Store.open(profile) as store:
        local = [p.id for p in store.punches("1001")]
    on_server = server_punch_ids(server, tenant)
    assert len(on_server) == len(set(on_server))  # no punch twice
    assert set(on_server) == set(local)  # none lost, none invented
    assert confirmed <= set(on_server)  # every confirmed punch arrived


def run(
    real_keyring: SecretService,
    tenant_server: ServerProcess,
    new_tenant: Callable[..., str],
    tmp_path: Path,
    rounds: int,
) -> None:
    tenant = new_tenant()
    tenant_server.user(tenant, "1001", PASSWORD)
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", "1001")
    confirmed, moments = crash_loop(tenant_server, tenant, profile, rounds)
    check_nothing_lost_or_doubled(tenant_server, tenant, profile, confirmed)
    assert moments["push"] > 0  # some kills landed while pushing
    assert moments["confirmed"] > 0  # and some while punching
    print(
        f"\ncrash loop: {rounds} kills, {len(confirmed)} confirmed punches, "
        f"last step before kill: {dict(moments)}"
    )


def test_kill_9_while_punching_and_pushing_loses_and_doubles_nothing(
    real_keyring: SecretService, tenant_server: ServerProcess, new_tenant: Callable[..., str], tmp_path: Path
) -> None:
    run(real_keyring, tenant_server, new_tenant, tmp_path, rounds=25)


@pytest.mark.slow
def test_kill_9_crash_loop_soak(
    real_keyring: SecretService, tenant_server: ServerProcess, new_tenant: Callable[..., str], tmp_path: Path
) -> None:
    run(real_keyring, tenant_server, new_tenant, tmp_path, rounds=220)
