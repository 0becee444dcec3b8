"""The sync bar, the Stempel menu and the tray follow the sync loop; Sync now pokes it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from app.domain import PunchKind
from app.store import Store
from app.ui.app import build_window
from app.ui.main_window import MainWindow
from app.ui.refused_dialog import RefusedDialog
from app.ui.sync_bridge import SyncBridge
from app.ui.tray import Tray
from sync import config
from sync.engine import Progress, SyncAborted, SyncReport
from sync.errors import CertificateRejected, DeviceRevoked, ServerUnavailable, UnexpectedAnswer
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, MakeBridge, MakeRunner, MakeWindow, cell
from tests.ui.sync_fakes import FakeSync, report

WindowAndBridge = tuple[MainWindow, SyncBridge]


def attach(window: MainWindow, make_bridge: MakeBridge) -> list[SyncBridge]:
    """Give the window a way to make its bridge; the list gets the bridge once it is made."""
    made: list[SyncBridge] = []

    def factory() -> SyncBridge:
        made.append(make_bridge())
        return made[-1]

    window.sync.attach(factory)
    return made


@pytest.fixture
def synced(
    qtbot: QtBot,
    make_runner: MakeRunner,
    make_window: MakeWindow,
    enrolled: Path,
    keyring_backend: MemoryKeyring,
    make_bridge: MakeBridge,
    fake_sync: FakeSync,
) -> WindowAndBridge:
    """A window over an enrolled profile whose loop has reported its first round: synced at 07:58."""
    window = make_window(make_runner(lambda: Store.open(enrolled, backend=keyring_backend)))
    fake_sync.script(report())
    made = attach(window, make_bridge)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Synced 07:58", timeout=10_000)
    return window, made[0]


def next_round(qtbot: QtBot, window: MainWindow, fake_sync: FakeSync, outcome: object, text: str) -> None:
    fake_sync.script(outcome)  # type: ignore[arg-type]
    window.sync.sync_now()
    qtbot.waitUntil(lambda: window.sync_label.text() == text, timeout=10_000)


def test_the_bar_moves_through_the_states_of_the_loop(
    qtbot: QtBot, synced: WindowAndBridge, fake_sync: FakeSync
) -> None:
    window, _bridge = synced
    bar = window.sync_indicator
    assert bar.property("tone") == "ok"
    assert not bar.action_button.isVisible()
    assert bar.sync_now_button.isVisible()

    next_round(qtbot, window, fake_sync, report(pending=3), "3 waiting to sync")
    assert bar.property("tone") == "waiting"

    fake_sync.store.pending = 3
    next_round(
        qtbot,
        window,
        fake_sync,
        ServerUnavailable("Could not connect to the server at x:1"),
        "Offline since 07:42 — 3 waiting",
    )
    assert bar.property("tone") == "warning"
    assert "Could not connect" in bar.toolTip()

    next_round(qtbot, window, fake_sync, report(signed_in=False), "Sign-in needed")
    assert bar.action_button.isVisible()
    assert bar.action_button.text() == "Si&gn in…"

    next_round(
        qtbot,
        window,
        fake_sync,
        CertificateRejected(),
        "The server's certificate is not the one this device trusts",
    )
    assert bar.property("tone") == "error"
    assert bar.action_button.text() == "Set &up…"

    next_round(qtbot, window, fake_sync, DeviceRevoked("gone"), "This device was removed from the server")
    assert bar.action_button.isVisible()

    next_round(
        qtbot,
        window,
        fake_sync,
        UnexpectedAnswer("The server refused this device's signature"),
        "Sync problem — 3 waiting",
    )
    assert "signature" in bar.toolTip()
    assert not bar.action_button.isVisible()

    next_round(qtbot, window, fake_sync, report(), "Synced 07:58")
    assert not bar.action_button.isVisible()


def mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return None if at < 0 else text.replace("&&", "")[at + 1].lower()


def test_every_mnemonic_in_the_window_is_its_own_whatever_the_bar_offers(
    qtbot: QtBot, synced: WindowAndBridge, fake_sync: FakeSync
) -> None:
    window, _bridge = synced
    for outcome, text in [
        (report(signed_in=False, rejected_total=1), "Sign-in needed"),
        (CertificateRejected(), "The server's certificate is not the one this device trusts"),
    ]:
        next_round(qtbot, window, fake_sync, outcome, text)
        window.model.error_text = "shown"  # the error banner's Try again, too
        window.model.retry_offered = True
        window.model.changed.emit()
        keys = [mnemonic(a.text()) for a in window.menuBar().actions()]
        keys += [mnemonic(b.text()) for b in window.findChildren(QPushButton) if b.isVisible()]
        found = [k for k in keys if k]
        assert len(found) == len(set(found)), found


def test_a_long_sync_shows_how_far_it_got(qtbot: QtBot, synced: WindowAndBridge, fake_sync: FakeSync) -> None:
    window, _bridge = synced
    release = threading.Event()

    def pushing(progress: Callable[[Progress], None]) -> SyncReport:
        progress(Progress("push", 1200, 20_000))
        release.wait(10)
        return report()

    number = QLocale().toString
    next_round(qtbot, window, fake_sync, pushing, f"Syncing… {number(1200)} of {number(20_000)}")
    bar = window.sync_indicator
    assert bar.progress_bar.isVisible()
    assert (bar.progress_bar.value(), bar.progress_bar.maximum()) == (1200, 20_000)

    release.set()
    qtbot.waitUntil(lambda: window.sync_label.text() == "Synced 07:58", timeout=10_000)
    assert not bar.progress_bar.isVisible()


def test_a_long_first_pull_counts_against_its_total_and_can_be_cancelled(
    qtbot: QtBot, synced: WindowAndBridge, fake_sync: FakeSync
) -> None:
    window, _bridge = synced
    bar = window.sync_indicator

    def pulling(progress: Callable[[Progress], None]) -> SyncReport:
        progress(Progress("pull", 3000, 64_000))
        if not fake_sync.abort_requested.wait(10):
            return report()
        raise SyncAborted()

    number = QLocale().toString
    fake_sync.store.pending = 2
    next_round(qtbot, window, fake_sync, pulling, f"Syncing… {number(3000)} of {number(64_000)}")
    assert (bar.progress_bar.value(), bar.progress_bar.maximum()) == (3000, 64_000)
    qtbot.waitUntil(bar.cancel_button.isVisible)
    bar.cancel_button.setFocus()
    QTest.keyClick(bar.cancel_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Sync stopped — 2 waiting", timeout=10_000)
    assert not bar.cancel_button.isVisible()
    assert not bar.progress_bar.isVisible()
    assert "carries on" in bar.toolTip()

    next_round(qtbot, window, fake_sync, report(), "Synced 07:58")  # the next round goes on as usual


def test_a_short_sync_offers_no_cancel(qtbot: QtBot, synced: WindowAndBridge, fake_sync: FakeSync) -> None:
    window, _bridge = synced
    release = threading.Event()

    def pushing(progress: Callable[[Progress], None]) -> SyncReport:
        progress(Progress("push", 3, 12))
        release.wait(10)
        return report()

    next_round(qtbot, window, fake_sync, pushing, "Syncing… 3 of 12")
    assert not window.sync_indicator.cancel_button.isVisible()
    release.set()
    qtbot.waitUntil(lambda: window.sync_label.text() == "Synced 07:58", timeout=10_000)


def test_refused_entries_are_counted_and_listed_with_their_reasons(
    qtbot: QtBot,
    make_runner: MakeRunner,
    make_window: MakeWindow,
    enrolled: Path,
    keyring_backend: MemoryKeyring,
    make_bridge: MakeBridge,
    fake_sync: FakeSync,
) -> None:
    with Store.open(enrolled, backend=keyring_backend) as store:
        store.punch(EMPLOYEE, PunchKind.IN)
        store.punch(EMPLOYEE, PunchKind.OUT)
        first, second = (entry.id for entry in store.outbox())
        store.settle(
            [
                (first, "rejected", "the week is already approved", None),
                (second, "rejected", "employee 1001 is not on this team", None),
            ]
        )
    window = make_window(make_runner(lambda: Store.open(enrolled, backend=keyring_backend)))
    fake_sync.script(report(rejected_total=2))
    attach(window, make_bridge)
    bar = window.sync_indicator
    qtbot.waitUntil(lambda: bar.refused_button.isVisible(), timeout=10_000)
    assert bar.refused_button.text() == "2 refused by the server…"

    bar.refused_button.click()
    dialog = window.sync.refused_dialog
    assert isinstance(dialog, RefusedDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    cells = [[cell(dialog.table, r, c) for c in range(4)] for r in range(2)]
    assert [row[1:] for row in cells] == [
        ["Clocked in", EMPLOYEE, "the week is already approved"],
        ["Clocked out", EMPLOYEE, "employee 1001 is not on this team"],
    ]
    dialog.close()


def test_sync_now_from_the_key_the_button_and_the_menu_pokes_the_loop(
    qtbot: QtBot, synced: WindowAndBridge, fake_sync: FakeSync
) -> None:
    window, bridge = synced
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    QTest.keyClick(window, Qt.Key.Key_F5)
    assert bridge.pokes == 1
    window.sync_indicator.sync_now_button.click()
    assert bridge.pokes == 2
    assert window.sync.sync_now_action.shortcut().toString() == "F5"
    window.sync.sync_now_action.trigger()
    assert bridge.pokes == 3
    stempel_menu = window.menuBar().actions()[0].menu()
    assert isinstance(stempel_menu, QMenu)
    menu_texts = [a.text() for a in stempel_menu.actions()]
    assert menu_texts[:1] == ["Sync &now"]
    assert {"Sign &in…", "Set &up this device…", "&Quit"} <= set(menu_texts)

    next_round(qtbot, window, fake_sync, report(pending=0), "Synced 07:58")


def test_every_committed_punch_pokes_the_loop(
    qtbot: QtBot, synced: WindowAndBridge, fake_sync: FakeSync
) -> None:
    window, bridge = synced
    with qtbot.waitSignal(window.model.punched, timeout=10_000):
        window.punch_buttons[PunchKind.IN].click()
    assert bridge.pokes == 1
    assert window.sync_label.text() == "1 waiting to sync"  # the store's count, before the round

    next_round(qtbot, window, fake_sync, report(pending=0), "Synced 07:58")


def test_the_tray_says_the_same_and_offers_sign_in_when_needed(
    qtbot: QtBot, synced: WindowAndBridge, fake_sync: FakeSync
) -> None:
    window, _bridge = synced
    tray = Tray(window.model, window, parent=window)
    assert tray.toolTip().endswith("\nSynced 07:58")
    assert tray.sync_status_action.text() == "Synced 07:58"
    assert not tray.sign_in_action.isVisible()

    next_round(qtbot, window, fake_sync, report(signed_in=False, rejected_total=1), "Sign-in needed")
    assert tray.toolTip().endswith("\nSign-in needed · 1 refused by the server")
    assert tray.sign_in_action.isVisible()
    assert tray.refused_action.isVisible()


def test_an_unenrolled_profile_never_starts_the_loop_and_offers_set_up(
    qtbot: QtBot, window: MainWindow, make_bridge: MakeBridge
) -> None:
    made = attach(window, make_bridge)
    with qtbot.waitSignal(window.model.loaded):
        window.model.load()

    assert made == []
    assert window.sync_label.text() == "Not set up to sync"
    assert window.sync_indicator.action_button.isVisible()
    assert not window.sync_indicator.sync_now_button.isVisible()
    assert not window.sync.sync_now_action.isEnabled()
    assert not window.sync.sign_in_action.isEnabled()


def test_now_and_today_follow_the_servers_clock_measured_by_the_store(
    qtbot: QtBot, make_runner: MakeRunner, tmp_path: Path
) -> None:
    backend = MemoryKeyring()
    folder = tmp_path / "skewed"
    device_now = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)  # 23:30 Tuesday in Oslo, by the device
    with Store.open(folder, backend=backend, clock=lambda: device_now - timedelta(hours=1)) as store:
        store.set_setting("employee", EMPLOYEE)
        store.punch(EMPLOYEE, PunchKind.IN)  # 22:30 Tuesday, device time
        store.set_setting(config.CLOCK_OFFSET_MS, str(3_600_000))  # the server is an hour ahead
    window = build_window(make_runner(lambda: Store.open(folder, backend=backend)), clock=lambda: device_now)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()

    assert window.model.now() == device_now + timedelta(hours=1)  # 00:30 Wednesday by the server
    assert window.today_panel.table.isHidden()  # Tuesday's punch is not today's any more
    assert window.status_label.text() == "Clocked in since 24.11. 22:30 · 30 min today"

    window.model.set_clock_offset_ms(0)  # a sync measured the clocks agree after all
    assert window.model.now() == device_now
    assert window.status_label.text() == "Clocked in since 22:30 · 1 h 0 min today"


def test_tab_crosses_the_bar_from_left_to_right(qtbot: QtBot, synced: WindowAndBridge) -> None:
    window, _bridge = synced
    bar = window.sync_indicator
    for button in (bar.cancel_button, bar.refused_button, bar.action_button):
        button.setText("x")
        button.show()
    order = [bar.cancel_button, bar.refused_button, bar.action_button, bar.sync_now_button]
    assert all(button.isVisible() for button in order)
    bar.cancel_button.setFocus()
    reached = [QApplication.focusWidget()]
    for _ in order[1:]:
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == order
