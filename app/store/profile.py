"""A profile folder: one encrypted database, its id, and what is needed to open it.

The folder holds `profile.json` (the profile id, under which the database key
lives in the keyring, and short key checks) and `stempel.db` (+ -wal/-shm).
A key check is an HMAC of a constant under the key: it tells "wrong key" from
"damaged file" without revealing anything about the key.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from filelock import FileLock, Timeout

from app.store.errors import DatabaseDamaged, DiskFull, ProfileBusy, ReadOnlyStorage

PROFILE_ENV = "STEMPEL_PROFILE"
_CHECK_CONTEXT = b"stempel key check v1"


def default_profile_dir() -> Path:
    """`$STEMPEL_PROFILE`, else the platform's per-user data folder."""
    chosen = os.environ.get(PROFILE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_data_path("stempel", appauthor=False) / "default"


def key_check(key: bytes) -> str:
    return hmac.new(key, _CHECK_CONTEXT, hashlib.sha256).hexdigest()[:32]


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a crash leaves the old or the new file, never half."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class Profile:
    folder: Path
    id: str
    key_checks: list[str] = field(default_factory=list)

    @property
    def database(self) -> Path:
        return self.folder / "stempel.db"

    @property
    def _meta(self) -> Path:
        return self.folder / "profile.json"

    @classmethod
    def load(cls, folder: Path, *, create: bool = True) -> Profile:
        """Read the profile in `folder`; with `create`, make folder and id on first use."""
        folder = folder.expanduser().absolute()
        meta = folder / "profile.json"
        if meta.exists():
            try:
                raw = json.loads(meta.read_text(encoding="utf-8"))
                return cls(folder, str(raw["id"]), [str(c) for c in raw.get("key_checks", [])])
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                raise DatabaseDamaged("profile.json is not readable") from None
        if not create:
            raise FileNotFoundError(folder / "stempel.db")
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        profile = cls(folder, str(uuid.uuid4()))
        profile.save()
        return profile

    def save(self) -> None:
        body = {"id": self.id, "key_checks": self.key_checks}
        write_atomically(self._meta, json.dumps(body, indent=2).encode())

    def set_key_checks(self, keys: list[bytes]) -> None:
        self.key_checks = [key_check(k) for k in keys]
        self.save()

    @staticmethod
    @contextmanager
    def lock(folder: Path, timeout: float = 30.0) -> Iterator[None]:
        """Hold a profile's lock (across processes) while opening, creating or rekeying it."""
        lock = FileLock(folder / "profile.lock", timeout=timeout)
        try:
            lock.acquire()
        except Timeout:
            raise ProfileBusy() from None
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise DiskFull() from exc
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise ReadOnlyStorage() from exc
            raise
        try:
            yield
        finally:
            lock.release()

    def locked(self) -> AbstractContextManager[None]:
        return Profile.lock(self.folder)

    def knows_key(self, key: bytes) -> bool:
        return any(hmac.compare_digest(key_check(key), c) for c in self.key_checks)
