"""The demo: a real tenant server on this machine, fictitious staff, and the demo profile enrolled with it.

`running_demo(profile)` keeps the demo server's data in `<profile>/server`. The
first time it runs `stempel-server init`, `tenant create demo` and `tenant
seed-demo` (a manager, 25 employees, four weeks of history; see
`server/demo.py`), enrolls the profile's device with the demo's own CA and signs
the demo employee in. Later runs start the server on a new free port and point
the profile at it. The server is a child process (`python -m server.cli serve`,
TLS on 127.0.0.1 only), never imported: the client does not depend on the
server's code, and the demo needs no network beyond loopback.

Fixed, printable credentials: every demo person's password is `demo-<number>`,
their kiosk PIN the number's last two digits twice (1001 -> 0101). The demo
employee is 1001, their manager 1000.

Two demos on one profile (the window, and `stempel --demo status` beside it)
share one server: the later one uses the server the first started and leaves
it running. A server whose owner was killed before it could stop it is ended
by the next demo.

Every wait has a deadline: each admin command, the server's start (until its
TLS port answers a handshake) and its stop.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

import platformdirs
from faker import Faker
from filelock import FileLock, Timeout

from app.device_setup import enroll_profile, sign_in_profile
from app.domain import DEFAULT_ZONE
from app.failures import Failure
from app.store import Store
from app.syncing import engine_for
from sync import config
from sync.errors import SyncError
from sync.transport import Transport

DEMO_TENANT = "demo"
DEMO_EMPLOYEE = "1001"
DEMO_MANAGER = "1000"
DEMO_SETTING = "demo"  # "1" on a demo profile: the demo may enroll it again
SERVER_FOLDER = "server"
READY_FILE = "demo-ready"  # written last: the data folder holds a complete demo tenant
SERVING_FILE = "demo-serving.json"  # the running demo server, while one runs
LOG_FILE = "serve.log"
COMMAND_TIMEOUT = 120.0
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
LOCK_TIMEOUT = 150.0
REFRESH_TTL = 365 * 24 * 3600  # a demo left alone for months still opens signed in
START_ATTEMPTS = 3  # a free port may be taken before the server binds it

DEMO_STAFF_SIZE = 6
FIRST_NUMBER = 1001
# Norwegian bokmål names; Faker calls the locale no_NO rather than nb_NO.
FAKER_LOCALE = "no_NO"
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


class DemoFailed(Failure):
    """The demo could not be started; the message is one line for the user."""


@dataclass(frozen=True)
class DemoInfo:
    server_url: str
    tenant: str
    employee: str
    manager: str
    ca: Path


def demo_profile_dir() -> Path:
    return platformdirs.user_data_path("stempel", appauthor=False) / "demo"


def demo_kiosk_profile_dir() -> Path:
    """The demo kiosk's own profile; it shares the demo profile's server (`stempel --demo --kiosk`)."""
    return platformdirs.user_data_path("stempel", appauthor=False) / "demo-kiosk"


def demo_password(number: str) -> str:
    """Every demo person's password (the seed in server/demo.py sets the same)."""
    return f"demo-{number}"


def demo_pin(number: str) -> str:
    """Every demo person's kiosk PIN: the number's last two digits twice."""
    return number[-2:] * 2


def fictitious_staff(count: int = DEMO_STAFF_SIZE, seed: int = 48) -> list[tuple[str, str]]:
    """(employee number, display name) pairs from 1001; the names the demo server gives them."""
    fake = Faker(FAKER_LOCALE)
    fake.seed_instance(seed)
    return [(str(FIRST_NUMBER + i), f"{fake.first_name()} {fake.last_name()}") for i in range(count)]


# --- the demo server --------------------------------------------------------------------------


def _server_env() -> dict[str, str]:
    """Our environment, with the folder holding `app` (and `server`) first on the import path."""
    paths = [str(_PACKAGE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _server_command(data: Path, *args: str) -> str:
    """Run `stempel-server ARGS --data DATA`; its stdout, or DemoFailed with its last error line."""
    what = " ".join(args[:2])
    try:
        done = subprocess.run(
            [sys.executable, "-m", "server.cli", *args, "--data", str(data)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            env=_server_env(),
        )
    except subprocess.TimeoutExpired:
        raise DemoFailed(f"`stempel-server {what}` did not finish in {COMMAND_TIMEOUT:.0f} s") from None
    if done.returncode != 0:
        reason = _last_line(done.stderr) or f"exit code {done.returncode}"
        raise DemoFailed(f"`stempel-server {what}` failed for the demo: {reason}")
    return done.stdout


def _prepare_data(data: Path, history_until: date | None) -> None:
    """Make the demo's server data once: config and CA, the tenant, its staff and history."""
    if (data / READY_FILE).exists():
        return
    if data.exists():  # an earlier first start stopped half-way; nothing in it is in use
        shutil.rmtree(data)
    data.mkdir(mode=0o700)
    _server_command(data, "init", "--hostname", "localhost")
    _server_command(data, "tenant", "create", DEMO_TENANT)
    seed = ["tenant", "seed-demo", "--tenant", DEMO_TENANT]
    if history_until is not None:
        seed += ["--until", history_until.isoformat()]
    _server_command(data, *seed)
    (data / READY_FILE).write_text("1\n", encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _answers(port: int, ca: Path, timeout: float = 1.0) -> bool:
    """Whether a server with a certificate from our CA completes a TLS handshake on `port`."""
    try:
        context = ssl.create_default_context(cafile=str(ca))
        with (
            socket.create_connection(("127.0.0.1", port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname="127.0.0.1"),
        ):
            return True
    except OSError:
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


def _launch(data: Path, port: int, deadline: float) -> subprocess.Popen[bytes] | str:
    """Start `serve` on `port`: the process once its TLS port answers, else why it did not start."""
    log_path = data / LOG_FILE
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "server.cli", "serve", "--data", str(data)),
                *("--host", "127.0.0.1", "--port", str(port), "--refresh-ttl", str(REFRESH_TTL)),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            env=_server_env(),
        )
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if _answers(port, data / "tls" / "ca.crt"):
                return process
            time.sleep(0.05)
    except BaseException:  # interrupted while waiting: leave no server behind
        _stop(process)
        raise
    exited = process.poll() is not None
    _stop(process)
    if not exited:
        return "its TLS port did not answer in time"
    return _last_line(log_path.read_text(encoding="utf-8", errors="replace")) or (
        f"it ended with exit code {process.returncode}"
    )


def _start_server(data: Path, timeout: float) -> tuple[subprocess.Popen[bytes], int]:
    """Start `serve` on a free port; return once its TLS port answers, or raise DemoFailed."""
    deadline = time.monotonic() + timeout
    reason = ""
    for _ in range(START_ATTEMPTS):
        port = _free_port()
        started = _launch(data, port, deadline)
        if not isinstance(started, str):
            return started, port
        reason = started
        if "address already in use" not in reason.lower() or time.monotonic() >= deadline:
            break
    raise DemoFailed(f"the demo server did not start: {reason} (see {data / LOG_FILE})")


@dataclass(frozen=True)
class _Serving:
    """What `SERVING_FILE` records: the demo server's port and process, and the process that owns it."""

    port: int
    pid: int
    owner: int

    @classmethod
    def read(cls, path: Path) -> _Serving | None:
        with suppress(OSError, ValueError, TypeError, KeyError):
            found = json.loads(path.read_text(encoding="utf-8"))
            return cls(int(found["port"]), int(found["pid"]), int(found["owner"]))
        return None

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)), encoding="utf-8")


def _alive(pid: int) -> bool:
    if os.name == "nt":  # no probe there that cannot end the process; take it as alive
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def _serving(data: Path, timeout: float) -> Iterator[int]:
    """The port of this profile's demo server: one already running (another `stempel --demo`), or ours.

    Ours is stopped when the block ends; one another live process started is left
    to it. A server whose owner died without stopping it (killed) is ended here.
    """
    marker = data / SERVING_FILE
    running = _Serving.read(marker)
    if running is not None and _answers(running.port, data / "tls" / "ca.crt"):
        if _alive(running.owner):
            yield running.port
            return
        with suppress(OSError):  # it answers with our CA on the recorded port: it is that process
            os.kill(running.pid, signal.SIGTERM)
    process, port = _start_server(data, timeout)
    try:
        _Serving(port, process.pid, os.getpid()).write(marker)
        yield port
    finally:
        _stop(process)
        recorded = _Serving.read(marker)
        if recorded is not None and recorded.port == port:
            marker.unlink(missing_ok=True)


# --- the demo profile -------------------------------------------------------------------------


def _earliest_pending_day(store: Store) -> date | None:
    """The first day of the punches still waiting to be sent (an offline demo's own days)."""
    times = [
        datetime.fromisoformat(str(entry.payload["at"]))
        for entry in store.outbox(limit=10_000, state="pending")
        if entry.kind == "punch" and "at" in entry.payload
    ]
    return min(times).astimezone(DEFAULT_ZONE).date() if times else None


def _claim_profile(store: Store) -> date | None:
    """Mark the profile as the demo's, or refuse one that holds someone's real work.

    Returns the day the demo history must end before (None: today): an offline
    demo profile of an earlier version keeps its own punches, which will sync,
    so the seeded history stops where they begin.
    """
    if store.setting(DEMO_SETTING) != "1":
        enrollment = config.Enrollment.load(store.setting)
        if enrollment is not None:
            raise DemoFailed(
                f"this profile is enrolled with tenant {enrollment.tenant} at {enrollment.server_url}; "
                "the demo needs a profile folder of its own"
            )
        if store.setting(config.EMPLOYEE) or store.punch_count():
            raise DemoFailed("this profile already holds punches; the demo needs a profile folder of its own")
        store.set_setting(DEMO_SETTING, "1")
    if config.Enrollment.load(store.setting) is None:
        return _earliest_pending_day(store)
    return None


def _connect_profile(store: Store, data: Path, url: str, kind: str) -> None:
    """Enroll the profile with this demo server if it is not yet, point it at `url`, sign in if signed out.

    A kiosk signs nobody in; it pulls the directory once here, so the first
    person at the screen finds their PIN known.
    """
    ca_pem = (data / "tls" / "ca.crt").read_bytes()
    enrollment = config.Enrollment.load(store.setting)
    try:
        if (
            enrollment is None
            or enrollment.tenant != DEMO_TENANT
            or enrollment.ca_pem != ca_pem.decode()
            or enrollment.device_kind != kind
        ):
            # Never enrolled, an offline demo of an earlier version, or a demo server made anew.
            answer = _server_command(data, "device", "code", "--tenant", DEMO_TENANT, "--kind", kind)
            with Transport(url, ca_pem=ca_pem) as transport:
                enroll_profile(
                    store,
                    transport,
                    DEMO_TENANT,
                    _last_line(answer),
                    ca_pem=ca_pem,
                    name=f"Stempel demo {kind}",
                    force=enrollment is not None,
                )
        elif enrollment.server_url != url:
            store.set_setting(config.SERVER_URL, url)
        if kind == "kiosk":
            if not store.directory_size():
                with engine_for(store) as engine:
                    engine.sync_once()
        elif not store.setting(config.REFRESH_TOKEN):
            sign_in_profile(store, DEMO_EMPLOYEE, demo_password(DEMO_EMPLOYEE))
    except SyncError as exc:
        raise DemoFailed(f"the demo server refused this profile: {exc}") from None


@contextmanager
def _setup_lock(data: Path) -> Iterator[None]:
    """One `stempel --demo` at a time prepares a demo server and a profile of it."""
    data.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = FileLock(data.parent / "demo.lock", timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise DemoFailed("another Stempel demo is still starting on this profile") from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def running_demo(
    profile: Path,
    *,
    kiosk: bool = False,
    data: Path | None = None,
    start_timeout: float = START_TIMEOUT,
) -> Iterator[DemoInfo]:
    """Run the demo server for `profile` while the block runs, with the profile enrolled and signed in.

    `kiosk`: enroll the profile as the demo's kiosk instead (nobody signs in).
    `data`: the server's data folder, default `<profile>/server`; the demo kiosk
    uses the demo profile's, so both show one tenant. Raises DemoFailed, one
    line for the user (any server started is stopped first), or a `StoreError`
    of the profile's store (keyring missing or locked, ...) before anything
    else happens.
    """
    profile = profile.expanduser().absolute()
    profile.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = (data or profile / SERVER_FOLDER).expanduser().absolute()
    with ExitStack() as server:
        with _setup_lock(data), Store.open(profile) as store:
            _prepare_data(data, history_until=_claim_profile(store))
            url = f"https://127.0.0.1:{server.enter_context(_serving(data, start_timeout))}"
            _connect_profile(store, data, url, "kiosk" if kiosk else "desktop")
        yield DemoInfo(url, DEMO_TENANT, DEMO_EMPLOYEE, DEMO_MANAGER, data / "tls" / "ca.crt")
