"""A manager's review of their team, offline first (no Qt): overview, weeks, decisions, corrections.

Everything reads the manager's encrypted store, which holds what the server
let this manager pull (their team's punches, corrections and decisions).
A decision is queued in the outbox with the digest of exactly the server
events the manager saw for that week (`sync.protocol.week_digest`); the
server takes it only if its own digest is the same. Until then the week shows
"pending sync"; a refused decision shows the server's words and puts the
week back for review. Nothing here overwrites anything: a correction is a new
event, and the punch it corrects stays.

Like its store, a `TeamReview` is used on one thread (the UI's store worker).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from uuid6 import uuid7

from app.domain import (
    DEFAULT_ZONE,
    ClockState,
    Finding,
    PunchKind,
    Shift,
    WorkTimePolicy,
    check_rules,
    day_bounds,
    iso_week_days,
    pair_shifts,
    parse_iso_week,
    state_after_kind,
)
from app.domain.punches import state_after
from app.domain.week_review import (
    CorrectionRequest,
    PunchRecord,
    WeekReview,
    effective_punches,
    review_effective,
    review_week,
)
from app.failures import Failure
from app.store import Store
from app.store.review import QueuedOrKept
from sync import config
from sync.protocol import NO_DIGEST, TenantFacts, event_week, iso_week_of, week_digest

Status = Literal["open", "pending-sync", "approved", "rejected", "conflict"]
DecisionText = Literal["approve", "reject", "reopen"]


class ReviewRefused(Failure):
    """A decision or correction this device will not queue; the message says why."""


@dataclass(frozen=True, slots=True)
class WeekDecision:
    status: Status
    decision: DecisionText | None = None
    comment: str = ""
    reason: str | None = None  # the server's words for a conflict
    made_at: datetime | None = None
    by: str | None = None
    locked: bool = False  # approved on the server: no new punches until reopened


@dataclass(frozen=True, slots=True)
class TeamRow:
    number: str
    name: str
    state: ClockState
    this_week: timedelta
    last_week: timedelta
    anomalies: int
    decision: WeekDecision
    findings: int | None = 0  # work-time law findings of the week (WEEK_RULES); None: not counted yet


@dataclass(frozen=True, slots=True)
class _TeamData:
    team: list[tuple[str, str]]
    records: dict[str, list[PunchRecord]]
    events: dict[str, list[QueuedOrKept]]
    effective_of: dict[str, list[PunchRecord]]
    shifts_of: dict[str, list[Shift]]


@dataclass(frozen=True, slots=True)
class WeekSheet:
    number: str
    name: str
    review: WeekReview
    decision: WeekDecision
    digest: str
    covers: int
    requests: tuple[CorrectionRequest, ...]
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One step in a punch's life: made, a correction asked for, decided."""

    at: datetime
    who: str
    what: str
    before: str
    after: str
    why: str


# The chapter 10 rules whose period fits in the weeks a review reads (this one and the one
# before); the 4-week, 52-week and 8-week ones need more history: `stempel rules check`.
WEEK_RULES = (
    "aml-10-4-day",
    "aml-10-4-week",
    "aml-10-6-overtime-week",
    "aml-10-6-total-day",
    "aml-10-8-daily-rest",
    "aml-10-8-weekly-rest",
    "aml-10-9-break",
    "aml-10-10-sunday",
)


@functools.cache
def _holidays() -> Container[date]:
    import holidays

    found: Container[date] = holidays.country_holidays("NO")
    return found


def week_findings(punches: Iterable[PunchRecord], week: str, zone: ZoneInfo, now: datetime) -> list[Finding]:
    """The work-time law findings (WEEK_RULES) that touch `week`, from effective punches."""
    return week_shift_findings(pair_shifts(r.punch for r in punches), week, zone, now)


def week_shift_findings(shifts: Iterable[Shift], week: str, zone: ZoneInfo, now: datetime) -> list[Finding]:
    """`week_findings` from shifts already paired (one run over a whole team is cheapest)."""
    start, end = week_bounds(week, zone)
    found = check_rules(list(shifts), WorkTimePolicy(), zone, now, holidays=_holidays(), rules=WEEK_RULES)
    return [f for f in found if f.start < end and f.end > start]


def tenant_zone(store: Store) -> ZoneInfo:
    """The tenant's time zone from the settings the last pull brought; Europe/Oslo before any."""
    saved = store.setting(config.TENANT_FACTS)
    if not saved:
        return DEFAULT_ZONE
    try:
        return ZoneInfo(TenantFacts.model_validate_json(saved).timezone)
    except (ValueError, KeyError):  # unreadable facts or an unknown zone name
        return DEFAULT_ZONE


def week_bounds(week: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    days = iso_week_days(*parse_iso_week(week))
    return day_bounds(days[0], zone)[0], day_bounds(days[-1], zone)[1]


def previous_week(week: str) -> str:
    monday = iso_week_days(*parse_iso_week(week))[0]
    year, number, _ = (monday - timedelta(days=7)).isocalendar()
    return f"{year}-W{number:02d}"


def _aware(text: object) -> datetime:
    return text if isinstance(text, datetime) else datetime.fromisoformat(str(text))


_KEPT_STATUS: dict[str, Status] = {"approve": "approved", "reject": "rejected", "reopen": "open"}


def week_decision(events: Iterable[QueuedOrKept], week: str) -> WeekDecision:
    """The state of a week's decisions: the newest queued one wins, else the server's last."""
    mine = [e for e in events if e.type == "approval" and e.payload.get("week") == week]
    kept = [e for e in mine if e.where == "server"]
    locked = False
    for event in kept:
        if event.payload.get("decision") in ("approve", "reopen"):
            locked = event.payload.get("decision") == "approve"
    queued = [e for e in mine if e.where != "server"]
    if queued:
        last = queued[-1]
        status: Status = "pending-sync" if last.where == "pending" else "conflict"
    elif kept:
        last = kept[-1]
        status = _KEPT_STATUS.get(str(last.payload.get("decision")), "open")
    else:
        return WeekDecision("open", locked=locked)
    payload = last.payload
    return WeekDecision(
        status,
        decision=payload.get("decision"),
        comment=str(payload.get("comment") or ""),
        reason=last.reason,
        made_at=_aware(payload["made_at"]) if payload.get("made_at") else None,
        by=payload.get("by"),
        locked=locked,
    )


def correction_requests(events: Iterable[QueuedOrKept]) -> list[CorrectionRequest]:
    """Requests with what became of them; a decision still in this outbox counts (not yet synced)."""
    requests: dict[str, CorrectionRequest] = {}
    decisions: list[QueuedOrKept] = []
    for event in events:
        if event.type != "correction" or event.where == "rejected":
            continue
        payload = event.payload
        if payload.get("action") == "request":
            requests[str(payload["id"])] = CorrectionRequest(
                id=str(payload["id"]),
                employee=event.employee,
                target=payload.get("target"),
                kind=PunchKind(str(payload["kind"])),
                at=_aware(payload["at"]),
                reason=str(payload.get("reason") or ""),
                made_at=_aware(payload["made_at"]),
                server_seq=event.seq,
            )
        else:
            decisions.append(event)
    for event in decisions:
        request = requests.get(str(event.payload.get("request")))
        if request is not None and request.state == "pending":
            requests[request.id] = replace(
                request,
                state="approved" if event.payload.get("action") == "approve" else "rejected",
                decided_by=event.payload.get("by")
                or (None if event.where == "server" else "you (not sent yet)"),
                decided_at=_aware(event.payload["made_at"]),
                decision_comment=str(event.payload.get("reason") or ""),
            )
    return sorted(requests.values(), key=lambda r: (r.made_at, r.id))


class TeamReview:
    def __init__(self, store: Store, manager: str, *, zone: ZoneInfo | None = None) -> None:
        """`zone` cuts days and weeks; by default the tenant's, as the last pull sent it.

        The server cuts a decision's week in the tenant's zone too, so the two
        digests only agree when both ends use it.
        """
        self._store = store
        self.manager = manager
        self._zone = zone or tenant_zone(store)

    # -- reading ----------------------------------------------------------------------

    def team(self) -> list[tuple[str, str]]:
        return self._store.team_of(self.manager)

    def _name(self, number: str) -> str:
        entry = self._store.employee(number)
        return entry.display_name if entry and entry.display_name else number

    def _check_team(self, number: str) -> None:
        if number not in {n for n, _ in self.team()}:
            raise ReviewRefused(f"{number} is not in your team on this device")

    def _team_data(self, week: str, now: datetime) -> _TeamData:
        """The team's punches of this week and the one before, corrected and paired, and their events."""
        team = self.team()
        numbers = [n for n, _ in team]
        start, _ = week_bounds(previous_week(week), self._zone)
        _, end = week_bounds(week, self._zone)
        records: dict[str, list[PunchRecord]] = defaultdict(list)
        for record in self._store.records_between(numbers, start - timedelta(days=1), max(end, now)):
            records[record.punch.employee].append(record)
        events: dict[str, list[QueuedOrKept]] = defaultdict(list)
        for event in self._store.review_events(numbers, ("approval", "correction")):
            events[event.employee].append(event)
        requests_of = {number: correction_requests(events[number]) for number in numbers}
        targets = [r.target for rs in requests_of.values() for r in rs if r.target and r.state == "approved"]
        known = {r.punch.id for rs in records.values() for r in rs}
        for record in self._store.records_by_ids([t for t in targets if t not in known]):
            records[record.punch.employee].append(record)
        # Each person's punches are corrected and paired once, for the weeks and the rules alike.
        effective_of = {n: effective_punches(records[n], requests_of[n]) for n in numbers}
        shifts_of = {n: pair_shifts(r.punch for r in effective_of[n]) for n in numbers}
        return _TeamData(team, records, events, effective_of, shifts_of)

    def overview(self, week: str, now: datetime, *, law: bool = True) -> list[TeamRow]:
        """Everyone in the team: in or out now, hours this week and last, anomalies, the week's decision.

        `law=False` leaves the work-time law counts out (None): the window paints
        without them and asks `law_counts` next, which costs as much again.
        """
        data = self._team_data(week, now)
        counts = self._law_counts(data, week, now) if law else {}
        # Nobody punched in these two weeks: their state is their last punch, however old.
        earlier = self._store.last_kinds([n for n, _ in data.team if not data.records[n]], now)
        weeks = [parse_iso_week(week), parse_iso_week(previous_week(week))]
        rows = []
        for number, name in data.team:
            effective = data.effective_of[number]
            this, before = review_effective(number, effective, data.shifts_of[number], weeks, self._zone, now)
            if data.records[number]:
                state = state_after(r.punch for r in effective if r.punch.at <= now)
            else:
                state = state_after_kind(earlier.get(number))
            rows.append(
                TeamRow(
                    number,
                    name or number,
                    state,
                    this.total,
                    before.total,
                    len(this.anomalies),
                    week_decision(data.events[number], week),
                    counts.get(number, 0) if law else None,
                )
            )
        return rows

    def law_counts(self, week: str, now: datetime) -> dict[str, int]:
        """How many work-time law findings (WEEK_RULES) each team member has in `week`."""
        return self._law_counts(self._team_data(week, now), week, now)

    def _law_counts(self, data: _TeamData, week: str, now: datetime) -> dict[str, int]:
        counts = {number: 0 for number, _ in data.team}
        shifts = (s for number, _ in data.team for s in data.shifts_of[number])
        for finding in week_shift_findings(shifts, week, self._zone, now):
            counts[finding.employee] = counts.get(finding.employee, 0) + 1
        return counts

    def week(self, number: str, week: str, now: datetime) -> WeekSheet:
        start, end = week_bounds(week, self._zone)
        # From the week before, as the overview reads: the 7-day rules look back into it.
        records = self._store.records_between([number], start - timedelta(days=8), end + timedelta(days=1))
        events = self._store.review_events([number], ("approval", "correction"))
        requests = correction_requests(events)
        # A correction may move a punch across weeks: its target is read wherever it is.
        known = {r.punch.id for r in records}
        records += self._store.records_by_ids(
            [r.target for r in requests if r.target and r.target not in known and r.state == "approved"]
        )
        review = review_week(number, records, requests, *parse_iso_week(week), self._zone, now)
        ids = self._covered_ids(number, week, events)
        return WeekSheet(
            number,
            self._name(number),
            review,
            week_decision(events, week),
            week_digest(ids),
            len(ids),
            tuple(r for r in requests if iso_week_of(r.at, self._zone) == week),
            tuple(week_findings(effective_punches(records, requests), week, self._zone, now)),
        )

    def _covered_ids(self, number: str, week: str, events: Sequence[QueuedOrKept]) -> list[str]:
        """The events of the week as the server will pick them (sync.protocol.event_week).

        Its own events, and the corrections waiting in this outbox: they are
        sent before a decision queued after them, so the server counts them.
        """
        start, end = week_bounds(week, self._zone)
        ids = list(self._store.server_punch_ids(number, start, end))
        ids += [
            str(e.payload["id"])
            for e in events
            if e.where in ("server", "pending") and event_week(e.type, e.payload, self._zone) == week
        ]
        return ids

    def _clocked_in(self, number: str, now: datetime) -> bool:
        records = self._store.records_between([number], now - timedelta(days=14), now + timedelta(seconds=1))
        requests = correction_requests(self._store.review_events([number], ("correction",)))
        return state_after(r.punch for r in effective_punches(records, requests)) is not ClockState.OUT

    # -- deciding ---------------------------------------------------------------------

    def decide(
        self,
        number: str,
        week: str,
        decision: DecisionText,
        comment: str,
        now: datetime,
        *,
        seen: str | None = None,
    ) -> WeekDecision:
        """Queue a decision on the week as the manager sees it now; the server checks it later.

        `seen` is the digest of the sheet the manager looked at (`WeekSheet.digest`):
        if a pull brought something new since, the decision is refused here, so
        it never covers an event nobody saw. Approving the week of someone
        clocked in is refused too: the lock would refuse their clock-out.
        """
        self._check_team(number)
        if number == self.manager:
            raise ReviewRefused("you cannot decide on your own week")
        parse_iso_week(week)
        events = self._store.review_events([number], ("approval",))
        current = week_decision(events, week)
        if current.status == "pending-sync":
            raise ReviewRefused("a decision on this week is waiting to be sent; sync first")
        if decision != "reopen" and current.locked:
            raise ReviewRefused("this week is approved and locked; reopen it first")
        if decision == "reopen" and not current.locked:
            raise ReviewRefused("this week is not approved; there is nothing to reopen")
        ids = self._covered_ids(number, week, self._store.review_events([number], ("approval", "correction")))
        if decision != "reopen" and seen is not None and seen != week_digest(ids):
            raise ReviewRefused("the week changed while you looked at it (a sync brought more); look again")
        if decision == "approve" and self._clocked_in(number, now):
            raise ReviewRefused(
                "they are clocked in now; approve the week after they clock out (the lock would refuse it)"
            )
        payload: dict[str, Any] = {
            "id": str(uuid7()),
            "employee": number,
            "week": week,
            "decision": decision,
            "digest": NO_DIGEST if decision == "reopen" else week_digest(ids),
            "covers": 0 if decision == "reopen" else len(ids),
            "comment": comment,
            "made_at": now.isoformat(),
        }
        superseded = [
            e.outbox_id
            for e in events
            if e.where == "rejected" and e.payload.get("week") == week and e.outbox_id is not None
        ]
        self._store.queue_review_event("approval", payload, drop=superseded)
        return week_decision(self._store.review_events([number], ("approval",)), week)

    def approve_clean(self, week: str, now: datetime) -> list[str]:
        """Approve each team member's week that is begun, worked, clean and undecided; who was approved.

        A week in conflict is left for the manager to look at again, an empty
        or future week is not approved, nor that of someone clocked in or with
        a correction request waiting, and the manager's own week is not theirs
        to decide.
        """
        start, _ = week_bounds(week, self._zone)
        if start > now:
            return []
        waiting = {r.employee for r in self.pending_requests() if iso_week_of(r.at, self._zone) == week}
        clean = [
            row.number
            for row in self.overview(week, now, law=False)
            if row.number != self.manager
            and row.anomalies == 0
            and row.this_week > timedelta(0)
            and row.decision.status == "open"
            and not row.decision.locked
            and row.state is ClockState.OUT  # the lock would refuse a clock-out still to come
            and row.number not in waiting  # a correction request to decide first
        ]
        for number in clean:
            self.decide(number, week, "approve", "", now)
        return clean

    def decide_correction(self, request_id: str, approve: bool, comment: str, now: datetime) -> None:
        team = [n for n, _ in self.team()]
        requests = {r.id: r for r in correction_requests(self._store.review_events(team, ("correction",)))}
        request = requests.get(request_id)
        if request is None:
            raise ReviewRefused("no such correction request in your team on this device")
        if request.state != "pending":
            raise ReviewRefused("this correction request is already decided")
        self._store.queue_review_event(
            "correction",
            {
                "id": str(uuid7()),
                "employee": request.employee,
                "action": "approve" if approve else "reject",
                "request": request.id,
                "at": request.at.isoformat(),
                "reason": comment,
                "made_at": now.isoformat(),
            },
        )

    def pending_requests(self) -> list[CorrectionRequest]:
        team = [n for n, _ in self.team()]
        return [
            r
            for r in correction_requests(self._store.review_events(team, ("correction",)))
            if r.state == "pending"
        ]


def request_correction(
    store: Store,
    number: str,
    kind: PunchKind,
    at: datetime,
    reason: str,
    now: datetime,
    *,
    target: str | None = None,
) -> str:
    """An employee asks for a correction (the reason is required); returns the request's id."""
    if not reason.strip():
        raise ReviewRefused("say why: a correction needs a reason")
    if at.tzinfo is None:
        raise ReviewRefused("the corrected time needs a zone")
    if target is not None and target not in {p.id for p in store.punches(number)}:
        raise ReviewRefused("no such punch of yours on this device")
    request_id = str(uuid7())
    store.queue_review_event(
        "correction",
        {
            "id": request_id,
            "employee": number,
            "action": "request",
            "target": target,
            "kind": kind.value,
            "at": at.isoformat(),
            "reason": reason,
            "made_at": now.isoformat(),
        },
    )
    return request_id


def punch_history(store: Store, number: str, punch_id: str) -> list[HistoryLine]:
    """A punch's life: as made, then each correction asked for and what became of it."""
    made = next((p for p in store.punches(number) if p.id == punch_id), None)
    if made is None:
        return []
    lines = [HistoryLine(made.at, number, "made", "", f"{made.kind.value} {made.at.isoformat()}", "")]
    for request in correction_requests(store.review_events([number], ("correction",))):
        if request.target != punch_id:
            continue
        after = f"{request.kind.value} {request.at.isoformat()}"
        before = f"{made.kind.value} {made.at.isoformat()}"
        lines.append(HistoryLine(request.made_at, number, "correction asked", before, after, request.reason))
        if request.state != "pending":
            lines.append(
                HistoryLine(
                    request.decided_at or request.made_at,
                    request.decided_by or "manager",
                    f"correction {request.state}",
                    before,
                    after if request.state == "approved" else before,
                    request.decision_comment,
                )
            )
    return lines
