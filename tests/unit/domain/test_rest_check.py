"""The daily-rest check before a clock-in (arbeidsmiljøloven § 10-8 (1))."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain import Punch, PunchKind, Shift, pair_shifts, rest_note, short_rest

END = datetime(2026, 3, 28, 21, 0, tzinfo=UTC)  # the evening before the spring DST change


def shifts_ending(at: datetime) -> list[Shift]:
    return pair_shifts(
        [
            Punch(id="a", employee="1", kind=PunchKind.IN, at=at - timedelta(hours=8)),
            Punch(id="b", employee="1", kind=PunchKind.OUT, at=at),
        ]
    )


def test_rest_just_under_eleven_hours_is_short() -> None:
    assert short_rest(shifts_ending(END), END + timedelta(hours=10, minutes=59)) == timedelta(
        hours=10, minutes=59
    )


def test_eleven_hours_is_enough() -> None:
    assert short_rest(shifts_ending(END), END + timedelta(hours=11)) is None


def test_rest_is_elapsed_time_across_the_dst_change() -> None:
    # 22:00 on 28 March to 08:00 on 29 March reads as 10 hours on the wall; 9 elapsed (DST began).
    assert short_rest(shifts_ending(END), END + timedelta(hours=9)) == timedelta(hours=9)


def test_nothing_to_measure_without_an_ended_shift_or_with_one_open() -> None:
    assert short_rest([], END) is None
    open_shift = pair_shifts([Punch(id="a", employee="1", kind=PunchKind.IN, at=END)])
    assert short_rest(open_shift, END + timedelta(hours=1)) is None


def test_the_note_names_the_rule_and_the_rest() -> None:
    assert rest_note(timedelta(hours=9, minutes=40)) == (
        "aml-10-8-daily-rest: clocked in after 9 h 40 min of rest (minimum 11 h)"
    )
