"""The client's export: this device's punches, then the server's events, in one CSV or JSON."""

from __future__ import annotations

import csv
import io

from app.store.export import export_csv, with_server_part

LOCAL: dict[str, object] = {
    "employee": "1001",
    "punches": [{"id": "p1", "employee": "1001", "kind": "in", "source": "desktop", "note": ""}],
}
SERVER_ROW = {"seq": "7", "id": "e7", "type": "punch", "kind": "in", "source": "kiosk", "note": "tidlig"}


def test_server_rows_follow_the_local_ones_marked_as_the_servers() -> None:
    text = export_csv(LOCAL, [SERVER_ROW], ["seq", "id", "type", "kind", "source", "note"])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["id"], r["source"]) for r in rows] == [("p1", "desktop"), ("e7", "server")]
    assert rows[1]["punch_source"] == "kiosk"
    assert rows[1]["seq"] == "7"
    assert rows[0]["seq"] == ""


def test_without_the_server_the_csv_is_the_local_one() -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(LOCAL))))
    assert list(rows[0]) == ["id", "employee", "kind", "source", "note"]


def test_a_missing_server_part_says_why() -> None:
    export = with_server_part(LOCAL, None, "the server could not be asked: timeout")
    assert export["server"] == {"unavailable": "the server could not be asked: timeout"}
    assert with_server_part(LOCAL, {"tenant": "acme"})["server"] == {"tenant": "acme"}
