"""The entries the server refused, each with its reason, read from the store off the UI thread.

A refused entry stays in the outbox (DESIGN: "rejected ones stay visible to the
user with the reason"); this dialog is where the user sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import PunchKind
from app.store import Store
from app.ui.clock_model import ClockModel
from app.ui.error_text import error_sentence
from app.ui.panels import plain_label
from app.ui.server_words import server_reason_text
from app.ui.tasks import TaskRunner

__all__ = ["RefusedDialog", "RefusedEntry", "load_refused"]


@dataclass(frozen=True, slots=True)
class RefusedEntry:
    employee: str
    kind: PunchKind | None  # None: not a punch, or one this version cannot read
    at: datetime | None
    reason: str


def _entry(payload: dict[str, object], reason: str) -> RefusedEntry:
    try:
        kind: PunchKind | None = PunchKind(str(payload.get("kind")))
    except ValueError:
        kind = None
    try:
        at: datetime | None = datetime.fromisoformat(str(payload.get("at")))
    except ValueError:
        at = None
    return RefusedEntry(str(payload.get("employee") or ""), kind, at, reason)


def load_refused(store: Store) -> list[RefusedEntry]:
    """Every refused outbox entry with the server's reason (store worker only)."""
    return [_entry(e.payload, e.reason or "") for e in store.outbox(10_000, state="rejected")]


class RefusedDialog(QDialog):
    """Lists the refused entries: when, what, who, and why the server refused it."""

    def __init__(self, runner: TaskRunner, model: ClockModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setWindowTitle(self.tr("Refused by the server"))
        self.resize(640, 320)
        intro = plain_label(
            self.tr(
                "The server did not accept these entries. They stay on this device; "
                "show this list to your manager, who can correct the hours."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("What"), self.tr("Employee"), self.tr("Reason")]
        )
        self.table.setAccessibleName(self.tr("Entries refused by the server"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.status_label = plain_label(self.tr("Loading…"))
        self.status_label.setObjectName("mutedLabel")
        self.status_label.setAccessibleName(self.tr("Status"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        runner.run(load_refused, self.show_entries, self._failed, receiver=self)

    def show_entries(self, entries: list[RefusedEntry]) -> None:
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            when = "" if entry.at is None else entry.at.astimezone(self._model.zone).strftime("%d.%m. %H:%M")
            what = self.tr("Entry") if entry.kind is None else self._model.kind_words(entry.kind)
            reason = server_reason_text(entry.reason)
            for column, text in enumerate((when, what, entry.employee, reason)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.status_label.setText("" if entries else self.tr("Nothing is refused any more."))
        self.status_label.setVisible(not entries)
        if entries:
            self.table.setFocus()

    def _failed(self, error: Exception) -> None:
        self.status_label.setText(error_sentence(error))
        self.status_label.show()
