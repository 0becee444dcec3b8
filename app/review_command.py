"""`stempel timesheet` and `stempel approve`: the manager's review from a script, same rules as the window.

Both read the profile's encrypted store only; `approve` queues the decision in
the outbox (`stempel sync` sends it, or the window's sync loop). A manager
sees and decides for their team; anyone may print their own timesheet.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain import DEFAULT_ZONE, format_duration
from app.failures import Failure
from app.store import Store
from app.team_review import DecisionText, ReviewRefused, TeamReview, WeekSheet
from sync import config


class ReviewCommandFailed(Failure):
    """A refused `timesheet` or `approve`; the message is one line for the user."""


def _signed_in(store: Store) -> str:
    number = store.setting(config.EMPLOYEE)
    if not number:
        raise ReviewCommandFailed("nobody is signed in on this profile; run `stempel login --user NUMBER`")
    return number


def _hhmm(at: datetime | None) -> str:
    return "…" if at is None else at.astimezone(DEFAULT_ZONE).strftime("%H:%M")


def sheet_json(sheet: WeekSheet) -> dict[str, Any]:
    review = sheet.review
    return {
        "employee": sheet.number,
        "name": sheet.name,
        "week": review.week_text,
        "days": [
            {
                "date": line.day.isoformat(),
                "shifts": [
                    {"start": s.start.isoformat(), "end": s.end.isoformat() if s.end else None}
                    for s in line.shifts
                ],
                "worked_seconds": int(line.worked.total_seconds()),
                "break_seconds": int(line.breaks.total_seconds()),
            }
            for line in review.days
        ],
        "total_seconds": int(review.total.total_seconds()),
        "overtime_seconds": int(review.overtime.total_seconds()),
        "anomalies": [
            {
                "kind": a.kind.value,
                "at": a.at.isoformat(),
                "punch": a.punch_id,
                "detail": a.detail,
                "suggestion": a.suggestion.isoformat() if a.suggestion else None,
            }
            for a in review.anomalies
        ],
        "decision": {
            "status": sheet.decision.status,
            "decision": sheet.decision.decision,
            "comment": sheet.decision.comment,
            "reason": sheet.decision.reason,
            "locked": sheet.decision.locked,
        },
        "corrections": [
            {"id": r.id, "target": r.target, "kind": r.kind.value, "at": r.at.isoformat(), "state": r.state}
            | {"reason": r.reason}
            for r in sheet.requests
        ],
        "digest": sheet.digest,
        "covers": sheet.covers,
    }


def _print_sheet(sheet: WeekSheet) -> None:
    review = sheet.review
    print(f"{sheet.number} {sheet.name} · {review.week_text} · {sheet.decision.status}")
    for line in review.days:
        shifts = ", ".join(f"{_hhmm(s.start)}–{_hhmm(s.end)}" for s in line.shifts) or "-"
        marks = "".join(f"  ! {a.detail}" for a in line.anomalies)
        print(f"  {line.day:%a %d.%m}  {format_duration(line.worked):>12}  {shifts}{marks}")
    print(f"  total {format_duration(review.total)}, overtime {format_duration(review.overtime)}")
    if sheet.decision.reason:
        print(f"  {sheet.decision.reason}")


def cmd_timesheet(args: argparse.Namespace, profile: Path) -> int:
    with Store.open(profile, create=False) as store:
        me = _signed_in(store)
        review = TeamReview(store, me)
        if args.employee != me and args.employee not in {n for n, _ in review.team()}:
            raise ReviewCommandFailed(f"{args.employee} is not you or in your team on this device")
        sheet = review.week(args.employee, args.week, store.server_now())
    if args.json:
        print(json.dumps(sheet_json(sheet), ensure_ascii=False))
    else:
        _print_sheet(sheet)
    return 0


def cmd_approve(args: argparse.Namespace, profile: Path) -> int:
    decision: DecisionText = "reject" if args.reject else "approve"
    if args.reject and not (args.comment or "").strip():
        raise ReviewCommandFailed("say why: a rejection needs --comment")
    with Store.open(profile, create=False) as store:
        me = _signed_in(store)
        if store.setting(config.ROLE) not in ("manager", "admin"):
            raise ReviewCommandFailed("only a manager can approve or reject weeks")
        try:
            state = TeamReview(store, me).decide(
                args.employee, args.week, decision, args.comment or "", store.server_now()
            )
        except ReviewRefused as exc:
            raise ReviewCommandFailed(str(exc)) from None
    verb = "Rejected" if args.reject else "Approved"
    print(f"{verb} {args.employee} {args.week}: {state.status} (sent at the next sync)")
    return 0
