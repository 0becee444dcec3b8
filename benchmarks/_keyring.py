"""The real Secret Service for benchmarks, as in production (not an in-memory fake).

A private dbus-daemon with gnome-keyring on it (tests/secret_service.py); this
process uses it through `DBUS_SESSION_BUS_ADDRESS`, and child processes get
`service.env`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import keyring.core

from app.store.keyvault import system_backend
from tests.secret_service import SecretService, running_secret_service

__all__ = ["SecretService", "backend_name", "real_secret_service"]

_BUS = "DBUS_SESSION_BUS_ADDRESS"


@contextmanager
def real_secret_service() -> Iterator[SecretService]:
    """Start the keyring, point this process's `keyring` at it, restore everything after."""
    with running_secret_service() as service:
        saved = os.environ.get(_BUS)
        os.environ[_BUS] = service.address
        keyring.core.init_backend()
        try:
            system_backend()  # refuses anything but an OS keyring, as Store.open would
            yield service
        finally:
            if saved is None:
                os.environ.pop(_BUS, None)
            else:
                os.environ[_BUS] = saved


def backend_name() -> str:
    """The keyring backend that Store.open will use, e.g. 'SecretService.Keyring'."""
    backend = system_backend()
    chosen = getattr(backend, "backends", [backend])
    return ", ".join(f"{type(b).__module__.rsplit('.', 1)[-1]}.{type(b).__name__}" for b in chosen)
