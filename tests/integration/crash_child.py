"""A child process for crash tests: it works on a profile and reports each durable step.

    python -m tests.integration.crash_child punch PROFILE   # punch in/out forever
    python -m tests.integration.crash_child rekey PROFILE   # rekey forever
    python -m tests.integration.crash_child punch-once PROFILE EMPLOYEE

Each line on stdout is printed only after the step it names has returned,
i.e. after COMMIT (punch) or after the whole key rotation (rekey).
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.domain import PunchKind
from app.store import Store


def punch_forever(profile: Path) -> None:
    with Store.open(profile) as store:
        kinds = [PunchKind.IN, PunchKind.OUT]
        turn = 0 if store.state("1001").value == "out" else 1
        print("ready", flush=True)
        while True:
            punch = store.punch("1001", kinds[turn % 2])
            print(f"confirmed {punch.id}", flush=True)
            turn += 1


def rekey_forever(profile: Path) -> None:
    with Store.open(profile) as store:
        print("ready", flush=True)
        while True:
            store.rekey()
            print("rekeyed", flush=True)


def punch_once(profile: Path, employee: str) -> None:
    with Store.open(profile) as store:
        punch = store.punch(employee, PunchKind.IN)
    print(f"confirmed {punch.id}", flush=True)


if __name__ == "__main__":
    mode, folder = sys.argv[1], Path(sys.argv[2])
    if mode == "punch-once":
        punch_once(folder, sys.argv[3])
    else:
        {"punch": punch_forever, "rekey": rekey_forever}[mode](folder)
