"""What can go wrong when this device talks to its tenant server: one tree.

Every exception the client side of sync raises on purpose is a `SyncError`;
its text is one plain sentence a user can read. It never holds a token, a
password, an enrollment code or a URL with any of them.

    SyncError
    ├── InsecureAddress       the server address is not https:// (or is unusable);
    │                         refused before any connection is made        permanent
    ├── CertificateRejected   the server's certificate failed CA verification,
    │                         its host name or the pinned key (SPKI sha256)  permanent
    ├── ServerUnavailable     no connection, a timeout, a 5xx answer         transient
    ├── RateLimited           429: too many attempts; `retry_after` seconds  transient
    ├── UnexpectedAnswer      an answer this client does not understand: not a
    │                         Stempel server, another protocol version, a refused
    │                         proof (often a wrong device clock)             permanent
    ├── EnrollmentRefused     the enrollment code is unknown, expired or used,
    │                         or the tenant does not exist                   permanent
    ├── SignInRefused         wrong employee number or password              permanent
    ├── DeviceRevoked         this device is not (or no longer) enrolled with
    │                         the tenant: enroll it again                    permanent
    ├── DeviceWiped           an admin removed this device; it delivered what
    │                         it held and its local data is to be deleted now:
    │                         set it up again                                permanent
    └── SessionRevoked        the sign-in ended on the server (refresh token
                              revoked, reused or expired; user deactivated):
                              sign in again                                  permanent

"Transient" errors are worth retrying later (with backoff); "permanent" ones
need a person: retrying them in a loop only hides the problem.
"""

from __future__ import annotations

from datetime import datetime

CERTIFICATE_SENTENCE = "The server's certificate is not the one this device trusts"


class SyncError(Exception):
    """Base of every error of the sync client; `str()` is the user-facing sentence."""

    transient = False


class InsecureAddress(SyncError):
    """The server address is not an https:// URL; nothing was sent."""


class CertificateRejected(SyncError):
    """The server's certificate did not pass this device's CA check or its pin."""

    def __init__(self, message: str = CERTIFICATE_SENTENCE) -> None:
        super().__init__(message)


class ServerUnavailable(SyncError):
    """The server could not be reached, did not answer in time, or answered 5xx."""

    transient = True


class RateLimited(SyncError):
    """The server asked us to wait `retry_after` seconds (HTTP 429)."""

    transient = True

    def __init__(self, retry_after: float, message: str | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message or f"Too many attempts; try again in {max(1, round(retry_after))} seconds")


class UnexpectedAnswer(SyncError):
    """The server's answer was not what this protocol version expects."""


class EnrollmentRefused(SyncError):
    """The server refused to enroll this device."""


class SignInRefused(SyncError):
    """Wrong employee number or password (OAuth `invalid_grant` on a password grant)."""


class DeviceRevoked(SyncError):
    """The server does not know this device's key (OAuth `invalid_client`)."""


WIPED_SENTENCE = (
    "This device was removed by your administrator; its data has been deleted from this computer. "
    "Set it up again to use it."
)


class DeviceWiped(SyncError):
    """An admin removed this device: what it held was delivered, the server told, and its
    local data must go now (app.syncing does that). `at`: when the device learned of it."""

    def __init__(self, at: datetime, message: str = WIPED_SENTENCE) -> None:
        self.at = at
        super().__init__(message)


class SessionRevoked(SyncError):
    """The refresh token was refused (`invalid_grant`): the user is signed out on this device."""
