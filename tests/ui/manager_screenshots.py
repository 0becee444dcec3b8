"""docs/manager-overview.png, docs/manager-week.png, docs/correction-dialog.png (offscreen grabs).

QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.manager_screenshots docs
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget

from app.domain import PunchKind
from app.store import Store
from app.ui.app import _application
from app.ui.correction_dialog import CorrectionDialog
from app.ui.manager import ManagerWindow
from app.ui.tasks import TaskRunner
from tests.keyring_fakes import MemoryKeyring
from tests.ui.screenshots import settle, wait_for
from tests.ui.test_manager_window import MANAGER, NOW, Ledger, oslo

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")


def grab(widget: QWidget, name: str, out: Path | None = None) -> None:
    path = (OUT if out is None else out) / name
    widget.repaint()
    settle(0.2)
    assert widget.grab().save(str(path))
    print("wrote", path)


def seed(folder: Path, backend: MemoryKeyring) -> None:
    ledger = Ledger()
    ledger.employee(MANAGER, "Marte", "Kirkerud", role="manager")
    people = [
        ("1001", "Kari", "Nordmann"),
        ("1002", "Ola", "Nordmann"),
        ("1003", "Ingrid", "Hansen"),
        ("1004", "Per", "Olsen"),
        ("1005", "Sigrid", "Johansen"),
        ("1006", "Lars", "Berg"),
        ("1007", "Nora", "Haugen"),
        ("1008", "Emil", "Solberg"),
    ]
    for number, first, last in people:
        ledger.employee(number, first, last)
    for number in ("1001", "1004", "1005", "1006", "1007", "1008"):
        for day in (16, 17, 18, 19, 20):
            ledger.shift(number, oslo(day, 8), oslo(day, 15, 30 + (int(number) % 3) * 10))
    for day in (23, 24):
        ledger.shift("1001", oslo(day, 7, 58), oslo(day, 16, 2))
        ledger.shift("1004", oslo(day, 9), oslo(day, 15))
        ledger.shift("1005", oslo(day, 7, 30), oslo(day, 15, 45))
        ledger.shift("1006", oslo(day, 8, 15), oslo(day, 16, 30))
        ledger.shift("1008", oslo(day, 6, 45), oslo(day, 14, 50))
    ledger.shift("1001", oslo(25, 7, 55), None)
    ledger.punch("1001", "break-start", oslo(25, 11, 30))
    ledger.punch("1001", "break-end", oslo(25, 12, 0))
    ledger.shift("1002", oslo(23, 8), None)  # forgot to clock out on Monday
    ledger.shift("1003", oslo(23, 8), oslo(23, 16))
    tuesday = ledger.shift("1003", oslo(24, 6), oslo(24, 21))  # 15 hours
    ledger.shift("1007", oslo(24, 10), oslo(24, 18))
    ledger.shift("1007", oslo(25, 9, 58), None)
    ledger.punch("1007", "break-start", oslo(25, 13, 40))
    ledger.add(
        "correction",
        "1003",
        {
            "id": str(uuid.uuid4()),
            "employee": "1003",
            "action": "request",
            "target": tuesday[1],
            "kind": "out",
            "at": oslo(24, 17, 0).isoformat(),
            "reason": "Forgot to clock out when I left at 17",
            "made_at": oslo(25, 7, 40).isoformat(),
        },
    )
    approved = str(uuid.uuid4())
    ledger.add(
        "approval",
        "1008",
        {
            "id": approved,
            "employee": "1008",
            "week": "2026-W48",
            "decision": "approve",
            "digest": "0" * 64,
            "covers": 4,
            "comment": "",
            "made_at": oslo(25, 9).isoformat(),
            "by": MANAGER,
        },
    )
    with Store.open(folder, backend=backend, clock=lambda: NOW) as store:
        store.set_setting("employee", MANAGER)
        store.set_setting("role", "manager")
        store.apply_pulled(ledger.events, next_after=len(ledger.events))


def main(*, out: Path | None = None, suffix: str = "") -> None:
    """The three pictures, into `out` (default: the command line's folder), each name ending in `suffix`."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = _application(sys.argv[:1])
    assert isinstance(app, QApplication)

    backend = MemoryKeyring()
    folder = Path(tempfile.mkdtemp()) / "manager"
    seed(folder, backend)
    runner = TaskRunner(lambda: Store.open(folder, backend=backend, clock=lambda: NOW))

    window = ManagerWindow(runner, MANAGER, now=lambda: NOW)
    window.resize(1440, 860)
    window.show()
    wait_for(lambda: window.week_view.sheet is not None and runner.is_idle())

    # a decision waiting to sync, and one the server refused
    def decide(number: str) -> None:
        from app.team_review import TeamReview

        done: list[object] = []
        runner.run(
            lambda store: TeamReview(store, MANAGER).decide(number, "2026-W48", "approve", "", NOW),
            done.append,
        )
        wait_for(lambda: bool(done) and runner.is_idle())

    decide("1004")
    decide("1006")
    refused: list[object] = []

    def refuse(store: Store) -> None:
        mutation = next(e for e in store.outbox() if e.payload.get("employee") == "1006")
        store.settle(
            [
                (
                    mutation.id,
                    "rejected",
                    "conflict: 2 entries arrived after you decided; the week is back for review",
                    None,
                )
            ]
        )

    runner.run(refuse, refused.append)
    wait_for(lambda: bool(refused) and runner.is_idle())
    window.refresh()
    wait_for(lambda: runner.is_idle() and not window._overview_loading)
    conflict = next(r for r in range(window.proxy.rowCount()) if window.proxy.index(r, 0).data() == "1006")
    window.table.selectRow(conflict)
    wait_for(
        lambda: (
            window.week_view.sheet is not None
            and window.week_view.sheet.number == "1006"
            and runner.is_idle()
        )
    )
    grab(window, f"manager-overview{suffix}.png", out)

    row = next(r for r in range(window.proxy.rowCount()) if window.proxy.index(r, 0).data() == "1003")
    window.table.selectRow(row)
    wait_for(
        lambda: (
            window.week_view.sheet is not None
            and window.week_view.sheet.number == "1003"
            and runner.is_idle()
        )
    )
    grab(window, f"manager-week{suffix}.png", out)
    window.close()

    kari = Path(tempfile.mkdtemp()) / "kari"
    times = iter([oslo(23, 7, 58), oslo(23, 16, 2), oslo(24, 8, 4), oslo(25, 7, 55)])
    with Store.open(kari, backend=backend, clock=lambda: next(times)) as store:
        store.set_setting("employee", "1001")
        store.upsert_employee("1001", "Kari Nordmann")
        for kind in (PunchKind.IN, PunchKind.OUT, PunchKind.IN):
            store.punch("1001", kind)
    kari_runner = TaskRunner(lambda: Store.open(kari, backend=backend, clock=lambda: NOW))
    dialog = CorrectionDialog(kari_runner, "1001", now=lambda: NOW)
    dialog.show()
    wait_for(lambda: len(dialog.punches) >= 3 and kari_runner.is_idle())
    dialog.kind_combo.setCurrentIndex(1)
    dialog.set_local_time(date(2026, 11, 24), 16, 30)
    dialog.reason_edit.setText("Forgot to clock out")
    dialog.reason_edit.setFocus()
    settle()
    dialog.resize(640, dialog.sizeHint().height())
    settle()
    grab(dialog, f"correction-dialog{suffix}.png", out)
    dialog.close()
    runner.shutdown()
    kari_runner.shutdown()


if __name__ == "__main__":
    main()
    os._exit(0)  # PySide 6 with Python 3.11 may abort while exiting (see tests/ui/screenshots.py)
