"""Syncing in the window: its actions, its words, its dialogs, and the sync loop's life.

`SyncControls` belongs to the main window. It owns the actions (Sync now on
F5, Sign in…, Set up this device…, the refused entries), the `SyncView` the
indicator and the tray render, and the `SyncBridge` once there is one:
`attach(factory)` hands it a way to make the bridge, and the bridge is started
as soon as a store read (on the store worker) says the profile is enrolled —
at start-up, or right after the setup dialog enrolled it. After each punch
and on Sync now it pokes the loop; after a sign-in or a new setup it restarts
it (the running engine does not know the new credentials).

The sync modules (TLS, crypto, the engine) are imported only when a dialog or
the bridge is first needed, so they do not slow the window's first paint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from app.ui.clock_model import ClockModel
from app.ui.sync_indicator import SyncAction, SyncView
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.device_setup import Enrolled
    from app.ui.login_dialog import LoginDialog, SignInJob
    from app.ui.setup_dialog import SetupDialog
    from app.ui.setup_jobs import EnrollJob
    from app.ui.sync_bridge import SyncBridge
    from sync.engine import SyncStatus

__all__ = ["SYNC_NOW_SHORTCUT", "BridgeFactory", "SyncControls"]

BridgeFactory = Callable[[], "SyncBridge"]
SYNC_NOW_SHORTCUT = "F5"
_RELOAD_AFTER = frozenset({"synced", "pending", "sign-in-needed"})
_log = logging.getLogger(__name__)


class SyncControls(QObject):
    def __init__(
        self,
        model: ClockModel,
        runner: TaskRunner,
        window: QWidget,
        *,
        enroll: EnrollJob | None = None,
        sign_in: SignInJob | None = None,
    ) -> None:
        super().__init__(window)
        self._model = model
        self._runner = runner
        self._window = window
        self._enroll = enroll
        self._sign_in = sign_in
        self._factory: BridgeFactory | None = None
        self.bridge: SyncBridge | None = None
        self.setup_dialog: SetupDialog | None = None
        self.login_dialog: LoginDialog | None = None
        self.refused_dialog: QDialog | None = None
        self.view = SyncView(model, self)

        self.sync_now_action = QAction(self.tr("Sync &now"), self)
        self.sync_now_action.setShortcut(QKeySequence(SYNC_NOW_SHORTCUT))
        self.sync_now_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_now_action.setToolTip(self.tr("Send and receive now (F5)"))
        self.sync_now_action.triggered.connect(self.sync_now)
        self.sign_in_action = QAction(self.tr("Sign &in…"), self)
        self.sign_in_action.triggered.connect(self.open_sign_in)
        self.set_up_action = QAction(self.tr("Set &up this device…"), self)
        self.set_up_action.triggered.connect(self.open_setup)
        self.refused_action = QAction(self)
        self.refused_action.triggered.connect(self.show_refused)

        model.loaded.connect(self._after_load)
        model.sync_facts_loaded.connect(self._after_load)
        model.punched.connect(self._after_punch)
        self.view.changed.connect(self._render_actions)
        self._render_actions()

    # the sync loop ---------------------------------------------------------------------

    def attach(self, factory: BridgeFactory) -> None:
        """How to make the sync bridge; it starts once the profile is known to be enrolled."""
        self._factory = factory
        self._after_load()

    def _after_load(self) -> None:
        overview = self._model.overview
        if overview is None or not overview.sync.enrolled or self.bridge is not None:
            return
        if self._factory is None or self._runner.is_shut_down:
            return
        bridge = self._factory()
        bridge.setParent(self)
        bridge.status_changed.connect(self._on_status)
        self.bridge = bridge
        bridge.start()
        self.view.set_active(True)

    def _after_punch(self) -> None:
        if self.bridge is not None:
            self.bridge.sync_now()

    def sync_now(self) -> None:
        if self.bridge is not None:
            self.bridge.sync_now()

    def cancel_sync(self) -> None:
        """Stop a long sync after its current batch; the next one carries on from there."""
        if self.bridge is not None:
            self.bridge.cancel()

    def _on_status(self, status: SyncStatus) -> None:
        if status.clock_offset_ms is not None:
            self._model.set_clock_offset_ms(status.clock_offset_ms)
        self.view.show_status(status)
        if status.state in _RELOAD_AFTER:
            self._model.load()  # pulled punches, names and counts are in the store now

    def stop(self, timeout: float) -> bool:
        """Stop the sync loop (bounded); True if it ended or never ran."""
        if self.bridge is None:
            return True
        return self.bridge.stop(timeout)

    # dialogs ------------------------------------------------------------------------------

    def act(self, action: SyncAction | None) -> None:
        """What the indicator's button offers."""
        if action == "sign-in":
            self.open_sign_in()
        elif action == "set-up":
            self.open_setup()

    def open_setup(self) -> None:
        if self._show_again(self.setup_dialog):
            return
        from app.ui.setup_dialog import SetupDialog
        from app.ui.setup_jobs import enroll_device

        dialog = SetupDialog(self._runner, self._enroll or enroll_device, parent=self._window)
        dialog.enrolled.connect(self._after_setup)
        dialog.sign_in_requested.connect(self.open_sign_in)
        self.setup_dialog = dialog
        self._open(dialog)

    def open_sign_in(self) -> None:
        if self._show_again(self.login_dialog):
            return
        from app.device_setup import sign_in_profile
        from app.ui.login_dialog import LoginDialog

        overview = self._model.overview
        number = overview.employee.number if overview is not None and overview.employee else ""
        dialog = LoginDialog(
            self._runner, self._sign_in or sign_in_profile, number=number, parent=self._window
        )
        dialog.signed_in.connect(self._after_sign_in)
        self.login_dialog = dialog
        self._open(dialog)

    def show_refused(self) -> None:
        if self._show_again(self.refused_dialog):
            return
        from app.ui.refused_dialog import RefusedDialog

        self.refused_dialog = RefusedDialog(self._runner, self._model, parent=self._window)
        self._open(self.refused_dialog)

    @staticmethod
    def _show_again(dialog: QDialog | None) -> bool:
        if dialog is None or not dialog.isVisible():
            return False
        dialog.raise_()
        dialog.activateWindow()
        return True

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        for name in ("setup_dialog", "login_dialog", "refused_dialog"):
            if getattr(self, name) is dialog:
                setattr(self, name, None)

    def _after_setup(self, _done: Enrolled) -> None:
        if self.bridge is not None:
            self.bridge.restart()  # a new device key, perhaps a new server
        self._model.load()  # says "enrolled": _after_load starts the bridge

    def _after_sign_in(self, _tokens: object) -> None:
        if self.bridge is not None:
            self.bridge.restart()  # its session still holds the device's own token
        self._model.load()

    # rendering -----------------------------------------------------------------------------

    def _render_actions(self) -> None:
        overview = self._model.overview
        enrolled = overview is not None and overview.sync.enrolled
        self.sync_now_action.setEnabled(self.bridge is not None)
        self.sign_in_action.setEnabled(enrolled)
        refused = self.view.refused_text()
        self.refused_action.setText(refused + "…" if refused else "")
        self.refused_action.setVisible(bool(refused))
