"""Every screen names its controls for a screen reader, ties its fields to labels, and says it in Norwegian.

A generic walk over each window's and dialog's widget tree: whatever Tab can
reach (and is on screen) needs an accessible name, or, for a button, words of
its own; every text field, list box, spin box or date field needs a name or a
label whose buddy it is. All offenders of one screen are reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QProgressBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain import PunchKind
from app.store import Store
from app.ui.about_dialog import AboutDialog
from app.ui.correction_dialog import CorrectionDialog
from app.ui.history_dialog import HistoryDialog
from app.ui.i18n import install_translations, remove_translations
from app.ui.kiosk.window import KioskWindow, Step
from app.ui.login_dialog import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.manager.decision_dialog import DecisionDialog
from app.ui.refused_dialog import RefusedDialog
from app.ui.setup_dialog import SetupDialog
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, MakeRunner, MakeWindow
from tests.ui.sync_fakes import enroll_in_store
from tests.ui.test_kiosk_window import MORNING, PINS, TENANT, seed_kiosk_store
from tests.ui.test_manager_window import open_window, seed_team

# Names that are the same words in English and Norwegian (or no words at all).
_SAME_IN_BOTH = frozenset({"OK", "Team", "Stempel", "PIN", "Status", "Problem"})


# -- the walk ------------------------------------------------------------------------------------


def _widgets(root: QWidget) -> list[QWidget]:
    return [root, *root.findChildren(QWidget)]


def _words(widget: QWidget) -> str:
    """What a button or a tab bar says by itself, without mnemonic marks."""
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    if isinstance(widget, QTabBar):
        texts = [widget.tabText(i).replace("&", "").strip() for i in range(widget.count())]
        return " ".join(texts) if texts and all(texts) else ""
    return ""


def _described(widget: QWidget) -> str:
    kind = type(widget).__name__
    name = widget.objectName()
    parent = widget.parentWidget()
    where = "" if parent is None else f" in {type(parent).__name__}"
    text = _words(widget) or (widget.text() if isinstance(widget, QLabel | QLineEdit) else "")
    return f"{kind}{'#' + name if name else ''}{where} {text!r}"


def _carried_by_parent(widget: QWidget) -> bool:
    """The inner line edit of a spin box or combo box: its owner carries the name."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox) and isinstance(widget, QLineEdit)


def offenders(root: QWidget) -> list[str]:
    """Every visible widget under `root` a screen reader could not name, with why."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    found: list[str] = []
    for widget in _widgets(root):
        if not widget.isVisible() or _carried_by_parent(widget):
            continue
        named = bool(widget.accessibleName().strip())
        buddied = id(widget) in buddies  # a screen reader names a field by its label
        tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if tab and not named and not buddied and not _words(widget):
            found.append(f"no accessible name: {_described(widget)}")
        field = isinstance(widget, QLineEdit | QComboBox | QAbstractSpinBox)
        if field and not named and not buddied:
            found.append(f"neither a name nor a label: {_described(widget)}")
        picture = isinstance(widget, QLabel) and not widget.text() and not widget.pixmap().isNull()
        if (picture or isinstance(widget, QProgressBar)) and not named:
            found.append(f"a picture or a bar without a name: {_described(widget)}")
    return found


_MNEMONIC = re.compile(r"&([^&\s])")


def _mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def mnemonic_clashes(root: QWidget) -> list[str]:
    """Alt+letter keys that two visible controls of one window (or two items of one menu) share."""
    groups: list[list[str]] = []
    own = [w for w in _widgets(root) if w.window() is root and w.isVisible()]
    texts = [w.text() for w in own if isinstance(w, QAbstractButton)]
    texts += [w.text() for w in own if isinstance(w, QLabel) and w.buddy() is not None]
    for bar in (w for w in own if isinstance(w, QTabBar)):
        texts += [bar.tabText(i) for i in range(bar.count()) if bar.isTabVisible(i)]
    for menu_bar in (w for w in own if isinstance(w, QMenuBar)):
        texts += [a.text() for a in menu_bar.actions() if a.isVisible()]
        for action in menu_bar.actions():
            menu = action.menu()
            if isinstance(menu, QMenu):
                groups.append([a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()])
    groups.append(texts)
    clashes: list[str] = []
    for group in groups:
        by_key: dict[str, list[str]] = {}
        for text in group:
            key = _mnemonic(text)
            if key is not None:
                by_key.setdefault(key, []).append(text)
        clashes += [f"Alt+{key.upper()}: {' / '.join(t)}" for key, t in by_key.items() if len(t) > 1]
    return clashes


def check(screen: str, root: QWidget) -> list[str]:
    problems = offenders(root)
    if root.isWindow():
        problems += mnemonic_clashes(root)
    return [f"{screen}: {problem}" for problem in problems]


def _qt_own(root: QWidget, name: str) -> bool:
    """A name Qt gives its own parts (a tab bar's scroll buttons): its catalogue's business, not ours."""
    return any(
        isinstance(w.parentWidget(), QTabBar) and w.accessibleName() == name
        for w in root.findChildren(QWidget)
    )


def named(root: QWidget) -> list[tuple[str, str]]:
    """(class, accessible name) of every widget under `root`, in tree order."""
    return [(type(w).__name__, w.accessibleName()) for w in _widgets(root)]


# -- the screens -------------------------------------------------------------------------------------


@pytest.fixture
def english() -> Iterator[None]:
    """Whatever a test installs, English (and the default locale) is back afterwards."""
    locale = QLocale()
    yield
    remove_translations()
    QLocale.setDefault(locale)


@pytest.fixture
def synced_profile(profile: Path, keyring_backend: MemoryKeyring) -> Path:
    """The employee's profile, enrolled and signed in, with one clock-in on record."""
    with Store.open(profile, backend=keyring_backend) as store:
        enroll_in_store(store)
        store.punch(EMPLOYEE, PunchKind.IN)
    return profile


def _show(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


Screens = Callable[[], list[tuple[str, QWidget]]]


@pytest.fixture
def employee_screens(
    qtbot: QtBot,
    make_window: MakeWindow,
    make_runner: MakeRunner,
    synced_profile: Path,
    keyring_backend: MemoryKeyring,
) -> Screens:
    """The employee window and each of its dialogs, shown over the same store."""

    def build() -> list[tuple[str, QWidget]]:
        runner = make_runner(lambda: Store.open(synced_profile, backend=keyring_backend))
        window: MainWindow = make_window(runner)
        correction = CorrectionDialog(runner, EMPLOYEE)
        setup = SetupDialog(runner)
        setup_done = SetupDialog(runner)
        login = LoginDialog(runner, number=EMPLOYEE)
        refused = RefusedDialog(runner, window.model)
        about = AboutDialog()
        screens: list[tuple[str, QWidget]] = [("employee window", window)]
        for name, dialog in (
            ("correction dialog", correction),
            ("setup dialog", setup),
            ("setup dialog, done", setup_done),
            ("login dialog", login),
            ("refused dialog", refused),
            ("about dialog", about),
        ):
            screens.append((name, _show(qtbot, dialog)))
        setup_done.pages.setCurrentIndex(1)
        qtbot.waitUntil(lambda: runner.is_idle() and len(correction.punches) == 1, timeout=10_000)
        return screens

    return build


@pytest.fixture
def manager_screens(qtbot: QtBot, make_runner: MakeRunner, tmp_path: Path) -> Screens:
    """The manager window on an employee with a correction request, its decision and history dialogs."""

    def build() -> list[tuple[str, QWidget]]:
        team = seed_team(tmp_path / f"manager-{len(list(tmp_path.iterdir()))}", MemoryKeyring(), request=True)
        runner = make_runner(team.open)
        window = open_window(qtbot, runner)
        window.week_view.tabs.setCurrentIndex(1)
        window.reject_action.trigger()
        decision = window.decision_dialog
        assert isinstance(decision, DecisionDialog)
        punch_id = team.ledger.punch_ids["1001"][0]
        history = HistoryDialog(runner, "1001", punch_id)
        screens = [
            ("manager window", window),
            ("decision dialog", decision),
            ("history dialog", _show(qtbot, history)),
        ]
        qtbot.waitUntil(lambda: runner.is_idle() and history.table.rowCount() > 0, timeout=10_000)
        return screens

    return build


@pytest.fixture
def kiosk_screens(qtbot: QtBot, make_runner: MakeRunner, tmp_path: Path) -> Iterator[Screens]:
    """The kiosk on its number step, on the action step of someone signed in, and confirming a punch."""
    made: list[KioskWindow] = []

    def kiosk() -> KioskWindow:
        backend = MemoryKeyring()
        folder = tmp_path / f"kiosk-{len(made)}"
        seed_kiosk_store(folder, backend)
        runner = make_runner(lambda: Store.open(folder, backend=backend, clock=lambda: MORNING))
        window = KioskWindow(runner, TENANT, clock=lambda: MORNING, idle_timeout_ms=60_000)
        window.resize(1024, 600)
        made.append(window)
        _show(qtbot, window)
        return window

    def sign_in(window: KioskWindow) -> None:
        for digit in "1001":
            window.press_digit(digit)
        window.press_ok()
        for digit in PINS["1001"]:
            window.press_digit(digit)
        window.press_ok()
        qtbot.waitUntil(lambda: window.step == Step.ACTIONS and not window.busy, timeout=10_000)

    def build() -> list[tuple[str, QWidget]]:
        idle, actions, confirmed = kiosk(), kiosk(), kiosk()
        sign_in(actions)
        sign_in(confirmed)
        confirmed.press_ok()
        qtbot.waitUntil(lambda: confirmed.step == Step.CONFIRMED and not confirmed.busy, timeout=10_000)
        return [("kiosk, number", idle), ("kiosk, actions", actions), ("kiosk, confirmed", confirmed)]

    yield build
    for window in made:
        window._exit_allowed = True  # let pytest-qt close it


# -- the tests ------------------------------------------------------------------------------------------


def test_every_control_of_the_employee_window_and_its_dialogs_has_a_name(
    employee_screens: Screens,
) -> None:
    problems = [problem for screen, root in employee_screens() for problem in check(screen, root)]
    assert problems == [], "\n".join(problems)


def test_every_control_of_the_manager_window_and_its_dialogs_has_a_name(manager_screens: Screens) -> None:
    problems = [problem for screen, root in manager_screens() for problem in check(screen, root)]
    assert problems == [], "\n".join(problems)


def test_every_part_of_the_kiosk_has_a_name(kiosk_screens: Screens) -> None:
    problems = [problem for screen, root in kiosk_screens() for problem in check(screen, root)]
    assert problems == [], "\n".join(problems)


def test_the_walk_finds_an_unnamed_control_and_a_shared_mnemonic() -> None:
    """The checks themselves: a bare field, an icon-only button, an unnamed list, two Alt+S."""
    root = QWidget()
    try:
        QLineEdit(root)
        QLabel("&Buddy:", root).setBuddy(QLineEdit(root))
        QComboBox(root).setAccessibleName("Named")
        from PySide6.QtWidgets import QPushButton, QTableWidget

        QPushButton("&", root)
        QPushButton("&Save", root)
        QPushButton("&send", root)
        QTableWidget(root)
        root.show()
        problems = offenders(root)
        clashes = mnemonic_clashes(root)
    finally:
        root.close()
        root.deleteLater()
    assert clashes == ["Alt+S: &Save / &send"]
    assert len(problems) == 4, problems
    assert sum("neither a name nor a label: QLineEdit" in p for p in problems) == 1
    assert sum("no accessible name: QPushButton" in p for p in problems) == 1
    assert sum("no accessible name: QTableWidget" in p for p in problems) == 1


@pytest.mark.parametrize("screens", ["employee_screens", "manager_screens", "kiosk_screens"])
def test_accessible_names_are_in_norwegian_too(
    request: pytest.FixtureRequest, english: None, screens: str
) -> None:
    """Built once in English and once in bokmål, no widget keeps an English name (but for data)."""
    build: Screens = request.getfixturevalue(screens)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    english_names = {screen: named(root) for screen, root in build()}
    assert install_translations(app, "nb") == "nb"
    untranslated: list[str] = []
    compared = 0
    for screen, root in build():
        problems = check(screen, root)
        assert problems == [], "\n".join(problems)
        norwegian = named(root)
        assert len(norwegian) == len(english_names[screen]), screen
        for (kind, nb), (_kind, en) in zip(norwegian, english_names[screen], strict=True):
            if not en or not any(c.isalpha() for c in en) or en in _SAME_IN_BOTH or _qt_own(root, en):
                continue
            compared += 1
            if nb == en:
                untranslated.append(f"{screen}: {kind} {en!r}")
    assert compared >= 8
    assert untranslated == [], "\n".join(untranslated)
