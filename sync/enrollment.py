"""Enrolling a device and signing a user in: the two calls that come before any sync.

`enroll()` registers a new device key with the tenant using a one-time code;
`sign_in()` trades an employee number and password for a DPoP-bound token pair.
Both sign their request with the device key (a DPoP proof naming the exact URL).
`request_token()` is the one way to `POST /token`; the silent refresh of
`sync/auth.py` is meant to call it with a `RefreshGrant` (an `invalid_grant`
then means `SessionRevoked`), under its own single-flight lock: nothing here
keeps state, retries a token call, or takes a lock.

No secret (code, password, token, private key) reaches an exception message, a
log line or an exception's chained cause: pydantic errors, which echo their
input, are replaced, not chained.
"""

from __future__ import annotations

import re
import time
from typing import Any

import httpx2
from pydantic import ValidationError

from sync.dpop import DeviceKey
from sync.errors import (
    DeviceRevoked,
    EnrollmentRefused,
    ServerUnavailable,
    SessionRevoked,
    SignInRefused,
    SyncError,
    UnexpectedAnswer,
)
from sync.protocol import (
    API_PREFIX,
    DeviceGrant,
    EnrollRequest,
    EnrollResponse,
    PasswordGrant,
    RefreshGrant,
    TokenResponse,
)
from sync.transport import Transport

# The same rule as sync.protocol.TenantName: a tenant name is safe in a URL path.
_TENANT = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
ENROLL_ATTEMPTS = 3
_ENROLL_BACKOFF = (0.5, 1.5)
MAX_DEVICE_NAME = 200


def check_tenant(tenant: str) -> str:
    if not _TENANT.fullmatch(tenant):
        raise ValueError("a tenant name is 1-63 lower-case letters, digits and dashes")
    return tenant


def api_path(tenant: str, rest: str) -> str:
    return API_PREFIX.format(tenant=check_tenant(tenant)) + rest


def _oauth_error(response: httpx2.Response) -> str | None:
    """The `error` member of a problem document, if the answer is one."""
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, str) else None


def _proof_refused() -> UnexpectedAnswer:
    return UnexpectedAnswer(
        "The server refused this device's signature; check that the device's date and time are right"
    )


def _unexpected(response: httpx2.Response) -> UnexpectedAnswer:
    return UnexpectedAnswer(
        f"The server answered HTTP {response.status_code}, which this version of Stempel does not expect"
    )


def enroll(
    transport: Transport,
    tenant: str,
    code: str,
    key: DeviceKey,
    name: str = "",
    *,
    attempts: int = ENROLL_ATTEMPTS,
) -> EnrollResponse:
    """Register `key` as a new device of `tenant` with a one-time `code`.

    The server answers a repeated call with the same code and the same key with
    the same device, so a call whose answer was lost (timeout, broken
    connection, 5xx) is retried here, up to `attempts` in all.
    Raises EnrollmentRefused, CertificateRejected, ServerUnavailable, RateLimited, UnexpectedAnswer.
    """
    if attempts < 1:
        raise ValueError("enroll needs at least one attempt")
    path = api_path(tenant, "/devices/enroll")
    try:
        body = EnrollRequest(code=code, name=name[:MAX_DEVICE_NAME]).model_dump(mode="json")
    except ValidationError:
        raise ValueError("an enrollment code is 1-128 characters") from None
    for attempt in range(attempts):
        try:
            response = transport.request(
                "POST", path, json=body, headers={"DPoP": key.proof("POST", transport.url(path))}
            )
            break
        except ServerUnavailable:
            if attempt + 1 >= attempts:
                raise
            time.sleep(_ENROLL_BACKOFF[min(attempt, len(_ENROLL_BACKOFF) - 1)])
    if response.status_code == httpx2.codes.OK:
        try:
            answer = EnrollResponse.model_validate_json(response.content)
        except ValidationError:
            raise UnexpectedAnswer("The server's answer to the enrollment could not be read") from None
        if answer.tenant != tenant:
            raise UnexpectedAnswer("The server enrolled this device with another tenant than asked")
        return answer
    error = _oauth_error(response)
    if error == "invalid_grant":
        raise EnrollmentRefused("The enrollment code is unknown, expired or already used")
    if error == "invalid_dpop_proof":
        raise _proof_refused()
    if response.status_code == httpx2.codes.NOT_FOUND:
        raise EnrollmentRefused(f"The server has no tenant named {tenant} (or is not a Stempel server)")
    raise _unexpected(response)


def sign_in(transport: Transport, tenant: str, number: str, password: str, key: DeviceKey) -> TokenResponse:
    """Sign employee `number` in on this (enrolled) device: an access and a refresh token.

    Raises SignInRefused (wrong number or password), DeviceRevoked, RateLimited,
    CertificateRejected, ServerUnavailable, UnexpectedAnswer.
    """
    try:
        grant = PasswordGrant(grant_type="password", username=number, password=password)
    except ValidationError:  # its text would echo the password
        raise ValueError("an employee number is 1-64 characters; a password 1-1024") from None
    answer = request_token(transport, tenant, grant, key)
    if answer.refresh_token is None:
        raise UnexpectedAnswer("The server signed in without a refresh token")
    return answer


def request_token(
    transport: Transport,
    tenant: str,
    grant: PasswordGrant | RefreshGrant | DeviceGrant,
    key: DeviceKey,
) -> TokenResponse:
    """`POST /token` with a DPoP proof; answers a `use_dpop_nonce` challenge once (RFC 9449 §8).

    `invalid_grant` means SignInRefused for a password, SessionRevoked for a
    refresh token; `invalid_client` (the key is no active device) DeviceRevoked.
    """
    path = api_path(tenant, "/token")
    body: dict[str, Any] = grant.model_dump(mode="json")
    nonce: str | None = None
    for _ in range(2):
        proof = key.proof("POST", transport.url(path), nonce=nonce)
        response = transport.request("POST", path, json=body, headers={"DPoP": proof})
        error = _oauth_error(response) if response.status_code != httpx2.codes.OK else None
        offered = response.headers.get("DPoP-Nonce")
        if error == "use_dpop_nonce" and offered and nonce is None:
            nonce = offered
            continue
        break
    if response.status_code == httpx2.codes.OK:
        try:
            return TokenResponse.model_validate_json(response.content)
        except ValidationError:  # its text would echo the tokens
            raise UnexpectedAnswer("The server's token answer could not be read") from None
    raise _token_refusal(response, error, grant)


def _token_refusal(
    response: httpx2.Response, error: str | None, grant: PasswordGrant | RefreshGrant | DeviceGrant
) -> SyncError:
    if error == "invalid_grant":
        if isinstance(grant, PasswordGrant):
            return SignInRefused("Wrong employee number or password")
        return SessionRevoked("The sign-in on this device has ended; sign in again")
    if error == "invalid_client":
        return DeviceRevoked("This device is not enrolled with the tenant, or was revoked; enroll it again")
    if error in ("invalid_dpop_proof", "use_dpop_nonce"):
        return _proof_refused()
    if response.status_code == httpx2.codes.NOT_FOUND:
        return UnexpectedAnswer("The server does not know this device's tenant (or is not a Stempel server)")
    return _unexpected(response)
