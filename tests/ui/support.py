"""Shared constants and helpers of the UI tests (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.store import Store
from app.ui.main_window import MainWindow
from app.ui.tasks import StoreFactory, TaskRunner
from tests.keyring_fakes import MemoryKeyring

EMPLOYEE = "1001"
EMPLOYEE_NAME = "Kari Nordmann"  # fictitious

MakeRunner = Callable[[StoreFactory], TaskRunner]
MakeWindow = Callable[[TaskRunner], MainWindow]


def stored_punches(profile: Path, backend: MemoryKeyring) -> list[tuple[str, str]]:
    """(employee, kind) of every stored punch of 1001, read through a second Store."""
    with Store.open(profile, backend=backend, create=False) as store:
        return [(p.employee, p.kind.value) for p in store.punches(EMPLOYEE)]
