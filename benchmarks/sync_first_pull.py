"""A manager's first pull: 100,000 team events into a fresh encrypted profile, by the sync engine.

The tenant is filled in-process before the server starts: a manager and 40
employees of their team, and 100,000 punches pushed through the server's own
push code (`server.punches.push`, batches of 500, as a kiosk would). Then the
real server serves it over TLS on 127.0.0.1, a fresh profile (SQLCipher, key
in the real Secret Service) enrolls and signs the manager in, and
`SyncEngine.sync_once()` pulls everything, page by page (1,000 events per
page, each page and its cursor one transaction).

Baseline in the same run: a plain httpx2 client (one keep-alive connection,
DPoP proof per call) fetching the same pages without keeping them, so the
figure says what the client's parsing and storing add to the wire and server.

    python -m benchmarks.sync_first_pull [--json] [--events 100000]

Target: under 15 s for 100,000 events.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from app.store import Store
from app.syncing import open_engine
from benchmarks._common import emit, parser, print_table, ratio, scratch_dir, scratch_note, verdict
from benchmarks._keyring import real_secret_service
from benchmarks._sync_server import PASSWORD, running_server, signed_in_profile
from server import admin, punches
from server.deps import Caller
from server.tenants import TenantRegistry
from sync.protocol import MAX_PULL_LIMIT, PunchMutation
from tests.integration.server.harness import Api

TENANT = "pull"
MANAGER = "1000"
TEAM = 40
TARGET_SECONDS = 15.0


def _team() -> list[str]:
    return [str(1001 + i) for i in range(TEAM)]


def _mutations(count: int) -> list[PunchMutation]:
    start = datetime(2025, 1, 6, 6, 0, tzinfo=UTC)
    team = _team()
    made = []
    for n in range(count):
        at = (start + timedelta(minutes=7 * (n // TEAM))).isoformat()
        made.append(
            PunchMutation.model_validate(
                {
                    "id": str(uuid.uuid4()),
                    "type": "punch",
                    "payload": {
                        "id": str(uuid.uuid4()),
                        "employee": team[n % TEAM],
                        "kind": ("in", "out")[(n // TEAM) % 2],
                        "at": at,
                        "zone": "Europe/Oslo",
                        "device_clock": at,
                        "source": "kiosk",
                    },
                }
            )
        )
    return made


def _prepare(events: int) -> Any:
    def prepare(registry: TenantRegistry) -> None:
        registry.create(TENANT)
        admin.add_user(registry, TENANT, MANAGER, "manager", PASSWORD)
        for number in _team():
            admin.add_user(registry, TENANT, number, "employee", PASSWORD, manager=MANAGER)
        kiosk = Caller(tenant=TENANT, kind="device", device_id="bench-kiosk", device_kind="kiosk")
        batch = _mutations(events)
        engine = registry.engine(TENANT)
        for i in range(0, len(batch), 500):
            results = punches.push(engine, kiosk, batch[i : i + 500])
            if {r.status for r in results} != {"accepted"}:
                raise RuntimeError("seeding the tenant failed")

    return prepare


def _plain_pages(api: Api) -> tuple[float, int]:
    after, seen = 0, 0
    t0 = time.perf_counter()
    while True:
        page = api.pull(after=after, limit=MAX_PULL_LIMIT)
        if page.status_code != 200:
            raise RuntimeError(f"plain pull answered {page.status_code}")
        body = page.json()
        seen += len(body["events"])
        after = body["next_after"]
        if not body["has_more"]:
            return time.perf_counter() - t0, seen


def measure(events: int) -> dict[str, Any]:
    with real_secret_service(), scratch_dir("sync-pull") as root:
        with running_server(root, _prepare(events)) as server:
            api = Api(server, TENANT)
            try:
                if api.enroll(server.device_code(TENANT)).status_code != 200:
                    raise RuntimeError("plain client could not enroll")
                if api.login(MANAGER, PASSWORD).status_code != 200:
                    raise RuntimeError("plain client could not sign in")
                plain_s, plain_seen = _plain_pages(api)
            finally:
                api.close()
            profile = signed_in_profile(server, TENANT, root / "profile", MANAGER)
            with open_engine(profile) as engine:
                t0 = time.perf_counter()
                report = engine.sync_once()
                engine_s = time.perf_counter() - t0
            with Store.open(profile) as store:
                kept = store.punch_count()
        note = scratch_note(root)
    if kept != events:
        raise RuntimeError(f"the profile kept {kept} punches of {events}")
    return {
        "benchmark": "sync_first_pull",
        "events": events,
        "pulled": report.pulled,
        "page": MAX_PULL_LIMIT,
        "cpus": os.cpu_count(),
        "scratch": note,
        "plain_s": round(plain_s, 2),
        "plain_events": plain_seen,
        "engine_s": round(engine_s, 2),
        "engine_per_s": round(report.pulled / engine_s),
        "ratio": round(ratio(engine_s, plain_s), 2),
        "target_s": TARGET_SECONDS,
        "ok": engine_s < TARGET_SECONDS,
    }


def report(r: dict[str, Any]) -> None:
    print(f"sync_first_pull: a manager's first pull of {r['events']} team punches, pages of {r['page']}")
    print(f"scratch: {r['scratch']}; {r['cpus']} CPUs")
    print()
    print_table(
        ["", "s", "events/s", "x plain"],
        [
            [
                "plain httpx2 fetching the same pages",
                f"{r['plain_s']:.2f}",
                f"{round(r['plain_events'] / r['plain_s'])}",
                "1.00",
            ],
            [
                "sync engine: pull and keep (encrypted)",
                f"{r['engine_s']:.2f}",
                f"{r['engine_per_s']}",
                f"{r['ratio']:.2f}",
            ],
        ],
    )
    print()
    print(f"target: under {r['target_s']:.0f} s: {verdict(r['ok'])} ({r['engine_s']:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__.splitlines()[0] if __doc__ else "sync_first_pull")
    args_parser.add_argument("--events", type=int, default=100_000)
    args = args_parser.parse_args(argv)
    return emit(measure(args.events), args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
