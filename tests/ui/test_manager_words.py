"""The manager's words in Norwegian: the work-time rules by their Norwegian titles, and the server's
reasons for a refusal in the user's language with their facts intact."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from app.domain import RULE_IDS, Finding, rule_info
from app.ui.i18n import install_translations, remove_translations
from app.ui.manager.words import finding_text, rule_title
from app.ui.server_words import server_reason_text
from server import decisions


@pytest.fixture
def norwegian(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "nb")
    try:
        yield
    finally:
        remove_translations()


def _finding(rule: str, value: timedelta, limit: timedelta) -> Finding:
    info = rule_info(rule)
    start = datetime(2026, 11, 23, 6, tzinfo=UTC)
    return Finding(
        rule, info.section, info.severity, "1001", start, start + timedelta(days=1), value, limit, ""
    )


# --- the work-time rules -----------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULE_IDS)
def test_every_rule_keeps_its_english_title_in_english(qapp: QApplication, rule: str) -> None:
    assert rule_title(rule) == rule_info(rule).title


@pytest.mark.parametrize("rule", RULE_IDS)
def test_every_rule_has_a_norwegian_title(norwegian: None, rule: str) -> None:
    title = rule_title(rule)
    assert title
    assert title != rule_info(rule).title


def test_an_unknown_rule_says_the_domains_title(monkeypatch: pytest.MonkeyPatch, norwegian: None) -> None:
    from app.domain import worktime_findings

    invented = worktime_findings.RuleInfo(
        "aml-10-99-invented", "§ 10-99", worktime_findings.Severity.BREACH, "invented rule"
    )
    monkeypatch.setitem(worktime_findings._BY_ID, invented.id, invented)
    assert rule_title(invented.id) == "invented rule"


def test_the_findings_in_the_screenshots_read_norwegian_throughout(norwegian: None) -> None:
    breaks = finding_text(_finding("aml-10-9-break", timedelta(), timedelta(minutes=30)))
    day = finding_text(_finding("aml-10-4-day", timedelta(hours=15), timedelta(hours=9)))
    total = finding_text(_finding("aml-10-6-total-day", timedelta(hours=15), timedelta(hours=13)))
    rest = finding_text(_finding("aml-10-8-daily-rest", timedelta(hours=8), timedelta(hours=11)))
    sunday = finding_text(_finding("aml-10-10-sunday", timedelta(hours=4), timedelta()))
    assert breaks == "§ 10-9 (1) pauser: 0 min (minst 30 min)"
    assert day == "§ 10-4 (1) alminnelig arbeidstid per 24 timer: 15 t 0 min (høyst 9 t 0 min)"
    assert total == "§ 10-6 (8) samlet arbeidstid per 24 timer: 15 t 0 min (høyst 13 t 0 min)"
    assert rest == "§ 10-8 (1) daglig arbeidsfri: 8 t 0 min (minst 11 t 0 min)"
    assert sunday == "§ 10-10 (1) søn- og helgedagsarbeid: 4 t 0 min"


def test_the_findings_read_as_before_in_english(qapp: QApplication) -> None:
    finding = _finding("aml-10-4-day", timedelta(hours=15), timedelta(hours=9))
    assert (
        finding_text(finding) == "§ 10-4 (1) normal working time per 24 hours: 15 h 0 min (at most 9 h 0 min)"
    )


# --- the server's reasons ------------------------------------------------------------------------

# Built by the server's own code where it has constants or functions for them (server/decisions.py).
DECISION_REASONS = [
    decisions.NOT_YOUR_EMPLOYEE,
    decisions.SIGN_IN_TO_DECIDE,
    decisions.SIGN_IN_TO_CORRECT,
    decisions.ALREADY_APPROVED,
    decisions.ENTRIES_CHANGED,
    decisions.NEEDS_REASON,
    decisions.NEEDS_KIND,
    decisions.NO_SUCH_PUNCH,
    decisions.NO_SUCH_REQUEST,
    decisions.ALREADY_DECIDED,
    decisions.NOT_THE_REQUESTS_TIME,
    decisions.locked_message("2026-W48"),
    decisions.conflict_message(0),
    decisions.conflict_message(1),
    decisions.conflict_message(2),
    decisions.conflict_message(37),
]

# server/punches.py writes its reasons inline (string literals and one f-string over the mutation's
# type), so these are copied from it: keep them in step with the server.
PUNCH_REASONS = [
    "not allowed: an employee may only punch for themselves",
    "not allowed: this device may only send punches of employees who signed in on it",
    "not allowed: this device was removed by the administrator",
    "made after this device was removed by the administrator",
    "unknown or inactive employee",
    "this punch is already recorded under another mutation id",
    "this approval is already recorded under another mutation id",
    "this correction is already recorded under another mutation id",
    "this mutation id was already used for other content",
]

REASONS = DECISION_REASONS + PUNCH_REASONS


def test_every_reason_constant_of_the_server_is_covered() -> None:
    constants = {
        value for name, value in vars(decisions).items() if name.isupper() and isinstance(value, str)
    }
    assert constants <= set(REASONS)


def test_the_known_reasons_read_as_the_server_wrote_them_in_english(qapp: QApplication) -> None:
    for reason in REASONS:
        if reason.startswith("locked:"):
            assert server_reason_text(reason) == (
                "locked: week 48, 2026 is approved; ask your manager to reopen it"
            )
        else:
            assert server_reason_text(reason) == reason


@pytest.mark.parametrize("reason", REASONS)
def test_every_known_reason_is_said_in_norwegian(norwegian: None, reason: str) -> None:
    text = server_reason_text(reason)
    assert text != reason
    # No English word of the template is left: every word of four letters or more is gone
    # (but those the two languages share).
    english = set(re.findall(r"[a-z']{4,}", reason)) - {"under"}
    left = english & set(re.findall(r"[a-zæøå']{4,}", text.lower()))
    assert left == set(), (reason, text)


def test_the_numbers_and_the_week_survive(norwegian: None) -> None:
    assert "37 oppføringer" in server_reason_text(decisions.conflict_message(37))
    assert "1 oppføring " in server_reason_text(decisions.conflict_message(1))
    locked = server_reason_text(decisions.locked_message("2026-W05"))
    assert "uke 5, 2026" in locked
    assert locked.startswith("låst:")
    assert server_reason_text(decisions.conflict_message(2)).startswith("konflikt:")


def test_the_conflict_card_reads_norwegian(norwegian: None) -> None:
    """What the screenshot showed, in words: the server's reason inside the card's sentence."""
    reason = server_reason_text("conflict: 2 entries arrived after you decided; the week is back for review")
    assert reason == "konflikt: 2 oppføringer kom inn etter at du avgjorde; uken er tilbake til gjennomgang"


@pytest.mark.parametrize(
    "reason",
    [
        "",
        "the server is having a bad day",
        "conflict: something new the client has not heard of",
        "locked: week 48 is approved; ask your manager to reopen it",
        "conflict: two entries arrived after you decided; the week is back for review",
        "this shift is already recorded under another mutation id",
    ],
)
def test_an_unknown_reason_is_shown_as_it_came(norwegian: None, reason: str) -> None:
    assert server_reason_text(reason) == reason
