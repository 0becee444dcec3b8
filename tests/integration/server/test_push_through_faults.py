"""Pushes through a fault-injecting proxy: the answer lost on the wire, a reset, a truncated reply.

Whatever the network does, the server ends up with each punch once and the
device's outbox empties only for what the server confirmed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.domain import PunchKind
from app.store import Store
from app.syncing import open_engine
from sync import config
from sync.errors import ServerUnavailable
from tests.integration.faultproxy import CUT_AFTER_REQUEST, RESET, Fault, FaultProxy, truncate_response
from tests.integration.server.clients import PASSWORD, enrolled_profile, server_punch_ids
from tests.integration.server.harness import ServerProcess
from tests.secret_service import SecretService


@pytest.fixture
def proxy(tenant_server: ServerProcess) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", tenant_server.port) as proxy:
        yield proxy


@pytest.fixture
def behind_proxy(
    real_keyring: SecretService,
    tenant_server: ServerProcess,
    new_tenant: Callable[..., str],
    proxy: FaultProxy,
    tmp_path: Path,
) -> tuple[str, Path]:
    """A signed-in profile whose server address is the proxy, with six punches waiting."""
    tenant = new_tenant()
    tenant_server.user(tenant, "1001", PASSWORD)
    profile = enrolled_profile(tenant_server, tenant, tmp_path / "pc", "1001")
    with Store.open(profile) as store:
        store.set_setting(config.SERVER_URL, proxy.url_for(tenant_server.url))
        for kind in [PunchKind.IN, PunchKind.OUT] * 3:
            store.punch("1001", kind)
    return tenant, profile


def local_ids(profile: Path) -> list[str]:
    with Store.open(profile) as store:
        return [p.id for p in store.punches("1001")]


@pytest.mark.parametrize("fault", [CUT_AFTER_REQUEST, truncate_response(200)], ids=["cut", "truncated"])
def test_a_push_whose_answer_is_lost_is_sent_again_and_answered_duplicate(
    tenant_server: ServerProcess, proxy: FaultProxy, behind_proxy: tuple[str, Path], fault: Fault
) -> None:
    tenant, profile = behind_proxy
    with open_engine(profile) as engine:
        engine.session.access_token()  # signed in over a healthy connection, then the network blips
        proxy.drop_open_connections()
        proxy.set_fault(fault, times=1)
        with pytest.raises(ServerUnavailable):
            engine.sync_once()
        assert server_punch_ids(tenant_server, tenant) == local_ids(profile)  # it did arrive
        assert engine.store.pending_count() == 6  # but unconfirmed, so still waiting here
        report = engine.sync_once()
    assert (report.pushed, report.duplicates, report.pending) == (0, 6, 0)
    assert server_punch_ids(tenant_server, tenant) == local_ids(profile)


def test_a_reset_connection_loses_nothing(
    tenant_server: ServerProcess, proxy: FaultProxy, behind_proxy: tuple[str, Path]
) -> None:
    tenant, profile = behind_proxy
    proxy.set_fault(RESET, times=1)
    with open_engine(profile) as engine:
        with pytest.raises(ServerUnavailable):
            engine.sync_once()
        assert engine.store.pending_count() == 6
        report = engine.sync_once()
    assert (report.pushed, report.pending) == (6, 0)
    assert server_punch_ids(tenant_server, tenant) == local_ids(profile)
