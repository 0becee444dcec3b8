"""A tenant's work-time limits: the statutory defaults of arbeidsmiljøloven
chapter 10, the agreements that move them, and per-employee terms.

Everything is a frozen value. `WorkTimeLimits()` is the Act's default; the
`with_*` methods and `statutory(pattern)` are the named presets a tenant picks
from (tariff agreement, § 10-5 averaging, shorter rest by agreement), each
returning a new value. Floors the Act never lets an agreement go below (8 h
daily and 28 h weekly rest) are enforced here, so a policy cannot hide a breach
by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, time, timedelta
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "AveragingAgreement",
    "AveragingKind",
    "EmployeeTerms",
    "WeekPattern",
    "WorkTimeLimits",
    "WorkTimePolicy",
]


def _hours(value: float) -> timedelta:
    return timedelta(hours=value)


class WeekPattern(StrEnum):
    """Which weekly limit of § 10-4 applies to the tenant's work."""

    STANDARD = "standard"  # § 10-4 (1): 40 h per 7 days
    SHIFT_38 = "shift-38"  # § 10-4 (4): round-the-clock shifts, rota, every third Sunday, mainly night: 38 h
    CONTINUOUS_36 = "continuous-36"  # § 10-4 (5): fully continuous shifts, underground work: 36 h

    @property
    def normal_week(self) -> timedelta:
        return _hours({"standard": 40, "shift-38": 38, "continuous-36": 36}[self.value])


class AveragingKind(StrEnum):
    INDIVIDUAL = "individual"  # § 10-5 (1): written agreement with the employee
    TARIFF = "tariff"  # § 10-5 (2): with the union representatives under a tariff agreement


@dataclass(frozen=True, slots=True)
class AveragingAgreement:
    """An agreement under § 10-5 to average normal working time.

    Normal time may then reach `day_cap` per 24 h and `week_cap` in a single
    week, 48 h per 7 days on average over 8 weeks, as long as the average over
    each averaging period stays within the § 10-4 weekly limit. Periods run
    back to back, `weeks` long (at most 52), from the tenant week holding `start`.
    """

    kind: AveragingKind
    start: date
    weeks: int = 52

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", AveragingKind(self.kind))
        if not 1 <= self.weeks <= 52:
            raise ValueError(f"an averaging period is 1 to 52 weeks (§ 10-5), got {self.weeks}")

    @property
    def day_cap(self) -> timedelta:
        return _hours(10 if self.kind is AveragingKind.INDIVIDUAL else 12.5)

    @property
    def week_cap(self) -> timedelta:
        """The most normal time in any single week: never 50 h (54 h by tariff agreement)."""
        return _hours(50 if self.kind is AveragingKind.INDIVIDUAL else 54)

    @property
    def week_average_cap(self) -> timedelta:
        return _hours(48)


# Limits that are ceilings (a finding when exceeded), as opposed to the rest and
# break minimums; `WorkTimeLimits.scaled` multiplies only these.
_CEILINGS = (
    "normal_day",
    "normal_week",
    "overtime_week",
    "overtime_4weeks",
    "overtime_year",
    "total_day",
    "total_week_average",
    "break_after",
    "long_day",
    "night_hours_regular",
    "night_average_day",
)


@dataclass(frozen=True, slots=True)
class WorkTimeLimits:
    """The numbers the rules compare with; the defaults are the Act's."""

    normal_day: timedelta = timedelta(hours=9)  # § 10-4 (1)
    normal_week: timedelta = timedelta(hours=40)  # § 10-4 (1); 38 h or 36 h under (4) and (5)
    averaging: AveragingAgreement | None = None  # § 10-5
    overtime_week: timedelta = timedelta(hours=10)  # § 10-6 (4); 20 h by tariff agreement, (5)
    overtime_4weeks: timedelta = timedelta(hours=25)  # § 10-6 (4); 50 h
    overtime_year: timedelta = timedelta(hours=200)  # § 10-6 (4); 300 h
    total_day: timedelta = timedelta(hours=13)  # § 10-6 (8); 16 h by agreement, (9)
    total_week_average: timedelta = timedelta(hours=48)  # § 10-6 (8), averaged over 8 weeks
    daily_rest: timedelta = timedelta(hours=11)  # § 10-8 (1); at least 8 h by agreement, (3)
    weekly_rest: timedelta = timedelta(hours=35)  # § 10-8 (2); at least 28 h by agreement, (3)
    break_after: timedelta = timedelta(hours=5.5)  # § 10-9 (1)
    long_day: timedelta = timedelta(hours=8)  # § 10-9 (1)
    long_day_breaks: timedelta = timedelta(minutes=30)  # § 10-9 (1)
    # A gap between shifts shorter than this is a pause in the working day (§ 10-9); a longer one is
    # free time. Two hours follows Arbeidstilsynet's guidance that shorter periods are not free time.
    longest_pause: timedelta = timedelta(hours=2)
    night_start: time = time(21)  # § 10-11 (1)
    night_end: time = time(6)
    night_hours_regular: timedelta = timedelta(hours=3)  # § 10-11 (6): "more than three hours at night"
    night_regular_periods: int = 4  # working periods with such nights in 4 weeks that make it "regular"
    night_average_day: timedelta = timedelta(hours=8)  # § 10-11 (6), averaged over 4 weeks

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, timedelta) and value <= timedelta():
                raise ValueError(f"{item.name} must be positive, got {value}")
        if self.daily_rest < _hours(8) or self.daily_rest >= _hours(24):
            raise ValueError(
                f"daily_rest must be at least 8 h and under 24 h (§ 10-8), got {self.daily_rest}"
            )
        if self.weekly_rest < _hours(28) or self.weekly_rest >= timedelta(days=7):
            raise ValueError(
                f"weekly_rest must be at least 28 h and under 7 days (§ 10-8), got {self.weekly_rest}"
            )
        if self.night_regular_periods < 1:
            raise ValueError(f"night_regular_periods must be at least 1, got {self.night_regular_periods}")
        if self.night_start == self.night_end:
            raise ValueError("the night must not start and end at the same time")

    @classmethod
    def statutory(cls, pattern: WeekPattern = WeekPattern.STANDARD) -> WorkTimeLimits:
        """The Act's limits for a work pattern of § 10-4 (40, 38 or 36 h a week)."""
        return cls(normal_week=WeekPattern(pattern).normal_week)

    def with_tariff_overtime(self) -> WorkTimeLimits:
        """§ 10-6 (5): overtime up to 20 h per 7 days, 50 h per 4 weeks, 300 h per 52 weeks."""
        return replace(self, overtime_week=_hours(20), overtime_4weeks=_hours(50), overtime_year=_hours(300))

    def with_total_day_agreement(self) -> WorkTimeLimits:
        """§ 10-6 (9): total working time up to 16 h per 24 h."""
        return replace(self, total_day=_hours(16))

    def with_rest_agreement(
        self, daily: timedelta = timedelta(hours=8), weekly: timedelta = timedelta(hours=28)
    ) -> WorkTimeLimits:
        """§ 10-8 (3): shorter rest by agreement, never under 8 h and 28 h."""
        return replace(self, daily_rest=daily, weekly_rest=weekly)

    def with_averaging(self, agreement: AveragingAgreement) -> WorkTimeLimits:
        """§ 10-5: averaged normal working time under `agreement`."""
        return replace(self, averaging=agreement)

    def scaled(self, factor: float) -> WorkTimeLimits:
        """Every ceiling multiplied by `factor` (rest and break minimums unchanged)."""
        changes: dict[str, object] = {name: getattr(self, name) * factor for name in _CEILINGS}
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def day_limit(self) -> timedelta:
        """The most normal time per 24 h: § 10-4, or the § 10-5 cap under averaging."""
        return self.normal_day if self.averaging is None else self.averaging.day_cap


@dataclass(frozen=True, slots=True)
class EmployeeTerms:
    """One employee's terms.

    `agreed_day`/`agreed_week` are the agreed normal hours; work beyond them is
    overtime. None means the § 10-4 limits (or, under an averaging agreement,
    its day and single-week caps). `exempt` marks a leading or particularly
    independent position (§ 10-12 (1) and (2)): chapter 10's limits do not
    apply, so no rule reports on the employee.
    """

    agreed_day: timedelta | None = None
    agreed_week: timedelta | None = None
    exempt: bool = False

    def __post_init__(self) -> None:
        for name in ("agreed_day", "agreed_week"):
            value = getattr(self, name)
            if value is not None and value <= timedelta():
                raise ValueError(f"{name} must be positive, got {value}")


@dataclass(frozen=True, slots=True)
class WorkTimePolicy:
    """What a tenant set: limits, employees' terms, where weeks and years start.

    Weeks are the tenant's 7-day periods, starting at local midnight on
    `week_starts_on` (0 Monday .. 6 Sunday). The overtime year of § 10-6 is a
    fixed year starting on `year_starts` (month, day), the calendar year by
    default; a week belongs to the year holding its fourth day, which for the
    calendar year is the ISO week-year.
    """

    limits: WorkTimeLimits = field(default_factory=WorkTimeLimits)
    employees: Mapping[str, EmployeeTerms] = field(default_factory=dict)
    week_starts_on: int = 0
    year_starts: tuple[int, int] = (1, 1)

    def __post_init__(self) -> None:
        object.__setattr__(self, "employees", MappingProxyType(dict(self.employees)))
        if not 0 <= self.week_starts_on <= 6:
            raise ValueError(f"week_starts_on is 0 (Monday) to 6 (Sunday), got {self.week_starts_on}")
        month, day = self.year_starts
        try:
            date(2001, month, day)  # not a leap year: 29 February cannot start every year
        except ValueError:
            raise ValueError(
                f"year_starts must be a (month, day) every year has, got {self.year_starts}"
            ) from None

    def terms_for(self, employee: str) -> EmployeeTerms:
        return self.employees.get(employee, _DEFAULT_TERMS)

    def agreed_hours(self, employee: str) -> tuple[timedelta, timedelta]:
        """(per working day, per week) beyond which work is overtime."""
        terms = self.terms_for(employee)
        averaging = self.limits.averaging
        day = self.limits.normal_day if averaging is None else averaging.day_cap
        week = self.limits.normal_week if averaging is None else averaging.week_cap
        return (terms.agreed_day or day, terms.agreed_week or week)


_DEFAULT_TERMS = EmployeeTerms()
