"""The `stempel` command: the desktop app by default, sub-commands for scripting.

Exit codes: 0 ok, 1 failure (one line on stderr), 2 usage. `--json` prints one
JSON object on stdout. Qt is imported only where the GUI or the self-check
needs it, so scripted calls start fast.

Logging: nothing is written unless asked for: `--log-file FILE` (or
`$STEMPEL_LOG_FILE`) appends the log there, at `--log-level` (or
`$STEMPEL_LOG_LEVEL`; default INFO). Without a file, warnings still reach
stderr. Every record passes the redaction filter of `sync.redaction` first.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import socket
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from app import __version__
from app.domain import (
    DEFAULT_ZONE,
    ClockState,
    PunchKind,
    format_duration,
    pair_shifts,
    today_worked,
)
from app.failures import Failure
from app.store import KeyringLocked, Store, StoreError, default_profile_dir, unlock_keyring
from app.store.errors import REMOVED_SENTENCE
from app.store.export import personal_export

_PUNCH_WORDS = {
    PunchKind.IN: "Clocked in",
    PunchKind.OUT: "Clocked out",
    PunchKind.BREAK_START: "Break started",
    PunchKind.BREAK_END: "Break ended",
}


class CommandFailed(Failure):
    """A failure of a command of this module."""


def _profile(args: argparse.Namespace) -> Path:
    if args.profile:
        return Path(args.profile)
    if args.demo:
        from app.demo import demo_kiosk_profile_dir, demo_profile_dir

        return demo_kiosk_profile_dir() if args.kiosk else demo_profile_dir()
    return default_profile_dir()


def _own_employee(store: Store) -> str:
    number = store.setting("employee")
    if number is None:
        raise CommandFailed("no employee on this profile yet; run `stempel --demo` or `stempel setup`")
    return number


def _local_hhmm(at: datetime) -> str:
    return at.astimezone(DEFAULT_ZONE).strftime("%H:%M")


def cmd_punch(args: argparse.Namespace) -> int:
    kind = PunchKind(args.kind)
    if args.employee is not None:
        return _kiosk_punch(args, kind)
    with Store.open(_profile(args)) as store:
        punch = store.punch(_own_employee(store), kind)
    print(f"{_PUNCH_WORDS[kind]} {_local_hhmm(punch.at)}")
    return 0


def _kiosk_punch(args: argparse.Namespace, kind: PunchKind) -> int:
    """A punch for someone else, as a kiosk makes it: their PIN checked first, the same lockout."""
    from app.kiosk_desk import KioskDesk, Refusal, Refused
    from sync import config

    if not args.pin_stdin:
        raise CommandFailed("a punch for --employee needs their PIN: add --pin-stdin and give it on stdin")
    pin = sys.stdin.readline().rstrip("\r\n")
    with Store.open(_profile(args), create=False) as store:
        desk = KioskDesk(store, store.setting(config.TENANT) or "")
        checked = desk.check_pin(args.employee, pin)
        if isinstance(checked, Refused):
            if checked.reason is Refusal.LOCKED and checked.locked_until is not None:
                until = _local_hhmm(checked.locked_until)
                raise CommandFailed(f"too many wrong PINs for this number; locked until {until}")
            raise CommandFailed("wrong employee number or PIN")
        done = desk.punch(checked.number, kind)
    print(f"{_PUNCH_WORDS[kind]} {_local_hhmm(done.at)} — {done.shown_name}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from sync import config

    if Store.removal_notice(_profile(args)) is not None:  # never make an empty database over it
        if args.json:
            print(json.dumps({"removed": True, "notice": REMOVED_SENTENCE, "enrolled": False}))
        else:
            print(REMOVED_SENTENCE)
        return 0
    with Store.open(_profile(args)) as store:
        now = store.server_now()
        employee = store.setting("employee")
        state = store.state(employee) if employee else ClockState.OUT
        shifts = pair_shifts(store.punches(employee)) if employee else []
        pending = store.pending_count()
        rejected = store.rejected_count()
        offset_ms = store.clock_offset_ms()
        enrollment = config.Enrollment.load(store.setting)
        signed_in = bool(store.setting(config.REFRESH_TOKEN))
        last_sync = store.setting(config.LAST_SYNC) or None
    open_shift = next((s for s in reversed(shifts) if s.end is None), None)
    worked = today_worked(shifts, DEFAULT_ZONE, now)
    status = {
        "employee": employee,
        "state": state.value,
        "since": open_shift.start.isoformat() if open_shift else None,
        "today_seconds": int(worked.total_seconds()),
        "pending_outbox": pending,
        "rejected_outbox": rejected,
        "last_sync": last_sync,
        "server_offset_seconds": None if offset_ms is None else offset_ms / 1000,
        "enrolled": enrollment is not None,
        "tenant": enrollment.tenant if enrollment else None,
        "device_id": enrollment.device_id if enrollment else None,
        "signed_in": signed_in,
    }
    if args.json:
        print(json.dumps(status))
    else:
        since = f" since {_local_hhmm(open_shift.start)}" if open_shift else ""
        print(f"{employee or '-'}: {state.value}{since} · {format_duration(worked)} today")
        synced = f", last sync {_local_hhmm(datetime.fromisoformat(last_sync))}" if last_sync else ""
        print(f"pending sync: {pending}{synced}")
        if rejected:
            print(f"refused by the server: {rejected} (see `stempel sync`)")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """One push and pull now; exit 0 when nothing is left to send."""
    from app.device_setup import NotEnrolled
    from app.syncing import open_engine
    from sync.errors import SyncError

    try:
        with open_engine(_profile(args)) as engine:
            report = engine.sync_once()
    except (SyncError, NotEnrolled) as exc:
        raise CommandFailed(str(exc)) from None
    if args.json:
        print(
            json.dumps(
                {
                    "pushed": report.pushed,
                    "duplicates": report.duplicates,
                    "rejected": report.rejected,
                    "pulled": report.pulled,
                    "pending_outbox": report.pending,
                    "rejected_outbox": report.rejected_total,
                    "refused": [{"mutation": m, "reason": r} for m, r in report.refused],
                    "server_offset_seconds": None
                    if report.clock_offset_ms is None
                    else report.clock_offset_ms / 1000,
                    "last_sync": report.finished_at.isoformat() if report.finished_at else None,
                    "signed_in": report.signed_in,
                    "notice": report.notice,
                }
            )
        )
    else:
        print(f"sent {report.pushed} (already there {report.duplicates}), received {report.pulled}")
        for mutation, reason in report.refused:
            print(f"refused by the server: {mutation}: {reason}")
        if report.notice:
            print(report.notice)
    if report.pending:
        raise CommandFailed(f"{report.pending} entries are still waiting to be sent")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """This device's data about the employee and, when the server answers, the server's."""
    from app.personal_export import render_export, server_export

    with Store.open(_profile(args), create=False) as store:
        local = personal_export(store, args.employee)
        server, unavailable = server_export(store, args.employee)
    if unavailable is not None:
        print(f"stempel: the server's part is missing: {unavailable}", file=sys.stderr)
    text = render_export(local, server, unavailable, args.format)
    sys.stdout.write(text)
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    with Store.open(_profile(args), create=False) as store:
        store.rekey()
    print("The database key was replaced.")
    return 0


def cmd_self_check(args: argparse.Namespace) -> int:
    """The store through the real keyring, Qt, the translations and TLS (app.self_check)."""
    from app.self_check import run_self_check

    if args.ca is not None and args.server is None:
        raise CommandFailed("--ca goes with --server: the CA of that server")
    return run_self_check(args.server, Path(args.ca) if args.ca else None)


def _tenant_arg(text: str) -> str:
    from sync.enrollment import check_tenant

    try:
        return check_tenant(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _pin_arg(text: str) -> str:
    from sync.transport import parse_pin

    try:
        return parse_pin(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_setup(args: argparse.Namespace) -> int:
    """Enroll this profile's device with a tenant; store the server config only once enrolled."""
    from app.device_setup import AlreadyEnrolled, enroll_profile
    from sync.errors import SyncError
    from sync.transport import Transport, check_base_url

    try:
        check_base_url(args.server)  # http:// ends here: before any file, store or socket is touched
        ca_pem: bytes | None = None
        if args.ca:
            try:
                ca_pem = Path(args.ca).read_bytes()
            except OSError:
                raise CommandFailed(f"cannot read the CA file {args.ca}") from None
        try:
            transport = Transport(args.server, ca_pem=ca_pem, pin_sha256=args.pin)
        except ValueError as exc:
            raise CommandFailed(f"{args.ca}: {exc}") from None
        # The store opens (and the keyring answers) before the one-time code is spent.
        with transport, Store.open(_profile(args)) as store:
            try:
                done = enroll_profile(
                    store,
                    transport,
                    args.tenant,
                    args.code,
                    ca_pem=ca_pem,
                    name=args.name or socket.gethostname(),
                    force=args.force,
                )
            except (AlreadyEnrolled, ValueError) as exc:
                raise CommandFailed(str(exc)) from None
    except SyncError as exc:
        raise CommandFailed(str(exc)) from None
    print(f"Enrolled as device {done.answer.device_id} on {done.answer.tenant}")
    print(f"server certificate SPKI sha256: {done.server_spki_sha256 or 'unknown'}")
    return 0


def _read_password(number: str) -> str:
    """The first line of standard input when it is not a terminal; else asked for, unechoed."""
    if sys.stdin is None:
        raise CommandFailed("no password: standard input is closed")
    if sys.stdin.isatty():
        return getpass.getpass(f"Password for {number}: ")
    return sys.stdin.readline().rstrip("\r\n")


def cmd_login(args: argparse.Namespace) -> int:
    """Sign an employee in on this enrolled device; keep the refresh token in the encrypted store."""
    from app.device_setup import NotEnrolled, sign_in_profile
    from sync import config
    from sync.errors import SyncError

    with Store.open(_profile(args), create=False) as store:
        if config.Enrollment.load(store.setting) is None:
            raise CommandFailed("this profile is not enrolled with a server yet; run `stempel setup` first")
        password = _read_password(args.user)
        if not password:
            raise CommandFailed("no password given (the first line of standard input)")
        try:
            tokens = sign_in_profile(store, args.user, password)
        except (SyncError, NotEnrolled, ValueError) as exc:
            raise CommandFailed(str(exc)) from None
    print(f"Signed in as {tokens.employee or args.user}")
    return 0


def _week_arg(text: str) -> str:
    from app.domain import parse_iso_week

    try:
        year, week = parse_iso_week(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return f"{year}-W{week:02d}"


def cmd_timesheet(args: argparse.Namespace) -> int:
    from app.review_command import cmd_timesheet as run

    return run(args, _profile(args))


def cmd_approve(args: argparse.Namespace) -> int:
    from app.review_command import cmd_approve as run

    return run(args, _profile(args))


def _enrolled_kind(profile: Path) -> str | None:
    """The profile's enrollment kind ("kiosk", "desktop"), or None when it has none or cannot tell.

    A store that will not open here is left for the window, which explains
    the problem and offers to retry.
    """
    from sync import config

    try:
        with Store.open(profile, create=False) as store:
            enrollment = config.Enrollment.load(store.setting)
    except (StoreError, FileNotFoundError):
        return None
    return enrollment.device_kind if enrollment else None


def cmd_gui(args: argparse.Namespace) -> int:
    profile = _profile(args)
    kind = _enrolled_kind(profile)
    if args.kiosk or kind == "kiosk":
        if kind != "kiosk":
            raise CommandFailed(
                "kiosk mode needs a profile enrolled with a kiosk code: "
                "stempel setup --server URL --tenant T --code CODE (ask the admin for a kiosk code)"
            )
        from app.ui.kiosk.app import run_kiosk

        return run_kiosk(profile)
    from app.ui.app import run_gui

    return run_gui(profile)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stempel", description="Stempel time clock")
    parser.add_argument("--version", action="version", version=f"stempel {__version__}")
    parser.add_argument("--profile", metavar="DIR", help="profile folder (also $STEMPEL_PROFILE)")
    parser.add_argument(
        "--log-file", metavar="FILE", help=f"append the log to this file (also ${LOG_FILE_ENV})"
    )
    parser.add_argument(
        "--log-level",
        metavar="LEVEL",
        type=_log_level,
        help=f"DEBUG, INFO (default), WARNING or ERROR (also ${LOG_LEVEL_ENV})",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start a local demo tenant server (fictitious staff) and use the demo profile enrolled to it",
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="open the full-screen shared terminal (a kiosk-enrolled profile; with --demo, the demo kiosk)",
    )
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    punch = sub.add_parser("punch", help="clock in or out, start or end a break")
    punch.add_argument("kind", choices=[k.value for k in PunchKind])
    punch.add_argument("--employee", metavar="NUMBER", help="punch for this employee, as a kiosk does")
    punch.add_argument("--pin-stdin", action="store_true", help="read the employee's PIN from stdin")
    punch.set_defaults(handler=cmd_punch)

    status = sub.add_parser("status", help="who is in, pending sync")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_status)

    export = sub.add_parser("export", help="everything stored about one employee on this device")
    export.add_argument("--employee", required=True)
    export.add_argument("--format", choices=["json", "csv"], default="json")
    export.set_defaults(handler=cmd_export)

    rekey = sub.add_parser("rekey", help="re-encrypt the database under a new key")
    rekey.set_defaults(handler=cmd_rekey)

    check = sub.add_parser(
        "self-check", help="check the keyring and encrypted store, Qt, the translations and TLS"
    )
    check.add_argument(
        "--server", metavar="URL", help="check TLS to this Stempel server (default: a local one)"
    )
    check.add_argument(
        "--ca", metavar="FILE", help="that server's CA certificate (PEM); else the system store"
    )
    check.set_defaults(handler=cmd_self_check)

    setup = sub.add_parser("setup", help="enroll this device with a tenant server")
    setup.add_argument("--server", required=True, metavar="URL", help="https:// address of the server")
    setup.add_argument("--tenant", required=True, type=_tenant_arg)
    setup.add_argument("--code", required=True, help="the one-time enrollment code from the server admin")
    setup.add_argument("--ca", metavar="FILE", help="the tenant CA certificate (PEM); else the system store")
    setup.add_argument(
        "--pin", metavar="SHA256", type=_pin_arg, help="server key's SPKI sha256, checked on top of the CA"
    )
    setup.add_argument("--name", help="this device's name on the server (default: the host name)")
    setup.add_argument("--force", action="store_true", help="enroll again a profile already enrolled")
    setup.set_defaults(handler=cmd_setup)

    sync = sub.add_parser("sync", help="send and receive now; exit 0 when nothing is left to send")
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(handler=cmd_sync)

    sheet = sub.add_parser("timesheet", help="one employee's ISO week: days, totals, anomalies, decision")
    sheet.add_argument("--employee", required=True, metavar="NUMBER")
    sheet.add_argument("--week", required=True, type=_week_arg, metavar="YYYY-Www")
    sheet.add_argument("--json", action="store_true")
    sheet.set_defaults(handler=cmd_timesheet)

    approve = sub.add_parser(
        "approve", help="approve (or --reject) a team member's week; sent at the next sync"
    )
    approve.add_argument("--employee", required=True, metavar="NUMBER")
    approve.add_argument("--week", required=True, type=_week_arg, metavar="YYYY-Www")
    approve.add_argument("--reject", action="store_true")
    approve.add_argument("--comment", metavar="TEXT", help="required with --reject")
    approve.set_defaults(handler=cmd_approve)

    from app.rules_args import register as register_rules

    register_rules(sub)

    login = sub.add_parser("login", help="sign an employee in (password on stdin when not a terminal)")
    login.add_argument("--user", required=True, metavar="NUMBER", help="employee number")
    login.set_defaults(handler=cmd_login)
    return parser


def _fail(message: str) -> int:
    line = " ".join(message.split())
    print(f"stempel: {line}", file=sys.stderr)
    return 1


def _with_demo_server(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run `handler` while the demo's own tenant server runs, the profile enrolled and signed in."""

    def run(args: argparse.Namespace) -> int:
        from app.demo import SERVER_FOLDER, demo_profile_dir, running_demo

        # the demo kiosk shows the demo's one tenant: it uses the demo profile's server
        data = demo_profile_dir() / SERVER_FOLDER if args.kiosk and not args.profile else None
        with running_demo(_profile(args), kiosk=args.kiosk, data=data):
            return handler(args)

    return run


LOG_FILE_ENV = "STEMPEL_LOG_FILE"
LOG_LEVEL_ENV = "STEMPEL_LOG_LEVEL"
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _log_level(text: str) -> str:
    level = text.strip().upper()
    if level not in _LEVELS:
        raise argparse.ArgumentTypeError(f"a log level is one of {', '.join(_LEVELS)}")
    return level


def configure_logging(log_file: str | None, level: str | None) -> None:
    """Where the log goes (a file only when asked for), and the redaction filter before anything logs."""
    from sync.redaction import install_redaction

    root = logging.getLogger()
    if log_file:
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(level or "INFO")
    elif level:
        root.setLevel(level)
    install_redaction()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    env_level = os.environ.get(LOG_LEVEL_ENV, "").strip().upper()
    try:
        configure_logging(
            args.log_file or os.environ.get(LOG_FILE_ENV) or None,
            args.log_level or (env_level if env_level in _LEVELS else None),
        )
    except OSError as exc:
        return _fail(f"cannot write the log file: {exc.strerror or exc}")
    handler: Callable[[argparse.Namespace], int] = args.handler
    if args.demo:
        handler = _with_demo_server(handler)
    try:
        try:
            return handler(args)
        except KeyringLocked:
            unlock_keyring()  # the desktop's own unlock dialog, once, then one more try
            return handler(args)
    except (StoreError, Failure) as exc:
        return _fail(str(exc))
    except FileNotFoundError as exc:
        return _fail(f"no profile database at {exc.args[0]}")
    except KeyboardInterrupt:
        return _fail("interrupted")


if __name__ == "__main__":
    sys.exit(main())
