"""No name, PIN, password, badge id or token reaches a log, on the server or on the client.

A fictitious staff of 30 (Faker "no_NO", seeded, some with hostile names) goes
through every server path that logs: `user add|pin|badge|role|revoke|password|list`
and `device revoke|list` by the admin CLI, enrollment, good, bad and rate-limited
logins, refresh, refresh reuse, pushes whose notes, reasons and comments carry
the names, pulls, exports, 413 and 422. Then a real `stempel` runs setup, login, punch, sync
and export with its log at DEBUG in a file. Every log and every captured
output is searched for every secret.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from faker import Faker

from tests.integration.server.conftest import start_server
from tests.integration.server.harness import Api, ServerProcess, punch_mutation, server_cli
from tests.secret_service import SecretService

ROOT = Path(__file__).resolve().parents[3]
STAFF = 30
HOSTILE_NAMES = [
    ("'; DROP TABLE employees;--", "Robert'); DELETE FROM ledger;--"),
    ("Åse 🕐👩🏽‍🔧", "Ødegård-Bjørnstad 😀"),
    ("Langnavn" + "ø" * 300, "Etternavn" + "å" * 500),
]


@dataclass
class Person:
    number: str
    first: str
    last: str
    password: str
    pin: str
    badge: str


def fictitious_staff() -> list[Person]:
    fake = Faker("no_NO")
    fake.seed_instance(20261129)
    people = []
    for i in range(STAFF):
        first, last = fake.first_name(), fake.last_name()
        if i < len(HOSTILE_NAMES):
            first, last = HOSTILE_NAMES[i]
        people.append(
            Person(
                number=str(6001 + i),
                first=first,
                last=last,
                password=fake.password(length=18),
                pin=str(fake.random_int(10_000_000, 99_999_999)),
                badge=f"BADGE-{fake.bothify('??##-####-????').upper()}",
            )
        )
    return people


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A server of this test alone, so its log holds this test's traffic only."""
    server = start_server(tmp_path / "server")
    yield server
    server.stop()


class Secrets:
    """Everything that must not be logged, with how to look for it."""

    def __init__(self) -> None:
        self.values: set[str] = set()

    def add(self, *values: str | None) -> None:
        for value in values:
            if value:
                self.values.add(value)

    def found_in(self, text: str) -> list[str]:
        found = []
        for value in self.values:
            if len(value) >= 6:
                if value in text:
                    found.append(value)
            elif re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text):  # short names: whole words
                found.append(value)
        return found


def correction(employee: str, reason: str) -> dict[str, object]:
    now = datetime.now(UTC).isoformat()
    event = str(uuid.uuid4())
    return {
        "id": str(uuid.uuid4()),
        "type": "correction",
        "payload": {
            "id": event,
            "employee": employee,
            "action": "request",
            "kind": "in",
            "at": now,
            "reason": reason,
            "made_at": now,
        },
    }


def approval(employee: str, comment: str) -> dict[str, object]:
    now = datetime.now(UTC)
    year, week, _ = now.isocalendar()
    return {
        "id": str(uuid.uuid4()),
        "type": "approval",
        "payload": {
            "id": str(uuid.uuid4()),
            "employee": employee,
            "week": f"{year}-W{week:02d}",
            "decision": "reject",
            "digest": "0" * 64,
            "covers": 0,
            "comment": comment,
            "made_at": now.isoformat(),
        },
    }


def stempel(
    service: SecretService, profile: Path, log: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {
        **service.env,
        "STEMPEL_PROFILE": str(profile),
        "STEMPEL_LOG_FILE": str(log),
        "STEMPEL_LOG_LEVEL": "DEBUG",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_no_personal_data_or_secret_reaches_any_log(
    own_server: ServerProcess, real_keyring: SecretService, tmp_path: Path
) -> None:
    server, tenant = own_server, "privacy"
    server.tenant(tenant)
    staff = fictitious_staff()
    secrets = Secrets()
    outputs: list[str] = []

    def admin(*args: str, stdin: str = "") -> None:
        done = server_cli(server.data, *args, stdin=stdin)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stderr)  # stdout may name what the admin asked for; stderr is the log

    boss, manager, team = staff[0], staff[1], staff[2:]
    for person in staff:
        secrets.add(person.first, person.last, person.password, person.pin, person.badge)
        role = {boss.number: "admin", manager.number: "manager"}.get(person.number, "employee")
        flags = ["--first-name", person.first, "--last-name", person.last, "--role", role]
        if person in team:
            flags += ["--manager", manager.number]
        admin(
            "user",
            "add",
            "--tenant",
            tenant,
            "--number",
            person.number,
            *flags,
            stdin=f"{person.password}\n{person.pin}\n",
        )
    for person in staff[:6]:
        admin("user", "pin", "--tenant", tenant, "--number", person.number, stdin=f"{person.pin}\n")
        admin("user", "badge", "--tenant", tenant, "--number", person.number, stdin=f"{person.badge}\n")

    apis: list[Api] = []
    try:
        signed: dict[str, Api] = {}
        for person in staff[:12]:
            api = Api(server, tenant)
            apis.append(api)
            code = server.device_code(tenant)
            secrets.add(code)
            assert api.enroll(code).status_code == 200
            assert api.login(person.number, "wrong " + person.password).status_code == 400
            answer = api.login(person.number, person.password)
            assert answer.status_code == 200, answer.text
            secrets.add(api.access, api.refresh)
            signed[person.number] = api
            who = f"{person.first} {person.last}"
            notes = [punch_mutation(person.number, note=f"{who} kom tidlig, PIN {person.pin}")]
            notes.append(correction(person.number, f"{who} glemte å stemple; passord {person.password}"))
            assert api.push(notes).status_code == 200
            assert api.pull().status_code == 200
            assert api.call("GET", "/export", params={"employee": person.number}).status_code == 200

        lead = signed[manager.number]
        comments = [
            approval(p.number, f"{p.first} {p.last}: mangler timer, badge {p.badge}") for p in team[:10]
        ]
        assert lead.push(comments).status_code == 200
        assert lead.call("GET", "/export", params={"employee": team[0].number}).status_code == 200
        assert (
            signed[team[0].number].call("GET", "/export", params={"employee": boss.number}).status_code == 404
        )

        # refresh, then a reused refresh token: the whole family ends
        api = signed[team[1].number]
        first = api.refresh
        assert api.refresh_tokens().status_code == 200
        secrets.add(api.access, api.refresh)
        assert api.refresh_tokens().status_code == 200
        secrets.add(api.access, api.refresh)
        assert api.refresh_tokens(first).status_code == 400

        # rate-limited logins
        target = team[2]
        statuses = {
            signed[target.number].login(target.number, f"{target.password}-{i}").status_code for i in range(7)
        }
        assert 429 in statuses

        # 413 and 422, both with the names in them
        api = signed[team[3].number]
        huge = [punch_mutation(team[3].number, note=f"{team[3].first} " + "x" * 3_000_000)]
        assert api.push(huge).status_code == 413
        bad = {"mutations": [{"id": "x", "type": "punch", team[3].last: team[3].password}]}
        assert api.call("POST", "/sync/push", json=bad).status_code == 422

        # role change, revocations
        admin("user", "role", "--tenant", tenant, "--number", team[4].number, "--role", "manager")
        admin("user", "revoke", "--tenant", tenant, "--number", team[5].number)
        admin(
            "device",
            "revoke",
            "--tenant",
            tenant,
            "--device",
            signed[team[6].number].enroll_answer["device_id"],
        )
        assert signed[team[5].number].pull().status_code == 401

        # a new password (from stdin; it ends the person's sessions) and the listings
        renewed = team[9]
        new_password = f"ny-{renewed.password}"
        secrets.add(new_password)
        admin("user", "password", "--tenant", tenant, "--number", renewed.number, stdin=f"{new_password}\n")
        assert signed[renewed.number].pull().status_code == 401
        admin("user", "list", "--tenant", tenant)
        admin("user", "list", "--tenant", tenant, "--json")
        admin("device", "list", "--tenant", tenant)

        # the admin's own export command
        done = server_cli(
            server.data, "export", "--tenant", tenant, "--employee", team[7].number, "--format", "csv"
        )
        assert done.returncode == 0, done.stderr
        assert team[7].first in done.stdout  # the export itself holds the name, of course
        outputs.append(done.stderr)
    finally:
        for api in apis:
            api.close()

    # the client: setup, login, punch, sync, export; its log at DEBUG in a file
    person = team[8]
    profile, client_log = tmp_path / "profile", tmp_path / "client.log"
    code = server.device_code(tenant)
    secrets.add(code)
    runs = [
        ("setup", "--server", server.url, "--tenant", tenant, "--code", code, "--ca", str(server.ca)),
        ("login", "--user", person.number),
        ("punch", "in"),
        ("sync",),
        ("export", "--employee", person.number, "--format", "json"),
        ("export", "--employee", person.number, "--format", "csv"),
    ]
    for args in runs:
        done = stempel(real_keyring, profile, client_log, *args, stdin=f"{person.password}\n")
        assert done.returncode == 0, done.stderr
        outputs.append(done.stderr)
        if args[0] == "export" and args[-1] == "json":
            exported = json.loads(done.stdout)
            assert exported["server"]["employee"]["number"] == person.number
    # the server's log, then the client's: the flow was logged, and nothing in it is personal
    server.stop()
    server_log = server.log.read_text(encoding="utf-8")
    assert '"tenant": "privacy"' in server_log
    assert '"status": 429' in server_log
    assert '"status": 422' in server_log  # (a 413 is answered before the request log sees it)
    text = client_log.read_text(encoding="utf-8")
    assert "DEBUG" in text  # the client did log, at the level asked for
    for where, log in (("server log", server_log), ("client log", text), ("stderr", "\n".join(outputs))):
        assert secrets.found_in(log) == [], where


def test_the_client_export_says_when_the_server_is_out_of_reach(
    own_server: ServerProcess, real_keyring: SecretService, tmp_path: Path
) -> None:
    server, tenant = own_server, "offline"
    server.tenant(tenant)
    server.user(tenant, "7001", "Tyttebær 7", "", "--first-name", "Kari", "--last-name", "Nordmann")
    profile, log = tmp_path / "profile", tmp_path / "client.log"
    code = server.device_code(tenant)
    setup = ("setup", "--server", server.url, "--tenant", tenant, "--code", code, "--ca", str(server.ca))
    assert stempel(real_keyring, profile, log, *setup).returncode == 0
    assert (
        stempel(real_keyring, profile, log, "login", "--user", "7001", stdin="Tyttebær 7\n").returncode == 0
    )
    assert stempel(real_keyring, profile, log, "punch", "in").returncode == 0
    server.stop()

    done = stempel(real_keyring, profile, log, "export", "--employee", "7001")

    assert done.returncode == 0, done.stderr
    export = json.loads(done.stdout)
    assert len(export["punches"]) == 1
    assert "could not be asked" in export["server"]["unavailable"]
    assert "server's part is missing" in done.stderr
    as_csv = stempel(real_keyring, profile, log, "export", "--employee", "7001", "--format", "csv")
    assert as_csv.returncode == 0
    assert len(as_csv.stdout.splitlines()) == 2  # the header and the local punch
