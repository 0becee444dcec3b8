"""The sync engine against the real server over real TLS: nothing lost, nothing doubled."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain import PunchKind
from app.store import Store
from app.syncing import open_engine
from sync.errors import ServerUnavailable
from tests.integration.server.clients import (
    PASSWORD,
    enrolled_profile,
    server_punch_ids,
    server_punch_payloads,
)
from tests.integration.server.conftest import start_server
from tests.integration.server.harness import ServerProcess
from tests.secret_service import SecretService

DAY = [PunchKind.IN, PunchKind.BREAK_START, PunchKind.BREAK_END, PunchKind.OUT]


def punch_day(profile: Path, number: str, rounds: int = 1) -> list[str]:
    with Store.open(profile) as store:
        return [store.punch(number, kind).id for _ in range(rounds) for kind in DAY]


def test_punches_reach_the_server_once_and_a_second_device_pulls_them(
    real_keyring: SecretService, tenant_server: ServerProcess, new_tenant: Callable[..., str], tmp_path: Path
) -> None:
    tenant = new_tenant()
    tenant_server.user(tenant, "1001", PASSWORD)
    first = enrolled_profile(tenant_server, tenant, tmp_path / "first", "1001")
    made = punch_day(first, "1001", rounds=3)

    with open_engine(first) as engine:
        report = engine.sync_once()
        again = engine.sync_once()
    assert (report.pushed, report.pending, report.signed_in) == (12, 0, True)
    assert (again.pushed, again.duplicates) == (0, 0)
    assert server_punch_ids(tenant_server, tenant) == made

    second = enrolled_profile(tenant_server, tenant, tmp_path / "second", "1001")
    with open_engine(second) as engine:
        pulled = engine.sync_once()
    assert pulled.pulled >= 12
    with Store.open(second) as store:
        assert [p.id for p in store.punches("1001")] == made
        assert store.pending_count() == 0


def test_offline_punches_arrive_exactly_once_after_the_server_starts(
    real_keyring: SecretService, new_tenant: Callable[..., str], tmp_path: Path
) -> None:
    server = start_server(tmp_path / "server")
    try:
        server.tenant("solo")
        server.user("solo", "2001", PASSWORD)
        profile = enrolled_profile(server, "solo", tmp_path / "pc", "2001")
        server.stop()
        made = punch_day(profile, "2001", rounds=2)
        with open_engine(profile) as engine:
            with pytest.raises(ServerUnavailable):
                engine.sync_once()
            with Store.open(profile) as store:
                assert store.pending_count() == len(made)
            server.start()
            report = engine.sync_once()
        assert (report.pushed, report.pending) == (len(made), 0)
        assert server_punch_ids(server, "solo") == made
    finally:
        server.stop()


def test_a_device_clock_ten_minutes_ahead_is_corrected_and_its_punches_marked(
    real_keyring: SecretService, tenant_server: ServerProcess, new_tenant: Callable[..., str], tmp_path: Path
) -> None:
    tenant = new_tenant()
    tenant_server.user(tenant, "3001", PASSWORD)
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", "3001")

    def ahead() -> datetime:
        return datetime.now(UTC) + timedelta(minutes=10)

    with open_engine(profile, clock=ahead) as engine:
        report = engine.sync_once()
    assert report.clock_offset_ms is not None
    assert abs(report.clock_offset_ms + 600_000) < 5_000

    with Store.open(profile, clock=ahead) as store:
        punch = store.punch("3001", PunchKind.IN)
        assert abs(punch.at - datetime.now(UTC)) < timedelta(seconds=5)  # shown and kept in server time
        assert abs(store.server_now() - datetime.now(UTC)) < timedelta(seconds=5)
    with open_engine(profile, clock=ahead) as engine:
        engine.sync_once()
    (payload,) = [json.loads(p) for p in server_punch_payloads(tenant_server, tenant)]
    assert abs(payload["clock_offset_ms"] + 600_000) < 5_000
    assert datetime.fromisoformat(payload["device_clock"]) - datetime.fromisoformat(
        payload["at"]
    ) > timedelta(minutes=9)


def test_a_long_first_pull_shows_its_total_and_a_cancel_keeps_what_arrived(
    real_keyring: SecretService, tenant_server: ServerProcess, new_tenant: Callable[..., str], tmp_path: Path
) -> None:
    """A new PC of someone with a long history: the bar counts against a total; Cancel loses nothing."""
    import threading

    from sync.engine import SyncLoop, SyncStatus

    tenant = new_tenant()
    tenant_server.user(tenant, "1001", PASSWORD)
    first = enrolled_profile(tenant_server, tenant, tmp_path / "first", "1001")
    made = punch_day(first, "1001", rounds=600)  # 2,400 punches: three pages of 1,000
    with open_engine(first) as engine:
        assert engine.sync_once().pending == 0

    second = enrolled_profile(tenant_server, tenant, tmp_path / "second", "1001")
    statuses: list[SyncStatus] = []
    changed = threading.Condition()
    cancelled: list[bool] = []
    loop: SyncLoop

    def on_status(status: SyncStatus) -> None:
        with changed:
            statuses.append(status)
            changed.notify_all()
        progress = status.progress
        if progress is not None and progress.phase == "pull" and progress.done >= 1000 and not cancelled:
            cancelled.append(loop.cancel())  # as the Cancel button does, once

    def settled(state: str) -> bool:
        return any(s.state == state for s in statuses)

    loop = SyncLoop(lambda progress: open_engine(second, progress), on_status, interval=3600)
    loop.start()
    try:
        with changed:
            assert changed.wait_for(lambda: settled("cancelled"), 60), statuses
        assert cancelled == [True]
        pulls = [s.progress for s in statuses if s.progress is not None and s.progress.phase == "pull"]
        first_total = next(p.total for p in pulls if p.total is not None)
        assert first_total >= len(made)
        received = max(p.done for p in pulls)
        with Store.open(second) as store:
            kept = len(store.punches("1001"))
        assert received >= 1000
        assert 0 < kept < len(made)  # what arrived stays; the rest is still to come

        statuses.clear()
        loop.poke()
        with changed:
            assert changed.wait_for(lambda: settled("synced"), 60), statuses
        resumed = [s.progress for s in statuses if s.progress is not None and s.progress.phase == "pull"]
        assert next(p.total for p in resumed if p.total is not None) == first_total - received
    finally:
        assert loop.stop(30)
    with Store.open(second) as store:
        assert [p.id for p in store.punches("1001")] == made
