"""Wire schemas of the tenant API, shared by the client (sync/) and the server (server/).

Every body is JSON. Errors are RFC 9457 problem documents. Instants are ISO
8601 with an offset; the server answers every request with its clock in
`server_time` (bodies) and the `Date` header.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

API_PREFIX = "/t/{tenant}/v1"
MAX_PUSH_BATCH = 500
MAX_PULL_LIMIT = 1000
MAX_BODY_BYTES = 2 * 1024 * 1024
PROBLEM_JSON = "application/problem+json"

# Numbers and names are free text by design (hostile strings are stored verbatim),
# but bounded so one request cannot exhaust the server.
EmployeeNumber = Annotated[str, StringConstraints(min_length=1, max_length=64)]
TenantName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
Text = Annotated[str, StringConstraints(max_length=200_000)]
PunchKindText = Literal["in", "out", "break-start", "break-end"]
Role = Literal["employee", "manager", "admin"]
DeviceKind = Literal["desktop", "kiosk"]


def _uuid_text(value: str) -> str:
    import uuid

    return str(uuid.UUID(value))


UuidText = Annotated[str, AfterValidator(_uuid_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- tokens (POST /t/{t}/v1/token), every call with a DPoP header -------------------


class PasswordGrant(Strict):
    grant_type: Literal["password"]
    username: EmployeeNumber
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class RefreshGrant(Strict):
    grant_type: Literal["refresh_token"]
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=512)]


class DeviceGrant(Strict):
    """A kiosk's own credential: the DPoP proof, signed by the enrolled device key, is the assertion."""

    grant_type: Literal["device"]


TokenRequest = Annotated[PasswordGrant | RefreshGrant | DeviceGrant, Field(discriminator="grant_type")]


class TokenResponse(Strict):
    access_token: str
    token_type: Literal["DPoP"] = "DPoP"  # noqa: S105 - the scheme name, not a secret
    expires_in: int
    refresh_token: str | None = None
    employee: str | None = None
    role: Role | None = None
    device_id: str
    server_time: AwareDatetime


# --- enrollment (POST /t/{t}/v1/devices/enroll), DPoP proof made with the new key ----


class EnrollRequest(Strict):
    code: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    name: Annotated[str, StringConstraints(max_length=200)] = ""


class EnrollResponse(Strict):
    device_id: str
    kind: DeviceKind
    tenant: str
    server_time: AwareDatetime


# --- sync ---------------------------------------------------------------------------


class PunchPayload(Strict):
    id: UuidText
    employee: EmployeeNumber
    kind: PunchKindText
    at: AwareDatetime
    zone: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    device_clock: AwareDatetime
    clock_offset_ms: int | None = None
    source: Annotated[str, StringConstraints(max_length=32)] = "desktop"
    note: Text = ""


class Mutation(Strict):
    id: UuidText  # client-made UUIDv7; the server applies it at most once
    type: Literal["punch"]
    payload: PunchPayload


class PushRequest(Strict):
    mutations: Annotated[list[Mutation], Field(min_length=1, max_length=MAX_PUSH_BATCH)]


class MutationResult(Strict):
    id: str
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str | None = None
    seq: int | None = None


class PushResponse(Strict):
    results: list[MutationResult]
    server_time: AwareDatetime


class Event(Strict):
    seq: int
    id: str
    type: str
    employee: str | None
    payload: dict[str, Any]
    recorded_at: AwareDatetime


class PullResponse(Strict):
    events: list[Event]
    next_after: int
    has_more: bool
    server_time: AwareDatetime


class Problem(BaseModel):
    """RFC 9457 problem details; `error` carries the OAuth code on token errors."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    error: str | None = None


def canonical_json(value: Any) -> bytes:
    """One byte form for digests: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def mutation_digest(mutation: Mutation) -> str:
    """Identifies a mutation's content: the same id with another digest is not a replay."""
    return hashlib.sha256(canonical_json(mutation.model_dump(mode="json"))).hexdigest()


def badge_digest(tenant: str, badge: str) -> str:
    """How a badge id is stored and sent: never the id itself, and not comparable across tenants.

    The server keeps this digest when an admin registers a badge; a kiosk
    computes it from what the reader typed and looks it up in its directory.
    """
    text = f"stempel-badge\0{tenant}\0{badge.strip()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
