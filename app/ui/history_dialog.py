"""A punch's history: as made, each correction asked for, and what the manager decided.

Read on the store worker (`app.team_review.punch_history`); nothing is ever
changed here. Before and after are shown in local time, with who and why.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

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

from app.domain import DEFAULT_ZONE, PunchKind
from app.store import Store
from app.team_review import HistoryLine, punch_history
from app.ui.error_text import error_sentence
from app.ui.manager.words import punch_kind_text, stamp_text
from app.ui.panels import plain_label
from app.ui.tasks import TaskRunner

__all__ = ["HistoryDialog", "punch_words"]


def punch_words(text: str, zone: ZoneInfo) -> str:
    """ "in 2026-11-24T06:58:00+00:00" (the core's spelling) as "Clock in · Tue 24.11. 07:58"."""
    kind, _, at = text.partition(" ")
    try:
        return f"{punch_kind_text(PunchKind(kind))} · {stamp_text(datetime.fromisoformat(at), zone)}"
    except ValueError:
        return text


class HistoryDialog(QDialog):
    """The history of punch `punch_id` of employee `number`."""

    def __init__(
        self,
        runner: TaskRunner,
        number: str,
        punch_id: str,
        *,
        zone: ZoneInfo = DEFAULT_ZONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._zone = zone
        self.setWindowTitle(self.tr("History of a punch"))
        self.resize(860, 300)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("What"),
                self.tr("Before"),
                self.tr("After"),
                self.tr("Why"),
            ]
        )
        self.table.setAccessibleName(self.tr("History of the punch"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.status_label = plain_label(self.tr("Loading…"))
        self.status_label.setObjectName("mutedLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Status"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        runner.run(
            lambda store: self._read(store, number, punch_id), self.show_lines, self._failed, receiver=self
        )

    @staticmethod
    def _read(store: Store, number: str, punch_id: str) -> list[HistoryLine]:
        return punch_history(store, number, punch_id)

    def _what(self, what: str) -> str:
        return {
            "made": self.tr("Punched"),
            "correction asked": self.tr("Correction asked for"),
            "correction approved": self.tr("Correction approved"),
            "correction rejected": self.tr("Correction rejected"),
        }.get(what, what)

    def show_lines(self, lines: list[HistoryLine]) -> None:
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            texts = (
                stamp_text(line.at, self._zone),
                line.who,
                self._what(line.what),
                punch_words(line.before, self._zone) if line.before else "—",
                punch_words(line.after, self._zone) if line.after else "—",
                line.why or "—",
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.status_label.setText("" if lines else self.tr("This punch is not on this device."))
        self.status_label.setVisible(not lines)
        if lines:
            self.table.setFocus()

    def _failed(self, error: Exception) -> None:
        self.status_label.setText(error_sentence(error))
        self.status_label.show()
