"""Each store error leaf gets its own clear sentence."""

from __future__ import annotations

import pytest

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
