"""The manager's review over a real (in-memory keyed) store: overview, digests, decisions, corrections."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.domain import ClockState, PunchKind
from app.store import Store
from app.team_review import ReviewRefused, TeamReview, punch_history, request_correction
from sync import config
from sync.protocol import ApprovalPayload, CorrectionPayload, event_week, week_digest
from tests.keyring_fakes import MemoryKeyring

OSLO = ZoneInfo("Europe/Oslo")
WEEK = "2026-W48"  # Monday 23 November 2026
NOW = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # Friday afternoon


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=OSLO)


class Ledger:
    """Pulled events as the server sends them, numbered in order."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def add(self, type_: str, employee: str, payload: dict[str, Any], recorded: datetime = NOW) -> str:
        event_id = str(payload.get("id") or uuid.uuid4())
        self.events.append(
            {
                "seq": len(self.events) + 1,
                "id": event_id,
                "type": type_,
                "employee": employee,
                "payload": payload,
                "recorded_at": recorded.isoformat(),
            }
        )
        return event_id

    def person(self, number: str, name: str, manager: str | None = "1000") -> None:
        first, last = name.split()
        self.add(
            "employee",
            number,
            {"number": number, "role": "employee", "first_name": first, "last_name": last, "active": True}
            | {"manager": manager},
        )

    def punch(self, number: str, kind: PunchKind, at: datetime) -> str:
        payload = {
            "id": str(uuid.uuid4()),
            "employee": number,
            "kind": kind.value,
            "at": at.isoformat(),
            "zone": "Europe/Oslo",
            "device_clock": at.isoformat(),
            "clock_offset_ms": 0,
            "source": "desktop",
            "note": "",
        }
        return self.add("punch", number, payload, recorded=at)

    def day(self, number: str, day: int, start: int = 8, end: int = 16) -> list[str]:
        return [
            self.punch(number, PunchKind.IN, local(day, start)),
            self.punch(number, PunchKind.OUT, local(day, end)),
        ]


@pytest.fixture
def ledger() -> Ledger:
    found = Ledger()
    found.person("1000", "Mona Leder", manager=None)
    found.person("1001", "Kari Nordmann")
    found.person("1002", "Ola Hansen")
    found.person("2001", "Per Annen", manager="2000")  # someone else's team
    return found


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "pc", backend=MemoryKeyring(), clock=lambda: NOW) as opened:
        opened.set_setting("employee", "1000")
        opened.set_setting("role", "manager")
        yield opened


def pulled(store: Store, ledger: Ledger) -> TeamReview:
    store.apply_pulled(ledger.events, next_after=len(ledger.events))
    return TeamReview(store, "1000")


def test_the_overview_shows_the_team_only_with_hours_states_and_anomalies(
    store: Store, ledger: Ledger
) -> None:
    for d in (23, 24, 25, 26):
        ledger.day("1001", d)
    ledger.day("1001", 16)  # last week
    ledger.punch("1002", PunchKind.IN, local(24, 7))  # never clocked out
    ledger.punch("1002", PunchKind.IN, local(27, 8))  # overlapping clock-in
    review = pulled(store, ledger)
    rows = {row.number: row for row in review.overview(WEEK, NOW)}
    assert set(rows) == {"1001", "1002"}
    kari, ola = rows["1001"], rows["1002"]
    assert (kari.name, kari.state, kari.this_week, kari.last_week) == (
        "Kari Nordmann",
        ClockState.OUT,
        timedelta(hours=32),
        timedelta(hours=8),
    )
    assert kari.anomalies == 0
    assert ola.state is ClockState.IN
    assert ola.anomalies == 2
    assert kari.decision.status == "open"


def test_the_week_digest_is_the_one_the_server_computes_from_the_same_events(
    store: Store, ledger: Ledger
) -> None:
    ids = ledger.day("1001", 23) + ledger.day("1001", 29, 22, 23)
    ledger.day("1001", 30)  # next week: not covered
    review = pulled(store, ledger)
    sheet = review.week("1001", WEEK, NOW)
    server_side = [
        e["id"]
        for e in ledger.events
        if e["employee"] == "1001" and event_week(e["type"], e["payload"], OSLO) == WEEK
    ]
    assert sorted(server_side) == sorted(ids)
    assert (sheet.digest, sheet.covers) == (week_digest(server_side), 4)


def test_a_punch_not_yet_on_the_server_is_not_covered(store: Store, ledger: Ledger) -> None:
    ledger.day("1001", 23)
    review = pulled(store, ledger)
    store.punch("1001", PunchKind.IN)  # only on this device
    assert review.week("1001", WEEK, NOW).covers == 2


def outbox_payloads(store: Store, kind: str) -> list[dict[str, object]]:
    return [e.payload for e in store.outbox() if e.kind == kind]


def test_an_approval_is_queued_with_its_digest_and_shows_pending_then_approved(
    store: Store, ledger: Ledger
) -> None:
    ledger.day("1001", 23)
    review = pulled(store, ledger)
    sheet = review.week("1001", WEEK, NOW)
    state = review.decide("1001", WEEK, "approve", "fine", NOW)
    assert (state.status, state.decision, state.locked) == ("pending-sync", "approve", False)
    (payload,) = outbox_payloads(store, "approval")
    ApprovalPayload.model_validate(payload)  # what the server will read
    assert (payload["digest"], payload["covers"], payload["week"]) == (sheet.digest, 2, WEEK)

    (entry,) = store.outbox()
    store.settle([(entry.id, "accepted", None, 99)])
    after = review.week("1001", WEEK, NOW).decision
    assert (after.status, after.locked, after.comment) == ("approved", True, "fine")


def test_a_refused_decision_is_a_conflict_in_the_servers_words_and_the_week_can_be_decided_again(
    store: Store, ledger: Ledger
) -> None:
    ledger.day("1001", 23)
    review = pulled(store, ledger)
    review.decide("1001", WEEK, "approve", "", NOW)
    (entry,) = store.outbox()
    reason = "conflict: 2 entries arrived after you decided; the week is back for review"
    store.settle([(entry.id, "rejected", reason, None)])
    state = review.overview(WEEK, NOW)[0].decision
    assert (state.status, state.reason) == ("conflict", reason)

    review.decide("1001", WEEK, "approve", "again", NOW)
    assert [e.state for e in store.outbox()] == ["pending"]  # the refused one is superseded


def test_only_the_team_and_never_oneself(store: Store, ledger: Ledger) -> None:
    review = pulled(store, ledger)
    with pytest.raises(ReviewRefused, match="not in your team"):
        review.decide("2001", WEEK, "approve", "", NOW)
    with pytest.raises(ReviewRefused):
        review.decide("1000", WEEK, "approve", "", NOW)
    assert store.outbox() == []


def test_approve_all_clean_weeks_skips_those_with_anomalies(store: Store, ledger: Ledger) -> None:
    ledger.day("1001", 23)
    ledger.punch("1002", PunchKind.IN, local(23, 7))
    review = pulled(store, ledger)
    assert review.approve_clean(WEEK, NOW) == ["1001"]
    assert [p["employee"] for p in outbox_payloads(store, "approval")] == ["1001"]
    assert review.approve_clean(WEEK, NOW) == []  # already decided


def test_a_correction_round_trip_keeps_the_original_and_tells_its_history(
    store: Store, ledger: Ledger
) -> None:
    punch_in, punch_out = ledger.day("1001", 23)
    review = pulled(store, ledger)
    with pytest.raises(ReviewRefused, match="reason"):
        request_correction(store, "1001", PunchKind.OUT, local(23, 17), "  ", NOW, target=punch_out)
    request_id = request_correction(
        store, "1001", PunchKind.OUT, local(23, 17), "Forgot to clock out", NOW, target=punch_out
    )
    (asked,) = outbox_payloads(store, "correction")
    CorrectionPayload.model_validate(asked)
    (pending,) = review.pending_requests()
    assert (pending.id, pending.target, pending.state) == (request_id, punch_out, "pending")

    review.decide_correction(request_id, True, "ok", NOW)
    with pytest.raises(ReviewRefused, match="already decided"):
        review.decide_correction(request_id, False, "", NOW)
    sheet = review.week("1001", WEEK, NOW)
    assert sheet.review.total == timedelta(hours=9)
    assert [p.at for p in store.punches("1001")] == [local(23, 8), local(23, 16)]  # the originals stay
    steps = [(line.what, line.why) for line in punch_history(store, "1001", punch_out)]
    assert steps == [("made", ""), ("correction asked", "Forgot to clock out"), ("correction approved", "ok")]
    assert punch_in != punch_out


def test_a_rejected_correction_leaves_the_punch_as_it_was(store: Store, ledger: Ledger) -> None:
    _, punch_out = ledger.day("1001", 23)
    review = pulled(store, ledger)
    request_id = request_correction(
        store, "1001", PunchKind.OUT, local(23, 20), "late", NOW, target=punch_out
    )
    review.decide_correction(request_id, False, "you left at four", NOW)
    assert review.week("1001", WEEK, NOW).review.total == timedelta(hours=8)
    assert punch_history(store, "1001", punch_out)[-1].what == "correction rejected"


@pytest.mark.parametrize("comment", ["'; DROP TABLE outbox; --", "nul\0byte", "😀" * 500])
def test_hostile_comments_are_queued_verbatim(store: Store, ledger: Ledger, comment: str) -> None:
    ledger.day("1001", 23)
    pulled(store, ledger).decide("1001", WEEK, "reject", comment, NOW)
    (payload,) = outbox_payloads(store, "approval")
    assert payload["comment"] == comment


def test_a_correction_moving_a_punch_into_another_week_shows_there(store: Store, ledger: Ledger) -> None:
    punch_in, _ = ledger.day("1001", 17)  # Tuesday of the week before
    ledger.punch("1001", PunchKind.OUT, local(23, 16))
    review = pulled(store, ledger)
    request_id = request_correction(
        store, "1001", PunchKind.IN, local(23, 8), "wrong day", NOW, target=punch_in
    )
    review.decide_correction(request_id, True, "", NOW)
    assert review.week("1001", WEEK, NOW).review.total == timedelta(hours=8)


def test_someone_clocked_in_weeks_ago_is_still_in(store: Store, ledger: Ledger) -> None:
    ledger.punch("1001", PunchKind.IN, local(2, 8))
    rows = {row.number: row for row in pulled(store, ledger).overview(WEEK, NOW)}
    assert rows["1001"].state is ClockState.IN
    assert rows["1002"].state is ClockState.OUT


def test_approve_all_leaves_conflicts_empty_and_future_weeks(store: Store, ledger: Ledger) -> None:
    ledger.day("1001", 23)
    review = pulled(store, ledger)
    review.decide("1001", WEEK, "approve", "", NOW)
    (entry,) = store.outbox()
    store.settle([(entry.id, "rejected", "conflict: the week's entries changed", None)])
    assert review.approve_clean(WEEK, NOW) == []  # 1001 in conflict, 1002 did not work
    assert review.approve_clean("2026-W50", NOW) == []


def test_one_decision_at_a_time_and_a_lock_is_reopened_before_anything_else(
    store: Store, ledger: Ledger
) -> None:
    ledger.day("1001", 23)
    review = pulled(store, ledger)
    with pytest.raises(ReviewRefused, match="nothing to reopen"):
        review.decide("1001", WEEK, "reopen", "", NOW)
    review.decide("1001", WEEK, "approve", "", NOW)
    with pytest.raises(ReviewRefused, match="waiting to be sent"):
        review.decide("1001", WEEK, "reject", "no", NOW)
    (entry,) = store.outbox()
    store.settle([(entry.id, "accepted", None, 500)])
    with pytest.raises(ReviewRefused, match="reopen it first"):
        review.decide("1001", WEEK, "reject", "no", NOW)
    assert review.decide("1001", WEEK, "reopen", "fix", NOW).status == "pending-sync"


def test_work_time_law_findings_show_in_the_week_and_are_counted_in_the_overview(
    store: Store, ledger: Ledger
) -> None:
    ledger.day("1001", 23, 7, 21)  # 14 hours on Monday, no break
    ledger.day("1001", 24, 6, 14)  # back after 9 hours of rest
    ledger.day("1002", 23, 8, 13)  # five hours: nothing to find
    review = pulled(store, ledger)
    rules = {f.rule for f in review.week("1001", WEEK, NOW).findings}
    assert {"aml-10-6-total-day", "aml-10-8-daily-rest", "aml-10-9-break"} <= rules
    rows = {row.number: row for row in review.overview(WEEK, NOW)}
    assert rows["1001"].findings == len(review.week("1001", WEEK, NOW).findings)
    assert rows["1002"].findings == 0


def test_weeks_are_cut_in_the_tenants_zone_as_the_server_cuts_them(store: Store, ledger: Ledger) -> None:
    ledger.punch("1001", PunchKind.IN, local(23, 2))  # Monday 02:00 in Oslo is Sunday 20:00 in New York
    store.set_setting(config.TENANT_FACTS, '{"timezone": "America/New_York"}')
    review = pulled(store, ledger)
    assert review.week("1001", WEEK, NOW).covers == 0
    assert review.week("1001", "2026-W47", NOW).covers == 1
    store.set_setting(config.TENANT_FACTS, "not json")
    assert TeamReview(store, "1000").week("1001", WEEK, NOW).covers == 1  # unreadable: Europe/Oslo


def test_a_decision_on_a_week_that_changed_since_it_was_looked_at_is_refused(
    store: Store, ledger: Ledger
) -> None:
    ledger.day("1001", 23)
    review = pulled(store, ledger)
    seen = review.week("1001", WEEK, NOW).digest
    ledger.punch("1001", PunchKind.IN, local(24, 8))  # a sync brings one more while the manager looks
    ledger.punch("1001", PunchKind.OUT, local(24, 16))
    store.apply_pulled(ledger.events, next_after=len(ledger.events))
    with pytest.raises(ReviewRefused, match="changed while you looked"):
        review.decide("1001", WEEK, "approve", "", NOW, seen=seen)
    fresh = review.week("1001", WEEK, NOW).digest
    assert review.decide("1001", WEEK, "approve", "", NOW, seen=fresh).status == "pending-sync"


def test_someone_still_clocked_in_is_not_approved_alone_or_in_bulk(store: Store, ledger: Ledger) -> None:
    ledger.day("1001", 23)
    ledger.day("1002", 23)
    ledger.punch("1002", PunchKind.IN, NOW - timedelta(hours=2))  # at work right now
    review = pulled(store, ledger)
    with pytest.raises(ReviewRefused, match="clocked in"):
        review.decide("1002", WEEK, "approve", "", NOW)
    assert review.approve_clean(WEEK, NOW) == ["1001"]


def test_a_week_with_a_correction_request_waiting_is_not_bulk_approved(store: Store, ledger: Ledger) -> None:
    _, out = ledger.day("1001", 23)
    ledger.day("1002", 23)
    review = pulled(store, ledger)
    request_correction(store, "1001", PunchKind.OUT, local(23, 17), "forgot", NOW, target=out)
    assert review.approve_clean(WEEK, NOW) == ["1002"]


def test_a_correction_decided_offline_counts_in_the_digest_of_an_approval_queued_after_it(
    store: Store, ledger: Ledger
) -> None:
    _, out = ledger.day("1001", 23)
    request_id = str(uuid.uuid4())
    ledger.add(
        "correction",
        "1001",
        {"id": request_id, "employee": "1001", "action": "request", "target": out, "kind": "out"}
        | {"at": local(23, 17).isoformat(), "reason": "forgot", "made_at": NOW.isoformat()},
    )
    review = pulled(store, ledger)
    before = review.week("1001", WEEK, NOW).covers
    review.decide_correction(request_id, True, "ok", NOW)  # queued, not yet sent
    review.decide("1001", WEEK, "approve", "", NOW)
    (approval,) = outbox_payloads(store, "approval")
    assert approval["covers"] == before + 1  # the server will have the decision first
