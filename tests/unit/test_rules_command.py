"""`stempel rules check`: findings from a file of punches, exit codes, and refusals of bad input."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

import pytest

from app.rules_args import register
from app.rules_command import EXIT_FINDINGS, MAX_INPUT_BYTES, RulesInputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rules"
WEEK = FIXTURES / "week_with_findings.json"
CLEAN = FIXTURES / "clean_week.json"


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="stempel")
    register(root.add_subparsers(dest="command"))
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    args = parser().parse_args(["rules", "check", *argv])
    code = args.func(args)
    assert isinstance(code, int)
    return code, capsys.readouterr().out


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    code, out = run(capsys, *argv, "--json")
    assert out.count("\n") == 1  # exactly one JSON object, on one line
    document = json.loads(out)
    assert list(document) == ["findings"]
    return code, document["findings"]


def write(tmp_path: Path, document: object, name: str = "punches.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def minimal(*rows: dict[str, object], timezone: str = "Europe/Oslo") -> dict[str, object]:
    return {"timezone": timezone, "punches": list(rows)}


def punch(kind: str, at: str, employee: str = "1001") -> dict[str, object]:
    return {"employee": employee, "kind": kind, "at": at}


# -- findings -----------------------------------------------------------------------------


def test_the_fixture_gives_its_known_findings_and_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    code, found = run_json(capsys, str(WEEK))
    assert code == EXIT_FINDINGS == 3
    assert {(f["rule"], f["employee"], f["value"], f["limit"]) for f in found} == {
        ("aml-10-11-night", "1001", 2.0, 0.0),
        ("aml-10-9-break", "1001", 0.0, 0.5),
        ("aml-10-4-day", "1001", 14.5, 9.0),
        ("aml-10-6-total-day", "1001", 14.5, 13.0),
        ("aml-10-8-daily-rest", "1001", 9.5, 11.0),
        ("aml-10-11-night", "1002", 8.5, 0.0),
        ("aml-10-10-sunday", "1002", 8.5, 0.0),
    }
    [rest] = [f for f in found if f["rule"] == "aml-10-8-daily-rest"]
    assert rest == {
        "rule": "aml-10-8-daily-rest",
        "section": "§ 10-8 (1)",
        "severity": "breach",
        "employee": "1001",
        "start": "2026-10-20T06:00:00Z",
        "end": "2026-10-21T10:00:00Z",
        "value": 9.5,
        "limit": 11.0,
        "measure": "longest rest within 24 hours",
    }


def test_the_table_has_one_line_per_finding_in_local_time(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, str(WEEK))
    assert code == 3
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["EMPLOYEE", "RULE", "SEVERITY"]
    assert lines[-1] == "7 findings: 4 breaches, 3 for information"
    [rest] = [line for line in lines if "aml-10-8-daily-rest" in line]
    assert "2026-10-20 08:00 CEST  2026-10-21 12:00 CEST  9 h 30 min   11 h 0 min" in rest
    [sunday] = [line for line in lines if "aml-10-10-sunday" in line]
    assert "2026-10-24 18:00 CEST  2026-10-25 22:00 CET " in sunday


def test_no_findings_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(CLEAN)) == (0, "No findings.\n")
    assert run_json(capsys, str(CLEAN)) == (0, [])


def test_the_export_format_is_read_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def row(serial: int, kind: str, at_utc: str) -> dict[str, object]:
        return {
            "id": f"0192f7a0-0000-7000-8000-00000000000{serial}",
            "employee": "1004",
            "kind": kind,
            "at_utc": at_utc,
            "zone": "Europe/Oslo",
            "device_clock_utc": at_utc,
            "clock_offset_ms": None,
            "source": "desktop",
            "note": "",
            "server_seq": serial,
        }

    export = {
        "employee": "1004",
        "display_name": "Kari Nordmann",
        "exported_at": "2026-11-03T12:00:00.000000Z",
        "source": "this device",
        "punches": [
            row(1, "in", "2026-11-02T06:00:00.000000Z"),
            row(2, "break-start", "2026-11-02T11:00:00.000000Z"),
            row(3, "break-end", "2026-11-02T11:30:00.000000Z"),
            row(4, "out", "2026-11-02T16:30:00.000000Z"),
        ],
    }
    code, found = run_json(capsys, str(write(tmp_path, export)))
    assert code == 3
    assert [(f["rule"], f["employee"], f["value"]) for f in found] == [("aml-10-4-day", "1004", 10.0)]


def test_now_decides_how_long_an_open_shift_has_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, minimal(punch("in", "2026-11-02T07:00:00+01:00")))
    assert run_json(capsys, str(path)) == (0, [])  # by default the file ends at its last punch
    code, found = run_json(capsys, str(path), "--now", "2026-11-02T16:30:00+01:00")
    assert code == 3
    assert [(f["rule"], f["value"]) for f in found] == [("aml-10-4-day", 9.5)]


def test_a_policy_file_sets_agreements_and_exemptions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = write(tmp_path, {"total_day_16h": True, "employees": {"1002": {"exempt": True}}}, "policy.json")
    code, found = run_json(capsys, str(WEEK), "--policy", str(policy))
    assert code == 3
    assert {f["employee"] for f in found} == {"1001"}
    assert "aml-10-6-total-day" not in {f["rule"] for f in found}  # 14.5 h is within 16 h


def test_the_zone_option_sets_the_tenants_zone(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, str(WEEK), "--zone", "UTC")
    [rest] = [line for line in out.splitlines() if "aml-10-8-daily-rest" in line]
    assert "2026-10-20 06:00 UTC" in rest


# -- refusals -----------------------------------------------------------------------------

BAD_FILES: list[tuple[str, bytes, str]] = [
    ("malformed JSON", b'{"punches": [', "not valid JSON"),
    ("not an object", b"[]", "expected a JSON object"),
    ("no punches", b"{}", "punches: Field required"),
    (
        "wrong kind",
        json.dumps(minimal(punch("clock-in", "2026-10-24T22:00:00+02:00"))).encode(),
        "punches.0.kind",
    ),
    ("naive time", json.dumps(minimal(punch("in", "2026-10-24T22:00:00"))).encode(), "timezone info"),
    (
        "number time",
        json.dumps(minimal({"employee": "1001", "kind": "in", "at": 1.7e9})).encode(),
        "ISO 8601",
    ),
    ("far past", json.dumps(minimal(punch("in", "0001-01-01T00:00:00+05:00"))).encode(), "between the years"),
    (
        "number employee",
        json.dumps(minimal({"employee": 1001, "kind": "in", "at": "2026-10-24T22:00Z"})).encode(),
        "string",
    ),
    (
        "control character",
        json.dumps(minimal(punch("in", "2026-10-24T22:00Z", "10\u000001"))).encode(),
        "employee",
    ),
    ("NUL byte", b'{"punches": []}\x00', "NUL bytes"),
    ("not UTF-8", b'{"punches": [], "timezone": "\xff"}', "not UTF-8"),
    ("NaN", b'{"punches": NaN}', "not valid JSON"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ("unknown zone", json.dumps(minimal(timezone="Europe/Atlantis")).encode(), "unknown time zone"),
    ("zone path", json.dumps(minimal(timezone="../../etc/passwd")).encode(), "unknown time zone"),
]


@pytest.mark.parametrize(
    ("content", "message"), [(c, m) for _, c, m in BAD_FILES], ids=[n for n, _, _ in BAD_FILES]
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "punches.json"
    path.write_bytes(content)
    with pytest.raises(RulesInputError, match=message) as caught:
        run(capsys, str(path))
    assert "\n" not in str(caught.value)
    assert len(str(caught.value)) <= 300


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_INPUT_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(RulesInputError, match="more than the 209,715,200"):
        run(capsys, str(path))


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RulesInputError, match="no such file"):
        run(capsys, str(tmp_path / "absent.json"))
    with pytest.raises(RulesInputError, match="is a folder"):
        run(capsys, str(tmp_path))


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ({"overtime": 5}, "overtime: Extra inputs are not permitted"),
        ({"daily_rest_hours": 6}, "daily_rest_hours: Input should be greater than or equal to 8"),
        ({"averaging": {"kind": "individual", "start": "2026-01-05", "weeks": 60}}, "averaging.weeks"),
        ({"employees": {"1001": {"agreed_day_hours": -1}}}, "employees.1001.agreed_day_hours"),
        ({"year_starts": "02-29"}, "year_starts"),
    ],
)
def test_a_bad_policy_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], policy: dict[str, object], message: str
) -> None:
    path = write(tmp_path, policy, "policy.json")
    with pytest.raises(RulesInputError, match=message) as caught:
        run(capsys, str(WEEK), "--policy", str(path))
    assert "\n" not in str(caught.value)


def test_an_unknown_zone_option_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RulesInputError, match="--zone: unknown time zone 'Nowhere/City'"):
        run(capsys, str(WEEK), "--zone", "Nowhere/City")


@pytest.mark.parametrize(
    "argv",
    [
        ["rules"],
        ["rules", "check"],
        ["rules", "check", "f.json", "--now", "2026-11-02T08:00"],
        ["rules", "list"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        parser().parse_args(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_the_file_is_never_written(capsys: pytest.CaptureFixture[str]) -> None:
    before = (WEEK.read_bytes(), os.stat(WEEK).st_mtime_ns)
    run(capsys, str(WEEK), "--json")
    assert (WEEK.read_bytes(), os.stat(WEEK).st_mtime_ns) == before
