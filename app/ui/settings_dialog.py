"""Settings: the window's language and appearance, starting Stempel at login, and where the profile lives.

The language and the colour scheme are kept per user with QSettings ("" for
automatic) and applied at once on OK; starting at login is a freedesktop
autostart entry.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_path
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.i18n import LANGUAGE_KEY, install_translations, remove_translations, saved_language, user_settings
from app.ui.theme import COLOR_SCHEME_KEY, apply_theme, saved_color_scheme

__all__ = ["AUTOSTART_NAME", "SettingsDialog", "autostart_entry", "default_autostart_dir"]

AUTOSTART_NAME = "no.stempel.Stempel.desktop"
_PACKAGED_ENTRY = Path(__file__).resolve().parents[2] / "resources" / "linux" / AUTOSTART_NAME
_MINIMAL_ENTRY = "[Desktop Entry]\nType=Application\nName=Stempel\nExec=stempel\nTerminal=false\n"


def default_autostart_dir() -> Path:
    """The user's freedesktop autostart folder."""
    return user_config_path() / "autostart"


def autostart_entry() -> str:
    """The desktop entry written to start Stempel at login."""
    try:
        return _PACKAGED_ENTRY.read_text(encoding="utf-8")
    except OSError:
        return _MINIMAL_ENTRY


class SettingsDialog(QDialog):
    """Language, appearance, start at login and the profile folder; OK saves and applies them."""

    def __init__(
        self,
        profile_dir: Path,
        *,
        autostart_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.profile_dir = profile_dir
        self.autostart_file = (autostart_dir or default_autostart_dir()) / AUTOSTART_NAME
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(480)  # the profile folder readable in full on most systems
        self.setAccessibleName(self.tr("Settings"))
        layout = QVBoxLayout(self)
        form = QFormLayout()

        self.language_box = QComboBox()
        self.language_box.setAccessibleName(self.tr("Language"))
        for text, code in (
            (self.tr("Automatic"), ""),
            (self.tr("Norsk bokmål"), "nb"),
            (self.tr("English"), "en"),
        ):
            self.language_box.addItem(text, code)
        index = self.language_box.findData(saved_language())
        self.language_box.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("&Language:"), self.language_box)

        self.appearance_box = QComboBox()
        self.appearance_box.setAccessibleName(self.tr("Appearance"))
        for text, scheme in (
            (self.tr("Automatic"), ""),
            (self.tr("Light"), "light"),
            (self.tr("Dark"), "dark"),
        ):
            self.appearance_box.addItem(text, scheme)
        self.appearance_box.setCurrentIndex(max(self.appearance_box.findData(saved_color_scheme()), 0))
        self.appearance_box.setToolTip(
            self.tr("Automatic follows the light or dark setting of your desktop.")
        )
        form.addRow(self.tr("&Appearance:"), self.appearance_box)

        self.autostart_box = QCheckBox(self.tr("&Start Stempel when I log in"))
        self.autostart_box.setAccessibleName(self.tr("Start Stempel when I log in"))
        self.autostart_box.setChecked(self.autostart_file.is_file())
        form.addRow(self.autostart_box)

        folder_row = QHBoxLayout()
        self.profile_field = QLineEdit(str(profile_dir))
        self.profile_field.setReadOnly(True)
        self.profile_field.setAccessibleName(self.tr("Profile folder"))
        self.open_folder_button = QPushButton(self.tr("&Open folder"))
        self.open_folder_button.setAccessibleName(self.tr("Open profile folder"))
        self.open_folder_button.clicked.connect(self.open_folder)
        folder_row.addWidget(self.profile_field, 1)
        folder_row.addWidget(self.open_folder_button)
        folder_label = QLabel(self.tr("&Profile folder:"))
        folder_label.setBuddy(self.profile_field)
        form.addRow(folder_label, folder_row)
        layout.addLayout(form)

        note = QLabel(self.tr("Some text changes language only when Stempel starts again."))
        note.setWordWrap(True)
        note.setObjectName("mutedLabel")
        layout.addWidget(note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def language(self) -> str:
        """The chosen language: "nb", "en" or "" for automatic."""
        value = self.language_box.currentData()
        return value if isinstance(value, str) else ""

    def color_scheme(self) -> str:
        """The chosen appearance: "light", "dark" or "" for automatic (the desktop's)."""
        value = self.appearance_box.currentData()
        return value if isinstance(value, str) else ""

    def open_folder(self) -> bool:
        """Show the profile folder in the desktop's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.profile_dir)))

    def accept(self) -> None:
        self.apply()
        super().accept()

    def apply(self) -> None:
        """Save the choices, start (or stop) Stempel at login, and switch language and appearance now."""
        settings = user_settings()
        settings.setValue(LANGUAGE_KEY, self.language())
        settings.setValue(COLOR_SCHEME_KEY, self.color_scheme())
        settings.sync()
        self._write_autostart(self.autostart_box.isChecked())
        app = QCoreApplication.instance()
        if app is not None:
            remove_translations()
            install_translations(app, self.language() or None)
        if isinstance(app, QApplication):
            apply_theme(app, self.color_scheme() or None)

    def _write_autostart(self, wanted: bool) -> None:
        try:
            if wanted:
                self.autostart_file.parent.mkdir(parents=True, exist_ok=True)
                self.autostart_file.write_text(autostart_entry(), encoding="utf-8")
            else:
                self.autostart_file.unlink(missing_ok=True)
        except OSError:
            self.autostart_box.setChecked(self.autostart_file.is_file())
