"""The server's settings: one object, made per server, never at import time (tests make many).

Also the file modes of the data folder. It holds names, password and PIN hashes
and private keys, so it is 0700 and every file the server makes in it 0600 (on
POSIX; elsewhere the folder's own access rules apply). SQLite gives a
database's -wal and -shm files the mode of the database file, so a database
made 0600 stays private whatever the umask of the process that opens it later.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

CONFIG_NAME = "server.json"
POSIX = os.name == "posix"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
OPEN_BITS = stat.S_IRWXG | stat.S_IRWXO


@contextmanager
def private_umask() -> Iterator[None]:
    """Whatever is created inside gets no group or other permission bits (POSIX; process-wide)."""
    if not POSIX:
        yield
        return
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def make_private_folder(path: Path) -> None:
    """Create `path` (and missing parents) if need be, and make it 0700."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if POSIX:
        path.chmod(PRIVATE_FOLDER)


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600; FileExistsError if it is there (an empty SQLite file is
    an empty database, so a database made here keeps 0600 for itself and its -wal and -shm)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def open_to_others(data: Path) -> tuple[int | None, int]:
    """The data folder's mode if group or others have any access to it, and how many
    files and folders under it allow group or others anything (POSIX; (None, 0) elsewhere)."""
    if not POSIX or not data.is_dir():
        return None, 0
    mode = stat.S_IMODE(data.stat().st_mode)
    entries = sum(
        1 for p in data.rglob("*") if stat.S_IMODE(p.lstat().st_mode) & OPEN_BITS and not p.is_symlink()
    )
    return (mode if mode & OPEN_BITS else None), entries


@dataclass(frozen=True)
class Settings:
    data: Path
    hostname: str = "localhost"
    access_ttl: int = 300  # seconds
    refresh_ttl: int = 30 * 24 * 3600  # idle seconds
    refresh_grace: int = 60  # a lost refresh answer may be fetched again this long
    dpop_window: int = 60  # seconds a proof's iat may differ from our clock
    login_attempts: int = 5  # failed logins per window before 429
    login_window: int = 300
    cert_file: Path | None = None
    key_file: Path | None = None
    tenants: Path = field(init=False)
    sessions: Path = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tenants", self.data / "tenants")
        object.__setattr__(self, "sessions", self.data / "sessions.db")
        if self.cert_file is None:
            object.__setattr__(self, "cert_file", self.data / "tls" / "server.crt")
        if self.key_file is None:
            object.__setattr__(self, "key_file", self.data / "tls" / "server.key")

    @classmethod
    def load(cls, data: Path, **overrides: object) -> Settings:
        """Read DATA/server.json (written by `init`), then apply command-line overrides."""
        raw: dict[str, object] = {}
        config = data / CONFIG_NAME
        if config.exists():
            raw = json.loads(config.read_text(encoding="utf-8"))
        for key in ("cert_file", "key_file"):
            if isinstance(raw.get(key), str):
                raw[key] = Path(str(raw[key]))
        raw.update({k: v for k, v in overrides.items() if v is not None})
        return cls(data=data, **raw)  # type: ignore[arg-type]

    def save(self) -> None:
        body = {k: v for k, v in asdict(self).items() if k not in ("data", "tenants", "sessions")}
        body = {k: str(v) if isinstance(v, Path) else v for k, v in body.items()}
        make_private_folder(self.data)
        fd = os.open(self.data / CONFIG_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            if POSIX:
                os.fchmod(f.fileno(), PRIVATE_FILE)  # an existing file keeps its mode through O_CREAT
            f.write(json.dumps(body, indent=2))

    def with_ttls(self, access: int | None, refresh: int | None) -> Settings:
        return replace(
            self,
            access_ttl=access if access is not None else self.access_ttl,
            refresh_ttl=refresh if refresh is not None else self.refresh_ttl,
        )
