"""Push throughput of the tenant server over TLS, against its own database floor.

The real server (`python -m server.cli serve --data DIR --port P`, one uvicorn
process on 127.0.0.1, TLS with the CA that `init` wrote) is started as a child
process on a data folder under /var/tmp (the same disk as /work; not a tmpfs).
For each concurrency level (1, 10, 50 clients) a fresh tenant gets one
employee per client; each client is its own enrolled desktop device with its
own signed-in employee and its own keep-alive httpx2.Client, running in its own
thread, and sends batches of 100 punches to `POST /sync/push`, each call with
a fresh DPoP proof (tests/integration/server/harness.py: `Api`). Threads,
not asyncio: the clients are the harness's synchronous `Api`, the same code
every server test uses, and they spend their time waiting on sockets (the GIL
is released there); their CPU (JSON, ES256 proofs, TLS) competes with the
server's on this machine, as it would for any load generator run beside it.

Each client first pushes one untimed warm-up punch; then all start together
and the clock runs from the first request sent to the last answer received.
Every per-mutation status must be "accepted", and afterwards the tenant ledger
must hold exactly the pushed punches with an intact hash chain.

The floor, measured in the same run just before each level on its own fresh
tenant with the same employees and batches: `server.punches.push(engine,
caller, mutations)` called in-process, one batch after the other, on an engine
from the server's own `TenantRegistry` (WAL, synchronous=FULL: every commit
waits for fsync). It is everything the push route does to the database (the
duplicate and refusal checks, the hash-chained ledger rows, the mutation
records, one commit per batch) without HTTP, TLS, DPoP, token checks or JSON;
batches are parsed into `Mutation`s before the clock starts.

    python -m benchmarks.push_throughput [--json] [--punches 5000]

Target: >= 3,000 punches/s with 10 clients.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import metadata
from typing import Any

from sqlalchemy import func, select

from benchmarks._common import (
    Summary,
    emit,
    parser,
    print_table,
    ratio,
    scratch_dir,
    scratch_note,
    verdict,
)
from server import admin, punches
from server.deps import Caller
from server.ledger import first_broken
from server.schema import ledger, mutations
from server.settings import Settings
from server.tenants import TenantRegistry
from sync.protocol import Mutation, PushRequest
from tests.integration.server.harness import Api, ServerProcess, free_port, punch_mutation, server_cli

CLIENT_COUNTS = (1, 10, 50)
BATCH = 100
TARGET_CLIENTS = 10
TARGET_PUNCHES_PER_S = 3000.0
PASSWORD = "bench-password-1"  # noqa: S105 - fictitious, for a throwaway data folder
KINDS = ("in", "out")
FLOOR = "punches.push in-process"

Batch = list[dict[str, Any]]


@dataclass
class Series:
    """One measured run: punches pushed, wall time, and one latency per batch."""

    punches: int
    seconds: float
    latencies_ns: list[int] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.punches / self.seconds

    def as_dict(self) -> dict[str, object]:
        return {
            "punches": self.punches,
            "seconds": round(self.seconds, 4),
            "punches_per_s": round(self.rate, 1),
            "batch_ms": Summary.of_ns(self.latencies_ns).as_dict(),
        }


def employee_number(i: int) -> str:
    return f"{1001 + i}"  # fictitious employee numbers


def make_batches(employee: str, timed: int, start: datetime) -> list[Batch]:
    """A warm-up batch of one punch, then `timed` batches of BATCH, alternating in and out a minute apart."""
    sizes = [1] + [BATCH] * timed
    batches: list[Batch] = []
    n = 0
    for size in sizes:
        batch = []
        for _ in range(size):
            batch.append(punch_mutation(employee, KINDS[n % 2], at=start + timedelta(minutes=n)))
            n += 1
        batches.append(batch)
    return batches


def pushed(work: list[list[Batch]]) -> int:
    """Every punch of every client's batches, warm-up included: what the ledger must hold after."""
    return sum(len(b) for client in work for b in client)


def batches_per_client(punches: int, clients: int) -> int:
    """Enough batches per client that the level pushes at least `punches` (at least one each)."""
    per_round = clients * BATCH
    return max(1, -(-punches // per_round))


def add_employees(registry: TenantRegistry, tenant: str, count: int) -> None:
    """The same admin code as `stempel-server user add`, in-process (a CLI start per user costs 0.6 s)."""
    for i in range(count):
        admin.add_user(registry, tenant, employee_number(i), "employee", PASSWORD)


# --- the floor: the server's push code straight on the tenant database ---------------------


def measure_floor(registry: TenantRegistry, tenant: str, work: list[list[Batch]]) -> Series:
    """Push every client's batches in-process, round-robin over the clients, one at a time."""
    engine = registry.engine(tenant)
    device = str(uuid.uuid4())
    callers = [
        Caller(
            tenant=tenant,
            kind="employee",
            device_id=device,
            device_kind="desktop",
            employee=employee_number(i),
            role="employee",
        )
        for i in range(len(work))
    ]
    parsed: list[list[list[Mutation]]] = [
        [list(PushRequest.model_validate({"mutations": b}).mutations) for b in client] for client in work
    ]
    # Warm-up: the one-punch batch of each client, as the server clients do.
    for caller, client in zip(callers, parsed, strict=True):
        _check_floor(punches.push(engine, caller, client[0]), 1)
    latencies: list[int] = []
    rounds = len(parsed[0]) - 1
    start = time.perf_counter()
    for r in range(1, rounds + 1):
        for caller, client in zip(callers, parsed, strict=True):
            t0 = time.perf_counter_ns()
            results = punches.push(engine, caller, client[r])
            latencies.append(time.perf_counter_ns() - t0)
            _check_floor(results, len(client[r]))
    seconds = time.perf_counter() - start
    return Series(punches=rounds * len(parsed) * BATCH, seconds=seconds, latencies_ns=latencies)


def _check_floor(results: list[Any], expected: int) -> None:
    bad = [r for r in results if r.status != "accepted"]
    if len(results) != expected or bad:
        raise RuntimeError(f"floor push: {len(bad)} of {len(results)} not accepted: {bad[:1]}")


# --- the server: clients in threads, each its own device and employee ----------------------


@dataclass
class Client:
    api: Api
    batches: list[Batch]
    latencies_ns: list[int] = field(default_factory=list)
    first_sent: float = 0.0
    last_answered: float = 0.0
    error: str | None = None


def _push_checked(api: Api, batch: Batch) -> None:
    response = api.push(batch)
    if response.status_code != 200:
        raise RuntimeError(f"push answered {response.status_code}: {response.text[:300]}")
    results = response.json()["results"]
    bad = [r for r in results if r["status"] != "accepted"]
    if len(results) != len(batch) or bad:
        raise RuntimeError(f"push: {len(bad)} of {len(results)} not accepted: {bad[:1]}")


def _run_client(client: Client, start: threading.Barrier) -> None:
    try:
        _push_checked(client.api, client.batches[0])  # warm-up (one punch), untimed
        start.wait()
        client.first_sent = time.perf_counter()
        for batch in client.batches[1:]:
            t0 = time.perf_counter_ns()
            _push_checked(client.api, batch)
            client.latencies_ns.append(time.perf_counter_ns() - t0)
        client.last_answered = time.perf_counter()
    except Exception as exc:  # reported by the main thread
        client.error = f"{type(exc).__name__}: {exc}"
        start.abort()


def sign_in(server: ServerProcess, registry: TenantRegistry, tenant: str, clients: int) -> list[Api]:
    apis: list[Api] = []
    try:
        for i in range(clients):
            api = Api(server, tenant)
            apis.append(api)
            code = admin.device_code(registry, tenant, "desktop", datetime.now(UTC))
            enrolled = api.enroll(code)
            if enrolled.status_code != 200:
                raise RuntimeError(f"enroll answered {enrolled.status_code}: {enrolled.text[:300]}")
            login = api.login(employee_number(i), PASSWORD)
            if login.status_code != 200:
                raise RuntimeError(f"login answered {login.status_code}: {login.text[:300]}")
    except BaseException:
        for api in apis:
            api.close()
        raise
    return apis


def measure_server(apis: list[Api], work: list[list[Batch]]) -> Series:
    clients = [Client(api, batches) for api, batches in zip(apis, work, strict=True)]
    start = threading.Barrier(len(clients))
    threads = [threading.Thread(target=_run_client, args=(c, start), daemon=True) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [c.error for c in clients if c.error]
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed; first: {errors[0]}")
    rounds = len(work[0]) - 1
    return Series(
        punches=rounds * len(clients) * BATCH,
        seconds=max(c.last_answered for c in clients) - min(c.first_sent for c in clients),
        latencies_ns=[ns for c in clients for ns in c.latencies_ns],
    )


def check_ledger(registry: TenantRegistry, tenant: str, expected: int) -> None:
    """Exactly `expected` punches and as many accepted mutations, and an intact hash chain."""
    with registry.engine(tenant).connect() as conn:
        punch_rows = conn.execute(select(func.count()).where(ledger.c.type == "punch")).scalar_one()
        accepted = conn.execute(select(func.count()).where(mutations.c.status == "accepted")).scalar_one()
        broken = first_broken(conn)
    if punch_rows != expected or accepted != expected or broken is not None:
        raise RuntimeError(
            f"{tenant}: {punch_rows} punches and {accepted} accepted mutations in the ledger, "
            f"{expected} pushed; chain broken at {broken}"
        )


# --- the run ------------------------------------------------------------------------------


def _versions() -> dict[str, str]:
    names = ("fastapi", "uvicorn", "starlette", "pydantic", "SQLAlchemy", "httpx2")
    return {name: metadata.version(name) for name in names}


def measure(punches_per_level: int) -> dict[str, object]:
    levels: list[dict[str, object]] = []
    with scratch_dir("push") as root:
        data = root / "server"
        done = server_cli(data, "init", "--hostname", "localhost")
        if done.returncode != 0:
            raise RuntimeError(f"init failed: {done.stderr}")
        registry = TenantRegistry(Settings.load(data).tenants)
        work_by_level: dict[int, tuple[list[list[Batch]], list[list[Batch]]]] = {}
        start_at = datetime(2025, 1, 6, 7, 0, tzinfo=UTC)
        for clients in CLIENT_COUNTS:
            per_client = batches_per_client(punches_per_level, clients)
            for tenant in (f"push-c{clients}", f"floor-c{clients}"):
                registry.create(tenant)
                add_employees(registry, tenant, clients)
            # The same rows for both (fresh ids each, since both tenants check them).
            work_by_level[clients] = (
                [make_batches(employee_number(i), per_client, start_at) for i in range(clients)],
                [make_batches(employee_number(i), per_client, start_at) for i in range(clients)],
            )
        server = ServerProcess(data=data, port=free_port(), log=root / "server.log")
        server.start()
        try:
            for clients in CLIENT_COUNTS:
                server_work, floor_work = work_by_level[clients]
                floor = measure_floor(registry, f"floor-c{clients}", floor_work)
                check_ledger(registry, f"floor-c{clients}", pushed(floor_work))
                apis = sign_in(server, registry, f"push-c{clients}", clients)
                try:
                    served = measure_server(apis, server_work)
                finally:
                    for api in apis:
                        api.close()
                check_ledger(registry, f"push-c{clients}", pushed(server_work))
                levels.append(
                    {
                        "clients": clients,
                        "batches_per_client": len(server_work[0]) - 1,
                        "server": served.as_dict(),
                        "floor": floor.as_dict(),
                        "ratio_server_to_floor": round(ratio(served.rate, floor.rate), 3),
                    }
                )
        finally:
            server.stop()
            registry.dispose()
        note = scratch_note(root)
    at_target = next(lv for lv in levels if lv["clients"] == TARGET_CLIENTS)
    target_rate: float = at_target["server"]["punches_per_s"]  # type: ignore[index]
    return {
        "benchmark": "push_throughput",
        "batch": BATCH,
        "punches_per_level": punches_per_level,
        "floor": FLOOR,
        "clients_as": "threads, one httpx2.Client (keep-alive) each",
        "cpus": os.cpu_count(),
        "scratch": note,
        "libraries": _versions(),
        "levels": levels,
        "targets": {
            "clients": TARGET_CLIENTS,
            "punches_per_s_min": TARGET_PUNCHES_PER_S,
            "punches_per_s": target_rate,
            "ok": target_rate >= TARGET_PUNCHES_PER_S,
        },
    }


def _row(label: str, s: dict[str, Any], vs: float) -> list[str]:
    b = s["batch_ms"]
    return [
        label,
        f"{s['punches']}",
        f"{s['seconds']:.2f}",
        f"{s['punches_per_s']:.0f}",
        f"{b['p50']:.1f}",
        f"{b['p99']:.1f}",
        f"{b['max']:.1f}",
        f"{vs:.2f}",
    ]


def report(result: dict[str, Any]) -> None:
    libs = ", ".join(f"{k} {v}" for k, v in result["libraries"].items())
    print(
        f"push_throughput: batches of {result['batch']} punches, at least "
        f"{result['punches_per_level']} timed punches per level after a one-punch warm-up push per client"
    )
    print(f"server: `python -m server.cli serve` over TLS on 127.0.0.1; {result['cpus']} CPUs")
    print(f"clients: {result['clients_as']}; each its own enrolled device and signed-in employee")
    print(f"floor: {result['floor']} (same rows, fresh tenant, one batch at a time)")
    print(f"scratch: {result['scratch']}")
    print(f"libraries: {libs}")
    print()
    rows: list[list[str]] = []
    for lv in result["levels"]:
        rows.append(_row(f"server, {lv['clients']} client(s)", lv["server"], lv["ratio_server_to_floor"]))
        rows.append(_row(f"  floor: {FLOOR}", lv["floor"], 1.0))
    print_table(["", "punches", "s", "punches/s", "p50 ms", "p99 ms", "max ms", "x floor"], rows)
    print()
    print("latencies are per batch of 100 (one request); x floor = punches/s of the server / the floor's")
    t = result["targets"]
    print(
        f"target >= {t['punches_per_s_min']:,.0f} punches/s at {t['clients']} clients: "
        f"{verdict(t['ok'])} ({t['punches_per_s']:,.0f})"
    )


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__.splitlines()[0] if __doc__ else "push_throughput")
    args_parser.add_argument(
        "--punches", type=int, default=5000, help="timed punches per level (rounded up to whole rounds)"
    )
    args = args_parser.parse_args(argv)
    result = measure(args.punches)
    return emit(result, args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
