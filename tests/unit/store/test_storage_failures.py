"""A full disk or a read-only folder refuses the punch and loses nothing confirmed before.

These mount a small tmpfs, which needs root (CI runs as root).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain import ClockState, PunchKind
from app.store import DiskFull, ReadOnlyStorage, Store
from tests.keyring_fakes import MemoryKeyring


@pytest.fixture
def small_disk() -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; CI runs these as root")
    mount_point = Path(tempfile.mkdtemp(prefix="stempel-small-disk-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)], check=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)
        mount_point.rmdir()


def fill(folder: Path) -> None:
    with (folder / "filler").open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_disk_full_refuses_the_punch_and_keeps_the_earlier_one(
    small_disk: Path, memory_keyring: MemoryKeyring
) -> None:
    profile = small_disk / "profile"
    with Store.open(profile, backend=memory_keyring) as store:
        first = store.punch("1001", PunchKind.IN)
    before = digest(profile / "stempel.db")  # closing checkpointed the WAL into the file
    with Store.open(profile, backend=memory_keyring) as store:
        fill(small_disk)
        with pytest.raises(DiskFull, match="disk is full"):
            # A note big enough to need new WAL pages on a full disk.
            store.punch("1001", PunchKind.BREAK_START, note="x" * 200_000)
        assert store.state("1001") is ClockState.IN
        assert digest(profile / "stempel.db") == before
        (small_disk / "filler").unlink()
        store.punch("1001", PunchKind.OUT)
    with Store.open(profile, backend=memory_keyring) as store:
        assert [p.kind for p in store.punches("1001")] == [PunchKind.IN, PunchKind.OUT]
        assert store.punches("1001")[0].id == first.id


def test_read_only_folder_refuses_the_punch_and_keeps_the_earlier_one(
    small_disk: Path, memory_keyring: MemoryKeyring
) -> None:
    profile = small_disk / "profile"
    with Store.open(profile, backend=memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
    before = digest(profile / "stempel.db")
    # A mount cannot turn read-only under open files, so the folder turns read-only between runs.
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with pytest.raises(ReadOnlyStorage, match="cannot be written"), \
                Store.open(profile, backend=memory_keyring) as store:
            store.punch("1001", PunchKind.OUT)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert digest(profile / "stempel.db") == before
    with Store.open(profile, backend=memory_keyring) as store:
        assert [p.kind for p in store.punches("1001")] == [PunchKind.IN]
