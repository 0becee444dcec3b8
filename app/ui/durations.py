"""Durations as the user's language writes them: "7 h 30 min" in English, "7 t 30 min" in bokmål.

`app.domain.format_duration` is the command line's (always English); the
windows use `duration_text`, whose unit words go through Qt Linguist and
whose numbers follow the locale. Whole minutes, floored, with a leading "-"
for a deficit, as the domain's.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QLocale

__all__ = ["duration_text"]


def duration_text(d: timedelta) -> str:
    sign = "-" if d < timedelta() else ""
    hours, minutes = divmod(abs(d) // timedelta(minutes=1), 60)
    number = QLocale().toString
    if hours:
        text = QCoreApplication.translate("Durations", "{hours} h {minutes} min")
        return sign + text.format(hours=number(hours), minutes=number(minutes))
    return sign + QCoreApplication.translate("Durations", "{minutes} min").format(minutes=number(minutes))
