"""A person's data as stored on this device, for a GDPR access request (art. 15)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from app.store.store import Store
from app.store.times import to_text


def personal_export(store: Store, employee: str) -> dict[str, object]:
    person = store.employee(employee)
    return {
        "employee": employee,
        "display_name": person.display_name if person else None,
        "exported_at": to_text(datetime.now(UTC)),
        "source": "this device",
        "punches": store.punch_records(employee),
    }


def punches_csv(export: dict[str, object]) -> str:
    rows = export["punches"]
    assert isinstance(rows, list)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()
