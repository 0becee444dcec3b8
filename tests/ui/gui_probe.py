"""Run `run_gui` in a process of its own and report what it showed (used by test_app.py).

`app.exec()` ends the QApplication's life in a process (later event loops return
at once), so the real start-up is tried in a child process, not inside pytest-qt.
Prints one JSON object: the window's employee name, the app's names, the exit code.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app.store import Store
from app.ui.app import run_gui
from app.ui.main_window import MainWindow
from tests.keyring_fakes import MemoryKeyring


def main(folder: Path) -> None:
    backend = MemoryKeyring()
    with Store.open(folder, backend=backend) as store:
        store.set_setting("employee", "1001")
        store.upsert_employee("1001", "Kari Nordmann")  # fictitious
    app = QApplication(sys.argv[:1])
    seen: list[str] = []

    def quit_once_loaded() -> None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.model.overview:
                seen.append(widget.name_label.text())
                QCoreApplication.quit()

    poll = QTimer()
    poll.timeout.connect(quit_once_loaded)
    poll.start(10)
    QTimer.singleShot(10_000, QCoreApplication.quit)
    code = run_gui(folder, backend=backend)
    print(json.dumps({
        "code": code,
        "name": seen[0] if seen else None,
        "app": QCoreApplication.applicationName(),
        "org": QCoreApplication.organizationName(),
    }))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
