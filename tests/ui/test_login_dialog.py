"""The sign-in dialog: off the UI thread, a wrong password said plainly, then syncing picks it up."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.store import Store
from app.ui.app import build_window
from app.ui.login_dialog import LoginDialog
from app.ui.sync_bridge import SyncBridge
from app.ui.tasks import TaskRunner
from sync.errors import DeviceRevoked, ServerUnavailable, SignInRefused
from sync.protocol import TokenResponse
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import EMPLOYEE, MakeBridge, MakeRunner
from tests.ui.sync_fakes import FakeSync, report

PASSWORD = "Blåbær og 7 multer"  # fictitious


class FakeSignIn:
    """Stands in for signing in: notes each call and its thread; a wrong password is refused."""

    def __init__(self, outcome: Exception | None = None) -> None:
        self.outcome = outcome
        self.calls: list[tuple[str, str]] = []
        self.threads: list[int] = []

    def __call__(self, store: Store, number: str, password: str) -> TokenResponse:
        self.calls.append((number, password))
        self.threads.append(threading.get_ident())
        if self.outcome is not None:
            raise self.outcome
        if password != PASSWORD:
            raise SignInRefused("Wrong employee number or password")
        store.set_setting("refresh_token", "refresh-token")
        return TokenResponse(
            access_token="a", expires_in=300, refresh_token="r", employee=number, role="employee",
            device_id="device-1", server_time=datetime.now(UTC),
        )


def make_dialog(qtbot: QtBot, runner: TaskRunner, sign_in: FakeSignIn, number: str = "") -> LoginDialog:
    dialog = LoginDialog(runner, sign_in, number=number)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_sign_in_runs_off_the_ui_thread_and_closes_the_dialog(qtbot: QtBot, runner: TaskRunner) -> None:
    sign_in = FakeSignIn()
    dialog = make_dialog(qtbot, runner, sign_in)
    assert not dialog.sign_in_button.isEnabled()
    dialog.number_edit.setText(EMPLOYEE)
    dialog.password_edit.setText(PASSWORD)

    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed_in:
        dialog.sign_in_button.click()
        assert dialog.busy_label.isVisible()
        assert not dialog.password_edit.isEnabled()

    assert sign_in.calls == [(EMPLOYEE, PASSWORD)]
    assert sign_in.threads[0] != threading.get_ident()
    assert signed_in.args[0].employee == EMPLOYEE
    assert dialog.password_edit.text() == ""
    assert not dialog.isVisible()


def test_a_wrong_password_is_said_cleared_and_the_cursor_goes_back(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    dialog = make_dialog(qtbot, runner, FakeSignIn(), number=EMPLOYEE)
    dialog.password_edit.setText("wrong")

    with qtbot.waitSignal(runner.idle, timeout=10_000):
        dialog.sign_in_button.click()

    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Wrong employee number or password. Please try again."
    assert dialog.password_edit.text() == ""
    assert dialog.number_edit.text() == EMPLOYEE
    assert dialog.focusWidget() is dialog.password_edit
    assert not dialog.sign_in_button.isEnabled()  # no password: nothing to send


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (ServerUnavailable("x"), "could not be reached"),
        (DeviceRevoked("x"), "removed from the server"),
    ],
)
def test_other_failures_keep_the_password_and_say_what_happened(
    qtbot: QtBot, runner: TaskRunner, error: Exception, words: str
) -> None:
    dialog = make_dialog(qtbot, runner, FakeSignIn(error), number=EMPLOYEE)
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        dialog.sign_in_button.click()
    assert words in dialog.error_label.text()
    assert dialog.password_edit.text() == PASSWORD  # not the password's fault


def test_signing_in_with_the_keyboard_alone(qtbot: QtBot, runner: TaskRunner) -> None:
    sign_in = FakeSignIn()
    dialog = make_dialog(qtbot, runner, sign_in)
    assert dialog.focusWidget() is dialog.number_edit

    QTest.keyClicks(dialog.number_edit, EMPLOYEE)
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.password_edit
    QTest.keyClicks(dialog.password_edit, "wrong")
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.password_edit  # type again at once

    QTest.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert sign_in.calls == [(EMPLOYEE, "wrong"), (EMPLOYEE, PASSWORD)]


def test_escape_cancels(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, runner, FakeSignIn())
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_sign_in_from_the_bar_restarts_syncing_with_the_new_session(
    qtbot: QtBot, make_runner: MakeRunner, enrolled: Path, keyring_backend: MemoryKeyring,
    make_bridge: MakeBridge, fake_sync: FakeSync,
) -> None:
    runner = make_runner(lambda: Store.open(enrolled, backend=keyring_backend))
    window = build_window(runner, sign_in=FakeSignIn())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: window.model.sync_facts_known, timeout=10_000)
    made: list[SyncBridge] = []

    def factory() -> SyncBridge:
        made.append(make_bridge())
        return made[-1]

    fake_sync.script(report(signed_in=False))
    window.sync.attach(factory)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Sign-in needed", timeout=10_000)

    window.sync_indicator.action_button.click()
    dialog = window.sync.login_dialog
    assert isinstance(dialog, LoginDialog)
    assert dialog.number_edit.text() == EMPLOYEE  # the profile's own employee, filled in
    dialog.password_edit.setText(PASSWORD)
    fake_sync.script(report())
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        dialog.sign_in_button.click()

    qtbot.waitUntil(lambda: window.sync_label.text() == "Synced 07:58", timeout=10_000)
    assert fake_sync.events == ["open", "close", "open"]  # a fresh engine for the new session
    assert len(made) == 1
