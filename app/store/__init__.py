"""The encrypted local database of a profile (SQLCipher, key in the OS keyring)."""

from app.store.errors import (
    DatabaseDamaged,
    DatabaseMissing,
    DeviceRemoved,
    DiskFull,
    KeyMissing,
    KeyringLocked,
    KeyringUnavailable,
    ProfileBusy,
    PunchRefused,
    ReadOnlyStorage,
    SchemaTooNew,
    StoreError,
    WriteFailed,
    WrongKey,
)
from app.store.keyvault import unlock_keyring
from app.store.profile import default_profile_dir
from app.store.store import DirectoryEntry, Employee, OutboxEntry, Store

__all__ = [
    "DatabaseDamaged",
    "DatabaseMissing",
    "DeviceRemoved",
    "DirectoryEntry",
    "DiskFull",
    "Employee",
    "KeyMissing",
    "KeyringLocked",
    "KeyringUnavailable",
    "OutboxEntry",
    "ProfileBusy",
    "PunchRefused",
    "ReadOnlyStorage",
    "SchemaTooNew",
    "Store",
    "StoreError",
    "WriteFailed",
    "WrongKey",
    "default_profile_dir",
    "unlock_keyring",
]
