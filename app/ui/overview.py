"""What the employee window shows, read from the store in one go, and the figures from it.

`load_overview` runs on the store worker (see `app.ui.tasks`); everything else
here is pure and cheap, so the UI thread may recompute running totals from an
`Overview` every minute without touching the database. No Qt in this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.domain import (
    ClockState,
    Punch,
    PunchKind,
    Shift,
    WeekSummary,
    day_bounds,
    pair_shifts,
    short_rest,
    today_worked,
    week_summary,
)
from app.store import Employee, Store

__all__ = [
    "EMPLOYEE_SETTING", "Overview", "SyncFacts", "load_overview", "load_sync_facts", "punch_and_reload",
]

EMPLOYEE_SETTING = "employee"

# How far before the week's Monday punches are read: enough to find the start
# of a shift (or break) still open from earlier, e.g. a forgotten clock-out.
_LOOKBACK = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class SyncFacts:
    """What the store knows about syncing, read with the overview.

    `clock_offset_ms` is the server's clock minus this device's, as the sync
    engine last measured it (None before the first sync); `last_sync` is the
    server time of the last complete sync. `known` is False on the very first
    read, which leaves out what needs the sync modules (see `load_overview`).
    """

    known: bool = True
    enrolled: bool = False
    signed_in: bool = False
    rejected: int = 0
    last_sync: datetime | None = None
    clock_offset_ms: int | None = None
    week_locked: bool = False  # this week approved by the manager: no new punches in it
    open_shift_limit: timedelta = timedelta(hours=16)  # the tenant's, as the last pull said


@dataclass(frozen=True, slots=True)
class Overview:
    """One employee's clock as stored at `loaded_at` (the server's time, as well as known).

    `employee` is None when the profile has no employee yet. `state` is the
    store's own view (the one `Store.punch` checks), so the enabled buttons
    always match what the store will accept. `punches` runs from well before
    this week's Monday to `loaded_at`, oldest first.
    """

    employee: Employee | None
    state: ClockState
    punches: tuple[Punch, ...]
    pending: int
    loaded_at: datetime
    zone: ZoneInfo
    sync: SyncFacts = SyncFacts()
    shifts: tuple[Shift, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shifts", tuple(pair_shifts(self.punches)))

    def local_day(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def today_punches(self, now: datetime) -> list[Punch]:
        start, end = day_bounds(self.local_day(now), self.zone)
        return [p for p in self.punches if start <= p.at < end]

    def since(self) -> datetime | None:
        """When the current state began: the open shift's start, or the open break's."""
        if self.state is ClockState.OUT or not self.shifts:
            return None
        current = self.shifts[-1]
        if current.end is not None:
            return None
        if self.state is ClockState.IN:
            return current.start
        open_breaks = [b.start for b in current.breaks if b.end is None]
        return open_breaks[-1] if open_breaks else None

    def today_worked(self, now: datetime) -> timedelta:
        return today_worked(self.shifts, self.zone, now)

    def open_too_long(self, now: datetime) -> Shift | None:
        """The open shift, if it has run longer than the tenant's limit (a forgotten clock-out)."""
        if not self.shifts or self.shifts[-1].end is not None:
            return None
        current = self.shifts[-1]
        return current if now - current.start > self.sync.open_shift_limit else None

    def short_rest(self, now: datetime) -> timedelta | None:
        """The rest so far, if clocking in now would break the daily rest (§ 10-8 (1))."""
        return short_rest(self.shifts, now)

    def week(self, now: datetime) -> WeekSummary:
        year, week, _ = self.local_day(now).isocalendar()
        return week_summary(self.shifts, year, week, self.zone, now)


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def load_sync_facts(store: Store) -> SyncFacts:
    """Enrollment, sign-in, refused entries, last sync and the server offset (store worker only)."""
    # Imported here, on the store worker: sync brings the TLS and crypto stack
    # (some 60 ms), which the window's first paint does not need.
    from app.team_review import week_decision
    from sync import config
    from sync.protocol import TenantFacts, iso_week_of

    saved = store.setting(config.TENANT_FACTS)
    try:
        tenant = TenantFacts.model_validate_json(saved) if saved else TenantFacts()
    except ValueError:
        tenant = TenantFacts()
    number = store.setting(EMPLOYEE_SETTING)
    week = iso_week_of(store.server_now(), ZoneInfo(tenant.timezone))
    locked = bool(number) and week_decision(store.review_events([str(number)], ("approval",)), week).locked
    return SyncFacts(
        enrolled=config.Enrollment.load(store.setting) is not None,
        signed_in=bool(store.setting(config.REFRESH_TOKEN)),
        rejected=store.rejected_count(),
        last_sync=_parse_time(store.setting(config.LAST_SYNC)),
        clock_offset_ms=store.clock_offset_ms(),
        week_locked=locked,
        open_shift_limit=timedelta(hours=tenant.open_shift_limit_hours),
    )


def load_overview(
    store: Store, zone: ZoneInfo, clock: Callable[[], datetime], *, with_sync: bool = True
) -> Overview:
    """Read everything the window shows for the profile's employee (worker thread only).

    `clock` is this device's clock; "now" is corrected by the server offset the
    store keeps, so today and this week are the tenant's, not the device's.
    Without `with_sync` (the first read, before the window is painted) the
    facts of syncing are left unknown but for the offset and the refused count.
    """
    if with_sync:
        facts = load_sync_facts(store)
    else:
        facts = SyncFacts(
            known=False, rejected=store.rejected_count(), clock_offset_ms=store.clock_offset_ms()
        )
    now = clock()
    if facts.clock_offset_ms is not None:
        now += timedelta(milliseconds=facts.clock_offset_ms)
    pending = store.pending_count()
    number = store.setting(EMPLOYEE_SETTING)
    if not number:
        return Overview(None, ClockState.OUT, (), pending, now, zone, facts)
    employee = store.employee(number) or Employee(number, "")
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    start = day_bounds(monday, zone)[0] - _LOOKBACK
    punches = tuple(store.punches(number, start=start))
    return Overview(employee, store.state(number), punches, pending, now, zone, facts)


def punch_and_reload(
    store: Store,
    number: str,
    kind: PunchKind,
    zone: ZoneInfo,
    clock: Callable[[], datetime],
    note: str = "",
) -> tuple[Punch, Overview]:
    """Make the punch (returns after COMMIT), then read the overview it leads to."""
    punch = store.punch(number, kind, note=note)
    return punch, load_overview(store, zone, clock, with_sync=True)
