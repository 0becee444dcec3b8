"""The kiosk screenshots in docs/: idle at 1920×1080 and 1024×600, the action and confirmation screens.

    python -m tests.ui.kiosk_screenshots docs

Offscreen: each picture is the window's own rendering (`QWidget.grab()`) at a
fixed size, so no X server is needed. The window is the real one over a
throwaway store seeded like the tests' (fictitious staff, keys in memory); the
clock stands at 11:10 on a Tuesday, and Kari Nordmann clocked in at 07:58.
Not a test: pytest does not collect it.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSize

from app.domain import PunchKind
from app.store import Store
from app.ui.app import _application
from app.ui.kiosk.window import KioskWindow, Step
from app.ui.tasks import TaskRunner
from sync.engine import SyncStatus
from tests.keyring_fakes import MemoryKeyring
from tests.ui.screenshots import wait_for
from tests.ui.test_kiosk_window import PINS, seed_kiosk_store

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
CLOCKED_IN = datetime(2026, 11, 24, 6, 58, tzinfo=UTC)  # 07:58 in Oslo
NOW = datetime(2026, 11, 24, 10, 10, tzinfo=UTC)  # 11:10 in Oslo
SYNCED = datetime(2026, 11, 24, 10, 8, tzinfo=UTC)


def shoot(window: KioskWindow, size: QSize, name: str, out: Path | None = None) -> None:
    path = (OUT if out is None else out) / name
    window.resize(size)
    wait_for(lambda: window.size() == size)
    for _ in range(3):  # the fonts follow the size: let the layout catch up with them
        QCoreApplication.processEvents()
    if not window.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    print(path)


def sign_in(window: KioskWindow, number: str) -> None:
    for digit in number:
        window.press_digit(digit)
    window.press_ok()
    for digit in PINS[number]:
        window.press_digit(digit)
    window.press_ok()
    wait_for(lambda: window.step == Step.ACTIONS and not window.busy)


def main() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    _application(sys.argv[:1])
    backend = MemoryKeyring()
    folder = Path(tempfile.mkdtemp()) / "kiosk"
    seed_kiosk_store(folder, backend)
    with Store.open(folder, backend=backend, clock=lambda: CLOCKED_IN) as store:
        store.punch("1001", PunchKind.IN, source="kiosk")
    runner = TaskRunner(lambda: Store.open(folder, backend=backend, clock=lambda: NOW))
    window = KioskWindow(runner, "fjordbakeri", title="Fjordbakeri AS", clock=lambda: NOW, confirm_ms=600_000)
    window.show_sync_status(SyncStatus("synced", last_sync=SYNCED))
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)
    shoot(window, QSize(1920, 1080), "kiosk-idle-1920x1080.png")
    shoot(window, QSize(1024, 600), "kiosk-idle-1024x600.png")
    sign_in(window, "1001")
    shoot(window, QSize(1024, 600), "kiosk-action-1024x600.png")
    window.choose_action(1)  # Start break
    wait_for(lambda: window.step == Step.CONFIRMED and not window.busy)
    shoot(window, QSize(1024, 600), "kiosk-confirmation-1024x600.png")
    window.back_to_idle()
    runner.shutdown()


if __name__ == "__main__":
    main()
