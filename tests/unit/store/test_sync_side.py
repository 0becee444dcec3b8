"""The store's side of sync: the outbox as the engine reads and settles it, pulled pages, the clock offset."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain import PunchKind
from app.store import Store
from app.store.store import CLOCK_OFFSET_MS
from sync import config
from tests.keyring_fakes import MemoryKeyring

NOON = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)


def open_store(folder: Path, keys: MemoryKeyring, at: datetime = NOON) -> Store:
    return Store.open(folder, backend=keys, clock=lambda: at)


def test_the_offset_name_is_the_one_the_engine_writes() -> None:
    assert CLOCK_OFFSET_MS == config.CLOCK_OFFSET_MS


def test_pending_rows_come_oldest_first_as_wire_ready_json(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with open_store(profile_dir, memory_keyring) as store:
        made = [store.punch("1001", kind).id for kind in (PunchKind.IN, PunchKind.OUT)]
        rows = store.pending_mutations(10)
    assert [json.loads(payload)["id"] for _, _, payload in rows] == made
    assert {kind for _, kind, _ in rows} == {"punch"}
    assert all("type" not in json.loads(payload) for _, _, payload in rows)


def test_settle_drops_accepted_and_duplicate_and_keeps_rejected_with_reason(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with open_store(profile_dir, memory_keyring) as store:
        for kind in (PunchKind.IN, PunchKind.OUT, PunchKind.IN):
            store.punch("1001", kind)
        (a, _, _), (b, _, _), (c, _, _) = store.pending_mutations(10)
        store.settle(
            [(a, "accepted", None, 7), (b, "duplicate", None, 8), (c, "rejected", "week is locked", None)]
        )
        assert store.pending_count() == 0
        assert store.rejected_count() == 1
        assert store.refused() == [(c, "week is locked")]
        assert len(store.punches("1001")) == 3  # the punches themselves stay
        store.settle([("not-a-known-id", "accepted", None, 9)])  # an answer for nothing changes nothing
        assert store.rejected_count() == 1


def event(seq: int, kind: str = "in", employee: str = "1002", at: datetime = NOON) -> dict[str, object]:
    return {
        "seq": seq,
        "id": f"00000000-0000-7000-8000-{seq:012d}",
        "type": "punch",
        "employee": employee,
        "payload": {
            "id": f"00000000-0000-7000-8000-{seq:012d}",
            "employee": employee,
            "kind": kind,
            "at": at.isoformat(),
            "zone": "Europe/Oslo",
            "device_clock": at.isoformat(),
            "clock_offset_ms": 250,
            "source": "kiosk",
            "note": "'; DROP TABLE punches; -- 🕐",
        },
        "recorded_at": at,
    }


def test_a_pulled_page_and_its_cursor_are_kept_together(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    directory = {
        "seq": 3,
        "id": "dir-3",
        "type": "employee",
        "employee": "1002",
        "payload": {"number": "1002", "first_name": "Kari", "last_name": "Nordmann"},
        "recorded_at": NOON,
    }
    other = {
        "seq": 4,
        "id": "appr-4",
        "type": "approval",
        "employee": "1002",
        "payload": {"week": "2026-W48"},
        "recorded_at": NOON,
    }
    with open_store(profile_dir, memory_keyring) as store:
        store.apply_pulled([event(1), event(2, "out", at=NOON + timedelta(hours=8)), directory, other], 4)
        store.apply_pulled([event(1)], 4)  # the same page again changes nothing
        assert store.pull_cursor() == 4
        punches = store.punches("1002")
        assert [p.kind for p in punches] == [PunchKind.IN, PunchKind.OUT]
        assert store.employee("1002") is not None
        assert store.employee("1002").display_name == "Kari Nordmann"  # type: ignore[union-attr]
        assert store.punch_records("1002")[0]["note"] == "'; DROP TABLE punches; -- 🕐"
        assert store.punch_records("1002")[0]["server_seq"] == 1


def test_a_page_that_cannot_be_kept_moves_no_cursor(profile_dir: Path, memory_keyring: MemoryKeyring) -> None:
    broken = event(9)
    broken["payload"] = {**broken["payload"], "kind": "teleport"}  # type: ignore[dict-item]
    with open_store(profile_dir, memory_keyring) as store:
        with pytest.raises(ValueError, match="teleport"):
            store.apply_pulled([event(8), broken], 9)
        assert store.pull_cursor() == 0
        assert store.punches("1002") == []


def test_a_punch_uses_the_measured_offset_and_records_it(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    ahead = NOON + timedelta(minutes=10)  # this device's clock runs ten minutes fast
    with open_store(profile_dir, memory_keyring, at=ahead) as store:
        store.set_setting(CLOCK_OFFSET_MS, str(-600_000))
        punch = store.punch("1001", PunchKind.IN)
        assert punch.at == NOON
        assert store.server_now() == NOON
        record = store.punch_records("1001")[0]
        assert record["clock_offset_ms"] == -600_000
        ((_, _, payload),) = store.pending_mutations(1)
        assert json.loads(payload)["clock_offset_ms"] == -600_000
        assert json.loads(payload)["device_clock"].startswith("2026-11-27T11:10")


def test_a_pull_of_older_punches_does_not_flip_a_fresh_clock_in(
    profile_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    from app.domain import ClockState

    with open_store(profile_dir, memory_keyring) as store:
        store.punch("1002", PunchKind.IN)
        two_days_ago = NOON - timedelta(days=2)
        store.apply_pulled(
            [event(1, "in", at=two_days_ago), event(2, "out", at=two_days_ago + timedelta(hours=8))], 2
        )
        assert store.state("1002") == ClockState.IN
