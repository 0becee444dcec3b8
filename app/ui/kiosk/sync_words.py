"""The kiosk's one calm line about syncing, for staff: "Synced 07:58", "Offline · 3 waiting".

A kiosk keeps every punch safely in its store whatever the network does, so
nothing here is worded as an alarm; the employee at the keypad needs none of
it. The desktop's `SyncView` says more, for its own user.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from sync.engine import SyncStatus

__all__ = ["sync_text"]

_CONTEXT = "KioskSync"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(_CONTEXT, text, None, n)


def sync_text(status: SyncStatus, zone: ZoneInfo) -> str:
    """The line under the kiosk's clock for `status` (times in `zone`)."""
    pending = status.pending
    state = status.state
    if state == "syncing":
        return _tr("Syncing…")
    if state == "offline":
        return _tr("Offline · %n waiting", pending) if pending else _tr("Offline")
    if state in ("sign-in-needed", "certificate", "device-revoked", "device-wiped", "problem"):
        return _tr("Not syncing · %n waiting", pending) if pending else _tr("Not syncing")
    if pending:
        return _tr("%n waiting to sync", pending)
    if status.last_sync is not None:
        return _tr("Synced {time}").format(time=status.last_sync.astimezone(zone).strftime("%H:%M"))
    return _tr("Synced")
