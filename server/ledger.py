"""The tenant ledger: append-only events, each carrying the hash of the one before.

`verify` re-walks the chain, so a row edited outside the server (say with the
sqlite3 command line) is found by its sequence number. Rows deleted by
retention (`server.retention`) leave an anchor in `ledger_anchors` per run of
deleted sequence numbers; the walk steps over a gap only where an anchor says
which hash went in and which came out, so a row deleted any other way is found
too.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from server.schema import ledger, ledger_anchors
from sync.protocol import canonical_json

GENESIS = "0" * 64


def _row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    fields = {k: row[k] for k in ("seq", "id", "type", "employee", "device_id", "payload", "recorded_at")}
    return hashlib.sha256(prev_hash.encode() + canonical_json(fields)).hexdigest()


def now_text() -> str:
    """The ledger's `recorded_at`: the server's clock, ISO 8601 in UTC."""
    return datetime.now(UTC).isoformat()


def last_link(conn: Connection) -> tuple[int, str]:
    """The sequence number and hash the next event chains onto."""
    last = conn.execute(select(ledger.c.seq, ledger.c.hash).order_by(ledger.c.seq.desc()).limit(1)).first()
    gap = conn.execute(
        select(ledger_anchors.c.last_seq, ledger_anchors.c.exit_hash)
        .order_by(ledger_anchors.c.last_seq.desc())
        .limit(1)
    ).first()
    if gap is not None and (last is None or gap.last_seq > last.seq):
        return int(gap.last_seq), str(gap.exit_hash)  # retention deleted the newest rows too
    return (last.seq, last.hash) if last else (0, GENESIS)


def chained_row(
    link: tuple[int, str],
    *,
    id: str,
    type: str,
    employee: str | None,
    device_id: str | None,
    payload: dict[str, Any],
    recorded_at: str,
) -> dict[str, Any]:
    """The ledger row that follows `link`; its own (seq, hash) is the next link."""
    seq, prev = link[0] + 1, link[1]
    row = {
        "seq": seq,
        "id": id,
        "type": type,
        "employee": employee,
        "device_id": device_id,
        "payload": canonical_json(payload).decode(),
        "recorded_at": recorded_at,
    }
    return {**row, "prev_hash": prev, "hash": _row_hash(prev, row)}


def append(
    conn: Connection,
    *,
    id: str,
    type: str,
    employee: str | None,
    device_id: str | None,
    payload: dict[str, Any],
    recorded_at: str,
) -> int:
    """Append one event in the caller's transaction; returns its sequence number."""
    row = chained_row(
        last_link(conn),
        id=id,
        type=type,
        employee=employee,
        device_id=device_id,
        payload=payload,
        recorded_at=recorded_at,
    )
    conn.execute(insert(ledger).values(**row))
    return int(row["seq"])


def first_broken(conn: Connection) -> int | None:
    """The first sequence number whose row, link or gap does not match, or None if all hold."""
    gaps = {row.first_seq: row for row in conn.execute(select(ledger_anchors))}
    prev = GENESIS
    expected_seq = 1

    def step_over_gap() -> bool:
        nonlocal prev, expected_seq
        gap = gaps.pop(expected_seq, None)
        if gap is None:
            return False
        if gap.entry_hash != prev or gap.last_seq < gap.first_seq:
            return False
        prev, expected_seq = gap.exit_hash, gap.last_seq + 1
        return True

    for row in conn.execute(select(ledger).order_by(ledger.c.seq)).mappings():
        data = dict(row)
        if data["seq"] != expected_seq and not (step_over_gap() and data["seq"] == expected_seq):
            return min(int(data["seq"]), expected_seq)
        if data["prev_hash"] != prev or data["hash"] != _row_hash(prev, data):
            return int(data["seq"])
        try:
            json.loads(data["payload"])
        except ValueError:
            return int(data["seq"])
        prev = data["hash"]
        expected_seq += 1
    if expected_seq in gaps and not step_over_gap():
        return expected_seq
    if gaps:  # an anchor for rows that were never deleted as it says
        return int(min(gaps))
    return None
