"""The admin functions behind `stempel-server user|device ...`: rows, directory events, ended sessions."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from server import admin
from server.ledger import first_broken
from server.passwords import verify_secret
from server.schema import employees, ledger
from tests.unit.server.conftest import PASSWORD, TENANT, Server


def directory(server: Server) -> list[dict[str, object]]:
    with server.registry.engine(TENANT).connect() as conn:
        query = select(ledger).where(ledger.c.type == "employee").order_by(ledger.c.seq)
        rows = conn.execute(query).mappings()
        return [{"employee": r["employee"], **json.loads(r["payload"])} for r in rows]


def employee(server: Server, number: str) -> dict[str, object]:
    with server.registry.engine(TENANT).connect() as conn:
        return dict(conn.execute(select(employees).where(employees.c.number == number)).mappings().one())


def test_add_user_stores_hashes_and_appends_a_directory_event(server: Server) -> None:
    server.user("2000", "manager")
    admin.add_user(
        server.registry,
        TENANT,
        "2001",
        "employee",
        PASSWORD,
        "1234",
        first_name="Per",
        last_name="Ansatt",
        manager="2000",
    )
    row = employee(server, "2001")
    assert row["password_hash"] != PASSWORD
    assert verify_secret(str(row["password_hash"]), PASSWORD)
    assert verify_secret(str(row["pin_hash"]), "1234")
    [_, event] = directory(server)
    assert event == {
        "employee": "2001",
        "number": "2001",
        "role": "employee",
        "first_name": "Per",
        "last_name": "Ansatt",
        "manager": "2000",
        "active": True,
        "pin_verifier": row["pin_hash"],
        "badge_hash": None,
    }
    assert str(event["pin_verifier"]).startswith("$argon2id$")
    with server.registry.engine(TENANT).connect() as conn:
        assert first_broken(conn) is None


def test_a_user_without_pin_has_no_verifier(server: Server) -> None:
    server.user("2002")
    assert directory(server)[0]["pin_verifier"] is None


@pytest.mark.parametrize(
    ("number", "role", "password", "manager", "message"),
    [
        ("", "employee", PASSWORD, None, "1 to 64"),
        ("x" * 65, "employee", PASSWORD, None, "1 to 64"),
        ("3001", "boss", PASSWORD, None, "role"),
        ("3001", "employee", "", None, "password"),
        ("3001", "employee", PASSWORD, "9999", "no manager 9999"),
        ("3001", "employee", "\ud800", None, "not valid text"),
    ],
)
def test_add_user_refuses_bad_input_and_writes_nothing(
    server: Server, number: str, role: str, password: str, manager: str | None, message: str
) -> None:
    with pytest.raises(admin.AdminError, match=message):
        admin.add_user(server.registry, TENANT, number, role, password, manager=manager)
    assert directory(server) == []


def test_a_number_is_added_once(server: Server) -> None:
    server.user("2003")
    with pytest.raises(admin.AdminError, match="already exists"):
        server.user("2003")
    assert len(directory(server)) == 1


def test_hostile_names_are_stored_verbatim(server: Server) -> None:
    name = "Robert'); DROP TABLE employees;-- \x00 🕐 " + "æ" * 1000
    server.user("2004", first_name=name)
    assert employee(server, "2004")["first_name"] == name
    assert directory(server)[0]["first_name"] == name


def test_revoke_user_deactivates_records_and_ends_sessions(staff: Server) -> None:
    device = staff.signed_in("1001")
    admin.revoke_user(staff.registry, staff.sessions, TENANT, "1001")
    assert employee(staff, "1001")["active"] is False
    last = [e for e in directory(staff) if e["employee"] == "1001"][-1]
    assert last["active"] is False
    assert device.whoami().status_code == 401


def test_set_role_records_and_ends_sessions(staff: Server) -> None:
    device = staff.signed_in("1001")
    admin.set_role(staff.registry, staff.sessions, TENANT, "1001", "admin")
    assert employee(staff, "1001")["role"] == "admin"
    assert [e for e in directory(staff) if e["employee"] == "1001"][-1]["role"] == "admin"
    assert device.whoami().status_code == 401
    with pytest.raises(admin.AdminError, match="role"):
        admin.set_role(staff.registry, staff.sessions, TENANT, "1001", "owner")


def test_set_password_ends_sessions_and_the_old_password(staff: Server) -> None:
    device = staff.signed_in("1001")
    admin.set_password(staff.registry, staff.sessions, TENANT, "1001", "nytt-passord-123")
    assert device.whoami().status_code == 401
    assert device.login("1001").status_code == 400
    assert device.login("1001", "nytt-passord-123").status_code == 200


def test_set_pin_sends_a_new_verifier(staff: Server) -> None:
    admin.set_pin(staff.registry, TENANT, "1001", "9876")
    verifier = [e for e in directory(staff) if e["employee"] == "1001"][-1]["pin_verifier"]
    assert verify_secret(str(verifier), "9876")


def test_reactivation_needs_a_new_sign_in(staff: Server) -> None:
    device = staff.signed_in("1001")
    admin.set_active(staff.registry, staff.sessions, TENANT, "1001", False)
    admin.set_active(staff.registry, staff.sessions, TENANT, "1001", True)
    assert device.whoami().status_code == 401
    assert device.login("1001").status_code == 200


@pytest.mark.parametrize("call", ["revoke_user", "set_role", "revoke_device"])
def test_unknown_numbers_and_devices_are_admin_errors(server: Server, call: str) -> None:
    calls = {
        "revoke_user": lambda: admin.revoke_user(server.registry, server.sessions, TENANT, "404"),
        "set_role": lambda: admin.set_role(server.registry, server.sessions, TENANT, "404", "manager"),
        "revoke_device": lambda: admin.revoke_device(server.registry, server.sessions, TENANT, "404"),
    }
    with pytest.raises(admin.AdminError, match="no "):
        calls[call]()


def test_device_codes_are_distinct_and_typed(server: Server) -> None:
    codes = {admin.device_code(server.registry, TENANT, "kiosk", datetime.now(UTC)) for _ in range(20)}
    assert len(codes) == 20
    with pytest.raises(admin.AdminError, match="kind"):
        admin.device_code(server.registry, TENANT, "phone", datetime.now(UTC))
    with pytest.raises(admin.AdminError, match="zone"):
        admin.device_code(server.registry, TENANT, "kiosk", datetime.now())  # noqa: DTZ005


def test_device_codes_are_base32_groups_a_command_line_takes_as_a_value(server: Server) -> None:
    codes = [admin.device_code(server.registry, TENANT, "desktop", datetime.now(UTC)) for _ in range(200)]
    for code in codes:
        assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){6}", code), code
