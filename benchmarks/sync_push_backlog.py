"""A backlog of offline punches pushed by the sync engine, against plain httpx2 posting the same batches.

One profile (SQLCipher store, key in the real Secret Service) is enrolled with
the real server over TLS on 127.0.0.1 and its employee signed in; 20,000
punches are made offline with `Store.punch` (each its own durable commit).
Then, in the same run against the same server:

- plain: one keep-alive httpx2.Client signed in as the same employee on a
  second tenant posts exactly the engine's batches (500 mutations, the bodies
  read from the outbox) to `POST /sync/push`, each with a fresh DPoP proof,
  and checks every answer is `accepted`. The protocol's minimum, nothing more.
- engine: `SyncEngine.sync_once()` as `stempel sync` runs it: reads the
  outbox, renews the access token, pushes in batches, settles every batch in
  the store (one durable commit each), then pulls. Push time is from the call
  to the first pull progress event; the full round (with the pull of the same
  punches back) is reported beside it.

    python -m benchmarks.sync_push_backlog [--json] [--punches 20000]

Target: engine push time <= 1.3 x plain.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from app.domain import PunchKind
from app.store import Store
from app.syncing import open_engine
from benchmarks._common import emit, parser, print_table, ratio, scratch_dir, scratch_note, verdict
from benchmarks._keyring import real_secret_service
from benchmarks._sync_server import PASSWORD, running_server, signed_in_profile
from server import admin
from server.tenants import TenantRegistry
from sync.engine import Progress, push_body
from sync.protocol import MAX_PUSH_BATCH
from tests.integration.server.harness import Api

TARGET_RATIO = 1.3
EMPLOYEE = "1001"


def _prepare(registry: TenantRegistry) -> None:
    for tenant in ("engine", "plain"):
        registry.create(tenant)
        admin.add_user(registry, tenant, EMPLOYEE, "employee", PASSWORD)


def _fill_outbox(store: Store, count: int) -> float:
    kinds = (PunchKind.IN, PunchKind.OUT)
    t0 = time.perf_counter()
    for i in range(count):
        store.punch(EMPLOYEE, kinds[i % 2])
    return time.perf_counter() - t0


def _plain(api: Api, batches: list[list[dict[str, Any]]]) -> float:
    t0 = time.perf_counter()
    for batch in batches:
        answer = api.push(batch)
        if answer.status_code != 200:
            raise RuntimeError(f"plain push answered {answer.status_code}: {answer.text[:200]}")
        statuses = {r["status"] for r in answer.json()["results"]}
        if statuses != {"accepted"}:
            raise RuntimeError(f"plain push: {statuses}")
    return time.perf_counter() - t0


def measure(punches: int) -> dict[str, Any]:
    with real_secret_service(), scratch_dir("sync-push") as root:
        with running_server(root, _prepare) as server:
            profile = signed_in_profile(server, "engine", root / "profile", EMPLOYEE)
            with Store.open(profile) as store:
                fill_s = _fill_outbox(store, punches)
                rows = store.pending_mutations(punches)
            batches = [
                json.loads(push_body(rows[i : i + MAX_PUSH_BATCH]))["mutations"]
                for i in range(0, len(rows), MAX_PUSH_BATCH)
            ]
            api = Api(server, "plain")
            try:
                code = server.device_code("plain")
                if api.enroll(code).status_code != 200 or api.login(EMPLOYEE, PASSWORD).status_code != 200:
                    raise RuntimeError("plain client could not sign in")
                plain_s = _plain(api, batches)
            finally:
                api.close()

            push_done: list[float] = []

            def progress(p: Progress) -> None:
                if p.phase == "pull" and not push_done:
                    push_done.append(time.perf_counter())

            with open_engine(profile, progress) as engine:
                t0 = time.perf_counter()
                report = engine.sync_once()
                round_s = time.perf_counter() - t0
            if report.pushed != punches or report.pending != 0:
                raise RuntimeError(f"engine pushed {report.pushed} of {punches}; {report.pending} left")
            engine_s = push_done[0] - t0
        note = scratch_note(root)
    return {
        "benchmark": "sync_push_backlog",
        "punches": punches,
        "batch": MAX_PUSH_BATCH,
        "cpus": os.cpu_count(),
        "scratch": note,
        "fill_outbox_s": round(fill_s, 2),
        "plain_s": round(plain_s, 3),
        "engine_push_s": round(engine_s, 3),
        "engine_round_s": round(round_s, 3),
        "pulled_back": report.pulled,
        "plain_per_s": round(punches / plain_s),
        "engine_per_s": round(punches / engine_s),
        "ratio": round(ratio(engine_s, plain_s), 3),
        "target_ratio": TARGET_RATIO,
        "ok": ratio(engine_s, plain_s) <= TARGET_RATIO,
    }


def report(r: dict[str, Any]) -> None:
    print(f"sync_push_backlog: {r['punches']} offline punches, batches of {r['batch']}, {r['cpus']} CPUs")
    print(f"scratch: {r['scratch']}; filling the outbox took {r['fill_outbox_s']} s (not timed below)")
    print()
    print_table(
        ["", "s", "punches/s", "x plain"],
        [
            ["plain httpx2 posting the same batches", f"{r['plain_s']:.2f}", f"{r['plain_per_s']}", "1.00"],
            ["sync engine: push", f"{r['engine_push_s']:.2f}", f"{r['engine_per_s']}", f"{r['ratio']:.2f}"],
            [
                f"sync engine: whole round (pulls {r['pulled_back']} back)",
                f"{r['engine_round_s']:.2f}",
                "",
                f"{r['engine_round_s'] / r['plain_s']:.2f}",
            ],
        ],
    )
    print()
    print(f"target: engine push <= {r['target_ratio']} x plain: {verdict(r['ok'])} ({r['ratio']:.2f})")


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__.splitlines()[0] if __doc__ else "sync_push_backlog")
    args_parser.add_argument("--punches", type=int, default=20_000)
    args = args_parser.parse_args(argv)
    return emit(measure(args.punches), args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
