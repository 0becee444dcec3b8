"""The manager window's look: its cards, decision states and tables, from the scheme's colours.

`manager_style` is part of the one application style sheet (`app.ui.theme`).
Rules whose selectors the employee window shares (its panels' tables, table
headers) are scoped to `ManagerWindow`, so the employee window keeps its look.
"""

from __future__ import annotations

from app.ui.style import DIALOG_STYLE, LIGHT, STYLE, Colors, tinted

__all__ = ["MANAGER_STYLE", "manager_style"]


def manager_style(c: Colors) -> str:
    """The manager window's own rules (the window and dialog rules come from `app.ui.style`)."""
    return f"""
QFrame#weekPanel {{
    background: {c.base}; border: 1px solid {c.line}; border-radius: 8px;
}}
QFrame#weekPanel QLabel {{ background: transparent; }}
ManagerWindow QFrame#panel QTableView, QFrame#weekPanel QTableWidget {{
    border: 1px solid {c.surface.border}; border-radius: 4px; gridline-color: {c.grid};
    selection-background-color: {c.selection}; selection-color: {c.selection_text};
}}
ManagerWindow QFrame#panel QTableView::item {{ padding: 0px 4px; }}
QFrame#weekPanel QTableWidget::item {{ padding: 0px; }}
ManagerWindow QHeaderView::section {{
    background: {c.surface.background}; color: {c.surface.text}; border: none;
    border-bottom: 1px solid {c.surface.border}; padding: 5px 6px; font-weight: 600;
}}
QFrame#decisionCard {{
    background: {c.card.background}; border: 1px solid {c.card.border}; border-radius: 8px;
}}
QFrame#decisionCard QLabel {{ background: transparent; color: {c.card.text}; }}
{tinted('QFrame#decisionCard[status="pending-sync"]', c.busy)}\
{tinted('QFrame#decisionCard[status="approved"]', c.ok)}\
{tinted('QFrame#decisionCard[status="rejected"]', c.warning)}\
{tinted('QFrame#decisionCard[status="conflict"]', c.error)}\
QFrame#requestsFrame {{
    background: {c.subtle}; border: 1px solid {c.surface.border}; border-radius: 8px;
}}
QFrame#requestsFrame QLabel {{ background: transparent; }}
QPushButton#primaryButton {{
    background: {c.inactive.background}; color: {c.inactive.text}; border: 1px solid {c.inactive.border};
    border-radius: 5px; padding: 5px 14px;
}}
QPushButton#primaryButton:enabled {{
    background: {c.accent}; color: {c.on_accent}; border-color: {c.accent_pressed};
}}
QPushButton#primaryButton:focus {{ border: 2px solid {c.focus}; }}
QPushButton#primaryButton:enabled:hover {{ background: {c.accent_hover}; }}
QLabel#statusMessage[tone="error"] {{ color: {c.problem}; }}
QLabel#statusMessage[tone="ok"] {{ color: {c.ok.text}; }}
"""


# The light sheet as one constant (window + dialogs + manager), for code that wants a fixed look.
MANAGER_STYLE = STYLE + DIALOG_STYLE + manager_style(LIGHT)
