"""The one way the UI runs store work: a dedicated worker thread and a signal back.

Everything that touches the `Store` runs on a single worker `QThread`, one job
after another, so writes never race and the UI thread never waits on disk,
SQLCipher or the keyring. The Store itself is created on that thread (through
the factory given to `TaskRunner`), lives there and is closed there.

    runner.run(lambda store: store.state("1001"), on_done=self.show_state)
    runner.run_plain(unlock_keyring, on_done=self.unlocked)  # no Store needed

What a caller may rely on:

- Jobs run in the order `run()` and `run_plain()` were called, one at a time.
  A `run_plain()` job gets no Store, so it neither opens one nor fails when
  the store cannot open (e.g. asking the desktop to unlock the keyring first).
- `on_done(result)` or `on_error(exc)` is called on the UI thread, in a later
  turn of its event loop, never from inside `run()`.
- A callback is skipped when its receiver (the QObject whose method it is, or
  the one passed as `receiver=`) has been destroyed meanwhile.
- Opening the store is retried by the next job after it failed (a locked
  keyring may be unlocked by then); the failure goes to that job's `on_error`.
- `idle` is emitted whenever the last outstanding job has been delivered;
  tests wait on it (`qtbot.waitSignal(runner.idle)`) instead of sleeping.
- `shutdown()` lets queued jobs finish, closes the Store on the worker thread
  and joins the thread, waiting at most `timeout_ms` (a job may be stuck in
  the desktop's keyring dialog): it then logs a warning, leaves the thread to
  end by itself and returns False. Calling it again only waits again; `run()`
  after it raises RuntimeError.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from app.store import Store

__all__ = ["SHUTDOWN_TIMEOUT_MS", "StoreFactory", "TaskRunner"]

T = TypeVar("T")
StoreFactory = Callable[[], Store]

_log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_MS = 10_000


@dataclass(frozen=True, slots=True)
class _Callbacks:
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None] | None
    receiver: QObject | None


class _StoreWorker(QObject):
    """Lives on the worker thread; owns the Store and runs jobs against it."""

    job_finished = Signal(int, object, object)  # job id, result, exception or None

    def __init__(self, factory: StoreFactory) -> None:
        super().__init__()
        self._factory = factory
        self._store: Store | None = None

    @Slot(int, object, bool)
    def execute(self, job_id: int, fn: Callable[..., object], with_store: bool) -> None:
        try:
            if not with_store:
                result = fn()
            else:
                if self._store is None:
                    self._store = self._factory()
                result = fn(self._store)
        except Exception as exc:  # handed to the caller's on_error, never dropped
            self.job_finished.emit(job_id, None, exc)
            return
        self.job_finished.emit(job_id, result, None)

    @Slot()
    def close(self) -> None:
        """Close the Store, hand this object back to the main thread, stop the loop."""
        thread = QThread.currentThread()
        try:
            if self._store is not None:
                self._store.close()
        finally:
            self._store = None
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            thread.quit()


class TaskRunner(QObject):
    """Runs store jobs on one worker thread and calls back on the UI thread."""

    idle = Signal()
    _submit = Signal(int, object, bool)  # job id, function, whether it takes the Store
    _close = Signal()

    def __init__(self, factory: StoreFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.factory = factory
        """How the worker opens its store; a job that must not hold up the worker (an export
        waiting for the server) may open a connection of its own on its own thread with it."""
        self._ids = count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._closed = False
        self._thread = QThread()
        self._thread.setObjectName("stempel-store")
        self._worker = _StoreWorker(factory)
        self._worker.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._submit.connect(self._worker.execute, queued)
        self._close.connect(self._worker.close, queued)
        self._worker.job_finished.connect(self._deliver, queued)
        self._thread.start()

    def run(
        self,
        fn: Callable[[Store], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
        *,
        receiver: QObject | None = None,
    ) -> None:
        """Queue `fn(store)` on the worker; deliver its result or error on the UI thread.

        `receiver` defaults to the QObject that `on_done` is a method of, if any.
        Without `on_error`, an error is logged and re-raised on the UI thread, so
        it reaches `sys.excepthook` (and fails a pytest-qt test) instead of vanishing.
        """
        self._queue(fn, True, on_done, on_error, receiver)

    def run_plain(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
        *,
        receiver: QObject | None = None,
    ) -> None:
        """Like `run()`, but `fn()` gets no Store: it runs even when the store cannot open.

        Same worker thread, same queue: it runs after the jobs queued before it.
        """
        self._queue(fn, False, on_done, on_error, receiver)

    def _queue(
        self,
        fn: Callable[..., object],
        with_store: bool,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None,
        receiver: QObject | None,
    ) -> None:
        if self._closed:
            raise RuntimeError("TaskRunner has been shut down")
        if receiver is None:
            owner = getattr(on_done, "__self__", None)
            receiver = owner if isinstance(owner, QObject) else None
        job_id = next(self._ids)
        self._pending[job_id] = _Callbacks(on_done, on_error, receiver)
        self._submit.emit(job_id, fn, with_store)

    @property
    def is_shut_down(self) -> bool:
        return self._closed

    def is_idle(self) -> bool:
        """True when no job is queued, running or waiting for its callback."""
        return not self._pending

    @Slot(int, object, object)
    def _deliver(self, job_id: int, result: object, error: Exception | None) -> None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is None or self._closed:
            return
        try:
            if callbacks.receiver is not None and not shiboken6.isValid(callbacks.receiver):
                return
            if error is None:
                callbacks.on_done(result)
            elif callbacks.on_error is not None:
                callbacks.on_error(error)
            else:
                _log.error("Unhandled error in a store job", exc_info=error)
                raise error
        finally:
            if not self._pending:
                self.idle.emit()

    def shutdown(self, timeout_ms: int = SHUTDOWN_TIMEOUT_MS) -> bool:
        """Finish queued jobs, close the Store on its thread, and join the thread.

        Waits at most `timeout_ms`; returns whether the thread has ended.
        """
        if not self._closed:
            self._closed = True
            self._pending.clear()
            self._close.emit()
        if self._thread.wait(timeout_ms):
            return True
        _log.warning(
            "The store worker did not stop within %d ms (perhaps waiting on the keyring's "
            "unlock dialog); leaving it to finish by itself",
            timeout_ms,
        )
        # A QThread destroyed while running aborts the process (PySide deletes the
        # objects Python owns at exit). Hand it to the main thread's QThread, which
        # is never destroyed before the process ends.
        main_thread = QThread.currentThread()
        if self._thread.parent() is None and self._thread.thread() == main_thread:
            self._thread.setParent(main_thread)
        return False
