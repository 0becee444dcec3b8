"""`stempel rules check FILE.json`: the work-time law rules over exported punches.

    stempel rules check FILE.json [--json] [--policy POLICY.json] [--zone ZONE] [--now INSTANT]

FILE.json is either what `stempel export --format json` writes (its
"punches" rows with "id", "employee", "kind" and "at_utc"), or the minimal form

    {"timezone": "Europe/Oslo",
     "punches": [{"employee": "1001", "kind": "in", "at": "2026-10-24T22:00:00+02:00"}, ...]}

with kinds in, out, break-start and break-end and timestamps that carry their
UTC offset. The rules run in the tenant's zone: --zone, else the file's
"timezone", else Europe/Oslo; public holidays are Norway's, from the `holidays`
package. An open shift counts up to --now, which defaults to the file's latest
punch (so a file checked later does not grow its open shifts). POLICY.json
sets the tenant's limits and employees' terms (see `_PolicyFile`); without it
the Act's statutory limits apply.

Output: one finding per line in local time, or with --json exactly one JSON
object, {"findings": [{"rule", "section", "severity", "employee", "start",
"end", "value", "limit", "measure"}, ...]}, where start and end are UTC
instants in ISO 8601 and value and limit are hours as decimal numbers
(rounded to 1/10,000 h).

Exit codes: 0 when there are no findings, 3 when there are (information
findings included), 2 for a usage error (argparse). Bad input (a missing,
huge or malformed file, NUL bytes, wrong kinds, naive timestamps, unknown
zones) raises RulesInputError with a one-line message and no traceback; the
`stempel` command prints it and exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, available_timezones

import holidays
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)

from app.domain import (
    AveragingAgreement,
    AveragingKind,
    EmployeeTerms,
    Finding,
    Punch,
    PunchKind,
    Severity,
    WeekPattern,
    WorkTimeLimits,
    WorkTimePolicy,
    check_rules,
    format_duration,
)
from app.failures import Failure

__all__ = [
    "EXIT_FINDINGS",
    "MAX_INPUT_BYTES",
    "RulesInputError",
    "cmd_rules_check",
    "findings_json",
    "findings_table",
    "load_policy",
    "load_punches",
    "norwegian_holidays",
]

MAX_INPUT_BYTES = 200 * 1024 * 1024
EXIT_FINDINGS = 3
DEFAULT_ZONE_NAME = "Europe/Oslo"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class RulesInputError(Failure):
    """Input the rules cannot read; its text is the one line to print."""


def _one_line(text: str, limit: int = 300) -> str:
    flat = "".join(c if c.isprintable() else "?" for c in " ".join(text.split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _text_only(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 text such as 2026-10-24T22:00:00+02:00")
    return value


def _plausible_year(value: datetime) -> datetime:
    if not 1900 <= value.year <= 2199:
        raise ValueError("must fall between the years 1900 and 2199")
    return value


Instant = Annotated[AwareDatetime, BeforeValidator(_text_only), AfterValidator(_plausible_year)]
Employee = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]+$")]
Hours = Annotated[float, Field(gt=0, le=168, allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class _MinimalPunch(_Model):
    employee: Employee
    kind: PunchKind
    at: Instant
    id: Annotated[str, Field(min_length=1, max_length=100)] | None = None


class _MinimalFile(_Model):
    timezone: Annotated[str, Field(max_length=100)] | None = None
    punches: list[_MinimalPunch]


class _ExportPunch(_Model):
    id: Annotated[str, Field(min_length=1, max_length=100)]
    employee: Employee
    kind: PunchKind
    at_utc: Instant


class _ExportFile(_Model):
    employee: Employee
    exported_at: Instant | None = None
    punches: list[_ExportPunch]


class _Averaging(_Model):
    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: AveragingKind
    start: date
    weeks: Annotated[int, Field(ge=1, le=52)] = 52


class _Terms(_Model):
    model_config = ConfigDict(frozen=True, extra="forbid")
    agreed_day_hours: Hours | None = None
    agreed_week_hours: Hours | None = None
    exempt: bool = False


class _PolicyFile(_Model):
    """A tenant's policy: every key optional, the Act's limits by default.

    pattern: "standard" (40 h), "shift-38" or "continuous-36" (§ 10-4 (4), (5));
    tariff_overtime: overtime limits 20/50/300 h (§ 10-6 (5)); total_day_16h:
    16 h per 24 h (§ 10-6 (9)); daily_rest_hours / weekly_rest_hours: shorter
    rest by agreement, at least 8 and 28 (§ 10-8 (3)); averaging: {"kind":
    "individual" or "tariff", "start": date, "weeks": 1-52} (§ 10-5);
    week_starts_on: a weekday name; year_starts: "MM-DD" for the overtime
    year; employees: {"1001": {"agreed_day_hours", "agreed_week_hours",
    "exempt"}} (exempt: § 10-12).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    pattern: WeekPattern = WeekPattern.STANDARD
    tariff_overtime: bool = False
    total_day_16h: bool = False
    daily_rest_hours: Annotated[float, Field(ge=8, lt=24, allow_inf_nan=False)] = 11
    weekly_rest_hours: Annotated[float, Field(ge=28, lt=168, allow_inf_nan=False)] = 35
    averaging: _Averaging | None = None
    week_starts_on: Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] = (
        "monday"
    )
    year_starts: Annotated[str, Field(pattern=r"^\d\d-\d\d$")] = "01-01"
    employees: dict[Employee, _Terms] = Field(default_factory=dict)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _read_json(path: Path, what: str) -> Any:
    """The parsed JSON of `path`, refusing huge files before reading them."""
    try:
        if path.is_dir():
            raise RulesInputError(f"{path}: is a folder, not a {what}")
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise RulesInputError(
                f"{path}: {size:,} bytes is more than the {MAX_INPUT_BYTES:,} a {what} may have"
            )
        with path.open("rb") as stream:
            raw = stream.read(MAX_INPUT_BYTES + 1)  # a pipe or device may say 0 bytes and never end
    except FileNotFoundError:
        raise RulesInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise RulesInputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise RulesInputError(f"{path}: more than the {MAX_INPUT_BYTES:,} bytes a {what} may have")
    if b"\x00" in raw:
        raise RulesInputError(f"{path}: contains NUL bytes; a {what} is JSON text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RulesInputError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise RulesInputError(
            f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise RulesInputError(_one_line(f"{path}: not valid JSON: {exc or 'nested too deeply'}")) from None


def _invalid(path: Path, exc: ValidationError) -> RulesInputError:
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "the top level"
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return RulesInputError(_one_line(f"{path}: {where}: {first['msg']}{more}"))


def _zone(name: str, source: str) -> ZoneInfo:
    if name not in available_timezones():
        raise RulesInputError(
            _one_line(f"{source}: unknown time zone {name!r}; use an IANA name such as Europe/Oslo")
        )
    return ZoneInfo(name)


def _is_export(data: object) -> bool:
    if not isinstance(data, dict):
        return False
    rows = data.get("punches")
    first_row = rows[0] if isinstance(rows, list) and rows else None
    return "exported_at" in data or (isinstance(first_row, dict) and "at_utc" in first_row)


def load_punches(path: Path) -> tuple[list[Punch], str | None]:
    """The punches of an export or minimal file, and the file's zone name if it names one."""
    data = _read_json(path, "punch file")
    if not isinstance(data, dict):
        raise RulesInputError(f'{path}: expected a JSON object with a "punches" list')
    try:
        if _is_export(data):
            export = _ExportFile.model_validate(data)
            rows = [Punch(row.id, row.employee, row.kind, row.at_utc) for row in export.punches]
            return rows, None
        minimal = _MinimalFile.model_validate(data)
    except ValidationError as exc:
        raise _invalid(path, exc) from None
    # Ids keep the file's order for punches at the same instant.
    punches = [
        Punch(row.id or f"{index:09d}", row.employee, row.kind, row.at)
        for index, row in enumerate(minimal.punches)
    ]
    return punches, minimal.timezone


def load_policy(path: Path) -> WorkTimePolicy:
    """A tenant policy file as a WorkTimePolicy (see `_PolicyFile` for its keys)."""
    try:
        spec = _PolicyFile.model_validate(_read_json(path, "policy file"))
        month, day = (int(part) for part in spec.year_starts.split("-"))
        limits = WorkTimeLimits.statutory(spec.pattern)
        if spec.tariff_overtime:
            limits = limits.with_tariff_overtime()
        if spec.total_day_16h:
            limits = limits.with_total_day_agreement()
        limits = limits.with_rest_agreement(
            timedelta(hours=spec.daily_rest_hours), timedelta(hours=spec.weekly_rest_hours)
        )
        if spec.averaging is not None:
            averaging = spec.averaging
            limits = limits.with_averaging(
                AveragingAgreement(averaging.kind, averaging.start, averaging.weeks)
            )
        employees = {
            number: EmployeeTerms(
                None if terms.agreed_day_hours is None else timedelta(hours=terms.agreed_day_hours),
                None if terms.agreed_week_hours is None else timedelta(hours=terms.agreed_week_hours),
                terms.exempt,
            )
            for number, terms in spec.employees.items()
        }
        return WorkTimePolicy(limits, employees, _WEEKDAYS.index(spec.week_starts_on), (month, day))
    except ValidationError as exc:
        raise _invalid(path, exc) from None
    except ValueError as exc:
        raise RulesInputError(_one_line(f"{path}: {exc}")) from None


def norwegian_holidays() -> holidays.HolidayBase:
    """Norway's public holidays, from the maintained `holidays` package (any year, loaded as needed)."""
    return holidays.country_holidays("NO")


def _hours(value: timedelta) -> float:
    return round(value / timedelta(hours=1), 4)


def _stamp(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


def findings_json(findings: Sequence[Finding]) -> dict[str, list[dict[str, object]]]:
    """The --json object: instants in ISO 8601 UTC, value and limit in decimal hours."""
    return {
        "findings": [
            {
                "rule": f.rule,
                "section": f.section,
                "severity": f.severity.value,
                "employee": f.employee,
                "start": _stamp(f.start),
                "end": _stamp(f.end),
                "value": _hours(f.value),
                "limit": _hours(f.limit),
                "measure": f.measure,
            }
            for f in findings
        ]
    }


def _local(instant: datetime, zone: ZoneInfo) -> str:
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def findings_table(findings: Sequence[Finding], zone: ZoneInfo) -> str:
    """One finding per line, times local to `zone`, then a count."""
    if not findings:
        return "No findings."
    header = ("EMPLOYEE", "RULE", "SEVERITY", "FROM", "TO", "VALUE", "LIMIT", "WHAT")
    rows = [
        (
            f.employee,
            f.rule,
            f.severity.value,
            _local(f.start, zone),
            _local(f.end, zone),
            format_duration(f.value),
            format_duration(f.limit),
            f"{f.measure} ({f.section})",
        )
        for f in findings
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = [
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
        for row in [header, *rows]
    ]
    breaches = sum(1 for f in findings if f.severity is Severity.BREACH)
    lines.append(f"{len(findings)} findings: {breaches} breaches, {len(findings) - breaches} for information")
    return "\n".join(lines)


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Run the rules over args.file; print the findings; 0 without findings, 3 with."""
    punches, file_zone = load_punches(Path(args.file))
    if args.zone:
        zone = _zone(args.zone, "--zone")
    else:
        zone = _zone(file_zone or DEFAULT_ZONE_NAME, f"{args.file}: timezone")
    policy = load_policy(Path(args.policy)) if args.policy else WorkTimePolicy()
    now: datetime = args.now or max((p.at for p in punches), default=datetime.now(UTC))
    findings = check_rules(punches, policy, zone, now, holidays=norwegian_holidays())
    if args.json:
        print(json.dumps(findings_json(findings), ensure_ascii=False))
    else:
        print(findings_table(findings, zone))
    sys.stdout.flush()
    return EXIT_FINDINGS if findings else 0
