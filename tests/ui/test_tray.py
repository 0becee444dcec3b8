"""The tray icon punches like the window and shows the status in its tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from app.domain import ClockState, PunchKind
from app.ui.icons import RESOURCES, state_icon, state_icon_name
from app.ui.main_window import MainWindow
from app.ui.tray import Tray
from sync.engine import SyncStatus
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, OFFLINE_AT, stored_punches


def make_tray(window: MainWindow) -> Tray:
    tray = Tray(window.model, window, parent=window)
    if QSystemTrayIcon.isSystemTrayAvailable():  # a real desktop; offscreen has none
        tray.show()
    return tray


def enabled_actions(tray: Tray) -> set[PunchKind]:
    return {kind for kind, action in tray.punch_actions.items() if action.isEnabled()}


def test_tray_is_usable_without_a_system_tray(window: MainWindow) -> None:
    tray = make_tray(window)
    assert not tray.icon().isNull()
    assert enabled_actions(tray) == {PunchKind.IN}
    assert [a.text() for a in tray.menu.actions() if a.isVisible() and a.text()] == [
        "Clock in", "Clock out", "Start break", "End break",
        "Not set up to sync", "Sync &now", "Set up this device…", "Show window", "Quit",
    ]


def test_tray_actions_punch_and_the_tooltip_follows(
    qtbot: QtBot, window: MainWindow, profile: Path, keyring_backend: MemoryKeyring
) -> None:
    tray = make_tray(window)
    assert window.status_label.text() in tray.toolTip()

    with qtbot.waitSignal(window.model.punched):
        tray.punch_actions[PunchKind.IN].trigger()
    assert enabled_actions(tray) == {PunchKind.OUT, PunchKind.BREAK_START}
    assert tray.toolTip() == f"Stempel — {window.status_label.text()}\nNot set up to sync — 1 waiting"
    assert "Clocked in since" in tray.toolTip()

    with qtbot.waitSignal(window.model.punched):
        tray.punch_actions[PunchKind.BREAK_START].trigger()
    assert enabled_actions(tray) == {PunchKind.BREAK_END}
    assert "On a break since" in tray.toolTip()

    assert stored_punches(profile, keyring_backend) == [(EMPLOYEE, "in"), (EMPLOYEE, "break-start")]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_show_window_brings_a_hidden_window_back(qtbot: QtBot, window: MainWindow) -> None:
    tray = make_tray(window)
    window.set_hide_on_close(True)
    window.close()
    assert window.isHidden()

    tray.show_action.trigger()
    qtbot.waitExposed(window)
    assert window.isVisible()


def test_the_icon_shows_a_sync_problem_and_clears_when_syncing_recovers(window: MainWindow) -> None:
    tray = make_tray(window)
    view = window.sync.view
    assert tray.icon_name == "out"
    calm = tray.icon().cacheKey()
    view.set_active(True)

    view.show_status(SyncStatus("problem", pending=2, message="The server answered 500"))
    assert tray.icon_name == "out-sync-problem"
    assert tray.icon().cacheKey() != calm
    assert not tray.icon().isNull()
    assert tray.toolTip().endswith("\nSync problem — 2 waiting")

    view.show_status(SyncStatus("synced", last_sync=OFFLINE_AT))
    assert tray.icon_name == "out"
    assert tray.toolTip().endswith("\nSynced 07:42")


@pytest.mark.parametrize(
    ("status", "problem"),
    [
        (SyncStatus("synced"), False),
        (SyncStatus("offline", since=OFFLINE_AT), False),  # it keeps trying by itself
        (SyncStatus("syncing"), False),
        (SyncStatus("sign-in-needed"), True),
        (SyncStatus("certificate"), True),
        (SyncStatus("device-revoked"), True),
        (SyncStatus("synced", rejected=2), True),  # refused entries wait for the user
    ],
)
def test_which_sync_states_badge_the_icon(window: MainWindow, status: SyncStatus, problem: bool) -> None:
    tray = make_tray(window)
    window.sync.view.set_active(True)
    window.sync.view.show_status(status)
    assert tray.icon_name == ("out-sync-problem" if problem else "out")


def test_the_badge_keeps_the_clock_state(qtbot: QtBot, window: MainWindow) -> None:
    tray = make_tray(window)
    window.sync.view.set_active(True)
    window.sync.view.show_status(SyncStatus("sign-in-needed"))
    with qtbot.waitSignal(window.model.punched):
        tray.punch_actions[PunchKind.IN].trigger()
    assert tray.icon_name == "in-sync-problem"
    assert "Clocked in since" in tray.toolTip()
    assert "Sign-in needed" in tray.toolTip()


@pytest.mark.parametrize("problem", [False, True])
@pytest.mark.parametrize("state", [None, *ClockState])
def test_every_state_icon_is_an_svg_that_draws_at_tray_sizes(
    qapp: QApplication, state: ClockState | None, problem: bool
) -> None:
    name = state_icon_name(state, sync_problem=problem)
    assert QSvgRenderer(str(RESOURCES / f"{name}.svg")).isValid()
    icon = state_icon(state, sync_problem=problem)
    for side in (16, 22, 24, 32, 64):
        image = icon.pixmap(QSize(side, side), 1.0).toImage()
        assert image.size() == QSize(side, side)
        assert image.pixelColor(side // 2, side // 2).alpha() == 255  # drawn, not blank
        assert image.pixelColor(0, 0).alpha() == 0  # a round icon: the corners stay clear
