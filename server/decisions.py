"""Manager decisions in a pushed batch: week approvals, corrections, and the week locks (no HTTP here).

An accepted approve locks the employee's ISO week (in the tenant's zone) until
an accepted reopen; a reject locks nothing. While a week is locked, no punch
and no correction event whose week it is is accepted. An approve or reject
counts only if the manager saw exactly the server's events of that week: the
`week_digest` they sent must be the server's own.

`Decisions` is made once per batch, inside its write transaction. The week
locks of every employee in the batch are read in one query, so a batch of
punches pays for one indexed read; approvals and corrections, which are rare,
read what they refer to when they come. The caller flushes the batch's earlier
ledger rows before asking about an approval or correction, so those reads see
the batch so far.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, Connection, RowMapping, String, bindparam, select

from server.deps import Caller
from server.schema import employees, tenant_settings
from server.schema import ledger as ledger_table
from server.tenants import DEFAULT_SETTINGS
from sync.protocol import (
    WEEK_EVENT_TYPES,
    ApprovalMutation,
    CorrectionMutation,
    PunchMutation,
    event_week,
    week_digest,
)

NOT_YOUR_EMPLOYEE = "not allowed: you do not manage this employee"
SIGN_IN_TO_DECIDE = "sign in to send this decision"
SIGN_IN_TO_CORRECT = "sign in to send this correction"
ALREADY_APPROVED = "conflict: the week is already approved"
ENTRIES_CHANGED = "conflict: the week's entries changed after you decided; the week is back for review"
NEEDS_REASON = "a correction needs a reason"
NEEDS_KIND = "a correction request needs the kind of punch"
NO_SUCH_PUNCH = "no such punch of this employee"
NO_SUCH_REQUEST = "no such correction request"
ALREADY_DECIDED = "this correction request is already decided"
NOT_THE_REQUESTS_TIME = "a decision on a correction repeats the request's time"

# The approval events are read through a partial index (schema.py); SQLite uses
# it only when the type is in the statement's text, not a bound parameter.
_APPROVAL: BindParameter[str] = bindparam("approval_type", "approval", String, literal_execute=True)


def locked_message(week: str) -> str:
    return f"locked: week {week} is approved; ask your manager to reopen it"


def conflict_message(new: int) -> str:
    """Why an approve or reject no longer matches the week: in words, with the count when it grew."""
    if new <= 0:
        return ENTRIES_CHANGED
    entries = "1 entry" if new == 1 else f"{new} entries"
    return f"conflict: {entries} arrived after you decided; the week is back for review"


def locked_weeks(conn: Connection, numbers: Iterable[str]) -> dict[str, set[str]]:
    """The locked ISO weeks of each of these employees, in one query.

    A week is locked when its latest approve-or-reopen decision is an approve;
    rejects do not count either way.
    """
    state: dict[tuple[str, str], bool] = {}
    rows = conn.execute(
        select(ledger_table.c.employee, ledger_table.c.payload)
        .where(ledger_table.c.type == _APPROVAL, ledger_table.c.employee.in_(list(numbers)))
        .order_by(ledger_table.c.seq)
    )
    for employee, payload_text in rows:
        payload = json.loads(payload_text)
        if payload.get("decision") in ("approve", "reopen"):
            state[(employee, payload["week"])] = payload["decision"] == "approve"
    locked: dict[str, set[str]] = {}
    for (employee, week), is_locked in state.items():
        if is_locked:
            locked.setdefault(employee, set()).add(week)
    return locked


def tenant_zone(conn: Connection) -> ZoneInfo:
    """The tenant's zone, in which weeks are counted."""
    name = conn.execute(
        select(tenant_settings.c.value).where(tenant_settings.c.key == "timezone")
    ).scalar_one_or_none()
    return ZoneInfo(name or DEFAULT_SETTINGS["timezone"])


def _instant(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


class Decisions:
    """The approval and correction rules, and the week locks, for one batch of one caller."""

    def __init__(self, conn: Connection, caller: Caller, numbers: Iterable[str]) -> None:
        self._conn = conn
        self._caller = caller
        self._locked = locked_weeks(conn, numbers)
        self._zone: ZoneInfo | None = None

    @property
    def zone(self) -> ZoneInfo:
        if self._zone is None:
            self._zone = tenant_zone(self._conn)
        return self._zone

    # --- week locks -------------------------------------------------------------------

    def _lock_refusal(self, employee: str, event_type: str, at: Any) -> str | None:
        weeks = self._locked.get(employee)
        if not weeks:
            return None
        week = event_week(event_type, {"at": at}, self.zone)
        return locked_message(week) if week in weeks else None

    def punch_refusal(self, mutation: PunchMutation) -> str | None:
        """Refuses a punch in a locked week."""
        return self._lock_refusal(mutation.payload.employee, "punch", mutation.payload.at)

    # --- approvals and corrections ----------------------------------------------------

    def refusal(self, mutation: ApprovalMutation | CorrectionMutation) -> str | None:
        """Why this approval or correction is refused, or None to accept it."""
        if isinstance(mutation, ApprovalMutation):
            return self._approval_refusal(mutation)
        return self._correction_refusal(mutation)

    def ledger_payload(self, mutation: ApprovalMutation | CorrectionMutation) -> dict[str, Any]:
        """The payload an accepted approval or correction is recorded with: who decided, and
        for an approval also its mutation id."""
        payload = mutation.payload.model_dump(mode="json")
        if isinstance(mutation, ApprovalMutation):
            payload["mutation"] = mutation.id
        payload["by"] = self._caller.employee
        return payload

    def accepted(self, mutation: ApprovalMutation | CorrectionMutation) -> None:
        """Keep the batch's week locks current after an accepted decision."""
        if not isinstance(mutation, ApprovalMutation):
            return
        payload = mutation.payload
        weeks = self._locked.setdefault(payload.employee, set())
        if payload.decision == "approve":
            weeks.add(payload.week)
        elif payload.decision == "reopen":
            weeks.discard(payload.week)

    def _decider_refusal(self, employee: str, *, self_allowed: bool) -> str | None:
        """An employee session of the employee's manager, or of an admin; the roles as the
        directory has them now, not as the token had them."""
        me = self._caller.employee
        if me is None:
            return NOT_YOUR_EMPLOYEE
        if employee == me:
            return None if self_allowed else NOT_YOUR_EMPLOYEE
        rows = {
            row["number"]: row
            for row in self._conn.execute(
                select(employees.c.number, employees.c.role, employees.c.manager, employees.c.active).where(
                    employees.c.number.in_([me, employee])
                )
            ).mappings()
        }
        caller_row, employee_row = rows.get(me), rows.get(employee)
        if caller_row is None or not caller_row["active"] or employee_row is None:
            return NOT_YOUR_EMPLOYEE
        if caller_row["role"] == "admin":
            return None
        if caller_row["role"] == "manager" and employee_row["manager"] == me:
            return None
        return NOT_YOUR_EMPLOYEE

    def _approval_refusal(self, mutation: ApprovalMutation) -> str | None:
        payload = mutation.payload
        if self._caller.kind != "employee":
            return SIGN_IN_TO_DECIDE
        refusal = self._decider_refusal(payload.employee, self_allowed=False)
        if refusal is not None or payload.decision == "reopen":
            return refusal
        if payload.week in self._locked.get(payload.employee, set()):
            return ALREADY_APPROVED
        ids = self._week_event_ids(payload.employee, payload.week)
        if week_digest(ids) == payload.digest:
            return None
        return conflict_message(len(ids) - payload.covers)

    def _week_event_ids(self, employee: str, week: str) -> set[str]:
        """The ids of the employee's ledger events that count in `week`."""
        rows = self._conn.execute(
            select(ledger_table.c.id, ledger_table.c.type, ledger_table.c.payload).where(
                ledger_table.c.employee == employee, ledger_table.c.type.in_(WEEK_EVENT_TYPES)
            )
        )
        return {row.id for row in rows if event_week(row.type, json.loads(row.payload), self.zone) == week}

    def _correction_refusal(self, mutation: CorrectionMutation) -> str | None:
        payload = mutation.payload
        if self._caller.kind != "employee":
            return SIGN_IN_TO_CORRECT
        refusal = self._decider_refusal(payload.employee, self_allowed=payload.action == "request")
        if refusal is not None:
            return refusal
        if payload.action == "request":
            if not payload.reason.strip():
                return NEEDS_REASON
            if payload.kind is None:
                return NEEDS_KIND
            target = payload.target
        else:
            request = self._event(payload.request)
            if request is None or request["type"] != "correction" or request["employee"] != payload.employee:
                return NO_SUCH_REQUEST
            asked = json.loads(request["payload"])
            if asked.get("action") != "request":
                return NO_SUCH_REQUEST
            if self._decided(payload.employee, request["id"]):
                return ALREADY_DECIDED
            if _instant(asked.get("at")) != payload.at:
                return NOT_THE_REQUESTS_TIME
            target = asked.get("target")
        target_at = None
        if target is not None:
            punch = self._event(target)
            if punch is None or punch["type"] != "punch" or punch["employee"] != payload.employee:
                return NO_SUCH_PUNCH
            target_at = json.loads(punch["payload"]).get("at")
        # Its own week, and the week of the punch it changes: both must be open.
        return self._lock_refusal(payload.employee, "correction", payload.at) or (
            self._lock_refusal(payload.employee, "punch", target_at) if target_at is not None else None
        )

    def _event(self, event_id: str | None) -> RowMapping | None:
        if event_id is None:
            return None
        return (
            self._conn.execute(
                select(
                    ledger_table.c.id, ledger_table.c.type, ledger_table.c.employee, ledger_table.c.payload
                ).where(ledger_table.c.id == event_id)
            )
            .mappings()
            .first()
        )

    def _decided(self, employee: str, request_id: str) -> bool:
        """Whether a manager's approve or reject of this request is already in the ledger."""
        rows = self._conn.execute(
            select(ledger_table.c.payload).where(
                ledger_table.c.employee == employee, ledger_table.c.type == "correction"
            )
        ).scalars()
        for text in rows:
            payload = json.loads(text)
            if payload.get("action") in ("approve", "reject") and payload.get("request") == request_id:
                return True
        return False
