"""docs/gallery/: every main screen in both languages and both colour schemes, on Xvfb.

    .venv/bin/python -m tests.ui.gallery docs/gallery

For each language (en, nb) and colour scheme (light, dark) this module runs
itself again in a fresh child process drawing on its own Xvfb
(`tests.ui.screenshots.under_xvfb`), with $STEMPEL_LANGUAGE and
$STEMPEL_COLOR_SCHEME set, so the app's own `_application()` picks both and
nothing leaks from one combination into the next. The child shoots, over
throwaway stores (keys in memory, the scripted fake sync engine) and with the
flows of the other screenshot scripts:

    main-window-<lang>-<scheme>.png        the employee window, clocked in (tests.ui.screenshots)
    setup-dialog-<lang>-<scheme>.png       the setup dialog, filled in
    login-dialog-<lang>-<scheme>.png       the sign-in dialog after a refused password
    manager-overview-<lang>-<scheme>.png   the manager window (tests.ui.manager_screenshots)
    manager-week-<lang>-<scheme>.png       its week view of one employee
    correction-dialog-<lang>-<scheme>.png  an employee's correction request
    kiosk-idle-<lang>.png                  the kiosk at 1024×600 (tests.ui.kiosk_screenshots);
    kiosk-action-<lang>.png                always dark, so once per language

The kiosk is shot in both schemes' runs; the parent checks the two come out
the same and keeps one. Not a test: pytest does not collect it, and importing
it does nothing (everything Qt is imported inside the functions).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LANGUAGES = ("en", "nb")
SCHEMES = ("light", "dark")
SCREENS = (
    "main-window",
    "manager-overview",
    "manager-week",
    "setup-dialog",
    "login-dialog",
    "correction-dialog",
)
KIOSK_SCREENS = ("kiosk-idle", "kiosk-action")
_SCREEN = "1920x1080x24"  # room for the manager window at 1440×860
_MIN_PSNR_DB = 40.0


def _shoot_combination(out: Path) -> None:
    """In the child, on Xvfb: every picture of the language and scheme the environment names."""
    from PySide6.QtCore import QCoreApplication, QLocale, QSize
    from PySide6.QtWidgets import QApplication

    from app.domain import PunchKind
    from app.store import Store
    from app.ui.app import _application, build_window
    from app.ui.i18n import install_translations
    from app.ui.kiosk.window import KioskWindow
    from app.ui.tasks import TaskRunner
    from app.ui.theme import current_scheme
    from sync.engine import SyncStatus
    from tests.keyring_fakes import MemoryKeyring
    from tests.ui import kiosk_screenshots, manager_screenshots
    from tests.ui.screenshots import (
        NOW,
        filled_setup_dialog,
        grab_window,
        main_window_shot,
        refuse,
        settle,
        wait_for,
    )
    from tests.ui.sync_fakes import enroll_in_store
    from tests.ui.test_kiosk_window import seed_kiosk_store

    language = os.environ["STEMPEL_LANGUAGE"]
    scheme = os.environ["STEMPEL_COLOR_SCHEME"]
    tag = f"{language}-{scheme}"
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = _application(sys.argv[:1])
    assert isinstance(app, QApplication)
    if install_translations(app) != language or current_scheme() != scheme:
        raise RuntimeError(f"wanted {tag}, the app is in {install_translations(app)}-{current_scheme()}")
    backend = MemoryKeyring()

    # the employee window: a lived-in Wednesday, clocked in, synced a few minutes ago
    synced = QCoreApplication.translate("SyncView", "Synced {time}").format(time="14:09")
    main_window_shot(backend, name=f"main-window-{tag}.png", synced=synced, out=out)
    print("wrote", out / f"main-window-{tag}.png", flush=True)

    # the setup dialog, filled in, over a profile not yet set up
    fresh_runner, fresh, setup = filled_setup_dialog(backend)
    grab_window(setup, f"setup-dialog-{tag}.png", out)
    print("wrote", out / f"setup-dialog-{tag}.png", flush=True)
    setup.close()
    fresh.close()

    # the sign-in dialog of an enrolled profile, after the server refused the password
    enrolled_folder = Path(tempfile.mkdtemp()) / "enrolled"
    with Store.open(enrolled_folder, backend=backend, clock=lambda: NOW) as store:
        store.set_setting("employee", "1001")
        store.upsert_employee("1001", "Kari Nordmann")
        store.punch("1001", PunchKind.IN)
        enroll_in_store(store)
    runner = TaskRunner(lambda: Store.open(enrolled_folder, backend=backend, clock=lambda: NOW))
    window = build_window(runner, clock=lambda: NOW, sign_in=refuse)
    window.resize(760, 600)
    window.show()
    wait_for(lambda: window.model.sync_facts_known)
    window.sync.open_sign_in()
    login = window.sync.login_dialog
    assert login is not None
    wait_for(login.isVisible)
    login.password_edit.setText("not my password")
    login.submit()
    wait_for(login.error_label.isVisible)
    grab_window(login, f"login-dialog-{tag}.png", out)
    print("wrote", out / f"login-dialog-{tag}.png", flush=True)
    login.close()
    window.close()
    settle()
    runner.shutdown()
    fresh_runner.shutdown()

    # the manager window (overview, one employee's week) and the correction dialog
    manager_screenshots.main(out=out, suffix=f"-{tag}")

    # the kiosk: always dark, so only the light run's pictures are kept (see _check_kiosk)
    kiosk_folder = Path(tempfile.mkdtemp()) / "kiosk"
    seed_kiosk_store(kiosk_folder, backend)
    with Store.open(kiosk_folder, backend=backend, clock=lambda: kiosk_screenshots.CLOCKED_IN) as store:
        store.punch("1001", PunchKind.IN, source="kiosk")
    kiosk_runner = TaskRunner(
        lambda: Store.open(kiosk_folder, backend=backend, clock=lambda: kiosk_screenshots.NOW)
    )
    kiosk = KioskWindow(
        kiosk_runner,
        "fjordbakeri",
        title="Fjordbakeri AS",
        clock=lambda: kiosk_screenshots.NOW,
        confirm_ms=600_000,
    )
    kiosk.show_sync_status(SyncStatus("synced", last_sync=kiosk_screenshots.SYNCED))
    kiosk.show()
    prefix = "" if scheme == "light" else "_"
    suffix = language if scheme == "light" else f"{language}-dark"
    size = QSize(1024, 600)
    kiosk_screenshots.shoot(kiosk, size, f"{prefix}kiosk-idle-{suffix}.png", out)
    kiosk_screenshots.sign_in(kiosk, "1001")
    kiosk_screenshots.shoot(kiosk, size, f"{prefix}kiosk-action-{suffix}.png", out)
    kiosk.back_to_idle()
    kiosk.close()
    kiosk_runner.shutdown()


def _check_kiosk(out: Path) -> list[str]:
    """The kiosk pictures of the dark runs against the light runs' (they should match); then removed."""
    problems = []
    for language in LANGUAGES:
        for screen in KIOSK_SCREENS:
            kept, dark = out / f"{screen}-{language}.png", out / f"_{screen}-{language}-dark.png"
            if not dark.exists():
                continue
            compared = subprocess.run(
                ["compare", "-metric", "AE", str(kept), str(dark), "null:"],
                capture_output=True,
                text=True,
                check=False,
            )
            differing = compared.stderr.strip().split(" ")[0]
            if compared.returncode != 0 or differing not in {"0", "0.0"}:
                problems.append(f"{kept.name}: {differing} pixels differ in the dark scheme's run")
            dark.unlink()
    return problems


def _shrink(path: Path) -> None:
    """Without metadata, in 256 colours if that looks the same (PSNR >= 40 dB), else losslessly.

    These pictures are committed: flat UI colours quantise well, undithered, to about a third.
    """
    small = path.with_name(f"_{path.name}")
    subprocess.run(
        [
            "convert",
            str(path),
            "-strip",
            "+dither",
            "-colors",
            "256",
            "-define",
            "png:compression-level=9",
            str(small),
        ],
        check=True,
    )
    compared = subprocess.run(
        ["compare", "-metric", "PSNR", str(path), str(small), "null:"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        psnr = float(compared.stderr.split()[0])
    except (IndexError, ValueError):
        psnr = 0.0
    if psnr >= _MIN_PSNR_DB:
        small.replace(path)
        return
    small.unlink()
    print(f"{path.name}: {psnr:.1f} dB in 256 colours, kept every colour", file=sys.stderr)
    subprocess.run(
        ["convert", str(path), "-strip", "-define", "png:compression-level=9", str(path)],
        check=True,
    )


def run(out: Path) -> int:
    """Every combination, each in its own child on its own Xvfb; 0 if every picture was written."""
    from tests.ui.screenshots import under_xvfb

    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    failed = []
    for language in LANGUAGES:
        for scheme in SCHEMES:
            config = Path(tempfile.mkdtemp(prefix="stempel-gallery-"))  # no Settings of the user's
            code = under_xvfb(
                "tests.ui.gallery",
                out,
                {
                    "QT_QPA_PLATFORM": "xcb",
                    "STEMPEL_LANGUAGE": language,
                    "STEMPEL_COLOR_SCHEME": scheme,
                    "XDG_CONFIG_HOME": str(config),
                },
                _SCREEN,
            )
            if code != 0:
                failed.append(f"{language}-{scheme}: the child ended with {code}")
    problems = _check_kiosk(out)
    expected = [out / f"{s}-{lang}-{scheme}.png" for s in SCREENS for lang in LANGUAGES for scheme in SCHEMES]
    expected += [out / f"{s}-{lang}.png" for s in KIOSK_SCREENS for lang in LANGUAGES]
    missing = [path for path in expected if not path.exists()]
    for path in expected:
        if path.exists():
            _shrink(path)
    total = sum(path.stat().st_size for path in expected if path.exists())
    took = time.monotonic() - started
    print(f"{len(expected) - len(missing)} pictures, {total / 1024:.0f} KiB, in {took:.0f} s")
    for line in failed + problems + [f"missing: {path}" for path in missing]:
        print(line, file=sys.stderr)
    return 1 if failed or missing else 0


def _child(out: Path) -> None:
    try:
        _shoot_combination(out)
    except BaseException:
        import traceback

        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    sys.stdout.flush()
    os._exit(0)  # PySide 6 with Python 3.11 may abort while exiting (see tests/ui/screenshots.py)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/gallery")
    if os.environ.get("STEMPEL_SCREENSHOTS_ON_XVFB"):
        _child(folder)
    else:
        sys.exit(run(folder))
