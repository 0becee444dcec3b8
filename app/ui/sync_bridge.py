"""The sync loop as the UI sees it: a Qt signal for each new status, and "sync now".

`sync.engine.SyncLoop` runs on a Python thread of its own and opens its own
store connection there (through the `open_engine` factory, e.g.
`app.syncing.open_engine`), so nothing of syncing runs on the UI thread. It
reports through a callback on that thread; `SyncBridge` hands each report to
the UI thread with a queued signal.

    bridge = SyncBridge(lambda progress: open_engine(profile, progress))
    bridge.status_changed.connect(indicator.show_status)   # a SyncStatus, on the UI thread
    bridge.start()
    bridge.sync_now()                                     # after a punch, on "Sync now"
    bridge.stop(timeout=5.0)                              # on quit; bounded

What a caller may rely on:

- `status_changed(SyncStatus)` is emitted on the thread the bridge lives on
  (the UI thread), never from inside a bridge method. Reports that arrive
  faster than the UI takes them are coalesced: the UI always gets the latest
  one, never a backlog (a 20,000-punch sync reports each batch).
- `sync_now()` pokes the running loop; if the loop ended by itself (its store
  could not open, or an error it cannot carry on from), it starts a new one.
  When the network comes back (QNetworkInformation, if a backend loads), the
  bridge pokes by itself.
- `cancel()` ends the round under way at its next batch boundary; the loop
  then waits for its timer or a poke, and carries on from where it stopped.
- `restart()` builds a fresh engine (after a sign-in or a new setup, whose
  credentials the running engine does not know) without blocking: the old
  loop is told to stop and the new one waits for it to end before it opens
  its store. Reports of the old loop are dropped from then on.
- `stop(timeout)` stops every loop it started, waiting at most `timeout`
  seconds in all; returns whether they ended. No status is emitted after it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtNetwork import QNetworkInformation

from app.ui.clock_model import Clock, utc_now
from app.ui.error_text import error_sentence
from sync.engine import Backoff, Progress, SyncEngine, SyncLoop, SyncStatus

__all__ = ["DEFAULT_INTERVAL_S", "STOP_TIMEOUT_S", "EngineOpener", "SyncBridge"]

EngineOpener = Callable[[Callable[[Progress], None]], AbstractContextManager[SyncEngine]]

_log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 60.0
STOP_TIMEOUT_S = 5.0
_HANDOVER_TIMEOUT_S = 30.0  # how long a restarted loop waits for the old one to let go
_UNREACHABLE = (QNetworkInformation.Reachability.Unknown, QNetworkInformation.Reachability.Disconnected)


class _Run:
    """One SyncLoop and what the bridge knows about it."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.loop: SyncLoop | None = None
        self.ended = threading.Event()  # its engine is closed (or was never opened)
        self.error: Exception | None = None  # why it ended, if it ended by itself


class SyncBridge(QObject):
    """A QObject over `SyncLoop`: statuses as a signal on the UI thread; poke, restart, stop."""

    status_changed = Signal(object)
    _arrived = Signal()

    def __init__(
        self,
        open_engine: EngineOpener,
        *,
        interval: float = DEFAULT_INTERVAL_S,
        backoff: Callable[[], Backoff] = Backoff,
        clock: Clock = utc_now,
        watch_network: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_engine = open_engine
        self._interval = interval
        self._backoff = backoff
        self._clock = clock
        self._watch_network = watch_network
        self._lock = threading.Lock()
        self._runs: list[_Run] = []
        self._generation = 0
        self._latest: SyncStatus | None = None
        self._stopped = False
        self._reachability: QNetworkInformation.Reachability | None = None
        self.status: SyncStatus | None = None
        """The latest status delivered on the UI thread (None before the first)."""
        self.pokes = 0
        """How many times the loop was asked to sync now (read by tests)."""
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # -- controls (UI thread) ---------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether a loop was started and the bridge has not been stopped."""
        return bool(self._runs) and not self._stopped

    def start(self) -> None:
        """Start the loop (once; later calls do nothing). It syncs at once, then on its timer."""
        if self._runs or self._stopped:
            return
        self._start_run(after=None)
        if self._watch_network:
            self._watch_reachability()

    def sync_now(self) -> None:
        """Sync now: pokes the loop, or starts a fresh one if the last ended by itself."""
        if not self._runs or self._stopped:
            return
        self.pokes += 1
        current = self._runs[-1]
        if current.ended.is_set():
            self._start_run(after=None)
        elif current.loop is not None:
            current.loop.poke()

    def cancel(self) -> bool:
        """End the sync under way at its next batch boundary (the next round carries on from there)."""
        if self._stopped or not self._runs or self._runs[-1].loop is None:
            return False
        return self._runs[-1].loop.cancel()

    def restart(self) -> None:
        """Sync with a fresh engine (new credentials), without waiting for the old loop here."""
        if self._stopped:
            return
        if not self._runs:
            self.start()
            return
        old = self._runs[-1]
        if old.loop is not None:
            old.loop.stop(timeout=0)  # tells it to stop; does not wait
        self._start_run(after=old)

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> bool:
        """Stop every loop, waiting at most `timeout` seconds in all; True if all ended."""
        deadline = time.monotonic() + timeout
        with self._lock:
            self._stopped = True
            self._latest = None
        for run in self._runs:
            if run.loop is not None:
                run.loop.stop(timeout=0)
        ended = True
        for run in self._runs:
            if run.loop is not None:
                ended = run.loop.stop(timeout=max(0.0, deadline - time.monotonic())) and ended
        if not ended:
            _log.warning("The sync loop did not stop within %.1f s; leaving it to end by itself", timeout)
        return ended

    @Slot(QNetworkInformation.Reachability)
    def on_reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        """The network changed: sync now when it came back."""
        before, self._reachability = self._reachability, reachability
        if reachability not in _UNREACHABLE and before in (*_UNREACHABLE, None):
            self.sync_now()

    # -- the loops ----------------------------------------------------------------------

    def _start_run(self, after: _Run | None) -> None:
        with self._lock:
            self._generation += 1
            run = _Run(self._generation)
            self._latest = None  # a report of the previous loop is no news any more
        run.loop = SyncLoop(
            lambda progress: self._opened(run, after, progress),
            lambda status: self._from_loop(run.generation, status),
            interval=self._interval,
            backoff=self._backoff(),
            clock=self._clock,
        )
        self._runs = [r for r in self._runs if not r.ended.is_set()] + [run]
        run.loop.start()

    @contextmanager
    def _opened(
        self, run: _Run, after: _Run | None, progress: Callable[[Progress], None]
    ) -> Iterator[SyncEngine]:
        """The engine of `run` (on its loop's thread), opened once the loop before it let go."""
        try:
            if after is not None and not after.ended.wait(_HANDOVER_TIMEOUT_S):
                _log.warning("The previous sync loop is still busy; starting the new one anyway")
            with self._open_engine(progress) as engine:
                yield engine
        except Exception as exc:
            run.error = exc  # the loop reports it as a problem next; _deliver words it
            raise
        finally:
            run.ended.set()

    def _from_loop(self, generation: int, status: SyncStatus) -> None:
        """Called on a loop's thread: keep the latest status; wake the UI thread once."""
        with self._lock:
            if self._stopped or generation != self._generation:
                return
            wake = self._latest is None
            self._latest = status
        if wake:
            self._arrived.emit()  # queued: _deliver runs on the bridge's (UI) thread

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            status, self._latest = self._latest, None
        if status is None or self._stopped:
            return
        current = self._runs[-1] if self._runs else None
        if status.state == "problem" and current is not None and current.error is not None:
            status = replace(status, message=error_sentence(current.error))
        self.status = status
        self.status_changed.emit(status)

    # -- the network --------------------------------------------------------------------

    def _watch_reachability(self) -> None:
        """Follow the network's reachability if a backend loads on this system; else do nothing."""
        feature = QNetworkInformation.Feature.Reachability
        if QNetworkInformation.instance() is None and not QNetworkInformation.loadBackendByFeatures(feature):
            _log.info("No network information backend: syncing follows its timer alone")
            return
        info = QNetworkInformation.instance()
        if info is None or not info.supports(feature):
            return
        self._reachability = info.reachability()
        info.reachabilityChanged.connect(self.on_reachability)
