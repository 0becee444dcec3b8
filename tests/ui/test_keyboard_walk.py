"""Keyboard-only walks through the employee window, the kiosk and the manager window.

Only key presses reach the screens here (QTest key clicks to whatever has the
focus, as a keyboard would): no mouse, no calls into the windows. What the
walks must find is checked in the store, where the punches and requests land.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from app.domain import PunchKind
from app.store import OutboxEntry, Store
from app.ui.about_dialog import AboutDialog
from app.ui.correction_dialog import CorrectionDialog
from app.ui.kiosk.window import KioskWindow, Step
from app.ui.main_window import MainWindow
from app.ui.manager.window import ManagerWindow
from app.ui.tasks import TaskRunner
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, MakeRunner, MakeWindow, stored_punches
from tests.ui.sync_fakes import enroll_in_store
from tests.ui.test_kiosk_window import MORNING, PINS, TENANT, seed_kiosk_store
from tests.ui.test_manager_window import open_window, seed_team

T = TypeVar("T")

NO = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = NO) -> None:
    """One key, to what has the keyboard: an open menu, else the focused widget, else the active window."""
    target = QApplication.activePopupWidget() or focused() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard"
    QTest.keyClick(target, key, modifiers)


def type_text(text: str) -> None:
    target = focused()
    assert target is not None, "nothing has the keyboard"
    QTest.keyClicks(target, text)


def tab_walk(count: int, backwards: bool = False) -> list[QWidget]:
    """Where the focus is after each of `count` presses of Tab (or Shift+Tab)."""
    seen: list[QWidget] = []
    for _ in range(count):
        if backwards:
            press(Qt.Key.Key_Backtab, SHIFT)
        else:
            press(Qt.Key.Key_Tab)
        widget = focused()
        assert widget is not None, "the focus got lost"
        seen.append(widget)
    return seen


def on_worker(qtbot: QtBot, runner: TaskRunner, job: Callable[[Store], T]) -> T:
    got: list[T] = []
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.run(job, got.append)
    return got[0]


# -- the employee window -----------------------------------------------------------------------------


@pytest.fixture
def walk_profile(profile: Path, keyring_backend: MemoryKeyring) -> Path:
    """Enrolled with a server (so a correction can be asked for) but not signed in: Sign in… shows."""
    with Store.open(profile, backend=keyring_backend) as store:
        enroll_in_store(store, signed_in=False)
    return profile


def _tab_visits(expected: set[QWidget]) -> None:
    """Tab and Shift+Tab both go round the window, through `expected`, never leaving it or sticking."""
    forwards = tab_walk(2 * len(expected) + 2)
    backwards = tab_walk(2 * len(expected) + 2, backwards=True)
    for walk in (forwards, backwards):
        assert set(walk) == expected, [w.accessibleName() or type(w).__name__ for w in walk]


def _punch_by_keys(qtbot: QtBot, window: MainWindow, kind: PunchKind, keys: Callable[[], None]) -> None:
    with qtbot.waitSignal(window.model.punched, timeout=10_000):
        keys()
    qtbot.waitUntil(lambda: not window.model.busy and not window.punch_buttons[kind].isEnabled())


def test_the_employee_window_by_keys_alone(
    qtbot: QtBot,
    make_runner: MakeRunner,
    make_window: MakeWindow,
    walk_profile: Path,
    keyring_backend: MemoryKeyring,
) -> None:
    runner = make_runner(lambda: Store.open(walk_profile, backend=keyring_backend))
    window = make_window(runner)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    buttons = window.punch_buttons
    sign_in = window.sync_indicator.action_button
    assert sign_in.isVisible()

    # Tab goes round what can be pressed now: Clock in and Sign in…, nothing else, never stuck.
    _tab_visits({buttons[PunchKind.IN], sign_in})
    visited: set[QWidget] = set()

    # Clock in: Tab to the button and press Space.
    while focused() is not buttons[PunchKind.IN]:
        press(Qt.Key.Key_Tab)
    _punch_by_keys(qtbot, window, PunchKind.IN, lambda: press(Qt.Key.Key_Space))
    enabled = {buttons[PunchKind.OUT], buttons[PunchKind.BREAK_START]}
    _tab_visits(enabled | {sign_in})
    visited |= enabled

    # Start the break by its mnemonic (Alt+B), end it by its shortcut (Ctrl+E).
    _punch_by_keys(qtbot, window, PunchKind.BREAK_START, lambda: press(Qt.Key.Key_B, ALT))
    _tab_visits({buttons[PunchKind.BREAK_END], sign_in})
    visited.add(buttons[PunchKind.BREAK_END])
    _punch_by_keys(qtbot, window, PunchKind.BREAK_END, lambda: press(Qt.Key.Key_E, CTRL))

    # Clock out by its mnemonic (Alt+O); Clock in is back in the round.
    _punch_by_keys(qtbot, window, PunchKind.OUT, lambda: press(Qt.Key.Key_O, ALT))
    _tab_visits({buttons[PunchKind.IN], sign_in})
    visited.add(buttons[PunchKind.IN])
    assert visited == set(buttons.values())
    assert stored_punches(walk_profile, keyring_backend) == [
        (EMPLOYEE, kind.value)
        for kind in (PunchKind.IN, PunchKind.BREAK_START, PunchKind.BREAK_END, PunchKind.OUT)
    ]

    # Ask for a correction: Alt+S opens the Stempel menu, C its "Ask for a correction…".
    press(Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    press(Qt.Key.Key_C)
    qtbot.waitUntil(lambda: window.team.correction_dialog is not None)
    dialog = window.team.correction_dialog
    assert isinstance(dialog, CorrectionDialog)
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and len(dialog.punches) == 4 and runner.is_idle())
    assert focused() is dialog.reason_edit
    press(Qt.Key.Key_R, ALT)  # &Replaces: the newest punch first, the clock-out
    assert focused() is dialog.target_combo
    press(Qt.Key.Key_Down)
    assert dialog.kind_combo.currentData() == PunchKind.OUT.value
    press(Qt.Key.Key_E, ALT)  # R&eason
    assert focused() is dialog.reason_edit
    type_text("Left at 16:00, forgot to clock out")
    with qtbot.waitSignal(dialog.requested, timeout=10_000):
        press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.team.correction_dialog is None and runner.is_idle())
    [request] = [e for e in on_worker(qtbot, runner, lambda store: store.outbox()) if e.kind == "correction"]
    assert request.payload["kind"] == "out"
    assert request.payload["reason"] == "Left at 16:00, forgot to clock out"

    # F10 opens the Stempel menu too; A opens About; Esc closes it and the window has the keys again.
    window.activateWindow()  # as a window manager does once the dialog is gone
    qtbot.waitUntil(window.isActiveWindow)
    press(Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.app_menu)
    press(Qt.Key.Key_A)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(AboutDialog)))
    [about] = [d for d in window.findChildren(AboutDialog) if d.isVisible()]
    qtbot.waitUntil(about.isActiveWindow)
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not about.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _tab_visits({buttons[PunchKind.IN], sign_in})


# -- the kiosk ----------------------------------------------------------------------------------------


@pytest.fixture
def kiosk_runner(make_runner: MakeRunner, tmp_path: Path) -> TaskRunner:
    backend = MemoryKeyring()
    folder = tmp_path / "kiosk"
    seed_kiosk_store(folder, backend)
    return make_runner(lambda: Store.open(folder, backend=backend, clock=lambda: MORNING))


def test_the_kiosk_by_keys_alone_from_a_punch_to_the_administrators_exit(
    qtbot: QtBot, kiosk_runner: TaskRunner
) -> None:
    kiosk = KioskWindow(
        kiosk_runner, TENANT, clock=lambda: MORNING, confirm_ms=60_000, idle_timeout_ms=60_000
    )
    qtbot.addWidget(kiosk)
    kiosk.resize(1024, 600)
    kiosk.show()
    qtbot.waitUntil(kiosk.isActiveWindow)  # it activates itself when shown
    assert focused() is kiosk

    def step() -> Step:
        return kiosk.step

    def settle(wanted: Step) -> None:
        qtbot.waitUntil(lambda: kiosk.step == wanted and not kiosk.busy, timeout=10_000)

    def sign_in() -> None:
        type_text("1001")
        press(Qt.Key.Key_Return)
        assert step() == Step.PIN
        type_text(PINS["1001"])
        press(Qt.Key.Key_Return)
        settle(Step.ACTIONS)

    # Kari signs in and presses Enter: the suggested action, Clock in.
    sign_in()
    assert [b.accessibleName() for b in kiosk.choices.buttons] == ["Clock in"]
    press(Qt.Key.Key_Return)
    settle(Step.CONFIRMED)
    assert kiosk.confirm_info.title_label.text() == "Clocked in 07:58 — Kari N."
    press(Qt.Key.Key_Space)  # any key: on to the next person
    assert kiosk.is_idle()

    # Again; now 2 picks the second action, Start break; Esc leaves the confirmation at once.
    sign_in()
    assert [b.accessibleName() for b in kiosk.choices.buttons] == ["Clock out", "Start break"]
    press(Qt.Key.Key_2)
    settle(Step.CONFIRMED)
    assert kiosk.confirm_info.title_label.text() == "Break started 07:58 — Kari N."
    press(Qt.Key.Key_Escape)
    assert kiosk.is_idle()
    assert focused() is kiosk  # the keys stay with the kiosk throughout

    punches = on_worker(qtbot, kiosk_runner, lambda store: store.punches("1001"))
    assert [p.kind for p in punches] == [PunchKind.IN, PunchKind.BREAK_START]

    # F10: the administrator's number and PIN close the kiosk.
    press(Qt.Key.Key_F10)
    assert step() == Step.ADMIN_NUMBER
    type_text("9000")
    press(Qt.Key.Key_Return)
    assert step() == Step.ADMIN_PIN
    with qtbot.waitSignal(kiosk.exit_requested, timeout=10_000):
        type_text(PINS["9000"])
        press(Qt.Key.Key_Return)
    assert not kiosk.isVisible()


# -- the manager window ------------------------------------------------------------------------------


@pytest.fixture
def manager(qtbot: QtBot, make_runner: MakeRunner, tmp_path: Path) -> ManagerWindow:
    team = seed_team(tmp_path / "manager", MemoryKeyring(), request=True)
    window = open_window(qtbot, make_runner(team.open))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _settled(qtbot: QtBot, window: ManagerWindow) -> None:
    runner = window._runner
    qtbot.waitUntil(lambda: runner.is_idle() and not window._overview_loading, timeout=10_000)


def test_the_manager_window_tabs_in_screen_order_and_rejects_by_keys(
    qtbot: QtBot, manager: ManagerWindow
) -> None:
    view = manager.week_view
    assert focused() is manager.table
    assert manager.selected == "1001"  # Kari, with a correction request waiting
    approve_request, reject_request = view.request_buttons[next(iter(view.request_buttons))]

    # Enter goes to the week's days; Tab then passes the request's buttons before the week's decision.
    press(Qt.Key.Key_Return)
    assert focused() is view.days_table
    walk = tab_walk(12)
    order = [w for w in walk if w in (approve_request, reject_request, *view.decision_buttons)]
    assert order[:4] == [approve_request, reject_request, *view.decision_buttons[:2]]
    round_trip = set(walk) | set(tab_walk(12))
    assert {
        manager.previous_button,
        manager.next_button,
        manager.approve_clean_button,
        manager.table,
        view.tabs.tabBar(),
        view.days_table,
    } <= round_trip
    assert all(manager.isAncestorOf(w) for w in round_trip)

    # Back to the team (Shift+Tab), Down to the next person, Enter; Ctrl+Shift+R rejects with a comment.
    while focused() is not manager.table:
        press(Qt.Key.Key_Backtab, SHIFT)
    with qtbot.waitSignal(manager.week_shown, timeout=10_000):
        press(Qt.Key.Key_Down)
    _settled(qtbot, manager)
    rejected = manager.selected
    assert rejected not in (None, "1001")
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_R, CTRL | SHIFT)
    dialog = manager.decision_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.comment_edit
    press(Qt.Key.Key_Return)  # no comment yet: nothing is sent
    assert dialog.isVisible()
    type_text("Monday has no clock-out")
    with qtbot.waitSignal(manager.decided, timeout=10_000):
        press(Qt.Key.Key_Return)
    _settled(qtbot, manager)

    queued: list[OutboxEntry] = [
        e for e in on_worker(qtbot, manager._runner, lambda store: store.outbox()) if e.kind == "approval"
    ]
    assert [(e.payload["employee"], e.payload["decision"], e.payload["comment"]) for e in queued] == [
        (rejected, "reject", "Monday has no clock-out")
    ]
