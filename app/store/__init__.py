"""The encrypted local database of a profile (SQLCipher, key in the OS keyring)."""

from app.store.errors import (
    DatabaseDamaged,
    DiskFull,
    KeyMissing,
    KeyringLocked,
    KeyringUnavailable,
    PunchRefused,
    ReadOnlyStorage,
    SchemaTooNew,
    StoreError,
    WriteFailed,
    WrongKey,
)
from app.store.profile import default_profile_dir
from app.store.store import Employee, OutboxEntry, Store

__all__ = [
    "DatabaseDamaged",
    "DiskFull",
    "Employee",
    "KeyMissing",
    "KeyringLocked",
    "KeyringUnavailable",
    "OutboxEntry",
    "PunchRefused",
    "ReadOnlyStorage",
    "SchemaTooNew",
    "Store",
    "StoreError",
    "WriteFailed",
    "WrongKey",
    "default_profile_dir",
]
