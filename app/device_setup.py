"""Enrolling this profile's device and signing an employee in: shared by the CLI, the demo and the UI.

Both write to the profile's encrypted store only after the server agreed, so a
refused code or password leaves the profile as it was. The access token is
never stored (it lives minutes, in memory); the refresh token is.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.store import Store
from app.store.store import PULL_CURSOR
from sync import config
from sync.dpop import DeviceKey
from sync.enrollment import enroll, sign_in
from sync.protocol import EnrollResponse, TokenResponse
from sync.transport import Transport


class AlreadyEnrolled(Exception):
    """The profile is enrolled and the caller did not ask to enroll it again."""


@dataclass(frozen=True)
class Enrolled:
    answer: EnrollResponse
    server_spki_sha256: str | None


def enroll_profile(
    store: Store,
    transport: Transport,
    tenant: str,
    code: str,
    *,
    ca_pem: bytes | None,
    name: str,
    force: bool = False,
) -> Enrolled:
    """Register a fresh device key with `tenant` and keep the enrollment in `store`.

    Raises AlreadyEnrolled, ValueError (a malformed code) or a `sync.errors.SyncError`.
    """
    earlier = config.Enrollment.load(store.setting)
    if earlier is not None and not force:
        raise AlreadyEnrolled(
            f"this profile is already enrolled as device {earlier.device_id} on {earlier.tenant}; "
            "add --force to enroll it again"
        )
    key = DeviceKey.generate()
    answer = enroll(transport, tenant, code, key, name)
    enrollment = config.Enrollment(
        server_url=transport.base_url,
        tenant=answer.tenant,
        device_id=answer.device_id,
        device_kind=answer.kind,
        device_key_pem=key.private_pem().decode("ascii"),
        ca_pem=ca_pem.decode("ascii") if ca_pem else None,
        pin_sha256=transport.pin_sha256,
    )
    if earlier is not None:  # a session of the old device key is of no use to the new one
        store.set_setting(config.REFRESH_TOKEN, "")
        store.set_setting(config.ROLE, "")
    for setting, value in enrollment.settings():
        store.set_setting(setting, value)
    store.clear_removal_notice()  # a device removed before is set up again
    return Enrolled(answer, transport.server_spki_sha256)


class NotEnrolled(Exception):
    """The profile has no (complete) enrollment yet."""


def sign_in_profile(store: Store, number: str, password: str) -> TokenResponse:
    """Sign employee `number` in on this enrolled device and keep the refresh token.

    Raises NotEnrolled, ValueError (malformed number or password) or a `sync.errors.SyncError`.
    """
    enrollment = config.Enrollment.load(store.setting)
    if enrollment is None:
        raise NotEnrolled("this profile is not enrolled with a server yet; run `stempel setup` first")
    with enrollment.transport() as transport:
        tokens = sign_in(transport, enrollment.tenant, number, password, enrollment.key())
    assert tokens.refresh_token is not None  # sign_in refuses an answer without one
    who = tokens.employee or number
    if (store.setting(config.EMPLOYEE), store.setting(config.ROLE)) != (who, tokens.role or ""):
        # Someone else (or the same person in another role) sees other rows: read them from the start.
        store.set_setting(PULL_CURSOR, "0")
    store.set_setting(config.REFRESH_TOKEN, tokens.refresh_token)
    store.set_setting(config.ROLE, tokens.role or "")
    store.set_setting(config.EMPLOYEE, who)
    return tokens
