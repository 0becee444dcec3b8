"""Why this device would not queue a decision or a correction, in the user's language.

`app.team_review.ReviewRefused` speaks English (the command line prints it as
it is). The windows recognise each of its messages and say it in their own
words; a message they do not know is shown as it came.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

__all__ = ["refusal_text"]

# Each call names its context and its text literally, so that pyside6-lupdate finds them.
translate = QCoreApplication.translate

_FIXED: dict[str, Callable[[], str]] = {
    "you cannot decide on your own week": lambda: translate(
        "ReviewWords", "you cannot decide on your own week"
    ),
    "a decision on this week is waiting to be sent; sync first": lambda: translate(
        "ReviewWords", "a decision on this week is waiting to be sent; sync first"
    ),
    "this week is approved and locked; reopen it first": lambda: translate(
        "ReviewWords", "this week is approved and locked; reopen it first"
    ),
    "this week is not approved; there is nothing to reopen": lambda: translate(
        "ReviewWords", "this week is not approved; there is nothing to reopen"
    ),
    "the week changed while you looked at it (a sync brought more); look again": lambda: translate(
        "ReviewWords", "the week changed while you looked at it (a sync brought more); look again"
    ),
    "they are clocked in now; approve the week after they clock out (the lock would refuse it)": (
        lambda: translate(
            "ReviewWords",
            "they are clocked in now; approve the week after they clock out (the lock would refuse it)",
        )
    ),
    "no such correction request in your team on this device": lambda: translate(
        "ReviewWords", "no such correction request in your team on this device"
    ),
    "this correction request is already decided": lambda: translate(
        "ReviewWords", "this correction request is already decided"
    ),
    "say why: a correction needs a reason": lambda: translate(
        "ReviewWords", "say why: a correction needs a reason"
    ),
    "the corrected time needs a zone": lambda: translate("ReviewWords", "the corrected time needs a zone"),
    "no such punch of yours on this device": lambda: translate(
        "ReviewWords", "no such punch of yours on this device"
    ),
}

_NOT_IN_TEAM = re.compile(r"(?P<number>.+) is not in your team on this device")


def refusal_text(message: str) -> str:
    """A ReviewRefused message in the user's language; unknown messages as they came."""
    fixed = _FIXED.get(message)
    if fixed is not None:
        return fixed()
    match = _NOT_IN_TEAM.fullmatch(message)
    if match is not None:
        return translate("ReviewWords", "{number} is not in your team on this device").format(
            number=match["number"]
        )
    return message
