"""What a work-time rule reports: a finding, and the list of rules by id.

A finding says which rule, about whom, over which period (UTC instants), what
was measured and the limit it was compared with. Both are durations: hours
worked, rest, breaks or overtime, or an average per 24 hours or per 7 days as
`measure` says. Rule ids are stable: reports and tests may key on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from ._instants import utc_instant

__all__ = ["RULE_IDS", "Finding", "RuleInfo", "Severity", "rule_info"]


class Severity(StrEnum):
    BREACH = "breach"  # a limit of the Act (or the tenant's agreement) was exceeded
    INFO = "info"  # for the manager to know: night and Sunday work need a reason


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    section: str
    severity: Severity
    title: str


_RULES = (
    RuleInfo("aml-10-4-day", "§ 10-4 (1)", Severity.BREACH, "normal working time per 24 hours"),
    RuleInfo("aml-10-4-week", "§ 10-4", Severity.BREACH, "normal working time per 7 days"),
    RuleInfo("aml-10-6-overtime-week", "§ 10-6 (4)", Severity.BREACH, "overtime per 7 days"),
    RuleInfo("aml-10-6-overtime-4weeks", "§ 10-6 (4)", Severity.BREACH, "overtime per 4 consecutive weeks"),
    RuleInfo("aml-10-6-overtime-year", "§ 10-6 (4)", Severity.BREACH, "overtime per 52 weeks"),
    RuleInfo("aml-10-6-total-day", "§ 10-6 (8)", Severity.BREACH, "total working time per 24 hours"),
    RuleInfo("aml-10-6-total-8weeks", "§ 10-6 (8)", Severity.BREACH, "total working time, 8-week average"),
    RuleInfo("aml-10-8-daily-rest", "§ 10-8 (1)", Severity.BREACH, "daily rest"),
    RuleInfo("aml-10-8-weekly-rest", "§ 10-8 (2)", Severity.BREACH, "weekly rest"),
    RuleInfo("aml-10-9-break", "§ 10-9 (1)", Severity.BREACH, "breaks"),
    RuleInfo("aml-10-10-sunday", "§ 10-10 (1)", Severity.INFO, "Sunday and public holiday work"),
    RuleInfo("aml-10-11-night", "§ 10-11", Severity.INFO, "night work"),
)
_BY_ID = {rule.id: rule for rule in _RULES}
RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in _RULES)


def rule_info(rule_id: str) -> RuleInfo:
    """The section, severity and title of a rule; KeyError for an unknown id."""
    return _BY_ID[rule_id]


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's finding about one employee over [start, end).

    `value` is what was measured and `limit` what it was held against: for the
    rest and break rules the value fell short of a minimum, for the others it
    exceeded a maximum (a limit of zero for night and Sunday work, reported as
    information). `measure` names the quantity in a few words.
    """

    rule: str
    section: str
    severity: Severity
    employee: str
    start: datetime
    end: datetime
    value: timedelta
    limit: timedelta
    measure: str

    def __post_init__(self) -> None:
        start = utc_instant(self.start, "Finding.start")
        end = utc_instant(self.end, "Finding.end")
        if end < start:
            raise ValueError(f"Finding ends before it starts: {start} > {end}")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "severity", Severity(self.severity))

    def sort_key(self) -> tuple[str, datetime, datetime, str, str]:
        return (self.employee, self.start, self.end, self.rule, self.measure)
