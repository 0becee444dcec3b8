"""The desktop app as a person meets it: `stempel --demo` on a real X server (Xvfb).

A real window, the real keyring and the encrypted store: a key press on the
window becomes a punch that the command line then reads back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.secret_service import SecretService

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def x_display() -> Iterator[str]:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as announced:
        display = f":{announced.readline().strip()}"
    try:
        yield display
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


def wait_until(condition: object, timeout: float = 30.0) -> None:
    """Poll a condition (a callable returning bool) until it holds or time runs out."""
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("condition not met in time")
        time.sleep(0.1)


def test_demo_window_opens_and_a_shortcut_punches(
    real_keyring: SecretService, x_display: str, profile_dir: Path, tmp_path: Path
) -> None:
    env = {**real_keyring.env, "DISPLAY": x_display, "PYTHONPATH": str(ROOT)}
    env.pop("QT_QPA_PLATFORM", None)
    started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")  # as the store writes instants, text-ordered
    app = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--profile", str(profile_dir), "--demo"],
        env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )
    try:
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", "^Stempel"],
            env=env, capture_output=True, text=True, timeout=60, check=True,
        )
        window = found.stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True, timeout=30)

        def clocked_in() -> bool:
            # The window shows before its first read of the store is done, and a press
            # before then finds Clock in disabled (on a busy machine, seen in CI); press
            # until it is in. Once in, Clock in is disabled, so a press more adds nothing.
            subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+i"], env=env, check=True, timeout=30)
            done = subprocess.run(
                [sys.executable, "-m", "app.cli", "--profile", str(profile_dir), "status", "--json"],
                env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
            )
            return done.returncode == 0 and json.loads(done.stdout)["state"] == "in"

        wait_until(clocked_in)
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", "--profile", str(profile_dir), "export", "--employee", "1001"],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
        )
        made = [p for p in json.loads(done.stdout)["punches"] if p["kind"] == "in" and p["at_utc"] >= started]
        assert len(made) == 1  # the presses made one punch, however many there were
        shot = tmp_path / "screen.png"
        subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=60)
        spread = subprocess.run(
            ["identify", "-format", "%[fx:standard_deviation]", str(shot)],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout
        assert float(spread) > 0.05  # a drawn window, not a blank screen
    finally:
        app.terminate()
        _, errors = app.communicate(timeout=30)
    assert "Traceback" not in errors
