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

# Each call names its context and its text literally, so that pyside6-lupdate finds them.
translate = QCoreApplication.translate


def sync_text(status: SyncStatus, zone: ZoneInfo) -> str:
    """The line under the kiosk's clock for `status` (times in `zone`)."""
    pending = status.pending
    state = status.state
    if state == "syncing":
        return translate("KioskSync", "Syncing…")
    if state == "offline":
        if pending:
            return translate("KioskSync", "Offline · %n waiting", None, pending)
        return translate("KioskSync", "Offline")
    if state in ("sign-in-needed", "certificate", "device-revoked", "device-wiped", "problem"):
        if pending:
            return translate("KioskSync", "Not syncing · %n waiting", None, pending)
        return translate("KioskSync", "Not syncing")
    if pending:
        return translate("KioskSync", "%n waiting to sync", None, pending)
    if status.last_sync is not None:
        time = status.last_sync.astimezone(zone).strftime("%H:%M")
        return translate("KioskSync", "Synced {time}").format(time=time)
    return translate("KioskSync", "Synced")
