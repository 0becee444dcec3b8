"""Durations in the windows follow the language: "7 h 30 min", "7 t 30 min"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication

from app.domain import format_duration
from app.ui.durations import duration_text
from app.ui.i18n import install_translations, remove_translations


@pytest.fixture
def norwegian(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "nb")
    try:
        yield
    finally:
        remove_translations()


CASES = [
    (timedelta(hours=7, minutes=30, seconds=59), "7 h 30 min", "7 t 30 min"),
    (timedelta(minutes=45), "45 min", "45 min"),
    (timedelta(), "0 min", "0 min"),
    (-timedelta(hours=1, minutes=5), "-1 h 5 min", "-1 t 5 min"),
]


@pytest.mark.parametrize(("duration", "english", "_bokmal"), CASES)
def test_english_reads_as_the_command_line_does(duration: timedelta, english: str, _bokmal: str) -> None:
    assert duration_text(duration) == english == format_duration(duration)


@pytest.mark.parametrize(("duration", "_english", "bokmal"), CASES)
def test_bokmal_writes_t_for_hours(norwegian: None, duration: timedelta, _english: str, bokmal: str) -> None:
    assert duration_text(duration) == bokmal


def test_long_totals_group_their_digits_as_the_locale_does(norwegian: None) -> None:
    assert duration_text(timedelta(hours=1234)) == "1\u00a0234 t 0 min"
