"""Light and dark: readable colours in both, the choice's precedence, live switching, and 200 % scaling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QFrame
from pytestqt.qtbot import QtBot

from app.ui.i18n import user_settings
from app.ui.main_window import MainWindow
from app.ui.style import DARK, LIGHT, Colors, Tint
from app.ui.theme import (
    COLOR_SCHEME_KEY,
    ENV_VAR,
    application_style,
    apply_theme,
    chosen_scheme,
    current_scheme,
    remove_theme,
)
from tests.ui.support import contrast, luminance

ROOT = Path(__file__).resolve().parents[2]
AA_TEXT = 4.5  # WCAG 2 level AA for normal text


def text_pairs(c: Colors) -> dict[str, tuple[str, str]]:
    """Every (text, background) the style sheets and the palette put together."""
    tints = {f.name: getattr(c, f.name) for f in fields(c) if isinstance(getattr(c, f.name), Tint)}
    pairs = {name: (t.text, t.background) for name, t in tints.items() if name != "inactive"}
    grounds = {"window": c.window, "base": c.base, "alternate_base": c.alternate_base, "subtle": c.subtle}
    for name, ground in grounds.items():
        pairs[f"text on {name}"] = (c.text, ground)
        pairs[f"muted on {name}"] = (c.muted, ground)
    pairs["muted on surface"] = (c.muted, c.surface.background)
    pairs["button text"] = (c.text, c.button)
    pairs["quick reason, hovered"] = (c.card.text, c.card_hover)
    pairs["sync now, pressed"] = (c.card.text, c.card.border)
    for name, card in (("card", c.card), ("card_in", c.card_in), ("card_break", c.card_break)):
        pairs[f"confirmation on {name}"] = (c.ok.text, card.background)
    pairs["problem on window"] = (c.problem, c.window)
    pairs["problem on base"] = (c.problem, c.base)
    pairs["dialog error"] = (c.problem, c.error.background)
    pairs["note on window"] = (c.warning.text, c.window)
    pairs["ok message on window"] = (c.ok.text, c.window)
    for name in ("accent", "accent_hover", "accent_pressed"):
        pairs[f"on {name}"] = (c.on_accent, getattr(c, name))
    pairs["selection"] = (c.selection_text, c.selection)
    for name in ("surface", "ok", "busy", "warning", "error"):
        pairs[f"link on {name}"] = (c.link, getattr(c, name).background)
    pairs["link on window"] = (c.link, c.window)
    return pairs


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_colour_reads_on_its_background(colors: Colors) -> None:
    ratios = {name: contrast(text, ground) for name, (text, ground) in text_pairs(colors).items()}
    too_low = {name: round(r, 2) for name, r in ratios.items() if r < AA_TEXT}
    assert not too_low
    assert len(ratios) >= 38  # none forgotten when a token is added: update text_pairs


def test_dark_is_dark_and_light_is_light() -> None:
    assert luminance(DARK.window) < 0.05 < 0.7 < luminance(LIGHT.window)
    assert luminance(DARK.text) > 0.7 > 0.05 > luminance(LIGHT.text)


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
def app(qapp: QApplication, user_config: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The test QApplication; whatever theme a test applies is removed afterwards."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    yield qapp
    remove_theme(qapp)


def test_the_choice_comes_from_the_argument_then_the_environment_then_settings(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert chosen_scheme() == "auto"
    user_settings().setValue(COLOR_SCHEME_KEY, "dark")
    assert chosen_scheme() == "dark"
    monkeypatch.setenv(ENV_VAR, "Light")
    assert chosen_scheme() == "light"
    assert chosen_scheme("auto") == "auto"
    monkeypatch.setenv(ENV_VAR, "auto")
    assert chosen_scheme() == "auto"
    monkeypatch.setenv(ENV_VAR, "purple")  # a typo is reported and skipped
    assert chosen_scheme() == "dark"


def test_applying_sets_fusion_the_palette_and_one_style_sheet(app: QApplication) -> None:
    assert apply_theme(app, "dark") == "dark"
    assert current_scheme() == "dark"
    sheet = app.styleSheet()
    app.setStyleSheet("")  # with a sheet on, app.style() is the sheet's and has no name
    assert app.style().name() == "fusion"
    app.setStyleSheet(sheet)
    assert app.palette().color(QPalette.ColorRole.Window) == QColor(DARK.window)
    assert app.palette().color(QPalette.ColorRole.Text) == QColor(DARK.text)
    assert app.styleSheet() == application_style(DARK)
    assert LIGHT.card.background not in app.styleSheet()

    assert apply_theme(app, "light") == "light"
    assert app.palette().color(QPalette.ColorRole.Window) == QColor(LIGHT.window)
    assert app.styleSheet() == application_style(LIGHT)


def card_colour(window: MainWindow) -> str:
    """The status card's background as drawn: a pixel just inside its left edge."""
    card = window.findChild(QFrame, "statusCard")
    assert isinstance(card, QFrame)
    image = card.grab().toImage()
    return image.pixelColor(4 * image.width() // card.width(), image.height() // 2).name()


def test_open_windows_follow_the_system_scheme_live(
    qtbot: QtBot, app: QApplication, window: MainWindow
) -> None:
    apply_theme(app, "auto")  # offscreen has no scheme of its own: light
    assert current_scheme() == "light"
    assert card_colour(window) == LIGHT.card.background

    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the desktop turns dark
    assert current_scheme() == "dark"
    qtbot.waitUntil(lambda: card_colour(window) == DARK.card.background)
    assert window.palette().color(QPalette.ColorRole.Window) == QColor(DARK.window)

    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: card_colour(window) == LIGHT.card.background)


def test_a_chosen_scheme_ignores_the_desktop(qtbot: QtBot, app: QApplication, window: MainWindow) -> None:
    apply_theme(app, "dark")
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert current_scheme() == "dark"
    assert card_colour(window) == DARK.card.background


# 200 %: a window in a process of its own, with QT_SCALE_FACTOR=2 --------------------------------

_AT_200 = """
import json, os, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QRect
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from app.domain import PunchKind
from app.store import Store
from app.ui.app import build_window
from app.ui.i18n import install_translations
from app.ui.theme import apply_theme
from tests.keyring_fakes import MemoryKeyring

app = QApplication(sys.argv[:1])
install_translations(app, sys.argv[1])
apply_theme(app, sys.argv[2])
backend = MemoryKeyring()
folder = Path(tempfile.mkdtemp()) / "profile"
with Store.open(folder, backend=backend) as store:
    store.set_setting("employee", "1001")
    store.upsert_employee("1001", "Kari Nordmann")
    store.punch("1001", PunchKind.IN)
from app.ui.tasks import TaskRunner
runner = TaskRunner(lambda: Store.open(folder, backend=backend))
window = build_window(runner)
window.show()
deadline = time.monotonic() + 30
while not (window.model.sync_facts_known and window.status_label.text()) and time.monotonic() < deadline:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
app.processEvents()
inside = window.rect()
clipped = []
for label in window.findChildren(QLabel):
    if not label.isVisibleTo(window) or not label.text() or label.pixmap() and not label.pixmap().isNull():
        continue
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            clipped.append(f"{label.text()!r}: needs {needed} px high, has {label.height()}")
    elif label.sizeHint().width() > label.width() or label.sizeHint().height() > label.height():
        clipped.append(f"{label.text()!r}: needs {label.sizeHint().toTuple()}, has {label.size().toTuple()}")
buttons = {}
for kind, button in window.punch_buttons.items():
    at = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
    buttons[kind.value] = {
        "inside": inside.contains(at),
        "fits": button.sizeHint().width() <= button.width(),
    }
icon = window.state_icon_label.pixmap()
print(json.dumps({
    "grab_ratio": window.grab().devicePixelRatio(),
    "icon_ratio": icon.devicePixelRatio(),
    "clipped": clipped,
    "buttons": buttons,
    "status": window.status_label.text(),
}), flush=True)
window.close()
runner.shutdown()
os._exit(0)
"""


@pytest.mark.parametrize(("language", "scheme"), [("en", "light"), ("nb", "dark")])
def test_the_window_at_200_percent_is_sharp_and_nothing_is_cut_off(
    tmp_path: Path, language: str, scheme: str
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_SCREEN_SCALE", "QT_SCALE"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QT_SCALE_FACTOR="2",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        PYTHONPATH=str(ROOT),
    )
    env.pop(ENV_VAR, None)
    done = subprocess.run(
        [sys.executable, "-c", _AT_200, language, scheme],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"]  # the first load was shown
    assert result["grab_ratio"] == 2.0
    assert result["icon_ratio"] == 2.0  # the state icon is drawn at 88 device pixels, not blown up
    assert result["clipped"] == []
    assert result["buttons"] == {kind: {"inside": True, "fits": True} for kind in result["buttons"]}
    assert len(result["buttons"]) == 4
