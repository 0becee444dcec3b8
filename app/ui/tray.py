"""The tray icon: the clock's state at a glance and the four punches one click away.

Like the window, a thin shell over `ClockModel`. It is safe to build where no
system tray exists (offscreen, some desktops): it is then simply never shown,
and `run_gui` keeps the window's close button quitting the app.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.domain import PunchKind
from app.ui.clock_model import ClockModel
from app.ui.icons import state_icon
from app.ui.main_window import PUNCH_ORDER, MainWindow

__all__ = ["Tray"]


class Tray(QSystemTrayIcon):
    def __init__(
        self, model: ClockModel, window: MainWindow, parent: QObject | None = None
    ) -> None:
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
        self.show_action = self.menu.addAction(self.tr("Show window"))
        self.show_action.triggered.connect(self.show_window)
        self.quit_action = self.menu.addAction(self.tr("Quit"))
        self.quit_action.triggered.connect(window.quit_app)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        model.changed.connect(self._render)
        window.hidden_to_tray.connect(self._tell_once_still_running)
        self._told_still_running = False
        self._render()

    def _render(self) -> None:
        overview = self._model.overview
        known = overview is not None and overview.employee is not None
        self.setIcon(state_icon(overview.state if overview is not None and known else None))
        self.setToolTip(self.tr("Stempel — {status}").format(status=self._model.status_text()))
        enabled = self._model.enabled_kinds()
        for kind, action in self.punch_actions.items():
            action.setEnabled(kind in enabled)

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
