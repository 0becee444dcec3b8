"""The manager's window: the team's weeks, their anomalies, decisions and correction requests.

`ManagerWindow` is opened from the employee window's Team… action
(`controls.TeamControls`); all store work goes through the same `TaskRunner`,
with `app.team_review` as the core. The window is imported on first use: the
core brings the sync protocol (pydantic), which the employee window's first
paint does not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.manager.window import ManagerWindow

__all__ = ["ManagerWindow"]


def __getattr__(name: str) -> object:
    if name == "ManagerWindow":
        from app.ui.manager.window import ManagerWindow

        return ManagerWindow
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
