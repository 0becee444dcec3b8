"""A manager's offline decisions against the real server over real TLS: accepted, locked, or a conflict."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.domain import PunchKind
from app.store import Store
from app.syncing import open_engine
from app.team_review import ReviewRefused, TeamReview, punch_history, request_correction, week_decision
from sync.errors import ServerUnavailable
from sync.protocol import week_digest
from tests.integration.server.clients import PASSWORD, enrolled_profile, server_punch_ids
from tests.integration.server.conftest import start_server
from tests.integration.server.harness import ServerProcess
from tests.secret_service import SecretService

OSLO = ZoneInfo("Europe/Oslo")
WEEK = "2026-W46"  # Monday 9 to Sunday 15 November 2026


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=OSLO)


class Clock:
    """The device clock: moved by the test, so punches land in the week under review."""

    def __init__(self) -> None:
        self.now = at(9, 8).astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now


def punch_at(profile: Path, number: str, kind: PunchKind, when: datetime) -> str:
    clock = Clock()
    clock.now = when.astimezone(UTC)
    with Store.open(profile, clock=clock) as store:
        return store.punch(number, kind).id


def sync(profile: Path) -> None:
    with open_engine(profile) as engine:
        report = engine.sync_once()
    assert report.pending == 0, report.refused


def review_of(profile: Path) -> tuple[Store, TeamReview]:
    store = Store.open(profile)
    return store, TeamReview(store, "1000")


@pytest.fixture
def server(real_keyring: SecretService, tmp_path: Path) -> Iterator[ServerProcess]:
    """A server of the test's own (it is stopped and started), with a team: 1000 manages 1001."""
    own = start_server(tmp_path / "server")
    own.tenant("shop")
    own.user("shop", "1000", PASSWORD, "", "--role", "manager")
    own.user("shop", "1001", PASSWORD, "", "--manager", "1000")
    own.user("shop", "2000", PASSWORD, "", "--role", "manager")
    try:
        yield own
    finally:
        own.stop()


@pytest.fixture
def employee(server: ServerProcess, tmp_path: Path) -> Path:
    profile = enrolled_profile(server, "shop", tmp_path / "employee", "1001")
    punch_at(profile, "1001", PunchKind.IN, at(9, 8))
    punch_at(profile, "1001", PunchKind.OUT, at(9, 16))
    sync(profile)
    return profile


@pytest.fixture
def manager(server: ServerProcess, employee: Path, tmp_path: Path) -> Path:
    profile = enrolled_profile(server, "shop", tmp_path / "manager", "1000")
    sync(profile)
    return profile


def test_approved_offline_it_is_accepted_later_and_the_employee_sees_the_week_locked(
    server: ServerProcess, employee: Path, manager: Path
) -> None:
    server.stop()
    store, review = review_of(manager)
    with store:
        sheet = review.week("1001", WEEK, at(16, 9))
        assert (sheet.covers, sheet.review.total) == (2, timedelta(hours=8))
        assert review.decide("1001", WEEK, "approve", "looks right", at(16, 9)).status == "pending-sync"
    with open_engine(manager) as engine, pytest.raises(ServerUnavailable):
        engine.sync_once()

    server.start()
    sync(manager)
    store, review = review_of(manager)
    with store:
        decided = review.week("1001", WEEK, at(16, 9)).decision
    assert (decided.status, decided.locked, decided.by) == ("approved", True, "1000")

    sync(employee)
    with Store.open(employee) as store:
        assert week_decision(store.review_events(["1001"], ("approval",)), WEEK).locked
    late = punch_at(employee, "1001", PunchKind.IN, at(12, 8))
    with open_engine(employee) as engine:
        report = engine.sync_once()
    assert report.rejected == 1
    ((_, reason),) = report.refused
    assert reason.startswith("locked: week 2026-W46 is approved")
    assert late not in server_punch_ids(server, "shop")


def test_a_punch_arriving_before_the_approval_makes_it_a_conflict_and_the_week_returns_to_review(
    server: ServerProcess, employee: Path, manager: Path
) -> None:
    offline = punch_at(employee, "1001", PunchKind.IN, at(10, 8))  # a day made offline, not yet sent
    punch_at(employee, "1001", PunchKind.OUT, at(10, 16))
    store, review = review_of(manager)
    with store:
        seen = review.week("1001", WEEK, at(16, 9))
        review.decide("1001", WEEK, "approve", "", at(16, 9))
    sync(employee)  # the punch reaches the server first
    assert offline in server_punch_ids(server, "shop")

    with open_engine(manager) as engine:
        report = engine.sync_once()
    ((_, reason),) = report.refused
    assert reason == "conflict: 2 entries arrived after you decided; the week is back for review"
    store, review = review_of(manager)
    with store:
        now = review.week("1001", WEEK, at(16, 9))
        assert (now.decision.status, now.decision.reason) == ("conflict", reason)
        assert now.covers == seen.covers + 2  # the pull brought the new punches
        assert now.digest != seen.digest
        review.decide("1001", WEEK, "approve", "checked again", at(16, 10))
    sync(manager)
    store, review = review_of(manager)
    with store:
        assert review.week("1001", WEEK, at(16, 10)).decision.status == "approved"


def test_a_manager_outside_the_team_can_neither_see_nor_approve(
    server: ServerProcess, employee: Path, tmp_path: Path
) -> None:
    other = enrolled_profile(server, "shop", tmp_path / "other", "2000")
    sync(other)
    with Store.open(other) as store:
        review = TeamReview(store, "2000")
        assert review.team() == []
        assert store.records_between(["1001"], at(1, 0), at(30, 0)) == []
        with pytest.raises(ReviewRefused):
            review.decide("1001", WEEK, "approve", "", at(16, 9))
        # The client is not trusted: a decision forced into the outbox is refused by the server.
        store.queue_review_event(
            "approval",
            {
                "id": "0193a000-0000-7000-8000-000000000001",
                "employee": "1001",
                "week": WEEK,
                "decision": "approve",
                "digest": week_digest(server_punch_ids(server, "shop")),
                "covers": 2,
                "comment": "",
                "made_at": at(16, 9).isoformat(),
            },
        )
    with open_engine(other) as engine:
        report = engine.sync_once()
    ((_, reason),) = report.refused
    assert reason == "not allowed: you do not manage this employee"


def test_a_correction_round_trip_keeps_the_original_punch(
    server: ServerProcess, employee: Path, manager: Path
) -> None:
    with Store.open(employee) as store:
        (_, punch_out) = [p.id for p in store.punches("1001")]
        request_correction(
            store, "1001", PunchKind.OUT, at(9, 17), "Forgot to clock out", at(10, 8), target=punch_out
        )
    sync(employee)
    sync(manager)
    store, review = review_of(manager)
    with store:
        (request,) = review.pending_requests()
        review.decide_correction(request.id, True, "ok", at(10, 9))
    sync(manager)
    sync(employee)
    with Store.open(employee) as store:
        steps = [line.what for line in punch_history(store, "1001", punch_out)]
        assert steps == ["made", "correction asked", "correction approved"]
        assert [p.at for p in store.punches("1001")][-1] == at(9, 16)  # the original stays
    store, review = review_of(manager)
    with store:
        assert review.week("1001", WEEK, at(16, 9)).review.total == timedelta(hours=9)


def test_a_rejected_correction_leaves_the_week_as_it_was(
    server: ServerProcess, employee: Path, manager: Path
) -> None:
    with Store.open(employee) as store:
        punch_out = store.punches("1001")[-1].id
        request_correction(store, "1001", PunchKind.OUT, at(9, 20), "late", at(10, 8), target=punch_out)
    sync(employee)
    sync(manager)
    store, review = review_of(manager)
    with store:
        (request,) = review.pending_requests()
        review.decide_correction(request.id, False, "you left at four", at(10, 9))
    sync(manager)
    store, review = review_of(manager)
    with store:
        assert review.week("1001", WEEK, at(16, 9)).review.total == timedelta(hours=8)
        assert review.pending_requests() == []


def test_timesheet_and_approve_from_the_command_line(server: ServerProcess, manager: Path) -> None:
    def stempel(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "--profile", str(manager), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    sheet = stempel("timesheet", "--employee", "1001", "--week", WEEK, "--json")
    assert sheet.returncode == 0, sheet.stderr
    found = json.loads(sheet.stdout)
    assert (found["total_seconds"], found["covers"], found["decision"]["status"]) == (8 * 3600, 2, "open")
    assert stempel("timesheet", "--employee", "2000", "--week", WEEK).returncode == 1  # not in the team
    assert stempel("timesheet", "--employee", "1001", "--week", "2026-W54").returncode == 2

    refused = stempel("approve", "--employee", "1001", "--week", WEEK, "--reject")
    assert (refused.returncode, refused.stderr.strip()) == (
        1,
        "stempel: say why: a rejection needs --comment",
    )
    done = stempel("approve", "--employee", "1001", "--week", WEEK, "--comment", "ok")
    assert done.returncode == 0, done.stderr
    assert "pending-sync" in done.stdout
    assert stempel("sync").returncode == 0
    after = json.loads(stempel("timesheet", "--employee", "1001", "--week", WEEK, "--json").stdout)
    assert (after["decision"]["status"], after["decision"]["locked"]) == ("approved", True)
