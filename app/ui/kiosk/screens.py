"""The parts of the kiosk's screen; `KioskWindow` decides which one shows.

Left of the screen: the clock, then one of the `EntryInfo` (what to type and
what was typed), `ActionInfo` (who signed in, their hours today) or
`ConfirmInfo` (the punch just saved). Right: the keypad, `ActionChoices` or
`ConfirmMark`. Every label is plain text, so a name from the directory is
never read as markup, and `clear()` wipes whatever a part showed of a person.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.ui.kiosk.style import Sizes, set_pixel_font
from app.ui.panels import plain_label, qdate

__all__ = ["ActionChoices", "ActionInfo", "ClockPanel", "ConfirmInfo", "ConfirmMark", "EntryInfo"]

_MASK = "●"


def _set_tone(label: QLabel, tone: str) -> None:
    if label.property("tone") != tone:
        label.setProperty("tone", tone)
        label.style().unpolish(label)
        label.style().polish(label)


def _column(widget: QWidget) -> QVBoxLayout:
    column = QVBoxLayout(widget)
    column.setContentsMargins(0, 0, 0, 0)
    return column


class ClockPanel(QWidget):
    """The time, large, and the date under it; text is only set when it changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.time_label = plain_label()
        self.time_label.setObjectName("timeLabel")
        self.time_label.setAccessibleName(self.tr("Time"))
        self.date_label = plain_label()
        self.date_label.setObjectName("dateLabel")
        self.date_label.setAccessibleName(self.tr("Date"))
        column = _column(self)
        column.setSpacing(0)
        column.addWidget(self.time_label)
        column.addWidget(self.date_label)
        for label in (self.time_label, self.date_label):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_time(self, now: datetime, zone: ZoneInfo) -> None:
        local = now.astimezone(zone)
        time_text = local.strftime("%H:%M")
        date_text = QLocale().toString(qdate(local.date()), QLocale.FormatType.LongFormat)
        if self.time_label.text() != time_text:
            self.time_label.setText(time_text)
        if self.date_label.text() != date_text:
            self.date_label.setText(date_text)

    def rescale(self, sizes: Sizes) -> None:
        set_pixel_font(self.time_label, sizes.px(17), QFont.Weight.Bold)
        set_pixel_font(self.date_label, sizes.px(3.8, 16))


class EntryInfo(QWidget):
    """What to type ("Enter your PIN"), the digits typed (or dots), a hint and a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt_label = plain_label()
        self.prompt_label.setObjectName("promptLabel")
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setAccessibleName(self.tr("What to enter"))
        self.entry_field = plain_label()
        self.entry_field.setObjectName("entryField")
        self.entry_field.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.entry_field.setAccessibleName(self.tr("Typed so far"))
        self.hint_label = plain_label()
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAccessibleName(self.tr("Hint"))
        self.message_label = plain_label()
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(self.tr("Message"))
        column = _column(self)
        column.addWidget(self.prompt_label)
        column.addWidget(self.entry_field)
        column.addWidget(self.hint_label)
        column.addWidget(self.message_label)
        column.addStretch(1)
        self._column = column

    def show_prompt(self, prompt: str, hint: str) -> None:
        self.prompt_label.setText(prompt)
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))

    def show_entry(self, digits: str, *, masked: bool) -> None:
        self.entry_field.setText(_MASK * len(digits) if masked else digits)
        if self.entry_field.property("masked") != masked:
            self.entry_field.setProperty("masked", masked)
            self.entry_field.style().unpolish(self.entry_field)
            self.entry_field.style().polish(self.entry_field)
        self.entry_field.setAccessibleDescription(
            self.tr("%n digit(s) typed", "", len(digits)) if masked else digits
        )

    def show_message(self, text: str, tone: str = "refused") -> None:
        self.message_label.setText(text)
        _set_tone(self.message_label, tone)

    def rescale(self, sizes: Sizes) -> None:
        self._column.setSpacing(sizes.spacing)
        set_pixel_font(self.prompt_label, sizes.px(4.6, 20), QFont.Weight.DemiBold)
        set_pixel_font(self.entry_field, sizes.px(6.5, 26), QFont.Weight.Bold)
        self.entry_field.setFixedHeight(sizes.key_height)
        set_pixel_font(self.hint_label, sizes.px(3.2, 15))
        set_pixel_font(self.message_label, sizes.px(3.8, 17), QFont.Weight.DemiBold)


class ActionInfo(QWidget):
    """Who signed in ("Hello, Kari N."), where they stand and their hours today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.greeting_label = plain_label()
        self.greeting_label.setObjectName("greetingLabel")
        self.greeting_label.setWordWrap(True)
        self.greeting_label.setAccessibleName(self.tr("Signed in"))
        self.state_label = plain_label()
        self.state_label.setObjectName("stateLabel")
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName(self.tr("Clock status"))
        self.today_label = plain_label()
        self.today_label.setObjectName("todayLabel")
        self.today_label.setAccessibleName(self.tr("Worked today"))
        self.status_label = plain_label()
        self.status_label.setObjectName("messageLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Message"))
        column = _column(self)
        for label in (self.greeting_label, self.state_label, self.today_label, self.status_label):
            column.addWidget(label)
        column.addStretch(1)
        self._column = column

    def show_person(self, greeting: str, state: str, today: str) -> None:
        self.greeting_label.setText(greeting)
        self.state_label.setText(state)
        self.today_label.setText(today)
        self.status_label.setText("")

    def clear(self) -> None:
        self.show_person("", "", "")

    def rescale(self, sizes: Sizes) -> None:
        self._column.setSpacing(sizes.spacing)
        set_pixel_font(self.greeting_label, sizes.px(6, 24), QFont.Weight.Bold)
        set_pixel_font(self.state_label, sizes.px(3.8, 16))
        set_pixel_font(self.today_label, sizes.px(3.8, 16))
        set_pixel_font(self.status_label, sizes.px(3.8, 16), QFont.Weight.DemiBold)


class ActionChoices(QWidget):
    """A big button per action, the suggested one first and highlighted; and Cancel.

    A press calls `on_choose(index)` (0: the suggested action) or `on_cancel()`.
    """

    def __init__(
        self, on_choose: Callable[[int], None], on_cancel: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._on_choose = on_choose
        self.buttons: list[QPushButton] = []
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Cancel (Esc)"))
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(lambda _checked=False: on_cancel())
        column = _column(self)
        column.addStretch(1)
        column.addWidget(self.cancel_button)
        self._column = column
        self._sizes: Sizes | None = None

    def show_actions(self, labels: list[str]) -> None:
        """One button per label, in order; the first is the suggested one (Enter presses it)."""
        self.clear()
        for index, text in enumerate(labels):
            button = QPushButton(f"{index + 1}   {text}")
            button.setObjectName("actionSuggested" if index == 0 else "actionOther")
            button.setAccessibleName(text)
            keys = self.tr("Enter or {n}").format(n=index + 1) if index == 0 else str(index + 1)
            button.setAccessibleDescription(self.tr("Key: {keys}").format(keys=keys))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, i=index: self._on_choose(i))
            self._column.insertWidget(index, button)
            self.buttons.append(button)
        if self._sizes is not None:
            self.rescale(self._sizes)

    def set_enabled(self, enabled: bool) -> None:
        for button in [*self.buttons, self.cancel_button]:
            button.setEnabled(enabled)

    def clear(self) -> None:
        for button in self.buttons:
            self._column.removeWidget(button)
            button.hide()
            button.setText("")
            button.deleteLater()
        self.buttons = []
        self.cancel_button.setEnabled(True)

    def rescale(self, sizes: Sizes) -> None:
        self._sizes = sizes
        self._column.setSpacing(sizes.spacing * 2)
        for button in self.buttons:
            button.setFixedHeight(sizes.action_height)
            set_pixel_font(button, sizes.px(5, 22), QFont.Weight.Bold)
        self.cancel_button.setFixedHeight(sizes.key_height)
        set_pixel_font(self.cancel_button, sizes.px(3.8, 18), QFont.Weight.DemiBold)


class ConfirmInfo(QWidget):
    """The punch just saved ("Clocked in 07:58 — Kari N."), the hours today, how to go on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = plain_label()
        self.title_label.setObjectName("confirmTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleName(self.tr("Saved"))
        self.today_label = plain_label()
        self.today_label.setObjectName("todayLabel")
        self.today_label.setAccessibleName(self.tr("Worked today"))
        self.tap_label = plain_label(self.tr("Touch the screen or press any key to continue"))
        self.tap_label.setObjectName("tapLabel")
        self.tap_label.setWordWrap(True)
        column = _column(self)
        column.addWidget(self.title_label)
        column.addWidget(self.today_label)
        column.addStretch(1)
        column.addWidget(self.tap_label)
        self._column = column

    def show_confirmation(self, title: str, today: str) -> None:
        self.title_label.setText(title)
        self.today_label.setText(today)

    def clear(self) -> None:
        self.show_confirmation("", "")

    def rescale(self, sizes: Sizes) -> None:
        self._column.setSpacing(sizes.spacing * 2)
        set_pixel_font(self.title_label, sizes.px(6, 24), QFont.Weight.Bold)
        set_pixel_font(self.today_label, sizes.px(4.6, 20), QFont.Weight.DemiBold)
        set_pixel_font(self.tap_label, sizes.px(3, 14))


class ConfirmMark(QWidget):
    """A large check mark: saved, at a glance from across the room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mark = QLabel("✓")
        self.mark.setObjectName("checkMark")
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mark.setAccessibleName(self.tr("Saved"))
        column = _column(self)
        column.addStretch(1)
        column.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)

    def rescale(self, sizes: Sizes) -> None:
        side = sizes.px(34, 120)
        self.mark.setFixedSize(side, side)
        self.mark.setStyleSheet(f"border-radius: {side // 2}px;")
        set_pixel_font(self.mark, side // 2, QFont.Weight.Bold)
