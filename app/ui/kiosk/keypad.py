"""The on-screen keypad: 0-9, backspace, clear and OK, as big touch targets.

The keys take no keyboard focus: the window reads the keyboard itself (digits,
Backspace, Delete, Enter), so a key on screen and one on a keyboard do the same.
Presses go straight to the handlers given (no Python-side signal in between: under
PySide6 6.12.0 with Python 3.11 each `Signal.emit()` loses a reference to True).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from app.ui.kiosk.style import Sizes, set_pixel_font

__all__ = ["Keypad"]

_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("clear", "0", "back"))


class Keypad(QWidget):
    """Calls `on_digit("7")`, `on_backspace()`, `on_clear()` or `on_ok()` for each press.

    `buttons` maps "0".."9", "back", "clear" and "ok" to its key.
    """

    def __init__(
        self,
        on_digit: Callable[[str], None],
        on_backspace: Callable[[], None],
        on_clear: Callable[[], None],
        on_ok: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_digit = on_digit
        self._handlers = {"back": on_backspace, "clear": on_clear, "ok": on_ok}
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self._grid = grid
        for row, keys in enumerate(_ROWS):
            for column, key in enumerate(keys):
                grid.addWidget(self._make(key), row, column)
        grid.addWidget(self._make("ok"), len(_ROWS), 0, 1, 3)

    def _make(self, key: str) -> QPushButton:
        if key.isdigit():
            button = QPushButton(key)
            button.setAccessibleName(key)
            button.clicked.connect(lambda _checked=False, d=key: self._on_digit(d))
        elif key == "back":
            button = QPushButton("⌫")
            button.setObjectName("keyBack")
            button.setAccessibleName(self.tr("Delete last digit"))
            button.setToolTip(self.tr("Delete last digit (Backspace)"))
        elif key == "clear":
            button = QPushButton(self.tr("Clear"))
            button.setObjectName("keyClear")
            button.setAccessibleName(self.tr("Clear"))
            button.setToolTip(self.tr("Clear (Delete or Esc)"))
        else:
            button = QPushButton(self.tr("OK"))
            button.setObjectName("keyOk")
            button.setAccessibleName(self.tr("OK"))
            button.setToolTip(self.tr("OK (Enter)"))
        if not key.isdigit():
            handler = self._handlers[key]
            button.clicked.connect(lambda _checked=False: handler())
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(key == "back")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.buttons[key] = button
        return button

    def rescale(self, sizes: Sizes) -> None:
        self._grid.setSpacing(sizes.spacing)
        for key, button in self.buttons.items():
            button.setMinimumSize(sizes.key_height, sizes.key_height)
            if key.isdigit():
                set_pixel_font(button, sizes.px(5.2), QFont.Weight.DemiBold)
            else:
                set_pixel_font(button, sizes.px(3.6), QFont.Weight.DemiBold)
