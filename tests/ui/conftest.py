"""Fixtures for the Qt UI tests: an offscreen Qt, a profile with one employee, a runner, a fake sync."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STEMPEL_LANGUAGE", "en")

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.store import Store
from app.ui.app import build_window
from app.ui.main_window import MainWindow
from app.ui.sync_bridge import SyncBridge
from app.ui.tasks import StoreFactory, TaskRunner
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, EMPLOYEE_NAME, OFFLINE_AT, MakeBridge, MakeRunner, MakeWindow
from tests.ui.sync_fakes import FakeSync, enroll_in_store


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def profile(tmp_path: Path, keyring_backend: MemoryKeyring) -> Path:
    """A profile folder whose own employee is 1001, Kari Nordmann; its store is closed."""
    folder = tmp_path / "profile"
    with Store.open(folder, backend=keyring_backend) as store:
        store.set_setting("employee", EMPLOYEE)
        store.upsert_employee(EMPLOYEE, EMPLOYEE_NAME)
    return folder


@pytest.fixture
def make_runner() -> Iterator[MakeRunner]:
    """Build TaskRunners over any store factory; each is shut down after the test."""
    runners: list[TaskRunner] = []

    def make(factory: StoreFactory) -> TaskRunner:
        runner = TaskRunner(factory)
        runners.append(runner)
        return runner

    yield make
    for runner in runners:
        runner.shutdown()


@pytest.fixture
def runner(make_runner: MakeRunner, profile: Path, keyring_backend: MemoryKeyring) -> TaskRunner:
    return make_runner(lambda: Store.open(profile, backend=keyring_backend))


@pytest.fixture
def make_window(qtbot: QtBot) -> MakeWindow:
    """Show a window over `runner`; wait until its first load is on screen and sync is known."""

    def make(runner: TaskRunner) -> MainWindow:
        window = build_window(runner, retry_interval_ms=50)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.ready, timeout=10_000):
            window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.model.sync_facts_known, timeout=10_000)
        return window

    return make


@pytest.fixture
def window(make_window: MakeWindow, runner: TaskRunner) -> MainWindow:
    return make_window(runner)


@pytest.fixture
def enrolled(profile: Path, keyring_backend: MemoryKeyring) -> Path:
    """The profile of `profile`, enrolled with a (fictitious) server and signed in."""
    with Store.open(profile, backend=keyring_backend) as store:
        enroll_in_store(store)
    return profile


@pytest.fixture
def fake_sync() -> FakeSync:
    return FakeSync()


@pytest.fixture
def make_bridge(qtbot: QtBot, fake_sync: FakeSync) -> Iterator[MakeBridge]:
    """SyncBridges over `fake_sync` (long timer, no network watch); each stopped after the test.

    Offline spells start at OFFLINE_AT by the bridge's clock.
    """
    bridges: list[SyncBridge] = []

    def make(**options: object) -> SyncBridge:
        settings: dict[str, object] = {
            "interval": 3600.0, "watch_network": False, "clock": lambda: OFFLINE_AT,
        }
        settings.update(options)
        bridge = SyncBridge(fake_sync.open_engine, **settings)  # type: ignore[arg-type]
        bridges.append(bridge)
        return bridge

    yield make
    for bridge in bridges:
        assert bridge.stop(5.0)
