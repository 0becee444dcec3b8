""" "Export my data…": one's own data to a file, with its progress shown and a Cancel that works.

`ExportControls` owns the menu action and starts an export of the window's
own employee. `ExportJob` runs `app.personal_export.write_export` on a thread of its own (it
opens its own store connection and may wait for the server), and reports each
step to the UI thread through queued signals. `ExportProgress` is the
window-modal progress dialog over it: step by step, Cancel at any time. A
cancelled export writes no file; the dialog closes at once and the thread
finishes its current step in the background, its result dropped.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.domain import DEFAULT_ZONE
from app.personal_export import ExportCancelled, Exported, ExportFormat, ExportStep, write_export
from app.ui.clock_model import ClockModel
from app.ui.error_text import error_sentence
from app.ui.tasks import StoreFactory, TaskRunner

__all__ = ["ExportControls", "ExportJob", "ExportProgress", "ask_export_target"]


class ExportJob(QObject):
    """One export on a thread of its own; its signals arrive on the thread the job lives on."""

    stepped = Signal(object)  # ExportStep
    finished = Signal(object)  # Exported
    failed = Signal(str)  # the reason, in words
    cancelled = Signal()

    def __init__(
        self,
        open_store: StoreFactory,
        employee: str,
        fmt: ExportFormat,
        target: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_store = open_store
        self._args = (employee, fmt, target)
        self._cancel = threading.Event()
        self.worker = threading.Thread(target=self._run, name="stempel-export", daemon=True)

    def start(self) -> None:
        self.worker.start()

    def cancel(self) -> None:
        """Stop before the next step; nothing is written after this."""
        self._cancel.set()

    def _run(self) -> None:
        employee, fmt, target = self._args
        try:
            done = write_export(
                self._open_store, employee, fmt, target, step=self.stepped.emit, cancelled=self._cancel.is_set
            )
        except ExportCancelled:
            self.cancelled.emit()
        except Exception as exc:  # a worker must answer, whatever went wrong
            self.failed.emit(error_sentence(exc))
        else:
            self.finished.emit(done)


class ExportProgress(QProgressDialog):
    """The export's steps as a progress dialog; Cancel (Esc) stops it."""

    def __init__(self, job: ExportJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.result_text = ""
        self.result_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Export my data"))
        self.setAccessibleName(self.tr("Export progress"))
        self.setLabelText(self.tr("Starting…"))
        self.setCancelButtonText(self.tr("&Cancel"))
        self.setRange(0, len(ExportStep))
        self.setValue(0)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        connection = Qt.ConnectionType.QueuedConnection
        job.stepped.connect(self._on_step, connection)
        job.finished.connect(self._on_finished, connection)
        job.failed.connect(self._on_failed, connection)
        job.cancelled.connect(self.close, connection)
        self.canceled.connect(job.cancel)

    def _on_step(self, step: ExportStep) -> None:
        if self.wasCanceled():
            return
        words = {
            ExportStep.DEVICE: self.tr("Reading what this computer holds…"),
            ExportStep.SERVER: self.tr("Asking the server for its part…"),
            ExportStep.WRITE: self.tr("Writing the file…"),
        }
        self.setLabelText(words[step])
        self.setValue(step.value - 1)

    def _on_finished(self, done: Exported) -> None:
        if self.wasCanceled():
            return
        self.setValue(self.maximum())
        self.result_text = self.tr("Your data was saved to {path}.").format(path=done.path)
        if done.server_missing:
            self.result_text += " " + self.tr("The server's part is missing: {reason}").format(
                reason=done.server_missing
            )
        self.close()
        self._tell(QMessageBox.Icon.Information)

    def _on_failed(self, reason: str) -> None:
        if self.wasCanceled():
            return
        self.result_text = self.tr("The export failed: {reason}").format(reason=reason)
        self.close()
        self._tell(QMessageBox.Icon.Warning)

    def _tell(self, icon: QMessageBox.Icon) -> None:
        """The outcome in a message box that does not block the event loop."""
        box = QMessageBox(icon, self.tr("Export my data"), self.result_text, parent=self.parentWidget())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result_box = box
        box.open()


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportProgress", text)


def ask_export_target(parent: QWidget, employee: str) -> tuple[Path, ExportFormat] | None:
    """Where to save and in which format, from a save dialog; None if the user declined."""
    json_filter = _tr("JSON (*.json)")
    csv_filter = _tr("Spreadsheet, CSV (*.csv)")
    today = datetime.now(DEFAULT_ZONE).date().isoformat()
    suggested = Path.home() / f"stempel-{employee}-{today}.json"
    chosen, used_filter = QFileDialog.getSaveFileName(
        parent, _tr("Export my data"), str(suggested), f"{json_filter};;{csv_filter}"
    )
    if not chosen:
        return None
    path = Path(chosen)
    fmt: ExportFormat = "csv" if used_filter == csv_filter or path.suffix.lower() == ".csv" else "json"
    if not path.suffix:
        path = path.with_suffix(f".{fmt}")
    return path, fmt


class ExportControls(QObject):
    """Stempel → Export my data…: asks where, then runs the export with its progress dialog."""

    def __init__(self, model: ClockModel, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._model = model
        self._open_store = runner.factory
        self._window = window
        self.progress: ExportProgress | None = None
        self.export_action = QAction(self.tr("&Export my data…"), self)
        self.export_action.setToolTip(self.tr("Save everything Stempel holds about you to a file"))
        self.export_action.triggered.connect(self.ask_and_export)
        model.loaded.connect(self._render)
        self._render()

    def _employee(self) -> str | None:
        overview = self._model.overview
        return overview.employee.number if overview is not None and overview.employee else None

    def _render(self) -> None:
        self.export_action.setEnabled(self._employee() is not None)

    def ask_and_export(self) -> None:
        employee = self._employee()
        if employee is None:
            return
        chosen = ask_export_target(self._window, employee)
        if chosen is not None:
            self.export_to(*chosen)

    def export_to(self, target: Path, fmt: ExportFormat) -> ExportProgress | None:
        """Start exporting the window's employee to `target`; the dialog shows how it goes."""
        employee = self._employee()
        if employee is None:
            return None
        if self.progress is not None:
            self.progress.deleteLater()  # the last one's thread is done or its result is dropped
        job = ExportJob(self._open_store, employee, fmt, target, self)
        self.progress = ExportProgress(job, self._window)
        self.progress.show()
        job.start()
        return self.progress
