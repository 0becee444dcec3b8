"""The glue between a profile's store and the sync engine (no Qt here).

`open_engine()` opens the profile's store on the calling thread (the engine's
own connection), loads the enrollment, and builds the token session and the
engine over them; the CLI runs one round with it, the UI's `SyncLoop` many.

When a round ends in `DeviceWiped` (an admin removed this device; it has
delivered what it held), the block closes the store and deletes the profile's
data (`Store.wipe`) before the error goes on to the caller, which words it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from keyring.backend import KeyringBackend

from app.device_setup import NotEnrolled
from app.store import Store
from app.store.store import Clock
from app.store.times import utc_now
from sync import config
from sync.auth import AuthSession, SettingsVault
from sync.engine import Progress, SyncEngine
from sync.errors import DeviceWiped


@contextmanager
def open_engine(
    profile: Path,
    progress: Callable[[Progress], None] | None = None,
    *,
    backend: KeyringBackend | None = None,
    clock: Clock = utc_now,
) -> Iterator[SyncEngine]:
    try:
        with (
            Store.open(profile, backend=backend, create=False, clock=clock) as store,
            engine_for(store, progress, clock=clock) as engine,
        ):
            yield engine
    except DeviceWiped as exc:
        Store.wipe(profile, exc.at, backend=backend)  # the store is closed by now
        raise


@contextmanager
def engine_for(
    store: Store, progress: Callable[[Progress], None] | None = None, *, clock: Clock = utc_now
) -> Iterator[SyncEngine]:
    """An engine over an open store (its connection, its thread); the transport closes with the block."""
    enrollment = config.Enrollment.load(store.setting)
    if enrollment is None:
        raise NotEnrolled("this profile is not enrolled with a server; run `stempel setup` first")
    vault = SettingsVault(store.setting, store.set_setting, store.profile.locked)
    with enrollment.transport() as transport:
        session = AuthSession(transport, enrollment.tenant, enrollment.key(), vault)
        yield SyncEngine(
            store,
            session,
            pulls_as_device=enrollment.device_kind == "kiosk",
            clock=clock,
            progress=progress,
        )
