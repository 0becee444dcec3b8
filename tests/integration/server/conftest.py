"""A real tenant server over TLS on 127.0.0.1, shared by the tests of this folder.

Each test makes its own tenants (unique names), so tests never see each other's rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from faker import Faker

from app.demo import FAKER_LOCALE
from tests.integration.server.harness import Api, ServerProcess, free_port, server_cli

_tenant_numbers = itertools.count(1)


def start_server(data: Path, *extra: str) -> ServerProcess:
    done = server_cli(data, "init", "--hostname", "localhost")
    assert done.returncode == 0, done.stderr
    server = ServerProcess(data=data, port=free_port(), log=data / "server.log")
    server.start(*extra)
    return server


@pytest.fixture(scope="session")
def tenant_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    server = start_server(tmp_path_factory.mktemp("server"))
    yield server
    server.stop()


@pytest.fixture
def new_tenant(tenant_server: ServerProcess) -> Callable[..., str]:
    def make(*flags: str) -> str:
        name = f"t{next(_tenant_numbers)}-{Faker(FAKER_LOCALE).pystr(min_chars=4, max_chars=4).lower()}"
        tenant_server.tenant(name, *flags)
        return name

    return make


@pytest.fixture
def open_apis() -> Iterator[list[Api]]:
    apis: list[Api] = []
    yield apis
    for api in apis:
        api.close()


@pytest.fixture
def signed_in(tenant_server: ServerProcess, open_apis: list[Api]) -> Callable[..., Api]:
    """An enrolled desktop device with `number` signed in (the user must exist)."""

    def make(tenant: str, number: str, password: str, kind: str = "desktop") -> Api:
        api = Api(tenant_server, tenant)
        open_apis.append(api)
        assert api.enroll(tenant_server.device_code(tenant, kind)).status_code == 200
        response = api.login_device() if kind == "kiosk" else api.login(number, password)
        assert response.status_code == 200, response.text
        return api

    return make
