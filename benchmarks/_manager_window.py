"""The manager window's part of benchmarks.manager_review: real widgets offscreen, the store on its worker."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.store import Store
from app.ui.manager.window import ManagerWindow
from app.ui.tasks import TaskRunner

OPEN = "window: open → overview painted"
SELECT = "window: select → week shown"
WAIT_S = 30.0


def _until(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError("the manager window did not get there in time")
        QCoreApplication.processEvents()


def time_window(profile: Path, manager: str, week: str, now: datetime, repeat: int) -> dict[str, list[int]]:
    """Open the window `repeat` times (the store already open, as in the app) and select employees."""
    app = QApplication.instance() or QApplication([])
    runner = TaskRunner(lambda: Store.open(profile, clock=lambda: now))
    opened: list[bool] = []
    runner.run(lambda store: store.setting("employee"), lambda _: opened.append(True))
    _until(lambda: bool(opened))
    series: dict[str, list[int]] = {OPEN: [], SELECT: []}
    try:
        shown: list[str] = []
        for i in range(repeat):
            shown.clear()
            start = time.perf_counter_ns()
            window = ManagerWindow(runner, manager, now=lambda: now)
            window.overview_shown.connect(lambda: shown.append("overview"))
            window.week_shown.connect(lambda: shown.append("week"))
            window.show()
            _until(lambda: "overview" in shown)
            window.repaint()
            series[OPEN].append(time.perf_counter_ns() - start)
            _until(lambda: "week" in shown)  # the first row's week follows on its own
            shown.clear()
            start = time.perf_counter_ns()
            window.table.selectRow(10 + i)
            _until(lambda: "week" in shown)
            window.repaint()
            series[SELECT].append(time.perf_counter_ns() - start)
            window.close()
            window.deleteLater()
            QCoreApplication.processEvents()
    finally:
        runner.shutdown()
    del app
    return series
