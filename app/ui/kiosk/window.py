"""The kiosk's full-screen window: sign in by number and PIN or by badge, punch, confirm, forget.

A thin shell over `app.kiosk_desk.KioskDesk`, which runs on the store worker
(`TaskRunner`): the window never touches the store itself, and says "Clocked
in 07:58" only after `KioskDesk.punch` returned, i.e. after the commit.

The screen goes through these steps (`Step`):

    number --OK--> pin --OK--> (sign_in_pin) --> actions --press--> (punch) --> confirmed --> number
       \\__ badge burst (on number, pin, actions or confirmed) --> (sign_in_badge) --^
    F10 / Ctrl+Alt+E / "Admin" --> admin-number --> admin-pin --> (admin_check) --> closes

What a caller (and the person at the kiosk) may rely on:

- Keyboard and touch do the same: digits, Backspace (⌫), Delete or Esc (Clear:
  empties the field, or cancels the PIN, admin or action step), Enter (OK; on the
  action step it presses the highlighted, suggested action; digits 1..n press
  the others). F10 or Ctrl+Alt+E opens the administrator's prompt.
- Nothing leaves kiosk mode but an administrator's number and PIN: close
  events (Alt+F4), Esc, Ctrl+Q and Ctrl+W are ignored. Then `exit_requested`
  is emitted and the window closes.
- A badge reader (keyboard wedge) is told from a person by timing
  (`BadgeReader`, fed `QKeyEvent.timestamp()`); what its burst typed into the
  field is discarded before the badge is checked.
- Personal data (name, hours) leaves the screen after `confirm_ms` on the
  confirmation step, after `idle_timeout_ms` without input on any other step,
  or on any key; a half-typed number or PIN is cleared by the same timeout.
- `punched(Confirmation)` follows each committed punch (e.g. to sync at once).
- Errors of the store are shown as one sentence, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from app.domain import DEFAULT_ZONE, ClockState, PunchKind
from app.kiosk_desk import Confirmation, KioskDesk, Person, Refusal, Refused
from app.store import DirectoryEntry, PunchRefused, Store
from app.ui.clock_model import Clock, utc_now
from app.ui.durations import duration_text
from app.ui.error_text import error_sentence
from app.ui.kiosk.badge_reader import BadgeReader
from app.ui.kiosk.keypad import Keypad
from app.ui.kiosk.screens import ActionChoices, ActionInfo, ClockPanel, ConfirmInfo, ConfirmMark, EntryInfo
from app.ui.kiosk.style import KIOSK_STYLE, Sizes, set_pixel_font
from app.ui.kiosk.sync_words import sync_text
from app.ui.panels import plain_label
from app.ui.tasks import TaskRunner
from sync.engine import SyncStatus

__all__ = [
    "CONFIRM_MS",
    "IDLE_TIMEOUT_MS",
    "MAX_DIGITS",
    "MESSAGE_MS",
    "DeskFactory",
    "KioskWindow",
    "Step",
]

CONFIRM_MS = 4_000
MESSAGE_MS = 6_000
IDLE_TIMEOUT_MS = 20_000
MAX_DIGITS = 12
_CLOCK_TICK_MS = 1_000
_MIN_TICK_MS = 200
_TICK_LATE_MS = 20  # wake just after the minute turns, never just before

DeskFactory = Callable[[Store, str], KioskDesk]
T = TypeVar("T")

_log = logging.getLogger(__name__)

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Escape, Qt.Key.Key_Clear)
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
)
_CHORD = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


class Step(StrEnum):
    NUMBER = "number"  # the idle screen when nothing is typed
    PIN = "pin"
    ADMIN_NUMBER = "admin-number"
    ADMIN_PIN = "admin-pin"
    ACTIONS = "actions"
    CONFIRMED = "confirmed"


_ENTRY_STEPS = (Step.NUMBER, Step.PIN, Step.ADMIN_NUMBER, Step.ADMIN_PIN)
_MASKED_STEPS = (Step.PIN, Step.ADMIN_PIN)
_PAGE = {Step.ACTIONS: 1, Step.CONFIRMED: 2}  # else 0: the entry and the keypad


class KioskWindow(QWidget):
    """The kiosk screen for `tenant` (whose id also salts badge digests).

    `title` is the workplace name shown at the top (default: `tenant`).
    `clock` gives the time shown (aware UTC); `zone` the zone it is shown in.
    `desk(store, tenant)` makes the KioskDesk the worker uses.
    """

    exit_requested = Signal()
    punched = Signal(object)  # a Confirmation, after the store committed the punch

    def __init__(
        self,
        runner: TaskRunner,
        tenant: str,
        *,
        title: str | None = None,
        clock: Clock = utc_now,
        zone: ZoneInfo = DEFAULT_ZONE,
        confirm_ms: int = CONFIRM_MS,
        message_ms: int = MESSAGE_MS,
        idle_timeout_ms: int = IDLE_TIMEOUT_MS,
        badge_reader: BadgeReader | None = None,
        desk: DeskFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self._runner = runner
        self._tenant = tenant
        self._clock = clock
        self._zone = zone
        self._reader = badge_reader or BadgeReader()
        self._desk: DeskFactory = desk or (lambda store, name: KioskDesk(store, name, zone=zone))
        self._step = Step.NUMBER
        self._digits = ""
        self._number = ""  # the number typed before the PIN
        self._person: Person | None = None
        self._busy = False
        self._exit_allowed = False
        self._pending_choice: int | None = None

        self.setObjectName("kioskWindow")
        self.setWindowTitle(self.tr("Stempel kiosk"))
        self.setAccessibleName(self.tr("Stempel kiosk"))
        self.setStyleSheet(KIOSK_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(800, 480)
        self._build(title or tenant)

        self._clock_timer = self._timer(_CLOCK_TICK_MS, self._tick)
        self._idle_timer = self._timer(idle_timeout_ms, self._idle_timeout)
        self._confirm_timer = self._timer(confirm_ms, self._confirm_timeout)
        self._message_timer = self._timer(message_ms, lambda: self.entry_info.show_message(""))
        self._choice_timer = self._timer(self._reader.max_gap_ms + 25, self._choice_timeout)
        self._tick()
        self._set_step(Step.NUMBER)
        self._rescale()

    def _timer(self, interval_ms: int, slot: Callable[[], None], *, single: bool = True) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    # building ------------------------------------------------------------------------

    def _build(self, title: str) -> None:
        self.tenant_label = plain_label(title)
        self.tenant_label.setObjectName("tenantLabel")
        self.tenant_label.setAccessibleName(self.tr("Workplace"))
        self.sync_label = plain_label()
        self.sync_label.setObjectName("syncLabel")
        self.sync_label.setAccessibleName(self.tr("Sync status"))
        self.admin_button = QPushButton(self.tr("Admin"))
        self.admin_button.setObjectName("adminButton")
        self.admin_button.setAccessibleName(self.tr("Close the kiosk (administrator)"))
        self.admin_button.setToolTip(self.tr("Close the kiosk: administrator's number and PIN (F10)"))
        self.admin_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.admin_button.clicked.connect(self.open_admin)
        top = QHBoxLayout()
        top.addWidget(self.tenant_label, 1)
        top.addWidget(self.sync_label)
        top.addSpacing(16)
        top.addWidget(self.admin_button)

        self.clock_panel = ClockPanel()
        self.time_label = self.clock_panel.time_label
        self.date_label = self.clock_panel.date_label
        self.entry_info = EntryInfo()
        self.action_info = ActionInfo()
        self.confirm_info = ConfirmInfo()
        self.info_pages = QStackedWidget()
        for page in (self.entry_info, self.action_info, self.confirm_info):
            self.info_pages.addWidget(page)
        left = QVBoxLayout()
        left.addWidget(self.clock_panel)
        left.addWidget(self.info_pages, 1)
        self._left = left

        self.keypad = Keypad(self.press_digit, self.press_backspace, self.press_clear, self.press_ok)
        self.choices = ActionChoices(self.choose_action, self.press_clear)
        self.confirm_mark = ConfirmMark()
        self.control_pages = QStackedWidget()
        for control in (self.keypad, self.choices, self.confirm_mark):
            self.control_pages.addWidget(control)

        body = QHBoxLayout()
        body.addLayout(left, 11)
        body.addWidget(self.control_pages, 9)
        self._body = body
        root = QVBoxLayout(self)
        root.addLayout(top)
        root.addLayout(body, 1)
        self._root = root

    # what the screen shows --------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self._step

    @property
    def typed(self) -> str:
        """The digits in the field now (the PIN too: for tests; the screen shows dots)."""
        return self._digits

    @property
    def busy(self) -> bool:
        """A check or a punch is running on the store worker; input waits for it."""
        return self._busy

    def is_idle(self) -> bool:
        """The empty number screen: nothing typed, nobody signed in, no message."""
        return self._step == Step.NUMBER and not self._digits and not self.entry_info.message_label.text()

    def _set_step(self, step: Step) -> None:
        self._step = step
        page = _PAGE.get(step, 0)
        self.info_pages.setCurrentIndex(page)
        self.control_pages.setCurrentIndex(page)
        if step == Step.NUMBER:
            self.entry_info.show_prompt(
                self.tr("Enter your employee number"), self.tr("or hold your badge to the reader")
            )
        elif step == Step.PIN:
            self.entry_info.show_prompt(
                self.tr("Enter your PIN"), self.tr("Employee number {number}").format(number=self._number)
            )
        elif step == Step.ADMIN_NUMBER:
            self.entry_info.show_prompt(
                self.tr("Close the kiosk: administrator's employee number"),
                self.tr("Clear (Esc) goes back"),
            )
        elif step == Step.ADMIN_PIN:
            self.entry_info.show_prompt(
                self.tr("Close the kiosk: administrator's PIN"), self.tr("Clear (Esc) goes back")
            )
        self._show_entry()

    def _show_entry(self) -> None:
        self.entry_info.show_entry(self._digits, masked=self._step in _MASKED_STEPS)

    def _tick(self) -> None:
        """Show the time, then wake just after the minute changes (not every second)."""
        now = self._clock()
        self.clock_panel.show_time(now, self._zone)
        into_minute_ms = now.second * 1000 + now.microsecond // 1000
        self._clock_timer.start(max(_MIN_TICK_MS, 60_000 - into_minute_ms + _TICK_LATE_MS))

    def _local_time(self, at: datetime) -> str:
        return at.astimezone(self._zone).strftime("%H:%M")

    def show_sync_status(self, status: SyncStatus) -> None:
        """A new status of the sync loop, as one calm line for staff."""
        self.sync_label.setText(sync_text(status, self._zone))
        self.sync_label.setToolTip(status.message)

    # input: keypad, buttons and keyboard ---------------------------------------------------

    def press_digit(self, digit: str) -> None:
        if self._busy:
            return
        if self._step == Step.CONFIRMED:
            self.back_to_idle()  # the next person starts typing at once
        if self._step == Step.ACTIONS:
            self._touch()
            self.choose_action(int(digit) - 1)
            return
        if len(self._digits) < MAX_DIGITS:
            self._digits += digit
        self.entry_info.show_message("")
        self._show_entry()
        self._touch()

    def press_backspace(self) -> None:
        if self._busy or self._step not in _ENTRY_STEPS:
            return
        self._digits = self._digits[:-1]
        self._show_entry()
        self._touch()

    def press_clear(self) -> None:
        """Empty the field; on an empty field (or the action step) go back to the start."""
        if self._busy:
            return
        if self._step in _ENTRY_STEPS and self._digits:
            self._digits = ""
            self._show_entry()
            self._touch()
            return
        self.back_to_idle()

    def press_ok(self) -> None:
        if self._busy:
            return
        step, digits = self._step, self._digits
        if step == Step.ACTIONS:
            self.choose_action(0)
        elif step == Step.CONFIRMED:
            self.back_to_idle()
        elif not digits:
            self._touch()
        elif step in (Step.NUMBER, Step.ADMIN_NUMBER):
            self._number, self._digits = digits, ""
            self._set_step(Step.PIN if step == Step.NUMBER else Step.ADMIN_PIN)
            self._touch()
        elif step == Step.PIN:
            self._sign_in_pin(self._number, digits)
        elif step == Step.ADMIN_PIN:
            self._admin_check(self._number, digits)

    def choose_action(self, index: int) -> None:
        """Press the `index`-th action of the person signed in (0: the suggested one)."""
        person = self._person
        if self._busy or self._step != Step.ACTIONS or person is None:
            return
        if not 0 <= index < len(person.actions):
            return
        self._punch(person.number, person.actions[index])

    def open_admin(self) -> None:
        """Ask for an administrator's number and PIN, to close the kiosk."""
        if self._busy:
            return
        self.back_to_idle()
        self._set_step(Step.ADMIN_NUMBER)
        self._touch()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()  # whatever it is, nothing else gets it (no Esc, no shortcuts)
        key = Qt.Key(event.key())
        if key in _MODIFIER_KEYS:
            return
        modifiers = event.modifiers()
        if key == Qt.Key.Key_F10 or (
            key == Qt.Key.Key_E
            and modifiers & Qt.KeyboardModifier.ControlModifier
            and modifiers & Qt.KeyboardModifier.AltModifier
        ):
            self._reader.reset()
            self.open_admin()
            return
        if modifiers & _CHORD or (event.isAutoRepeat() and key != Qt.Key.Key_Backspace):
            self._reader.reset()
            return
        text = "\r" if key in _ENTER_KEYS else _digit_of(event)
        badge = self._reader.key(text, event.timestamp() or None)  # 0: a synthetic event, untimed
        if badge is not None:
            self._badge_read(badge)
        elif key in _ENTER_KEYS:
            self.press_ok()
        elif text:
            self._key_digit(text)
        elif key == Qt.Key.Key_Backspace:
            self.press_backspace()
        elif key in _CLEAR_KEYS:
            self.press_clear()
        elif self._step == Step.CONFIRMED and not self._busy:
            self.back_to_idle()

    def _key_digit(self, digit: str) -> None:
        """A digit from the keyboard. On the action step it waits a moment: a badge reader's
        burst starting with "1" must not press action 1 for the person on screen."""
        if self._step != Step.ACTIONS:
            self.press_digit(digit)
            return
        if len(self._reader.burst) > 1:  # a burst: not a choice
            self._pending_choice = None
            self._choice_timer.stop()
            return
        self._pending_choice = int(digit) - 1
        self._choice_timer.start()

    def _choice_timeout(self) -> None:
        choice, self._pending_choice = self._pending_choice, None
        if choice is not None:
            self.choose_action(choice)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A touch anywhere (outside the buttons) ends the confirmation, and counts as activity."""
        if self._step == Step.CONFIRMED and not self._busy:
            self.back_to_idle()
        else:
            self._touch()
        event.accept()

    def _badge_read(self, badge: str) -> None:
        if self._busy:
            return
        if self._step in (Step.ADMIN_NUMBER, Step.ADMIN_PIN):
            self._digits = ""
            self._show_entry()
            self.entry_info.show_message(self.tr("Type the administrator's number and PIN"))
            self._touch()
            return
        self.back_to_idle()  # drops what the burst typed into the field, and anyone on screen
        self._run(
            lambda desk: desk.sign_in_badge(badge),
            self._signed_in,
            self._sign_in_failed,
            self.tr("Checking the badge…"),
        )

    # timers -------------------------------------------------------------------------------

    def _touch(self) -> None:
        """Input happened: the idle timeout starts again (it does not run on the idle screen)."""
        if self.is_idle():
            self._idle_timer.stop()
        elif self._step != Step.CONFIRMED:
            self._idle_timer.start()

    def _idle_timeout(self) -> None:
        if self._busy:
            self._idle_timer.start()
            return
        self.back_to_idle()

    def _confirm_timeout(self) -> None:
        if self._step == Step.CONFIRMED and not self._busy:
            self.back_to_idle()

    def back_to_idle(self, message: str = "") -> None:
        """The empty number screen, with nothing of anyone left on it (but `message`)."""
        for timer in (self._idle_timer, self._confirm_timer, self._choice_timer, self._message_timer):
            timer.stop()
        self._digits = ""
        self._number = ""
        self._person = None
        self._pending_choice = None
        self.action_info.clear()
        self.choices.clear()
        self.confirm_info.clear()
        self._set_step(Step.NUMBER)
        self.entry_info.show_message(message, "refused")
        if message:
            self._message_timer.start()

    # work on the store worker ------------------------------------------------------------------

    def _run(
        self,
        job: Callable[[KioskDesk], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
        busy_text: str,
    ) -> None:
        make, tenant = self._desk, self._tenant
        self._busy = True
        self._idle_timer.stop()
        self.keypad.setEnabled(False)
        self.choices.set_enabled(False)
        if self._step == Step.ACTIONS:
            self.action_info.status_label.setText(busy_text)
        else:
            self.entry_info.show_message(busy_text, "busy")
        self._runner.run(lambda store: job(make(store, tenant)), on_done, on_error, receiver=self)

    def _done_waiting(self) -> None:
        self._busy = False
        self.keypad.setEnabled(True)
        self.choices.set_enabled(True)

    def _sign_in_pin(self, number: str, pin: str) -> None:
        self._run(
            lambda desk: desk.sign_in_pin(number, pin),
            self._signed_in,
            self._sign_in_failed,
            self.tr("Checking…"),
        )

    def _admin_check(self, number: str, pin: str) -> None:
        self._run(
            lambda desk: desk.admin_check(number, pin),
            self._admin_checked,
            self._sign_in_failed,
            self.tr("Checking…"),
        )

    def _punch(self, number: str, kind: PunchKind) -> None:
        self._run(
            lambda desk: desk.punch(number, kind), self._confirmed, self._punch_failed, self.tr("Saving…")
        )

    def _signed_in(self, result: Person | Refused) -> None:
        self._done_waiting()
        if isinstance(result, Refused):
            self.back_to_idle(self._refusal_text(result))
            return
        self._show_person(result)

    def _admin_checked(self, result: DirectoryEntry | Refused) -> None:
        self._done_waiting()
        if isinstance(result, Refused):
            self.back_to_idle(self._refusal_text(result))
            return
        _log.info("Kiosk mode closed by an administrator")
        self.back_to_idle()
        self._exit_allowed = True
        self.exit_requested.emit()
        self.close()

    def _confirmed(self, confirmation: Confirmation) -> None:
        self._done_waiting()
        self._person = None
        self.action_info.clear()
        self.choices.clear()
        self.confirm_info.show_confirmation(
            self._confirmation_text(confirmation),
            self.tr("Today: {hours}").format(hours=duration_text(confirmation.today)),
        )
        self._idle_timer.stop()
        self._set_step(Step.CONFIRMED)
        self._confirm_timer.start()
        self.punched.emit(confirmation)

    def _sign_in_failed(self, error: Exception) -> None:
        self._done_waiting()
        _log.warning("A kiosk sign-in failed: %s", type(error).__name__)
        self.back_to_idle(error_sentence(error))

    def _punch_failed(self, error: Exception) -> None:
        self._done_waiting()
        _log.warning("A kiosk punch failed: %s", type(error).__name__)
        if isinstance(error, PunchRefused):
            text = self.tr(
                "That punch does not fit the clock state on record, so it was not saved. "
                "Please sign in again."
            )
        else:
            text = error_sentence(error)
        self.back_to_idle(text)

    # words ---------------------------------------------------------------------------------------

    def _show_person(self, person: Person) -> None:
        self._person = person
        self._digits = ""
        self.entry_info.show_message("")
        states = {
            ClockState.OUT: self.tr("You are clocked out"),
            ClockState.IN: self.tr("You are clocked in"),
            ClockState.ON_BREAK: self.tr("You are on a break"),
        }
        self.action_info.show_person(
            self.tr("Hello, {name}").format(name=person.shown_name),
            states[person.state],
            self.tr("Today: {hours}").format(hours=duration_text(person.today)),
        )
        self.choices.show_actions([self._action_text(kind) for kind in person.actions])
        self._set_step(Step.ACTIONS)
        if not person.actions:
            self.action_info.status_label.setText(self.tr("Nothing to punch now"))
        self._touch()

    def _action_text(self, kind: PunchKind) -> str:
        return {
            PunchKind.IN: self.tr("Clock in"),
            PunchKind.OUT: self.tr("Clock out"),
            PunchKind.BREAK_START: self.tr("Start break"),
            PunchKind.BREAK_END: self.tr("End break"),
        }[kind]

    def _confirmation_text(self, confirmation: Confirmation) -> str:
        time, name = self._local_time(confirmation.at), confirmation.shown_name
        if confirmation.kind == PunchKind.IN:
            return self.tr("Clocked in {time} — {name}").format(time=time, name=name)
        if confirmation.kind == PunchKind.OUT:
            return self.tr("Clocked out {time} — {name}").format(time=time, name=name)
        if confirmation.kind == PunchKind.BREAK_START:
            return self.tr("Break started {time} — {name}").format(time=time, name=name)
        return self.tr("Break ended {time} — {name}").format(time=time, name=name)

    def _refusal_text(self, refused: Refused) -> str:
        if refused.reason == Refusal.LOCKED:
            if refused.locked_until is None:
                return self.tr("Locked — too many wrong PINs")
            until = self._local_time(refused.locked_until)
            return self.tr("Locked until {time} — too many wrong PINs").format(time=until)
        if refused.reason == Refusal.UNKNOWN_BADGE:
            return self.tr("Badge not recognised")
        if refused.reason == Refusal.NOT_ADMIN:
            return self.tr("Only an administrator can close the kiosk")
        return self.tr("Wrong number or PIN")

    # size and closing ---------------------------------------------------------------------------

    def _rescale(self) -> None:
        sizes = Sizes(self.height())
        margin = sizes.margin
        self._root.setContentsMargins(margin, sizes.px(1.5, 8), margin, margin)
        self._root.setSpacing(sizes.spacing)
        self._body.setSpacing(margin * 2)
        self._left.setSpacing(sizes.spacing * 2)
        set_pixel_font(self.tenant_label, sizes.px(3.4, 16), QFont.Weight.DemiBold)
        set_pixel_font(self.sync_label, sizes.px(2.4, 13))
        set_pixel_font(self.admin_button, sizes.px(2.2, 13))
        self.admin_button.setMinimumHeight(sizes.px(5.5, 36))
        self.clock_panel.rescale(sizes)
        for part in (
            self.entry_info,
            self.action_info,
            self.confirm_info,
            self.keypad,
            self.choices,
            self.confirm_mark,
        ):
            part.rescale(sizes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ignored (Alt+F4, a window manager's close) unless an administrator signed in to close."""
        if self._exit_allowed:
            super().closeEvent(event)
        else:
            event.ignore()


def _digit_of(event: QKeyEvent) -> str:
    """The digit a key typed ("" if none), the number row's and the keypad's alike."""
    text = event.text()
    if len(text) == 1 and text.isascii() and text.isdigit():
        return text
    key = event.key()
    if (
        Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value
        and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    ):
        return chr(key)
    return ""
