"""Asking for a correction: what, when (Oslo time, DST-safe), which punch, and a required reason."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain import PunchKind
from app.store import OutboxEntry, Store
from app.ui.correction_dialog import CorrectionDialog
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, EMPLOYEE_NAME, MakeRunner, MakeWindow
from tests.ui.sync_fakes import enroll_in_store

NOW = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # Wednesday 14:00 in Oslo


class StepClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def folder(tmp_path: Path, keyring_backend: MemoryKeyring) -> Path:
    """Kari's profile: in Monday 07:58, out Monday 16:00; in Tuesday 08:02 and never out."""
    folder = tmp_path / "kari"
    clock = StepClock(datetime(2026, 11, 23, 6, 58, tzinfo=UTC))
    with Store.open(folder, backend=keyring_backend, clock=clock) as store:
        store.set_setting("employee", EMPLOYEE)
        store.upsert_employee(EMPLOYEE, EMPLOYEE_NAME)
        store.punch(EMPLOYEE, PunchKind.IN)
        clock.now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
        store.punch(EMPLOYEE, PunchKind.OUT)
        clock.now = datetime(2026, 11, 24, 7, 2, tzinfo=UTC)
        store.punch(EMPLOYEE, PunchKind.IN)
    return folder


@pytest.fixture
def kari_runner(make_runner: MakeRunner, folder: Path, keyring_backend: MemoryKeyring) -> TaskRunner:
    return make_runner(lambda: Store.open(folder, backend=keyring_backend, clock=lambda: NOW))


@pytest.fixture
def dialog(qtbot: QtBot, kari_runner: TaskRunner) -> CorrectionDialog:
    dialog = CorrectionDialog(kari_runner, EMPLOYEE, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.punches) == 3 and kari_runner.is_idle(), timeout=10_000)
    return dialog


def corrections(qtbot: QtBot, runner: TaskRunner) -> list[OutboxEntry]:
    found: list[list[OutboxEntry]] = []
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.run(lambda store: store.outbox(), found.append)
    return [e for e in found[0] if e.kind == "correction"]


def send(qtbot: QtBot, dialog: CorrectionDialog) -> str:
    with qtbot.waitSignal(dialog.requested, timeout=10_000) as sent:
        dialog.send_button.click()
    return str(sent.args[0])


def test_send_is_disabled_until_a_reason_is_typed(dialog: CorrectionDialog) -> None:
    assert dialog.when_edit.dateTime().toString("dd.MM.yyyy HH:mm") == "25.11.2026 14:00"
    assert not dialog.send_button.isEnabled()
    dialog.reason_edit.setText("   ")
    assert not dialog.send_button.isEnabled()
    dialog.quick_buttons[1].click()
    assert dialog.reason_edit.text() == "Forgot to clock out"
    assert dialog.send_button.isEnabled()


def test_recent_punches_are_offered_newest_first_with_a_missing_punch(dialog: CorrectionDialog) -> None:
    combo = dialog.target_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "None — a punch is missing",
        "Clock in · Tue 24.11. 08:02",
        "Clock out · Mon 23.11. 16:00",
        "Clock in · Mon 23.11. 07:58",
    ]


def test_a_time_the_clocks_skip_is_refused_in_words(dialog: CorrectionDialog) -> None:
    dialog.reason_edit.setText("Wrong time")
    dialog.set_local_time(date(2026, 3, 29), 2, 30)  # spring forward: 02:00 becomes 03:00
    assert dialog.time_problem.isVisible()
    assert dialog.time_problem.text() == (
        "02:30 on 29.03.2026 does not exist: the clocks jump forward an hour that night. "
        "Choose a time before or after the jump."
    )
    assert not dialog.send_button.isEnabled()

    dialog.set_local_time(date(2026, 3, 29), 3, 30)
    assert not dialog.time_problem.isVisible()
    assert dialog.send_button.isEnabled()


def test_a_time_that_happens_twice_asks_which_and_sends_that_one(
    qtbot: QtBot, dialog: CorrectionDialog, kari_runner: TaskRunner
) -> None:
    assert not dialog.fold_combo.isVisible()
    dialog.reason_edit.setText("Night shift")
    dialog.set_local_time(date(2026, 10, 25), 2, 30)  # the clocks go back from 03:00 to 02:00
    assert dialog.fold_combo.isVisible()
    assert [dialog.fold_combo.itemText(i) for i in range(2)] == [
        "The first 02:30 CEST, before the clocks go back",
        "The second 02:30 CET, after the clocks go back",
    ]
    assert dialog.time_choice().at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    dialog.fold_combo.setCurrentIndex(1)
    assert dialog.time_choice().at == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)

    send(qtbot, dialog)
    [queued] = corrections(qtbot, kari_runner)
    assert datetime.fromisoformat(str(queued.payload["at"])) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_a_time_in_the_future_is_refused(dialog: CorrectionDialog) -> None:
    dialog.reason_edit.setText("Wrong time")
    dialog.set_local_time(date(2026, 11, 25), 14, 1)
    assert "has not come yet" in dialog.time_problem.text()
    assert not dialog.send_button.isEnabled()


def test_a_request_for_a_chosen_punch_is_queued_with_its_target(
    qtbot: QtBot, dialog: CorrectionDialog, kari_runner: TaskRunner
) -> None:
    tuesday_in = dialog.punches[0]
    dialog.target_combo.setCurrentIndex(1)
    assert dialog.kind_combo.currentData() == "in"
    assert dialog.when_edit.dateTime().toString("dd.MM.yyyy HH:mm") == "24.11.2026 08:02"

    dialog.kind_combo.setCurrentIndex(1)  # it was the clock-out, at 16:10
    dialog.set_local_time(date(2026, 11, 24), 16, 10)
    dialog.quick_buttons[3].click()
    request_id = send(qtbot, dialog)

    [queued] = corrections(qtbot, kari_runner)
    payload = queued.payload
    assert payload["id"] == request_id
    assert payload["action"] == "request"
    assert payload["employee"] == EMPLOYEE
    assert payload["target"] == tuesday_in.id
    assert payload["kind"] == "out"
    assert datetime.fromisoformat(str(payload["at"])) == datetime(2026, 11, 24, 15, 10, tzinfo=UTC)
    assert payload["reason"] == "Wrong time"
    assert not dialog.isVisible()


def test_a_missing_punch_is_asked_for_without_a_target(
    qtbot: QtBot, dialog: CorrectionDialog, kari_runner: TaskRunner
) -> None:
    dialog.kind_combo.setCurrentIndex(1)
    dialog.set_local_time(date(2026, 11, 24), 16, 0)
    dialog.reason_edit.setText("Forgot to clock out")
    send(qtbot, dialog)
    [queued] = corrections(qtbot, kari_runner)
    assert queued.payload["target"] is None
    assert queued.payload["kind"] == "out"


def test_the_window_and_the_tray_offer_it_once_the_profile_syncs(
    qtbot: QtBot,
    make_runner: MakeRunner,
    make_window: MakeWindow,
    folder: Path,
    keyring_backend: MemoryKeyring,
) -> None:
    from app.ui.tray import Tray

    with Store.open(folder, backend=keyring_backend) as store:
        enroll_in_store(store)
    runner = make_runner(lambda: Store.open(folder, backend=keyring_backend, clock=lambda: NOW))
    window: MainWindow = make_window(runner)
    tray = Tray(window.model, window, parent=window)
    assert window.team.correction_action.isVisible()
    assert tray.correction_action.isVisible()

    tray.correction_action.trigger()
    dialog = window.team.correction_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.punches) == 3 and runner.is_idle(), timeout=10_000)
    dialog.set_local_time(date(2026, 11, 24), 15, 55)
    dialog.reason_edit.setText("Forgot to clock out")
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        dialog.send_button.click()
    assert window.model.overview is not None
    assert window.model.overview.pending == 4  # three punches and the request


def test_without_a_server_there_is_nobody_to_ask(window: MainWindow) -> None:
    assert not window.team.correction_action.isVisible()
