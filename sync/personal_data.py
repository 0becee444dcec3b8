"""A personal-data export (GDPR art. 15): what the server holds about one employee.

Shared by both ends: the server builds a `PersonalDataExport`
(`GET /t/{tenant}/v1/export?employee=N`, `stempel-server export`), the client
adds it to its own part (`stempel export`). Secrets are never in it: of a
password, a kiosk PIN and a badge only whether one is set; directory events
lose their PIN verifier and badge digest.

`event_rows` flattens the events to CSV rows, the same columns at both ends.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict

# Payload keys that hold a secret's verifier: never exported, never logged.
SECRET_PAYLOAD_KEYS = ("pin_verifier", "badge_hash")

EVENT_COLUMNS = (
    "seq",
    "id",
    "type",
    "recorded_at",
    "device_id",
    "kind",
    "at",
    "source",
    "week",
    "decision",
    "action",
    "note",
    "reason",
    "comment",
    "payload",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmployeeRecord(_Model):
    """The employee's row, without its secrets: only whether each is set."""

    number: str
    role: str
    first_name: str
    last_name: str
    manager: str | None
    active: bool
    password_set: bool
    pin_set: bool
    badge_set: bool


class DeviceSignIn(_Model):
    """A device the employee signed in on, and when first."""

    device_id: str
    kind: str | None
    name: str | None
    active: bool | None
    enrolled_at: str | None
    first_signed_in_at: str


class LedgerRecord(_Model):
    """One ledger event about the employee (`employee == number`), payload without secrets."""

    seq: int
    id: str
    type: str
    recorded_at: AwareDatetime
    device_id: str | None
    payload: dict[str, Any]


class SessionCounts(_Model):
    """The employee's live sessions in the session store (tokens themselves are never exported)."""

    sign_ins: int  # live refresh families: one per sign-in on one device
    access_tokens: int


class PersonalDataExport(_Model):
    tenant: str
    employee: EmployeeRecord
    devices: list[DeviceSignIn]
    events: list[LedgerRecord]
    sessions: SessionCounts
    exported_at: AwareDatetime


def public_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """A ledger payload without the keys that hold secrets' verifiers."""
    return {k: v for k, v in payload.items() if k not in SECRET_PAYLOAD_KEYS}


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def event_rows(export: PersonalDataExport) -> list[dict[str, str]]:
    """One CSV row per event, in `EVENT_COLUMNS`; `payload` keeps the whole payload as JSON."""
    rows: list[dict[str, str]] = []
    for event in export.events:
        payload = event.payload
        row = {column: _text(payload.get(column)) for column in EVENT_COLUMNS}
        row.update(
            seq=str(event.seq),
            id=event.id,
            type=event.type,
            recorded_at=event.recorded_at.isoformat(),
            device_id=event.device_id or "",
            payload=_text(payload),
        )
        if event.type == "employee":
            row["kind"] = "directory"
        rows.append(row)
    return rows
