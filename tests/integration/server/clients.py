"""Client profiles against the real server: enrolled and signed in through the app's own code."""

from __future__ import annotations

import itertools
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

from app.device_setup import enroll_profile, sign_in_profile
from app.store import Store
from sync import config
from sync.transport import Transport
from tests.integration.server.harness import ServerProcess

PASSWORD = "Tyttebær & multe 7"
_numbers = itertools.count(1)


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


def staffed_tenant(server: ServerProcess, prefix: str = "t") -> str:
    """A fresh tenant on `server` with employee 1001 (password PASSWORD)."""
    tenant = f"{prefix}{next(_numbers)}-{uuid.uuid4().hex[:4]}"
    server.tenant(tenant)
    server.user(tenant, "1001", PASSWORD)
    return tenant


def device_of(profile: Path) -> str:
    """The device id the profile was enrolled as."""
    with Store.open(profile, create=False) as store:
        device = store.setting(config.DEVICE_ID)
    assert device
    return device


def _ledger_punches(server: ServerProcess, tenant: str, column: str, device: str | None) -> list[str]:
    path = server.data / "tenants" / f"{tenant}.sqlite"
    where = "type = 'punch'" + ("" if device is None else " AND device_id = ?")
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            f"SELECT {column} FROM ledger WHERE {where} ORDER BY seq",  # noqa: S608 - our own literals
            () if device is None else (device,),
        ).fetchall()
    return [str(r[0]) for r in rows]


def server_punch_ids(server: ServerProcess, tenant: str, device: str | None = None) -> list[str]:
    """The punch ids in the tenant's ledger (only `device`'s, if given), in sequence order."""
    return _ledger_punches(server, tenant, "id", device)


def server_punch_payloads(server: ServerProcess, tenant: str) -> list[str]:
    """The punches' payloads (JSON text) in the tenant's ledger, in sequence order."""
    return _ledger_punches(server, tenant, "payload", None)
