"""Starting the desktop app: the QApplication, the store worker, the window and the tray."""

from __future__ import annotations

import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from keyring.backend import KeyringBackend
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.domain import DEFAULT_ZONE
from app.store import Store, unlock_keyring
from app.ui.clock_model import DEFAULT_RETRY_MS, Clock, Unlock, utc_now
from app.ui.icons import app_icon
from app.ui.main_window import MainWindow
from app.ui.tasks import StoreFactory, TaskRunner
from app.ui.tray import Tray

__all__ = ["build_window", "run_gui", "store_factory"]


def store_factory(profile_dir: Path, backend: KeyringBackend | None = None) -> StoreFactory:
    """What the store worker calls (on its own thread) to open the profile."""
    return lambda: Store.open(profile_dir, backend=backend)


def build_window(
    runner: TaskRunner,
    *,
    clock: Clock = utc_now,
    zone: ZoneInfo = DEFAULT_ZONE,
    retry_interval_ms: int = DEFAULT_RETRY_MS,
    unlock: Unlock = unlock_keyring,
) -> MainWindow:
    """A main window whose first load is already queued; `window.ready` follows it.

    `unlock` is what "Try again" runs (on the store worker) before loading.
    """
    window = MainWindow(
        runner, clock=clock, zone=zone, retry_interval_ms=retry_interval_ms, unlock=unlock
    )
    window.start()
    return window


def _application(argv: list[str]) -> QApplication:
    """The QApplication, made on first use (a test or benchmark may have made one)."""
    QCoreApplication.setApplicationName("Stempel")
    QCoreApplication.setOrganizationName("Stempel")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationDisplayName("Stempel")
    app.setWindowIcon(app_icon())
    return app


def run_gui(
    profile_dir: Path, *, backend: KeyringBackend | None = None, argv: list[str] | None = None
) -> int:
    """Open the employee window (and tray icon) for `profile_dir`; returns the exit code."""
    app = _application(list(sys.argv if argv is None else argv))
    runner = TaskRunner(store_factory(profile_dir, backend))
    try:
        window = build_window(runner)
        tray = Tray(window.model, window)
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray.show()
            window.set_hide_on_close(True)
            app.setQuitOnLastWindowClosed(False)
        window.show()
        return app.exec()
    finally:
        runner.shutdown()
