"""Wire schemas of the tenant API, shared by the client (sync/) and the server (server/).

Every body is JSON. Errors are RFC 9457 problem documents. Instants are ISO
8601 with an offset; the server answers every request with its clock in
`server_time` (bodies) and the `Date` header.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

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
    # A device grant of a revoked device: a short "farewell" token that may only push
    # what the device still holds and report it wiped (POST /devices/wiped).
    device_revoked: bool = False
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


IsoWeekText = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$")]
DigestText = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Comment = Annotated[str, StringConstraints(max_length=2000)]
Decision = Literal["approve", "reject", "reopen"]
CorrectionAction = Literal["request", "approve", "reject"]
NO_DIGEST = "0" * 64  # a reopen covers no particular events


class ApprovalPayload(Strict):
    """A manager's decision on an employee's ISO week (in the tenant's zone).

    `digest` is `week_digest` of exactly the events the manager saw for that
    week (`event_week`), `covers` how many they were. The server accepts an
    approve or reject only while its own digest of the week is the same and the
    caller still manages the employee; an accepted approve locks the week
    until a reopen (which carries NO_DIGEST).
    """

    id: UuidText  # the decision's own event id
    employee: EmployeeNumber
    week: IsoWeekText
    decision: Decision
    digest: DigestText
    covers: Annotated[int, Field(ge=0)]
    comment: Comment = ""
    made_at: AwareDatetime


class CorrectionPayload(Strict):
    """A correction asked for by an employee, or a manager's decision on one.

    request: `target` is the punch to change (None: a missing punch to add),
    `kind` and `at` what it should be, `reason` is required. approve / reject:
    `request` names the request and `at` repeats the request's, so every
    correction event's week follows from its own payload. An approved
    correction is a new event: the original punch stays in the ledger.
    """

    id: UuidText
    employee: EmployeeNumber
    action: CorrectionAction
    request: UuidText | None = None
    target: UuidText | None = None
    kind: PunchKindText | None = None
    at: AwareDatetime
    reason: Comment = ""
    made_at: AwareDatetime


class PunchMutation(Strict):
    id: UuidText  # client-made UUIDv7; the server applies it at most once
    type: Literal["punch"]
    payload: PunchPayload


class ApprovalMutation(Strict):
    id: UuidText
    type: Literal["approval"]
    payload: ApprovalPayload


class CorrectionMutation(Strict):
    id: UuidText
    type: Literal["correction"]
    payload: CorrectionPayload


Mutation = Annotated[PunchMutation | ApprovalMutation | CorrectionMutation, Field(discriminator="type")]
AnyMutation = PunchMutation | ApprovalMutation | CorrectionMutation


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


class TenantFacts(Strict):
    """What every device of a tenant must know of its settings; sent with each pull."""

    timezone: str = "Europe/Oslo"
    pseudonymised: bool = False
    local_retention_days: int = 62  # synced rows older than this leave the devices
    open_shift_limit_hours: int = 16


class PullResponse(Strict):
    events: list[Event]
    next_after: int
    has_more: bool
    server_time: AwareDatetime
    tenant: TenantFacts | None = None  # None from servers older than this field
    remaining: int | None = None  # events from this page on, when the pull asked `count=1`


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


def mutation_digest(mutation: AnyMutation) -> str:
    """Identifies a mutation's content: the same id with another digest is not a replay."""
    return hashlib.sha256(canonical_json(mutation.model_dump(mode="json"))).hexdigest()


def badge_digest(tenant: str, badge: str) -> str:
    """How a badge id is stored and sent: never the id itself, and not comparable across tenants.

    The server keeps this digest when an admin registers a badge; a kiosk
    computes it from what the reader typed and looks it up in its directory.
    """
    text = f"stempel-badge\0{tenant}\0{badge.strip()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- weeks and approvals: one definition for both ends -------------------------------

WEEK_EVENT_TYPES = ("punch", "correction")


def iso_week_of(at: datetime, zone: ZoneInfo) -> str:
    """ "2026-W48": the ISO week of the instant's local date in `zone`."""
    if at.tzinfo is None:
        raise ValueError("naive datetime")
    year, week, _ = at.astimezone(zone).isocalendar()
    return f"{year}-W{week:02d}"


def event_week(event_type: str, payload: Mapping[str, Any], zone: ZoneInfo) -> str | None:
    """The ISO week an event counts in for approvals, or None for events no approval covers.

    Punches and correction events count in the week of their `at`.
    """
    if event_type not in WEEK_EVENT_TYPES:
        return None
    at = payload.get("at")
    if not isinstance(at, str | datetime):
        return None
    instant = at if isinstance(at, datetime) else datetime.fromisoformat(at)
    return iso_week_of(instant, zone)


def week_digest(event_ids: Iterable[str]) -> str:
    """Identifies exactly the events a decision covers: sha256 over their sorted, distinct ids.

    The client computes it over the server events it holds for the week, the
    server over its ledger; equal digests mean both saw the same events.
    """
    text = "\n".join(sorted(set(event_ids)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
