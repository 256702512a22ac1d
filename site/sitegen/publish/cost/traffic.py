"""A month's traffic, the model's input: presets, a file of changes, and the stage's setup.

A traffic file is JSON or YAML holding any of the ``Traffic`` fields; it
changes the preset it starts from (``--preset``, default busy):

    page_views: 250000
    contact_posts: 40
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import stack
from ..deploy import stage_settings
from .prices import ASSUME


@dataclass(frozen=True)
class Traffic:
    """One month of use. Each field documents the default's reason."""

    page_views: int = 0
    contact_posts: int = 0
    rsvps: int = 0
    ratings: int = 0
    comments: int = 0
    owner_sessions: int = 0  # the owner opening the dashboard
    deploys: int = 0  # `make deploy` runs
    # Requests a page view makes to CloudFront: the HTML, and now and then the
    # stylesheet, script, images and search files a browser has not cached yet.
    requests_per_page_view: Decimal = Decimal(4)
    # KB sent per page view, compressed: an article is under 30 KB before images
    # (docs/benchmarks.md, Page weight); images average the rest.
    kb_per_page_view: Decimal = Decimal(120)
    # Share of CloudFront requests answered from its cache (static files are
    # cached for a day or more; CloudFront still asks S3 after each deploy).
    cache_hit_ratio: Decimal = Decimal("0.9")
    site_mb: Decimal = Decimal(60)  # build/ in S3 with its images
    site_files: int = 1500  # objects in the bucket: LIST calls per sync
    files_per_deploy: int = 40  # uploads per deploy (changed pages, indexes, feeds)
    paths_per_deploy: int = 40  # invalidation paths per deploy
    table_mb: Decimal = Decimal(50)  # the DynamoDB table: years of messages and RSVPs
    log_months_never_expire: int = 36  # logs kept forever: the bill after three years


PRESETS: dict[str, Traffic] = {
    # The month of issue 18: a busy personal site.
    "busy": Traffic(
        page_views=100_000,
        contact_posts=2_000,
        rsvps=500,
        ratings=5_000,
        comments=3_000,
        owner_sessions=60,
        deploys=8,
    ),
    # Nobody visits, nobody deploys: the scheduled jobs still run.
    "idle": Traffic(),
}


class TrafficError(ValueError):
    """A traffic file names a field the model does not know, or a bad value."""


def load(preset: str, path: Path | None = None) -> Traffic:
    """Return the preset, changed by the traffic file at ``path`` if given."""
    traffic = PRESETS[preset]
    if path is None:
        return traffic
    import yaml  # JSON is YAML too

    data = yaml.safe_load(path.read_text()) or {}
    if not isinstance(data, dict):
        raise TrafficError(f"{path}: expected a mapping of traffic figures")
    fields = {f.name: f for f in dataclasses.fields(Traffic)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in fields:
            raise TrafficError(f"{path}: {key}: unknown (known: {', '.join(fields)})")
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            raise TrafficError(f"{path}: {key}: expected a number, got {value!r}") from None
        if number < 0:
            raise TrafficError(f"{path}: {key}: must not be negative")
        changes[key] = int(number) if fields[key].type == "int" else number
    return dataclasses.replace(traffic, **changes)


_RATE = re.compile(r"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")
_MINUTES = {"minute": 1, "hour": 60, "day": 1440}


def runs_per_month(expression: str) -> Decimal:
    """Count a ``rate(...)`` schedule's runs in a month of 730 hours."""
    match = _RATE.match(expression.strip())
    if not match:
        raise ValueError(f"cannot count {expression!r}: only rate(N unit) schedules are modelled")
    every = int(match.group(1)) * _MINUTES[match.group(2).rstrip("s")]
    return Decimal(ASSUME.hours_per_month * 60) / Decimal(every)


@dataclass(frozen=True)
class Setup:
    """What the stage's settings and the stack decide: memory, schedules, logs, alarms."""

    memory_mb: int
    jobs: tuple[tuple[str, str], ...]  # (function, rate expression)
    keep_warm: str | None  # its rate expression, None when off
    log_retention_days: int | None  # None: never expire
    alarms: int


def read_setup(settings: Path, stage: str, stack_path: Path) -> Setup:
    """Read the stage from zappa_settings.json and the alarms and retention from the stack."""
    config = stage_settings(settings, stage)
    template = stack.load(stack_path)
    keep_warm = None
    if config.get("keep_warm", True):  # Zappa keeps functions warm unless told not to
        keep_warm = config.get("keep_warm_expression", "rate(4 minutes)")
    return Setup(
        memory_mb=int(config.get("memory_size", 512)),
        jobs=tuple((e["function"], e["expression"]) for e in config.get("events", [])),
        keep_warm=keep_warm,
        log_retention_days=stack.log_retention_days(template),
        alarms=stack.cloudwatch_alarm_count(template),
    )
