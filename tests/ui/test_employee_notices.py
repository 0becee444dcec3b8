"""What the employee window tells beyond its state: a short rest, a locked week, a forgotten clock-out."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain import PunchKind
from app.store import Store
from app.ui.app import build_window
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, MakeRunner

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)  # Thursday 07:00 in Oslo, ISO week 2026-W48


def at_clock(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def punch_at(profile: Path, keys: MemoryKeyring, kind: PunchKind, moment: datetime) -> None:
    with Store.open(profile, backend=keys, clock=at_clock(moment)) as store:
        store.punch(EMPLOYEE, kind)


@pytest.fixture
def open_window(
    qtbot: QtBot, make_runner: MakeRunner, profile: Path, keyring_backend: MemoryKeyring
) -> Callable[[], MainWindow]:
    def make() -> MainWindow:
        runner: TaskRunner = make_runner(
            lambda: Store.open(profile, backend=keyring_backend, clock=at_clock(NOW))
        )
        window = build_window(runner, clock=at_clock(NOW))
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.ready, timeout=10_000):
            window.show()
        qtbot.waitUntil(lambda: window.model.sync_facts_known, timeout=10_000)
        return window

    return make


def answer_rest_question(window: MainWindow, yes: bool, seen: list[str]) -> QTimer:
    """Click the short-rest question's button as soon as it is open (it runs its own event loop)."""
    timer = QTimer(window)

    def poll() -> None:
        box = window.rest_question
        if box is None:
            return
        seen.append(box.text())
        timer.stop()
        box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No).click()

    timer.timeout.connect(poll)
    timer.start(10)
    return timer


def stored(profile: Path, keys: MemoryKeyring) -> list[tuple[str, str]]:
    with Store.open(profile, backend=keys) as store:
        return [(str(e.payload["kind"]), str(e.payload["note"])) for e in store.outbox()]


def test_clocking_in_after_a_short_rest_asks_and_keeps_the_finding_with_the_punch(
    qtbot: QtBot, open_window: Callable[[], MainWindow], profile: Path, keyring_backend: MemoryKeyring
) -> None:
    punch_at(profile, keyring_backend, PunchKind.IN, NOW - timedelta(hours=18))
    punch_at(profile, keyring_backend, PunchKind.OUT, NOW - timedelta(hours=9, minutes=40))
    window = open_window()
    seen: list[str] = []
    answer_rest_question(window, True, seen)
    with qtbot.waitSignal(window.model.punched, timeout=10_000):
        window.punch_buttons[PunchKind.IN].click()
    assert seen == [
        "You have had 9 h 40 min rest; the law asks for 11 h. Clock in anyway? "
        "The short rest is recorded with the punch."
    ]
    kinds_and_notes = stored(profile, keyring_backend)
    assert kinds_and_notes[-1][0] == "in"
    assert kinds_and_notes[-1][1].startswith("aml-10-8-daily-rest: clocked in after 9 h 40 min of rest")


def test_saying_not_now_makes_no_punch(
    qtbot: QtBot, open_window: Callable[[], MainWindow], profile: Path, keyring_backend: MemoryKeyring
) -> None:
    punch_at(profile, keyring_backend, PunchKind.IN, NOW - timedelta(hours=12))
    punch_at(profile, keyring_backend, PunchKind.OUT, NOW - timedelta(hours=2))
    window = open_window()
    seen: list[str] = []
    timer = answer_rest_question(window, False, seen)
    window.punch_buttons[PunchKind.IN].click()
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=10_000)
    assert seen
    assert [kind for kind, _ in stored(profile, keyring_backend)] == ["in", "out"]
    assert window.model.overview is not None
    assert window.model.overview.state.value == "out"


def test_a_full_rest_asks_nothing(
    qtbot: QtBot, open_window: Callable[[], MainWindow], profile: Path, keyring_backend: MemoryKeyring
) -> None:
    punch_at(profile, keyring_backend, PunchKind.IN, NOW - timedelta(hours=23))
    punch_at(profile, keyring_backend, PunchKind.OUT, NOW - timedelta(hours=15))
    window = open_window()
    window.model.confirm_short_rest = lambda rest: pytest.fail(f"asked after {rest} of rest")
    with qtbot.waitSignal(window.model.punched, timeout=10_000):
        window.punch_buttons[PunchKind.IN].click()
    assert stored(profile, keyring_backend)[-1] == ("in", "")


def test_a_week_the_manager_approved_shows_as_locked(
    open_window: Callable[[], MainWindow], profile: Path, keyring_backend: MemoryKeyring
) -> None:
    approval = {
        "id": str(uuid.uuid4()),
        "employee": EMPLOYEE,
        "week": "2026-W48",
        "decision": "approve",
        "digest": "0" * 64,
        "covers": 0,
        "comment": "",
        "made_at": NOW.isoformat(),
        "by": "1000",
    }
    with Store.open(profile, backend=keyring_backend) as store:
        store.apply_pulled(
            [
                {"seq": 7, "id": approval["id"], "type": "approval", "employee": EMPLOYEE}
                | {"payload": approval, "recorded_at": NOW.isoformat()}
            ],
            next_after=7,
        )
    window = open_window()
    assert window.notice_label.isVisible()
    assert window.notice_label.text() == "Your manager has approved this week; it is locked."


def test_a_clock_in_older_than_sixteen_hours_is_flagged_with_a_suggestion(
    open_window: Callable[[], MainWindow], profile: Path, keyring_backend: MemoryKeyring
) -> None:
    punch_at(
        profile, keyring_backend, PunchKind.IN, datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    )  # 08:00 yesterday
    window = open_window()
    assert window.notice_label.isVisible()
    assert window.notice_label.text() == (
        "You have been clocked in since 25.11. 08:00 — more than 16 hours. "
        "Forgot to clock out? Ask for a correction (for example clock out at 25.11. 15:30)."
    )


def test_nothing_to_tell_shows_no_notice(open_window: Callable[[], MainWindow]) -> None:
    assert not open_window().notice_label.isVisible()
