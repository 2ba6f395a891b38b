"""`python -m devstack run | reset | tick <function> | replay <function> | chaos`."""

from __future__ import annotations

import argparse
import sys

from devstack.chaos import ChaosPlan
from devstack.commands import (
    backfill_contacts,
    chaos,
    rebuild_analytics,
    reconcile_affiliates,
    replay,
    reset,
    run,
    tick,
)
from devstack.logs import configure_logging
from devstack.settings import DevstackSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack", description="The Convertly local stack.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start the stack (state survives restarts)")
    commands.add_parser("reset", help="wipe the saved state")
    tick_parser = commands.add_parser("tick", help="fire a scheduled function once, now")
    tick_parser.add_argument("function")
    replay_parser = commands.add_parser(
        "replay", help="move a consumer's dead-lettered messages back to its queue"
    )
    replay_parser.add_argument("function", help="the consumer, e.g. conversions")
    commands.add_parser(
        "backfill-contacts", help="give leads from before contacts their contacts (safe to run again)"
    )
    rebuild_parser = commands.add_parser(
        "rebuild-analytics", help="recompute the analytics cells from the leads and tasks (safe to run again)"
    )
    rebuild_parser.add_argument("--check", action="store_true", help="only count the cells that differ")
    commands.add_parser(
        "reconcile-affiliates", help="check the affiliate program's ledgers and paid invoices (read only)"
    )
    chaos_parser = commands.add_parser(
        "chaos", help="win leads while the ad platforms and the mail sink fail on cue; count what was lost"
    )
    defaults = ChaosPlan()
    chaos_parser.add_argument("--wins", type=int, default=defaults.wins)
    chaos_parser.add_argument("--tenants", type=int, default=defaults.tenants)
    chaos_parser.add_argument("--reminders", type=int, default=defaults.reminders)
    chaos_parser.add_argument("--error-rate", type=float, default=defaults.error_rate)
    chaos_parser.add_argument("--seed", type=int, default=defaults.seed)
    chaos_parser.add_argument("--stalls", type=int, default=defaults.stalls, help="per platform")
    chaos_parser.add_argument(
        "--stall-seconds",
        type=float,
        default=defaults.stall_seconds,
        help="longer than the functions' ADS_HTTP_TIMEOUT_SECONDS",
    )
    chaos_parser.add_argument(
        "--fault-seconds", type=float, default=defaults.fault_seconds, help="how long the error rate lasts"
    )
    chaos_parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    configure_logging()
    settings = DevstackSettings()
    if args.command == "run":
        return run(settings)
    if args.command == "reset":
        return reset(settings)
    if args.command == "replay":
        return replay(settings, args.function)
    if args.command == "backfill-contacts":
        return backfill_contacts(settings)
    if args.command == "rebuild-analytics":
        return rebuild_analytics(settings, args.check)
    if args.command == "chaos":
        plan = ChaosPlan(
            wins=args.wins,
            tenants=args.tenants,
            reminders=args.reminders,
            error_rate=args.error_rate,
            seed=args.seed,
            stalls=args.stalls,
            stall_seconds=args.stall_seconds,
            fault_seconds=args.fault_seconds,
        )
        return chaos(settings, plan, args.json)
    if args.command == "reconcile-affiliates":
        return reconcile_affiliates(settings)
    return tick(settings, args.function)


if __name__ == "__main__":
    sys.exit(main())
