"""The kiosk's look: dark, high-contrast, large; sizes follow the window's height.

Colours live in one style sheet keyed by object names (no font sizes there:
`Sizes` sets pixel fonts on resize, so 1024×600 and 1920×1080 both fill the
screen). Contrast of text on its background is at least 4.5:1 everywhere,
and 7:1 for the digits, times and names.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

__all__ = ["KIOSK_STYLE", "MIN_TOUCH_PX", "Sizes", "set_pixel_font"]

MIN_TOUCH_PX = 64

KIOSK_STYLE = """
QWidget#kioskWindow { background: #0e1620; }
QLabel { color: #f2f5f8; background: transparent; }  /* type only: each QLabel#name below wins */
QLabel#tenantLabel { color: #c9d4df; }
QLabel#dateLabel, QLabel#hintLabel, QLabel#todayLabel, QLabel#stateLabel, QLabel#tapLabel { color: #b7c4d1; }
QLabel#syncLabel { color: #9fb0c1; }
QLabel#entryField {
    background: #05090e; border: 2px solid #5d7388; border-radius: 12px; color: #ffffff;
    padding: 0px 18px;
}
QLabel#entryField[masked="true"] { color: #ffd98a; }
QLabel#messageLabel[tone="refused"] { color: #ffd27a; }
QLabel#messageLabel[tone="busy"] { color: #a9d3ff; }
QLabel#confirmTitle { color: #ffffff; }
QLabel#checkMark {
    color: #0e1620; background: #5fd08f; border-radius: 24px;
}
QPushButton {
    background: #223142; color: #ffffff; border: 2px solid #3d536a; border-radius: 14px;
}
QPushButton:pressed { background: #34506d; border-color: #8fb3d9; }
QPushButton:disabled { background: #18222d; color: #6f8091; border-color: #2a3948; }
QPushButton#keyClear, QPushButton#keyBack { background: #1a2531; color: #e6ecf2; }
QPushButton#keyOk { background: #1f7a4a; border-color: #5fd08f; font-weight: 600; }
QPushButton#keyOk:pressed { background: #28995d; }
QPushButton#actionSuggested { background: #1f7a4a; border: 4px solid #8ff0b5; font-weight: 700; }
QPushButton#actionSuggested:pressed { background: #28995d; }
QPushButton#actionOther { background: #223142; border: 2px solid #6d86a0; }
QPushButton#cancelButton { background: transparent; color: #d7e0e8; border: 2px solid #4b6076; }
QPushButton#adminButton {
    background: transparent; color: #8496a8; border: 1px solid #2f4152; border-radius: 8px;
    padding: 0px 12px;
}
QPushButton#adminButton:pressed { color: #ffffff; border-color: #8fb3d9; }
"""


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes for a window `height` pixels tall (1% of the height is one `unit`)."""

    height: int

    @property
    def unit(self) -> float:
        return max(self.height, 480) / 100

    def px(self, units: float, minimum: int = 1) -> int:
        return max(minimum, round(self.unit * units))

    @property
    def key_height(self) -> int:
        return self.px(11.5, MIN_TOUCH_PX)

    @property
    def action_height(self) -> int:
        return self.px(15, MIN_TOUCH_PX + 16)

    @property
    def margin(self) -> int:
        return self.px(3, 12)

    @property
    def spacing(self) -> int:
        return self.px(1.6, 8)


def set_pixel_font(widget: QWidget, pixels: int, weight: QFont.Weight = QFont.Weight.Normal) -> None:
    font = QFont(widget.font())
    font.setPixelSize(max(8, pixels))
    font.setWeight(weight)
    widget.setFont(font)
