"""Who is calling: the DPoP-bound access token of a request, checked (RFC 9449 §7).

A route that takes `CurrentCaller` only runs for a live access token of this
tenant, presented as `Authorization: DPoP <token>` with a fresh proof signed by
the key the token is bound to, from a device that is still enrolled and active,
for an employee who is still active. A `Bearer` token is refused: a token alone
is not enough. A token of another tenant gets the 404 of an unknown tenant.

One exception to "still active": a revoked device's own "farewell" token
(server.routes.auth) passes for the calls in `FAREWELL_CALLS` only — pushing
what the device still holds and reporting itself wiped; any other call is 403.
"""

from __future__ import annotations

import re
import time
from typing import Annotated, Literal, cast

from fastapi import Depends, Request
from sqlalchemy import Engine, select

from server.deps import Caller
from server.dpop import DpopError, verify_proof
from server.problems import ProblemError, not_found
from server.schema import devices, employees
from server.sessions import SessionStore
from server.settings import Settings
from server.tenants import TenantRegistry, UnknownTenant
from sync.protocol import API_PREFIX

CHALLENGE = 'DPoP error="invalid_token"'
# (method, path below the tenant's prefix) a revoked device's farewell token may call.
FAREWELL_CALLS = frozenset({("POST", "/sync/push"), ("POST", "/devices/wiped")})
_TOKEN68 = re.compile(r"^[A-Za-z0-9\-._~+/]+=*$")


def unauthorized(detail: str = "A valid DPoP-bound access token and proof are required.") -> ProblemError:
    return ProblemError(
        401,
        "Unauthorized",
        detail,
        error="invalid_token",
        headers={"WWW-Authenticate": CHALLENGE},
    )


def farewell_only() -> ProblemError:
    return ProblemError(
        403,
        "Forbidden",
        "This device was removed by the administrator; it may only deliver the punches it still holds.",
        error="device_revoked",
    )


def _farewell_call(request: Request, tenant: str) -> bool:
    prefix = API_PREFIX.format(tenant=tenant)
    path = request.url.path
    return path.startswith(prefix) and (request.method, path.removeprefix(prefix)) in FAREWELL_CALLS


def tenant_engine_or_404(request: Request, tenant: str) -> Engine:
    registry: TenantRegistry = request.app.state.registry
    try:
        return registry.engine(tenant)
    except UnknownTenant:
        raise not_found() from None


def expected_htu(request: Request) -> str:
    """The URL this request was sent to, as the client had to name it: https, no query."""
    return str(request.url.replace(scheme="https", query="", fragment=""))


def dpop_header(request: Request) -> str | None:
    """The one DPoP header; two of them are refused (RFC 9449 §4.3) like a malformed one."""
    values = request.headers.getlist("dpop")
    if len(values) > 1:
        return "."
    return values[0] if values else None


def check_proof(request: Request, *, access_token: str | None) -> str:
    """The thumbprint of the key that signed this request's proof; DpopError if there is none."""
    settings: Settings = request.app.state.settings
    sessions: SessionStore = request.app.state.sessions
    return verify_proof(
        dpop_header(request),
        method=request.method,
        url=expected_htu(request),
        now=time.time(),
        window=settings.dpop_window,
        access_token=access_token,
        seen_jti=sessions.seen_jti,
    )


def _access_token(request: Request) -> str:
    values = request.headers.getlist("authorization")
    if len(values) != 1:
        raise unauthorized()
    scheme, _, token = values[0].strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "dpop" or not _TOKEN68.fullmatch(token):
        raise unauthorized()  # Bearer included: a token without its proof is refused
    return token


def current_caller(tenant: str, request: Request) -> Caller:
    """The FastAPI dependency: 404 for an unknown or foreign tenant, 401 for anything else wrong."""
    engine = tenant_engine_or_404(request, tenant)
    token = _access_token(request)
    try:
        jkt = check_proof(request, access_token=token)
    except DpopError:
        raise unauthorized() from None
    sessions: SessionStore = request.app.state.sessions
    session = sessions.lookup_access(token, time.time())
    if session is None or session.jkt != jkt:
        raise unauthorized()
    if session.tenant != tenant:
        raise not_found()
    with engine.connect() as conn:
        device = conn.execute(
            select(
                devices.c.kind, devices.c.active, devices.c.jkt, devices.c.revoked_at, devices.c.wiped_at
            ).where(devices.c.id == session.device_id)
        ).first()
        person = None
        if session.employee is not None:
            person = conn.execute(
                select(employees.c.role, employees.c.active).where(employees.c.number == session.employee)
            ).first()
    if device is None or device.jkt != jkt:
        raise unauthorized()
    device_kind = cast(Literal["desktop", "kiosk"], device.kind)
    if not device.active:
        leaving = session.employee is None and device.revoked_at is not None and device.wiped_at is None
        if not leaving:
            raise unauthorized()
        if not _farewell_call(request, tenant):
            raise farewell_only()
    if session.employee is None:
        return Caller(tenant=tenant, kind="device", device_id=session.device_id, device_kind=device_kind)
    if person is None or not person.active:
        raise unauthorized()
    return Caller(
        tenant=tenant,
        kind="employee",
        device_id=session.device_id,
        device_kind=device_kind,
        employee=session.employee,
        role=cast(Literal["employee", "manager", "admin"], person.role),
    )


CurrentCaller = Annotated[Caller, Depends(current_caller)]
