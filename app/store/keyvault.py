"""The database key in the OS keyring.

Two entries per profile: `current` opens the database; `next` exists only
while a rekey is under way (written before `PRAGMA rekey`, promoted after), so
a kill at any moment leaves a key that opens the file.

Only real OS keyrings are accepted. A plaintext or "fail" backend is refused
rather than silently used, because the key would then sit on disk in clear.
"""

from __future__ import annotations

import importlib
import os
import secrets
import sys
from contextlib import closing

import keyring
import keyring.core
import keyring.errors
from keyring.backend import KeyringBackend

from app.store.errors import KeyringLocked, KeyringUnavailable

SERVICE = "no.stempel.database"
KEY_BYTES = 32

# Modules of keyring backends that keep secrets in an OS-protected store.
_TRUSTED_BACKENDS = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
)


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


_NATIVE = {
    "linux": ("keyring.backends.SecretService", "Keyring"),
    "darwin": ("keyring.backends.macOS", "Keyring"),
    "win32": ("keyring.backends.Windows", "WinVaultKeyring"),
}


def _native_backend() -> KeyringBackend | None:
    """The platform's own keyring, asked for directly.

    keyring's general probe imports every backend plugin (on Linux the macOS
    one runs `ldconfig` and `gcc` to find libraries): some 80 ms of a cold
    start. A backend chosen through PYTHON_KEYRING_BACKEND still wins.
    """
    if os.environ.get("PYTHON_KEYRING_BACKEND") or sys.platform not in _NATIVE:
        return None
    module_name, class_name = _NATIVE[sys.platform]
    try:
        backend: KeyringBackend = getattr(importlib.import_module(module_name), class_name)()
        if backend.priority <= 0:
            return None
    except Exception:  # unavailable here: let the general probe say what there is
        return None
    return backend


def _probed_backend() -> KeyringBackend:
    keyring.core.init_backend()
    return keyring.get_keyring()


def system_backend() -> KeyringBackend:
    """The OS keyring, or KeyringUnavailable with a reason.

    Probed afresh on each call: the session bus may have come up (or gone)
    since the last look, and a cached "no keyring" must not outlive that.
    """
    try:
        backend = _native_backend() or _probed_backend()
    except Exception as exc:  # keyring raises many kinds while probing backends
        raise KeyringUnavailable(type(exc).__name__) from exc
    candidates = getattr(backend, "backends", [backend])
    if not any(type(b).__module__.startswith(_TRUSTED_BACKENDS) for b in candidates):
        raise KeyringUnavailable(f"found only {type(backend).__module__}")
    return backend


def _secret_service_in(backend: KeyringBackend) -> bool:
    return any(
        type(b).__module__ == "keyring.backends.SecretService"
        for b in getattr(backend, "backends", [backend])
    )


def _collection_locked(prompt: bool) -> bool:
    """Whether the default Secret Service collection is locked, after an optional prompt.

    Done here on a connection we close: keyring would prompt inside every call
    (a dialog every few seconds while the app waits) and leaks its D-Bus
    connection when the prompt is dismissed.
    """
    import secretstorage

    try:
        with closing(secretstorage.dbus_init()) as conn:
            collection = secretstorage.get_default_collection(conn)
            if collection.is_locked() and prompt:
                collection.unlock()
            return bool(collection.is_locked())
    except secretstorage.exceptions.SecretStorageException as exc:
        raise KeyringUnavailable(type(exc).__name__) from exc


def unlock_keyring() -> None:
    """Ask the desktop to unlock the keyring (its own dialog); KeyringLocked if it stays locked.

    Call it when the user asked to try again; opening a store never prompts.
    """
    backend = system_backend()
    if _secret_service_in(backend) and _collection_locked(prompt=True):
        raise KeyringLocked()


class KeyVault:
    """Reads and writes one profile's keys; every failure becomes a StoreError."""

    def __init__(self, profile_id: str, backend: KeyringBackend | None = None) -> None:
        self._profile_id = profile_id
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        if self._backend is None:
            backend = system_backend()
            if _secret_service_in(backend) and _collection_locked(prompt=False):
                raise KeyringLocked()
            self._backend = backend
        return self._backend

    def _name(self, slot: str) -> str:
        return f"{self._profile_id}:{slot}"

    def _get(self, slot: str) -> bytes | None:
        try:
            text = self.backend.get_password(SERVICE, self._name(slot))
        except keyring.errors.KeyringLocked as exc:
            raise KeyringLocked() from exc
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc
        if text is None:
            return None
        try:
            key = bytes.fromhex(text)
        except ValueError:
            return None
        return key if len(key) == KEY_BYTES else None

    def _set(self, slot: str, key: bytes) -> None:
        try:
            self.backend.set_password(SERVICE, self._name(slot), key.hex())
        except keyring.errors.KeyringLocked as exc:
            raise KeyringLocked() from exc
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc

    def _delete(self, slot: str) -> None:
        try:
            self.backend.delete_password(SERVICE, self._name(slot))
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringLocked as exc:
            raise KeyringLocked() from exc
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc

    def current(self) -> bytes | None:
        return self._get("current")

    def pending(self) -> bytes | None:
        return self._get("next")

    def set_current(self, key: bytes) -> None:
        self._set("current", key)

    def set_pending(self, key: bytes) -> None:
        self._set("next", key)

    def clear_pending(self) -> None:
        self._delete("next")

    def forget(self) -> None:
        self._delete("next")
        self._delete("current")
