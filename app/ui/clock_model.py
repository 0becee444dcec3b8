"""The employee's clock as the window and the tray see it: state, words, and punching.

`ClockModel` is the one place that decides what the views show and which punches
are allowed; `MainWindow` and `Tray` only render it and forward presses. All
store work goes through the `TaskRunner`; the minute timer recomputes running
totals from the `Overview` already loaded, without touching the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain import DEFAULT_ZONE, ClockState, Punch, PunchKind, allowed_kinds, rest_note
from app.domain.week_review import SUGGESTED_DAY
from app.store import KeyringLocked, PunchRefused, Store, StoreError, unlock_keyring
from app.ui.durations import duration_text
from app.ui.error_text import error_sentence
from app.ui.overview import Overview, SyncFacts, load_overview, load_sync_facts, punch_and_reload
from app.ui.tasks import TaskRunner

__all__ = ["Clock", "ClockModel", "Unlock", "utc_now"]

Clock = Callable[[], datetime]
Unlock = Callable[[], None]
_log = logging.getLogger(__name__)

DEFAULT_RETRY_MS = 3000


def utc_now() -> datetime:
    return datetime.now(UTC)


class ClockModel(QObject):
    """State and actions of one profile's time clock.

    Signals: `changed` whenever anything shown may have changed (views re-render
    from the properties); `loaded` after each successful read of the store;
    `punched(Punch)` only after the store committed a punch; `punch_failed(str)`
    with the sentence shown when a punch was not saved.

    A failed load offers "Try again" (`retry_offered`, pressed: `retry()`): it
    first asks the desktop to unlock its keyring (`unlock`, on the worker thread,
    where it may wait on the desktop's dialog), then loads. A locked keyring is
    also retried by itself every `retry_interval_ms` until the store opens, by
    plain loads that never prompt (`auto_retry_pending` while one is due).
    Once the runner is shut down, `load()`, `retry()` and `punch()` do nothing.
    """

    changed = Signal()
    loaded = Signal()
    sync_facts_loaded = Signal()
    punched = Signal(object)
    punch_failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        *,
        clock: Clock = utc_now,
        zone: ZoneInfo = DEFAULT_ZONE,
        retry_interval_ms: int = DEFAULT_RETRY_MS,
        unlock: Unlock = unlock_keyring,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._unlock = unlock
        self._retry_after_load = False
        self._clock = clock
        self._offset = timedelta(0)
        self._zone = zone
        self.overview: Overview | None = None
        self.busy = False
        self.loading = False
        self.error_text = ""
        self.retry_offered = False
        self.confirmation = ""
        self.sync_facts_known = False
        self.confirm_short_rest: Callable[[timedelta], bool] | None = None

        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(retry_interval_ms)
        self._retry_timer.timeout.connect(self.load)

        self._minute_timer = QTimer(self)
        self._minute_timer.setSingleShot(True)
        self._minute_timer.timeout.connect(self.tick)

    # reading -----------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    @property
    def auto_retry_pending(self) -> bool:
        """Whether a load will start by itself shortly (only after a locked keyring)."""
        return self._retry_timer.isActive()

    def now(self) -> datetime:
        """The time as the server sees it: this device's clock corrected by the measured offset."""
        return self._clock() + self._offset

    def server_time(self, device_time: datetime) -> datetime:
        """A reading of this device's clock, corrected like `now()`."""
        return device_time + self._offset

    def set_clock_offset_ms(self, offset_ms: int | None) -> None:
        """Use the server offset measured by a sync (None: not measured, no correction)."""
        offset = timedelta(milliseconds=offset_ms or 0)
        if offset != self._offset:
            self._offset = offset
            self.changed.emit()

    def load(self) -> None:
        """Read the store on the worker; `loaded` follows, or an error is shown."""
        self._retry_timer.stop()
        if self.loading or self._runner.is_shut_down:
            return
        self.loading = True
        self._runner.run(self._load_job(), self._load_done, self._load_failed)

    def _load_job(self) -> Callable[[Store], Overview]:
        return partial(
            load_overview, zone=self._zone, clock=self._clock, with_sync=self.sync_facts_known
        )

    def retry(self) -> None:
        """Try again: ask the desktop to unlock the keyring (off the UI thread), then load.

        The unlock runs without a Store, so it works while the store cannot open;
        whatever it ends in, the load that follows decides what is shown.
        """
        self._retry_timer.stop()
        if self._runner.is_shut_down:
            return
        if self.loading:  # a load is under way: unlock and load again once it failed
            self._retry_after_load = True
            return
        self.loading = True
        self._runner.run_plain(self._unlock, self._unlock_done, self._unlock_failed)
        self._runner.run(self._load_job(), self._load_done, self._load_failed)
        self.changed.emit()

    def _unlock_done(self, _result: None) -> None:
        pass  # the load queued behind it reports

    def _unlock_failed(self, error: Exception) -> None:
        if isinstance(error, StoreError):  # locked still, or no keyring: the load says so
            _log.info("The keyring was not unlocked: %s", type(error).__name__)
        else:
            _log.error("Unexpected error while unlocking the keyring", exc_info=error)

    def _load_done(self, overview: Overview) -> None:
        self.loading = False
        self._retry_after_load = False
        self._take(overview)
        self.error_text = ""
        self.retry_offered = False
        self._schedule_minute()
        self.changed.emit()
        self.loaded.emit()
        if not overview.sync.known and not self._runner.is_shut_down:
            self._runner.run(load_sync_facts, self._sync_facts_done, self._sync_facts_failed)

    def _sync_facts_done(self, facts: SyncFacts) -> None:
        """The first read left syncing out (to paint sooner); here it is."""
        self.sync_facts_known = True
        if self.overview is not None and not self.overview.sync.known:
            self._take(replace(self.overview, sync=facts))
        self.changed.emit()
        self.sync_facts_loaded.emit()

    def _sync_facts_failed(self, error: Exception) -> None:
        # The store opened a moment ago; the next load reads the facts with the rest.
        self.sync_facts_known = True
        _log.warning("Could not read the sync settings: %s", type(error).__name__)

    def _load_failed(self, error: Exception) -> None:
        self.loading = False
        self._show_error(error)
        self.retry_offered = True
        if self._retry_after_load:
            self._retry_after_load = False
            self.changed.emit()
            self.retry()
            return
        if isinstance(error, KeyringLocked):
            self._retry_timer.start()  # unlocking needs no click: carry on by itself
        self.changed.emit()

    # punching ----------------------------------------------------------------------

    def enabled_kinds(self) -> frozenset[PunchKind]:
        """The punches a press may make now; none while a punch is being saved."""
        if self.busy or self.overview is None or self.overview.employee is None:
            return frozenset()
        return allowed_kinds(self.overview.state)

    def punch(self, kind: PunchKind) -> None:
        """Save a punch on the worker; the views change only once it is committed.

        A clock-in after too short a daily rest asks `confirm_short_rest` first
        (the window's question); the punch is still allowed, and the finding is
        kept in its note.
        """
        if kind not in self.enabled_kinds() or self.overview is None or self._runner.is_shut_down:
            return
        employee = self.overview.employee
        assert employee is not None  # enabled_kinds() is empty without one
        note = ""
        rest = self.overview.short_rest(self.now()) if kind is PunchKind.IN else None
        if rest is not None:
            if self.confirm_short_rest is not None and not self.confirm_short_rest(rest):
                return
            note = rest_note(rest)
        self.busy = True
        self.confirmation = ""
        self.changed.emit()
        self._runner.run(
            partial(
                punch_and_reload, number=employee.number, kind=kind,
                zone=self._zone, clock=self._clock, note=note,
            ),
            self._punch_done,
            self._punch_failed,
        )

    def _punch_done(self, outcome: tuple[Punch, Overview]) -> None:
        punch, overview = outcome
        self.busy = False
        self._take(overview)
        self.error_text = ""
        self.retry_offered = False
        self.confirmation = self.punch_words(punch)
        self._schedule_minute()
        self.changed.emit()
        self.punched.emit(punch)

    def _punch_failed(self, error: Exception) -> None:
        self.busy = False
        self._show_error(error)
        self.changed.emit()
        self.punch_failed.emit(self.error_text)
        if isinstance(error, PunchRefused):
            self.load()  # another device or the CLI punched meanwhile: show what is stored

    def _take(self, overview: Overview) -> None:
        self.overview = overview
        self._offset = timedelta(milliseconds=overview.sync.clock_offset_ms or 0)

    def _show_error(self, error: Exception) -> None:
        if not isinstance(error, StoreError):
            _log.error("Unexpected error in the time clock", exc_info=error)
        self.error_text = error_sentence(error)

    # time passing ------------------------------------------------------------------

    def _schedule_minute(self) -> None:
        now = self.now()
        ms_into_minute = now.second * 1000 + now.microsecond // 1000
        self._minute_timer.start(60_000 - ms_into_minute + 50)

    def tick(self) -> None:
        """Recompute running totals for the current minute; reload on a new local day.

        Called by a timer just after each minute turns. Only a new day touches
        the store (today's punches and perhaps the week change), via the worker.
        """
        overview = self.overview
        if overview is not None and overview.local_day(self.now()) != overview.local_day(
            overview.loaded_at
        ):
            self.load()
            return
        self._schedule_minute()
        self.changed.emit()

    # words ---------------------------------------------------------------------------

    def notices(self) -> list[str]:
        """What the employee should know beyond their state: a locked week, a forgotten clock-out."""
        overview = self.overview
        if overview is None or overview.employee is None:
            return []
        found = []
        if overview.sync.week_locked:
            found.append(self.tr("Your manager has approved this week; it is locked."))
        shift = overview.open_too_long(self.now())
        if shift is not None:
            found.append(
                self.tr(
                    "You have been clocked in since {since} — more than {hours} hours. "
                    "Forgot to clock out? Ask for a correction (for example clock out at {suggested})."
                ).format(
                    since=self._day_and_time(shift.start),
                    hours=int(overview.sync.open_shift_limit.total_seconds() // 3600),
                    suggested=self._day_and_time(shift.start + SUGGESTED_DAY),
                )
            )
        return found

    def _day_and_time(self, at: datetime) -> str:
        return at.astimezone(self._zone).strftime("%d.%m. %H:%M")

    def short_rest_question(self, rest: timedelta) -> str:
        return self.tr(
            "You have had {rest} rest; the law asks for 11 h. Clock in anyway? "
            "The short rest is recorded with the punch."
        ).format(rest=duration_text(rest))

    def local_time(self, at: datetime) -> str:
        return at.astimezone(self._zone).strftime("%H:%M")

    def kind_words(self, kind: PunchKind) -> str:
        """What a punch of `kind` did, as listed under "Today"."""
        words = {
            PunchKind.IN: self.tr("Clocked in"),
            PunchKind.OUT: self.tr("Clocked out"),
            PunchKind.BREAK_START: self.tr("Break started"),
            PunchKind.BREAK_END: self.tr("Break ended"),
        }
        return words[kind]

    def punch_words(self, punch: Punch) -> str:
        """The confirmation after a committed punch, e.g. "Clocked in 07:58"."""
        return self.tr("{what} {time}").format(
            what=self.kind_words(punch.kind), time=self.local_time(punch.at)
        )

    def status_text(self) -> str:
        """The one-line status, e.g. "Clocked in since 07:58 · 3 h 12 min today"."""
        overview = self.overview
        if overview is None:
            if self.error_text:
                return self.tr("The time clock is not available")
            return self.tr("Loading…")
        if overview.employee is None:
            if overview.sync.enrolled:
                return self.tr("No employee on this profile yet — sign in to start")
            return self.tr(
                "No employee on this profile yet — set up this device, or run `stempel --demo`"
            )
        now = self.now()
        today = duration_text(overview.today_worked(now))
        since = overview.since()
        since_text = "" if since is None else self._since_words(since, now)
        if overview.state is ClockState.IN:
            if since is None:
                return self.tr("Clocked in · {today} today").format(today=today)
            return self.tr("Clocked in since {since} · {today} today").format(
                since=since_text, today=today
            )
        if overview.state is ClockState.ON_BREAK:
            if since is None:
                return self.tr("On a break · {today} today").format(today=today)
            return self.tr("On a break since {since} · {today} today").format(
                since=since_text, today=today
            )
        return self.tr("Clocked out · {today} today").format(today=today)

    def _since_words(self, since: datetime, now: datetime) -> str:
        local = since.astimezone(self._zone)
        if local.date() == now.astimezone(self._zone).date():
            return local.strftime("%H:%M")
        return self.tr("{day} {time}").format(
            day=local.strftime("%d.%m."), time=local.strftime("%H:%M")
        )
