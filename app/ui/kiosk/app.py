"""Starting the kiosk: the QApplication, the store worker, the full-screen window and syncing.

    run_kiosk(profile_dir)        # what `stempel --kiosk` runs; returns the exit code

The tenant and whether the profile is enrolled are read on the store worker
before the window shows (the UI thread never opens the store). Syncing runs as
in the desktop app (`SyncBridge` over `app.syncing.open_engine`), and each
confirmed punch asks it to sync at once. On quit (an administrator closing the
kiosk, or SIGTERM) syncing stops first, then the store worker.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from keyring.backend import KeyringBackend
from PySide6.QtCore import QCoreApplication, QEventLoop

from app.store import Store
from app.ui.app import SYNC_STOP_TIMEOUT_S, _application, _quit_on_terminate, store_factory
from app.ui.kiosk.window import KioskWindow
from app.ui.sync_bridge import SyncBridge
from app.ui.tasks import TaskRunner
from sync import config

__all__ = ["DEFAULT_TENANT_NAME", "KioskFacts", "read_kiosk_facts", "run_kiosk"]

DEFAULT_TENANT_NAME = "Stempel"


@dataclass(frozen=True)
class KioskFacts:
    """What the kiosk needs to know of its profile before it shows."""

    tenant: str = DEFAULT_TENANT_NAME
    enrolled: bool = False


def _facts(store: Store) -> KioskFacts:
    return KioskFacts(
        tenant=store.setting(config.TENANT) or DEFAULT_TENANT_NAME,
        enrolled=bool(store.setting(config.DEVICE_ID)),
    )


def read_kiosk_facts(runner: TaskRunner) -> KioskFacts:
    """The profile's tenant and enrollment, read on the store worker (the UI thread waits for it).

    A store that cannot open gives the defaults: the window still shows, and
    says what is wrong when someone signs in.
    """
    loop = QEventLoop()
    found: list[KioskFacts] = []

    def done(facts: KioskFacts) -> None:
        found.append(facts)
        loop.quit()

    def failed(_error: Exception) -> None:
        found.append(KioskFacts())
        loop.quit()

    runner.run(_facts, done, failed)
    if not found:
        loop.exec()
    return found[0]


def run_kiosk(
    profile_dir: Path,
    *,
    backend: KeyringBackend | None = None,
    argv: list[str] | None = None,
    fullscreen: bool = True,
) -> int:
    """Show the kiosk for `profile_dir` (full screen unless told otherwise); returns the exit code."""
    app = _application(list(sys.argv if argv is None else argv))
    runner = TaskRunner(store_factory(profile_dir, backend))
    bridge: SyncBridge | None = None
    try:
        facts = read_kiosk_facts(runner)
        window = KioskWindow(runner, facts.tenant)
        window.exit_requested.connect(QCoreApplication.quit)
        if facts.enrolled:
            from app.syncing import open_engine  # the TLS stack: after the facts, before the first sync

            bridge = SyncBridge(lambda progress: open_engine(profile_dir, progress, backend=backend))
            bridge.status_changed.connect(window.show_sync_status)
            window.punched.connect(bridge.sync_now)
            bridge.start()
        if fullscreen:
            # Without a window manager (a bare X session on a kiosk PC) full screen
            # is only a request; the screen's geometry makes it so anyway.
            screen = app.primaryScreen()
            if screen is not None:
                window.setGeometry(screen.geometry())
            window.showFullScreen()
        else:
            window.show()
        with _quit_on_terminate():
            return app.exec()
    finally:
        if bridge is not None:
            bridge.stop(SYNC_STOP_TIMEOUT_S)
        runner.shutdown()
