"""The server's reasons for refusing an entry or a decision, in the user's language.

The server answers a refused mutation with a short English reason whose form is
stable (server/decisions.py and server/punches.py): a code such as "conflict:"
or "locked:" and the facts. The window recognises each known form and says the
same facts in its own words; a reason it does not know is shown as it came.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

__all__ = ["server_reason_text"]

# Each call names its context and its text literally, so that pyside6-lupdate finds them.
translate = QCoreApplication.translate


def _week(week: str) -> dict[str, str | int]:
    year, number = week.split("-W")
    return {"number": int(number), "year": year}


def _locked(match: re.Match[str]) -> str:
    return translate(
        "ServerWords", "locked: week {number}, {year} is approved; ask your manager to reopen it"
    ).format(**_week(match["week"]))


def _arrived(match: re.Match[str]) -> str:
    count = int(match["count"])
    if count == 1:
        return translate(
            "ServerWords", "conflict: 1 entry arrived after you decided; the week is back for review"
        )
    return translate(
        "ServerWords", "conflict: {count} entries arrived after you decided; the week is back for review"
    ).format(count=count)


def _recorded(match: re.Match[str]) -> str:
    kind = match["kind"]
    if kind == "punch":
        return translate("ServerWords", "this punch is already recorded under another mutation id")
    if kind == "approval":
        return translate("ServerWords", "this approval is already recorded under another mutation id")
    return translate("ServerWords", "this correction is already recorded under another mutation id")


# The reasons without facts, by their exact text (a literal call each, for pyside6-lupdate).
_FIXED: dict[str, Callable[[], str]] = {
    # server/decisions.py
    "not allowed: you do not manage this employee": lambda: translate(
        "ServerWords", "not allowed: you do not manage this employee"
    ),
    "sign in to send this decision": lambda: translate("ServerWords", "sign in to send this decision"),
    "sign in to send this correction": lambda: translate("ServerWords", "sign in to send this correction"),
    "conflict: the week is already approved": lambda: translate(
        "ServerWords", "conflict: the week is already approved"
    ),
    "conflict: the week's entries changed after you decided; the week is back for review": lambda: translate(
        "ServerWords", "conflict: the week's entries changed after you decided; the week is back for review"
    ),
    "a correction needs a reason": lambda: translate("ServerWords", "a correction needs a reason"),
    "a correction request needs the kind of punch": lambda: translate(
        "ServerWords", "a correction request needs the kind of punch"
    ),
    "no such punch of this employee": lambda: translate("ServerWords", "no such punch of this employee"),
    "no such correction request": lambda: translate("ServerWords", "no such correction request"),
    "this correction request is already decided": lambda: translate(
        "ServerWords", "this correction request is already decided"
    ),
    "a decision on a correction repeats the request's time": lambda: translate(
        "ServerWords", "a decision on a correction repeats the request's time"
    ),
    # server/punches.py
    "not allowed: an employee may only punch for themselves": lambda: translate(
        "ServerWords", "not allowed: an employee may only punch for themselves"
    ),
    "not allowed: this device may only send punches of employees who signed in on it": lambda: translate(
        "ServerWords", "not allowed: this device may only send punches of employees who signed in on it"
    ),
    "not allowed: this device was removed by the administrator": lambda: translate(
        "ServerWords", "not allowed: this device was removed by the administrator"
    ),
    "made after this device was removed by the administrator": lambda: translate(
        "ServerWords", "made after this device was removed by the administrator"
    ),
    "unknown or inactive employee": lambda: translate("ServerWords", "unknown or inactive employee"),
    "this mutation id was already used for other content": lambda: translate(
        "ServerWords", "this mutation id was already used for other content"
    ),
}

# The reasons with facts in them, each matched whole, and how to say them.
_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"locked: week (?P<week>\d{4}-W\d{2}) is approved; ask your manager to reopen it"), _locked),
    (
        re.compile(
            r"conflict: (?P<count>\d+) (?:entry|entries) arrived after you decided; "
            r"the week is back for review"
        ),
        _arrived,
    ),
    (
        re.compile(r"this (?P<kind>punch|approval|correction) is already recorded under another mutation id"),
        _recorded,
    ),
)


def server_reason_text(reason: str) -> str:
    """The server's `reason` in the user's language, with the same facts; unknown reasons as they came."""
    text = reason.strip()
    fixed = _FIXED.get(text)
    if fixed is not None:
        return fixed()
    for pattern, words in _FORMS:
        match = pattern.fullmatch(text)
        if match is not None:
            return words(match)
    return reason
