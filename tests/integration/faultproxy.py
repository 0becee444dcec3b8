"""A fault-injecting TCP proxy for tests: it carries bytes, records them, and breaks on request.

    with FaultProxy("127.0.0.1", server.port) as proxy:
        proxy.set_fault(CUT_AFTER_REQUEST, times=1)   # only the next new connection
        transport = Transport(proxy.url_for(server.url), ca_file=...)
        ...
        proxy.captured()[0].client_to_server         # the bytes as they went over the wire

The proxy listens on 127.0.0.1 (a free port) and forwards each connection to the
upstream. It does not terminate TLS: it sees what an eavesdropper sees. Each new
connection takes the next fault queued with `set_fault(..., times=n)`, else the
global one; a fault is fixed for the life of its connection.

Faults
    PASS                    forward both ways (the default)
    DROP                    accept, then close at once; upstream is never contacted
                            (the client sees EOF, or a reset if it had sent bytes)
    RESET                   accept, then close with RST (SO_LINGER 0)
    delay(seconds)          hold the new connection that long, then forward it
    BLACKHOLE               accept and read (recorded), never forward or answer
    truncate_response(n)    forward the request, let the first n bytes of the reply
                            through, then close the client's side
    CUT_AFTER_REQUEST       truncate_response(0): the request reaches the server
                            whole, not one byte of its reply reaches the client

    `server_down()` closes the listening socket (connections are refused, as by a
    stopped server); `server_up()` listens on the same port again.

Where a reply starts
    For a protocol where the client speaks first, the reply is the first byte the
    upstream sends. Under TLS (the connection opens with a TLS record) that would be
    the ServerHello, so the proxy reads record headers (never content): the reply is
    the first application-data record the server sends after the client's first
    application-data record. In TLS 1.3 the client's handshake Finished and the
    server's session tickets are application-data records too, and the tickets
    may come in after the request went (a race). So, under a cut, the client's
    request is held until `tls13_tickets` records (OpenSSL's and so Python's and
    uvicorn's default: 2) have answered its Finished, whole, or `ticket_wait`
    seconds passed (a server that sends fewer); the tickets reach the client.
    Without that, a late ticket would be taken for the reply and the request
    could be cut before its body went. After a cut the proxy half-closes
    towards the upstream (as a client that went away would) and keeps reading and
    recording what it withholds until the upstream closes.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

CHUNK = 65536
CONNECT_TIMEOUT = 5.0
JOIN_TIMEOUT = 10.0
TLS_HANDSHAKE = 0x16
TLS_APPLICATION_DATA = 0x17
_TLS_HEADER = 5


@dataclass(frozen=True)
class Fault:
    """What the proxy does to one connection; make them with the names and functions below."""

    name: str
    seconds: float = 0.0
    reply_bytes: int | None = None  # bytes of the reply let through before the cut; None: no cut

    def __str__(self) -> str:
        if self.name == "delay":
            return f"delay({self.seconds})"
        if self.name == "truncate_response":
            return f"truncate_response({self.reply_bytes})"
        return self.name


PASS = Fault("pass")
DROP = Fault("drop")
RESET = Fault("reset")
BLACKHOLE = Fault("blackhole")
CUT_AFTER_REQUEST = Fault("cut_after_request", reply_bytes=0)


def delay(seconds: float) -> Fault:
    if seconds < 0:
        raise ValueError("a delay is not negative")
    return Fault("delay", seconds=seconds)


def truncate_response(after_bytes: int) -> Fault:
    if after_bytes < 0:
        raise ValueError("a byte count is not negative")
    return Fault("truncate_response", reply_bytes=after_bytes)


@dataclass(frozen=True)
class ConnectionLog:
    """A snapshot of one connection, in the order the proxy accepted them (`number` from 0)."""

    number: int
    fault: Fault
    client_to_server: bytes  # everything read from the client (not forwarded under BLACKHOLE)
    server_to_client: bytes  # everything delivered to the client
    withheld: bytes  # read from the upstream, never delivered (after a cut)
    upstream_connected: bool
    tls: bool  # the client opened with a TLS record
    # TLS records of application data the client sent after its handshake (a TLS 1.3 Finished not counted)
    client_application_records: int
    finished: bool  # both sides closed: the log will not change any more


class _RecordScanner:
    """Finds where TLS records start in a stream that arrives in arbitrary pieces (headers only)."""

    def __init__(self) -> None:
        self._header = b""
        self._body_left = 0

    def feed(self, data: bytes) -> list[tuple[int, int]]:
        """(offset in `data`, content type) of every record whose header starts in `data`."""
        starts: list[tuple[int, int]] = []
        i = 0
        while i < len(data):
            if self._body_left:
                step = min(self._body_left, len(data) - i)
                self._body_left -= step
                i += step
                continue
            if not self._header:
                starts.append((i, data[i]))
            take = data[i : i + _TLS_HEADER - len(self._header)]
            self._header += take
            i += len(take)
            if len(self._header) == _TLS_HEADER:
                self._body_left = int.from_bytes(self._header[3:5], "big")
                self._header = b""
        return starts

    @property
    def between_records(self) -> bool:
        return not self._header and not self._body_left


def tls_records(data: bytes) -> list[tuple[int, int]]:
    """(content type, length) of each TLS record in a captured byte stream, the last maybe cut short."""
    records: list[tuple[int, int]] = []
    i = 0
    while i + _TLS_HEADER <= len(data):
        length = int.from_bytes(data[i + 3 : i + 5], "big")
        records.append((data[i], length))
        i += _TLS_HEADER + length
    return records


def _shutdown(sock: socket.socket | None, how: int) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):  # not connected any more
        sock.shutdown(how)


class _Connection:
    """One client connection and, unless the fault forbids, its upstream; runs on its own thread."""

    def __init__(self, proxy: FaultProxy, number: int, client: socket.socket, fault: Fault) -> None:
        self.proxy = proxy
        self.state = proxy._state  # one condition for the whole proxy: every change notifies it
        self.number = number
        self.client = client
        self.fault = fault
        self.upstream: socket.socket | None = None
        self.client_bytes = bytearray()
        self.delivered = bytearray()
        self.withheld = bytearray()
        self.server_bytes_seen = 0
        self.tls = False
        self.tls13 = False
        self.client_records = _RecordScanner()
        self.server_records = _RecordScanner()
        self.client_app_data_seen = 0  # application-data records, the TLS 1.3 Finished included
        self.application_records = 0
        # the client's TLS 1.3 Finished went: what the server sends next are its session tickets
        self.finished_sent = False
        self.tickets_seen = 0  # server application-data records since then (up to the reply)
        self.request_started = False
        self.reply_started = False
        self.reply_delivered = 0
        self.cut = False
        self.closed = False
        self.finished = False
        self.thread = threading.Thread(target=self._run, name=f"faultproxy-{number}", daemon=True)

    def snapshot(self) -> ConnectionLog:
        return ConnectionLog(
            number=self.number,
            fault=self.fault,
            client_to_server=bytes(self.client_bytes),
            server_to_client=bytes(self.delivered),
            withheld=bytes(self.withheld),
            upstream_connected=self.upstream is not None,
            tls=self.tls,
            client_application_records=self.application_records,
            finished=self.finished,
        )

    def abort(self) -> None:
        """Wake every blocked read and write of this connection (called with the state lock held)."""
        if not self.closed:
            _shutdown(self.client, socket.SHUT_RDWR)
            _shutdown(self.upstream, socket.SHUT_RDWR)

    def _run(self) -> None:
        try:
            self._serve()
        finally:
            with self.state:
                self.closed = True
                self.client.close()
                if self.upstream is not None:
                    self.upstream.close()
                self.finished = True
                self.state.notify_all()

    def _serve(self) -> None:
        kind = self.fault.name
        if kind == "drop":
            return
        if kind == "reset":
            self.client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        if kind == "blackhole":
            self._pump_client(None)
            return
        if self.proxy._closing.wait(self.fault.seconds):
            return
        try:
            upstream = socket.create_connection(self.proxy.upstream, timeout=CONNECT_TIMEOUT)
        except OSError:
            return  # the upstream is down: the client sees its connection close
        upstream.settimeout(None)
        upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no Nagle delay of our own
        with self.state:
            if self.proxy._closing.is_set():
                upstream.close()
                return
            self.upstream = upstream
            self.state.notify_all()
        replies = threading.Thread(
            target=self._pump_server, name=f"faultproxy-{self.number}-reply", daemon=True
        )
        replies.start()
        self._pump_client(upstream)
        replies.join()

    # client -> server ------------------------------------------------------------------

    def _pump_client(self, upstream: socket.socket | None) -> None:
        while True:
            try:
                data = self.client.recv(CHUNK)
            except OSError:
                break
            if not data:
                break
            request_at = self._note_client(data)
            if upstream is None:
                continue
            try:
                if request_at is None:
                    upstream.sendall(data)
                    continue
                upstream.sendall(data[:request_at])
                self._before_request()
                upstream.sendall(data[request_at:])
            except OSError:
                break
        _shutdown(upstream, socket.SHUT_WR)  # the client is done (or gone): say so upstream

    def _note_client(self, data: bytes) -> int | None:
        """Record `data`; the offset where the client's request starts, if it starts in `data`."""
        with self.state:
            if not self.client_bytes:
                self.tls = data[0] == TLS_HANDSHAKE and data[1:2] in (b"", b"\x03")
            self.client_bytes += data
            self.state.notify_all()
            if not self.tls:
                return None if self.request_started else 0
            request_at: int | None = None
            for offset, kind in self.client_records.feed(data):
                if kind != TLS_APPLICATION_DATA:
                    continue
                self.client_app_data_seen += 1
                if self.tls13 and self.client_app_data_seen == 1:  # the handshake's Finished
                    self.finished_sent = True
                    continue
                self.application_records += 1
                if self.application_records == 1:
                    request_at = offset
            return request_at

    def _before_request(self) -> None:
        """Mark the request as started; for a cut under TLS 1.3, first let the session tickets pass."""
        with self.state:
            if self.fault.reply_bytes is not None and self.finished_sent:
                self.state.wait_for(
                    lambda: (
                        self.proxy._closing.is_set()
                        or (
                            self.tickets_seen >= self.proxy.tls13_tickets
                            and self.server_records.between_records
                        )
                    ),
                    timeout=self.proxy.ticket_wait,
                )
            self.request_started = True

    # server -> client ------------------------------------------------------------------

    def _pump_server(self) -> None:
        assert self.upstream is not None
        while True:
            try:
                data = self.upstream.recv(CHUNK)
            except OSError:
                break
            if not data:
                break
            deliver, cut_now = self._note_server(data)
            if deliver:
                # the client may be gone: read on all the same, so the upstream gets no reset
                with contextlib.suppress(OSError):
                    self.client.sendall(deliver)
            if cut_now:
                with self.state:
                    _shutdown(self.client, socket.SHUT_RDWR)
        _shutdown(self.client, socket.SHUT_WR)

    def _note_server(self, data: bytes) -> tuple[bytes, bool]:
        """Record `data`; what of it goes to the client, and whether to cut the client now."""
        with self.state:
            self.server_bytes_seen += len(data)
            starts = self.server_records.feed(data) if self.tls else []
            application_records = sum(kind == TLS_APPLICATION_DATA for _, kind in starts)
            if self.tls and not self.client_app_data_seen:
                self.tls13 = self.tls13 or application_records > 0
            if self.finished_sent:
                self.tickets_seen += application_records
            limit = self.fault.reply_bytes
            already_cut = self.cut
            reply_at = self._reply_offset(starts) if limit is not None and not already_cut else None
            if already_cut:
                deliver = b""
            elif reply_at is None or limit is None:
                deliver = data
            else:
                self.reply_started = True
                deliver = data[: reply_at + limit - self.reply_delivered]
                self.reply_delivered += len(deliver) - reply_at
                self.cut = self.reply_delivered >= limit
            self.delivered += deliver
            self.withheld += data[len(deliver) :]
            self.state.notify_all()
            return deliver, self.cut and not already_cut

    def _reply_offset(self, starts: list[tuple[int, int]]) -> int | None:
        if self.reply_started:
            return 0
        if not self.request_started:
            return None
        if not self.tls:
            return 0
        return next((offset for offset, kind in starts if kind == TLS_APPLICATION_DATA), None)


class FaultProxy:
    """A TCP proxy on 127.0.0.1 in front of (upstream_host, upstream_port); see the module docstring.

    Thread-safe. `close()` (or leaving the `with` block) ends every connection and
    thread and closes every socket; `captured()` still answers afterwards.
    """

    def __init__(
        self,
        upstream_host: str,
        upstream_port: int,
        *,
        listen_host: str = "127.0.0.1",
        tls13_tickets: int = 2,
        ticket_wait: float = 1.0,
    ) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.tls13_tickets = tls13_tickets
        self.ticket_wait = ticket_wait
        self._state = threading.Condition()
        self._global_fault = PASS
        self._queued: deque[Fault] = deque()
        self._connections: list[_Connection] = []
        self._closing = threading.Event()
        self._closed = False
        self._want_up = True
        self._listen_error: OSError | None = None
        self._listener: socket.socket | None = self._listen(listen_host, 0)
        self.address: tuple[str, int] = self._listener.getsockname()[:2]
        self._wake_r, self._wake_w = socket.socketpair()
        self._accepting = threading.Thread(target=self._accept_loop, name="faultproxy-accept", daemon=True)
        self._accepting.start()

    @property
    def port(self) -> int:
        return self.address[1]

    def url_for(self, base_url: str) -> str:
        """`base_url` with its host and port replaced by the proxy's (scheme and path kept)."""
        parts = urlsplit(base_url)
        return f"{parts.scheme}://{self.address[0]}:{self.port}{parts.path}"

    # faults ----------------------------------------------------------------------------

    def set_fault(self, fault: Fault, *, times: int | None = None) -> None:
        """`fault` for every new connection from now on; with `times`, for the next `times` only.

        Faults queued with `times` are used up in the order they were set, before the global one.
        """
        with self._state:
            if times is None:
                self._global_fault = fault
            else:
                self._queued.extend([fault] * times)

    def clear_faults(self) -> None:
        """Back to PASS for every new connection; queued faults are forgotten."""
        with self._state:
            self._global_fault = PASS
            self._queued.clear()

    def drop_open_connections(self) -> None:
        """End every open connection (both sides), as a network blip would; new ones are accepted."""
        with self._state:
            for connection in self._connections:
                connection.abort()

    def server_down(self) -> None:
        """Stop listening: new connections are refused until `server_up()`. Open ones go on."""
        self._set_listening(False)

    def server_up(self) -> None:
        """Listen again on the same port (OSError if the port was taken meanwhile)."""
        self._set_listening(True)

    def _set_listening(self, up: bool) -> None:
        with self._state:
            if self._closed:
                raise RuntimeError("the fault proxy is closed")
            self._want_up = up
            self._listen_error = None
            self._wake()
            done = self._state.wait_for(
                lambda: (self._listener is not None) == up or self._listen_error is not None or self._closed,
                timeout=JOIN_TIMEOUT,
            )
            if self._listen_error is not None:
                raise self._listen_error
            if not done:
                raise TimeoutError("the fault proxy did not change its listening state")

    # what went over the wire -----------------------------------------------------------

    def captured(self) -> list[ConnectionLog]:
        """Every connection so far, in the order accepted."""
        with self._state:
            return [connection.snapshot() for connection in self._connections]

    def wait_until(
        self, predicate: Callable[[list[ConnectionLog]], bool], timeout: float = 5.0
    ) -> list[ConnectionLog]:
        """The logs, once `predicate(logs)` holds; TimeoutError if it does not within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._state:
            while True:
                logs = [connection.snapshot() for connection in self._connections]
                if predicate(logs):
                    return logs
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"the fault proxy's connections never matched: {logs}")
                self._state.wait(left)

    def wait_for_connections(
        self, count: int, *, finished: bool = False, timeout: float = 5.0
    ) -> list[ConnectionLog]:
        """The logs once `count` connections were accepted (and, with `finished`, all of them ended)."""
        return self.wait_until(
            lambda logs: len(logs) >= count and (not finished or all(log.finished for log in logs)), timeout
        )

    # life ------------------------------------------------------------------------------

    def close(self) -> None:
        with self._state:
            if self._closed:
                return
            self._closed = True
            self._closing.set()
            self._wake()
            self._state.notify_all()
        self._accepting.join(JOIN_TIMEOUT)
        with self._state:
            connections = list(self._connections)
            for connection in connections:
                connection.abort()
        for connection in connections:
            connection.thread.join(JOIN_TIMEOUT)
        self._wake_r.close()
        self._wake_w.close()
        stuck = [c.thread.name for c in connections if c.thread.is_alive()]
        if self._accepting.is_alive() or stuck:
            raise RuntimeError(f"fault proxy threads did not stop: {stuck}")

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # the accepting thread --------------------------------------------------------------

    @staticmethod
    def _listen(host: str, port: int) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # rebind while old ones linger
            listener.bind((host, port))
            listener.listen(64)
            listener.setblocking(False)
        except OSError:
            listener.close()
            raise
        return listener

    def _wake(self) -> None:
        self._wake_w.send(b"!")

    def _accept_loop(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._wake_r, selectors.EVENT_READ)
            if self._listener is not None:
                selector.register(self._listener, selectors.EVENT_READ)
            try:
                while not self._closing.is_set():
                    for key, _ in selector.select():
                        if key.fileobj is self._wake_r:
                            self._wake_r.recv(CHUNK)
                            self._follow_wanted_state(selector)
                        elif key.fileobj is self._listener:  # not one closed by the wake-up just handled
                            self._accept_one(self._listener)
            finally:
                with self._state:
                    if self._listener is not None:
                        selector.unregister(self._listener)
                        self._listener.close()
                        self._listener = None
                    self._state.notify_all()

    def _follow_wanted_state(self, selector: selectors.BaseSelector) -> None:
        with self._state:
            if self._closing.is_set():
                return
            if self._want_up and self._listener is None:
                try:
                    self._listener = self._listen(self.address[0], self.port)
                    selector.register(self._listener, selectors.EVENT_READ)
                except OSError as exc:
                    self._listen_error = exc
            elif not self._want_up and self._listener is not None:
                selector.unregister(self._listener)
                self._listener.close()
                self._listener = None
            self._state.notify_all()

    def _accept_one(self, listener: socket.socket) -> None:
        try:
            client, _ = listener.accept()
        except OSError:  # gone before we took it
            return
        client.setblocking(True)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._state:
            fault = self._queued.popleft() if self._queued else self._global_fault
            connection = _Connection(self, len(self._connections), client, fault)
            self._connections.append(connection)
            connection.thread.start()
            self._state.notify_all()
