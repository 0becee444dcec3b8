"""The team overview as a table model: one row per employee, sortable, no store access.

The rows come from one worker job (`TeamReview.overview`); the model only
words them. `SORT_ROLE` gives each column a value that sorts as people expect
(hours by duration, not by their text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.team_review import TeamRow
from app.ui.manager.words import clock_state_text, decision_text, hours_text
from app.ui.server_words import server_reason_text
from app.ui.theme import current_colors

__all__ = ["COLUMNS", "NUMBER_ROLE", "SORT_ROLE", "TeamTableModel", "sorted_team"]

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("number", "name", "decision", "now", "this-week", "last-week", "anomalies", "law")

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


def _tone(status: str) -> str | None:
    """The text colour of a decision's status in the scheme on screen (read at paint time)."""
    colors = current_colors()
    return {
        "pending-sync": colors.busy.text,
        "approved": colors.ok.text,
        "rejected": colors.error.text,
        "conflict": colors.problem,
    }.get(status)


class TeamTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TeamRow] = []

    def set_rows(self, rows: Sequence[TeamRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def set_findings(self, counts: dict[str, int]) -> None:
        """Fill in the Law column (counted after the rest of the overview)."""
        self.rows = [replace(row, findings=counts.get(row.number, 0)) for row in self.rows]
        if self.rows:
            column = COLUMNS.index("law")
            self.dataChanged.emit(self.index(0, column), self.index(len(self.rows) - 1, column))

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("No."),
            self.tr("Name"),
            self.tr("Decision"),
            self.tr("Now"),
            self.tr("This week"),
            self.tr("Last week"),
            self.tr("Anomalies"),
            self.tr("Law"),
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return _sort_key(row, column)
        if role == NUMBER_ROLE:
            return row.number
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            if (column == "anomalies" and row.anomalies) or (column == "law" and row.findings):
                return QBrush(QColor(current_colors().problem))
            tone = _tone(row.decision.status) if column == "decision" else None
            if tone is not None:
                return QBrush(QColor(tone))
        if role == Qt.ItemDataRole.ToolTipRole and column == "decision" and row.decision.reason:
            return server_reason_text(row.decision.reason)
        if role == Qt.ItemDataRole.ToolTipRole and column == "decision" and row.decision.locked:
            return self.tr("Locked: no new punches or corrections until a manager reopens the week")
        if role == Qt.ItemDataRole.ToolTipRole and column == "law" and row.findings:
            return self.tr("Findings of the arbeidsmiljøloven chapter 10 checks this week")
        return None

    def _text(self, row: TeamRow, column: str) -> str:
        if column == "number":
            return row.number
        if column == "name":
            return row.name
        if column == "now":
            return clock_state_text(row.state)
        if column == "this-week":
            return hours_text(row.this_week)
        if column == "last-week":
            return hours_text(row.last_week)
        if column == "anomalies":
            return str(row.anomalies) if row.anomalies else "—"
        if column == "law":
            if row.findings is None:
                return "…"  # still being counted
            return str(row.findings) if row.findings else "—"
        return decision_text(row.decision)

    def row_of(self, number: str) -> int:
        """The row of employee `number`, or -1."""
        return next((i for i, row in enumerate(self.rows) if row.number == number), -1)


def _alignment(section: int) -> Qt.AlignmentFlag:
    column = COLUMNS[section]
    if column in ("this-week", "last-week"):
        return _RIGHT
    if column in ("anomalies", "law"):
        return _CENTER
    return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _sort_key(row: TeamRow, column: str) -> object:
    if column == "number":
        return row.number.zfill(16)
    if column == "name":
        return row.name.casefold()
    if column == "now":
        return row.state.value
    if column == "this-week":
        return row.this_week.total_seconds()
    if column == "last-week":
        return row.last_week.total_seconds()
    if column == "anomalies":
        return row.anomalies
    if column == "law":
        return -1 if row.findings is None else row.findings
    return row.decision.status


def sorted_team(model: TeamTableModel, parent: QObject | None = None) -> QSortFilterProxyModel:
    """A proxy that sorts `model` by `SORT_ROLE`."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
