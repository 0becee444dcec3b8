"""A manager's view of one employee's ISO week: effective punches, days, totals and anomalies.

Pure: records come in, a `WeekReview` goes out. Corrections never change a
punch in place: an approved correction request replaces its target's kind and
time (or adds the missing punch) in the *effective* list, and the original
stays in the records and in the history.

Anomalies are marked where they are:
- `open-shift`: a clock-in with no clock-out for longer than the open-shift
  limit (default 16 h), with a suggested clock-out; never closed silently;
- `overlap`: a second clock-in while already in (two devices, two shifts);
- `stray`: a clock-out or break end with nothing open;
- `too-long`: a closed shift longer than the tenant's limit (default 13 h,
  the § 10-6 (8) daily total);
- `skewed-clock`: a punch whose device clock was off by more than 2 minutes;
- `offline-kiosk`: a kiosk punch that reached the server more than 5 minutes
  after it was made (the kiosk was offline).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from ._instants import utc_instant
from .punches import ClockState, Punch, PunchKind, replay_step, sort_punches
from .shifts import Shift, pair_shifts
from .timesheet import day_bounds, iso_week_days, worked_per_day

OPEN_SHIFT_LIMIT = timedelta(hours=16)
LONG_SHIFT_LIMIT = timedelta(hours=13)
SKEW_LIMIT_MS = 120_000
OFFLINE_AFTER = timedelta(minutes=5)
NORMAL_WEEK = timedelta(hours=37, minutes=30)
SUGGESTED_DAY = timedelta(hours=7, minutes=30)  # the suggested clock-out of an open shift


class AnomalyKind(StrEnum):
    OPEN_SHIFT = "open-shift"
    OVERLAP = "overlap"
    STRAY = "stray"
    TOO_LONG = "too-long"
    SKEWED_CLOCK = "skewed-clock"
    OFFLINE_KIOSK = "offline-kiosk"


@dataclass(frozen=True, slots=True)
class PunchRecord:
    """A punch with what the store knows about how it was made and delivered."""

    punch: Punch
    source: str = "desktop"
    clock_offset_ms: int | None = None
    server_seq: int | None = None
    recorded_at: datetime | None = None  # when the server recorded it


@dataclass(frozen=True, slots=True)
class CorrectionRequest:
    """An employee's request, and what became of it ("pending", "approved", "rejected")."""

    id: str
    employee: str
    target: str | None
    kind: PunchKind
    at: datetime
    reason: str
    made_at: datetime
    state: str = "pending"
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_comment: str = ""
    server_seq: int | None = None


@dataclass(frozen=True, slots=True)
class Anomaly:
    kind: AnomalyKind
    at: datetime
    punch_id: str | None
    detail: str
    suggestion: datetime | None = None  # a suggested clock-out, for an open shift


@dataclass(frozen=True, slots=True)
class DayLine:
    day: date
    shifts: tuple[Shift, ...]
    worked: timedelta
    breaks: timedelta
    anomalies: tuple[Anomaly, ...]


@dataclass(frozen=True, slots=True)
class WeekReview:
    employee: str
    year: int
    week: int
    days: tuple[DayLine, ...]
    total: timedelta
    overtime: timedelta
    anomalies: tuple[Anomaly, ...]
    punches: tuple[PunchRecord, ...] = field(default=())  # the effective punches of the week

    @property
    def week_text(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def clean(self) -> bool:
        return not self.anomalies


def effective_punches(
    records: Iterable[PunchRecord], requests: Iterable[CorrectionRequest]
) -> list[PunchRecord]:
    """The punches as corrected: approved requests replace their target or add a punch; by time."""
    by_id = {record.punch.id: record for record in records}
    for request in requests:
        if request.state != "approved":
            continue
        if request.target is not None and request.target in by_id:
            old = by_id[request.target]
            by_id[request.target] = replace(
                old, punch=replace(old.punch, kind=request.kind, at=utc_instant(request.at, "at"))
            )
        elif request.target is None:
            punch = Punch(id=request.id, employee=request.employee, kind=request.kind, at=request.at)
            by_id[request.id] = PunchRecord(punch, source="correction", server_seq=request.server_seq)
    ordered = sort_punches(r.punch for r in by_id.values())
    return [by_id[p.id] for p in ordered]


def _replay_anomalies(records: Sequence[PunchRecord]) -> list[Anomaly]:
    anomalies = []
    state = ClockState.OUT
    for record in records:
        punch = record.punch
        after = replay_step(state, punch.kind)
        if after is None:
            if punch.kind is PunchKind.IN:
                anomalies.append(
                    Anomaly(
                        AnomalyKind.OVERLAP, punch.at, punch.id, "clock-in while already in: shifts overlap"
                    )
                )
            else:
                anomalies.append(
                    Anomaly(AnomalyKind.STRAY, punch.at, punch.id, f"{punch.kind.value} with nothing open")
                )
            continue
        state = after
    return anomalies


def _record_anomalies(record: PunchRecord) -> list[Anomaly]:
    found = []
    punch = record.punch
    if record.clock_offset_ms is not None and abs(record.clock_offset_ms) > SKEW_LIMIT_MS:
        minutes = round(record.clock_offset_ms / 60_000)
        found.append(
            Anomaly(AnomalyKind.SKEWED_CLOCK, punch.at, punch.id, f"device clock off by {minutes:+d} min")
        )
    if (
        record.source == "kiosk"
        and record.recorded_at is not None
        and record.recorded_at - punch.at > OFFLINE_AFTER
    ):
        found.append(Anomaly(AnomalyKind.OFFLINE_KIOSK, punch.at, punch.id, "made on a kiosk while offline"))
    return found


def _shift_anomalies(
    shifts: Iterable[Shift], now: datetime, open_limit: timedelta, long_limit: timedelta
) -> list[Anomaly]:
    found = []
    for shift in shifts:
        if shift.end is None:
            if now - shift.start > open_limit:
                found.append(
                    Anomaly(
                        AnomalyKind.OPEN_SHIFT,
                        shift.start,
                        None,
                        f"no clock-out for more than {open_limit.total_seconds() / 3600:g} h",
                        suggestion=shift.start + SUGGESTED_DAY,
                    )
                )
        elif shift.end - shift.start > long_limit:
            found.append(
                Anomaly(
                    AnomalyKind.TOO_LONG,
                    shift.start,
                    None,
                    f"a shift longer than {long_limit.total_seconds() / 3600:g} h",
                )
            )
    return found


def review_week(
    employee: str,
    records: Iterable[PunchRecord],
    requests: Iterable[CorrectionRequest],
    year: int,
    week: int,
    zone: ZoneInfo,
    now: datetime,
    *,
    open_limit: timedelta = OPEN_SHIFT_LIMIT,
    long_limit: timedelta = LONG_SHIFT_LIMIT,
    normal_week: timedelta = NORMAL_WEEK,
) -> WeekReview:
    """The week of one employee. `records` may reach outside the week (a shift begun on Sunday)."""
    (review,) = review_weeks(
        employee,
        records,
        requests,
        [(year, week)],
        zone,
        now,
        open_limit=open_limit,
        long_limit=long_limit,
        normal_week=normal_week,
    )
    return review


def review_weeks(
    employee: str,
    records: Iterable[PunchRecord],
    requests: Iterable[CorrectionRequest],
    weeks: Sequence[tuple[int, int]],
    zone: ZoneInfo,
    now: datetime,
    *,
    open_limit: timedelta = OPEN_SHIFT_LIMIT,
    long_limit: timedelta = LONG_SHIFT_LIMIT,
    normal_week: timedelta = NORMAL_WEEK,
) -> list[WeekReview]:
    """Several weeks of one employee from one pass over the records (corrections, pairing, anomalies)."""
    punches = [r for r in effective_punches(records, requests) if r.punch.employee == employee]
    return review_effective(
        employee,
        punches,
        pair_shifts(r.punch for r in punches),
        weeks,
        zone,
        now,
        open_limit=open_limit,
        long_limit=long_limit,
        normal_week=normal_week,
    )


def review_effective(
    employee: str,
    punches: Sequence[PunchRecord],
    all_shifts: Sequence[Shift],
    weeks: Sequence[tuple[int, int]],
    zone: ZoneInfo,
    now: datetime,
    *,
    open_limit: timedelta = OPEN_SHIFT_LIMIT,
    long_limit: timedelta = LONG_SHIFT_LIMIT,
    normal_week: timedelta = NORMAL_WEEK,
) -> list[WeekReview]:
    """`review_weeks` over punches already corrected (`effective_punches`) and paired (`pair_shifts`)."""
    now = utc_instant(now, "now")
    all_anomalies = [
        *_replay_anomalies(punches),
        *(a for r in punches for a in _record_anomalies(r)),
        *_shift_anomalies(all_shifts, now, open_limit, long_limit),
    ]
    return [
        _one_week(employee, punches, all_shifts, all_anomalies, year, week, zone, now, normal_week)
        for year, week in weeks
    ]


def _one_week(
    employee: str,
    punches: Sequence[PunchRecord],
    all_shifts: Sequence[Shift],
    all_anomalies: Sequence[Anomaly],
    year: int,
    week: int,
    zone: ZoneInfo,
    now: datetime,
    normal_week: timedelta,
) -> WeekReview:
    days = iso_week_days(year, week)
    start, _ = day_bounds(days[0], zone)
    _, end = day_bounds(days[-1], zone)
    shifts = [s for s in all_shifts if s.start < end and (s.end is None or s.end > start)]
    in_week = [r for r in punches if start <= r.punch.at < end]
    anomalies = sorted((a for a in all_anomalies if start <= a.at < end), key=lambda a: (a.at, a.kind.value))
    worked = worked_per_day(shifts, days, zone, now)
    lines = []
    for day in days:
        lo, hi = day_bounds(day, zone)
        day_shifts = tuple(s for s in shifts if lo <= s.start < hi)
        breaks = sum(
            ((b.end or now) - b.start for s in day_shifts for b in s.breaks),
            timedelta(),
        )
        lines.append(
            DayLine(day, day_shifts, worked[day], breaks, tuple(a for a in anomalies if lo <= a.at < hi))
        )
    total = sum(worked.values(), timedelta())
    return WeekReview(
        employee,
        year,
        week,
        tuple(lines),
        total,
        max(timedelta(), total - normal_week),
        tuple(anomalies),
        tuple(in_week),
    )
