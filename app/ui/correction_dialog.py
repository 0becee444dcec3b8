"""An employee asks their manager to correct a punch: what, when (local time), which punch, and why.

The time is typed as a wall-clock time in the tenant's zone (Europe/Oslo) and
turned into an instant by `app.domain.resolve_local_time`, which never
guesses: a time the clocks skip (spring forward) is refused with a clear
message, and for a time that happens twice (autumn) the employee says which.
The request is queued on the store worker (`app.team_review.request_correction`)
and synced like a punch; the punch it corrects is never changed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import (
    DEFAULT_ZONE,
    AmbiguousLocalTime,
    NonexistentLocalTime,
    Punch,
    PunchKind,
    resolve_local_time,
)
from app.store import Store
from app.team_review import ReviewRefused, request_correction
from app.ui.error_text import error_sentence
from app.ui.fitted_dialog import FittedDialog
from app.ui.manager.words import punch_kind_text, stamp_text
from app.ui.panels import plain_label
from app.ui.review_words import refusal_text
from app.ui.tasks import TaskRunner

__all__ = ["MIN_WIDTH", "REASON_LIMIT", "RECENT_DAYS", "CorrectionDialog", "TimeChoice"]

RECENT_DAYS = 14
REASON_LIMIT = 500
MIN_WIDTH = 600
_KINDS = (PunchKind.IN, PunchKind.OUT, PunchKind.BREAK_START, PunchKind.BREAK_END)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class TimeChoice:
    """What the typed local time means: an instant, or why there is none."""

    at: datetime | None
    problem: str = ""
    ambiguous: tuple[datetime, datetime] | None = None


class CorrectionDialog(FittedDialog):
    """Ask for a correction of employee `number`'s punches. `requested(str)`: the queued request's id."""

    requested = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        number: str,
        *,
        now: Callable[[], datetime] = _utc_now,
        zone: ZoneInfo = DEFAULT_ZONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._number = number
        self._now = now
        self._zone = zone
        self._busy = False
        self.punches: list[Punch] = []
        self._fold_instants: tuple[datetime, datetime] | None = None
        self.setWindowTitle(self.tr("Ask for a correction"))

        intro = plain_label(
            self.tr(
                "Tell your manager what a punch should have been. Your punches stay as they are "
                "until the manager approves the correction."
            )
        )
        intro.setWordWrap(True)

        self.target_combo = QComboBox()
        self.target_combo.setAccessibleName(self.tr("Which punch it replaces"))
        self.target_combo.addItem(self.tr("None — a punch is missing"), None)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("What it should be"))
        for kind in _KINDS:
            self.kind_combo.addItem(punch_kind_text(kind), kind.value)
        self.when_edit = QDateTimeEdit()
        self.when_edit.setTimeZone(QTimeZone.utc())  # holds the wall time as typed; Oslo's rules apply below
        self.when_edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setAccessibleName(self.tr("Date and time, local"))
        self.fold_combo = QComboBox()
        self.fold_combo.setAccessibleName(self.tr("Which of the two times"))
        self.fold_label = QLabel(self.tr("&Which one:"))
        self.fold_label.setBuddy(self.fold_combo)
        self.time_problem = plain_label()
        self.time_problem.setObjectName("fieldProblem")
        self.time_problem.setWordWrap(True)
        self.time_problem.setAccessibleName(self.tr("Problem with the time"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(REASON_LIMIT)
        self.reason_edit.setPlaceholderText(self.tr("Why it should be corrected"))
        self.reason_edit.setAccessibleName(self.tr("Reason"))

        form = QFormLayout()
        form.setVerticalSpacing(8)
        for text, field in (
            (self.tr("&Replaces:"), self.target_combo),
            (self.tr("&Should be:"), self.kind_combo),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        when_label = QLabel(self.tr("&Date and time:"))
        when_label.setBuddy(self.when_edit)
        when_row = QHBoxLayout()
        when_row.setSpacing(10)
        when_row.addWidget(self.when_edit)
        zone_label = plain_label(self.tr("local time ({zone})").format(zone=zone.key))
        zone_label.setObjectName("mutedLabel")
        when_row.addWidget(zone_label)
        when_row.addStretch(1)
        form.addRow(when_label, when_row)
        form.addRow(self.fold_label, self.fold_combo)
        form.addRow("", self.time_problem)
        reason_label = QLabel(self.tr("R&eason:"))
        reason_label.setBuddy(self.reason_edit)
        form.addRow(reason_label, self.reason_edit)
        # Two by two, each as wide as its words: in one row the Norwegian ones did not fit at 600 px.
        quick = QGridLayout()
        quick.setHorizontalSpacing(6)
        quick.setVerticalSpacing(6)
        self.quick_buttons: list[QPushButton] = []
        for index, reason in enumerate((
            self.tr("Forgot to clock in"),
            self.tr("Forgot to clock out"),
            self.tr("Forgot my break"),
            self.tr("Wrong time"),
        )):
            button = QPushButton(reason)
            button.setAccessibleName(self.tr("Reason: {reason}").format(reason=reason))
            button.setAutoDefault(False)
            button.setObjectName("quickReason")
            button.clicked.connect(lambda _checked=False, r=reason: self._quick_reason(r))
            quick.addWidget(button, index // 2, index % 2)
            self.quick_buttons.append(button)
        quick.setColumnStretch(2, 1)
        form.addRow("", quick)

        self.error_label = plain_label()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Error"))
        self.error_label.hide()
        self.buttons = QDialogButtonBox()
        self.send_button = self.buttons.addButton(
            self.tr("Send request"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.send_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addStrut(MIN_WIDTH - 18 - 18)  # at least 600 px wide, and wider if the words need it
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.send_button.setDefault(True)
        self._show_instant(self._now())
        self.target_combo.currentIndexChanged.connect(self._target_chosen)
        self.when_edit.dateTimeChanged.connect(self._validate)
        self.fold_combo.currentIndexChanged.connect(self._validate)
        self.reason_edit.textChanged.connect(self._validate)
        self._validate()
        self.reason_edit.setFocus()

        since, number_ = self._now() - timedelta(days=RECENT_DAYS), number
        runner.run(
            lambda store: self._recent(store, number_, since), self.show_punches, self._failed, receiver=self
        )

    @staticmethod
    def _recent(store: Store, number: str, since: datetime) -> list[Punch]:
        return store.punches(number, start=since)

    # the punches it may replace ----------------------------------------------------------------

    def show_punches(self, punches: list[Punch]) -> None:
        self.punches = list(reversed(punches))  # newest first
        for punch in self.punches:
            self.target_combo.addItem(
                self.tr("{what} · {when}").format(
                    what=punch_kind_text(punch.kind), when=stamp_text(punch.at, self._zone)
                ),
                punch.id,
            )

    def _target_chosen(self) -> None:
        punch_id = self.target_combo.currentData()
        punch = next((p for p in self.punches if p.id == punch_id), None)
        if punch is None:
            return
        self.kind_combo.setCurrentIndex(_KINDS.index(punch.kind))
        self._show_instant(punch.at)

    # the time ----------------------------------------------------------------------------------

    def set_local_time(self, day: date, hour: int, minute: int) -> None:
        """Show a wall-clock time (in the dialog's zone) in the date-time field, as if typed."""
        self.when_edit.setDateTime(
            QDateTime(QDate(day.year, day.month, day.day), QTime(hour, minute), QTimeZone.utc())
        )

    def _show_instant(self, at: datetime) -> None:
        local = at.astimezone(self._zone)
        self.set_local_time(local.date(), local.hour, local.minute)

    def _wall(self) -> tuple[date, int, int]:
        shown = self.when_edit.dateTime()
        day, at = shown.date(), shown.time()
        return date(day.year(), day.month(), day.day()), at.hour(), at.minute()

    def time_choice(self) -> TimeChoice:
        """The typed time as an instant in the zone; refuses a skipped time and one in the future."""
        day, hh, mm = self._wall()
        try:
            at = resolve_local_time(day, hh, mm, self._zone)
        except NonexistentLocalTime:
            return TimeChoice(
                None,
                self.tr(
                    "{time} on {day} does not exist: the clocks jump forward an hour that night. "
                    "Choose a time before or after the jump."
                ).format(time=f"{hh:02d}:{mm:02d}", day=day.strftime("%d.%m.%Y")),
            )
        except AmbiguousLocalTime as twice:
            fold = self.fold_combo.currentIndex() if self._fold_instants == twice.instants else -1
            if fold not in (0, 1):
                return TimeChoice(None, "", twice.instants)
            at = twice.instants[fold]
            if at > self._now():
                return TimeChoice(None, self._future_words(), twice.instants)
            return TimeChoice(at, "", twice.instants)
        if at > self._now():
            return TimeChoice(None, self._future_words())
        return TimeChoice(at)

    def _future_words(self) -> str:
        return self.tr("That time has not come yet: a correction is for a punch in the past.")

    def _show_fold(self, instants: tuple[datetime, datetime] | None) -> None:
        """Offer the two instants of a repeated time (earlier first), or hide the choice."""
        if instants != self._fold_instants:
            self._fold_instants = instants
            self.fold_combo.blockSignals(True)
            self.fold_combo.clear()
            if instants is not None:
                first, second = (i.astimezone(self._zone).strftime("%H:%M %Z") for i in instants)
                self.fold_combo.addItem(
                    self.tr("The first {time}, before the clocks go back").format(time=first)
                )
                self.fold_combo.addItem(
                    self.tr("The second {time}, after the clocks go back").format(time=second)
                )
                self.fold_combo.setCurrentIndex(0)
            self.fold_combo.blockSignals(False)
        self.fold_label.setVisible(instants is not None)
        self.fold_combo.setVisible(instants is not None)

    # the reason and sending ---------------------------------------------------------------------

    def _quick_reason(self, reason: str) -> None:
        self.reason_edit.setText(reason)
        self.reason_edit.setFocus()

    def _validate(self) -> None:
        choice = self.time_choice()
        self._show_fold(choice.ambiguous)
        if (
            choice.ambiguous is not None
            and self.fold_combo.count() == 2
            and choice.at is None
            and not choice.problem
        ):
            choice = self.time_choice()
        self.time_problem.setText(choice.problem)
        self.time_problem.setVisible(bool(choice.problem))
        ready = choice.at is not None and bool(self.reason_edit.text().strip())
        self.send_button.setEnabled(ready and not self._busy)
        self.fit()

    # its size ---------------------------------------------------------------------------------

    def submit(self) -> None:
        """Queue the request on the worker; the dialog closes once it is stored."""
        choice = self.time_choice()
        reason = self.reason_edit.text().strip()
        if self._busy or choice.at is None or not reason:
            return
        number, at, now = self._number, choice.at, self._now()
        kind = PunchKind(str(self.kind_combo.currentData()))
        target = self.target_combo.currentData()
        target_id = None if target is None else str(target)
        self._set_busy(True)
        self.error_label.hide()
        self._runner.run(
            lambda store: request_correction(store, number, kind, at, reason, now, target=target_id),
            self._sent,
            self._failed,
            receiver=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (
            self.target_combo,
            self.kind_combo,
            self.when_edit,
            self.reason_edit,
            self.cancel_button,
        ):
            widget.setEnabled(not busy)
        self._validate()

    def _sent(self, request_id: str) -> None:
        self._set_busy(False)
        self.requested.emit(request_id)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, ReviewRefused):
            text = self.tr("Not sent: {reason}.").format(reason=refusal_text(str(error)).rstrip("."))
        else:
            text = error_sentence(error)
        self.error_label.setText(text)
        self.error_label.show()
        self.fit()

    def reject(self) -> None:
        if self._busy:  # the request is being stored; closing now would hide whether it was
            return
        super().reject()
