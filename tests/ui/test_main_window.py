"""The employee window: what it says, which buttons it offers, and when it punches."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.domain import Punch, PunchKind
from app.store import DiskFull, KeyringLocked, Store, WrongKey
from app.ui.app import build_window
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, EMPLOYEE_NAME, MakeRunner, MakeWindow, cell, stored_punches


def enabled_buttons(window: MainWindow) -> set[PunchKind]:
    return {kind for kind, button in window.punch_buttons.items() if button.isEnabled()}


def press(qtbot: QtBot, window: MainWindow, kind: PunchKind) -> None:
    with qtbot.waitSignal(window.model.punched, timeout=10_000):
        QTest.mouseClick(window.punch_buttons[kind], Qt.MouseButton.LeftButton)


def test_window_shows_the_employee_and_that_they_are_out(window: MainWindow) -> None:
    assert window.name_label.text() == EMPLOYEE_NAME
    assert window.status_label.text() == "Clocked out · 0 min today"
    assert window.sync_label.text() == "Not set up to sync"
    assert window.today_panel.empty_label.isVisible()


def test_clock_in_says_so_and_stores_exactly_one_in_punch(
    qtbot: QtBot, window: MainWindow, profile: Path, keyring_backend: MemoryKeyring
) -> None:
    press(qtbot, window, PunchKind.IN)

    assert window.status_label.text().startswith("Clocked in since ")
    assert window.confirmation_label.text().startswith("Saved: Clocked in ")
    assert window.sync_label.text() == "Not set up to sync — 1 waiting"
    assert window.today_panel.table.rowCount() == 1
    assert cell(window.today_panel.table, 0, 1) == "Clocked in"
    assert stored_punches(profile, keyring_backend) == [(EMPLOYEE, "in")]


def test_buttons_follow_the_clock_state(qtbot: QtBot, window: MainWindow) -> None:
    assert enabled_buttons(window) == {PunchKind.IN}

    press(qtbot, window, PunchKind.IN)
    assert enabled_buttons(window) == {PunchKind.OUT, PunchKind.BREAK_START}

    press(qtbot, window, PunchKind.BREAK_START)
    assert enabled_buttons(window) == {PunchKind.BREAK_END}
    assert window.status_label.text().startswith("On a break since ")

    press(qtbot, window, PunchKind.BREAK_END)
    assert enabled_buttons(window) == {PunchKind.OUT, PunchKind.BREAK_START}

    press(qtbot, window, PunchKind.OUT)
    assert enabled_buttons(window) == {PunchKind.IN}
    assert window.status_label.text().startswith("Clocked out · ")


def test_buttons_are_disabled_until_the_punch_is_committed(
    qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.model.punched):
        window.punch_buttons[PunchKind.IN].click()
        assert enabled_buttons(window) == set()
        assert window.status_label.text().startswith("Clocked out")
        assert window.confirmation_label.text() == ""
    assert enabled_buttons(window) == {PunchKind.OUT, PunchKind.BREAK_START}


class FullDiskStore(Store):
    def punch(
        self, employee: str, kind: PunchKind, *, note: str = "", source: str = "desktop"
    ) -> Punch:
        raise DiskFull()


def test_a_failed_punch_shows_the_error_and_changes_nothing(
    qtbot: QtBot,
    make_runner: MakeRunner,
    make_window: MakeWindow,
    profile: Path,
    keyring_backend: MemoryKeyring,
) -> None:
    window = make_window(make_runner(lambda: FullDiskStore.open(profile, backend=keyring_backend)))
    before = window.status_label.text()

    with qtbot.waitSignal(window.model.punch_failed) as failed:
        QTest.mouseClick(window.punch_buttons[PunchKind.IN], Qt.MouseButton.LeftButton)

    assert "disk is full" in window.error_label.text()
    assert failed.args == [window.error_label.text()]
    assert window.error_banner.isVisible()
    assert not window.retry_button.isVisible()
    assert window.status_label.text() == before
    assert window.confirmation_label.text() == ""
    assert enabled_buttons(window) == {PunchKind.IN}
    assert stored_punches(profile, keyring_backend) == []


def test_ctrl_i_clocks_in(
    qtbot: QtBot, window: MainWindow, profile: Path, keyring_backend: MemoryKeyring
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    with qtbot.waitSignal(window.model.punched):
        QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)

    assert window.status_label.text().startswith("Clocked in since ")
    assert stored_punches(profile, keyring_backend) == [(EMPLOYEE, "in")]


def test_buttons_have_mnemonics_shortcuts_and_accessible_names(window: MainWindow) -> None:
    texts = {kind: button.text() for kind, button in window.punch_buttons.items()}
    assert texts == {
        PunchKind.IN: "Clock &in",
        PunchKind.OUT: "Clock &out",
        PunchKind.BREAK_START: "Start &break",
        PunchKind.BREAK_END: "&End break",
    }
    names = {kind: button.accessibleName() for kind, button in window.punch_buttons.items()}
    assert names[PunchKind.BREAK_START] == "Start break"
    shortcuts = {kind: a.shortcut().toString() for kind, a in window.punch_actions.items()}
    assert shortcuts == {
        PunchKind.IN: "Ctrl+I",
        PunchKind.OUT: "Ctrl+O",
        PunchKind.BREAK_START: "Ctrl+B",
        PunchKind.BREAK_END: "Ctrl+E",
    }


class FakeUnlock:
    """Stands in for the desktop's unlock dialog; notes each call and its thread."""

    def __init__(self, events: list[str], then: Callable[[], None] = lambda: None) -> None:
        self.events = events
        self.threads: list[int] = []
        self._then = then

    def __call__(self) -> None:
        self.events.append("unlock")
        self.threads.append(threading.get_ident())
        self._then()


def test_keyring_locked_at_open_is_shown_then_carries_on_once_unlocked(
    qtbot: QtBot, runner: TaskRunner, keyring_backend: MemoryKeyring
) -> None:
    keyring_backend.locked = True
    unlock = FakeUnlock([])
    window = build_window(runner, retry_interval_ms=50, unlock=unlock)
    qtbot.addWidget(window)
    retry_due_when_locked: list[bool] = []

    def note_retry() -> None:
        if "keyring is locked" in window.model.error_text:
            retry_due_when_locked.append(window.model.auto_retry_pending)

    window.model.changed.connect(note_retry)
    window.show()

    qtbot.waitUntil(lambda: len(retry_due_when_locked) >= 2, timeout=10_000)
    assert all(retry_due_when_locked)  # each failure scheduled the next try by itself
    assert window.error_banner.isVisible()
    assert window.retry_button.isVisible()
    assert enabled_buttons(window) == set()

    with qtbot.waitSignal(window.ready, timeout=10_000):
        keyring_backend.locked = False

    qtbot.waitUntil(lambda: not window.error_banner.isVisible())
    assert window.status_label.text().startswith("Clocked out")
    assert enabled_buttons(window) == {PunchKind.IN}
    assert not window.model.auto_retry_pending
    assert unlock.events == []  # the automatic retries never prompt


def test_try_again_unlocks_the_keyring_off_the_ui_thread_then_loads(
    qtbot: QtBot, make_runner: MakeRunner, profile: Path, keyring_backend: MemoryKeyring
) -> None:
    events: list[str] = []

    def open_store() -> Store:
        events.append("open")
        return Store.open(profile, backend=keyring_backend)

    def user_unlocks() -> None:
        keyring_backend.locked = False

    keyring_backend.locked = True
    unlock = FakeUnlock(events, then=user_unlocks)
    window = build_window(make_runner(open_store), retry_interval_ms=600_000, unlock=unlock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "keyring is locked" in window.error_label.text(), timeout=10_000)
    assert events == ["open"]

    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.retry_button.click()
        assert not window.retry_button.isEnabled()  # no second prompt while one is open

    assert events == ["open", "unlock", "open"]
    assert unlock.threads[0] != threading.get_ident()
    assert not window.error_banner.isVisible()
    assert enabled_buttons(window) == {PunchKind.IN}


def test_try_again_during_a_load_unlocks_once_that_load_has_failed(
    qtbot: QtBot, make_runner: MakeRunner, profile: Path, keyring_backend: MemoryKeyring
) -> None:
    events: list[str] = []
    gate = threading.Event()

    def open_store() -> Store:
        events.append("open")
        if len(events) == 1:
            raise KeyringLocked()
        if len(events) == 2:
            gate.wait(10)  # the second try is still under way when Try again is pressed
            raise KeyringLocked()
        return Store.open(profile, backend=keyring_backend)

    unlock = FakeUnlock(events)
    window = build_window(make_runner(open_store), retry_interval_ms=600_000, unlock=unlock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.retry_button.isVisible(), timeout=10_000)

    window.model.load()  # as the automatic retry does
    qtbot.waitUntil(lambda: len(events) == 2, timeout=10_000)
    window.retry_button.click()
    assert "unlock" not in events

    with qtbot.waitSignal(window.ready, timeout=10_000):
        gate.set()
    assert events == ["open", "open", "unlock", "open"]


def test_names_from_the_store_are_shown_as_text_never_as_markup(
    qtbot: QtBot, make_runner: MakeRunner, make_window: MakeWindow, tmp_path: Path
) -> None:
    backend = MemoryKeyring()
    folder = tmp_path / "markup"
    name = '<b>x</b><img src="file:///nowhere/x.png">'
    with Store.open(folder, backend=backend) as store:
        store.set_setting("employee", EMPLOYEE)
        store.upsert_employee(EMPLOYEE, name)
    window = make_window(make_runner(lambda: Store.open(folder, backend=backend)))

    assert window.name_label.text() == name
    assert window.name_label.textFormat() == Qt.TextFormat.PlainText
    shown = [label for label in window.findChildren(QLabel) if label.text()]
    assert shown
    assert [label.text() for label in shown if label.textFormat() != Qt.TextFormat.PlainText] == []


def test_without_an_employee_the_window_says_so_and_offers_no_punch(
    qtbot: QtBot, make_runner: MakeRunner, make_window: MakeWindow, tmp_path: Path
) -> None:
    backend = MemoryKeyring()
    window = make_window(make_runner(lambda: Store.open(tmp_path / "empty", backend=backend)))

    assert window.model.status_text() == (
        "No employee on this profile yet — set up this device, or run `stempel --demo`"
    )
    assert "No employee on this profile yet" in window.status_label.text()
    assert enabled_buttons(window) == set()


class StepClock:
    """A settable clock shared by the store (punch times) and the window (now)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_today_and_week_show_stored_punches_in_oslo_time(
    qtbot: QtBot, make_runner: MakeRunner, tmp_path: Path
) -> None:
    backend = MemoryKeyring()
    folder = tmp_path / "week"
    clock = StepClock(datetime(2026, 11, 23, 7, 0, tzinfo=UTC))  # Monday 08:00 in Oslo
    with Store.open(folder, backend=backend, clock=clock) as store:
        store.set_setting("employee", EMPLOYEE)
        store.upsert_employee(EMPLOYEE, EMPLOYEE_NAME)
        store.punch(EMPLOYEE, PunchKind.IN)
        clock.now += timedelta(hours=8)
        store.punch(EMPLOYEE, PunchKind.OUT)
        clock.now = datetime(2026, 11, 24, 6, 58, tzinfo=UTC)  # Tuesday 07:58
        store.punch(EMPLOYEE, PunchKind.IN)
    clock.now += timedelta(hours=3, minutes=12)

    runner = make_runner(lambda: Store.open(folder, backend=backend, clock=clock))
    window = build_window(runner, clock=clock)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready):
        window.show()

    assert window.status_label.text() == "Clocked in since 07:58 · 3 h 12 min today"
    assert window.week_panel.title_label.text() == "This week · week 48"
    assert [label.text() for label in window.week_panel.worked_labels] == [
        "8 h 0 min", "3 h 12 min", "", "", "", "", "",
    ]
    assert window.week_panel.total_label.text() == "11 h 12 min"
    assert window.today_panel.table.rowCount() == 1
    assert cell(window.today_panel.table, 0, 0) == "07:58"


def test_running_totals_move_on_each_minute_and_a_new_day_reloads(
    qtbot: QtBot, make_runner: MakeRunner, tmp_path: Path
) -> None:
    backend = MemoryKeyring()
    folder = tmp_path / "tick"
    clock = StepClock(datetime(2026, 11, 24, 20, 0, tzinfo=UTC))  # Tuesday 21:00 in Oslo
    with Store.open(folder, backend=backend, clock=clock) as store:
        store.set_setting("employee", EMPLOYEE)
        store.punch(EMPLOYEE, PunchKind.IN)
    runner = make_runner(lambda: Store.open(folder, backend=backend, clock=clock))
    window = build_window(runner, clock=clock)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready):
        window.show()
    assert window.status_label.text() == "Clocked in since 21:00 · 0 min today"

    clock.now += timedelta(minutes=75)
    window.model.tick()
    assert window.status_label.text() == "Clocked in since 21:00 · 1 h 15 min today"

    clock.now += timedelta(hours=2)  # 00:15 on Wednesday
    with qtbot.waitSignal(window.model.loaded):
        window.model.tick()
    assert window.status_label.text() == "Clocked in since 24.11. 21:00 · 15 min today"
    assert window.today_panel.table.isHidden()
    assert window.week_panel.worked_labels[1].text() == "3 h 0 min"


def test_a_store_that_cannot_open_is_explained_and_not_retried_by_itself(
    qtbot: QtBot, make_runner: MakeRunner
) -> None:
    events: list[str] = []

    def wrong_key() -> Store:
        events.append("open")
        raise WrongKey()

    unlock = FakeUnlock(events)
    window = build_window(make_runner(wrong_key), retry_interval_ms=10, unlock=unlock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "does not open" in window.error_label.text())

    assert window.status_label.text() == "The time clock is not available"
    assert window.retry_button.isVisible()
    assert enabled_buttons(window) == set()
    assert not window.model.auto_retry_pending  # nothing will try again by itself
    assert events == ["open"]

    window.retry_button.click()
    qtbot.waitUntil(lambda: not window.model.loading)
    assert events == ["open", "unlock", "open"]
    assert "does not open" in window.error_label.text()
    assert not window.model.auto_retry_pending


def test_after_shutdown_presses_do_nothing(window: MainWindow, runner: TaskRunner) -> None:
    runner.shutdown()
    window.model.punch(PunchKind.IN)
    window.model.load()
    window.model.retry()
    assert enabled_buttons(window) == {PunchKind.IN}
