"""`stempel self-check`: does this installation work on this machine?

Four steps, each reported on one line, `ok: ...` on stdout or `FAILED: ...` on
stderr; every step runs even when an earlier one failed, and the exit code is
0 only when all passed:

1. store: a throwaway encrypted store is created in a temporary folder, its
   key put in the real OS keyring, written, read back, and the key removed
   again (nothing is left behind in the user's keyring).
2. Qt: a QApplication (offscreen unless $QT_QPA_PLATFORM says otherwise)
   shows and closes a widget.
3. translations: the Norwegian catalogue is installed through app.ui.i18n
   and one known text comes back in Norwegian.
4. TLS: one HTTPS request through the sync client's own transport
   (`sync.transport.Transport`: TLS 1.2 at least, host names and the CA
   checked). By default to a server started here on 127.0.0.1 with a
   throwaway CA made for this check; with `server`, to that real Stempel
   server, verified against `ca` (else the system store). Any HTTP answer
   counts: the check is the verified handshake, not the server's data.

Nothing secret is printed: no key, no certificate body, no token.
"""

from __future__ import annotations

import http.server
import ipaddress
import os
import shutil
import ssl
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.failures import Failure

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "KNOWN_TRANSLATION",
    "CheckFailed",
    "Result",
    "check_qt",
    "check_store",
    "check_tls",
    "check_translations",
    "local_tls_server",
    "run_self_check",
]

# (context, English source, Norwegian) of one text in resources/translations/stempel_nb.ts
KNOWN_TRANSLATION = ("AboutDialog", "About Stempel", "Om Stempel")
TLS_TIMEOUT_S = 10.0


class CheckFailed(Failure):
    """One step of the self-check did not pass; its text says why."""


@dataclass(frozen=True)
class Result:
    step: str
    ok: bool
    text: str  # what was checked (ok) or why it failed, one line

    @property
    def line(self) -> str:
        return f"ok: {self.text}" if self.ok else f"FAILED: {self.step}: {self.text}"


# --- 1. the encrypted store and the keyring -------------------------------------------------------


def check_store(backend: KeyringBackend | None = None) -> str:
    """A throwaway store through the OS keyring (or `backend`): written, read back, its key removed."""
    from app.store import KeyringLocked, Store, unlock_keyring

    folder = Path(tempfile.mkdtemp(prefix="stempel-self-check-"))
    try:
        try:
            store = Store.open(folder, backend=backend)
        except KeyringLocked:
            unlock_keyring()  # the desktop's own unlock dialog, once, as every command does
            store = Store.open(folder, backend=backend)
        with store:
            try:
                store.set_setting("self-check", "ok")
                if store.setting("self-check") != "ok":
                    raise CheckFailed("the encrypted store did not read back what it wrote")
            finally:
                store.forget_key()  # leave nothing behind in the user's keyring
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return "encrypted store and keyring"


# --- 2. Qt ----------------------------------------------------------------------------------------


def check_qt() -> str:
    """A widget shown and closed; offscreen unless the environment names a platform."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication([])
    widget = QWidget()
    widget.show()
    app.processEvents()
    widget.close()
    return f"Qt {QApplication.platformName()}"


# --- 3. translations ------------------------------------------------------------------------------


def check_translations() -> str:
    """The Norwegian catalogue installed and one known text translated; English again afterwards."""
    from PySide6.QtCore import QCoreApplication

    from app.ui import i18n

    app = QCoreApplication.instance() or QCoreApplication([])
    packaged = Path(i18n.__file__).with_name("translations") / "stempel_nb.qm"
    source = "packaged catalogue" if packaged.is_file() else "catalogue compiled from the .ts"
    try:
        if i18n.install_translations(app, "nb") != "nb":
            raise CheckFailed(
                "no Norwegian catalogue could be loaded (see the log); the window stays English"
            )
        context, english, norwegian = KNOWN_TRANSLATION
        got = QCoreApplication.translate(context, english)
        if got != norwegian:
            raise CheckFailed(f"{english!r} came back as {got!r}, not {norwegian!r}")
    finally:
        i18n.remove_translations()
    return f"Norwegian translations ({source})"


# --- 4. TLS ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pki:
    ca_pem: bytes
    cert_pem: bytes
    key_pem: bytes


def _throwaway_pki(host: str) -> _Pki:
    """A CA made for this check alone, and a leaf for `host` (an IP address) signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.now(UTC)
    valid = (now - timedelta(minutes=5), now + timedelta(hours=1))
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Stempel self-check CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid[0])
        .not_valid_after(valid[1])
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid[0])
        .not_valid_after(valid[1])
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    return _Pki(
        ca_pem=ca.public_bytes(pem),
        cert_pem=leaf.public_bytes(pem),
        key_pem=key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    )


class _Hello(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real server: the TLS session stays readable

    def do_GET(self) -> None:
        body = b"stempel self-check\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the self-check prints its own lines


@contextmanager
def local_tls_server() -> Iterator[tuple[str, bytes]]:
    """An HTTPS server on 127.0.0.1 (a free port, a thread) with a throwaway CA: (its URL, the CA PEM)."""
    host = "127.0.0.1"
    pki = _throwaway_pki(host)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    folder = Path(tempfile.mkdtemp(prefix="stempel-self-check-tls-"))
    try:
        cert, key = folder / "cert.pem", folder / "key.pem"
        cert.write_bytes(pki.cert_pem)
        key.touch(mode=0o600)
        key.write_bytes(pki.key_pem)
        context.load_cert_chain(cert, key)  # ssl reads only files; they are gone right after
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    server = http.server.ThreadingHTTPServer((host, 0), _Hello)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, name="self-check-tls", daemon=True)
    thread.start()
    try:
        yield f"https://{host}:{server.server_address[1]}", pki.ca_pem
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=TLS_TIMEOUT_S)


def _tls_request(url: str, ca_pem: bytes | None, timeout: float) -> tuple[int, str]:
    """GET `url`/ through the sync transport; (HTTP status, TLS version)."""
    from sync.errors import SyncError
    from sync.transport import Transport

    versions: list[str] = []
    try:
        with Transport(url, ca_pem=ca_pem, timeout=timeout, user_agent="stempel self-check") as transport:
            response = transport.request("GET", "/")
            stream = response.extensions.get("network_stream")
            ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
            if ssl_object is not None:
                versions.append(str(ssl_object.version()))
    except SyncError as exc:
        raise CheckFailed(f"{exc} ({url})") from exc
    except ValueError as exc:  # a CA file without a certificate
        raise CheckFailed(str(exc)) from exc
    return response.status_code, versions[0] if versions else "TLS"


def check_tls(server: str | None = None, ca: Path | None = None, *, timeout: float = TLS_TIMEOUT_S) -> str:
    """One verified HTTPS request: to `server` (against `ca`, else the system store), or to a local one."""
    if server is None:
        with local_tls_server() as (url, ca_pem):
            status, version = _tls_request(url, ca_pem, timeout)
        if status != 200:
            raise CheckFailed(f"the local test server answered HTTP {status}")
        return f"TLS ({version}, certificate verified) to a local test server"
    try:
        given_ca = ca.read_bytes() if ca is not None else None
    except OSError as exc:
        raise CheckFailed(f"cannot read the CA file {ca}: {exc.strerror or exc}") from exc
    status, version = _tls_request(server, given_ca, timeout)
    trusted = f"the CA in {ca}" if ca is not None else "the system's certificate store"
    return f"TLS ({version}) to {server}: HTTP {status}, certificate verified against {trusted}"


# --- all of it ------------------------------------------------------------------------------------


def _step(name: str, check: Callable[[], str]) -> Result:
    try:
        return Result(name, True, check())
    except Exception as exc:  # every failure becomes one line; the other steps still run
        text = " ".join(str(exc).split()) or type(exc).__name__
        return Result(name, False, text)


def run_self_check(
    server: str | None = None,
    ca: Path | None = None,
    *,
    backend: KeyringBackend | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Every step, one line each; 0 when all passed, else 1 with a last line naming the failed steps."""
    out = out or sys.stdout
    err = err or sys.stderr
    steps: Sequence[tuple[str, Callable[[], str]]] = (
        ("store", lambda: check_store(backend)),
        ("Qt", check_qt),
        ("translations", check_translations),
        ("TLS", lambda: check_tls(server, ca)),
    )
    failed: list[str] = []
    for name, check in steps:
        result = _step(name, check)
        print(result.line, file=out if result.ok else err, flush=True)
        if not result.ok:
            failed.append(name)
    if failed:
        print(f"stempel: self-check failed: {', '.join(failed)}", file=err, flush=True)
        return 1
    return 0
