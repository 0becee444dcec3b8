"""The `stempel rules check` arguments, kept apart from the rules so a plain `stempel` starts fast.

The command itself (`app.rules_command`) imports pydantic and the holiday
calendar, about 150 ms; it is imported only when `rules` runs.
"""

from __future__ import annotations

import argparse
from datetime import datetime


def _instant_arg(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 instant: {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no UTC offset; add one, such as Z or +02:00")
    return value


def _run(args: argparse.Namespace) -> int:
    from app.rules_command import cmd_rules_check

    return cmd_rules_check(args)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `rules check FILE.json [--json] [--policy FILE] [--zone ZONE] [--now INSTANT]`.

    Sets `func` (and `handler`, which `app.cli.main` dispatches on) to
    `cmd_rules_check`.
    """
    rules = subparsers.add_parser("rules", help="work-time law checks (arbeidsmiljøloven chapter 10)")
    commands = rules.add_subparsers(dest="rules_command", metavar="COMMAND", required=True)
    check = commands.add_parser(
        "check",
        help="check exported punches against the rules; exit 3 if there are findings",
        description="Check punches against the work-time rules of arbeidsmiljøloven chapter 10.",
    )
    check.add_argument("file", metavar="FILE.json", help="a `stempel export` file or {timezone, punches}")
    check.add_argument("--json", action="store_true", help="print one JSON object (hours as decimals)")
    check.add_argument("--policy", metavar="FILE.json", help="the tenant's limits and employees' terms")
    check.add_argument("--zone", help="the tenant's IANA time zone (default: the file's, else Europe/Oslo)")
    check.add_argument(
        "--now",
        type=_instant_arg,
        metavar="INSTANT",
        help="count open shifts up to here (default: last punch)",
    )
    check.set_defaults(func=_run, handler=_run)
