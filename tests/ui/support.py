"""Shared constants and helpers of the UI tests (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidget

from app.store import Store
from app.ui.main_window import MainWindow
from app.ui.sync_bridge import SyncBridge
from app.ui.tasks import StoreFactory, TaskRunner
from tests.keyring_fakes import MemoryKeyring

EMPLOYEE = "1001"
EMPLOYEE_NAME = "Kari Nordmann"  # fictitious

OFFLINE_AT = datetime(2026, 11, 24, 6, 42, tzinfo=UTC)  # 07:42 in Oslo

MakeRunner = Callable[[StoreFactory], TaskRunner]
MakeWindow = Callable[[TaskRunner], MainWindow]
MakeBridge = Callable[..., SyncBridge]


def stored_punches(profile: Path, backend: MemoryKeyring) -> list[tuple[str, str]]:
    """(employee, kind) of every stored punch of 1001, read through a second Store."""
    with Store.open(profile, backend=backend, create=False) as store:
        return [(p.employee, p.kind.value) for p in store.punches(EMPLOYEE)]


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return "" if item is None else item.text()


def luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
