"""Set up this device: server address, tenant, one-time code, and how to trust the server.

The address is checked as it is typed (https:// only, `sync.transport.check_base_url`),
so a plain http:// address never gets as far as a connection. Enrolling runs
on the store worker (`TaskRunner.run`): it talks to the server and then keeps
the enrollment in the encrypted store, so the UI thread never waits on either.
On success the dialog shows the server certificate's SPKI sha256 for the user
to compare with what the administrator gave them (`stempel-server init`
prints it), and offers to sign in.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.device_setup import Enrolled
from app.ui.error_text import error_sentence
from app.ui.fitted_dialog import FittedDialog
from app.ui.panels import plain_label
from app.ui.setup_jobs import (
    CaFileNotPem,
    CaFileUnreadable,
    EnrollJob,
    SetupRequest,
    current_setup,
    enroll_device,
    grouped_fingerprint,
)
from app.ui.tasks import TaskRunner
from sync import config
from sync.enrollment import check_tenant
from sync.errors import CertificateRejected, EnrollmentRefused, InsecureAddress, RateLimited
from sync.transport import check_base_url, parse_pin

__all__ = ["SetupDialog"]

MAX_CODE = 128
MIN_WIDTH = 560
_log = logging.getLogger(__name__)


class SetupDialog(FittedDialog):
    """Enroll this profile's device. `enrolled(Enrolled)` once the store keeps the enrollment."""

    enrolled = Signal(object)
    sign_in_requested = Signal()

    def __init__(
        self, runner: TaskRunner, enroll: EnrollJob = enroll_device, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._enroll = enroll
        self._busy = False
        self._replacing = False
        self.setWindowTitle(self.tr("Set up this device"))
        self.setMinimumWidth(MIN_WIDTH)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_form())
        self.pages.addWidget(self._build_done())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(self.pages)
        self.set_up_button.setDefault(True)  # only once the button is inside the dialog
        self._validate()
        runner.run(current_setup, self._show_current, self._current_unknown, receiver=self)

    # building -------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        intro = plain_label(
            self.tr(
                "Connect this device to your organisation's Stempel server. Your administrator "
                "gives you the server address, the tenant name and a one-time code."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)

        form = QFormLayout()
        form.setVerticalSpacing(6)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://stempel.example:8443")
        self.url_edit.setAccessibleName(self.tr("Server address"))
        self.url_problem = self._problem_label()
        self.url_problem.setAccessibleName(self.tr("Problem with the server address"))
        self.tenant_edit = QLineEdit()
        self.tenant_edit.setAccessibleName(self.tr("Tenant"))
        self.tenant_problem = self._problem_label()
        self.tenant_problem.setAccessibleName(self.tr("Problem with the tenant"))
        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName(self.tr("One-time code"))
        self.ca_edit = QLineEdit()
        self.ca_edit.setPlaceholderText(self.tr("Only if your server has its own certificate authority"))
        self.ca_edit.setAccessibleName(self.tr("CA file"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setAccessibleName(self.tr("Choose the CA file"))
        self.browse_button.setAutoDefault(False)  # Return sets up; it never opens a file chooser
        self.browse_button.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.browse_button)
        self.pin_edit = QLineEdit()
        self.pin_edit.setPlaceholderText(self.tr("Optional: 64 hex digits"))
        self.pin_edit.setAccessibleName(self.tr("Server key pin (SPKI sha256)"))
        self.pin_problem = self._problem_label()
        self.pin_problem.setAccessibleName(self.tr("Problem with the pin"))
        form.addRow(self._buddy(self.tr("&Server address:"), self.url_edit), self.url_edit)
        form.addRow("", self.url_problem)
        form.addRow(self._buddy(self.tr("&Tenant:"), self.tenant_edit), self.tenant_edit)
        form.addRow("", self.tenant_problem)
        form.addRow(self._buddy(self.tr("One-time &code:"), self.code_edit), self.code_edit)
        form.addRow(self._buddy(self.tr("C&A file:"), self.ca_edit), ca_row)
        form.addRow(self._buddy(self.tr("&Pin:"), self.pin_edit), self.pin_edit)
        form.addRow("", self.pin_problem)
        column.addLayout(form)

        self.replace_note = plain_label()
        self.replace_note.setObjectName("noteLabel")
        self.replace_note.setWordWrap(True)
        self.replace_note.setAccessibleName(self.tr("Note"))
        self.replace_note.hide()
        column.addWidget(self.replace_note)
        self.error_label = plain_label()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Error"))
        self.error_label.hide()
        column.addWidget(self.error_label)
        self.busy_label = plain_label(self.tr("Connecting to the server…"))
        self.busy_label.setObjectName("mutedLabel")
        self.busy_label.hide()
        column.addWidget(self.busy_label)
        column.addStretch(1)
        column.addSpacing(8)  # the buttons apart from the last field, however tight the dialog

        self.buttons = QDialogButtonBox()
        self.set_up_button = self.buttons.addButton(self.tr("Set up"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.set_up_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        column.addWidget(self.buttons)

        for edit in (self.url_edit, self.tenant_edit, self.code_edit, self.ca_edit, self.pin_edit):
            edit.textChanged.connect(self._validate)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        self.done_label = plain_label()
        self.done_label.setWordWrap(True)
        self.done_label.setObjectName("doneLabel")
        self.done_label.setAccessibleName(self.tr("Result"))
        compare = plain_label(
            self.tr(
                "Compare this fingerprint of the server's certificate (SPKI sha256) with the one "
                "your administrator gave you. If they differ, do not use this device and tell them."
            )
        )
        compare.setWordWrap(True)
        self.fingerprint_label = plain_label()
        self.fingerprint_label.setObjectName("fingerprint")
        self.fingerprint_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.fingerprint_label.setAccessibleName(self.tr("Server certificate fingerprint"))
        self.pin_note = plain_label(self.tr("It matches the pin you entered."))
        self.pin_note.setObjectName("noteLabel")
        self.copy_button = QPushButton(self.tr("&Copy fingerprint"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.setAccessibleDescription(self.tr("Copies the fingerprint to the clipboard"))
        self.copy_button.clicked.connect(self._copy_fingerprint)
        frame = QFrame()
        frame.setObjectName("fingerprintFrame")
        inner = QHBoxLayout(frame)
        inner.addWidget(self.fingerprint_label, 1)
        inner.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addWidget(self.done_label)
        column.addWidget(compare)
        column.addWidget(frame)
        column.addWidget(self.pin_note)
        column.addStretch(1)
        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(self.tr("&Sign in…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.sign_in_button.clicked.connect(self._sign_in_next)
        self.close_button.clicked.connect(self.accept)
        column.addWidget(buttons)
        self._fingerprint = ""
        return page

    @staticmethod
    def _problem_label() -> QLabel:
        label = plain_label()
        label.setObjectName("fieldProblem")
        label.setWordWrap(True)
        label.hide()
        return label

    @staticmethod
    def _buddy(text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    # validating -------------------------------------------------------------------------

    def _problems(self) -> tuple[str, str, str, bool]:
        """(address problem, tenant problem, pin problem, complete) for what is typed now."""
        url, tenant, pin = self.url_edit.text().strip(), self.tenant_edit.text().strip(), self.pin_edit.text()
        url_problem = tenant_problem = pin_problem = ""
        if url:
            try:
                check_base_url(url)
            except InsecureAddress:
                if not url.lower().startswith("https://"):
                    url_problem = self.tr("The address must start with https:// — plain http is never used.")
                else:
                    url_problem = self.tr("This is not a valid https:// address.")
        if tenant:
            try:
                check_tenant(tenant)
            except ValueError:
                tenant_problem = self.tr("Lower-case letters, digits and dashes only (at most 63).")
        if pin.strip():
            try:
                parse_pin(pin)
            except ValueError:
                pin_problem = self.tr("A pin is the 64 hex digits that `stempel-server init` prints.")
        code = self.code_edit.text().strip()
        complete = bool(url and tenant and code and len(code) <= MAX_CODE)
        return url_problem, tenant_problem, pin_problem, complete

    def _validate(self) -> None:
        url_problem, tenant_problem, pin_problem, complete = self._problems()
        for label, problem in (
            (self.url_problem, url_problem),
            (self.tenant_problem, tenant_problem),
            (self.pin_problem, pin_problem),
        ):
            label.setText(problem)
            label.setVisible(bool(problem))
        ok = complete and not (url_problem or tenant_problem or pin_problem)
        self.set_up_button.setEnabled(ok and not self._busy)
        self.fit()

    def request(self) -> SetupRequest:
        ca = self.ca_edit.text().strip()
        pin = self.pin_edit.text().strip()
        return SetupRequest(
            server_url=check_base_url(self.url_edit.text().strip()),
            tenant=self.tenant_edit.text().strip(),
            code=self.code_edit.text().strip(),
            ca_file=Path(ca).expanduser() if ca else None,
            pin=parse_pin(pin) if pin else None,
            force=self._replacing,
        )

    # acting -------------------------------------------------------------------------------

    def _show_current(self, current: config.Enrollment | None) -> None:
        if current is None:
            return
        self._replacing = True
        if not self.url_edit.text():
            self.url_edit.setText(current.server_url)
        if not self.tenant_edit.text():
            self.tenant_edit.setText(current.tenant)
        self.replace_note.setText(
            self.tr(
                "This device is already set up with {tenant}. Setting it up again replaces that "
                "setup; you will need to sign in again. Punches waiting to sync are kept."
            ).format(tenant=current.tenant)
        )
        self.replace_note.show()
        self.fit()
        self.set_up_button.setText(self.tr("Set up again"))

    def _show_page(self, index: int) -> None:
        """Show one page, sized to it alone (a stack is otherwise as tall as its tallest page)."""
        for number in range(self.pages.count()):
            page = self.pages.widget(number)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(index)
        self.pages.updateGeometry()
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.setMinimumHeight(0)  # the new page's own height, not the old one's
        self.adjustSize()
        self.fit()

    def _current_unknown(self, error: Exception) -> None:
        # Setting up will open the store again and say what is wrong, in words.
        _log.info("Could not read the current setup: %s", type(error).__name__)

    def _choose_ca(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the server's CA file"),
            self.ca_edit.text(),
            self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"),
        )
        if chosen:
            self.ca_edit.setText(chosen)

    def submit(self) -> None:
        """Enroll with what is typed (if it is complete and valid), off the UI thread."""
        if self._busy or not self.set_up_button.isEnabled():
            return
        request = self.request()
        self._set_busy(True)
        self.error_label.hide()
        enroll = self._enroll
        self._runner.run(lambda store: enroll(store, request), self._succeeded, self._failed, receiver=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (
            self.url_edit, self.tenant_edit, self.code_edit, self.ca_edit, self.pin_edit,
            self.browse_button, self.cancel_button,
        ):
            widget.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        self._validate()

    def _succeeded(self, done: Enrolled) -> None:
        self._set_busy(False)
        self.code_edit.clear()  # spent
        answer = done.answer
        self.done_label.setText(
            self.tr("This device is now set up with {tenant} (device {device}).").format(
                tenant=answer.tenant, device=answer.device_id
            )
        )
        self._fingerprint = done.server_spki_sha256 or ""
        self.fingerprint_label.setText(
            grouped_fingerprint(self._fingerprint) if self._fingerprint else self.tr("(not known)")
        )
        self.copy_button.setEnabled(bool(self._fingerprint))
        self.pin_note.setVisible(bool(self.pin_edit.text().strip()))
        self._show_page(1)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setFocus()
        self.enrolled.emit(done)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, CaFileUnreadable):
            text = self.tr("The CA file could not be read: check its name and that you may read it.")
            focus: QWidget = self.ca_edit
        elif isinstance(error, CaFileNotPem):
            text = self.tr("The CA file holds no certificate (a PEM file is needed).")
            focus = self.ca_edit
        elif isinstance(error, ValueError):
            text = self.tr("The one-time code is not valid: check it and try again.")
            focus = self.code_edit
        else:
            text = error_sentence(error)
            focus = {
                EnrollmentRefused: self.code_edit,
                CertificateRejected: self.ca_edit,
                RateLimited: self.code_edit,
            }.get(type(error), self.url_edit)
        self.error_label.setText(text)
        self.error_label.show()
        self.fit()
        focus.setFocus()
        if isinstance(focus, QLineEdit):
            focus.selectAll()

    def _copy_fingerprint(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None and self._fingerprint:
            clipboard.setText(self._fingerprint)

    def _sign_in_next(self) -> None:
        self.accept()
        self.sign_in_requested.emit()

    def reject(self) -> None:
        if self._busy:  # the server may be enrolling us right now: wait for its answer
            return
        super().reject()
