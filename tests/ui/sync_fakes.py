"""A scripted stand-in for the sync engine, for unit tests of the UI over `SyncBridge`.

`FakeSync.open_engine` is what `SyncLoop` opens on its thread; each
`sync_once()` takes the next scripted outcome — a `SyncReport` to return, an
exception to raise, or a function of the progress callback that returns a
report — and waits (without a sleep in the test) until one is scripted. The
fake notes the threads it ran on and the order of opens and closes.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import cast

from app.store import Store
from sync import config
from sync.engine import Progress, SyncAborted, SyncEngine, SyncReport

Outcome = SyncReport | Exception | Callable[[Callable[[Progress], None]], SyncReport]

SYNCED_AT = datetime(2026, 11, 24, 6, 58, tzinfo=UTC)  # 07:58 in Oslo


def report(**fields: object) -> SyncReport:
    """A report of a complete, signed-in sync at 07:58 Oslo time, with `fields` changed."""
    values: dict[str, object] = {"finished_at": SYNCED_AT, "signed_in": True}
    values.update(fields)
    return SyncReport(**values)  # type: ignore[arg-type]


@dataclass
class FakeStore:
    """What SyncLoop asks of the engine's store after a failed round."""

    pending: int = 0
    rejected: int = 0

    def pending_count(self) -> int:
        return self.pending

    def rejected_count(self) -> int:
        return self.rejected


class FakeEngine:
    def __init__(self, sync: FakeSync, progress: Callable[[Progress], None]) -> None:
        self._sync = sync
        self._progress = progress
        self._abort = threading.Event()
        self.store = sync.store

    def abort(self) -> None:
        self._abort.set()
        self._sync.abort_requested.set()

    def sync_once(self) -> SyncReport:
        self._sync.threads.add(threading.get_ident())
        while True:
            if self._abort.is_set():
                self._abort.clear()
                raise SyncAborted()
            try:
                outcome = self._sync.outcomes.get(timeout=0.01)
                break
            except queue.Empty:
                continue
        self._sync.rounds += 1
        if isinstance(outcome, Exception):
            raise outcome
        if isinstance(outcome, SyncReport):
            return outcome
        try:
            return outcome(self._progress)
        except SyncAborted:
            self._abort.clear()  # the outcome honoured it, as the engine does at a batch boundary
            raise


@dataclass
class FakeSync:
    outcomes: queue.Queue[Outcome] = field(default_factory=queue.Queue)
    store: FakeStore = field(default_factory=FakeStore)
    open_error: Exception | None = None
    rounds: int = 0
    threads: set[int] = field(default_factory=set)
    events: list[str] = field(default_factory=list)
    abort_requested: threading.Event = field(default_factory=threading.Event)
    """Set when the loop asks the engine to abort (a stop or a cancel); a scripted round may wait for it."""

    def script(self, *outcomes: Outcome) -> None:
        for outcome in outcomes:
            self.outcomes.put(outcome)

    @contextmanager
    def open_engine(self, progress: Callable[[Progress], None]) -> Iterator[SyncEngine]:
        self.threads.add(threading.get_ident())
        self.events.append("open")
        if self.open_error is not None:
            error, self.open_error = self.open_error, None
            raise error
        try:
            yield cast(SyncEngine, FakeEngine(self, progress))
        finally:
            self.events.append("close")


def enroll_in_store(store: Store, *, signed_in: bool = True) -> None:
    """Make the profile look enrolled (and signed in), as app.device_setup leaves it."""
    enrollment = config.Enrollment(
        server_url="https://stempel.invalid:8443",
        tenant="acme",
        device_id="device-1",
        device_kind="desktop",
        device_key_pem="(not a real key: the engine is a fake)",
    )
    for name, value in enrollment.settings():
        store.set_setting(name, value)
    if signed_in:
        store.set_setting(config.REFRESH_TOKEN, "refresh-token")
