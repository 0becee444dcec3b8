"""The SVG icons shipped in `app/ui/resources/` (listed as package data in pyproject)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from app.domain import ClockState

__all__ = ["RESOURCES", "app_icon", "state_icon"]

RESOURCES = Path(__file__).with_name("resources")

_STATE_FILES = {
    ClockState.IN: "in.svg",
    ClockState.ON_BREAK: "break.svg",
    ClockState.OUT: "out.svg",
}


def app_icon() -> QIcon:
    return QIcon(str(RESOURCES / "stempel.svg"))


def state_icon(state: ClockState | None) -> QIcon:
    """The icon for a clock state; "out" also stands for "not known yet"."""
    return QIcon(str(RESOURCES / _STATE_FILES[state or ClockState.OUT]))
