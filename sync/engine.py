"""The sync engine: push the outbox, pull by cursor. Plain blocking code, off the UI thread.

One `sync_once()` pushes every pending outbox row in batches and then pulls
every event past the cursor, page by page. Each step is its own transaction in
the local store: the server's answers to a batch settle that batch (accepted
and duplicate rows leave the outbox, rejected ones stay with their reason),
and a page of events is kept together with the cursor that follows it. So a
crash or kill at any moment loses nothing and doubles nothing: an unsettled
batch is sent again and answered `duplicate`; an unkept page is pulled again.

After a complete round the store drops what the tenant no longer wants kept
on devices: synced rows older than its `local_retention_days` (nothing still in
the outbox). A device an admin revoked delivers its outbox under the farewell
token it is given (sync.auth), tells the server, and `sync_once` raises
`DeviceWiped`: whoever opened the store (app.syncing) then deletes it.

`SyncLoop` runs the engine on its own thread: at once after a local change
(`poke()`), on a timer, and after failures with capped exponential backoff
with jitter. It tells its owner what happened through one callback, called on
its thread; the UI turns that into a Qt signal.
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, Protocol

import httpx2
from pydantic import ValidationError

from sync import config
from sync.auth import AuthSession
from sync.errors import (
    CertificateRejected,
    DeviceRevoked,
    DeviceWiped,
    RateLimited,
    SessionRevoked,
    SyncError,
    UnexpectedAnswer,
)
from sync.protocol import MAX_PULL_LIMIT, MAX_PUSH_BATCH, PullResponse, PushResponse, TenantFacts

_SAFE_TOKEN = re.compile(r"[A-Za-z0-9-]{1,64}")
# Set once a revoked device delivered its outbox and is about to report itself wiped: if
# it stops before it deleted its data, the server's later "unknown device" means "wipe now".
WIPE_DUE = "wipe_due"
Settled = tuple[str, str, str | None, int | None]


class LocalStore(Protocol):
    """What the engine needs of the profile's store (app.store.Store has it)."""

    def pending_mutations(self, limit: int) -> list[tuple[str, str, str]]: ...

    def settle(self, results: Sequence[Settled]) -> None: ...

    def pending_count(self) -> int: ...

    def rejected_count(self) -> int: ...

    def refused(self) -> list[tuple[str, str]]: ...

    def pull_cursor(self) -> int: ...

    def apply_pulled(self, events: Sequence[Mapping[str, Any]], next_after: int) -> None: ...

    def setting(self, key: str) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...

    def purge_synced(self, before: datetime) -> int: ...


class SyncAborted(Exception):
    """`abort()` was called; what was settled so far stays settled."""


@dataclass(frozen=True)
class Progress:
    phase: Literal["push", "pull"]
    done: int
    total: int | None  # None while the size of a pull is unknown


@dataclass(frozen=True)
class SyncReport:
    pushed: int = 0
    duplicates: int = 0
    rejected: int = 0
    pulled: int = 0
    pending: int = 0
    rejected_total: int = 0
    clock_offset_ms: int | None = None
    finished_at: datetime | None = None
    signed_in: bool = True
    notice: str | None = None  # e.g. why the user was signed out during this sync
    refused: tuple[tuple[str, str], ...] = ()  # (mutation id, the server's reason) still in the outbox


def _utc_now() -> datetime:
    return datetime.now(UTC)


def push_body(rows: Sequence[tuple[str, str, str]]) -> bytes:
    """The push request for outbox rows (mutation id, type, payload JSON), the payloads as stored.

    Ids and types are checked before they are spliced in; a payload that is not
    a JSON object is for the server to refuse (it answers that row alone).
    """
    parts = []
    for mutation_id, kind, payload in rows:
        if not (_SAFE_TOKEN.fullmatch(mutation_id) and _SAFE_TOKEN.fullmatch(kind)):
            raise ValueError("an outbox row has a malformed id or type")
        parts.append(f'{{"id":"{mutation_id}","type":"{kind}","payload":{payload}}}')
    return ('{"mutations":[' + ",".join(parts) + "]}").encode("utf-8")


def _unreadable(what: str) -> UnexpectedAnswer:
    return UnexpectedAnswer(f"The server's answer to the {what} could not be read")


class SyncEngine:
    """Push and pull for one profile; one thread at a time (the store is not shared further)."""

    def __init__(
        self,
        store: LocalStore,
        session: AuthSession,
        *,
        pulls_as_device: bool = False,
        clock: Callable[[], datetime] = _utc_now,
        batch_size: int = MAX_PUSH_BATCH,
        pull_limit: int = MAX_PULL_LIMIT,
        progress: Callable[[Progress], None] | None = None,
    ) -> None:
        self._store = store
        self._session = session
        self._pulls_as_device = pulls_as_device  # a kiosk reads its directory with its own credential
        self._clock = clock
        self._batch_size = max(1, min(batch_size, MAX_PUSH_BATCH))
        self._pull_limit = max(1, min(pull_limit, MAX_PULL_LIMIT))
        self._progress = progress
        self._abort = threading.Event()
        self.clock_offset_ms: int | None = None

    @property
    def store(self) -> LocalStore:
        return self._store

    @property
    def session(self) -> AuthSession:
        return self._session

    def abort(self) -> None:
        """Stop at the next batch boundary (thread-safe)."""
        self._abort.set()

    def _check_abort(self) -> None:
        if self._abort.is_set():
            self._abort.clear()
            raise SyncAborted()

    def _tell(self, progress: Progress) -> None:
        if self._progress is not None:
            self._progress(progress)

    # -- one round ------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        """Push everything pending, then pull everything new. Raises SyncError or SyncAborted.

        A revoked device pushes what it holds and raises DeviceWiped instead of pulling.
        """
        try:
            return self._round()
        except DeviceRevoked:
            if self._store.setting(WIPE_DUE):  # the server has it as wiped; the wipe did not happen yet
                raise DeviceWiped(self._server_now()) from None
            raise

    def _round(self) -> SyncReport:
        report = SyncReport()
        try:
            report = self._push_all(report)
        except SessionRevoked as exc:  # signed out: the device's credential delivers the rest
            report = self._push_all(replace(report, notice=str(exc)))
        signed_in = self._session.signed_in
        if (signed_in or self._pulls_as_device) and not self._session.farewell:
            try:
                report = self._pull_all(report)
            except SessionRevoked as exc:
                report = self._push_all(replace(report, notice=str(exc)))
                signed_in = False
        if not (signed_in or self._pulls_as_device or self._session.farewell):
            # With nothing to send a signed-out desktop would not call at all: its own
            # token (one grant per lifetime) is how it learns that it was revoked.
            self._session.access_token()
        if self._session.farewell:
            self._farewell()
        finished = self._server_now()
        self._store.set_setting(config.LAST_SYNC, finished.isoformat())
        self._store.purge_synced(finished - timedelta(days=self._retention_days()))
        return replace(
            report,
            pending=self._store.pending_count(),
            rejected_total=self._store.rejected_count(),
            refused=tuple(self._store.refused()),
            clock_offset_ms=self.clock_offset_ms,
            finished_at=finished,
            # a kiosk works under its own credential: it never needs anyone signed in
            signed_in=self._pulls_as_device or (self._session.signed_in and signed_in),
        )

    def _retention_days(self) -> int:
        """How many days synced rows stay on this device: the tenant's setting, at least one."""
        facts = TenantFacts()
        text = self._store.setting(config.TENANT_FACTS)
        if text:
            with suppress(ValidationError):  # written by another version: the default is the safe reading
                facts = TenantFacts.model_validate_json(text)
        return max(1, facts.local_retention_days)

    def _farewell(self) -> None:
        """This device was revoked: deliver what it still holds, tell the server, raise DeviceWiped.

        Nothing is wiped unless every pending row was answered and the server
        took the report; a failure raises as usual and the next contact tries
        again. Rows the server refused (e.g. punched after the revocation) go
        with the rest of the data.
        """
        self._push_all(SyncReport())
        if self._store.pending_count():
            raise UnexpectedAnswer(
                "The server did not take every entry this device still holds; they are kept and sent again"
            )
        at = self._server_now()
        self._store.set_setting(WIPE_DUE, at.isoformat())
        response = self._session.call("POST", "/devices/wiped")
        if response.status_code != httpx2.codes.NO_CONTENT:
            raise UnexpectedAnswer(
                f"The server answered HTTP {response.status_code} when this removed device reported "
                "its data deleted"
            )
        raise DeviceWiped(at)

    def _server_now(self) -> datetime:
        now = self._clock()
        return now if self.clock_offset_ms is None else now + timedelta(milliseconds=self.clock_offset_ms)

    # -- push -----------------------------------------------------------------------

    def _push_all(self, report: SyncReport) -> SyncReport:
        total = self._store.pending_count()
        done = 0
        self._tell(Progress("push", 0, total))
        while rows := self._store.pending_mutations(self._batch_size):
            self._check_abort()
            answers = self._send(rows)
            self._store.settle(answers)
            statuses = [status for _, status, _, _ in answers]
            report = replace(
                report,
                pushed=report.pushed + statuses.count("accepted"),
                duplicates=report.duplicates + statuses.count("duplicate"),
                rejected=report.rejected + statuses.count("rejected"),
            )
            done += len(rows)
            self._tell(Progress("push", done, max(total, done)))
            if not answers:  # nothing settled: do not spin on the same rows
                break
        return report

    def _send(self, rows: list[tuple[str, str, str]]) -> list[Settled]:
        """Answers for `rows`; a batch the server cannot take whole is split, one bad row rejected alone."""
        sent = self._clock()
        response = self._session.call("POST", "/sync/push", content=push_body(rows))
        received = self._clock()
        status = response.status_code
        if status in (httpx2.codes.CONTENT_TOO_LARGE, httpx2.codes.UNPROCESSABLE_CONTENT):
            if len(rows) > 1:
                half = len(rows) // 2
                return self._send(rows[:half]) + self._send(rows[half:])
            reason = (
                "too large for the server"
                if status == httpx2.codes.CONTENT_TOO_LARGE
                else "the server could not read this entry"
            )
            return [(rows[0][0], "rejected", reason, None)]
        if status != httpx2.codes.OK:
            raise UnexpectedAnswer(
                f"The server answered HTTP {status} to a push, which this version of Stempel does not expect"
            )
        try:
            answer = PushResponse.model_validate_json(response.content)
        except ValidationError:
            raise _unreadable("push") from None
        self._note_clock(answer.server_time, sent, received)
        asked = {mutation_id for mutation_id, _, _ in rows}
        return [(r.id, r.status, r.reason, r.seq) for r in answer.results if r.id in asked]

    # -- pull -----------------------------------------------------------------------

    def _pull_all(self, report: SyncReport) -> SyncReport:
        pulled = 0
        total: int | None = None  # the first page counts what there is to read (servers that can)
        self._tell(Progress("pull", 0, None))
        while True:
            self._check_abort()
            after = self._store.pull_cursor()
            sent = self._clock()
            count = "&count=1" if pulled == 0 else ""
            response = self._session.call("GET", f"/sync/pull?after={after}&limit={self._pull_limit}{count}")
            received = self._clock()
            if self._session.farewell:  # revoked while pulling: a farewell token reads nothing
                return replace(report, pulled=report.pulled + pulled)
            if response.status_code != httpx2.codes.OK:
                raise UnexpectedAnswer(
                    f"The server answered HTTP {response.status_code} to a pull, "
                    "which this version of Stempel does not expect"
                )
            try:
                page = PullResponse.model_validate_json(response.content)
            except ValidationError:
                raise _unreadable("pull") from None
            self._note_clock(page.server_time, sent, received)
            if page.tenant is not None:
                self._store.set_setting(config.TENANT_FACTS, page.tenant.model_dump_json())
            if page.events and page.next_after <= after:
                raise _unreadable("pull")  # a cursor that does not move would loop forever
            events = [
                {
                    "seq": e.seq,
                    "id": e.id,
                    "type": e.type,
                    "employee": e.employee,
                    "payload": e.payload,
                    "recorded_at": e.recorded_at,
                }
                for e in page.events
            ]
            self._store.apply_pulled(events, page.next_after)
            if page.remaining is not None and total is None:
                total = pulled + page.remaining
            pulled += len(events)
            if not page.has_more:
                total = pulled
            elif total is not None:
                total = max(total, pulled + 1)  # more arrived while reading: never "1 200 of 1 000"
            self._tell(Progress("pull", pulled, total))
            if not page.has_more or not page.events:
                return replace(report, pulled=report.pulled + pulled)

    # -- clock ----------------------------------------------------------------------

    def _note_clock(self, server_time: datetime, sent: datetime, received: datetime) -> None:
        """Server clock minus ours, taking the server's reading as made half-way through the call."""
        midpoint = sent + (received - sent) / 2
        offset = round((server_time - midpoint) / timedelta(milliseconds=1))
        if offset != self.clock_offset_ms:
            self.clock_offset_ms = offset
            self._store.set_setting(config.CLOCK_OFFSET_MS, str(offset))


# -- the loop on its own thread --------------------------------------------------------

SyncState = Literal[
    "synced",
    "pending",
    "syncing",
    "offline",
    "sign-in-needed",
    "certificate",
    "device-revoked",
    "device-wiped",
    "problem",
    "cancelled",
]


@dataclass(frozen=True)
class SyncStatus:
    """What the indicator shows. `since`: when the current offline spell began."""

    state: SyncState
    pending: int = 0
    rejected: int = 0
    message: str = ""
    since: datetime | None = None
    last_sync: datetime | None = None
    clock_offset_ms: int | None = None
    progress: Progress | None = None


@dataclass
class Backoff:
    """Capped exponential backoff with jitter: the n-th failure waits about base * 2**n, at most `cap`."""

    base: float = 2.0
    cap: float = 300.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * float(2 ** min(self.failures, 30)))
        self.failures += 1
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)  # never zero, never above the cap

    def reset(self) -> None:
        self.failures = 0


def status_of_error(exc: SyncError, pending: int, rejected: int, since: datetime) -> SyncStatus:
    if exc.transient:
        return SyncStatus("offline", pending, rejected, str(exc), since=since)
    if isinstance(exc, CertificateRejected):
        return SyncStatus("certificate", pending, rejected, str(exc))
    if isinstance(exc, DeviceWiped):
        return SyncStatus("device-wiped", message=str(exc))
    if isinstance(exc, DeviceRevoked):
        return SyncStatus("device-revoked", pending, rejected, str(exc))
    return SyncStatus("problem", pending, rejected, str(exc))


def status_of_report(report: SyncReport) -> SyncStatus:
    if not report.signed_in:
        state: SyncState = "sign-in-needed"
    elif report.pending:
        state = "pending"
    else:
        state = "synced"
    return SyncStatus(
        state,
        report.pending,
        report.rejected_total,
        report.notice or "",
        last_sync=report.finished_at,
        clock_offset_ms=report.clock_offset_ms,
    )


class SyncLoop:
    """Runs `SyncEngine.sync_once` on a thread of its own, when poked, on a timer, with backoff."""

    def __init__(
        self,
        open_engine: Callable[[Callable[[Progress], None]], AbstractContextManager[SyncEngine]],
        on_status: Callable[[SyncStatus], None],
        *,
        interval: float = 60.0,
        backoff: Backoff | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._open_engine = open_engine
        self._on_status = on_status
        self._interval = interval
        self._backoff = backoff or Backoff()
        self._clock = clock
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._engine: SyncEngine | None = None
        self._in_round = threading.Event()
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stempel-sync", daemon=True)
        self.rounds = 0

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        """Sync now: a new local change, a regained connection, or the user asked."""
        self._wake.set()

    def cancel(self) -> bool:
        """End the round under way at its next batch boundary; the loop waits for its timer or a poke.

        What was settled so far stays settled and the pull cursor stays where it got to,
        so the next round carries on from there. False if no round was under way.
        """
        engine = self._engine
        if engine is None or not self._in_round.is_set():
            return False
        self._cancelled.set()
        engine.abort()
        return True

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop after the current batch; True if the thread ended within `timeout`."""
        self._stopping.set()
        engine = self._engine
        if engine is not None:
            engine.abort()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _progress(self, progress: Progress) -> None:
        self._on_status(SyncStatus("syncing", progress=progress))

    def _run(self) -> None:
        offline_since: datetime | None = None
        try:
            with self._open_engine(self._progress) as engine:
                self._engine = engine
                store = engine.store
                while not self._stopping.is_set():
                    self._wake.clear()
                    delay = self._interval
                    self._in_round.set()
                    try:
                        report = engine.sync_once()
                    except SyncAborted:
                        if self._stopping.is_set() or not self._cancelled.is_set():
                            continue
                        status = SyncStatus("cancelled", store.pending_count(), store.rejected_count())
                    except DeviceWiped:
                        raise  # out of the engine's block, whose owner deletes the store
                    except SyncError as exc:
                        if exc.transient:
                            offline_since = offline_since or self._clock()
                            delay = self._backoff.next_delay()
                            if isinstance(exc, RateLimited):
                                delay = max(delay, exc.retry_after)
                        else:
                            delay = max(self._interval, self._backoff.next_delay())
                        status = status_of_error(
                            exc, store.pending_count(), store.rejected_count(), offline_since or self._clock()
                        )
                    else:
                        offline_since = None
                        self._backoff.reset()
                        status = status_of_report(report)
                    finally:
                        self._in_round.clear()
                        self._cancelled.clear()
                        self.rounds += 1
                    self._on_status(status)
                    self._wake.wait(delay)
        except DeviceWiped as exc:
            self._on_status(status_of_error(exc, 0, 0, self._clock()))
        except Exception as exc:  # the thread must say why it ended, not die silently
            self._on_status(SyncStatus("problem", message=str(exc) or type(exc).__name__))
        finally:
            self._engine = None
