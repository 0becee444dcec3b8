"""A badge reader is told from a person by the rhythm of the keys: fast digits, then Enter."""

from __future__ import annotations

from app.ui.kiosk.badge_reader import MAX_GAP_MS, MIN_DIGITS, BadgeReader

BADGE = "9000001001"


def feed(reader: BadgeReader, keys: str, start_ms: int, gap_ms: int) -> list[str | None]:
    """Each character of `keys` (Enter as "\\r"), `gap_ms` apart from `start_ms`."""
    return [reader.key(key, start_ms + i * gap_ms) for i, key in enumerate(keys)]


def test_fast_digits_ended_by_enter_are_a_badge() -> None:
    answers = feed(BadgeReader(), BADGE + "\r", 1_000, 8)
    assert answers == [None] * len(BADGE) + [BADGE]


def test_the_same_digits_typed_by_hand_are_not_a_badge() -> None:
    assert feed(BadgeReader(), BADGE + "\r", 1_000, 180) == [None] * (len(BADGE) + 1)


def test_a_gap_of_exactly_the_limit_still_counts_and_one_more_ms_does_not() -> None:
    assert feed(BadgeReader(), BADGE + "\r", 0, MAX_GAP_MS)[-1] == BADGE
    assert feed(BadgeReader(), BADGE + "\r", 0, MAX_GAP_MS + 1)[-1] is None


def test_fewer_than_the_minimum_digits_are_a_person_pressing_enter() -> None:
    short = BADGE[: MIN_DIGITS - 1]
    assert feed(BadgeReader(), short + "\r", 0, 5)[-1] is None
    assert feed(BadgeReader(), BADGE[:MIN_DIGITS] + "\r", 0, 5)[-1] == BADGE[:MIN_DIGITS]


def test_slow_digits_typed_before_a_burst_are_not_part_of_the_badge() -> None:
    reader = BadgeReader()
    feed(reader, "12", 0, 400)
    assert feed(reader, BADGE + "\r", 2_000, 10)[-1] == BADGE


def test_enter_long_after_the_burst_is_not_a_badge() -> None:
    reader = BadgeReader()
    feed(reader, BADGE, 0, 10)
    assert reader.key("\r", 10 * len(BADGE) + 500) is None


def test_a_slow_digit_in_the_middle_starts_a_new_run() -> None:
    reader = BadgeReader()
    feed(reader, "900", 0, 10)
    feed(reader, "0001001", 600, 10)  # 7 fast digits after the pause: a badge of those 7
    assert reader.key("\r", 600 + 70) == "0001001"


def test_another_key_breaks_the_burst() -> None:
    reader = BadgeReader()
    feed(reader, "90000", 0, 5)
    reader.key("a", 25)
    assert feed(reader, "01001\r", 30, 5)[-1] is None


def test_untimed_keys_are_never_a_badge() -> None:
    reader = BadgeReader()
    answers = [reader.key(key, None) for key in BADGE + "\r"]
    assert answers == [None] * (len(BADGE) + 1)


def test_a_timestamp_going_backwards_breaks_the_burst() -> None:
    reader = BadgeReader()
    feed(reader, BADGE[:5], 1_000, 5)
    assert feed(reader, BADGE[5:] + "\r", 10, 5)[-1] is None


def test_after_a_badge_the_next_run_starts_fresh() -> None:
    reader = BadgeReader()
    assert feed(reader, BADGE + "\r", 0, 5)[-1] == BADGE
    assert reader.burst == ""
    assert feed(reader, "1234567\r", 60, 5)[-1] == "1234567"


def test_limits_are_configurable() -> None:
    reader = BadgeReader(min_digits=4, max_gap_ms=60)
    assert feed(reader, "1234\r", 0, 55)[-1] == "1234"
    assert feed(reader, "1234\r", 1_000, 61)[-1] is None
    assert feed(reader, "123\r", 2_000, 5)[-1] is None
