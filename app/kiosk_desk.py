"""What a kiosk does for the person in front of it, without Qt: check a PIN or a badge, punch.

Everything runs against the kiosk's own encrypted store and works offline:
the directory (numbers, display names unless the tenant is pseudonymised,
roles, Argon2id PIN verifiers, badge digests) arrives with the kiosk's pulls.

Safety rules kept here, so the screen and `stempel punch --employee` share them:
- Five wrong PINs in a row lock that number for five minutes. The count and the
  lock are committed in the store before the answer returns, so neither a
  restart nor a quick second try gets around them. Unknown numbers count too,
  and get the same answer as a wrong PIN: the kiosk does not tell who exists.
- A punch is committed (`Store.punch`, synchronous=FULL) before it is
  confirmed; the confirmation carries what the screen shows.

A `KioskDesk` is as thread-bound as its store: the UI uses it on the store worker.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.domain import DEFAULT_ZONE, ClockState, PunchKind, allowed_kinds, pair_shifts, today_worked
from app.store import DirectoryEntry, Store
from sync.protocol import badge_digest

PIN_ATTEMPTS = 5
LOCK_FOR = timedelta(minutes=5)
KIOSK_SOURCE = "kiosk"
ADMIN_ROLE = "admin"

# The action a kiosk suggests first for each state (the others stay one key away).
_SUGGESTED = {
    ClockState.OUT: (PunchKind.IN,),
    ClockState.IN: (PunchKind.OUT, PunchKind.BREAK_START),
    ClockState.ON_BREAK: (PunchKind.BREAK_END,),
}

PinVerifier = Callable[[str, str], bool]
_hasher = PasswordHasher()  # verify only: the parameters come from each stored verifier


@functools.cache
def _dummy_verifier() -> str:
    """A verifier no PIN matches, with the server's parameters (server/passwords.py): an unknown
    number costs the same time as a known one, so timing does not tell who exists."""
    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1).hash("not a pin of anyone")


def verify_pin(verifier: str, pin: str) -> bool:
    """Whether `pin` matches an Argon2id verifier from the directory (never raises)."""
    try:
        return _hasher.verify(verifier, pin)
    except (VerificationError, InvalidHashError, ValueError, TypeError):
        return False


class Refusal(StrEnum):
    WRONG = "wrong"  # wrong number or PIN (the same words for both)
    LOCKED = "locked"
    UNKNOWN_BADGE = "unknown-badge"
    NOT_ADMIN = "not-admin"


@dataclass(frozen=True, slots=True)
class Refused:
    reason: Refusal
    locked_until: datetime | None = None
    attempts_left: int | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who proved who they are: what the action screen shows."""

    number: str
    shown_name: str  # "Kari N.", or the number when the tenant is pseudonymised
    state: ClockState
    actions: tuple[PunchKind, ...]  # what they may do now, the suggested one first
    today: timedelta


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A committed punch, as the confirmation screen shows it."""

    number: str
    shown_name: str
    kind: PunchKind
    at: datetime
    state: ClockState
    today: timedelta


def shown_name(entry: DirectoryEntry) -> str:
    """First name and the initial of the last ("Kari N."); the number when no name is known."""
    words = entry.display_name.split()
    if not words:
        return entry.number
    if len(words) == 1:
        return words[0]
    return f"{' '.join(words[:-1])} {words[-1][0]}."


class KioskDesk:
    def __init__(
        self,
        store: Store,
        tenant: str,
        *,
        zone: ZoneInfo = DEFAULT_ZONE,
        verify: PinVerifier = verify_pin,
    ) -> None:
        self._store = store
        self._tenant = tenant
        self._zone = zone
        self._verify = verify

    def _now(self) -> datetime:
        return self._store.server_now()  # the store's clock, corrected by the server's offset

    def _today(self, number: str, now: datetime) -> timedelta:
        since = now - timedelta(days=2)  # enough for a night shift that began yesterday
        return today_worked(pair_shifts(self._store.punches(number, since)), self._zone, now)

    def _person(self, entry: DirectoryEntry) -> Person:
        state = self._store.state(entry.number)
        allowed = allowed_kinds(state)
        actions = tuple(kind for kind in _SUGGESTED[state] if kind in allowed)
        return Person(entry.number, shown_name(entry), state, actions, self._today(entry.number, self._now()))

    def check_pin(self, number: str, pin: str) -> DirectoryEntry | Refused:
        """The directory entry of `number` if `pin` is theirs; else why not (the failure counted)."""
        number = number.strip()
        now = self._now()
        until = self._store.pin_locked_until(number, now)
        if until is not None:
            return Refused(Refusal.LOCKED, locked_until=until)
        entry = self._store.directory_entry(number)
        known = entry is not None and bool(entry.pin_verifier)
        verifier = entry.pin_verifier if entry is not None and entry.pin_verifier else _dummy_verifier()
        if self._verify(verifier, pin) and known and entry is not None:
            self._store.clear_pin_failures(number)
            return entry
        until = self._store.note_pin_failure(number, now, PIN_ATTEMPTS, LOCK_FOR)
        if until is not None:
            return Refused(Refusal.LOCKED, locked_until=until)
        return Refused(Refusal.WRONG)

    def sign_in_pin(self, number: str, pin: str) -> Person | Refused:
        checked = self.check_pin(number, pin)
        return checked if isinstance(checked, Refused) else self._person(checked)

    def sign_in_badge(self, badge: str) -> Person | Refused:
        entry = self._store.directory_by_badge(badge_digest(self._tenant, badge)) if badge.strip() else None
        return Refused(Refusal.UNKNOWN_BADGE) if entry is None else self._person(entry)

    def admin_check(self, number: str, pin: str) -> DirectoryEntry | Refused:
        """An admin's number and PIN, to leave kiosk mode; the same lockout as any PIN."""
        checked = self.check_pin(number, pin)
        if isinstance(checked, DirectoryEntry) and checked.role != ADMIN_ROLE:
            return Refused(Refusal.NOT_ADMIN)
        return checked

    def punch(self, number: str, kind: PunchKind) -> Confirmation:
        """Commit the punch, then describe it; raises PunchRefused when it does not fit their state."""
        entry = self._store.directory_entry(number)
        name = shown_name(entry) if entry is not None else number
        made = self._store.punch(number, kind, source=KIOSK_SOURCE)
        state = self._store.state(number)
        return Confirmation(number, name, kind, made.at, state, self._today(number, made.at))
