"""Stempel → Export my data…: its steps shown, a result that says where, and a Cancel that writes nothing."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from app.personal_export import ExportStep
from app.store import Store
from app.ui.export_dialog import ExportJob, ExportProgress
from app.ui.tasks import TaskRunner
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, EMPLOYEE_NAME, MakeWindow


def test_the_menu_exports_the_windows_employee_and_says_where_it_went(
    qtbot: QtBot, make_window: MakeWindow, runner: TaskRunner, tmp_path: Path
) -> None:
    window = make_window(runner)
    stempel_menu = window.menuBar().actions()[0].menu()
    assert isinstance(stempel_menu, QMenu)
    assert window.export.export_action in stempel_menu.actions()
    assert window.export.export_action.isEnabled()
    target = tmp_path / "min eksport.json"
    progress = window.export.export_to(target, "json")
    assert progress is not None
    qtbot.waitUntil(lambda: progress.result_box is not None, timeout=10_000)
    assert progress.result_box is not None
    assert str(target) in progress.result_box.text()
    assert "not enrolled" in progress.result_box.text()  # the server's part is missing, and why
    assert not progress.isVisible()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["employee"], data["display_name"]) == (EMPLOYEE, EMPLOYEE_NAME)
    progress.result_box.close()


def test_cancel_stops_the_export_and_no_file_appears(
    qtbot: QtBot, profile: Path, keyring_backend: MemoryKeyring, tmp_path: Path
) -> None:
    held, opened = threading.Event(), threading.Event()

    def slow_store() -> Store:  # a slow disk: the store opens only when the test lets it
        opened.set()
        held.wait(10)
        return Store.open(profile, backend=keyring_backend)

    target = tmp_path / "mine.json"
    job = ExportJob(slow_store, EMPLOYEE, "json", target)
    progress = ExportProgress(job)
    qtbot.addWidget(progress)
    steps: list[ExportStep] = []
    job.stepped.connect(steps.append)
    progress.show()
    job.start()
    qtbot.waitUntil(lambda: progress.labelText() == "Reading what this computer holds…", timeout=10_000)
    assert opened.wait(10)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        QTest.keyClick(progress, Qt.Key.Key_Escape)  # Esc is Cancel
        assert progress.wasCanceled()
        held.set()
    job.worker.join(10)
    assert steps == [ExportStep.DEVICE]
    assert not progress.isVisible()
    assert list(tmp_path.glob("mine*")) == []


def test_a_failed_export_says_why_in_words(
    qtbot: QtBot, profile: Path, keyring_backend: MemoryKeyring, tmp_path: Path
) -> None:
    opener: Callable[[], Store] = lambda: Store.open(profile, backend=keyring_backend)  # noqa: E731
    job = ExportJob(opener, EMPLOYEE, "csv", tmp_path / "gone" / "mine.csv")
    progress = ExportProgress(job)
    qtbot.addWidget(progress)
    progress.show()
    job.start()
    qtbot.waitUntil(lambda: progress.result_box is not None, timeout=10_000)
    assert progress.result_box is not None
    assert progress.result_box.icon() == QMessageBox.Icon.Warning
    assert progress.result_box.text().startswith("The export failed: ")
    assert "Traceback" not in progress.result_box.text()
    progress.result_box.close()
