"""Corrections pushed in-process: who may ask, who may decide, what a request must name,
and the week lock that holds them off as it does punches."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from server.decisions import (
    ALREADY_DECIDED,
    NEEDS_KIND,
    NEEDS_REASON,
    NO_SUCH_PUNCH,
    NO_SUCH_REQUEST,
    NOT_THE_REQUESTS_TIME,
    NOT_YOUR_EMPLOYEE,
    SIGN_IN_TO_CORRECT,
)
from server.tenants import TenantRegistry
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
    OTHER_MANAGER,
    approval,
    correction,
    decide,
    ledger_event,
    punch,
    push,
    push_one,
    reopen,
    statuses,
)

LOCKED = "locked: week 2026-W48 is approved; ask your manager to reopen it"


@pytest.fixture
def clocked_in(team: TenantRegistry) -> str:
    """The id of 1001's punch on Tuesday of week 48."""
    made = punch()
    assert push_one(team, EMPLOYEE, made).status == "accepted"
    return made.payload.id


def test_an_employee_asks_to_correct_their_punch_and_the_punch_stays(
    team: TenantRegistry, clocked_in: str
) -> None:
    before = ledger_event(team, clocked_in)
    asked = correction(target=clocked_in, at=IN_WEEK - timedelta(minutes=20))
    result = push_one(team, EMPLOYEE, asked)
    assert result.status == "accepted"
    recorded = ledger_event(team, asked.payload.id)
    assert recorded is not None
    assert (recorded["type"], recorded["employee"], recorded["seq"]) == ("correction", "1001", result.seq)
    assert recorded["payload"] == {**asked.payload.model_dump(mode="json"), "by": "1001"}
    assert ledger_event(team, clocked_in) == before


def test_an_employee_asks_for_a_missing_punch(team: TenantRegistry) -> None:
    assert push_one(team, EMPLOYEE, correction(kind="out")).status == "accepted"


@pytest.mark.parametrize("caller", [MANAGER, ADMIN])
def test_a_manager_or_an_admin_asks_on_the_employees_behalf(team: TenantRegistry, caller: object) -> None:
    asked = correction()
    assert push_one(team, caller, asked).status == "accepted"  # type: ignore[arg-type]
    recorded = ledger_event(team, asked.payload.id)
    assert recorded is not None
    assert recorded["payload"]["by"] == caller.employee  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("caller", "employee"), [(COLLEAGUE, "1001"), (OTHER_MANAGER, "1001"), (MANAGER, "4242")]
)
def test_nobody_else_asks(team: TenantRegistry, caller: object, employee: str) -> None:
    result = push_one(team, caller, correction(employee))  # type: ignore[arg-type]
    assert (result.status, result.reason) == ("rejected", NOT_YOUR_EMPLOYEE)


@pytest.mark.parametrize("device", [KIOSK, DESKTOP])
def test_a_device_credential_sends_no_correction(team: TenantRegistry, device: object) -> None:
    assert push_one(team, device, correction()).reason == SIGN_IN_TO_CORRECT  # type: ignore[arg-type]


@pytest.mark.parametrize("reason", ["", "   ", "\n\t "])
def test_a_request_needs_a_reason(team: TenantRegistry, reason: str) -> None:
    result = push_one(team, EMPLOYEE, correction(reason=reason))
    assert (result.status, result.reason) == ("rejected", NEEDS_REASON)


def test_a_request_needs_a_kind(team: TenantRegistry) -> None:
    assert push_one(team, EMPLOYEE, correction(kind=None)).reason == NEEDS_KIND


def test_a_request_targets_a_punch_of_the_same_employee(team: TenantRegistry) -> None:
    colleagues = punch("1002")
    push_one(team, COLLEAGUE, colleagues)
    earlier_request = correction()
    push_one(team, EMPLOYEE, earlier_request)
    for target in (
        colleagues.payload.id,
        earlier_request.payload.id,
        "0" * 8 + "-0000-4000-8000-" + "0" * 12,
    ):
        result = push_one(team, EMPLOYEE, correction(target=target))
        assert (result.status, result.reason) == ("rejected", NO_SUCH_PUNCH)


@pytest.mark.parametrize("caller", [MANAGER, ADMIN])
def test_a_manager_approves_a_request_and_both_stay_in_the_ledger(
    team: TenantRegistry, clocked_in: str, caller: object
) -> None:
    asked = correction(target=clocked_in)
    push_one(team, EMPLOYEE, asked)
    decision = decide(asked, "approve", reason="ok")
    assert push_one(team, caller, decision).status == "accepted"  # type: ignore[arg-type]
    assert ledger_event(team, asked.payload.id) is not None
    recorded = ledger_event(team, decision.payload.id)
    assert recorded is not None
    assert recorded["payload"]["request"] == asked.payload.id
    assert recorded["payload"]["by"] == caller.employee  # type: ignore[attr-defined]
    assert ledger_event(team, clocked_in) is not None


@pytest.mark.parametrize("caller", [EMPLOYEE, COLLEAGUE, OTHER_MANAGER])
def test_only_the_manager_or_an_admin_decides(team: TenantRegistry, caller: object) -> None:
    asked = correction()
    push_one(team, EMPLOYEE, asked)
    for action in ("approve", "reject"):
        result = push_one(team, caller, decide(asked, action))  # type: ignore[arg-type]
        assert (result.status, result.reason) == ("rejected", NOT_YOUR_EMPLOYEE)


def test_a_manager_does_not_decide_their_own_request(team: TenantRegistry) -> None:
    asked = correction("1000")
    assert push_one(team, MANAGER, asked).status == "accepted"
    assert push_one(team, MANAGER, decide(asked)).reason == NOT_YOUR_EMPLOYEE
    assert push_one(team, ADMIN, decide(asked)).status == "accepted"


def test_a_request_is_decided_once(team: TenantRegistry) -> None:
    asked = correction()
    push_one(team, EMPLOYEE, asked)
    assert push_one(team, MANAGER, decide(asked, "reject", reason="you were not there")).status == "accepted"
    for action in ("approve", "reject"):
        result = push_one(team, ADMIN, decide(asked, action))
        assert (result.status, result.reason) == ("rejected", ALREADY_DECIDED)


def test_a_decision_names_an_existing_request_of_that_employee(team: TenantRegistry, clocked_in: str) -> None:
    colleagues = correction("1002")
    push_one(team, COLLEAGUE, colleagues)
    asked = correction()
    push_one(team, EMPLOYEE, asked)
    approved = decide(asked)
    push_one(team, MANAGER, approved)
    not_requests = [
        correction(action="approve", request=None, kind=None),
        correction(action="approve", request="0" * 8 + "-0000-4000-8000-" + "0" * 12, kind=None),
        correction(action="approve", request=clocked_in, kind=None),  # a punch
        correction(action="approve", request=approved.payload.id, kind=None),  # a decision
        correction("1001", "approve", at=colleagues.payload.at, request=colleagues.payload.id, kind=None),
    ]
    for decision in not_requests:
        result = push_one(team, MANAGER, decision)
        assert (result.status, result.reason) == ("rejected", NO_SUCH_REQUEST)


def test_a_decision_repeats_the_requests_time(team: TenantRegistry) -> None:
    asked = correction(at=IN_WEEK)
    push_one(team, EMPLOYEE, asked)
    moved = correction(action="approve", at=IN_NEXT_WEEK, request=asked.payload.id, kind=None)
    assert push_one(team, MANAGER, moved).reason == NOT_THE_REQUESTS_TIME
    same_instant = correction(
        action="approve", at=IN_WEEK.astimezone(IN_NEXT_WEEK.tzinfo), request=asked.payload.id, kind=None
    )
    assert push_one(team, MANAGER, same_instant).status == "accepted"


def test_a_request_and_its_decision_in_one_batch(team: TenantRegistry) -> None:
    asked = correction()
    assert statuses(push(team, MANAGER, asked, decide(asked), decide(asked, "reject"))) == [
        "accepted",
        "accepted",
        "rejected",
    ]


def test_corrections_are_refused_in_a_locked_week_and_taken_in_the_next(
    team: TenantRegistry, clocked_in: str
) -> None:
    pending = correction()
    push_one(team, EMPLOYEE, pending)
    week = [clocked_in, pending.payload.id]
    assert push_one(team, MANAGER, approval(seen=week)).status == "accepted"
    refused = [
        (EMPLOYEE, correction()),
        (EMPLOYEE, correction(target=clocked_in, at=IN_NEXT_WEEK)),  # moves a punch out of the week
        (MANAGER, decide(pending)),
        (MANAGER, decide(pending, "reject")),
    ]
    for caller, mutation in refused:
        result = push_one(team, caller, mutation)
        assert (result.status, result.reason) == ("rejected", LOCKED)
    assert push_one(team, EMPLOYEE, correction(at=IN_NEXT_WEEK)).status == "accepted"
    assert push_one(team, MANAGER, reopen()).status == "accepted"
    assert push_one(team, MANAGER, decide(pending)).status == "accepted"


@pytest.mark.parametrize("reason", HOSTILE)
def test_a_hostile_reason_is_stored_verbatim(team: TenantRegistry, reason: str) -> None:
    asked = correction(reason=reason)
    assert push_one(team, EMPLOYEE, asked).status == "accepted"
    decision = decide(asked, "reject", reason=reason)
    assert push_one(team, MANAGER, decision).status == "accepted"
    for event_id in (asked.payload.id, decision.payload.id):
        recorded = ledger_event(team, event_id)
        assert recorded is not None
        assert recorded["payload"]["reason"] == reason


def test_a_reason_of_2001_characters_is_refused_by_validation() -> None:
    with pytest.raises(ValidationError):
        correction(reason="x" * 2001)


def test_a_replayed_request_is_a_duplicate(team: TenantRegistry) -> None:
    asked = correction()
    first = push_one(team, EMPLOYEE, asked)
    again = push_one(team, EMPLOYEE, asked)
    assert (again.status, again.seq) == ("duplicate", first.seq)
