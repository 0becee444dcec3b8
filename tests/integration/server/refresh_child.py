"""One of two processes renewing one profile's sign-in at the same moment (see test_token_session.py).

    python refresh_child.py PROFILE ROUNDS

Opens the profile as `stempel sync` and the window do (its store, its lock, its
stored refresh token), prints "ready", waits for a line on standard input (the
start signal both processes get at once), then ROUNDS times drops its access
token, renews it and makes one call with the new one. Prints one JSON line:
how many tokens it got, the status of each call and the error that stopped it,
if any; exits 1 after an error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.store import Store
from sync import config
from sync.auth import AuthSession, SettingsVault
from sync.errors import SyncError


def main(profile: Path, rounds: int) -> int:
    statuses: list[int] = []
    error: str | None = None
    with Store.open(profile, create=False) as store:
        enrollment = config.Enrollment.load(store.setting)
        assert enrollment is not None
        vault = SettingsVault(store.setting, store.set_setting, store.profile.locked)
        with enrollment.transport() as transport:
            session = AuthSession(transport, enrollment.tenant, enrollment.key(), vault)
            print("ready", flush=True)
            sys.stdin.readline()
            try:
                for _ in range(rounds):
                    session.forget_access()
                    session.access_token()
                    statuses.append(session.call("GET", "/sync/pull?after=0&limit=1").status_code)
            except SyncError as exc:
                error = f"{type(exc).__name__}: {exc}"
    print(json.dumps({"renewals": session.renewals, "statuses": statuses, "error": error}), flush=True)
    return 0 if error is None else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
