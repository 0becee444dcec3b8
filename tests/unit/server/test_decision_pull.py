"""Who pulls approvals and corrections: the same role filter as punches, keyed by employee."""

from __future__ import annotations

import pytest

from server import punches
from server.deps import Caller
from server.tenants import TenantRegistry
from sync.protocol import AnyMutation
from tests.unit.server.decision_parts import (
    ADMIN,
    COLLEAGUE,
    DESKTOP,
    EMPLOYEE,
    KIOSK,
    MANAGER,
    OTHER_MANAGER,
    TENANT,
    approval,
    correction,
    decide,
    push,
    statuses,
)
from tests.unit.server.decision_parts import _caller as caller_of


@pytest.fixture
def decided(team: TenantRegistry) -> dict[str, str]:
    """A request and an approved week for 1001 and for 2001 (the other team): their event ids."""
    mine, theirs = correction("1001"), correction("2001")
    yes = decide(mine)
    batch_a: list[AnyMutation] = [
        mine,
        yes,
        week_a := approval("1001", seen=[mine.payload.id, yes.payload.id]),
    ]
    batch_b: list[AnyMutation] = [theirs, week_b := approval("2001", seen=[theirs.payload.id])]
    assert statuses(push(team, MANAGER, *batch_a)) == ["accepted"] * 3
    assert statuses(push(team, OTHER_MANAGER, *batch_b)) == ["accepted"] * 2
    return {
        "1001 request": mine.payload.id,
        "1001 approval": week_a.payload.id,
        "2001 request": theirs.payload.id,
        "2001 approval": week_b.payload.id,
    }


def pulled(team: TenantRegistry, caller: Caller) -> list[tuple[str, str | None, str]]:
    events, _, _, _ = punches.pull(team.engine(TENANT), caller, 0, 1000, False)
    return [(e.type, e.employee, e.id) for e in events if e.type in ("approval", "correction")]


def test_a_manager_pulls_their_teams_decisions_and_not_the_other_teams(
    team: TenantRegistry, decided: dict[str, str]
) -> None:
    seen = {event_id for _, _, event_id in pulled(team, MANAGER)}
    assert {decided["1001 request"], decided["1001 approval"]} <= seen
    assert not {decided["2001 request"], decided["2001 approval"]} & seen
    assert {employee for _, employee, _ in pulled(team, OTHER_MANAGER)} == {"2001"}


def test_an_employee_pulls_their_own_decisions_only(team: TenantRegistry, decided: dict[str, str]) -> None:
    events = pulled(team, EMPLOYEE)
    assert {employee for _, employee, _ in events} == {"1001"}
    assert [t for t, _, _ in events] == ["correction", "correction", "approval"]
    assert pulled(team, COLLEAGUE) == []
    assert pulled(team, caller_of("2001", "employee")) != []


def test_an_admin_pulls_every_decision(team: TenantRegistry, decided: dict[str, str]) -> None:
    assert {event_id for _, _, event_id in pulled(team, ADMIN)} >= set(decided.values())


@pytest.mark.parametrize("device", [KIOSK, DESKTOP])
def test_a_device_credential_pulls_no_decision(
    team: TenantRegistry, decided: dict[str, str], device: Caller
) -> None:
    events, _, _, _ = punches.pull(team.engine(TENANT), device, 0, 1000, False)
    assert {e.type for e in events} <= {"employee"}


def test_a_counted_pull_says_how_many_this_caller_may_read_in_all(
    team: TenantRegistry, decided: dict[str, str]
) -> None:
    engine = team.engine(TENANT)
    everything, _, _, counted = punches.pull(engine, MANAGER, 0, 1000, False, count=True)
    assert counted == len(everything) > 2
    first, cursor, more, remaining = punches.pull(engine, MANAGER, 0, 2, False, count=True)
    assert (len(first), more, remaining) == (2, True, len(everything))
    _, _, _, rest = punches.pull(engine, MANAGER, cursor, 2, False, count=True)
    assert rest == len(everything) - 2
    assert punches.pull(engine, MANAGER, 0, 2, False)[3] is None
    assert punches.pull(engine, DESKTOP, 0, 2, False, count=True)[3] == 0
