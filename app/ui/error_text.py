"""One clear, translatable sentence for each thing the store can raise.

The store's own messages are English for logs and the command line; the window
shows these instead. The most precise class wins (DiskFull before WriteFailed).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.store import (
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

__all__ = ["error_sentence"]

_CONTEXT = "ErrorText"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def error_sentence(error: Exception) -> str:
    """The sentence the window shows for `error`."""
    # Each string is written out in a call of its own so that pyside6-lupdate finds it.
    if isinstance(error, KeyringUnavailable):
        return _tr(
            "No usable keyring was found, so Stempel cannot keep its database key safe: "
            "start a keyring service such as GNOME Keyring or KWallet and log in to your "
            "desktop session."
        )
    if isinstance(error, KeyringLocked):
        return _tr(
            "Your keyring is locked: unlock it (your login password usually does) "
            "and Stempel will carry on by itself."
        )
    if isinstance(error, KeyMissing):
        return _tr(
            "The key to this profile's database is not in your keyring, so it cannot be "
            "opened; the database was left untouched."
        )
    if isinstance(error, WrongKey):
        return _tr(
            "The key in your keyring does not open this profile's database; "
            "the database was left untouched."
        )
    if isinstance(error, DatabaseDamaged):
        return _tr(
            "This profile's database is damaged or is not a Stempel database; "
            "it was left untouched."
        )
    if isinstance(error, SchemaTooNew):
        return _tr(
            "This profile's database was written by a newer version of Stempel; "
            "update Stempel to open it (the database was left untouched)."
        )
    if isinstance(error, DiskFull):
        return _tr("The disk is full, so nothing was saved: free some space and try again.")
    if isinstance(error, ReadOnlyStorage):
        return _tr(
            "The profile folder cannot be written to, so nothing was saved: "
            "check its permissions or the drive."
        )
    if isinstance(error, WriteFailed):
        return _tr("The disk reported an error, so nothing was saved: please try again.")
    if isinstance(error, PunchRefused):
        return _tr(
            "That punch does not fit your current clock state, so it was not saved; "
            "the window now shows your state as recorded."
        )
    if isinstance(error, StoreError):
        return _tr("The local database reported an error, so nothing was changed.")
    return _tr("Something unexpected went wrong; please try again.")
