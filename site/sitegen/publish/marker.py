"""The deploy's last step: record it in the stage's table for the dashboard's health page.

One item, ``DEPLOY`` / ``LAST`` (stage, time, git commit, whether the API was
updated), written with the same credentials as the rest of the deploy. The
site is live by then, so a marker that cannot be written is a warning, never
a failed deploy; a dry run only says what it would write.
"""

from __future__ import annotations

import argparse
import subprocess
from datetime import UTC, datetime
from typing import Any


def table_name(config: dict[str, Any], stage: str) -> str:
    """Return the stage's table, as its Lambda is configured (zappa_settings.json)."""
    variables = config.get("aws_environment_variables", {})
    return variables.get("FROSTFOLIO_TABLE_NAME", f"frostfolio-{stage}")


def git_commit() -> str | None:
    """Return the short commit of the working tree, or None outside git."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def record(args: argparse.Namespace, config: dict[str, Any], api: bool) -> bool:
    """Write the marker (or, in a dry run, say so); return whether it was written."""
    table = table_name(config, args.stage)
    if args.dry_run:
        print(f"  would record this deploy in table {table} (DEPLOY / LAST, the health page)")
        return False
    try:
        from api.health.records import record_deploy
        from api.settings import load_settings
        from api.storage import Table

        overrides = {"table_name": table}
        if config.get("aws_region"):
            overrides["region"] = config["aws_region"]
        item = record_deploy(
            Table(load_settings(overrides=overrides)),
            args.stage,
            datetime.now(UTC),
            git_commit(),
            api,
        )
    except Exception as exc:  # the site is published: tell, and finish the deploy
        cause = exc.__cause__ or exc
        print(f"  warning: this deploy was not recorded for the health page ({table}): {cause}")
        return False
    print(f"  recorded in table {table} for the health page: {item['finished_at']}")
    return True
