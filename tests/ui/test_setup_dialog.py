"""The setup dialog: checks as you type, enrolls off the UI thread, shows the server's fingerprint."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.device_setup import Enrolled
from app.store import Store
from app.ui.app import build_window
from app.ui.setup_dialog import SetupDialog
from app.ui.setup_jobs import CaFileNotPem, CaFileUnreadable, SetupRequest, enroll_device, grouped_fingerprint
from app.ui.sync_bridge import SyncBridge
from app.ui.tasks import TaskRunner
from sync.errors import CertificateRejected, EnrollmentRefused, InsecureAddress, ServerUnavailable
from sync.protocol import EnrollResponse
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import MakeBridge
from tests.ui.sync_fakes import FakeSync, enroll_in_store, report

FINGERPRINT = "3f9a0c1e" * 8
URL = "https://stempel.example:8443"


class FakeEnroll:
    """Stands in for enrolling: notes each request and its thread, then answers or raises."""

    def __init__(self, outcome: Exception | None = None, *, store_it: bool = False) -> None:
        self.outcome = outcome
        self.store_it = store_it
        self.requests: list[SetupRequest] = []
        self.threads: list[int] = []

    def __call__(self, store: Store, request: SetupRequest) -> Enrolled:
        self.requests.append(request)
        self.threads.append(threading.get_ident())
        if self.outcome is not None:
            raise self.outcome
        if self.store_it:
            enroll_in_store(store, signed_in=False)
        answer = EnrollResponse(
            device_id="device-7", kind="desktop", tenant=request.tenant, server_time=datetime.now(UTC)
        )
        return Enrolled(answer, FINGERPRINT)


def make_dialog(qtbot: QtBot, runner: TaskRunner, enroll: FakeEnroll) -> SetupDialog:
    dialog = SetupDialog(runner, enroll)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(runner.is_idle)  # the current setup has been read
    return dialog


def fill(dialog: SetupDialog, url: str = URL, tenant: str = "acme", code: str = "ABCD-EFGH") -> None:
    dialog.url_edit.setText(url)
    dialog.tenant_edit.setText(tenant)
    dialog.code_edit.setText(code)


def test_a_plain_http_address_is_refused_as_it_is_typed(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, runner, FakeEnroll())
    fill(dialog, url="http://stempel.example")

    assert dialog.url_problem.isVisible()
    assert "must start with https://" in dialog.url_problem.text()
    assert not dialog.set_up_button.isEnabled()

    dialog.url_edit.setText(URL)
    assert not dialog.url_problem.isVisible()
    assert dialog.set_up_button.isEnabled()


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("url_edit", "https://user:pw@stempel.example", "url_problem"),
        ("tenant_edit", "Acme AS", "tenant_problem"),
        ("pin_edit", "not-a-pin", "pin_problem"),
    ],
)
def test_each_bad_field_is_named_and_blocks_set_up(
    qtbot: QtBot, runner: TaskRunner, field: str, value: str, problem: str
) -> None:
    dialog = make_dialog(qtbot, runner, FakeEnroll())
    fill(dialog)
    getattr(dialog, field).setText(value)

    assert getattr(dialog, problem).isVisible()
    assert not dialog.set_up_button.isEnabled()


def test_set_up_needs_an_address_a_tenant_and_a_code(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, runner, FakeEnroll())
    assert not dialog.set_up_button.isEnabled()
    fill(dialog, code="")
    assert not dialog.set_up_button.isEnabled()
    dialog.code_edit.setText("ABCD-EFGH")
    assert dialog.set_up_button.isEnabled()


def test_success_enrolls_off_the_ui_thread_and_shows_the_fingerprint(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    enroll = FakeEnroll()
    dialog = make_dialog(qtbot, runner, enroll)
    fill(dialog, url=URL + "/", code=" ABCD-EFGH ")
    dialog.ca_edit.setText(str(tmp_path / "ca.crt"))
    dialog.pin_edit.setText(FINGERPRINT.upper())

    with qtbot.waitSignal(dialog.enrolled, timeout=10_000) as enrolled:
        dialog.set_up_button.click()
        assert dialog.busy_label.isVisible()
        assert not dialog.url_edit.isEnabled()

    assert enroll.requests == [
        SetupRequest(URL, "acme", "ABCD-EFGH", tmp_path / "ca.crt", FINGERPRINT, force=False)
    ]
    assert enroll.threads[0] != threading.get_ident()
    assert isinstance(enrolled.args[0], Enrolled)
    assert dialog.pages.currentIndex() == 1
    assert "device-7" in dialog.done_label.text()
    assert dialog.fingerprint_label.text() == grouped_fingerprint(FINGERPRINT)
    assert dialog.pin_note.isVisible()
    assert dialog.code_edit.text() == ""  # spent
    dialog.copy_button.click()
    clipboard = QApplication.clipboard()
    assert clipboard is not None
    assert clipboard.text() == FINGERPRINT


@pytest.mark.parametrize(
    ("error", "words", "focus"),
    [
        (EnrollmentRefused("x"), "refused the one-time code", "code_edit"),
        (CertificateRejected(), "certificate is not the one this device trusts", "ca_edit"),
        (ServerUnavailable("x"), "could not be reached", "url_edit"),
    ],
)
def test_a_failure_is_said_in_plain_words_and_the_form_stays(
    qtbot: QtBot, runner: TaskRunner, error: Exception, words: str, focus: str
) -> None:
    dialog = make_dialog(qtbot, runner, FakeEnroll(error))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    fill(dialog)

    with qtbot.waitSignal(runner.idle, timeout=10_000):
        dialog.set_up_button.click()

    assert dialog.pages.currentIndex() == 0
    assert dialog.error_label.isVisible()
    assert words in dialog.error_label.text()
    assert dialog.url_edit.isEnabled()
    assert dialog.set_up_button.isEnabled()
    assert dialog.focusWidget() is getattr(dialog, focus)


def test_a_device_already_set_up_is_named_and_set_up_again_on_purpose(
    qtbot: QtBot, runner: TaskRunner, enrolled: Path
) -> None:
    enroll = FakeEnroll()
    dialog = make_dialog(qtbot, runner, enroll)

    assert dialog.url_edit.text() == "https://stempel.invalid:8443"
    assert dialog.tenant_edit.text() == "acme"
    assert dialog.replace_note.isVisible()
    assert dialog.set_up_button.text() == "Set up again"

    dialog.code_edit.setText("NEW-CODE")
    with qtbot.waitSignal(dialog.enrolled, timeout=10_000):
        dialog.set_up_button.click()
    assert enroll.requests[0].force


def test_the_dialog_can_be_used_with_the_keyboard_alone(qtbot: QtBot, runner: TaskRunner) -> None:
    enroll = FakeEnroll()
    dialog = make_dialog(qtbot, runner, enroll)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.url_edit

    def typed(text: str) -> None:
        widget = dialog.focusWidget()
        assert widget is not None
        QTest.keyClicks(widget, text)

    typed(URL)
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    typed("acme")
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    typed("ABCD-EFGH")
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.tenant_edit  # Alt+T: the Tenant field's mnemonic

    with qtbot.waitSignal(dialog.enrolled, timeout=10_000):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert [r.tenant for r in enroll.requests] == ["acme"]
    assert dialog.focusWidget() is dialog.sign_in_button

    with qtbot.waitSignal(dialog.sign_in_requested):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)


def test_escape_does_not_close_the_dialog_while_the_server_answers(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    gate = threading.Event()

    class SlowEnroll(FakeEnroll):
        def __call__(self, store: Store, request: SetupRequest) -> Enrolled:
            gate.wait(10)
            return super().__call__(store, request)

    dialog = make_dialog(qtbot, runner, SlowEnroll())
    fill(dialog)
    dialog.set_up_button.click()
    dialog.reject()
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.enrolled, timeout=10_000):
        gate.set()


def test_set_up_from_the_menu_starts_syncing_once_enrolled(
    qtbot: QtBot, runner: TaskRunner, make_bridge: MakeBridge, fake_sync: FakeSync
) -> None:
    window = build_window(runner, enroll=FakeEnroll(store_it=True))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: window.model.sync_facts_known, timeout=10_000)
    made: list[SyncBridge] = []

    def factory() -> SyncBridge:
        made.append(make_bridge())
        return made[-1]

    window.sync.attach(factory)
    assert window.sync_label.text() == "Not set up to sync"

    window.sync.set_up_action.trigger()
    dialog = window.sync.setup_dialog
    assert isinstance(dialog, SetupDialog)
    qtbot.waitUntil(runner.is_idle)
    fill(dialog)
    fake_sync.script(report(signed_in=False))
    with qtbot.waitSignal(dialog.enrolled, timeout=10_000):
        dialog.set_up_button.click()

    qtbot.waitUntil(lambda: window.sync_label.text() == "Sign-in needed", timeout=10_000)
    assert len(made) == 1
    assert made[0].running
    assert window.sync.sign_in_action.isEnabled()


def test_grouped_fingerprint_reads_in_two_lines_of_four() -> None:
    assert grouped_fingerprint("0123456789abcdef" * 4) == (
        "01234567 89abcdef 01234567 89abcdef\n01234567 89abcdef 01234567 89abcdef"
    )


def test_enrolling_refuses_a_bad_ca_file_or_plain_http_before_any_connection(
    tmp_path: Path, profile: Path, keyring_backend: MemoryKeyring
) -> None:
    not_pem = tmp_path / "ca.crt"
    not_pem.write_text("not a certificate")
    with Store.open(profile, backend=keyring_backend) as store:
        with pytest.raises(CaFileUnreadable):
            enroll_device(store, SetupRequest(URL, "acme", "CODE", tmp_path / "missing.crt"))
        with pytest.raises(CaFileNotPem):
            enroll_device(store, SetupRequest(URL, "acme", "CODE", not_pem))
        with pytest.raises(InsecureAddress):
            enroll_device(store, SetupRequest("http://stempel.example", "acme", "CODE"))
        assert store.setting("device_id") is None


def test_a_bad_ca_file_is_named_and_the_cursor_goes_to_it(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, runner, FakeEnroll(CaFileNotPem("ca.crt")))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    fill(dialog)
    dialog.ca_edit.setText("ca.crt")
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        dialog.set_up_button.click()
    assert dialog.error_label.text() == "The CA file holds no certificate (a PEM file is needed)."
    assert dialog.focusWidget() is dialog.ca_edit
