"""The demo profile: a few fictitious employees (Faker) and a lived-in week.

Offline until the tenant server lands; then `--demo` also starts a local server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path

import platformdirs
from faker import Faker

from app.domain import DEFAULT_ZONE, PunchKind
from app.store import Store

DEMO_STAFF_SIZE = 6
FIRST_NUMBER = 1001
# Norwegian bokmål names; Faker calls the locale no_NO rather than nb_NO.
FAKER_LOCALE = "no_NO"


def demo_profile_dir() -> Path:
    return platformdirs.user_data_path("stempel", appauthor=False) / "demo"


def fictitious_staff(count: int = DEMO_STAFF_SIZE, seed: int = 48) -> list[tuple[str, str]]:
    """(employee number, display name) pairs; the same every run."""
    fake = Faker(FAKER_LOCALE)
    fake.seed_instance(seed)
    return [(str(FIRST_NUMBER + i), f"{fake.first_name()} {fake.last_name()}") for i in range(count)]


class _SettableClock:
    def __init__(self) -> None:
        self.at = datetime.now(DEFAULT_ZONE)

    def __call__(self) -> datetime:
        return self.at


@contextmanager
def _store_with_clock(folder: Path) -> Iterator[tuple[Store, _SettableClock]]:
    clock = _SettableClock()
    store = Store.open(folder, clock=clock)
    try:
        yield store, clock
    finally:
        store.close()


def _workdays_before(today: date) -> list[date]:
    monday = today - timedelta(days=today.weekday())
    return [monday + timedelta(days=i) for i in range((today - monday).days) if i < 5]


def ensure_demo_profile(folder: Path, today: date | None = None) -> list[tuple[str, str]]:
    """Seed the demo profile once: staff, this profile's employee, and earlier days this week."""
    staff = fictitious_staff()
    with _store_with_clock(folder) as (store, clock):
        if store.setting("employee") is not None:
            return staff
        for number, name in staff:
            store.upsert_employee(number, name)
        me = staff[0][0]
        day_plan = [
            (time(7, 58), PunchKind.IN),
            (time(11, 30), PunchKind.BREAK_START),
            (time(12, 0), PunchKind.BREAK_END),
            (time(15, 45), PunchKind.OUT),
        ]
        for index, day in enumerate(_workdays_before(today or datetime.now(DEFAULT_ZONE).date())):
            for at, kind in day_plan:
                shifted = datetime.combine(day, at, DEFAULT_ZONE) + timedelta(minutes=7 * index)
                clock.at = shifted
                store.punch(me, kind, source="demo")
        store.set_setting("employee", me)
        store.set_setting("demo", "1")
    return staff
