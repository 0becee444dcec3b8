"""The real tenant server for tests: `stempel-server serve` over TLS on 127.0.0.1.

`ServerProcess` runs the CLI in a child process (as an admin would) and
`Api` talks to it with httpx2, verifying the server against its private CA
and signing every call with a device key (DPoP).
"""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2

from sync.dpop import DeviceKey

ROOT = Path(__file__).resolve().parents[3]


def server_cli(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", *args, "--data", str(data)],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class ServerProcess:
    data: Path
    port: int
    log: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def ca(self) -> Path:
        return self.data / "tls" / "ca.crt"

    def start(self, *extra: str) -> None:
        log = self.log.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server.cli",
                "serve",
                "--data",
                str(self.data),
                "--port",
                str(self.port),
                *extra,
            ],
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        log.close()
        deadline = time.monotonic() + 60
        context = ssl.create_default_context(cafile=str(self.ca))
        while True:  # wait until the TLS port answers a handshake
            try:
                with (
                    socket.create_connection(("127.0.0.1", self.port), timeout=2) as raw,
                    context.wrap_socket(raw, server_hostname="127.0.0.1"),
                ):
                    return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start; see {self.log}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.proc = None

    def tenant(self, name: str, *flags: str) -> None:
        done = server_cli(self.data, "tenant", "create", name, *flags)
        assert done.returncode == 0, done.stderr

    def user(self, tenant: str, number: str, password: str, pin: str = "", *flags: str) -> None:
        done = server_cli(
            self.data,
            "user",
            "add",
            "--tenant",
            tenant,
            "--number",
            number,
            *flags,
            stdin=f"{password}\n{pin}\n",
        )
        assert done.returncode == 0, done.stderr

    def device_code(self, tenant: str, kind: str = "desktop") -> str:
        done = server_cli(self.data, "device", "code", "--tenant", tenant, "--kind", kind)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]


@dataclass
class Api:
    """A device talking to one tenant: its key, and its tokens once signed in."""

    server: ServerProcess
    tenant: str
    key: DeviceKey = field(default_factory=DeviceKey.generate)
    access: str | None = None
    refresh: str | None = None
    enroll_answer: dict[str, Any] = field(default_factory=dict)
    client: httpx2.Client = field(init=False)

    def __post_init__(self) -> None:
        self.client = httpx2.Client(verify=ssl.create_default_context(cafile=str(self.server.ca)), timeout=30)

    def close(self) -> None:
        self.client.close()

    def url(self, path: str) -> str:
        return f"{self.server.url}/t/{self.tenant}/v1{path}"

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        token: str | None = None,
        proof: bool = True,
    ) -> httpx2.Response:
        url = self.url(path)
        headers: dict[str, str] = {}
        bearer = token if token is not None else self.access
        if proof:
            headers["DPoP"] = self.key.proof(method, url, access_token=bearer if bearer else None)
        if bearer:
            headers["Authorization"] = f"DPoP {bearer}"
        return self.client.request(method, url, json=json, params=params, headers=headers)

    def enroll(self, code: str) -> httpx2.Response:
        response = self.call("POST", "/devices/enroll", json={"code": code, "name": "test device"}, token="")
        if response.status_code == 200:
            self.enroll_answer = response.json()
        return response

    def _take(self, response: httpx2.Response) -> httpx2.Response:
        if response.status_code == 200:
            body = response.json()
            self.access, self.refresh = body["access_token"], body.get("refresh_token")
        return response

    def login(self, number: str, password: str) -> httpx2.Response:
        body = {"grant_type": "password", "username": number, "password": password}
        return self._take(self.call("POST", "/token", json=body, token=""))

    def login_device(self) -> httpx2.Response:
        return self._take(self.call("POST", "/token", json={"grant_type": "device"}, token=""))

    def refresh_tokens(self, refresh: str | None = None) -> httpx2.Response:
        body = {"grant_type": "refresh_token", "refresh_token": refresh or self.refresh}
        return self._take(self.call("POST", "/token", json=body, token=""))

    def push(self, mutations: list[dict[str, Any]]) -> httpx2.Response:
        return self.call("POST", "/sync/push", json={"mutations": mutations})

    def pull(self, after: int = 0, limit: int = 500) -> httpx2.Response:
        return self.call("GET", "/sync/pull", params={"after": after, "limit": limit})


def punch_mutation(
    employee: str, kind: str = "in", *, note: str = "", at: datetime | None = None
) -> dict[str, Any]:
    at = at or datetime.now(UTC)
    return {
        "id": str(uuid.uuid4()),
        "type": "punch",
        "payload": {
            "id": str(uuid.uuid4()),
            "employee": employee,
            "kind": kind,
            "at": at.isoformat(),
            "zone": "Europe/Oslo",
            "device_clock": at.isoformat(),
            "source": "desktop",
            "note": note,
        },
    }
