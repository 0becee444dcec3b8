"""The employee window's way into the team review and into asking for a correction.

`TeamControls` belongs to the main window, like `SyncControls`: it owns the
Team… action (Ctrl+T; shown only when the store says the signed-in employee
is a manager or an admin, read on the store worker after each load) and the
Ask for a correction… action (shown once the profile has an employee and a
server to send the request to). It opens the `ManagerWindow` over the same
`TaskRunner` and refreshes it on each new sync status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from app.ui.clock_model import ClockModel
from app.ui.sync_controls import SyncControls
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.ui.correction_dialog import CorrectionDialog
    from app.ui.manager.window import ManagerWindow
    from sync.engine import SyncStatus

__all__ = ["MANAGER_ROLES", "ROLE_SETTING", "TEAM_SHORTCUT", "TeamControls"]

ROLE_SETTING = "role"
MANAGER_ROLES = frozenset({"manager", "admin"})
TEAM_SHORTCUT = "Ctrl+T"


class TeamControls(QObject):
    def __init__(self, model: ClockModel, runner: TaskRunner, sync: SyncControls, window: QWidget) -> None:
        super().__init__(window)
        self._model = model
        self._runner = runner
        self._sync = sync
        self._window = window
        self.role: str | None = None
        self.manager_window: ManagerWindow | None = None
        self.correction_dialog: CorrectionDialog | None = None
        self._last_status: SyncStatus | None = None

        self.team_action = QAction(self.tr("&Team…"), self)
        self.team_action.setShortcut(QKeySequence(TEAM_SHORTCUT))
        self.team_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.team_action.setToolTip(self.tr("Review and approve your team's weeks"))
        self.team_action.triggered.connect(self.open_team)
        self.team_action.setVisible(False)  # until the store says this is a manager
        self.team_action.setEnabled(False)
        self.correction_action = QAction(self.tr("Ask for a &correction…"), self)
        self.correction_action.setToolTip(self.tr("Ask your manager to correct a punch"))
        self.correction_action.triggered.connect(self.open_correction)
        self.correction_action.setVisible(False)

        model.loaded.connect(self._read_role)
        model.changed.connect(self._render)
        sync.view.changed.connect(self._after_sync_status)

    # who may do what ------------------------------------------------------------------------

    def _read_role(self) -> None:
        if self._runner.is_shut_down:
            return
        self._runner.run(lambda store: store.setting(ROLE_SETTING), self._show_role, self._role_failed)

    def _show_role(self, role: str | None) -> None:
        self.role = role
        manager = role in MANAGER_ROLES
        self.team_action.setVisible(manager)
        self.team_action.setEnabled(manager)

    def _role_failed(self, _error: Exception) -> None:
        self._show_role(None)  # the window's own load says what is wrong with the store

    def _render(self) -> None:
        overview = self._model.overview
        ready = overview is not None and overview.employee is not None and overview.sync.enrolled
        self.correction_action.setVisible(ready)
        self.correction_action.setEnabled(ready)

    def _own_number(self) -> str | None:
        overview = self._model.overview
        return None if overview is None or overview.employee is None else overview.employee.number

    # the manager window ---------------------------------------------------------------------

    def open_team(self) -> None:
        """Open (or bring up) the manager window over the same store worker."""
        number = self._own_number()
        if number is None or not self.team_action.isEnabled() or self._runner.is_shut_down:
            return
        window = self.manager_window
        if window is None or window.manager != number:
            from app.ui.manager.window import ManagerWindow

            if window is not None:
                window.close()
                window.deleteLater()
            window = ManagerWindow(
                self._runner, number, now=self._model.now, zone=self._model.zone, parent=self._window
            )
            self.manager_window = window
        else:
            window.refresh()
        window.show()
        window.raise_()
        window.activateWindow()

    def _after_sync_status(self) -> None:
        """A new status from the sync loop (not a progress report): decisions may have landed."""
        status = self._sync.view.status
        if status is None or status is self._last_status or status.state == "syncing":
            return
        self._last_status = status
        if self.manager_window is not None and self.manager_window.isVisible():
            self.manager_window.refresh()

    # asking for a correction ------------------------------------------------------------------

    def open_correction(self) -> None:
        number = self._own_number()
        if number is None or self._runner.is_shut_down:
            return
        if self.correction_dialog is not None and self.correction_dialog.isVisible():
            self.correction_dialog.raise_()
            self.correction_dialog.activateWindow()
            return
        from app.ui.correction_dialog import CorrectionDialog

        dialog = CorrectionDialog(
            self._runner, number, now=self._model.now, zone=self._model.zone, parent=self._window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.requested.connect(self._after_correction)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.correction_dialog = dialog
        dialog.open()

    def _forget(self, dialog: CorrectionDialog) -> None:
        if self.correction_dialog is dialog:
            self.correction_dialog = None

    def _after_correction(self, _request_id: str) -> None:
        self._model.load()  # one more waiting to sync
        self._sync.sync_now()
