"""Run `run_gui` in a process of its own and report what it showed (used by test_app.py).

`app.exec()` ends the QApplication's life in a process (later event loops return
at once), so the real start-up is tried in a child process, not inside pytest-qt.
Prints one JSON object: the window's employee name, the app's names, the exit code;
with `--enrolled`, the profile is enrolled with a server that refuses connections,
and the probe also reports the sync bar once it says so, how long quitting took
and whether the sync thread was still alive afterwards; with `--terminate` it
ends the app with SIGTERM instead of Quit.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app.store import Store
from app.ui.app import run_gui
from app.ui.main_window import MainWindow
from sync import config
from sync.dpop import DeviceKey
from tests.keyring_fakes import MemoryKeyring

REFUSING_SERVER = "https://127.0.0.1:1"  # nothing listens on port 1: connections are refused at once


def enroll(store: Store) -> None:
    enrollment = config.Enrollment(
        server_url=REFUSING_SERVER,
        tenant="acme",
        device_id="device-1",
        device_kind="desktop",
        device_key_pem=DeviceKey.generate().private_pem().decode("ascii"),
    )
    for name, value in enrollment.settings():
        store.set_setting(name, value)
    store.set_setting(config.REFRESH_TOKEN, "a-refresh-token")  # signed in: the loop must call


def main(folder: Path, enrolled: bool, terminate: bool) -> None:
    backend = MemoryKeyring()
    with Store.open(folder, backend=backend) as store:
        store.set_setting("employee", "1001")
        store.upsert_employee("1001", "Kari Nordmann")  # fictitious
        if enrolled:
            enroll(store)
    app = QApplication(sys.argv[:1])
    seen: dict[str, object] = {}

    def quit_once_shown() -> None:
        for widget in app.topLevelWidgets():
            if not (isinstance(widget, MainWindow) and widget.isVisible() and widget.model.sync_facts_known):
                continue
            if enrolled and not widget.sync_label.text().startswith("Offline since"):
                continue
            seen["name"] = widget.name_label.text()
            seen["sync"] = widget.sync_label.text()
            seen["quit_at"] = time.monotonic()
            if terminate:
                poll.stop()
                os.kill(os.getpid(), signal.SIGTERM)  # as a logout or `kill` would
            else:
                QCoreApplication.quit()

    poll = QTimer()
    poll.timeout.connect(quit_once_shown)
    poll.start(10)
    QTimer.singleShot(20_000, QCoreApplication.quit)
    code = run_gui(folder, backend=backend)
    quit_at = seen.get("quit_at")
    print(json.dumps({
        "code": code,
        "name": seen.get("name"),
        "sync": seen.get("sync"),
        "app": QCoreApplication.applicationName(),
        "org": QCoreApplication.organizationName(),
        "quit_s": None if not isinstance(quit_at, float) else round(time.monotonic() - quit_at, 2),
        "sync_thread_alive": any(t.name == "stempel-sync" and t.is_alive() for t in threading.enumerate()),
    }))


if __name__ == "__main__":
    main(Path(sys.argv[1]), enrolled="--enrolled" in sys.argv[2:], terminate="--terminate" in sys.argv[2:])
