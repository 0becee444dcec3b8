"""The screenshots in docs/: the window, the sync bar's states and the two dialogs, on Xvfb.

    python -m tests.ui.screenshots docs

Starts its own Xvfb and draws with the real xcb platform (no window manager, so
no title bars); `import` (ImageMagick) takes each picture off the X server. The
window is the real one over throwaway stores (keys in memory); the sync engine
is the scripted fake of the UI tests, so each state can be shown on purpose.
Not a test: pytest does not collect it. Under PySide6 6.12.0 with Python 3.11
the process aborts while exiting (see tests/ui/test_qt_binding.py); every
picture is written by then.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QPoint
from PySide6.QtWidgets import QApplication, QWidget

from app.device_setup import Enrolled
from app.domain import PunchKind
from app.store import Store
from app.ui.app import _application, build_window
from app.ui.main_window import MainWindow
from app.ui.overview import SyncFacts
from app.ui.setup_dialog import SetupDialog
from app.ui.setup_jobs import SetupRequest
from app.ui.sync_bridge import SyncBridge
from app.ui.tasks import TaskRunner
from sync.engine import Progress, SyncReport
from sync.errors import CertificateRejected, DeviceRevoked, ServerUnavailable, SignInRefused
from sync.protocol import EnrollResponse, TokenResponse
from tests.keyring_fakes import MemoryKeyring
from tests.ui.sync_fakes import FakeSync, Outcome, enroll_in_store, report

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
NOW = datetime(2026, 11, 24, 9, 12, tzinfo=UTC)  # Tuesday 10:12 in Oslo
_INSIDE = "STEMPEL_SCREENSHOTS_ON_XVFB"
OFFLINE = datetime(2026, 11, 24, 6, 42, tzinfo=UTC)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def wait_for(condition: Callable[[], object], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise RuntimeError("timed out")
        QCoreApplication.processEvents()
        time.sleep(0.01)
    settle(0.2)


def label_says(window: MainWindow, text: str) -> bool:
    return window.sync_label.text() == text


def grab_window(widget: QWidget, name: str, out: Path | None = None) -> Path:
    widget.repaint()
    settle(0.2)
    path = (OUT if out is None else out) / name
    subprocess.run(["import", "-window", str(int(widget.winId())), str(path)], check=True)
    return path


def grab_part(window: QWidget, part: QWidget, name: str, margin: int = 0) -> Path:
    whole = grab_window(window, "_whole.png")
    at = part.mapTo(window, QPoint(0, 0))
    geometry = f"{part.width() + 2 * margin}x{part.height() + 2 * margin}+{at.x() - margin}+{at.y() - margin}"
    path = OUT / name
    subprocess.run(["convert", str(whole), "-crop", geometry, "+repage", str(path)], check=True)
    whole.unlink()
    return path


def enroll(store: Store, request: SetupRequest) -> Enrolled:
    answer = EnrollResponse(device_id="d-4f2a9c", kind="desktop", tenant=request.tenant, server_time=NOW)
    return Enrolled(answer, "9b1f6c2ad04e7f3b5c8a1e6d2f9b0c4a7e3d5f1b8c2a6e9d0f4b7a1c3e5d8f2a")


def refuse(store: Store, number: str, password: str) -> TokenResponse:
    raise SignInRefused("Wrong employee number or password")


def oslo(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 11, day, hour - 1, minute, tzinfo=UTC)  # CET is UTC+1 in November


def filled_setup_dialog(backend: MemoryKeyring) -> tuple[TaskRunner, MainWindow, SetupDialog]:
    """A window (and its runner) over a profile not yet set up, its setup dialog open and filled in."""
    folder = Path(tempfile.mkdtemp()) / "fresh"
    with Store.open(folder, backend=backend) as store:
        store.set_setting("employee", "1001")
        store.upsert_employee("1001", "Kari Nordmann")
    runner = TaskRunner(lambda: Store.open(folder, backend=backend, clock=lambda: NOW))
    window = build_window(runner, clock=lambda: NOW, enroll=enroll)
    window.resize(760, 600)
    window.show()
    wait_for(lambda: window.model.sync_facts_known)
    window.sync.open_setup()
    dialog = window.sync.setup_dialog
    assert dialog is not None
    wait_for(lambda: dialog.isVisible() and runner.is_idle())
    dialog.url_edit.setText("https://stempel.example:8443")
    dialog.tenant_edit.setText("fjordbakeri")
    dialog.code_edit.setText("K7QM-2XHD-PL9T")
    dialog.ca_edit.setText("/home/kari/Nedlastinger/stempel-ca.crt")
    dialog.code_edit.setFocus()
    settle()
    return runner, window, dialog


def main_window_shot(
    backend: MemoryKeyring,
    *,
    name: str = "main-window.png",
    synced: str = "Synced 14:09",
    out: Path | None = None,
) -> None:
    """docs/main-window.png: a lived-in Wednesday, synced a few minutes ago.

    `synced` is the sync bar's words to wait for (they depend on the language).
    """
    now = oslo(25, 14, 12)
    times = iter([
        oslo(23, 7, 40), oslo(23, 15, 0), oslo(24, 7, 52), oslo(24, 16, 0),
        oslo(25, 7, 58), oslo(25, 12, 1), oslo(25, 12, 31),
    ])
    folder = Path(tempfile.mkdtemp()) / "week"
    with Store.open(folder, backend=backend, clock=lambda: next(times)) as store:
        store.set_setting("employee", "1001")
        store.upsert_employee("1001", "Kari Nordmann")
        kinds = [PunchKind.IN, PunchKind.OUT] * 2 + [PunchKind.IN, PunchKind.BREAK_START, PunchKind.BREAK_END]
        for kind in kinds:
            store.punch("1001", kind)
        enroll_in_store(store)
    runner = TaskRunner(lambda: Store.open(folder, backend=backend, clock=lambda: now))
    window = build_window(runner, clock=lambda: now)
    window.resize(720, 560)
    window.show()
    wait_for(lambda: window.model.sync_facts_known)
    fake = FakeSync()
    fake.script(report(finished_at=oslo(25, 14, 9)))
    window.sync.attach(lambda: SyncBridge(fake.open_engine, interval=3600, watch_network=False))
    wait_for(lambda: window.sync_label.text() == synced)
    grab_window(window, name, out)
    window.sync.stop(5)
    window.close()
    runner.shutdown()


def main() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = _application(sys.argv[:1])
    assert isinstance(app, QApplication)
    backend = MemoryKeyring()
    main_window_shot(backend)
    folder = Path(tempfile.mkdtemp()) / "profile"
    punch_times = iter([
        NOW - timedelta(days=1, hours=2, minutes=10), NOW - timedelta(days=1, hours=-6),
        NOW - timedelta(hours=2, minutes=14),
    ])
    with Store.open(folder, backend=backend, clock=lambda: next(punch_times)) as store:
        store.set_setting("employee", "1001")
        store.upsert_employee("1001", "Kari Nordmann")
        store.punch("1001", PunchKind.IN)
        store.punch("1001", PunchKind.OUT)
        store.punch("1001", PunchKind.IN)
        enroll_in_store(store)

    runner = TaskRunner(lambda: Store.open(folder, backend=backend, clock=lambda: NOW))
    fake = FakeSync()
    bars: list[Path] = []

    window = build_window(runner, clock=lambda: NOW, enroll=enroll, sign_in=refuse)
    window.resize(760, 600)
    window.show()
    wait_for(lambda: window.model.sync_facts_known)

    # not set up: before the loop runs, the bar as an unenrolled profile shows it
    window.sync.view.active = False
    real_overview = window.model.overview
    assert real_overview is not None
    window.model.overview = replace(real_overview, pending=2, sync=SyncFacts())
    window.sync.view.pending = 2
    window.sync.view.changed.emit()
    settle()
    not_set_up = grab_part(window, window.sync_indicator, "_bar_not_set_up.png")
    window.model.overview = real_overview
    window.sync.view.pending = 0

    fake.script(report())
    window.sync.attach(
        lambda: SyncBridge(fake.open_engine, interval=3600, watch_network=False, clock=lambda: OFFLINE)
    )
    wait_for(lambda: window.sync_label.text() == "Synced 07:58")
    bars.append(grab_part(window, window.sync_indicator, "_bar_1.png"))

    release = threading.Event()

    def pushing(progress: Callable[[Progress], None]) -> SyncReport:
        progress(Progress("push", 1200, 20_000))
        release.wait(30)
        return report()

    steps: list[tuple[Outcome, str]] = [
        (pushing, "Syncing… 1,200 of 20,000"),
        (report(pending=3), "3 waiting to sync"),
        (
            ServerUnavailable("Could not connect to the server at stempel.example:8443"),
            "Offline since 07:42 — 3 waiting",
        ),
        (report(signed_in=False), "Sign-in needed"),
        (report(rejected_total=2), "Synced 07:58"),
        (CertificateRejected(), "The server's certificate is not the one this device trusts"),
        (DeviceRevoked("gone"), "This device was removed from the server"),
    ]
    for number, (outcome, text) in enumerate(steps, start=2):
        if text == "3 waiting to sync":
            release.set()
            wait_for(lambda: window.sync_label.text() == "Synced 07:58")
        if text.startswith("Offline"):
            fake.store.pending = 3
        fake.script(outcome)
        window.sync.sync_now()
        wait_for(partial(label_says, window, text))
        bars.append(grab_part(window, window.sync_indicator, f"_bar_{number}.png"))
    bars.append(not_set_up)
    subprocess.run(
        [
            "convert", *map(str, bars), "-background", "white", "-gravity", "north", "-splice", "0x8",
            "-append", "-chop", "0x8", "-bordercolor", "white", "-border", "10",
            str(OUT / "sync-indicator-states.png"),
        ],
        check=True,
    )

    # the setup dialog, filled in; then its success page
    fake.script(report())
    window.sync.sync_now()
    wait_for(lambda: window.sync_label.text() == "Synced 07:58")
    fresh_runner, fresh, dialog = filled_setup_dialog(backend)
    grab_window(dialog, "setup-dialog.png")
    dialog.url_edit.setText("http://stempel.example:8443")
    settle()
    grab_window(dialog, "setup-dialog-http-refused.png")
    dialog.url_edit.setText("https://stempel.example:8443")
    dialog.submit()
    wait_for(lambda: dialog.pages.currentIndex() == 1)
    grab_window(dialog, "setup-dialog-fingerprint.png")
    dialog.close()
    fresh.close()
    settle()

    window.sync.open_sign_in()
    login = window.sync.login_dialog
    assert login is not None
    wait_for(login.isVisible)
    login.password_edit.setText("not my password")
    login.submit()
    wait_for(login.error_label.isVisible)
    grab_window(login, "login-dialog.png")
    login.close()

    window.sync.stop(5)
    runner.shutdown()
    fresh_runner.shutdown()
    for tmp in OUT.glob("_*.png"):
        tmp.unlink()


def under_xvfb(
    module: str = "tests.ui.screenshots",
    out: Path | None = None,
    env: dict[str, str] | None = None,
    screen: str = "1280x800x24",
) -> int:
    """Run `module` (this one by default) in a child process drawing on a fresh Xvfb.

    `env` is added to the child's environment; `screen` is Xvfb's screen size and depth.
    """
    out = OUT if out is None else out
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_fd,), stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as announced:
            display = f":{announced.readline().strip()}"
        child_env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        child_env["DISPLAY"] = display
        child_env[_INSIDE] = "1"
        child_env.update(env or {})
        out.mkdir(parents=True, exist_ok=True)
        child = subprocess.run(
            [sys.executable, "-m", module, str(out)], env=child_env, timeout=300, check=False
        )
        return child.returncode
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


if __name__ == "__main__":
    if os.environ.get(_INSIDE):
        main()
    else:
        sys.exit(under_xvfb())
