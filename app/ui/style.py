"""The window's look: one style sheet keyed by object names, and font scaling.

Colours are explicit (not palette roles) where a tinted card needs readable text
whatever the desktop theme is.
"""

from __future__ import annotations

from PySide6.QtGui import QFont

__all__ = ["DIALOG_STYLE", "STYLE", "scaled_font"]

STYLE = """
QFrame#statusCard {
    background: #eef1f4; border: 1px solid #d3d9df; border-radius: 10px;
}
QFrame#statusCard[clock="in"] { background: #e8f5ec; border-color: #9fd0b1; }
QFrame#statusCard[clock="on-break"] { background: #fff3de; border-color: #eec47e; }
QFrame#statusCard QLabel { color: #1c2630; background: transparent; }
QFrame#errorBanner {
    background: #fdecea; border: 1px solid #efaaa4; border-radius: 8px;
}
QFrame#errorBanner QLabel { color: #7a1c14; background: transparent; }
QFrame#statusCard QLabel#confirmationLabel { color: #24613c; }
QLabel#noticeLabel {
    background: #fff8e1; color: #5c4400; border: 1px solid #e8cf7a; border-radius: 8px; padding: 8px 12px;
}
QFrame#panel {
    background: palette(base); border: 1px solid #d9dee3; border-radius: 8px;
}
QFrame#panel QLabel { background: transparent; }
QFrame#panel QTableWidget::item { padding: 2px 8px 2px 0px; }
QPushButton#punchButton {
    background: #f5f6f8; color: #8d969e; border: 1px solid #d3d9df; border-radius: 8px;
    padding: 6px 12px;
}
QPushButton#punchButton:enabled {
    background: #1f5f99; color: #ffffff; border-color: #184b7a;
}
QPushButton#punchButton:enabled:hover { background: #2570b3; }
QPushButton#punchButton:enabled:pressed { background: #184b7a; }
QPushButton#punchButton:focus { border: 2px solid #e8a317; }
QFrame#rule { border: none; border-top: 1px solid #d9dee3; }
QLabel#mutedLabel, QLabel#weekDate { color: #5d6872; }
QFrame#syncBar {
    background: #f4f6f8; border: 1px solid #dde2e7; border-radius: 8px;
}
QFrame#syncBar QLabel { color: #3b4650; background: transparent; }
QFrame#syncBar[tone="ok"] { background: #eef7f1; border-color: #b9dcc5; }
QFrame#syncBar[tone="ok"] QLabel { color: #24613c; }
QFrame#syncBar[tone="busy"] { background: #edf3fa; border-color: #b8cde4; }
QFrame#syncBar[tone="busy"] QLabel { color: #1f4f7d; }
QFrame#syncBar[tone="warning"] { background: #fff6e5; border-color: #eec47e; }
QFrame#syncBar[tone="warning"] QLabel { color: #6b4a06; }
QFrame#syncBar[tone="error"] { background: #fdecea; border-color: #efaaa4; }
QFrame#syncBar[tone="error"] QLabel { color: #7a1c14; }
QFrame#syncBar QPushButton#syncLink {
    background: transparent; border: none; color: #1f5f99; text-decoration: underline;
    padding: 2px 4px;
}
QFrame#syncBar QPushButton#syncLink:focus { border: 1px solid #e8a317; border-radius: 4px; }
"""

DIALOG_STYLE = """
QLabel#fieldProblem, QLabel#dialogError { color: #a3261a; }
QLabel#dialogError {
    background: #fdecea; border: 1px solid #efaaa4; border-radius: 6px; padding: 6px 8px;
}
QLabel#noteLabel { color: #6b4a06; }
QLabel#mutedLabel { color: #5d6872; }
QLabel#doneLabel { font-weight: 600; }
QFrame#fingerprintFrame {
    background: #f4f6f8; border: 1px solid #dde2e7; border-radius: 6px;
}
QFrame#fingerprintFrame QLabel { background: transparent; }
"""


def scaled_font(base: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    if weight is not None:
        font.setWeight(weight)
    return font
