"""Push and pull over real TLS: at most once, no gaps, each tenant sealed off."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.integration.server.harness import Api, ServerProcess, punch_mutation, server_cli

PASSWORD = "korrekt-hest-batteri"
HOSTILE = [
    "'; DROP TABLE employees;--",
    "nul\x00byte",
    "emoji 🕐👩🏽‍🔧 æøå",
    "x" * 100_000,
]


def ledger_rows(server: ServerProcess, tenant: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(server.data / "tenants" / f"{tenant}.sqlite") as db:
        return db.execute("SELECT seq, id, type, employee FROM ledger ORDER BY seq").fetchall()


@pytest.fixture
def tenant_with_staff(tenant_server: ServerProcess, new_tenant: Callable[..., str]) -> str:
    tenant = new_tenant()
    tenant_server.user(
        tenant, "2000", PASSWORD, "", "--role", "manager", "--first-name", "Mona", "--last-name", "Leder"
    )
    tenant_server.user(
        tenant, "2001", PASSWORD, "1234", "--manager", "2000", "--first-name", "Per", "--last-name", "Ansatt"
    )
    tenant_server.user(tenant, "2002", PASSWORD, "5678", "--first-name", "Siri", "--last-name", "Utenfor")
    return tenant


def test_the_same_batch_three_times_records_each_punch_once(
    tenant_server: ServerProcess, tenant_with_staff: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(tenant_with_staff, "2001", PASSWORD)
    batch = [punch_mutation("2001", kind) for kind in ("in", "break-start", "break-end", "out")]
    answers = [api.push(batch).json()["results"] for _ in range(3)]
    assert [r["status"] for r in answers[0]] == ["accepted"] * 4
    assert [r["status"] for r in answers[1]] == ["duplicate"] * 4
    assert [r["status"] for r in answers[2]] == ["duplicate"] * 4
    assert [r["seq"] for r in answers[2]] == [r["seq"] for r in answers[0]]
    punches = [row for row in ledger_rows(tenant_server, tenant_with_staff) if row[2] == "punch"]
    assert sorted(row[1] for row in punches) == sorted(m["payload"]["id"] for m in batch)


def test_same_id_with_other_content_is_rejected_not_accepted(
    tenant_with_staff: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(tenant_with_staff, "2001", PASSWORD)
    first = punch_mutation("2001")
    assert api.push([first]).json()["results"][0]["status"] == "accepted"
    altered = {**first, "payload": {**first["payload"], "note": "changed"}}
    result = api.push([altered]).json()["results"][0]
    assert result["status"] == "rejected"
    assert "other content" in result["reason"]


def test_a_refused_mutation_does_not_block_the_ones_after_it(
    tenant_with_staff: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(tenant_with_staff, "2001", PASSWORD)
    batch = [punch_mutation("2001"), punch_mutation("2002"), punch_mutation("2001", "out")]
    statuses = [r["status"] for r in api.push(batch).json()["results"]]
    assert statuses == ["accepted", "rejected", "accepted"]


def test_concurrent_overlapping_pushes_leave_no_duplicates_and_no_gaps(
    tenant_server: ServerProcess, tenant_with_staff: str, signed_in: Callable[..., Api]
) -> None:
    one = signed_in(tenant_with_staff, "2001", PASSWORD)
    two = signed_in(tenant_with_staff, "2001", PASSWORD)
    batches = [[punch_mutation("2001") for _ in range(40)] for _ in range(6)]
    jobs = [(one, b) for b in batches] + [(two, b) for b in reversed(batches)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda job: job[0].push(job[1]), jobs))
    assert all(a.status_code == 200 for a in answers)
    rows = ledger_rows(tenant_server, tenant_with_staff)
    seqs = [row[0] for row in rows]
    assert seqs == list(range(1, len(seqs) + 1))
    punch_ids = [row[1] for row in rows if row[2] == "punch"]
    assert len(punch_ids) == len(set(punch_ids)) == 240


@pytest.mark.parametrize("hostile", HOSTILE, ids=["drop-table", "nul", "emoji", "100-kB"])
def test_hostile_strings_are_stored_and_returned_verbatim(
    tenant_server: ServerProcess, tenant_with_staff: str, signed_in: Callable[..., Api], hostile: str
) -> None:
    api = signed_in(tenant_with_staff, "2001", PASSWORD)
    before = len(ledger_rows(tenant_server, tenant_with_staff))
    mutation = punch_mutation("2001", note=hostile)
    assert api.push([mutation]).json()["results"][0]["status"] == "accepted"
    events = api.pull().json()["events"]
    [mine] = [e for e in events if e["id"] == mutation["payload"]["id"]]
    assert mine["payload"]["note"] == hostile
    assert len(ledger_rows(tenant_server, tenant_with_staff)) == before + 1


def test_hostile_employee_names_are_stored_verbatim(
    tenant_server: ServerProcess, new_tenant: Callable[..., str], signed_in: Callable[..., Api]
) -> None:
    tenant = new_tenant()
    name = "Robert'); DROP TABLE employees;-- 🕐 " + "æ" * 50_000
    tenant_server.user(tenant, "3001", PASSWORD, "", "--first-name", name)
    api = signed_in(tenant, "3001", PASSWORD)
    [me] = [e for e in api.pull().json()["events"] if e["type"] == "employee"]
    assert me["payload"]["first_name"] == name


def test_pull_shows_an_employee_only_their_own_rows(
    tenant_with_staff: str, signed_in: Callable[..., Api]
) -> None:
    per = signed_in(tenant_with_staff, "2001", PASSWORD)
    siri = signed_in(tenant_with_staff, "2002", PASSWORD)
    per.push([punch_mutation("2001")])
    siri.push([punch_mutation("2002")])
    assert {e["employee"] for e in per.pull().json()["events"]} == {"2001"}
    assert {e["employee"] for e in siri.pull().json()["events"]} == {"2002"}


def test_pull_shows_a_manager_their_team_and_nobody_else(
    tenant_with_staff: str, signed_in: Callable[..., Api]
) -> None:
    signed_in(tenant_with_staff, "2001", PASSWORD).push([punch_mutation("2001")])
    signed_in(tenant_with_staff, "2002", PASSWORD).push([punch_mutation("2002")])
    manager = signed_in(tenant_with_staff, "2000", PASSWORD)
    assert {e["employee"] for e in manager.pull().json()["events"]} == {"2000", "2001"}


def test_pull_pages_by_cursor(tenant_with_staff: str, signed_in: Callable[..., Api]) -> None:
    api = signed_in(tenant_with_staff, "2001", PASSWORD)
    api.push([punch_mutation("2001") for _ in range(7)])
    seen: list[int] = []
    after, more = 0, True
    while more:
        page = api.pull(after=after, limit=3).json()
        seen += [e["seq"] for e in page["events"]]
        after, more = page["next_after"], page["has_more"]
    assert seen == sorted(set(seen))
    assert len(seen) == 8  # own directory entry + 7 punches
    assert "server_time" in page


def test_kiosk_gets_the_directory_without_names_when_pseudonymised(
    tenant_server: ServerProcess, new_tenant: Callable[..., str], signed_in: Callable[..., Api]
) -> None:
    tenant = new_tenant("--pseudonymised")
    tenant_server.user(tenant, "4001", PASSWORD, "2468", "--first-name", "Navnløs", "--last-name", "Hemmelig")
    kiosk = signed_in(tenant, "", "", kind="kiosk")
    response = kiosk.pull()
    assert response.status_code == 200
    assert "Navnløs" not in response.text
    assert "Hemmelig" not in response.text
    [entry] = response.json()["events"]
    assert entry["payload"]["number"] == "4001"
    assert entry["payload"]["pin_verifier"].startswith("$argon2id$")


def test_kiosk_may_punch_for_active_employees(tenant_with_staff: str, signed_in: Callable[..., Api]) -> None:
    kiosk = signed_in(tenant_with_staff, "", "", kind="kiosk")
    results = kiosk.push([punch_mutation("2001"), punch_mutation("9999")]).json()["results"]
    assert [r["status"] for r in results] == ["accepted", "rejected"]


def test_verify_finds_a_row_edited_with_the_sqlite3_command_line(
    tenant_server: ServerProcess, tenant_with_staff: str, signed_in: Callable[..., Api]
) -> None:
    api = signed_in(tenant_with_staff, "2001", PASSWORD)
    results = api.push([punch_mutation("2001"), punch_mutation("2001", "out")]).json()["results"]
    assert server_cli(tenant_server.data, "verify", "--tenant", tenant_with_staff).returncode == 0
    target = results[0]["seq"]
    database = tenant_server.data / "tenants" / f"{tenant_with_staff}.sqlite"
    subprocess.run(
        [
            "sqlite3",
            str(database),
            # the sqlite3 shell takes no bound parameters; `target` is an int we got back
            f"UPDATE ledger SET payload = replace(payload, '\"in\"', '\"out\"') WHERE seq = {int(target)}",  # noqa: S608
        ],
        check=True,
        timeout=60,
    )
    done = server_cli(tenant_server.data, "verify", "--tenant", tenant_with_staff)
    assert done.returncode == 1
    assert f"sequence number {target}" in done.stderr


ROUTES = [("GET", "/sync/pull", None), ("POST", "/sync/push", "push")]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_a_token_of_another_tenant_gets_404_like_a_missing_tenant(
    tenant_server: ServerProcess,
    new_tenant: Callable[..., str],
    signed_in: Callable[..., Api],
    open_apis: list[Api],
    method: str,
    path: str,
    body: str | None,
) -> None:
    home, foreign = new_tenant(), new_tenant()
    tenant_server.user(home, "5001", PASSWORD)
    tenant_server.user(foreign, "5001", PASSWORD)
    mine = signed_in(home, "5001", PASSWORD)
    payload = {"mutations": [punch_mutation("5001")]} if body else None
    answers = []
    for target in (foreign, "no-such-tenant"):
        stray = Api(tenant_server, target, key=mine.key, access=mine.access)
        open_apis.append(stray)
        answers.append(stray.call(method, path, json=payload))
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json() == answers[1].json()
    assert (
        ledger_rows(tenant_server, foreign) == ledger_rows(tenant_server, foreign)[:1]
    )  # only the directory entry


@pytest.mark.parametrize("grant", ["password", "refresh_token", "device"])
def test_token_endpoint_of_another_tenant_grants_nothing(
    tenant_server: ServerProcess,
    new_tenant: Callable[..., str],
    signed_in: Callable[..., Api],
    open_apis: list[Api],
    grant: str,
) -> None:
    home, foreign = new_tenant(), new_tenant()
    tenant_server.user(home, "5002", PASSWORD)
    tenant_server.user(foreign, "5002", PASSWORD)
    mine = signed_in(home, "5002", PASSWORD)
    stray = Api(tenant_server, foreign, key=mine.key)
    open_apis.append(stray)
    if grant == "password":
        answer = stray.login("5002", PASSWORD)
    elif grant == "refresh_token":
        answer = stray.refresh_tokens(mine.refresh)
    else:
        answer = stray.login_device()
    assert answer.status_code in (400, 401, 404)
    assert "access_token" not in answer.text
