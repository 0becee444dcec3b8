"""Starting the desktop app: the QApplication, the store worker, the window and the tray."""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from keyring.backend import KeyringBackend
from PySide6.QtCore import QCoreApplication, QSocketNotifier
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.domain import DEFAULT_ZONE
from app.store import Store, unlock_keyring
from app.ui.clock_model import DEFAULT_RETRY_MS, Clock, Unlock, utc_now
from app.ui.i18n import install_translations
from app.ui.icons import app_icon
from app.ui.main_window import MainWindow
from app.ui.sync_controls import BridgeFactory
from app.ui.tasks import StoreFactory, TaskRunner
from app.ui.theme import apply_theme
from app.ui.tray import Tray

if TYPE_CHECKING:
    from app.ui.login_dialog import SignInJob
    from app.ui.setup_jobs import EnrollJob
    from app.ui.sync_bridge import SyncBridge

__all__ = ["SYNC_STOP_TIMEOUT_S", "build_window", "run_gui", "store_factory", "sync_bridge_factory"]

SYNC_STOP_TIMEOUT_S = 5.0


def store_factory(profile_dir: Path, backend: KeyringBackend | None = None) -> StoreFactory:
    """What the store worker calls (on its own thread) to open the profile."""
    return lambda: Store.open(profile_dir, backend=backend)


def sync_bridge_factory(profile_dir: Path, backend: KeyringBackend | None = None) -> BridgeFactory:
    """How the window makes its sync bridge once the profile is known to be enrolled.

    The loop opens its own store connection, on its own thread, through
    `app.syncing.open_engine`. Imported on first use: the window paints first.
    """

    def make() -> SyncBridge:
        from app.syncing import open_engine
        from app.ui.sync_bridge import SyncBridge

        return SyncBridge(lambda progress: open_engine(profile_dir, progress, backend=backend))

    return make


def build_window(
    runner: TaskRunner,
    *,
    clock: Clock = utc_now,
    zone: ZoneInfo = DEFAULT_ZONE,
    retry_interval_ms: int = DEFAULT_RETRY_MS,
    unlock: Unlock = unlock_keyring,
    enroll: EnrollJob | None = None,
    sign_in: SignInJob | None = None,
    profile_dir: Path | None = None,
) -> MainWindow:
    """A main window whose first load is already queued; `window.ready` follows it.

    `unlock` is what "Try again" runs (on the store worker) before loading;
    `enroll` and `sign_in` what the setup and sign-in dialogs run there
    (defaults: the real ones of `app.device_setup`).
    """
    window = MainWindow(
        runner,
        clock=clock,
        zone=zone,
        retry_interval_ms=retry_interval_ms,
        unlock=unlock,
        enroll=enroll,
        sign_in=sign_in,
        profile_dir=profile_dir,
    )
    window.start()
    return window


def _application(argv: list[str]) -> QApplication:
    """The QApplication in its language and look, made on first use (a test or benchmark may have one)."""
    QCoreApplication.setApplicationName("Stempel")
    QCoreApplication.setOrganizationName("Stempel")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationDisplayName("Stempel")
    app.setWindowIcon(app_icon())
    install_translations(app)
    apply_theme(app)
    return app


@contextmanager
def _quit_on_terminate() -> Iterator[None]:
    """SIGTERM (a logout, `kill`) quits like the Quit action, so syncing and the store close cleanly.

    Python runs a signal handler only between bytecodes, never inside Qt's event
    loop; the wakeup fd makes a socket readable, whose notifier runs a little
    Python on the UI thread, and the handler with it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: reader.recv(64))
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    previous = signal.signal(signal.SIGTERM, lambda _signum, _frame: QCoreApplication.quit())
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        reader.close()
        writer.close()


def run_gui(
    profile_dir: Path, *, backend: KeyringBackend | None = None, argv: list[str] | None = None
) -> int:
    """Open the employee window (and tray icon) for `profile_dir`; returns the exit code.

    Syncing starts once the first store read says the profile is enrolled, and
    is stopped (waiting at most SYNC_STOP_TIMEOUT_S) before the store worker,
    also when the app is ended by SIGTERM.
    """
    app = _application(list(sys.argv if argv is None else argv))
    runner = TaskRunner(store_factory(profile_dir, backend))
    window: MainWindow | None = None
    try:
        window = build_window(runner, profile_dir=profile_dir)
        if os.environ.get("STEMPEL_REPORT_READY") == "1":  # benchmarks/bundle_start.py: "ready" on stdout
            window.ready.connect(lambda: print("ready", flush=True))
        window.sync.attach(sync_bridge_factory(profile_dir, backend))
        tray = Tray(window.model, window)
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray.show()
            window.set_hide_on_close(True)
            app.setQuitOnLastWindowClosed(False)
        window.show()
        with _quit_on_terminate():
            return app.exec()
    finally:
        if window is not None:
            window.sync.stop(SYNC_STOP_TIMEOUT_S)
        runner.shutdown()
