"""Fixtures for the cost model: a small measured file whose figures the tests control."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sitegen.publish.cost import traffic

ROOT = Path(__file__).resolve().parents[2]


def figures(**changes: Any) -> dict[str, Any]:
    """Return one action's (or job run's) measured figures, with ``changes``."""
    base = {
        "samples": 5,
        "invocations": 2,
        "rru": 1,
        "wru": 4,
        "ddb_calls": 3,
        "ms": 30,
        "aws_ms": 10,
        "response_bytes": 500,
        "emails": 1,
        "email_bytes": 2000,
        "log_bytes": 300,
    }
    return {**base, **changes}


def measured_data() -> dict[str, Any]:
    """Return a measured file's content with round numbers."""
    actions = {key: figures() for key in ("contact_posts", "rsvps", "ratings", "owner_sessions")}
    actions["comments"] = {"label": "comment", "skipped": "not in this API yet"}
    return {
        "version": 1,
        "measured_at": "2026-12-07T00:00:00+00:00",
        "actions": actions,
        "keep_warm": figures(invocations=1, rru=0, wru=0, emails=0, ms=1, aws_ms=0),
        "jobs": {
            "api.jobs.retry_notifications": figures(invocations=1, emails=0, ms=5, aws_ms=4),
            "api.events.jobs.send_mail": figures(invocations=1, emails=0, ms=5, aws_ms=4),
        },
    }


@pytest.fixture
def measured_file(tmp_path: Path) -> Path:
    """Write the round-number measured file and return its path."""
    path = tmp_path / "measured.json"
    path.write_text(json.dumps(measured_data()))
    return path


@pytest.fixture
def setup() -> traffic.Setup:
    """A stage like prod: 256 MB, two jobs, keep-warm every 5 minutes, 30-day logs, 8 alarms."""
    return traffic.Setup(
        memory_mb=256,
        jobs=(
            ("api.jobs.retry_notifications", "rate(15 minutes)"),
            ("api.events.jobs.send_mail", "rate(5 minutes)"),
        ),
        keep_warm="rate(5 minutes)",
        log_retention_days=30,
        alarms=8,
    )


D = Decimal
