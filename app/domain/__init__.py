"""The pure rules of Stempel: punches become shifts, shifts become timesheets.

Nothing here does I/O, imports Qt or reads the clock: the current time comes in
as a `now` parameter, so every rule is a plain function that tests can pin to
any instant. Datetimes must be timezone-aware (naive ones raise ValueError) and
are normalised to UTC, so every duration is elapsed time, correct across DST;
days and weeks are cut in a local zone, Europe/Oslo unless told otherwise.
Import from this package, not from its modules.
"""

from .local_time import AmbiguousLocalTime, NonexistentLocalTime, resolve_local_time, wall_instant
from .punches import (
    ClockState,
    Punch,
    PunchKind,
    TransitionError,
    allowed_kinds,
    next_state,
    replay_step,
    sort_punches,
    state_after,
    state_after_kind,
)
from .rest_check import DAILY_REST, rest_note, short_rest
from .shifts import Break, Shift, pair_shifts
from .sunday_periods import easter_sunday, is_day_off, is_short_eve, sunday_periods
from .timesheet import (
    DEFAULT_ZONE,
    WeekSummary,
    day_bounds,
    format_duration,
    iso_week_days,
    parse_iso_week,
    today_worked,
    week_summary,
    worked_per_day,
)
from .worktime import RULES, Rule, check_rules
from .worktime_findings import RULE_IDS, Finding, RuleInfo, Severity, rule_info
from .worktime_policy import (
    AveragingAgreement,
    AveragingKind,
    EmployeeTerms,
    WeekPattern,
    WorkTimeLimits,
    WorkTimePolicy,
)

__all__ = [
    "DAILY_REST",
    "DEFAULT_ZONE",
    "RULES",
    "RULE_IDS",
    "AmbiguousLocalTime",
    "AveragingAgreement",
    "AveragingKind",
    "Break",
    "ClockState",
    "EmployeeTerms",
    "Finding",
    "NonexistentLocalTime",
    "Punch",
    "PunchKind",
    "Rule",
    "RuleInfo",
    "Severity",
    "Shift",
    "TransitionError",
    "WeekPattern",
    "WeekSummary",
    "WorkTimeLimits",
    "WorkTimePolicy",
    "allowed_kinds",
    "check_rules",
    "day_bounds",
    "easter_sunday",
    "format_duration",
    "is_day_off",
    "is_short_eve",
    "iso_week_days",
    "next_state",
    "pair_shifts",
    "parse_iso_week",
    "replay_step",
    "resolve_local_time",
    "rest_note",
    "rule_info",
    "short_rest",
    "sort_punches",
    "state_after",
    "state_after_kind",
    "sunday_periods",
    "today_worked",
    "wall_instant",
    "week_summary",
    "worked_per_day",
]
