"""A person's data for a GDPR access request (art. 15): this device's part, and the server's.

`personal_export` is what this device stores; `with_server_part` adds what the
tenant server answered (`sync.personal_data.PersonalDataExport`, as JSON) under
"server", or, when it could not be asked, `{"unavailable": "<why, in words>"}`.
`export_csv` writes one row per local punch and, after them, one row per
server event (`sync.personal_data.event_rows`, which the caller makes: the
store does not import `sync`), marked `source=server`; the punch's own source
is then in `punch_source`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from app.store.store import Store
from app.store.times import to_text

SERVER_SOURCE = "server"


def personal_export(store: Store, employee: str) -> dict[str, object]:
    person = store.employee(employee)
    return {
        "employee": employee,
        "display_name": person.display_name if person else None,
        "exported_at": to_text(datetime.now(UTC)),
        "source": "this device",
        "punches": store.punch_records(employee),
    }


def with_server_part(
    export: dict[str, object], server: dict[str, Any] | None, unavailable: str | None = None
) -> dict[str, object]:
    """The export with the server's part (its JSON), or the reason it is missing, under "server"."""
    part = server if server is not None else {"unavailable": unavailable or "unknown"}
    return {**export, "server": part}


def export_csv(
    export: dict[str, object],
    server_rows: Sequence[dict[str, str]] = (),
    server_columns: Sequence[str] = (),
) -> str:
    """Local punches, then the server's events (`server_rows` in `server_columns`), under one header."""
    local = export["punches"]
    assert isinstance(local, list)
    remote = [{**row, "source": SERVER_SOURCE, "punch_source": row.get("source", "")} for row in server_rows]
    fields: list[str] = list(local[0]) if local else []
    if remote:
        fields += [c for c in (*server_columns, "punch_source") if c not in fields]
    out = io.StringIO()
    if fields:
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(local)
        writer.writerows(remote)
    return out.getvalue()


def punches_csv(export: dict[str, object]) -> str:
    """This device's punches only (the export's "punches")."""
    return export_csv(export)
