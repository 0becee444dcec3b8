"""The manager's window: the team's week at a glance, one employee's week, and the decisions.

Every read and every decision runs on the store worker through the shared
`TaskRunner` (one job for the overview, one for the selected week, one per
decision), with `app.team_review` as the core. A decision waits in the outbox
("Pending sync") until the sync loop delivers it; the main window calls
`refresh()` on each sync status, so a server's answer (taken, or refused as a
conflict) shows without a click. Answers of reads that were overtaken by a
newer one (another week, another employee) are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import DEFAULT_ZONE, iso_week_days, parse_iso_week
from app.store import Store, StoreError
from app.team_review import DecisionText, ReviewRefused, TeamReview, TeamRow, WeekSheet, previous_week
from app.ui.error_text import error_sentence
from app.ui.icons import app_icon
from app.ui.manager.decision_dialog import DecisionDialog
from app.ui.manager.overview_table import NUMBER_ROLE, TeamTableModel, sorted_team
from app.ui.manager.week_view import WeekView, action_button
from app.ui.manager.words import week_title, week_words
from app.ui.panels import plain_label
from app.ui.review_words import refusal_text
from app.ui.style import scaled_font
from app.ui.tasks import TaskRunner

__all__ = ["ManagerWindow", "clean_weeks", "week_of"]

T = TypeVar("T")
_log = logging.getLogger(__name__)
Now = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def week_of(at: datetime, zone: ZoneInfo) -> str:
    """ "2026-W48": the ISO week of `at` in `zone`."""
    year, number, _ = at.astimezone(zone).isocalendar()
    return f"{year}-W{number:02d}"


def next_week(week: str) -> str:
    sunday = iso_week_days(*parse_iso_week(week))[-1]
    year, number, _ = (sunday + timedelta(days=1)).isocalendar()
    return f"{year}-W{number:02d}"


def clean_weeks(rows: Sequence[TeamRow], manager: str) -> list[TeamRow]:
    """The rows `TeamReview.approve_clean` would approve (no anomaly, not decided, not locked)."""
    return [
        row
        for row in rows
        if row.anomalies == 0
        and row.decision.status in ("open", "conflict")
        and not row.decision.locked
        and row.number != manager
    ]


class ManagerWindow(QMainWindow):
    """The team of `manager` for one ISO week (default: the week of `now()` in `zone`).

    Signals: `overview_shown` after the team table was filled, `week_shown`
    after the selected week was rendered, `decided(str)` with the words shown
    after a decision was queued (the reloads follow), `failed(str)` with the
    words shown when something was not done.
    """

    overview_shown = Signal()
    law_shown = Signal()  # the overview's work-time law counts arrived
    week_shown = Signal()
    decided = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        manager: str,
        *,
        now: Now = _utc_now,
        zone: ZoneInfo = DEFAULT_ZONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window, True)
        self._runner = runner
        self.manager = manager
        self._now = now
        self._zone = zone
        self.week = week_of(now(), zone)
        self.selected: str | None = None
        self.rows: list[TeamRow] = []
        self._overview_token = 0
        self._week_token = 0
        self._overview_loading = False
        self._reload_again = False
        self._deciding = False
        self.decision_dialog: DecisionDialog | None = None
        self.bulk_box: QMessageBox | None = None
        self.history_dialog: QWidget | None = None

        self.setWindowTitle(self.tr("Stempel — Team"))
        self.setWindowIcon(app_icon())
        self.resize(1440, 860)  # both panels whole; smaller screens scroll the team table

        self._build_actions()
        self.setCentralWidget(self._build_body())
        self.status_label = plain_label()
        self.status_label.setObjectName("statusMessage")
        self.status_label.setAccessibleName(self.tr("Status"))
        self.status_label.setWordWrap(True)
        self.statusBar().addWidget(self.status_label, 1)
        self.updated_label = plain_label()
        self.updated_label.setObjectName("mutedLabel")
        self.updated_label.setAccessibleName(self.tr("Last updated"))
        self.statusBar().addPermanentWidget(self.updated_label)
        self._render_week_title()
        self._render_actions()
        self.table.setFocus()
        self.refresh()

    # building ------------------------------------------------------------------------------

    def _action(self, text: str, keys: str | QKeySequence.StandardKey, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.previous_week_action = self._action(
            self.tr("◀ Previous week"), "Alt+Left", self.show_previous_week
        )
        self.next_week_action = self._action(self.tr("Next week ▶"), "Alt+Right", self.show_next_week)
        self.this_week_action = self._action(self.tr("This &week"), "Alt+Home", self.show_this_week)
        self.refresh_action = self._action(self.tr("Refresh"), QKeySequence.StandardKey.Refresh, self.refresh)
        self.approve_action = self._action(self.tr("&Approve…"), "Ctrl+Return", self.approve)
        self.approve_action.setToolTip(self.tr("Approve this week"))
        self.reject_action = self._action(self.tr("&Reject…"), "Ctrl+Shift+R", self.reject)
        self.reject_action.setToolTip(self.tr("Reject this week, with a comment"))
        self.reopen_action = self._action(self.tr("Re&open…"), "Ctrl+Shift+O", self.reopen)
        self.reopen_action.setToolTip(self.tr("Reopen this approved week"))
        self.approve_clean_action = self._action(
            self.tr("Approve all &clean weeks…"), "Ctrl+Shift+A", self.approve_clean
        )
        self.history_action = self._action(self.tr("&History…"), "Ctrl+H", self.show_history)
        self.history_action.setToolTip(self.tr("The history of the chosen punch"))
        self.close_action = self._action(self.tr("Close"), QKeySequence.StandardKey.Close, self.close)

    def _build_body(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.previous_button = action_button(self.previous_week_action)
        self.next_button = action_button(self.next_week_action)
        self.previous_button.setAccessibleName(self.tr("Previous week"))  # without the arrow
        self.next_button.setAccessibleName(self.tr("Next week"))
        self.this_week_button = action_button(self.this_week_action)
        self.week_label = plain_label()
        self.week_label.setFont(scaled_font(self.font(), 1.25, QFont.Weight.DemiBold))
        self.week_label.setAccessibleName(self.tr("Week shown"))
        self.week_label.setMinimumWidth(300)
        self.week_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.approve_clean_button: QPushButton = action_button(self.approve_clean_action)
        self.approve_clean_button.setObjectName("primaryButton")
        bar.addWidget(self.previous_button)
        bar.addWidget(self.week_label)
        bar.addWidget(self.next_button)
        bar.addWidget(self.this_week_button)
        bar.addStretch(1)
        bar.addWidget(self.approve_clean_button)
        layout.addLayout(bar)

        self.model = TeamTableModel(self)
        self.proxy = sorted_team(self.model, self)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Team"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the decision takes what is left; a name is never cut
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(40)  # size columns by 40 rows, not all 200 (a fifth of the paint)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)

        team_panel = QFrame()
        team_panel.setObjectName("panel")
        team_layout = QVBoxLayout(team_panel)
        team_layout.setContentsMargins(10, 10, 10, 10)
        team_title = plain_label(self.tr("Your team"))
        team_title.setFont(scaled_font(self.font(), 1.1, QFont.Weight.DemiBold))
        self.team_note = plain_label()
        self.team_note.setObjectName("mutedLabel")
        self.team_note.setWordWrap(True)
        self.team_note.setAccessibleName(self.tr("About the team"))
        team_layout.addWidget(team_title)
        team_layout.addWidget(self.table, 1)
        team_layout.addWidget(self.team_note)

        week_panel = QFrame()
        week_panel.setObjectName("weekPanel")
        week_layout = QVBoxLayout(week_panel)
        week_layout.setContentsMargins(14, 10, 14, 10)
        self.week_view = WeekView(
            [self.approve_action, self.reject_action, self.reopen_action],
            self.history_action,
            self._zone,
        )
        self.week_view.request_decision.connect(self.decide_request)
        week_layout.addWidget(self.week_view)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(team_panel)
        self.splitter.addWidget(week_panel)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([800, 600])
        layout.addWidget(self.splitter, 1)
        return body

    # reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the overview of the shown week again, then the selected employee's week (one job each)."""
        if self._runner.is_shut_down:
            return
        if self._overview_loading:
            self._reload_again = True
            return
        self._overview_loading = True
        self._overview_token += 1
        token, week, manager, now = self._overview_token, self.week, self.manager, self._now()

        def job(store: Store) -> list[TeamRow]:
            return TeamReview(store, manager).overview(week, now, law=False)

        self._runner.run(job, partial(self._overview_loaded, token), self._overview_failed, receiver=self)
        self._load_week()

    def _overview_loaded(self, token: int, rows: list[TeamRow]) -> None:
        self._overview_loading = False
        if self._reload_again:
            self._reload_again = False
            self.refresh()
            return
        if token != self._overview_token:
            return
        self.rows = rows
        selected = self.selected
        self.model.set_rows(rows)
        self._select(selected if selected is not None else (rows[0].number if rows else None))
        self.team_note.setText(
            self.tr("Nobody reports to you on this device yet; the team arrives with a sync.")
            if not rows
            else ""
        )
        self.team_note.setVisible(not rows)
        self.updated_label.setText(
            self.tr("Updated {time}").format(time=self._now().astimezone(self._zone).strftime("%H:%M"))
        )
        self._render_actions()
        self.overview_shown.emit()
        self._load_law(token, self.week)  # after the week: the law checks take longer

    def _load_law(self, token: int, week: str) -> None:
        """Count the work-time law findings once the overview is on screen; the Law column fills in."""
        manager, now = self.manager, self._now()

        def job(store: Store) -> dict[str, int]:
            return TeamReview(store, manager).law_counts(week, now)

        self._runner.run(job, partial(self._law_loaded, token), self._overview_failed, receiver=self)

    def _law_loaded(self, token: int, counts: dict[str, int]) -> None:
        if token != self._overview_token:
            return
        self.rows = [replace(row, findings=counts.get(row.number, 0)) for row in self.rows]
        self.model.set_findings(counts)
        self.law_shown.emit()

    def _overview_failed(self, error: Exception) -> None:
        self._overview_loading = False
        self._reload_again = False
        self._show_error(error)

    def _select(self, number: str | None) -> None:
        """Select `number`'s row (keeping the table's sort), or nothing."""
        row = -1 if number is None else self.model.row_of(number)
        if row < 0:
            self.table.clearSelection()
            if self.selected is not None:
                self.selected = None
                self._load_week()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if self.table.currentIndex().row() != index.row() or self.selected != number:
            self.table.selectRow(index.row())
            self.table.setCurrentIndex(index)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        number = None if not rows else str(rows[0].data(NUMBER_ROLE))
        if number != self.selected:
            self.selected = number
            self._load_week()

    def _activated(self, _index: QModelIndex) -> None:
        """Enter on a row: go to that week's days."""
        self.week_view.days_table.setFocus()

    def _load_week(self) -> None:
        self._week_token += 1
        number = self.selected
        self._render_actions()
        if number is None:
            self.week_view.show_message(self.tr("Choose someone in the list to see their week."))
            return
        token, week, manager, now = self._week_token, self.week, self.manager, self._now()

        def job(store: Store) -> WeekSheet:
            return TeamReview(store, manager).week(number, week, now)

        self._runner.run(
            job, partial(self._week_loaded, token), partial(self._week_failed, token), receiver=self
        )

    def _week_loaded(self, token: int, sheet: WeekSheet) -> None:
        if token != self._week_token:
            return
        self.week_view.show_sheet(sheet, self.manager)
        self._render_actions()
        self.week_shown.emit()

    def _week_failed(self, token: int, error: Exception) -> None:
        if token != self._week_token:
            return
        self.week_view.show_message(self._error_words(error))
        self._show_error(error)

    # weeks -----------------------------------------------------------------------------------

    def show_week(self, week: str) -> None:
        parse_iso_week(week)
        self.week = week
        self._render_week_title()
        self.refresh()

    def show_previous_week(self) -> None:
        self.show_week(previous_week(self.week))

    def show_next_week(self) -> None:
        self.show_week(next_week(self.week))

    def show_this_week(self) -> None:
        self.show_week(week_of(self._now(), self._zone))

    def _render_week_title(self) -> None:
        days = iso_week_days(*parse_iso_week(self.week))
        span = f"{days[0].strftime('%d.%m.')}–{days[-1].strftime('%d.%m.')}"
        current = self.week == week_of(self._now(), self._zone)
        text = self.tr("{week} · {span}").format(week=week_title(self.week), span=span)
        self.week_label.setText(self.tr("{text} (this week)").format(text=text) if current else text)
        self.this_week_action.setEnabled(not current)

    # deciding --------------------------------------------------------------------------------

    def _sheet(self) -> WeekSheet | None:
        sheet = self.week_view.sheet
        if sheet is None or sheet.number != self.selected or sheet.review.week_text != self.week:
            return None
        return sheet

    def _render_actions(self) -> None:
        sheet = self._sheet()
        decision = None if sheet is None else sheet.decision
        decidable = (
            sheet is not None
            and decision is not None
            and not self._deciding
            and sheet.number != self.manager
            and decision.status != "pending-sync"
        )
        self.approve_action.setEnabled(decidable and decision is not None and not decision.locked)
        self.reject_action.setEnabled(decidable and decision is not None and not decision.locked)
        self.reopen_action.setEnabled(decidable and decision is not None and decision.locked)
        self.approve_clean_action.setEnabled(
            not self._deciding and bool(clean_weeks(self.rows, self.manager))
        )

    def approve(self) -> None:
        self._ask_decision("approve")

    def reject(self) -> None:
        self._ask_decision("reject")

    def reopen(self) -> None:
        self._ask_decision("reopen")

    def _ask_decision(self, decision: DecisionText) -> None:
        sheet = self._sheet()
        actions = {"approve": self.approve_action, "reject": self.reject_action, "reopen": self.reopen_action}
        if sheet is None or not actions[decision].isEnabled():
            return
        who, week = sheet.name, week_title(self.week)
        review = sheet.review
        if decision == "approve":
            title, button = self.tr("Approve week"), self.tr("&Approve")
            intro = self.tr("Approve {week} of {who}: {count} punches, {anomalies} anomalies.").format(
                week=week, who=who, count=len(review.punches), anomalies=len(review.anomalies)
            )
        elif decision == "reject":
            title, button = self.tr("Reject week"), self.tr("&Reject")
            intro = self.tr(
                "Reject {week} of {who}. Say what is wrong, so they can ask for corrections."
            ).format(week=week, who=who)
        else:
            title, button = self.tr("Reopen week"), self.tr("Re&open")
            intro = self.tr("Reopen {week} of {who}: it is unlocked and needs a new decision.").format(
                week=week, who=who
            )
        dialog = DecisionDialog(title, intro, button, comment_required=decision == "reject", parent=self)
        number, shown_week = sheet.number, self.week
        dialog.accepted.connect(lambda: self._decide(number, shown_week, decision, dialog.comment()))
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: DecisionDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.decision_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.open()

    def _forget_dialog(self, dialog: DecisionDialog) -> None:
        if self.decision_dialog is dialog:
            self.decision_dialog = None

    def _decide(self, number: str, week: str, decision: DecisionText, comment: str) -> None:
        now, manager = self._now(), self.manager
        who = next((row.name for row in self.rows if row.number == number), number)
        words = {
            "approve": self.tr("Approved {week} of {who}; it is sent with the next sync."),
            "reject": self.tr("Rejected {week} of {who}; it is sent with the next sync."),
            "reopen": self.tr("Reopened {week} of {who}; it is sent with the next sync."),
        }[decision].format(week=week_words(week), who=who)

        sheet = self._sheet()
        seen = sheet.digest if sheet is not None and sheet.number == number else None

        def job(store: Store) -> object:
            return TeamReview(store, manager).decide(number, week, decision, comment, now, seen=seen)

        self._run_decision(job, words)

    def approve_clean(self) -> None:
        """Ask how many clean weeks to approve, then approve them in one job."""
        if not self.approve_clean_action.isEnabled():
            return
        clean = clean_weeks(self.rows, self.manager)
        names = ", ".join(row.name for row in clean)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Approve all clean weeks"),
            (
                self.tr("Approve 1 clean week of {week}?")
                if len(clean) == 1
                else self.tr("Approve {count} clean weeks of {week}?")
            ).format(count=len(clean), week=week_words(self.week)),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(
            self.tr(
                "Weeks with no anomaly and no decision yet: {names}. They are sent with the next sync."
            ).format(names=names)
        )
        self.bulk_approve_button = box.addButton(
            self.tr("Approve 1 week")
            if len(clean) == 1
            else self.tr("Approve {count} weeks").format(count=len(clean)),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(self.bulk_approve_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        week, manager = self.week, self.manager

        def chosen() -> None:
            if box.clickedButton() is self.bulk_approve_button:
                self._approve_clean(week, manager)

        box.finished.connect(lambda _result: chosen())
        box.finished.connect(lambda _result: setattr(self, "bulk_box", None))
        self.bulk_box = box
        box.open()

    def _approve_clean(self, week: str, manager: str) -> None:
        now = self._now()

        def job(store: Store) -> list[str]:
            return TeamReview(store, manager).approve_clean(week, now)

        def words(approved: object) -> str:
            count = len(approved) if isinstance(approved, list) else 0
            if count == 0:
                return self.tr("No clean week was left to approve.")
            text = (
                self.tr("Approved 1 clean week of {week}; it is sent with the next sync.")
                if count == 1
                else self.tr("Approved {count} clean weeks of {week}; they are sent with the next sync.")
            )
            return text.format(count=count, week=week_words(week))

        self._run_decision(job, words)

    def decide_request(self, request_id: str, approve: bool) -> None:
        """Approve a correction request at once; a rejection asks for the reason first."""
        if self._deciding:
            return
        if approve:
            self._decide_request(request_id, True, "")
            return
        dialog = DecisionDialog(
            self.tr("Reject correction request"),
            self.tr("Reject this correction request. Say why: the employee sees it."),
            self.tr("&Reject request"),
            comment_required=True,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._decide_request(request_id, False, dialog.comment()))
        self._open_dialog(dialog)

    def _decide_request(self, request_id: str, approve: bool, comment: str) -> None:
        now, manager = self._now(), self.manager

        def job(store: Store) -> None:
            TeamReview(store, manager).decide_correction(request_id, approve, comment, now)

        words = (
            self.tr("Correction approved; it is sent with the next sync.")
            if approve
            else self.tr("Correction rejected; it is sent with the next sync.")
        )
        self._run_decision(job, words)

    def _run_decision(self, job: Callable[[Store], T], words: str | Callable[[T], str]) -> None:
        if self._runner.is_shut_down:
            return
        self._deciding = True
        self._render_actions()

        def done(result: T) -> None:
            self._deciding = False
            text = words(result) if callable(words) else words
            self._show_message(text)
            self.refresh()
            self.decided.emit(text)

        def failed(error: Exception) -> None:
            self._deciding = False
            self._show_error(error)
            self.refresh()

        self._runner.run(job, done, failed, receiver=self)

    # history -----------------------------------------------------------------------------------

    def show_history(self) -> None:
        sheet = self._sheet()
        punch_id = self.week_view.selected_punch()
        if sheet is None or punch_id is None:
            return
        from app.ui.history_dialog import HistoryDialog

        dialog = HistoryDialog(self._runner, sheet.number, punch_id, zone=self._zone, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.open()

    # words -------------------------------------------------------------------------------------

    def _error_words(self, error: Exception) -> str:
        if isinstance(error, ReviewRefused):
            return self.tr("Not done: {reason}.").format(reason=refusal_text(str(error)).rstrip("."))
        if isinstance(error, ValueError):
            return self.tr("Not done: {reason}").format(reason=str(error))
        return error_sentence(error)

    def _show_error(self, error: Exception) -> None:
        text = self._error_words(error)
        if not isinstance(error, ReviewRefused | StoreError | ValueError):
            _log.error("Unexpected error in the manager window", exc_info=error)
        self.status_label.setProperty("tone", "error")
        self._repolish(self.status_label)
        self.status_label.setText(text)
        self.failed.emit(text)

    def _show_message(self, text: str) -> None:
        self.status_label.setProperty("tone", "ok")
        self._repolish(self.status_label)
        self.status_label.setText(text)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._overview_token += 1  # answers still on their way are not shown any more
        self._week_token += 1
        super().closeEvent(event)
