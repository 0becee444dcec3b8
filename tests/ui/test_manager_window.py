"""The manager window: the team's week, one employee's week, and decisions queued for the server."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from app.store import DiskFull, OutboxEntry, Store
from app.ui.history_dialog import HistoryDialog
from app.ui.main_window import MainWindow
from app.ui.manager import ManagerWindow
from app.ui.manager.overview_table import COLUMNS
from app.ui.tasks import TaskRunner
from app.ui.theme import apply_theme, remove_theme
from sync.protocol import week_digest
from tests.keyring_fakes import MemoryKeyring
from tests.ui.support import MakeRunner, MakeWindow, contrast

T = TypeVar("T")

MANAGER = "1000"
NOW = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # Wednesday 14:00 in Oslo, week 2026-W48
WEEK = "2026-W48"
CONFLICT = "conflict: 2 entries arrived after you decided; the week is back for review"


def oslo(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour - 1, minute, tzinfo=UTC)  # CET is UTC+1 in November


@dataclass
class Ledger:
    """Server events as a pull delivers them, numbered as the server would."""

    events: list[dict[str, Any]] = field(default_factory=list)
    punch_ids: dict[str, list[str]] = field(default_factory=dict)

    def add(self, type_: str, employee: str, payload: dict[str, Any], event_id: str | None = None) -> None:
        self.events.append(
            {
                "seq": len(self.events) + 1,
                "id": event_id or str(payload.get("id") or uuid.uuid4()),
                "type": type_,
                "employee": employee,
                "payload": payload,
                "recorded_at": NOW.isoformat(),
            }
        )

    def employee(self, number: str, first: str, last: str, role: str = "employee") -> None:
        payload = {
            "number": number,
            "role": role,
            "first_name": first,
            "last_name": last,
            "active": True,
            "manager": None if number == MANAGER else MANAGER,
        }
        self.add("employee", number, payload, event_id=str(uuid.uuid4()))

    def punch(self, number: str, kind: str, at: datetime) -> str:
        punch_id = str(uuid.uuid4())
        payload = {
            "id": punch_id,
            "employee": number,
            "kind": kind,
            "at": at.isoformat(),
            "zone": "Europe/Oslo",
            "device_clock": at.isoformat(),
            "clock_offset_ms": 0,
            "source": "desktop",
            "note": "",
        }
        self.add("punch", number, payload)
        self.punch_ids.setdefault(number, []).append(punch_id)
        return punch_id

    def shift(self, number: str, start: datetime, end: datetime | None) -> list[str]:
        ids = [self.punch(number, "in", start)]
        if end is not None:
            ids.append(self.punch(number, "out", end))
        return ids


@dataclass
class Team:
    folder: Path
    backend: MemoryKeyring
    ledger: Ledger

    def open(self) -> Store:
        return Store.open(self.folder, backend=self.backend, clock=lambda: NOW)


def seed_team(folder: Path, backend: MemoryKeyring, *, request: bool = False) -> Team:
    """A manager's store: Kari and Per clean, Ola forgot to clock out, Ingrid worked 15 hours."""
    ledger = Ledger()
    ledger.employee(MANAGER, "Marte", "Kirkerud", role="manager")
    ledger.employee("1001", "Kari", "Nordmann")
    ledger.employee("1002", "Ola", "Nordmann")
    ledger.employee("1003", "Ingrid", "Hansen")
    ledger.employee("1004", "Per", "Olsen")
    ledger.shift("1001", oslo(17, 8), oslo(17, 15, 30))  # last week
    ledger.shift("1001", oslo(23, 8), oslo(23, 16))
    kari_tuesday = ledger.shift("1001", oslo(24, 8), oslo(24, 16))
    ledger.shift("1002", oslo(23, 8), None)  # no clock-out since Monday 08:00
    ledger.shift("1003", oslo(24, 6), oslo(24, 21))  # 15 hours
    ledger.shift("1004", oslo(23, 9), oslo(23, 15))
    if request:
        ledger.add(
            "correction",
            "1001",
            {
                "id": str(uuid.uuid4()),
                "employee": "1001",
                "action": "request",
                "target": kari_tuesday[1],
                "kind": "out",
                "at": oslo(24, 16, 45).isoformat(),
                "reason": "Forgot to clock out",
                "made_at": oslo(25, 8).isoformat(),
            },
        )
    with Store.open(folder, backend=backend, clock=lambda: NOW) as store:
        store.set_setting("employee", MANAGER)
        store.set_setting("role", "manager")
        store.apply_pulled(ledger.events, next_after=len(ledger.events))
    return Team(folder, backend, ledger)


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return seed_team(tmp_path / "manager", MemoryKeyring())


@pytest.fixture
def team_runner(make_runner: MakeRunner, team: Team) -> TaskRunner:
    return make_runner(team.open)


def open_window(qtbot: QtBot, runner: TaskRunner) -> ManagerWindow:
    window = ManagerWindow(runner, MANAGER, now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.week_view.sheet is not None and runner.is_idle(), timeout=10_000)
    return window


@pytest.fixture
def window(qtbot: QtBot, team_runner: TaskRunner) -> ManagerWindow:
    return open_window(qtbot, team_runner)


def on_worker(qtbot: QtBot, runner: TaskRunner, job: Callable[[Store], T]) -> T:
    """Run `job` on the store worker (as the window would) and wait for its result."""
    results: list[T] = []
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.run(job, results.append)
    return results[0]


def settled(qtbot: QtBot, window: ManagerWindow) -> None:
    """Wait until the window's reloads after a decision or a refresh are on screen."""
    runner = window._runner
    qtbot.waitUntil(lambda: runner.is_idle() and not window._overview_loading, timeout=10_000)


def rows(window: ManagerWindow) -> dict[str, dict[str, str]]:
    """The table as shown (through the sorting proxy): number -> column -> text."""
    shown: dict[str, dict[str, str]] = {}
    for row in range(window.proxy.rowCount()):
        texts = {c: str(window.proxy.index(row, i).data()) for i, c in enumerate(COLUMNS)}
        shown[texts["number"]] = texts
    return shown


def select(qtbot: QtBot, window: ManagerWindow, number: str) -> None:
    row = next(r for r in range(window.proxy.rowCount()) if window.proxy.index(r, 0).data() == number)
    with qtbot.waitSignal(window.week_shown, timeout=10_000):
        window.table.selectRow(row)
    settled(qtbot, window)


def outbox(qtbot: QtBot, runner: TaskRunner, kind: str) -> list[OutboxEntry]:
    return [e for e in on_worker(qtbot, runner, lambda store: store.outbox()) if e.kind == kind]


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return "" if item is None else item.text()


def decide_in_dialog(qtbot: QtBot, window: ManagerWindow, comment: str = "") -> None:
    dialog = window.decision_dialog
    assert dialog is not None
    dialog.comment_edit.setText(comment)
    with qtbot.waitSignal(window.decided, timeout=10_000):
        dialog.decide_button.click()
    settled(qtbot, window)


# the overview ---------------------------------------------------------------------------------


def test_overview_shows_the_team_with_hours_and_anomaly_counts(window: ManagerWindow) -> None:
    shown = rows(window)
    assert list(shown) == ["1001", "1002", "1003", "1004"]
    assert shown["1001"] == {
        "number": "1001",
        "name": "Kari Nordmann",
        "now": "Out",
        "this-week": "16 h 0 min",
        "last-week": "7 h 30 min",
        "anomalies": "—",
        "law": "2",  # two 8-hour days without a break: § 10-9 (1)
        "decision": "Open",
    }
    assert shown["1002"]["now"] == "In"
    assert shown["1002"]["this-week"] == "54 h 0 min"  # Monday 08:00 to now: the forgotten clock-out
    assert shown["1002"]["anomalies"] == "1"
    assert shown["1003"]["this-week"] == "15 h 0 min"
    assert shown["1003"]["anomalies"] == "1"
    assert window.week_label.text() == "Week 48, 2026 · 23.11.–29.11. (this week)"


def test_overview_sorts_by_hours_not_by_text(window: ManagerWindow) -> None:
    column = COLUMNS.index("this-week")
    window.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert list(rows(window)) == ["1002", "1001", "1003", "1004"]


def test_the_week_of_the_selected_employee_names_each_anomaly_on_its_day(
    qtbot: QtBot, window: ManagerWindow
) -> None:
    select(qtbot, window, "1002")
    view = window.week_view
    assert view.name_label.text() == "Ola Nordmann · 1002"
    days = view.days_table
    assert days.rowCount() == 7
    assert cell(days, 0, 0) == "Mon 23 Nov"
    assert cell(days, 0, 1) == "08:00–…"
    monday = cell(days, 0, 4).splitlines()
    assert monday[0] == (
        "⚠ No clock-out for more than 16 h after the clock-in at 08:00 — suggested clock-out Mon 23.11. 15:30"
    )
    # The forgotten clock-out also counts as work up to now, so the law checks find the long week.
    assert "⚠ § 10-4 normal working time per 7 days: 54 h 0 min (at most 40 h 0 min)" in cell(days, 0, 4)

    select(qtbot, window, "1003")
    assert cell(days, 1, 1) == "06:00–21:00"
    assert cell(days, 1, 3) == "15 h 0 min"
    tuesday = cell(days, 1, 4).splitlines()
    assert tuesday[0] == "⚠ The shift from 06:00 is longer than 13 h"
    assert tuesday[2] == "⚠ § 10-6 (8) total working time per 24 hours: 15 h 0 min (at most 13 h 0 min)"
    assert len(tuesday) == 5
    assert cell(days, 0, 4) == ""
    assert view.totals_label.text() == (
        "Total 15 h 0 min · overtime 0 min · 1 anomaly · 4 work-time law findings"
    )


def test_previous_and_next_week_follow_alt_left_and_alt_right(qtbot: QtBot, window: ManagerWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.overview_shown, timeout=10_000):
        QTest.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    settled(qtbot, window)
    assert window.week == "2026-W47"
    assert window.week_label.text() == "Week 47, 2026 · 16.11.–22.11."
    assert rows(window)["1001"]["this-week"] == "7 h 30 min"
    assert window.week_view.week_label.text() == "Week 47, 2026"

    with qtbot.waitSignal(window.overview_shown, timeout=10_000):
        QTest.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    settled(qtbot, window)
    assert window.week == WEEK


# deciding -------------------------------------------------------------------------------------


def test_approve_queues_the_week_with_its_digest_and_shows_pending_sync(
    qtbot: QtBot, window: ManagerWindow, team: Team, team_runner: TaskRunner
) -> None:
    assert window.week_view.sheet is not None
    assert window.week_view.sheet.number == "1001"
    window.approve_action.trigger()
    decide_in_dialog(qtbot, window, "Fine")

    [queued] = outbox(qtbot, team_runner, "approval")
    week_ids = team.ledger.punch_ids["1001"][2:]  # Monday's and Tuesday's, not last week's
    assert queued.payload["employee"] == "1001"
    assert queued.payload["week"] == WEEK
    assert queued.payload["decision"] == "approve"
    assert queued.payload["digest"] == week_digest(week_ids)
    assert queued.payload["covers"] == 4
    assert queued.payload["comment"] == "Fine"
    assert rows(window)["1001"]["decision"] == "Pending sync"
    assert window.week_view.decision_label.text() == "Pending sync"
    assert "sent to the server with the next sync" in window.week_view.decision_detail.text()
    assert not window.approve_action.isEnabled()  # not twice while it waits
    assert (
        window.status_label.text()
        == "Approved week 48, 2026 of Kari Nordmann; it is sent with the next sync."
    )


def test_reject_cannot_be_sent_without_a_comment(
    qtbot: QtBot, window: ManagerWindow, team_runner: TaskRunner
) -> None:
    window.reject_action.trigger()
    dialog = window.decision_dialog
    assert dialog is not None
    assert not dialog.decide_button.isEnabled()
    assert dialog.problem_label.text() == "Say why, so the employee knows what to fix."
    dialog.comment_edit.setText("   ")
    assert not dialog.decide_button.isEnabled()
    dialog.accept()  # as Enter would: refused while the comment is missing
    assert dialog.isVisible()

    decide_in_dialog(qtbot, window, "Tuesday's clock-out is missing a note")
    [queued] = outbox(qtbot, team_runner, "approval")
    assert queued.payload["decision"] == "reject"
    assert queued.payload["comment"] == "Tuesday's clock-out is missing a note"


def test_approve_all_clean_weeks_approves_only_those_without_anomalies(
    qtbot: QtBot, window: ManagerWindow, team_runner: TaskRunner
) -> None:
    window.approve_clean_action.trigger()
    box = window.bulk_box
    assert box is not None
    assert box.text() == "Approve 2 clean weeks of week 48, 2026?"
    assert "Kari Nordmann, Per Olsen" in box.informativeText()
    with qtbot.waitSignal(window.decided, timeout=10_000):
        window.bulk_approve_button.click()
    settled(qtbot, window)

    queued = outbox(qtbot, team_runner, "approval")
    assert sorted(str(e.payload["employee"]) for e in queued) == ["1001", "1004"]
    assert {e.payload["decision"] for e in queued} == {"approve"}
    decisions = {number: row["decision"] for number, row in rows(window).items()}
    assert decisions == {"1001": "Pending sync", "1002": "Open", "1003": "Open", "1004": "Pending sync"}
    assert not window.approve_clean_action.isEnabled()  # none left


def test_a_decision_the_server_refused_shows_the_conflict_and_can_be_made_again(
    qtbot: QtBot, window: ManagerWindow, team_runner: TaskRunner
) -> None:
    window.approve_action.trigger()
    decide_in_dialog(qtbot, window)
    [first] = outbox(qtbot, team_runner, "approval")
    on_worker(qtbot, team_runner, lambda store: store.settle([(first.id, "rejected", CONFLICT, None)]))

    window.refresh()  # as the main window does on the sync status that follows
    settled(qtbot, window)
    assert rows(window)["1001"]["decision"] == "Conflict"
    assert window.week_view.decision_label.text() == "Conflict"
    assert CONFLICT in window.week_view.decision_detail.text()
    assert window.approve_action.isEnabled()

    window.approve_action.trigger()
    decide_in_dialog(qtbot, window)
    [again] = outbox(qtbot, team_runner, "approval")  # the refused one is answered, not kept
    assert again.id != first.id
    assert again.state == "pending"
    assert rows(window)["1001"]["decision"] == "Pending sync"


def test_an_approval_the_server_took_locks_the_week_until_reopened(
    qtbot: QtBot, window: ManagerWindow, team_runner: TaskRunner
) -> None:
    window.approve_action.trigger()
    decide_in_dialog(qtbot, window)
    [queued] = outbox(qtbot, team_runner, "approval")
    on_worker(qtbot, team_runner, lambda store: store.settle([(queued.id, "accepted", None, 99)]))
    window.refresh()
    settled(qtbot, window)

    assert rows(window)["1001"]["decision"] == "Approved"
    assert not window.approve_action.isEnabled()
    assert not window.reject_action.isEnabled()
    assert window.reopen_action.isEnabled()
    window.reopen_action.trigger()
    decide_in_dialog(qtbot, window)
    reopen = outbox(qtbot, team_runner, "approval")
    assert [e.payload["decision"] for e in reopen] == ["reopen"]


def test_approving_a_correction_request_from_the_week_queues_its_approval(
    qtbot: QtBot, make_runner: MakeRunner, tmp_path: Path
) -> None:
    team = seed_team(tmp_path / "requests", MemoryKeyring(), request=True)
    runner = make_runner(team.open)
    window = open_window(qtbot, runner)
    sheet = window.week_view.sheet
    assert sheet is not None
    assert len(sheet.requests) == 1
    request = sheet.requests[0]
    approve, _reject = window.week_view.request_buttons[request.id]

    with qtbot.waitSignal(window.decided, timeout=10_000):
        approve.click()
    settled(qtbot, window)

    [queued] = outbox(qtbot, runner, "correction")
    assert queued.payload["action"] == "approve"
    assert queued.payload["request"] == request.id
    assert queued.payload["employee"] == "1001"
    assert window.week_view.request_buttons == {}  # decided: no buttons any more
    days = window.week_view.days_table
    assert cell(days, 1, 1) == "08:00–16:45"  # the corrected clock-out counts now


def test_a_punch_shows_its_history_with_the_correction_asked_for(
    qtbot: QtBot, make_runner: MakeRunner, tmp_path: Path
) -> None:
    team = seed_team(tmp_path / "history", MemoryKeyring(), request=True)
    window = open_window(qtbot, make_runner(team.open))
    view = window.week_view
    view.tabs.setCurrentIndex(1)
    assert not window.history_action.isEnabled()
    target = team.ledger.punch_ids["1001"][5]  # Tuesday's clock-out
    row = next(
        r
        for r in range(view.punches_table.rowCount())
        if cell(view.punches_table, r, 0) == "Tue 24.11. 16:00"
    )
    view.punches_table.selectRow(row)
    assert view.selected_punch() == target
    assert window.history_action.isEnabled()

    window.history_action.trigger()
    dialog = window.history_dialog
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    assert [cell(dialog.table, 1, c) for c in range(6)] == [
        "Wed 25.11. 08:00",
        "1001",
        "Correction asked for",
        "Clock out · Tue 24.11. 16:00",
        "Clock out · Tue 24.11. 16:45",
        "Forgot to clock out",
    ]


def test_a_decision_that_cannot_be_stored_is_explained_in_the_window(
    qtbot: QtBot, make_runner: MakeRunner, team: Team
) -> None:
    class FullDisk(Store):
        def queue_review_event(self, kind: str, payload: dict[str, Any], *, drop: Any = ()) -> str:
            raise DiskFull()

    runner = make_runner(lambda: FullDisk.open(team.folder, backend=team.backend, clock=lambda: NOW))
    window = open_window(qtbot, runner)
    window.approve_action.trigger()
    dialog = window.decision_dialog
    assert dialog is not None
    with qtbot.waitSignal(window.failed, timeout=10_000):
        dialog.decide_button.click()
    settled(qtbot, window)
    assert (
        window.status_label.text() == "The disk is full, so nothing was saved: free some space and try again."
    )
    assert rows(window)["1001"]["decision"] == "Open"
    assert window.approve_action.isEnabled()


# keys only --------------------------------------------------------------------------------------


def test_the_overview_and_an_approval_work_by_keys_alone(
    qtbot: QtBot, window: ManagerWindow, team_runner: TaskRunner
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.table.hasFocus()
    with qtbot.waitSignal(window.week_shown, timeout=10_000):
        QTest.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    assert window.selected == "1004"
    QTest.keyClick(window.table, Qt.Key.Key_Return)
    assert window.week_view.days_table.hasFocus()

    QTest.keyClick(window.week_view.days_table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = window.decision_dialog
    assert dialog is not None
    assert dialog.isVisible()
    QTest.keyClicks(dialog.comment_edit, "OK")
    with qtbot.waitSignal(window.decided, timeout=10_000):
        QTest.keyClick(dialog.comment_edit, Qt.Key.Key_Return)
    settled(qtbot, window)

    [queued] = outbox(qtbot, team_runner, "approval")
    assert (queued.payload["employee"], queued.payload["decision"], queued.payload["comment"]) == (
        "1004",
        "approve",
        "OK",
    )
    assert rows(window)["1004"]["decision"] == "Pending sync"


def test_actions_have_shortcuts_and_buttons_have_names(window: ManagerWindow) -> None:
    shortcuts = {
        action.text(): action.shortcut().toString()
        for action in (
            window.previous_week_action,
            window.next_week_action,
            window.approve_action,
            window.reject_action,
            window.reopen_action,
            window.approve_clean_action,
            window.history_action,
        )
    }
    assert shortcuts == {
        "◀ Previous week": "Alt+Left",
        "Next week ▶": "Alt+Right",
        "&Approve…": "Ctrl+Return",
        "&Reject…": "Ctrl+Shift+R",
        "Re&open…": "Ctrl+Shift+O",
        "Approve all &clean weeks…": "Ctrl+Shift+A",
        "&History…": "Ctrl+H",
    }
    names = [button.accessibleName() for button in window.week_view.decision_buttons]
    assert names == ["Approve…", "Reject…", "Reopen…"]
    assert window.table.accessibleName() == "Team"


# from the employee window ----------------------------------------------------------------------


def test_the_team_action_is_hidden_for_an_employee(
    qtbot: QtBot, make_window: MakeWindow, runner: TaskRunner
) -> None:
    main = make_window(runner)
    qtbot.waitUntil(runner.is_idle)
    assert main.team.role is None
    assert not main.team.team_action.isVisible()
    main.team.open_team()
    assert main.team.manager_window is None


def test_ctrl_t_opens_the_team_for_a_manager_and_a_sync_status_refreshes_it(
    qtbot: QtBot, make_runner: MakeRunner, make_window: MakeWindow, team: Team
) -> None:
    runner = make_runner(team.open)
    main: MainWindow = make_window(runner)
    qtbot.waitUntil(lambda: main.team.team_action.isVisible(), timeout=10_000)
    assert main.team.role == "manager"
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)

    QTest.keyClick(main, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    manager = main.team.manager_window
    assert manager is not None
    assert manager.manager == MANAGER
    qtbot.waitUntil(lambda: manager.week_view.sheet is not None and runner.is_idle(), timeout=10_000)
    assert list(rows(manager)) == ["1001", "1002", "1003", "1004"]

    from sync.engine import SyncStatus

    with qtbot.waitSignal(manager.overview_shown, timeout=10_000):
        main.sync.view.show_status(SyncStatus("synced"))


def test_the_overview_paints_first_and_the_law_counts_follow(qtbot: QtBot, team_runner: TaskRunner) -> None:
    order: list[str] = []
    shown_then: dict[str, str] = {}
    window = ManagerWindow(team_runner, MANAGER, now=lambda: NOW)
    qtbot.addWidget(window)

    def overview() -> None:
        order.append("overview")
        shown_then.update({n: r["law"] for n, r in rows(window).items()})

    window.overview_shown.connect(overview)
    window.law_shown.connect(lambda: order.append("law"))
    with qtbot.waitSignal(window.law_shown, timeout=10_000):
        window.show()
    assert order == ["overview", "law"]
    assert set(shown_then.values()) == {"…"}  # not counted yet when first painted
    assert rows(window)["1001"]["law"] == "2"


def test_warnings_in_the_tables_read_on_a_dark_desktop_and_follow_a_switch(
    qtbot: QtBot, window: ManagerWindow, qapp: QApplication
) -> None:
    def colour_of(brush: object) -> str:
        assert isinstance(brush, QBrush)
        return brush.color().name()

    model = window.proxy
    column = COLUMNS.index("anomalies")
    anomalous = next(r for r in range(model.rowCount()) if model.index(r, column).data() not in ("—", "0"))
    select(qtbot, window, "1003")  # shown in the light palette the test starts with
    item = window.week_view.days_table.item(1, 4)
    assert item is not None
    assert item.text().startswith("⚠")
    try:
        for scheme in ("dark", "light", "dark"):
            apply_theme(qapp, scheme)  # the week on screen is recoloured, not only the next one
            base = qapp.palette().color(QPalette.ColorRole.Base).name()
            warning = colour_of(model.index(anomalous, column).data(Qt.ItemDataRole.ForegroundRole))
            assert contrast(warning, base) >= 4.5, (scheme, warning, base)
            assert contrast(item.foreground().color().name(), base) >= 4.5, scheme
    finally:
        remove_theme(qapp)
