"""What can go wrong with the local store, as one exception tree.

    StoreError
    ├── KeyringUnavailable   no usable OS keyring (e.g. no Secret Service)
    ├── KeyringLocked        a keyring is there but locked; retry once unlocked
    ├── KeyMissing           the database exists but its key is not in the keyring
    ├── WrongKey             a key is there but does not open the database
    ├── DatabaseDamaged      the right key, but the file is not a readable database
    ├── DatabaseMissing      the profile had a database that is gone; none is made over it
    ├── ProfileBusy          another Stempel holds the profile's lock too long
    ├── SchemaTooNew         written by a newer Stempel than this one
    ├── WriteFailed          a write (a punch) did not happen
    │   ├── DiskFull
    │   └── ReadOnlyStorage
    └── PunchRefused         the punch does not fit the employee's state

Every leaf leaves the database file exactly as it was. Messages are English,
plain and free of secrets; the UI maps each leaf to a translated sentence.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base of everything the store raises on purpose."""


class KeyringUnavailable(StoreError):
    def __init__(self, detail: str = "") -> None:
        hint = (
            "No usable keyring was found, so the database key cannot be kept safely. "
            "On Linux, install and start a Secret Service (for example gnome-keyring "
            "or KWallet) and log in to a desktop session; Stempel never stores the key "
            "in plain text."
        )
        super().__init__(f"{hint} ({detail})" if detail else hint)


class KeyringLocked(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "Your keyring is locked. Unlock it (your login password usually does) and Stempel will carry on."
        )


class KeyMissing(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "The key for this profile's database is not in your keyring. The database "
            "was left untouched; restore the keyring entry or use another profile."
        )


class WrongKey(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "The key in your keyring does not open this profile's database. The database was left untouched."
        )


class DatabaseDamaged(StoreError):
    def __init__(self, detail: str = "") -> None:
        text = "The profile's database is damaged or is not a Stempel database. It was left untouched."
        super().__init__(f"{text} ({detail})" if detail else text)


class DatabaseMissing(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "This profile's database file is missing (moved, deleted or on a drive that is not "
            "connected). Stempel will not start a new one in its place; restore the file or use "
            "another profile folder."
        )


class ProfileBusy(StoreError):
    def __init__(self) -> None:
        super().__init__("Another Stempel window or command is busy with this profile; try again shortly.")


class SchemaTooNew(StoreError):
    def __init__(self, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"This database was written by a newer Stempel (schema {found}; this version "
            f"reads up to {supported}). Update Stempel; the database was left untouched."
        )


class WriteFailed(StoreError):
    """A write did not happen; nothing of it was stored."""


class DiskFull(WriteFailed):
    def __init__(self) -> None:
        super().__init__("The disk is full, so nothing was saved. Free some space and try again.")


class ReadOnlyStorage(WriteFailed):
    def __init__(self) -> None:
        super().__init__(
            "The profile folder cannot be written to, so nothing was saved. "
            "Check its permissions or the drive."
        )


class PunchRefused(StoreError):
    """The punch breaks the clock's rules (e.g. clock out while not in)."""


REMOVED_SENTENCE = (
    "This device was removed by your administrator; its data has been deleted from this computer. "
    "Set it up again to use it."
)


class DeviceRemoved(StoreError):
    """The profile's device was removed on the server and its database deleted (see `Store.wipe`)."""

    def __init__(self) -> None:
        super().__init__(REMOVED_SENTENCE)
