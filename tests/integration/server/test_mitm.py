"""A man in the middle gets nothing: certificate, pin, host name and address checks against the real server.

Each test enrolls a device and signs employee 1001 in with the client's own calls
(`sync.enrollment`), then tries the silent refresh's exact call,
`request_token(transport, tenant, RefreshGrant(...), key)`, through a fault proxy
(it records the bytes on the wire) to either the real server or an impostor: a TLS
server on 127.0.0.1 that records what it decrypts. A refusal must come before the
refresh token leaves the device; the control cases show the same path works, and
that the impostor would have read the token had the client trusted it.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from server import pki
from sync.dpop import DeviceKey
from sync.enrollment import enroll, request_token, sign_in
from sync.errors import (
    CERTIFICATE_SENTENCE,
    CertificateRejected,
    InsecureAddress,
    ServerUnavailable,
    UnexpectedAnswer,
)
from sync.protocol import RefreshGrant, TokenResponse
from sync.transport import Transport
from tests.integration.faultproxy import CUT_AFTER_REQUEST, TLS_APPLICATION_DATA, FaultProxy, tls_records
from tests.integration.server.harness import ServerProcess
from tests.integration.server.test_client_setup import server_pin
from tests.unit.sync.tls_server import TlsServer, http_response

NUMBER = "1001"
PASSWORD = "correct horse"


@dataclass(frozen=True)
class Device:
    tenant: str
    key: DeviceKey
    refresh_token: str


@pytest.fixture
def device(tenant_server: ServerProcess, new_tenant: Callable[..., str]) -> Device:
    """A desktop enrolled with a one-time code and employee 1001 signed in, as `stempel setup`/`login` do."""
    tenant = new_tenant()
    tenant_server.user(tenant, NUMBER, PASSWORD)
    key = DeviceKey.generate()
    with Transport(tenant_server.url, ca_file=tenant_server.ca) as transport:
        enroll(transport, tenant, tenant_server.device_code(tenant), key, "Resepsjonen")
        tokens = sign_in(transport, tenant, NUMBER, PASSWORD, key)
    assert tokens.refresh_token is not None
    return Device(tenant, key, tokens.refresh_token)


@pytest.fixture
def server_proxy(tenant_server: ServerProcess) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", tenant_server.port) as proxy:
        yield proxy


def refresh(url: str, device: Device, *, ca_file: Path, pin_sha256: str | None = None) -> TokenResponse:
    """The silent refresh's call, over a new Transport to `url` that trusts `ca_file` (and the pin)."""
    grant = RefreshGrant(grant_type="refresh_token", refresh_token=device.refresh_token)
    with Transport(url, ca_file=ca_file, pin_sha256=pin_sha256) as client:
        return request_token(client, device.tenant, grant, device.key)


def wire(proxy: FaultProxy) -> bytes:
    """Every byte the proxy saw, both ways, withheld ones too."""
    return b"".join(log.client_to_server + log.server_to_client + log.withheld for log in proxy.captured())


def impostor_cert(
    folder: Path, ca_cert: Path, ca_key: Path, names: list[x509.GeneralName]
) -> tuple[Path, Path]:
    """A server certificate with a fresh key for exactly `names`, issued by the CA at (ca_cert, ca_key)."""
    ca = x509.load_pem_x509_certificate(ca_cert.read_bytes())
    signer = serialization.load_pem_private_key(ca_key.read_bytes(), password=None)
    assert isinstance(signer, ec.EllipticCurvePrivateKey)
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "impostor")]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(signer, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "impostor.crt", folder / "impostor.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


LOOPBACK_NAMES: list[x509.GeneralName] = [
    x509.DNSName("localhost"),
    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
]


def tenant_ca(server: ServerProcess) -> tuple[Path, Path]:
    """The tenant server's own CA certificate and key, as `stempel-server init` left them."""
    return server.ca, server.data / "tls" / "ca.key"


def assert_nothing_left_the_device(device: Device, impostor: TlsServer, proxy: FaultProxy) -> None:
    """One connection went to the impostor; no application data crossed the proxy; no token anywhere.

    The proxy's log of a connection is finished once the impostor closed its side, so
    the impostor's own record of that connection is complete by then.
    """
    [log] = proxy.wait_for_connections(1, finished=True)
    assert log.upstream_connected, "the client never reached the impostor: the refusal would mean nothing"
    assert log.client_application_records == 0
    assert [c.received for c in impostor.connections] == [b""]  # not one decrypted byte: no request line
    assert device.refresh_token.encode() not in wire(proxy)


def token_answers(server: ServerProcess, tenant: str) -> int:
    """How many `POST /token` the server answered 200 for `tenant`, by its access log.

    The server writes a request's line before the answer's first byte leaves, so the
    line of a request whose answer the proxy saw is there. A line still being written
    (no newline yet) is left out.
    """
    complete = server.log.read_text(encoding="utf-8").split("\n")[:-1]
    lines = [json.loads(line) for line in complete if line.startswith("{")]
    return sum(
        1
        for line in lines
        if line.get("tenant") == tenant and line.get("route") == "/token" and line.get("status") == 200
    )


def test_through_the_proxy_the_real_server_refreshes_and_no_token_is_plain_on_the_wire(
    tenant_server: ServerProcess, device: Device, server_proxy: FaultProxy
) -> None:
    answer = refresh(
        server_proxy.url_for(tenant_server.url),
        device,
        ca_file=tenant_server.ca,
        pin_sha256=server_pin(tenant_server),
    )
    assert answer.refresh_token not in (None, device.refresh_token)
    [log] = server_proxy.wait_for_connections(1, finished=True)
    assert log.tls
    assert log.client_application_records >= 1  # what the refusals below must not have
    on_the_wire = wire(server_proxy)
    for secret in (device.refresh_token, answer.refresh_token, answer.access_token):
        assert secret is not None
        assert secret.encode() not in on_the_wire


def test_a_certificate_from_another_ca_is_refused_in_plain_words_and_the_token_stays_home(
    tenant_server: ServerProcess, device: Device, tmp_path: Path
) -> None:
    other_ca, other_ca_key = pki.make_ca(tmp_path, "Impostor CA")
    cert = pki.make_server_cert(tmp_path / "impostor", other_ca, other_ca_key, "localhost")
    with TlsServer([cert]) as impostor, FaultProxy("127.0.0.1", impostor.port) as proxy:
        with pytest.raises(CertificateRejected) as refused:
            refresh(proxy.url_for(impostor.url), device, ca_file=tenant_server.ca)
        assert str(refused.value) == CERTIFICATE_SENTENCE
        assert_nothing_left_the_device(device, impostor, proxy)
        assert [c.handshake_done for c in impostor.connections] == [False]


def test_a_wrong_pin_refuses_the_real_server_before_a_request_byte(
    tenant_server: ServerProcess, device: Device, server_proxy: FaultProxy, tmp_path: Path
) -> None:
    other_ca, other_ca_key = pki.make_ca(tmp_path)
    other_cert, _ = pki.make_server_cert(tmp_path, other_ca, other_ca_key, "localhost")
    url = server_proxy.url_for(tenant_server.url)
    wrong_pin = pki.spki_sha256(other_cert.read_bytes())
    with pytest.raises(CertificateRejected, match=CERTIFICATE_SENTENCE):
        refresh(url, device, ca_file=tenant_server.ca, pin_sha256=wrong_pin)
    [log] = server_proxy.wait_for_connections(1, finished=True)
    assert log.server_to_client  # the real server shook hands: the CA passed, the pin did not
    assert log.client_application_records == 0
    assert device.refresh_token.encode() not in wire(server_proxy)
    # the only difference was the pin: the same call with the server's pin goes through
    assert refresh(url, device, ca_file=tenant_server.ca, pin_sha256=server_pin(tenant_server)).refresh_token


def test_an_impostor_with_a_certificate_of_the_right_ca_is_refused_by_the_pin(
    tenant_server: ServerProcess, device: Device, tmp_path: Path
) -> None:
    cert = impostor_cert(tmp_path, *tenant_ca(tenant_server), LOOPBACK_NAMES)
    with TlsServer([cert]) as impostor, FaultProxy("127.0.0.1", impostor.port) as proxy:
        with pytest.raises(CertificateRejected, match=CERTIFICATE_SENTENCE):
            refresh(
                proxy.url_for(impostor.url),
                device,
                ca_file=tenant_server.ca,
                pin_sha256=server_pin(tenant_server),
            )
        assert_nothing_left_the_device(device, impostor, proxy)
        assert [c.handshake_done for c in impostor.connections] == [True]  # the CA and the name passed


def test_without_the_pin_that_impostor_would_have_read_the_refresh_token(
    tenant_server: ServerProcess, device: Device, tmp_path: Path
) -> None:
    """The control of the test above: the impostor's recording works, and only the pin stood in its way."""
    cert = impostor_cert(tmp_path, *tenant_ca(tenant_server), LOOPBACK_NAMES)
    with TlsServer([cert], [http_response(200, b"{}")]) as impostor:
        with pytest.raises(UnexpectedAnswer):
            refresh(impostor.url, device, ca_file=tenant_server.ca)
        assert device.refresh_token.encode() in impostor.connections[0].received


@pytest.mark.parametrize("pinned", [False, True], ids=["ca-only", "pinned-to-the-impostor"])
def test_a_certificate_of_the_right_ca_for_another_host_name_is_refused(
    tenant_server: ServerProcess, device: Device, tmp_path: Path, pinned: bool
) -> None:
    cert = impostor_cert(tmp_path, *tenant_ca(tenant_server), [x509.DNSName("stempel.example")])
    pin = pki.spki_sha256(cert[0].read_bytes()) if pinned else None
    with TlsServer([cert]) as impostor, FaultProxy("127.0.0.1", impostor.port) as proxy:
        with pytest.raises(CertificateRejected, match=CERTIFICATE_SENTENCE):
            refresh(proxy.url_for(impostor.url), device, ca_file=tenant_server.ca, pin_sha256=pin)
        assert_nothing_left_the_device(device, impostor, proxy)
        assert [c.handshake_done for c in impostor.connections] == [False]


def test_an_http_address_is_refused_before_any_connection(tenant_server: ServerProcess) -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)  # a connection made would wait in the backlog: accept() would return it
        with pytest.raises(InsecureAddress, match="must start with https://"):
            Transport(f"http://127.0.0.1:{listener.getsockname()[1]}", ca_file=tenant_server.ca)
        with pytest.raises(BlockingIOError):
            listener.accept()


def test_the_proxy_cuts_a_real_token_answer_after_the_server_made_it(
    tenant_server: ServerProcess, device: Device, server_proxy: FaultProxy
) -> None:
    """The fault the lost-answer grace exists for, on the real server's TLS (1.3, with session tickets)."""
    server_proxy.set_fault(CUT_AFTER_REQUEST, times=1)
    url = server_proxy.url_for(tenant_server.url)
    assert token_answers(tenant_server, device.tenant) == 1  # the sign-in
    with pytest.raises(ServerUnavailable):
        refresh(url, device, ca_file=tenant_server.ca)
    assert token_answers(tenant_server, device.tenant) == 2  # the server answered the refresh...
    [log] = server_proxy.wait_for_connections(1, finished=True)
    assert log.client_application_records >= 1
    withheld = tls_records(log.withheld)
    assert withheld
    assert withheld[0][0] == TLS_APPLICATION_DATA  # ...and its answer stayed in the proxy
    again = refresh(url, device, ca_file=tenant_server.ca)  # the same token, retried: the lost answer's twin
    assert again.refresh_token
