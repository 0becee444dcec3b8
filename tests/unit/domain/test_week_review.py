"""One employee's week for the manager: effective punches, days, totals, anomalies where they are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from app.domain import Punch, PunchKind
from app.domain.week_review import (
    AnomalyKind,
    CorrectionRequest,
    PunchRecord,
    WeekReview,
    effective_punches,
    review_week,
)

OSLO = ZoneInfo("Europe/Oslo")
# ISO week 2026-W48: Monday 23 November to Sunday 29 November.
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=OSLO)


def rec(
    n: int,
    kind: PunchKind,
    at: datetime,
    *,
    source: str = "desktop",
    clock_offset_ms: int | None = None,
    recorded_at: datetime | None = None,
) -> PunchRecord:
    punch = Punch(id=f"p{n:03d}", employee="1001", kind=kind, at=at)
    return PunchRecord(punch, source=source, clock_offset_ms=clock_offset_ms, recorded_at=recorded_at)


def day(n: int, d: int, start: int, end: int) -> list[PunchRecord]:
    return [
        rec(n, PunchKind.IN, local(d, start)),
        rec(n + 1, PunchKind.BREAK_START, local(d, 11, 30)),
        rec(n + 2, PunchKind.BREAK_END, local(d, 12)),
        rec(n + 3, PunchKind.OUT, local(d, end)),
    ]


def review(records: list[PunchRecord], requests: list[CorrectionRequest] | None = None) -> WeekReview:
    return review_week("1001", records, requests or [], 2026, 48, OSLO, NOW)


def test_a_clean_week_sums_days_breaks_and_overtime() -> None:
    records = [r for i, d in enumerate(range(23, 28)) for r in day(10 * i, d, 8, 16)]
    week = review(records)
    assert week.clean
    assert [line.worked for line in week.days[:5]] == [timedelta(hours=7, minutes=30)] * 5
    assert [line.breaks for line in week.days[:5]] == [timedelta(minutes=30)] * 5
    assert week.total == timedelta(hours=37, minutes=30)
    assert week.overtime == timedelta(0)
    assert week.week_text == "2026-W48"


def test_overtime_is_the_time_beyond_the_normal_week() -> None:
    records = [r for i, d in enumerate(range(23, 28)) for r in day(10 * i, d, 7, 17)]
    assert review(records).overtime == timedelta(hours=47, minutes=30) - timedelta(hours=37, minutes=30)


def test_a_missing_clock_out_is_flagged_on_its_day_with_a_suggestion() -> None:
    records = [rec(1, PunchKind.IN, local(24, 8))]
    week = review(records)
    (anomaly,) = week.anomalies
    assert anomaly.kind is AnomalyKind.OPEN_SHIFT
    assert anomaly.suggestion == local(24, 15, 30)
    assert week.days[1].anomalies == (anomaly,)


def test_an_open_shift_younger_than_the_limit_is_not_an_anomaly() -> None:
    records = [rec(1, PunchKind.IN, NOW - timedelta(hours=3))]
    week = review_week("1001", records, [], 2026, 49, OSLO, NOW)
    assert week.clean


def test_a_second_clock_in_is_an_overlap_and_a_long_shift_is_too_long() -> None:
    records = [
        rec(1, PunchKind.IN, local(25, 6)),
        rec(2, PunchKind.IN, local(25, 6, 5), source="kiosk"),
        rec(3, PunchKind.OUT, local(25, 20)),
    ]
    kinds = {a.kind for a in review(records).anomalies}
    assert kinds == {AnomalyKind.OVERLAP, AnomalyKind.TOO_LONG}


def test_a_skewed_clock_and_an_offline_kiosk_punch_are_marked() -> None:
    records = [
        rec(1, PunchKind.IN, local(26, 8), clock_offset_ms=-600_000),
        rec(2, PunchKind.OUT, local(26, 16), source="kiosk", recorded_at=local(26, 16, 40)),
    ]
    anomalies = review(records).anomalies
    assert [(a.kind, a.punch_id) for a in anomalies] == [
        (AnomalyKind.SKEWED_CLOCK, "p001"),
        (AnomalyKind.OFFLINE_KIOSK, "p002"),
    ]
    assert anomalies[0].detail == "device clock off by -10 min"


def test_a_night_shift_from_sunday_gives_its_morning_to_the_next_week() -> None:
    records = [rec(1, PunchKind.IN, local(29, 22)), rec(2, PunchKind.OUT, local(30, 6))]
    assert review(records).total == timedelta(hours=2)


def request(target: str | None, kind: PunchKind, at: datetime, state: str) -> CorrectionRequest:
    return CorrectionRequest(
        id="r1", employee="1001", target=target, kind=kind, at=at, reason="forgot", made_at=NOW, state=state
    )


def test_an_approved_correction_replaces_its_target_and_the_original_stays_in_the_records() -> None:
    records = day(0, 23, 8, 16)
    fixed = request("p003", PunchKind.OUT, local(23, 17), "approved")
    effective = effective_punches(records, [fixed])
    assert [r.punch.at for r in effective][-1] == local(23, 17)
    assert records[-1].punch.at == local(23, 16)
    assert review(records, [fixed]).total == timedelta(hours=8, minutes=30)


def test_a_pending_or_rejected_correction_changes_nothing() -> None:
    records = day(0, 23, 8, 16)
    for state in ("pending", "rejected"):
        assert review(records, [request("p003", PunchKind.OUT, local(23, 17), state)]).total == timedelta(
            hours=7, minutes=30
        )


def test_an_approved_missing_punch_closes_an_open_shift() -> None:
    records = [rec(1, PunchKind.IN, local(24, 8))]
    added = request(None, PunchKind.OUT, local(24, 16), "approved")
    week = review(records, [added])
    assert week.clean
    assert week.total == timedelta(hours=8)
