"""The `stempel-server` command: set up, administer and serve tenants.

Exit codes: 0 ok, 1 failure (one line on stderr), 2 usage. Secrets (passwords,
PINs) are read from standard input, never from the command line.

Everything a command creates in the data folder is made under umask 077: no
group or other permission bits (see server.settings).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from server import admin, pki, retention
from server.ledger import first_broken
from server.personal_data import personal_export
from server.requestlog import JsonLines
from server.sessions import SessionStore
from server.settings import PRIVATE_FOLDER, Settings, make_private_folder, open_to_others, private_umask
from server.tenants import TenantExists, TenantRegistry, UnknownTenant
from sync.personal_data import EVENT_COLUMNS, event_rows
from sync.redaction import install_redaction


class Failed(Exception):
    pass


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(Path(args.data))


def _registry(args: argparse.Namespace) -> TenantRegistry:
    return TenantRegistry(_settings(args).tenants)


def cmd_init(args: argparse.Namespace) -> int:
    data = Path(args.data)
    tls = data / "tls"
    if (tls / "ca.crt").exists():
        raise Failed(f"{data} is already initialised")
    make_private_folder(data)
    ca_cert, ca_key = pki.make_ca(tls)
    cert, key = pki.make_server_cert(tls, ca_cert, ca_key, args.hostname)
    Settings(data=data, hostname=args.hostname, cert_file=cert, key_file=key).save()
    make_private_folder(data / "tenants")
    print(f"CA certificate: {ca_cert}")
    print(f"server certificate: {cert}")
    print(f"pin (SPKI sha256): {pki.spki_sha256(cert.read_bytes())}")
    return 0


def _retention_settings(args: argparse.Namespace) -> dict[str, str]:
    """The retention settings given on the command line, checked."""
    values: dict[str, str] = {}
    try:
        if args.retention_years is not None:
            retention.retention_months(args.retention_years)
            values["bookkeeping_retention_years"] = args.retention_years.strip()
        if args.financial_year_end is not None:
            month, day = retention.parse_year_end(args.financial_year_end)
            values["financial_year_end"] = f"{month:02d}-{day:02d}"
    except retention.RetentionError as exc:
        raise Failed(str(exc)) from None
    return values


def cmd_tenant_create(args: argparse.Namespace) -> int:
    extra = _retention_settings(args)
    try:
        _registry(args).create(
            args.name, timezone=args.timezone, pseudonymised="1" if args.pseudonymised else "0", **extra
        )
    except TenantExists:
        raise Failed(f"tenant {args.name} already exists") from None
    except UnknownTenant:
        raise Failed("a tenant name is 1-63 lower-case letters, digits and dashes") from None
    print(f"tenant {args.name} created")
    return 0


def cmd_tenant_set(args: argparse.Namespace) -> int:
    values = _retention_settings(args)
    if not values:
        raise Failed("say what to set: --retention-years and/or --financial-year-end")
    registry = _registry(args)
    try:
        registry.set_settings(args.tenant, **values)
        settings = registry.settings(args.tenant)
    finally:
        registry.dispose()
    print(
        f"tenant {args.tenant}: bookkeeping retention {settings['bookkeeping_retention_years']} years"
        f" after the financial year ending {settings['financial_year_end']}"
    )
    return 0


def cmd_retention_apply(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            raise Failed("--now is an ISO 8601 time with a zone, like 2031-01-02T00:00:00+01:00") from None
        if now.tzinfo is None:
            raise Failed("--now must carry a zone, like 2031-01-02T00:00:00+01:00")
    registry = _registry(args)
    try:
        done = retention.apply_retention(registry, args.tenant, now)
        settings = registry.settings(args.tenant)
    except retention.RetentionError as exc:
        raise Failed(str(exc)) from None
    finally:
        registry.dispose()
    print(retention.describe(done, settings))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    registry = TenantRegistry(settings.tenants)
    try:
        export = personal_export(registry.engine(args.tenant), settings.sessions, args.tenant, args.employee)
    finally:
        registry.dispose()
    if export is None:
        raise Failed(f"no employee {args.employee} in {args.tenant}")
    if args.format == "json":
        print(export.model_dump_json(indent=2))
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(EVENT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(event_rows(export))
        sys.stdout.write(out.getvalue())
    return 0


def cmd_tenant_seed_demo(args: argparse.Namespace) -> int:
    from server.demo import seed_demo

    until = None
    if args.until:
        try:
            until = date.fromisoformat(args.until)
        except ValueError:
            raise Failed("--until is a date like 2026-03-02") from None
    done = seed_demo(
        _registry(args), args.tenant, employees=args.employees, weeks=args.weeks, seed=args.seed, until=until
    )
    last = done.employees[-1]
    print(f"{args.tenant}: manager {done.manager}, employees {done.employees[0]}-{last} (their manager)")
    print("passwords demo-<number>; kiosk PIN: the number's last two digits twice (1001: 0101)")
    print(f"{done.punches} punches, {done.first_day} to {done.last_day}")
    for anomaly in done.anomalies:
        print(f"planted: {anomaly}")
    return 0


def _stdin_lines(count: int) -> list[str]:
    lines = sys.stdin.read().splitlines()
    return (lines + [""] * count)[:count]


def cmd_user_add(args: argparse.Namespace) -> int:
    password, pin = _stdin_lines(2)
    if not password:
        raise Failed("give the password on the first line of standard input")
    admin.add_user(
        _registry(args),
        args.tenant,
        args.number,
        args.role,
        password,
        pin or None,
        first_name=args.first_name,
        last_name=args.last_name,
        manager=args.manager,
    )
    print(f"user {args.number} added to {args.tenant}")
    return 0


def cmd_user_password(args: argparse.Namespace) -> int:
    (password,) = _stdin_lines(1)
    if not password:
        raise Failed("give the new password on the first line of standard input")
    _with_stores(args, lambda r, s: admin.set_password(r, s, args.tenant, args.number, password))
    print(f"password of {args.number} changed; their sessions ended")
    return 0


_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown(value: object) -> str:
    """A value for the terminal: control, bidi and line-separator characters escaped,
    so a hostile name cannot move the cursor, recolour or reorder what follows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in _BIDI_CONTROLS
        else ch
        for ch in str(value)
    )


def _short_time(text: str | None) -> str:
    if not text:
        return "—"
    try:
        return datetime.fromisoformat(text).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return _shown(text)


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    for line in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())


def _print_json(value: object) -> None:
    # ASCII only: every control or bidi character in a name arrives escaped, whatever reads it.
    print(json.dumps(value, indent=2, ensure_ascii=True))


def _print_listing(
    args: argparse.Namespace,
    listed: Sequence[object],
    empty: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
) -> None:
    """A listing as --json asks (the exact values), or the table, or `empty` when there is nothing."""
    if args.json:
        _print_json(listed)
    elif not listed:
        print(empty)
    else:
        _print_table(header, rows)


def cmd_user_list(args: argparse.Namespace) -> int:
    registry = _registry(args)
    try:
        listed = admin.users(registry, args.tenant)
    finally:
        registry.dispose()
    header = ("NUMBER", "NAME", "ROLE", "MANAGER", "ACTIVE", "PASSWORD", "PIN", "BADGE")
    rows = [
        (
            _shown(user["number"]),
            _shown(" ".join(n for n in (user["first_name"], user["last_name"]) if n)),
            _shown(user["role"]),
            _shown(user["manager"]),
            _shown(user["active"]),
            _shown(user["has_password"]),
            _shown(user["has_pin"]),
            _shown(user["has_badge"]),
        )
        for user in listed
    ]
    _print_listing(args, listed, f"no users in {args.tenant}", header, rows)
    return 0


def _device_state(device: dict[str, object]) -> str:
    if device["active"]:
        return "active"
    if device["lost"]:
        return "revoked as lost"
    if device["wiped_at"]:
        return f"revoked, wiped {_short_time(str(device['wiped_at']))}"
    return "revoked, farewell open"


def cmd_device_list(args: argparse.Namespace) -> int:
    registry = _registry(args)
    try:
        listed = admin.device_list(registry, args.tenant)
    finally:
        registry.dispose()
    header = ("ID", "KIND", "NAME", "ENROLLED", "LAST EVENT", "REVOKED", "STATE")
    rows = [
        (
            _shown(device["id"]),
            _shown(device["kind"]),
            _shown(device["name"]),
            _short_time(device["enrolled_at"]),
            _short_time(device["last_event_at"]),
            _short_time(device["revoked_at"]),
            _device_state(device),
        )
        for device in listed
    ]
    _print_listing(args, listed, f"no devices in {args.tenant}", header, rows)
    return 0


def cmd_user_pin(args: argparse.Namespace) -> int:
    (pin,) = _stdin_lines(1)
    admin.set_pin(_registry(args), args.tenant, args.number, pin or None)
    print(f"kiosk PIN of {args.number} {'set' if pin else 'removed'}")
    return 0


def cmd_user_badge(args: argparse.Namespace) -> int:
    (badge,) = _stdin_lines(1)
    admin.set_badge(_registry(args), args.tenant, args.number, badge or None)
    print(f"badge of {args.number} {'registered' if badge.strip() else 'removed'}")
    return 0


def cmd_device_code(args: argparse.Namespace) -> int:
    code = admin.device_code(_registry(args), args.tenant, args.kind, datetime.now(UTC))
    print(f"one-time {args.kind} enrollment code for {args.tenant}, valid 24 hours:")
    print(code)
    return 0


def _with_stores(args: argparse.Namespace, change: Callable[[TenantRegistry, SessionStore], None]) -> None:
    """Run an admin change that ends sessions, closing both stores after."""
    settings = _settings(args)
    registry, sessions = TenantRegistry(settings.tenants), SessionStore(settings.sessions)
    try:
        change(registry, sessions)
    finally:
        sessions.close()
        registry.dispose()


def cmd_user_revoke(args: argparse.Namespace) -> int:
    _with_stores(args, lambda r, s: admin.revoke_user(r, s, args.tenant, args.number))
    print(f"user {args.number} revoked")
    return 0


def cmd_user_activate(args: argparse.Namespace) -> int:
    _with_stores(args, lambda r, s: admin.set_active(r, s, args.tenant, args.number, True))
    print(f"user {args.number} active again; they sign in anew")
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    _with_stores(args, lambda r, s: admin.set_role(r, s, args.tenant, args.number, args.role))
    print(f"user {args.number} is now {args.role}; their sessions ended")
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    _with_stores(args, lambda r, s: admin.revoke_device(r, s, args.tenant, args.device, lost=args.lost))
    if args.lost:
        print(f"device {args.device} revoked as lost: it delivers nothing more")
    else:
        print(f"device {args.device} revoked; it delivers what it holds and wipes itself at its next contact")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with _registry(args).engine(args.tenant).connect() as conn:
        broken = first_broken(conn)
    if broken is not None:
        raise Failed(f"ledger of {args.tenant} is broken at sequence number {broken}")
    print(f"ledger of {args.tenant} is intact")
    return 0


def configure_logging() -> None:
    """JSON lines on stderr: our own loggers at INFO, everything else (uvicorn) at WARNING.

    Every line passes the redaction filter (`sync.redaction`): no token, key or
    secret, and no exception message (which may quote a request) gets through.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    logger = logging.getLogger("stempel.server")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    other = logging.StreamHandler(sys.stderr)
    other.setFormatter(JsonLines())
    root = logging.getLogger()
    root.handlers[:] = [other]
    root.setLevel(logging.WARNING)
    install_redaction(["stempel.server", "stempel.server.access"])


def _warn_if_open(data: Path) -> None:
    """Log (once, at start-up) a data folder or files in it that group or others may access."""
    log = logging.getLogger("stempel.server")
    folder_mode, entries = open_to_others(data)
    if folder_mode is not None:
        log.warning(
            "the data folder is open to group or others (mode %s); make it %s (chmod 700)",
            oct(folder_mode)[2:].zfill(4),
            oct(PRIVATE_FOLDER)[2:].zfill(4),
        )
    if entries:
        log.warning(
            "files or folders in the data folder that group or others may access: %d; chmod go= them", entries
        )


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app

    settings = _settings(args).with_ttls(args.access_ttl, args.refresh_ttl)
    if not (
        settings.cert_file
        and settings.key_file
        and settings.cert_file.exists()
        and settings.key_file.exists()
    ):
        raise Failed(
            "no TLS certificate and key; run `stempel-server init` first (plain HTTP is never served)"
        )
    configure_logging()
    _warn_if_open(settings.data)
    config = uvicorn.Config(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_config=None,
        access_log=False,
        ssl_certfile=str(settings.cert_file),
        ssl_keyfile=str(settings.key_file),
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    server.run()
    return 0 if server.started else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stempel-server", description="Stempel tenant server")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str,
        handler: Callable[[argparse.Namespace], int],
        parent: argparse._SubParsersAction[argparse.ArgumentParser] = sub,
        help: str = "",
    ) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help)
        p.add_argument("--data", required=True, metavar="DIR", help="the server's data folder")
        p.set_defaults(handler=handler)
        return p

    init = command("init", cmd_init, help="write config, a private CA and the server certificate")
    init.add_argument("--hostname", default="localhost")

    tenant = sub.add_parser("tenant", help="tenants").add_subparsers(dest="what", required=True)
    create = command("create", cmd_tenant_create, tenant)
    create.add_argument("name")
    create.add_argument("--timezone", default="Europe/Oslo")
    create.add_argument("--pseudonymised", action="store_true", help="devices get employee numbers only")
    tenant_set = command("set", cmd_tenant_set, tenant, help="change a tenant's retention settings")
    tenant_set.add_argument("--tenant", required=True)
    for parser_ in (create, tenant_set):
        parser_.add_argument(
            "--retention-years",
            metavar="5|3.5",
            help="bookkeeping retention after the financial year ends (bokføringsloven §13; default 5)",
        )
        parser_.add_argument(
            "--financial-year-end", metavar="MM-DD", help="last day of the financial year (default 12-31)"
        )

    demo = command("seed-demo", cmd_tenant_seed_demo, tenant, help="fictitious staff and weeks of history")
    demo.add_argument("--tenant", required=True)
    demo.add_argument("--employees", type=int, default=25, help="besides the manager (default 25)")
    demo.add_argument("--weeks", type=int, default=4, help="weeks of history (default 4)")
    demo.add_argument("--seed", type=int, default=48, help="the same seed, the same staff and history")
    demo.add_argument("--until", metavar="DATE", help="first day without history (default today)")

    user = sub.add_parser("user", help="employees").add_subparsers(dest="what", required=True)
    add = command("add", cmd_user_add, user)
    add.add_argument("--tenant", required=True)
    add.add_argument("--number", required=True)
    add.add_argument("--role", choices=["employee", "manager", "admin"], default="employee")
    add.add_argument("--first-name", default="")
    add.add_argument("--last-name", default="")
    add.add_argument("--manager")
    for name, handler in (("revoke", cmd_user_revoke), ("activate", cmd_user_activate)):
        change = command(name, handler, user)
        change.add_argument("--tenant", required=True)
        change.add_argument("--number", required=True)
    password = command(
        "password",
        cmd_user_password,
        user,
        help="set a new password from standard input; the user's sessions end on every device",
    )
    password.add_argument("--tenant", required=True)
    password.add_argument("--number", required=True)
    user_list = command(
        "list", cmd_user_list, user, help="every user: role, manager, what is set (no secret)"
    )
    user_list.add_argument("--tenant", required=True)
    user_list.add_argument("--json", action="store_true", help="a JSON array instead of a table")
    for name, handler, what in (
        ("pin", cmd_user_pin, "kiosk PIN"),
        ("badge", cmd_user_badge, "badge id"),
    ):
        secret = command(name, handler, user, help=f"set the {what} from standard input (empty removes it)")
        secret.add_argument("--tenant", required=True)
        secret.add_argument("--number", required=True)
    role = command("role", cmd_user_role, user)
    role.add_argument("--tenant", required=True)
    role.add_argument("--number", required=True)
    role.add_argument("--role", required=True, choices=["employee", "manager", "admin"])

    device = sub.add_parser("device", help="devices").add_subparsers(dest="what", required=True)
    code = command("code", cmd_device_code, device)
    code.add_argument("--tenant", required=True)
    code.add_argument("--kind", choices=["desktop", "kiosk"], default="desktop")
    device_list = command("list", cmd_device_list, device, help="every device ever enrolled, with its state")
    device_list.add_argument("--tenant", required=True)
    device_list.add_argument("--json", action="store_true", help="a JSON array instead of a table")
    drevoke = command("revoke", cmd_device_revoke, device)
    drevoke.add_argument("--tenant", required=True)
    drevoke.add_argument("--device", required=True)
    drevoke.add_argument(
        "--lost", action="store_true", help="stolen or gone: no farewell push, its sessions end now"
    )

    serve = command("serve", cmd_serve, help="serve over TLS")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--access-ttl", type=int, metavar="S")
    serve.add_argument("--refresh-ttl", type=int, metavar="S")

    verify = command("verify", cmd_verify, help="walk a tenant ledger's hash chain")
    verify.add_argument("--tenant", required=True)

    export = command("export", cmd_export, help="everything stored about one employee (access request)")
    export.add_argument("--tenant", required=True)
    export.add_argument("--employee", required=True, metavar="NUMBER")
    export.add_argument("--format", choices=["json", "csv"], default="json")

    kept = sub.add_parser("retention", help="bookkeeping retention")
    kept_sub = kept.add_subparsers(dest="what", required=True)
    apply = command("apply", cmd_retention_apply, kept_sub, help="delete ledger events past their retention")
    apply.add_argument("--tenant", required=True)
    apply.add_argument("--now", metavar="ISO", help="the time to judge by (default: now)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with private_umask():
            code: int = args.handler(args)
        return code
    except UnknownTenant as exc:
        return _fail(f"no tenant {exc.args[0]}")
    except (Failed, admin.AdminError) as exc:
        return _fail(str(exc))


def _fail(message: str) -> int:
    print(f"stempel-server: {' '.join(message.split())}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
