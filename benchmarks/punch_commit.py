"""How long a punch takes to be durable: Store.punch (SQLCipher) against plain sqlite3.

Both write to fresh databases in one scratch folder under /var/tmp (the same
disk as /work; not a tmpfs), WAL with synchronous=FULL, so every COMMIT waits
for fsync. The Store uses the real Secret Service for its key. After a warm-up,
the two take turns in blocks (which one goes first alternates), so a slow
phase of the disk hits both alike. Each sample is one whole punch call:
building the ids and payload, the state SELECT, two INSERTs and the COMMIT.

Two diagnostic rows run the baseline's own code through sqlcipher3, once
without a key (what the SQLCipher build of SQLite costs) and once with a raw
key and the Store's cipher pragmas (what page encryption adds); the gap from
there to Store.punch is the Store's Python layer.

    python -m benchmarks.punch_commit [--json] [--punches 2000]

Targets: p50 ratio Store/sqlite3 <= 1.5; Store p99 < 10 ms.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlcipher3

from app.domain import PunchKind
from app.store import Store
from app.store.keyvault import new_key
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

EMPLOYEE = "1001"  # fictitious employee number
STORE = "Store.punch (SQLCipher)"
PLAIN = "sqlite3 baseline"
CIPHER_NO_KEY = "sqlcipher3, no key"
CIPHER_KEY = "sqlcipher3 + key"
SERIES = (STORE, PLAIN, CIPHER_NO_KEY, CIPHER_KEY)
P50_RATIO_TARGET = 1.5
P99_TARGET_MS = 10.0


def _alternating() -> Iterator[PunchKind]:
    return itertools.cycle((PunchKind.IN, PunchKind.OUT))


def _timed(punch: Callable[[str, PunchKind], object], samples: list[int]) -> Callable[[int], None]:
    kinds = _alternating()

    def run(count: int) -> None:
        for _ in range(count):
            kind = next(kinds)
            start = time.perf_counter_ns()
            punch(EMPLOYEE, kind)
            samples.append(time.perf_counter_ns() - start)

    return run


def measure(punches: int, warmup: int, block: int) -> dict[str, object]:
    with real_secret_service(), scratch_dir("punch") as root:
        store = Store.open(root / "profile")  # no backend given: the system keyring, as in production
        plain = PlainStore.create(root / "plain" / "plain.db")
        # Diagnostics: the baseline's code through SQLCipher, without and with a key.
        bare = PlainStore.create(root / "cipher-nokey" / "plain.db", library=sqlcipher3)
        keyed = PlainStore.create(root / "cipher-key" / "plain.db", library=sqlcipher3, key=new_key())
        samples: dict[str, list[int]] = {name: [] for name in SERIES}
        runs = [
            _timed(store.punch, samples[STORE]),
            _timed(plain.punch, samples[PLAIN]),
            _timed(bare.punch, samples[CIPHER_NO_KEY]),
            _timed(keyed.punch, samples[CIPHER_KEY]),
        ]
        try:
            for run in runs:
                run(warmup)
            for series in samples.values():
                series.clear()
            done = 0
            turn = 0
            while done < punches:
                size = min(block, punches - done)
                for i in range(len(runs)):  # a different one goes first each block
                    runs[(turn + i) % len(runs)](size)
                done += size
                turn += 1
            keyring = backend_name()
            wal = Path(root / "profile" / "stempel.db-wal").exists()
            note = scratch_note(root)
        finally:
            store.forget_key()
            store.close()
            for other in (plain, bare, keyed):
                other.close()
    if not wal:
        raise RuntimeError("the Store's database has no WAL file; is it in WAL mode?")
    figures = {name: Summary.of_ns(series) for name, series in samples.items()}
    s, p = figures[STORE], figures[PLAIN]
    ratios = {k: round(ratio(getattr(s, k), getattr(p, k)), 3) for k in ("p50", "p99", "mean")}
    return {
        "benchmark": "punch_commit",
        "punches": punches,
        "warmup": warmup,
        "block": block,
        "scratch": note,
        "keyring": keyring,
        "libraries": library_versions(),
        "store_ms": s.as_dict(),
        "sqlite3_ms": p.as_dict(),
        "ratio": ratios,
        "diagnostic_ms": {name: figures[name].as_dict() for name in (CIPHER_NO_KEY, CIPHER_KEY)},
        "targets": {
            "p50_ratio_max": P50_RATIO_TARGET,
            "p50_ratio_ok": ratios["p50"] <= P50_RATIO_TARGET,
            "store_p99_ms_max": P99_TARGET_MS,
            "store_p99_ok": s.p99 < P99_TARGET_MS,
        },
    }


def _row(label: str, f: Summary, base: Summary) -> list[str]:
    return [label, f"{f.p50:.3f}", f"{f.p99:.3f}", f"{f.mean:.3f}", f"{f.max:.3f}", f"{f.p50 / base.p50:.2f}"]


def report(result: dict[str, object]) -> None:
    s = Summary(**result["store_ms"])  # type: ignore[arg-type]
    p = Summary(**result["sqlite3_ms"])  # type: ignore[arg-type]
    diag: dict[str, dict[str, float]] = result["diagnostic_ms"]  # type: ignore[assignment]
    r: dict[str, float] = result["ratio"]  # type: ignore[assignment]
    libs: dict[str, str] = result["libraries"]  # type: ignore[assignment]
    print(
        f"punch_commit: {result['punches']} punches each after {result['warmup']} warm-up, "
        f"taking turns in blocks of {result['block']}"
    )
    print(f"scratch: {result['scratch']}")
    print(f"keyring: {result['keyring']}")
    print(
        f"libraries: SQLCipher {libs['sqlcipher']} (SQLite {libs['sqlite_in_sqlcipher']}); "
        f"stdlib sqlite3 {libs['sqlite3']}"
    )
    print()
    print_table(
        ["", "p50 ms", "p99 ms", "mean ms", "max ms", "p50 x"],
        [
            _row(STORE, s, p),
            _row(PLAIN, p, p),
            ["ratio Store / sqlite3", f"{r['p50']:.2f}", f"{r['p99']:.2f}", f"{r['mean']:.2f}", "", ""],
            *(_row(f"diagnostic: {n}", Summary(**diag[n]), p) for n in (CIPHER_NO_KEY, CIPHER_KEY)),  # type: ignore[arg-type]
        ],
    )
    print()
    print(f"target p50 ratio <= {P50_RATIO_TARGET}: {verdict(r['p50'] <= P50_RATIO_TARGET)} ({r['p50']:.2f})")
    print(f"target Store p99 < {P99_TARGET_MS:g} ms: {verdict(s.p99 < P99_TARGET_MS)} ({s.p99:.2f} ms)")


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__.splitlines()[0] if __doc__ else "punch_commit")
    args_parser.add_argument("--punches", type=int, default=2000)
    args_parser.add_argument("--warmup", type=int, default=50)
    args_parser.add_argument("--block", type=int, default=100)
    args = args_parser.parse_args(argv)
    result = measure(args.punches, args.warmup, args.block)
    return emit(result, args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
