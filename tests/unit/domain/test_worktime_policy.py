"""The tenant's limits: statutory defaults, named presets, and the floors no agreement goes under."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain import (
    RULE_IDS,
    RULES,
    AveragingAgreement,
    AveragingKind,
    EmployeeTerms,
    Severity,
    WeekPattern,
    WorkTimeLimits,
    WorkTimePolicy,
    rule_info,
)


def h(hours: float) -> timedelta:
    return timedelta(hours=hours)


def test_the_defaults_are_the_acts_numbers() -> None:
    limits = WorkTimeLimits()
    assert (limits.normal_day, limits.normal_week) == (h(9), h(40))
    assert (limits.overtime_week, limits.overtime_4weeks, limits.overtime_year) == (h(10), h(25), h(200))
    assert (limits.total_day, limits.total_week_average) == (h(13), h(48))
    assert (limits.daily_rest, limits.weekly_rest) == (h(11), h(35))
    assert (limits.break_after, limits.long_day, limits.long_day_breaks) == (h(5.5), h(8), h(0.5))


@pytest.mark.parametrize(
    ("pattern", "week"),
    [(WeekPattern.STANDARD, 40), (WeekPattern.SHIFT_38, 38), (WeekPattern.CONTINUOUS_36, 36)],
)
def test_the_work_pattern_sets_the_normal_week(pattern: WeekPattern, week: int) -> None:
    assert WorkTimeLimits.statutory(pattern).normal_week == h(week)


def test_averaging_caps_depend_on_who_agreed() -> None:
    individual = AveragingAgreement(AveragingKind.INDIVIDUAL, date(2026, 1, 5))
    tariff = AveragingAgreement(AveragingKind.TARIFF, date(2026, 1, 5))
    assert (individual.day_cap, individual.week_cap, individual.week_average_cap) == (h(10), h(50), h(48))
    assert (tariff.day_cap, tariff.week_cap) == (h(12.5), h(54))
    assert WorkTimeLimits().with_averaging(tariff).day_limit == h(12.5)


def test_an_averaging_period_is_at_most_52_weeks() -> None:
    with pytest.raises(ValueError, match="52"):
        AveragingAgreement(AveragingKind.INDIVIDUAL, date(2026, 1, 5), weeks=53)


def test_no_agreement_goes_under_8_hours_daily_or_28_hours_weekly_rest() -> None:
    assert WorkTimeLimits().with_rest_agreement().daily_rest == h(8)
    with pytest.raises(ValueError, match="daily_rest"):
        WorkTimeLimits().with_rest_agreement(daily=h(7.5))
    with pytest.raises(ValueError, match="weekly_rest"):
        WorkTimeLimits().with_rest_agreement(weekly=h(27))


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="total_day"):
        WorkTimeLimits(total_day=timedelta(0))


def test_scaling_moves_the_ceilings_and_keeps_the_minimums() -> None:
    scaled = WorkTimeLimits().scaled(2)
    assert (scaled.normal_day, scaled.overtime_year) == (h(18), h(400))
    assert (scaled.daily_rest, scaled.long_day_breaks) == (h(11), h(0.5))


def test_agreed_hours_default_to_the_normal_limits_or_the_averaging_caps() -> None:
    policy = WorkTimePolicy(employees={"1001": EmployeeTerms(agreed_day=h(7.5), agreed_week=h(37.5))})
    assert policy.agreed_hours("1001") == (h(7.5), h(37.5))
    assert policy.agreed_hours("1002") == (h(9), h(40))
    averaging = WorkTimeLimits().with_averaging(
        AveragingAgreement(AveragingKind.INDIVIDUAL, date(2026, 1, 5))
    )
    assert WorkTimePolicy(averaging).agreed_hours("1002") == (h(10), h(50))


def test_the_policy_is_frozen_and_validates_its_calendar() -> None:
    policy = WorkTimePolicy(employees={"1001": EmployeeTerms(exempt=True)})
    with pytest.raises(TypeError):
        policy.employees["1002"] = EmployeeTerms()  # type: ignore[index]
    with pytest.raises(ValueError, match="year_starts"):
        WorkTimePolicy(year_starts=(2, 29))
    with pytest.raises(ValueError, match="week_starts_on"):
        WorkTimePolicy(week_starts_on=7)


def test_every_rule_has_a_stable_id_a_section_and_a_severity() -> None:
    assert tuple(rule.id for rule in RULES) == RULE_IDS
    assert len(set(RULE_IDS)) == 12
    for rule_id in RULE_IDS:
        info = rule_info(rule_id)
        assert info.section.startswith("§ 10-")
        assert rule_id.startswith("aml-" + info.section.split()[1] + "-")
    info_rules = {rule_id for rule_id in RULE_IDS if rule_info(rule_id).severity is Severity.INFO}
    assert info_rules == {"aml-10-10-sunday", "aml-10-11-night"}
