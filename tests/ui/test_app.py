"""Starting the app: run_gui opens the window over the profile, syncs if enrolled, shuts down cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def probe(profile: Path, *flags: str) -> tuple[dict[str, Any], str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.gui_probe", str(profile), *flags],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), done.stderr


def test_run_gui_shows_the_loaded_window_and_exits_zero(tmp_path: Path) -> None:
    shown, errors = probe(tmp_path / "profile")
    assert {k: shown[k] for k in ("code", "name", "app", "org", "sync")} == {
        "code": 0, "name": "Kari Nordmann", "app": "Stempel", "org": "Stempel", "sync": "Not set up to sync",
    }
    assert not shown["sync_thread_alive"]
    assert errors == ""


def test_run_gui_syncs_an_enrolled_profile_and_stops_the_loop_on_quit(tmp_path: Path) -> None:
    shown, errors = probe(tmp_path / "profile", "--enrolled")
    assert shown["code"] == 0
    assert shown["sync"].startswith("Offline since ")  # the loop ran and could not connect
    assert not shown["sync_thread_alive"]
    assert shown["quit_s"] < 5.0
    assert "Traceback" not in errors


def test_sigterm_quits_like_quit_and_stops_the_sync_loop(tmp_path: Path) -> None:
    shown, errors = probe(tmp_path / "profile", "--enrolled", "--terminate")
    assert shown["code"] == 0  # app.exec() returned: the finally blocks ran
    assert shown["sync"].startswith("Offline since ")
    assert not shown["sync_thread_alive"]
    assert "Traceback" not in errors
