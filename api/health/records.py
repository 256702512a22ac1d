"""Write what the health page reads: a job's run, a deploy, a server error.

Each writer is a single put or update, and the callers never let one fail
what they were doing: a job's run or a request's 5xx is recorded on the
side, and a record that cannot be written is logged and dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from ..storage import TTL_ATTRIBUTE, Table

JOBS_LISTING = "JOBRUNS"
ERRORS_LISTING = "ERRORS"
DEPLOY_KEY = ("DEPLOY", "LAST")
ERROR_PREFIX = "ERROR#"
KEEP_ERRORS = timedelta(days=14)
MAX_TEXT = 200  # longest path, code or error text kept


def stamp(when: datetime) -> str:
    """Return a UTC time as ISO 8601 to the millisecond, which sorts as text."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _short(text: str | None) -> str | None:
    return None if text is None else str(text)[:MAX_TEXT]


def job_key(name: str) -> tuple[str, str]:
    """Return the (pk, sk) of a job's last run."""
    return f"JOBRUN#{name}", "LAST"


def record_job_run(
    table: Table,
    name: str,
    started: datetime,
    finished: datetime,
    counts: dict[str, int] | None,
    error: str | None = None,
) -> dict[str, Any]:
    """Record a job's run as its last one; count runs and failures."""
    sets = [
        "#type = :type",
        "job = :job",
        "gsi1pk = :listing",
        "gsi1sk = :job",
        "started_at = :started",
        "finished_at = :finished",
        "seconds = :seconds",
        "#counts = :counts",
        "ok = :ok",
        "#error = :error",
    ]
    values: dict[str, Any] = {
        ":type": "job_run",
        ":job": name,
        ":listing": JOBS_LISTING,
        ":started": stamp(started),
        ":finished": stamp(finished),
        ":seconds": Decimal(str(round(max(0.0, (finished - started).total_seconds()), 3))),
        ":counts": {str(k): int(v) for k, v in (counts or {}).items()},
        ":ok": error is None,
        ":error": _short(error),
        ":one": 1,
    }
    adds = ["runs :one"]
    if error is not None:
        sets += ["failed_at = :finished", "last_error = :error"]
        adds.append("failures :one")
    pk, sk = job_key(name)
    return table.update(
        pk,
        sk,
        f"SET {', '.join(sets)} ADD {', '.join(adds)}",
        values,
        names={"#type": "type", "#counts": "counts", "#error": "error"},
    )


def record_deploy(
    table: Table, stage: str, finished: datetime, commit: str | None, api: bool
) -> dict[str, Any]:
    """Record a finished ``make deploy`` as the last one."""
    item = {
        "pk": DEPLOY_KEY[0],
        "sk": DEPLOY_KEY[1],
        "type": "deploy",
        "stage": stage,
        "finished_at": stamp(finished),
        "commit": _short(commit),
        "api": api,
    }
    table.call("put_item", TableName=table.name, Item=table.dump(item))
    return item


def record_error(
    table: Table,
    when: datetime,
    request_id: str,
    method: str,
    path: str,
    status: int,
    code: str | None,
    exception: str | None = None,
) -> dict[str, Any]:
    """Record a 5xx answer by its request id (what was asked, never what was sent)."""
    item = {
        "pk": f"{ERROR_PREFIX}{when.astimezone(UTC):%Y-%m-%d}",
        "sk": f"{stamp(when)}#{request_id}",
        "gsi1pk": ERRORS_LISTING,  # newest first across days in one query
        "gsi1sk": f"{stamp(when)}#{request_id}",
        "type": "error",
        "at": stamp(when),
        "request_id": request_id,
        "method": method,
        "path": _short(path),
        "status": int(status),
        "error": _short(code),
        "exception": _short(exception),
        TTL_ATTRIBUTE: int((when + KEEP_ERRORS).timestamp()),
    }
    table.call("put_item", TableName=table.name, Item=table.dump(item))
    return item
