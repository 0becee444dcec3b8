"""`stempel-server user password|list`, `device list` and the data folder's file modes, through `main`."""

from __future__ import annotations

import io
import json
import logging
import os
import stat
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from server import admin, cli
from server.schema import employees
from server.sessions import SessionStore
from server.settings import Settings
from server.tenants import TenantRegistry
from tests.unit.server.conftest import PASSWORD, TENANT, Device, Server

NEW_PASSWORD = "blåbær-syltetøy-4711"
HOSTILE = ("Robert'); DROP TABLE employees;-- \x00\x1b[2J\x1b]0;pwned\x07 \u202eevil", "Åse 🕐👩🏽‍🔧 Ødegård")
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """`run(data, "user", "list", ..., stdin="...")`: exit code, stdout, stderr of one command."""

    def run(data: Path, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = cli.main([*argv, "--data", str(data)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def hashes_of(server: Server) -> list[str]:
    with server.registry.engine(TENANT).connect() as conn:
        rows = conn.execute(select(employees.c.password_hash, employees.c.pin_hash, employees.c.badge_hash))
        return [value for row in rows for value in row if value]


# --- user password -----------------------------------------------------------------------


def test_a_new_password_ends_every_session_and_the_old_password(staff: Server, run: Run) -> None:
    desktop, laptop = staff.signed_in("1001"), staff.signed_in("1001")
    other = staff.signed_in("1002")

    code, out, err = run(
        staff.settings.data,
        "user",
        "password",
        "--tenant",
        TENANT,
        "--number",
        "1001",
        stdin=NEW_PASSWORD + "\n",
    )

    assert (code, err) == (0, "")
    assert out == "password of 1001 changed; their sessions ended\n"
    for device in (desktop, laptop):
        assert device.whoami().status_code == 401
        assert device.refresh_tokens().status_code == 400  # the refresh family is gone too
    assert other.whoami().status_code == 200  # only that person's sessions
    assert desktop.login("1001").status_code == 400
    assert desktop.login("1001", NEW_PASSWORD).status_code == 200
    assert desktop.whoami().json()["employee"] == "1001"
    stored = [h for h in hashes_of(staff) if h.startswith("$argon2id$v=19$m=19456,t=2,p=1$")]
    assert len(stored) == 4  # three passwords and 1001's PIN, all with the same parameters


@pytest.mark.parametrize(
    ("number", "stdin", "message"),
    [
        ("1001", "", "give the new password on the first line of standard input"),
        ("1001", "\nsecond line\n", "give the new password on the first line of standard input"),
        ("4040", NEW_PASSWORD + "\n", "no employee 4040 in acme"),
    ],
)
def test_a_refused_password_change_changes_nothing(
    staff: Server, run: Run, number: str, stdin: str, message: str
) -> None:
    device = staff.signed_in("1001")
    code, out, err = run(
        staff.settings.data, "user", "password", "--tenant", TENANT, "--number", number, stdin=stdin
    )
    assert (code, out) == (1, "")
    assert err == f"stempel-server: {message}\n"
    assert device.whoami().status_code == 200
    assert staff.device().login("1001", PASSWORD).status_code == 200


def test_a_password_change_in_an_unknown_tenant_fails_cleanly(staff: Server, run: Run) -> None:
    code, _, err = run(
        staff.settings.data, "user", "password", "--tenant", "nope", "--number", "1", stdin="x\n"
    )
    assert (code, err) == (1, "stempel-server: no tenant nope\n")


def test_the_password_is_never_an_argument(run: Run, staff: Server) -> None:
    with pytest.raises(SystemExit) as exited:
        run(
            staff.settings.data, "user", "password", "--tenant", TENANT, "--number", "1001", "--password", "x"
        )
    assert exited.value.code == 2


# --- user list ---------------------------------------------------------------------------


@pytest.fixture
def listed_staff(staff: Server) -> Server:
    admin.set_badge(staff.registry, TENANT, "1001", "BADGE-0001-0042")
    staff.user("1003", first_name=HOSTILE[0], last_name=HOSTILE[1], manager="1000")
    staff.user("1004")  # no name at all
    admin.revoke_user(staff.registry, staff.sessions, TENANT, "1002")
    return staff


def test_user_list_shows_who_and_what_is_set_but_no_secret(listed_staff: Server, run: Run) -> None:
    code, out, err = run(listed_staff.settings.data, "user", "list", "--tenant", TENANT)

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["NUMBER", "NAME", "ROLE", "MANAGER", "ACTIVE", "PASSWORD", "PIN", "BADGE"]
    assert [line.split()[0] for line in lines[1:]] == ["1000", "1001", "1002", "1003", "1004"]
    assert lines[1].split() == ["1000", "Mona", "Leder", "manager", "—", "yes", "yes", "no", "no"]
    assert lines[2].split() == ["1001", "Per", "Ansatt", "employee", "1000", "yes", "yes", "yes", "yes"]
    assert lines[3].split()[-5:] == ["—", "no", "yes", "no", "no"]  # revoked
    assert lines[5].split() == ["1004", "—", "employee", "—", "yes", "yes", "no", "no"]
    assert "Utenfor" not in out  # the other tenant's 1001
    for secret in (*hashes_of(listed_staff), "$argon2", "1234", "BADGE-0001-0042", PASSWORD):
        assert secret not in out


def test_user_list_escapes_what_a_terminal_would_obey(listed_staff: Server, run: Run) -> None:
    _, out, _ = run(listed_staff.settings.data, "user", "list", "--tenant", TENANT)
    [line] = [line for line in out.splitlines() if line.startswith("1003")]
    for raw in ("\x00", "\x1b", "\x07", "\u202e"):
        assert raw not in out
    assert "Robert'); DROP TABLE employees;--" in line
    assert "\\x00\\x1b[2J\\x1b]0;pwned\\x07 \\u202eevil" in line
    assert "Åse 🕐👩🏽‍🔧 Ødegård" in line  # letters and emoji (with their joiners) stay as they are


def test_user_list_json_is_exact_and_holds_no_secret(listed_staff: Server, run: Run) -> None:
    code, out, _ = run(listed_staff.settings.data, "user", "list", "--tenant", TENANT, "--json")

    assert code == 0
    assert out.isascii()  # every control or bidi character escaped, whatever reads it
    users = {user["number"]: user for user in json.loads(out)}
    assert list(users) == ["1000", "1001", "1002", "1003", "1004"]
    assert users["1001"] == {
        "number": "1001",
        "first_name": "Per",
        "last_name": "Ansatt",
        "role": "employee",
        "manager": "1000",
        "active": True,
        "has_password": True,
        "has_pin": True,
        "has_badge": True,
    }
    assert (users["1003"]["first_name"], users["1003"]["last_name"]) == HOSTILE  # verbatim once parsed
    assert users["1002"]["active"] is False
    for secret in (*hashes_of(listed_staff), "argon2", "1234", "BADGE-0001-0042"):
        assert secret not in out


def test_an_empty_tenant_lists_no_users(server: Server, run: Run) -> None:
    assert run(server.settings.data, "user", "list", "--tenant", TENANT)[:2] == (0, "no users in acme\n")
    assert run(server.settings.data, "user", "list", "--tenant", TENANT, "--json")[:2] == (0, "[]\n")
    assert run(server.settings.data, "user", "list", "--tenant", "nope")[0] == 1


# --- device list -------------------------------------------------------------------------


def push_punch(device: Device, employee: str) -> None:
    at = datetime.now(UTC).isoformat()
    punch = {
        "id": str(uuid.uuid4()),
        "type": "punch",
        "payload": {
            "id": str(uuid.uuid4()),
            "employee": employee,
            "kind": "in",
            "at": at,
            "zone": "Europe/Oslo",
            "device_clock": at,
            "note": "",
        },
    }
    answer = device.call("POST", "/sync/push", json={"mutations": [punch]})
    assert answer.status_code == 200, answer.text


def test_device_list_gives_the_ids_to_revoke_and_their_state(staff: Server, run: Run) -> None:
    working = staff.signed_in("1001")
    push_punch(working, "1001")
    kiosk, retired, stolen = staff.device("kiosk"), staff.device(), staff.device()
    admin.revoke_device(staff.registry, staff.sessions, TENANT, str(retired.device_id))
    admin.revoke_device(staff.registry, staff.sessions, TENANT, str(stolen.device_id), lost=True)
    staff.device(tenant="bolt")  # another tenant's

    code, out, err = run(staff.settings.data, "device", "list", "--tenant", TENANT, "--json")

    assert (code, err) == (0, "")
    listed = {device["id"]: device for device in json.loads(out)}
    ids = [working.device_id, kiosk.device_id, retired.device_id, stolen.device_id]
    assert list(listed) == ids  # oldest first, and only this tenant's
    assert listed[working.device_id]["kind"] == "desktop"
    assert listed[kiosk.device_id]["kind"] == "kiosk"
    assert listed[working.device_id]["last_event_at"] is not None
    assert listed[kiosk.device_id]["last_event_at"] is None
    assert [listed[i]["active"] for i in ids] == [True, True, False, False]
    assert [listed[i]["lost"] for i in ids] == [False, False, False, True]
    assert listed[retired.device_id]["revoked_at"] is not None
    assert listed[retired.device_id]["wiped_at"] is None
    assert set(listed[working.device_id]) == {
        "id",
        "kind",
        "name",
        "enrolled_at",
        "last_event_at",
        "active",
        "revoked_at",
        "wiped_at",
        "lost",
    }  # no key, no thumbprint

    code, table, _ = run(staff.settings.data, "device", "list", "--tenant", TENANT)
    assert code == 0
    lines = table.splitlines()
    assert lines[0].split() == ["ID", "KIND", "NAME", "ENROLLED", "LAST", "EVENT", "REVOKED", "STATE"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert list(rows) == ids
    assert rows[str(working.device_id)].endswith("active")
    assert rows[str(kiosk.device_id)].split()[1:3] == ["kiosk", "Test"]
    assert rows[str(retired.device_id)].endswith("revoked, farewell open")
    assert rows[str(stolen.device_id)].endswith("revoked as lost")
    for text in (out, table):
        assert "kty" not in text  # no public key either: nothing an admin needs


def test_device_list_of_a_tenant_without_devices(server: Server, run: Run) -> None:
    assert run(server.settings.data, "device", "list", "--tenant", TENANT)[:2] == (0, "no devices in acme\n")
    assert run(server.settings.data, "device", "list", "--tenant", TENANT, "--json")[:2] == (0, "[]\n")


# --- file modes --------------------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask most admins have (0644 files), so a private mode is the code's doing."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def open_to_others(data: Path) -> dict[str, str]:
    found = {}
    for path in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            found[str(path.relative_to(data))] = oct(mode)
    return found


@posix_only
@pytest.mark.usefixtures("usual_umask")
def test_the_data_folder_and_every_file_in_it_are_private(tmp_path: Path, run: Run) -> None:
    data = tmp_path / "srv" / "stempel"
    commands: list[tuple[list[str], str]] = [
        (["init", "--hostname", "stempel.example.invalid"], ""),
        (["tenant", "create", "fjordbakeri"], ""),
        (["user", "add", "--tenant", "fjordbakeri", "--number", "1001"], "et-langt-passord\n1234\n"),
        (["user", "password", "--tenant", "fjordbakeri", "--number", "1001"], "et-annet-passord\n"),
        (["device", "code", "--tenant", "fjordbakeri"], ""),
    ]
    for argv, stdin in commands:
        code, _, err = run(data, *argv, stdin=stdin)
        assert code == 0, err

    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "server.json").stat().st_mode) == 0o600
    assert (data / "sessions.db").exists()
    assert open_to_others(data) == {}
    assert os.umask(0o022) == 0o022  # the command gave the umask back

    # Opened later by a process with the usual umask (`serve` under a careless unit, a test):
    # SQLite makes the -wal and -shm with the database file's own mode.
    settings = Settings.load(data)
    registry, sessions = TenantRegistry(settings.tenants), SessionStore(settings.sessions)
    try:
        with registry.engine("fjordbakeri").connect() as conn:
            conn.execute(select(employees.c.number)).all()
            beside = sorted(p.name for p in data.rglob("*-wal")) + sorted(p.name for p in data.rglob("*-shm"))
            assert beside == [
                "fjordbakeri.sqlite-wal",
                "sessions.db-wal",
                "fjordbakeri.sqlite-shm",
                "sessions.db-shm",
            ]
            assert open_to_others(data) == {}
    finally:
        sessions.close()
        registry.dispose()


@posix_only
@pytest.mark.usefixtures("usual_umask")
def test_a_registry_used_as_a_library_makes_private_tenants_too(tmp_path: Path) -> None:
    registry = TenantRegistry(tmp_path / "tenants")
    registry.create("acme")
    registry.dispose()
    assert open_to_others(tmp_path / "tenants") == {}
    assert stat.S_IMODE((tmp_path / "tenants").stat().st_mode) == 0o700


@posix_only
def test_serve_warns_of_an_open_data_folder_without_naming_it(tmp_path: Path) -> None:
    data = tmp_path / "kari-nordmann-stempel"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    (data / "tenants").mkdir()
    (data / "tenants" / "acme.sqlite").write_bytes(b"")
    (data / "tenants" / "acme.sqlite").chmod(0o644)
    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("stempel.server")
    logger.addHandler(handler)
    try:
        cli._warn_if_open(data)
        first = list(messages)
        messages.clear()
        data.chmod(0o700)
        (data / "tenants").chmod(0o700)
        (data / "tenants" / "acme.sqlite").chmod(0o600)
        cli._warn_if_open(data)
        second = list(messages)
    finally:
        logger.removeHandler(handler)
    assert len(first) == 2
    assert "open to group or others (mode 0755)" in first[0]
    assert first[1].startswith("files or folders in the data folder that group or others may access: 2;")
    assert not any("kari" in message or "acme" in message for message in first)
    assert second == []
