"""The sync engine's decisions and its loop, over an in-memory store and a scripted server.

The session is a stand-in with the two things the engine uses of an
`AuthSession` (`call` and `signed_in`); the end-to-end claims are in
tests/integration/server.
"""

from __future__ import annotations

import itertools
import json
import random
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import httpx2
import pytest

from sync import config
from sync.auth import AuthSession
from sync.engine import (
    WIPE_DUE,
    Backoff,
    Progress,
    Settled,
    SyncAborted,
    SyncEngine,
    SyncLoop,
    SyncState,
    SyncStatus,
)
from sync.errors import (
    CertificateRejected,
    DeviceRevoked,
    DeviceWiped,
    ServerUnavailable,
    SessionRevoked,
    SyncError,
    UnexpectedAnswer,
)

WAIT = 10.0  # seconds: only ever reached when a test is already failing
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


# -- the fakes --------------------------------------------------------------------------


@dataclass
class MemoryStore:
    """The engine's `LocalStore` in memory: an outbox in id order, a cursor, settings."""

    outbox: dict[str, str] = field(default_factory=dict)  # mutation id -> payload as stored
    rejected: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    cursor: int = 0
    pulled: list[Mapping[str, Any]] = field(default_factory=list)
    purged_before: list[datetime] = field(default_factory=list)

    def add(self, count: int, payload: str | None = None) -> list[str]:
        ids = sorted(str(uuid.uuid4()) for _ in range(count))
        for mutation_id in ids:
            self.outbox[mutation_id] = payload or json.dumps({"id": str(uuid.uuid4()), "employee": "1001"})
        return ids

    def pending_mutations(self, limit: int) -> list[tuple[str, str, str]]:
        pending = sorted(i for i in self.outbox if i not in self.rejected)
        return [(i, "punch", self.outbox[i]) for i in pending[:limit]]

    def settle(self, results: Sequence[Settled]) -> None:
        for mutation_id, status, reason, _ in results:
            if status in ("accepted", "duplicate"):
                self.outbox.pop(mutation_id, None)
            elif status == "rejected":
                self.rejected[mutation_id] = reason or ""

    def pending_count(self) -> int:
        return len(self.outbox) - len(self.rejected)

    def rejected_count(self) -> int:
        return len(self.rejected)

    def refused(self) -> list[tuple[str, str]]:
        return sorted(self.rejected.items())

    def pull_cursor(self) -> int:
        return self.cursor

    def apply_pulled(self, events: Sequence[Mapping[str, Any]], next_after: int) -> None:
        self.pulled += events
        self.cursor = next_after

    def setting(self, key: str) -> str | None:
        return self.settings.get(key)

    def set_setting(self, key: str, value: str) -> None:
        self.settings[key] = value

    def purge_synced(self, before: datetime) -> int:
        self.purged_before.append(before)
        return 0


def push_answer(results: list[dict[str, Any]]) -> httpx2.Response:
    return httpx2.Response(200, json={"results": results, "server_time": NOW.isoformat()})


def accept_all(body: dict[str, Any]) -> httpx2.Response:
    return push_answer([{"id": m["id"], "status": "accepted", "seq": 1} for m in body["mutations"]])


def empty_pull(after: int) -> httpx2.Response:
    return httpx2.Response(
        200, json={"events": [], "next_after": after, "has_more": False, "server_time": NOW.isoformat()}
    )


@dataclass
class ScriptedSession:
    """Answers the engine's calls from `push` and `pull`; records the batches it was sent."""

    push: Callable[[dict[str, Any]], httpx2.Response] = accept_all
    pull: Callable[[int], httpx2.Response] = empty_pull
    signed_in: bool = True
    failure: SyncError | None = None  # raised by every call while set
    body_limit: int = 100_000
    ends_session: bool = False  # the next call finds the sign-in refused, as AuthSession reports it
    revoked: bool = False  # an admin revoked the device: its next token is a farewell (AuthSession.farewell)
    farewell: bool = False
    wiped_answer: int = 204
    batches: list[list[str]] = field(default_factory=list)
    pulls: list[int] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)  # every call's path, in order
    tokens: int = 0  # how many times the engine made sure of a token without a call

    def access_token(self) -> str:
        if self.failure is not None:
            raise self.failure
        self.tokens += 1
        self.farewell = self.farewell or self.revoked
        return "token"

    def call(self, method: str, rest: str, *, content: bytes | None = None) -> httpx2.Response:
        if self.failure is not None:
            raise self.failure
        if self.ends_session:  # AuthSession has forgotten the refresh token; its next call is the device's
            self.ends_session, self.signed_in = False, False
            raise SessionRevoked("The sign-in on this device has ended; sign in again")
        self.farewell = self.farewell or self.revoked  # a 401, the renewal, and the call again
        self.calls.append(rest.split("?")[0])
        if rest == "/devices/wiped":
            return httpx2.Response(self.wiped_answer)
        if self.farewell and rest != "/sync/push":
            return httpx2.Response(403)
        if rest == "/sync/push":
            assert content is not None
            if len(content) > self.body_limit:
                self.batches.append([])
                return httpx2.Response(413)
            try:
                body = json.loads(content)
            except ValueError:  # what the real server answers to a body it cannot read
                self.batches.append([])
                return httpx2.Response(422)
            self.batches.append([m["id"] for m in body["mutations"]])
            return self.push(body)
        after = int(rest.split("after=")[1].split("&")[0])
        self.pulls.append(after)
        return self.pull(after)


def engine_over(store: MemoryStore, session: ScriptedSession, **options: Any) -> SyncEngine:
    return SyncEngine(store, cast(AuthSession, session), clock=lambda: NOW, **options)


# -- Backoff ------------------------------------------------------------------------------


class Extreme(random.Random):
    """A `random` that always draws the top (or bottom) of the range asked for."""

    def __init__(self, top: bool) -> None:
        super().__init__()
        self.top = top

    def uniform(self, a: float, b: float) -> float:
        return b if self.top else a


def test_backoff_doubles_from_its_base_up_to_its_cap() -> None:
    longest = Backoff(base=2.0, cap=60.0, rng=Extreme(top=True))
    shortest = Backoff(base=2.0, cap=60.0, rng=Extreme(top=False))
    assert [longest.next_delay() for _ in range(8)] == [2, 4, 8, 16, 32, 60, 60, 60]
    assert [shortest.next_delay() for _ in range(8)] == [1, 2, 4, 8, 16, 30, 30, 30]


def test_backoff_stays_capped_and_above_zero_after_very_many_failures() -> None:
    backoff = Backoff(base=2.0, cap=300.0, rng=random.Random(5))
    delays = [backoff.next_delay() for _ in range(2000)]
    assert all(0 < d <= 300.0 for d in delays)
    assert delays[0] >= 1.0  # the first wait is half the base at least
    assert min(delays[20:]) >= 150.0  # at the cap: jitter takes at most half of it


def test_backoff_jitters_so_that_devices_do_not_retry_in_step() -> None:
    delays = {Backoff(rng=random.Random(seed), failures=4).next_delay() for seed in range(50)}
    assert len(delays) == 50
    assert all(16.0 <= d <= 32.0 for d in delays)


def test_backoff_starts_over_after_a_success() -> None:
    backoff = Backoff(base=2.0, rng=Extreme(top=True))
    for _ in range(5):
        backoff.next_delay()
    backoff.reset()
    assert backoff.next_delay() == 2.0


# -- push -----------------------------------------------------------------------------------


def test_a_batch_answered_413_is_split_until_each_part_fits() -> None:
    store = MemoryStore()
    made = store.add(7)
    one_row = len(json.dumps({"id": str(uuid.uuid4()), "employee": "1001"})) + 70
    session = ScriptedSession(body_limit=2 * one_row + 40)  # two rows fit, three do not
    report = engine_over(store, session, batch_size=7).sync_once()
    assert (report.pushed, report.rejected, report.pending) == (7, 0, 0)
    taken = [batch for batch in session.batches if batch]
    assert all(len(batch) <= 2 for batch in taken)
    assert sorted(itertools.chain.from_iterable(taken)) == made  # each row accepted exactly once
    assert store.outbox == {}


@pytest.mark.parametrize(
    ("bad_payload", "reason"),
    [
        ('{"id": "cut off in the mid', "the server could not read this entry"),
        (json.dumps({"note": "x" * 20_000}), "too large for the server"),
    ],
    ids=["422", "413"],
)
def test_one_bad_row_is_rejected_alone_and_the_rest_of_its_batch_accepted(
    bad_payload: str, reason: str
) -> None:
    store = MemoryStore()
    made = store.add(5) + store.add(1, bad_payload) + store.add(4)
    bad = made[5]
    session = ScriptedSession(body_limit=10_000)
    report = engine_over(store, session).sync_once()
    assert (report.pushed, report.rejected, report.pending, report.rejected_total) == (9, 1, 0, 1)
    assert report.refused == ((bad, reason),)
    assert list(store.outbox) == [bad]
    accepted = [i for batch in session.batches for i in batch]
    assert sorted(accepted) == sorted(set(made) - {bad})  # each good row accepted exactly once


def test_an_unexpected_push_answer_is_an_error_and_leaves_the_batch_pending() -> None:
    store = MemoryStore()
    store.add(3)
    session = ScriptedSession(push=lambda body: httpx2.Response(409))
    with pytest.raises(UnexpectedAnswer, match="HTTP 409"):
        engine_over(store, session).sync_once()
    assert store.pending_count() == 3


def test_abort_stops_at_a_batch_boundary_and_keeps_what_was_settled() -> None:
    store, session = MemoryStore(), ScriptedSession()
    made = store.add(10)
    engine: SyncEngine

    aborted: list[Progress] = []

    def on_progress(progress: Progress) -> None:
        if progress.phase == "push" and progress.done == 3 and not aborted:
            aborted.append(progress)
            engine.abort()

    engine = engine_over(store, session, batch_size=3, progress=on_progress)
    with pytest.raises(SyncAborted):
        engine.sync_once()
    assert session.batches == [made[:3]]
    assert sorted(store.outbox) == made[3:]

    report = engine.sync_once()  # the abort was for that round only
    assert report.pushed == 7
    assert list(itertools.chain.from_iterable(session.batches)) == made


def test_a_session_ended_during_the_push_is_reported_and_the_rest_still_sent() -> None:
    store = MemoryStore()
    store.add(4)
    session = ScriptedSession(ends_session=True)
    report = engine_over(store, session).sync_once()
    assert (report.pushed, report.pending, report.signed_in) == (4, 0, False)
    assert report.notice == "The sign-in on this device has ended; sign in again"
    assert session.pulls == []  # signed out, a desktop reads nothing


# -- pull -----------------------------------------------------------------------------------


def page(
    first: int, count: int, next_after: int, has_more: bool, remaining: int | None = None
) -> httpx2.Response:
    events = [
        {
            "seq": seq,
            "id": str(uuid.uuid4()),
            "type": "note",
            "employee": "1001",
            "payload": {},
            "recorded_at": NOW.isoformat(),
        }
        for seq in range(first, first + count)
    ]
    body = {"events": events, "next_after": next_after, "has_more": has_more, "server_time": NOW.isoformat()}
    if remaining is not None:
        body["remaining"] = remaining
    return httpx2.Response(200, json=body)


def test_pull_follows_the_cursor_page_by_page() -> None:
    store = MemoryStore()
    session = ScriptedSession(pull=lambda after: page(after + 1, 5, after + 5, after + 5 < 12))
    report = engine_over(store, session, pull_limit=5).sync_once()
    assert session.pulls == [0, 5, 10]
    assert (report.pulled, store.cursor) == (15, 15)


def test_a_pull_reports_its_progress_against_the_total_the_first_page_counted() -> None:
    store, seen = MemoryStore(), list[Progress]()
    asked: list[str] = []
    session = ScriptedSession(pull=lambda after: page(after + 1, 5, after + 5, after + 5 < 12, 15 - after))
    original_call = session.call

    def call(method: str, rest: str, *, content: bytes | None = None) -> httpx2.Response:
        asked.append(rest)
        return original_call(method, rest, content=content)

    session.call = call  # type: ignore[method-assign]
    engine_over(store, session, pull_limit=5, progress=seen.append).sync_once()
    pulls = [p for p in seen if p.phase == "pull"]
    assert [(p.done, p.total) for p in pulls] == [(0, None), (5, 15), (10, 15), (15, 15)]
    assert ["count=1" in rest for rest in asked if "pull" in rest] == [True, False, False]


def test_a_pull_from_a_server_that_does_not_count_shows_no_total_until_its_end() -> None:
    store, seen = MemoryStore(), list[Progress]()
    session = ScriptedSession(pull=lambda after: page(after + 1, 5, after + 5, after + 5 < 12))
    engine_over(store, session, pull_limit=5, progress=seen.append).sync_once()
    pulls = [(p.done, p.total) for p in seen if p.phase == "pull"]
    assert pulls == [(0, None), (5, None), (10, None), (15, 15)]


@pytest.mark.parametrize("next_after", [7, 3], ids=["stays", "goes back"])
def test_a_pull_whose_cursor_does_not_move_raises_instead_of_looping(next_after: int) -> None:
    store = MemoryStore(cursor=7)
    session = ScriptedSession(pull=lambda after: page(after, 2, next_after, True))
    with pytest.raises(UnexpectedAnswer, match="could not be read"):
        engine_over(store, session).sync_once()
    assert session.pulls == [7]
    assert store.cursor == 7
    assert store.pulled == []


# -- a revoked device and local retention -------------------------------------------------


def offline_push(body: dict[str, Any]) -> httpx2.Response:
    raise ServerUnavailable("The server could not be reached")


def test_a_revoked_device_pushes_its_whole_outbox_before_it_reports_itself_wiped() -> None:
    store, session = MemoryStore(), ScriptedSession(revoked=True)
    made = store.add(7)
    with pytest.raises(DeviceWiped) as caught:
        engine_over(store, session, batch_size=3).sync_once()
    assert session.calls == ["/sync/push"] * 3 + ["/devices/wiped"]  # then whoever opened the store wipes
    assert list(itertools.chain.from_iterable(session.batches)) == made
    assert store.outbox == {}
    assert session.pulls == []  # a farewell token reads nothing
    assert caught.value.at == NOW
    assert store.settings[WIPE_DUE] == NOW.isoformat()
    assert str(caught.value) == (
        "This device was removed by your administrator; its data has been deleted from this computer. "
        "Set it up again to use it."
    )


def test_a_revoked_device_whose_push_fails_reports_nothing_and_keeps_its_outbox() -> None:
    store, session = MemoryStore(), ScriptedSession(revoked=True, push=offline_push)
    made = store.add(5)
    with pytest.raises(ServerUnavailable):
        engine_over(store, session).sync_once()
    assert "/devices/wiped" not in session.calls
    assert sorted(store.outbox) == made
    assert WIPE_DUE not in store.settings
    assert store.purged_before == []


def test_a_revoked_device_whose_report_is_refused_is_not_wiped() -> None:
    store, session = MemoryStore(), ScriptedSession(revoked=True, wiped_answer=409)
    store.add(2)
    with pytest.raises(UnexpectedAnswer, match="HTTP 409"):
        engine_over(store, session).sync_once()
    assert session.calls == ["/sync/push", "/devices/wiped"]


def test_a_signed_out_desktop_with_nothing_to_send_still_learns_that_it_was_revoked() -> None:
    store, session = MemoryStore(), ScriptedSession(signed_in=False, revoked=True)
    with pytest.raises(DeviceWiped):
        engine_over(store, session).sync_once()
    assert session.tokens == 1
    assert session.calls == ["/devices/wiped"]


def test_a_signed_out_desktop_that_is_not_revoked_only_makes_sure_of_its_token() -> None:
    store, session = MemoryStore(), ScriptedSession(signed_in=False)
    report = engine_over(store, session).sync_once()
    assert (session.tokens, session.calls, report.signed_in) == (1, [], False)


def test_a_revoked_kiosk_pushes_and_wipes_without_pulling() -> None:
    store, session = MemoryStore(), ScriptedSession(signed_in=False, revoked=True)
    store.add(2)
    with pytest.raises(DeviceWiped):
        engine_over(store, session, pulls_as_device=True).sync_once()
    assert session.calls == ["/sync/push", "/devices/wiped"]


def test_a_device_stopped_between_its_report_and_its_wipe_wipes_at_the_next_contact() -> None:
    store = MemoryStore(settings={WIPE_DUE: NOW.isoformat()})
    session = ScriptedSession(failure=DeviceRevoked("This device is not enrolled with the tenant"))
    with pytest.raises(DeviceWiped):
        engine_over(store, session).sync_once()


def test_an_unknown_device_that_reported_nothing_is_only_revoked() -> None:
    store, session = MemoryStore(), ScriptedSession(failure=DeviceRevoked("gone"))
    with pytest.raises(DeviceRevoked):
        engine_over(store, session).sync_once()


@pytest.mark.parametrize(("facts", "days"), [(None, 62), ('{"local_retention_days": 30}', 30), ("{", 62)])
def test_each_complete_round_purges_synced_rows_older_than_the_tenants_window(
    facts: str | None, days: int
) -> None:
    store, session = MemoryStore(), ScriptedSession()
    if facts is not None:
        store.settings[config.TENANT_FACTS] = facts
    engine_over(store, session).sync_once()
    assert store.purged_before == [NOW - timedelta(days=days)]


def test_a_failed_round_purges_nothing() -> None:
    store, session = MemoryStore(), ScriptedSession(push=offline_push)
    store.add(1)
    with pytest.raises(ServerUnavailable):
        engine_over(store, session).sync_once()
    assert store.purged_before == []


# -- the loop on its thread -------------------------------------------------------------------


class Statuses:
    """What the loop told its owner, and a way to wait for the next of it."""

    def __init__(self) -> None:
        self.seen: list[SyncStatus] = []
        self._changed = threading.Condition()

    def __call__(self, status: SyncStatus) -> None:
        with self._changed:
            self.seen.append(status)
            self._changed.notify_all()

    def settled(self) -> list[SyncStatus]:
        """The statuses that ended a round (not the progress of one)."""
        with self._changed:
            return [s for s in self.seen if s.state != "syncing"]

    def wait_for(self, count: int, state: SyncState | None = None) -> list[SyncStatus]:
        def enough() -> bool:
            return len([s for s in self.settled() if state is None or s.state == state]) >= count

        with self._changed:
            assert self._changed.wait_for(enough, WAIT), self.seen
        return self.settled()


class Ticks:
    """A wall clock that moves a minute each time it is read."""

    def __init__(self) -> None:
        self._minutes = itertools.count()

    def __call__(self) -> datetime:
        return NOW + timedelta(minutes=next(self._minutes))


@contextmanager
def running(loop: SyncLoop) -> Iterator[SyncLoop]:
    loop.start()
    try:
        yield loop
    finally:
        assert loop.stop(WAIT)


def opener(
    store: MemoryStore, session: ScriptedSession, **options: Any
) -> Callable[[Callable[[Progress], None]], AbstractContextManager[SyncEngine]]:
    """What app.syncing.open_engine is to the loop: an engine that reports its progress to it."""

    @contextmanager
    def open_engine(progress: Callable[[Progress], None]) -> Iterator[SyncEngine]:
        yield engine_over(store, session, progress=progress, **options)

    return open_engine


FAST = Backoff(base=0.001, cap=0.002)


def test_poke_runs_a_round_at_once() -> None:
    store, session, statuses = MemoryStore(), ScriptedSession(), Statuses()
    loop = SyncLoop(opener(store, session), statuses, interval=3600)
    with running(loop):
        assert statuses.wait_for(1)[-1].state == "synced"
        store.add(2)
        loop.poke()
        statuses.wait_for(2)
        assert loop.rounds == 2
    assert len(session.batches) == 1
    assert store.outbox == {}


def test_transient_failures_show_offline_since_the_first_one() -> None:
    store, statuses = MemoryStore(), Statuses()
    store.add(3)
    session = ScriptedSession(failure=ServerUnavailable("The server at x did not answer in time"))
    loop = SyncLoop(opener(store, session), statuses, interval=3600, backoff=FAST, clock=Ticks())
    with running(loop):
        offline = statuses.wait_for(3, "offline")
        session.failure = None
        loop.poke()
        back = statuses.wait_for(1, "synced")[-1]
    assert len({s.since for s in offline[:3]}) == 1
    assert offline[0].since is not None
    assert offline[0].pending == 3
    assert offline[0].message == "The server at x did not answer in time"
    assert (back.since, back.pending) == (None, 0)


def test_a_new_offline_spell_gets_a_new_since() -> None:
    store, statuses = MemoryStore(), Statuses()
    session = ScriptedSession(failure=ServerUnavailable("offline"))
    slow = Backoff(base=3600, cap=3600)  # every round after the first is a poke
    loop = SyncLoop(opener(store, session), statuses, interval=3600, backoff=slow, clock=Ticks())
    with running(loop):
        statuses.wait_for(1, "offline")
        loop.poke()
        first = statuses.wait_for(2, "offline")
        session.failure = None
        loop.poke()
        statuses.wait_for(1, "synced")
        session.failure = ServerUnavailable("offline")
        loop.poke()
        second = statuses.wait_for(3, "offline")[-1]
    assert [s.state for s in statuses.settled()] == ["offline", "offline", "synced", "offline"]
    assert first[0].since == first[1].since
    assert first[0].since is not None
    assert second.since is not None
    assert second.since > first[0].since


@pytest.mark.parametrize(
    ("failure", "state"),
    [
        (CertificateRejected(), "certificate"),
        (DeviceRevoked("This device was revoked; enroll it again"), "device-revoked"),
        (UnexpectedAnswer("The server answered HTTP 418"), "problem"),
    ],
)
def test_a_permanent_failure_shows_its_own_state(failure: SyncError, state: SyncState) -> None:
    store, statuses = MemoryStore(), Statuses()
    store.add(2)
    session = ScriptedSession(failure=failure)
    loop = SyncLoop(opener(store, session), statuses, interval=3600, backoff=FAST)
    with running(loop):
        status = statuses.wait_for(1)[-1]
    assert (status.state, status.message, status.pending) == (state, str(failure), 2)
    assert status.since is None


def test_a_round_that_ended_the_sign_in_asks_to_sign_in() -> None:
    store, statuses = MemoryStore(), Statuses()
    session = ScriptedSession(signed_in=False)
    loop = SyncLoop(opener(store, session), statuses, interval=3600)
    with running(loop):
        assert statuses.wait_for(1)[-1].state == "sign-in-needed"


def test_a_kiosk_with_nobody_signed_in_is_synced_not_asked_to_sign_in() -> None:
    store, statuses = MemoryStore(), Statuses()
    session = ScriptedSession(signed_in=False)
    loop = SyncLoop(opener(store, session, pulls_as_device=True), statuses, interval=3600)
    with running(loop):
        assert statuses.wait_for(1)[-1].state == "synced"


def test_a_profile_that_cannot_be_opened_is_reported_not_swallowed() -> None:
    statuses = Statuses()

    def broken(progress: Callable[[Progress], None]) -> AbstractContextManager[SyncEngine]:
        raise FileNotFoundError("stempel.db")

    loop = SyncLoop(broken, statuses)
    with running(loop):
        status = statuses.wait_for(1)[-1]
    assert (status.state, status.message) == ("problem", "stempel.db")


def test_stop_ends_the_thread_at_the_next_batch_boundary() -> None:
    store, session, statuses = MemoryStore(), ScriptedSession(), Statuses()
    made = store.add(9)
    first_batch_done, go_on = threading.Event(), threading.Event()

    def on_status(status: SyncStatus) -> None:
        statuses(status)
        if status.progress is not None and status.progress.done == 3:
            first_batch_done.set()
            go_on.wait(WAIT)

    loop = SyncLoop(opener(store, session, batch_size=3), on_status, interval=3600)
    loop.start()
    assert first_batch_done.wait(WAIT)
    assert loop.stop(timeout=0.01) is False  # still inside the round
    go_on.set()
    assert loop.stop(WAIT) is True
    assert session.batches == [made[:3]]
    assert sorted(store.outbox) == made[3:]
    assert statuses.settled() == []  # an aborted round reports nothing


def test_cancel_ends_the_round_at_a_batch_boundary_and_the_next_round_carries_on() -> None:
    store, session, statuses = MemoryStore(), ScriptedSession(), Statuses()
    made = store.add(9)
    first_batch_done, go_on = threading.Event(), threading.Event()

    def on_status(status: SyncStatus) -> None:
        statuses(status)
        if status.progress is not None and status.progress.done == 3 and not first_batch_done.is_set():
            first_batch_done.set()
            go_on.wait(WAIT)

    loop = SyncLoop(opener(store, session, batch_size=3), on_status, interval=3600)
    with running(loop):
        assert first_batch_done.wait(WAIT)
        assert loop.cancel() is True
        go_on.set()
        cancelled = statuses.wait_for(1)[-1]
        assert (cancelled.state, cancelled.pending) == ("cancelled", 6)
        assert session.batches == [made[:3]]
        assert loop.cancel() is False  # nothing under way: the loop waits for its timer or a poke
        loop.poke()
        assert statuses.wait_for(2)[-1].state == "synced"
    assert list(itertools.chain.from_iterable(session.batches)) == made


def test_stop_ends_an_idle_loop_at_once() -> None:
    statuses = Statuses()
    loop = SyncLoop(opener(MemoryStore(), ScriptedSession()), statuses, interval=3600)
    loop.start()
    statuses.wait_for(1)
    assert loop.stop(timeout=WAIT)


def test_the_loop_hands_a_wiped_device_to_its_opener_and_ends() -> None:
    store, statuses = MemoryStore(), Statuses()
    session = ScriptedSession(revoked=True)
    store.add(1)
    seen: list[BaseException] = []

    @contextmanager
    def open_engine(progress: Callable[[Progress], None]) -> Iterator[SyncEngine]:
        try:
            yield engine_over(store, session, progress=progress)
        except DeviceWiped as exc:  # where app.syncing deletes the store
            seen.append(exc)
            raise

    loop = SyncLoop(open_engine, statuses, interval=3600)
    with running(loop):
        status = statuses.wait_for(1)[-1]
    assert status.state == "device-wiped"
    assert status.message.startswith("This device was removed by your administrator")
    assert len(seen) == 1
    assert loop.rounds == 1
