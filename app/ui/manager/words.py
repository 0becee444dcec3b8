"""The manager window's words: decision states, anomalies, punches and times, translated.

Pure functions over the core's values, so the table model, the week view and
the dialogs say the same thing the same way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from app.domain import ClockState, Finding, PunchKind, rule_info
from app.domain.week_review import LONG_SHIFT_LIMIT, OPEN_SHIFT_LIMIT, Anomaly, AnomalyKind
from app.team_review import WeekDecision
from app.ui.durations import duration_text
from app.ui.panels import qdate

__all__ = [
    "anomaly_text",
    "clock_state_text",
    "day_text",
    "decision_text",
    "finding_text",
    "hours_text",
    "local_time",
    "punch_kind_text",
    "rule_title",
    "stamp_text",
    "week_title",
    "week_words",
]

# Each call names its context and its text literally, so that pyside6-lupdate finds them.
translate = QCoreApplication.translate


def decision_text(decision: WeekDecision) -> str:
    """ "Open", "Pending sync", "Approved" (which locks the week), "Rejected" or "Conflict"."""
    if decision.status == "pending-sync":
        return translate("ManagerWords", "Pending sync")
    if decision.status == "approved":
        return translate("ManagerWords", "Approved")
    if decision.status == "rejected":
        return translate("ManagerWords", "Rejected")
    if decision.status == "conflict":
        return translate("ManagerWords", "Conflict")
    return translate("ManagerWords", "Open")


def clock_state_text(state: ClockState) -> str:
    if state is ClockState.IN:
        return translate("ManagerWords", "In")
    if state is ClockState.ON_BREAK:
        return translate("ManagerWords", "On break")
    return translate("ManagerWords", "Out")


def punch_kind_text(kind: PunchKind) -> str:
    if kind is PunchKind.IN:
        return translate("ManagerWords", "Clock in")
    if kind is PunchKind.OUT:
        return translate("ManagerWords", "Clock out")
    if kind is PunchKind.BREAK_START:
        return translate("ManagerWords", "Break start")
    return translate("ManagerWords", "Break end")


def local_time(at: datetime, zone: ZoneInfo) -> str:
    return at.astimezone(zone).strftime("%H:%M")


def stamp_text(at: datetime, zone: ZoneInfo) -> str:
    """A day and a time, e.g. "Tue 24.11. 07:58" (local)."""
    local = at.astimezone(zone)
    day = QLocale().dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{day} {local.strftime('%d.%m. %H:%M')}"


def day_text(day: date) -> str:
    """ "Monday 23 Nov" in the user's language."""
    locale = QLocale()
    name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{name} {locale.toString(qdate(day), 'd MMM')}"


def hours_text(duration: timedelta) -> str:
    return duration_text(duration) if duration else "—"


def week_title(week: str) -> str:
    """ "Week 48, 2026" from "2026-W48"."""
    year, number = week.split("-W")
    return translate("ManagerWords", "Week {number}, {year}").format(number=int(number), year=year)


def _hours(limit: timedelta) -> str:
    return f"{limit.total_seconds() / 3600:g}"


def week_words(week: str) -> str:
    """ "week 48, 2026", for the middle of a sentence."""
    year, number = week.split("-W")
    return translate("ManagerWords", "week {number}, {year}").format(number=int(number), year=year)


def anomaly_text(anomaly: Anomaly, zone: ZoneInfo) -> str:
    """One anomaly in words, at its local time; an open shift says when it might have ended."""
    at = local_time(anomaly.at, zone)
    kind = anomaly.kind
    if kind is AnomalyKind.OPEN_SHIFT:
        text = translate(
            "ManagerWords", "No clock-out for more than {hours} h after the clock-in at {time}"
        ).format(hours=_hours(OPEN_SHIFT_LIMIT), time=at)
        if anomaly.suggestion is not None:
            text += " — " + translate("ManagerWords", "suggested clock-out {time}").format(
                time=stamp_text(anomaly.suggestion, zone)
            )
        return text
    if kind is AnomalyKind.OVERLAP:
        return translate(
            "ManagerWords", "Clocked in again at {time} while already in: shifts overlap"
        ).format(time=at)
    if kind is AnomalyKind.STRAY:
        return translate("ManagerWords", "A clock-out or break end at {time} with nothing open").format(
            time=at
        )
    if kind is AnomalyKind.TOO_LONG:
        return translate("ManagerWords", "The shift from {time} is longer than {hours} h").format(
            time=at, hours=_hours(LONG_SHIFT_LIMIT)
        )
    if kind is AnomalyKind.SKEWED_CLOCK:
        return translate(
            "ManagerWords", "The punch at {time} came from a device whose clock was more than 2 min off"
        ).format(time=at)
    return translate("ManagerWords", "The punch at {time} was made on a kiosk while it was offline").format(
        time=at
    )


# The title of each work-time rule (app.domain's rule ids), in the words of arbeidsmiljøloven
# kapittel 10 when translated; QT_TRANSLATE_NOOP marks each for pyside6-lupdate.
_RULE_TITLES: dict[str, str] = {
    "aml-10-4-day": str(QT_TRANSLATE_NOOP("ManagerWords", "normal working time per 24 hours")),
    "aml-10-4-week": str(QT_TRANSLATE_NOOP("ManagerWords", "normal working time per 7 days")),
    "aml-10-6-overtime-week": str(QT_TRANSLATE_NOOP("ManagerWords", "overtime per 7 days")),
    "aml-10-6-overtime-4weeks": str(QT_TRANSLATE_NOOP("ManagerWords", "overtime per 4 consecutive weeks")),
    "aml-10-6-overtime-year": str(QT_TRANSLATE_NOOP("ManagerWords", "overtime per 52 weeks")),
    "aml-10-6-total-day": str(QT_TRANSLATE_NOOP("ManagerWords", "total working time per 24 hours")),
    "aml-10-6-total-8weeks": str(QT_TRANSLATE_NOOP("ManagerWords", "total working time, 8-week average")),
    "aml-10-8-daily-rest": str(QT_TRANSLATE_NOOP("ManagerWords", "daily rest")),
    "aml-10-8-weekly-rest": str(QT_TRANSLATE_NOOP("ManagerWords", "weekly rest")),
    "aml-10-9-break": str(QT_TRANSLATE_NOOP("ManagerWords", "breaks")),
    "aml-10-10-sunday": str(QT_TRANSLATE_NOOP("ManagerWords", "Sunday and public holiday work")),
    "aml-10-11-night": str(QT_TRANSLATE_NOOP("ManagerWords", "night work")),
}


def rule_title(rule_id: str) -> str:
    """A work-time rule's title in the user's language; an unknown rule keeps the domain's English title."""
    source = _RULE_TITLES.get(rule_id)
    if source is None:
        return rule_info(rule_id).title
    return translate("ManagerWords", source)


def finding_text(finding: Finding) -> str:
    """A work-time law finding in a few words: the section, the rule, what was measured against its limit."""
    info = rule_info(finding.rule)
    value = duration_text(finding.value)
    limit = duration_text(finding.limit)
    if info.severity.value == "info":
        template = translate("ManagerWords", "{section} {title}: {value}")
        return template.format(section=info.section, title=rule_title(finding.rule), value=value)
    if finding.rule in ("aml-10-8-daily-rest", "aml-10-8-weekly-rest", "aml-10-9-break"):
        template = translate("ManagerWords", "{section} {title}: {value} (at least {limit})")
    else:
        template = translate("ManagerWords", "{section} {title}: {value} (at most {limit})")
    return template.format(section=info.section, title=rule_title(finding.rule), value=value, limit=limit)
