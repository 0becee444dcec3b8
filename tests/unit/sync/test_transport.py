"""The transport: https only, CA and pin checked before a request byte leaves, every failure mapped."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from sync.errors import (
    CERTIFICATE_SENTENCE,
    CertificateRejected,
    InsecureAddress,
    RateLimited,
    ServerUnavailable,
    SyncError,
)
from sync.transport import Transport, check_base_url, parse_pin
from tests.unit.sync.conftest import Pki
from tests.unit.sync.tls_server import http_response, talk


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A listening socket: had anyone connected, accept() would return at once."""
    sock = socket.create_server(("127.0.0.1", 0))
    sock.settimeout(0.3)
    yield sock
    sock.close()


def assert_nobody_connected(sock: socket.socket) -> None:
    with pytest.raises(TimeoutError):
        sock.accept()


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:{port}",
        "HTTP://127.0.0.1:{port}/",
        "127.0.0.1:{port}",
        "//127.0.0.1:{port}",
        "ws://127.0.0.1:{port}",
        "https://user:secret@127.0.0.1:{port}",
        "https://127.0.0.1:{port}/?x=1",
        "https://127.0.0.1:99999",
        "https://",
    ],
)
def test_anything_but_plain_https_is_refused_before_connecting(
    listener: socket.socket, address: str, tls_a: Pki
) -> None:
    port = listener.getsockname()[1]
    with pytest.raises(InsecureAddress) as caught:
        Transport(address.format(port=port), ca_file=tls_a.ca, pin_sha256=None)
    assert "secret" not in str(caught.value)
    assert_nobody_connected(listener)


def test_http_is_refused_with_a_plain_sentence(listener: socket.socket) -> None:
    with pytest.raises(InsecureAddress, match=r"must start with https://"):
        Transport(f"http://127.0.0.1:{listener.getsockname()[1]}", ca_file=None, pin_sha256=None)
    assert_nobody_connected(listener)


def test_base_url_is_normalised() -> None:
    assert check_base_url("https://LocalHost:8443/") == "https://localhost:8443"
    assert check_base_url(" https://[::1]:8443/stempel/ ") == "https://[::1]:8443/stempel"


def test_pin_accepts_colons_and_capitals_and_refuses_the_rest() -> None:
    pin = "AB:" * 31 + "AB"
    assert parse_pin(pin) == "ab" * 32
    for bad in ("", "ab" * 31, "zz" * 32, "ab" * 33):
        with pytest.raises(ValueError, match="64 hex digits"):
            parse_pin(bad)


def test_the_right_ca_and_pin_pass_and_the_server_key_is_reported(tls_a: Pki) -> None:
    with talk([(tls_a.cert, tls_a.key)], ca_file=tls_a.ca, pin_sha256=tls_a.pin) as (server, transport):
        response = transport.request("GET", "/ping", headers={"X-Test": "1"})
        assert response.status_code == 200
        assert transport.server_spki_sha256 == tls_a.pin
    assert server.connections[0].received.startswith(b"GET /ping HTTP/1.1\r\n")


def test_pin_mismatch_is_refused_after_the_handshake_before_any_request_byte(tls_a: Pki) -> None:
    certs = [(tls_a.cert, tls_a.key)]
    with talk(certs, ca_file=tls_a.ca, pin_sha256=tls_a.other_pin) as (server, transport):
        with pytest.raises(CertificateRejected) as caught:
            transport.request("POST", "/t/x/v1/token", json={"refresh_token": "very-secret"})
        # the CA check passed (we saw the key); the pin did not
        assert transport.server_spki_sha256 == tls_a.pin
    assert str(caught.value) == CERTIFICATE_SENTENCE
    assert [c.handshake_done for c in server.connections] == [True]
    assert server.connections[0].received == b""


def test_a_certificate_from_another_ca_is_refused(tls_a: Pki, tls_b: Pki) -> None:
    with (
        talk([(tls_b.cert, tls_b.key)], ca_file=tls_a.ca) as (server, transport),
        pytest.raises(CertificateRejected, match="not the one this device trusts"),
    ):
        transport.request("GET", "/ping")
    assert all(c.received == b"" for c in server.connections)


def test_the_system_store_does_not_trust_a_private_ca_even_with_the_right_pin(tls_a: Pki) -> None:
    """Decision: a pin adds to CA trust, it never replaces it."""
    with (
        talk([(tls_a.cert, tls_a.key)], ca_file=None, pin_sha256=tls_a.pin) as (server, transport),
        pytest.raises(CertificateRejected),
    ):
        transport.request("GET", "/ping")
    assert all(c.received == b"" for c in server.connections)


def test_the_pin_is_checked_on_every_new_connection(tls_a: Pki) -> None:
    """Same CA, new key on the second connection: the first request passes, the second never leaves."""
    certs = [(tls_a.cert, tls_a.key), (tls_a.other_cert, tls_a.other_key)]
    with talk(certs, ca_file=tls_a.ca, pin_sha256=tls_a.pin) as (server, transport):
        assert transport.request("GET", "/one").status_code == 200
        with pytest.raises(CertificateRejected):
            transport.request("GET", "/two")
    assert len(server.connections) == 2
    assert server.connections[0].received.startswith(b"GET /one ")
    assert server.connections[1].handshake_done
    assert server.connections[1].received == b""


def test_ca_pem_contents_work_like_the_file(tls_a: Pki) -> None:
    with talk([(tls_a.cert, tls_a.key)], ca_pem=tls_a.ca.read_bytes()) as (_, transport):
        assert transport.request("GET", "/ping").status_code == 200


def test_a_ca_file_without_a_certificate_is_refused(tmp_path: object) -> None:
    with pytest.raises(ValueError, match="no PEM certificate"):
        Transport("https://127.0.0.1:1", ca_pem=b"not a certificate")


def test_nobody_listening_is_server_unavailable(tls_a: Pki) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: connections are refused
        with (
            Transport(f"https://127.0.0.1:{port}", ca_file=tls_a.ca) as transport,
            pytest.raises(ServerUnavailable, match="Could not connect"),
        ):
            transport.request("GET", "/ping")


def test_a_silent_server_times_out(tls_a: Pki) -> None:
    with (
        talk([(tls_a.cert, tls_a.key)], mode="silent", ca_file=tls_a.ca, timeout=0.3) as (_, transport),
        pytest.raises(ServerUnavailable, match="did not answer in time"),
    ):
        transport.request("GET", "/ping")


def test_a_server_without_tls_is_unavailable_and_gets_no_request(tls_a: Pki) -> None:
    certs = [(tls_a.cert, tls_a.key)]
    with (
        talk(certs, mode="plain", responses=[http_response(200)], ca_file=tls_a.ca) as (server, transport),
        pytest.raises(ServerUnavailable, match="secure connection"),
    ):
        transport.request("GET", "/ping")
    assert all(b"GET /ping" not in c.received for c in server.connections)


def test_a_connection_cut_before_the_answer_is_server_unavailable(tls_a: Pki) -> None:
    with (
        talk([(tls_a.cert, tls_a.key)], mode="cut", ca_file=tls_a.ca) as (server, transport),
        pytest.raises(ServerUnavailable, match="broke off"),
    ):
        transport.request("POST", "/push", json={"a": 1})
    assert server.connections[0].received.startswith(b"POST /push ")


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_is_server_unavailable(tls_a: Pki, status: int) -> None:
    answers = [http_response(status)]
    with (
        talk([(tls_a.cert, tls_a.key)], responses=answers, ca_file=tls_a.ca) as (_, transport),
        pytest.raises(ServerUnavailable, match=f"HTTP {status}") as caught,
    ):
        transport.request("GET", "/ping")
    assert caught.value.transient


@pytest.mark.parametrize(("header", "seconds"), [("7", 7.0), ("", 30.0), ("soon", 30.0)])
def test_429_is_rate_limited_with_its_retry_after(tls_a: Pki, header: str, seconds: float) -> None:
    headers = {"Retry-After": header} if header else {}
    answers = [http_response(429, headers=headers)]
    with (
        talk([(tls_a.cert, tls_a.key)], responses=answers, ca_file=tls_a.ca) as (_, transport),
        pytest.raises(RateLimited) as caught,
    ):
        transport.request("GET", "/ping")
    assert caught.value.retry_after == seconds


def test_4xx_is_returned_for_the_caller_to_read(tls_a: Pki) -> None:
    answers = [http_response(404, b"{}")]
    with talk([(tls_a.cert, tls_a.key)], responses=answers, ca_file=tls_a.ca) as (_, transport):
        assert transport.request("GET", "/nothing").status_code == 404


def test_every_error_is_a_sync_error() -> None:
    for error in (InsecureAddress, CertificateRejected, ServerUnavailable, RateLimited):
        assert issubclass(error, SyncError)
