"""The window's look: named colours per scheme, the style sheets built from them, and font scaling.

`Colors` is the small set of colour tokens the sheets use; `LIGHT` and `DARK`
are its two instances. Tinted cards take explicit colours (not palette roles)
so their text stays readable (WCAG contrast at least 4.5:1, checked in
tests/ui/test_theme.py) whatever the desktop is. `app.ui.theme` picks the
scheme and puts `application_style` on the QApplication; the selectors use
object names, so one sheet serves every window and dialog.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont

__all__ = [
    "DARK",
    "DIALOG_STYLE",
    "LIGHT",
    "STYLE",
    "Colors",
    "Tint",
    "dialog_style",
    "scaled_font",
    "tinted",
    "window_style",
]


@dataclass(frozen=True, slots=True)
class Tint:
    """A tinted surface: its background, its border and the text drawn on it."""

    background: str
    border: str
    text: str


@dataclass(frozen=True, slots=True)
class Colors:
    """The colour tokens of one scheme ("light" or "dark"); also the source of its QPalette."""

    scheme: str
    window: str
    base: str  # panels and input fields
    alternate_base: str
    button: str
    text: str
    muted: str  # secondary words: dates, notes, "Updated 09:12"
    disabled_text: str
    line: str  # panel borders and rules
    grid: str  # table grid lines
    subtle: str  # a frame just off the window's background
    surface: Tint  # the neutral sync bar, the fingerprint frame, table headers
    card: Tint  # the status card when out, decision cards, quick-reason buttons, Sync now
    card_hover: str
    card_in: Tint
    card_break: Tint
    ok: Tint
    busy: Tint
    warning: Tint
    error: Tint
    notice: Tint
    problem: str  # a field's problem and a dialog's error, on the window and on `error`
    accent: str  # primary buttons and selection
    accent_hover: str
    accent_pressed: str
    on_accent: str
    link: str
    inactive: Tint  # a primary button that cannot be pressed now
    focus: str
    selection: str  # selected table rows (manager)
    selection_text: str


LIGHT = Colors(
    scheme="light",
    window="#efefef",
    base="#ffffff",
    alternate_base="#f7f7f7",
    button="#efefef",
    text="#1c2630",
    muted="#5d6872",
    disabled_text="#9aa2a9",
    line="#d9dee3",
    grid="#e6eaee",
    subtle="#fbfbfc",
    surface=Tint("#f4f6f8", "#dde2e7", "#3b4650"),
    card=Tint("#eef1f4", "#d3d9df", "#1c2630"),
    card_hover="#e2e8ee",
    card_in=Tint("#e8f5ec", "#9fd0b1", "#1c2630"),
    card_break=Tint("#fff3de", "#eec47e", "#1c2630"),
    ok=Tint("#eef7f1", "#b9dcc5", "#24613c"),
    busy=Tint("#edf3fa", "#b8cde4", "#1f4f7d"),
    warning=Tint("#fff6e5", "#eec47e", "#6b4a06"),
    error=Tint("#fdecea", "#efaaa4", "#7a1c14"),
    notice=Tint("#fff8e1", "#e8cf7a", "#5c4400"),
    problem="#a3261a",
    accent="#1f5f99",
    accent_hover="#2570b3",
    accent_pressed="#184b7a",
    on_accent="#ffffff",
    link="#1f5f99",
    inactive=Tint("#f5f6f8", "#d3d9df", "#8d969e"),
    focus="#e8a317",
    selection="#cfe0f1",
    selection_text="#1c2630",
)

DARK = Colors(
    scheme="dark",
    window="#1d2126",
    base="#252a30",
    alternate_base="#2b3138",
    button="#313840",
    text="#e3e7eb",
    muted="#a4aeb8",
    disabled_text="#6f7882",
    line="#3b434c",
    grid="#343b43",
    subtle="#22272d",
    surface=Tint("#262c32", "#3b434c", "#c9d1d9"),
    card=Tint("#2a3037", "#414a54", "#e3e7eb"),
    card_hover="#343b43",
    card_in=Tint("#17301f", "#2f6b45", "#e3e7eb"),
    card_break=Tint("#35290f", "#7a5a1c", "#e3e7eb"),
    ok=Tint("#16291d", "#2f6b45", "#8fd6a8"),
    busy=Tint("#15253a", "#2e5682", "#9cc5f0"),
    warning=Tint("#2f2410", "#7a5a1c", "#f0c874"),
    error=Tint("#3a1a18", "#8a3a33", "#ffb4aa"),
    notice=Tint("#2f2710", "#7a661c", "#f2d27a"),
    problem="#ff9f94",
    accent="#2a6cad",
    accent_hover="#2e72b5",
    accent_pressed="#1f5a94",
    on_accent="#ffffff",
    link="#8cbcf2",
    inactive=Tint("#2a2f35", "#3b434c", "#7d8790"),
    focus="#f0b429",
    selection="#2c4a6b",
    selection_text="#e3e7eb",
)


def tinted(selector: str, tint: Tint) -> str:
    """Rules drawing `selector` in `tint`: its background and border, and its labels' text."""
    return (
        f"{selector} {{ background: {tint.background}; border-color: {tint.border}; }}\n"
        f"{selector} QLabel {{ color: {tint.text}; }}\n"
    )


def window_style(c: Colors) -> str:
    """The employee window: status card, banners, punch buttons, panels and the sync bar."""
    return f"""
QFrame#statusCard {{
    background: {c.card.background}; border: 1px solid {c.card.border}; border-radius: 10px;
}}
QFrame#statusCard QLabel {{ color: {c.card.text}; background: transparent; }}
{tinted('QFrame#statusCard[clock="in"]', c.card_in)}\
{tinted('QFrame#statusCard[clock="on-break"]', c.card_break)}\
QFrame#errorBanner {{
    background: {c.error.background}; border: 1px solid {c.error.border}; border-radius: 8px;
}}
QFrame#errorBanner QLabel {{ color: {c.error.text}; background: transparent; }}
QFrame#statusCard QLabel#confirmationLabel {{ color: {c.ok.text}; }}
QLabel#noticeLabel {{
    background: {c.notice.background}; color: {c.notice.text}; border: 1px solid {c.notice.border};
    border-radius: 8px; padding: 8px 12px;
}}
QFrame#panel {{
    background: {c.base}; border: 1px solid {c.line}; border-radius: 8px;
}}
QFrame#panel QLabel {{ background: transparent; }}
QFrame#panel QTableWidget::item {{ padding: 2px 8px 2px 0px; }}
QPushButton#punchButton {{
    background: {c.inactive.background}; color: {c.inactive.text}; border: 1px solid {c.inactive.border};
    border-radius: 8px; padding: 6px 12px;
}}
QPushButton#punchButton:enabled {{
    background: {c.accent}; color: {c.on_accent}; border-color: {c.accent_pressed};
}}
QPushButton#punchButton:enabled:hover {{ background: {c.accent_hover}; }}
QPushButton#punchButton:enabled:pressed {{ background: {c.accent_pressed}; }}
QPushButton#punchButton:focus {{ border: 2px solid {c.focus}; }}
QFrame#rule {{ border: none; border-top: 1px solid {c.line}; }}
QLabel#mutedLabel, QLabel#weekDate {{ color: {c.muted}; }}
QFrame#syncBar {{
    background: {c.surface.background}; border: 1px solid {c.surface.border}; border-radius: 8px;
}}
QFrame#syncBar QLabel {{ color: {c.surface.text}; background: transparent; }}
{tinted('QFrame#syncBar[tone="ok"]', c.ok)}{tinted('QFrame#syncBar[tone="busy"]', c.busy)}\
{tinted('QFrame#syncBar[tone="warning"]', c.warning)}{tinted('QFrame#syncBar[tone="error"]', c.error)}\
QFrame#syncBar QPushButton#syncLink {{
    background: transparent; border: none; color: {c.link}; text-decoration: underline;
    padding: 2px 4px;
}}
QFrame#syncBar QPushButton#syncLink:focus {{ border: 1px solid {c.focus}; border-radius: 4px; }}
QFrame#syncBar QPushButton#syncButton {{
    background: {c.card.background}; color: {c.card.text}; border: 1px solid {c.card.border};
    border-radius: 6px; padding: 4px 14px;
}}
QFrame#syncBar QPushButton#syncButton:hover {{ background: {c.card_hover}; }}
QFrame#syncBar QPushButton#syncButton:pressed {{ background: {c.card.border}; }}
QFrame#syncBar QPushButton#syncButton:focus {{ border: 2px solid {c.focus}; padding: 3px 13px; }}
QFrame#syncBar QPushButton#syncButton:disabled {{
    background: {c.inactive.background}; color: {c.inactive.text}; border-color: {c.inactive.border};
}}
"""


def dialog_style(c: Colors) -> str:
    """The dialogs: problems and errors, notes, the fingerprint frame and the quick-reason buttons."""
    return f"""
QLabel#fieldProblem, QLabel#dialogError {{ color: {c.problem}; }}
QLabel#dialogError {{
    background: {c.error.background}; border: 1px solid {c.error.border}; border-radius: 6px;
    padding: 6px 8px;
}}
QLabel#noteLabel {{ color: {c.warning.text}; }}
QLabel#mutedLabel {{ color: {c.muted}; }}
QLabel#doneLabel {{ font-weight: 600; }}
QFrame#fingerprintFrame {{
    background: {c.surface.background}; border: 1px solid {c.surface.border}; border-radius: 6px;
}}
QFrame#fingerprintFrame QLabel {{ background: transparent; }}
QPushButton#quickReason {{
    background: {c.card.background}; color: {c.card.text}; border: 1px solid {c.card.border};
    border-radius: 11px; padding: 3px 10px;
}}
QPushButton#quickReason:hover {{ background: {c.card_hover}; }}
QPushButton#quickReason:focus {{ border: 2px solid {c.focus}; }}
"""


# The light sheets as constants, for code that wants a fixed look; the app itself
# uses `app.ui.theme.apply_theme`, which follows the chosen scheme.
STYLE = window_style(LIGHT)
DIALOG_STYLE = dialog_style(LIGHT)


def scaled_font(base: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    if weight is not None:
        font.setWeight(weight)
    return font
