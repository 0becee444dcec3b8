"""The PyInstaller bundle: its size on disk, and its cold start next to the same start from source.

Size: every file under dist/stempel/ (symbolic links not followed), in MiB, and
the biggest parts.

Start: `dist/stempel/stempel --profile DIR` against `python -m app.cli
--profile DIR` from the source tree, in fresh processes, offscreen Qt. With
STEMPEL_REPORT_READY=1 the app prints "ready" when the window's `ready` fires
(first load from the store rendered and painted); the parent times from just
before Popen to that line, then ends the child with SIGTERM (which quits like
the Quit action). The profile is the one benchmarks/cold_start.py prepares
(employee 1001, fictitious name, two weeks of punches), its key in the real
Secret Service. The two take turns (which goes first alternates), after one
warm-up run each.

    scripts/build_bundle --no-check   # first, if dist/stempel/ is missing or stale
    python -m benchmarks.bundle_start [--json] [--runs 10]

Targets: bundle < 150 MiB; median bundle start / median source start <= 1.2.
"""

from __future__ import annotations

import os
import statistics
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from app.domain import DEFAULT_ZONE
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
from benchmarks.cold_start import prepare_profile

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "stempel"
EXE = BUNDLE / "stempel"
SIZE_TARGET_MIB = 150.0
RATIO_TARGET = 1.2
CHILD_TIMEOUT_S = 60.0
MIB = 1024 * 1024
BUNDLED = "bundle (dist/stempel/stempel)"
SOURCE = "source (python -m app.cli)"


def _part(relative: Path) -> str:
    """The part of the bundle a file belongs to, for the size table."""
    parts = relative.parts
    if len(parts) == 1:
        return "executable (bootloader and Python code)" if parts[0] == EXE.name else parts[0]
    inner = parts[1:]
    if inner[:3] == ("PySide6", "Qt", "lib"):
        return "Qt libraries: ICU" if inner[-1].startswith("libicu") else "Qt libraries"
    if inner[:3] == ("PySide6", "Qt", "plugins"):
        return "Qt plugins"
    if inner[0] in ("PySide6", "shiboken6"):
        return "PySide6 bindings"
    if len(inner) == 1:
        return "Python extensions" if ".cpython-" in inner[0] else "shared libraries (system and Python)"
    if inner[0] == "python3.11" or inner[0] == "base_library.zip":
        return "Python standard library"
    return inner[0]


def bundle_size(folder: Path = BUNDLE) -> tuple[int, dict[str, int]]:
    """Bytes of all files (symbolic links not followed), and per part."""
    parts: dict[str, int] = defaultdict(int)
    total = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        parts[_part(path.relative_to(folder))] += size
    return total, dict(parts)


def run_child(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from just before Popen until the child printed "ready"; then SIGTERM and wait."""
    return seconds_to_marker(argv, env, "ready", cwd=ROOT, timeout=CHILD_TIMEOUT_S, stop=True)


def measure(runs: int) -> dict[str, object]:
    if not EXE.is_file():
        raise SystemExit(f"no bundle at {EXE}: run scripts/build_bundle first")
    total, parts = bundle_size()
    samples: dict[str, list[float]] = {BUNDLED: [], SOURCE: []}
    with real_secret_service() as service, scratch_dir("bundle") as root:
        profile = root / "profile"
        prepare_profile(profile, datetime.now(DEFAULT_ZONE).date())
        env = {**service.env, "QT_QPA_PLATFORM": "offscreen", "STEMPEL_REPORT_READY": "1"}
        env.pop("STEMPEL_PROFILE", None)
        argv = {
            BUNDLED: [str(EXE), "--profile", str(profile)],
            SOURCE: [sys.executable, "-m", "app.cli", "--profile", str(profile)],
        }
        order = [BUNDLED, SOURCE]
        for which in order:  # warm-up: bytecode caches and the page cache
            run_child(argv[which], env)
        for n in range(runs):
            for which in order if n % 2 == 0 else reversed(order):
                samples[which].append(run_child(argv[which], env))
        keyring = backend_name()
        note = scratch_note(root)
        with Store.open(profile, create=False) as store:
            store.forget_key()
    ms = {which: [s * 1e3 for s in found] for which, found in samples.items()}
    medians = {which: statistics.median(found) for which, found in ms.items()}
    r = ratio(medians[BUNDLED], medians[SOURCE])
    size_mib = total / MIB
    return {
        "benchmark": "bundle_start",
        "runs": runs,
        "scratch": note,
        "keyring": keyring,
        "python": sys.version.split()[0],
        "bundle_mib": round(size_mib, 1),
        "bundle_mb": round(total / 1e6, 1),
        "parts_mib": {k: round(v / MIB, 1) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])},
        "bundle_ms": {
            "median": round(medians[BUNDLED], 1),
            "min": round(min(ms[BUNDLED]), 1),
            "max": round(max(ms[BUNDLED]), 1),
        },
        "source_ms": {
            "median": round(medians[SOURCE], 1),
            "min": round(min(ms[SOURCE]), 1),
            "max": round(max(ms[SOURCE]), 1),
        },
        "samples_ms": {which: [round(x, 1) for x in found] for which, found in ms.items()},
        "ratio_median": round(r, 2),
        "targets": {
            "size_max_mib": SIZE_TARGET_MIB,
            "size_ok": size_mib < SIZE_TARGET_MIB,
            "ratio_max": RATIO_TARGET,
            "ratio_ok": r <= RATIO_TARGET,
        },
    }


def report(result: dict[str, object]) -> None:
    b: dict[str, float] = result["bundle_ms"]  # type: ignore[assignment]
    s: dict[str, float] = result["source_ms"]  # type: ignore[assignment]
    r: float = result["ratio_median"]  # type: ignore[assignment]
    size: float = result["bundle_mib"]  # type: ignore[assignment]
    parts: dict[str, float] = result["parts_mib"]  # type: ignore[assignment]
    print(f"bundle_start: dist/stempel {size:.1f} MiB ({result['bundle_mb']} MB), biggest parts:")
    print()
    print_table(
        ["part", "MiB", "share"], [[k, f"{v:.1f}", f"{v / size:.0%}"] for k, v in list(parts.items())[:10]]
    )
    print()
    print(
        f"cold start to the painted window: {result['runs']} fresh processes each "
        f"(offscreen, Python {result['python']}), taking turns, after one warm-up each"
    )
    print(f"scratch: {result['scratch']}")
    print(f"keyring: {result['keyring']}")
    print()
    print_table(
        ["", "median ms", "min ms", "max ms"],
        [
            [BUNDLED, f"{b['median']:.1f}", f"{b['min']:.1f}", f"{b['max']:.1f}"],
            [SOURCE, f"{s['median']:.1f}", f"{s['min']:.1f}", f"{s['max']:.1f}"],
            ["ratio bundle / source", f"{r:.2f}", "", ""],
        ],
    )
    print()
    print(f"target size < {SIZE_TARGET_MIB:.0f} MiB: {verdict(size < SIZE_TARGET_MIB)} ({size:.1f} MiB)")
    print(f"target median ratio <= {RATIO_TARGET}: {verdict(r <= RATIO_TARGET)} ({r:.2f})")


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__.splitlines()[0] if __doc__ else "bundle_start")
    args_parser.add_argument("--runs", type=int, default=10)
    args = args_parser.parse_args(argv)
    os.environ.pop("STEMPEL_REPORT_READY", None)
    result = measure(args.runs)
    return emit(result, args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
