"""Instants as the store keeps them: UTC ISO 8601 text with microseconds, so text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_text(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("naive datetime")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_text(text: str) -> datetime:
    """The instant `to_text` wrote; fromisoformat reads its "Z" and is ~20 times faster than strptime."""
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        raise ValueError(f"no zone in {text!r}")
    return at.astimezone(UTC)
