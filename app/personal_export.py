"""One person's data to a file (GDPR art. 15), in steps that can be followed and cancelled.

The command line (`stempel export`) and the window's "Export my data…" share
this: what the device stores (`app.store.export`), then what the tenant server
answers (`GET /export`, when it can be asked), rendered as JSON or CSV. The
window runs `write_export` on a thread of its own (the server call may take a
while), reporting each step and asking between steps whether to go on; a
cancelled export writes nothing. The file appears whole or not at all.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from app.store import Store
from app.store.export import export_csv, personal_export, with_server_part

if TYPE_CHECKING:
    from sync.personal_data import PersonalDataExport

__all__ = [
    "ExportCancelled",
    "ExportFormat",
    "ExportStep",
    "Exported",
    "render_export",
    "server_export",
    "write_export",
]

ExportFormat = Literal["json", "csv"]


class ExportStep(Enum):
    """The steps of an export, in order; `value` is its place (1-based) among `len(ExportStep)`."""

    DEVICE = 1
    SERVER = 2
    WRITE = 3


class ExportCancelled(Exception):
    """The export was cancelled between two steps; nothing was written."""


@dataclass(frozen=True)
class Exported:
    path: Path
    server_missing: str | None  # why the server's part is missing, in words; None when it is there


def server_export(store: Store, employee: str) -> tuple[PersonalDataExport | None, str | None]:
    """(the server's `PersonalDataExport`, None), or (None, why it is missing, in words)."""
    from pydantic import ValidationError

    from app.device_setup import NotEnrolled
    from app.syncing import engine_for
    from sync import config
    from sync.errors import SyncError
    from sync.personal_data import PersonalDataExport

    if config.Enrollment.load(store.setting) is None:
        return None, "this device is not enrolled with a server"
    try:
        with engine_for(store) as engine:
            response = engine.session.call("GET", f"/export?employee={quote(employee, safe='')}")
    except NotEnrolled:
        return None, "this device is not enrolled with a server"
    except SyncError as exc:
        return None, f"the server could not be asked: {exc}"
    if response.status_code == 404:
        return None, (
            "the server gives this employee's data only to them, their manager or an admin;"
            " sign in as one of them on this device (`stempel login`) and export again"
        )
    if response.status_code != 200:
        return None, f"the server answered with status {response.status_code}"
    try:
        return PersonalDataExport.model_validate_json(response.content), None
    except ValidationError:
        return None, "the server's answer was not a personal-data export"


def render_export(
    local: dict[str, object], server: PersonalDataExport | None, unavailable: str | None, fmt: ExportFormat
) -> str:
    """The export as text: JSON with the server's part (or why it is missing), or CSV rows."""
    export = with_server_part(local, server.model_dump(mode="json") if server else None, unavailable)
    if fmt == "json":
        return json.dumps(export, ensure_ascii=False, indent=2) + "\n"
    if server is None:
        return export_csv(export)
    from sync.personal_data import EVENT_COLUMNS, event_rows

    return export_csv(export, event_rows(server), EVENT_COLUMNS)


def _write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file beside it: whole or not at all."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_export(
    open_store: Callable[[], Store],
    employee: str,
    fmt: ExportFormat,
    target: Path,
    *,
    step: Callable[[ExportStep], None] = lambda _step: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Exported:
    """Export `employee`'s data from the store `open_store` opens (on the calling thread) to `target`.

    Raises ExportCancelled (nothing written), StoreError or OSError.
    """

    def next_step(which: ExportStep) -> None:
        if cancelled():
            raise ExportCancelled()
        step(which)

    next_step(ExportStep.DEVICE)
    with open_store() as store:
        local = personal_export(store, employee)
        next_step(ExportStep.SERVER)
        server, unavailable = server_export(store, employee)
    next_step(ExportStep.WRITE)
    text = render_export(local, server, unavailable, fmt)
    if cancelled():
        raise ExportCancelled()
    _write_whole(target, text)
    return Exported(target, unavailable)
