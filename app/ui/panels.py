"""The two lower sections of the window: today's punches and this week's hours."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.clock_model import ClockModel
from app.ui.durations import duration_text
from app.ui.overview import Overview
from app.ui.style import scaled_font

__all__ = ["TodayPanel", "WeekPanel", "plain_label", "qdate"]

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def plain_label(text: str = "") -> QLabel:
    """A label that shows its text as is: never as markup, whatever the data holds."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


class _Panel(QFrame):
    """A framed section with a bold heading."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(14, 10, 14, 12)
        self.column.setSpacing(8)
        self.title_label = plain_label(title)
        self.title_label.setObjectName("panelTitle")
        self.title_label.setFont(scaled_font(self.font(), 1.1, QFont.Weight.DemiBold))
        self.column.addWidget(self.title_label)


class TodayPanel(_Panel):
    """Today's punches in local time, oldest first: "07:58  Clocked in"."""

    def __init__(self, model: ClockModel, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Today"), parent)
        self._model = model
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Event")])
        self.table.setAccessibleName(self.tr("Today's punches"))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.hide()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.empty_label = plain_label(self.tr("No punches yet today."))
        self.empty_label.setObjectName("mutedLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.column.addWidget(self.table, 1)
        self.column.addWidget(self.empty_label, 1)

    def show_overview(self, overview: Overview | None, now: datetime) -> None:
        punches = [] if overview is None else overview.today_punches(now)
        time_font = scaled_font(self.font(), 1.0, QFont.Weight.DemiBold)
        self.table.setRowCount(len(punches))
        for row, punch in enumerate(punches):
            time_item = QTableWidgetItem(self._model.local_time(punch.at))
            time_item.setFont(time_font)
            self.table.setItem(row, 0, time_item)
            self.table.setItem(row, 1, QTableWidgetItem(self._model.kind_words(punch.kind)))
        self.table.setVisible(bool(punches))
        self.empty_label.setVisible(not punches)


class WeekPanel(_Panel):
    """Monday to Sunday of the current ISO week with daily totals, today in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("This week"), parent)
        self.grid = QWidget()
        grid = QGridLayout(self.grid)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        self.day_labels: list[QLabel] = []
        self.date_labels: list[QLabel] = []
        self.worked_labels: list[QLabel] = []
        for row in range(7):
            day, on, worked = plain_label(), plain_label(), plain_label()
            on.setObjectName("weekDate")
            worked.setAlignment(_RIGHT)
            grid.addWidget(day, row, 0)
            grid.addWidget(on, row, 1)
            grid.addWidget(worked, row, 2)
            self.day_labels.append(day)
            self.date_labels.append(on)
            self.worked_labels.append(worked)
        rule = QFrame()
        rule.setObjectName("rule")
        rule.setFrameShape(QFrame.Shape.HLine)
        grid.addWidget(rule, 7, 0, 1, 3)
        bold = scaled_font(self.font(), 1.0, QFont.Weight.Bold)
        total_title = plain_label(self.tr("Week total"))
        total_title.setFont(bold)
        self.total_label = plain_label()
        self.total_label.setFont(bold)
        self.total_label.setAlignment(_RIGHT)
        self.total_label.setAccessibleName(self.tr("Week total"))
        grid.addWidget(total_title, 8, 0, 1, 2)
        grid.addWidget(self.total_label, 8, 2)
        grid.setColumnStretch(1, 1)
        self.empty_label = plain_label(self.tr("Nothing recorded yet."))
        self.empty_label.setObjectName("mutedLabel")
        self.column.addWidget(self.grid)
        self.column.addWidget(self.empty_label)
        self.column.addStretch(1)

    def show_overview(self, overview: Overview | None, now: datetime) -> None:
        has_week = overview is not None and overview.employee is not None
        self.grid.setVisible(has_week)
        self.empty_label.setVisible(not has_week)
        if overview is None or overview.employee is None:
            self.title_label.setText(self.tr("This week"))
            return
        summary = overview.week(now)
        today = overview.local_day(now)
        self.title_label.setText(self.tr("This week · week {number}").format(number=summary.week))
        locale = QLocale()
        for row, (day, worked) in enumerate(summary.days.items()):
            weight = QFont.Weight.Bold if day == today else QFont.Weight.Normal
            font = scaled_font(self.font(), 1.0, weight)
            labels = (self.day_labels[row], self.date_labels[row], self.worked_labels[row])
            labels[0].setText(locale.dayName(day.isoweekday(), QLocale.FormatType.LongFormat))
            labels[1].setText(locale.toString(qdate(day), self.tr("d MMM")))
            if worked:
                labels[2].setText(duration_text(worked))
            else:
                labels[2].setText("—" if day <= today else "")
            for label in labels:
                label.setFont(font)
        self.total_label.setText(duration_text(summary.total))
