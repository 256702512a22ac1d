"""Command line: ``python -m api.events sync FILE`` and ``python -m api.events expire-offers``.

``sync`` stores the site's event catalogue (``<build>/events/catalogue.json``)
in the table named by the ``FROSTFOLIO_*`` settings (or ``--table`` and
``--endpoint``). It prints what changed and every problem, each naming its
event, and exits 1 if there was any: an event whose capacity would drop below
its confirmed seats is left as it was, the others are synced.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from decimal import Decimal
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
        catalogue = json.loads(Path(args.file).read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, ValueError) as exc:
        print(f"{args.file}: cannot read the catalogue: {exc}", file=sys.stderr)
        return 1
    table = _table(args)
    try:
        report = sync(table, catalogue, datetime.now(UTC), dry_run=args.dry_run)
    except CatalogueError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    except StorageError as exc:
        where = table._settings.dynamodb_endpoint or f"AWS {table._settings.region}"
        print(
            f"could not sync events into table {table.name} at {where}: "
            f"{type(exc).__name__}: {exc.__cause__ or exc}",
            file=sys.stderr,
        )
        return 1
    prefix = "(dry run) " if args.dry_run else ""
    for label, ids in (
        ("new", report.created),
        ("updated", report.updated),
        ("removed (RSVPs kept)", report.removed),
    ):
        for event_id in ids:
            print(f"{prefix}{event_id}: {label}")
    for event_id, count in report.moved_up.items():
        print(f"{event_id}: {count} moved up from the waitlist")
    for problem in report.problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    print(prefix + report.summary())
    return 0 if report.ok else 1


def _expire(args: argparse.Namespace) -> int:
    from .waitlist import expire_offers

    counts = expire_offers(_table(args), datetime.now(UTC))
    print(json.dumps(counts))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m api.events", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sync = sub.add_parser("sync", help="store the event catalogue")
    sync.add_argument("file", help="the catalogue, e.g. build/events/catalogue.json")
    sync.add_argument("--dry-run", action="store_true", help="report, write nothing")
    expire = sub.add_parser("expire-offers", help="pass unclaimed waitlist offers on")
    for cmd in (sync, expire):
        cmd.add_argument("--table", help="table name (default: FROSTFOLIO_TABLE_NAME)")
        cmd.add_argument("--endpoint", help="DynamoDB URL (default: FROSTFOLIO_DYNAMODB_ENDPOINT)")
        cmd.add_argument("--region", help="AWS region (default: FROSTFOLIO_REGION, AWS_REGION)")
    args = parser.parse_args(argv)
    return _sync(args) if args.command == "sync" else _expire(args)


if __name__ == "__main__":
    sys.exit(main())
