"""The store's behaviour with an in-memory keyring (the real keyring has its own tests)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import sqlcipher3

from app.domain import ClockState, PunchKind
from app.store import (
    DatabaseDamaged,
    KeyMissing,
    KeyringLocked,
    PunchRefused,
    SchemaTooNew,
    Store,
    WrongKey,
)
from app.store.keyvault import SERVICE, KeyVault, new_key
from app.store.profile import Profile
from app.store.schema import LATEST
from tests.keyring_fakes import MemoryKeyring

DISTINCTIVE = "EMP-7Q4Z9X-DISTINCT"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_store(folder: Path, keys: MemoryKeyring) -> Store:
    return Store.open(folder, backend=keys)


def db_path(folder: Path) -> Path:
    return folder / "stempel.db"


def current_key_entry(folder: Path) -> tuple[str, str]:
    return (SERVICE, f"{Profile.load(folder).id}:current")


def test_database_file_is_encrypted_and_hides_employee_numbers(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        store.upsert_employee(DISTINCTIVE, "Ola Testmann")
        store.punch(DISTINCTIVE, PunchKind.IN)
        wal = profile_dir / "stempel.db-wal"
        assert wal.stat().st_size > 0
        assert DISTINCTIVE.encode() not in wal.read_bytes()
    raw = db_path(profile_dir).read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert DISTINCTIVE.encode() not in raw
    assert DISTINCTIVE.encode("utf-16-le") not in raw


def test_plain_sqlite_cannot_read_the_database(profile_dir: Path, memory_keyring: MemoryKeyring) -> None:
    import sqlite3

    make_store(profile_dir, memory_keyring).close()
    plain = sqlite3.connect(db_path(profile_dir))
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_key_is_random_256_bit_and_kept_in_the_keyring(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    make_store(profile_dir, memory_keyring).close()
    other = profile_dir.parent / "other"
    make_store(other, memory_keyring).close()
    first = memory_keyring.secrets[current_key_entry(profile_dir)]
    second = memory_keyring.secrets[current_key_entry(other)]
    assert len(bytes.fromhex(first)) == 32
    assert first != second


def test_punch_is_stored_with_an_outbox_row(profile_dir: Path, memory_keyring: MemoryKeyring) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        punch = store.punch("1001", PunchKind.IN, note="morgen")
    with make_store(profile_dir, memory_keyring) as store:
        assert [p.id for p in store.punches("1001")] == [punch.id]
        assert store.state("1001") is ClockState.IN
        [entry] = store.outbox()
        assert entry.payload["id"] == punch.id
        assert entry.payload["kind"] == "in"
        assert entry.state == "pending"
        assert store.pending_count() == 1


def test_clock_out_when_not_in_is_refused_and_nothing_is_stored(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        with pytest.raises(PunchRefused, match="not clocked in"):
            store.punch("1001", PunchKind.OUT)
        assert store.punches("1001") == []
        assert store.pending_count() == 0


def test_full_day_walks_the_state_machine(profile_dir: Path, memory_keyring: MemoryKeyring) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        for kind, state in [
            (PunchKind.IN, ClockState.IN),
            (PunchKind.BREAK_START, ClockState.ON_BREAK),
            (PunchKind.BREAK_END, ClockState.IN),
            (PunchKind.OUT, ClockState.OUT),
        ]:
            store.punch("1001", kind)
            assert store.state("1001") is state
        assert [p.kind for p in store.punches("1001")] == [
            PunchKind.IN, PunchKind.BREAK_START, PunchKind.BREAK_END, PunchKind.OUT
        ]


@pytest.mark.parametrize(
    "hostile",
    [
        "'; DROP TABLE punches;--",
        "Robert'); DELETE FROM outbox; --",
        "nul\x00byte",
        "emoji 🕐👩🏽‍🔧 æøå ÆØÅ",
        "x" * (10 * 1024 * 1024),
    ],
    ids=["drop-table", "delete-outbox", "nul-byte", "emoji", "10-MB"],
)
def test_hostile_strings_are_stored_verbatim_and_touch_nothing_else(
    profile_dir: Path, memory_keyring: MemoryKeyring, hostile: str
) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        store.punch("1000", PunchKind.IN)
        store.upsert_employee(hostile, hostile)
        store.punch(hostile, PunchKind.IN, note=hostile)
    with make_store(profile_dir, memory_keyring) as store:
        assert store.employee(hostile) is not None
        assert store.employee(hostile).display_name == hostile  # type: ignore[union-attr]
        [record] = store.punch_records(hostile)
        assert record["note"] == hostile
        assert record["employee"] == hostile
        assert [p.employee for p in store.punches("1000")] == ["1000"]
        assert store.pending_count() == 2


def test_missing_key_is_reported_and_file_left_unchanged(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    make_store(profile_dir, memory_keyring).close()
    before = sha256(db_path(profile_dir))
    memory_keyring.secrets.clear()
    with pytest.raises(KeyMissing):
        make_store(profile_dir, memory_keyring)
    assert sha256(db_path(profile_dir)) == before


def test_wrong_key_is_reported_and_file_left_unchanged(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    make_store(profile_dir, memory_keyring).close()
    before = sha256(db_path(profile_dir))
    memory_keyring.secrets[current_key_entry(profile_dir)] = new_key().hex()
    with pytest.raises(WrongKey):
        make_store(profile_dir, memory_keyring)
    assert sha256(db_path(profile_dir)) == before


def test_damaged_file_is_reported_as_damaged_not_as_wrong_key(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
    path = db_path(profile_dir)
    raw = bytearray(path.read_bytes())
    raw[200:260] = b"\xff" * 60  # inside page 1: its HMAC no longer matches
    path.write_bytes(bytes(raw))
    before = sha256(path)
    with pytest.raises(DatabaseDamaged):
        make_store(profile_dir, memory_keyring)
    assert sha256(path) == before


@pytest.mark.parametrize(
    "content", [b"not a database at all\n" * 100, b"", b"SQLite format 3\x00" + b"\x00" * 4080],
    ids=["text-file", "empty-file", "plain-sqlite-header"],
)
def test_file_that_is_not_our_database_is_left_alone(
    profile_dir: Path, memory_keyring: MemoryKeyring, content: bytes
) -> None:
    make_store(profile_dir, memory_keyring).close()
    path = db_path(profile_dir)
    path.write_bytes(content)
    for extra in ("stempel.db-wal", "stempel.db-shm"):
        (profile_dir / extra).unlink(missing_ok=True)
    with pytest.raises(DatabaseDamaged):
        make_store(profile_dir, memory_keyring)
    assert path.read_bytes() == content


def test_schema_newer_than_this_build_is_refused_untouched(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    make_store(profile_dir, memory_keyring).close()
    key = memory_keyring.secrets[current_key_entry(profile_dir)]
    raw = sqlcipher3.connect(str(db_path(profile_dir)))
    raw.execute(f"PRAGMA key = \"x'{key}'\"")
    raw.execute(f"PRAGMA user_version = {LATEST + 5}")
    raw.commit()
    raw.close()
    before = sha256(db_path(profile_dir))
    with pytest.raises(SchemaTooNew) as caught:
        make_store(profile_dir, memory_keyring)
    assert caught.value.found == LATEST + 5
    assert sha256(db_path(profile_dir)) == before


def test_locked_keyring_is_reported_and_open_works_once_unlocked(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
    before = sha256(db_path(profile_dir))
    memory_keyring.locked = True
    with pytest.raises(KeyringLocked):
        make_store(profile_dir, memory_keyring)
    assert sha256(db_path(profile_dir)) == before
    memory_keyring.locked = False
    with make_store(profile_dir, memory_keyring) as store:
        assert len(store.punches("1001")) == 1


def test_locked_keyring_never_creates_a_database(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.locked = True
    with pytest.raises(KeyringLocked):
        make_store(tmp_path / "fresh", memory_keyring)
    assert not db_path(tmp_path / "fresh").exists()


def test_rekey_keeps_every_punch_and_retires_the_old_key(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
        old = memory_keyring.secrets[current_key_entry(profile_dir)]
        store.rekey()
        store.punch("1001", PunchKind.OUT)
    new = memory_keyring.secrets[current_key_entry(profile_dir)]
    assert new != old
    assert (SERVICE, f"{Profile.load(profile_dir).id}:next") not in memory_keyring.secrets
    with make_store(profile_dir, memory_keyring) as store:
        assert [p.kind for p in store.punches("1001")] == [PunchKind.IN, PunchKind.OUT]
    memory_keyring.secrets[current_key_entry(profile_dir)] = old
    with pytest.raises(WrongKey):
        make_store(profile_dir, memory_keyring)


def test_rekey_cut_before_the_pragma_opens_with_the_old_key(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
    profile = Profile.load(profile_dir)
    vault = KeyVault(profile.id, memory_keyring)
    old = vault.current()
    assert old is not None
    vault.set_pending(new_key())  # the kill came right after this step
    with make_store(profile_dir, memory_keyring) as store:
        assert len(store.punches("1001")) == 1
    assert vault.pending() is None
    assert vault.current() == old


def test_rekey_cut_after_the_pragma_opens_with_the_new_key_and_promotes_it(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
    profile = Profile.load(profile_dir)
    vault = KeyVault(profile.id, memory_keyring)
    old, new = vault.current(), new_key()
    assert old is not None
    vault.set_pending(new)
    profile.set_key_checks([old, new])
    raw = sqlcipher3.connect(str(db_path(profile_dir)))
    raw.execute(f"PRAGMA key = \"x'{old.hex()}'\"")
    raw.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
    raw.close()  # the kill came here: the file is under the new key, the keyring not yet promoted
    with make_store(profile_dir, memory_keyring) as store:
        assert len(store.punches("1001")) == 1
    assert vault.current() == new
    assert vault.pending() is None


def test_export_records_carry_every_column(profile_dir: Path, memory_keyring: MemoryKeyring) -> None:
    with make_store(profile_dir, memory_keyring) as store:
        store.punch("1001", PunchKind.IN, note="kom tidlig")
        [record] = store.punch_records("1001")
    assert set(record) >= {"id", "employee", "kind", "at_utc", "zone", "device_clock_utc", "note"}
    json.dumps(record)
