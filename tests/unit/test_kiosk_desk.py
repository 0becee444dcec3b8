"""The kiosk's core without Qt: PIN and badge checks against the pulled directory, lockout, punching."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from app.domain import ClockState, PunchKind
from app.kiosk_desk import (
    LOCK_FOR,
    PIN_ATTEMPTS,
    Confirmation,
    KioskDesk,
    Person,
    Refusal,
    Refused,
    shown_name,
)
from app.store import DirectoryEntry, PunchRefused, Store
from sync.protocol import badge_digest
from tests.keyring_fakes import MemoryKeyring

TENANT = "acme"
MORNING = datetime(2026, 11, 27, 6, 58, tzinfo=UTC)  # 07:58 in Oslo
_hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # fast: only verify is tested
PINS = {"1001": "0101", "1002": "0202", "9000": "0000"}


def employee_event(seq: int, number: str, **changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "number": number,
        "role": "admin" if number == "9000" else "employee",
        "first_name": {"1001": "Kari", "1002": "Ola Johan"}.get(number, "Demo"),
        "last_name": {"1001": "Nordmann", "1002": "Hansen"}.get(number, "Admin"),
        "active": True,
        "pin_verifier": _hasher.hash(PINS[number]),
        "badge_hash": badge_digest(TENANT, f"9{number:0>9}"),
    }
    payload.update(changes)
    return {
        "seq": seq,
        "id": f"e{seq}",
        "type": "employee",
        "employee": number,
        "payload": payload,
        "recorded_at": MORNING.isoformat(),
    }


class Clock:
    def __init__(self) -> None:
        self.now = MORNING

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    keys = MemoryKeyring()
    with Store.open(tmp_path / "kiosk", backend=keys, clock=clock) as opened:
        opened.apply_pulled([employee_event(i + 1, n) for i, n in enumerate(PINS)], next_after=3)
        yield opened


@pytest.fixture
def desk(store: Store) -> KioskDesk:
    return KioskDesk(store, TENANT)


def test_the_right_pin_names_the_person_and_suggests_clocking_in(desk: KioskDesk) -> None:
    person = desk.sign_in_pin("1001", "0101")
    assert person == Person("1001", "Kari N.", ClockState.OUT, (PunchKind.IN,), timedelta(0))


def test_someone_at_work_is_offered_clock_out_first_then_a_break(desk: KioskDesk, clock: Clock) -> None:
    desk.punch("1001", PunchKind.IN)
    clock.now += timedelta(hours=2, minutes=5)
    person = desk.sign_in_pin("1001", "0101")
    assert isinstance(person, Person)
    assert person.actions == (PunchKind.OUT, PunchKind.BREAK_START)
    assert person.today == timedelta(hours=2, minutes=5)


def test_a_punch_is_committed_and_described(desk: KioskDesk, store: Store) -> None:
    done = desk.punch("1002", PunchKind.IN)
    assert done == Confirmation("1002", "Ola Johan H.", PunchKind.IN, MORNING, ClockState.IN, timedelta(0))
    assert [p.kind for p in store.punches("1002")] == [PunchKind.IN]
    (entry,) = store.outbox()
    assert entry.payload["source"] == "kiosk"
    assert entry.payload["employee"] == "1002"


def test_a_punch_that_does_not_fit_is_refused_and_nothing_is_kept(desk: KioskDesk, store: Store) -> None:
    with pytest.raises(PunchRefused):
        desk.punch("1001", PunchKind.OUT)
    assert store.pending_count() == 0


def test_a_wrong_pin_and_an_unknown_number_get_the_same_answer(desk: KioskDesk) -> None:
    assert desk.sign_in_pin("1001", "9999") == Refused(Refusal.WRONG)
    assert desk.sign_in_pin("4242", "0101") == Refused(Refusal.WRONG)
    assert desk.sign_in_pin("1001", "") == Refused(Refusal.WRONG)


@pytest.mark.parametrize("pin", ["'; DROP TABLE employees; --", "\0", "😀" * 50, "1" * 100_000])
def test_hostile_pins_are_just_wrong(desk: KioskDesk, store: Store, pin: str) -> None:
    assert desk.sign_in_pin("1001", pin) == Refused(Refusal.WRONG)
    assert store.directory_size() == 3


def test_five_wrong_pins_lock_the_number_for_five_minutes(desk: KioskDesk, clock: Clock) -> None:
    answers = [desk.sign_in_pin("1001", "1234") for _ in range(PIN_ATTEMPTS)]
    assert answers[:-1] == [Refused(Refusal.WRONG)] * (PIN_ATTEMPTS - 1)
    assert answers[-1] == Refused(Refusal.LOCKED, locked_until=MORNING + LOCK_FOR)
    assert desk.sign_in_pin("1001", "0101") == Refused(Refusal.LOCKED, locked_until=MORNING + LOCK_FOR)
    assert isinstance(desk.sign_in_pin("1002", "0202"), Person)  # others are not affected
    clock.now += LOCK_FOR
    assert isinstance(desk.sign_in_pin("1001", "0101"), Person)


def test_the_right_pin_resets_the_count(desk: KioskDesk) -> None:
    for _ in range(PIN_ATTEMPTS - 1):
        desk.sign_in_pin("1001", "1234")
    assert isinstance(desk.sign_in_pin("1001", "0101"), Person)
    assert desk.sign_in_pin("1001", "1234") == Refused(Refusal.WRONG)


def test_after_a_lock_ends_the_count_starts_afresh(desk: KioskDesk, clock: Clock) -> None:
    for _ in range(PIN_ATTEMPTS):
        desk.sign_in_pin("1001", "1234")
    clock.now += LOCK_FOR + timedelta(seconds=1)
    assert desk.sign_in_pin("1001", "1234") == Refused(Refusal.WRONG)


def test_a_lock_survives_reopening_the_store(tmp_path: Path, clock: Clock) -> None:
    keys = MemoryKeyring()
    folder = tmp_path / "kiosk"
    with Store.open(folder, backend=keys, clock=clock) as store:
        store.apply_pulled([employee_event(1, "1001")], next_after=1)
        for _ in range(PIN_ATTEMPTS):
            KioskDesk(store, TENANT).sign_in_pin("1001", "1234")
    clock.now += timedelta(minutes=1)
    with Store.open(folder, backend=keys, clock=clock) as store:
        answer = KioskDesk(store, TENANT).sign_in_pin("1001", "0101")
    assert answer == Refused(Refusal.LOCKED, locked_until=MORNING + LOCK_FOR)


def test_a_badge_finds_its_owner_by_digest(desk: KioskDesk) -> None:
    person = desk.sign_in_badge("9000001002\n")
    assert isinstance(person, Person)
    assert person.number == "1002"
    assert desk.sign_in_badge("9000001003") == Refused(Refusal.UNKNOWN_BADGE)
    assert desk.sign_in_badge("") == Refused(Refusal.UNKNOWN_BADGE)


def test_a_badge_of_another_tenant_is_unknown(store: Store) -> None:
    assert KioskDesk(store, "other").sign_in_badge("9000001002") == Refused(Refusal.UNKNOWN_BADGE)


def test_only_an_admin_may_leave_the_kiosk(desk: KioskDesk) -> None:
    assert isinstance(desk.admin_check("9000", "0000"), DirectoryEntry)
    assert desk.admin_check("1001", "0101") == Refused(Refusal.NOT_ADMIN)
    assert desk.admin_check("9000", "1111") == Refused(Refusal.WRONG)


def test_a_deactivated_employee_leaves_the_directory_and_cannot_punch_in(
    desk: KioskDesk, store: Store
) -> None:
    store.apply_pulled([employee_event(4, "1001", active=False)], next_after=4)
    assert store.directory_entry("1001") is None
    assert desk.sign_in_pin("1001", "0101") == Refused(Refusal.WRONG)
    assert desk.sign_in_badge("9000001001") == Refused(Refusal.UNKNOWN_BADGE)


def test_a_pseudonymised_directory_shows_numbers(store: Store) -> None:
    store.apply_pulled([employee_event(4, "1002", first_name=None, last_name=None)], next_after=4)
    person = KioskDesk(store, TENANT).sign_in_pin("1002", "0202")
    assert isinstance(person, Person)
    assert person.shown_name == "1002"


@pytest.mark.parametrize(
    ("name", "shown"),
    [("Kari Nordmann", "Kari N."), ("Ola Johan Hansen", "Ola Johan H."), ("Cher", "Cher"), ("", "7")],
)
def test_shown_names(name: str, shown: str) -> None:
    assert shown_name(DirectoryEntry("7", name, "employee")) == shown


def test_an_unknown_number_costs_a_verify_like_a_known_one(store: Store) -> None:
    calls: list[str] = []

    def counting(verifier: str, pin: str) -> bool:
        calls.append(verifier[:10])
        return False

    desk = KioskDesk(store, TENANT, verify=counting)
    assert desk.sign_in_pin("4242", "0101") == Refused(Refusal.WRONG)
    assert desk.sign_in_pin("1001", "9999") == Refused(Refusal.WRONG)
    assert calls == ["$argon2id$", "$argon2id$"]
