"""The offline demo profile Stempel made before the demo had a server, kept for tests.

A quick profile with an employee and a lived-in week, no server involved; and
the shape of a demo profile from an earlier version, which `running_demo`
must take over (tests/integration/test_demo_server.py).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from app.demo import DEMO_SETTING, fictitious_staff
from app.domain import DEFAULT_ZONE, PunchKind
from app.store import Store


class _SettableClock:
    def __init__(self) -> None:
        self.at = datetime.now(DEFAULT_ZONE)

    def __call__(self) -> datetime:
        return self.at


def _workdays_before(today: date) -> list[date]:
    monday = today - timedelta(days=today.weekday())
    return [monday + timedelta(days=i) for i in range((today - monday).days) if i < 5]


def ensure_demo_profile(folder: Path, today: date | None = None) -> list[tuple[str, str]]:
    """An offline demo profile, no server: staff, the demo employee and their earlier days this week.

    What `stempel --demo` made before the demo had a server; the tests use it for
    a quick profile with an employee. `running_demo` enrolls such a profile.
    """
    staff = fictitious_staff()
    clock = _SettableClock()
    with Store.open(folder, clock=clock) as store:
        if store.setting("employee") is not None:
            return staff
        for number, name in staff:
            store.upsert_employee(number, name)
        me = staff[0][0]
        day_plan = [
            (clock_time(7, 58), PunchKind.IN),
            (clock_time(11, 30), PunchKind.BREAK_START),
            (clock_time(12, 0), PunchKind.BREAK_END),
            (clock_time(15, 45), PunchKind.OUT),
        ]
        for index, day in enumerate(_workdays_before(today or datetime.now(DEFAULT_ZONE).date())):
            for at, kind in day_plan:
                clock.at = datetime.combine(day, at, DEFAULT_ZONE) + timedelta(minutes=7 * index)
                store.punch(me, kind, source="demo")
        store.set_setting("employee", me)
        store.set_setting(DEMO_SETTING, "1")
    return staff
