"""A demo tenant: fictitious staff (Faker) and a few weeks of lived-in history, for `stempel --demo`.

Staff: an admin (`ADMIN`, 9000, who may also leave kiosk mode), a manager
(`MANAGER`, 1000) and `employees` people numbered from 1001 who all report to
the manager. They are added through `admin.add_user`, so each has directory
events in the ledger like any employee an admin adds. Every demo password is
`demo-<number>`, every kiosk PIN the number's last two digits twice (1001 ->
0101, 1000 -> 0000) and every badge id 9 and the number padded to nine digits
(1001 -> 9000001001): fixed, so the README can print them.

History: the workdays (Monday to Friday, Norwegian public holidays off) of the
`weeks` before `until`, in the tenant's zone: in, a lunch break, out, each person
with their own habits and some day-to-day variation, the odd sick day and one
week of holiday. A few anomalies for a manager to find are planted on purpose
(a forgotten clock-out, an over-long day, too short a rest between two days);
the demo employee (1001) and the manager have none, and nobody is left clocked
in at the end, so the demo opens on a quiet, clocked-out morning.

The punches are appended straight to the ledger in one transaction, shaped
exactly as `server.punches.push` records a pushed punch (the payload plus its
mutation id, a `mutations` row each), so a client that replays one gets
`duplicate`. Everything except the password hashes and the directory events'
ids and times follows from `seed`, `until` and `now`.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from faker import Faker
from sqlalchemy import func, insert, select

from server import admin, ledger
from server.schema import employees as employees_table
from server.schema import ledger as ledger_table
from server.schema import mutations
from server.tenants import TenantRegistry, write_transaction
from sync.protocol import PunchKindText, PunchMutation, PunchPayload, mutation_digest

# Norwegian bokmål names; Faker calls the locale no_NO rather than nb_NO (as app.demo does).
FAKER_LOCALE = "no_NO"
DEFAULT_SEED = 48
DEFAULT_EMPLOYEES = 25
DEFAULT_WEEKS = 4
MAX_EMPLOYEES = 99  # numbers 1001..1099 keep the PIN scheme unique
MANAGER = "1000"
ADMIN = "9000"  # the tenant admin: also the one who may leave kiosk mode
FIRST_EMPLOYEE = 1001
DEMO_EMPLOYEE = "1001"  # the one `stempel --demo` signs in: a steady record, no anomalies
SOURCE = "demo"
QUIET_WORKDAYS = 3  # no anomaly in the last workdays: the demo opens on a normal day


def demo_password(number: str) -> str:
    return f"demo-{number}"


def demo_pin(number: str) -> str:
    return number[-2:] * 2


def demo_badge(number: str) -> str:
    """A demo badge id, as a keyboard-wedge reader types it: ten digits."""
    return f"9{number:0>9}"


@dataclass(frozen=True)
class DemoSummary:
    manager: str
    employees: list[str]
    punches: int
    first_day: date | None
    last_day: date | None
    anomalies: list[str]


@dataclass(frozen=True)
class _Habit:
    start: int  # minutes after midnight
    work: int  # minutes worked a day, the break not counted
    weekdays: frozenset[int]  # 0 = Monday


_Day = list[tuple[PunchKindText, datetime]]  # (punch kind, local wall time)


def norwegian_holidays(year: int) -> set[date]:
    """Norway's public holidays in `year`, from the maintained `holidays` package (Sundays left out)."""
    return set(holidays.country_holidays("NO", years=year, include_sundays=False))


def workdays(until: date, weeks: int) -> list[date]:
    """Monday-to-Friday days that are not public holidays, in the `weeks` before `until`."""
    days = [until - timedelta(days=n) for n in range(weeks * 7, 0, -1)]
    days_off: set[date] = set()
    for year in {d.year for d in days}:
        days_off |= norwegian_holidays(year)
    return [d for d in days if d.weekday() < 5 and d not in days_off]


def _jitter(rng: random.Random, spread: float) -> int:
    return round(max(-3 * spread, min(3 * spread, rng.gauss(0, spread))))


def _at(day: date, minutes: int, rng: random.Random, zone: ZoneInfo) -> datetime:
    minutes = max(0, min(minutes, 24 * 60 - 1))
    return datetime.combine(day, time(minutes // 60, minutes % 60, rng.randrange(60)), tzinfo=zone)


def _workday(day: date, start: int, work: int, rng: random.Random, zone: ZoneInfo) -> _Day:
    """In, a lunch break about four hours in (none on a short day), out after `work` minutes worked."""
    start += _jitter(rng, 6)
    work += _jitter(rng, 12)
    punches: _Day = [("in", _at(day, start, rng, zone))]
    pause = 0
    if work > 330:  # more than 5.5 hours: a break is due (arbeidsmiljøloven § 10-9)
        pause = rng.randint(22, 38)
        lunch = start + 225 + rng.randint(0, 60)
        punches += [
            ("break-start", _at(day, lunch, rng, zone)),
            ("break-end", _at(day, lunch + pause, rng, zone)),
        ]
    return [*punches, ("out", _at(day, start + work + pause, rng, zone))]


def _habits(numbers: list[str], rng: random.Random) -> dict[str, _Habit]:
    week, four_days = frozenset(range(5)), frozenset(range(4))
    habits = {}
    for index, number in enumerate(numbers):
        start = rng.randrange(7 * 60, 9 * 60 + 1, 5)
        work, weekdays = 450, week  # 37.5 hours a week
        if number == MANAGER:
            start, work = 7 * 60 + 30, 480
        elif index % 9 == 4:
            weekdays = four_days
        elif index % 11 == 7:
            work = 300  # a short day, no break
        habits[number] = _Habit(start, work, weekdays)
    return habits


def plan_history(
    numbers: list[str], until: date, weeks: int, seed: int, zone: ZoneInfo
) -> tuple[dict[tuple[str, date], _Day], list[str]]:
    """Each person's punches per workday, and a line per planted anomaly."""
    rng = random.Random(seed)  # noqa: S311 - a repeatable demo, not a secret
    days = workdays(until, weeks)
    habits = _habits(numbers, rng)
    others = [n for n in numbers if n not in (MANAGER, DEMO_EMPLOYEE)]
    on_holiday = rng.choice(others) if others else None
    holiday_week = set(days[:5])
    plan: dict[tuple[str, date], _Day] = {}
    for number in numbers:
        habit = habits[number]
        for day in days:
            sick = rng.random() < 0.03 and number != DEMO_EMPLOYEE
            away = sick or (number == on_holiday and day in holiday_week)
            if day.weekday() in habit.weekdays and not away:
                plan[(number, day)] = _workday(day, habit.start, habit.work, rng, zone)
    return plan, _plant_anomalies(plan, others, days[:-QUIET_WORKDAYS], rng, zone)


def _plant_anomalies(
    plan: dict[tuple[str, date], _Day],
    candidates: list[str],
    days: list[date],
    rng: random.Random,
    zone: ZoneInfo,
) -> list[str]:
    if len(candidates) < 4 or not days:
        return []
    forgetful_a, forgetful_b, long_day, short_rest = rng.sample(candidates, 4)
    found: list[str] = []

    def worked(number: str) -> list[date]:
        return [d for d in days if (number, d) in plan]

    for number in (forgetful_a, forgetful_b):
        if choices := worked(number):
            day = rng.choice(choices)
            plan[(number, day)] = plan[(number, day)][:-1]
            found.append(f"{number} {day}: no clock-out")
    if choices := worked(long_day):
        day = rng.choice(choices)
        plan[(long_day, day)] = _workday(day, 7 * 60, 12 * 60, rng, zone)
        found.append(f"{long_day} {day}: a 12-hour day")
    pairs = [d for d in worked(short_rest) if (short_rest, d + timedelta(days=1)) in plan]
    if pairs:
        day = rng.choice(pairs)
        after = day + timedelta(days=1)
        plan[(short_rest, day)] = _workday(day, 14 * 60, 450, rng, zone)
        plan[(short_rest, after)] = _workday(after, 7 * 60, 450, rng, zone)
        found.append(f"{short_rest} {day}: under 11 hours' rest before the next day")
    return found


def _uuid7(at: datetime, rng: random.Random) -> str:
    """A UUIDv7 for the instant `at`, its random bits drawn from `rng` (so a seed repeats it)."""
    millis = int(at.timestamp() * 1000) & ((1 << 48) - 1)
    value = (millis << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62) | rng.getrandbits(62)
    return str(uuid.UUID(int=value))


def history_rows(
    plan: dict[tuple[str, date], _Day],
    zone: ZoneInfo,
    link: tuple[int, str],
    recorded_at: str,
    seed: int,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Ledger rows chained onto `link`, in time order, and their `mutations` rows."""
    rng = random.Random(seed + 1)  # noqa: S311 - a repeatable demo, not a secret
    punches = sorted(
        ((at, number, kind) for (number, _), day in plan.items() for kind, at in day),
        key=lambda p: (p[0], p[1]),
    )
    ledger_rows: list[dict[str, Any]] = []
    mutation_rows: list[dict[str, Any]] = []
    for at, number, kind in punches:
        instant = at.astimezone(UTC)
        payload = PunchPayload(
            id=_uuid7(instant, rng),
            employee=number,
            kind=kind,
            at=instant,
            zone=zone.key,
            device_clock=instant,
            source=SOURCE,
        )
        mutation = PunchMutation(id=_uuid7(instant, rng), type="punch", payload=payload)
        row = ledger.chained_row(
            link,
            id=payload.id,
            type=mutation.type,
            employee=number,
            device_id=None,
            payload={**payload.model_dump(mode="json"), "mutation": mutation.id},
            recorded_at=recorded_at,
        )
        link = (row["seq"], row["hash"])
        ledger_rows.append(row)
        mutation_rows.append(
            {
                "id": mutation.id,
                "digest": mutation_digest(mutation),
                "status": "accepted",
                "reason": None,
                "seq": row["seq"],
            }
        )
    return ledger_rows, mutation_rows


def fictitious_names(count: int, seed: int) -> list[tuple[str, str]]:
    """(first, last) names, the same for the same seed (and what app.demo shows offline)."""
    fake = Faker(FAKER_LOCALE)
    fake.seed_instance(seed)
    return [(fake.first_name(), fake.last_name()) for _ in range(count)]


def seed_demo(
    registry: TenantRegistry,
    tenant: str,
    *,
    employees: int = DEFAULT_EMPLOYEES,
    weeks: int = DEFAULT_WEEKS,
    seed: int = DEFAULT_SEED,
    until: date | None = None,
    now: datetime | None = None,
) -> DemoSummary:
    """Fill a tenant that has no employees yet with the demo staff and their history.

    `until` is the first day without history (default: today in the tenant's
    zone); `now` the ledger's `recorded_at` of the history (default: now).
    Raises AdminError for a tenant that already has employees or bad sizes.
    """
    if not 1 <= employees <= MAX_EMPLOYEES:
        raise admin.AdminError(f"a demo tenant has 1 to {MAX_EMPLOYEES} employees besides the manager")
    if not 1 <= weeks <= 52:
        raise admin.AdminError("a demo history is 1 to 52 weeks long")
    engine = registry.engine(tenant)
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(employees_table)).scalar_one():
            raise admin.AdminError(f"tenant {tenant} already has employees; seed a new tenant")
    zone = ZoneInfo(registry.settings(tenant)["timezone"])
    now = now or datetime.now(UTC)
    until = until or now.astimezone(zone).date()

    numbers = [str(FIRST_EMPLOYEE + i) for i in range(employees)]
    *names, manager_name = fictitious_names(employees + 1, seed)
    for number, role, (first, last), manager in [
        (ADMIN, "admin", ("Demo", "Admin"), None),
        (MANAGER, "manager", manager_name, None),
        *((n, "employee", name, MANAGER) for n, name in zip(numbers, names, strict=True)),
    ]:
        admin.add_user(
            registry,
            tenant,
            number,
            role,
            demo_password(number),
            demo_pin(number),
            first_name=first,
            last_name=last,
            manager=manager,
        )
        admin.set_badge(registry, tenant, number, demo_badge(number))

    plan, anomalies = plan_history([MANAGER, *numbers], until, weeks, seed, zone)
    with registry.write_lock(tenant), write_transaction(engine) as conn:
        ledger_rows, mutation_rows = history_rows(
            plan, zone, ledger.last_link(conn), now.astimezone(UTC).isoformat(), seed
        )
        if ledger_rows:
            conn.execute(insert(ledger_table), ledger_rows)
            conn.execute(insert(mutations), mutation_rows)
    worked_days = sorted({day for _, day in plan})
    return DemoSummary(
        manager=MANAGER,
        employees=numbers,
        punches=len(ledger_rows),
        first_day=worked_days[0] if worked_days else None,
        last_day=worked_days[-1] if worked_days else None,
        anomalies=anomalies,
    )
