"""The token session: a short-lived access token, renewed silently, one renewal at a time.

An `AuthSession` makes every authenticated call of the sync client. It keeps the
access token in memory only; the refresh token lives in the profile's encrypted
store, behind a `TokenVault`. Each request carries a DPoP proof made with the
device key (RFC 9449), bound to the access token (`ath`) and, when the server
asks for one, to its nonce.

Renewal
    Before expiry (measured on the monotonic clock from `expires_in`, so a wrong
    wall clock does not matter) and once on a 401 — but only when the call that
    failed used the current token; a call that raced a renewal just retries with
    the new one. However many threads wait, one renewal runs (a lock in this
    process) and, because the window and `stempel sync` share one profile, it
    runs under the profile's lock and re-reads the stored refresh token first:
    another process may have rotated it a moment ago.

Failures
    A renewal that fails for a transient reason (no network, timeout, 5xx)
    keeps the session and the stored refresh token: the server keeps a lost
    answer's successor for a retry within its grace period. Only `invalid_grant`
    ends the session: the vault forgets the refresh token and the session falls
    back to the device's own credential, under which the outbox is still
    delivered (the server accepts a desktop's leftovers for employees who signed
    in on it). `invalid_client` means the device itself was revoked.

Revoked device
    A refresh refused because the device was revoked ends the sign-in like
    `invalid_grant`; the device grant then either answers `invalid_client`
    (`DeviceRevoked`) or, for a device an admin revoked that has not reported
    itself wiped, a short farewell token with `device_revoked`: `farewell`
    turns True and stays so, and the engine delivers the outbox and wipes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import httpx2

from sync import config
from sync.dpop import DeviceKey
from sync.enrollment import api_path, request_token
from sync.errors import DeviceRevoked, SessionRevoked, UnexpectedAnswer
from sync.protocol import DeviceGrant, RefreshGrant
from sync.transport import Transport

# Renew when less than this share of the token's lifetime is left (at most 30 s).
RENEW_SHARE = 0.2
RENEW_AT_MOST = 30.0


class TokenVault(Protocol):
    """Where the refresh token is kept, and the lock shared by every process of the profile."""

    def locked(self) -> AbstractContextManager[None]: ...

    def load_refresh(self) -> str | None: ...

    def save_refresh(self, token: str) -> None: ...

    def end_session(self) -> None: ...


class SettingsVault:
    """A `TokenVault` over the profile's settings (`Store.setting`/`set_setting`) and its lock.

    The store is shared with the engine's thread, so every use here is under a lock.
    """

    def __init__(
        self,
        setting: Callable[[str], str | None],
        set_setting: Callable[[str, str], None],
        profile_lock: Callable[[], AbstractContextManager[None]],
    ) -> None:
        self._setting = setting
        self._set_setting = set_setting
        self._profile_lock = profile_lock
        self._mutex = threading.RLock()

    @contextmanager
    def locked(self) -> Iterator[None]:
        with self._mutex, self._profile_lock():
            yield

    def load_refresh(self) -> str | None:
        with self._mutex:
            return self._setting(config.REFRESH_TOKEN) or None

    def save_refresh(self, token: str) -> None:
        with self._mutex:
            self._set_setting(config.REFRESH_TOKEN, token)

    def end_session(self) -> None:
        with self._mutex:
            self._set_setting(config.REFRESH_TOKEN, "")


@dataclass(frozen=True)
class _Access:
    token: str
    renew_at: float  # monotonic
    employee: str | None  # None: the device's own credential


def _renew_margin(lifetime: float) -> float:
    return min(RENEW_AT_MOST, max(0.0, lifetime) * RENEW_SHARE)


def _asks_for_nonce(response: httpx2.Response) -> bool:
    challenge = response.headers.get("WWW-Authenticate", "")
    return "use_dpop_nonce" in challenge and bool(response.headers.get("DPoP-Nonce"))


class AuthSession:
    """Authenticated calls to one tenant, with silent renewal. Thread-safe."""

    def __init__(
        self,
        transport: Transport,
        tenant: str,
        key: DeviceKey,
        vault: TokenVault,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.tenant = tenant
        self._key = key
        self._vault = vault
        self._monotonic = monotonic
        self._lock = threading.Lock()  # one renewal at a time in this process
        self._access: _Access | None = None
        self._nonce: str | None = None
        self.renewals = 0
        """How many tokens this session obtained (sign-in renewals and device tokens)."""
        self.farewell = False
        """Whether the server said this device is revoked and gave it a farewell token (only to push)."""

    # -- tokens ------------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        """Whether an employee's session is kept (a refresh token is stored)."""
        return self._vault.load_refresh() is not None

    @property
    def employee(self) -> str | None:
        access = self._access
        return access.employee if access is not None else None

    def _current(self) -> _Access | None:
        access = self._access
        if access is None or self._monotonic() >= access.renew_at:
            return None
        return access

    def access_token(self) -> str:
        """A token good for the next call, renewed first if it is (nearly) expired."""
        return (self._current() or self._renew(failed=None)).token

    def _renew(self, failed: str | None) -> _Access:
        """Renew, once however many threads ask: a later caller takes the result of an earlier one."""
        with self._lock:
            access = self._current()
            if access is not None and access.token != failed:
                return access
            with self._vault.locked():
                refresh = self._vault.load_refresh()  # another process may have rotated it
                answer = None
                if refresh is not None:
                    try:
                        answer = request_token(
                            self.transport,
                            self.tenant,
                            RefreshGrant(grant_type="refresh_token", refresh_token=refresh),
                            self._key,
                        )
                    except SessionRevoked:
                        self._vault.end_session()  # the outbox stays; the device delivers it
                        self._access = None
                        raise
                    except DeviceRevoked:  # the sign-in ends with the device; its own grant says the rest
                        self._vault.end_session()
                        self._access = None
                    else:
                        if answer.refresh_token is None:
                            raise UnexpectedAnswer("The server renewed the sign-in without a refresh token")
                        self._vault.save_refresh(answer.refresh_token)
                if answer is None:
                    answer = request_token(
                        self.transport, self.tenant, DeviceGrant(grant_type="device"), self._key
                    )
                    if answer.device_revoked:
                        self.farewell = True
            now = self._monotonic()
            lifetime = float(answer.expires_in)
            self._access = _Access(
                token=answer.access_token,
                renew_at=now + lifetime - _renew_margin(lifetime),
                employee=answer.employee,
            )
            self.renewals += 1
            return self._access

    def forget_access(self) -> None:
        """Drop the in-memory access token (after a sign-in or sign-out elsewhere)."""
        with self._lock:
            self._access = None

    # -- calls -------------------------------------------------------------------

    def call(
        self, method: str, rest: str, *, json: Any = None, content: bytes | None = None
    ) -> httpx2.Response:
        """One call to `/t/{tenant}/v1{rest}` with the current token and a fresh proof.

        A 401 renews the token once (if this call used the current one) and
        retries; a `use_dpop_nonce` challenge is answered once. Other answers
        are returned; transport failures raise `sync.errors`.
        """
        path = api_path(self.tenant, rest)
        url = self.transport.url(path)
        access = self._current() or self._renew(failed=None)
        renewed = nonce_retried = False
        while True:
            proof = self._key.proof(method, url, access_token=access.token, nonce=self._nonce)
            headers = {"Authorization": f"DPoP {access.token}", "DPoP": proof}
            if content is not None:
                headers["Content-Type"] = "application/json"
            response = self.transport.request(method, path, json=json, content=content, headers=headers)
            offered = response.headers.get("DPoP-Nonce")
            if offered:
                self._nonce = offered
            if response.status_code != httpx2.codes.UNAUTHORIZED:
                return response
            if _asks_for_nonce(response):
                if nonce_retried:  # a second challenge: the token is not the problem
                    return response
                nonce_retried = True
                continue
            if renewed:
                return response
            renewed = True
            access = self._renew(failed=access.token)
