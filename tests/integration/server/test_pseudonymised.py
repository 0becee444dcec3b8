"""A pseudonymised tenant: no device receives a name, checked on the wire and in each device database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from app.store import Store
from app.syncing import open_engine
from server.demo import demo_password
from tests.integration.server.clients import enrolled_profile
from tests.integration.server.harness import Api, ServerProcess, server_cli
from tests.secret_service import SecretService


def seeded(server: ServerProcess, tenant: str, *flags: str) -> list[str]:
    """A tenant with the demo's staff (admin 9000, manager 1000, 1001..1006); their names."""
    server.tenant(tenant, *flags)
    done = server_cli(
        server.data, "tenant", "seed-demo", "--tenant", tenant, "--employees", "6", "--weeks", "1"
    )
    assert done.returncode == 0, done.stderr
    path = server.data / "tenants" / f"{tenant}.sqlite"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = conn.execute("SELECT first_name, last_name FROM employees").fetchall()
    names = {part for row in rows for part in row if part}
    assert len(names) >= 10  # a staff with names on the server
    return sorted(names)


def everything_in(profile: Path) -> str:
    """Every value of every table of the profile's (decrypted) database, as one text."""
    with Store.open(profile) as store:
        conn = store._conn  # the test reads the whole file on purpose
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        parts: list[str] = []
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):  # noqa: S608 - names from sqlite_master
                parts.extend(str(value) for value in row)
    return "\n".join(parts)


def pulled_text(api: Api) -> str:
    """Every pull page the device may read, as the raw bytes of the answers (the wire)."""
    texts, after = [], 0
    while True:
        response = api.pull(after=after, limit=1000)
        assert response.status_code == 200, response.text
        texts.append(response.text)
        page = response.json()
        if not page["has_more"]:
            return "\n".join(texts)
        after = page["next_after"]


def test_no_device_receives_a_name_on_the_wire_or_keeps_one(
    real_keyring: SecretService,
    tenant_server: ServerProcess,
    signed_in: Callable[..., Api],
    tmp_path: Path,
) -> None:
    names = seeded(tenant_server, "anonymous", "--pseudonymised")
    wire = {
        "employee": pulled_text(signed_in("anonymous", "1001", demo_password("1001"))),
        "manager": pulled_text(signed_in("anonymous", "1000", demo_password("1000"))),
        "admin": pulled_text(signed_in("anonymous", "9000", demo_password("9000"))),
        "kiosk": pulled_text(signed_in("anonymous", "", "", kind="kiosk")),
    }
    assert '"type":"employee"' in wire["kiosk"]  # the directory did come
    assert '"type":"punch"' in wire["manager"]  # and the team's punches
    for role, text in wire.items():
        assert not [name for name in names if name in text], role

    profiles = {
        "employee": enrolled_profile(
            tenant_server, "anonymous", tmp_path / "e", "1001", password="demo-1001"
        ),
        "manager": enrolled_profile(tenant_server, "anonymous", tmp_path / "m", "1000", password="demo-1000"),
        "kiosk": enrolled_profile(tenant_server, "anonymous", tmp_path / "k", kind="kiosk"),
    }
    for role, profile in profiles.items():
        with open_engine(profile) as engine:
            report = engine.sync_once()
        assert report.pulled > 0, role
        stored = everything_in(profile)
        assert "1001" in stored  # the numbers are there
        assert not [name for name in names if name in stored], role


def test_the_same_staff_named_tenant_does_send_names(
    real_keyring: SecretService, tenant_server: ServerProcess, signed_in: Callable[..., Api]
) -> None:
    """The control: without pseudonymisation the same check finds the names, so it can fail."""
    names = seeded(tenant_server, "named")
    text = pulled_text(signed_in("named", "1000", demo_password("1000")))
    assert [name for name in names if name in text]
