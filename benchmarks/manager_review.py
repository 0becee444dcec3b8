"""A manager with 200 employees and 8 weeks of history: the overview painted, then one employee's week.

The manager's encrypted store (SQLCipher, key in the real Secret Service) is
filled through `Store.apply_pulled`, as a first pull would: 200 directory
entries and ~64,000 punches (8 a day: in, three breaks, out; Monday to Friday).

Timed, in the same run:
- window: opening the manager window until its overview table is filled and
  painted, and until the work-time law counts (checked next, on the worker)
  fill their column; selecting an employee until their week is shown
  (offscreen Qt, the store worker doing the reads, as in the app);
- core: `TeamReview.overview` and `TeamReview.week` on their own, and the
  baseline: reading the same rows (`records_between`) without any review.

    python -m benchmarks.manager_review [--json] [--repeat 7]

Targets: overview < 500 ms, week < 100 ms.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.domain import PunchKind
from app.store import Store
from app.team_review import TeamReview, week_bounds
from benchmarks._common import Summary, emit, parser, print_table, ratio, scratch_dir, scratch_note, verdict
from benchmarks._keyring import backend_name, real_secret_service

OSLO = ZoneInfo("Europe/Oslo")
MANAGER = "1000"
STAFF = 200
WEEKS = 8
NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # a Friday afternoon
WEEK = "2026-W48"
OVERVIEW_TARGET_MS = 500.0
WEEK_TARGET_MS = 100.0
DAY_PLAN = [
    (PunchKind.IN, clock_time(7, 30)),
    (PunchKind.BREAK_START, clock_time(9, 30)),
    (PunchKind.BREAK_END, clock_time(9, 45)),
    (PunchKind.BREAK_START, clock_time(11, 30)),
    (PunchKind.BREAK_END, clock_time(12, 0)),
    (PunchKind.BREAK_START, clock_time(13, 30)),
    (PunchKind.BREAK_END, clock_time(13, 40)),
    (PunchKind.OUT, clock_time(15, 30)),
]


def _events() -> list[dict[str, Any]]:
    recorded = NOW.isoformat()
    events: list[dict[str, Any]] = []

    def add(type_: str, employee: str, payload: dict[str, Any]) -> None:
        events.append(
            {"seq": len(events) + 1, "id": str(payload.get("id") or uuid.uuid4()), "type": type_}
            | {"employee": employee, "payload": payload, "recorded_at": recorded}
        )

    numbers = [str(2001 + i) for i in range(STAFF)]
    add("employee", MANAGER, {"number": MANAGER, "role": "manager", "first_name": "Leder", "last_name": "En"})
    for i, number in enumerate(numbers):
        add(
            "employee",
            number,
            {"number": number, "role": "employee", "first_name": "Ansatt", "last_name": f"Nr{i}"}
            | {"active": True, "manager": MANAGER},
        )
    first = date(2026, 11, 27) - timedelta(weeks=WEEKS) + timedelta(days=1)
    days = [first + timedelta(days=d) for d in range(WEEKS * 7) if (first + timedelta(days=d)).weekday() < 5]
    for day in days:
        for number in numbers:
            for kind, at in DAY_PLAN:
                instant = datetime.combine(day, at, tzinfo=OSLO).isoformat()
                add(
                    "punch",
                    number,
                    {"id": str(uuid.uuid4()), "employee": number, "kind": kind.value, "at": instant}
                    | {
                        "zone": "Europe/Oslo",
                        "device_clock": instant,
                        "clock_offset_ms": 0,
                        "source": "desktop",
                    },
                )
    return events


def _timed(fn: Callable[[], object], repeat: int) -> list[int]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return samples


def _core(profile: Path, repeat: int) -> dict[str, list[int]]:
    with Store.open(profile, clock=lambda: NOW) as store:
        review = TeamReview(store, MANAGER)
        numbers = [n for n, _ in review.team()]
        start, end = week_bounds(WEEK, OSLO)
        return {
            "baseline: read the two weeks' rows": _timed(
                lambda: store.records_between(numbers, start - timedelta(days=8), end), repeat
            ),
            "TeamReview.overview": _timed(lambda: review.overview(WEEK, NOW), repeat),
            "TeamReview.week": _timed(lambda: review.week(numbers[17], WEEK, NOW), repeat),
        }


def _window(profile: Path, repeat: int) -> dict[str, list[int]]:
    from benchmarks._manager_window import time_window

    return time_window(profile, MANAGER, WEEK, NOW, repeat)


def measure(repeat: int) -> dict[str, Any]:
    with real_secret_service(), scratch_dir("manager") as root:
        profile = root / "manager"
        events = _events()
        with Store.open(profile) as store:
            store.set_setting("employee", MANAGER)
            store.set_setting("role", "manager")
            for i in range(0, len(events), 1000):
                page = events[i : i + 1000]
                store.apply_pulled(page, next_after=page[-1]["seq"])
        try:
            series = _core(profile, repeat)
            series.update(_window(profile, repeat))
        finally:
            with Store.open(profile) as store:
                store.forget_key()
        note = scratch_note(root)
        keyring = backend_name()
    figures = {name: Summary.of_ns(samples) for name, samples in series.items()}
    overview = figures["window: open → overview painted"]
    week = figures["window: select → week shown"]
    return {
        "benchmark": "manager_review",
        "staff": STAFF,
        "weeks": WEEKS,
        "events": len(events),
        "repeat": repeat,
        "scratch": note,
        "keyring": keyring,
        "series_ms": {name: f.as_dict() for name, f in figures.items()},
        "overview_vs_baseline_p50": round(
            ratio(figures["TeamReview.overview"].p50, figures["baseline: read the two weeks' rows"].p50), 2
        ),
        "targets": {
            "overview_ms_max": OVERVIEW_TARGET_MS,
            "overview_ok": overview.p50 < OVERVIEW_TARGET_MS,
            "week_ms_max": WEEK_TARGET_MS,
            "week_ok": week.p50 < WEEK_TARGET_MS,
        },
    }


def report(result: dict[str, Any]) -> None:
    print(
        f"manager review: {result['staff']} employees, {result['weeks']} weeks, {result['events']:,} events; "
        f"keyring {result['keyring']}; scratch {result['scratch']}"
    )
    rows = []
    for name, figures in result["series_ms"].items():
        f = Summary(**figures)
        rows.append([name, f"{f.p50:.1f}", f"{f.max:.1f}"])
    print_table(["series (ms)", "median", "max"], rows)
    print(f"overview core / reading its rows (median): {result['overview_vs_baseline_p50']:.2f}x")
    t = result["targets"]
    o = Summary(**result["series_ms"]["window: open → overview painted"])
    w = Summary(**result["series_ms"]["window: select → week shown"])
    print(f"target overview < {t['overview_ms_max']:g} ms: {verdict(t['overview_ok'])} ({o.p50:.0f} ms)")
    print(f"target week < {t['week_ms_max']:g} ms: {verdict(t['week_ok'])} ({w.p50:.0f} ms)")


def main(argv: list[str] | None = None) -> int:
    p = parser(__doc__.splitlines()[0] if __doc__ else "manager review")
    p.add_argument("--repeat", type=int, default=7)
    args = p.parse_args(argv)
    return emit(measure(args.repeat), args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
