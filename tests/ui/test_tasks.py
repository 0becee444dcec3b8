"""The store worker: one thread, results back on the UI thread, clean shutdown."""

from __future__ import annotations

import logging
import threading
from functools import partial
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.store import KeyringLocked, Store, WrongKey
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


def test_a_plain_job_needs_no_store_and_keeps_its_place_in_the_queue(
    qtbot: QtBot, make_runner: MakeRunner
) -> None:
    order: list[str] = []  # as run on the worker

    def cannot_open() -> Store:
        order.append("open")
        raise WrongKey()

    def plain() -> int:
        order.append("plain")
        return threading.get_ident()

    def store_job(_store: Store) -> None:
        order.append("store job")  # never reached: the store does not open

    runner = make_runner(cannot_open)
    errors: list[Exception] = []
    threads: list[int] = []
    with qtbot.waitSignal(runner.idle):
        runner.run(store_job, lambda _none: None, errors.append)
        runner.run_plain(plain, threads.append, errors.append)
        runner.run(store_job, lambda _none: None, errors.append)

    assert order == ["open", "plain", "open"]  # in turn, and the plain job opened nothing
    assert [type(e) for e in errors] == [WrongKey, WrongKey]
    assert threads[0] != threading.get_ident()


def test_shutdown_stops_waiting_after_its_limit_and_warns(
    qtbot: QtBot, make_runner: MakeRunner, caplog: pytest.LogCaptureFixture
) -> None:
    runner = make_runner(lambda: pytest.fail("no store wanted"))
    started, release = threading.Event(), threading.Event()

    def stuck_in_a_dialog() -> None:
        started.set()
        release.wait(10)

    runner.run_plain(stuck_in_a_dialog, lambda _none: None)
    qtbot.waitUntil(started.is_set)

    with caplog.at_level(logging.WARNING, logger="app.ui.tasks"):
        assert runner.shutdown(timeout_ms=50) is False
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "did not stop" in caplog.records[0].getMessage()

    release.set()
    assert runner.shutdown() is True  # the thread ends once the dialog is gone
