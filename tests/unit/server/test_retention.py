"""Bookkeeping retention: which events are due, what stays, and a chain that still verifies."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select, update

from server import admin, ledger
from server.cli import main as server_main
from server.retention import (
    RetentionError,
    add_months,
    apply_retention,
    latest_expired_year_end,
    parse_year_end,
    retention_months,
    year_end_of,
)
from server.schema import ledger as ledger_table
from server.schema import ledger_anchors, mutations
from server.tenants import TenantRegistry, write_transaction

OSLO = ZoneInfo("Europe/Oslo")
TENANT = "acme"


@pytest.fixture
def registry(tmp_path: Path) -> TenantRegistry:
    registry = TenantRegistry(tmp_path / "tenants")
    registry.create(TENANT)
    return registry


def punch_at(registry: TenantRegistry, number: str, recorded: datetime) -> int:
    """A punch event recorded at `recorded`, with its mutations row, as a push writes them."""
    mutation = str(uuid.uuid4())
    with write_transaction(registry.engine(TENANT)) as conn:
        seq = ledger.append(
            conn,
            id=str(uuid.uuid4()),
            type="punch",
            employee=number,
            device_id=None,
            payload={"kind": "in", "at": recorded.isoformat(), "note": "", "mutation": mutation},
            recorded_at=recorded.astimezone(UTC).isoformat(),
        )
        conn.execute(insert(mutations).values(id=mutation, digest="0" * 64, status="accepted", seq=seq))
    return seq


def backdate(registry: TenantRegistry, when: datetime) -> None:
    """Every event recorded so far was recorded at `when` (admin commands stamp the real clock)."""
    with write_transaction(registry.engine(TENANT)) as conn:
        rows = conn.execute(select(ledger_table).order_by(ledger_table.c.seq)).mappings().all()
        link = (0, ledger.GENESIS)
        for row in rows:
            fields = {k: row[k] for k in ("id", "type", "employee", "device_id", "recorded_at")}
            new = ledger.chained_row(
                link,
                **{**fields, "recorded_at": when.astimezone(UTC).isoformat()},
                payload=json.loads(row["payload"]),
            )
            conn.execute(update(ledger_table).where(ledger_table.c.seq == row["seq"]).values(**new))
            link = (new["seq"], new["hash"])


def seqs(registry: TenantRegistry) -> list[int]:
    with registry.engine(TENANT).connect() as conn:
        return list(conn.execute(select(ledger_table.c.seq).order_by(ledger_table.c.seq)).scalars())


def broken(registry: TenantRegistry) -> int | None:
    with registry.engine(TENANT).connect() as conn:
        return ledger.first_broken(conn)


# --- the calendar ---------------------------------------------------------------------


def test_an_event_belongs_to_the_financial_year_its_date_falls_in() -> None:
    assert year_end_of(date(2020, 12, 31), 12, 31) == date(2020, 12, 31)
    assert year_end_of(date(2021, 1, 1), 12, 31) == date(2021, 12, 31)
    assert year_end_of(date(2020, 7, 1), 6, 30) == date(2021, 6, 30)
    assert year_end_of(date(2024, 2, 29), 2, 28) == date(2024, 2, 29)  # the last of February


def test_months_are_added_by_the_calendar() -> None:
    assert add_months(date(2020, 12, 31), 60) == date(2025, 12, 31)
    assert add_months(date(2020, 12, 31), 42) == date(2024, 6, 30)
    assert add_months(date(2020, 9, 30), 42) == date(2024, 3, 31)
    assert add_months(date(2020, 3, 15), 42) == date(2023, 9, 15)


def test_the_year_is_due_only_when_the_whole_period_is_over() -> None:
    just_before = datetime(2025, 12, 31, 23, 59, tzinfo=OSLO)
    at_midnight = datetime(2026, 1, 1, 0, 0, tzinfo=OSLO)
    assert latest_expired_year_end(just_before, OSLO, 12, 31, 60) == date(2019, 12, 31)
    assert latest_expired_year_end(at_midnight, OSLO, 12, 31, 60) == date(2020, 12, 31)
    assert latest_expired_year_end(datetime(2024, 7, 1, tzinfo=OSLO), OSLO, 12, 31, 42) == date(2020, 12, 31)


@pytest.mark.parametrize("text", ["4", "10", "", "five", "3,5"])
def test_only_the_two_periods_of_the_law_are_accepted(text: str) -> None:
    with pytest.raises(RetentionError):
        retention_months(text)


@pytest.mark.parametrize("text", ["02-29", "13-01", "12/31", "1231", "12-32", ""])
def test_a_year_end_is_a_real_date(text: str) -> None:
    with pytest.raises(RetentionError):
        parse_year_end(text)


# --- deleting -------------------------------------------------------------------------


def test_due_events_go_and_the_chain_still_verifies(registry: TenantRegistry) -> None:
    admin.add_user(registry, TENANT, "1001", "employee", "pw", first_name="Kari", last_name="Nordmann")
    backdate(registry, datetime(2019, 3, 1, tzinfo=OSLO))
    old = [punch_at(registry, "1001", datetime(2019, 3, d, 8, tzinfo=OSLO)) for d in (4, 5)]
    boundary = punch_at(registry, "1001", datetime(2020, 12, 31, 23, 30, tzinfo=OSLO))  # FY 2020, local date
    fresh = punch_at(registry, "1001", datetime(2021, 1, 1, 0, 30, tzinfo=OSLO))  # FY 2021

    done = apply_retention(registry, TENANT, datetime(2026, 1, 1, 0, 0, tzinfo=OSLO))

    assert done.deleted == 3
    assert done.kept_directory == 1
    assert seqs(registry) == [1, fresh]  # the directory entry of an employee who still exists stays
    assert broken(registry) is None
    with registry.engine(TENANT).connect() as conn:
        left = set(conn.execute(select(mutations.c.seq)).scalars())
        anchors = conn.execute(select(ledger_anchors)).mappings().all()
    assert left == {fresh}
    assert [(a["first_seq"], a["last_seq"]) for a in anchors] == [(old[0], boundary)]


def test_the_three_and_a_half_year_period_and_a_june_year_end(registry: TenantRegistry) -> None:
    registry.set_settings(TENANT, bookkeeping_retention_years="3.5", financial_year_end="06-30")
    due = punch_at(registry, "1001", datetime(2020, 6, 30, 12, tzinfo=OSLO))  # FY ending 2020-06-30
    kept = punch_at(registry, "1001", datetime(2020, 7, 1, 12, tzinfo=OSLO))  # FY ending 2021-06-30
    done = apply_retention(registry, TENANT, datetime(2024, 1, 1, tzinfo=OSLO))
    assert done.deleted == 1
    assert seqs(registry) == [kept]
    assert due not in seqs(registry)
    assert broken(registry) is None


def test_appending_after_a_deleted_tail_chains_onto_the_anchor(registry: TenantRegistry) -> None:
    punch_at(registry, "1001", datetime(2010, 1, 5, tzinfo=OSLO))
    punch_at(registry, "1001", datetime(2010, 1, 6, tzinfo=OSLO))
    assert apply_retention(registry, TENANT, datetime(2026, 1, 1, tzinfo=OSLO)).deleted == 2
    assert seqs(registry) == []
    assert punch_at(registry, "1001", datetime(2026, 1, 2, tzinfo=OSLO)) == 3  # sequence numbers go on
    assert broken(registry) is None


def test_later_runs_join_their_gaps(registry: TenantRegistry) -> None:
    admin.add_user(registry, TENANT, "1001", "employee", "pw")
    backdate(registry, datetime(2010, 1, 1, tzinfo=OSLO))
    punch_at(registry, "1001", datetime(2010, 2, 1, tzinfo=OSLO))
    apply_retention(registry, TENANT, datetime(2026, 1, 1, tzinfo=OSLO))
    assert seqs(registry) == [1]
    admin.set_pin(registry, TENANT, "1001", "4321")  # a newer directory entry: the old one may go
    assert apply_retention(registry, TENANT, datetime(2026, 1, 1, tzinfo=OSLO)).deleted == 1
    with registry.engine(TENANT).connect() as conn:
        anchors = conn.execute(select(ledger_anchors.c.first_seq, ledger_anchors.c.last_seq)).all()
    assert [tuple(a) for a in anchors] == [(1, 2)]
    assert seqs(registry) == [3]
    assert broken(registry) is None


def test_a_row_deleted_outside_retention_is_still_found(registry: TenantRegistry) -> None:
    for day in (1, 2, 3):
        punch_at(registry, "1001", datetime(2010, 1, day, tzinfo=OSLO))
    for day in (1, 2, 3):
        punch_at(registry, "1001", datetime(2025, 1, day, tzinfo=OSLO))
    apply_retention(registry, TENANT, datetime(2026, 1, 1, tzinfo=OSLO))
    with write_transaction(registry.engine(TENANT)) as conn:
        conn.execute(ledger_table.delete().where(ledger_table.c.seq == 5))
    assert broken(registry) == 5


def test_a_broken_ledger_is_not_touched(registry: TenantRegistry) -> None:
    for day in (1, 2):
        punch_at(registry, "1001", datetime(2010, 1, day, tzinfo=OSLO))
    with write_transaction(registry.engine(TENANT)) as conn:
        conn.execute(update(ledger_table).where(ledger_table.c.seq == 2).values(payload='{"edited": 1}'))
    with pytest.raises(RetentionError, match="broken at sequence number 2"):
        apply_retention(registry, TENANT, datetime(2026, 1, 1, tzinfo=OSLO))
    assert seqs(registry) == [1, 2]


# --- the commands ---------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = server_main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_commands_set_and_apply_retention(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert run(capsys, "init", "--data", data)[0] == 0
    code, _, err = run(capsys, "tenant", "create", "acme", "--data", data, "--retention-years", "3.5")
    assert code == 0, err
    registry = TenantRegistry(tmp_path / "data" / "tenants")
    assert registry.settings("acme")["bookkeeping_retention_years"] == "3.5"
    assert registry.settings("acme")["financial_year_end"] == "12-31"
    code, out, _ = run(
        capsys, "tenant", "set", "--tenant", "acme", "--data", data, "--financial-year-end", "6-30"
    )
    assert code == 0
    assert "06-30" in out
    code, _, err = run(capsys, "tenant", "set", "--tenant", "acme", "--data", data, "--retention-years", "7")
    assert code == 1
    assert "5 or 3.5" in err
    registry.dispose()
    for day in (1, 2):
        punch_at(registry, "1001", datetime(2015, 1, day, tzinfo=OSLO))
    registry.dispose()
    code, out, err = run(
        capsys, "retention", "apply", "--data", data, "--tenant", "acme", "--now", "2030-01-01T00:00:00+01:00"
    )
    assert code == 0, err
    assert out.startswith("deleted 2 ledger events")
    assert run(capsys, "verify", "--data", data, "--tenant", "acme")[0] == 0
    code, _, err = run(
        capsys, "retention", "apply", "--data", data, "--tenant", "acme", "--now", "2030-01-01"
    )
    assert code == 1
    assert "zone" in err
