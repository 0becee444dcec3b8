"""Client profiles against the real server: enrolled and signed in through the app's own code."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from app.device_setup import enroll_profile, sign_in_profile
from app.store import Store
from sync.transport import Transport
from tests.integration.server.harness import ServerProcess

PASSWORD = "Tyttebær & multe 7"


def enrolled_profile(
    server: ServerProcess,
    tenant: str,
    folder: Path,
    number: str | None = None,
    *,
    password: str = PASSWORD,
    kind: str = "desktop",
) -> Path:
    """A profile at `folder` enrolled with `tenant`; with `number` (who must exist) signed in."""
    code = server.device_code(tenant, kind)
    ca_pem = server.ca.read_bytes()
    with Store.open(folder) as store, Transport(server.url, ca_pem=ca_pem) as transport:
        enroll_profile(store, transport, tenant, code, ca_pem=ca_pem, name="test pc")
        if number is not None:
            sign_in_profile(store, number, password)
    return folder


def server_punch_ids(server: ServerProcess, tenant: str) -> list[str]:
    """The punch ids in the tenant's ledger, in sequence order (read straight from its file)."""
    path = server.data / "tenants" / f"{tenant}.sqlite"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = conn.execute("SELECT id FROM ledger WHERE type = 'punch' ORDER BY seq").fetchall()
    return [str(r[0]) for r in rows]


def server_punch_payloads(server: ServerProcess, tenant: str) -> list[str]:
    path = server.data / "tenants" / f"{tenant}.sqlite"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = conn.execute("SELECT payload FROM ledger WHERE type = 'punch' ORDER BY seq").fetchall()
    return [str(r[0]) for r in rows]
