"""A real Secret Service for tests: a private D-Bus session bus with gnome-keyring on it.

The bus is started without DISPLAY, so gnome-keyring's unlock prompt cannot
appear and block a test: a locked keyring answers "locked" at once.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass

import secretstorage
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import DBusConnection
from secretstorage.util import format_secret, open_session

PASSWORD = b"stempel-test-keyring"


@dataclass(frozen=True)
class SecretService:
    env: dict[str, str]  # environment for a child process that should see this keyring

    @property
    def address(self) -> str:
        return self.env["DBUS_SESSION_BUS_ADDRESS"]

    def _collection(self, conn: DBusConnection) -> secretstorage.Collection:
        return secretstorage.get_default_collection(conn)

    def lock(self) -> None:
        with closing(secretstorage.dbus_init()) as conn:
            self._collection(conn).lock()

    def unlock(self) -> None:
        """Unlock with the password, as the login screen would (no prompt)."""
        with closing(secretstorage.dbus_init()) as conn:
            collection = self._collection(conn)
            session = open_session(conn)
            target = DBusAddress(
                "/org/freedesktop/secrets",
                bus_name="org.freedesktop.secrets",
                interface="org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
            )
            secret = format_secret(session, PASSWORD, "text/plain")
            conn.send_and_get_reply(
                new_method_call(target, "UnlockWithMasterPassword", "o(oayays)",
                                (collection.collection_path, secret))
            )

    def is_locked(self) -> bool:
        with closing(secretstorage.dbus_init()) as conn:
            return bool(self._collection(conn).is_locked())


@contextmanager
def running_secret_service() -> Iterator[SecretService]:
    """Start dbus-daemon and gnome-keyring-daemon in a throwaway home; stop both after."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed; .ci/run installs it (dbus, gnome-keyring)")
    base = tempfile.mkdtemp(prefix="stempel-keyring-")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_DATA_HOME"] = os.path.join(base, "data")
    env["XDG_RUNTIME_DIR"] = os.path.join(base, "run")
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700)
    started = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"],
        env=env, capture_output=True, text=True, check=True, timeout=30,
    ).stdout.split()
    address, bus_pid = started[0], int(started[1])
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize"],
            input=PASSWORD, env=env, capture_output=True, check=True, timeout=30,
        )
        yield SecretService(env)
    finally:
        subprocess.run(["pkill", "-f", f"gnome-keyring-daemon.*{base}"], check=False)
        _kill_keyring_daemons(env)
        os.kill(bus_pid, signal.SIGTERM)
        shutil.rmtree(base, ignore_errors=True)


def _kill_keyring_daemons(env: dict[str, str]) -> None:
    """gnome-keyring-daemon has no stop command; end the one on our bus by its environment."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"gnome-keyring-daemon" not in f.read():
                    continue
            with open(f"/proc/{pid}/environ", "rb") as f:
                if env["DBUS_SESSION_BUS_ADDRESS"].encode() not in f.read():
                    continue
            os.kill(int(pid), signal.SIGTERM)
        except (OSError, ProcessLookupError):
            continue
