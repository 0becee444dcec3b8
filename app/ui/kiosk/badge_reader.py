"""Telling a badge reader from a person by the rhythm of the keys.

A keyboard-wedge badge reader "types" the badge's digits far faster than a
hand can, then Enter. `BadgeReader` watches every key the kiosk gets, with the
time the system stamped on it, and says when such a burst has just ended:

    reader = BadgeReader()
    for text, at_ms in keys:
        badge = reader.key(text, at_ms)   # the badge's digits when Enter ends a burst

What a caller may rely on:

- A badge is at least `min_digits` digits, each typed at most `max_gap_ms`
  after the one before, followed by Enter at most `max_gap_ms` after the last
  digit. Anything slower, shorter, or interrupted by another key is a person
  typing, and `key()` returns None for it.
- A key without a time stamp (`at_ms=None`, e.g. a synthetic event) breaks any
  burst: a badge is never guessed without timing.
- Time stamps are milliseconds from any fixed origin; one that goes backwards
  (a wrapped counter) breaks the burst rather than joining it.

No Qt here, so the timing rules are tested without a window.
"""

from __future__ import annotations

__all__ = ["ENTER_KEYS", "MAX_GAP_MS", "MIN_DIGITS", "BadgeReader"]

MIN_DIGITS = 6
MAX_GAP_MS = 35
ENTER_KEYS = frozenset({"\r", "\n"})


class BadgeReader:
    """Follows key presses; `key()` returns a badge when a reader's burst ends with Enter."""

    def __init__(self, *, min_digits: int = MIN_DIGITS, max_gap_ms: int = MAX_GAP_MS) -> None:
        self.min_digits = min_digits
        self.max_gap_ms = max_gap_ms
        self._digits: list[str] = []
        self._last_ms: int | None = None

    @property
    def burst(self) -> str:
        """The digits of the fast run so far (a person's last digit alone when typing slowly)."""
        return "".join(self._digits)

    def reset(self) -> None:
        """Forget the current run (the next digit starts a new one)."""
        self._digits.clear()
        self._last_ms = None

    def _close_to_last(self, at_ms: int | None) -> bool:
        if at_ms is None or self._last_ms is None:
            return False
        return 0 <= at_ms - self._last_ms <= self.max_gap_ms

    def key(self, text: str, at_ms: int | None) -> str | None:
        """Note one key press: its text ("7", "\\r") and when it came; the badge if it ends one."""
        if len(text) == 1 and text.isdigit() and text.isascii():
            if not self._close_to_last(at_ms):
                self._digits.clear()
            self._digits.append(text)
            self._last_ms = at_ms
            if at_ms is None:  # untimed: this digit cannot be part of a burst either
                self._digits.clear()
            return None
        badge: str | None = None
        if text in ENTER_KEYS and len(self._digits) >= self.min_digits and self._close_to_last(at_ms):
            badge = self.burst
        self.reset()
        return badge
