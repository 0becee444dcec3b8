"""Local times that DST skips or repeats, and the Sunday periods of § 10-10."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, time

import holidays
import pytest

from app.domain import (
    AmbiguousLocalTime,
    NonexistentLocalTime,
    easter_sunday,
    is_day_off,
    is_short_eve,
    resolve_local_time,
    sunday_periods,
    wall_instant,
)

from .factories import OSLO, oslo

NORWAY = holidays.country_holidays("NO")
SPRING_NIGHT = date(2026, 3, 29)
AUTUMN_NIGHT = date(2026, 10, 25)


def test_an_ordinary_local_time_resolves_to_its_utc_instant() -> None:
    assert resolve_local_time(date(2026, 6, 1), 8, 30, OSLO) == datetime(2026, 6, 1, 6, 30, tzinfo=UTC)


def test_a_time_skipped_in_spring_is_refused_whatever_the_fold() -> None:
    for fold in (None, 0, 1):
        with pytest.raises(NonexistentLocalTime, match=r"02:30 on 2026-03-29 does not exist in Europe/Oslo"):
            resolve_local_time(SPRING_NIGHT, 2, 30, OSLO, fold=fold)


def test_a_time_repeated_in_autumn_lists_both_instants() -> None:
    with pytest.raises(AmbiguousLocalTime) as caught:
        resolve_local_time(AUTUMN_NIGHT, 2, 30, OSLO)
    first, second = datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert caught.value.instants == (first, second)
    assert "2026-10-25T00:30:00Z and 2026-10-25T01:30:00Z" in str(caught.value)


def test_fold_chooses_which_of_the_repeated_times() -> None:
    assert resolve_local_time(AUTUMN_NIGHT, 2, 30, OSLO, fold=0) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert resolve_local_time(AUTUMN_NIGHT, 2, 30, OSLO, fold=1) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_the_hours_either_side_of_the_changes_are_unambiguous() -> None:
    assert resolve_local_time(SPRING_NIGHT, 3, 0, OSLO) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert resolve_local_time(AUTUMN_NIGHT, 3, 0, OSLO) == datetime(2026, 10, 25, 2, 0, tzinfo=UTC)


def test_a_bad_fold_or_hour_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="fold"):
        resolve_local_time(AUTUMN_NIGHT, 2, 30, OSLO, fold=2)
    with pytest.raises(ValueError, match="hour"):
        resolve_local_time(AUTUMN_NIGHT, 24, 0, OSLO)


def test_the_errors_pickle_with_their_details() -> None:
    with pytest.raises(AmbiguousLocalTime) as caught:
        resolve_local_time(AUTUMN_NIGHT, 2, 0, OSLO)
    copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own bytes
    assert (copy.instants, str(copy)) == (caught.value.instants, str(caught.value))


def test_wall_instant_never_raises_for_a_boundary() -> None:
    assert wall_instant(AUTUMN_NIGHT, time(2, 30), OSLO) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert wall_instant(SPRING_NIGHT, time(2, 30), OSLO) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize("year", range(1990, 2061))
def test_easter_agrees_with_the_holidays_package(year: int) -> None:
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert easter in NORWAY
    assert NORWAY.get(easter) == NORWAY.get(date(2026, 4, 5))  # the same holiday: Easter Sunday


def test_short_eves_are_christmas_easter_and_whitsun_eve() -> None:
    assert is_short_eve(date(2026, 12, 24))
    assert is_short_eve(date(2026, 4, 4))  # Easter eve
    assert is_short_eve(date(2026, 5, 23))  # Whitsun eve
    assert not is_short_eve(date(2026, 12, 31))
    assert not is_short_eve(date(2026, 4, 3))


def test_1_and_17_may_are_days_off_even_if_the_calendar_forgets_them() -> None:
    assert is_day_off(date(2028, 5, 17), frozenset())
    assert is_day_off(date(2028, 5, 1), frozenset())
    assert not is_day_off(date(2028, 5, 16), frozenset())


def test_an_ordinary_weekend_is_saturday_18_to_sunday_22() -> None:
    periods = sunday_periods(date(2026, 6, 8), date(2026, 6, 14), NORWAY, OSLO)
    assert (oslo(date(2026, 6, 13), 18), oslo(date(2026, 6, 14), 22)) in periods


def test_easter_is_two_periods_with_the_saturday_a_working_day_from_15() -> None:
    periods = sunday_periods(date(2026, 3, 30), date(2026, 4, 7), NORWAY, OSLO)
    assert (oslo(date(2026, 4, 1), 18), oslo(date(2026, 4, 3), 22)) in periods  # Maundy Thursday, Good Friday
    assert (oslo(date(2026, 4, 4), 15), oslo(date(2026, 4, 6), 22)) in periods  # Easter eve to Easter Monday


def test_christmas_runs_from_15_on_the_eve_to_22_on_boxing_day() -> None:
    periods = sunday_periods(date(2026, 12, 21), date(2026, 12, 31), NORWAY, OSLO)
    assert (oslo(date(2026, 12, 24), 15), oslo(date(2026, 12, 27), 22)) in periods  # the 27th is a Sunday


def test_17_may_on_a_wednesday_is_a_period_of_its_own() -> None:
    periods = sunday_periods(date(2028, 5, 15), date(2028, 5, 19), NORWAY, OSLO)
    assert (oslo(date(2028, 5, 16), 18), oslo(date(2028, 5, 17), 22)) in periods


def test_a_period_across_the_autumn_change_is_an_hour_longer() -> None:
    [(start, end)] = [p for p in sunday_periods(AUTUMN_NIGHT, AUTUMN_NIGHT, NORWAY, OSLO) if p[0].day == 24]
    assert (start, end) == (oslo(date(2026, 10, 24), 18), oslo(AUTUMN_NIGHT, 22))
    assert (end - start).total_seconds() == 29 * 3600
