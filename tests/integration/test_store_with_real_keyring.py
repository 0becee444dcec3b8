"""The store against a real Secret Service (gnome-keyring on a private D-Bus)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import secretstorage

from app.domain import PunchKind
from app.store import KeyringLocked, Store
from app.store.keyvault import SERVICE
from app.store.profile import Profile
from tests.secret_service import SecretService

ROOT = Path(__file__).resolve().parents[2]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stempel(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def child_env(service: SecretService, profile: Path) -> dict[str, str]:
    return {**service.env, "STEMPEL_PROFILE": str(profile), "PYTHONPATH": str(ROOT)}


def test_database_key_round_trips_through_the_secret_service(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    with Store.open(profile_dir) as store:
        store.set_setting("employee", "1001")
        store.punch("1001", PunchKind.IN)
    profile_id = Profile.load(profile_dir).id
    with closing(secretstorage.dbus_init()) as conn:
        items = list(
            secretstorage.get_default_collection(conn).search_items(
                {"service": SERVICE, "username": f"{profile_id}:current"}
            )
        )
        assert len(items) == 1
        assert len(bytes.fromhex(items[0].get_secret().decode())) == 32
    done = stempel(["status", "--json"], child_env(real_keyring, profile_dir))
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["state"] == "in"
    assert status["pending_outbox"] == 1


def test_no_secret_service_is_a_clear_error_and_nothing_is_written(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    with Store.open(profile_dir) as store:
        store.set_setting("employee", "1001")
    files_before = sorted(p.name for p in profile_dir.iterdir())
    before = sha256(profile_dir / "stempel.db")
    env = {**child_env(real_keyring, profile_dir), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    done = stempel(["punch", "in"], env)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "keyring" in done.stderr
    assert "plain text" in done.stderr
    assert sha256(profile_dir / "stempel.db") == before
    assert sorted(p.name for p in profile_dir.iterdir()) == files_before


def test_no_secret_service_never_creates_a_plaintext_key(real_keyring: SecretService, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    env = {**child_env(real_keyring, fresh), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    done = stempel(["status"], env)
    assert done.returncode == 1
    assert not (fresh / "stempel.db").exists()


def test_locked_keyring_asks_to_unlock_and_carries_on_once_unlocked(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    with Store.open(profile_dir) as store:
        store.punch("1001", PunchKind.IN)
    before = sha256(profile_dir / "stempel.db")
    real_keyring.lock()
    with pytest.raises(KeyringLocked, match="Unlock it"):
        Store.open(profile_dir)
    assert sha256(profile_dir / "stempel.db") == before
    real_keyring.unlock()
    with Store.open(profile_dir) as store:
        assert [p.kind for p in store.punches("1001")] == [PunchKind.IN]


def _read_until_killed(proc: subprocess.Popen[str], lines_before_kill: int) -> list[str]:
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    seen = [proc.stdout.readline().strip() for _ in range(lines_before_kill)]
    os.kill(proc.pid, signal.SIGKILL)
    # Anything printed before the kill was confirmed too.
    seen += [line.strip() for line in proc.stdout.read().splitlines()]
    proc.stdout.close()
    proc.wait(timeout=30)
    return [line for line in seen if line]


def _child(mode: str, service: SecretService, profile: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.crash_child", mode, str(profile)],
        env=child_env(service, profile),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def _rounds(request: pytest.FixtureRequest, quick: int, soak: int) -> int:
    return soak if request.node.get_closest_marker("slow") else quick


def confirmed_punches_survive_kill(service: SecretService, profile: Path, rounds: int) -> None:
    rng = random.Random(20261128)
    confirmed: list[str] = []
    for _ in range(rounds):
        proc = _child("punch", service, profile)
        confirmed += [line.split()[1] for line in _read_until_killed(proc, rng.randint(0, 6))]
        with Store.open(profile) as store:
            stored = {p.id for p in store.punches("1001")}
            assert set(confirmed) <= stored
            assert store.pending_count() == len(stored)


def test_confirmed_punch_survives_kill_9(real_keyring: SecretService, profile_dir: Path) -> None:
    confirmed_punches_survive_kill(real_keyring, profile_dir, rounds=5)


@pytest.mark.slow
def test_confirmed_punch_survives_kill_9_soak(real_keyring: SecretService, profile_dir: Path) -> None:
    confirmed_punches_survive_kill(real_keyring, profile_dir, rounds=60)


def rekey_survives_kill(service: SecretService, profile: Path, rounds: int) -> None:
    rng = random.Random(48)
    with Store.open(profile) as store:
        for kind in (PunchKind.IN, PunchKind.BREAK_START, PunchKind.BREAK_END, PunchKind.OUT):
            store.punch("1001", kind)
    for _ in range(rounds):
        _read_until_killed(_child("rekey", service, profile), rng.randint(0, 3))
        with Store.open(profile) as store:
            assert len(store.punches("1001")) == 4
            assert store.pending_count() == 4


def test_rekey_survives_kill_9_at_any_point(real_keyring: SecretService, profile_dir: Path) -> None:
    rekey_survives_kill(real_keyring, profile_dir, rounds=6)


@pytest.mark.slow
def test_rekey_survives_kill_9_at_any_point_soak(real_keyring: SecretService, profile_dir: Path) -> None:
    rekey_survives_kill(real_keyring, profile_dir, rounds=60)


def test_two_processes_starting_a_fresh_profile_at_once_both_keep_their_punch(
    real_keyring: SecretService, tmp_path: Path
) -> None:
    for round_number in range(4):
        profile = tmp_path / f"fresh-{round_number}"
        children = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.integration.crash_child", "punch-once", str(profile), who],
                env=child_env(real_keyring, profile), cwd=ROOT, stdout=subprocess.PIPE, text=True,
            )
            for who in ("1001", "1002")
        ]
        confirmed = []
        for child in children:
            out, _ = child.communicate(timeout=120)
            assert child.returncode == 0
            confirmed.append(out.split()[1])
        with Store.open(profile) as store:
            assert [p.id for p in store.punches("1001")] == [confirmed[0]]
            assert [p.id for p in store.punches("1002")] == [confirmed[1]]
