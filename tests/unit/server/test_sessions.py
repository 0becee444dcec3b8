"""The session store: rotation with reuse detection (RFC 9700 §4.14.2), revocation, replay cache, counters."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.sessions import PURGE_EVERY, InvalidGrant, Rotated, SessionStore, TokenPair, token_hash

T0 = 1_800_000_000.0
ACCESS, REFRESH, GRACE = 300, 30 * 24 * 3600, 60
KEY, OTHER_KEY = "jkt-of-the-device", "jkt-of-someone-else"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SessionStore]:
    store = SessionStore(tmp_path / "sessions.db")
    yield store
    store.close()


def sign_in(
    store: SessionStore,
    employee: str = "1001",
    device: str = "dev-1",
    tenant: str = "acme",
    jkt: str = KEY,
    now: float = T0,
) -> TokenPair:
    return store.issue(tenant, employee, device, jkt, ACCESS, REFRESH, now=now)


def rotate(store: SessionStore, refresh: str, now: float, *, jkt: str = KEY, tenant: str = "acme") -> Rotated:
    return store.rotate(tenant, refresh, jkt, now, ACCESS, REFRESH, GRACE)


def refused(store: SessionStore, refresh: str, now: float, **kwargs: str) -> str:
    with pytest.raises(InvalidGrant) as caught:
        rotate(store, refresh, now, **kwargs)
    return caught.value.reason


def alive(store: SessionStore, access: str, now: float = T0 + 1) -> bool:
    return store.lookup_access(access, now) is not None


def all_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


# --- issuing and looking up -----------------------------------------------------------


def test_issue_gives_a_pair_bound_to_the_key(store: SessionStore) -> None:
    access, refresh = sign_in(store)
    assert access != refresh
    assert len(access) >= 43
    session = store.lookup_access(access, T0 + 1)
    assert session is not None
    assert (session.tenant, session.employee, session.device_id) == ("acme", "1001", "dev-1")
    assert session.jkt == KEY
    assert session.expires_at == T0 + ACCESS
    assert store.lookup_access(refresh, T0 + 1) is None  # a refresh token is no access token


def test_an_access_token_expires(store: SessionStore) -> None:
    access, _ = sign_in(store)
    assert alive(store, access, T0 + ACCESS - 1)
    assert not alive(store, access, T0 + ACCESS)


def test_a_device_token_has_no_refresh_and_no_employee(store: SessionStore) -> None:
    access = store.issue_device("acme", "kiosk-1", KEY, ACCESS, now=T0)
    session = store.lookup_access(access, T0 + 1)
    assert session is not None
    assert session.employee is None
    assert session.family_id is None


def test_only_hashes_of_tokens_reach_the_disk(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 10)
    kiosk = store.issue_device("acme", "kiosk-1", KEY, ACCESS, now=T0)
    on_disk = all_bytes(store.path)
    tokens = [*first, second.access, second.refresh, kiosk]
    for token in tokens:
        assert token.encode() not in on_disk
    assert token_hash(first.access).encode() in on_disk


# --- rotation ---------------------------------------------------------------------------


def test_a_refresh_gives_a_new_pair_and_retires_the_old_token(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 100)
    assert {second.access, second.refresh}.isdisjoint({first.access, first.refresh})
    assert (second.employee, second.device_id, second.retry) == ("1001", "dev-1", False)
    assert second.access_expires_at == T0 + 100 + ACCESS
    assert alive(store, second.access, T0 + 101)
    third = rotate(store, second.refresh, T0 + 200)
    assert alive(store, third.access, T0 + 201)


def test_reuse_of_a_rotated_token_revokes_the_family_and_its_access_tokens(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 100)
    third = rotate(store, second.refresh, T0 + 200)
    assert refused(store, first.refresh, T0 + 300) == "reuse"
    assert refused(store, third.refresh, T0 + 301) == "revoked"
    for access in (first.access, second.access, third.access):
        assert not alive(store, access, T0 + 302)


def test_reuse_after_the_grace_period_revokes_the_family(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 100)
    assert refused(store, first.refresh, T0 + 100 + GRACE + 1) == "reuse"
    assert refused(store, second.refresh, T0 + 200) == "revoked"
    assert not alive(store, second.access, T0 + 201)


def test_a_lost_answer_retried_within_grace_gets_the_same_pair_once(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 100)
    again = rotate(store, first.refresh, T0 + 100 + GRACE)
    assert (again.access, again.refresh) == (second.access, second.refresh)
    assert again.retry
    assert again.access_expires_at == second.access_expires_at
    # Once: the third showing of the same token is reuse.
    assert refused(store, first.refresh, T0 + 100 + GRACE) == "reuse"
    assert refused(store, second.refresh, T0 + 200) == "revoked"


def test_after_the_retry_the_successor_rotates_normally(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 100)
    rotate(store, first.refresh, T0 + 110)
    third = rotate(store, second.refresh, T0 + 120)
    assert alive(store, third.access, T0 + 121)


def test_a_token_two_generations_old_is_reuse_even_within_grace(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 1)
    third = rotate(store, second.refresh, T0 + 2)
    assert refused(store, first.refresh, T0 + 3) == "reuse"
    assert refused(store, third.refresh, T0 + 4) == "revoked"


def test_only_the_immediately_previous_token_gets_the_retry(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 1)
    third = rotate(store, second.refresh, T0 + 2)
    again = rotate(store, second.refresh, T0 + 3)  # the answer to this one was lost
    assert (again.access, again.refresh, again.retry) == (third.access, third.refresh, True)
    assert refused(store, first.refresh, T0 + 4) == "reuse"


def test_a_retry_with_another_key_is_refused_and_revokes_nothing(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 100)
    assert refused(store, first.refresh, T0 + 101, jkt=OTHER_KEY) == "wrong_key"
    assert refused(store, second.refresh, T0 + 102, jkt=OTHER_KEY) == "wrong_key"
    assert alive(store, second.access, T0 + 103)
    assert rotate(store, first.refresh, T0 + 104).retry  # the real device may still retry
    rotate(store, second.refresh, T0 + 105)


def test_an_idle_refresh_token_expires_and_each_refresh_extends_it(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + REFRESH - 1)
    third = rotate(store, second.refresh, T0 + 2 * REFRESH - 2)
    assert refused(store, third.refresh, T0 + 3 * REFRESH) == "expired"


def test_a_token_of_another_tenant_is_unknown_there_and_stays_valid_at_home(store: SessionStore) -> None:
    first = sign_in(store)
    assert refused(store, first.refresh, T0 + 1, tenant="bolt") == "unknown"
    rotate(store, first.refresh, T0 + 2)


def test_an_unknown_token_is_refused(store: SessionStore) -> None:
    sign_in(store)
    assert refused(store, "made-up", T0 + 1) == "unknown"


def test_the_stored_successor_is_useless_without_the_previous_token(store: SessionStore) -> None:
    first = sign_in(store)
    second = rotate(store, first.refresh, T0 + 1)
    with sqlite3.connect(store.path) as db:
        [(blob,)] = db.execute("SELECT successor FROM refresh_tokens WHERE successor IS NOT NULL").fetchall()
    assert second.refresh.encode() not in blob
    assert second.access.encode() not in blob


def test_the_successor_copy_is_wiped_when_used_and_by_the_purge(store: SessionStore) -> None:
    first = sign_in(store)
    rotate(store, first.refresh, T0 + 1)
    rotate(store, first.refresh, T0 + 2)

    def copies() -> int:
        with sqlite3.connect(store.path) as db:
            query = "SELECT count(*) FROM refresh_tokens WHERE successor IS NOT NULL"
            count: int = db.execute(query).fetchone()[0]
        return count

    assert copies() == 0
    other = sign_in(store, employee="1002", now=T0)
    rotate(store, other.refresh, T0 + 3)
    assert copies() == 1
    store.purge(T0 + 3 + GRACE + 1)
    assert copies() == 0


def test_concurrent_refreshes_with_one_token_make_one_successor(store: SessionStore) -> None:
    first = sign_in(store)
    results: list[Rotated | str] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            got: Rotated | str = rotate(store, first.refresh, T0 + 1)
        except InvalidGrant as refused_:
            got = refused_.reason
        with lock:
            results.append(got)

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pairs = [r for r in results if isinstance(r, Rotated)]
    assert len({(p.access, p.refresh) for p in pairs}) == 1
    assert [p.retry for p in pairs].count(False) == 1
    assert len(pairs) == 2  # the rotation, then the one allowed retry; the rest is reuse
    assert sorted(r for r in results if isinstance(r, str)) == ["reuse"] + ["revoked"] * 3


# --- revocation -------------------------------------------------------------------------


def test_revoking_an_employee_ends_their_sessions_everywhere_and_nobody_elses(store: SessionStore) -> None:
    mine_pc = sign_in(store, "1001", "dev-1")
    mine_laptop = sign_in(store, "1001", "dev-2")
    colleague = sign_in(store, "1002", "dev-1")
    namesake = sign_in(store, "1001", "dev-9", tenant="bolt")
    assert store.revoke_employee("acme", "1001") > 0
    for pair in (mine_pc, mine_laptop):
        assert not alive(store, pair.access)
        assert refused(store, pair.refresh, T0 + 2) == "revoked"
    assert alive(store, colleague.access)
    assert alive(store, namesake.access)
    rotate(store, colleague.refresh, T0 + 3)
    rotate(store, namesake.refresh, T0 + 3, tenant="bolt")


def test_revoking_a_device_ends_every_session_on_it(store: SessionStore) -> None:
    on_it = sign_in(store, "1001", "dev-1")
    kiosk_token = store.issue_device("acme", "dev-1", KEY, ACCESS, now=T0)
    elsewhere = sign_in(store, "1001", "dev-2")
    store.revoke_device("acme", "dev-1")
    assert not alive(store, on_it.access)
    assert not alive(store, kiosk_token)
    assert refused(store, on_it.refresh, T0 + 2) == "revoked"
    assert alive(store, elsewhere.access)


# --- DPoP replay cache -----------------------------------------------------------------


def test_a_jti_is_seen_once_per_key(store: SessionStore) -> None:
    import time

    later = time.time() + 100
    assert store.seen_jti(KEY, "j1", later) is False
    assert store.seen_jti(KEY, "j1", later) is True
    assert store.seen_jti(OTHER_KEY, "j1", later) is False
    assert store.seen_jti(KEY, "j2", later) is False


def test_an_expired_jti_may_come_again(store: SessionStore) -> None:
    import time

    assert store.seen_jti(KEY, "old", time.time() - 1) is False
    assert store.seen_jti(KEY, "old", time.time() + 100) is False
    assert store.seen_jti(KEY, "old", time.time() + 100) is True


def test_concurrent_proofs_with_one_jti_pass_once(store: SessionStore) -> None:
    import time

    answers: list[bool] = []
    barrier = threading.Barrier(8)

    def attempt() -> None:
        barrier.wait()
        answers.append(store.seen_jti(KEY, "race", time.time() + 100))

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [False] + [True] * 7


def test_another_process_shares_the_store(tmp_path: Path) -> None:
    import time

    one, two = SessionStore(tmp_path / "s.db"), SessionStore(tmp_path / "s.db")
    assert one.seen_jti(KEY, "j", time.time() + 60) is False
    assert two.seen_jti(KEY, "j", time.time() + 60) is True
    pair = sign_in(one)
    two.revoke_employee("acme", "1001")  # as the admin CLI does while the server runs
    assert one.lookup_access(pair.access, T0 + 1) is None
    one.close()
    two.close()


# --- failed logins ---------------------------------------------------------------------


def test_failed_logins_count_within_a_window_and_block_at_the_limit(store: SessionStore) -> None:
    assert store.login_blocked("k", T0, 3, 300) is None
    assert [store.login_failed("k", T0 + i, 300) for i in range(3)] == [1, 2, 3]
    assert store.login_blocked("k", T0 + 10, 3, 300) == pytest.approx(290)
    assert store.login_blocked("other", T0 + 10, 3, 300) is None
    assert store.login_blocked("k", T0 + 300, 3, 300) is None
    assert store.login_failed("k", T0 + 301, 300) == 1  # a new window


def test_a_success_clears_the_counter(store: SessionStore) -> None:
    for i in range(3):
        store.login_failed("k", T0 + i, 300)
    store.login_succeeded("k")
    assert store.login_blocked("k", T0 + 5, 3, 300) is None
    assert store.login_failed("k", T0 + 6, 300) == 1


# --- expiry -----------------------------------------------------------------------------


def test_expired_rows_are_purged(store: SessionStore) -> None:
    import time

    first = sign_in(store)
    rotate(store, first.refresh, T0 + 1)
    store.issue_device("acme", "k", KEY, ACCESS, now=T0)
    store.seen_jti(KEY, "j", time.time() - 1)
    store.login_failed("k", T0, 300)
    store.purge(T0 + 2 * REFRESH)
    with sqlite3.connect(store.path) as db:
        for table in ("access_tokens", "refresh_families", "refresh_tokens", "dpop_jti", "login_failures"):
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table  # noqa: S608


def test_the_purge_also_runs_by_itself(store: SessionStore) -> None:
    old = store.issue_device("acme", "k", KEY, ACCESS, now=T0)
    store.issue_device("acme", "k", KEY, ACCESS, now=T0 + ACCESS + PURGE_EVERY + 1)
    with sqlite3.connect(store.path) as db:
        assert db.execute(
            "SELECT count(*) FROM access_tokens WHERE hash = ?", (token_hash(old),)
        ).fetchone() == (0,)


def test_the_store_uses_wal(store: SessionStore) -> None:
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
