"""Norwegian bokmål through Qt Linguist: the catalogue is complete, and the window speaks it."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain import PunchKind
from app.ui.i18n import install_translations, remove_translations
from app.ui.tasks import TaskRunner
from tests.ui.support import MakeWindow

ROOT = Path(__file__).resolve().parents[2]
NB_TS = ROOT / "resources" / "translations" / "stempel_nb.ts"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n")


def _messages(ts_file: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> its finished translations (numerus forms); [] when unfinished or empty."""
    found: dict[tuple[str, str], list[str]] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):  # noqa: S314 - our own files
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms: list[str] = []
            if translation is not None and translation.get("type") not in (
                "unfinished",
                "obsolete",
                "vanished",
            ):
                texts = [form.text or "" for form in translation.iter("numerusform")] or [
                    translation.text or ""
                ]
                forms = texts if all(text.strip() for text in texts) else []
            found[(name, message.findtext("source") or "")] = forms
    return found


@pytest.fixture
def english() -> Iterator[None]:
    """Whatever a test installs, English (and the default locale) is back afterwards."""
    locale = QLocale()
    yield
    remove_translations()
    QLocale.setDefault(locale)


def test_every_source_string_has_a_finished_norwegian_translation(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.is_file():
        pytest.skip("pyside6-lupdate is not installed next to Python")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in (ROOT / "app" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True, timeout=60)
    wanted = _messages(fresh)
    assert len(wanted) > 400
    have = _messages(NB_TS)
    missing = [key for key in wanted if not have.get(key)]
    assert missing == []
    for (context, source), forms in have.items():
        for form in forms:
            assert sorted(_PLACEHOLDER.findall(form)) == sorted(_PLACEHOLDER.findall(source)), (
                context,
                source,
            )
            assert form.count("&") <= 1, (context, source)
            assert source.count("&") == form.count("&"), (context, source)


def test_the_window_speaks_norwegian_then_english_again(
    qtbot: QtBot, english: None, make_window: MakeWindow, runner: TaskRunner
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translations(app, "nb") == "nb"
    assert QLocale().name() == "nb_NO"
    assert (
        QCoreApplication.translate("KioskSync", "%n waiting to sync", None, 3) == "3 venter på synkronisering"
    )
    window = make_window(runner)
    assert window.punch_buttons[PunchKind.IN].text() == "Stemple &inn"
    assert window.punch_buttons[PunchKind.OUT].text() == "Stemple &ut"
    assert window.punch_buttons[PunchKind.BREAK_START].text() == "Start &pause"
    assert window.sync_label.text() == "Ikke satt opp for synkronisering"
    window.close()

    assert install_translations(app, "en") == "en"
    assert QLocale().name() != "nb_NO"
    english_window = make_window(runner)
    assert english_window.punch_buttons[PunchKind.IN].text() == "Clock &in"
    assert english_window.sync_label.text() == "Not set up to sync"


def test_the_language_follows_the_environment(english: None, monkeypatch: pytest.MonkeyPatch) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    monkeypatch.setenv("STEMPEL_LANGUAGE", "nb_NO.UTF-8")
    assert install_translations(app) == "nb"
    assert QCoreApplication.translate("MainWindow", "&Quit") == "&Avslutt"
    monkeypatch.setenv("STEMPEL_LANGUAGE", "en")
    assert install_translations(app) == "en"
    assert QCoreApplication.translate("MainWindow", "&Quit") == "&Quit"


def test_qts_own_buttons_and_menus_speak_norwegian_too(english: None) -> None:
    """PySide6 ships no bokmål catalogue of Qt's: our own carries the words our dialogs show."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox

    app = QApplication.instance()
    assert app is not None
    kinds = QDialogButtonBox.StandardButton

    def shown() -> list[str]:
        box = QDialogButtonBox(kinds.Cancel | kinds.Close | kinds.Open)
        question = QMessageBox()
        question.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        field = QLineEdit()
        menu = field.createStandardContextMenu()
        assert menu is not None
        copy = menu.actions()[3].text().split("\t")[0]  # undo, redo, separator, cut
        words = [box.button(kind).text() for kind in (kinds.Cancel, kinds.Close, kinds.Open)]
        return [*words, question.button(QMessageBox.StandardButton.Yes).text(), copy]

    assert shown() == ["Cancel", "Close", "Open", "&Yes", "Cu&t"]
    assert install_translations(app, "nb") == "nb"
    assert shown() == ["Avbryt", "Lukk", "Åpne", "&Ja", "Klipp &ut"]


def test_qts_own_file_dialog_speaks_norwegian_where_the_desktop_has_none(english: None) -> None:
    """Export my data… falls back to Qt's own file dialog without a desktop portal."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

    app = QApplication.instance()
    assert app is not None

    def labels() -> set[str]:
        dialog = QFileDialog(None, "", "", "JSON (*.json)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        return {label.text() for label in dialog.findChildren(QLabel) if label.text()}

    assert {"&Look in:", "File &name:", "Files of &type:"} <= labels()
    assert install_translations(app, "nb") == "nb"
    assert {"&Se i:", "Fil&navn:", "Fil&type:"} <= labels()
