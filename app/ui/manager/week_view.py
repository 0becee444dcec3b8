"""One employee's week as the manager reviews it: days, punches, requests and the decision.

Renders a `WeekSheet` (read on the worker by the window); owns no store work.
Buttons mirror the window's actions (so a shortcut and a click do the same),
and a correction request's Approve / Reject and a punch's History are asked
for by signals.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import day_bounds
from app.domain.week_review import CorrectionRequest, PunchRecord
from app.team_review import WeekDecision, WeekSheet
from app.ui.durations import duration_text
from app.ui.manager.words import (
    anomaly_text,
    day_text,
    decision_text,
    finding_text,
    hours_text,
    local_time,
    punch_kind_text,
    stamp_text,
    week_title,
)
from app.ui.panels import plain_label
from app.ui.server_words import server_reason_text
from app.ui.style import scaled_font
from app.ui.theme import current_colors

__all__ = ["WeekView", "action_button"]

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_WARN_ROLE = Qt.ItemDataRole.UserRole + 2  # the item's text is a warning: coloured as the scheme says


def _warn_brush() -> QBrush:
    return QBrush(QColor(current_colors().problem))


def action_button(action: QAction, text: str | None = None) -> QPushButton:
    """A button that triggers `action` and follows its enabled state; the tooltip names the keys."""
    button = QPushButton(text or action.text())
    button.setAccessibleName((text or action.text()).replace("&", ""))
    button.clicked.connect(action.trigger)
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    if keys:
        button.setToolTip(f"{action.toolTip()} ({keys})")
        described = QCoreApplication.translate("WeekView", "Shortcut: {keys}").format(keys=keys)
        button.setAccessibleDescription(described)

    def follow() -> None:
        button.setEnabled(action.isEnabled())
        button.setVisible(action.isVisible())

    action.changed.connect(follow)
    follow()
    return button


def _item(text: str, *, warn: bool = False, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if warn:
        item.setData(_WARN_ROLE, True)
        item.setForeground(_warn_brush())
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    else:
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return item


class _PaddedDelegate(QStyledItemDelegate):
    """Cells with room around their text; rows sized for the text as it is really wrapped.

    (A style sheet's item padding is not counted when rows are sized, so wrapped
    text would be cut off.)
    """

    _DX, _DY = 8, 4

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        inner = QStyleOptionViewItem(option)
        inner.rect = option.rect.adjusted(0, 0, -2 * self._DX, 0)
        size = super().sizeHint(inner, index)
        return QSize(size.width() + 2 * self._DX, size.height() + 2 * self._DY)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        inner = QStyleOptionViewItem(option)
        inner.rect = option.rect.adjusted(self._DX, self._DY, -self._DX, -self._DY)
        inner.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, inner, index)


def _table(columns: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setItemDelegate(_PaddedDelegate(table))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column in range(len(columns) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    return table


def _fit_rows(table: QTableWidget, most: int) -> None:
    """As tall as its rows (at most `most` pixels), so a short week leaves no empty box."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    frame = 2 * table.frameWidth()
    table.setFixedHeight(min(most, table.horizontalHeader().height() + rows + frame + 2))


class WeekView(QWidget):
    """The week of the selected employee. `show_sheet` renders one; `show_message` says why none is."""

    request_decision = Signal(str, bool)  # request id, approve

    def __init__(
        self,
        decide_actions: list[QAction],
        history_action: QAction,
        zone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._zone = zone
        self.sheet: WeekSheet | None = None
        self.request_buttons: dict[str, tuple[QPushButton, QPushButton]] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        header = QHBoxLayout()
        self.name_label = plain_label()
        self.name_label.setFont(scaled_font(self.font(), 1.3, QFont.Weight.DemiBold))
        self.name_label.setAccessibleName(self.tr("Employee"))
        self.week_label = plain_label()
        self.week_label.setObjectName("mutedLabel")
        self.week_label.setAccessibleName(self.tr("Week"))
        header.addWidget(self.name_label)
        header.addStretch(1)
        header.addWidget(self.week_label)
        layout.addLayout(header)

        self.decision_card = QFrame()
        self.decision_card.setObjectName("decisionCard")
        card = QVBoxLayout(self.decision_card)
        card.setContentsMargins(12, 8, 12, 8)
        card.setSpacing(2)
        self.decision_label = plain_label()
        self.decision_label.setObjectName("decisionState")
        self.decision_label.setFont(scaled_font(self.font(), 1.1, QFont.Weight.DemiBold))
        self.decision_label.setAccessibleName(self.tr("Decision"))
        self.decision_detail = plain_label()
        self.decision_detail.setWordWrap(True)
        self.decision_detail.setAccessibleName(self.tr("About the decision"))
        self.decision_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card.addWidget(self.decision_label)
        card.addWidget(self.decision_detail)
        layout.addWidget(self.decision_card)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Days and punches"))
        self.days_table = _table(
            [self.tr("Day"), self.tr("Shifts"), self.tr("Breaks"), self.tr("Worked"), self.tr("Anomalies")],
            self.tr("Days of the week"),
        )
        self.punches_table = _table(
            [self.tr("When"), self.tr("What"), self.tr("Made on"), self.tr("Anomalies")],
            self.tr("Punches of the week"),
        )
        self.punches_table.doubleClicked.connect(lambda _index: history_action.trigger())
        self.punches_table.itemSelectionChanged.connect(self._punch_selected)
        punches_page = QWidget()
        # the tabs are as tall as the days; a long list of punches scrolls
        punches_page.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        punches_layout = QVBoxLayout(punches_page)
        punches_layout.setContentsMargins(6, 6, 6, 6)
        punches_layout.addWidget(self.punches_table, 1)
        history_row = QHBoxLayout()
        history_row.addStretch(1)
        self.history_button = action_button(history_action)
        history_row.addWidget(self.history_button)
        punches_layout.addLayout(history_row)
        self.days_table.horizontalHeader().sectionResized.connect(
            lambda *_sizes: _fit_rows(self.days_table, 420)
        )
        self.punches_table.horizontalHeader().sectionResized.connect(
            lambda *_sizes: self.punches_table.resizeRowsToContents()
        )
        self.tabs.addTab(self.days_table, self.tr("&Days"))
        self.tabs.addTab(punches_page, self.tr("&Punches"))
        layout.addWidget(self.tabs)
        self._history_action = history_action

        self.totals_label = plain_label()
        self.totals_label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.totals_label.setAccessibleName(self.tr("Week total"))
        self.totals_label.setWordWrap(True)  # the week panel may be narrow; the team table wants the room
        layout.addWidget(self.totals_label)

        self.requests_frame = QFrame()
        self.requests_frame.setObjectName("requestsFrame")
        self.requests_layout = QVBoxLayout(self.requests_frame)
        self.requests_layout.setContentsMargins(12, 8, 12, 8)
        self.requests_layout.setSpacing(6)
        layout.addWidget(self.requests_frame)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.decision_buttons = [action_button(action) for action in decide_actions]
        for button in self.decision_buttons:
            buttons.addWidget(button)
        layout.addLayout(buttons)

        self.message_label = plain_label()
        self.message_label.setObjectName("mutedLabel")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message_label, 1)
        self.show_message(self.tr("Choose someone in the list to see their week."))

    # rendering -----------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """No week to show: say why (nobody chosen, or the read failed)."""
        self.sheet = None
        self._history_action.setEnabled(False)
        for part in self._parts():
            part.setVisible(False)
        self.message_label.setText(text)
        self.message_label.setVisible(True)

    def _parts(self) -> list[QWidget]:
        return [
            self.name_label,
            self.week_label,
            self.decision_card,
            self.tabs,
            self.totals_label,
            self.requests_frame,
            *self.decision_buttons,
        ]

    def changeEvent(self, event: QEvent) -> None:
        """A switch between light and dark recolours the warnings already in the tables."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            brush = _warn_brush()
            for table in (self.days_table, self.punches_table):
                for row in range(table.rowCount()):
                    for column in range(table.columnCount()):
                        item = table.item(row, column)
                        if item is not None and item.data(_WARN_ROLE):
                            item.setForeground(brush)
        super().changeEvent(event)

    def show_sheet(self, sheet: WeekSheet, manager: str) -> None:
        self.sheet = sheet
        self.message_label.setVisible(False)
        for part in self._parts():
            part.setVisible(True)
        review = sheet.review
        self.name_label.setText(self.tr("{name} · {number}").format(name=sheet.name, number=sheet.number))
        self.week_label.setText(week_title(sheet.review.week_text))
        self._show_decision(sheet.decision, own=sheet.number == manager)
        self._show_days(sheet)
        self._show_punches(review.punches, sheet)
        count = len(review.anomalies)
        if count == 0:
            findings = self.tr("no anomalies")
        elif count == 1:
            findings = self.tr("1 anomaly")
        else:
            findings = self.tr("{count} anomalies").format(count=count)
        law = len(sheet.findings)
        if law == 1:
            findings += " · " + self.tr("1 work-time law finding")
        elif law:
            findings += " · " + self.tr("{count} work-time law findings").format(count=law)
        self.totals_label.setText(
            self.tr("Total {total} · overtime {overtime} · {findings}").format(
                total=duration_text(review.total),
                overtime=duration_text(review.overtime),
                findings=findings,
            )
        )
        self._show_requests(sheet)
        for button in self.decision_buttons:  # follow the actions again (parts were hidden)
            button.setVisible(True)

    def _show_decision(self, decision: WeekDecision, *, own: bool) -> None:
        self.decision_card.setProperty("status", decision.status)
        self.decision_card.style().unpolish(self.decision_card)
        self.decision_card.style().polish(self.decision_card)
        self.decision_label.setText(decision_text(decision))
        self.decision_detail.setText(self._decision_words(decision, own=own))

    def _decision_words(self, decision: WeekDecision, *, own: bool) -> str:
        made = "" if decision.made_at is None else stamp_text(decision.made_at, self._zone)
        comment = (
            self.tr(" Comment: “{comment}”").format(comment=decision.comment) if decision.comment else ""
        )
        if own:
            return self.tr("This is your own week: someone else decides on it.")
        if decision.status == "conflict":
            reason = server_reason_text(decision.reason) if decision.reason else ""
            reason = reason or self.tr("the server refused the decision")
            return self.tr(
                "The server did not take your decision ({reason}). Look again and decide anew."
            ).format(reason=reason)
        if decision.status == "pending-sync":
            what = {
                "approve": self.tr("Approved"),
                "reject": self.tr("Rejected"),
                "reopen": self.tr("Reopened"),
            }.get(decision.decision or "", self.tr("Decided"))
            return (
                self.tr("{what} {when}; sent to the server with the next sync.").format(what=what, when=made)
                + comment
            )
        if decision.status == "approved":
            who = decision.by or self.tr("a manager")
            return (
                self.tr("Approved {when} by {who}. Locked: reopen the week to change it.").format(
                    when=made, who=who
                )
                + comment
            )
        if decision.status == "rejected":
            who = decision.by or self.tr("a manager")
            return self.tr("Rejected {when} by {who}.").format(when=made, who=who) + comment
        if decision.locked:
            return self.tr("Locked by an approval.")
        return self.tr("Not decided yet.")

    def _show_days(self, sheet: WeekSheet) -> None:
        table = self.days_table
        days = sheet.review.days
        table.setRowCount(len(days))
        for row, day in enumerate(days):
            shifts = []
            for shift in day.shifts:
                end = "…" if shift.end is None else local_time(shift.end, self._zone)
                shifts.append(f"{local_time(shift.start, self._zone)}–{end}")
            anomalies = [anomaly_text(a, self._zone) for a in day.anomalies]
            lo, hi = day_bounds(day.day, self._zone)
            anomalies += [finding_text(f) for f in sheet.findings if lo <= f.start < hi]
            items = (
                _item(day_text(day.day)),
                _item("\n".join(shifts) or "—"),
                _item(hours_text(day.breaks), right=True),
                _item(hours_text(day.worked), right=True),
                _item("\n".join(f"⚠ {text}" for text in anomalies), warn=bool(anomalies)),
            )
            for column, item in enumerate(items):
                table.setItem(row, column, item)
        _fit_rows(table, 420)

    def _show_punches(self, records: tuple[PunchRecord, ...], sheet: WeekSheet) -> None:
        table = self.punches_table
        table.setRowCount(len(records))
        by_punch: dict[str, list[str]] = {}
        for anomaly in sheet.review.anomalies:
            if anomaly.punch_id is not None:
                by_punch.setdefault(anomaly.punch_id, []).append(anomaly_text(anomaly, self._zone))
        sources = {
            "desktop": self.tr("Desktop"),
            "kiosk": self.tr("Kiosk"),
            "correction": self.tr("Correction"),
        }
        for row, record in enumerate(records):
            punch = record.punch
            notes = by_punch.get(punch.id, [])
            when = _item(stamp_text(punch.at, self._zone))
            when.setData(_ID_ROLE, punch.id if record.source != "correction" else "")
            items = (
                when,
                _item(punch_kind_text(punch.kind)),
                _item(sources.get(record.source, record.source or "—")),
                _item("\n".join(f"⚠ {text}" for text in notes), warn=bool(notes)),
            )
            for column, item in enumerate(items):
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        self._punch_selected()

    def _show_requests(self, sheet: WeekSheet) -> None:
        while self.requests_layout.count():
            item = self.requests_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.request_buttons = {}
        title = plain_label(self.tr("Correction requests"))
        title.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.requests_layout.addWidget(title)
        if not sheet.requests:
            empty = plain_label(self.tr("No correction requests for this week."))
            empty.setObjectName("mutedLabel")
            self.requests_layout.addWidget(empty)
            return
        for request in sheet.requests:
            self.requests_layout.addWidget(self._request_row(request, sheet))
        # Tab reaches a request's buttons where they stand: before the week's decision, not after it.
        chain = [button for pair in self.request_buttons.values() for button in pair]
        for before, after in zip(
            [self.history_button, *chain], [*chain, *self.decision_buttons[:1]], strict=True
        ):
            QWidget.setTabOrder(before, after)

    def _request_row(self, request: CorrectionRequest, sheet: WeekSheet) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        target = next((r.punch for r in sheet.review.punches if r.punch.id == request.target), None)
        asked = self.tr("{what} {when}").format(
            what=punch_kind_text(request.kind), when=stamp_text(request.at, self._zone)
        )
        if request.target is None:
            change = self.tr("Missing punch: {asked}").format(asked=asked)
        elif target is not None and request.state == "pending":
            was = self.tr("{what} {when}").format(
                what=punch_kind_text(target.kind), when=stamp_text(target.at, self._zone)
            )
            change = self.tr("{was} → {asked}").format(was=was, asked=asked)
        else:
            change = self.tr("Changed to {asked}").format(asked=asked)
        text = self.tr("{change} · “{reason}”").format(change=change, reason=request.reason)
        label = plain_label(text)
        label.setWordWrap(True)
        line.addWidget(label, 1)
        if request.state == "pending":
            approve = QPushButton(self.tr("Approve"))
            approve.setAccessibleName(self.tr("Approve the request: {text}").format(text=text))
            approve.clicked.connect(lambda: self.request_decision.emit(request.id, True))
            reject = QPushButton(self.tr("Reject…"))
            reject.setAccessibleName(self.tr("Reject the request: {text}").format(text=text))
            reject.clicked.connect(lambda: self.request_decision.emit(request.id, False))
            line.addWidget(approve)
            line.addWidget(reject)
            self.request_buttons[request.id] = (approve, reject)
        else:
            state = plain_label(self.tr("Approved") if request.state == "approved" else self.tr("Rejected"))
            state.setObjectName("mutedLabel")
            line.addWidget(state)
        return row

    # the punch chosen for its history ------------------------------------------------------

    def selected_punch(self) -> str | None:
        """The id of the chosen punch on the Punches page, if it has a history to show."""
        rows = self.punches_table.selectionModel().selectedRows()
        if not rows or self.sheet is None:
            return None
        item = self.punches_table.item(rows[0].row(), 0)
        punch_id = None if item is None else item.data(_ID_ROLE)
        return str(punch_id) if punch_id else None

    def _punch_selected(self) -> None:
        self._history_action.setEnabled(self.selected_punch() is not None)
