"""Paths where a careless store would lose data: each found in review, each pinned here."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring.errors
import pytest

from app.domain import ClockState, PunchKind
from app.store import DatabaseDamaged, DatabaseMissing, PunchRefused, SchemaTooNew, Store
from app.store.keyvault import SERVICE
from app.store.profile import Profile
from app.store.schema import LATEST
from tests.keyring_fakes import MemoryKeyring


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_moved_database_is_not_replaced_and_its_key_is_kept(
    profile_dir: Path, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    with Store.open(profile_dir, backend=memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
    keys = dict(memory_keyring.secrets)
    aside = tmp_path / "aside"
    aside.mkdir()
    for name in ("stempel.db", "stempel.db-wal", "stempel.db-shm"):
        if (profile_dir / name).exists():
            shutil.move(profile_dir / name, aside / name)
    with pytest.raises(DatabaseMissing):
        Store.open(profile_dir, backend=memory_keyring)
    assert memory_keyring.secrets == keys
    assert not (profile_dir / "stempel.db").exists()
    for moved in aside.iterdir():
        shutil.move(moved, profile_dir / moved.name)
    with Store.open(profile_dir, backend=memory_keyring) as store:
        assert [p.kind for p in store.punches("1001")] == [PunchKind.IN]


def test_a_dangling_link_to_the_database_is_left_alone(
    profile_dir: Path, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    Store.open(profile_dir, backend=memory_keyring).close()
    elsewhere = tmp_path / "usb-stick" / "stempel.db"
    elsewhere.parent.mkdir()
    shutil.move(profile_dir / "stempel.db", elsewhere)
    (profile_dir / "stempel.db").symlink_to(elsewhere)
    elsewhere.parent.rename(tmp_path / "unplugged")
    with pytest.raises(DatabaseMissing):
        Store.open(profile_dir, backend=memory_keyring)
    assert (profile_dir / "stempel.db").is_symlink()


def test_creation_cut_short_is_finished_on_the_next_start(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    profile_dir.mkdir(parents=True)
    profile = Profile.load(profile_dir)
    (profile_dir / "stempel.db.creating").touch()
    profile.set_key_checks([b"k" * 32])  # the kill came after the key was stored
    with Store.open(profile_dir, backend=memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
    assert not (profile_dir / "stempel.db.creating").exists()


def test_failures_after_the_key_opened_the_file_leave_a_pending_wal_alone(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    Store.open(profile_dir, backend=memory_keyring).close()
    key = memory_keyring.secrets[(SERVICE, f"{Profile.load(profile_dir).id}:current")]
    # A process that set a newer schema and died before checkpointing.
    script = (
        "import os, sys, sqlcipher3\n"
        "c = sqlcipher3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute(sys.argv[2]); c.execute('PRAGMA journal_mode = WAL')\n"
        f"c.execute('PRAGMA user_version = {LATEST + 1}')\n"
        "os._exit(0)\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(profile_dir / "stempel.db"), f"PRAGMA key = \"x'{key}'\""],
        check=True, timeout=60,
    )
    wal = profile_dir / "stempel.db-wal"
    before = (digest(profile_dir / "stempel.db"), digest(wal))
    with pytest.raises(SchemaTooNew):
        Store.open(profile_dir, backend=memory_keyring)
    assert (digest(profile_dir / "stempel.db"), digest(wal)) == before


class FlakyKeyring(MemoryKeyring):
    """Fails the next write to the `current` slot, as a keyring daemon might."""

    fail_current_once = False

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.fail_current_once and username.endswith(":current"):
            self.fail_current_once = False
            raise keyring.errors.PasswordSetError("daemon went away")
        super().set_password(service, username, password)


def test_rekey_retried_after_a_keyring_failure_keeps_the_database_readable(profile_dir: Path) -> None:
    keys = FlakyKeyring()
    with Store.open(profile_dir, backend=keys) as store:
        store.punch("1001", PunchKind.IN)
        keys.fail_current_once = True
        with pytest.raises(Exception, match="keyring"):
            store.rekey()
        store.rekey()
        store.punch("1001", PunchKind.OUT)
    with Store.open(profile_dir, backend=keys) as store:
        assert [p.kind for p in store.punches("1001")] == [PunchKind.IN, PunchKind.OUT]


def test_state_follows_the_order_of_punches_when_the_clock_steps_back(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    now = [datetime(2026, 11, 30, 8, 0, tzinfo=UTC)]
    with Store.open(profile_dir, backend=memory_keyring, clock=lambda: now[0]) as store:
        store.punch("1001", PunchKind.IN)
        now[0] -= timedelta(hours=1)  # NTP corrected a fast clock
        store.punch("1001", PunchKind.OUT)
        assert store.state("1001") is ClockState.OUT
        with pytest.raises(PunchRefused):
            store.punch("1001", PunchKind.OUT)


def test_an_unreadable_profile_file_is_a_clear_error(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    Store.open(profile_dir, backend=memory_keyring).close()
    (profile_dir / "profile.json").write_text("{ not json")
    with pytest.raises(DatabaseDamaged, match=r"profile\.json"):
        Store.open(profile_dir, backend=memory_keyring)


def test_opening_without_create_makes_nothing(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(FileNotFoundError):
        Store.open(tmp_path / "nothing", backend=memory_keyring, create=False)
    assert not (tmp_path / "nothing").exists()
