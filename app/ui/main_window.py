"""The employee's window: status at a glance, the four punch buttons, today and this week.

A thin shell over `ClockModel`: it renders the model on every `changed` and
forwards presses to `ClockModel.punch`. It never touches the store itself.
Syncing (the bar at the bottom, the Stempel menu) is `SyncControls`' part.
Labels are plain text, so a name from the store can never carry markup.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain import DEFAULT_ZONE, PunchKind
from app.store import default_profile_dir, unlock_keyring
from app.ui.about_dialog import AboutDialog
from app.ui.clock_model import DEFAULT_RETRY_MS, Clock, ClockModel, Unlock, utc_now
from app.ui.export_dialog import ExportControls
from app.ui.icons import app_icon, state_icon
from app.ui.manager.controls import TeamControls
from app.ui.panels import TodayPanel, WeekPanel, plain_label, qdate
from app.ui.settings_dialog import SettingsDialog
from app.ui.style import scaled_font
from app.ui.sync_controls import SyncControls
from app.ui.sync_indicator import SyncIndicator
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.ui.login_dialog import SignInJob
    from app.ui.setup_jobs import EnrollJob

__all__ = ["PUNCH_ORDER", "MainWindow"]

PUNCH_ORDER = (PunchKind.IN, PunchKind.OUT, PunchKind.BREAK_START, PunchKind.BREAK_END)

_SHORTCUTS = {
    PunchKind.IN: "Ctrl+I",
    PunchKind.OUT: "Ctrl+O",
    PunchKind.BREAK_START: "Ctrl+B",
    PunchKind.BREAK_END: "Ctrl+E",
}

_MENU_SHORTCUT = "F10"

_COMMAND = re.compile(r"`([^`]+)`")


class MainWindow(QMainWindow):
    """The main window of the employee app.

    `ready` is emitted once, after the first successful load has been rendered
    and painted (a cold-start benchmark waits for it).
    """

    ready = Signal()
    hidden_to_tray = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        *,
        clock: Clock = utc_now,
        zone: ZoneInfo = DEFAULT_ZONE,
        retry_interval_ms: int = DEFAULT_RETRY_MS,
        unlock: Unlock = unlock_keyring,
        enroll: EnrollJob | None = None,
        sign_in: SignInJob | None = None,
        profile_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.profile_dir = profile_dir if profile_dir is not None else default_profile_dir()
        self.model = ClockModel(
            runner,
            clock=clock,
            zone=zone,
            retry_interval_ms=retry_interval_ms,
            unlock=unlock,
            parent=self,
        )
        self.sync = SyncControls(self.model, runner, self, enroll=enroll, sign_in=sign_in)
        self.team = TeamControls(self.model, runner, self.sync, self)
        self.export = ExportControls(self.model, runner, self)
        self._ready_sent = False
        self._hide_on_close = False
        self._quitting = False

        self.setWindowTitle(self.tr("Stempel"))
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(720, 560))

        self.punch_actions: dict[PunchKind, QAction] = {}
        self.punch_buttons: dict[PunchKind, QPushButton] = {}
        self._build_actions()
        self._build_menu()
        self.setCentralWidget(self._build_body())
        self.updated_label = plain_label()
        self.updated_label.setAccessibleName(self.tr("Last updated"))
        self.statusBar().addPermanentWidget(self.updated_label)

        self.model.changed.connect(self._render)
        self.model.loaded.connect(self._after_load)
        self.rest_question: QMessageBox | None = None  # while the short-rest question is open
        self.model.confirm_short_rest = self._confirm_short_rest
        self._render()

    def start(self) -> None:
        """Begin the first load from the store (on the worker)."""
        self.model.load()

    # building ------------------------------------------------------------------------

    def _punch_texts(self) -> dict[PunchKind, tuple[str, str]]:
        """(label with mnemonic, plain name) for each punch button."""
        return {
            PunchKind.IN: (self.tr("Clock &in"), self.tr("Clock in")),
            PunchKind.OUT: (self.tr("Clock &out"), self.tr("Clock out")),
            PunchKind.BREAK_START: (self.tr("Start &break"), self.tr("Start break")),
            PunchKind.BREAK_END: (self.tr("&End break"), self.tr("End break")),
        }

    def _build_actions(self) -> None:
        for kind, (label, name) in self._punch_texts().items():
            action = QAction(label, self)
            action.setShortcut(QKeySequence(_SHORTCUTS[kind]))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(name)
            action.triggered.connect(lambda _checked=False, k=kind: self.model.punch(k))
            self.addAction(action)
            self.punch_actions[kind] = action
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.quit_app)
        self.addAction(self.quit_action)
        self.addAction(self.sync.sync_now_action)
        self.addAction(self.team.team_action)
        self.about_action = QAction(self.tr("&About Stempel"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.settings_action.triggered.connect(self.show_settings)
        self.addAction(self.settings_action)

    def _build_menu(self) -> None:
        app_menu = self.menuBar().addMenu(self.tr("&Stempel"))
        self.app_menu = app_menu
        app_menu.addAction(self.sync.sync_now_action)
        app_menu.addAction(self.sync.refused_action)
        app_menu.addSeparator()
        app_menu.addAction(self.team.team_action)
        app_menu.addAction(self.team.correction_action)
        app_menu.addAction(self.export.export_action)
        app_menu.addSeparator()
        app_menu.addAction(self.sync.sign_in_action)
        app_menu.addAction(self.sync.set_up_action)
        app_menu.addSeparator()
        app_menu.addAction(self.settings_action)
        app_menu.addAction(self.about_action)
        app_menu.addSeparator()
        app_menu.addAction(self.quit_action)
        clock_menu = self.menuBar().addMenu(self.tr("&Clock"))
        for kind in PUNCH_ORDER:
            clock_menu.addAction(self.punch_actions[kind])
        # F10 opens the first menu, as in GTK and Windows programs (Qt itself offers only Alt).
        self.menu_action = QAction(self.tr("Open the menu"), self)
        self.menu_action.setShortcut(QKeySequence(_MENU_SHORTCUT))
        self.menu_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.menu_action.triggered.connect(self.open_menu)
        self.addAction(self.menu_action)

    def _build_body(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(12)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_error_banner())
        layout.addWidget(self._build_status_card())
        self.notice_label = plain_label()
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setWordWrap(True)
        self.notice_label.setAccessibleName(self.tr("Notice"))
        self.notice_label.hide()
        layout.addWidget(self.notice_label)
        layout.addLayout(self._build_buttons())
        lists = QHBoxLayout()
        lists.setSpacing(12)
        self.today_panel = TodayPanel(self.model)
        self.week_panel = WeekPanel()
        lists.addWidget(self.today_panel, 1)
        lists.addWidget(self.week_panel, 1)
        layout.addLayout(lists, 1)
        layout.addWidget(self._build_sync())
        return body

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        self.name_label = plain_label()
        self.name_label.setAccessibleName(self.tr("Employee"))
        self.name_label.setFont(scaled_font(self.font(), 1.35, QFont.Weight.DemiBold))
        self.detail_label = plain_label()
        self.detail_label.setAccessibleName(self.tr("Employee number and date"))
        self.detail_label.setObjectName("mutedLabel")
        header.addWidget(self.name_label)
        header.addStretch(1)
        header.addWidget(self.detail_label)
        return header

    def _build_error_banner(self) -> QFrame:
        self.error_banner = QFrame()
        self.error_banner.setObjectName("errorBanner")
        row = QHBoxLayout(self.error_banner)
        row.setContentsMargins(12, 8, 8, 8)
        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setAccessibleName(self.tr("Error"))
        self.retry_button = QPushButton(self.tr("&Try again"))
        self.retry_button.setAccessibleName(self.tr("Try again"))
        self.retry_button.clicked.connect(self.model.retry)
        row.addWidget(self.error_label, 1)
        row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.error_banner.hide()
        return self.error_banner

    def _build_status_card(self) -> QFrame:
        self.status_card = QFrame()
        self.status_card.setObjectName("statusCard")
        row = QHBoxLayout(self.status_card)
        row.setContentsMargins(18, 16, 18, 16)
        row.setSpacing(14)
        self.state_icon_label = QLabel()
        self.state_icon_label.setFixedSize(QSize(44, 44))
        self.state_icon_label.setAccessibleName(self.tr("Clock state"))
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setFont(scaled_font(self.font(), 1.6, QFont.Weight.DemiBold))
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Clock status"))
        self.confirmation_label = plain_label()
        self.confirmation_label.setObjectName("confirmationLabel")
        self.confirmation_label.setAccessibleName(self.tr("Last punch saved"))
        self.confirmation_label.hide()
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.status_label)
        texts.addWidget(self.confirmation_label)
        row.addWidget(self.state_icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(texts, 1)
        return self.status_card

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        font = scaled_font(self.font(), 1.1, QFont.Weight.DemiBold)
        for kind, (label, name) in self._punch_texts().items():
            button = QPushButton(label)
            button.setObjectName("punchButton")
            button.setFont(font)
            button.setMinimumHeight(44)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(name)
            shortcut = QKeySequence(_SHORTCUTS[kind]).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            button.setAccessibleDescription(self.tr("Shortcut: {keys}").format(keys=shortcut))
            button.setToolTip(self.tr("{name} ({keys})").format(name=name, keys=shortcut))
            button.clicked.connect(lambda _checked=False, k=kind: self.model.punch(k))
            self.punch_buttons[kind] = button
            row.addWidget(button)
        return row

    def _build_sync(self) -> SyncIndicator:
        self.sync_indicator = SyncIndicator(self.sync.view)
        self.sync_label = self.sync_indicator.text_label
        self.sync_indicator.sync_now_button.setToolTip(self.sync.sync_now_action.toolTip())
        self.sync_indicator.sync_now_button.clicked.connect(self.sync.sync_now)
        self.sync_indicator.cancel_button.clicked.connect(self.sync.cancel_sync)
        self.sync_indicator.action_button.clicked.connect(
            lambda: self.sync.act(self.sync_indicator.action)
        )
        self.sync_indicator.refused_button.clicked.connect(self.sync.show_refused)
        return self.sync_indicator

    # rendering -------------------------------------------------------------------------

    def _render(self) -> None:
        model = self.model
        overview = model.overview
        now = model.now()
        employee = None if overview is None else overview.employee
        state = overview.state if overview is not None and employee is not None else None

        self._show_status(model.status_text())
        clock = "none" if state is None else state.value
        if self.status_card.property("clock") != clock:
            self.status_card.setProperty("clock", clock)
            self.status_card.style().unpolish(self.status_card)
            self.status_card.style().polish(self.status_card)
        self.state_icon_label.setPixmap(state_icon(state).pixmap(QSize(44, 44)))
        self.state_icon_label.setAccessibleDescription(model.status_text().replace("`", ""))
        saved = self.tr("Saved: {punch}").format(punch=model.confirmation)
        self.confirmation_label.setText(saved if model.confirmation else "")
        self.confirmation_label.setVisible(bool(model.confirmation))

        enabled = model.enabled_kinds()
        for kind in PUNCH_ORDER:
            self.punch_buttons[kind].setEnabled(kind in enabled)
            self.punch_actions[kind].setEnabled(kind in enabled)

        notices = model.notices()
        self.notice_label.setText("\n".join(notices))
        self.notice_label.setVisible(bool(notices))

        self.error_label.setText(model.error_text)
        self.error_banner.setVisible(bool(model.error_text))
        self.retry_button.setVisible(model.retry_offered)
        self.retry_button.setEnabled(not model.loading)

        if overview is not None and employee is not None:
            today = QLocale().toString(qdate(overview.local_day(now)), QLocale.FormatType.LongFormat)
            self.name_label.setText(employee.display_name or employee.number)
            self.detail_label.setText(
                self.tr("Employee {number} · {today}").format(number=employee.number, today=today)
            )
        else:
            self.name_label.setText(self.tr("Stempel"))
            self.detail_label.setText("")
        self.today_panel.show_overview(overview, now)
        self.week_panel.show_overview(overview, now)
        self._render_status_bar()

    def _render_status_bar(self) -> None:
        model = self.model
        if model.busy:
            self.statusBar().showMessage(self.tr("Saving your punch…"))
        elif model.error_text:
            self.statusBar().showMessage(self.tr("Not saved"))
        elif model.confirmation:
            self.statusBar().showMessage(model.confirmation)
        else:
            self.statusBar().clearMessage()
        if model.overview is None:
            self.updated_label.setText("")
        else:
            loaded = model.local_time(model.overview.loaded_at)
            self.updated_label.setText(self.tr("Updated {time}").format(time=loaded))

    def _show_status(self, text: str) -> None:
        """Plain text, except that a `command` is shown as code that never breaks."""
        if "`" not in text:
            self.status_label.setTextFormat(Qt.TextFormat.PlainText)
            self.status_label.setText(text)
            return
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setText(
            _COMMAND.sub(r'<code style="white-space: pre">\1</code>', html.escape(text))
        )

    # reacting ----------------------------------------------------------------------------

    def _confirm_short_rest(self, rest: timedelta) -> bool:
        """Ask before a clock-in that breaks the daily rest; the default answer keeps the punch."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Short rest"),
            self.model.short_rest_question(rest),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Clock &in anyway"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&Not now"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        self.rest_question = box
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            self.rest_question = None

    def _after_load(self) -> None:
        if self._ready_sent:
            return
        self._ready_sent = True
        if self.isVisible():
            self.repaint()  # paint now, so `ready` means "the user can see it"
        self.ready.emit()

    # closing -----------------------------------------------------------------------------

    def set_hide_on_close(self, hide: bool) -> None:
        """With a tray icon, closing the window hides it; Quit ends the app."""
        self._hide_on_close = hide

    def show_about(self) -> AboutDialog:
        """Open the About dialog (window-modal; it closes itself)."""
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_menu(self) -> None:
        """Open the Stempel menu (F10), for those used to it from other programs."""
        self.menuBar().setActiveAction(self.app_menu.menuAction())

    def show_settings(self) -> SettingsDialog:
        """Open the Settings dialog (window-modal; it closes itself)."""
        dialog = SettingsDialog(self.profile_dir, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def changeEvent(self, event: QEvent) -> None:
        """On a language switch, the punch buttons and actions take the new words at once."""
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "punch_buttons"):
            for kind, (label, name) in self._punch_texts().items():
                if kind in self.punch_buttons:
                    self.punch_buttons[kind].setText(label)
                    self.punch_buttons[kind].setAccessibleName(name)
                if kind in self.punch_actions:
                    self.punch_actions[kind].setText(label)
                    self.punch_actions[kind].setToolTip(name)
        super().changeEvent(event)

    def quit_app(self) -> None:
        self._quitting = True
        QCoreApplication.quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._hide_on_close and not self._quitting:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        super().closeEvent(event)
