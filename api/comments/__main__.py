"""Command line: ``python -m api.comments sync FILE``.

``sync`` stores the site's comment threads (``<build>/comments/threads.json``)
in the table named by the ``FROSTFOLIO_*`` settings (or ``--table``,
``--endpoint`` and ``--region``). It prints what changed and every problem,
each naming its thread, and exits 1 if there was any (the good threads are
synced regardless).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from ..settings import load_settings
from ..storage import StorageError, Table


def _table(args: argparse.Namespace) -> Table:
    overrides = {}
    if args.table:
        overrides["table_name"] = args.table
    if args.endpoint:
        overrides["dynamodb_endpoint"] = args.endpoint
    if args.region:
        overrides["region"] = args.region
    return Table(load_settings(overrides=overrides))


def _sync(args: argparse.Namespace) -> int:
    from .catalog import CatalogueError, sync

    try:
        feed = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"{args.file}: cannot read the threads: {exc}", file=sys.stderr)
        return 1
    table = _table(args)
    try:
        report = sync(table, feed, datetime.now(UTC), dry_run=args.dry_run)
    except CatalogueError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    except StorageError as exc:
        where = table._settings.dynamodb_endpoint or f"AWS {table._settings.region}"
        print(
            f"could not sync comment threads into table {table.name} at {where}: "
            f"{type(exc).__name__}: {exc.__cause__ or exc}",
            file=sys.stderr,
        )
        return 1
    prefix = "(dry run) " if args.dry_run else ""
    for label, threads in (
        ("new", report.created),
        ("updated", report.updated),
        ("removed (comments kept)", report.removed),
    ):
        for thread in threads:
            print(f"{prefix}{thread}: {label}")
    for problem in report.problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    print(prefix + report.summary())
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m api.comments", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sync = sub.add_parser("sync", help="store the comment threads")
    sync.add_argument("file", help="the threads, e.g. build/comments/threads.json")
    sync.add_argument("--dry-run", action="store_true", help="report, write nothing")
    sync.add_argument("--table", help="table name (default: FROSTFOLIO_TABLE_NAME)")
    sync.add_argument("--endpoint", help="DynamoDB URL (default: FROSTFOLIO_DYNAMODB_ENDPOINT)")
    sync.add_argument("--region", help="AWS region (default: FROSTFOLIO_REGION, AWS_REGION)")
    from .disqus import add_command, command

    add_command(sub)
    args = parser.parse_args(argv)
    if args.command == "import-disqus":
        return command(args, _table(args))
    return _sync(args)


if __name__ == "__main__":
    sys.exit(main())
