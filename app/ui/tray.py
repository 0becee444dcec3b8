"""The tray icon: the clock's and the sync's state at a glance, the four punches one click away.

Like the window, a thin shell over `ClockModel`. The icon is the clock state's,
with a red badge while syncing needs the user (`needs_attention`); the tooltip
says both in words. It is safe to build where no
system tray exists (offscreen, some desktops): it is then simply never shown,
and `run_gui` keeps the window's close button quitting the app.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.domain import PunchKind
from app.ui.clock_model import ClockModel
from app.ui.icons import state_icon, state_icon_name
from app.ui.main_window import PUNCH_ORDER, MainWindow
from app.ui.sync_indicator import SyncLine

__all__ = ["Tray", "needs_attention"]


def needs_attention(line: SyncLine, refused: str) -> bool:
    """Whether the tray shows the sync-problem badge: an error, sign-in needed, or refused entries.

    Offline and "not set up" are not problems here: Stempel keeps trying, or was never meant to sync.
    """
    return line.tone == "error" or line.action == "sign-in" or bool(refused)


class Tray(QSystemTrayIcon):
    def __init__(self, model: ClockModel, window: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._window = window
        self.menu = QMenu()
        self.punch_actions: dict[PunchKind, QAction] = {}
        names = {
            PunchKind.IN: self.tr("Clock in"),
            PunchKind.OUT: self.tr("Clock out"),
            PunchKind.BREAK_START: self.tr("Start break"),
            PunchKind.BREAK_END: self.tr("End break"),
        }
        for kind in PUNCH_ORDER:
            action = self.menu.addAction(names[kind])
            action.triggered.connect(lambda _checked=False, k=kind: self._model.punch(k))
            self.punch_actions[kind] = action
        self.menu.addSeparator()
        sync = window.sync
        self.sync_status_action = self.menu.addAction("")
        self.sync_status_action.setEnabled(False)  # words, not a command
        self.menu.addAction(sync.sync_now_action)
        self.sign_in_action = self.menu.addAction(self.tr("Sign in…"))
        self.sign_in_action.triggered.connect(lambda: self._in_window(sync.open_sign_in))
        self.set_up_action = self.menu.addAction(self.tr("Set up this device…"))
        self.set_up_action.triggered.connect(lambda: self._in_window(sync.open_setup))
        self.refused_action = self.menu.addAction("")
        self.refused_action.triggered.connect(lambda: self._in_window(sync.show_refused))
        self.correction_action = self.menu.addAction(self.tr("Ask for a correction…"))
        self.correction_action.triggered.connect(lambda: self._in_window(window.team.open_correction))
        self.menu.addSeparator()
        self.show_action = self.menu.addAction(self.tr("Show window"))
        self.show_action.triggered.connect(self.show_window)
        self.quit_action = self.menu.addAction(self.tr("Quit"))
        self.quit_action.triggered.connect(window.quit_app)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        model.changed.connect(self._render)
        sync.view.changed.connect(self._render)
        window.hidden_to_tray.connect(self._tell_once_still_running)
        self._told_still_running = False
        self.icon_name = ""  # the icon shown: a file name of `app.ui.icons`, e.g. "in-sync-problem"
        self._render()

    def _render(self) -> None:
        overview = self._model.overview
        known = overview is not None and overview.employee is not None
        state = overview.state if overview is not None and known else None
        view = self._window.sync.view
        line = view.line()
        refused = view.refused_text()
        problem = needs_attention(line, refused)
        name = state_icon_name(state, sync_problem=problem)
        if name != self.icon_name:
            self.icon_name = name
            self.setIcon(state_icon(state, sync_problem=problem))
        tip = self.tr("Stempel — {status}").format(status=self._model.status_text())
        tip += "\n" + line.text + (f" · {refused}" if refused else "")
        self.setToolTip(tip)
        enabled = self._model.enabled_kinds()
        for kind, action in self.punch_actions.items():
            action.setEnabled(kind in enabled)
        self.sync_status_action.setText(line.text)
        self.sign_in_action.setVisible(line.action == "sign-in")
        self.set_up_action.setVisible(line.action == "set-up")
        self.refused_action.setText(refused + "…" if refused else "")
        self.refused_action.setVisible(bool(refused))
        self.correction_action.setVisible(self._window.team.correction_action.isVisible())

    def _in_window(self, open_dialog: Callable[[], None]) -> None:
        """Dialogs belong to the window: bring it up first."""
        self.show_window()
        open_dialog()

    def show_window(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            if self._window.isVisible():
                self._window.hide()
            else:
                self.show_window()

    def _tell_once_still_running(self) -> None:
        if self._told_still_running or not self.isVisible():
            return
        self._told_still_running = True
        self.showMessage(
            self.tr("Stempel is still running"),
            self.tr("Punch from here, or choose Quit to close Stempel."),
            state_icon(None),
        )
