"""HTTPS to the tenant server, and nothing else: TLS only, CA and pin checks, timeouts.

Trust
    The tenant's CA (a PEM file or its contents, kept in the encrypted store
    after setup) replaces the system store: with a CA given, only that CA is
    trusted. Without one, the system store is used: httpx2's own default
    context (`truststore` on Windows and macOS, OpenSSL's system paths on
    Linux). The environment does not widen trust: `SSL_CERT_FILE`,
    `SSL_CERT_DIR` and `HTTPS_PROXY` are ignored (`trust_env=False`).

Pin
    An optional pin (hex sha256 of the server certificate's SubjectPublicKeyInfo,
    as `stempel-server init` prints it) is checked IN ADDITION to CA
    verification; it never replaces it. So a private CA needs its CA file even
    when pinned, and a wrong pin fails even with the right CA. The pin is checked
    on every new connection right after the TLS handshake and before any request
    byte is written: httpcore2's `trace` extension calls us with the TLS stream
    ("connection.start_tls.complete"); raising there closes the stream and the
    request is never sent.

Addresses
    Only `https://` base URLs are accepted, checked in the constructor, before
    any connection exists. No user name or password in the URL, no query or
    fragment. Redirects are not followed.

Errors
    Everything is mapped to `sync.errors`: a certificate (CA, host name or pin)
    problem is `CertificateRejected`; no connection, a timeout, a broken
    connection or a 5xx answer is `ServerUnavailable`; 429 is `RateLimited`.
    Other answers (2xx, 3xx, 4xx) are returned for the caller to interpret.
"""

from __future__ import annotations

import email.utils
import hashlib
import hmac
import ssl
import string
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx2
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from sync.errors import CertificateRejected, InsecureAddress, RateLimited, ServerUnavailable

DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRY_AFTER = 30.0
_PIN_HEX_DIGITS = 64


def parse_pin(text: str) -> str:
    """A pin as 64 lower-case hex digits; colons and spaces are allowed in the input. ValueError else."""
    pin = "".join(ch for ch in text if ch not in ": \t").lower()
    if len(pin) != _PIN_HEX_DIGITS or any(ch not in string.hexdigits for ch in pin):
        raise ValueError("a pin is the 64 hex digits of a SHA-256 (as `stempel-server init` prints it)")
    return pin


def spki_sha256_of_der(cert_der: bytes) -> str:
    """Hex sha256 of a DER certificate's SubjectPublicKeyInfo (what a pin names)."""
    cert = x509.load_der_x509_certificate(cert_der)
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(spki).hexdigest()


def check_base_url(base_url: str) -> str:
    """The base URL without a trailing slash, or InsecureAddress if it is not a plain https:// URL."""
    try:
        parts = urlsplit(base_url.strip())
        port = parts.port  # ValueError for a bad port
    except ValueError:
        raise InsecureAddress("The server address is not a valid https:// address") from None
    if parts.scheme.lower() != "https":
        raise InsecureAddress("The server address must start with https:// (plain http is never used)")
    if not parts.hostname:
        raise InsecureAddress("The server address names no host")
    if parts.username is not None or parts.password is not None:
        raise InsecureAddress("The server address must not carry a user name or password")
    if parts.query or parts.fragment:
        raise InsecureAddress("The server address must not carry a query or fragment")
    host = parts.hostname
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    return f"https://{netloc}{parts.path.rstrip('/')}"


def ssl_context(ca_pem: bytes | None) -> ssl.SSLContext:
    """The tenant's CA alone, or the system store; TLS 1.2 at least, host names checked."""
    if ca_pem is None:
        context = httpx2.create_ssl_context(verify=True, trust_env=False)
    else:
        try:
            context = ssl.create_default_context(cadata=ca_pem.decode("ascii"))
        except (UnicodeDecodeError, ssl.SSLError, ValueError):
            raise ValueError("the CA file holds no PEM certificate") from None
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context


def _retry_after(value: str | None) -> float:
    if not value:
        return DEFAULT_RETRY_AFTER
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    if when.tzinfo is None:
        return DEFAULT_RETRY_AFTER
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


class Transport:
    """One HTTPS client for one server: `request()` maps every failure to `sync.errors`.

    Thread-safe like the httpx2 client it wraps; close it (or use `with`) when done.
    """

    def __init__(
        self,
        base_url: str,
        *,
        ca_file: Path | None = None,
        ca_pem: bytes | None = None,
        pin_sha256: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        user_agent: str = "stempel",
    ) -> None:
        self.base_url = check_base_url(base_url)  # first: nothing below may connect anyway
        if ca_file is not None and ca_pem is not None:
            raise ValueError("give the CA as a file or as PEM, not both")
        if ca_file is not None:
            ca_pem = Path(ca_file).read_bytes()
        self._pin = parse_pin(pin_sha256) if pin_sha256 else None
        self._origin = httpx2.URL(self.base_url).netloc.decode("ascii")
        self.server_spki_sha256: str | None = None
        """SPKI sha256 of the server certificate seen on the latest new connection."""
        self._client = httpx2.Client(
            verify=ssl_context(ca_pem),
            timeout=httpx2.Timeout(timeout),
            trust_env=False,
            follow_redirects=False,
            headers={"User-Agent": user_agent},
        )

    @property
    def pin_sha256(self) -> str | None:
        return self._pin

    def url(self, path: str) -> str:
        """The absolute URL a request for `path` goes to, as a DPoP proof must name it."""
        if not path.startswith("/"):
            raise ValueError("a path starts with /")
        return str(httpx2.URL(self.base_url + path))

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx2.Response:
        """Send one request and read the whole answer; 2xx-4xx (but 429) are returned."""
        url = self.url(path)
        try:
            response = self._client.request(
                method, url, json=json, content=content, headers=headers, extensions={"trace": self._on_trace}
            )
        except CertificateRejected:
            raise
        except httpx2.TimeoutException as exc:
            raise ServerUnavailable(f"The server at {self._origin} did not answer in time") from exc
        except httpx2.TransportError as exc:
            causes = _causes(exc)
            if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes):
                raise CertificateRejected() from exc
            if any(isinstance(c, ssl.SSLError) for c in causes):
                raise ServerUnavailable(
                    f"Could not set up a secure connection to the server at {self._origin}"
                ) from exc
            if isinstance(exc, httpx2.ConnectError):
                raise ServerUnavailable(f"Could not connect to the server at {self._origin}") from exc
            raise ServerUnavailable(f"The connection to the server at {self._origin} broke off") from exc
        status = response.status_code
        if status == httpx2.codes.TOO_MANY_REQUESTS:
            raise RateLimited(_retry_after(response.headers.get("Retry-After")))
        if status >= httpx2.codes.INTERNAL_SERVER_ERROR:
            raise ServerUnavailable(f"The server at {self._origin} had a problem (HTTP {status})")
        return response

    def _on_trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore2 calls this around each step; after a TLS handshake, check the peer before any request."""
        if not event.endswith("start_tls.complete"):
            return
        stream = info["return_value"]
        try:
            ssl_object = stream.get_extra_info("ssl_object")
            der = ssl_object.getpeercert(True) if ssl_object is not None else None  # positional only
            spki = spki_sha256_of_der(der) if der else None
        except (ValueError, ssl.SSLError):
            spki = None
        if spki is not None:
            self.server_spki_sha256 = spki
        if spki is None or (self._pin is not None and not hmac.compare_digest(spki, self._pin)):
            stream.close()  # the connection dies here: not one request byte was written
            raise CertificateRejected()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
