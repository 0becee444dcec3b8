"""Every reason app/team_review.py refuses with is said in bokmål in the windows, and as it was in English."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.i18n import install_translations, remove_translations
from app.ui.review_words import refusal_text

SOURCE = Path(__file__).resolve().parents[2] / "app" / "team_review.py"


def refusals() -> list[str]:
    """Every `raise ReviewRefused(...)` message in app/team_review.py; f-strings with 1001 filled in."""
    found: list[str] = []
    for node in ast.walk(ast.parse(SOURCE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ReviewRefused" and node.args:
            message = node.args[0]
            if isinstance(message, ast.Constant) and isinstance(message.value, str):
                found.append(message.value)
            elif isinstance(message, ast.JoinedStr):
                found.append(
                    "".join(
                        str(part.value) if isinstance(part, ast.Constant) else "1001"
                        for part in message.values
                        if isinstance(part, ast.Constant | ast.FormattedValue)
                    )
                )
    return found


REFUSALS = refusals()


@pytest.fixture
def norwegian(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "nb")
    try:
        yield
    finally:
        remove_translations()


def test_the_source_has_the_refusals_we_expect_to_find() -> None:
    assert len(REFUSALS) >= 12
    assert "1001 is not in your team on this device" in REFUSALS


@pytest.mark.parametrize("message", REFUSALS)
def test_english_reads_as_the_command_line_prints_it(message: str) -> None:
    assert refusal_text(message) == message


@pytest.mark.parametrize("message", REFUSALS)
def test_every_refusal_is_said_in_bokmal_with_its_facts(norwegian: None, message: str) -> None:
    said = refusal_text(message)
    assert said != message
    assert "{" not in said
    if message.startswith("1001 "):
        assert said.startswith("1001 ")


def test_an_unknown_message_is_shown_as_it_came(norwegian: None) -> None:
    assert refusal_text("something new; see the log") == "something new; see the log"
