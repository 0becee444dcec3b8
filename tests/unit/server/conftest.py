"""The tenant server in-process (Starlette's TestClient over httpx2), with devices that sign.

`Device` is an enrolled (or not yet enrolled) device of one tenant: its key, its
tokens, and calls that carry a DPoP proof the way the real client makes them.
A small `/whoami` route, added for the tests only, shows what `CurrentCaller` saw.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi import APIRouter, FastAPI
from starlette.testclient import TestClient

from server import admin
from server.app import create_app
from server.auth import CurrentCaller
from server.sessions import SessionStore
from server.settings import Settings
from server.tenants import TenantRegistry
from sync.dpop import DeviceKey
from sync.protocol import API_PREFIX

BASE_URL = "https://testserver"
PASSWORD = "korrekt-hest-batteri-stift"
TENANT, OTHER = "acme", "bolt"

whoami_router = APIRouter()


@whoami_router.get("/whoami")
def whoami(caller: CurrentCaller) -> dict[str, Any]:
    return {
        "tenant": caller.tenant,
        "kind": caller.kind,
        "device_id": caller.device_id,
        "device_kind": caller.device_kind,
        "employee": caller.employee,
        "role": caller.role,
    }


@dataclass
class Device:
    client: TestClient
    tenant: str
    key: DeviceKey = field(default_factory=DeviceKey.generate)
    access: str | None = None
    refresh: str | None = None
    device_id: str | None = None

    def url(self, path: str, tenant: str | None = None) -> str:
        return f"{BASE_URL}/t/{tenant or self.tenant}/v1{path}"

    def proof(
        self, method: str, path: str, *, token: str | None = None, tenant: str | None = None, **extra: Any
    ) -> str:
        return self.key.proof(method, self.url(path, tenant), access_token=token, **extra)

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        token: str | None = None,
        proof: str | None = None,
        with_proof: bool = True,
        scheme: str = "DPoP",
        tenant: str | None = None,
    ) -> httpx2.Response:
        """A call as the client makes it; `token=""` sends no Authorization (token endpoint, enroll)."""
        bearer = self.access if token is None else token
        headers: dict[str, str] = {}
        if with_proof:
            headers["DPoP"] = proof or self.proof(method, path, token=bearer or None, tenant=tenant)
        if bearer:
            headers["Authorization"] = f"{scheme} {bearer}"
        return self.client.request(method, self.url(path, tenant), json=json, headers=headers)

    def enroll(self, code: str) -> httpx2.Response:
        answer = self.call("POST", "/devices/enroll", json={"code": code, "name": "Test PC"}, token="")
        if answer.status_code == 200:
            self.device_id = answer.json()["device_id"]
        return answer

    def _take(self, answer: httpx2.Response) -> httpx2.Response:
        if answer.status_code == 200:
            body = answer.json()
            self.access, self.refresh = body["access_token"], body.get("refresh_token")
        return answer

    def login(self, number: str, password: str = PASSWORD, **kwargs: Any) -> httpx2.Response:
        body = {"grant_type": "password", "username": number, "password": password}
        return self._take(self.call("POST", "/token", json=body, token="", **kwargs))

    def login_device(self) -> httpx2.Response:
        return self._take(self.call("POST", "/token", json={"grant_type": "device"}, token=""))

    def refresh_with(self, refresh: str | None = None, **kwargs: Any) -> httpx2.Response:
        body = {"grant_type": "refresh_token", "refresh_token": refresh or self.refresh}
        return self.call("POST", "/token", json=body, token="", **kwargs)

    def refresh_tokens(self, refresh: str | None = None) -> httpx2.Response:
        return self._take(self.refresh_with(refresh))

    def whoami(self, **kwargs: Any) -> httpx2.Response:
        return self.call("GET", "/whoami", **kwargs)


@dataclass
class Server:
    app: FastAPI
    client: TestClient
    settings: Settings

    @property
    def registry(self) -> TenantRegistry:
        registry: TenantRegistry = self.app.state.registry
        return registry

    @property
    def sessions(self) -> SessionStore:
        sessions: SessionStore = self.app.state.sessions
        return sessions

    def user(
        self,
        number: str,
        role: str = "employee",
        *,
        tenant: str = TENANT,
        pin: str | None = None,
        **names: Any,
    ) -> None:
        admin.add_user(self.registry, tenant, number, role, PASSWORD, pin, **names)

    def code(self, kind: str = "desktop", *, tenant: str = TENANT, now: datetime | None = None) -> str:
        return admin.device_code(self.registry, tenant, kind, now or datetime.now(UTC))

    def device(self, kind: str = "desktop", *, tenant: str = TENANT, enrolled: bool = True) -> Device:
        device = Device(self.client, tenant)
        if enrolled:
            answer = device.enroll(self.code(kind, tenant=tenant))
            assert answer.status_code == 200, answer.text
        return device

    def signed_in(self, number: str, *, tenant: str = TENANT) -> Device:
        device = self.device(tenant=tenant)
        answer = device.login(number)
        assert answer.status_code == 200, answer.text
        return device

    def session_files_bytes(self) -> bytes:
        """Everything the session store wrote to disk: the database, its WAL and shared memory."""
        folder = self.settings.sessions.parent
        return b"".join(p.read_bytes() for p in sorted(folder.glob(self.settings.sessions.name + "*")))


def make_server(data: Path, **overrides: Any) -> Iterator[Server]:
    settings = Settings(data=data, **{"login_attempts": 3, **overrides})
    app = create_app(settings)
    app.include_router(whoami_router, prefix=API_PREFIX)
    registry: TenantRegistry = app.state.registry
    registry.create(TENANT)
    registry.create(OTHER)
    with TestClient(app, base_url=BASE_URL) as client:
        yield Server(app, client, settings)
    registry.dispose()
    app.state.sessions.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    yield from make_server(tmp_path / "data")


@pytest.fixture
def server_with(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """A server with other settings: `server_with(access_ttl=1)`."""
    made: list[Iterator[Server]] = []

    def make(**overrides: Any) -> Server:
        it = make_server(tmp_path / f"data{len(made)}", **overrides)
        made.append(it)
        return next(it)

    yield make
    for it in made:
        for _ in it:
            pass


@pytest.fixture
def staff(server: Server) -> Server:
    """`acme` with a manager 1000, employees 1001 and 1002; `bolt` with its own 1001."""
    server.user("1000", "manager", first_name="Mona", last_name="Leder")
    server.user("1001", pin="1234", manager="1000", first_name="Per", last_name="Ansatt")
    server.user("1002", first_name="Siri", last_name="Annen")
    server.user("1001", tenant=OTHER, first_name="Ola", last_name="Utenfor")
    return server


@pytest.fixture
def team(tmp_path: Path) -> TenantRegistry:
    """`acme` in-process (no HTTP) with two teams and an admin: see decision_parts.make_team."""
    from tests.unit.server.decision_parts import make_team

    return make_team(tmp_path / "tenants")
