"""Norwegian words are longer than English ones: the screens still show every one of them whole.

Each test installs the bokmål catalogue and the light or dark theme (its paddings
and borders take room too), builds a screen at the size it opens in, and
compares geometries: nothing squeezed below what its words need, no scrollbar.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.team_review import TeamReview
from app.ui.correction_dialog import MIN_WIDTH, CorrectionDialog
from app.ui.i18n import install_translations, remove_translations
from app.ui.main_window import MainWindow
from app.ui.manager import ManagerWindow
from app.ui.setup_dialog import SetupDialog
from app.ui.style import DARK, LIGHT
from app.ui.tasks import TaskRunner
from app.ui.theme import apply_theme, remove_theme
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import MakeRunner
from tests.ui.test_manager_window import MANAGER, NOW, seed_team
from tests.ui.test_setup_dialog import FakeEnroll

SCHEMES = ("light", "dark")


@pytest.fixture(params=SCHEMES)
def norwegian(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """Bokmål in a scheme (the parameter); English without a theme again afterwards."""
    if install_translations(qapp, "nb") != "nb":
        pytest.skip("the Norwegian catalogue could not be compiled")
    scheme = str(request.param)
    apply_theme(qapp, scheme)
    yield scheme
    remove_theme(qapp)
    remove_translations()


def _top(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def _bottom(widget: QWidget, window: QWidget) -> int:
    return _top(widget, window) + widget.height()


def _needed_height(label: QLabel) -> int:
    return label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()


# the correction dialog --------------------------------------------------------------------------


def test_the_quick_reasons_are_never_cut_at_the_correction_dialogs_minimum_width(
    qtbot: QtBot, norwegian: str, runner: TaskRunner
) -> None:
    dialog = CorrectionDialog(runner, "1001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(runner.is_idle)
    assert dialog.quick_buttons[0].text() == "Glemte å stemple inn"  # really in Norwegian
    dialog.resize(dialog.minimumSize())
    qtbot.waitUntil(lambda: dialog.size() == dialog.minimumSize())
    assert dialog.width() >= MIN_WIDTH
    for button in dialog.quick_buttons:
        words = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
        assert button.width() >= button.sizeHint().width(), button.text()
        assert button.height() >= button.sizeHint().height(), button.text()
        assert button.width() >= words + 2 * 10, button.text()  # the sheet's padding: 10 px a side
        right = button.mapTo(dialog, QPoint(button.width(), 0)).x()
        assert right <= dialog.width() - 18, button.text()  # inside the dialog's margin
    lefts = sorted({b.geometry().left() for b in dialog.quick_buttons})
    assert len(lefts) == 2  # two by two
    first, second = dialog.quick_buttons[0], dialog.quick_buttons[1]
    assert first.geometry().right() < second.geometry().left()
    assert dialog.width() == max(MIN_WIDTH, dialog.minimumSizeHint().width())  # wider only if need be
    for label in dialog.findChildren(QLabel):
        if label.isVisible():
            assert label.height() >= _needed_height(label), label.text()


# the manager's team table -----------------------------------------------------------------------


def test_the_team_table_needs_no_horizontal_scrollbar_in_norwegian(
    qtbot: QtBot, norwegian: str, tmp_path: Path, make_runner: MakeRunner
) -> None:
    team = seed_team(tmp_path / "manager", MemoryKeyring())
    with team.open() as store:  # one decision waiting to be sent: the longest word of its column
        TeamReview(store, MANAGER).decide("1004", "2026-W48", "approve", "", NOW)
    runner = make_runner(team.open)
    window = ManagerWindow(runner, MANAGER, now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.week_view.sheet is not None and runner.is_idle(), timeout=10_000)
    qtbot.waitUntil(lambda: not window._overview_loading, timeout=10_000)
    decisions = [window.proxy.index(row, 2).data() for row in range(window.proxy.rowCount())]
    assert "Venter på sending" in decisions
    table = window.table
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()


# the setup dialog -------------------------------------------------------------------------------


def _assert_fits(dialog: SetupDialog) -> None:
    for label in dialog.findChildren(QLabel):
        if label.isVisible():
            assert label.height() >= _needed_height(label), label.text()
    below = (dialog.pin_edit, dialog.pin_problem, dialog.error_label, dialog.replace_note)
    fields = [w for w in below if w.isVisible()]
    last = max(_bottom(w, dialog) for w in fields)
    # a visible gap between the last row and the buttons, more than between two rows
    assert _top(dialog.buttons, dialog) - last >= 16
    assert _bottom(dialog.buttons, dialog) <= dialog.height()


def test_the_setup_dialog_follows_its_norwegian_words(
    qtbot: QtBot, norwegian: str, runner: TaskRunner
) -> None:
    dialog = SetupDialog(runner, FakeEnroll())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(runner.is_idle)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "Sertifikat-&pin:" in labels  # the certificate pin in Norwegian, not "Pin:"
    _assert_fits(dialog)
    # problems under the fields (each wrapping to two lines): the dialog grows for them
    dialog.url_edit.setText("http://stempel.example")
    dialog.tenant_edit.setText("Fjord Bakeri")
    dialog.pin_edit.setText("not a pin")
    qtbot.waitUntil(lambda: dialog.pin_problem.isVisible())
    QApplication.processEvents()
    _assert_fits(dialog)
    # and the user cannot make it so small that they are cut off
    dialog.resize(dialog.minimumSize())
    QApplication.processEvents()
    _assert_fits(dialog)


def test_the_setup_dialog_in_english_fits_as_well(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = SetupDialog(runner, FakeEnroll())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(runner.is_idle)
    dialog.url_edit.setText("http://stempel.example")
    dialog.pin_edit.setText("not a pin")
    QApplication.processEvents()
    _assert_fits(dialog)


# Sync now ---------------------------------------------------------------------------------------


def test_sync_now_is_padded_and_drawn_in_the_card_colours(norwegian: str, window: MainWindow) -> None:
    colors = DARK if norwegian == "dark" else LIGHT
    button = window.sync_indicator.sync_now_button
    button.show()  # shown while a sync loop runs; the look is the same
    QApplication.processEvents()
    words = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
    assert button.sizeHint().width() >= words + 2 * 14 + 2  # padding and border on either side
    assert button.sizeHint().height() >= button.fontMetrics().height() + 2 * 4 + 2
    picture = button.grab().toImage()
    assert picture.pixelColor(button.width() // 2, 3) == QColor(colors.card.background)
    assert picture.pixelColor(button.width() // 2, 0) == QColor(colors.card.border)
