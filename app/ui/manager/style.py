"""The manager window's look: the app's style sheet plus its cards, states and table."""

from __future__ import annotations

from app.ui.style import DIALOG_STYLE, STYLE

__all__ = ["MANAGER_STYLE"]

MANAGER_STYLE = (
    STYLE
    + DIALOG_STYLE
    + """
QFrame#weekPanel {
    background: palette(base); border: 1px solid #d9dee3; border-radius: 8px;
}
QFrame#weekPanel QLabel { background: transparent; }
QFrame#panel QTableView, QFrame#weekPanel QTableWidget {
    border: 1px solid #dde2e7; border-radius: 4px; gridline-color: #e6eaee;
    selection-background-color: #cfe0f1; selection-color: #1c2630;
}
QFrame#panel QTableView::item { padding: 0px 4px; }
QFrame#weekPanel QTableWidget::item { padding: 0px; }
QHeaderView::section {
    background: #f4f6f8; color: #3b4650; border: none; border-bottom: 1px solid #dde2e7;
    padding: 5px 6px; font-weight: 600;
}
QFrame#decisionCard {
    background: #eef1f4; border: 1px solid #d3d9df; border-radius: 8px;
}
QFrame#decisionCard QLabel { background: transparent; color: #1c2630; }
QFrame#decisionCard[status="pending-sync"] { background: #edf3fa; border-color: #b8cde4; }
QFrame#decisionCard[status="pending-sync"] QLabel { color: #1f4f7d; }
QFrame#decisionCard[status="approved"] { background: #eef7f1; border-color: #b9dcc5; }
QFrame#decisionCard[status="approved"] QLabel { color: #24613c; }
QFrame#decisionCard[status="rejected"] { background: #fff6e5; border-color: #eec47e; }
QFrame#decisionCard[status="rejected"] QLabel { color: #6b4a06; }
QFrame#decisionCard[status="conflict"] { background: #fdecea; border-color: #efaaa4; }
QFrame#decisionCard[status="conflict"] QLabel { color: #7a1c14; }
QFrame#requestsFrame {
    background: #fbfbfc; border: 1px solid #dde2e7; border-radius: 8px;
}
QFrame#requestsFrame QLabel { background: transparent; }
QPushButton#primaryButton {
    background: #f5f6f8; color: #8d969e; border: 1px solid #d3d9df; border-radius: 5px;
    padding: 5px 14px;
}
QPushButton#primaryButton:enabled { background: #1f5f99; color: #ffffff; border-color: #184b7a; }
QPushButton#primaryButton:focus { border: 2px solid #e8a317; }
QPushButton#primaryButton:enabled:hover { background: #2570b3; }
QLabel#statusMessage[tone="error"] { color: #a3261a; }
QLabel#statusMessage[tone="ok"] { color: #24613c; }
"""
)
