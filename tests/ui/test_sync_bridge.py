"""SyncBridge: the loop's reports reach the UI thread as a signal; poke, restart and stop."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QNetworkInformation
from pytestqt.qtbot import QtBot

from app.store import KeyringLocked
from app.ui.sync_bridge import SyncBridge
from sync.engine import Progress, SyncReport, SyncStatus
from tests.ui.support import MakeBridge
from tests.ui.sync_fakes import FakeSync, report

Reachability = QNetworkInformation.Reachability


def first_status(qtbot: QtBot, bridge: SyncBridge) -> SyncStatus:
    with qtbot.waitSignal(bridge.status_changed, timeout=10_000) as arrived:
        bridge.start()
    status = arrived.args[0]
    assert isinstance(status, SyncStatus)
    return status


def test_the_loop_runs_off_the_ui_thread_and_its_status_arrives_on_it(
    qtbot: QtBot, make_bridge: MakeBridge, fake_sync: FakeSync
) -> None:
    fake_sync.script(report(pending=0))
    bridge = make_bridge()
    delivered_on: list[int] = []
    bridge.status_changed.connect(lambda _status: delivered_on.append(threading.get_ident()))

    status = first_status(qtbot, bridge)

    assert status.state == "synced"
    assert bridge.status == status
    assert delivered_on == [threading.get_ident()]
    assert fake_sync.threads
    assert threading.get_ident() not in fake_sync.threads


def test_sync_now_runs_another_round_at_once(
    qtbot: QtBot, make_bridge: MakeBridge, fake_sync: FakeSync
) -> None:
    fake_sync.script(report(pending=2))
    bridge = make_bridge()  # its timer is an hour: only a poke makes a second round
    assert first_status(qtbot, bridge).state == "pending"

    fake_sync.script(report(pending=0))
    with qtbot.waitSignal(bridge.status_changed, timeout=10_000) as arrived:
        bridge.sync_now()
    assert arrived.args[0].state == "synced"
    assert (fake_sync.rounds, bridge.pokes) == (2, 1)


def test_a_burst_of_progress_reaches_the_ui_as_its_latest_report_only(
    qtbot: QtBot, make_bridge: MakeBridge, fake_sync: FakeSync
) -> None:
    reported = threading.Event()
    release = threading.Event()

    def busy_round(progress: Callable[[Progress], None]) -> SyncReport:
        for done in range(0, 20_001, 20):
            progress(Progress("push", done, 20_000))
        reported.set()
        release.wait(10)
        return report()

    fake_sync.script(busy_round)
    bridge = make_bridge()
    seen: list[SyncStatus] = []
    bridge.status_changed.connect(seen.append)
    bridge.start()
    assert reported.wait(10)  # 1001 reports made while the UI thread took none of them
    QCoreApplication.processEvents()

    assert [(s.state, s.progress) for s in seen] == [("syncing", Progress("push", 20_000, 20_000))]
    with qtbot.waitSignal(bridge.status_changed, timeout=10_000):
        release.set()
    assert seen[-1].state == "synced"


def test_stop_ends_the_loop_and_closes_its_engine_within_the_bound(
    qtbot: QtBot, make_bridge: MakeBridge, fake_sync: FakeSync
) -> None:
    fake_sync.script(report())
    bridge = make_bridge()
    first_status(qtbot, bridge)  # the loop now waits inside its next round

    assert bridge.stop(2.0)
    assert fake_sync.events == ["open", "close"]
    assert not bridge.running
    bridge.sync_now()  # after stop: nothing starts again
    QCoreApplication.processEvents()
    assert fake_sync.events == ["open", "close"]


def test_restart_opens_a_new_engine_only_after_the_old_one_closed(
    qtbot: QtBot, make_bridge: MakeBridge, fake_sync: FakeSync
) -> None:
    fake_sync.script(report(signed_in=False))
    bridge = make_bridge()
    assert first_status(qtbot, bridge).state == "sign-in-needed"

    fake_sync.script(report())
    with qtbot.waitSignal(bridge.status_changed, timeout=10_000) as arrived:
        bridge.restart()
    assert arrived.args[0].state == "synced"
    assert fake_sync.events == ["open", "close", "open"]


def test_a_loop_that_could_not_open_its_store_says_why_and_sync_now_tries_again(
    qtbot: QtBot, make_bridge: MakeBridge, fake_sync: FakeSync
) -> None:
    fake_sync.open_error = KeyringLocked()
    bridge = make_bridge()

    status = first_status(qtbot, bridge)
    assert status.state == "problem"
    assert "keyring is locked" in status.message  # in the window's words, not the store's

    fake_sync.script(report())
    with qtbot.waitSignal(bridge.status_changed, timeout=10_000) as arrived:
        bridge.sync_now()
    assert arrived.args[0].state == "synced"
    assert fake_sync.events == ["open", "open"]  # the second loop is running


def test_the_network_coming_back_pokes_the_loop(
    qtbot: QtBot, make_bridge: MakeBridge, fake_sync: FakeSync
) -> None:
    fake_sync.script(report())
    bridge = make_bridge()
    first_status(qtbot, bridge)

    bridge.on_reachability(Reachability.Disconnected)
    assert bridge.pokes == 0
    bridge.on_reachability(Reachability.Online)
    assert bridge.pokes == 1
    bridge.on_reachability(Reachability.Online)  # no change: no poke
    assert bridge.pokes == 1


def test_watching_the_network_starts_quietly_whatever_backend_there_is(
    qtbot: QtBot, make_bridge: MakeBridge, fake_sync: FakeSync
) -> None:
    fake_sync.script(report())
    bridge = make_bridge(watch_network=True)
    assert first_status(qtbot, bridge).state == "synced"
