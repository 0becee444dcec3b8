"""A kiosk against the real server over real TLS: its directory, offline punching, revocation, privacy."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from app.domain import PunchKind
from app.kiosk_desk import KioskDesk, Person, Refusal, Refused
from app.store import Store
from app.syncing import open_engine
from server.demo import demo_badge, demo_pin
from sync.errors import ServerUnavailable
from tests.integration.server.clients import device_of, enrolled_profile, server_punch_payloads
from tests.integration.server.conftest import start_server
from tests.integration.server.harness import ServerProcess, server_cli
from tests.secret_service import SecretService

# Five punches each: in, a break, back, and out.
DAY = [PunchKind.IN, PunchKind.BREAK_START, PunchKind.BREAK_END, PunchKind.OUT, PunchKind.IN]


def seeded_tenant(server: ServerProcess, tenant: str, employees: int, *flags: str) -> list[str]:
    """A tenant with an admin (9000), a manager (1000) and `employees` more, PINs and badges set."""
    server.tenant(tenant, *flags)
    done = server_cli(
        server.data, "tenant", "seed-demo", "--tenant", tenant, "--employees", str(employees), "--weeks", "1"
    )
    assert done.returncode == 0, done.stderr
    return ["1000", *(str(1001 + i) for i in range(employees))]


def kiosk_of(server: ServerProcess, tenant: str, folder: Path) -> Path:
    kiosk = enrolled_profile(server, tenant, folder, kind="kiosk")
    with open_engine(kiosk) as engine:
        report = engine.sync_once()
    assert report.signed_in  # a kiosk never needs a sign-in
    return kiosk


def test_offline_kiosk_delivers_100_punches_of_20_people_once_each(
    real_keyring: SecretService, tmp_path: Path
) -> None:
    server = start_server(tmp_path / "server")
    try:
        numbers = seeded_tenant(server, "door", 19)
        assert len(numbers) == 20
        kiosk = kiosk_of(server, "door", tmp_path / "kiosk")
        server.stop()

        made: list[str] = []
        with Store.open(kiosk) as store:
            desk = KioskDesk(store, "door")
            for kind in DAY:
                for number in numbers:
                    person = desk.sign_in_pin(number, demo_pin(number))
                    assert isinstance(person, Person), number
                    assert kind in person.actions  # offered: the step fits their state
                    made.append(desk.punch(number, kind).number)
            assert store.pending_count() == 100
        with open_engine(kiosk) as engine:
            with pytest.raises(ServerUnavailable):
                engine.sync_once()
            server.start()
            report = engine.sync_once()
            again = engine.sync_once()
        assert (report.pushed, report.pending, report.rejected) == (100, 0, 0)
        assert (again.pushed, again.duplicates) == (0, 0)

        device = device_of(kiosk)
        rows = [json.loads(p) for p in server_punch_payloads(server, "door")]
        from_kiosk = [p for p in rows if p.get("source") == "kiosk"]
        assert len(from_kiosk) == 100
        assert len({p["id"] for p in from_kiosk}) == 100
        assert Counter(p["employee"] for p in from_kiosk) == dict.fromkeys(numbers, 5)
        with Store.open(kiosk) as store:
            local = {p.id for n in numbers for p in store.punches(n)}
        assert {p["id"] for p in from_kiosk} == local
        assert _devices_of(server, "door", local) == {device}
    finally:
        server.stop()


def _devices_of(server: ServerProcess, tenant: str, ids: set[str]) -> set[str]:
    path = server.data / "tenants" / f"{tenant}.sqlite"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = conn.execute("SELECT id, device_id FROM ledger WHERE type = 'punch'").fetchall()
    return {str(device) for punch_id, device in rows if punch_id in ids}


def test_a_revoked_employee_cannot_punch_after_the_next_pull(
    real_keyring: SecretService, tenant_server: ServerProcess, tmp_path: Path
) -> None:
    seeded_tenant(tenant_server, "leavers", 2)
    kiosk = kiosk_of(tenant_server, "leavers", tmp_path / "kiosk")
    with Store.open(kiosk) as store:
        desk = KioskDesk(store, "leavers")
        assert isinstance(desk.sign_in_pin("1002", demo_pin("1002")), Person)
        assert isinstance(desk.sign_in_badge(demo_badge("1002")), Person)

    done = server_cli(tenant_server.data, "user", "revoke", "--tenant", "leavers", "--number", "1002")
    assert done.returncode == 0, done.stderr
    with open_engine(kiosk) as engine:
        engine.sync_once()

    with Store.open(kiosk) as store:
        desk = KioskDesk(store, "leavers")
        assert desk.sign_in_pin("1002", demo_pin("1002")) == Refused(Refusal.WRONG)
        assert desk.sign_in_badge(demo_badge("1002")) == Refused(Refusal.UNKNOWN_BADGE)
        assert isinstance(desk.sign_in_pin("1001", demo_pin("1001")), Person)


def test_a_new_pin_reaches_the_kiosk_at_its_next_pull(
    real_keyring: SecretService, tenant_server: ServerProcess, tmp_path: Path
) -> None:
    seeded_tenant(tenant_server, "newpin", 1)
    kiosk = kiosk_of(tenant_server, "newpin", tmp_path / "kiosk")
    done = server_cli(
        tenant_server.data, "user", "pin", "--tenant", "newpin", "--number", "1001", stdin="4711\n"
    )
    assert done.returncode == 0, done.stderr
    with open_engine(kiosk) as engine:
        engine.sync_once()
    with Store.open(kiosk) as store:
        desk = KioskDesk(store, "newpin")
        assert desk.sign_in_pin("1001", demo_pin("1001")) == Refused(Refusal.WRONG)
        assert isinstance(desk.sign_in_pin("1001", "4711"), Person)


def test_a_pseudonymised_tenants_kiosk_holds_no_names(
    real_keyring: SecretService, tenant_server: ServerProcess, tmp_path: Path
) -> None:
    seeded_tenant(tenant_server, "anon", 3, "--pseudonymised")
    kiosk = kiosk_of(tenant_server, "anon", tmp_path / "kiosk")
    with Store.open(kiosk) as store:
        entries = [store.directory_entry(n) for n in ("9000", "1000", "1001", "1002", "1003")]
        person = KioskDesk(store, "anon").sign_in_pin("1001", demo_pin("1001"))
    assert all(e is not None and e.display_name == "" for e in entries)
    assert isinstance(person, Person)
    assert person.shown_name == "1001"


def test_punch_for_an_employee_from_the_command_line_checks_the_pin(
    real_keyring: SecretService, tenant_server: ServerProcess, tmp_path: Path
) -> None:
    seeded_tenant(tenant_server, "clidoor", 1)
    kiosk = kiosk_of(tenant_server, "clidoor", tmp_path / "kiosk")

    command = [sys.executable, "-m", "app.cli", "--profile", str(kiosk)]
    command += ["punch", "in", "--employee", "1001", "--pin-stdin"]

    def punch(pin: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command,
            input=f"{pin}\n",
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    wrong = punch("9999")
    assert (wrong.returncode, wrong.stderr.strip()) == (1, "stempel: wrong employee number or PIN")
    right = punch(demo_pin("1001"))
    assert right.returncode == 0, right.stderr
    assert right.stdout.startswith("Clocked in ")
    with Store.open(kiosk) as store:
        assert [p.kind for p in store.punches("1001")] == [PunchKind.IN]
