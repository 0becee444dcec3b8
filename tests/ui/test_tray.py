"""The tray icon punches like the window and shows the status in its tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from app.domain import PunchKind
from app.ui.main_window import MainWindow
from app.ui.tray import Tray
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, stored_punches


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
