"""A tiny TLS server on 127.0.0.1 that records what each connection sent after its handshake.

Not HTTP-complete: it reads one request (head and a Content-Length body), answers
with the next canned response and closes the connection (`Connection: close`),
so every request of a client is a new connection. Modes other than "tls":
"silent" accepts TCP and never answers (for timeouts); "plain" speaks HTTP
without TLS; "cut" reads the request and closes without an answer.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from sync.transport import Transport

READ_TIMEOUT = 5.0


@dataclass
class Connection:
    handshake_done: bool = False
    received: bytes = b""


def http_response(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _read_request(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


@dataclass
class TlsServer:
    """Serve connection i with certs[min(i, last)] and responses[min(i, last)]."""

    certs: list[tuple[Path, Path]]
    responses: list[bytes] = field(default_factory=lambda: [http_response(200, b"{}")])
    mode: str = "tls"
    connections: list[Connection] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._held: list[socket.socket] = []

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def __enter__(self) -> TlsServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        for sock in self._held:
            sock.close()
        self._listener.close()

    def _context(self, index: int) -> ssl.SSLContext:
        cert, key = self.certs[min(index, len(self.certs) - 1)]
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        context.num_tickets = 0  # the handshake ends with the client's Finished: nothing left to write
        return context

    def _serve(self) -> None:
        index = 0
        while not self._stop.is_set():
            try:
                raw, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            record = Connection()
            self.connections.append(record)
            self._handle(raw, index, record)
            index += 1

    def _handle(self, raw: socket.socket, index: int, record: Connection) -> None:
        raw.settimeout(READ_TIMEOUT)
        response = self.responses[min(index, len(self.responses) - 1)]
        if self.mode == "silent":
            self._held.append(raw)  # keep it open, say nothing
            return
        try:
            if self.mode == "plain":
                with raw:  # whatever came (a TLS ClientHello), answer in plain HTTP as a web server would
                    record.received = raw.recv(65536)
                    raw.sendall(response)
                return
            with self._context(index).wrap_socket(raw, server_side=True) as sock:
                record.handshake_done = True
                record.received = _read_request(sock)
                if record.received and self.mode != "cut":
                    sock.sendall(response)
        except (OSError, ssl.SSLError):
            raw.close()


@contextmanager
def talk(
    certs: list[tuple[Path, Path]],
    *,
    mode: str = "tls",
    responses: list[bytes] | None = None,
    **transport: Any,
) -> Iterator[tuple[TlsServer, Transport]]:
    """A running TlsServer and a Transport to it (keyword arguments go to the Transport)."""
    server = TlsServer(certs, responses or [http_response(200, b"{}")], mode)
    with server, Transport(server.url, **transport) as client:
        yield server, client
