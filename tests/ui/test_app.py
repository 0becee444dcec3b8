"""Starting the app: run_gui opens the window over the profile and shuts down cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_run_gui_shows_the_loaded_window_and_exits_zero(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.gui_probe", str(tmp_path / "profile")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {
        "code": 0, "name": "Kari Nordmann", "app": "Stempel", "org": "Stempel",
    }
    assert done.stderr == ""
