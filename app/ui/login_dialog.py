"""Sign in on this device: employee number and password, checked by the server off the UI thread.

The sign-in runs on the store worker (`TaskRunner.run`): it asks the server and
keeps the refresh token in the encrypted store. A wrong password says so, clears
the password field and puts the cursor back in it; the password is never kept
by the dialog once it has been sent.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.device_setup import NotEnrolled, sign_in_profile
from app.store import Store
from app.ui.error_text import error_sentence
from app.ui.panels import plain_label
from app.ui.tasks import TaskRunner
from sync.errors import SignInRefused
from sync.protocol import TokenResponse

__all__ = ["LoginDialog", "SignInJob"]

SignInJob = Callable[[Store, str, str], TokenResponse]


class LoginDialog(QDialog):
    """Sign an employee in. `signed_in(TokenResponse)` once the store keeps the session."""

    signed_in = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        sign_in: SignInJob = sign_in_profile,
        *,
        number: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._sign_in = sign_in
        self._busy = False
        self.setWindowTitle(self.tr("Sign in"))
        self.setMinimumWidth(400)

        intro = plain_label(self.tr("Sign in with your employee number and password."))
        intro.setWordWrap(True)
        self.number_edit = QLineEdit(number)
        self.number_edit.setAccessibleName(self.tr("Employee number"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        form = QFormLayout()
        number_label = QLabel(self.tr("&Employee number:"))
        number_label.setBuddy(self.number_edit)
        password_label = QLabel(self.tr("&Password:"))
        password_label.setBuddy(self.password_edit)
        form.addRow(number_label, self.number_edit)
        form.addRow(password_label, self.password_edit)

        self.error_label = plain_label()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Error"))
        self.error_label.hide()
        self.busy_label = plain_label(self.tr("Signing in…"))
        self.busy_label.setObjectName("mutedLabel")
        self.busy_label.hide()

        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.sign_in_button.setDefault(True)  # only once the button is inside the dialog
        self.number_edit.textChanged.connect(self._validate)
        self.password_edit.textChanged.connect(self._validate)
        self._validate()
        (self.password_edit if number else self.number_edit).setFocus()

    def _validate(self) -> None:
        complete = bool(self.number_edit.text().strip() and self.password_edit.text())
        self.sign_in_button.setEnabled(complete and not self._busy)

    def submit(self) -> None:
        """Sign in with what is typed, off the UI thread."""
        if self._busy or not self.sign_in_button.isEnabled():
            return
        number, password = self.number_edit.text().strip(), self.password_edit.text()
        sign_in = self._sign_in
        self._set_busy(True)
        self.error_label.hide()
        self._runner.run(
            lambda store: sign_in(store, number, password), self._succeeded, self._failed, receiver=self
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.number_edit, self.password_edit, self.cancel_button):
            widget.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        self._validate()

    def _succeeded(self, tokens: TokenResponse) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        self.signed_in.emit(tokens)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, SignInRefused):
            text = self.tr("Wrong employee number or password. Please try again.")
        elif isinstance(error, ValueError):
            text = self.tr("An employee number is at most 64 characters, a password at most 1024.")
        elif isinstance(error, NotEnrolled):
            text = self.tr("This device is not set up with a server yet: set it up first.")
        else:
            text = error_sentence(error)
        self.error_label.setText(text)
        self.error_label.show()
        if isinstance(error, SignInRefused):
            self.password_edit.clear()
        self.password_edit.setFocus()
        self.password_edit.selectAll()

    def reject(self) -> None:
        if self._busy:  # the answer is on its way; closing now would hide whether it worked
            return
        super().reject()
