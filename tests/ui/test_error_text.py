"""Each store and sync error leaf gets its own clear sentence."""

from __future__ import annotations

import pytest

from app.device_setup import NotEnrolled
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
from app.ui.error_text import error_sentence
from sync.errors import (
    CertificateRejected,
    DeviceRevoked,
    EnrollmentRefused,
    InsecureAddress,
    RateLimited,
    ServerUnavailable,
    SessionRevoked,
    SignInRefused,
    UnexpectedAnswer,
)

LEAVES: list[Exception] = [
    KeyringUnavailable(),
    KeyringLocked(),
    KeyMissing(),
    WrongKey(),
    DatabaseDamaged(),
    SchemaTooNew(3, 1),
    DiskFull(),
    ReadOnlyStorage(),
    PunchRefused("Cannot clock out: you are not clocked in."),
]


def test_every_leaf_has_a_sentence_of_its_own() -> None:
    sentences = [error_sentence(error) for error in LEAVES]
    assert all(s.endswith(".") and len(s) > 30 for s in sentences)
    assert len(set(sentences)) == len(LEAVES)
    fallbacks = {error_sentence(WriteFailed("x")), error_sentence(StoreError("x"))}
    assert fallbacks.isdisjoint(sentences)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (DiskFull(), "disk is full"),
        (KeyringLocked(), "keyring is locked"),
        (SchemaTooNew(3, 1), "newer version"),
        (ReadOnlyStorage(), "cannot be written"),
    ],
)
def test_the_sentence_names_the_problem(error: Exception, words: str) -> None:
    assert words in error_sentence(error)


SYNC_LEAVES: list[Exception] = [
    InsecureAddress("x"),
    CertificateRejected(),
    ServerUnavailable("x"),
    RateLimited(12.4),
    UnexpectedAnswer("The server refused this device's signature"),
    EnrollmentRefused("x"),
    SignInRefused("x"),
    DeviceRevoked("x"),
    SessionRevoked("x"),
    NotEnrolled("x"),
]


def test_every_sync_error_has_a_sentence_of_its_own() -> None:
    sentences = [error_sentence(error) for error in SYNC_LEAVES]
    assert all(s.endswith(".") for s in sentences)
    assert len(set(sentences)) == len(SYNC_LEAVES)
    assert error_sentence(RateLimited(12.4)) == "Too many attempts: wait 12 s and try again."
    assert "signature" in error_sentence(UnexpectedAnswer("The server refused this device's signature"))
