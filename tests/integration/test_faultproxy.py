"""The fault proxy itself: every fault does what it says, against a tiny local HTTP server and a TLS one."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest

from server import pki
from sync.errors import ServerUnavailable
from sync.transport import Transport
from tests.integration.faultproxy import (
    BLACKHOLE,
    CUT_AFTER_REQUEST,
    DROP,
    PASS,
    RESET,
    TLS_APPLICATION_DATA,
    ConnectionLog,
    FaultProxy,
    delay,
    tls_records,
    truncate_response,
)
from tests.unit.sync.tls_server import TlsServer, http_response

REQUEST = b"GET /t/demo/v1/sync/pull HTTP/1.1\r\nHost: stempel.example\r\n\r\n"
REPLY = http_response(200, b'{"events": [], "employee": "1001"}')


class HttpUpstream:
    """One connection at a time: read a request head, record it, answer REPLY, close."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self.requests: list[bytes] = []
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._serve, name="http-upstream", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            client, _ = self._listener.accept()
            with client:
                if self._stop:
                    return
                self.connections += 1
                with contextlib.suppress(OSError):  # a proxy that cut or closed the connection
                    self._answer(client)

    def _answer(self, client: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = client.recv(4096)
            if not chunk:
                break
            request += chunk
        self.requests.append(request)
        client.sendall(REPLY)

    def __enter__(self) -> HttpUpstream:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop = True
        socket.create_connection(("127.0.0.1", self.port)).close()  # wake the accept()
        self._thread.join(10)
        self._listener.close()


class TicketingTlsServer(TlsServer):
    """TlsServer as uvicorn runs it: TLS 1.3 with two session tickets after each handshake."""

    def _context(self, index: int) -> ssl.SSLContext:
        context = super()._context(index)
        context.num_tickets = 2
        return context


@pytest.fixture
def upstream() -> Iterator[HttpUpstream]:
    with HttpUpstream() as server:
        yield server


@pytest.fixture
def proxy(upstream: HttpUpstream) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", upstream.port) as running:
        yield running


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(CA, server certificate for localhost and 127.0.0.1, its key)."""
    folder = tmp_path_factory.mktemp("proxy-pki")
    ca_cert, ca_key = pki.make_ca(folder)
    cert, key = pki.make_server_cert(folder / "server", ca_cert, ca_key, "localhost")
    return ca_cert, cert, key


def exchange(proxy: FaultProxy, request: bytes = REQUEST) -> bytes:
    """Send `request` through the proxy and read until the proxy closes the connection."""
    with socket.create_connection(proxy.address, timeout=5) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(4096):
            answer += chunk
        return answer


def one_finished(proxy: FaultProxy) -> ConnectionLog:
    [log] = proxy.wait_for_connections(1, finished=True)
    return log


def test_pass_forwards_both_ways_and_records_every_byte(proxy: FaultProxy, upstream: HttpUpstream) -> None:
    assert exchange(proxy) == REPLY
    log = one_finished(proxy)
    assert upstream.requests == [REQUEST]
    assert (log.client_to_server, log.server_to_client, log.withheld) == (REQUEST, REPLY, b"")
    assert log.fault == PASS
    assert log.upstream_connected
    assert not log.tls


def test_drop_closes_at_once_and_never_reaches_the_upstream(
    proxy: FaultProxy, upstream: HttpUpstream
) -> None:
    proxy.set_fault(DROP)
    with socket.create_connection(proxy.address, timeout=5) as client:
        assert client.recv(4096) == b""
    log = one_finished(proxy)
    assert not log.upstream_connected
    assert upstream.connections == 0


def test_reset_closes_with_a_reset(proxy: FaultProxy, upstream: HttpUpstream) -> None:
    proxy.set_fault(RESET)
    # the reset may come while connect() still waits (it polls, having a timeout) or at the first read
    with pytest.raises(ConnectionResetError), socket.create_connection(proxy.address, timeout=5) as client:
        client.recv(4096)
    assert not one_finished(proxy).upstream_connected
    assert upstream.connections == 0


def test_delay_holds_a_new_connection_then_forwards_it(proxy: FaultProxy, upstream: HttpUpstream) -> None:
    proxy.set_fault(delay(0.3))
    started = time.monotonic()
    assert exchange(proxy) == REPLY
    assert time.monotonic() - started >= 0.3
    assert upstream.requests == [REQUEST]
    assert one_finished(proxy).fault == delay(0.3)


def test_truncate_response_lets_exactly_that_many_reply_bytes_through(
    proxy: FaultProxy, upstream: HttpUpstream
) -> None:
    proxy.set_fault(truncate_response(12))
    assert exchange(proxy) == REPLY[:12]
    log = one_finished(proxy)
    assert upstream.requests == [REQUEST]
    assert (log.server_to_client, log.withheld) == (REPLY[:12], REPLY[12:])


def test_cut_after_request_delivers_the_request_and_not_one_reply_byte(
    proxy: FaultProxy, upstream: HttpUpstream
) -> None:
    proxy.set_fault(CUT_AFTER_REQUEST)
    assert exchange(proxy) == b""
    log = one_finished(proxy)
    assert upstream.requests == [REQUEST]  # the server had it whole and answered...
    assert (log.server_to_client, log.withheld) == (b"", REPLY)  # ...and the client saw none of it


def test_cut_after_request_over_tls13_lets_the_session_tickets_through_and_cuts_the_reply(
    certs: tuple[Path, Path, Path],
) -> None:
    ca, cert, key = certs
    reply = http_response(200, b'{"access_token": "x"}')
    with (
        TicketingTlsServer([(cert, key)], [reply]) as server,
        FaultProxy("127.0.0.1", server.port) as proxy,
        Transport(proxy.url_for(server.url), ca_file=ca) as transport,
    ):
        proxy.set_fault(CUT_AFTER_REQUEST)
        with pytest.raises(ServerUnavailable):
            transport.request("POST", "/t/demo/v1/token", json={"employee": "1001"})
        log = one_finished(proxy)
    [seen] = server.connections
    assert seen.received.startswith(b"POST /t/demo/v1/token HTTP/1.1")
    assert seen.received.endswith(b'{"employee":"1001"}')  # the whole request, body included
    assert log.tls
    assert log.client_application_records >= 1
    delivered, withheld = tls_records(log.server_to_client), tls_records(log.withheld)
    assert sum(length + 5 for _, length in delivered) == len(log.server_to_client)  # whole records only
    assert withheld
    assert withheld[0][0] == TLS_APPLICATION_DATA  # the reply
    assert sum(length + 5 for _, length in withheld) == len(log.withheld)


def test_blackhole_reads_and_never_answers(proxy: FaultProxy, upstream: HttpUpstream) -> None:
    proxy.set_fault(BLACKHOLE)
    with socket.create_connection(proxy.address, timeout=5) as client:
        client.sendall(REQUEST)
        [log] = proxy.wait_until(lambda logs: len(logs) == 1 and logs[0].client_to_server == REQUEST)
        assert not log.upstream_connected
        proxy.close()  # the only way this connection ends: nothing was ever sent back
        assert client.recv(4096) == b""
    assert upstream.connections == 0
    assert proxy.captured()[0].server_to_client == b""


def test_blackhole_makes_a_client_time_out(certs: tuple[Path, Path, Path], upstream: HttpUpstream) -> None:
    ca, _, _ = certs
    with (
        FaultProxy("127.0.0.1", upstream.port) as proxy,
        Transport(f"https://127.0.0.1:{proxy.port}", ca_file=ca, timeout=0.3) as transport,
    ):
        proxy.set_fault(BLACKHOLE)
        with pytest.raises(ServerUnavailable, match="did not answer in time"):
            transport.request("GET", "/")


def test_server_down_refuses_connections_and_up_serves_again_on_the_same_port(
    proxy: FaultProxy, upstream: HttpUpstream
) -> None:
    port = proxy.port
    proxy.server_down()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(proxy.address, timeout=5)
    proxy.server_up()
    assert proxy.port == port
    assert exchange(proxy) == REPLY
    assert len(proxy.captured()) == 1  # the refused attempt was never a connection


def test_queued_faults_go_to_the_next_connections_in_order_then_the_global_one(
    proxy: FaultProxy, upstream: HttpUpstream
) -> None:
    proxy.set_fault(truncate_response(8))
    proxy.set_fault(CUT_AFTER_REQUEST, times=1)
    proxy.set_fault(truncate_response(4), times=2)
    answers = [exchange(proxy) for _ in range(5)]
    assert answers == [b"", REPLY[:4], REPLY[:4], REPLY[:8], REPLY[:8]]
    faults = [log.fault for log in proxy.wait_for_connections(5, finished=True)]
    assert faults == [CUT_AFTER_REQUEST, *[truncate_response(4)] * 2, *[truncate_response(8)] * 2]
    proxy.clear_faults()
    assert exchange(proxy) == REPLY


def test_connections_at_once_are_recorded_apart(proxy: FaultProxy, upstream: HttpUpstream) -> None:
    requests = [REQUEST.replace(b"demo", f"t{n:02}".encode()) for n in range(12)]
    answers: list[bytes] = []
    threads = [threading.Thread(target=lambda r=r: answers.append(exchange(proxy, r))) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert answers == [REPLY] * len(requests)
    logs = proxy.wait_for_connections(len(requests), finished=True)
    assert sorted(log.client_to_server for log in logs) == sorted(requests)
    assert sorted(upstream.requests) == sorted(requests)
    assert [log.number for log in logs] == list(range(len(requests)))


def test_close_ends_held_connections_and_stops_every_thread(upstream: HttpUpstream) -> None:
    proxy = FaultProxy("127.0.0.1", upstream.port)
    proxy.set_fault(BLACKHOLE, times=1)
    proxy.set_fault(delay(60), times=1)
    clients = [socket.create_connection(proxy.address, timeout=5) for _ in range(3)]
    try:
        proxy.wait_for_connections(3)
        clients[2].sendall(b"GET / HTTP/1.1\r\n")  # half a request: upstream waits for the rest
        proxy.wait_until(lambda logs: logs[2].upstream_connected)
        started = time.monotonic()
        proxy.close()
        assert time.monotonic() - started < 5  # the 60 s delay did not hold it
        for client in clients:
            assert client.recv(4096) == b""
    finally:
        for client in clients:
            client.close()
    assert all(log.finished for log in proxy.captured())
    assert not [t.name for t in threading.enumerate() if t.name.startswith("faultproxy")]
    proxy.close()  # twice is harmless
    with pytest.raises(RuntimeError):
        proxy.server_down()
