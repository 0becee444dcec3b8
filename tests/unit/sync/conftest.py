"""Certificates for the client's TLS tests: two private CAs, made as `stempel-server init` makes them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from server import pki


@dataclass(frozen=True)
class Pki:
    ca: Path
    cert: Path  # server certificate signed by `ca`
    key: Path
    other_cert: Path  # a second server certificate of the same CA, with another key
    other_key: Path

    @property
    def pin(self) -> str:
        return pki.spki_sha256(self.cert.read_bytes())

    @property
    def other_pin(self) -> str:
        return pki.spki_sha256(self.other_cert.read_bytes())


def _make(folder: Path) -> Pki:
    ca_cert, ca_key = pki.make_ca(folder)
    cert, key = pki.make_server_cert(folder / "one", ca_cert, ca_key, "localhost")
    other_cert, other_key = pki.make_server_cert(folder / "two", ca_cert, ca_key, "localhost")
    return Pki(ca_cert, cert, key, other_cert, other_key)


@pytest.fixture(scope="session")
def tls_a(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return _make(tmp_path_factory.mktemp("pki-a"))


@pytest.fixture(scope="session")
def tls_b(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return _make(tmp_path_factory.mktemp("pki-b"))
