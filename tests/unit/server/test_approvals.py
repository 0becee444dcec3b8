"""Week approvals pushed in-process (server.punches.push -> server.decisions): who may decide,
the digest check, and the week lock an approve makes until a reopen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import event, func, select

from server import admin
from server.decisions import ALREADY_APPROVED, ENTRIES_CHANGED, NOT_YOUR_EMPLOYEE, SIGN_IN_TO_DECIDE
from server.ledger import first_broken
from server.schema import ledger
from server.sessions import SessionStore
from server.tenants import TenantRegistry
from sync.protocol import AnyMutation
from tests.unit.server.conftest import Server
from tests.unit.server.decision_parts import (
    ADMIN,
    COLLEAGUE,
    DESKTOP,
    EMPLOYEE,
    HOSTILE,
    IN_NEXT_WEEK,
    IN_WEEK,
    KIOSK,
    MANAGER,
    NEXT_WEEK,
    OSLO,
    OTHER_MANAGER,
    TENANT,
    WEEK,
    approval,
    correction,
    event_ids,
    ledger_event,
    punch,
    push,
    push_one,
    reopen,
    statuses,
)

LOCKED = "locked: week 2026-W48 is approved; ask your manager to reopen it"


def test_a_manager_approves_a_team_members_week_and_it_is_recorded_with_who_decided(
    team: TenantRegistry,
) -> None:
    worked = [punch(), punch(kind="out", at=IN_WEEK + timedelta(hours=8))]
    assert statuses(push(team, EMPLOYEE, *worked)) == ["accepted", "accepted"]
    decision = approval(seen=event_ids(*worked), comment="fine")
    result = push_one(team, MANAGER, decision)
    assert result.status == "accepted"
    recorded = ledger_event(team, decision.payload.id)
    assert recorded is not None
    assert (recorded["type"], recorded["employee"], recorded["seq"]) == ("approval", "1001", result.seq)
    assert recorded["payload"] == {
        **decision.payload.model_dump(mode="json"),
        "mutation": decision.id,
        "by": "1000",
    }


def test_an_admin_approves_anyone(team: TenantRegistry) -> None:
    assert push_one(team, ADMIN, approval("2001")).status == "accepted"
    assert push_one(team, ADMIN, approval("1000")).status == "accepted"


@pytest.mark.parametrize(
    ("caller", "employee"),
    [
        (OTHER_MANAGER, "1001"),  # manages another team
        (MANAGER, "2001"),
        (MANAGER, "1000"),  # themselves
        (ADMIN, "9000"),  # an admin neither
        (EMPLOYEE, "1002"),  # a colleague is no manager
        (EMPLOYEE, "1001"),
        (MANAGER, "4242"),  # nobody: the same words, so the answer reveals nothing
    ],
)
def test_only_the_employees_manager_or_an_admin_decides_and_never_for_themselves(
    team: TenantRegistry, caller: object, employee: str
) -> None:
    for decision in ("approve", "reject", "reopen"):
        result = push_one(team, caller, approval(employee, decision=decision))  # type: ignore[arg-type]
        assert (result.status, result.reason) == ("rejected", NOT_YOUR_EMPLOYEE)


@pytest.mark.parametrize("device", [KIOSK, DESKTOP])
def test_a_device_credential_sends_no_decision(team: TenantRegistry, device: object) -> None:
    result = push_one(team, device, approval())  # type: ignore[arg-type]
    assert (result.status, result.reason) == ("rejected", SIGN_IN_TO_DECIDE)


def test_a_manager_who_lost_the_role_is_refused_though_the_token_says_manager(
    team: TenantRegistry, tmp_path: Path
) -> None:
    sessions = SessionStore(tmp_path / "sessions.db")
    admin.set_role(team, sessions, TENANT, "1000", "employee")
    sessions.close()
    assert push_one(team, MANAGER, approval()).reason == NOT_YOUR_EMPLOYEE


@pytest.mark.parametrize(
    ("arrived", "words"),
    [
        (1, "conflict: 1 entry arrived after you decided; the week is back for review"),
        (2, "conflict: 2 entries arrived after you decided; the week is back for review"),
    ],
)
def test_entries_that_arrived_after_the_decision_are_counted_in_the_conflict(
    team: TenantRegistry, arrived: int, words: str
) -> None:
    seen = [punch()]
    later = [punch(at=IN_WEEK + timedelta(hours=i + 1)) for i in range(arrived)]
    push(team, EMPLOYEE, *seen, *later)
    for decision in ("approve", "reject"):
        result = push_one(team, MANAGER, approval(decision=decision, seen=event_ids(*seen)))
        assert (result.status, result.reason) == ("rejected", words)


def test_a_changed_set_of_the_same_size_is_a_conflict_in_words(team: TenantRegistry) -> None:
    pushed = [punch(), punch(at=IN_WEEK + timedelta(hours=1))]
    push(team, EMPLOYEE, *pushed)
    other_set = approval(seen=[pushed[0].payload.id, "an-event-the-server-never-had"])
    assert push_one(team, MANAGER, other_set).reason == ENTRIES_CHANGED
    assert ENTRIES_CHANGED.startswith("conflict: ")


def test_a_client_that_saw_more_than_the_server_has_is_a_conflict_too(team: TenantRegistry) -> None:
    pushed = punch()
    push(team, EMPLOYEE, pushed)
    result = push_one(team, MANAGER, approval(seen=[pushed.payload.id, "phantom"]))
    assert result.reason == ENTRIES_CHANGED


def test_an_empty_week_is_approved_with_the_digest_of_nothing(team: TenantRegistry) -> None:
    assert push_one(team, MANAGER, approval(seen=[])).status == "accepted"


def test_the_server_counts_the_week_in_the_tenants_zone(team: TenantRegistry) -> None:
    """00:30 on Monday 30 November in Oslo is still Sunday (week 48) in UTC: it counts in week 49."""
    monday_night = punch(at=datetime(2026, 11, 30, 0, 30, tzinfo=OSLO))
    push(team, EMPLOYEE, monday_night)
    assert push_one(team, MANAGER, approval(week=WEEK, seen=[])).status == "accepted"
    assert push_one(team, MANAGER, approval(week=NEXT_WEEK, seen=[])).reason is not None
    assert push_one(team, MANAGER, approval(week=NEXT_WEEK, seen=event_ids(monday_night))).status == (
        "accepted"
    )


def test_an_approved_week_refuses_punches_and_the_next_week_takes_them(team: TenantRegistry) -> None:
    assert push_one(team, MANAGER, approval(seen=[])).status == "accepted"
    late = push_one(team, EMPLOYEE, punch(at=IN_WEEK))
    assert (late.status, late.reason) == ("rejected", LOCKED)
    assert push_one(team, EMPLOYEE, punch(at=IN_NEXT_WEEK)).status == "accepted"
    assert push_one(team, COLLEAGUE, punch("1002", at=IN_WEEK)).status == "accepted"  # not their week


def test_a_device_credential_cannot_punch_into_a_locked_week_either(team: TenantRegistry) -> None:
    push_one(team, MANAGER, approval(seen=[]))
    assert push_one(team, KIOSK, punch(at=IN_WEEK)).reason == LOCKED


def test_lock_reopen_and_lock_again(team: TenantRegistry) -> None:
    assert push_one(team, MANAGER, approval(seen=[])).status == "accepted"
    assert push_one(team, EMPLOYEE, punch()).reason == LOCKED
    assert push_one(team, MANAGER, reopen()).status == "accepted"
    forgotten = punch()
    assert push_one(team, EMPLOYEE, forgotten).status == "accepted"
    assert push_one(team, MANAGER, approval(seen=event_ids(forgotten))).status == "accepted"
    assert push_one(team, EMPLOYEE, punch()).reason == LOCKED


def test_an_approved_week_is_not_approved_again(team: TenantRegistry) -> None:
    push_one(team, MANAGER, approval(seen=[]))
    for decision in ("approve", "reject"):
        result = push_one(team, ADMIN, approval(decision=decision, seen=[]))
        assert (result.status, result.reason) == ("rejected", ALREADY_APPROVED)


def test_a_reject_does_not_lock_the_week(team: TenantRegistry) -> None:
    assert push_one(team, MANAGER, approval(decision="reject", seen=[], comment="missing Friday")).status == (
        "accepted"
    )
    assert push_one(team, EMPLOYEE, punch()).status == "accepted"


def test_a_reopen_needs_no_digest_and_may_come_for_an_open_week(team: TenantRegistry) -> None:
    push(team, EMPLOYEE, punch())
    assert push_one(team, MANAGER, reopen()).status == "accepted"


def test_a_reject_after_a_reopen_leaves_the_week_open(team: TenantRegistry) -> None:
    push_one(team, MANAGER, approval(seen=[]))
    push_one(team, MANAGER, reopen())
    push_one(team, MANAGER, approval(decision="reject", seen=[]))
    assert push_one(team, EMPLOYEE, punch()).status == "accepted"


def test_a_lock_takes_effect_within_its_own_batch(team: TenantRegistry) -> None:
    batch: list[AnyMutation] = [approval(seen=[]), correction(), reopen(), correction(), approval(seen=[])]
    results = push(team, MANAGER, *batch)
    assert statuses(results) == ["accepted", "rejected", "accepted", "accepted", "rejected"]
    assert results[1].reason == LOCKED
    assert results[4].reason == "conflict: 1 entry arrived after you decided; the week is back for review"


def test_a_second_approve_in_one_batch_finds_the_week_approved(team: TenantRegistry) -> None:
    results = push(team, MANAGER, approval(seen=[]), approval(seen=[]))
    assert statuses(results) == ["accepted", "rejected"]
    assert results[1].reason == ALREADY_APPROVED


def test_an_approval_sees_the_events_earlier_in_its_batch(team: TenantRegistry) -> None:
    asked = correction()
    assert statuses(push(team, MANAGER, asked, approval(seen=event_ids(asked)))) == ["accepted", "accepted"]


def test_a_replayed_decision_is_a_duplicate_and_a_reused_id_is_refused(team: TenantRegistry) -> None:
    decision = approval(seen=[])
    first = push_one(team, MANAGER, decision)
    again = push_one(team, MANAGER, decision)
    assert (again.status, again.seq) == ("duplicate", first.seq)
    altered = decision.model_copy(update={"payload": decision.payload.model_copy(update={"comment": "x"})})
    assert push_one(team, MANAGER, altered).reason == "this mutation id was already used for other content"
    second_mutation = approval(seen=[]).model_copy(update={"payload": decision.payload})
    assert push_one(team, ADMIN, second_mutation).status == "rejected"


def test_a_refused_decision_does_not_block_the_rest_and_the_chain_holds(team: TenantRegistry) -> None:
    batch = [approval("2001"), approval("1001", seen=[]), approval("1002", seen=[])]
    assert statuses(push(team, MANAGER, *batch)) == ["rejected", "accepted", "accepted"]
    with team.engine(TENANT).connect() as conn:
        assert first_broken(conn) is None


@pytest.mark.parametrize("comment", HOSTILE)
def test_a_hostile_comment_is_stored_verbatim(team: TenantRegistry, comment: str) -> None:
    decision = approval(decision="reject", seen=[], comment=comment)
    assert push_one(team, MANAGER, decision).status == "accepted"
    recorded = ledger_event(team, decision.payload.id)
    assert recorded is not None
    assert recorded["payload"]["comment"] == comment
    assert _tables(team) >= {"ledger", "employees", "mutations"}


def _tables(team: TenantRegistry) -> set[str]:
    with team.engine(TENANT).connect() as conn:
        return set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars())


def test_a_comment_of_2001_characters_is_refused_by_validation() -> None:
    with pytest.raises(ValidationError):
        approval(comment="x" * 2001)


def test_a_comment_of_2001_characters_is_a_422_at_the_api(staff: Server) -> None:
    manager = staff.signed_in("1000")
    body = approval(seen=[], comment="x" * 2000).model_dump(mode="json")
    body["payload"]["comment"] = "x" * 2001
    answer = manager.call("POST", "/sync/push", json={"mutations": [body]})
    assert answer.status_code == 422
    body["payload"]["comment"] = "x" * 2000
    answer = manager.call("POST", "/sync/push", json={"mutations": [body]})
    assert answer.status_code == 200
    assert answer.json()["results"][0]["status"] == "accepted"


def test_a_batch_of_punches_reads_its_week_locks_in_one_query(team: TenantRegistry) -> None:
    """However many punches and employees: the same number of statements (here with locks on record)."""
    push_one(team, MANAGER, approval("1001", seen=[]))
    push_one(team, MANAGER, approval("1002", seen=[]))

    def statements(batch_size: int) -> int:
        seen: list[str] = []

        def count(*args: object) -> None:
            seen.append(str(args[2]))

        engine = team.engine(TENANT)
        event.listen(engine, "before_cursor_execute", count)
        try:
            batch = [
                punch(("1001", "1002")[i % 2], at=IN_NEXT_WEEK + timedelta(minutes=i))
                for i in range(batch_size)
            ]
            assert set(statuses(push(team, KIOSK, *batch))) == {"accepted"}
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    assert statements(2) == statements(60)


def test_a_tenant_file_made_before_the_approvals_index_gets_it_on_open(team: TenantRegistry) -> None:
    path = team.path(TENANT)
    with team.engine(TENANT).connect() as conn:
        conn.exec_driver_sql("DROP INDEX ix_ledger_approvals")
        conn.commit()
    team.dispose()
    reopened = TenantRegistry(path.parent)
    with reopened.engine(TENANT).connect() as conn:
        names = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars())
        count = conn.execute(select(func.count()).select_from(ledger)).scalar_one()
    reopened.dispose()
    assert "ix_ledger_approvals" in names
    assert count > 0


def test_weeks_are_counted_in_the_zone_the_tenant_chose(tmp_path: Path) -> None:
    """Noon on Sunday 29 November in UTC (week 48) is already Monday in Kiritimati (UTC+14): week 49."""
    registry = TenantRegistry(tmp_path / "tenants")
    registry.create(TENANT, timezone="Pacific/Kiritimati")
    admin.add_user(registry, TENANT, "1000", "manager", "passord-1000")
    admin.add_user(registry, TENANT, "1001", "employee", "passord-1001", manager="1000")
    sunday_noon_utc = punch(at=datetime(2026, 11, 29, 12, 0, tzinfo=UTC))
    assert push_one(registry, EMPLOYEE, sunday_noon_utc).status == "accepted"
    assert push_one(registry, MANAGER, approval(week=WEEK, seen=[])).status == "accepted"
    assert push_one(registry, MANAGER, approval(week=NEXT_WEEK, seen=event_ids(sunday_noon_utc))).status == (
        "accepted"
    )
    registry.dispose()
