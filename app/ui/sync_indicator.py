"""Where syncing stands, in words: `SyncView` decides them, `SyncIndicator` shows them.

`SyncView` needs no widget: it combines the latest `SyncStatus` from the
`SyncBridge` with what the last store read said (`Overview.sync`, the
pending count after a punch), and words it — "Synced 07:58", "3 waiting to
sync", "Offline since 07:42 — 3 waiting", "Sign-in needed", "Syncing… 1 200 of
20 000" — with times in the tenant's zone, corrected by the server offset.
The window's bar and the tray render the same `SyncLine`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QProgressBar, QPushButton, QWidget

from app.ui.clock_model import ClockModel
from app.ui.panels import plain_label

if TYPE_CHECKING:
    from sync.engine import Progress, SyncStatus

__all__ = ["LONG_SYNC", "SyncAction", "SyncIndicator", "SyncLine", "SyncView", "Tone"]

Tone = Literal["ok", "waiting", "busy", "warning", "error"]
LONG_SYNC = 1000
"""From this many entries to move, a sync shows a Cancel button (a first pull of a long history)."""
SyncAction = Literal["sign-in", "set-up"]


@dataclass(frozen=True)
class SyncLine:
    """One rendering of the sync state.

    `action` is what the user can do about it (a button next to the words);
    `progress` is (done, total) while a push or pull of known size runs;
    `cancellable` when that is long work the user may want to stop.
    """

    text: str
    tone: Tone
    action: SyncAction | None = None
    detail: str = ""
    progress: tuple[int, int] | None = None
    cancellable: bool = False


class SyncView(QObject):
    """The sync state in words. `changed` whenever `line()` or `refused_text()` may differ."""

    changed = Signal()

    def __init__(self, model: ClockModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.status: SyncStatus | None = None
        self.pending = 0
        self.rejected = 0
        self.active = False  # a sync loop runs for this profile
        model.loaded.connect(self._after_load)
        model.sync_facts_loaded.connect(self._after_load)
        model.punched.connect(self._from_store)

    def _after_load(self) -> None:
        # Once the loop reports, its counts are the ones it just measured; a load
        # only fills them in before that (a punch always adds one at once).
        if self.status is None or not self.active:
            self._from_store()
        else:
            self.changed.emit()

    def _from_store(self, *_punch: object) -> None:
        overview = self._model.overview
        if overview is None:
            return
        self.pending = overview.pending
        self.rejected = overview.sync.rejected
        self.changed.emit()

    def show_status(self, status: SyncStatus) -> None:
        """A new status from the sync loop (UI thread)."""
        self.status = status
        if status.state != "syncing":  # progress reports carry no counts
            self.pending = status.pending
            self.rejected = status.rejected
        self.changed.emit()

    def set_active(self, active: bool) -> None:
        self.active = active
        self.changed.emit()

    # words --------------------------------------------------------------------------

    def _time(self, at: datetime) -> str:
        return self._model.local_time(at)

    def _count(self, n: int) -> str:
        return QLocale().toString(n)

    def _waiting(self) -> str:
        return self.tr("%n waiting to sync", "", self.pending)

    def refused_text(self) -> str:
        """ "2 refused by the server", or "" when the server refused nothing."""
        return self.tr("%n refused by the server", "", self.rejected) if self.rejected else ""

    def line(self) -> SyncLine:
        overview = self._model.overview
        status = self.status
        if status is None or not self.active:
            if overview is None or not overview.sync.known:
                return SyncLine(self.tr("Sync: checking…"), "waiting")
            facts = overview.sync
            if not facts.enrolled:
                text = self.tr("Not set up to sync")
                if self.pending:
                    text = self.tr("Not set up to sync — %n waiting", "", self.pending)
                detail = self.tr("Punches are kept safely on this device until it is set up.")
                return SyncLine(text, "warning", "set-up", detail)
            if not facts.signed_in:
                return self._sign_in_needed()
            if self.pending:
                return SyncLine(self._waiting(), "waiting")
            if facts.last_sync is not None:
                return SyncLine(self.tr("Synced {time}").format(time=self._time(facts.last_sync)), "ok")
            return SyncLine(self.tr("Not synced yet"), "waiting")
        state = status.state
        if state == "syncing":
            return self._syncing(status.progress)
        if state == "offline":
            since = self._model.server_time(status.since) if status.since else None
            when = self._time(since) if since else ""
            if self.pending:
                text = self.tr("Offline since {time} — %n waiting", "", self.pending).format(time=when)
            else:
                text = self.tr("Offline since {time}").format(time=when)
            detail = self.tr("Stempel keeps trying by itself. {reason}").format(reason=status.message)
            return SyncLine(text, "warning", detail=detail.strip())
        if state == "sign-in-needed":
            return self._sign_in_needed()
        if state == "cancelled":
            text = self.tr("Sync stopped")
            if self.pending:
                text = self.tr("Sync stopped — %n waiting", "", self.pending)
            detail = self.tr(
                "What arrived is kept; the next sync carries on from there (Sync now, or within a minute)."
            )
            return SyncLine(text, "warning", detail=detail)
        if state == "certificate":
            return SyncLine(
                self.tr("The server's certificate is not the one this device trusts"),
                "error",
                "set-up",
                self.tr(
                    "Nothing is sent to a server this device does not trust. Ask your administrator; "
                    "setting the device up again with the right CA file or pin fixes it."
                ),
            )
        if state == "device-wiped":
            return SyncLine(
                self.tr("This device was removed by your administrator"),
                "error",
                "set-up",
                self.tr("Its data has been deleted from this computer. Set it up again to use it."),
            )
        if state == "device-revoked":
            return SyncLine(
                self.tr("This device was removed from the server"),
                "error",
                "set-up",
                self.tr("Punches stay on this device. Set it up again with a new one-time code."),
            )
        if state == "problem":  # the loop tries again later; the message says what went wrong
            text = self.tr("Sync problem")
            if self.pending:
                text = self.tr("Sync problem — %n waiting", "", self.pending)
            return SyncLine(text, "error", detail=status.message)
        if self.pending:
            return SyncLine(self._waiting(), "waiting")
        if status.last_sync is not None:
            return SyncLine(self.tr("Synced {time}").format(time=self._time(status.last_sync)), "ok")
        return SyncLine(self.tr("Synced"), "ok")

    def _sign_in_needed(self) -> SyncLine:
        text = self.tr("Sign-in needed")
        if self.pending:
            text = self.tr("Sign-in needed — %n waiting", "", self.pending)
        return SyncLine(
            text,
            "warning",
            "sign-in",
            self.tr("Punches made here are still delivered; sign in to see your hours from other devices."),
        )

    def _syncing(self, progress: Progress | None) -> SyncLine:
        if progress is None or (progress.done == 0 and not progress.total):
            return SyncLine(self.tr("Syncing…"), "busy")
        if progress.total:
            text = self.tr("Syncing… {done} of {total}").format(
                done=self._count(progress.done), total=self._count(progress.total)
            )
            long_work = progress.total >= LONG_SYNC and progress.done < progress.total
            return SyncLine(text, "busy", progress=(progress.done, progress.total), cancellable=long_work)
        return SyncLine(self.tr("Syncing… {done} received").format(done=self._count(progress.done)), "busy")


class SyncIndicator(QFrame):
    """The bar at the bottom of the window: the sync line, what to do about it, and Sync now."""

    def __init__(self, view: SyncView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self.setObjectName("syncBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 8, 6)
        row.setSpacing(8)
        self.text_label = plain_label()
        self.text_label.setObjectName("syncText")
        self.text_label.setAccessibleName(self.tr("Sync status"))
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Sync progress"))
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(140)
        self.progress_bar.hide()
        self.action_button = QPushButton()
        self.action_button.setObjectName("syncLink")
        self.refused_button = QPushButton()
        self.refused_button.setObjectName("syncLink")
        self.refused_button.setAccessibleDescription(self.tr("Shows each refused entry and why"))
        self.sync_now_button = QPushButton(self.tr("Sync &now"))
        self.sync_now_button.setObjectName("syncButton")
        self.sync_now_button.setAccessibleName(self.tr("Sync now"))
        self.cancel_button = QPushButton(self.tr("C&ancel"))
        self.cancel_button.setObjectName("syncButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel the sync"))
        self.cancel_button.setAccessibleDescription(
            self.tr("Stops after the current batch; the next sync carries on from there")
        )
        self.cancel_button.hide()
        row.addWidget(self.text_label, 1)
        row.addWidget(self.progress_bar)
        row.addWidget(self.cancel_button)
        row.addWidget(self.refused_button)
        row.addWidget(self.action_button)
        row.addWidget(self.sync_now_button)
        self.action: SyncAction | None = None
        # As tall with or without the button, so the window does not jump between states.
        margins = row.contentsMargins()
        self.setMinimumHeight(self.sync_now_button.sizeHint().height() + margins.top() + margins.bottom())
        view.changed.connect(self.show_line)
        self.show_line()

    def show_line(self) -> None:
        line = self._view.line()
        self.text_label.setText(line.text)
        self.setToolTip(line.detail)
        self.text_label.setAccessibleDescription(line.detail)
        if self.property("tone") != line.tone:
            self.setProperty("tone", line.tone)
            self.style().unpolish(self)
            self.style().polish(self)
            self.text_label.style().unpolish(self.text_label)
            self.text_label.style().polish(self.text_label)
        if line.progress is None:
            self.progress_bar.hide()
        else:
            done, total = line.progress
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
            self.progress_bar.show()
        self.cancel_button.setVisible(line.cancellable)
        if line.action == "sign-in":  # mnemonics unlike the punch buttons' (Clock &in)
            self.action_button.setText(self.tr("Si&gn in…"))
            self.action_button.setAccessibleName(self.tr("Sign in"))
        elif line.action == "set-up":
            self.action_button.setText(self.tr("Set &up…"))
            self.action_button.setAccessibleName(self.tr("Set up this device"))
        self.action_button.setVisible(line.action is not None)
        self.action = line.action
        refused = self._view.refused_text()
        self.refused_button.setText(refused + ("…" if refused else ""))
        self.refused_button.setAccessibleName(refused)
        self.refused_button.setVisible(bool(refused))
        self.sync_now_button.setVisible(self._view.active)
