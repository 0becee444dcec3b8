"""`running_demo`: a real tenant server in a child process, the profile enrolled and signed in over TLS.

Real parts only: `stempel-server` processes, the demo's own CA, the real keyring.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.demo import (
    DEMO_EMPLOYEE,
    DEMO_TENANT,
    READY_FILE,
    SERVER_FOLDER,
    SERVING_FILE,
    DemoFailed,
    DemoInfo,
    running_demo,
)
from app.domain import DEFAULT_ZONE
from app.store import Store
from sync import config
from sync.enrollment import request_token
from sync.protocol import RefreshGrant
from tests.offline_demo import ensure_demo_profile
from tests.secret_service import SecretService


def port_of(demo: DemoInfo) -> int:
    port = urlsplit(demo.server_url).port
    assert port is not None
    return port


def serve_processes(data: Path) -> list[int]:
    """Process ids whose command line is `... serve --data DATA ...` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        with suppress(OSError):
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            if b"serve" in argv and str(data).encode() in argv:
                found.append(int(entry.name))
    return found


def refuses(port: int) -> bool:
    with closing(socket.socket()) as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def settings(profile: Path) -> dict[str, str | None]:
    names = (config.SERVER_URL, config.TENANT, config.DEVICE_ID, config.REFRESH_TOKEN, config.EMPLOYEE)
    with Store.open(profile, create=False) as store:
        return {name: store.setting(name) for name in names}


@pytest.fixture
def blocked_port() -> Iterator[list[socket.socket]]:
    """Sockets a test binds to keep a port taken; closed after the test."""
    held: list[socket.socket] = []
    yield held
    for s in held:
        s.close()


def test_first_demo_enrolls_signs_in_and_refreshes_over_tls(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    with running_demo(profile_dir) as demo:
        stored = settings(profile_dir)
        assert stored[config.SERVER_URL] == demo.server_url
        assert stored[config.TENANT] == DEMO_TENANT
        assert stored[config.EMPLOYEE] == DEMO_EMPLOYEE
        assert stored[config.DEVICE_ID]
        refresh = stored[config.REFRESH_TOKEN]
        assert refresh
        with Store.open(profile_dir) as store:
            enrollment = config.Enrollment.load(store.setting)
            assert enrollment is not None
            assert enrollment.ca_pem == demo.ca.read_text()
            with enrollment.transport() as transport:
                grant = RefreshGrant(grant_type="refresh_token", refresh_token=refresh)
                tokens = request_token(transport, DEMO_TENANT, grant, enrollment.key())
            assert tokens.refresh_token
            store.set_setting(config.REFRESH_TOKEN, tokens.refresh_token)
        assert tokens.employee == DEMO_EMPLOYEE
        assert serve_processes(profile_dir / SERVER_FOLDER)
    assert serve_processes(profile_dir / SERVER_FOLDER) == []
    assert refuses(port_of(demo))


def test_later_demos_reuse_the_data_and_a_server_already_running(
    real_keyring: SecretService, profile_dir: Path, blocked_port: list[socket.socket]
) -> None:
    with running_demo(profile_dir) as first:
        before = settings(profile_dir)
        ca = first.ca.read_bytes()
        with running_demo(profile_dir) as meanwhile:  # say `stempel --demo status` beside the window
            assert meanwhile.server_url == first.server_url
            assert len(serve_processes(profile_dir / SERVER_FOLDER)) == 1
        assert not refuses(port_of(first))  # the server belongs to the first demo: still there
    blocker = socket.socket()
    blocked_port.append(blocker)
    blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    blocker.bind(("127.0.0.1", port_of(first)))  # the old port is someone else's now

    with running_demo(profile_dir) as second:
        after = settings(profile_dir)
        assert second.server_url != first.server_url
        assert after[config.SERVER_URL] == second.server_url
        assert second.ca.read_bytes() == ca
        # The same enrollment and the same session: nothing was made anew.
        assert after[config.DEVICE_ID] == before[config.DEVICE_ID]
        assert after[config.REFRESH_TOKEN] == before[config.REFRESH_TOKEN]
    assert serve_processes(profile_dir / SERVER_FOLDER) == []


def test_a_profile_with_real_punches_is_refused_before_any_server_starts(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    ensure_demo_profile(profile_dir)
    with Store.open(profile_dir) as store:
        store.set_setting("demo", "")  # punches of someone real, as far as the demo can tell
    with pytest.raises(DemoFailed, match="profile folder of its own"), running_demo(profile_dir):
        pass
    assert not (profile_dir / SERVER_FOLDER).exists()


def test_an_offline_demo_of_an_earlier_version_is_enrolled_and_keeps_its_punches(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    today = datetime.now(DEFAULT_ZONE).date()
    thursday = today - timedelta(days=(today.weekday() - 3) % 7 or 7)
    ensure_demo_profile(profile_dir, today=thursday)  # its own Monday to Wednesday, never synced
    with Store.open(profile_dir) as store:
        pending = store.pending_count()
    assert pending == 12

    with running_demo(profile_dir) as demo:
        stored = settings(profile_dir)
        assert stored[config.DEVICE_ID]
        assert stored[config.REFRESH_TOKEN]
        with Store.open(profile_dir) as store:
            assert store.pending_count() == pending  # left for the sync engine to deliver
        tenant_db = demo.ca.parents[1] / "tenants" / f"{DEMO_TENANT}.sqlite"
        with closing(sqlite3.connect(tenant_db)) as db:
            [(last_seeded,)] = db.execute(
                "SELECT max(json_extract(payload, '$.at')) FROM ledger WHERE type = 'punch'"
            ).fetchall()
    monday = thursday - timedelta(days=3)
    assert datetime.fromisoformat(last_seeded).astimezone(DEFAULT_ZONE).date() < monday


def test_a_server_that_cannot_start_is_one_clear_line(real_keyring: SecretService, profile_dir: Path) -> None:
    data = profile_dir / SERVER_FOLDER
    data.mkdir(parents=True)
    (data / READY_FILE).write_text("1\n")  # a demo data folder whose certificate and key are gone
    failure = r"^the demo server did not start: .*no TLS certificate and key"
    with pytest.raises(DemoFailed, match=failure), running_demo(profile_dir):
        pass
    assert serve_processes(data) == []


def test_a_server_left_behind_by_a_killed_demo_is_ended_by_the_next(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    data = profile_dir / SERVER_FOLDER
    with running_demo(profile_dir) as first:
        [orphan] = serve_processes(data)  # its owner will seem to have died without stopping it
        recorded = json.loads((data / SERVING_FILE).read_text())
        dead_owner = subprocess.Popen([sys.executable, "-c", "pass"])
        dead_owner.wait(timeout=60)
        (data / SERVING_FILE).write_text(json.dumps({**recorded, "owner": dead_owner.pid}))
        with running_demo(profile_dir) as second:
            assert second.server_url != first.server_url
            deadline = time.monotonic() + 15
            while orphan in serve_processes(data) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(serve_processes(data)) == 1  # the new one
            assert orphan not in serve_processes(data)
        assert serve_processes(data) == []


def test_the_demo_kiosk_shares_the_demo_server_and_knows_the_printed_pins(
    real_keyring: SecretService, profile_dir: Path, tmp_path: Path
) -> None:
    from app.kiosk_desk import KioskDesk, Person
    from app.store import DirectoryEntry
    from server.demo import demo_badge, demo_pin

    kiosk = tmp_path / "demo-kiosk"
    data = profile_dir / SERVER_FOLDER
    with running_demo(profile_dir) as desktop, running_demo(kiosk, kiosk=True, data=data) as door:
        assert door.server_url == desktop.server_url
        assert len(serve_processes(data)) == 1
        assert not (kiosk / SERVER_FOLDER).exists()
        with Store.open(kiosk, create=False) as store:
            enrollment = config.Enrollment.load(store.setting)
            assert enrollment is not None
            assert enrollment.device_kind == "kiosk"
            assert not store.setting(config.REFRESH_TOKEN)  # nobody signs in on a kiosk
            desk = KioskDesk(store, DEMO_TENANT)
            person = desk.sign_in_pin(DEMO_EMPLOYEE, demo_pin(DEMO_EMPLOYEE))
            assert isinstance(person, Person)
            assert isinstance(desk.sign_in_badge(demo_badge("1002")), Person)
            assert isinstance(desk.admin_check("9000", demo_pin("9000")), DirectoryEntry)
    assert serve_processes(data) == []
