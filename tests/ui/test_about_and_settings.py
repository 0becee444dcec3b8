"""The About and Settings dialogs: what they show, what they save, and their keyboard use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTableWidget
from pytestqt.qtbot import QtBot

import app
from app.domain import PunchKind
from app.ui.about_dialog import AboutDialog
from app.ui.i18n import LANGUAGE_KEY, remove_translations, saved_language, user_settings
from app.ui.main_window import MainWindow
from app.ui.settings_dialog import AUTOSTART_NAME, SettingsDialog
from app.ui.style import DARK, LIGHT
from app.ui.theme import COLOR_SCHEME_KEY, ENV_VAR, current_scheme, remove_theme, saved_color_scheme
from tests.ui.support import cell


@pytest.fixture
def user_config(tmp_path: Path) -> Iterator[Path]:
    """QSettings write INI files under a temporary folder, never the real user's config."""
    folder = tmp_path / "qsettings"
    before = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings.setDefaultFormat(before)


@pytest.fixture
def english() -> Iterator[None]:
    locale = QLocale()
    yield
    remove_translations()
    QLocale.setDefault(locale)


def _library_table(dialog: AboutDialog) -> dict[str, tuple[str, str]]:
    table: QTableWidget = dialog.libraries
    rows = range(table.rowCount())
    return {cell(table, row, 0): (cell(table, row, 1), cell(table, row, 2)) for row in rows}


def test_about_lists_the_version_and_the_libraries_with_licences(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert app.__version__ in dialog.version_label.text()
    libraries = _library_table(dialog)
    assert libraries["PySide6-Essentials"][1] == "LGPL-3.0"
    assert libraries["keyring"][0]
    assert libraries["keyring"][1]
    assert libraries["keyring"][1] != "see its package"
    assert all(version and licence for version, licence in libraries.values())


def test_settings_save_the_language_and_switch_the_window(
    qtbot: QtBot, user_config: Path, english: None, window: MainWindow, tmp_path: Path
) -> None:
    dialog = SettingsDialog(tmp_path / "profile", autostart_dir=tmp_path / "autostart", parent=window)
    qtbot.addWidget(dialog)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("nb"))
    dialog.accept()
    assert saved_language() == "nb"
    assert (user_config / "Stempel" / "Stempel.ini").is_file()
    qtbot.waitUntil(lambda: window.punch_buttons[PunchKind.IN].text() == "Stemple &inn")

    again = SettingsDialog(tmp_path / "profile", autostart_dir=tmp_path / "autostart", parent=window)
    qtbot.addWidget(again)
    assert again.language() == "nb"
    again.language_box.setCurrentIndex(again.language_box.findData("en"))
    again.accept()
    assert user_settings().value(LANGUAGE_KEY) == "en"
    qtbot.waitUntil(lambda: window.punch_buttons[PunchKind.IN].text() == "Clock &in")


def test_the_autostart_checkbox_writes_and_removes_the_entry(
    qtbot: QtBot, user_config: Path, english: None, tmp_path: Path
) -> None:
    autostart = tmp_path / "autostart"
    entry = autostart / AUTOSTART_NAME
    dialog = SettingsDialog(tmp_path / "profile", autostart_dir=autostart)
    qtbot.addWidget(dialog)
    assert not dialog.autostart_box.isChecked()
    dialog.autostart_box.setChecked(True)
    dialog.accept()
    assert "Exec=stempel" in entry.read_text(encoding="utf-8")

    again = SettingsDialog(tmp_path / "profile", autostart_dir=autostart)
    qtbot.addWidget(again)
    assert again.autostart_box.isChecked()
    again.autostart_box.setChecked(False)
    again.accept()
    assert not entry.exists()


def test_settings_show_the_profile_folder_read_only(qtbot: QtBot, user_config: Path, tmp_path: Path) -> None:
    dialog = SettingsDialog(tmp_path / "profile", autostart_dir=tmp_path / "autostart")
    qtbot.addWidget(dialog)
    assert dialog.profile_field.text() == str(tmp_path / "profile")
    assert dialog.profile_field.isReadOnly()
    assert dialog.open_folder_button.accessibleName()


def _open_dialog(
    qtbot: QtBot, window: MainWindow, trigger: Callable[[], object], kind: type[QDialog]
) -> QDialog:
    before: set[QDialog] = set(window.findChildren(kind))

    def shown() -> list[QDialog]:
        return [d for d in window.findChildren(kind) if d not in before and d.isVisible()]

    trigger()
    qtbot.waitUntil(lambda: bool(shown()))
    return shown()[0]


@pytest.mark.parametrize("name", ["about", "settings"])
def test_the_dialogs_open_from_the_menu_and_close_with_escape(
    qtbot: QtBot, user_config: Path, window: MainWindow, name: str
) -> None:
    action = window.about_action if name == "about" else window.settings_action
    kind: type[QDialog] = AboutDialog if name == "about" else SettingsDialog
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    assert action in menu.actions()
    dialog = _open_dialog(qtbot, window, action.trigger, kind)
    assert isinstance(dialog, kind)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert saved_language() == ""


def test_settings_open_with_ctrl_comma(qtbot: QtBot, user_config: Path, window: MainWindow) -> None:
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    dialog = _open_dialog(
        qtbot,
        window,
        lambda: QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier),
        SettingsDialog,
    )
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


@pytest.fixture
def themed(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    monkeypatch.delenv(ENV_VAR, raising=False)
    yield qapp
    remove_theme(qapp)


def test_settings_save_the_appearance_and_switch_it_at_once(
    qtbot: QtBot, user_config: Path, themed: QApplication, window: MainWindow, tmp_path: Path
) -> None:
    dialog = SettingsDialog(tmp_path / "profile", autostart_dir=tmp_path / "autostart", parent=window)
    qtbot.addWidget(dialog)
    assert dialog.color_scheme() == ""
    choices = [dialog.appearance_box.itemText(i) for i in range(dialog.appearance_box.count())]
    assert choices == ["Automatic", "Light", "Dark"]
    dialog.appearance_box.setCurrentIndex(dialog.appearance_box.findData("dark"))
    dialog.accept()
    assert saved_color_scheme() == "dark"
    assert current_scheme() == "dark"
    assert window.palette().color(QPalette.ColorRole.Window) == QColor(DARK.window)

    again = SettingsDialog(tmp_path / "profile", autostart_dir=tmp_path / "autostart", parent=window)
    qtbot.addWidget(again)
    assert again.appearance_box.currentText() == "Dark"
    again.appearance_box.setCurrentIndex(again.appearance_box.findData(""))
    again.accept()
    assert user_settings().value(COLOR_SCHEME_KEY) == ""
    assert current_scheme() == "light"  # the system's: offscreen says nothing, which is light
    assert window.palette().color(QPalette.ColorRole.Window) == QColor(LIGHT.window)
