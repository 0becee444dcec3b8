"""Fixtures shared by every kind of test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring.core
import pytest

from tests.keyring_fakes import MemoryKeyring
from tests.secret_service import SecretService, running_secret_service


@pytest.fixture(scope="session")
def secret_service() -> Iterator[SecretService]:
    """A real gnome-keyring on a private D-Bus; this process and its children use it."""
    with running_secret_service() as service:
        saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = service.address
        keyring.core.init_backend()
        try:
            yield service
        finally:
            if saved is None:
                os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
            else:
                os.environ["DBUS_SESSION_BUS_ADDRESS"] = saved


@pytest.fixture
def real_keyring(secret_service: SecretService) -> Iterator[SecretService]:
    """The real keyring, unlocked before and after the test."""
    if secret_service.is_locked():
        secret_service.unlock()
    yield secret_service
    if secret_service.is_locked():
        secret_service.unlock()


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"
