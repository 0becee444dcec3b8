"""A kiosk punch as the person at the door waits for it: from the PIN's last key to the confirmation.

The real kiosk window (offscreen Qt), its store worker, a SQLCipher store whose
key is in the real Secret Service, a directory of 50 employees whose PIN
verifiers are made by the server's own Argon2id parameters. Each punch types
the number and Enter, the PIN, and then — timed from here — the PIN's Enter:
the PIN is checked on the worker, the action screen appears, Enter takes the
suggested action, the punch is committed (synchronous=FULL) and the
confirmation is shown and painted. The action key is pressed as soon as its
screen is up, so the figure is the machine's time only.

In the same run, the parts on their own: an Argon2id verify, Store.punch, and
the same punch through plain sqlite3 (the baseline of benchmarks.punch_commit).

    python -m benchmarks.kiosk_punch [--json] [--punches 500]

Target: end-to-end p99 < 150 ms.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain import PunchKind
from app.kiosk_desk import verify_pin
from app.store import Store
from app.ui.kiosk.window import KioskWindow, Step
from app.ui.tasks import TaskRunner
from benchmarks._common import Summary, emit, parser, print_table, ratio, scratch_dir, scratch_note, verdict
from benchmarks._keyring import backend_name, real_secret_service
from benchmarks._plain_sqlite import PlainStore
from server.passwords import MEMORY_COST_KIB, PARALLELISM, TIME_COST, hash_secret

TENANT = "bench"
STAFF = 50
P99_TARGET_MS = 150.0
WAIT_S = 10.0


def _pin(number: str) -> str:
    return number[-2:] * 2


def _directory(count: int) -> list[dict[str, Any]]:
    now = datetime.now(UTC).isoformat()
    events = []
    for i in range(count):
        number = str(3001 + i)
        payload = {
            "number": number,
            "role": "employee",
            "first_name": "Ansatt",
            "last_name": f"Nummer{i}",
            "active": True,
            "pin_verifier": hash_secret(_pin(number)),
            "badge_hash": None,
        }
        events.append(
            {"seq": i + 1, "id": f"d{i}", "type": "employee", "employee": number, "payload": payload}
            | {"recorded_at": now}
        )
    return events


def _until(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError("the kiosk did not get there in time")
        QCoreApplication.processEvents()


def _type(window: KioskWindow, digits: str) -> None:
    QTest.keyClicks(window, digits)


def _kiosk_series(window: KioskWindow, numbers: list[str], punches: int) -> list[int]:
    samples = []
    for i in range(punches):
        number = numbers[i % len(numbers)]
        _until(window.is_idle)
        _type(window, number)
        QTest.keyClick(window, Qt.Key.Key_Return)
        _until(lambda: window.step == Step.PIN)
        _type(window, _pin(number))
        start = time.perf_counter_ns()
        QTest.keyClick(window, Qt.Key.Key_Return)
        _until(lambda: window.step == Step.ACTIONS and not window.busy)
        QTest.keyClick(window, Qt.Key.Key_Return)
        _until(lambda: window.step == Step.CONFIRMED and not window.busy)
        window.repaint()  # painted, not only queued
        samples.append(time.perf_counter_ns() - start)
        QTest.keyClick(window, Qt.Key.Key_Space)  # any key: back to the idle screen
    return samples


def _parts(root: Path, directory: list[dict[str, Any]], count: int) -> dict[str, list[int]]:
    verifier = directory[0]["payload"]["pin_verifier"]
    pin = _pin(directory[0]["employee"])
    verify, store_punch, plain_punch = [], [], []
    kinds = [PunchKind.IN, PunchKind.OUT]
    with Store.open(root / "parts") as store:
        plain = PlainStore.create(root / "plain" / "plain.db")
        try:
            for i in range(count):
                t = time.perf_counter_ns()
                assert verify_pin(verifier, pin)
                verify.append(time.perf_counter_ns() - t)
                t = time.perf_counter_ns()
                store.punch("3001", kinds[i % 2], source="kiosk")
                store_punch.append(time.perf_counter_ns() - t)
                t = time.perf_counter_ns()
                plain.punch("3001", kinds[i % 2])
                plain_punch.append(time.perf_counter_ns() - t)
        finally:
            plain.close()
            store.forget_key()
    return {"argon2id verify": verify, "Store.punch": store_punch, "sqlite3 punch": plain_punch}


def measure(punches: int, warmup: int) -> dict[str, Any]:
    app = QApplication.instance() or QApplication([])
    with real_secret_service(), scratch_dir("kiosk") as root:
        directory = _directory(STAFF)
        profile = root / "kiosk"
        with Store.open(profile) as store:
            store.apply_pulled(directory, next_after=len(directory))
        runner = TaskRunner(lambda: Store.open(profile))
        window = KioskWindow(runner, TENANT, idle_timeout_ms=600_000, confirm_ms=600_000)
        window.resize(1024, 600)
        window.show()
        numbers = [e["employee"] for e in directory]
        try:
            _kiosk_series(window, numbers, warmup)
            kiosk = _kiosk_series(window, numbers, punches)
        finally:
            window.hide()  # a kiosk ignores close(); hiding is enough here
            runner.shutdown()
            with Store.open(profile) as store:
                store.forget_key()
        parts = _parts(root, directory, min(punches, 200))
        note = scratch_note(root)
        keyring = backend_name()
    del app
    e2e = Summary.of_ns(kiosk)
    figures = {name: Summary.of_ns(series) for name, series in parts.items()}
    return {
        "benchmark": "kiosk_punch",
        "punches": punches,
        "staff": STAFF,
        "argon2id": {"memory_kib": MEMORY_COST_KIB, "time_cost": TIME_COST, "parallelism": PARALLELISM},
        "scratch": note,
        "keyring": keyring,
        "kiosk_ms": e2e.as_dict(),
        "parts_ms": {name: f.as_dict() for name, f in figures.items()},
        "ratio_store_to_sqlite3_p50": round(
            ratio(figures["Store.punch"].p50, figures["sqlite3 punch"].p50), 3
        ),
        "ratio_kiosk_to_parts_p50": round(
            ratio(e2e.p50, figures["argon2id verify"].p50 + figures["Store.punch"].p50), 3
        ),
        "targets": {"p99_ms_max": P99_TARGET_MS, "p99_ok": e2e.p99 < P99_TARGET_MS},
    }


def report(result: dict[str, Any]) -> None:
    e2e = Summary(**result["kiosk_ms"])
    rows = [["PIN Enter -> confirmation shown", f"{e2e.p50:.1f}", f"{e2e.p99:.1f}", f"{e2e.max:.1f}"]]
    for name, figures in result["parts_ms"].items():
        f = Summary(**figures)
        rows.append([f"  part: {name}", f"{f.p50:.1f}", f"{f.p99:.1f}", f"{f.max:.1f}"])
    print(
        f"kiosk punch, {result['punches']} punches by {result['staff']} people; keyring {result['keyring']}"
    )
    print(f"scratch: {result['scratch']}; Argon2id {result['argon2id']}")
    print_table(["series (ms)", "p50", "p99", "max"], rows)
    print(f"Store.punch / sqlite3 punch (p50): {result['ratio_store_to_sqlite3_p50']:.2f}x")
    print(f"end-to-end / (verify + Store.punch) (p50): {result['ratio_kiosk_to_parts_p50']:.2f}x")
    t = result["targets"]
    print(f"target p99 < {t['p99_ms_max']:g} ms: {verdict(t['p99_ok'])} ({e2e.p99:.1f} ms)")


def main(argv: list[str] | None = None) -> int:
    p = parser(__doc__.splitlines()[0] if __doc__ else "kiosk punch")
    p.add_argument("--punches", type=int, default=500)
    p.add_argument("--warmup", type=int, default=20)
    args = p.parse_args(argv)
    return emit(measure(args.punches, args.warmup), args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
