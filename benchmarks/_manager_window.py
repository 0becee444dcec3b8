"""The manager window's part of benchmarks.manager_review: real widgets offscreen, the store on its worker.

Waiting is done in a Qt event loop that sleeps until the window's signal, as
the app's own loop does: a loop spinning processEvents() would hold the GIL
and slow the store worker it is waiting for.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication

from app.store import Store
from app.ui.manager.window import ManagerWindow
from app.ui.tasks import TaskRunner

OPEN = "window: open → overview painted"
LAW = "window: open → law counts shown"
SELECT = "window: select → week shown"
WAIT_MS = 30_000


def _wait(signal: SignalInstance) -> None:
    """Sleep in an event loop until `signal` fires (or fail after WAIT_MS)."""
    loop = QEventLoop()
    fired: list[bool] = []

    def done(*_: object) -> None:
        fired.append(True)
        loop.quit()

    signal.connect(done)
    QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()
    if not fired:
        raise RuntimeError("the manager window did not get there in time")


def time_window(profile: Path, manager: str, week: str, now: datetime, repeat: int) -> dict[str, list[int]]:
    """Open the window `repeat` times (the store already open, as in the app) and select employees."""
    app = QApplication.instance() or QApplication([])
    runner = TaskRunner(lambda: Store.open(profile, clock=lambda: now))
    runner.run(lambda store: store.setting("employee"), lambda _: None)
    _wait(runner.idle)
    series: dict[str, list[int]] = {OPEN: [], LAW: [], SELECT: []}
    try:
        for i in range(repeat):
            start = time.perf_counter_ns()
            window = ManagerWindow(runner, manager, now=lambda: now)
            window.show()
            _wait(window.overview_shown)
            window.repaint()
            series[OPEN].append(time.perf_counter_ns() - start)
            _wait(window.law_shown)  # the first row's week comes before the law counts
            window.repaint()
            series[LAW].append(time.perf_counter_ns() - start)
            if not runner.is_idle():
                _wait(runner.idle)
            start = time.perf_counter_ns()
            window.table.selectRow(10 + i)
            _wait(window.week_shown)
            window.repaint()
            series[SELECT].append(time.perf_counter_ns() - start)
            window.close()
            window.deleteLater()
            if not runner.is_idle():
                _wait(runner.idle)
    finally:
        runner.shutdown()
    del app
    return series
