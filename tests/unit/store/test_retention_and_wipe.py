"""What leaves a device: synced rows past the tenant's window, and everything once the device is removed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain import PunchKind
from app.store import DatabaseMissing, DeviceRemoved, Store
from app.store.store import REMOVED_MARKER
from tests.keyring_fakes import MemoryKeyring

NOW = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=90)
WINDOW = NOW - timedelta(days=62)


def open_store(folder: Path, keys: MemoryKeyring, at: datetime = NOW, *, create: bool = True) -> Store:
    return Store.open(folder, backend=keys, clock=lambda: at, create=create)


def pulled_punch(seq: int, at: datetime, employee: str = "1002", kind: str = "in") -> dict[str, object]:
    punch_id = f"00000000-0000-7000-8000-{seq:012d}"
    return {
        "seq": seq,
        "id": punch_id,
        "type": "punch",
        "employee": employee,
        "payload": {"id": punch_id, "employee": employee, "kind": kind, "at": at.isoformat(), "zone": "UTC"},
        "recorded_at": at,
    }


def server_event(seq: int, recorded: datetime, kind: str = "approval") -> dict[str, object]:
    return {
        "seq": seq,
        "id": f"00000000-0000-7000-9000-{seq:012d}",
        "type": kind,
        "employee": "1002",
        "payload": {"week": "2026-W30"},
        "recorded_at": recorded,
    }


def ids(store: Store, employee: str) -> set[str]:
    return {str(r["id"]) for r in store.punch_records(employee)}


def event_ids(store: Store) -> set[str]:
    return {str(r[0]) for r in store._read("SELECT id FROM server_events")}


# -- local retention ------------------------------------------------------------------------


def test_purge_removes_old_synced_punches_and_events_and_keeps_recent_ones(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with open_store(profile_dir, memory_keyring) as store:
        store.apply_pulled(
            [
                pulled_punch(1, OLD),
                pulled_punch(2, OLD + timedelta(hours=8), kind="out"),
                pulled_punch(3, NOW - timedelta(days=3)),
                server_event(4, OLD),
                server_event(5, NOW - timedelta(days=1)),
            ],
            5,
        )
        store.upsert_employee("1002", "Kari Nordmann")
        store.set_setting("tenant", "acme")
        removed = store.purge_synced(WINDOW)
        assert removed == 3
        assert ids(store, "1002") == {"00000000-0000-7000-8000-000000000003"}
        assert event_ids(store) == {"00000000-0000-7000-9000-000000000005"}
        assert store.employee("1002") is not None  # never the directory
        assert store.setting("tenant") == "acme"  # never the settings
        assert store.pull_cursor() == 5


def test_purge_keeps_what_is_not_synced_or_still_in_the_outbox(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with open_store(profile_dir, memory_keyring, at=OLD) as store:
        unsynced = store.punch("1001", PunchKind.IN).id  # made here, not yet on the server
        refused = store.punch("1001", PunchKind.OUT).id
        (_, _, _), (refused_mutation, _, _) = store.pending_mutations(10)
        store.settle([(refused_mutation, "rejected", "week is locked", None)])
        # the server's copies of both arrived with a pull: they have a seq, but the outbox holds them
        store.apply_pulled(
            [
                {
                    **pulled_punch(1, OLD, "1001"),
                    "id": unsynced,
                    "payload": {
                        "id": unsynced,
                        "employee": "1001",
                        "kind": "in",
                        "at": OLD.isoformat(),
                        "zone": "UTC",
                    },
                },
                {
                    **pulled_punch(2, OLD, "1001"),
                    "id": refused,
                    "payload": {
                        "id": refused,
                        "employee": "1001",
                        "kind": "out",
                        "at": OLD.isoformat(),
                        "zone": "UTC",
                    },
                },
            ],
            2,
        )
        store.apply_pulled([pulled_punch(3, OLD)], 3)
        store._conn.execute(  # a correction waiting to be sent that points at the old punch
            "INSERT INTO outbox (id, kind, payload, created_utc) VALUES (?, 'correction', ?, ?)",
            (
                "0190ab00-0000-7000-8000-000000000001",
                json.dumps({"id": "c-1", "target": "00000000-0000-7000-8000-000000000003"}),
                "2026-01-01T00:00:00.000000Z",
            ),
        )
        never_synced = store.punch("1003", PunchKind.IN).id
        store._conn.execute("DELETE FROM outbox WHERE json_extract(payload, '$.id') = ?", (never_synced,))
    with open_store(profile_dir, memory_keyring) as store:
        assert store.purge_synced(WINDOW) == 0
        assert ids(store, "1001") == {unsynced, refused}
        assert ids(store, "1002") == {"00000000-0000-7000-8000-000000000003"}
        assert ids(store, "1003") == {never_synced}  # no server_seq: not known to be on the server
        assert store.pending_count() == 2
        assert store.rejected_count() == 1


def test_purge_uses_the_time_index(profile_dir: Path, memory_keyring: MemoryKeyring) -> None:
    with open_store(profile_dir, memory_keyring) as store:
        plan = store._read(
            "EXPLAIN QUERY PLAN DELETE FROM punches WHERE at_utc < ? AND server_seq IS NOT NULL", ("x",)
        )
        events = store._read("EXPLAIN QUERY PLAN DELETE FROM server_events WHERE recorded_utc < ?", ("x",))
    assert any("punches_by_time" in str(row) for row in plan)
    assert any("server_events_by_recorded" in str(row) for row in events)


# -- a removed device ------------------------------------------------------------------------


def test_wipe_deletes_the_database_and_its_key_and_leaves_a_plain_notice(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with open_store(profile_dir, memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
        store.upsert_employee("1001", "Ola Nordmann")
    (profile_dir / "stempel.db-journal").write_bytes(b"x")
    assert memory_keyring.secrets

    marker = Store.wipe(profile_dir, NOW, backend=memory_keyring)

    assert marker == profile_dir / REMOVED_MARKER
    assert sorted(p.name for p in profile_dir.iterdir()) == [REMOVED_MARKER, "profile.json", "profile.lock"]
    assert memory_keyring.secrets == {}
    notice = marker.read_text(encoding="utf-8")
    assert "removed by its administrator" in notice
    assert "2026-11-27T11:00:00.000000Z" in notice
    assert "Ola" not in notice
    assert "1001" not in notice
    assert Store.removal_notice(profile_dir) == notice


def test_a_wiped_profile_says_so_and_starts_afresh_only_when_asked(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with open_store(profile_dir, memory_keyring) as store:
        store.punch("1001", PunchKind.IN)
    Store.wipe(profile_dir, NOW, backend=memory_keyring)

    with pytest.raises(DeviceRemoved, match="removed by your administrator; its data has been deleted"):
        open_store(profile_dir, memory_keyring, create=False)
    with open_store(profile_dir, memory_keyring) as store:  # what setup does
        assert store.punch_count() == 0
        assert Store.removal_notice(profile_dir) is not None  # until the enrollment succeeds
        store.clear_removal_notice()
    assert Store.removal_notice(profile_dir) is None
    with open_store(profile_dir, memory_keyring, create=False) as store:
        assert store.punch_count() == 0


def test_a_store_whose_file_was_wiped_under_it_refuses_to_write(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with open_store(profile_dir, memory_keyring) as window:  # the window's own connection
        Store.wipe(profile_dir, NOW, backend=memory_keyring)
        with pytest.raises(DeviceRemoved):
            window.punch("1001", PunchKind.IN)
    assert not (profile_dir / "stempel.db").exists()


def test_a_store_whose_file_vanished_otherwise_refuses_to_write(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with open_store(profile_dir, memory_keyring) as store:
        (profile_dir / "stempel.db").unlink()
        with pytest.raises(DatabaseMissing):
            store.set_setting("x", "y")


def test_a_pushed_punch_takes_its_server_seq_so_a_kiosk_can_let_it_go(tmp_path: Path) -> None:
    keys = MemoryKeyring()
    old = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    with Store.open(tmp_path / "kiosk", backend=keys, clock=lambda: old) as store:
        punch = store.punch("1001", PunchKind.IN)
        ((mutation, _, _),) = store.pending_mutations(10)
        store.settle([(mutation, "accepted", None, 41)])
        assert store.punch_records("1001")[0]["server_seq"] == 41
        store.purge_synced(old + timedelta(days=1))
        assert store.punch_count() == 0
        assert punch.id
