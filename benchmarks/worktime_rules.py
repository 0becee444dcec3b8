"""The cost of the work-time rules against pairing the same punches into shifts.

A year of fictitious punches (500 employees x 52 weeks, about 520,000 events by
default) is generated once with a fixed seed: five working days a week, most
in daytime with a lunch break, some employees on night shifts across midnight,
now and then a long day, a missed break, a short rest or a Sunday, so that
every rule has work to do and findings to build. Times are wall-clock times
in Europe/Oslo, so the year crosses both DST changes.

Each round times, in the same process and on the same data:

- pairing: `pair_shifts(punches)`, the baseline;
- rules: `check_rules(shifts, policy, zone, now, holidays=...)` on the paired
  shifts, every rule, the statutory policy, Norwegian public holidays from the
  `holidays` package (warmed before timing);
- end to end (a diagnostic row): `check_rules(punches, ...)`, which pairs first.

They take turns (which goes first rotates) and the figures are medians over
the rounds.

    python -m benchmarks.worktime_rules [--json] [--employees 500] [--weeks 52] [--rounds 5]

Target: rules <= 2x pairing.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from app.domain import Punch, PunchKind, Shift, WorkTimePolicy, check_rules, pair_shifts
from benchmarks._common import emit, parser, print_table, ratio, verdict

OSLO = ZoneInfo("Europe/Oslo")
FIRST_MONDAY = date(2026, 1, 5)
RATIO_TARGET = 2.0
IN, OUT, BREAK_START, BREAK_END = PunchKind.IN, PunchKind.OUT, PunchKind.BREAK_START, PunchKind.BREAK_END


def _at(day: date, minutes: int) -> datetime:
    """A wall-clock time in Oslo, `minutes` after local midnight of `day` (may run into the next day)."""
    day = day + timedelta(days=minutes // 1440)
    minutes %= 1440
    return datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=OSLO)


def _employee_year(number: str, weeks: int, rng: random.Random) -> list[tuple[PunchKind, datetime]]:
    night_worker = rng.random() < 0.15
    events: list[tuple[PunchKind, datetime]] = []
    for week in range(weeks):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        days = [0, 1, 2, 3, 4] if rng.random() < 0.9 else [0, 1, 2, 3, 4, 6]
        for offset in days:
            day = monday + timedelta(days=offset)
            if night_worker:
                start = 22 * 60 + rng.choice((-60, 0, 0, 30))
            else:
                start = rng.randrange(6 * 60, 9 * 60 + 1, 15)
            length = rng.choice((450, 450, 480, 480, 510, 600, 690))
            events.append((IN, _at(day, start)))
            if rng.random() < 0.95:  # now and then a missed break
                pause = start + length // 2
                events.append((BREAK_START, _at(day, pause)))
                events.append((BREAK_END, _at(day, pause + 30)))
                length += 30
            events.append((OUT, _at(day, start + length)))
    return events


def make_punches(employees: int, weeks: int, seed: int = 20260105) -> list[Punch]:
    rng = random.Random(seed)
    punches: list[Punch] = []
    for index in range(employees):
        number = f"{1001 + index}"
        for serial, (kind, at) in enumerate(_employee_year(number, weeks, rng)):
            punches.append(Punch(id=f"{number}-{serial:07d}", employee=number, kind=kind, at=at))
    rng.shuffle(punches)  # pairing must sort, as it does for punches synced out of order
    return punches


def _timed(work: Any) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def measure(employees: int, weeks: int, rounds: int) -> dict[str, Any]:
    punches = make_punches(employees, weeks)
    now = datetime.combine(FIRST_MONDAY + timedelta(weeks=weeks), datetime.min.time(), tzinfo=UTC)
    policy = WorkTimePolicy()
    calendar = holidays.country_holidays("NO")
    for year in range(FIRST_MONDAY.year - 1, (FIRST_MONDAY + timedelta(weeks=weeks)).year + 2):
        _ = date(year, 1, 1) in calendar  # load the years before the clock starts
    shifts: list[Shift] = pair_shifts(punches)
    runs = {
        "pairing": lambda: pair_shifts(punches),
        "rules": lambda: check_rules(shifts, policy, OSLO, now, holidays=calendar),
        "end_to_end": lambda: check_rules(punches, policy, OSLO, now, holidays=calendar),
    }
    samples: dict[str, list[float]] = {name: [] for name in runs}
    findings = 0
    names = list(runs)
    for turn in range(rounds):
        for name in names[turn % 3 :] + names[: turn % 3]:
            seconds, result = _timed(runs[name])
            samples[name].append(seconds)
            if name == "rules":
                findings = len(result)
    pairing_s, rules_s, end_s = samples["pairing"], samples["rules"], samples["end_to_end"]
    pairing, rules = statistics.median(pairing_s), statistics.median(rules_s)
    rules_ratio = round(ratio(rules, pairing), 3)
    return {
        "benchmark": "worktime_rules",
        "employees": employees,
        "weeks": weeks,
        "punches": len(punches),
        "shifts": len(shifts),
        "findings": findings,
        "rounds": rounds,
        "pairing_s": {"median": round(pairing, 3), "all": [round(s, 3) for s in pairing_s]},
        "rules_s": {"median": round(rules, 3), "all": [round(s, 3) for s in rules_s]},
        "end_to_end_s": {"median": round(statistics.median(end_s), 3), "all": [round(s, 3) for s in end_s]},
        "ratio_rules_to_pairing": rules_ratio,
        "ratio_end_to_end_to_pairing": round(ratio(statistics.median(end_s), pairing), 3),
        "targets": {"ratio_max": RATIO_TARGET, "ratio_ok": rules_ratio <= RATIO_TARGET},
    }


def report(result: dict[str, Any]) -> None:
    pairing, rules, end = result["pairing_s"], result["rules_s"], result["end_to_end_s"]
    print(
        f"worktime_rules: {result['employees']} employees x {result['weeks']} weeks = "
        f"{result['punches']:,} punches, {result['shifts']:,} shifts, {result['findings']:,} findings; "
        f"median of {result['rounds']} rounds"
    )
    print()
    print_table(
        ["", "median s", "min s", "max s", "x pairing"],
        [
            ["pair_shifts (baseline)", f"{pairing['median']:.3f}", f"{min(pairing['all']):.3f}",
             f"{max(pairing['all']):.3f}", "1.00"],
            ["check_rules on shifts", f"{rules['median']:.3f}", f"{min(rules['all']):.3f}",
             f"{max(rules['all']):.3f}", f"{result['ratio_rules_to_pairing']:.2f}"],
            ["diagnostic: check_rules on punches", f"{end['median']:.3f}", f"{min(end['all']):.3f}",
             f"{max(end['all']):.3f}", f"{result['ratio_end_to_end_to_pairing']:.2f}"],
        ],
    )  # fmt: skip
    print()
    ok = result["targets"]["ratio_ok"]
    print(
        f"target rules <= {RATIO_TARGET:g}x pairing: {verdict(ok)} ({result['ratio_rules_to_pairing']:.2f}x)"
    )


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__.splitlines()[0] if __doc__ else "worktime_rules")
    args_parser.add_argument("--employees", type=int, default=500)
    args_parser.add_argument("--weeks", type=int, default=52)
    args_parser.add_argument("--rounds", type=int, default=5)
    args = args_parser.parse_args(argv)
    return emit(measure(args.employees, args.weeks, args.rounds), args.json, report)


if __name__ == "__main__":
    raise SystemExit(main())
