"""server.punches.push on a real tenant database, without HTTP: the batch rules."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from server import admin, punches
from server.deps import Caller
from server.ledger import first_broken
from server.schema import ledger
from server.tenants import TenantRegistry
from sync.protocol import PunchMutation


@pytest.fixture
def registry(tmp_path: Path) -> TenantRegistry:
    registry = TenantRegistry(tmp_path / "tenants")
    registry.create("acme")
    admin.add_user(registry, "acme", "1001", "employee", "passord-1001")
    return registry


def mutation(employee: str = "1001", punch_id: str | None = None, note: str = "") -> PunchMutation:
    at = datetime.now(UTC).isoformat()
    return PunchMutation.model_validate(
        {
            "id": str(uuid.uuid4()),
            "type": "punch",
            "payload": {
                "id": punch_id or str(uuid.uuid4()),
                "employee": employee,
                "kind": "in",
                "at": at,
                "zone": "Europe/Oslo",
                "device_clock": at,
                "note": note,
            },
        }
    )


CALLER = Caller(
    tenant="acme", kind="employee", device_id="d1", device_kind="desktop", employee="1001", role="employee"
)


def punch_rows(registry: TenantRegistry) -> int:
    with registry.engine("acme").connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(ledger).where(ledger.c.type == "punch")
            ).scalar_one()
        )


def test_the_same_mutation_twice_in_one_batch_is_applied_once(registry: TenantRegistry) -> None:
    one = mutation()
    results = punches.push(registry.engine("acme"), CALLER, [one, one])
    assert [r.status for r in results] == ["accepted", "duplicate"]
    assert results[0].seq == results[1].seq
    assert punch_rows(registry) == 1


def test_one_punch_under_two_mutation_ids_is_recorded_once(registry: TenantRegistry) -> None:
    punch_id = str(uuid.uuid4())
    results = punches.push(
        registry.engine("acme"), CALLER, [mutation(punch_id=punch_id), mutation(punch_id=punch_id)]
    )
    assert [r.status for r in results] == ["accepted", "rejected"]
    assert punch_rows(registry) == 1


def test_refusals_answer_alone_and_the_chain_stays_whole(registry: TenantRegistry) -> None:
    batch = [mutation(), mutation(employee="9999"), mutation(employee="1002"), mutation()]
    results = punches.push(registry.engine("acme"), CALLER, batch)
    assert [r.status for r in results] == ["accepted", "rejected", "rejected", "accepted"]
    assert results[3].seq == results[0].seq + 1  # type: ignore[operator]
    with registry.engine("acme").connect() as conn:
        assert first_broken(conn) is None


def test_a_rejected_mutation_stays_rejected_when_sent_again(registry: TenantRegistry) -> None:
    stranger = mutation(employee="9999")
    first = punches.push(registry.engine("acme"), CALLER, [stranger])[0]
    again = punches.push(registry.engine("acme"), CALLER, [stranger])[0]
    assert (first.status, again.status) == ("rejected", "rejected")
    assert again.reason == first.reason
