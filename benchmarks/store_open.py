"""How long opening an existing profile takes: Store.open against plain sqlite3.

One Store.open as the app does it at start (no backend given, so the system
keyring is probed: the real Secret Service), reading the key (current and
pending slots), probing it on a read-only connection, opening for writing with
the pragmas and the schema check, then the first query (the clock-state
SELECT). The baseline opens a plain sqlite3 file of the same content with the
same pragmas, checks `user_version` and runs the same SELECT. Both databases
hold 2,000 punches (fictitious employee numbers) and live in one scratch
folder under /var/tmp, the same disk as /work. Closing is not timed.

Two diagnostic rows split Store.open: the keyring reads alone (a fresh
KeyVault's `current()` and `pending()`, as open_existing does), and the
SQLCipher part alone (read-only probe + writable connection under the known key).

    python -m benchmarks.store_open [--json] [--repetitions 30]

Target: Store.open (with the first query) under 50 ms at the median.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

import sqlcipher3

from app.domain import PunchKind
from app.store import Store
from app.store.keyvault import KeyVault
from app.store.schema import LATEST
from benchmarks._common import (
    Summary,
    emit,
    library_versions,
    parser,
    print_table,
    ratio,
    scratch_dir,
    scratch_note,
    verdict,
)
from benchmarks._keyring import backend_name, real_secret_service
from benchmarks._plain_sqlite import PlainStore

EMPLOYEES = ("1001", "1002", "1003", "1004")  # fictitious employee numbers
TARGET_MS = 50.0
STORE = "Store.open + first query"
PLAIN = "sqlite3 open + first query"
KEYRING = "keyring reads alone"
CIPHER = "SQLCipher opens alone"


def _fill(punch: Callable[[str, PunchKind], object], count: int) -> None:
    kinds = {e: itertools.cycle((PunchKind.IN, PunchKind.OUT)) for e in EMPLOYEES}
    for i in range(count):
        employee = EMPLOYEES[i % len(EMPLOYEES)]
        punch(employee, next(kinds[employee]))


def _time_ns(action: Callable[[], Callable[[], None]]) -> int:
    """Time `action`; it returns the clean-up, which runs untimed."""
    start = time.perf_counter_ns()
    cleanup = action()
    elapsed = time.perf_counter_ns() - start
    cleanup()
    return elapsed


def measure(punches: int, repetitions: int, warmup: int) -> dict[str, object]:
    with real_secret_service(), scratch_dir("open") as root:
        folder = root / "profile"
        plain_path = root / "plain" / "plain.db"
        with Store.open(folder) as store:
            _fill(store.punch, punches)
            profile_id = store.profile.id
        key = KeyVault(profile_id).current()  # diagnostics: to time SQLCipher without the keyring
        if key is None:
            raise RuntimeError("the profile's key is not in the keyring")
        plain = PlainStore.create(plain_path)
        _fill(plain.punch, punches)
        plain.close()

        def open_store() -> Callable[[], None]:
            opened = Store.open(folder, create=False)
            opened.state(EMPLOYEES[0])
            return opened.close

        def open_plain() -> Callable[[], None]:
            opened = PlainStore.open(plain_path)
            opened.state(EMPLOYEES[0])
            return opened.close

        def read_keys() -> Callable[[], None]:
            vault = KeyVault(profile_id)
            vault.current()
            vault.pending()
            return lambda: None

        def open_cipher() -> Callable[[], None]:
            db = folder / "stempel.db"
            probe = PlainStore.connect_readonly_cipher(db, key)
            probe.execute("PRAGMA user_version").fetchone()
            probe.close()
            opened = PlainStore.connect(db, library=sqlcipher3, key=key)
            if int(opened.execute("PRAGMA user_version").fetchone()[0]) != LATEST:
                raise RuntimeError("unexpected schema version")
            opened.execute("SELECT 1").fetchone()
            return opened.close

        actions = {STORE: open_store, PLAIN: open_plain, KEYRING: read_keys, CIPHER: open_cipher}
        samples: dict[str, list[int]] = {name: [] for name in actions}
        names = list(actions)
        for rep in range(warmup + repetitions):
            for i in range(len(names)):  # a different one goes first each round
                name = names[(rep + i) % len(names)]
                elapsed = _time_ns(actions[name])
                if rep >= warmup:
                    samples[name].append(elapsed)
        keyring = backend_name()
        note = scratch_note(root)
        db_bytes = (folder / "stempel.db").stat().st_size
        plain_bytes = plain_path.stat().st_size
        with Store.open(folder, create=False) as store:
            store.forget_key()
    figures = {name: Summary.of_ns(series) for name, series in samples.items()}
    s, p = figures[STORE], figures[PLAIN]
    return {
        "benchmark": "store_open",
        "punches": punches,
        "repetitions": repetitions,
        "warmup": warmup,
        "scratch": note,
        "keyring": keyring,
        "libraries": library_versions(),
        "database_bytes": {"store": db_bytes, "sqlite3": plain_bytes},
        "store_ms": s.as_dict(),
        "sqlite3_ms": p.as_dict(),
        "ratio": {"p50": round(ratio(s.p50, p.p50), 2), "p90": round(ratio(s.p90, p.p90), 2)},
        "diagnostic_ms": {name: figures[name].as_dict() for name in (KEYRING, CIPHER)},
        "targets": {"store_p50_ms_max": TARGET_MS, "store_p50_ok": s.p50 < TARGET_MS},
    }


def report(result: dict[str, object]) -> None:
    s = Summary(**result["store_ms"])  # type: ignore[arg-type]
    p = Summary(**result["sqlite3_ms"])  # type: ignore[arg-type]
    diag: dict[str, dict[str, float]] = result["diagnostic_ms"]  # type: ignore[assignment]
    r: dict[str, float] = result["ratio"]  # type: ignore[assignment]
    libs: dict[str, str] = result["libraries"]  # type: ignore[assignment]
    sizes: dict[str, int] = result["database_bytes"]  # type: ignore[assignment]
    print(
        f"store_open: {result['repetitions']} opens each after {result['warmup']} warm-up, taking turns; "
        f"databases of {result['punches']} punches ({sizes['store'] // 1024} KiB encrypted, "
        f"{sizes['sqlite3'] // 1024} KiB plain)"
    )
    print(f"scratch: {result['scratch']}")
    print(f"keyring: {result['keyring']}")
    print(
        f"libraries: SQLCipher {libs['sqlcipher']} (SQLite {libs['sqlite_in_sqlcipher']}); "
        f"stdlib sqlite3 {libs['sqlite3']}"
    )
    print()
    rows = [
        [STORE, f"{s.p50:.2f}", f"{s.p90:.2f}", f"{s.max:.2f}"],
        [PLAIN, f"{p.p50:.2f}", f"{p.p90:.2f}", f"{p.max:.2f}"],
        ["ratio Store / sqlite3", f"{r['p50']:.1f}", f"{r['p90']:.1f}", ""],
    ]
    for name in (KEYRING, CIPHER):
        d = diag[name]
        rows.append([f"diagnostic: {name}", f"{d['p50']:.2f}", f"{d['p90']:.2f}", f"{d['max']:.2f}"])
    print_table(["", "median ms", "p90 ms", "max ms"], rows)
    print()
    print(f"target Store.open < {TARGET_MS:g} ms: {verdict(s.p50 < TARGET_MS)} (median {s.p50:.2f} ms)")


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__.splitlines()[0] if __doc__ else "store_open")
    args_parser.add_argument("--punches", type=int, default=2000)
    args_parser.add_argument("--repetitions", type=int, default=30)
    args_parser.add_argument("--warmup", type=int, default=3)
    args = args_parser.parse_args(argv)
    result = measure(args.punches, args.repetitions, args.warmup)
    return emit(result, args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
