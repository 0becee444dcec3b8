"""Cold start to the painted main window, against a bare PySide6 window, in fresh processes.

Each run starts a new interpreter (`python -c ...`, offscreen Qt). The parent
reads time.perf_counter() just before Popen and again when the child prints
"shown", so interpreter start-up and imports are inside the figure.

- app: what `stempel --profile DIR` does (app.cli.main -> run_gui), with the
  window's `ready` (first load from the store rendered and painted) printing
  "shown". The profile, prepared once, has employee 1001 with a fictitious
  name (Faker, Norwegian) and two weeks of punches; its key is in the real
  Secret Service, which the child reaches through DBUS_SESSION_BUS_ADDRESS.
- bare: a QApplication and an empty QWidget of the same size, shown, then
  repainted in the first turn of the event loop before printing "shown".

The two take turns (which goes first alternates), after one warm-up run each.

    python -m benchmarks.cold_start [--json] [--runs 10]

Target: median app / median bare <= 1.5.
"""

from __future__ import annotations

import statistics
import sys
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from faker import Faker

from app.demo import FAKER_LOCALE
from app.domain import DEFAULT_ZONE, PunchKind
from app.store import Store
from benchmarks._common import (
    emit,
    parser,
    print_table,
    ratio,
    scratch_dir,
    scratch_note,
    seconds_to_marker,
    verdict,
)
from benchmarks._keyring import backend_name, real_secret_service

ROOT = Path(__file__).resolve().parents[1]
EMPLOYEE = "1001"  # fictitious
RATIO_TARGET = 1.5
CHILD_TIMEOUT_S = 60.0
APP = "app window (ready)"
BARE = "bare QWidget"
CHILD_CODE = {
    APP: "from benchmarks._cold_child import app_main; app_main()",
    BARE: "from benchmarks._cold_child import bare_main; bare_main()",
}
_DAY = [
    (clock_time(8, 0), PunchKind.IN),
    (clock_time(11, 30), PunchKind.BREAK_START),
    (clock_time(12, 0), PunchKind.BREAK_END),
    (clock_time(16, 0), PunchKind.OUT),
]


class _Clock:
    def __init__(self) -> None:
        self.at = datetime.now(DEFAULT_ZONE)

    def __call__(self) -> datetime:
        return self.at


def prepare_profile(folder: Path, today: date) -> str:
    """Employee 1001 with a fictitious name and the ten workdays before today; returns the name."""
    fake = Faker(FAKER_LOCALE)  # Faker names Norwegian bokmål no_NO, not nb_NO
    fake.seed_instance(1001)
    name = f"{fake.first_name()} {fake.last_name()}"
    clock = _Clock()
    with Store.open(folder, clock=clock) as store:
        store.set_setting("employee", EMPLOYEE)
        store.upsert_employee(EMPLOYEE, name)
        days = [today - timedelta(days=n) for n in range(14, 0, -1)]
        for day in [d for d in days if d.weekday() < 5]:
            for at, kind in _DAY:
                clock.at = datetime.combine(day, at, DEFAULT_ZONE)
                store.punch(EMPLOYEE, kind)
    return name


def run_child(which: str, profile: Path, env: dict[str, str]) -> float:
    """Seconds from just before Popen until the child printed "shown"."""
    argv = [sys.executable, "-c", CHILD_CODE[which], str(profile)]
    return seconds_to_marker(argv, env, "shown", cwd=ROOT, timeout=CHILD_TIMEOUT_S)


def measure(runs: int) -> dict[str, object]:
    samples: dict[str, list[float]] = {APP: [], BARE: []}
    with real_secret_service() as service, scratch_dir("cold") as root:
        profile = root / "profile"
        prepare_profile(profile, datetime.now(DEFAULT_ZONE).date())
        env = {**service.env, "QT_QPA_PLATFORM": "offscreen"}
        order = [APP, BARE]
        for which in order:  # warm-up: bytecode caches and the page cache
            run_child(which, profile, env)
        for n in range(runs):
            for which in order if n % 2 == 0 else reversed(order):
                samples[which].append(run_child(which, profile, env))
        keyring = backend_name()
        note = scratch_note(root)
        with Store.open(profile, create=False) as store:
            store.forget_key()
    app_ms = [s * 1e3 for s in samples[APP]]
    bare_ms = [s * 1e3 for s in samples[BARE]]
    app_median, bare_median = statistics.median(app_ms), statistics.median(bare_ms)
    r = ratio(app_median, bare_median)
    return {
        "benchmark": "cold_start",
        "runs": runs,
        "scratch": note,
        "keyring": keyring,
        "python": sys.version.split()[0],
        "app_ms": {
            "median": round(app_median, 1),
            "min": round(min(app_ms), 1),
            "max": round(max(app_ms), 1),
        },
        "bare_ms": {
            "median": round(bare_median, 1),
            "min": round(min(bare_ms), 1),
            "max": round(max(bare_ms), 1),
        },
        "samples_ms": {APP: [round(x, 1) for x in app_ms], BARE: [round(x, 1) for x in bare_ms]},
        "ratio_median": round(r, 2),
        "targets": {"ratio_max": RATIO_TARGET, "ratio_ok": r <= RATIO_TARGET},
    }


def report(result: dict[str, object]) -> None:
    a: dict[str, float] = result["app_ms"]  # type: ignore[assignment]
    b: dict[str, float] = result["bare_ms"]  # type: ignore[assignment]
    r: float = result["ratio_median"]  # type: ignore[assignment]
    print(
        f"cold_start: {result['runs']} fresh processes each (offscreen, Python {result['python']}), "
        "taking turns, after one warm-up each"
    )
    print(f"scratch: {result['scratch']}")
    print(f"keyring: {result['keyring']}")
    print()
    print_table(
        ["", "median ms", "min ms", "max ms"],
        [
            [APP, f"{a['median']:.1f}", f"{a['min']:.1f}", f"{a['max']:.1f}"],
            [BARE, f"{b['median']:.1f}", f"{b['min']:.1f}", f"{b['max']:.1f}"],
            ["ratio app / bare", f"{r:.2f}", "", ""],
        ],
    )
    print()
    print(f"target median ratio <= {RATIO_TARGET}: {verdict(r <= RATIO_TARGET)} ({r:.2f})")


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__.splitlines()[0] if __doc__ else "cold_start")
    args_parser.add_argument("--runs", type=int, default=10)
    args = args_parser.parse_args(argv)
    result = measure(args.runs)
    return emit(result, args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
