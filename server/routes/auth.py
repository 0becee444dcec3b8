"""The token endpoint: `POST /t/{tenant}/v1/token` (password, refresh_token and device grants).

Every call carries a DPoP proof (RFC 9449 §5) and every token issued is bound
to the thumbprint of the key that signed it. Errors are problem documents
with the OAuth error code in `error`:

- 400 `invalid_dpop_proof`: no proof, or a bad one;
- 401 `invalid_client`: the proof's key is not an active device of this tenant
  (re-enroll);
- a device grant of a device an admin revoked, which has not yet reported
  itself wiped: a "farewell" access token of `FAREWELL_TTL` seconds and
  `device_revoked: true`. With it the device may only push the punches it
  still holds (made before the revocation) and then report
  `POST /devices/wiped` (server.auth); after that, `invalid_client`;
- 400 `invalid_grant`: wrong employee number or password, or a refresh token
  that is unknown, expired, revoked, reused or bound to another key; its
  device or employee is no longer active (the client signs the user out);
- 429 with `Retry-After`: too many failed logins for this employee or from this
  device (`login_attempts` per `login_window`, each);
- 404 for an unknown tenant, as everywhere.

Routes are plain functions, so FastAPI runs them (Argon2, SQLite) in its threadpool.
"""

from __future__ import annotations

import json
import math
import time
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal, NamedTuple, cast

from fastapi import APIRouter, Body, Request, Response
from sqlalchemy import Engine, insert, select, update

from server import ledger
from server.auth import check_proof, tenant_engine_or_404
from server.dpop import DpopError
from server.passwords import hash_secret, needs_rehash, verify_secret
from server.problems import ProblemError
from server.schema import devices, employees, sign_ins
from server.sessions import InvalidGrant, SessionStore
from server.settings import Settings
from server.tenants import TenantRegistry, write_transaction
from sync.protocol import DeviceGrant, PasswordGrant, RefreshGrant, TokenRequest, TokenResponse

router = APIRouter(tags=["auth"])

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
FAREWELL_TTL = 120  # seconds: enough to push an outbox, not to keep working
FAREWELL_DAYS = 30  # a revoked device not heard of for longer delivers nothing more
_Role = Literal["employee", "manager", "admin"]


def invalid_grant(detail: str = "The grant is invalid, expired or revoked.") -> ProblemError:
    return ProblemError(400, "Bad Request", detail, error="invalid_grant", headers=NO_STORE)


def invalid_dpop_proof() -> ProblemError:
    return ProblemError(
        400,
        "Bad Request",
        "A valid DPoP proof signed by the device key is required.",
        error="invalid_dpop_proof",
        headers=NO_STORE,
    )


def invalid_client() -> ProblemError:
    return ProblemError(
        401,
        "Unauthorized",
        "This device is not enrolled with this tenant, or no longer active.",
        error="invalid_client",
        headers={**NO_STORE, "WWW-Authenticate": 'DPoP error="invalid_client"'},
    )


def too_many(wait: float) -> ProblemError:
    seconds = max(1, math.ceil(wait))
    return ProblemError(
        429,
        "Too Many Requests",
        "Too many failed attempts; try again later.",
        error="slow_down",
        headers={**NO_STORE, "Retry-After": str(seconds)},
    )


def limit_key(kind: str, tenant: str, name: str) -> str:
    """A login-counter key; JSON so no employee number can forge another key."""
    return json.dumps([kind, tenant, name], ensure_ascii=False)


def refuse_if_blocked(sessions: SessionStore, settings: Settings, keys: list[str], now: float) -> None:
    waits = [sessions.login_blocked(k, now, settings.login_attempts, settings.login_window) for k in keys]
    longest = max((w for w in waits if w is not None), default=None)
    if longest is not None:
        raise too_many(longest)


def count_failure(sessions: SessionStore, settings: Settings, keys: list[str], now: float) -> None:
    for key in keys:
        sessions.login_failed(key, now, settings.login_window)


def proof_key(request: Request) -> str:
    try:
        return check_proof(request, access_token=None)
    except DpopError:
        raise invalid_dpop_proof() from None


class ActiveDevice(NamedTuple):
    id: str
    kind: str


def active_device(engine: Engine, jkt: str) -> ActiveDevice | None:
    """The active device of this tenant whose key has this thumbprint, if any."""
    with engine.connect() as conn:
        row = conn.execute(
            select(devices.c.id, devices.c.kind).where(devices.c.jkt == jkt, devices.c.active.is_(True))
        ).first()
    return ActiveDevice(str(row.id), str(row.kind)) if row is not None else None


def _state(request: Request) -> tuple[Settings, SessionStore]:
    return request.app.state.settings, request.app.state.sessions


@router.post("/token", response_model=TokenResponse)
def token(
    tenant: str,
    body: Annotated[TokenRequest, Body()],
    request: Request,
    response: Response,
) -> TokenResponse:
    engine = tenant_engine_or_404(request, tenant)
    jkt = proof_key(request)
    response.headers.update(NO_STORE)
    if isinstance(body, PasswordGrant):
        return _password(request, engine, tenant, jkt, body)
    if isinstance(body, RefreshGrant):
        return _refresh(request, engine, tenant, jkt, body)
    assert isinstance(body, DeviceGrant)
    return _device(request, engine, tenant, jkt)


def _password(request: Request, engine: Engine, tenant: str, jkt: str, body: PasswordGrant) -> TokenResponse:
    settings, sessions = _state(request)
    device = active_device(engine, jkt)
    if device is None:
        raise invalid_client()
    now = time.time()
    person_key = limit_key("employee", tenant, body.username)
    keys = [person_key, limit_key("device", tenant, device.id)]
    refuse_if_blocked(sessions, settings, keys, now)
    with engine.connect() as conn:
        person = conn.execute(
            select(employees.c.role, employees.c.active, employees.c.password_hash).where(
                employees.c.number == body.username
            )
        ).first()
    # An unknown or inactive employee costs the same Argon2 time as a wrong password.
    stored = person.password_hash if person is not None and person.active else None
    if not verify_secret(stored, body.password):
        count_failure(sessions, settings, keys, time.time())
        raise invalid_grant("Wrong employee number or password.")
    assert person is not None
    sessions.login_succeeded(person_key)  # the device's counter runs out by itself
    _remember_sign_in(request, engine, tenant, device.id, body.username)
    if needs_rehash(person.password_hash):  # stronger parameters since this hash was made
        _rehash(request, engine, tenant, body.username, body.password)
    pair = sessions.issue(tenant, body.username, device.id, jkt, settings.access_ttl, settings.refresh_ttl)
    return TokenResponse(
        access_token=pair.access,
        expires_in=settings.access_ttl,
        refresh_token=pair.refresh,
        employee=body.username,
        role=cast(_Role, person.role),
        device_id=device.id,
        server_time=datetime.now(UTC),
    )


def _remember_sign_in(request: Request, engine: Engine, tenant: str, device_id: str, number: str) -> None:
    """Note that `number` signed in on this device (see server.punches: leftover punches)."""
    registry: TenantRegistry = request.app.state.registry
    query = select(sign_ins.c.employee).where(
        sign_ins.c.device_id == device_id, sign_ins.c.employee == number
    )
    with engine.connect() as conn:
        if conn.execute(query).first() is not None:
            return
    with registry.write_lock(tenant), write_transaction(engine) as conn:
        if conn.execute(query).first() is None:
            conn.execute(
                insert(sign_ins).values(device_id=device_id, employee=number, first_at=ledger.now_text())
            )


def _rehash(request: Request, engine: Engine, tenant: str, number: str, password: str) -> None:
    registry: TenantRegistry = request.app.state.registry
    new_hash = hash_secret(password)
    with registry.write_lock(tenant), write_transaction(engine) as conn:
        conn.execute(update(employees).where(employees.c.number == number).values(password_hash=new_hash))


def _refresh(request: Request, engine: Engine, tenant: str, jkt: str, body: RefreshGrant) -> TokenResponse:
    settings, sessions = _state(request)
    now = time.time()
    try:
        got = sessions.rotate(
            tenant,
            body.refresh_token,
            jkt,
            now,
            settings.access_ttl,
            settings.refresh_ttl,
            settings.refresh_grace,
        )
    except InvalidGrant:
        raise invalid_grant() from None
    with engine.connect() as conn:
        device = conn.execute(
            select(devices.c.active, devices.c.jkt).where(devices.c.id == got.device_id)
        ).first()
        person = conn.execute(
            select(employees.c.role, employees.c.active).where(employees.c.number == got.employee)
        ).first()
    if device is None or not device.active or device.jkt != jkt or person is None or not person.active:
        sessions.revoke_family(got.family_id)  # revoked outside the server's own commands: end it here
        raise invalid_grant()
    return TokenResponse(
        access_token=got.access,
        expires_in=max(0, math.floor(got.access_expires_at - now)),
        refresh_token=got.refresh,
        employee=got.employee,
        role=cast(_Role, person.role),
        device_id=got.device_id,
        server_time=datetime.now(UTC),
    )


def revoked_device(engine: Engine, jkt: str) -> str | None:
    """The id of this tenant's device with this key if an admin revoked it less than
    FAREWELL_DAYS ago and it has not reported itself wiped: it may still deliver what it holds."""
    since = (datetime.now(UTC) - timedelta(days=FAREWELL_DAYS)).isoformat()
    with engine.connect() as conn:
        row = conn.execute(
            select(devices.c.id).where(
                devices.c.jkt == jkt,
                devices.c.active.is_(False),
                devices.c.revoked_at.is_not(None),
                devices.c.revoked_at >= since,
                devices.c.wiped_at.is_(None),
            )
        ).first()
    return str(row.id) if row is not None else None


def _device(request: Request, engine: Engine, tenant: str, jkt: str) -> TokenResponse:
    settings, sessions = _state(request)
    device = active_device(engine, jkt)
    if device is None:
        leaving = revoked_device(engine, jkt)
        if leaving is None:
            raise invalid_client()
        ttl = min(FAREWELL_TTL, settings.access_ttl)
        return TokenResponse(
            access_token=sessions.issue_device(tenant, leaving, jkt, ttl),
            expires_in=ttl,
            device_id=leaving,
            device_revoked=True,
            server_time=datetime.now(UTC),
        )
    access = sessions.issue_device(tenant, device.id, jkt, settings.access_ttl)
    return TokenResponse(
        access_token=access,
        expires_in=settings.access_ttl,
        device_id=device.id,
        server_time=datetime.now(UTC),
    )
