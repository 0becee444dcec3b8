"""Enrolling a device: `POST /t/{tenant}/v1/devices/enroll`.

The body carries the one-time code an admin made (`stempel-server device code`);
the DPoP proof is signed by the device's new key, which proves the caller holds
it, and the key's public JWK is taken from that proof. A code is good for one
device, for 24 hours; it is stored as its sha256 only. A device that lost the
answer may ask again with the same code and the same key and gets the same
answer; any other reuse is refused. Failures are rate limited per client
address like logins, although a code (144 random bits) cannot be guessed anyway.

A revoked device, once it has pushed what it held under its farewell token,
reports `POST /t/{tenant}/v1/devices/wiped` before deleting its local data;
from then on it gets nothing at all (`invalid_client`).
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from datetime import UTC, datetime
from typing import Literal, cast

from fastapi import APIRouter, Request, Response
from sqlalchemy import insert, select, update

from server.auth import CurrentCaller, dpop_header, tenant_engine_or_404
from server.dpop import proof_public_jwk
from server.problems import ProblemError
from server.routes.auth import NO_STORE, count_failure, invalid_grant, limit_key, proof_key, refuse_if_blocked
from server.schema import devices, enrollment_codes
from server.sessions import SessionStore
from server.settings import Settings
from server.tenants import TenantRegistry, write_transaction
from sync.protocol import EnrollRequest, EnrollResponse

router = APIRouter(prefix="/devices", tags=["devices"])


class _Refused(Exception):
    pass


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


@router.post("/enroll", response_model=EnrollResponse)
def enroll(tenant: str, body: EnrollRequest, request: Request, response: Response) -> EnrollResponse:
    engine = tenant_engine_or_404(request, tenant)
    settings: Settings = request.app.state.settings
    sessions: SessionStore = request.app.state.sessions
    registry: TenantRegistry = request.app.state.registry
    jkt = proof_key(request)
    proof = dpop_header(request)
    assert proof is not None
    jwk = proof_public_jwk(proof)
    response.headers.update(NO_STORE)
    keys = [limit_key("enroll", tenant, request.client.host if request.client else "unknown")]
    refuse_if_blocked(sessions, settings, keys, time.time())

    hashed = code_hash(body.code)
    now = datetime.now(UTC)
    try:
        with registry.write_lock(tenant), write_transaction(engine) as conn:
            code = conn.execute(
                select(enrollment_codes).where(enrollment_codes.c.code_hash == hashed)
            ).first()
            if code is None or datetime.fromisoformat(code.expires_at) <= now:
                raise _Refused
            if code.used_by is not None:
                # The same device asking again (a lost answer) gets the same answer; anyone else nothing.
                earlier = conn.execute(
                    select(devices.c.id, devices.c.jkt, devices.c.active).where(devices.c.id == code.used_by)
                ).first()
                if earlier is None or earlier.jkt != jkt or not earlier.active:
                    raise _Refused
                device_id = str(earlier.id)
            else:
                if conn.execute(select(devices.c.id).where(devices.c.jkt == jkt)).first() is not None:
                    raise _Refused  # one key, one device: enroll a new device with a new key
                device_id = str(uuid.uuid4())
                conn.execute(
                    insert(devices).values(
                        id=device_id,
                        kind=code.kind,
                        name=body.name,
                        jkt=jkt,
                        jwk=json.dumps(jwk, sort_keys=True),
                        active=True,
                        enrolled_at=now.isoformat(),
                    )
                )
                used = conn.execute(
                    update(enrollment_codes)
                    .where(enrollment_codes.c.code_hash == hashed, enrollment_codes.c.used_by.is_(None))
                    .values(used_by=device_id)
                )
                if used.rowcount != 1:
                    raise _Refused
            kind = cast(Literal["desktop", "kiosk"], code.kind)
    except _Refused:
        count_failure(sessions, settings, keys, time.time())
        raise invalid_grant("The enrollment code is unknown, expired or already used.") from None
    return EnrollResponse(device_id=device_id, kind=kind, tenant=tenant, server_time=datetime.now(UTC))


@router.post("/wiped", status_code=204)
def wiped(caller: CurrentCaller, request: Request) -> Response:
    """A revoked device reports that it delivered what it held and now deletes its local data."""
    engine = tenant_engine_or_404(request, caller.tenant)
    sessions: SessionStore = request.app.state.sessions
    registry: TenantRegistry = request.app.state.registry
    with registry.write_lock(caller.tenant), write_transaction(engine) as conn:
        done = conn.execute(
            update(devices)
            .where(
                devices.c.id == caller.device_id,
                devices.c.active.is_(False),
                devices.c.revoked_at.is_not(None),
                devices.c.wiped_at.is_(None),
            )
            .values(wiped_at=datetime.now(UTC).isoformat())
        )
    if done.rowcount != 1:
        raise ProblemError(409, "Conflict", "Only a revoked device reports itself wiped.")
    sessions.revoke_device(caller.tenant, caller.device_id)  # the farewell token ends here
    return Response(status_code=204, headers=NO_STORE)
