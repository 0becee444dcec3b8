"""One clear, translatable sentence for each thing the store or the sync client can raise.

The store's and the sync client's own messages are English for logs and the
command line; the window shows these instead. The most precise class wins
(DiskFull before WriteFailed).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.store import (
    DatabaseDamaged,
    DeviceRemoved,
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
from sync.errors import (
    CertificateRejected,
    DeviceRevoked,
    DeviceWiped,
    EnrollmentRefused,
    InsecureAddress,
    RateLimited,
    ServerUnavailable,
    SessionRevoked,
    SignInRefused,
    SyncError,
    UnexpectedAnswer,
)

__all__ = ["error_sentence", "sync_error_sentence"]

# Each call names its context and its text literally, so that pyside6-lupdate finds them.
translate = QCoreApplication.translate


def error_sentence(error: Exception) -> str:
    """The sentence the window shows for `error`."""
    # Each string is written out in a call of its own so that pyside6-lupdate finds it.
    if isinstance(error, KeyringUnavailable):
        return translate(
            "ErrorText",
            "No usable keyring was found, so Stempel cannot keep its database key safe: "
            "start a keyring service such as GNOME Keyring or KWallet and log in to your "
            "desktop session.",
        )
    if isinstance(error, KeyringLocked):
        return translate(
            "ErrorText",
            "Your keyring is locked: unlock it (your login password usually does) "
            "and Stempel will carry on by itself.",
        )
    if isinstance(error, KeyMissing):
        return translate(
            "ErrorText",
            "The key to this profile's database is not in your keyring, so it cannot be "
            "opened; the database was left untouched.",
        )
    if isinstance(error, WrongKey):
        return translate(
            "ErrorText",
            "The key in your keyring does not open this profile's database; "
            "the database was left untouched.",
        )
    if isinstance(error, DatabaseDamaged):
        return translate(
            "ErrorText",
            "This profile's database is damaged or is not a Stempel database; "
            "it was left untouched.",
        )
    if isinstance(error, SchemaTooNew):
        return translate(
            "ErrorText",
            "This profile's database was written by a newer version of Stempel; "
            "update Stempel to open it (the database was left untouched).",
        )
    if isinstance(error, DiskFull):
        return translate(
            "ErrorText", "The disk is full, so nothing was saved: free some space and try again."
        )
    if isinstance(error, ReadOnlyStorage):
        return translate(
            "ErrorText",
            "The profile folder cannot be written to, so nothing was saved: "
            "check its permissions or the drive.",
        )
    if isinstance(error, WriteFailed):
        return translate("ErrorText", "The disk reported an error, so nothing was saved: please try again.")
    if isinstance(error, DeviceRemoved):
        return translate(
            "ErrorText",
            "This device was removed by your administrator; its data has been deleted "
            "from this computer. Set it up again to use it.",
        )
    if isinstance(error, PunchRefused):
        return translate(
            "ErrorText",
            "That punch does not fit your current clock state, so it was not saved; "
            "the window now shows your state as recorded.",
        )
    if isinstance(error, StoreError):
        return translate("ErrorText", "The local database reported an error, so nothing was changed.")
    sentence = sync_error_sentence(error)
    if sentence is not None:
        return sentence
    return translate("ErrorText", "Something unexpected went wrong; please try again.")


def sync_error_sentence(error: Exception) -> str | None:
    """The sentence for an error of setting up, signing in or syncing; None if it is none of those."""
    if isinstance(error, InsecureAddress):
        return translate(
            "ErrorText",
            "The server address must be a plain https:// address (no user name, password, "
            "query or fragment); nothing was sent.",
        )
    if isinstance(error, CertificateRejected):
        return translate(
            "ErrorText",
            "The server's certificate is not the one this device trusts: check the CA file "
            "and the pin, or ask your administrator. Nothing was sent.",
        )
    if isinstance(error, RateLimited):
        seconds = max(1, round(error.retry_after))
        text = translate("ErrorText", "Too many attempts: wait {seconds} s and try again.")
        return text.format(seconds=seconds)
    if isinstance(error, ServerUnavailable):
        return translate(
            "ErrorText",
            "The server could not be reached: check the address and the network connection, "
            "then try again.",
        )
    if isinstance(error, EnrollmentRefused):
        return translate(
            "ErrorText",
            "The server refused the one-time code: it is unknown, expired or already used, "
            "or the tenant name is wrong. Ask your administrator for a new code.",
        )
    if isinstance(error, SignInRefused):
        return translate("ErrorText", "Wrong employee number or password.")
    if isinstance(error, DeviceWiped):
        return translate(
            "ErrorText",
            "This device was removed by your administrator; its data has been deleted "
            "from this computer. Set it up again to use it.",
        )
    if isinstance(error, DeviceRevoked):
        return translate(
            "ErrorText",
            "This device was removed from the server (or was never set up with it): "
            "set it up again with a new one-time code.",
        )
    if isinstance(error, SessionRevoked):
        return translate("ErrorText", "Your sign-in on this device has ended: please sign in again.")
    if isinstance(error, UnexpectedAnswer):
        return translate(
            "ErrorText",
            "The server answered in a way this version of Stempel does not understand ({detail}).",
        ).format(detail=str(error).rstrip("."))
    if isinstance(error, SyncError):
        return translate("ErrorText", "Syncing failed: {detail}.").format(detail=str(error).rstrip("."))
    # Here, not at the top: app.device_setup brings the TLS and crypto stack, which
    # the window's first paint does not need.
    from app.device_setup import AlreadyEnrolled, NotEnrolled

    if isinstance(error, NotEnrolled):
        return translate("ErrorText", "This device is not set up with a server yet: set it up first.")
    if isinstance(error, AlreadyEnrolled):
        return translate("ErrorText", "This device is already set up with a server.")
    return None
