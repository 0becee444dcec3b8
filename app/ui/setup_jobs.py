"""What the setup dialog runs on the store worker, and the words it needs; no Qt here.

`enroll_device` reads the CA file, opens the TLS transport (which refuses a
non-https address before any connection) and enrolls through
`app.device_setup.enroll_profile`, which keeps the enrollment in the store
only once the server agreed.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.device_setup import Enrolled, enroll_profile
from app.store import Store
from sync import config
from sync.transport import Transport

__all__ = [
    "CaFileNotPem",
    "CaFileUnreadable",
    "EnrollJob",
    "SetupRequest",
    "current_setup",
    "enroll_device",
    "grouped_fingerprint",
]


@dataclass(frozen=True)
class SetupRequest:
    server_url: str
    tenant: str
    code: str = ""
    ca_file: Path | None = None
    pin: str | None = None
    force: bool = False

    def __repr__(self) -> str:  # the one-time code is a secret until it is spent
        return f"SetupRequest({self.server_url!r}, {self.tenant!r}, ca_file={self.ca_file!r})"


EnrollJob = Callable[[Store, SetupRequest], Enrolled]


class CaFileUnreadable(Exception):
    """The CA file could not be read."""


class CaFileNotPem(Exception):
    """The CA file holds no PEM certificate."""


def enroll_device(store: Store, request: SetupRequest) -> Enrolled:
    """Enroll with the server and keep the enrollment in `store` (store worker only)."""
    ca_pem: bytes | None = None
    if request.ca_file is not None:
        try:
            ca_pem = request.ca_file.read_bytes()
        except OSError:
            raise CaFileUnreadable(str(request.ca_file)) from None
    try:
        transport = Transport(request.server_url, ca_pem=ca_pem, pin_sha256=request.pin)
    except ValueError:
        raise CaFileNotPem(str(request.ca_file)) from None
    with transport:
        return enroll_profile(
            store,
            transport,
            request.tenant,
            request.code,
            ca_pem=ca_pem,
            name=socket.gethostname(),
            force=request.force,
        )


def current_setup(store: Store) -> config.Enrollment | None:
    return config.Enrollment.load(store.setting)


def grouped_fingerprint(hex_digest: str) -> str:
    """64 hex digits in two lines of four groups of eight, for reading aloud and comparing."""
    groups = [hex_digest[i : i + 8] for i in range(0, len(hex_digest), 8)]
    return "\n".join(" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))
