"""Properties of the work-time rules that must hold for any history."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import holidays
from hypothesis import given
from hypothesis import strategies as st

from app.domain import (
    Break,
    Finding,
    Punch,
    Shift,
    WeekPattern,
    WorkTimeLimits,
    WorkTimePolicy,
    check_rules,
)

from .factories import FAST, OSLO, punch_logs

NORWAY = holidays.country_holidays("NO")
LATER = datetime(2027, 1, 1, tzinfo=UTC)
QUARTER = timedelta(minutes=15)
# Both DST changes of 2026 in Oslo fall a few days after these starts.
STARTS = (datetime(2026, 3, 23, 5, tzinfo=UTC), datetime(2026, 10, 19, 4, tzinfo=UTC))
REST_RULES = {"aml-10-8-daily-rest", "aml-10-8-weekly-rest"}


@st.composite
def shift_logs(draw: st.DrawFn) -> list[Shift]:
    """Two employees' shifts on a 15-minute grid: gaps of 0-24 h, shifts of up to 16 h, some breaks."""
    shifts: list[Shift] = []
    start = draw(st.sampled_from(STARTS))
    for employee in ("1001", "1002"):
        cursor = start
        for _ in range(draw(st.integers(min_value=0, max_value=14))):
            begin = cursor + draw(st.integers(min_value=0, max_value=96)) * QUARTER
            end = begin + draw(st.integers(min_value=1, max_value=64)) * QUARTER
            breaks: tuple[Break, ...] = ()
            if draw(st.booleans()):
                pause = begin + draw(st.integers(min_value=0, max_value=63)) * QUARTER
                breaks = (Break(min(pause, end), min(end, pause + draw(st.integers(1, 8)) * QUARTER)),)
            shifts.append(Shift(employee, begin, end, breaks))
            cursor = end
    return shifts


def less_work(shifts: list[Shift], actions: list[int]) -> list[Shift]:
    """Each shift kept (0), dropped (1) or ended earlier (2+: by that many quarters, if it can be)."""
    kept: list[Shift] = []
    for shift, action in zip(shifts, actions, strict=False):
        if action == 1:
            continue
        assert shift.end is not None
        end = shift.end - max(0, action - 1) * QUARTER if action >= 2 else shift.end
        if end <= shift.start:
            continue
        breaks = tuple(Break(b.start, min(b.end or end, end)) for b in shift.breaks if b.start < end)
        kept.append(Shift(shift.employee, shift.start, end, breaks))
    kept += shifts[len(actions) :]
    return kept


def covered(finding: Finding, by: list[Finding]) -> bool:
    return any(
        f.rule == finding.rule
        and f.employee == finding.employee
        and f.start <= finding.start <= finding.end <= f.end
        for f in by
    )


def findings(shifts: list[Shift], policy: WorkTimePolicy) -> list[Finding]:
    return check_rules(shifts, policy, OSLO, LATER, holidays=NORWAY)


@FAST
@given(shift_logs(), st.lists(st.integers(min_value=0, max_value=20), max_size=28))
def test_adding_rest_never_creates_a_rest_finding(shifts: list[Shift], actions: list[int]) -> None:
    before = [f for f in findings(shifts, WorkTimePolicy()) if f.rule in REST_RULES]
    after = [f for f in findings(less_work(shifts, actions), WorkTimePolicy()) if f.rule in REST_RULES]
    assert all(covered(f, before) for f in after)


@FAST
@given(
    shift_logs(),
    st.sampled_from([1.0, 1.25, 2.0, 3.0]),
    st.sampled_from(list(WeekPattern)),
    st.booleans(),
)
def test_scaling_limits_up_never_adds_findings(
    shifts: list[Shift], factor: float, pattern: WeekPattern, tariff: bool
) -> None:
    limits = WorkTimeLimits.statutory(pattern)
    if tariff:
        limits = limits.with_tariff_overtime()
    before = findings(shifts, WorkTimePolicy(limits))
    after = findings(shifts, WorkTimePolicy(limits.scaled(factor)))
    assert all(covered(f, before) for f in after)


@FAST
@given(punch_logs(span=timedelta(days=9)), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_the_punches(log: list[Punch], rng: random.Random) -> None:
    shuffled = list(log)
    rng.shuffle(shuffled)
    policy = WorkTimePolicy()
    assert check_rules(shuffled, policy, OSLO, LATER, holidays=NORWAY) == check_rules(
        log, policy, OSLO, LATER, holidays=NORWAY
    )


def test_long_shifts_with_short_gaps_break_both_rest_rules() -> None:
    """Histories like the strategy's do reach the rest findings the first property is about."""
    rng = random.Random(7)
    shifts, cursor = [], STARTS[1]
    for _ in range(12):
        begin = cursor + rng.randrange(0, 40) * QUARTER
        cursor = begin + rng.randrange(24, 64) * QUARTER
        shifts.append(Shift("1001", begin, cursor, ()))
    assert {f.rule for f in findings(shifts, WorkTimePolicy())} >= REST_RULES
