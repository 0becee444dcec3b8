"""The kiosk: a full-screen shared terminal where staff punch by number and PIN or by badge.

    from app.ui.kiosk import run_kiosk
    run_kiosk(profile_dir)                 # as `stempel --kiosk` does

The window (`KioskWindow`) is a thin shell over `app.kiosk_desk.KioskDesk`,
which runs on the store worker; `BadgeReader` tells a badge reader from a
person by the timing of the keys.
"""

from __future__ import annotations

from app.ui.kiosk.app import run_kiosk
from app.ui.kiosk.badge_reader import BadgeReader
from app.ui.kiosk.window import KioskWindow, Step

__all__ = ["BadgeReader", "KioskWindow", "Step", "run_kiosk"]
