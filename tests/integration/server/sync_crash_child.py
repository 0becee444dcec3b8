"""A forking child for the sync crash loop: imports once, then forks one worker per round.

    python -m tests.integration.server.sync_crash_child PROFILE EMPLOYEE

Reads `go SEED` lines on stdin; for each it forks a worker and prints `pid N`.
A worker punches and syncs forever, printing `confirmed ID` after each COMMIT,
`push` before each sync round and `synced` after it. The test kills workers
with SIGKILL at random moments; forking from an already-imported parent makes a
round cost milliseconds instead of an interpreter start.
"""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path
from typing import cast

from app.domain import ClockState, PunchKind
from app.store import Store
from app.syncing import open_engine
from sync.errors import SyncError

_NEXT = {
    ClockState.OUT: [PunchKind.IN],
    ClockState.IN: [PunchKind.OUT, PunchKind.BREAK_START],
    ClockState.ON_BREAK: [PunchKind.BREAK_END],
}


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode())  # unbuffered: nothing is copied into a forked child


def work(profile: Path, employee: str, seed: int) -> None:
    rng = random.Random(seed)
    with open_engine(profile) as engine:
        store = cast(Store, engine.store)
        while True:
            for _ in range(rng.randint(1, 3)):
                punch = store.punch(employee, rng.choice(_NEXT[store.state(employee)]))
                _say(f"confirmed {punch.id}")
            _say("push")
            try:
                engine.sync_once()
            except SyncError as exc:
                _say(f"failed {type(exc).__name__}")
            else:
                _say("synced")


def main() -> None:
    profile, employee = Path(sys.argv[1]), sys.argv[2]
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed workers are reaped by the kernel
    _say("ready")
    for line in sys.stdin:
        seed = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                work(profile, employee, seed)
            finally:
                os._exit(1)
        _say(f"pid {pid}")


if __name__ == "__main__":
    main()
