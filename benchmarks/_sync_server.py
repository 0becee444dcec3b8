"""The real tenant server and a real client profile for the sync benchmarks.

The server is `python -m server.cli serve` over TLS on 127.0.0.1 with its data
under /var/tmp (a real disk); tenants and employees are made in-process with
the same admin code as `stempel-server` before it starts. The profile is an
encrypted store with its key in the real Secret Service, enrolled and signed
in through app.device_setup, as `stempel setup` and `login` do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.device_setup import enroll_profile, sign_in_profile
from app.store import Store
from server.settings import Settings
from server.tenants import TenantRegistry
from sync.transport import Transport
from tests.integration.server.harness import ServerProcess, free_port, server_cli

PASSWORD = "bench-password-1"  # noqa: S105 - fictitious, for a throwaway data folder


@contextmanager
def running_server(root: Path, prepare: Callable[[TenantRegistry], None]) -> Iterator[ServerProcess]:
    """Init a data folder, let `prepare` fill it, serve it; stopped afterwards."""
    data = root / "server"
    done = server_cli(data, "init", "--hostname", "localhost")
    if done.returncode != 0:
        raise RuntimeError(f"init failed: {done.stderr}")
    registry = TenantRegistry(Settings.load(data).tenants)
    try:
        prepare(registry)
    finally:
        registry.dispose()
    server = ServerProcess(data=data, port=free_port(), log=root / "server.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def signed_in_profile(server: ServerProcess, tenant: str, folder: Path, number: str) -> Path:
    code = server.device_code(tenant)
    ca_pem = server.ca.read_bytes()
    with Store.open(folder) as store, Transport(server.url, ca_pem=ca_pem) as transport:
        enroll_profile(store, transport, tenant, code, ca_pem=ca_pem, name="bench pc")
        sign_in_profile(store, number, PASSWORD)
    return folder
