"""What every benchmark shares: scratch folders on a real disk, statistics, output."""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

__all__ = [
    "SCRATCH_PARENT",
    "Summary",
    "library_versions",
    "parser",
    "percentile",
    "print_json",
    "print_table",
    "ratio",
    "scratch_dir",
    "scratch_note",
    "verdict",
]

# On the same disk as /work (not a tmpfs), so fsync costs what it costs users.
SCRATCH_PARENT = Path("/var/tmp")
_MEMORY_FILESYSTEMS = {"tmpfs", "ramfs"}


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    return p


def _mount_of(path: Path) -> tuple[str, str, str]:
    """(device, mount point, filesystem type) of the mount that holds `path`."""
    target = str(path.resolve())
    best = ("?", "", "?")
    with open("/proc/self/mounts", encoding="utf-8") as mounts:
        for line in mounts:
            device, point, fstype = line.split()[:3]
            point = point.encode().decode("unicode_escape")  # \040 for spaces
            inside = point == "/" or target == point or target.startswith(point + "/")
            if inside and len(point) >= len(best[1]):
                best = (device, point, fstype)
    return best


@contextmanager
def scratch_dir(name: str) -> Iterator[Path]:
    """A fresh folder under /var/tmp, removed afterwards; refuses a memory filesystem."""
    SCRATCH_PARENT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"stempel-bench-{name}-", dir=SCRATCH_PARENT))
    try:
        if _mount_of(folder)[2] in _MEMORY_FILESYSTEMS:
            raise RuntimeError(f"{folder} is on a memory filesystem; fsync would cost nothing there")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def scratch_note(folder: Path) -> str:
    device, point, fstype = _mount_of(folder)
    same = os.stat(folder).st_dev == os.stat("/work").st_dev if os.path.exists("/work") else False
    where = "same device as /work" if same else "NOT the device of /work"
    return f"{SCRATCH_PARENT} ({fstype} {device} on {point}, {where})"


def library_versions() -> dict[str, str]:
    import sqlite3

    conn = sqlcipher3.connect(":memory:")
    try:
        cipher = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        sqlite_in_cipher = str(conn.execute("SELECT sqlite_version()").fetchone()[0])
    finally:
        conn.close()
    return {"sqlcipher": cipher, "sqlite_in_sqlcipher": sqlite_in_cipher, "sqlite3": sqlite3.sqlite_version}


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between closest ranks (numpy's default)."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    """Figures of one series of timings, in milliseconds."""

    n: int
    p50: float
    p90: float
    p99: float
    mean: float
    min: float
    max: float

    @classmethod
    def of_ns(cls, samples_ns: Sequence[int]) -> Summary:
        ms = [s / 1e6 for s in samples_ns]
        return cls(
            n=len(ms),
            p50=percentile(ms, 50),
            p90=percentile(ms, 90),
            p99=percentile(ms, 99),
            mean=sum(ms) / len(ms),
            min=min(ms),
            max=max(ms),
        )

    @classmethod
    def of_seconds(cls, samples_s: Sequence[float]) -> Summary:
        return cls.of_ns([round(s * 1e9) for s in samples_s])

    def as_dict(self) -> dict[str, float]:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def ratio(a: float, b: float) -> float:
    return a / b if b else math.inf


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    line = "  ".join(
        h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    print(line)
    print("-" * len(line))
    for row in rows:
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def print_json(result: dict[str, object]) -> None:
    print(json.dumps(result, indent=2, ensure_ascii=False))


def emit(result: dict[str, Any], as_json: bool, report: Callable[[dict[str, Any]], None]) -> int:
    """Print a benchmark's result as one JSON object or as its table; the exit code."""
    if as_json:
        print_json(result)
    else:
        report(result)
    return 0


def seconds_to_marker(
    argv: list[str], env: dict[str, str], marker: str, *, cwd: Path, timeout: float = 60.0, stop: bool = False
) -> float:
    """Seconds from just before Popen until the child printed the line `marker`.

    With `stop`, the child is then sent SIGTERM (it quits as its Quit action does);
    either way it must exit 0. Its stderr is kept aside and quoted if it fails.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=errors, text=True)
        watchdog = threading.Timer(timeout, child.kill)
        watchdog.start()
        try:
            assert child.stdout is not None
            elapsed: float | None = None
            for line in child.stdout:
                if line.strip() == marker:
                    elapsed = time.perf_counter() - start
                    break
            if stop:
                child.send_signal(signal.SIGTERM)
            child.stdout.read()
            code = child.wait()
        finally:
            watchdog.cancel()
            if child.poll() is None:
                child.kill()
                child.wait()
        if elapsed is None or code != 0:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{argv[0]} did not print {marker!r} and exit 0 (exit {code}):\n{tail}")
    return elapsed
