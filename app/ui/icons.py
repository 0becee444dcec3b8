"""The SVG icons shipped in `app/ui/resources/` (listed as package data in pyproject).

Each clock state has an icon (`in`, `break`, `out`) and a variant with a red
"sync problem" badge (`in-sync-problem`, ...), which the tray shows while
syncing needs the user (an error, refused entries, sign-in needed). Their dark
rim keeps them readable on light and dark panels; docs/tray-icons.png shows
them at 16 to 32 px.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from app.domain import ClockState

__all__ = ["RESOURCES", "SYNC_PROBLEM", "app_icon", "state_icon", "state_icon_name"]

RESOURCES = Path(__file__).with_name("resources")
SYNC_PROBLEM = "-sync-problem"

_STATE_NAMES = {
    ClockState.IN: "in",
    ClockState.ON_BREAK: "break",
    ClockState.OUT: "out",
}


def app_icon() -> QIcon:
    return QIcon(str(RESOURCES / "stempel.svg"))


def state_icon_name(state: ClockState | None, *, sync_problem: bool = False) -> str:
    """The icon's file name without ".svg": "in", "break", "out", or one of them + "-sync-problem"."""
    return _STATE_NAMES[state or ClockState.OUT] + (SYNC_PROBLEM if sync_problem else "")


def state_icon(state: ClockState | None, *, sync_problem: bool = False) -> QIcon:
    """The icon for a clock state; "out" also stands for "not known yet"."""
    return QIcon(str(RESOURCES / f"{state_icon_name(state, sync_problem=sync_problem)}.svg"))
