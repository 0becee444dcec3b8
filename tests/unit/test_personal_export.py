"""Writing one person's export to a file: whole or not at all, step by step, cancellable between steps."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain import PunchKind
from app.personal_export import ExportCancelled, ExportStep, write_export
from app.store import Store
from tests.keyring_fakes import MemoryKeyring

HOSTILE_NAME = "Ola'); DROP TABLE punches;-- \U0001f600 Nordmann"  # fictitious


@pytest.fixture
def opener(tmp_path: Path) -> Callable[[], Store]:
    backend = MemoryKeyring()
    folder = tmp_path / "profile"
    with Store.open(folder, backend=backend) as store:
        store.upsert_employee("1001", HOSTILE_NAME)
        store.punch("1001", PunchKind.IN)
        store.punch("1001", PunchKind.OUT)
    return lambda: Store.open(folder, backend=backend, create=False)


def test_a_json_export_holds_the_punches_and_says_why_the_server_part_is_missing(
    opener: Callable[[], Store], tmp_path: Path
) -> None:
    steps: list[ExportStep] = []
    target = tmp_path / "out" / "mine.json"
    target.parent.mkdir()
    done = write_export(opener, "1001", "json", target, step=steps.append)
    assert steps == [ExportStep.DEVICE, ExportStep.SERVER, ExportStep.WRITE]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["display_name"] == HOSTILE_NAME
    assert [p["kind"] for p in data["punches"]] == ["in", "out"]
    assert data["server"] == {"unavailable": "this device is not enrolled with a server"}
    assert done.server_missing == "this device is not enrolled with a server"
    assert [p.name for p in target.parent.iterdir()] == ["mine.json"]  # no temporary file left


def test_a_csv_export_is_one_row_per_punch(opener: Callable[[], Store], tmp_path: Path) -> None:
    target = tmp_path / "mine.csv"
    write_export(opener, "1001", "csv", target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r["employee"], r["kind"]) for r in rows] == [("1001", "in"), ("1001", "out")]


@pytest.mark.parametrize("at", list(ExportStep))
def test_a_cancel_before_any_step_writes_nothing(
    opener: Callable[[], Store], tmp_path: Path, at: ExportStep
) -> None:
    seen: list[ExportStep] = []
    target = tmp_path / "mine.json"
    with pytest.raises(ExportCancelled):
        write_export(
            opener,
            "1001",
            "json",
            target,
            step=seen.append,
            cancelled=lambda: len(seen) >= at.value - 1,
        )
    assert seen == list(ExportStep)[: at.value - 1]
    assert list(tmp_path.glob("mine*")) == []


def test_an_unwritable_folder_fails_and_leaves_an_existing_file_as_it_was(
    opener: Callable[[], Store], tmp_path: Path
) -> None:
    missing = tmp_path / "no such folder" / "mine.json"
    with pytest.raises(FileNotFoundError):
        write_export(opener, "1001", "json", missing)
    kept = tmp_path / "mine.json"
    kept.write_text("the last export", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        write_export(opener, "1001", "json", kept, cancelled=iter([False, False, False, True]).__next__)
    assert kept.read_text(encoding="utf-8") == "the last export"
