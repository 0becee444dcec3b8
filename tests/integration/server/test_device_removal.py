"""A device removed on the real server, over TLS with the real keyring: it delivers, then forgets.

And the tenant's local window: synced history older than it leaves the device.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain import PunchKind
from app.store import DeviceRemoved, Store
from app.store.keyvault import KeyVault
from app.store.profile import Profile
from app.store.store import REMOVED_MARKER
from app.syncing import open_engine
from sync.errors import DeviceWiped, ServerUnavailable
from tests.integration.server.clients import (
    PASSWORD,
    device_of,
    enrolled_profile,
    server_punch_ids,
    staffed_tenant,
)
from tests.integration.server.conftest import start_server
from tests.integration.server.harness import ROOT, Api, ServerProcess, punch_mutation, server_cli
from tests.secret_service import SecretService

FIVE = [PunchKind.IN, PunchKind.BREAK_START, PunchKind.BREAK_END, PunchKind.OUT, PunchKind.IN]
WIPED = (
    "This device was removed by your administrator; its data has been deleted from this computer. "
    "Set it up again to use it."
)
WAIT = 60.0


@pytest.fixture(scope="module")
def tenant(tenant_server: ServerProcess) -> str:
    tenant = staffed_tenant(tenant_server, "rm")
    tenant_server.user(tenant, "1002", PASSWORD, "4321")
    return tenant


def stempel(profile: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "--profile", str(profile), *args],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )


def punch(profile: Path, number: str, kinds: list[PunchKind], *, ahead: timedelta = timedelta()) -> list[str]:
    def clock() -> datetime:
        return datetime.now(UTC) + ahead

    with Store.open(profile, create=False, clock=clock) as store:
        return [store.punch(number, kind, source="kiosk").id for kind in kinds]


def revoke(server: ServerProcess, tenant: str, profile: Path) -> str:
    device = device_of(profile)
    done = server_cli(server.data, "device", "revoke", "--tenant", tenant, "--device", device)
    assert done.returncode == 0, done.stderr
    return device


def database_files(profile: Path) -> list[str]:
    return sorted(p.name for p in profile.iterdir() if p.name.startswith("stempel.db"))


def assert_wiped(profile: Path, profile_id: str) -> None:
    assert database_files(profile) == []
    assert KeyVault(profile_id).current() is None
    assert KeyVault(profile_id).pending() is None
    notice = (profile / REMOVED_MARKER).read_text(encoding="utf-8")
    assert "removed by its administrator" in notice
    with pytest.raises(DeviceRemoved, match="removed by your administrator"):
        Store.open(profile, create=False)


@pytest.mark.parametrize("kind", ["desktop", "kiosk"])
def test_a_removed_device_delivers_its_punches_and_then_deletes_its_data(
    real_keyring: SecretService, tenant_server: ServerProcess, tenant: str, tmp_path: Path, kind: str
) -> None:
    signed_in = "1001" if kind == "desktop" else None
    profile = enrolled_profile(tenant_server, tenant, tmp_path / kind, signed_in, kind=kind)
    profile_id = Profile.load(profile, create=False).id
    assert KeyVault(profile_id).current() is not None
    made = punch(profile, "1001", FIVE)
    device = revoke(tenant_server, tenant, profile)
    late_kind = [PunchKind.IN] if kind == "kiosk" else [PunchKind.OUT]
    late = punch(profile, "1002" if kind == "kiosk" else "1001", late_kind, ahead=timedelta(minutes=10))

    done = stempel(profile, real_keyring.env, "sync")

    assert done.returncode == 1, done.stdout
    assert WIPED in done.stderr
    delivered = server_punch_ids(tenant_server, tenant, device)
    assert delivered == made  # the five, each once; not the one made after the revocation
    assert late[0] not in delivered
    assert_wiped(profile, profile_id)
    again = stempel(profile, real_keyring.env, "sync")
    assert again.returncode == 1
    assert WIPED in again.stderr
    assert database_files(profile) == []  # asking again makes nothing
    status = stempel(profile, real_keyring.env, "status")
    assert (status.returncode, status.stdout.strip()) == (0, WIPED)
    assert json.loads(stempel(profile, real_keyring.env, "status", "--json").stdout)["removed"] is True
    assert database_files(profile) == []  # status made no database either

    with Store.open(profile) as store:  # set up again: a fresh, empty profile
        assert store.punch_count() == 0


def test_the_window_s_sync_loop_wipes_too(
    real_keyring: SecretService, tenant_server: ServerProcess, tenant: str, tmp_path: Path
) -> None:
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", "1001")
    profile_id = Profile.load(profile, create=False).id
    made = punch(profile, "1001", FIVE[:2])
    device = revoke(tenant_server, tenant, profile)
    with pytest.raises(DeviceWiped), open_engine(profile) as engine:
        engine.sync_once()
    assert server_punch_ids(tenant_server, tenant, device) == made
    assert_wiped(profile, profile_id)


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[ServerProcess]:
    server = start_server(tmp_path / "server")
    yield server
    server.stop()


def test_nothing_is_wiped_while_the_server_cannot_be_reached(
    real_keyring: SecretService, own_server: ServerProcess, tmp_path: Path
) -> None:
    tenant = staffed_tenant(own_server, "rm")
    profile = enrolled_profile(own_server, tenant, tmp_path / "pc", "1001")
    profile_id = Profile.load(profile, create=False).id
    made = punch(profile, "1001", FIVE)
    device = revoke(own_server, tenant, profile)
    own_server.stop()

    with pytest.raises(ServerUnavailable), open_engine(profile) as engine:
        engine.sync_once()
    done = stempel(profile, real_keyring.env, "sync")
    assert done.returncode == 1
    assert WIPED not in done.stderr
    assert database_files(profile) != []
    assert KeyVault(profile_id).current() is not None
    with Store.open(profile, create=False) as store:
        assert store.pending_count() == len(made)

    own_server.start()
    with pytest.raises(DeviceWiped), open_engine(profile) as engine:
        engine.sync_once()
    assert server_punch_ids(own_server, tenant, device) == made
    assert_wiped(profile, profile_id)


# -- the tenant's local window ------------------------------------------------------------


def test_synced_history_older_than_the_tenants_window_leaves_the_device(
    real_keyring: SecretService, tenant_server: ServerProcess, tmp_path: Path
) -> None:
    tenant = staffed_tenant(tenant_server, "ret")
    other = Api(tenant_server, tenant)  # another device of 1001 made the history
    try:
        assert other.enroll(tenant_server.device_code(tenant)).status_code == 200
        assert other.login("1001", PASSWORD).status_code == 200
        now = datetime.now(UTC)
        history = [
            punch_mutation("1001", kind, at=now - timedelta(days=day, hours=hour))
            for day in range(1, 71)
            for kind, hour in (("in", 9), ("out", 1))
        ]
        assert other.push(history).status_code == 200
    finally:
        other.close()
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", "1001")
    with Store.open(profile, create=False, clock=lambda: now - timedelta(days=90)) as store:
        refused = store.punch("1002", PunchKind.IN).id  # not theirs to make: refused, stays in the outbox

    with open_engine(profile) as engine:
        report = engine.sync_once()

    assert report.pulled == len(history) + 1  # and their directory entry
    assert report.rejected_total == 1
    window = now - timedelta(days=62)
    with Store.open(profile, create=False) as store:
        kept = store.punches("1001")
        assert kept  # the recent history stays
        assert min(p.at for p in kept) >= window - timedelta(minutes=5)
        expected = [m for m in history if datetime.fromisoformat(m["payload"]["at"]) >= window]
        assert len(kept) in (len(expected), len(expected) - 1)  # the edge moves while the test runs
        assert [p.id for p in store.punches("1002")] == [refused]  # never synced: kept
        (entry,) = store.outbox(state="rejected")
        assert entry.payload["id"] == refused
