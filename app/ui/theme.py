"""Light or dark: which colour scheme Stempel shows, and putting it on the whole app.

    apply_theme(app)           # at start: $STEMPEL_COLOR_SCHEME, else Settings, else the system
    apply_theme(app, "dark")   # one scheme on purpose (screenshots, tests); "auto" follows the system
    current_scheme()           # "light" or "dark": what is on screen now
    current_colors()           # that scheme's colour tokens (`app.ui.style.Colors`)
    remove_theme(app)          # back to the look the app had before (tests)

The choice comes, like the language (`app.ui.i18n`), from the argument, then
`$STEMPEL_COLOR_SCHEME` (light, dark or auto), then the user's Settings
(QSettings key "color-scheme": "", "light" or "dark"), and otherwise follows
the system (`QStyleHints.colorScheme()`; "unknown" counts as light).

Applying sets the Fusion style (it draws from the palette on every platform),
a QPalette built from the scheme's tokens, and one application style sheet
(`application_style`: the window, dialog and manager rules of `app.ui.style`
and `app.ui.manager.style`). Windows set no sheet of their own, so applying
again restyles every open window at once. While the scheme follows the system,
a change of the desktop's scheme (`colorSchemeChanged`) is applied live.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from app.ui.i18n import user_settings
from app.ui.manager.style import manager_style
from app.ui.style import DARK, LIGHT, Colors, dialog_style, window_style

__all__ = [
    "CHOICES",
    "COLOR_SCHEME_KEY",
    "ENV_VAR",
    "SCHEMES",
    "application_style",
    "apply_theme",
    "chosen_scheme",
    "colors_for",
    "current_colors",
    "current_scheme",
    "palette_for",
    "remove_theme",
    "saved_color_scheme",
    "system_scheme",
]

log = logging.getLogger(__name__)

SCHEMES = ("light", "dark")
CHOICES = ("auto", "light", "dark")
COLOR_SCHEME_KEY = "color-scheme"
ENV_VAR = "STEMPEL_COLOR_SCHEME"
_STYLE = "Fusion"
_QT_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark, "auto": Qt.ColorScheme.Unknown}


@dataclass
class _State:
    applied: str | None = None  # "light" or "dark" once apply_theme ran
    follow_system: bool = True
    watcher: _Watcher | None = None
    before: tuple[str, QPalette] | None = None  # the app's style and palette before the first apply


class _Watcher(QObject):
    """Re-applies the theme when the desktop's scheme changes, while the app follows it."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._changed)

    def _changed(self, scheme: Qt.ColorScheme) -> None:
        if _state.follow_system:
            _apply(self._app, "dark" if scheme == Qt.ColorScheme.Dark else "light")


_state = _State()


def _normalised(value: object) -> str | None:
    """ "light", "dark" or "auto" for a recognisable choice; None for "" and anything else."""
    if not isinstance(value, str):
        return None
    word = value.strip().lower()
    if word in {"system", "automatic", "default"}:
        word = "auto"
    return word if word in CHOICES else None


def saved_color_scheme() -> str:
    """The scheme chosen in Settings ("light" or "dark"), or "" for automatic."""
    value = _normalised(user_settings().value(COLOR_SCHEME_KEY, ""))
    return value if value in SCHEMES else ""


def chosen_scheme(scheme: str | None = None) -> str:
    """ "light", "dark" or "auto": the argument, then $STEMPEL_COLOR_SCHEME, then Settings."""
    for wanted in (scheme, os.environ.get(ENV_VAR), saved_color_scheme()):
        choice = _normalised(wanted)
        if choice is not None:
            return choice
        if wanted:
            log.warning("Unknown colour scheme %r; choose light, dark or auto", wanted)
    return "auto"


def system_scheme() -> str:
    """The desktop's scheme: "dark" if it says so, else "light" (also when it does not say)."""
    return "dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def colors_for(scheme: str) -> Colors:
    return DARK if scheme == "dark" else LIGHT


def current_scheme() -> str:
    """The scheme on screen: the one last applied, else the one `apply_theme()` would pick."""
    if _state.applied is not None:
        return _state.applied
    choice = chosen_scheme()
    return system_scheme() if choice == "auto" else choice


def current_colors() -> Colors:
    """The colour tokens of `current_scheme()`, for code that paints or colours items itself."""
    return colors_for(current_scheme())


def application_style(colors: Colors) -> str:
    """The one style sheet of the app in `colors`: window, dialogs and manager."""
    return window_style(colors) + dialog_style(colors) + manager_style(colors)


def palette_for(colors: Colors) -> QPalette:
    """A complete palette for the Fusion style: its standard one with the scheme's colours."""
    fusion = QStyleFactory.create(_STYLE)
    palette = QPalette(fusion.standardPalette()) if fusion is not None else QPalette()
    button = QColor(colors.button)
    roles = {
        QPalette.ColorRole.Window: colors.window,
        QPalette.ColorRole.WindowText: colors.text,
        QPalette.ColorRole.Base: colors.base,
        QPalette.ColorRole.AlternateBase: colors.alternate_base,
        QPalette.ColorRole.ToolTipBase: colors.card.background,
        QPalette.ColorRole.ToolTipText: colors.card.text,
        QPalette.ColorRole.PlaceholderText: colors.muted,
        QPalette.ColorRole.Text: colors.text,
        QPalette.ColorRole.Button: colors.button,
        QPalette.ColorRole.ButtonText: colors.text,
        QPalette.ColorRole.BrightText: colors.on_accent,
        QPalette.ColorRole.Highlight: colors.accent,
        QPalette.ColorRole.HighlightedText: colors.on_accent,
        QPalette.ColorRole.Link: colors.link,
        QPalette.ColorRole.LinkVisited: colors.link,
        QPalette.ColorRole.Accent: colors.accent,
        # the bevels Fusion draws around buttons, frames and scroll bars
        QPalette.ColorRole.Light: button.lighter(150).name(),
        QPalette.ColorRole.Midlight: button.lighter(125).name(),
        QPalette.ColorRole.Mid: button.darker(130).name(),
        QPalette.ColorRole.Dark: button.darker(150).name(),
        QPalette.ColorRole.Shadow: button.darker(300).name(),
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(disabled, role, QColor(colors.disabled_text))
    palette.setColor(disabled, QPalette.ColorRole.Highlight, QColor(colors.line))
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor(colors.window))
    return palette


def _apply(app: QApplication, scheme: str) -> None:
    colors = colors_for(scheme)
    if _state.before is None:  # (with a style sheet on, app.style() no longer says its name)
        _state.before = (app.style().name(), QPalette(app.palette()))
        app.setStyle(_STYLE)
    sheet = application_style(colors)
    before, _state.applied = _state.applied, scheme  # widgets asking during the change events see it
    if before != scheme or app.styleSheet() != sheet:  # restyling every widget is not free
        app.setPalette(palette_for(colors))
        app.setStyleSheet(sheet)


def _watching(app: QApplication) -> bool:
    try:
        return _state.watcher is not None and _state.watcher.parent() is app
    except RuntimeError:  # the watcher went with an earlier QApplication
        return False


def apply_theme(app: QApplication, scheme: str | None = None) -> str:
    """Show `app` in a scheme and keep following the system if it is "auto"; returns "light" or "dark".

    `scheme` is "light", "dark", "auto" (the system's) or None (the environment,
    then Settings, then the system). Safe to call again, e.g. from Settings.
    """
    choice = chosen_scheme(scheme)
    _state.follow_system = choice == "auto"
    # Tells the platform too (title bars, native dialogs); Unknown hands it back to the system.
    QGuiApplication.styleHints().setColorScheme(_QT_SCHEMES[choice])
    if not _watching(app):
        _state.watcher = _Watcher(app)
    applied = system_scheme() if choice == "auto" else choice
    _apply(app, applied)
    return applied


def remove_theme(app: QApplication) -> None:
    """Undo `apply_theme`: no style sheet, the style and palette from before, the system's scheme."""
    _state.follow_system = False  # until the next apply_theme
    _state.applied = None
    QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Unknown)
    app.setStyleSheet("")
    if _state.before is not None:
        style, palette = _state.before
        _state.before = None
        if style:
            app.setStyle(style)
        app.setPalette(palette)
