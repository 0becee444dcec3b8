"""The demo tenant's seed: fictitious staff under one manager, weeks of history, an intact ledger."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.demo import demo_password as client_password
from app.demo import demo_pin as client_pin
from app.demo import fictitious_staff
from server import admin
from server.demo import DemoSummary, demo_badge, demo_password, demo_pin, norwegian_holidays, seed_demo
from server.deps import Caller
from server.ledger import first_broken
from server.passwords import verify_secret
from server.punches import push
from server.schema import employees, ledger, mutations
from server.tenants import TenantRegistry
from sync.protocol import PunchMutation, badge_digest

OSLO = ZoneInfo("Europe/Oslo")
UNTIL = date(2026, 3, 30)  # a Monday: history is 2 March to 27 March (Easter is in April)
NOW = datetime(2026, 3, 30, 5, 0, tzinfo=UTC)


def seeded(folder: Path, seed: int = 48) -> tuple[TenantRegistry, DemoSummary]:
    registry = TenantRegistry(folder)
    registry.create("demo")
    return registry, seed_demo(registry, "demo", seed=seed, until=UNTIL, now=NOW)


def punches(registry: TenantRegistry) -> list[dict[str, Any]]:
    with registry.engine("demo").connect() as conn:
        rows = conn.execute(select(ledger).where(ledger.c.type == "punch").order_by(ledger.c.seq)).mappings()
        return [{**row, "payload": json.loads(row["payload"])} for row in rows]


def local(row: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(row["payload"]["at"]).astimezone(OSLO)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TenantRegistry, DemoSummary]]:
    registry, summary = seeded(tmp_path_factory.mktemp("demo"))
    yield registry, summary
    registry.dispose()


def test_twenty_five_employees_report_to_one_manager(demo: tuple[TenantRegistry, DemoSummary]) -> None:
    registry, summary = demo
    with registry.engine("demo").connect() as conn:
        staff = {row.number: row for row in conn.execute(select(employees))}
    assert len(staff) == 27
    assert staff["9000"].role == "admin"
    assert staff["1000"].role == "manager"
    assert staff["1000"].manager is None
    assert {n for n, row in staff.items() if row.manager == "1000"} == {str(n) for n in range(1001, 1026)}
    assert all(row.first_name and row.last_name for row in staff.values())
    assert summary.employees == [str(n) for n in range(1001, 1026)]


def test_names_are_the_ones_the_offline_demo_shows(demo: tuple[TenantRegistry, DemoSummary]) -> None:
    registry, _ = demo
    with registry.engine("demo").connect() as conn:
        names = {row.number: f"{row.first_name} {row.last_name}" for row in conn.execute(select(employees))}
    assert [(n, names[n]) for n, _ in fictitious_staff(25)] == fictitious_staff(25)


def test_every_employee_has_a_directory_event(demo: tuple[TenantRegistry, DemoSummary]) -> None:
    registry, _ = demo
    with registry.engine("demo").connect() as conn:
        directory = set(conn.execute(select(ledger.c.employee).where(ledger.c.type == "employee")).scalars())
    assert sorted(directory) == [*(str(n) for n in range(1000, 1026)), "9000"]


def test_passwords_and_pins_follow_the_printed_scheme(demo: tuple[TenantRegistry, DemoSummary]) -> None:
    registry, _ = demo
    with registry.engine("demo").connect() as conn:
        row = conn.execute(select(employees).where(employees.c.number == "1007")).one()
    assert demo_password("1007") == client_password("1007") == "demo-1007"
    assert demo_pin("1007") == client_pin("1007") == "0707"
    assert demo_pin("1000") == "0000"
    assert verify_secret(row.password_hash, "demo-1007")
    assert verify_secret(row.pin_hash, "0707")
    assert demo_badge("1007") == "9000001007"
    assert row.badge_hash == badge_digest("demo", "9000001007")


def test_history_is_four_weeks_of_workdays_before_the_day_given(
    demo: tuple[TenantRegistry, DemoSummary],
) -> None:
    registry, summary = demo
    rows = punches(registry)
    days = {local(row).date() for row in rows}
    assert min(days) == date(2026, 3, 2)
    assert max(days) == date(2026, 3, 27)
    assert all(day.weekday() < 5 for day in days)
    assert summary.punches == len(rows)
    per_person = Counter(row["employee"] for row in rows)
    assert set(per_person) == {str(n) for n in range(1000, 1026)}
    assert all(30 <= count <= 80 for count in per_person.values())  # 20 workdays, 2 to 4 punches a day


def test_workdays_look_like_office_hours(demo: tuple[TenantRegistry, DemoSummary]) -> None:
    registry, _ = demo
    ins = [local(row) for row in punches(registry) if row["payload"]["kind"] == "in"]
    mornings = [at for at in ins if 6 <= at.hour < 10]
    assert len(mornings) > 0.95 * len(ins)
    assert len({(at.hour, at.minute) for at in mornings}) > 30  # people vary, days vary


def test_the_demo_employee_has_a_steady_record_and_ends_clocked_out(
    demo: tuple[TenantRegistry, DemoSummary],
) -> None:
    registry, _ = demo
    kinds = [row["payload"]["kind"] for row in punches(registry) if row["employee"] == "1001"]
    assert kinds == ["in", "break-start", "break-end", "out"] * (len(kinds) // 4)
    assert len(kinds) // 4 == 20


def test_some_anomalies_are_planted_for_the_manager_to_find(
    demo: tuple[TenantRegistry, DemoSummary],
) -> None:
    registry, summary = demo
    assert any("no clock-out" in line for line in summary.anomalies)
    assert len(summary.anomalies) >= 3
    forgetful = {line.split()[0] for line in summary.anomalies if "no clock-out" in line}
    by_person = Counter((row["employee"], row["payload"]["kind"]) for row in punches(registry))
    assert all(by_person[(n, "in")] == by_person[(n, "out")] + 1 for n in forgetful)
    assert "1001" not in forgetful
    assert "1000" not in forgetful


def test_history_is_shaped_as_pushed_punches_and_a_replay_is_a_duplicate(
    demo: tuple[TenantRegistry, DemoSummary],
) -> None:
    registry, _ = demo
    rows = punches(registry)
    with registry.engine("demo").connect() as conn:
        outcomes = {m.id: m for m in conn.execute(select(mutations))}
    assert len(outcomes) == len(rows)
    for row in rows[:50]:
        payload = dict(row["payload"])
        mutation_id = payload.pop("mutation")
        assert payload["id"] == row["id"]
        assert (outcomes[mutation_id].status, outcomes[mutation_id].seq) == ("accepted", row["seq"])
    first = dict(rows[0]["payload"])
    mutation = PunchMutation.model_validate({"id": first.pop("mutation"), "type": "punch", "payload": first})
    caller = Caller("demo", "device", "some-kiosk", "kiosk")
    [answer] = push(registry.engine("demo"), caller, [mutation])
    assert (answer.status, answer.seq) == ("duplicate", rows[0]["seq"])


def test_the_ledger_chain_is_intact(demo: tuple[TenantRegistry, DemoSummary]) -> None:
    registry, _ = demo
    with registry.engine("demo").connect() as conn:
        assert first_broken(conn) is None


def test_the_same_seed_gives_the_same_history(
    demo: tuple[TenantRegistry, DemoSummary], tmp_path: Path
) -> None:
    again, summary = seeded(tmp_path / "again")
    other, _ = seeded(tmp_path / "other", seed=7)
    try:
        assert summary == demo[1]
        history = [(r["seq"], r["id"], r["payload"]) for r in punches(again)]
        assert [(r["seq"], r["id"], r["payload"]) for r in punches(demo[0])] == history
        assert [(r["seq"], r["id"], r["payload"]) for r in punches(other)] != history
    finally:
        again.dispose()
        other.dispose()


def test_holidays_are_days_off(tmp_path: Path) -> None:
    registry = TenantRegistry(tmp_path)
    registry.create("demo")
    seed_demo(registry, "demo", employees=3, weeks=2, until=date(2026, 5, 25), now=NOW)
    days = {local(row).date() for row in punches(registry)}
    registry.dispose()
    assert {date(2026, 5, 14), date(2026, 5, 1)} <= norwegian_holidays(2026)  # Ascension, May Day
    assert date(2026, 5, 14) not in days
    assert date(2026, 5, 15) in days


def test_a_tenant_with_staff_is_not_seeded_again(demo: tuple[TenantRegistry, DemoSummary]) -> None:
    registry, _ = demo
    with pytest.raises(admin.AdminError, match="already has employees"):
        seed_demo(registry, "demo", until=UNTIL, now=NOW)
