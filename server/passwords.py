"""Passwords and kiosk PINs, hashed with Argon2id (argon2-cffi).

Parameters: Argon2id, memory 19 MiB (19456 KiB), 2 passes, 1 lane, 16-byte salt,
32-byte hash: the first of OWASP's Password Storage Cheat Sheet configurations
(equivalent in cost to its m=46 MiB t=1 and m=12 MiB t=3 rows), well above
argon2-cffi's RFC 9106 "low memory" floor in lanes-times-passes. Why not more:

- the PIN verifier travels to kiosks, which check a PIN offline; the check must
  stay fast on a modest kiosk PC. Measured on the 2-core build machine: a verify
  takes 19-23 ms (medians of several runs, max 25 ms); 64 MiB/2 passes/2 lanes
  took 58 ms and RFC 9106's 64 MiB/3 passes/4 lanes 112 ms, too slow for a PIN
  pad on hardware a few times slower;
- memory is spent per concurrent verify: 19 MiB each keeps a burst of logins
  from exhausting a small server. `MAX_CONCURRENT` caps parallel hashing anyway.

The parameters live in each hash, so raising them later only needs
`needs_rehash` at the next successful login.

A short PIN is weak whatever the hash: its verifier is for kiosks that already
hold it in their encrypted store, and online PIN guessing is rate limited.
"""

from __future__ import annotations

import functools
import secrets
import threading

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1
HASH_LEN = 32
SALT_LEN = 16
MAX_CONCURRENT = 4  # hashes computed at once in this process (about 76 MiB at most)

_hasher = PasswordHasher(
    time_cost=TIME_COST,
    memory_cost=MEMORY_COST_KIB,
    parallelism=PARALLELISM,
    hash_len=HASH_LEN,
    salt_len=SALT_LEN,
    type=Type.ID,
)
_slots = threading.BoundedSemaphore(MAX_CONCURRENT)


def hash_secret(text: str) -> str:
    """An Argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`) for a password or PIN."""
    with _slots:
        return _hasher.hash(text)


def verify_secret(hashed: str | None, text: str) -> bool:
    """True if `text` matches; False for a mismatch, a missing or a broken hash (never raises)."""
    if not hashed:
        dummy_verify(text)
        return False
    try:
        with _slots:
            return _hasher.verify(hashed, text)
    except (VerificationError, InvalidHashError, ValueError, TypeError):
        return False


def needs_rehash(hashed: str) -> bool:
    try:
        return _hasher.check_needs_rehash(hashed)
    except (InvalidHashError, ValueError):
        return True


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(24))


def dummy_verify(text: str) -> None:
    """Spend the time of one real verify: for an unknown user, so timing does not tell who exists."""
    try:
        with _slots:
            _hasher.verify(_dummy_hash(), text)
    except (VerificationError, ValueError):
        pass
