"""Serving: TLS only, one pin printed at init, problem documents, body limits."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable
from pathlib import Path

from server.pki import spki_sha256
from tests.integration.server.harness import Api, ServerProcess, server_cli


def test_init_prints_the_pin_of_the_server_key(tmp_path: Path) -> None:
    done = server_cli(tmp_path, "init", "--hostname", "stempel.test")
    assert done.returncode == 0, done.stderr
    pin = done.stdout.split("pin (SPKI sha256): ")[1].split()[0]
    assert pin == spki_sha256((tmp_path / "tls" / "server.crt").read_bytes())
    assert server_cli(tmp_path, "init").returncode == 1  # never overwrites keys


def test_serve_refuses_to_start_without_tls(tmp_path: Path) -> None:
    done = server_cli(tmp_path, "serve", "--port", "1")
    assert done.returncode == 1
    assert "plain HTTP is never served" in done.stderr


def test_plain_http_to_the_port_gets_no_data(tenant_server: ServerProcess) -> None:
    with socket.create_connection(("127.0.0.1", tenant_server.port), timeout=10) as raw:
        raw.sendall(b"GET /t/x/v1/sync/pull HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        try:
            answer = raw.recv(4096)
        except ConnectionResetError:
            answer = b""
    assert not answer.startswith(b"HTTP/")
    assert b"pull" not in answer


def test_a_certificate_from_another_ca_is_refused(tenant_server: ServerProcess, tmp_path: Path) -> None:
    assert server_cli(tmp_path, "init").returncode == 0
    context = ssl.create_default_context(cafile=str(tmp_path / "tls" / "ca.crt"))
    with socket.create_connection(("127.0.0.1", tenant_server.port), timeout=10) as raw:
        try:
            context.wrap_socket(raw, server_hostname="127.0.0.1")
            verified = True
        except ssl.SSLCertVerificationError:
            verified = False
    assert not verified


def test_unknown_tenant_is_a_problem_document(tenant_server: ServerProcess, open_apis: list[Api]) -> None:
    api = Api(tenant_server, "no-such-tenant")
    open_apis.append(api)
    response = api.pull()
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 404


def test_oversized_body_is_413_and_malformed_json_is_422(
    tenant_server: ServerProcess, new_tenant: Callable[..., str], signed_in: Callable[..., Api]
) -> None:
    tenant = new_tenant()
    tenant_server.user(tenant, "1001", "hemmelig-1001")
    api = signed_in(tenant, "1001", "hemmelig-1001")
    big = api.call("POST", "/sync/push", json={"mutations": [{"note": "x" * (3 * 1024 * 1024)}]})
    assert big.status_code == 413
    url = api.url("/sync/push")
    broken = api.client.post(
        url,
        content=b'{"mutations": [',
        headers={
            "Authorization": f"DPoP {api.access}",
            "DPoP": api.key.proof("POST", url, access_token=api.access),
            "Content-Type": "application/json",
        },
    )
    assert broken.status_code == 422
    assert broken.headers["content-type"].startswith("application/problem+json")
    assert "Traceback" not in broken.text
