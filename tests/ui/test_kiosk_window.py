"""The kiosk screen: number and PIN or badge, punch, confirm, forget; locked down but for an admin.

Real parts throughout: a seeded kiosk store (Argon2id verifiers, badge digests),
the TaskRunner and KioskDesk. Keys go to the window as QKeyEvents with explicit
time stamps, since the badge reader is told from a person by timing alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.domain import PunchKind
from app.store import Store, WrongKey
from app.ui.error_text import error_sentence
from app.ui.kiosk.app import KioskFacts, read_kiosk_facts, run_kiosk
from app.ui.kiosk.style import MIN_TOUCH_PX
from app.ui.kiosk.window import KioskWindow, Step
from app.ui.tasks import TaskRunner
from sync.engine import SyncStatus
from sync.protocol import badge_digest
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import MakeRunner

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]

TENANT = "fjordbakeri"
MORNING = datetime(2026, 11, 24, 6, 58, tzinfo=UTC)  # 07:58 in Oslo
PINS = {"1001": "4711", "1002": "1357", "9000": "2580"}
BADGES = {"1001": "9000001001", "1002": "1000001002"}
PEOPLE = {  # fictitious
    "1001": ("Kari", "Nordmann", "employee"),
    "1002": ("Ola", "Hansen", "employee"),
    "9000": ("Ingrid", "Berg", "admin"),
}
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
VERIFIERS = {number: _hasher.hash(pin) for number, pin in PINS.items()}  # once per module: slow on purpose


def directory_events(tenant: str = TENANT) -> list[dict[str, Any]]:
    """The employee events a kiosk pulls for the people above."""
    events = []
    for seq, (number, (first, last, role)) in enumerate(PEOPLE.items(), start=1):
        payload: dict[str, Any] = {
            "number": number,
            "role": role,
            "first_name": first,
            "last_name": last,
            "active": True,
            "pin_verifier": VERIFIERS[number],
        }
        if number in BADGES:
            payload["badge_hash"] = badge_digest(tenant, BADGES[number])
        events.append(
            {
                "seq": seq,
                "id": f"e{seq}",
                "type": "employee",
                "employee": number,
                "payload": payload,
                "recorded_at": MORNING.isoformat(),
            }
        )
    return events


def seed_kiosk_store(folder: Path, backend: MemoryKeyring, tenant: str = TENANT) -> None:
    with Store.open(folder, backend=backend) as store:
        store.apply_pulled(directory_events(tenant), next_after=len(PEOPLE))
        store.set_setting("tenant", tenant)


@pytest.fixture
def kiosk_profile(tmp_path: Path, keyring_backend: MemoryKeyring) -> Path:
    folder = tmp_path / "kiosk"
    seed_kiosk_store(folder, keyring_backend)
    return folder


@pytest.fixture
def open_runner(
    make_runner: MakeRunner, kiosk_profile: Path, keyring_backend: MemoryKeyring
) -> Callable[[], TaskRunner]:
    """A new TaskRunner over the kiosk profile, its store's clock standing at 07:58."""
    return lambda: make_runner(
        lambda: Store.open(kiosk_profile, backend=keyring_backend, clock=lambda: MORNING)
    )


@pytest.fixture
def runner(open_runner: Callable[[], TaskRunner]) -> TaskRunner:
    return open_runner()


MakeKiosk = Callable[..., KioskWindow]


@pytest.fixture
def make_kiosk(qtbot: QtBot) -> Iterator[MakeKiosk]:
    """Kiosk windows, shown normally at 1024×600, with quick timers unless told otherwise."""
    made: list[KioskWindow] = []

    def make(runner: TaskRunner, **options: Any) -> KioskWindow:
        settings: dict[str, Any] = {"clock": lambda: MORNING, "confirm_ms": 10_000, "idle_timeout_ms": 10_000}
        settings.update(options)
        window = KioskWindow(runner, TENANT, **settings)
        qtbot.addWidget(window)
        window.resize(1024, 600)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window._exit_allowed = True  # let pytest-qt close it


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk, runner: TaskRunner) -> KioskWindow:
    return make_kiosk(runner)


# -- driving the window -----------------------------------------------------------------


class Keys:
    """Sends key presses to a window with explicit time stamps (ms), as a keyboard would."""

    def __init__(self, window: KioskWindow) -> None:
        self.window = window
        self.now_ms = 100_000

    def press(
        self,
        key: Qt.Key,
        text: str = "",
        gap_ms: int = 250,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.now_ms += gap_ms
        event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text)
        event.setTimestamp(self.now_ms)
        QApplication.sendEvent(self.window, event)

    def type(self, digits: str, gap_ms: int = 250) -> None:
        for digit in digits:
            self.press(Qt.Key(Qt.Key.Key_0.value + int(digit)), digit, gap_ms)

    def enter(self, gap_ms: int = 250) -> None:
        self.press(Qt.Key.Key_Return, "\r", gap_ms)

    def swipe(self, badge: str) -> None:
        """A keyboard-wedge reader, a while after the last key: the digits 8 ms apart, then Enter."""
        self.now_ms += 1_000
        self.type(badge, gap_ms=8)
        self.enter(gap_ms=8)


def current(window: KioskWindow) -> Step:
    """The window's step (a call, so that mypy does not narrow it between two asserts)."""
    return window.step


def wait_for_step(qtbot: QtBot, window: KioskWindow, step: Step) -> None:
    qtbot.waitUntil(lambda: window.step == step and not window.busy, timeout=10_000)


def on_worker(qtbot: QtBot, runner: TaskRunner, job: Callable[[Store], T]) -> T:
    got: list[T] = []
    runner.run(job, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    return got[0]


def sign_in(qtbot: QtBot, window: KioskWindow, number: str = "1001", pin: str | None = None) -> Keys:
    keys = Keys(window)
    keys.type(number)
    keys.enter()
    keys.type(PINS[number] if pin is None else pin)
    keys.enter()
    qtbot.waitUntil(lambda: not window.busy and window.step != Step.PIN, timeout=10_000)
    return keys


def shown_texts(window: KioskWindow) -> list[str]:
    """Every text on the window: labels, buttons, and what they tell a screen reader."""
    texts = []
    for label in window.findChildren(QLabel):
        texts += [label.text(), label.accessibleName(), label.accessibleDescription(), label.toolTip()]
    for button in window.findChildren(QPushButton):
        texts += [button.text(), button.accessibleDescription()]
    return texts


def mentions_anyone(window: KioskWindow) -> bool:
    names = [part for first, last, _role in PEOPLE.values() for part in (first, last)]
    return any(name in text for text in shown_texts(window) for name in names) or any(
        "Today:" in text for text in shown_texts(window)
    )


# -- number and PIN ------------------------------------------------------------------------


def test_number_and_pin_then_enter_clocks_in_and_confirms_after_the_commit(
    qtbot: QtBot, kiosk: KioskWindow, runner: TaskRunner
) -> None:
    keys = sign_in(qtbot, kiosk)
    assert kiosk.step == Step.ACTIONS
    assert kiosk.action_info.greeting_label.text() == "Hello, Kari N."
    with qtbot.waitSignal(kiosk.punched, timeout=10_000) as punched:
        keys.enter()
    wait_for_step(qtbot, kiosk, Step.CONFIRMED)
    assert kiosk.confirm_info.title_label.text() == "Clocked in 07:58 — Kari N."
    assert kiosk.confirm_info.today_label.text() == "Today: 0 min"
    assert punched.args is not None
    assert punched.args[0].kind == PunchKind.IN
    stored = on_worker(qtbot, runner, lambda store: [(p.kind, p.at) for p in store.punches("1001")])
    assert stored == [(PunchKind.IN, MORNING)]
    outbox = on_worker(qtbot, runner, lambda store: [e.payload for e in store.outbox()])
    assert [(p["employee"], p["kind"], p["source"]) for p in outbox] == [("1001", "in", "kiosk")]


def test_the_pin_is_shown_as_dots(qtbot: QtBot, kiosk: KioskWindow) -> None:
    keys = Keys(kiosk)
    keys.type("1001")
    assert kiosk.entry_info.entry_field.text() == "1001"
    keys.enter()
    assert kiosk.step == Step.PIN
    keys.type("47")
    assert kiosk.entry_info.entry_field.text() == "●●"
    assert "47" not in shown_texts(kiosk)


def test_someone_clocked_in_gets_clock_out_suggested_and_a_digit_picks_the_break(
    qtbot: QtBot, kiosk: KioskWindow, runner: TaskRunner
) -> None:
    on_worker(qtbot, runner, lambda store: store.punch("1001", PunchKind.IN))
    keys = sign_in(qtbot, kiosk)
    assert kiosk.action_info.state_label.text() == "You are clocked in"
    buttons = kiosk.choices.buttons
    assert [b.accessibleName() for b in buttons] == ["Clock out", "Start break"]
    assert [b.objectName() for b in buttons] == ["actionSuggested", "actionOther"]
    keys.type("2")
    wait_for_step(qtbot, kiosk, Step.CONFIRMED)
    assert kiosk.confirm_info.title_label.text() == "Break started 07:58 — Kari N."
    assert on_worker(qtbot, runner, lambda store: store.state("1001")).value == "on-break"


def test_the_keypad_and_action_buttons_work_by_touch(
    qtbot: QtBot, kiosk: KioskWindow, runner: TaskRunner
) -> None:
    pad = kiosk.keypad.buttons
    for key in ("1", "0", "0", "2", "ok", "1", "3", "5", "9", "back", "7", "ok"):
        QTest.mouseClick(pad[key], Qt.MouseButton.LeftButton)
    wait_for_step(qtbot, kiosk, Step.ACTIONS)
    assert kiosk.action_info.greeting_label.text() == "Hello, Ola H."
    QTest.mouseClick(kiosk.choices.buttons[0], Qt.MouseButton.LeftButton)
    wait_for_step(qtbot, kiosk, Step.CONFIRMED)
    assert kiosk.confirm_info.title_label.text() == "Clocked in 07:58 — Ola H."
    assert on_worker(qtbot, runner, lambda store: len(store.punches("1002"))) == 1


def test_wrong_pin_says_wrong_number_or_pin_without_counting_down(qtbot: QtBot, kiosk: KioskWindow) -> None:
    sign_in(qtbot, kiosk, pin="0000")
    assert kiosk.step == Step.NUMBER
    assert kiosk.entry_info.message_label.text() == "Wrong number or PIN"
    assert kiosk.typed == ""


def test_an_unknown_number_gets_the_same_words(qtbot: QtBot, kiosk: KioskWindow) -> None:
    keys = Keys(kiosk)
    keys.type("4242")
    keys.enter()
    keys.type("1234")
    keys.enter()
    qtbot.waitUntil(lambda: kiosk.entry_info.message_label.text() == "Wrong number or PIN", timeout=10_000)


def test_five_wrong_pins_lock_the_number_even_for_the_right_pin(qtbot: QtBot, kiosk: KioskWindow) -> None:
    for _ in range(4):
        sign_in(qtbot, kiosk, pin="0000")
        assert kiosk.entry_info.message_label.text() == "Wrong number or PIN"
    sign_in(qtbot, kiosk, pin="0000")
    locked = "Locked until 08:03 — too many wrong PINs"
    assert kiosk.entry_info.message_label.text() == locked
    sign_in(qtbot, kiosk)
    assert kiosk.step == Step.NUMBER
    assert kiosk.entry_info.message_label.text() == locked


def test_the_lockout_is_kept_after_a_restart(
    qtbot: QtBot, make_kiosk: MakeKiosk, open_runner: Callable[[], TaskRunner]
) -> None:
    first_runner = open_runner()
    first = make_kiosk(first_runner)
    for _ in range(5):
        sign_in(qtbot, first, pin="0000")
    assert first.entry_info.message_label.text().startswith("Locked until 08:03")
    first._exit_allowed = True
    first.close()
    assert first_runner.shutdown()

    second = make_kiosk(open_runner())
    sign_in(qtbot, second)
    assert second.step == Step.NUMBER
    assert second.entry_info.message_label.text() == "Locked until 08:03 — too many wrong PINs"


# -- badges ------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed_before", ["", "12", "1001\r47"])
def test_a_badge_burst_signs_in_and_drops_what_it_typed(
    qtbot: QtBot, kiosk: KioskWindow, typed_before: str
) -> None:
    keys = Keys(kiosk)
    number, _, pin = typed_before.partition("\r")
    keys.type(number)
    if pin:
        keys.enter()
        keys.type(pin)
    keys.swipe(BADGES["1001"])
    wait_for_step(qtbot, kiosk, Step.ACTIONS)
    assert kiosk.action_info.greeting_label.text() == "Hello, Kari N."
    assert kiosk.typed == ""


def test_the_same_digits_typed_slowly_are_a_number_not_a_badge(qtbot: QtBot, kiosk: KioskWindow) -> None:
    keys = Keys(kiosk)
    keys.type(BADGES["1001"], gap_ms=120)
    keys.enter(gap_ms=120)
    assert kiosk.step == Step.PIN
    assert kiosk.entry_info.hint_label.text() == f"Employee number {BADGES['1001']}"
    assert not kiosk.busy


def test_an_unknown_badge_is_not_recognised(qtbot: QtBot, kiosk: KioskWindow) -> None:
    Keys(kiosk).swipe("5550001234")
    qtbot.waitUntil(lambda: kiosk.entry_info.message_label.text() == "Badge not recognised", timeout=10_000)
    assert kiosk.step == Step.NUMBER


def test_a_badge_on_the_action_screen_presses_no_action_for_the_person_shown(
    qtbot: QtBot, kiosk: KioskWindow, runner: TaskRunner
) -> None:
    sign_in(qtbot, kiosk)  # Kari; her action 1 is "Clock in", and Ola's badge starts with 1
    Keys(kiosk).swipe(BADGES["1002"])
    qtbot.waitUntil(lambda: kiosk.action_info.greeting_label.text() == "Hello, Ola H.", timeout=10_000)
    assert on_worker(qtbot, runner, lambda store: store.punch_count()) == 0


# -- forgetting ----------------------------------------------------------------------------------


def test_the_confirmation_goes_back_to_idle_and_leaves_no_name_on_screen(
    qtbot: QtBot, make_kiosk: MakeKiosk, runner: TaskRunner
) -> None:
    kiosk = make_kiosk(runner, confirm_ms=100)
    keys = sign_in(qtbot, kiosk)
    keys.enter()
    wait_for_step(qtbot, kiosk, Step.CONFIRMED)
    assert mentions_anyone(kiosk)
    qtbot.waitUntil(kiosk.is_idle, timeout=5_000)
    assert not mentions_anyone(kiosk)


def test_any_key_ends_the_confirmation_at_once(qtbot: QtBot, kiosk: KioskWindow) -> None:
    keys = sign_in(qtbot, kiosk)
    keys.enter()
    wait_for_step(qtbot, kiosk, Step.CONFIRMED)
    keys.press(Qt.Key.Key_Space, " ")
    assert kiosk.is_idle()
    assert not mentions_anyone(kiosk)


def test_the_idle_timeout_clears_a_half_typed_pin(
    qtbot: QtBot, make_kiosk: MakeKiosk, runner: TaskRunner
) -> None:
    kiosk = make_kiosk(runner, idle_timeout_ms=150)
    keys = Keys(kiosk)
    keys.type("1001")
    keys.enter()
    keys.type("47")
    assert kiosk.typed == "47"
    qtbot.waitUntil(kiosk.is_idle, timeout=5_000)
    assert kiosk.typed == ""
    assert kiosk.entry_info.entry_field.text() == ""


def test_the_idle_timeout_takes_the_action_screen_away(
    qtbot: QtBot, make_kiosk: MakeKiosk, runner: TaskRunner
) -> None:
    kiosk = make_kiosk(runner, idle_timeout_ms=200)
    sign_in(qtbot, kiosk)
    assert kiosk.step == Step.ACTIONS
    qtbot.waitUntil(kiosk.is_idle, timeout=5_000)
    assert not mentions_anyone(kiosk)
    assert on_worker(qtbot, runner, lambda store: store.punch_count()) == 0


# -- staying in kiosk mode ----------------------------------------------------------------------------


def test_escape_keys_and_close_requests_leave_the_kiosk_on_screen(qtbot: QtBot, kiosk: KioskWindow) -> None:
    keys = Keys(kiosk)
    ctrl = Qt.KeyboardModifier.ControlModifier
    alt = Qt.KeyboardModifier.AltModifier
    with qtbot.assertNotEmitted(kiosk.exit_requested):
        keys.press(Qt.Key.Key_Escape, "\x1b")
        keys.press(Qt.Key.Key_Q, "\x11", modifiers=ctrl)
        keys.press(Qt.Key.Key_W, "\x17", modifiers=ctrl)
        keys.press(Qt.Key.Key_F4, modifiers=alt)
        assert not kiosk.close()
    assert kiosk.isVisible()
    assert kiosk.step == Step.NUMBER


def admin_keys(qtbot: QtBot, kiosk: KioskWindow, number: str) -> None:
    keys = Keys(kiosk)
    keys.press(Qt.Key.Key_F10)
    assert current(kiosk) == Step.ADMIN_NUMBER
    keys.type(number)
    keys.enter()
    assert current(kiosk) == Step.ADMIN_PIN
    keys.type(PINS[number])
    keys.enter()


def test_an_administrator_closes_the_kiosk(qtbot: QtBot, kiosk: KioskWindow) -> None:
    with qtbot.waitSignal(kiosk.exit_requested, timeout=10_000):
        admin_keys(qtbot, kiosk, "9000")
    assert not kiosk.isVisible()


def test_an_employee_cannot_close_the_kiosk(qtbot: QtBot, kiosk: KioskWindow) -> None:
    with qtbot.assertNotEmitted(kiosk.exit_requested):
        admin_keys(qtbot, kiosk, "1001")
        qtbot.waitUntil(lambda: not kiosk.busy and kiosk.step == Step.NUMBER, timeout=10_000)
    assert kiosk.entry_info.message_label.text() == "Only an administrator can close the kiosk"
    assert kiosk.isVisible()


def test_the_admin_button_and_ctrl_alt_e_open_the_admin_prompt_and_clear_goes_back(
    qtbot: QtBot, kiosk: KioskWindow
) -> None:
    QTest.mouseClick(kiosk.admin_button, Qt.MouseButton.LeftButton)
    assert current(kiosk) == Step.ADMIN_NUMBER
    keys = Keys(kiosk)
    keys.press(Qt.Key.Key_Escape)
    assert current(kiosk) == Step.NUMBER
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    keys.press(Qt.Key.Key_E, "", modifiers=both)
    assert current(kiosk) == Step.ADMIN_NUMBER


# -- errors ----------------------------------------------------------------------------------------------


def test_a_store_that_cannot_open_is_worded_not_traced(
    qtbot: QtBot, make_kiosk: MakeKiosk, make_runner: MakeRunner
) -> None:
    def broken() -> Store:
        raise WrongKey()

    kiosk = make_kiosk(make_runner(broken))
    sign_in(qtbot, kiosk)
    assert kiosk.step == Step.NUMBER
    assert kiosk.entry_info.message_label.text() == error_sentence(WrongKey())
    assert not any("Traceback" in text or "WrongKey" in text for text in shown_texts(kiosk))


def test_a_punch_that_no_longer_fits_is_refused_in_words(
    qtbot: QtBot, kiosk: KioskWindow, runner: TaskRunner
) -> None:
    keys = sign_in(qtbot, kiosk)  # offered "Clock in"
    on_worker(qtbot, runner, lambda store: store.punch("1001", PunchKind.IN))  # meanwhile, elsewhere
    keys.enter()
    qtbot.waitUntil(lambda: kiosk.step == Step.NUMBER and not kiosk.busy, timeout=10_000)
    assert kiosk.entry_info.message_label.text().startswith("That punch does not fit")
    assert on_worker(qtbot, runner, lambda store: store.punch_count()) == 1


# -- what else is on screen ----------------------------------------------------------------------------


def test_the_clock_shows_oslo_time_and_the_workplace(kiosk: KioskWindow) -> None:
    assert kiosk.time_label.text() == "07:58"
    assert "2026" in kiosk.date_label.text()
    assert kiosk.tenant_label.text() == TENANT


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (SyncStatus("synced", last_sync=MORNING), "Synced 07:58"),
        (SyncStatus("offline", pending=3), "Offline · 3 waiting"),
        (SyncStatus("offline"), "Offline"),
        (SyncStatus("pending", pending=1), "1 waiting to sync"),
        (SyncStatus("problem", pending=2, message="boom"), "Not syncing · 2 waiting"),
        (SyncStatus("syncing"), "Syncing…"),
    ],
)
def test_the_sync_line_is_calm_and_short(kiosk: KioskWindow, status: SyncStatus, words: str) -> None:
    kiosk.show_sync_status(status)
    assert kiosk.sync_label.text() == words


@pytest.mark.parametrize("size", [QSize(1024, 600), QSize(1920, 1080)])
def test_keys_are_touch_sized_and_grow_with_the_screen(qtbot: QtBot, kiosk: KioskWindow, size: QSize) -> None:
    kiosk.resize(size)
    qtbot.waitUntil(lambda: kiosk.size() == size)
    heights = {button.height() for button in kiosk.keypad.buttons.values()}
    assert min(heights) >= MIN_TOUCH_PX
    if size.height() == 1080:
        assert min(heights) >= 110


def test_read_kiosk_facts_reads_the_tenant_on_the_worker(qtbot: QtBot, runner: TaskRunner) -> None:
    assert read_kiosk_facts(runner) == KioskFacts(tenant=TENANT, enrolled=False)


# -- starting it: run_kiosk in a process of its own (app.exec() ends a QApplication's life) ---------------


def test_run_kiosk_shows_the_tenant_full_screen_and_an_administrator_ends_it(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.test_kiosk_window", str(tmp_path / "kiosk")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.splitlines()[-1])
    assert shown == {"code": 0, "tenant": TENANT, "full_screen": True, "frameless": True, "closed": True}
    assert "Traceback" not in done.stderr


def _run_kiosk_probe(folder: Path) -> None:
    """The child of the test above: seed a profile, run the kiosk, close it as the administrator."""
    backend = MemoryKeyring()
    seed_kiosk_store(folder, backend)
    app = QApplication(sys.argv[:1])
    seen: dict[str, object] = {}

    def close_once_shown() -> None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, KioskWindow) and widget.isVisible() and widget.step == Step.NUMBER:
                poll.stop()
                seen["tenant"] = widget.tenant_label.text()
                seen["full_screen"] = widget.isFullScreen()
                seen["frameless"] = bool(widget.windowFlags() & Qt.WindowType.FramelessWindowHint)
                widget.exit_requested.connect(lambda w=widget: seen.update(closed=not w.isVisible()))
                widget.open_admin()
                for digit in "9000":
                    widget.press_digit(digit)
                widget.press_ok()
                for digit in PINS["9000"]:
                    widget.press_digit(digit)
                widget.press_ok()

    poll = QTimer()
    poll.timeout.connect(close_once_shown)
    poll.start(10)
    QTimer.singleShot(30_000, QCoreApplication.quit)
    code = run_kiosk(folder, backend=backend)
    seen["closed"] = seen.get("closed") is not None and not any(
        isinstance(w, KioskWindow) and w.isVisible() for w in app.topLevelWidgets()
    )
    print(json.dumps({"code": code, **seen}))


if __name__ == "__main__":
    _run_kiosk_probe(Path(sys.argv[1]))
