"""Back the table up to a JSON Lines file, or restore one: ``python -m api.backup``.

    python -m api.backup export FILE [--only RECIPE,THREAD,COMMENT] [--dry-run]
    python -m api.backup restore FILE [--only ...] [--dry-run] [--force]

Reads the same ``FROSTFOLIO_*`` settings as the API (table, endpoint, region);
``--table``, ``--endpoint`` and ``--region`` override them. ``export`` writes
every item but sessions, sign-in links, rate-limit windows and recent errors
(api/backup/kinds.py); ``-`` as FILE is standard output. ``restore`` writes
into an empty table and refuses one holding anything unless ``--force`` (then
items with the same keys are replaced). ``--dry-run`` does everything but
write, and prints the counts per item type.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from ..settings import load_settings
from ..storage import StorageError, Table
from . import export, restore
from .jsonl import BackupError
from .kinds import EXCLUDED, parse_only


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m api.backup",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("export", "write every item of the table to FILE (JSON Lines)"),
        ("restore", "write the items of FILE into an empty table"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("file", metavar="FILE", help="the backup file (export: - for stdout)")
        cmd.add_argument("--table", help="table name (default: FROSTFOLIO_TABLE_NAME)")
        cmd.add_argument("--endpoint", help="DynamoDB URL (default: FROSTFOLIO_DYNAMODB_ENDPOINT)")
        cmd.add_argument("--region", help="AWS region (default: FROSTFOLIO_REGION, AWS_REGION)")
        cmd.add_argument("--only", help="only these item types, e.g. RECIPE,THREAD,COMMENT")
        cmd.add_argument("--dry-run", action="store_true", help="count, write nothing")
        if name == "restore":
            cmd.add_argument(
                "--force", action="store_true", help="write into a table that is not empty"
            )
    return parser


def _table(args: argparse.Namespace) -> Table:
    overrides = {
        key: value
        for key, value in (
            ("table_name", args.table),
            ("dynamodb_endpoint", args.endpoint),
            ("region", args.region),
        )
        if value
    }
    return Table(load_settings(overrides=overrides))


def _say(text: str, to_stderr: bool) -> None:
    print(text, file=sys.stderr if to_stderr else sys.stdout, flush=True)


def _report(counts: Counter, skipped: Counter, verb: str, quiet: bool) -> None:
    for kind, count in sorted(counts.items()):
        _say(f"  {kind:<24} {count:>8}", quiet)
    _say(f"  {'total':<24} {sum(counts.values()):>8} {verb}", quiet)
    if skipped:
        left = ", ".join(f"{kind} {n}" for kind, n in sorted(skipped.items()))
        _say(f"  left out: {left}", quiet)


def run_export(args: argparse.Namespace, only: tuple[str, ...]) -> int:
    """Export the table (or count what would be)."""
    table = _table(args)
    quiet = args.file == "-"  # the file goes to stdout: talk on stderr
    started = time.perf_counter()
    snap = export.snapshot(table, only)
    if not args.dry_run:
        export.write_file(snap, args.file)
    where = "(dry run: nothing written)" if args.dry_run else f"to {args.file}"
    took = time.perf_counter() - started
    _say(f"export of table {table.name} {where}, {took:.1f} s:", quiet)
    _report(snap.counts, snap.left_out, "items" if args.dry_run else "items written", quiet)
    _say(f"  never exported: {', '.join(sorted(EXCLUDED))} (api/backup/kinds.py)", quiet)
    return 0


def run_restore(args: argparse.Namespace, only: tuple[str, ...]) -> int:
    """Restore FILE into the table (or count what would be written)."""
    table = _table(args)
    started = time.perf_counter()
    plan = restore.check(args.file, only)
    if not restore.is_empty(table) and not args.force:
        raise BackupError(
            f"table {table.name} is not empty: restore into a new table "
            "(python -m api.tables create --table NAME), or pass --force to write over it"
        )
    if not args.dry_run:
        restore.write(table, restore.items(args.file, only))
    took = time.perf_counter() - started
    where = "(dry run: nothing written)" if args.dry_run else f"from {args.file}"
    print(f"restore into table {table.name} {where}, {took:.1f} s:")
    print(f"  backup of {plan.header.get('table')} taken {plan.header.get('exported_at')}")
    _report(plan.counts, plan.skipped, "items" if args.dry_run else "items written", False)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; failures are one line on stderr and exit status 1."""
    args = _parser().parse_args(argv)
    try:
        only = parse_only(args.only)
        if args.command == "export":
            return run_export(args, only)
        return run_restore(args, only)
    except (BackupError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except StorageError as exc:
        cause = exc.__cause__ or exc
        print(f"error: DynamoDB: {type(exc).__name__}: {cause}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
