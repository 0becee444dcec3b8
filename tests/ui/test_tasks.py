"""The store worker: one thread, results back on the UI thread, clean shutdown."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.store import KeyringLocked, Store
from app.ui.tasks import TaskRunner
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, MakeRunner


class RecordingStore(Store):
    """Notes which thread opened and closed it."""

    opened_on: int | None = None
    closed_on: int | None = None

    def close(self) -> None:
        RecordingStore.closed_on = threading.get_ident()
        super().close()


def open_recording(profile: Path, backend: MemoryKeyring) -> Store:
    RecordingStore.opened_on = threading.get_ident()
    return RecordingStore.open(profile, backend=backend)


def test_jobs_run_off_the_ui_thread_and_results_come_back_on_it(
    qtbot: QtBot, make_runner: MakeRunner, profile: Path, keyring_backend: MemoryKeyring
) -> None:
    runner = make_runner(lambda: open_recording(profile, keyring_backend))
    ui_thread = threading.get_ident()
    seen: list[tuple[str, int]] = []

    def job(store: Store) -> tuple[str, int]:
        return (store.setting("employee") or "", threading.get_ident())

    with qtbot.waitSignal(runner.idle):
        runner.run(job, lambda result: seen.append((result[0], threading.get_ident())))
        assert seen == []  # never called back from inside run()

    assert seen == [(EMPLOYEE, ui_thread)]
    assert RecordingStore.opened_on not in (None, ui_thread)


def job_number(number: int, _store: Store) -> int:
    return number


def test_jobs_run_in_order_and_idle_follows_the_last(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    order: list[int] = []
    with qtbot.waitSignal(runner.idle):
        for number in range(5):
            runner.run(partial(job_number, number), order.append)
        assert not runner.is_idle()
    assert order == [0, 1, 2, 3, 4]
    assert runner.is_idle()


def test_an_error_goes_to_on_error(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[Exception] = []

    def fail(_store: Store) -> None:
        raise KeyError("boom")

    with qtbot.waitSignal(runner.idle):
        runner.run(fail, lambda _none: pytest.fail("on_done called"), errors.append)
    assert [type(e) for e in errors] == [KeyError]


def test_a_failed_open_is_reported_and_retried_by_the_next_job(
    qtbot: QtBot, make_runner: MakeRunner, profile: Path, keyring_backend: MemoryKeyring
) -> None:
    runner = make_runner(lambda: Store.open(profile, backend=keyring_backend))
    keyring_backend.locked = True
    errors: list[Exception] = []
    results: list[str | None] = []
    with qtbot.waitSignal(runner.idle):
        runner.run(lambda s: s.setting("employee"), results.append, errors.append)
    assert [type(e) for e in errors] == [KeyringLocked]

    keyring_backend.locked = False
    with qtbot.waitSignal(runner.idle):
        runner.run(lambda s: s.setting("employee"), results.append, errors.append)
    assert results == [EMPLOYEE]


def test_the_callback_is_skipped_when_its_receiver_is_gone(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    called: list[object] = []
    receiver = QObject()
    with qtbot.waitSignal(runner.idle):
        runner.run(lambda _s: 1, called.append, called.append, receiver=receiver)
        shiboken6.delete(receiver)
    assert called == []


def test_shutdown_closes_the_store_on_its_thread_and_stops(
    qtbot: QtBot, profile: Path, keyring_backend: MemoryKeyring
) -> None:
    runner = TaskRunner(lambda: open_recording(profile, keyring_backend))
    with qtbot.waitSignal(runner.idle):
        runner.run(lambda s: s.pending_count(), lambda _n: None)

    runner.shutdown()
    runner.shutdown()  # twice is harmless

    assert RecordingStore.closed_on == RecordingStore.opened_on
    assert RecordingStore.closed_on != threading.get_ident()
    with pytest.raises(RuntimeError):
        runner.run(lambda s: s.pending_count(), lambda _n: None)
